// Conservation: every vehicle (and tonne) that arrives is cleared, transferred, turned away,
// abandoned or still inside, in every flow of every scenario: the built-in crossing with each of
// its variants, the reference systems, and a scenario that uses every way of leaving. Beside the
// model's own identity check, the figures are compared with counts taken from the trace and with
// each other (per stage, per holding area, per yard).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "model_test_support.hpp"
#include "tumen/results/checks.hpp"
#include "tumen/scenario/reader.hpp"

namespace {

using tumen::results::replication_result;

// Every way a trip can end: cleared, transferred at a yard (loaded or empty), turned away at a
// full holding area, abandoned at a stage (also after a branch), or left inside at the end.
constexpr const char* every_outcome = R"toml(
[run]
days = 12
warmup = "2 d"
[classes.car]
persons = "uniform(1, 4)"
[classes.truck]
cargo = "uniform(10 t, 30 t)"
loaded_share = 0.7
transship = true
[classes.truck_b]
cargo = "20 t"
[links.road]
length = "2 km"
speed = "50 km/h"
min_headway = "20 s"
[holding.lot]
capacity = 6
when_full = "turn_away"
[holding.apron]
capacity = 3
[stages.passport]
lanes = [ { count = 1, classes = ["car"] }, { count = 1 } ]
service_by_class = { car = "exp(mean 4 min)", truck = "exp(mean 3 min)" }
patience_by_class = { car = "exp(mean 20 min)" }
next = [ { stage = "search", share = { car = 0.2, truck = 0.1 } } ]
hours = "06:00-22:00"
[stages.search]
service = "exp(mean 15 min)"
patience = "1 h"
[stages.entry]
lanes = 2
service = "exp(mean 4 min)"
[yards.yard]
bays = 2
rate = "25 t/h"
setup = "tri(5 min, 10 min, 20 min)"
parking = 4
receiving_class = "truck_b"
onward_route = "onward"
empty_truck_route = "back"
hours = "07:00-19:00"
[routes.in]
path = ["road", "lot", "passport", "apron", "yard", "entry"]
[routes.onward]
path = ["entry", "road_out"]
[routes.back]
path = ["passport"]
[links.road_out]
length = "1 km"
speed = "30 km/h"
[[demand]]
class = "car"
route = "in"
per_hour = 6
initial_queue = 4
[[demand]]
class = "truck"
route = "in"
per_day = 40
profile = [1,1,1,1,1,1,2,3,3,3,3,3,3,3,3,3,3,2,1,1,1,1,1,1]
weekday_factors = { sun = 0.2 }
[[demand]]
class = "car"
route = "back"
per_hour = 1
booking = { slots_per_hour = 2, tolerance = "5 min", no_show = 0.1 }
)toml";

// The identities every result must satisfy, checked against the trace of the same run.
void expect_consistent(const replication_result& r, const model_test::recorder& trace) {
  const auto problems = tumen::results::conservation_problems(r);
  EXPECT_TRUE(problems.empty()) << problems.front();

  std::uint64_t inside = 0;
  for (const auto& f : r.flows) {
    EXPECT_EQ(f.arrived, f.cleared + f.transferred + f.inside + f.turned_away + f.abandoned)
        << f.route << "/" << f.vehicle_class << "/" << f.origin;
    EXPECT_LE(f.cleared_measured, f.cleared);
    EXPECT_LE(f.persons_cleared, f.persons_arrived + 1e-9);
    inside += f.inside;
  }
  EXPECT_EQ(r.totals.vehicles_inside_at_end, inside);
  EXPECT_GE(r.totals.peak_vehicles_inside, inside);

  // Per stage: joined = served + abandoned + still waiting + still in service, and the trace
  // holds one record per service or abandonment.
  for (const auto& s : r.stages) {
    EXPECT_EQ(s.arrived, s.served + s.abandoned + s.waiting_at_end + s.in_service_at_end) << s.id;
    EXPECT_EQ(trace.count(s.id, "served"), s.served) << s.id;
    EXPECT_EQ(trace.count(s.id, "abandoned"), s.abandoned) << s.id;
  }
  std::uint64_t abandoned_in_stages = 0, abandoned_in_flows = 0;
  for (const auto& s : r.stages) abandoned_in_stages += s.abandoned;
  for (const auto& f : r.flows) abandoned_in_flows += f.abandoned;
  EXPECT_EQ(abandoned_in_stages, abandoned_in_flows);

  // Holding areas: everyone turned away is a trip that ended there.
  std::uint64_t turned_in_holding = 0, turned_in_flows = 0;
  for (const auto& h : r.holding) {
    turned_in_holding += h.turned_away;
    EXPECT_LE(h.occupancy_max, h.capacity) << h.id;
  }
  for (const auto& f : r.flows) turned_in_flows += f.turned_away;
  EXPECT_EQ(turned_in_holding, turned_in_flows);

  // Yards: one trace record and one receiving truck per transfer; tonnes handed over arrive again.
  std::uint64_t transfers = 0, received = 0;
  double yard_tonnes = 0, handed_over = 0, tonnes_received = 0;
  for (const auto& y : r.yards) {
    EXPECT_EQ(trace.count(y.id, "transferred"), y.transfers) << y.id;
    transfers += y.transfers;
    yard_tonnes += y.tonnes_transferred;
  }
  for (const auto& f : r.flows) {
    handed_over += f.tonnes_transferred;
    if (f.origin == "transfer") received += f.arrived, tonnes_received += f.tonnes_arrived;
  }
  EXPECT_EQ(received, transfers);
  EXPECT_NEAR(handed_over, yard_tonnes, 1e-9 * std::max(1.0, yard_tonnes));
  EXPECT_NEAR(tonnes_received, yard_tonnes, 1e-9 * std::max(1.0, yard_tonnes));

  // Per (route, class): the trace saw every trip that ended by passing a stage or yard, and no
  // more trips than arrived.
  std::map<std::pair<std::string, std::string>, std::set<std::uint64_t>> seen;
  for (const auto& v : trace.visits) seen[{v.route, v.vehicle_class}].insert(v.vehicle);
  std::map<std::pair<std::string, std::string>, std::uint64_t> arrived, ended;
  for (const auto& f : r.flows) {
    arrived[{f.route, f.vehicle_class}] += f.arrived;
    ended[{f.route, f.vehicle_class}] += f.cleared + f.transferred + f.abandoned;
  }
  for (const auto& [key, ids] : seen) {
    EXPECT_LE(ids.size(), arrived[key]) << key.first << "/" << key.second;
    EXPECT_GE(ids.size(), ended[key]) << key.first << "/" << key.second;
  }

  // Every visit lies within the run, in order.
  for (const auto& v : trace.visits) {
    EXPECT_GE(v.queue_join, 0.0);
    EXPECT_LE(v.queue_join, v.service_start);
    EXPECT_LE(v.service_start, v.service_end);
    EXPECT_LE(v.service_end, r.ended_at);
  }
}

