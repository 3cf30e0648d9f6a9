// Tests for resources: FIFO service, request priorities (higher first, FIFO among equals, never
// preempting), the queue limit, patience (reneging), capacity changes in both directions, and
// interrupted waits (including a unit granted and then given back). Every expected start time
// was worked out by hand from the rules in resource.hpp.
#include "tumen/sim/resource.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace tumen::sim {
namespace {

using trace = std::vector<std::pair<std::string, sim_time>>;

// Arrives after `arrive`, asks for a unit, holds it for `service`, and notes what happened.
process<> customer(simulation& sim, resource& r, std::string name, sim_time arrive,
                   sim_time service, trace& log, int prio = 0, sim_time patience = forever) {
  co_await sim.timeout(arrive);
  const request_result got = co_await r.request(prio, patience);
  switch (got.status) {
    case request_status::granted:
      log.emplace_back(name + " starts", sim.now());
      co_await sim.timeout(service);
      r.release();
      break;
    case request_status::refused: log.emplace_back(name + " refused", sim.now()); break;
    case request_status::timed_out: log.emplace_back(name + " gave up", sim.now()); break;
  }
}

TEST(Resource, ServesInArrivalOrder) {
  simulation sim;
  resource booth(sim, 1);
  trace log;
  // Started in a scrambled order; arrival times decide.
  sim.start(customer(sim, booth, "c", 2, 10, log));
  sim.start(customer(sim, booth, "a", 0, 10, log));
  sim.start(customer(sim, booth, "d", 3, 10, log));
  sim.start(customer(sim, booth, "b", 1, 10, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"a starts", 0}, {"b starts", 10}, {"c starts", 20}, {"d starts", 30}}));
  EXPECT_EQ(booth.in_use(), 0);
  EXPECT_EQ(booth.queue_length(), 0u);
}

TEST(Resource, SeveralUnitsServeInParallel) {
  simulation sim;
  resource booths(sim, 2);
  trace log;
  sim.start(customer(sim, booths, "a", 0, 10, log));
  sim.start(customer(sim, booths, "b", 1, 4, log));
  sim.start(customer(sim, booths, "c", 2, 10, log));
  sim.start(customer(sim, booths, "d", 3, 10, log));
  sim.run();
  // b leaves at 5 (c starts), a at 10 (d starts).
  EXPECT_EQ(log, (trace{{"a starts", 0}, {"b starts", 1}, {"c starts", 5}, {"d starts", 10}}));
}

process<> note_after(simulation& sim, sim_time delay, std::string what, trace& log) {
  co_await sim.timeout(delay);
  log.emplace_back(std::move(what), sim.now());
}

// Waits `first`, then `second`: its second wait is scheduled at time `first`.
process<> note_after_two(simulation& sim, sim_time first, sim_time second, std::string what,
                         trace& log) {
  co_await sim.timeout(first);
  co_await sim.timeout(second);
  log.emplace_back(std::move(what), sim.now());
}

TEST(Resource, AGrantResumesTheWaiterBeforeOtherEventsAtThatTime) {
  simulation sim;
  resource booth(sim, 1);
  trace log;
  sim.start(note_after(sim, 10, "scheduled before the release", log));
  sim.start(customer(sim, booth, "holder", 0, 10, log));
  sim.start(customer(sim, booth, "waiter", 1, 1, log));
  sim.start(note_after_two(sim, 5, 5, "scheduled after the release", log));
  sim.run();
  EXPECT_EQ(log, (trace{{"holder starts", 0},
                        {"scheduled before the release", 10},
                        {"waiter starts", 10},  // urgent: ahead of the normal entry below
                        {"scheduled after the release", 10}}));
}

process<> quick_user(simulation& sim, resource& r, trace& log) {
  const request_result got = co_await r.request();
  log.emplace_back(got ? "granted" : "not granted", sim.now());
  r.release();
}

