// A hand-worked timetable: three trains, every time worked out below and asserted exactly.
#include <gtest/gtest.h>

#include "rail/rail_test_support.hpp"

namespace {

// Stations sa (side a) and sb (side b), one track each, constant inspections of 10 and 20 min;
// a single-track bridge of 1,000 m at 36 km/h (100 s), headway 5 min, clearance 2 min; a
// transship yard g on side b, one track, 250 t/h, no setup. Kind k: 10 wagons × 50 t = 500 t,
// so gauge change takes 500 / 250 = 2 h.
//   ab: sa → bridge → sb → g          trains at 08:00 (T1) and 08:05 (T3)
//   ba: sb → bridge → sa              train at 08:02 (T2)
//
// Worked by hand (seconds of day; 08:00 = 28,800):
//   28800  T1 at sa, inspected 28800–29400.
//   28920  T2 at sb, inspected 28920–30120.
//   29100  T3 at sa: the track is held by T1; waits.
//   29400  T1 enters the empty bridge (no train before it) and gives up sa's track:
//          T3 is inspected 29400–30000. T1 crosses 29400–29500.
//   29500  T1 at sb: the track is T2's; waits.
//   30000  T3 at the bridge: empty, last entry of its direction 29400 + 300 = 29700 ≤ 30000, and
//          the last train to leave went its way, so no clearance: enters 30000, leaves 30100,
//          then queues at sb behind T1.
//   30120  T2 at the bridge: empty, but the last train to leave (T3 at 30100) went the other
//          way: clearance until 30100 + 120 = 30220. Enters 30220 and gives up sb's track:
//          T1 is inspected 30220–31420. T2 crosses 30220–30320, is inspected at sa
//          30320–30920 and clears at 30920.
//   31420  T1 gives up sb's track (T3 is inspected 31420–32620) and is worked at g
//          31420–38620; clears at 38620.
//   32620  T3 at g: the track is T1's until 38620; worked 38620–45820; clears at 45820.
constexpr std::string_view scenario = R"toml(
[rail_stations.sa]
side = "a"
inspection = "10 min"

[rail_stations.sb]
side = "b"
inspection = "20 min"

[rail_bridges.bridge]
length = "1000 m"
speed = "36 km/h"
headway = "5 min"
clearance = "2 min"

[gauge_change.g]
side = "b"
method = "transship"
rate = "250 t/h"

[train_kinds.k]
wagons = 10
tonnes_per_wagon = "50 t"

[rail_routes.ab]
from = "a"
to = "b"
path = ["sa", "bridge", "sb", "g"]

[rail_routes.ba]
from = "b"
to = "a"
path = ["sb", "bridge", "sa"]

[[trains]]
route = "ab"
timetable = ["08:05", "08:00"]

[[trains]]
route = "ba"
timetable = ["08:02"]
)toml";

struct expected_visit {
  std::uint64_t train;
  double joined, start, end;
};

void expect_visits(const std::vector<model_test::visit>& got,
                   const std::vector<expected_visit>& want, std::string_view element) {
  ASSERT_EQ(got.size(), want.size()) << element;
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(std::string(element) + " visit " + std::to_string(i));
    EXPECT_EQ(got[i].vehicle, want[i].train);
    EXPECT_NEAR(got[i].queue_join, want[i].joined, model_test::exact);
    EXPECT_NEAR(got[i].service_start, want[i].start, model_test::exact);
    EXPECT_NEAR(got[i].service_end, want[i].end, model_test::exact);
  }
}

