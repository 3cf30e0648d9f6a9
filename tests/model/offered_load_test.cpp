// Offered load, worked out from the scenario alone: vehicles a day reaching each stage or yard ×
// their mean service (or transfer) time ÷ the lane- (bay-) seconds open a day.
#include <gtest/gtest.h>

#include "model_test_support.hpp"
#include "tumen/model/offered_load.hpp"

namespace {

const tumen::results::element_load& load_of(const std::vector<tumen::results::element_load>& loads,
                                            std::string_view element) {
  for (const auto& l : loads)
    if (l.element == element) return l;
  throw std::invalid_argument("no load for " + std::string(element));
}

TEST(model_offered_load, mm1_is_five_sixths_busy) {
  // 50 an hour × 60 s = 3,000 s of work an hour for one lane: ρ = 0.8333.
  const auto loads = tumen::model::offered_load(model_test::builtin("reference/mm1"));
  ASSERT_EQ(loads.size(), 1u);
  const auto& l = loads[0];
  EXPECT_EQ(l.element, "server");
  EXPECT_EQ(l.kind, "stage");
  EXPECT_NEAR(l.arrivals_per_day, 1200.0, 1e-9);
  EXPECT_NEAR(l.work_per_day, 72000.0, 1e-6);
  EXPECT_NEAR(l.capacity_per_day, 86400.0, 1e-6);
  EXPECT_NEAR(l.rho, 5.0 / 6, 1e-9);
  EXPECT_FALSE(l.saturated());
}

TEST(model_offered_load, more_work_than_lane_time_is_flagged_saturated) {
  // 70 an hour: ρ = 70/60; open 08:00–20:00 only, 50 an hour is already ρ = 50/30.
  const auto more =
      tumen::model::offered_load(model_test::builtin("reference/mm1", {"demand.0.per_hour=70"}));
  EXPECT_NEAR(more[0].rho, 70.0 / 60, 1e-9);
  EXPECT_TRUE(more[0].saturated());
  const auto halftime = tumen::model::offered_load(
      model_test::builtin("reference/mm1", {"stages.server.hours=\"08:00-20:00\""}));
  EXPECT_NEAR(halftime[0].capacity_per_day, 43200.0, 1e-6);
  EXPECT_NEAR(halftime[0].rho, 5.0 / 3, 1e-9);
  EXPECT_TRUE(halftime[0].saturated());
}

TEST(model_offered_load, lane_schedules_closures_and_branches_are_counted) {
  const auto sc = model_test::parse(R"toml(
[run]
days = 7
[classes.car]
[stages.primary]
lanes = 3
open_lanes = [ { from = "00:00", to = "08:00", lanes = 1 }, { from = "20:00", to = "24:00", lanes = 2 } ]
service = "2 min"
next = [ { stage = "secondary", share = 0.25 } ]
[stages.secondary]
service = "tri(10 min, 20 min, 30 min)"
[routes.r]
path = ["primary"]
[[demand]]
per_day = 480
weekday_factors = { sun = 0 }
[[closures]]
target = "secondary"
day = 3
)toml");
  const auto loads = tumen::model::offered_load(sc);
  // Demand averaged over the week: 480 × 6/7 a day.
  const double per_day = 480.0 * 6 / 7;
  const auto& p = load_of(loads, "primary");
  EXPECT_NEAR(p.arrivals_per_day, per_day, 1e-9);
  EXPECT_NEAR(p.work_per_day, per_day * 120, 1e-6);
  EXPECT_NEAR(p.capacity_per_day, (8 * 1 + 12 * 3 + 4 * 2) * 3600.0, 1e-6);
  const auto& s = load_of(loads, "secondary");
  EXPECT_NEAR(s.arrivals_per_day, per_day / 4, 1e-9);
  EXPECT_NEAR(s.work_per_day, per_day / 4 * 1200, 1e-6);
  EXPECT_NEAR(s.capacity_per_day, 86400.0 * 6 / 7, 1e-6);  // closed one day in seven
  EXPECT_NEAR(s.rho, (per_day / 4 * 1200) / (86400.0 * 6 / 7), 1e-9);
}

TEST(model_offered_load, khasan_exit_passport_control_by_hand) {
  // 24 cars × 3.5 min + 36 buses × 22.33 min + 90 trucks × 2.33 min = 1,098 min a day on
  // 5 lanes × 12 h = 3,600 min: ρ = 0.305.
  const auto loads = tumen::model::offered_load(model_test::builtin("khasan-tumangang"));
  const auto& l = load_of(loads, "ru_exit_passport");
  EXPECT_NEAR(l.arrivals_per_day, 150.0, 1e-9);
  EXPECT_NEAR(l.work_per_day, (24 * 3.5 + 36 * (12 + 20 + 35) / 3.0 + 90 * 7 / 3.0) * 60, 1e-6);
  EXPECT_NEAR(l.capacity_per_day, 5 * 12 * 3600.0, 1e-6);
  EXPECT_NEAR(l.rho, 1098.0 / 3600, 1e-9);
  // The export yard: 72 loaded trucks × (35 min setup + 20 t at 20 t/h) on 14 bays × 12 h.
  const auto& y = load_of(loads, "yard_export");
  EXPECT_EQ(y.kind, "yard");
  EXPECT_NEAR(y.work_per_day, 72 * (35 + 60) * 60.0, 1e-6);
  EXPECT_NEAR(y.rho, 72 * 95.0 / (14 * 720), 1e-9);
  for (const auto& x : loads) EXPECT_FALSE(x.saturated()) << x.element;
}

TEST(model_offered_load, yards_count_transfer_work_and_pass_trucks_on) {
  const auto sc = model_test::parse(R"toml(
[run]
days = 7
[classes.ru_truck]
cargo = "20 t"
loaded_share = 0.75
transship = true
[classes.kp_truck]
[yards.yard]
bays = 3
rate = "40 t/h"
setup = "10 min"
parking = 5
receiving_class = "kp_truck"
empty_truck_route = "home"
hours = "08:00-20:00"
[stages.kp_entry]
service = "5 min"
[stages.ru_entry]
service = "3 min"
[routes.out]
path = ["yard", "kp_entry"]
[routes.home]
path = ["ru_entry"]
[[demand]]
class = "ru_truck"
route = "out"
per_day = 48
)toml");
  const auto loads = tumen::model::offered_load(sc);
  const auto& y = load_of(loads, "yard");
  EXPECT_NEAR(y.arrivals_per_day, 48.0, 1e-9);
  EXPECT_NEAR(y.work_per_day, 36 * 2400.0, 1e-6);  // loaded ones only: 600 + 1,800 s each
  EXPECT_NEAR(y.capacity_per_day, 3 * 12 * 3600.0, 1e-6);
  EXPECT_NEAR(load_of(loads, "kp_entry").arrivals_per_day, 36.0, 1e-9);  // receiving trucks
  EXPECT_NEAR(load_of(loads, "ru_entry").arrivals_per_day, 48.0, 1e-9);  // all go home
}

}  // namespace
