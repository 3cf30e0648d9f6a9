// `--set key.path=value` overrides and `[variants.NAME]` override sets.
#include <gtest/gtest.h>

#include <algorithm>

#include "tumen/base/error.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::scenario {
namespace {

constexpr std::string_view scenario_text = R"toml([run]
days = 7
[classes.car]
[stages.primary]
lanes = 2
service = "exp(mean 1 min)"
[routes.r]
path = ["primary"]
[[demand]]
per_day = 100

[variants.busy]
"stages.primary.lanes" = 6
run.demand_scale = 2.0
stages.primary.service = { dist = "lognormal", mean = "2 min", cv = 0.5 }

[variants.broken]
"stages.primary.lanes" = 0
"stages.primry.lanes" = 3
)toml";

std::vector<override_spec> sets(std::initializer_list<const char*> texts) {
  std::vector<override_spec> out;
  for (const char* t : texts) out.push_back(parse_override(t));
  return out;
}

TEST(overrides, parse_override_splits_path_and_value) {
  const auto o = parse_override(" stages.ru_primary.lanes = 6 ");
  EXPECT_EQ(o.path, "stages.ru_primary.lanes");
  EXPECT_EQ(o.value, "6");
  EXPECT_EQ(parse_override("run.warmup=2 d").value, "2 d");
  EXPECT_THROW((void)parse_override("run.days"), input_error);
  EXPECT_THROW((void)parse_override("=3"), input_error);
  EXPECT_THROW((void)parse_override("run..days=3"), input_error);
  EXPECT_THROW((void)parse_override("run.days="), input_error);
  try {
    (void)parse_override("run days=3");
    FAIL();
  } catch (const input_error& e) {
    ASSERT_EQ(e.problems().items().size(), 1u);
    EXPECT_EQ(e.problems().items()[0].where.file, "--set");
    EXPECT_EQ(e.problems().items()[0].key_path, "run days");
  }
}

TEST(overrides, valid_overrides_change_the_model) {
  const auto sc = parse(
      scenario_text, "o.toml",
      sets({"stages.primary.lanes=6", "run.days=30", "demand.0.per_day=120", "demand.scale=1.5",
            "run.warmup=2 d", "stages.primary.service=lognormal(mean 2 min, cv 0.5)"}));
  EXPECT_EQ(sc.stages[0].total_lanes(), 6);
  EXPECT_EQ(sc.run.days, 30);
  EXPECT_NEAR(sc.demands[0].per_day(), 120, 1e-9);
  EXPECT_DOUBLE_EQ(sc.run.demand_scale, 1.5);
  EXPECT_DOUBLE_EQ(sc.run.warmup, 2 * 86400);
  EXPECT_NEAR(sc.stages[0].service_by_class[0]->mean(), 120, 1e-9);
  EXPECT_EQ(sc.overrides.size(), 6u);
  EXPECT_EQ(sc.overrides[0], "stages.primary.lanes=6");
  EXPECT_EQ(sc.source_text, scenario_text);  // the original text is kept
}

TEST(overrides, can_add_keys_that_were_absent) {
  const auto sc =
      parse(scenario_text, "o.toml", sets({"run.seed=99", "stages.primary.queue=\"per_lane\""}));
  EXPECT_EQ(sc.run.seed, 99u);
  EXPECT_EQ(sc.stages[0].queue, queue_discipline::per_lane);
}

TEST(overrides, invalid_paths_are_reported_with_file_set) {
  const auto ds =
      check(scenario_text, "o.toml",
            sets({"stages.primary.lane=6", "demand.3.per_day=1", "run.days.x=1", "rn.days=3"}));
  ASSERT_EQ(ds.error_count(), 4u) << ds.to_string();
  for (const auto& d : ds.items()) {
    EXPECT_EQ(d.where.file, "--set");
    EXPECT_EQ(d.where.line, 0);
  }
  EXPECT_EQ(ds.items()[0].key_path, "stages.primary.lane");
  EXPECT_NE(ds.items()[0].message.find("did you mean 'lanes'?"), std::string::npos);
  EXPECT_EQ(ds.items()[1].key_path, "demand.3.per_day");
  EXPECT_NE(ds.items()[1].message.find("demand has 1 entry; '3' is not a position in it"),
            std::string::npos);
  EXPECT_NE(ds.items()[2].message.find("there is no key 'x' in run.days"), std::string::npos);
  EXPECT_NE(ds.items()[3].message.find("did you mean 'run'?"), std::string::npos);
}

