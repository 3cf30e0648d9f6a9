// The single-track bridge over whole runs, from the trace of bridge occupancy: never two trains
// of opposite directions on it at once; the headway between trains of one direction and the
// clearance at a change of direction are kept; trains enter in the order they reached it.
#include <gtest/gtest.h>

#include <algorithm>

#include "rail/rail_test_support.hpp"

namespace {

// Busy traffic both ways: 30 trains a day each way, random inspections and lateness, so that
// trains often meet at the bridge. The bridge takes 4 min to cross.
constexpr std::string_view busy_line = R"toml(
[rail_stations.sa]
side = "a"
tracks = 3
inspection = "exp(mean 20 min)"

[rail_stations.sb]
side = "b"
tracks = 3
inspection = "exp(mean 20 min)"

[rail_bridges.bridge]
length = "800 m"
speed = "12 km/h"
headway = "3 min"
clearance = "2 min"

[train_kinds.k]
wagons = "uniform(10, 40)"
tonnes_per_wagon = "uniform(50 t, 70 t)"

[rail_routes.ab]
from = "a"
to = "b"
path = ["sa", "bridge", "sb"]

[rail_routes.ba]
from = "b"
to = "a"
path = ["sb", "bridge", "sa"]

[[trains]]
route = "ab"
per_day = 30
delay = "exp(mean 30 min)"

[[trains]]
route = "ba"
per_day = 30
delay = "exp(mean 30 min)"
)toml";

// The direction of a bridge visit: its rail route.
bool same_direction(const model_test::visit& x, const model_test::visit& y) {
  return x.route == y.route;
}

TEST(rail_bridge, opposite_directions_never_share_the_single_track) {
  const auto sc = rail_test::parse(busy_line, {"run.days=10"});
  rail_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto on = rail_test::at(trace, "bridge");  // sorted by entry
  ASSERT_GT(on.size(), 500u);
  std::size_t reversals = 0, followed = 0;
  for (std::size_t i = 0; i < on.size(); ++i) {
    for (std::size_t j = i + 1; j < on.size() && on[j].service_start < on[i].service_end; ++j) {
      // j entered while i was still on the bridge: it must go the same way.
      EXPECT_TRUE(same_direction(on[i], on[j]))
          << "train " << on[i].vehicle << " (" << on[i].route << ") on the bridge "
          << on[i].service_start << "–" << on[i].service_end << " and train " << on[j].vehicle
          << " (" << on[j].route << ") entered at " << on[j].service_start;
      ++followed;
    }
    if (i > 0 && !same_direction(on[i - 1], on[i])) ++reversals;
  }
  EXPECT_GT(followed, 0u) << "no train ever followed another: the test would prove nothing";
  EXPECT_GT(reversals, 100u);
  EXPECT_EQ(r.rail.bridges[0].crossings, on.size());
  EXPECT_EQ(r.rail.bridges[0].reversals, reversals);
}

TEST(rail_bridge, headway_clearance_and_arrival_order_are_kept) {
  const auto sc = rail_test::parse(busy_line, {"run.days=10"});
  rail_test::recorder trace;
  model_test::run(sc, &trace);
  const auto on = rail_test::at(trace, "bridge");
  ASSERT_GT(on.size(), 500u);
  const double headway = 180, clearance = 120;
  std::size_t waited = 0;
  for (std::size_t i = 1; i < on.size(); ++i) {
    // Entries in the order the trains reached the bridge (no overtaking).
    EXPECT_GE(on[i].queue_join, on[i - 1].queue_join - model_test::exact);
    if (same_direction(on[i - 1], on[i])) {
      EXPECT_GE(on[i].service_start - on[i - 1].service_start, headway - model_test::exact);
    } else {
      // The other direction: after the last train has left, plus the clearance.
      double last_exit = 0;
      for (std::size_t k = 0; k < i; ++k) last_exit = std::max(last_exit, on[k].service_end);
      EXPECT_GE(on[i].service_start - last_exit, clearance - model_test::exact);
    }
    if (on[i].service_start > on[i].queue_join + model_test::exact) ++waited;
  }
  EXPECT_GT(waited, 50u) << "trains hardly ever waited: the rules were not exercised";
}

TEST(rail_bridge, a_double_track_lets_both_directions_cross_at_once) {
  // The same traffic with single_track = false: opposite directions do overlap, so the check
  // above has teeth.
  const auto sc =
      rail_test::parse(busy_line, {"run.days=10", "rail_bridges.bridge.single_track=false"});
  rail_test::recorder trace;
  model_test::run(sc, &trace);
  const auto on = rail_test::at(trace, "bridge");
  std::size_t overlaps = 0;
  for (std::size_t i = 0; i < on.size(); ++i)
    for (std::size_t j = i + 1; j < on.size() && on[j].service_start < on[i].service_end; ++j)
      if (!same_direction(on[i], on[j])) ++overlaps;
  EXPECT_GT(overlaps, 0u);
}

}  // namespace
