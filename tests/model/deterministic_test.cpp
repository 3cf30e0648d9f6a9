// A crossing with nothing random in it, every timestamp of which is worked out by hand below and
// asserted exactly: even arrivals, constant service times, a link of known length and speed,
// opening hours, a full holding area, a two-lane stage with a queue, a trailing link.
#include <gtest/gtest.h>

#include "model_test_support.hpp"
#include "tumen/results/checks.hpp"

namespace {

using model_test::exact;

// road:  1,500 m at 54 km/h = 15 m/s → 100 s; headway 60 s (never binds: arrivals 600 s apart).
// lot:   4 places in front of the booth, spillback.
// booth: 1 lane, 300 s, open 08:00–24:00 (closed when the six arrive).
// exit:  2 lanes sharing a queue, 700 s, always open.
// out:   300 m at 36 km/h = 10 m/s → 30 s.
// Demand: 6 cars in 07:00–08:00, "even": at 25200 + (i + ½)·600 s.
constexpr const char* hand_worked = R"toml(
[scenario]
name = "hand-worked"
[run]
days = 1
[classes.car]
[links.road]
length = "1500 m"
speed = "54 km/h"
min_headway = "60 s"
[links.out]
length = "300 m"
speed = "36 km/h"
[holding.lot]
capacity = 4
when_full = "spillback"
[stages.booth]
service = "300 s"
hours = "08:00-24:00"
[stages.exit]
lanes = 2
service = "700 s"
[routes.through]
path = ["road", "lot", "booth", "exit", "out"]
[[demand]]
per_hour = [0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
arrivals = "even"
)toml";

// By hand, vehicle i = 0..5 (ids 1..6 in arrival order):
//   arrives (enters road)  a_i = 25500 + 600 i        = 25500 26100 26700 27300 27900 28500
//   reaches the lot        a_i + 100                  = 25600 26200 26800 27400 28000 28600
//   The lot takes v0..v3 at once; they join the booth's queue (closed until 28800).
//   v4 (28000) and v5 (28600) find the lot full and wait outside.
//   28800 the booth opens: v0 starts and frees its place → v4 enters the lot and joins at 28800.
//   29100 v0 done, v1 starts and frees its place      → v5 enters the lot and joins at 29100.
//   booth (300 s each, one after another from 28800):
//     join   25600 26200 26800 27400 28800 29100
//     start  28800 29100 29400 29700 30000 30300
//     end    29100 29400 29700 30000 30300 30600
//   exit (2 lanes, 700 s), joined at the booth's end:
//     v0 29100 → 29100–29800 · v1 29400 → 29400–30100 · v2 29700 waits for v0 → 29800–30500
//     v3 30000 waits for v1 → 30100–30800 · v4 30300 waits for v2 → 30500–31200
//     v5 30600 waits for v3 → 30800–31500
//   out (30 s): cleared at 29830 30130 30530 30830 31230 31530;
//   time in system = cleared - a_i = 4330 4030 3830 3530 3330 3030, mean 22080 / 6 = 3680.
struct expected_visit {
  double join, start, end;
};
constexpr expected_visit booth[] = {{25600, 28800, 29100}, {26200, 29100, 29400},
                                    {26800, 29400, 29700}, {27400, 29700, 30000},
                                    {28800, 30000, 30300}, {29100, 30300, 30600}};
constexpr expected_visit exit_stage[] = {{29100, 29100, 29800}, {29400, 29400, 30100},
                                         {29700, 29800, 30500}, {30000, 30100, 30800},
                                         {30300, 30500, 31200}, {30600, 30800, 31500}};

class model_hand_worked : public ::testing::Test {
 protected:
  void SetUp() override {
    sc_ = model_test::parse(hand_worked);
    r_ = model_test::run(sc_, &trace_);
  }
  tumen::scenario::scenario sc_;
  model_test::recorder trace_;
  tumen::results::replication_result r_;
};

void expect_visits(const std::vector<model_test::visit>& got, const expected_visit (&want)[6]) {
  ASSERT_EQ(got.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    SCOPED_TRACE("vehicle " + std::to_string(i));
    EXPECT_EQ(got[i].vehicle, i + 1);
    EXPECT_EQ(got[i].outcome, "served");
    EXPECT_NEAR(got[i].queue_join, want[i].join, exact);
    EXPECT_NEAR(got[i].service_start, want[i].start, exact);
    EXPECT_NEAR(got[i].service_end, want[i].end, exact);
  }
}

TEST_F(model_hand_worked, every_booth_timestamp_is_as_worked_out) {
  expect_visits(trace_.by_start("booth"), booth);
}

TEST_F(model_hand_worked, every_exit_timestamp_is_as_worked_out) {
  expect_visits(trace_.by_start("exit"), exit_stage);
}

TEST_F(model_hand_worked, the_trace_holds_exactly_the_twelve_visits) {
  EXPECT_EQ(trace_.visits.size(), 12u);
  for (const auto& v : trace_.visits) {
    EXPECT_EQ(v.vehicle_class, "car");
    EXPECT_EQ(v.route, "through");
    EXPECT_EQ(v.lane, 0);  // one shared lane group: the group's index
  }
}

TEST_F(model_hand_worked, trips_are_counted_and_timed) {
  EXPECT_TRUE(tumen::results::conservation_problems(r_).empty());
  const auto& f = model_test::flow(r_, "through", "car");
  EXPECT_EQ(f.arrived, 6u);
  EXPECT_EQ(f.cleared, 6u);
  EXPECT_EQ(f.cleared_measured, 6u);
  EXPECT_EQ(f.inside, 0u);
  EXPECT_DOUBLE_EQ(f.persons_cleared, 6.0);
  EXPECT_EQ(f.time_in_system.count, 6u);
  EXPECT_NEAR(f.time_in_system.mean, 3680.0, exact);
  EXPECT_NEAR(f.time_in_system.max, 4330.0, exact);
  EXPECT_NEAR(r_.totals.vehicles_per_day, 6.0, exact);
  EXPECT_NEAR(r_.ended_at, 86400.0, exact);
  EXPECT_EQ(r_.totals.peak_vehicles_inside, 6u);
}

TEST_F(model_hand_worked, booth_figures_follow_from_the_timestamps) {
  const auto& s = model_test::named(r_.stages, "booth");
  EXPECT_EQ(s.arrived, 6u);
  EXPECT_EQ(s.served, 6u);
  // Waits 3200 2900 2600 2300 1200 1200: sum 13400.
  EXPECT_NEAR(s.wait.mean, 13400.0 / 6, exact);
  EXPECT_NEAR(s.wait.max, 3200.0, exact);
  EXPECT_NEAR(s.queue_time_mean, 13400.0 / 6, exact);
  // The time integral of the queue is the sum of the waits; at most 4 wait at once.
  EXPECT_NEAR(s.queue_mean, 13400.0 / 86400, exact);
  EXPECT_NEAR(s.queue_max, 4.0, exact);
  EXPECT_NEAR(s.service.mean, 300.0, exact);
  EXPECT_NEAR(s.busy_mean, 1800.0 / 86400, exact);
  EXPECT_NEAR(s.open_lanes_mean, 16.0 / 24, exact);  // open 08:00–24:00
  EXPECT_NEAR(s.utilisation, 1800.0 / (16 * 3600), exact);
  EXPECT_NEAR(s.arrival_rate, 6.0 / 86400, exact);
  EXPECT_EQ(s.waiting_at_end, 0u);
  EXPECT_EQ(s.in_service_at_end, 0u);
  // Hour by hour: four joined in 07:00–08:00, two in 08:00–09:00; nobody is served before 08:00.
  EXPECT_NEAR(s.hourly.arrivals_per_day[7], 4.0, exact);
  EXPECT_NEAR(s.hourly.arrivals_per_day[8], 2.0, exact);
  EXPECT_NEAR(s.hourly.open_lanes[7], 0.0, exact);
  EXPECT_NEAR(s.hourly.open_lanes[8], 1.0, exact);
  // 08:00–09:00: busy from 28800 to 30600 minus the hour's end at 32400 → all 1800 s.
  EXPECT_NEAR(s.hourly.utilisation[8], 1800.0 / 3600, exact);
}

TEST_F(model_hand_worked, exit_figures_follow_from_the_timestamps) {
  const auto& s = model_test::named(r_.stages, "exit");
  EXPECT_EQ(s.served, 6u);
  EXPECT_NEAR(s.wait.mean, (0 + 0 + 100 + 100 + 200 + 200) / 6.0, exact);
  EXPECT_NEAR(s.busy_mean, 6 * 700.0 / 86400, exact);
  EXPECT_NEAR(s.open_lanes_mean, 2.0, exact);
  EXPECT_NEAR(s.queue_max, 1.0, exact);
}

TEST_F(model_hand_worked, the_lot_fills_and_two_wait_outside) {
  const auto& h = model_test::named(r_.holding, "lot");
  EXPECT_EQ(h.entered, 6u);
  EXPECT_EQ(h.turned_away, 0u);
  EXPECT_EQ(h.waited_outside, 2u);
  EXPECT_NEAR(h.wait_outside.mean, (28800.0 - 28000 + 29100 - 28600) / 6, exact);
  EXPECT_NEAR(h.wait_outside.max, 800.0, exact);
  EXPECT_NEAR(h.occupancy_max, 4.0, exact);
  // Each place is held from entering the lot to starting at the booth: the booth's waits.
  EXPECT_NEAR(h.occupancy_mean, 13400.0 / 86400, exact);
}

TEST_F(model_hand_worked, links_report_travel_time_and_no_delay) {
  const auto& road = model_test::named(r_.links, "road");
  EXPECT_EQ(road.entered, 6u);
  EXPECT_NEAR(road.travel_time, 100.0, exact);
  EXPECT_NEAR(road.entry_delay.max, 0.0, exact);
  const auto& out = model_test::named(r_.links, "out");
  EXPECT_EQ(out.entered, 6u);
  EXPECT_NEAR(out.travel_time, 30.0, exact);
}

TEST(model_hand_worked_warmup, statistics_leave_out_whoever_joined_before_the_warmup_ended) {
  // The same crossing with a warm-up of 7.5 h (27000 s): of the booth's visitors only v3 (joined
  // 27400), v4 (28800) and v5 (29100) count for waits, with 2300, 1200 and 1200 s. Time averages
  // start at 27000: the queue's integral from then is 1800 + 2100 + 2400 (the rest of v0–v2's
  // waits) + 2300 + 1200 + 1200 = 11000 over 59400 s. All six clear after 27000.
  const auto sc = model_test::parse(hand_worked, {"run.warmup=\"7.5 h\""});
  const auto r = model_test::run(sc);
  const auto& s = model_test::named(r.stages, "booth");
  EXPECT_EQ(s.arrived, 6u);
  EXPECT_EQ(s.wait.count, 3u);
  EXPECT_NEAR(s.wait.mean, (2300.0 + 1200 + 1200) / 3, exact);
  EXPECT_NEAR(s.queue_time_mean, (2300.0 + 1200 + 1200) / 3, exact);
  EXPECT_NEAR(s.queue_mean, 11000.0 / 59400, exact);
  EXPECT_NEAR(s.arrival_rate, 3.0 / 59400, exact);
  EXPECT_NEAR(s.busy_mean, 1800.0 / 59400, exact);
  EXPECT_NEAR(s.open_lanes_mean, 57600.0 / 59400, exact);
  EXPECT_NEAR(r.measured, 59400.0, exact);
  const auto& f = model_test::flow(r, "through", "car");
  EXPECT_EQ(f.cleared_measured, 6u);
  EXPECT_NEAR(f.time_in_system.mean, 3680.0, exact);
  EXPECT_NEAR(r.totals.vehicles_per_day, 6 / (59400.0 / 86400), 1e-9);
  // The lot: v3 entered at 27400 (no wait), v4 at 28800 (800 s), v5 at 29100 (500 s).
  const auto& lot = model_test::named(r.holding, "lot");
  EXPECT_EQ(lot.wait_outside.count, 3u);
  EXPECT_NEAR(lot.wait_outside.mean, 1300.0 / 3, exact);
}

}  // namespace
