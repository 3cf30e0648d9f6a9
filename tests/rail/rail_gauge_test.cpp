// Gauge change: every train's time in the yard's working track lies within the bounds that the
// rate and the tonnes (transship) or the wagons and the time per wagon (bogie exchange) imply,
// and the yard never holds more wagons than its capacity.
#include <gtest/gtest.h>

#include "rail/rail_test_support.hpp"

namespace {

// Kind k: 20–40 wagons of 50–70 t, so 1,000–2,800 t; setup 10–30 min.
//   transship at 300 t/h: work in [600 + 1000/300 h, 1800 + 2800/300 h] = [12,600 s, 35,400 s]
//   bogie exchange at 10–20 min per wagon: work in [600 + 20 × 600, 1800 + 40 × 1200]
//                                                 = [12,600 s, 49,800 s]
std::string line(std::string_view method) {
  return std::string(R"toml(
[gauge_change.g]
side = "b"
setup = "uniform(10 min, 30 min)"
tracks = 2
capacity_wagons = 80
)toml") + std::string(method) +
         R"toml(
[train_kinds.k]
wagons = "uniform(20, 40)"
tonnes_per_wagon = "uniform(50 t, 70 t)"

[rail_routes.ab]
from = "a"
to = "b"
path = ["g"]

[[trains]]
per_day = 8
delay = "exp(mean 1 h)"
)toml";
}

void expect_within(const rail_test::recorder& trace, double low, double high) {
  const auto worked = rail_test::at(trace, "g");
  ASSERT_GT(worked.size(), 100u);
  for (const auto& v : worked) {
    EXPECT_GE(v.service(), low - 1e-6) << "train " << v.vehicle;
    EXPECT_LE(v.service(), high + 1e-6) << "train " << v.vehicle;
    EXPECT_GE(v.wait(), 0.0);
  }
}

TEST(rail_gauge, transshipment_takes_setup_plus_tonnes_over_rate) {
  const auto sc =
      rail_test::parse(line("method = \"transship\"\nrate = \"300 t/h\""), {"run.days=20"});
  rail_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  expect_within(trace, 600 + 1000.0 / 300 * 3600, 1800 + 2800.0 / 300 * 3600);
  const auto& g = r.rail.gauge_changes.at(0);
  EXPECT_LE(g.wagons_in_yard_max, 80.0);
  EXPECT_GT(g.wait.max, 0.0) << "no train ever waited: the yard's limits were not exercised";
  // The route ends at the yard: what it worked is what cleared.
  EXPECT_NEAR(g.tonnes, r.rail.flows.at(0).tonnes_cleared, 1e-6 * g.tonnes);
  EXPECT_EQ(g.trains, r.rail.flows.at(0).cleared);
}

TEST(rail_gauge, bogie_exchange_takes_setup_plus_wagons_times_time_per_wagon) {
  const auto sc = rail_test::parse(
      line("method = \"bogie_exchange\"\ntime_per_wagon = \"uniform(10 min, 20 min)\""),
      {"run.days=20"});
  rail_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  expect_within(trace, 600 + 20 * 600.0, 1800 + 40 * 1200.0);
  EXPECT_LE(r.rail.gauge_changes.at(0).wagons_in_yard_max, 80.0);
}

TEST(rail_gauge, a_constant_case_is_exact) {
  // 10 wagons × 60 t = 600 t at 200 t/h: 3 h, plus 30 min setup = 12,600 s for every train.
  const auto sc = rail_test::parse(R"toml(
[gauge_change.g]
method = "transship"
rate = "200 t/h"
setup = "30 min"
[train_kinds.k]
wagons = 10
tonnes_per_wagon = "60 t"
[rail_routes.ab]
from = "a"
to = "b"
path = ["g"]
[[trains]]
timetable = ["06:00", "12:00"]
)toml",
                                   {"run.days=3"});
  rail_test::recorder trace;
  model_test::run(sc, &trace);
  const auto worked = rail_test::at(trace, "g");
  ASSERT_EQ(worked.size(), 6u);
  for (const auto& v : worked) EXPECT_NEAR(v.service(), 12600.0, model_test::exact);
}

}  // namespace
