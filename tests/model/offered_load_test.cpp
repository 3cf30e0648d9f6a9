// Offered load, worked out from the scenario alone: vehicles a day reaching each stage or yard ×
// their mean service (or transfer) time ÷ the lane- (bay-) seconds open a day.
#include <gtest/gtest.h>
#include <cmath>
#include <fstream>
#include <sstream>

#include "model_test_support.hpp"
#include "tumen/model/offered_load.hpp"

namespace {

// A scenario of tests/data, read as `tumen run` would.
tumen::scenario::scenario file(const std::string& name) {
  std::ifstream in(std::string(TUMEN_TEST_DATA_DIR) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().empty()) throw std::runtime_error("cannot read tests/data/" + name);
  return tumen::scenario::parse(text.str(), name);
}

const tumen::results::element_load& load_of(const std::vector<tumen::results::element_load>& loads,
                                            std::string_view element,
                                            std::string_view lane_group = "") {
  for (const auto& l : loads)
    if (l.element == element && l.lane_group == lane_group) return l;
  throw std::invalid_argument("no load for " + std::string(element) + " " +
                              std::string(lane_group));
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
  // Its lanes: 2 for trucks, 2 for cars and buses, 1 for anyone, open 12 h. Cars and buses may
  // use 3 lanes: 24 cars × 3.5 min + 36 buses × 22.33 min = 888 min a day on 3 × 720 min,
  // ρ = 0.411; trucks likewise: 90 × 2.33 min = 210 min on 3 × 720 min, ρ = 0.097.
  const auto loads = tumen::model::offered_load(model_test::builtin("khasan-tumangang"));
  const auto& cars = load_of(loads, "ru_exit_passport", "car+bus");
  EXPECT_EQ(cars.lanes, 3);
  EXPECT_EQ(cars.classes, (std::vector<std::string>{"car", "bus"}));
  EXPECT_NEAR(cars.arrivals_per_day, 60.0, 1e-9);
  EXPECT_NEAR(cars.work_per_day, (24 * 3.5 + 36 * (12 + 20 + 35) / 3.0) * 60, 1e-6);
  EXPECT_NEAR(cars.capacity_per_day, 3 * 12 * 3600.0, 1e-6);
  EXPECT_NEAR(cars.rho, 888.0 / 2160, 1e-9);
  const auto& trucks = load_of(loads, "ru_exit_passport", "truck+truck_empty");
  EXPECT_NEAR(trucks.arrivals_per_day, 90.0, 1e-9);
  EXPECT_NEAR(trucks.rho, 210.0 / 2160, 1e-9);
  // No row for the stage as a whole (that would hide a busy lane group), nor for all five
  // lanes: both groups' rows are tighter than 1,098 min on 3,600.
  for (const auto& l : loads)
    if (l.element == "ru_exit_passport") {
      EXPECT_FALSE(l.lane_group.empty());
    }
  // The export yard: 72 loaded trucks × (35 min setup + 20 t at 20 t/h) on 14 bays × 12 h.
  const auto& y = load_of(loads, "yard_export");
  EXPECT_EQ(y.kind, "yard");
  EXPECT_NEAR(y.work_per_day, 72 * (35 + 60) * 60.0, 1e-6);
  EXPECT_NEAR(y.rho, 72 * 95.0 / (14 * 720), 1e-9);
  for (const auto& x : loads) EXPECT_FALSE(x.saturated()) << x.element << " " << x.lane_group;
  // Its passport control in KP takes more than its lanes can do from 09:00 to 11:00.
  const auto& kp = load_of(loads, "kp_entry_passport");
  EXPECT_LT(kp.rho, 1);
  EXPECT_GE(kp.peak_rho, 1);
  EXPECT_FALSE(kp.overloaded_hours().empty());
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

TEST(model_offered_load, a_dedicated_truck_lane_is_loaded_on_its_own) {
  // tests/data/dedicated_truck_lane.toml: 10 car lanes, 1 truck lane. Trucks: 16.5 an hour ×
  // 20 min on their lane, ρ = 5.5; cars 52.8 an hour × 2 min on 10 lanes, ρ = 0.176. The
  // stage as a whole (ρ = 0.66) must not be what is shown.
  const auto loads = tumen::model::offered_load(file("dedicated_truck_lane.toml"));
  ASSERT_EQ(loads.size(), 2u);
  const auto& trucks = load_of(loads, "customs", "truck");
  EXPECT_EQ(trucks.kind, "stage");
  EXPECT_EQ(trucks.lanes, 1);
  EXPECT_EQ(trucks.classes, std::vector<std::string>{"truck"});
  EXPECT_NEAR(trucks.arrivals_per_day, 396, 1e-9);
  EXPECT_NEAR(trucks.capacity_per_day, 86400, 1e-6);
  EXPECT_NEAR(trucks.rho, 5.5, 1e-9);
  EXPECT_TRUE(trucks.saturated());
  EXPECT_EQ(trucks.kept_stable_by, "");
  EXPECT_NEAR(trucks.min_lost_share(), 1 - 1 / 5.5, 1e-12);
  const auto& cars = load_of(loads, "customs", "car");
  EXPECT_EQ(cars.lanes, 10);
  EXPECT_NEAR(cars.rho, 52.8 * 120 / 36000, 1e-9);
  EXPECT_FALSE(cars.saturated());
  EXPECT_FALSE(cars.varies_by_hour());
  // Trucks allowed on every lane: one row for the stage, the combined 0.66.
  auto sc = file("dedicated_truck_lane.toml");
  sc.stages[0].lanes[1].classes.clear();
  const auto shared = tumen::model::offered_load(sc);
  ASSERT_EQ(shared.size(), 2u);  // car lanes (cars only use them), and all 11 for trucks too
  EXPECT_NEAR(load_of(shared, "customs", "car+truck").rho, 0.66, 1e-9);
  EXPECT_NEAR(load_of(shared, "customs", "car+truck").lanes, 11, 0);
}

TEST(model_offered_load, the_tightest_set_of_lane_groups_gets_a_row) {
  // Lanes a, ab, b (one each): class a may use a and ab, class b may use ab and b. Each class
  // alone is at ρ = 0.8 on its two lanes, but both together need 3.2 lane-hours an hour of the
  // three lanes: the stage is saturated, and only the row for all three lanes shows it.
  const auto sc = model_test::parse(R"toml(
[classes.a]
[classes.b]
[stages.s]
lanes = [ { count = 1, classes = ["a"] }, { count = 1, classes = ["a", "b"] },
          { count = 1, classes = ["b"] } ]
service = "60 s"
[routes.r]
path = ["s"]
[[demand]]
class = "a"
per_hour = 96
[[demand]]
class = "b"
per_hour = 96
)toml");
  const auto loads = tumen::model::offered_load(sc);
  ASSERT_EQ(loads.size(), 3u);
  EXPECT_NEAR(load_of(loads, "s", "a").rho, 0.8, 1e-9);
  EXPECT_NEAR(load_of(loads, "s", "b").rho, 0.8, 1e-9);
  const auto& both = load_of(loads, "s", "a+b");
  EXPECT_EQ(both.lanes, 3);
  EXPECT_NEAR(both.rho, 192.0 / 180, 1e-9);
  EXPECT_TRUE(both.saturated());
}

TEST(model_offered_load, peak_hours_show_where_the_daily_mean_hides_them) {
  // 90 an hour from 07:00 to 10:00 (ρ = 1.5), 30 an hour otherwise (ρ = 0.5): 0.625 over the
  // day, so not saturated, but a queue builds every morning.
  std::string per_hour = "[";
  for (int h = 0; h < 24; ++h)
    per_hour += (h ? ", " : "") + std::string(h >= 7 && h < 10 ? "90" : "30");
  const auto loads = tumen::model::offered_load(
      model_test::builtin("reference/mm1", {"demand.0.per_hour=" + per_hour + "]"}));
  const auto& l = loads[0];
  EXPECT_NEAR(l.rho, 0.625, 1e-9);
  EXPECT_FALSE(l.overloaded());
  EXPECT_TRUE(l.varies_by_hour());
  EXPECT_NEAR(l.peak_rho, 1.5, 1e-9);
  EXPECT_EQ(l.peak_hour, 7);
  EXPECT_NEAR(l.rho_by_hour[6], 0.5, 1e-9);
  const auto bands = l.overloaded_hours();
  ASSERT_EQ(bands.size(), 1u);
  EXPECT_EQ(bands[0].from_hour, 7);
  EXPECT_EQ(bands[0].to_hour, 10);
  EXPECT_NEAR(bands[0].peak_rho, 1.5, 1e-9);
}

TEST(model_offered_load, a_busy_weekday_shows_as_the_peak) {
  // 40 an hour (ρ = 0.67), twice that on Fridays (ρ = 1.33): 0.76 over the week, and no hour of
  // the day is overloaded on average, but every Friday is.
  const auto loads = tumen::model::offered_load(model_test::builtin(
      "reference/mm1",
      {"demand.0.per_hour=40", "run.days=7", "demand.0.weekday_factors={fri = 2}"}));
  const auto& l = loads[0];
  EXPECT_NEAR(l.rho, 40.0 * 8 / 7 / 60, 1e-9);
  EXPECT_TRUE(l.overloaded_hours().empty());
  EXPECT_NEAR(l.peak_rho, 80.0 / 60, 1e-9);
  EXPECT_EQ(l.peak_weekday, 4);
  EXPECT_TRUE(l.peak_is_weekday());
  EXPECT_TRUE(l.varies_by_hour());
  EXPECT_FALSE(l.overloaded());
}

TEST(model_offered_load, closed_hours_are_not_peaks_but_count_over_the_day) {
  // Open 08:00–20:00 with 50 an hour around the clock: 0.83 in every open hour, yet the night's
  // arrivals wait for the morning and the day's work is 5/3 of the open time: saturated.
  const auto loads = tumen::model::offered_load(
      model_test::builtin("reference/mm1", {"stages.server.hours=\"08:00-20:00\""}));
  const auto& l = loads[0];
  EXPECT_TRUE(std::isinf(l.rho_by_hour[3]));
  EXPECT_NEAR(l.rho_by_hour[12], 5.0 / 6, 1e-9);
  EXPECT_NEAR(l.peak_rho, 5.0 / 6, 1e-9);
  EXPECT_TRUE(l.overloaded_hours().empty());
  EXPECT_NEAR(l.rho, 5.0 / 3, 1e-9);
  EXPECT_TRUE(l.saturated());
}

TEST(model_offered_load, patience_keeps_an_overloaded_stage_from_saturating) {
  // M/M/1+M at ρ = 1.5: impatient customers leave, so the queue stays bounded; at least a third
  // of the work is lost.
  const auto loads = tumen::model::offered_load(
      model_test::builtin("reference/mm1_patience", {"demand.0.per_hour=90"}));
  const auto& l = loads[0];
  EXPECT_NEAR(l.rho, 1.5, 1e-9);
  EXPECT_TRUE(l.overloaded());
  EXPECT_FALSE(l.saturated());
  EXPECT_EQ(l.kept_stable_by, "patience");
  EXPECT_NEAR(l.min_lost_share(), 1.0 / 3, 1e-12);
  // Without patience it is saturated; below ρ = 1 nothing is said about patience.
  const auto patient_free =
      tumen::model::offered_load(model_test::builtin("reference/mm1", {"demand.0.per_hour=90"}));
  EXPECT_TRUE(patient_free[0].saturated());
  EXPECT_EQ(tumen::model::offered_load(
                model_test::builtin("reference/mm1_patience", {"demand.0.per_hour=30"}))[0]
                .kept_stable_by,
            "");
}

TEST(model_offered_load, a_turn_away_holding_area_bounds_the_stage_it_feeds) {
  // M/M/2/6 at twice its capacity: the full waiting room turns the excess away.
  const auto loads =
      tumen::model::offered_load(model_test::builtin("reference/mmck", {"demand.0.per_hour=240"}));
  const auto& server = load_of(loads, "server");
  EXPECT_NEAR(server.rho, 2, 1e-9);
  EXPECT_FALSE(server.saturated());
  EXPECT_EQ(server.kept_stable_by, "turn_away");
  const auto& room = load_of(loads, "waiting_room");
  EXPECT_EQ(room.kind, "holding");
  EXPECT_EQ(room.feeds, "server");
  EXPECT_EQ(room.lanes, 4);
  EXPECT_NEAR(room.arrivals_per_day, 240 * 24, 1e-9);
  EXPECT_NEAR(room.rho, 2, 1e-9);
  EXPECT_EQ(room.kept_stable_by, "turn_away");
  // Spilling back instead, the queue reaches the road: saturated, and so is the area.
  const auto spill = tumen::model::offered_load(model_test::builtin(
      "reference/mmck", {"demand.0.per_hour=240", "holding.waiting_room.when_full=\"spillback\""}));
  EXPECT_TRUE(load_of(spill, "server").saturated());
  EXPECT_TRUE(load_of(spill, "waiting_room").saturated());
}

TEST(model_offered_load, links_are_loaded_by_their_headway) {
  // 400 an hour entering one lane no closer than 10 s: 4,000 s of headway an hour, ρ = 1.11.
  const auto sc = model_test::parse(R"toml(
[classes.car]
[links.road]
length = "1 km"
speed = "60 km/h"
min_headway = "10 s"
[links.free]
length = "1 km"
speed = "60 km/h"
[stages.booth]
lanes = 10
service = "60 s"
[routes.r]
path = ["road", "free", "booth"]
[[demand]]
per_hour = 400
)toml");
  const auto loads = tumen::model::offered_load(sc);
  const auto& road = load_of(loads, "road");
  EXPECT_EQ(road.kind, "link");
  EXPECT_NEAR(road.arrivals_per_day, 9600, 1e-9);
  EXPECT_NEAR(road.rho, 4000.0 / 3600, 1e-9);
  EXPECT_TRUE(road.saturated());
  EXPECT_EQ(load_of(loads, "free").rho, 0);  // no headway: no limit
}

}  // namespace
