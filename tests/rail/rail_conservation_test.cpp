// Train conservation: every train that entered the model has either cleared or is still inside,
// and so are its wagons, tonnes and persons; elements see every train that passes them.
#include <gtest/gtest.h>

#include "rail/rail_test_support.hpp"

namespace {

void expect_conserved(const tumen::results::replication_result& r) {
  ASSERT_FALSE(r.rail.flows.empty());
  for (const auto& f : r.rail.flows) {
    SCOPED_TRACE(f.route + "/" + f.kind);
    EXPECT_EQ(f.arrived, f.cleared + f.inside);
    EXPECT_NEAR(f.wagons_arrived, f.wagons_cleared + f.wagons_inside, 1e-6);
    EXPECT_NEAR(f.tonnes_arrived, f.tonnes_cleared + f.tonnes_inside,
                1e-6 * (1 + f.tonnes_arrived));
    EXPECT_NEAR(f.persons_arrived, f.persons_cleared + f.persons_inside, 1e-6);
    EXPECT_LE(f.cleared_measured, f.cleared);
  }
}

TEST(rail_conservation, the_built_in_scenario_loses_no_train) {
  const auto sc = model_test::builtin("khasan-tumangang");
  ASSERT_TRUE(sc.has_rail());
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    rail_test::recorder trace;
    const auto r = model_test::run(sc, &trace, rep);
    expect_conserved(r);
    std::uint64_t arrived = 0;
    for (const auto& f : r.rail.flows) arrived += f.arrived;
    // Every train passes the bridge once: crossings + trains not yet across = arrivals.
    const auto& bridge = r.rail.bridges.at(0);
    EXPECT_LE(bridge.crossings, arrived);
    EXPECT_EQ(bridge.crossings, rail_test::at(trace, "friendship_bridge").size());
    // Daily figures by direction add up to the totals.
    double tonnes = 0, persons = 0;
    for (const auto& d : r.rail.directions) {
      tonnes += d.tonnes_per_day;
      persons += d.persons_per_day;
    }
    EXPECT_NEAR(tonnes, r.totals.rail_tonnes_per_day, 1e-9 * (1 + tonnes));
    EXPECT_NEAR(persons, r.totals.rail_persons_per_day, 1e-9);
    EXPECT_NEAR(r.totals.all_modes_tonnes_per_day,
                r.totals.tonnes_per_day + r.totals.rail_tonnes_per_day, 1e-6);
  }
}

TEST(rail_conservation, trains_held_at_a_closed_station_count_as_inside) {
  // The station never opens: every train that arrives is still inside at the end.
  const auto sc = rail_test::parse(R"toml(
[rail_stations.s]
side = "a"
inspection = "10 min"
hours = "closed"
[train_kinds.k]
wagons = 20
tonnes_per_wagon = "60 t"
coaches = 1
persons_per_coach = 30
[rail_routes.ab]
from = "a"
to = "b"
path = ["s"]
[[trains]]
timetable = ["08:00", "09:00", "10:00"]
)toml",
                                   {"run.days=2"});
  const auto r = model_test::run(sc);
  expect_conserved(r);
  const auto& f = r.rail.flows.at(0);
  EXPECT_EQ(f.arrived, 6u);
  EXPECT_EQ(f.inside, 6u);
  EXPECT_DOUBLE_EQ(f.tonnes_inside, 6 * 1200.0);
  EXPECT_DOUBLE_EQ(f.persons_inside, 6 * 30.0);
  EXPECT_EQ(r.rail.stations.at(0).inspected, 0u);
}

TEST(rail_conservation, the_rail_line_leaves_the_road_alone) {
  // Rail streams are separate: the road's figures are the same with and without trains.
  const auto with = model_test::builtin("khasan-tumangang", {"run.days=10", "run.warmup=\"2 d\""});
  auto without = with;
  without.trains.clear();
  const auto a = model_test::run(with);
  const auto b = model_test::run(without);
  EXPECT_EQ(a.totals.vehicles_per_day, b.totals.vehicles_per_day);
  EXPECT_EQ(a.totals.persons_per_day, b.totals.persons_per_day);
  EXPECT_EQ(a.totals.tonnes_per_day, b.totals.tonnes_per_day);
  EXPECT_TRUE(b.rail.flows.empty());
  EXPECT_GT(a.totals.rail_tonnes_per_day, 0.0);
}

}  // namespace
