// Tests for the CSV parser: quoting, line ends, BOM, comments, cell positions, and every error
// with its exact place.
#include "tumen/base/csv_text.hpp"

#include <gtest/gtest.h>

#include "tumen/base/error.hpp"

namespace tumen {
namespace {

// The problems parse_csv throws, one formatted line each; empty when it does not throw.
std::vector<std::string> problems_of(std::string_view text) {
  try {
    parse_csv(text, "t.csv");
  } catch (const input_error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.problems().items()) out.push_back(format(d));
    return out;
  }
  return {};
}

// The first line of each problem (without the "valid:" hint).
std::vector<std::string> first_lines(std::string_view text) {
  auto all = problems_of(text);
  for (auto& p : all) p = p.substr(0, p.find('\n'));
  return all;
}

void expect_cell(const csv_cell& c, std::string_view text, int line, int column) {
  EXPECT_EQ(c.text, text);
  EXPECT_EQ(c.line, line) << c.text;
  EXPECT_EQ(c.column, column) << c.text;
}

TEST(CsvText, HeaderRowsAndPositions) {
  const auto doc = parse_csv("hour, general ,trucks\n0,40,  12\n1,,7\n", "t.csv");
  ASSERT_EQ(doc.header.size(), 3u);
  expect_cell(doc.header[0], "hour", 1, 1);
  expect_cell(doc.header[1], "general", 1, 7);
  expect_cell(doc.header[2], "trucks", 1, 16);
  ASSERT_EQ(doc.rows.size(), 2u);
  expect_cell(doc.rows[0][2], "12", 2, 8);
  expect_cell(doc.rows[1][1], "", 3, 3);  // an empty cell is where it would start
  EXPECT_EQ(doc.column("general"), 1u);
  EXPECT_EQ(doc.column(" trucks "), 2u);
  EXPECT_EQ(doc.column("Trucks"), std::nullopt);
}

TEST(CsvText, QuotedCellsWithEscapesCommasAndNewlines) {
  const auto doc =
      parse_csv("name,note\n\"a, b\",\"say \"\"hi\"\"\"\n\"two\nlines\" , x\nlast,\"\"\n", "t.csv");
  ASSERT_EQ(doc.rows.size(), 3u);
  expect_cell(doc.rows[0][0], "a, b", 2, 1);
  expect_cell(doc.rows[0][1], "say \"hi\"", 2, 8);
  expect_cell(doc.rows[1][0], "two\nlines", 3, 1);
  expect_cell(doc.rows[1][1], "x", 4, 10);  // the line count goes on inside a quoted cell
  expect_cell(doc.rows[2][1], "", 5, 6);
}

TEST(CsvText, QuotedCellKeepsItsSpaces) {
  const auto doc = parse_csv("a\n\"  padded  \"\n", "t.csv");
  EXPECT_EQ(doc.rows.at(0).at(0).text, "  padded  ");
}

TEST(CsvText, CrlfLineEndsAndNoFinalNewline) {
  const auto doc = parse_csv("hour,v\r\n0,1\r\n1,2", "t.csv");
  ASSERT_EQ(doc.rows.size(), 2u);
  expect_cell(doc.header[1], "v", 1, 6);
  expect_cell(doc.rows[0][1], "1", 2, 3);
  expect_cell(doc.rows[1][1], "2", 3, 3);
  const auto quoted = parse_csv("a\r\n\"x\r\ny\"\r\n", "t.csv");
  EXPECT_EQ(quoted.rows.at(0).at(0).text, "x\r\ny");
}

TEST(CsvText, ByteOrderMarkIsSkippedAndColumnsCountCharacters) {
  const auto doc = parse_csv("\xEF\xBB\xBFhour,v\n\"\xC3\xA9t\xC3\xA9\",2\n", "t.csv");
  expect_cell(doc.header[0], "hour", 1, 1);
  EXPECT_EQ(doc.column("hour"), 0u);
  expect_cell(doc.rows[0][0], "\xC3\xA9t\xC3\xA9", 2, 1);
  expect_cell(doc.rows[0][1], "2", 2, 7);  // "été" is 5 characters with its quotes, 7 bytes
}

TEST(CsvText, CommentAndBlankLinesAreSkipped) {
  const auto doc = parse_csv(
      "# source: customs report 2023, table 4\n\nhour,v\n  \n# a note, with \"quotes\n0,1\n\n",
      "t.csv");
  expect_cell(doc.header[0], "hour", 3, 1);
  ASSERT_EQ(doc.rows.size(), 1u);
  expect_cell(doc.rows[0][1], "1", 6, 3);
}

TEST(CsvText, UnclosedQuoteIsReportedAtTheQuote) {
  EXPECT_EQ(first_lines("a,b\n1,\"open\n2,3\n"),
            std::vector<std::string>{"t.csv:2:3: error: this quoted cell has no closing quote "
                                     "(\"), so the rest of the text is inside it"});
}

TEST(CsvText, TextAfterClosingQuote) {
  EXPECT_EQ(first_lines("a,b\n\"x\"y,2\n"),
            std::vector<std::string>{
                "t.csv:2:4: error: text after the closing quote of the cell that starts at 2:1"});
}

TEST(CsvText, RowWithTooManyCells) {
  EXPECT_EQ(first_lines("hour,v\n0,1\n1,2,3\n"),
            std::vector<std::string>{"t.csv:3:5: error: this row has 3 cells but the header "
                                     "has 2 (this cell is one too many)"});
}

TEST(CsvText, RowWithTooFewCells) {
  EXPECT_EQ(first_lines("hour,a,b\n0\n"),
            std::vector<std::string>{"t.csv:2:1: error: this row has 1 cell but the header has "
                                     "3 (missing: \"a\" and after)"});
  EXPECT_EQ(first_lines("hour,a,b\n0,1\n"),
            std::vector<std::string>{
                "t.csv:2:1: error: this row has 2 cells but the header has 3 (missing: \"b\")"});
}

TEST(CsvText, EmptyAndDuplicateHeaderNames) {
  EXPECT_EQ(first_lines("hour,,v, hour\n0,1,2,3\n"),
            (std::vector<std::string>{
                "t.csv:1:6: error: column 2 of the header has no name",
                "t.csv:1:10: error: the header names column \"hour\" twice (columns 1 and 4)"}));
}

TEST(CsvText, NoHeader) {
  const std::string want =
      "t.csv:1:1: error: there is no header row (the text has nothing but comments and blank "
      "lines); the first row names the columns";
  EXPECT_EQ(first_lines(""), std::vector<std::string>{want});
  EXPECT_EQ(first_lines("# only a comment\n\n  \n"), std::vector<std::string>{want});
  EXPECT_EQ(first_lines("\xEF\xBB\xBF"), std::vector<std::string>{want});
}

TEST(CsvText, ReportsEveryProblemInOrder) {
  const auto got = first_lines("a,a\n1,2,3\n\"x\"y,1\n1\n");
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].substr(0, 10), "t.csv:1:3:");
  EXPECT_EQ(got[1].substr(0, 10), "t.csv:2:5:");
  EXPECT_EQ(got[2].substr(0, 10), "t.csv:3:4:");
  EXPECT_EQ(got[3].substr(0, 10), "t.csv:4:1:");
}

TEST(CsvText, ProblemsCarryAHint) {
  const auto got = problems_of("a\n\"x\n");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].find("\n  valid: a quoted cell ends with \""), std::string::npos);
}

}  // namespace
}  // namespace tumen