TEST(model_conservation, khasan_tumangang_design_point) {
  const auto sc = model_test::builtin("khasan-tumangang");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  expect_consistent(r, trace);
  // Vehicles that take a place in the Russian buffer join exit passport control at once.
  EXPECT_EQ(model_test::named(r.holding, "ru_out_holding").entered,
            model_test::named(r.stages, "ru_exit_passport").arrived);
  // Every emptied Russian truck heads home: one empty trip per export transfer.
  EXPECT_EQ(model_test::flow(r, "ru_truck_home", "truck", "empty").arrived,
            model_test::named(r.yards, "yard_export").transfers);
  EXPECT_FALSE(r.saturated.has_value());
}

TEST(model_conservation, khasan_tumangang_every_variant) {
  const auto b = tumen::scenario::find_builtin("khasan-tumangang");
  ASSERT_TRUE(b.has_value());
  const auto variants = tumen::scenario::variant_names(b->text, b->file_name());
  ASSERT_GE(variants.size(), 10u);
  for (const auto& v : variants) {
    SCOPED_TRACE(v);
    const auto sc = model_test::builtin("khasan-tumangang", {}, v);
    EXPECT_EQ(sc.variant, v);
    model_test::recorder trace;
    const auto r = model_test::run(sc, &trace);
    expect_consistent(r, trace);
    // rail_only is the crossing before the road bridge: no road traffic, only trains.
    if (sc.run.demand_scale > 0)
      EXPECT_GT(r.totals.vehicles_per_day, 100.0);
    else
      EXPECT_GT(r.totals.trains_per_day, 1.0);
  }
}

TEST(model_conservation, reference_scenarios) {
  for (const char* name :
       {"reference/mm1", "reference/mm3", "reference/md1", "reference/mmck",
        "reference/mm1_priority", "reference/tandem", "reference/mm1_patience"}) {
    SCOPED_TRACE(name);
    const auto sc = model_test::builtin(name, {"run.days=10"});
    model_test::recorder trace;
    const auto r = model_test::run(sc, &trace);
    expect_consistent(r, trace);
    // A single stage first on the route: every arrival is in the trace or still there.
    const auto& first = r.stages.front();
    std::uint64_t arrived = 0;
    for (const auto& f : r.flows) arrived += f.arrived - f.turned_away;
    EXPECT_EQ(arrived, model_test::vehicles(trace.at(first.id)).size() + first.waiting_at_end +
                           first.in_service_at_end);
  }
}

TEST(model_conservation, a_scenario_using_every_way_of_leaving) {
  const auto sc = model_test::parse(every_outcome);
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  expect_consistent(r, trace);
  // Each way of leaving actually happened.
  const auto& cars = model_test::flow(r, "in", "car");
  const auto& trucks = model_test::flow(r, "in", "truck");
  EXPECT_GT(cars.cleared, 0u);
  EXPECT_GT(cars.abandoned, 0u);
  EXPECT_GT(cars.turned_away + trucks.turned_away, 0u);
  EXPECT_GT(trucks.transferred, 0u);
  EXPECT_GT(model_test::named(r.yards, "yard").empty_arrivals, 0u);
  EXPECT_GT(model_test::flow(r, "onward", "truck_b", "transfer").cleared, 0u);
  EXPECT_GT(model_test::flow(r, "back", "truck", "empty").arrived, 0u);
  EXPECT_GT(model_test::flow(r, "back", "car").cleared, 0u);
  EXPECT_GT(model_test::named(r.stages, "search").served, 0u);
  // Tonnes: what loaded trucks brought is what was handed over plus what is still inside or
  // left with them (turned away, abandoned).
  EXPECT_NEAR(trucks.tonnes_arrived,
              trucks.tonnes_transferred + trucks.tonnes_inside + trucks.tonnes_turned_away +
                  trucks.tonnes_abandoned,
              1e-9 * trucks.tonnes_arrived);
  // Trucks leave by the receiving truck's own route: none of them reaches "entry" on "in".
  for (const auto& v : trace.at("entry")) EXPECT_NE(v.vehicle_class, "truck");
}

TEST(model_conservation, many_replications_of_the_every_outcome_scenario) {
  const auto sc = model_test::parse(every_outcome, {"run.days=4", "run.warmup=\"0 s\""});
  for (std::uint64_t k = 0; k < 20; ++k) {
    SCOPED_TRACE(k);
    model_test::recorder trace;
    const auto r = model_test::run(sc, &trace, k);
    expect_consistent(r, trace);
  }
}

}  // namespace
