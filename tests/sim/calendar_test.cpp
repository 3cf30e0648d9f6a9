// Tests for the event calendar: whatever mix of zero and non-zero delays and priorities is pushed,
// pop() returns entries in the order of one sorted sequence keyed by (time, priority, insertion),
// both on the bare calendar (against a reference ordered set) and through the simulation, whose
// processes check each wake against the same reference. Same-time ordering is spelled out by hand.
#include "tumen/sim/calendar.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "tumen/sim/simulation.hpp"

namespace tumen::sim {
namespace {

using detail::calendar;
using detail::calendar_entry;

// (time, priority, insertion number): the order the calendar promises.
using key = std::tuple<sim_time, int, std::uint32_t>;

// A delay drawn from a mix that makes ties likely: zero, a few whole numbers (so different
// pushes land on the same time) and continuous values.
sim_time draw_delay(std::mt19937_64& rng) {
  const auto pick = rng() % 10;
  if (pick < 3) return 0;
  if (pick < 7) return static_cast<double>(1 + rng() % 3);
  return std::uniform_real_distribution<double>(0.001, 5.0)(rng);
}

priority draw_priority(std::mt19937_64& rng) {
  return static_cast<priority>(rng() % 3);
}

calendar_entry payload(std::uint32_t id) {
  return {0, 0, nullptr, id, 0, 0};
}

TEST(Calendar, EmptyCalendarHasNoNextTime) {
  calendar c;
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(c.size(), 0u);
  EXPECT_EQ(c.next_time(), forever);
}

TEST(Calendar, SameTimeOrderIsUrgentNormalLateAndFifoWithin) {
  calendar c;
  // Pushed in a scrambled order; ids say where each should come out.
  c.push(0, 0, priority::late, payload(6));
  c.push(0, 0, priority::normal, payload(3));
  c.push(0, 0, priority::urgent, payload(0));
  c.push(0, 0, priority::late, payload(7));
  c.push(0, 0, priority::urgent, payload(1));
  c.push(0, 0, priority::normal, payload(4));
  c.push(0, 0, priority::urgent, payload(2));
  c.push(0, 0, priority::normal, payload(5));
  ASSERT_EQ(c.size(), 8u);
  EXPECT_EQ(c.next_time(), 0);
  for (std::uint32_t expected = 0; expected < 8; ++expected) {
    const calendar_entry e = c.pop();
    EXPECT_EQ(e.token, expected);
    EXPECT_EQ(e.time, 0);
  }
  EXPECT_TRUE(c.empty());
}

TEST(Calendar, FutureEntriesMeetNowEntriesAtTheSameTime) {
  // Entries that reach t = 2 through the heap (pushed at 0 with delay 2) and through the rings
  // (pushed at 2 with delay 0) interleave by priority, then insertion.
  calendar c;
  c.push(0, 2, priority::late, payload(10));
  c.push(0, 2, priority::normal, payload(11));
  c.push(0, 2, priority::urgent, payload(12));
  c.push(0, 1, priority::late, payload(13));
  EXPECT_EQ(c.pop().token, 13u);
  EXPECT_EQ(c.next_time(), 2);
  EXPECT_EQ(c.pop().token, 12u);  // (2, urgent): the clock is now 2
  c.push(2, 0, priority::late, payload(20));
  c.push(2, 0, priority::urgent, payload(21));
  c.push(2, 0, priority::normal, payload(22));
  std::vector<std::uint32_t> order;
  while (!c.empty()) order.push_back(c.pop().token);
  // urgent 21; normal 11 (inserted before 22), 22; late 10 (before 20), 20.
  EXPECT_EQ(order, (std::vector<std::uint32_t>{21, 11, 22, 10, 20}));
}

TEST(Calendar, TimesOrderBeforePriorities) {
  calendar c;
  c.push(0, 3, priority::urgent, payload(0));
  c.push(0, 1, priority::late, payload(1));
  c.push(0, 2, priority::normal, payload(2));
  EXPECT_EQ(c.next_time(), 1);
  EXPECT_EQ(c.pop().token, 1u);
  EXPECT_EQ(c.pop().token, 2u);
  const calendar_entry last = c.pop();
  EXPECT_EQ(last.token, 0u);
  EXPECT_EQ(last.time, 3);
}

TEST(Calendar, RingsKeepOrderAcrossGrowth) {
  // More than a ring's first allocation (64) of same-time entries per level, interleaved.
  calendar c;
  for (std::uint32_t i = 0; i < 600; ++i) c.push(0, 0, static_cast<priority>(i % 3), payload(i));
  std::vector<std::uint32_t> order;
  while (!c.empty()) order.push_back(c.pop().token);
  std::vector<std::uint32_t> expected;
  for (std::uint32_t level = 0; level < 3; ++level)
    for (std::uint32_t i = level; i < 600; i += 3) expected.push_back(i);
  EXPECT_EQ(order, expected);
}

TEST(Calendar, PopUntilStopsAtTheBoundAndOnEmpty) {
  calendar c;
  calendar_entry e = payload(99);
  EXPECT_FALSE(c.pop_until(forever, e));  // empty: nothing taken, `e` untouched
  EXPECT_EQ(e.token, 99u);
  c.push(0, 2, priority::normal, payload(1));
  c.push(0, 0, priority::late, payload(0));
  c.push(0, 5, priority::urgent, payload(2));
  ASSERT_TRUE(c.pop_until(0, e));  // the ring entry at 0, even at the bound itself
  EXPECT_EQ(e.token, 0u);
  EXPECT_FALSE(c.pop_until(1.5, e));  // next is at 2
  EXPECT_EQ(c.size(), 2u);
  ASSERT_TRUE(c.pop_until(2, e));
  EXPECT_EQ(e.token, 1u);
  c.push(2, 0, priority::late, payload(3));  // a ring entry at 2, before the heap's 5
  EXPECT_FALSE(c.pop_until(1, e));           // later than the bound, though in a ring
  ASSERT_TRUE(c.pop_until(2, e));
  EXPECT_EQ(e.token, 3u);
  ASSERT_TRUE(c.pop_until(forever, e));
  EXPECT_EQ(e.token, 2u);
  EXPECT_EQ(e.time, 5);
  EXPECT_TRUE(c.empty());
}

// Random pushes and pops, the clock following the popped entries (and sometimes jumping ahead
// into an empty stretch, as run(until) does): every pop must be the least pending key.
TEST(Calendar, DispatchOrderMatchesReferenceOrderingForRandomMixes) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 rng(seed);
    calendar c;
    std::set<key> reference;
    sim_time now = 0;
    std::uint32_t next_id = 0;
    const int steps = 400 + static_cast<int>(rng() % 600);
    for (int step = 0; step < steps; ++step) {
      const auto action = rng() % 10;
      if (action < 6 || reference.empty()) {
        const sim_time delay = draw_delay(rng);
        const priority p = draw_priority(rng);
        const std::uint32_t id = next_id++;
        c.push(now, delay, p, payload(id));
        reference.emplace(delay == 0 ? now : now + delay, static_cast<int>(p), id);
      } else if (action < 9) {
        ASSERT_EQ(c.next_time(), std::get<0>(*reference.begin()));
        const calendar_entry e = c.pop();
        const key expected = *reference.begin();
        reference.erase(reference.begin());
        ASSERT_EQ(e.token, std::get<2>(expected));
        ASSERT_EQ(e.time, std::get<0>(expected));
        ASSERT_EQ(static_cast<int>(e.order >> 56), std::get<1>(expected));
        now = e.time;
      } else if (c.next_time() > now + 0.5) {
        now += 0.5;  // nothing is due before now + 0.5: the clock may move there
      }
      ASSERT_EQ(c.size(), reference.size());
    }
    while (!reference.empty()) {
      const calendar_entry e = c.pop();
      ASSERT_EQ(e.token, std::get<2>(*reference.begin()));
      reference.erase(reference.begin());
    }
    EXPECT_TRUE(c.empty());
    EXPECT_EQ(c.scheduled_total(), next_id);
  }
}