TEST(overrides, invalid_values_are_reported_with_file_set_and_the_key_path) {
  const auto ds = check(scenario_text, "o.toml",
                        sets({"stages.primary.lanes=0", "run.warmup=3 parsecs", "run.days=many"}));
  ASSERT_EQ(ds.error_count(), 3u) << ds.to_string();
  for (const auto& d : ds.items()) EXPECT_EQ(d.where.file, "--set");
  EXPECT_EQ(ds.items()[0].key_path, "run.days");
  EXPECT_NE(ds.items()[0].message.find("must be a whole number, got the string \"many\""),
            std::string::npos);
  EXPECT_EQ(ds.items()[1].key_path, "run.warmup");
  EXPECT_NE(ds.items()[1].message.find("unknown unit \"parsecs\""), std::string::npos);
  EXPECT_EQ(ds.items()[2].key_path, "stages.primary.lanes");
  // A value that is not valid text is rejected before TOML sees it.
  const auto junk = check(scenario_text, "o.toml", {override_spec{"run.days", "\xff"}});
  ASSERT_EQ(junk.error_count(), 1u);
  EXPECT_EQ(junk.items()[0].where.file, "--set");
  EXPECT_NE(junk.items()[0].message.find("UTF-8"), std::string::npos);
}

TEST(variants, a_variant_applies_its_overrides) {
  const auto sc = parse(scenario_text, "o.toml", {}, "busy");
  EXPECT_EQ(sc.stages[0].total_lanes(), 6);
  EXPECT_DOUBLE_EQ(sc.run.demand_scale, 2.0);
  EXPECT_NEAR(sc.stages[0].service_by_class[0]->mean(), 120, 1e-9);
  EXPECT_EQ(sc.variant, "busy");
  // --set wins over the variant.
  EXPECT_EQ(parse(scenario_text, "o.toml", sets({"stages.primary.lanes=4"}), "busy")
                .stages[0]
                .total_lanes(),
            4);
  // Without --variant the file's own values hold.
  EXPECT_EQ(parse(scenario_text, "o.toml").stages[0].total_lanes(), 2);
}

TEST(variants, errors_in_a_variant_point_into_the_file) {
  const auto ds = check(scenario_text, "o.toml", {}, "broken");
  ASSERT_EQ(ds.error_count(), 2u) << ds.to_string();
  EXPECT_EQ(ds.items()[0].where.line, 19);
  EXPECT_EQ(ds.items()[0].key_path, "stages.primry.lanes");
  EXPECT_NE(ds.items()[0].message.find(
                "there is no stages \"primry\" to change; did you mean 'primary'?"),
            std::string::npos);
  EXPECT_EQ(ds.items()[1].where.line, 18);
  EXPECT_EQ(ds.items()[1].key_path, "stages.primary.lanes");
  EXPECT_NE(ds.items()[1].message.find("got 0"), std::string::npos);
}

TEST(variants, an_unknown_variant_lists_the_known_ones) {
  const auto ds = check(scenario_text, "o.toml", {}, "bussy");
  ASSERT_EQ(ds.error_count(), 1u);
  EXPECT_EQ(ds.items()[0].where.file, "--variant");
  EXPECT_NE(ds.items()[0].message.find("there is no variant \"bussy\"; did you mean 'busy'?"),
            std::string::npos);
  EXPECT_NE(ds.items()[0].valid.find("'busy' or 'broken'"), std::string::npos);
  EXPECT_EQ(variant_names(scenario_text, "o.toml"), (std::vector<std::string>{"busy", "broken"}));
}

TEST(variants, a_variant_as_overrides_gives_the_variant) {
  const auto sets = variant_overrides(scenario_text, "o.toml", "busy");
  ASSERT_EQ(sets.size(), 3u);
  std::vector<std::string> paths;
  for (const auto& o : sets) paths.push_back(o.path);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "stages.primary.lanes"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "run.demand_scale"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "stages.primary.service"), paths.end());
  const auto a = parse(scenario_text, "o.toml", {}, "busy");
  const auto b = parse(scenario_text, "o.toml", sets);
  EXPECT_EQ(b.stages[0].total_lanes(), a.stages[0].total_lanes());
  EXPECT_EQ(b.stages[0].total_lanes(), 6);
  EXPECT_EQ(b.run.demand_scale, a.run.demand_scale);
  EXPECT_EQ(b.stages[0].service_by_class[0]->mean(), a.stages[0].service_by_class[0]->mean());
  EXPECT_TRUE(variant_overrides(scenario_text, "o.toml", "nothing").empty());
}

TEST(overrides, a_value_as_toml_text_is_what_the_reader_takes) {
  EXPECT_EQ(toml_value_of(parse_override("run.warmup=2 d")), "'2 d'");
  EXPECT_EQ(toml_value_of(parse_override("stages.x.lanes=6")), "6");
  EXPECT_EQ(toml_value_of(parse_override("run.demand_scale=1.5")), "1.5");
  EXPECT_EQ(toml_value_of(parse_override("a.b=[1, 2]")), "[ 1, 2 ]");
}

}  // namespace
}  // namespace tumen::scenario
