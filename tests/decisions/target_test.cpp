// Targets: "METRIC OP VALUE [UNIT]", aliases, units, and the confidence rule for "met".
#include "tumen/experiment/target.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "tumen/base/error.hpp"
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
  EXPECT_TRUE(measured_in_seconds("max_wait_p95"));
  EXPECT_TRUE(measured_in_seconds("stage.x.wait.mean"));
  EXPECT_TRUE(measured_in_seconds("stage.x.hourly.wait_mean.07"));
  EXPECT_TRUE(measured_in_seconds("yard.y.transfer.mean"));
  EXPECT_TRUE(measured_in_seconds("holding.h.wait_outside.p95"));
  EXPECT_TRUE(measured_in_seconds("flow.r.truck.demand.time_in_system.p95"));
  EXPECT_FALSE(measured_in_seconds("vehicles_per_day"));
  EXPECT_FALSE(measured_in_seconds("stage.x.queue_mean"));
  EXPECT_FALSE(measured_in_seconds("stage.x.hourly.queue_mean.07"));
  // An element whose id happens to be "wait" does not make its counts durations.
  EXPECT_FALSE(measured_in_seconds("stage.wait.arrived"));
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