TEST(rail_timetable, three_trains_worked_by_hand) {
  const auto sc = rail_test::parse(scenario);
  rail_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  // Train ids are given in order of arrival: T1 = 1 (08:00), T2 = 2 (08:02), T3 = 3 (08:05).
  expect_visits(rail_test::at(trace, "sa"),
                {{1, 28800, 28800, 29400}, {3, 29100, 29400, 30000}, {2, 30320, 30320, 30920}},
                "sa");
  expect_visits(rail_test::at(trace, "bridge"),
                {{1, 29400, 29400, 29500}, {3, 30000, 30000, 30100}, {2, 30120, 30220, 30320}},
                "bridge");
  expect_visits(rail_test::at(trace, "sb"),
                {{2, 28920, 28920, 30120}, {1, 29500, 30220, 31420}, {3, 30100, 31420, 32620}},
                "sb");
  expect_visits(rail_test::at(trace, "g"), {{1, 31420, 31420, 38620}, {3, 32620, 38620, 45820}},
                "g");

  ASSERT_EQ(r.rail.flows.size(), 2u);
  const auto& ab = r.rail.flows[0];
  const auto& ba = r.rail.flows[1];
  EXPECT_EQ(ab.route, "ab");
  EXPECT_EQ(ab.cleared, 2u);
  EXPECT_DOUBLE_EQ(ab.tonnes_cleared, 1000.0);
  EXPECT_DOUBLE_EQ(ab.wagons_cleared, 20.0);
  // Times in system: T1 38620 − 28800 = 9820, T3 45820 − 29100 = 16720.
  EXPECT_NEAR(ab.time_in_system.mean, (9820.0 + 16720.0) / 2, model_test::exact);
  EXPECT_NEAR(ab.time_in_system.max, 16720.0, model_test::exact);
  EXPECT_EQ(ba.cleared, 1u);
  EXPECT_NEAR(ba.time_in_system.mean, 30920.0 - 28920.0, model_test::exact);

  ASSERT_EQ(r.rail.bridges.size(), 1u);
  const auto& b = r.rail.bridges[0];
  EXPECT_EQ(b.crossings, 3u);
  EXPECT_EQ(b.reversals, 1u);                             // T3 (a→b) then T2 (b→a)
  EXPECT_NEAR(b.wait.max, 100.0, model_test::exact);      // T2: 30120 → 30220
  EXPECT_NEAR(b.occupied_share, 300.0 / 86400.0, 1e-12);  // three crossings of 100 s
  const auto& g = r.rail.gauge_changes[0];
  EXPECT_EQ(g.trains, 2u);
  EXPECT_NEAR(g.wait.max, 38620.0 - 32620.0, model_test::exact);
  EXPECT_NEAR(g.work.mean, 7200.0, model_test::exact);
  // One day measured: 1,000 t a → b and T2's 500 t b → a, no persons; road figures untouched.
  EXPECT_NEAR(r.totals.rail_tonnes_per_day, 1500.0, 1e-9);
  EXPECT_NEAR(r.totals.trains_per_day, 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.totals.tonnes_per_day, 0.0);
  EXPECT_NEAR(r.totals.all_modes_tonnes_per_day, 1500.0, 1e-9);
  ASSERT_EQ(r.rail.directions.size(), 2u);  // sorted by (from, to): a → b, then b → a
  EXPECT_NEAR(r.rail.directions[0].tonnes_per_day, 1000.0, 1e-9);
  EXPECT_NEAR(r.rail.directions[1].tonnes_per_day, 500.0, 1e-9);
}

TEST(rail_timetable, per_day_trains_are_spread_evenly_over_their_window) {
  // 4 trains a day over 08:00–16:00: one every 2 h, in the middle of each slot (09, 11, 13, 15 h);
  // none on Sunday (weekday factor 0). Monday start, 7 days: 24 trains.
  const auto sc = rail_test::parse(R"toml(
[rail_stations.s]
side = "a"
inspection = "1 min"
[train_kinds.k]
wagons = 1
[rail_routes.ab]
from = "a"
to = "b"
path = ["s"]
[[trains]]
per_day = 4
window = "08:00-16:00"
weekday_factors = { sun = 0 }
)toml",
                                   {"run.days=7"});
  rail_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto visits = rail_test::at(trace, "s");
  ASSERT_EQ(visits.size(), 24u);
  for (std::size_t i = 0; i < visits.size(); ++i) {
    EXPECT_EQ(model_test::day_of(visits[i].queue_join), static_cast<int>(i / 4));
    EXPECT_NEAR(model_test::time_of_day(visits[i].queue_join),
                (9.0 + 2.0 * static_cast<double>(i % 4)) * 3600.0, 1e-6);
  }
  EXPECT_EQ(r.rail.flows[0].cleared, 24u);
}

}  // namespace