TEST(Resource, AnImmediateGrantDoesNotSuspend) {
  simulation sim;
  resource booth(sim, 1);
  trace log;
  sim.start(quick_user(sim, booth, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"granted", 0}}));
  EXPECT_EQ(sim.dispatched(), 1u);  // the start, and no grant wake
}

TEST(Resource, HigherPriorityFirstFifoAmongEqualsNeverPreempting) {
  simulation sim;
  resource booth(sim, 1);
  trace log;
  sim.start(customer(sim, booth, "holder", 0, 10, log, 0));
  sim.start(customer(sim, booth, "a1", 1, 10, log, 1));
  sim.start(customer(sim, booth, "b5", 2, 10, log, 5));
  sim.start(customer(sim, booth, "c5", 3, 10, log, 5));
  sim.start(customer(sim, booth, "d0", 4, 10, log, 0));
  sim.start(customer(sim, booth, "e1", 5, 10, log, 1));
  sim.start(customer(sim, booth, "vip", 6, 10, log, 100));  // waits for the holder all the same
  sim.run(6);
  EXPECT_EQ(booth.queue_length(), 6u);
  sim.run();
  EXPECT_EQ(log, (trace{{"holder starts", 0},
                        {"vip starts", 10},
                        {"b5 starts", 20},
                        {"c5 starts", 30},
                        {"a1 starts", 40},
                        {"e1 starts", 50},
                        {"d0 starts", 60}}));
}

// Waiters leaving from the end of a priority level (patience) and a level emptied and filled
// again: each newcomer still joins behind the last waiter of its own level.
TEST(Resource, PriorityLevelsStayOrderedAsWaitersLeave) {
  simulation sim;
  resource booth(sim, 1);
  trace log;
  sim.start(customer(sim, booth, "holder", 0, 100, log, 0));
  sim.start(customer(sim, booth, "a0", 1, 10, log, 0));
  sim.start(customer(sim, booth, "b2", 2, 10, log, 2));
  sim.start(customer(sim, booth, "c2", 3, 10, log, 2, 5));  // the level's last, leaves at 8
  sim.start(customer(sim, booth, "d1", 4, 10, log, 1, 5));  // the level's only one, leaves at 9
  sim.start(customer(sim, booth, "e0", 5, 10, log, 0));
  sim.start(customer(sim, booth, "f2", 10, 10, log, 2));  // behind b2
  sim.start(customer(sim, booth, "g1", 11, 10, log, 1));  // level 1 again, before a0
  sim.start(customer(sim, booth, "h0", 12, 10, log, 0));
  sim.run();
  EXPECT_EQ(log, (trace{{"holder starts", 0},
                        {"c2 gave up", 8},
                        {"d1 gave up", 9},
                        {"b2 starts", 100},
                        {"f2 starts", 110},
                        {"g1 starts", 120},
                        {"a0 starts", 130},
                        {"e0 starts", 140},
                        {"h0 starts", 150}}));
  EXPECT_EQ(booth.queue_length(), 0u);
}

struct visit {
  sim_time arrive = 0;
  int prio = 0;
  sim_time start = forever;  // when granted
  sim_time left = forever;   // when it gave up
};

process<> visitor(simulation& sim, resource& booth, visit& v, sim_time service, sim_time patience) {
  co_await sim.timeout(v.arrive);
  const request_result got = co_await booth.request(v.prio, patience);
  if (got) {
    v.start = sim.now();
    co_await sim.timeout(service);
    booth.release();
  } else {
    v.left = sim.now();
  }
}

