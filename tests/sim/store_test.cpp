// Tests for stores: FIFO and key order, getters waiting while empty and served in arrival order,
// filtered getters that do not hold back others, capacity blocking putters (strictly in order),
// the non-waiting forms, and interrupted getters and putters. Expected orders and times are
// worked out by hand from store.hpp.
#include "tumen/sim/store.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tumen::sim {
namespace {

using trace = std::vector<std::pair<std::string, sim_time>>;

process<> getter(simulation& sim, store<std::string>& s, std::string name, sim_time arrive,
                 trace& log, store<std::string>::filter_fn filter = {}) {
  co_await sim.timeout(arrive);
  const std::string item = co_await s.get(std::move(filter));
  log.emplace_back(name + " got " + item, sim.now());
}

process<> putter(simulation& sim, store<std::string>& s, std::string item, sim_time arrive,
                 trace& log) {
  co_await sim.timeout(arrive);
  co_await s.put(item);
  log.emplace_back("put " + item, sim.now());
}

TEST(Store, ItemsLeaveInFifoOrder) {
  simulation sim;
  store<std::string> yard(sim);
  trace log;
  for (const char* item : {"a", "b", "c"}) sim.start(putter(sim, yard, item, 0, log));
  for (const char* name : {"g1", "g2", "g3"}) sim.start(getter(sim, yard, name, 1, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"put a", 0},
                        {"put b", 0},
                        {"put c", 0},
                        {"g1 got a", 1},
                        {"g2 got b", 1},
                        {"g3 got c", 1}}));
  EXPECT_EQ(yard.size(), 0u);
}

TEST(Store, GettersWaitWhileEmptyAndAreServedInArrivalOrder) {
  simulation sim;
  store<std::string> yard(sim);
  trace log;
  sim.start(getter(sim, yard, "second", 1, log));
  sim.start(getter(sim, yard, "first", 0, log));
  sim.start(putter(sim, yard, "x", 5, log));
  sim.start(putter(sim, yard, "y", 6, log));
  sim.run(4);
  EXPECT_EQ(yard.getters_waiting(), 2u);
  sim.run();
  // The getter is handed the item at once, and resumes (urgent) before the putter goes on.
  EXPECT_EQ(log, (trace{{"put x", 5}, {"first got x", 5}, {"put y", 6}, {"second got y", 6}}));
}

struct lot {
  std::string name;
  double priority;
};

process<> lot_getter(simulation& sim, store<lot>& s, int count, std::vector<std::string>& out) {
  for (int i = 0; i < count; ++i) out.push_back((co_await s.get()).name);
  co_await sim.timeout(0);
}

TEST(Store, AKeyOrdersItemsSmallestFirstTiesFifo) {
  simulation sim;
  store<lot> yard(sim, {}, [](const lot& l) { return l.priority; });
  for (lot l : {lot{"p5", 5}, lot{"p1", 1}, lot{"p3", 3}, lot{"p1'", 1}, lot{"p0", 0}})
    EXPECT_TRUE(yard.try_put(l));
  std::vector<std::string> out;
  sim.start(lot_getter(sim, yard, 5, out));
  sim.run();
  EXPECT_EQ(out, (std::vector<std::string>{"p0", "p1", "p1'", "p3", "p5"}));
}

TEST(Store, AFilteredGetterThatMatchesNothingDoesNotBlockOthers) {
  simulation sim;
  store<std::string> yard(sim);
  trace log;
  auto is_truck = [](const std::string& s) { return s.starts_with("truck"); };
  sim.start(getter(sim, yard, "truck bay", 0, log, is_truck));
  sim.start(getter(sim, yard, "any bay", 1, log));
  sim.start(putter(sim, yard, "car", 2, log));
  sim.start(putter(sim, yard, "truck 1", 3, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"put car", 2},
                        {"any bay got car", 2},
                        {"put truck 1", 3},
                        {"truck bay got truck 1", 3}}));
}

