// A replication is a pure function of (scenario, seed, replication number): the same three give
// the same run, event for event; another replication or seed gives another run; and two
// variants of a scenario draw the same numbers for the same purposes (common random numbers).
#include <gtest/gtest.h>

#include "model_test_support.hpp"

namespace {

// The figures `tumen run --json` writes, compared exactly.
void expect_identical(const tumen::results::replication_result& a,
                      const tumen::results::replication_result& b) {
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.ended_at, b.ended_at);
  ASSERT_EQ(a.flows.size(), b.flows.size());
  for (std::size_t i = 0; i < a.flows.size(); ++i) {
    EXPECT_EQ(a.flows[i].arrived, b.flows[i].arrived);
    EXPECT_EQ(a.flows[i].cleared, b.flows[i].cleared);
    EXPECT_EQ(a.flows[i].persons_arrived, b.flows[i].persons_arrived);
    EXPECT_EQ(a.flows[i].tonnes_arrived, b.flows[i].tonnes_arrived);
    EXPECT_EQ(a.flows[i].time_in_system.mean, b.flows[i].time_in_system.mean);
    EXPECT_EQ(a.flows[i].time_in_system.p95, b.flows[i].time_in_system.p95);
  }
  ASSERT_EQ(a.stages.size(), b.stages.size());
  for (std::size_t i = 0; i < a.stages.size(); ++i) {
    EXPECT_EQ(a.stages[i].served, b.stages[i].served);
    EXPECT_EQ(a.stages[i].wait.mean, b.stages[i].wait.mean);
    EXPECT_EQ(a.stages[i].wait.max, b.stages[i].wait.max);
    EXPECT_EQ(a.stages[i].queue_mean, b.stages[i].queue_mean);
    EXPECT_EQ(a.stages[i].utilisation, b.stages[i].utilisation);
  }
  ASSERT_EQ(a.yards.size(), b.yards.size());
  for (std::size_t i = 0; i < a.yards.size(); ++i)
    EXPECT_EQ(a.yards[i].tonnes_transferred, b.yards[i].tonnes_transferred);
  EXPECT_EQ(a.totals.vehicles_per_day, b.totals.vehicles_per_day);
}

TEST(model_reproducibility, the_same_seed_and_replication_replay_identically) {
  const auto sc = model_test::builtin("khasan-tumangang");
  model_test::recorder t1, t2;
  const auto a = model_test::run(sc, &t1, 3);
  const auto b = model_test::run(sc, &t2, 3);
  expect_identical(a, b);
  ASSERT_EQ(t1.visits.size(), t2.visits.size());
  for (std::size_t i = 0; i < t1.visits.size(); ++i) {
    EXPECT_EQ(t1.visits[i].vehicle, t2.visits[i].vehicle);
    EXPECT_EQ(t1.visits[i].service_start, t2.visits[i].service_start);
    EXPECT_EQ(t1.visits[i].service_end, t2.visits[i].service_end);
  }
}

TEST(model_reproducibility, a_scenario_parsed_twice_gives_the_same_run) {
  const auto a = model_test::run(model_test::builtin("khasan-tumangang"));
  const auto b = model_test::run(model_test::builtin("khasan-tumangang"));
  expect_identical(a, b);
  EXPECT_EQ(a.seed, 20250430u);
}

TEST(model_reproducibility, another_replication_or_seed_gives_another_run) {
  const auto sc = model_test::builtin("khasan-tumangang");
  const auto base = model_test::run(sc, nullptr, 0);
  const auto other_replication = model_test::run(sc, nullptr, 1);
  tumen::model::run_options options;
  options.seed = 7;
  const auto other_seed = tumen::model::run_replication(sc, 0, options);
  EXPECT_EQ(other_seed.seed, 7u);
  for (const auto* r : {&other_replication, &other_seed}) {
    EXPECT_NE(r->events, base.events);
    EXPECT_NE(r->flows[0].arrived, base.flows[0].arrived);
    EXPECT_NE(r->stages[0].wait.mean, base.stages[0].wait.mean);
  }
  // run.seed is the default seed: giving it explicitly changes nothing.
  options.seed = sc.run.seed;
  expect_identical(tumen::model::run_replication(sc, 0, options), base);
}