// A long random run of four priority levels with impatient waiters: every grant goes to the
// highest priority waiting at that instant, the earliest arrival among equals.
TEST(Resource, EveryGrantGoesToTheFirstOfTheHighestLevelWaiting) {
  simulation sim;
  resource booth(sim, 1);
  std::vector<visit> visits(3000);
  std::mt19937_64 rng(7);
  std::exponential_distribution<double> gap(1.0), service(0.9), patience(0.05);
  const int levels[] = {0, 1, 2, 5};
  sim_time t = 0;
  for (visit& v : visits) {
    t += gap(rng);
    v.arrive = t;
    v.prio = levels[rng() % 4];
    const sim_time s = service(rng);
    const sim_time p = rng() % 3 == 0 ? patience(rng) : forever;
    sim.start(visitor(sim, booth, v, s, p));
  }
  sim.run();
  std::size_t queued_grants = 0;
  for (const visit& g : visits) {
    ASSERT_TRUE(g.start != forever || g.left != forever);
    if (g.start == forever || g.start == g.arrive) continue;
    ++queued_grants;
    for (const visit& o : visits) {
      const bool waiting = o.arrive < g.start && o.start > g.start && o.left > g.start;
      if (!waiting) continue;
      EXPECT_TRUE(o.prio < g.prio || (o.prio == g.prio && o.arrive > g.arrive))
          << "granted prio " << g.prio << " arrived " << g.arrive << " at " << g.start
          << " before prio " << o.prio << " arrived " << o.arrive;
    }
  }
  EXPECT_GT(queued_grants, 1000u);  // the queue was long enough to test the order
}

TEST(Resource, QueueLimitRefusesAtOnce) {
  simulation sim;
  resource booth(sim, 1, 2);
  EXPECT_EQ(booth.queue_limit(), std::optional<std::size_t>(2));
  trace log;
  sim.start(customer(sim, booth, "holder", 0, 10, log));
  sim.start(customer(sim, booth, "w1", 1, 10, log));
  sim.start(customer(sim, booth, "w2", 2, 10, log));
  sim.start(customer(sim, booth, "w3", 3, 10, log));   // two already waiting: refused
  sim.start(customer(sim, booth, "w4", 12, 10, log));  // one waiting: joins
  sim.run();
  EXPECT_EQ(log, (trace{{"holder starts", 0},
                        {"w3 refused", 3},
                        {"w1 starts", 10},
                        {"w2 starts", 20},
                        {"w4 starts", 30}}));
}

TEST(Resource, QueueLimitZeroIsALossSystem) {
  simulation sim;
  resource booths(sim, 2, 0);
  trace log;
  sim.start(customer(sim, booths, "a", 0, 10, log));
  sim.start(customer(sim, booths, "b", 1, 10, log));
  sim.start(customer(sim, booths, "c", 2, 10, log));
  sim.start(customer(sim, booths, "d", 11, 10, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"a starts", 0}, {"b starts", 1}, {"c refused", 2}, {"d starts", 11}}));
}

TEST(Resource, PatienceRunsOutAndTheWaiterLeavesTheQueue) {
  simulation sim;
  resource booth(sim, 1);
  trace log;
  sim.start(customer(sim, booth, "holder", 0, 10, log));
  sim.start(customer(sim, booth, "impatient", 1, 10, log, 0, 4));
  sim.start(customer(sim, booth, "patient", 2, 10, log, 0, 20));
  sim.start(customer(sim, booth, "no patience", 3, 10, log, 0, 0));
  sim.run(5.5);
  EXPECT_EQ(booth.queue_length(), 1u);
  sim.run();
  EXPECT_EQ(log, (trace{{"holder starts", 0},
                        {"no patience gave up", 3},
                        {"impatient gave up", 5},
                        {"patient starts", 10}}));
}

// Holds a unit from 0 to 10, its release scheduled at time `split` (two waits).
process<> split_holder(simulation& sim, resource& r, sim_time split, trace& log) {
  co_await r.request();
  log.emplace_back("holder starts", sim.now());
  co_await sim.timeout(split);
  co_await sim.timeout(10 - split);
  r.release();
  log.emplace_back("holder releases", sim.now());
}

