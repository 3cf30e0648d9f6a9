// The key table is well formed, and docs/scenario-reference.md is the page it generates.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "tumen/scenario/key_table.hpp"
#include "tumen/scenario/suggest.hpp"

namespace tumen::scenario {
namespace {

TEST(key_table, rows_are_unique_and_have_parents) {
  std::set<std::string_view> seen;
  for (const auto& row : key_table()) {
    EXPECT_TRUE(seen.insert(row.pattern).second) << row.pattern;
    EXPECT_FALSE(row.doc.empty()) << row.pattern;
    EXPECT_FALSE(row.type.empty()) << row.pattern;
    const auto dot = row.pattern.rfind('.');
    if (dot != std::string_view::npos) {
      const auto* parent = find_key(row.pattern.substr(0, dot));
      ASSERT_NE(parent, nullptr) << row.pattern;
      EXPECT_FALSE(parent->leaf) << row.pattern;
    }
  }
}

TEST(key_table, matches_concrete_paths) {
  EXPECT_EQ(find_key("stages.kp_customs.lanes.0.classes")->pattern,
            "stages.<id>.lanes.<n>.classes");
  EXPECT_EQ(find_key("run.days")->pattern, "run.days");
  EXPECT_EQ(find_key("run.dayz"), nullptr);
  EXPECT_EQ(find_key("stages.x.service.mean"), nullptr);  // inside a leaf: not a key of its own
  const auto children = child_names({"stages", "x"});
  EXPECT_NE(std::find(children.begin(), children.end(), "lanes"), children.end());
}

TEST(suggest, edit_distance_and_suggestions) {
  EXPECT_EQ(edit_distance("lane", "lanes"), 1u);
  EXPECT_EQ(edit_distance("saervice", "service"), 1u);
  EXPECT_EQ(edit_distance("qeueu", "queue"), 2u);
  EXPECT_EQ(did_you_mean("lane", {"lanes", "queue"}), "did you mean 'lanes'?");
  EXPECT_EQ(did_you_mean("xyz", {"lanes", "queue"}), "");
  EXPECT_EQ(list_names({"a", "b", "c"}), "'a', 'b' or 'c'");
}

TEST(key_table, reference_page_is_current) {
  const std::string path = TUMEN_SCENARIO_REFERENCE;
  const std::string generated = reference_markdown();
  if (std::getenv("TUMEN_REFRESH_REFERENCE")) {
    std::ofstream(path, std::ios::binary) << generated;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(committed.str(), generated)
      << path << " is out of date with src/tumen/scenario/key_table.cpp. Refresh it with:\n"
      << "  TUMEN_REFRESH_REFERENCE=1 build-scenario/tests/tumen_scenario_tests "
         "--gtest_filter=key_table.reference_page_is_current\n";
}

}  // namespace
}  // namespace tumen::scenario
