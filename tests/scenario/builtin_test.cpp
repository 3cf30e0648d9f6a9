// Every built-in scenario (scenarios/**/*.toml, embedded at build time) parses without errors.
#include <gtest/gtest.h>

#include "tumen/scenario/builtin.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::scenario {
namespace {

TEST(builtin, includes_the_reference_scenarios) {
  for (const char* name : {"reference/mm1", "reference/mm3", "reference/md1", "reference/tandem",
                           "reference/mm1_priority", "reference/mmck", "reference/mm1_patience"}) {
    const auto b = find_builtin(name);
    ASSERT_TRUE(b.has_value()) << name;
    EXPECT_FALSE(b->summary.empty()) << name;
    EXPECT_FALSE(b->text.empty()) << name;
  }
  EXPECT_FALSE(find_builtin("no/such").has_value());
}

TEST(builtin, every_builtin_scenario_is_valid) {
  const auto all = builtin_scenarios();
  ASSERT_FALSE(all.empty());
  for (const auto& b : all) {
    const auto r = read(b.text, b.file_name());
    EXPECT_FALSE(r.problems.has_errors()) << b.name << ":\n" << r.problems.to_string();
    EXPECT_TRUE(r.model.has_value()) << b.name;
  }
}

TEST(builtin, reference_scenarios_have_no_warnings) {
  for (const auto& b : builtin_scenarios()) {
    if (b.name.rfind("reference/", 0) != 0) continue;
    EXPECT_TRUE(check(b.text, b.file_name()).empty()) << b.name << ":\n"
                                                      << check(b.text, b.file_name()).to_string();
  }
}

}  // namespace
}  // namespace tumen::scenario