TEST(Resource, PatienceEndingAtTheReleaseInstantFollowsSchedulingOrder) {
  {
    // The release (scheduled at 0) comes before the patience end (scheduled at 1): granted.
    simulation sim;
    resource booth(sim, 1);
    trace log;
    sim.start(split_holder(sim, booth, 0.5, log));
    sim.start(customer(sim, booth, "w", 1, 1, log, 0, 9));
    sim.run();
    EXPECT_EQ(log, (trace{{"holder starts", 0}, {"holder releases", 10}, {"w starts", 10}}));
  }
  {
    // The release is scheduled at 4, after the patience end: the waiter has left.
    simulation sim;
    resource booth(sim, 1);
    trace log;
    sim.start(split_holder(sim, booth, 4, log));
    sim.start(customer(sim, booth, "w", 1, 1, log, 0, 9));
    sim.run();
    EXPECT_EQ(log, (trace{{"holder starts", 0}, {"w gave up", 10}, {"holder releases", 10}}));
    EXPECT_EQ(booth.in_use(), 0);
  }
}

process<> interruptible_customer(simulation& sim, resource& r, std::string name, sim_time arrive,
                                 sim_time service, trace& log) {
  co_await sim.timeout(arrive);
  try {
    co_await r.request();
  } catch (const interrupted& i) {
    log.emplace_back(name + " interrupted: " + i.cause(), sim.now());
    co_return;
  }
  log.emplace_back(name + " starts", sim.now());
  co_await sim.timeout(service);
  r.release();
}

process<> interrupt_at(simulation& sim, sim_time at, process<> target, std::string cause) {
  co_await sim.timeout(at);
  target.interrupt(std::move(cause));
}

TEST(Interrupt, OfAResourceWaitLeavesTheQueue) {
  simulation sim;
  resource booth(sim, 1);
  trace log;
  sim.start(customer(sim, booth, "holder", 0, 10, log));
  process<> w1 = sim.start(interruptible_customer(sim, booth, "w1", 1, 10, log));
  sim.start(customer(sim, booth, "w2", 2, 10, log));
  sim.start(interrupt_at(sim, 4, w1, "wrong lane"));
  sim.run(4);
  EXPECT_EQ(booth.queue_length(), 1u);
  sim.run();
  EXPECT_EQ(log,
            (trace{{"holder starts", 0}, {"w1 interrupted: wrong lane", 4}, {"w2 starts", 10}}));
  EXPECT_EQ(booth.in_use(), 0);
}

// Releases its unit at 10 (granting it to the first waiter) and at once interrupts that waiter.
process<> release_and_interrupt(simulation& sim, resource& r, const process<>* victim, trace& log) {
  co_await r.request();
  log.emplace_back("holder starts", sim.now());
  co_await sim.timeout(10);
  r.release();
  process<> v = *victim;
  v.interrupt("booth closing");
  log.emplace_back("holder left, in use " + std::to_string(r.in_use()), sim.now());
}

TEST(Interrupt, OfAGrantedWaiterGivesTheUnitToTheNext) {
  simulation sim;
  resource booth(sim, 1);
  trace log;
  process<> w1;
  sim.start(release_and_interrupt(sim, booth, &w1, log));
  w1 = sim.start(interruptible_customer(sim, booth, "w1", 1, 10, log));
  sim.start(interruptible_customer(sim, booth, "w2", 2, 10, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"holder starts", 0},
                        {"holder left, in use 1", 10},  // the unit went to w1...
                        {"w1 interrupted: booth closing", 10},
                        {"w2 starts", 10}}));  // ...and came back for w2 at once
  EXPECT_EQ(booth.in_use(), 0);
  EXPECT_EQ(sim.now(), 20);
}

process<> set_capacity_at(simulation& sim, resource& r, sim_time at, int capacity) {
  co_await sim.timeout(at);
  r.set_capacity(capacity);
}

TEST(Resource, RaisingCapacityStartsWaitersAtOnce) {
  simulation sim;
  resource booths(sim, 1);
  trace log;
  sim.start(customer(sim, booths, "holder", 0, 100, log));
  sim.start(customer(sim, booths, "w1", 1, 50, log));
  sim.start(customer(sim, booths, "w2", 2, 50, log));
  sim.start(customer(sim, booths, "w3", 3, 50, log));
  sim.start(set_capacity_at(sim, booths, 5, 3));
  sim.run();
  EXPECT_EQ(log,
            (trace{{"holder starts", 0}, {"w1 starts", 5}, {"w2 starts", 5}, {"w3 starts", 55}}));
}

