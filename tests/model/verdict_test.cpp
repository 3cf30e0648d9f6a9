// Verdicts from the run itself: textbook queues whose fate is known (M/M/1 above and just below
// ρ = 1, M/M/1+M held in check by abandonment), a dedicated lane group overloaded beside idle
// lanes, the built-in and reference scenarios, the waits that count the unserved, and the early
// stops (verdict certain, memory budget).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "model_test_support.hpp"
#include "tumen/results/checks.hpp"
#include "tumen/scenario/builtin.hpp"
#include "tumen/stats/interval.hpp"
#include "tumen/stats/tally.hpp"

namespace {

using tumen::results::verdict_kind;

const tumen::results::element_verdict& verdict_of(const tumen::results::replication_result& r,
                                                  std::string_view element,
                                                  std::string_view lane_group = "") {
  for (const auto& v : r.verdict.elements)
    if (v.element == element && v.lane_group == lane_group) return v;
  throw std::invalid_argument("no verdict for " + std::string(element));
}

std::string mm1(double per_hour, int days, const std::string& extra = "") {
  return "[run]\ndays = " + std::to_string(days) +
         "\nwarmup = \"1 d\"\n[classes.customer]\n[stages.server]\nservice = \"exp(mean 60 "
         "s)\"\n" +
         extra + "[routes.through]\npath = [\"server\"]\n[[demand]]\nper_hour = " +
         std::to_string(per_hour) + "\n";
}

TEST(model_verdict, an_mm1_at_rho_1_17_is_saturated_and_grows_by_lambda_minus_mu) {
  // λ = 70.2/h, μ = 60/h: the queue grows by λ − μ = 10.2/h = 244.8 vehicles a day.
  const auto sc = model_test::parse(mm1(70.2, 60));
  const double expected = (70.2 - 60) * 24;
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    const auto r = model_test::run(sc, nullptr, rep);
    EXPECT_EQ(r.verdict.verdict, verdict_kind::saturated);
    const auto& v = verdict_of(r, "server");
    EXPECT_EQ(v.verdict, verdict_kind::saturated);
    EXPECT_NEAR(v.growth_per_day, expected, std::max(3 * v.growth_half_width, 0.1 * expected));
    EXPECT_LT(v.growth_half_width, 0.2 * expected);
    ASSERT_TRUE(v.since_day.has_value());
    EXPECT_LE(*v.since_day, 4);
    // Certain after two measured weeks: the run stops there instead of simulating 60 days.
    EXPECT_EQ(r.verdict.stopped_because, "saturated");
    EXPECT_NEAR(r.ended_at, 15 * 86400.0, 1.0);
    EXPECT_GT(v.backlog_at_end, 3000u);
    // The vehicles left waiting are counted, with their wait so far.
    const auto& s = model_test::named(r.stages, "server");
    EXPECT_EQ(s.waiting_at_end, v.backlog_at_end);
    EXPECT_GT(s.unserved_wait_mean, 0.0);
    EXPECT_GT(s.wait_with_unserved_mean, 0.0);
    EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
  }
}

TEST(model_verdict, without_the_early_stop_an_overload_runs_every_day_and_says_so) {
  const auto sc = model_test::parse(mm1(70.2, 30));
  tumen::model::run_options o;
  o.stop_when_saturated = false;
  const auto r = tumen::model::run_replication(sc, 0, o);
  EXPECT_EQ(r.verdict.stopped_because, "end");
  EXPECT_EQ(r.verdict.verdict, verdict_kind::saturated);
  EXPECT_NEAR(verdict_of(r, "server").growth_per_day, 244.8, 0.1 * 244.8);
}

TEST(model_verdict, a_long_run_is_judged_on_its_last_two_years) {
  // ρ = 1.02 without the early stop for 1,500 days: the backlog grows by 1.2 an hour, 28.8 a
  // day, all along. Only the most recent 730 days are kept and judged (the record's memory and
  // the daily check stay bounded in a century-long run), so the growth is found, and the day it
  // began is the first day of that window, not day 1.
  const auto sc = model_test::parse(mm1(61.2, 1500));
  tumen::model::run_options o;
  o.stop_when_saturated = false;
  const auto r = tumen::model::run_replication(sc, 0, o);
  EXPECT_EQ(r.verdict.stopped_because, "end");
  const auto& v = verdict_of(r, "server");
  EXPECT_EQ(v.verdict, verdict_kind::saturated);
  EXPECT_NEAR(v.growth_per_day, 28.8, std::max(3 * v.growth_half_width, 0.2 * 28.8));
  ASSERT_TRUE(v.since_day.has_value());
  EXPECT_GE(*v.since_day, 1500 - 730 + 1);
}