TEST(model_reproducibility, variants_see_the_same_arrivals_common_random_numbers) {
  // Moving the yard inland (link_4_7km) changes travel times only: replication k of both draws
  // the same arrivals, persons and cargo, so every demand flow brings the same vehicles.
  const auto base = model_test::run(model_test::builtin("khasan-tumangang"), nullptr, 2);
  const auto longer =
      model_test::run(model_test::builtin("khasan-tumangang", {}, "link_4_7km"), nullptr, 2);
  ASSERT_EQ(base.flows.size(), longer.flows.size());
  for (std::size_t i = 0; i < base.flows.size(); ++i) {
    if (base.flows[i].origin != "demand") continue;
    SCOPED_TRACE(base.flows[i].route + "/" + base.flows[i].vehicle_class);
    EXPECT_EQ(base.flows[i].arrived, longer.flows[i].arrived);
    EXPECT_EQ(base.flows[i].persons_arrived, longer.flows[i].persons_arrived);
    EXPECT_EQ(base.flows[i].tonnes_arrived, longer.flows[i].tonnes_arrived);
  }
  // … and the longer road shows: trucks need longer to reach the yard.
  EXPECT_GT(model_test::named(longer.links, "kp_approach_to_kp").travel_time,
            model_test::named(base.links, "kp_approach_to_kp").travel_time);
}

// Cars and trucks arrive with random persons and cargo; every transfer at the yard creates a
// receiving truck with random persons.
constexpr const char* two_flows_and_a_yard = R"toml(
[run]
days = 5
[classes.car]
persons = "uniform(1, 5)"
[classes.truck]
persons = "uniform(1, 3)"
cargo = "uniform(10 t, 30 t)"
loaded_share = 0.8
transship = true
[classes.truck_b]
persons = "uniform(1, 3)"
[yards.yard]
time_per_truck = "exp(mean 20 min)"
parking = 50
bays = 2
receiving_class = "truck_b"
[stages.gate]
lanes = 2
service = "exp(mean 2 min)"
[routes.freight]
path = ["yard", "gate"]
[routes.cars]
path = ["gate"]
[[demand]]
class = "car"
route = "cars"
per_hour = 10
[[demand]]
class = "truck"
route = "freight"
per_hour = 3
)toml";

void expect_same_vehicles(const tumen::results::flow_result& a,
                          const tumen::results::flow_result& b) {
  EXPECT_EQ(a.arrived, b.arrived);
  EXPECT_EQ(a.persons_arrived, b.persons_arrived);
  EXPECT_EQ(a.tonnes_arrived, b.tonnes_arrived);
}

TEST(model_reproducibility, a_slower_yard_does_not_change_what_arriving_vehicles_carry) {
  // Slower transfers move the receiving trucks' persons draws in time; the cars and trucks that
  // arrive must still carry the same persons and cargo (their own numbers, not re-drawn).
  const auto a = model_test::run(model_test::parse(two_flows_and_a_yard));
  const auto b = model_test::run(
      model_test::parse(two_flows_and_a_yard, {"yards.yard.time_per_truck=\"exp(mean 50 min)\""}));
  EXPECT_NE(model_test::flow(a, "freight", "truck_b", "transfer").arrived,
            model_test::flow(b, "freight", "truck_b", "transfer").arrived);
  expect_same_vehicles(model_test::flow(a, "cars", "car"), model_test::flow(b, "cars", "car"));
  expect_same_vehicles(model_test::flow(a, "freight", "truck"),
                       model_test::flow(b, "freight", "truck"));
}

TEST(model_reproducibility, more_of_one_demand_does_not_change_what_another_brings) {
  const auto a = model_test::run(model_test::parse(two_flows_and_a_yard));
  const auto b = model_test::run(model_test::parse(two_flows_and_a_yard, {"demand.1.per_hour=6"}));
  expect_same_vehicles(model_test::flow(a, "cars", "car"), model_test::flow(b, "cars", "car"));
  // The built-in crossing's tourism_2025 variant cuts the buses only: cars and trucks unchanged.
  const auto base = model_test::run(model_test::builtin("khasan-tumangang"));
  const auto tourism = model_test::run(model_test::builtin("khasan-tumangang", {}, "tourism_2025"));
  for (const auto& [route, cls] :
       {std::pair{"ru_to_kp", "car"}, std::pair{"kp_to_ru", "car"},
        std::pair{"ru_to_kp_freight", "truck"}, std::pair{"kp_to_ru_freight", "truck_kp"}}) {
    SCOPED_TRACE(std::string(route) + "/" + cls);
    expect_same_vehicles(model_test::flow(base, route, cls), model_test::flow(tourism, route, cls));
  }
}

}  // namespace
