// Tests for containers: immediate puts and gets, waiting for content or room, strict FIFO (a large
// request at the head holds back smaller ones behind it), interrupted waiters (leaving the queue,
// or undoing an amount already served) and argument checks. Levels and times are worked out by
// hand from container.hpp.
#include "tumen/sim/container.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tumen::sim {
namespace {

using trace = std::vector<std::pair<std::string, sim_time>>;

process<> take(simulation& sim, container& c, std::string name, double amount, sim_time arrive,
               trace& log) {
  co_await sim.timeout(arrive);
  try {
    co_await c.get(amount);
    log.emplace_back(name + " took " + std::to_string(static_cast<int>(amount)), sim.now());
  } catch (const interrupted& i) {
    log.emplace_back(name + " interrupted: " + i.cause(), sim.now());
  }
}

process<> give(simulation& sim, container& c, std::string name, double amount, sim_time arrive,
               trace& log) {
  co_await sim.timeout(arrive);
  try {
    co_await c.put(amount);
    log.emplace_back(name + " gave " + std::to_string(static_cast<int>(amount)), sim.now());
  } catch (const interrupted& i) {
    log.emplace_back(name + " interrupted: " + i.cause(), sim.now());
  }
}

process<> interrupt_at(simulation& sim, sim_time at, process<> target) {
  co_await sim.timeout(at);
  target.interrupt("closing");
}

TEST(Container, ImmediatePutsAndGetsChangeTheLevel) {
  simulation sim;
  container tank(sim, 100, 10);
  trace log;
  sim.start(give(sim, tank, "p", 20, 0, log));
  sim.start(take(sim, tank, "g", 25, 1, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"p gave 20", 0}, {"g took 25", 1}}));
  EXPECT_EQ(tank.level(), 5);
  EXPECT_EQ(tank.capacity(), 100);
}

TEST(Container, AGetWaitsUntilThereIsEnough) {
  simulation sim;
  container yard(sim, 500);
  trace log;
  sim.start(take(sim, yard, "g", 30, 0, log));
  sim.start(give(sim, yard, "p1", 20, 1, log));
  sim.start(give(sim, yard, "p2", 15, 2, log));
  sim.run(1.5);
  EXPECT_EQ(yard.level(), 20);
  EXPECT_EQ(yard.gets_waiting(), 1u);
  sim.run();
  EXPECT_EQ(log, (trace{{"p1 gave 20", 1}, {"p2 gave 15", 2}, {"g took 30", 2}}));
  EXPECT_EQ(yard.level(), 5);
}

TEST(Container, APutWaitsUntilThereIsRoom) {
  simulation sim;
  container yard(sim, 100, 90);
  trace log;
  sim.start(give(sim, yard, "p", 20, 0, log));
  sim.start(take(sim, yard, "g", 15, 3, log));
  sim.run(1);
  EXPECT_EQ(yard.puts_waiting(), 1u);
  sim.run();
  EXPECT_EQ(log, (trace{{"g took 15", 3}, {"p gave 20", 3}}));
  EXPECT_EQ(yard.level(), 95);
}

TEST(Container, GetsAreStrictlyFifo) {
  simulation sim;
  container yard(sim, 100, 5);
  trace log;
  sim.start(take(sim, yard, "big", 10, 0, log));
  sim.start(take(sim, yard, "small", 3, 1, log));  // 5 >= 3, but the big one is ahead
  sim.start(give(sim, yard, "p", 10, 2, log));
  sim.run(1.5);
  EXPECT_EQ(yard.gets_waiting(), 2u);
  EXPECT_EQ(yard.level(), 5);
  sim.run();
  EXPECT_EQ(log, (trace{{"p gave 10", 2}, {"big took 10", 2}, {"small took 3", 2}}));
  EXPECT_EQ(yard.level(), 2);
}

TEST(Container, PutsAreStrictlyFifo) {
  simulation sim;
  container yard(sim, 10, 8);
  trace log;
  sim.start(give(sim, yard, "big", 5, 0, log));
  sim.start(give(sim, yard, "small", 1, 1, log));  // would fit, but the big one is ahead
  sim.start(take(sim, yard, "g", 4, 2, log));
  sim.run(1.5);
  EXPECT_EQ(yard.puts_waiting(), 2u);
  sim.run();
  EXPECT_EQ(log, (trace{{"g took 4", 2}, {"big gave 5", 2}, {"small gave 1", 2}}));
  EXPECT_EQ(yard.level(), 10);
}

TEST(Interrupt, OfTheHeadGetLetsTheOnesBehindItThrough) {
  simulation sim;
  container yard(sim, 100, 5);
  trace log;
  process<> big = sim.start(take(sim, yard, "big", 10, 0, log));
  sim.start(take(sim, yard, "small", 3, 1, log));
  sim.start(interrupt_at(sim, 2, big));
  sim.run();
  EXPECT_EQ(log, (trace{{"big interrupted: closing", 2}, {"small took 3", 2}}));
  EXPECT_EQ(yard.level(), 2);
  EXPECT_EQ(yard.gets_waiting(), 0u);
}

TEST(Interrupt, OfTheHeadPutLetsTheOnesBehindItThrough) {
  simulation sim;
  container yard(sim, 10, 8);
  trace log;
  process<> big = sim.start(give(sim, yard, "big", 5, 0, log));
  sim.start(give(sim, yard, "small", 1, 1, log));
  sim.start(interrupt_at(sim, 2, big));
  sim.run();
  EXPECT_EQ(log, (trace{{"big interrupted: closing", 2}, {"small gave 1", 2}}));
  EXPECT_EQ(yard.level(), 9);
  EXPECT_EQ(yard.puts_waiting(), 0u);
}

// At 3: puts 10 (serving the waiting get) and at once interrupts the getter.
process<> put_and_interrupt(simulation& sim, container& c, const process<>* victim) {
  co_await sim.timeout(3);
  co_await c.put(10);
  process<> v = *victim;
  v.interrupt("closing");
}

TEST(Interrupt, OfAServedGetUndoesItsAmount) {
  simulation sim;
  container yard(sim, 100);
  trace log;
  process<> g;
  g = sim.start(take(sim, yard, "g", 10, 0, log));
  sim.start(put_and_interrupt(sim, yard, &g));
  sim.run();
  EXPECT_EQ(log, (trace{{"g interrupted: closing", 3}}));
  EXPECT_EQ(yard.level(), 10);
}

TEST(Container, ArgumentsAreChecked) {
  simulation sim;
  EXPECT_THROW(container(sim, 0), std::invalid_argument);
  EXPECT_THROW(container(sim, -5), std::invalid_argument);
  EXPECT_THROW(container(sim, 10, 11), std::invalid_argument);
  EXPECT_THROW(container(sim, 10, -1), std::invalid_argument);
  container c(sim, 10);
  EXPECT_EQ(c.capacity(), 10);
  EXPECT_EQ(c.level(), 0);
  EXPECT_THROW(c.put(0), std::invalid_argument);
  EXPECT_THROW(c.get(-1), std::invalid_argument);
  EXPECT_THROW(c.put(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_THROW(c.get(11), std::invalid_argument);  // could never be served
  container unbounded(sim);
  EXPECT_EQ(unbounded.capacity(), forever);
  EXPECT_THROW(unbounded.put(forever), std::invalid_argument);
}

}  // namespace
}  // namespace tumen::sim
