// Targets: "METRIC OP VALUE [UNIT]", aliases, units, and the confidence rule for "met".
#include "tumen/experiment/target.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "tumen/base/error.hpp"
#include "tumen/results/metric_units.hpp"
#include "tumen/scenario/builtin.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::experiment {
namespace {

// The message of the input_error `text` raises, or "" when it parses.
std::string problem(const std::string& text) {
  try {
    (void)parse_target(text);
  } catch (const input_error& e) {
    EXPECT_EQ(e.problems().error_count(), 1u);
    EXPECT_EQ(e.problems().items()[0].where.file, "--target");
    return e.problems().to_string();
  }
  return "";
}

results::interval_row row(double mean, double half_width, std::size_t n = 10) {
  results::interval_row r;
  r.name = "x";
  r.mean = mean;
  r.half_width = half_width;
  r.low = mean - half_width;
  r.high = mean + half_width;
  r.n = n;
  return r;
}

TEST(target, parses_aliases_operators_and_units) {
  auto t = parse_target("p95_wait <= 2 h");
  EXPECT_EQ(t.metric, "max_wait_p95");
  EXPECT_EQ(t.written, "p95_wait");
  EXPECT_EQ(t.op, comparison::less_equal);
  EXPECT_DOUBLE_EQ(t.bound, 7200);
  EXPECT_TRUE(t.duration);
  EXPECT_TRUE(t.upper());

  t = parse_target("  mean_wait<30 min ");
  EXPECT_EQ(t.metric, "max_wait_mean");
  EXPECT_EQ(t.op, comparison::less);
  EXPECT_DOUBLE_EQ(t.bound, 1800);
  EXPECT_EQ(t.text, "mean_wait<30 min");

  t = parse_target("utilisation <= 0.85");
  EXPECT_EQ(t.metric, "max_utilisation");
  EXPECT_DOUBLE_EQ(t.bound, 0.85);
  EXPECT_FALSE(t.duration);

  t = parse_target("vehicles_per_day >= 300");
  EXPECT_EQ(t.metric, "vehicles_per_day");
  EXPECT_EQ(t.op, comparison::greater_equal);
  EXPECT_FALSE(t.upper());

  t = parse_target("stage.ru_customs.wait.p95 > 45 s");
  EXPECT_EQ(t.op, comparison::greater);
  EXPECT_DOUBLE_EQ(t.bound, 45);
  EXPECT_TRUE(t.duration);

  EXPECT_DOUBLE_EQ(parse_target("stage.a.hourly.wait_mean.08 <= 20 min").bound, 1200);
}

TEST(target, knows_which_metrics_are_durations) {
  using results::is_duration_metric;
  EXPECT_TRUE(is_duration_metric("max_wait_p95"));
  EXPECT_TRUE(is_duration_metric("stage.x.wait.mean"));
  EXPECT_TRUE(is_duration_metric("stage.x.hourly.wait_mean.07"));
  EXPECT_TRUE(is_duration_metric("stage.x.service.mean"));
  EXPECT_TRUE(is_duration_metric("yard.y.transfer.mean"));
  EXPECT_TRUE(is_duration_metric("holding.h.wait_outside.p95"));
  EXPECT_TRUE(is_duration_metric("flow.r.truck.demand.time_in_system.p95"));
  EXPECT_TRUE(is_duration_metric("rail.station.kp.wait.p95"));
  EXPECT_TRUE(is_duration_metric("rail.station.kp.inspection.mean"));
  EXPECT_TRUE(is_duration_metric("rail.gauge.g.work.mean"));
  EXPECT_TRUE(is_duration_metric("rail.bridge.b.wait.max"));
  EXPECT_TRUE(is_duration_metric("rail.flow.r.freight.time_in_system.mean"));
  EXPECT_FALSE(is_duration_metric("vehicles_per_day"));
  EXPECT_FALSE(is_duration_metric("stage.x.queue_mean"));
  EXPECT_FALSE(is_duration_metric("stage.x.hourly.queue_mean.07"));
  EXPECT_FALSE(is_duration_metric("rail.kp_to_ru.tonnes_per_day"));
  EXPECT_FALSE(is_duration_metric("rail.station.kp.utilisation"));
  EXPECT_FALSE(is_duration_metric("all_modes.persons_per_day"));
  // An element whose id happens to be "wait" does not make its counts durations.
  EXPECT_FALSE(is_duration_metric("stage.wait.arrived"));
  EXPECT_FALSE(is_duration_metric("rail.station.wait.inspected"));
}

TEST(target, rail_waits_take_a_time) {
  EXPECT_DOUBLE_EQ(parse_target("rail.station.kp.wait.p95 <= 2 h").bound, 7200);
}

// Targets on the rail line are checked against the scenario's rail elements before any run.
TEST(target, rail_metrics_are_known_before_the_run) {
  const auto b = scenario::find_builtin("khasan-tumangang");
  ASSERT_TRUE(b);
  const auto sc = scenario::parse(b->text, b->file_name());
  ASSERT_TRUE(sc.has_rail());
  std::vector<target> ts;
  for (const char* text :
       {"rail.station.khasan_station.wait.p95 <= 12 h", "rail.trains_per_day >= 1",
        "rail.kp_to_ru.tonnes_per_day >= 1", "all_modes.tonnes_per_day >= 1"})
    ts.push_back(parse_target(text));
  for (const auto& r : sc.rail_bridges)
    ts.push_back(parse_target("rail.bridge." + r.id + ".wait.mean <= 1 h"));
  for (const auto& r : sc.rail_routes)
    for (const auto& k : sc.train_kinds)
      if (std::any_of(sc.trains.begin(), sc.trains.end(), [&](const scenario::train_service& t) {
            return sc.rail_routes[static_cast<std::size_t>(t.route)].id == r.id &&
                   sc.train_kinds[static_cast<std::size_t>(t.kind)].id == k.id;
          }))
        ts.push_back(parse_target("rail.flow." + r.id + "." + k.id + ".cleared >= 1"));
  std::vector<target_metric> wanted;
  for (const auto& t : ts) wanted.push_back({&t, t.metric});
  EXPECT_NO_THROW(check_metrics_known(wanted, sc));
  const auto typo = parse_target("rail.station.khasan.wait.p95 <= 12 h");
  EXPECT_THROW(check_metrics_known({{&typo, typo.metric}}, sc), input_error);
}

TEST(target, says_which_part_is_wrong) {
  EXPECT_NE(problem("p95_wait <= 2").find("write the bound with its unit"), std::string::npos);
  EXPECT_NE(problem("vehicles_per_day >= 300 min").find("bare number"), std::string::npos);
  EXPECT_NE(problem("p95_wait 2 h").find("no comparison operator"), std::string::npos);
  EXPECT_NE(problem("p95_wait = 2 h").find("'=' alone"), std::string::npos);
  EXPECT_NE(problem("p95_wait => 2 h").find("\"=>\" is not a comparison operator"),
            std::string::npos);
  EXPECT_NE(problem("p95_wait <== 2 h").find("\"<==\" is not a comparison operator"),
            std::string::npos);
  EXPECT_NE(problem("<= 2 h").find("metric before the operator is missing"), std::string::npos);
  EXPECT_NE(problem("p95_wait <=").find("value after the operator is missing"), std::string::npos);
  EXPECT_NE(problem("p95 wait <= 2 h").find("is not a metric name"), std::string::npos);
  EXPECT_NE(problem("p95_wait <= 2 parsecs").find("unknown unit"), std::string::npos);
  EXPECT_EQ(problem("p95_wait <= 2 h"), "");
  // Every message shows the valid form.
  EXPECT_NE(problem("p95_wait 2 h").find("valid: METRIC OP VALUE [UNIT]"), std::string::npos);
}

TEST(target, reports_every_bad_target_at_once) {
  try {
    (void)parse_targets({"p95_wait <= 2", "utilisation <= 0.9", "x == 1", "mean_wait <= 3 apples"});
    FAIL() << "expected input_error";
  } catch (const input_error& e) {
    EXPECT_EQ(e.problems().error_count(), 3u);
  }
  EXPECT_EQ(parse_targets({"p95_wait <= 2 h", "utilisation <= 0.9"}).size(), 2u);
}

TEST(target, is_met_only_when_the_whole_interval_is_on_its_side) {
  const auto r = row(100, 10);  // [90, 110]
  EXPECT_TRUE(assess(parse_target("x <= 110"), r).met);
  EXPECT_FALSE(assess(parse_target("x < 110"), r).met);
  EXPECT_FALSE(assess(parse_target("x <= 105"), r).met);  // the mean is below, the interval is not
  EXPECT_DOUBLE_EQ(assess(parse_target("x <= 105"), r).compared, 110);
  EXPECT_TRUE(assess(parse_target("x >= 90"), r).met);
  EXPECT_FALSE(assess(parse_target("x > 90"), r).met);
  EXPECT_DOUBLE_EQ(assess(parse_target("x >= 95"), r).compared, 90);
  // One replication has no interval: never met, however far from the bound.
  EXPECT_FALSE(
      assess(parse_target("x <= 1000"), row(1, std::numeric_limits<double>::infinity(), 1)).met);
  EXPECT_FALSE(assess(parse_target("x <= 1000"), row(1, 0, 1)).met);
}

TEST(target, unknown_metrics_are_input_errors_with_suggestions) {
  const auto b = scenario::find_builtin("reference/mm1");
  ASSERT_TRUE(b);
  const auto sc = scenario::parse(b->text, b->file_name());
  const auto good = parse_target("stage.server.wait.mean <= 5 min");
  const auto typo = parse_target("stage.sever.wait.mean <= 5 min");
  const auto flow = parse_target("flow.through.customer.demand.cleared >= 1");
  EXPECT_NO_THROW(check_metrics_known({{&good, good.metric}, {&flow, flow.metric}}, sc));
  try {
    check_metrics_known({{&good, good.metric}, {&typo, typo.metric}}, sc);
    FAIL() << "expected input_error";
  } catch (const input_error& e) {
    ASSERT_EQ(e.problems().error_count(), 1u);
    const auto text = e.problems().to_string();
    EXPECT_NE(text.find("stage.sever.wait.mean"), std::string::npos);
    EXPECT_NE(text.find("stage.server.wait.mean"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace tumen::experiment