TEST(Resource, LoweringCapacityLetsBusyUnitsFinishAndStartsNobodyUntilBelowIt) {
  simulation sim;
  resource booths(sim, 3);
  trace log;
  sim.start(customer(sim, booths, "a", 0, 10, log));
  sim.start(customer(sim, booths, "b", 0, 20, log));
  sim.start(customer(sim, booths, "c", 0, 30, log));
  sim.start(set_capacity_at(sim, booths, 5, 1));
  sim.start(customer(sim, booths, "w", 6, 5, log));
  sim.start(customer(sim, booths, "x", 7, 5, log));
  sim.run(6);
  EXPECT_EQ(booths.capacity(), 1);
  EXPECT_EQ(booths.in_use(), 3);  // nobody is thrown out
  sim.run(25);
  EXPECT_EQ(booths.in_use(), 1);
  EXPECT_EQ(booths.queue_length(), 2u);
  sim.run();
  EXPECT_EQ(
      log,
      (trace{
          {"a starts", 0}, {"b starts", 0}, {"c starts", 0}, {"w starts", 30}, {"x starts", 35}}));
}

TEST(Resource, CapacityZeroClosesAndReopening) {
  simulation sim;
  resource booth(sim, 1);
  trace log;
  sim.start(customer(sim, booth, "holder", 0, 10, log));
  sim.start(set_capacity_at(sim, booth, 5, 0));
  sim.start(customer(sim, booth, "w", 6, 5, log));
  sim.start(set_capacity_at(sim, booth, 15, 1));
  sim.run();
  EXPECT_EQ(log, (trace{{"holder starts", 0}, {"w starts", 15}}));
}

// Asks a, holds whatever unit it was given for `service`, and notes where it was served.
process<> mover(simulation& sim, resource& a, resource& b, std::string name, sim_time arrive,
                sim_time service, trace& log, sim_time patience = forever) {
  co_await sim.timeout(arrive);
  auto req = a.request(0, patience);
  const request_result got = co_await req;
  if (!got) {
    log.emplace_back(name + " gave up", sim.now());
    co_return;
  }
  log.emplace_back(name + (&req.owner() == &b ? " starts at b" : " starts at a"), sim.now());
  co_await sim.timeout(service);
  req.owner().release();
}

process<> move_at(simulation& sim, resource& from, resource& to, sim_time at, int count) {
  co_await sim.timeout(at);
  for (int i = 0; i < count; ++i) from.move_front_to(to);
}

// A closing lane hands its queue over: the first waiter moved starts at once where a unit is
// free, the next queues behind the waiters there, and patience keeps counting from the first
// request.
TEST(Resource, MovedWaitersJoinTheOtherQueueAndKeepTheirPatience) {
  simulation sim;
  resource a(sim, 1), b(sim, 1);
  trace log;
  sim.start(customer(sim, a, "holder a", 0, 100, log));
  sim.start(customer(sim, b, "holder b", 0, 10, log));
  sim.start(customer(sim, b, "b1", 1, 10, log));
  sim.start(mover(sim, a, b, "m1", 2, 10, log));
  sim.start(mover(sim, a, b, "m2", 3, 10, log, 14));  // gives up at 17, still waiting at b
  sim.start(mover(sim, a, b, "m3", 4, 10, log));
  sim.start(move_at(sim, a, b, 5, 3));
  sim.run(4.5);
  EXPECT_EQ(a.front_since(), std::optional<sim_time>(2));
  sim.run(6);
  EXPECT_EQ(a.queue_length(), 0u);
  EXPECT_EQ(b.queue_length(), 4u);
  EXPECT_EQ(b.front_since(), std::optional<sim_time>(1));
  sim.run();
  EXPECT_EQ(log, (trace{{"holder a starts", 0},
                        {"holder b starts", 0},
                        {"b1 starts", 10},
                        {"m2 gave up", 17},
                        {"m1 starts at b", 20},
                        {"m3 starts at b", 30}}));
  EXPECT_THROW(a.move_front_to(a), std::invalid_argument);
  EXPECT_FALSE(a.move_front_to(b));
}