TEST(model_verdict, heavy_but_stable_traffic_is_rarely_called_saturated) {
  // ρ = 0.95: Lq = 18 but no growth. Over 40 replications of 30 days at most a small share may
  // be flagged (the interval is at 95 %, and the growth must be of a practical size).
  const auto sc = model_test::parse(mm1(57, 30));
  int saturated = 0;
  const int reps = 40;
  for (int rep = 0; rep < reps; ++rep) {
    const auto r = model_test::run(sc, nullptr, static_cast<std::uint64_t>(rep));
    if (r.verdict.verdict == verdict_kind::saturated) ++saturated;
    EXPECT_EQ(r.verdict.stopped_because, "end");
  }
  EXPECT_LE(saturated, 2) << saturated << " of " << reps << " replications called saturated";
}

// Erlang-A with one server: the share of arrivals that abandon, λ arrivals, μ service and θ
// patience rates (birth-death chain, n in system: death rate μ + (n − 1) θ).
double erlang_a_abandon_share(double lambda, double mu, double theta) {
  double p = 1, total = 1, queue = 0;
  for (int n = 1; n < 2000; ++n) {
    p *= lambda / (mu + (n - 1) * theta);
    total += p;
    queue += (n - 1) * p;
    if (p < 1e-300) break;
  }
  return theta * (queue / total) / lambda;
}

TEST(model_verdict, an_mm1_with_abandonment_at_rho_1_5_is_stable_by_losing) {
  // λ = 90/h, μ = 60/h, patience exp(mean 5 min): θ = 12/h.
  const auto sc = model_test::parse(mm1(90, 30, "patience = \"exp(mean 5 min)\"\n"));
  const double expected = erlang_a_abandon_share(90, 60, 12);
  tumen::stats::tally share;
  for (std::uint64_t rep = 0; rep < 8; ++rep) {
    const auto r = model_test::run(sc, nullptr, rep);
    EXPECT_EQ(r.verdict.verdict, verdict_kind::stable_by_losing);
    const auto& v = verdict_of(r, "server");
    EXPECT_EQ(v.verdict, verdict_kind::stable_by_losing);
    share.add(v.lost_share);
  }
  const auto ci = tumen::stats::t_interval(share, 0.99);
  EXPECT_TRUE(ci.contains(expected))
      << "abandon share " << ci.mean << " ± " << ci.half_width << ", Erlang-A " << expected;
}

TEST(model_verdict, an_overloaded_dedicated_lane_group_is_saturated_beside_idle_lanes) {
  // 10 car lanes and 1 truck lane; trucks offer 5.5 times what their lane can do, cars little.
  const auto sc = model_test::parse(R"toml(
[run]
days = 30
warmup = "1 d"
[classes.car]
[classes.truck]
[stages.customs]
lanes = [ { count = 10, classes = ["car"] }, { count = 1, classes = ["truck"] } ]
service = "exp(mean 2 min)"
[routes.r]
path = ["customs"]
[[demand]]
class = "car"
per_hour = 60
[[demand]]
class = "truck"
per_hour = 165
)toml");
  const auto r = model_test::run(sc);
  EXPECT_EQ(r.verdict.verdict, verdict_kind::saturated);
  EXPECT_EQ(verdict_of(r, "customs", "truck").verdict, verdict_kind::saturated);
  EXPECT_NEAR(verdict_of(r, "customs", "truck").growth_per_day, (165 - 30) * 24, 0.1 * 135 * 24);
  EXPECT_EQ(verdict_of(r, "customs", "car").verdict, verdict_kind::stable);
}