TEST(Store, AFilteredGetPicksTheFirstMatchAndLeavesTheRest) {
  simulation sim;
  store<std::string> yard(sim);
  for (const char* item : {"car 1", "truck 1", "car 2", "truck 2"}) yard.try_put(item);
  trace log;
  sim.start(getter(sim, yard, "truck bay", 0, log,
                   [](const std::string& s) { return s.starts_with("truck"); }));
  sim.run();
  EXPECT_EQ(log, (trace{{"truck bay got truck 1", 0}}));
  EXPECT_EQ(yard.items(), (std::deque<std::string>{"car 1", "car 2", "truck 2"}));
}

TEST(Store, CapacityBlocksPuttersInArrivalOrder) {
  simulation sim;
  store<std::string> yard(sim, 2);
  trace log;
  sim.start(putter(sim, yard, "a", 0, log));
  sim.start(putter(sim, yard, "b", 0, log));
  sim.start(putter(sim, yard, "c", 0, log));  // full: waits
  sim.start(putter(sim, yard, "d", 1, log));  // waits behind c
  sim.start(getter(sim, yard, "g1", 5, log));
  sim.start(getter(sim, yard, "g2", 8, log));
  sim.run(6);
  EXPECT_EQ(yard.items(), (std::deque<std::string>{"b", "c"}));
  EXPECT_EQ(yard.putters_waiting(), 1u);
  sim.run();
  EXPECT_EQ(log, (trace{{"put a", 0},
                        {"put b", 0},
                        {"g1 got a", 5},
                        {"put c", 5},
                        {"g2 got b", 8},
                        {"put d", 8}}));
  EXPECT_EQ(yard.items(), (std::deque<std::string>{"c", "d"}));
}

TEST(Store, AnImmediateGetFromAFullStoreAdmitsAWaitingPutter) {
  simulation sim;
  store<std::string> yard(sim, 1);
  trace log;
  sim.start(putter(sim, yard, "a", 0, log));
  sim.start(putter(sim, yard, "b", 1, log));  // full: waits
  sim.start(getter(sim, yard, "g", 3, log));  // finds "a" without waiting
  sim.run();
  EXPECT_EQ(log, (trace{{"put a", 0}, {"g got a", 3}, {"put b", 3}}));
  EXPECT_EQ(yard.items(), (std::deque<std::string>{"b"}));
  EXPECT_EQ(yard.putters_waiting(), 0u);
}

TEST(Store, NonWaitingForms) {
  simulation sim;
  store<std::string> yard(sim, 1);
  EXPECT_FALSE(yard.try_get().has_value());
  EXPECT_TRUE(yard.try_put("a"));
  EXPECT_FALSE(yard.try_put("b"));
  EXPECT_FALSE(yard.try_get([](const std::string& s) { return s == "z"; }).has_value());
  EXPECT_EQ(yard.try_get(), std::optional<std::string>("a"));
  EXPECT_EQ(yard.size(), 0u);
  EXPECT_THROW(store<int>(sim, 0), std::invalid_argument);
}

TEST(Store, ATryGetFromAFullStoreAdmitsAWaitingPutter) {
  simulation sim;
  store<std::string> yard(sim, 1);
  trace log;
  sim.start(putter(sim, yard, "a", 0, log));
  sim.start(putter(sim, yard, "b", 0, log));
  sim.run();
  EXPECT_EQ(yard.try_get(), std::optional<std::string>("a"));
  sim.run();
  EXPECT_EQ(log, (trace{{"put a", 0}, {"put b", 0}}));
  EXPECT_EQ(yard.items(), (std::deque<std::string>{"b"}));
}

// ---- interrupts ----

process<> interruptible_getter(simulation& sim, store<std::string>& s, std::string name,
                               trace& log) {
  try {
    const std::string item = co_await s.get();
    log.emplace_back(name + " got " + item, sim.now());
  } catch (const interrupted& i) {
    log.emplace_back(name + " interrupted: " + i.cause(), sim.now());
  }
}