// The same property through the simulation: every process wait is one calendar entry; each
// process notes the key of its wait before suspending and checks on waking that it is the least
// of all pending keys.
struct wake_checker {
  std::set<key> pending;
  std::uint32_t next_id = 0;
  std::size_t checked = 0;
  std::size_t mismatches = 0;

  std::uint32_t note(sim_time at, priority p) {
    pending.emplace(at, static_cast<int>(p), next_id);
    return next_id++;
  }
  void woke(sim_time now, priority p, std::uint32_t id) {
    ++checked;
    const key expected{now, static_cast<int>(p), id};
    if (pending.empty() || *pending.begin() != expected) ++mismatches;
    pending.erase(expected);
  }
};

process<> random_waiter(simulation& sim, wake_checker& check, std::uint64_t seed, int waits) {
  std::mt19937_64 rng(seed);
  for (int i = 0; i < waits; ++i) {
    const sim_time delay = draw_delay(rng);
    const priority p = draw_priority(rng);
    const std::uint32_t id = check.note(delay == 0 ? sim.now() : sim.now() + delay, p);
    co_await sim.timeout(delay, p);
    check.woke(sim.now(), p, id);
  }
}

// Starts waiters at random times: the starts are urgent "now" entries in the middle of the mix.
process<> spawner(simulation& sim, wake_checker& check, std::uint64_t seed, int count) {
  std::mt19937_64 rng(seed);
  for (int i = 0; i < count; ++i) {
    // The start entry itself is not tracked (the checker only needs the tracked keys to come out
    // in order); the new process's waits are.
    sim.start(random_waiter(sim, check, rng(), 1 + static_cast<int>(rng() % 20)));
    const sim_time delay = draw_delay(rng);
    const std::uint32_t id = check.note(delay == 0 ? sim.now() : sim.now() + delay, priority::late);
    co_await sim.timeout(delay, priority::late);
    check.woke(sim.now(), priority::late, id);
  }
}

TEST(Calendar, SimulationDispatchOrderMatchesReferenceOrdering) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    simulation sim;
    wake_checker check;
    std::mt19937_64 rng(seed);
    // Processes started before run() have their start entries outside the checker; the first
    // wait of each is then checked like every other.
    for (int i = 0; i < 20; ++i) sim.start(random_waiter(sim, check, rng(), 30));
    sim.start(spawner(sim, check, rng(), 40));
    sim.run();
    EXPECT_GT(check.checked, 600u);
    EXPECT_EQ(check.mismatches, 0u);
    EXPECT_TRUE(check.pending.empty());
    EXPECT_EQ(sim.processes_alive(), 0u);
  }
}

}  // namespace
}  // namespace tumen::sim
