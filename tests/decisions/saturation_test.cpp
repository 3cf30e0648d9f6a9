// Decisions at saturation, on hand-built replications whose verdicts are set by hand: a design
// point with a saturated replication never meets a target, however short the waits of the
// vehicles served, and the point says which element saturated, in how many replications.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tumen/experiment/capacity_search.hpp"
#include "tumen/experiment/point_saturation.hpp"
#include "tumen/experiment/summary.hpp"
#include "tumen/experiment/target.hpp"

namespace tumen::experiment {
namespace {

using results::verdict_kind;

// One replication of a crossing with one stage "customs" whose served vehicles waited `wait`
// seconds on average.
results::replication_result run(double wait, verdict_kind v = verdict_kind::stable) {
  results::replication_result r;
  results::stage_result s;
  s.id = "customs";
  s.wait.mean = wait;
  s.wait.p95 = 2 * wait;
  r.stages.push_back(s);
  r.verdict.verdict = v;
  return r;
}

results::element_verdict element(std::string id, std::string group, verdict_kind v,
                                 double growth = 0) {
  results::element_verdict e;
  e.kind = "stage";
  e.element = std::move(id);
  e.lane_group = std::move(group);
  e.verdict = v;
  e.growth_per_day = growth;
  return e;
}

// Four replications; the first `saturated` of them saturated on the truck lanes of customs.
std::vector<results::replication_result> point(std::size_t saturated) {
  std::vector<results::replication_result> runs;
  const double waits[] = {60, 70, 65, 75};
  for (std::size_t k = 0; k < 4; ++k) {
    auto r = run(waits[k]);
    r.verdict.elements.push_back(element("customs", "car", verdict_kind::stable));
    if (k < saturated) {
      r.verdict.verdict = verdict_kind::saturated;
      r.verdict.elements.push_back(element("customs", "truck", verdict_kind::saturated, 200 + k));
    } else {
      r.verdict.elements.push_back(element("customs", "truck", verdict_kind::stable));
    }
    runs.push_back(std::move(r));
  }
  return runs;
}

TEST(point_saturation, counts_the_replications_and_names_the_elements_that_saturated) {
  const auto s = assess_saturation(point(2));
  EXPECT_EQ(s.replications, 4u);
  EXPECT_EQ(s.saturated, 2u);
  EXPECT_EQ(s.failing, 2u);
  EXPECT_EQ(s.capped, 0u);
  EXPECT_DOUBLE_EQ(s.share(), 0.5);
  EXPECT_TRUE(s.fails());
  ASSERT_EQ(s.elements.size(), 1u);
  EXPECT_EQ(s.elements[0].element, "customs");
  EXPECT_EQ(s.elements[0].lane_group, "truck");
  EXPECT_EQ(s.elements[0].replications, 2u);
  EXPECT_DOUBLE_EQ(s.elements[0].growth_per_day, 200.5);
  EXPECT_EQ(describe(s),
            "saturated in 2 of 4 replications: stage customs (truck) in 2, +200 a day");
}

TEST(point_saturation, a_stable_point_and_one_stable_by_losing_do_not_fail) {
  auto runs = point(0);
  runs[1].verdict.verdict = verdict_kind::stable_by_losing;
  const auto s = assess_saturation(runs);
  EXPECT_EQ(s.saturated, 0u);
  EXPECT_EQ(s.losing, 1u);
  EXPECT_FALSE(s.fails());
  EXPECT_DOUBLE_EQ(s.share(), 0);
  EXPECT_EQ(describe(s), "");
}

TEST(point_saturation, the_safety_cap_fails_a_point_and_each_replication_counts_once) {
  auto runs = point(1);
  runs[0].saturated = results::saturation{3600, 2, "customs"};  // saturated and capped
  runs[3].saturated = results::saturation{7200, 3, "customs"};  // capped only
  const auto s = assess_saturation(runs);
  EXPECT_EQ(s.saturated, 1u);
  EXPECT_EQ(s.capped, 2u);
  EXPECT_EQ(s.failing, 2u);
  EXPECT_EQ(describe(s),
            "saturated in 1 of 4 replications: stage customs (truck) in 1, +200 a day; 2 of 4 "
            "replications stopped at run.max_vehicles_inside");
}

TEST(point_saturation, orders_elements_by_how_often_they_saturated) {
  auto runs = point(3);
  runs[2].verdict.elements.push_back(element("exit", "", verdict_kind::saturated, 40));
  const auto s = assess_saturation(runs);
  ASSERT_EQ(s.elements.size(), 2u);
  EXPECT_EQ(s.elements[0].lane_group, "truck");
  EXPECT_EQ(s.elements[1].element, "exit");
  EXPECT_EQ(s.elements[1].replications, 1u);
}

TEST(capacity_judgement, a_saturated_scale_never_meets_its_targets_however_short_the_waits) {
  const auto targets = parse_targets({"stage.customs.wait.mean <= 10 min"});
  // Served vehicles waited about a minute: the target holds with room to spare.
  const auto stable = point(0);
  const auto ok = judge_scale(1.0, targets, summarise(stable), assess_saturation(stable));
  EXPECT_TRUE(ok.met());
  EXPECT_TRUE(ok.targets[0].met);
  EXPECT_TRUE(ok.reasons.empty());
  EXPECT_EQ(ok.saturated, 0u);

  // The same waits, but one replication's truck lanes fell behind for good.
  const auto one = point(1);
  const auto bad = judge_scale(1.2, targets, summarise(one), assess_saturation(one));
  EXPECT_FALSE(bad.met());
  EXPECT_EQ(bad.verdict, scale_verdict::too_high);
  EXPECT_TRUE(bad.targets[0].met);  // the target itself is met; the design is not
  EXPECT_EQ(bad.saturated, 1u);
  ASSERT_EQ(bad.reasons.size(), 1u);
  EXPECT_EQ(bad.reasons[0],
            "saturated in 1 of 4 replications: stage customs (truck) in 1, +200 a day");
}

TEST(capacity_judgement, a_saturated_scale_fails_too_high_even_when_a_floor_fails_too) {
  // A lower target (a throughput floor) failing alone means "more demand"; saturation means
  // less: the saturated scale is too high, with both reasons given.
  const auto targets = parse_targets({"vehicles_per_day >= 1000"});
  const auto runs = point(4);
  const auto e = judge_scale(2.0, targets, summarise(runs), assess_saturation(runs));
  EXPECT_EQ(e.verdict, scale_verdict::too_high);
  ASSERT_EQ(e.reasons.size(), 2u);
  EXPECT_EQ(e.reasons[1], "target 'vehicles_per_day >= 1000' not met");
}

}  // namespace
}  // namespace tumen::experiment
