// Checkpoint stages: lane groups dedicated to classes, shared and per-lane queues, priorities,
// patience (abandonment) and branches to further stages.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "model_test_support.hpp"
#include "tumen/results/checks.hpp"

namespace {

using model_test::exact;

TEST(model_stages, a_lane_group_dedicated_to_buses_never_serves_a_car) {
  // Group 0: one bus-only lane; group 1: two lanes for anyone. With a shared queue per group the
  // trace's lane is the group's index.
  const auto sc = model_test::parse(R"toml(
[run]
days = 5
[classes.car]
[classes.bus]
[stages.booths]
lanes = [ { count = 1, classes = ["bus"] }, { count = 2 } ]
service = "exp(mean 3 min)"
[routes.r]
path = ["booths"]
[[demand]]
class = "car"
per_hour = 30
[[demand]]
class = "bus"
per_hour = 10
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  std::map<std::pair<std::string, int>, int> served;  // (class, group) → count
  const auto visits = trace.at("booths");
  for (const auto& v : visits) ++served[{v.vehicle_class, v.lane}];
  EXPECT_EQ((served[{"car", 0}]), 0);
  EXPECT_GT((served[{"car", 1}]), 2500);
  EXPECT_GT((served[{"bus", 0}]), 300);
  // Buses also use the general lanes when theirs is busier (fewest ahead per open lane).
  EXPECT_GT((served[{"bus", 1}]), 0);
  EXPECT_EQ(
      static_cast<std::uint64_t>(served[{"car", 1}] + served[{"bus", 0}] + served[{"bus", 1}]),
      model_test::named(r.stages, "booths").served);
  // Never more in service in a group than its lanes.
  for (const auto& v : visits) {
    int same_group = 0;
    for (const auto& w : visits)
      if (w.lane == v.lane && w.service_start <= v.service_start && v.service_start < w.service_end)
        ++same_group;
    EXPECT_LE(same_group, v.lane == 0 ? 1 : 2);
  }
}

TEST(model_stages, per_lane_queues_keep_each_class_on_its_own_lanes) {
  // One bus lane (lane 0) and two car lanes (1, 2), each lane with its own queue.
  const auto sc = model_test::parse(R"toml(
[run]
days = 3
[classes.car]
[classes.bus]
[stages.booths]
lanes = [ { count = 1, classes = ["bus"] }, { count = 2, classes = ["car"] } ]
queue = "per_lane"
service = "exp(mean 3 min)"
[routes.r]
path = ["booths"]
[[demand]]
class = "car"
per_hour = 30
[[demand]]
class = "bus"
per_hour = 10
)toml");
  model_test::recorder trace;
  model_test::run(sc, &trace);
  std::map<std::pair<std::string, int>, int> served;
  for (const auto& v : trace.at("booths")) ++served[{v.vehicle_class, v.lane}];
  EXPECT_GT((served[{"bus", 0}]), 500);
  EXPECT_GT((served[{"car", 1}]), 500);
  EXPECT_GT((served[{"car", 2}]), 500);
  EXPECT_EQ(served.size(), 3u);  // nothing else: no car on lane 0, no bus on 1 or 2
}

TEST(model_stages, higher_priority_is_served_first_and_equal_priority_in_arrival_order) {
  // One lane, 600 s each, open from 08:00. Four cars arrive in 06:00–07:00 (06:07:30 + 15 min
  // steps), two buses in 07:00–08:00 (07:15, 07:45); buses have priority 1. At 08:00 everybody
  // waits: by hand the order is bus, bus, car, car, car, car:
  //   bus 5 28800–29400 · bus 6 29400–30000 · car 1 30000–30600 · car 2 30600–31200 ·
  //   car 3 31200–31800 · car 4 31800–32400.
  const auto sc = model_test::parse(R"toml(
[run]
days = 1
[classes.car]
[classes.bus]
[stages.booth]
service = "600 s"
hours = "08:00-24:00"
priority_by_class = { bus = 1 }
[routes.r]
path = ["booth"]
[[demand]]
class = "car"
per_hour = [0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
arrivals = "even"
[[demand]]
class = "bus"
per_hour = [0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
arrivals = "even"
)toml");
  model_test::recorder trace;
  model_test::run(sc, &trace);
  const auto v = trace.by_start("booth");
  ASSERT_EQ(v.size(), 6u);
  const std::uint64_t order[] = {5, 6, 1, 2, 3, 4};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(v[i].vehicle, order[i]) << i;
    EXPECT_EQ(v[i].vehicle_class, i < 2 ? "bus" : "car");
    EXPECT_NEAR(v[i].service_start, 28800 + 600.0 * static_cast<double>(i), exact) << i;
  }
  EXPECT_NEAR(v[0].queue_join, 7 * 3600 + 900, exact);
  EXPECT_NEAR(v[2].queue_join, 6 * 3600 + 450, exact);
}

// One lane at 60 an hour, 90 an hour arrive: without patience the queue would grow for ever.
constexpr const char* impatient = R"toml(
[run]
days = 5
[classes.car]
[stages.booth]
service = "exp(mean 1 min)"
patience = "10 min"
[routes.r]
path = ["booth"]
[[demand]]
per_hour = 90
)toml";

TEST(model_stages, with_constant_patience_abandoners_wait_exactly_that_long_and_the_rest_less) {
  const auto sc = model_test::parse(impatient);
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
  std::uint64_t abandoned = 0;
  for (const auto& v : trace.at("booth")) {
    if (v.outcome == "abandoned") {
      ++abandoned;
      EXPECT_NEAR(v.wait(), 600.0, 1e-6);
      EXPECT_NEAR(v.service_end, v.service_start, exact);
    } else {
      EXPECT_LE(v.wait(), 600.0 + 1e-6);
    }
  }
  // 30 an hour more than the lane can take must leave, about a third of 10,800 arrivals.
  EXPECT_GT(abandoned, 2700u);
  EXPECT_LT(abandoned, 4500u);
  const auto& s = model_test::named(r.stages, "booth");
  EXPECT_EQ(s.abandoned, abandoned);
  EXPECT_EQ(model_test::flow(r, "r", "car").abandoned, abandoned);
  EXPECT_EQ(s.arrived, s.served + s.abandoned + s.waiting_at_end + s.in_service_at_end);
  // queue_time_mean counts everyone who left the queue, wait.mean only those served.
  EXPECT_GT(s.queue_time_mean, s.wait.mean);
}

TEST(model_stages, patience_runs_while_the_stage_is_closed) {
  // Open 09:00–17:00, patience 2 h: whoever joins before 07:00 or after 17:00 would wait more
  // than 2 h for the next opening, so gives up after exactly 2 h although the stage was closed
  // all that time.
  const auto sc = model_test::parse(R"toml(
[run]
days = 3
[classes.car]
[stages.booth]
lanes = 3
service = "exp(mean 1 min)"
patience = "2 h"
hours = "09:00-17:00"
[routes.r]
path = ["booth"]
[[demand]]
per_hour = 10
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  int early = 0;
  for (const auto& v : trace.at("booth")) {
    const double tod = model_test::time_of_day(v.queue_join);
    if (tod < 7 * 3600 || tod >= 17 * 3600) {
      ++early;
      EXPECT_EQ(v.outcome, "abandoned") << "joined at " << v.queue_join;
      EXPECT_NEAR(v.wait(), 7200.0, 1e-6);
    }
  }
  EXPECT_GT(early, 300);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
}

TEST(model_stages, a_branch_sends_its_share_to_the_further_stage_and_back_to_the_route) {
  // After primary, cars go to secondary with probability 0.3, buses never; secondary sends half
  // of its cars on to exam. Everyone then goes on to exit, the route's next stage.
  const auto sc = model_test::parse(R"toml(
[run]
days = 20
[classes.car]
[classes.bus]
[stages.primary]
lanes = 4
service = "exp(mean 2 min)"
next = [ { stage = "secondary", share = { car = 0.3, bus = 0 } } ]
[stages.secondary]
lanes = 4
service = "exp(mean 5 min)"
next = [ { stage = "exam", share = 0.5 } ]
[stages.exam]
lanes = 4
service = "exp(mean 5 min)"
[stages.exit]
lanes = 4
service = "exp(mean 1 min)"
[routes.r]
path = ["primary", "exit"]
[[demand]]
class = "car"
per_hour = 40
[[demand]]
class = "bus"
per_hour = 10
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
  std::map<std::uint64_t, std::vector<model_test::visit>> by_vehicle;
  for (const auto& v : trace.visits) by_vehicle[v.vehicle].push_back(v);
  double cars = 0, to_secondary = 0, to_exam = 0;
  for (const auto& [id, visits] : by_vehicle) {
    if (visits.back().element != "exit") continue;  // still inside at the end
    std::string path;
    for (const auto& v : visits) path += v.element + " ";
    if (visits.front().vehicle_class == "bus") {
      EXPECT_EQ(path, "primary exit ");
      continue;
    }
    ++cars;
    if (path == "primary secondary exit ")
      ++to_secondary;
    else if (path == "primary secondary exam exit ")
      ++to_secondary, ++to_exam;
    else
      EXPECT_EQ(path, "primary exit ");
    // Each stage is joined when the one before it ends (no link in between).
    for (std::size_t i = 1; i < visits.size(); ++i)
      EXPECT_NEAR(visits[i].queue_join, visits[i - 1].service_end, exact);
  }
  ASSERT_GT(cars, 15000);
  // Binomial: share 0.3 of n cars, 4 standard deviations.
  EXPECT_NEAR(to_secondary / cars, 0.3, 4 * std::sqrt(0.3 * 0.7 / cars));
  EXPECT_NEAR(to_exam / to_secondary, 0.5, 4 * std::sqrt(0.25 / to_secondary));
}

}  // namespace
