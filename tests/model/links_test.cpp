// Links: travel time = length ÷ speed, entries no closer than the headway per lane (which bounds a
// link's flow by lanes ÷ headway), closures that hold vehicles at the entrance until they end.
// A link's entry times are read from the trace of a stage right after it: join = entry + travel.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "model_test_support.hpp"
#include "tumen/results/checks.hpp"

namespace {

using model_test::exact;

// `per_hour` even arrivals in hour 0 only, over a link, into a stage with a 1 s service and
// enough lanes that nobody queues.
std::string link_then_stage(double per_hour, const std::string& link_keys) {
  return fmt::format(R"toml(
[run]
days = 1
[classes.car]
[links.bridge]
{}
[stages.gate]
lanes = 20
service = "1 s"
[routes.across]
path = ["bridge", "gate"]
[[demand]]
per_hour = {}
arrivals = "even"
)toml",
                     link_keys, model_test::one_hour(0, per_hour));
}

TEST(model_links, travel_time_is_length_over_speed) {
  // 1,005 m at 40 km/h (11.111 m/s) = 90.45 s. Arrivals every 600 s at 300 + 600 i.
  const auto sc = model_test::parse(
      link_then_stage(6, "length = \"1005 m\"\nspeed = \"40 km/h\"\nmin_headway = \"4.2 s\""));
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto gate = trace.by_start("gate");
  ASSERT_EQ(gate.size(), 6u);
  for (std::size_t i = 0; i < gate.size(); ++i)
    EXPECT_NEAR(gate[i].queue_join, 300.0 + 600.0 * static_cast<double>(i) + 1005.0 / (40.0 / 3.6),
                exact);
  EXPECT_NEAR(model_test::named(r.links, "bridge").travel_time, 90.45, 1e-9);
}

TEST(model_links, the_bridge_850m_variant_shortens_travel_by_length_over_speed) {
  const auto base = model_test::builtin("khasan-tumangang", {"run.days=8"});
  const auto shorter = model_test::builtin("khasan-tumangang", {"run.days=8"}, "bridge_850m");
  const auto idx = *base.find_link("bridge_to_kp");
  EXPECT_NEAR(base.links[static_cast<std::size_t>(idx)].travel_time(), 1005 / (40 / 3.6), 1e-9);
  EXPECT_NEAR(shorter.links[static_cast<std::size_t>(idx)].travel_time(), 850 / (40 / 3.6), 1e-9);
  const auto r = model_test::run(shorter);
  EXPECT_NEAR(model_test::named(r.links, "bridge_to_kp").travel_time, 76.5, 1e-9);
}

TEST(model_links, entries_faster_than_the_headway_are_spaced_exactly_one_headway_apart) {
  // 120 an hour arrive every 30 s (at 15 + 30 i); one lane takes one every 45 s: entry i is at
  // 15 + 45 i, and the gate sees it 100 s later (1 km at 36 km/h).
  const auto sc = model_test::parse(
      link_then_stage(120, "length = \"1 km\"\nspeed = \"36 km/h\"\nmin_headway = \"45 s\""));
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto gate = trace.by_start("gate");
  ASSERT_EQ(gate.size(), 120u);
  for (std::size_t i = 0; i < gate.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(gate[i].vehicle, i + 1);  // no overtaking
    EXPECT_NEAR(gate[i].queue_join, 15.0 + 45.0 * static_cast<double>(i) + 100.0, exact);
  }
  // Entry delay of vehicle i: 15·i s (45 i − 30 i); mean 15 · 119/2, max 15 · 119.
  const auto& link = model_test::named(r.links, "bridge");
  EXPECT_EQ(link.entered, 120u);
  EXPECT_NEAR(link.entry_delay.mean, 15.0 * 119 / 2, 1e-6);
  EXPECT_NEAR(link.entry_delay.max, 15.0 * 119, 1e-6);
}

TEST(model_links, two_lanes_pass_at_most_two_vehicles_per_headway) {
  // 240 an hour (every 15 s) on 2 lanes with a 45 s headway: capacity 160 an hour. Two of any 3
  // consecutive entries share a lane, so the three span at least one headway: the link passes
  // no more than 2 vehicles per 45 s.
  const auto sc = model_test::parse(link_then_stage(
      240, "length = \"1 km\"\nspeed = \"36 km/h\"\nlanes = 2\nmin_headway = \"45 s\""));
  model_test::recorder trace;
  model_test::run(sc, &trace);
  const auto gate = trace.by_start("gate");
  ASSERT_EQ(gate.size(), 240u);
  EXPECT_EQ(model_test::first_gap_below(gate, 2, 45.0), std::nullopt);
  // The first two enter on arrival (7.5 s and 22.5 s), then the lanes are the bottleneck:
  // 240 vehicles need 119 further headways on the busier lane.
  EXPECT_NEAR(gate[0].queue_join, 7.5 + 100, exact);
  EXPECT_NEAR(gate[1].queue_join, 22.5 + 100, exact);
  EXPECT_NEAR(gate.back().queue_join, 22.5 + 119 * 45.0 + 100, exact);
}