process<> interruptible_putter(simulation& sim, store<std::string>& s, std::string item,
                               trace& log) {
  try {
    co_await s.put(item);
    log.emplace_back("put " + item, sim.now());
  } catch (const interrupted& i) {
    log.emplace_back(item + " interrupted: " + i.cause(), sim.now());
  }
}

process<> interrupt_at(simulation& sim, sim_time at, process<> target) {
  co_await sim.timeout(at);
  target.interrupt("closing");
}

TEST(Interrupt, OfAWaitingGetterLeavesTheQueue) {
  simulation sim;
  store<std::string> yard(sim);
  trace log;
  process<> g = sim.start(interruptible_getter(sim, yard, "g", log));
  sim.start(interrupt_at(sim, 2, g));
  sim.start(putter(sim, yard, "x", 5, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"g interrupted: closing", 2}, {"put x", 5}}));
  EXPECT_EQ(yard.getters_waiting(), 0u);
  EXPECT_EQ(yard.items(), (std::deque<std::string>{"x"}));
}

TEST(Interrupt, OfAWaitingPutterLeavesTheQueue) {
  simulation sim;
  store<std::string> yard(sim, 1);
  trace log;
  yard.try_put("a");
  process<> p = sim.start(interruptible_putter(sim, yard, "b", log));
  sim.start(interrupt_at(sim, 2, p));
  sim.start(getter(sim, yard, "g", 5, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"b interrupted: closing", 2}, {"g got a", 5}}));
  EXPECT_EQ(yard.size(), 0u);
}

// At 3: puts `item` (handing it to the waiting getter), interrupts that getter, then puts
// `more`, which land before the getter resumes.
template <class T>
process<> put_and_interrupt(simulation& sim, store<T>& s, T item, const process<>* victim,
                            std::vector<T> more) {
  co_await sim.timeout(3);
  s.try_put(std::move(item));
  process<> v = *victim;
  v.interrupt("closing");
  for (T& m : more) s.try_put(std::move(m));
}

TEST(Interrupt, OfAGetterAlreadyHandedAnItemPutsItBackInFront) {
  simulation sim;
  store<std::string> yard(sim);
  trace log;
  process<> g;
  g = sim.start(interruptible_getter(sim, yard, "g", log));
  sim.start(put_and_interrupt<std::string>(sim, yard, "x", &g, {"y"}));
  sim.run();
  EXPECT_EQ(log, (trace{{"g interrupted: closing", 3}}));
  EXPECT_EQ(yard.items(), (std::deque<std::string>{"x", "y"}));
}

process<> interruptible_lot_getter(simulation& sim, store<lot>& s, trace& log) {
  try {
    const lot l = co_await s.get();
    log.emplace_back("got " + l.name, sim.now());
  } catch (const interrupted&) {
    log.emplace_back("interrupted", sim.now());
  }
}

TEST(Interrupt, OfAKeyedGetterAlreadyHandedAnItemKeepsTheKeyOrder) {
  simulation sim;
  store<lot> yard(sim, {}, [](const lot& l) { return l.priority; });
  trace log;
  process<> g;
  g = sim.start(interruptible_lot_getter(sim, yard, log));
  sim.start(put_and_interrupt<lot>(sim, yard, lot{"p5", 5}, &g, {lot{"p1", 1}, lot{"p5'", 5}}));
  sim.run();
  EXPECT_EQ(log, (trace{{"interrupted", 3}}));
  std::vector<std::string> order;
  for (const lot& l : yard.items()) order.push_back(l.name);
  // p5 goes back ahead of the equal key that came after it, but behind the smaller key.
  EXPECT_EQ(order, (std::vector<std::string>{"p1", "p5", "p5'"}));
}

}  // namespace
}  // namespace tumen::sim
