// Tests for timetables: validation (first change at offset 0, increasing offsets within the
// period), the value in force at a time, and drive() applying each value at the right times,
// repeating by the period (or once through), starting part-way through a period, and acting
// before other events at the same instant. Times are worked out by hand.
#include "tumen/sim/schedule.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <utility>
#include <vector>

#include "tumen/sim/resource.hpp"

namespace tumen::sim {
namespace {

using changes = std::vector<std::pair<sim_time, int>>;

const timetable<int> shifts{days, {{0, 2}, {8 * hours, 6}, {20 * hours, 2}}};

TEST(Timetable, ValidationRequiresAFirstChangeAtZero) {
  EXPECT_NO_THROW(shifts.validate());
  EXPECT_THROW((timetable<int>{days, {}}).validate(), std::invalid_argument);
  EXPECT_THROW((timetable<int>{days, {{1 * hours, 2}, {8 * hours, 6}}}).validate(),
               std::invalid_argument);
  EXPECT_THROW((timetable<int>{days, {{0, 2}, {8 * hours, 6}, {8 * hours, 3}}}).validate(),
               std::invalid_argument);
  EXPECT_THROW((timetable<int>{days, {{0, 2}, {9 * hours, 6}, {8 * hours, 3}}}).validate(),
               std::invalid_argument);
  EXPECT_THROW((timetable<int>{days, {{0, 2}, {days, 6}}}).validate(), std::invalid_argument);
  EXPECT_NO_THROW((timetable<int>{forever, {{0, 2}, {400 * days, 6}}}).validate());
}

TEST(Timetable, ValueAtFollowsThePeriod) {
  EXPECT_EQ(shifts.value_at(0), 2);
  EXPECT_EQ(shifts.value_at(8 * hours - 1), 2);
  EXPECT_EQ(shifts.value_at(8 * hours), 6);
  EXPECT_EQ(shifts.value_at(19 * hours), 6);
  EXPECT_EQ(shifts.value_at(20 * hours), 2);
  EXPECT_EQ(shifts.value_at(days + 8 * hours), 6);
  EXPECT_EQ(shifts.value_at(3 * days + 21 * hours), 2);
  EXPECT_EQ(shifts.index_at(days + 9 * hours), 1u);
}

process<> drive_from(simulation& sim, sim_time at, timetable<int> table, changes& seen) {
  co_await sim.timeout(at);
  co_await sim.start(
      drive<int>(sim, std::move(table), [&](const int& v) { seen.emplace_back(sim.now(), v); }));
}

TEST(Drive, AppliesEachValueAtItsTimeEveryPeriod) {
  simulation sim;
  changes seen;
  sim.start(drive<int>(sim, shifts, [&](const int& v) { seen.emplace_back(sim.now(), v); }),
            "shifts");
  sim.run(2 * days + 9 * hours);
  EXPECT_EQ(seen, (changes{{0, 2},
                           {8 * hours, 6},
                           {20 * hours, 2},
                           {days, 2},  // the change at offset 0 applies again each day
                           {days + 8 * hours, 6},
                           {days + 20 * hours, 2},
                           {2 * days, 2},
                           {2 * days + 8 * hours, 6}}));
  EXPECT_EQ(sim.now(), 2 * days + 9 * hours);
}

TEST(Drive, StartingPartWayThroughAPeriodAppliesTheValueInForce) {
  simulation sim;
  changes seen;
  sim.start(drive_from(sim, 34 * hours, shifts, seen));  // day 1, 10:00
  sim.run(2 * days + 9 * hours);
  EXPECT_EQ(seen,
            (changes{{34 * hours, 6}, {44 * hours, 2}, {2 * days, 2}, {2 * days + 8 * hours, 6}}));
}

TEST(Drive, WithoutAPeriodRunsOnceThroughAndEnds) {
  simulation sim;
  changes seen;
  const timetable<int> once{forever, {{0, 1}, {10, 3}, {25, 0}}};
  process<> p =
      sim.start(drive<int>(sim, once, [&](const int& v) { seen.emplace_back(sim.now(), v); }));
  sim.run();
  EXPECT_EQ(seen, (changes{{0, 1}, {10, 3}, {25, 0}}));
  EXPECT_TRUE(p.done());
  EXPECT_EQ(sim.now(), 25);
}

TEST(Drive, RejectsAnInvalidTimetableWhenCalled) {
  simulation sim;
  const timetable<int> bad{days, {{1 * hours, 2}}};
  EXPECT_THROW(drive<int>(sim, bad, [](const int&) {}), std::invalid_argument);
  EXPECT_EQ(sim.processes_alive(), 0u);
}

// Arrives at `at`, asks for the booth with `patience`, notes when it started (or -1 when it gave
// up), holds it 30 minutes.
process<> arrive_and_serve(simulation& sim, resource& booth, sim_time at, sim_time patience,
                           std::vector<sim_time>& starts) {
  co_await sim.timeout(at);
  // Bound to a name first: g++ 12.2 miscompiles a co_await directly inside an if condition.
  const request_result got = co_await booth.request(0, patience);
  if (!got) {
    starts.push_back(-1);
    co_return;
  }
  starts.push_back(sim.now());
  co_await sim.timeout(30 * minutes);
  booth.release();
}

TEST(Drive, DrivesAResourcesCapacity) {
  simulation sim;
  resource booth(sim, 0);
  std::vector<sim_time> starts;
  sim.start(arrive_and_serve(sim, booth, 8 * hours, forever, starts));
  sim.start(arrive_and_serve(sim, booth, 7 * hours, forever, starts));
  sim.start(arrive_and_serve(sim, booth, 17 * hours + 50 * minutes, forever, starts));
  sim.start(arrive_and_serve(sim, booth, 17 * hours + 55 * minutes, forever, starts));
  const timetable<int> hours_open{days, {{0, 0}, {8 * hours, 1}, {18 * hours, 0}}};
  sim.start(drive<int>(sim, hours_open, [&](const int& n) { booth.set_capacity(n); }));
  sim.run(days + 8 * hours);
  // 07:00 waits for the opening, 08:00 queues behind it; 17:50 is served until 18:20 (closing
  // lets it finish); 17:55 waits overnight for the next opening.
  EXPECT_EQ(starts, (std::vector<sim_time>{8 * hours, 8 * hours + 30 * minutes,
                                           17 * hours + 50 * minutes, days + 8 * hours}));
}

TEST(Drive, SetterRunsBeforeSameTimeArrivalsScheduledEarlier) {
  simulation sim;
  resource booth(sim, 0);
  std::vector<sim_time> starts;
  // No patience: the vehicle is served only if the booth is already open when it asks. Its
  // arrival entry is in the calendar before the opening's.
  sim.start(arrive_and_serve(sim, booth, 8 * hours, 0, starts));
  const timetable<int> hours_open{days, {{0, 0}, {8 * hours, 1}}};
  sim.start(drive<int>(sim, hours_open, [&](const int& n) { booth.set_capacity(n); }));
  sim.run(days - 1);
  EXPECT_EQ(starts, (std::vector<sim_time>{8 * hours}));
}

}  // namespace
}  // namespace tumen::sim