TEST(model_verdict, the_builtin_and_reference_scenarios_are_not_saturated) {
  for (const auto& b : tumen::scenario::builtin_scenarios()) {
    const auto sc = model_test::builtin(b.name);
    for (std::uint64_t rep = 0; rep < 3; ++rep) {
      const auto r = model_test::run(sc, nullptr, rep);
      EXPECT_NE(r.verdict.verdict, verdict_kind::saturated) << b.name << " replication " << rep;
      EXPECT_EQ(r.verdict.stopped_because, "end") << b.name;
      // Only the M/M/1+M and the M/M/2/6, both at ρ = 1 and kept finite by impatience or by
      // turning arrivals away (as their files say), are stable by losing vehicles.
      const auto expected = b.name == "reference/mm1_patience" || b.name == "reference/mmck"
                                ? verdict_kind::stable_by_losing
                                : verdict_kind::stable;
      EXPECT_EQ(r.verdict.verdict, expected) << b.name << " replication " << rep;
    }
  }
}

TEST(model_verdict, waits_count_the_vehicles_left_waiting_with_their_wait_so_far) {
  // 10 an hour arrive evenly at (i + ½) · 360 s; the booth opens 08:00-09:00 only, 1 s a
  // vehicle. The 80 who came before 08:00 (i = 0 … 79) start at 28,800 + i s: they waited
  // 28,620 − 359 i, 1,155,160 s in all; the 10 of 08:00-09:00 wait nothing. The 150 arriving
  // after 09:00 (i = 90 … 239) still wait at the end of the day, having waited
  // 86,400 − (i + ½) · 360 s, on average 86,400 − 165 · 360 = 27,000 s. Counting everyone:
  // (1,155,160 + 150 · 27,000) / 240 = 21,688.17 s; served only: 1,155,160 / 90 = 12,835.1 s.
  const auto sc = model_test::parse(R"toml(
[run]
days = 1
[classes.car]
[stages.booth]
service = "1 s"
hours = "08:00-09:00"
[routes.r]
path = ["booth"]
[[demand]]
per_hour = 10
arrivals = "even"
)toml");
  const auto r = model_test::run(sc);
  const auto& s = model_test::named(r.stages, "booth");
  EXPECT_EQ(s.wait.count, 90u);
  EXPECT_NEAR(s.wait.mean, 1155160.0 / 90, 1e-6);
  EXPECT_EQ(s.waiting_at_end, 150u);
  EXPECT_NEAR(s.unserved_wait_mean, 27000.0, 1e-6);
  EXPECT_NEAR(s.wait_with_unserved_mean, (1155160.0 + 150 * 27000.0) / 240, 1e-6);
}

TEST(model_verdict, a_run_stops_at_its_memory_budget_and_says_why) {
  const auto sc = model_test::builtin("khasan-tumangang", {"run.demand_scale=10"});
  tumen::model::run_options o;
  o.memory_budget = 2000 * tumen::model::run_options::bytes_per_vehicle;
  const auto r = tumen::model::run_replication(sc, 0, o);
  EXPECT_EQ(r.verdict.stopped_because, "memory");
  EXPECT_LT(r.ended_at, sc.run.length());
  EXPECT_EQ(r.totals.vehicles_inside_at_end, 2001u);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
}

TEST(model_verdict,
     a_run_that_fills_its_memory_budget_before_a_trend_is_saturated_where_it_piled_up) {
  // M/M/3 at ten times its demand fills a 5,000-vehicle budget within its first day: too few
  // days for a trend, but the one stage holds nearly every vehicle inside.
  const auto sc = model_test::builtin("reference/mm3", {"run.demand_scale=10"});
  tumen::model::run_options o;
  o.memory_budget = 5000 * tumen::model::run_options::bytes_per_vehicle;
  const auto r = tumen::model::run_replication(sc, 0, o);
  EXPECT_EQ(r.verdict.stopped_because, "memory");
  EXPECT_LT(r.ended_at, 86400.0);
  EXPECT_EQ(r.verdict.verdict, verdict_kind::saturated);
  const auto& v = verdict_of(r, "server");
  EXPECT_EQ(v.verdict, verdict_kind::saturated);
  EXPECT_TRUE(std::isinf(v.growth_half_width));
  EXPECT_GT(v.backlog_at_end, 4000u);
}

}  // namespace