TEST(Resource, MisuseIsReported) {
  simulation sim;
  EXPECT_THROW(resource(sim, -1), std::invalid_argument);
  resource booth(sim, 1);
  EXPECT_THROW(booth.release(), std::logic_error);
  EXPECT_THROW(booth.set_capacity(-2), std::invalid_argument);
  EXPECT_EQ(booth.capacity(), 1);
}

// ---- hand-off on release (opt-in) ----

process<> logs_at_once(simulation& sim, std::string what, trace& log) {
  log.emplace_back(std::move(what), sim.now());
  co_return;
}

// Holds the unit for 10, then starts a process (an urgent entry, due now) and releases.
process<> starts_then_releases(simulation& sim, resource& r, trace& log) {
  co_await r.request();
  co_await sim.timeout(10);
  sim.start(logs_at_once(sim, "started before the release", log));
  r.release();
  log.emplace_back("holder goes on", sim.now());
}

TEST(HandOff, RunsTheWaiterInsideTheReleasingStepAndSavesItsDispatch) {
  simulation sim, plain_sim;
  resource booth(sim, 1), plain(plain_sim, 1);
  booth.set_hand_off(true);
  EXPECT_TRUE(booth.hand_off());
  EXPECT_FALSE(plain.hand_off());
  trace log, plain_log;
  for (auto [s, r, l] : {std::tuple{&sim, &booth, &log}, {&plain_sim, &plain, &plain_log}}) {
    s->start(starts_then_releases(*s, *r, *l));
    s->start(customer(*s, *r, "waiter", 1, 1, *l));
    s->run();
  }
  // With the hand-off the waiter starts inside the holder's step, before the holder goes on and
  // before the process started just before the release; through the calendar its grant queues
  // behind that start.
  EXPECT_EQ(
      log,
      (trace{{"waiter starts", 10}, {"holder goes on", 10}, {"started before the release", 10}}));
  EXPECT_EQ(
      plain_log,
      (trace{{"holder goes on", 10}, {"started before the release", 10}, {"waiter starts", 10}}));
  EXPECT_EQ(sim.dispatched() + 1, plain_sim.dispatched());  // no grant entry
  EXPECT_EQ(booth.in_use(), 0);
}

process<> releases_then_notes(simulation& sim, resource& r, trace& log) {
  co_await r.request();
  co_await sim.timeout(5);
  r.release();
  log.emplace_back("releaser goes on, in use " + std::to_string(r.in_use()), sim.now());
}

TEST(HandOff, TheReleasersCodeAfterReleaseRunsAfterTheWaitersStep) {
  simulation sim;
  resource booth(sim, 1);
  booth.set_hand_off(true);
  trace log;
  sim.start(releases_then_notes(sim, booth, log));
  sim.start(customer(sim, booth, "waiter", 1, 2, log, 0, 30));  // patience 30: stale after 5
  sim.run();
  EXPECT_EQ(log, (trace{{"waiter starts", 5}, {"releaser goes on, in use 1", 5}}));
  EXPECT_EQ(sim.now(), 31);  // the patience entry came up at 31 and woke nobody
  EXPECT_EQ(booth.in_use(), 0);
}

// Holds the unit for 10, interrupts the first waiter (its interrupt is then pending), releases.
process<> interrupts_then_releases(simulation& sim, resource& r, const process<>* victim,
                                   trace& log) {
  co_await r.request();
  co_await sim.timeout(10);
  process<> v = *victim;
  v.interrupt("booth closing");
  r.release();
  log.emplace_back("holder left, in use " + std::to_string(r.in_use()), sim.now());
}

