// The safety stop: a run whose vehicles inside exceed run.max_vehicles_inside stops at once,
// reports when and where (the element with the longest queue), and still balances its books.
#include <gtest/gtest.h>

#include <algorithm>

#include "model_test_support.hpp"
#include "tumen/results/checks.hpp"

namespace {

TEST(model_saturation, the_run_stops_when_the_cap_is_exceeded_and_says_when_and_where) {
  // 10 an hour arrive evenly (at (i + ½) · 360 s); the booth is closed for the first two days.
  // The 301st vehicle (i = 300) arrives at 300.5 × 360 = 108,180 s, on day 2: the cap of 300
  // is exceeded and the run stops there.
  const auto sc = model_test::parse(R"toml(
[run]
days = 5
max_vehicles_inside = 300
[classes.car]
[links.road]
length = "1 km"
speed = "36 km/h"
[stages.other]
service = "1 s"
[stages.booth]
service = "exp(mean 1 min)"
[routes.r]
path = ["road", "other", "booth"]
[[demand]]
per_hour = 10
arrivals = "even"
[[closures]]
target = "booth"
from = "day 1 00:00"
to = "day 3 00:00"
)toml");
  const auto r = model_test::run(sc);
  ASSERT_TRUE(r.saturated.has_value());
  EXPECT_EQ(r.saturated->day, 2);
  EXPECT_NEAR(r.saturated->at, 108180.0, model_test::exact);
  EXPECT_EQ(r.saturated->stage, "booth");
  EXPECT_NEAR(r.ended_at, 108180.0, model_test::exact);
  EXPECT_NEAR(r.measured, 108180.0, model_test::exact);
  EXPECT_EQ(r.totals.peak_vehicles_inside, 301u);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
  const auto& f = model_test::flow(r, "r", "car");
  EXPECT_EQ(f.arrived, 301u);
  EXPECT_EQ(f.inside, 301u);
  EXPECT_EQ(r.verdict.stopped_because, "cap");
  EXPECT_EQ(std::count_if(r.warnings.begin(), r.warnings.end(),
                          [](const std::string& w) {
                            return w.find("saturated at day 2 at stage booth") != std::string::npos;
                          }),
            1);
}

TEST(model_saturation, an_overloaded_crossing_stops_early_without_failing) {
  // Khasan–Tumangang at five times its design demand with a small cap.
  const auto sc = model_test::builtin("khasan-tumangang",
                                      {"run.demand_scale=5", "run.max_vehicles_inside=2000"});
  const auto r = model_test::run(sc);
  ASSERT_TRUE(r.saturated.has_value());
  EXPECT_LT(r.ended_at, sc.run.length());
  EXPECT_EQ(r.saturated->day, static_cast<int>(r.saturated->at / 86400) + 1);
  EXPECT_FALSE(r.saturated->stage.empty());
  EXPECT_EQ(r.totals.vehicles_inside_at_end, 2001u);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
}

TEST(model_saturation, a_run_below_the_cap_is_not_flagged) {
  const auto sc = model_test::builtin("reference/mm1", {"run.days=10"});
  const auto r = model_test::run(sc);
  EXPECT_FALSE(r.saturated.has_value());
  EXPECT_NEAR(r.ended_at, 10 * 86400.0, model_test::exact);
}

}  // namespace
