// Aligned plain-text columns: widths counted in characters, not bytes; the first column left- or
// right-aligned, the others right-aligned; short rows and trailing blanks.
#include <gtest/gtest.h>

#include "tumen/output/text_columns.hpp"

using tumen::output::aligned;
using tumen::output::first_column;
using tumen::output::text_width;

TEST(text_columns, width_counts_characters_not_bytes) {
  EXPECT_EQ(text_width(""), 0u);
  EXPECT_EQ(text_width("abc"), 3u);
  EXPECT_EQ(text_width("1 ± 2"), 5u);  // "±" is two bytes
  EXPECT_EQ(text_width("× 1.5"), 5u);  // so is "×"
  EXPECT_EQ(text_width("B − A"), 5u);  // "−" is three
}

TEST(text_columns, first_column_left_the_others_right_trailing_blanks_trimmed) {
  EXPECT_EQ(aligned({{"scale", "wait", ""}, {"× 1.000", "1 ± 2", "met"}, {"× 2", "12 ± 3"}}),
            "  scale      wait\n"
            "  × 1.000   1 ± 2  met\n"
            "  × 2      12 ± 3\n");
}

TEST(text_columns, every_column_right_aligned_without_indent) {
  EXPECT_EQ(aligned({{"point", "lanes"}, {"0", "1"}, {"10", "12"}}, "", first_column::right),
            "point  lanes\n"
            "    0      1\n"
            "   10     12\n");
}