TEST(HandOff, AGrantedWaiterWithAnInterruptPendingGivesTheUnitToTheNext) {
  simulation sim;
  resource booth(sim, 1);
  booth.set_hand_off(true);
  trace log;
  process<> w1;
  sim.start(interrupts_then_releases(sim, booth, &w1, log));
  w1 = sim.start(interruptible_customer(sim, booth, "w1", 1, 10, log));
  sim.start(interruptible_customer(sim, booth, "w2", 2, 10, log));
  sim.run();
  // The release hands the unit to w1, which wakes interrupted, gives the unit back (handed on to
  // w2 at once) and takes its interrupt; then the holder goes on.
  EXPECT_EQ(log, (trace{{"w2 starts", 10},
                        {"w1 interrupted: booth closing", 10},
                        {"holder left, in use 1", 10}}));
  EXPECT_EQ(booth.in_use(), 0);
  EXPECT_EQ(sim.now(), 20);
}

// Holds a unit for no time at all: with the hand-off, each release starts the next holder inside
// this one's step, a chain as long as the queue.
process<> instant_user(simulation& /*sim*/, resource& r, int& served) {
  co_await r.request();
  ++served;
  r.release();
}

process<> fills_queue_then_releases(simulation& sim, resource& r, int n, int& served) {
  co_await r.request();
  for (int i = 0; i < n; ++i) sim.start_now(instant_user(sim, r, served));
  r.release();
}

TEST(HandOff, AChainOfZeroTimeHoldersIsBoundedAndServesEveryone) {
  simulation sim;
  resource booth(sim, 1);
  booth.set_hand_off(true);
  int served = 0;
  const int n = 200'000;  // unbounded nesting would need a frame per holder on the stack
  sim.start(fills_queue_then_releases(sim, booth, n, served));
  sim.run();
  EXPECT_EQ(served, n);
  EXPECT_EQ(booth.in_use(), 0);
  EXPECT_EQ(booth.queue_length(), 0u);
  EXPECT_EQ(sim.now(), 0);
  // Beyond simulation::max_nesting the hand-off went through the calendar: about one in
  // max_nesting + 1 of them (the holder woken from the calendar runs at nesting 0).
  EXPECT_GT(sim.dispatched(), static_cast<std::uint64_t>(n / (simulation::max_nesting + 1) - 2));
  EXPECT_LT(sim.dispatched(), static_cast<std::uint64_t>(n / simulation::max_nesting + 2));
  EXPECT_EQ(sim.processes_alive(), 0u);
}

// Gives its unit back when its frame is destroyed (a guard in the frame).
struct releases_on_destroy {
  resource* r;
  explicit releases_on_destroy(resource* res) : r(res) {}
  releases_on_destroy(const releases_on_destroy&) = delete;
  releases_on_destroy& operator=(const releases_on_destroy&) = delete;
  ~releases_on_destroy() { r->release(); }
};

process<> holds_until_torn_down(simulation& sim, resource& r) {
  co_await r.request();
  releases_on_destroy guard(&r);
  co_await sim.timeout(1000);
}

process<> notes_if_served(simulation& /*sim*/, resource& r, bool& ran) {
  co_await r.request();
  ran = true;
  r.release();
}

TEST(HandOff, AReleaseWhileTheSimulationIsDestroyedRunsNobody) {
  auto sim = std::make_unique<simulation>();
  resource booth(*sim, 1);  // outlives the simulation, as simulation.hpp asks
  booth.set_hand_off(true);
  bool ran = false;
  // Made first, destroyed last (frames go newest first): the holder's guard releases while the
  // waiter's frame still exists, and the hand-off must not run it.
  process<> waiter = notes_if_served(*sim, booth, ran);
  sim->start(holds_until_torn_down(*sim, booth));
  sim->start(std::move(waiter));
  sim->run(10);
  EXPECT_EQ(booth.queue_length(), 1u);
  sim.reset();
  EXPECT_FALSE(ran);
}

}  // namespace
}  // namespace tumen::sim