TEST(model_links, the_headway_binds_every_route_sharing_a_link) {
  // Two routes without sides share one single-lane link; each brings 60 an hour (every 60 s),
  // together 120 an hour, more than the 80 an hour a 45 s headway lets through. Entries from
  // both routes together must be at least 45 s apart.
  const auto sc = model_test::parse(R"toml(
[run]
days = 1
[classes.car]
[links.bridge]
length = "1 km"
speed = "36 km/h"
min_headway = "45 s"
[stages.gate]
lanes = 20
service = "1 s"
[routes.east]
path = ["bridge", "gate"]
[routes.west]
path = ["bridge", "gate"]
[[demand]]
route = "east"
per_hour = [60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
arrivals = "even"
[[demand]]
route = "west"
per_hour = [60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
arrivals = "even"
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto gate = trace.by_start("gate");
  ASSERT_EQ(gate.size(), 120u);
  EXPECT_EQ(model_test::first_gap_below(gate, 1, 45.0), std::nullopt);
  // 120 entries one headway apart from the first arrival at 30 s: the last enters at 30 + 119·45.
  EXPECT_NEAR(gate.back().queue_join, 30.0 + 119 * 45.0 + 100, exact);
  EXPECT_EQ(model_test::named(r.links, "bridge").entered, 120u);
}

TEST(model_links, a_closed_bridge_holds_vehicles_at_its_entrance_until_it_reopens) {
  // One every 60 s all day (at 30 + 60 i), a 20 s headway, the bridge closed 10:00–12:00.
  // Vehicles arriving in [36000, 43200) all enter from 43200, one every 20 s in arrival order;
  // the last arrival before the closure (35970) is not delayed.
  const auto sc = model_test::parse(R"toml(
[run]
days = 1
[classes.car]
[links.bridge]
length = "1 km"
speed = "36 km/h"
min_headway = "20 s"
[stages.gate]
lanes = 20
service = "1 s"
[routes.across]
path = ["bridge", "gate"]
[[demand]]
per_hour = 60
arrivals = "even"
[[closures]]
target = "bridge"
from = "day 1 10:00"
to = "day 1 12:00"
reason = "repairs"
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto gate = trace.by_start("gate");
  // 1,440 arrive; the last two (86310, 86370) are still on the bridge at 24:00.
  ASSERT_EQ(gate.size(), 24u * 60 - 2);
  EXPECT_EQ(model_test::flow(r, "across", "car").inside, 2u);
  int held = 0;
  for (const auto& v : gate) {
    const double arrived = 30.0 + 60.0 * static_cast<double>(v.vehicle - 1);
    const double entered = v.queue_join - 100;
    EXPECT_FALSE(entered >= 36000 && entered < 43200) << "entered at " << entered;
    if (arrived >= 36000 && arrived < 43200) {
      EXPECT_NEAR(entered, 43200 + 20.0 * held, exact) << "arrived at " << arrived;
      ++held;
    }
    if (arrived < 36000) {
      EXPECT_NEAR(entered, arrived, exact);
    }
  }
  EXPECT_EQ(held, 120);
  // The backlog of 120 clears at 20 s per vehicle while new ones come every 60 s: arrival n
  // after 12:00 (at 43230 + 60 n) enters at 43200 + 20 (120 + n) until that is earlier than its
  // arrival, which first happens for n = 60 (46830 > 46800): from then on nobody waits.
  const auto after = [&](double arrival) {
    for (const auto& v : gate)
      if (std::abs(30.0 + 60.0 * static_cast<double>(v.vehicle - 1) - arrival) < 1e-6)
        return v.queue_join - 100;
    return -1.0;
  };
  EXPECT_NEAR(after(43230), 43200 + 20.0 * 120, exact);
  EXPECT_NEAR(after(43230 + 60.0 * 59), 43200 + 20.0 * 179, exact);
  EXPECT_NEAR(after(43230 + 60.0 * 60), 43230 + 60.0 * 60, exact);
  EXPECT_GT(model_test::named(r.links, "bridge").entry_delay.max, 7200.0 - 60);
}

TEST(model_links, closing_one_of_two_lanes_leaves_the_other_in_use) {
  // 2 lanes, 60 s headway, arrivals every 20 s (180 an hour, one lane passes 60). With one lane
  // closed all day, entries are exactly 60 s apart: the link is down to 60 an hour.
  const auto sc = model_test::parse(R"toml(
[run]
days = 1
[classes.car]
[links.bridge]
length = "1 km"
speed = "36 km/h"
lanes = 2
min_headway = "60 s"
[stages.gate]
lanes = 20
service = "1 s"
[routes.across]
path = ["bridge", "gate"]
[[demand]]
per_hour = [180, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
arrivals = "even"
[[closures]]
target = "bridge"
day = 1
lanes = 1
)toml");
  model_test::recorder trace;
  model_test::run(sc, &trace);
  const auto gate = trace.by_start("gate");
  ASSERT_EQ(gate.size(), 180u);
  for (std::size_t i = 0; i < gate.size(); ++i)
    EXPECT_NEAR(gate[i].queue_join, 10.0 + 60.0 * static_cast<double>(i) + 100, exact) << i;
}

TEST(model_links, a_whole_crossing_closure_also_closes_its_links) {
  // target "all" from 00:00 to 01:00: the first hour's vehicles (every 60 s) enter from 01:00.
  const auto sc = model_test::parse(R"toml(
[run]
days = 1
[classes.car]
[links.bridge]
length = "1 km"
speed = "36 km/h"
min_headway = "10 s"
[stages.gate]
lanes = 20
service = "1 s"
[routes.across]
path = ["bridge", "gate"]
[[demand]]
per_hour = [60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
arrivals = "even"
[[closures]]
from = "day 1 00:00"
to = "day 1 01:00"
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
  const auto gate = trace.by_start("gate");
  ASSERT_EQ(gate.size(), 60u);
  for (std::size_t i = 0; i < gate.size(); ++i)
    EXPECT_NEAR(gate[i].queue_join, 3600 + 10.0 * static_cast<double>(i) + 100, exact) << i;
}

}  // namespace
