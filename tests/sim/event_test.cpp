// Tests for events: triggering and processing order, failures reaching every waiter (or run()
// when there is none, exactly once), timeout events, process done-events, any_of (first index,
// registrations cleaned up) and all_of (waits for all, stops at the first failure), and
// interrupted event waits. Expected times and orders are worked out by hand from event.hpp.
#include "tumen/sim/event.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tumen::sim {
namespace {

using trace = std::vector<std::pair<std::string, sim_time>>;

std::exception_ptr flood() {
  return std::make_exception_ptr(std::runtime_error("lane flooded"));
}

process<> note_after(simulation& sim, sim_time delay, std::string what, trace& log) {
  co_await sim.timeout(delay);
  log.emplace_back(std::move(what), sim.now());
}

process<> wait_on(simulation& sim, event e, sim_time from, std::string name, trace& log) {
  co_await sim.timeout(from);
  try {
    co_await e;
    log.emplace_back(name, sim.now());
  } catch (const std::runtime_error& err) {
    log.emplace_back(name + " caught " + err.what(), sim.now());
  }
}

process<> succeed_at(simulation& sim, event e, sim_time at, trace& log) {
  co_await sim.timeout(at);
  log.emplace_back("succeed", sim.now());
  e.succeed();
  log.emplace_back("after succeed", sim.now());  // waiters resume later, not inside succeed()
}

process<> fail_at(simulation& sim, event e, sim_time at) {
  co_await sim.timeout(at);
  e.fail(flood());
}

TEST(Event, SucceedResumesWaitersInWaitingOrderAfterEarlierEntries) {
  simulation sim;
  trace log;
  event e = make_event(sim);
  sim.start(wait_on(sim, e, 2, "second", log));
  sim.start(wait_on(sim, e, 1, "first", log));
  sim.start(succeed_at(sim, e, 5, log));
  sim.start(note_after(sim, 5, "observer scheduled before the trigger", log));
  EXPECT_TRUE(e.pending());
  sim.run();
  EXPECT_EQ(log, (trace{{"succeed", 5},
                        {"after succeed", 5},
                        {"observer scheduled before the trigger", 5},
                        {"first", 5},
                        {"second", 5}}));
  EXPECT_TRUE(e.processed());
  EXPECT_FALSE(e.failed());
}

TEST(Event, WaitingOnAProcessedEventReturnsAtOnce) {
  simulation sim;
  trace log;
  event e = make_event(sim);
  sim.start(succeed_at(sim, e, 1, log));
  sim.start(wait_on(sim, e, 7, "late waiter", log));
  sim.run();
  EXPECT_EQ(log, (trace{{"succeed", 1}, {"after succeed", 1}, {"late waiter", 7}}));
}

TEST(Event, WaitingOnATriggeredEventResumesWhenItIsProcessed) {
  simulation sim;
  trace log;
  event e = make_event(sim);
  e.succeed();  // triggered, not yet processed
  EXPECT_TRUE(e.triggered());
  EXPECT_FALSE(e.processed());
  sim.start(wait_on(sim, e, 0, "waiter", log));
  sim.run();
  EXPECT_EQ(log, (trace{{"waiter", 0}}));
}

TEST(Event, TriggeringTwiceIsAnError) {
  simulation sim;
  event a = make_event(sim);
  a.succeed();
  EXPECT_THROW(a.succeed(), std::logic_error);
  EXPECT_THROW(a.fail(flood()), std::logic_error);
  event b = make_event(sim);
  EXPECT_THROW(b.fail(nullptr), std::invalid_argument);
  EXPECT_TRUE(b.pending());
  b.fail(flood());
  EXPECT_THROW(b.succeed(), std::logic_error);
  event t = timeout_event(sim, 3);
  EXPECT_THROW(t.succeed(), std::logic_error);
  EXPECT_THROW(timeout_event(sim, -1), std::invalid_argument);
}

TEST(Event, AFailureRethrowsInEveryWaiter) {
  simulation sim;
  trace log;
  event e = make_event(sim);
  sim.start(wait_on(sim, e, 0, "a", log));
  sim.start(wait_on(sim, e, 1, "b", log));
  sim.start(fail_at(sim, e, 4));
  EXPECT_NO_THROW(sim.run());  // observed by the waiters: run() goes on
  EXPECT_EQ(log, (trace{{"a caught lane flooded", 4}, {"b caught lane flooded", 4}}));
  EXPECT_TRUE(e.failed());
  // A waiter arriving after processing gets the failure at once.
  sim.start(wait_on(sim, e, 2, "late", log));
  sim.run();
  EXPECT_EQ(log.back(), (std::pair<std::string, sim_time>{"late caught lane flooded", 6}));
}

TEST(Event, AFailureWithNobodyWaitingStopsRunOnce) {
  simulation sim;
  trace log;
  event e = make_event(sim);
  sim.start(fail_at(sim, e, 3));
  sim.start(note_after(sim, 3, "same time, scheduled later", log));
  sim.start(note_after(sim, 8, "later", log));
  try {
    sim.run();
    FAIL() << "run() should have thrown";
  } catch (const std::runtime_error& err) {
    EXPECT_STREQ(err.what(), "lane flooded");
  }
  EXPECT_EQ(sim.now(), 3);
  // The failure surfaced when the event was processed: after the entry scheduled before it.
  EXPECT_EQ(log, (trace{{"same time, scheduled later", 3}}));
  EXPECT_NO_THROW(sim.run());
  EXPECT_EQ(log, (trace{{"same time, scheduled later", 3}, {"later", 8}}));
}

TEST(TimeoutEvent, IsProcessedAfterItsDelay) {
  simulation sim;
  trace log;
  event t = timeout_event(sim, 2.5);
  EXPECT_TRUE(t.triggered());
  EXPECT_FALSE(t.processed());
  sim.start(wait_on(sim, t, 0, "waited", log));
  sim.run();
  EXPECT_EQ(log, (trace{{"waited", 2.5}}));
  EXPECT_TRUE(t.processed());
}

process<int> value_after(simulation& sim, sim_time delay, int value) {
  co_await sim.timeout(delay);
  co_return value;
}

process<int> fail_after(simulation& sim, sim_time delay) {
  co_await sim.timeout(delay);
  throw std::runtime_error("inspection failed");
  co_return 0;
}

TEST(DoneEvent, IsProcessedWhenTheProcessEndsAndCarriesItsFailure) {
  simulation sim;
  trace log;
  process<int> ok = sim.start(value_after(sim, 4, 1), "ok");
  process<int> bad = sim.start(fail_after(sim, 6), "bad");
  sim.start(wait_on(sim, done_event(ok), 0, "ok done", log));
  event bad_done = done_event(bad);
  sim.start(wait_on(sim, bad_done, 0, "bad done", log));
  sim.run();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0], (std::pair<std::string, sim_time>{"ok done", 4}));
  EXPECT_EQ(log[1].second, 6);
  EXPECT_EQ(log[1].first,
            "bad done caught process 'bad' failed at t = 6 s (day 0, 00:00:06.0): inspection "
            "failed");
  // A done event asked for after the end is already processed.
  EXPECT_TRUE(done_event(ok).processed());
  EXPECT_TRUE(bad_done.failed());
}

// ---- any_of ----

struct any_result {
  std::size_t index = 99;
  sim_time at = -1;
  std::string error;
};

process<> wait_any(simulation& sim, std::vector<event> events, any_result& out) {
  try {
    out.index = co_await any_of(std::move(events));
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  out.at = sim.now();
}

TEST(AnyOf, ReturnsTheIndexOfTheFirstAndUnregistersFromTheRest) {
  simulation sim;
  trace log;
  event slow = timeout_event(sim, 5);
  event fast = timeout_event(sim, 2);
  event manual = make_event(sim);
  sim.start(succeed_at(sim, manual, 3, log));
  any_result r;
  sim.start(wait_any(sim, {slow, fast, manual}, r));
  sim.run(2);
  EXPECT_EQ(r.index, 1u);
  EXPECT_EQ(r.at, 2);
  // No registration is left behind on the events that did not fire.
  EXPECT_TRUE(slow.state()->waiters.empty());
  EXPECT_TRUE(manual.state()->waiters.empty());
  EXPECT_NO_THROW(sim.run());
  EXPECT_EQ(r.index, 1u);  // nothing resumed the finished wait again
}

TEST(AnyOf, SameTimeEventsResolveByProcessingOrder) {
  simulation sim;
  event first = timeout_event(sim, 3);  // scheduled first: processed first
  event second = timeout_event(sim, 3);
  any_result r;
  sim.start(wait_any(sim, {second, first}, r));
  sim.run();
  EXPECT_EQ(r.index, 1u);
  EXPECT_EQ(r.at, 3);
}

TEST(AnyOf, AnAlreadyProcessedEventIsReadyAtOnce) {
  simulation sim;
  event done = timeout_event(sim, 1);
  sim.run();
  any_result r;
  sim.start(wait_any(sim, {timeout_event(sim, 10), done}, r));
  sim.run(1);
  EXPECT_EQ(r.index, 1u);
  EXPECT_EQ(r.at, 1);
}

TEST(AnyOf, RethrowsTheFailureOfTheFirstEvent) {
  simulation sim;
  event bad = make_event(sim);
  event later = timeout_event(sim, 10);
  sim.start(fail_at(sim, bad, 4));
  any_result r;
  sim.start(wait_any(sim, {later, bad}, r));
  sim.run();
  EXPECT_EQ(r.error, "lane flooded");
  EXPECT_EQ(r.at, 4);
}

TEST(AnyOf, RacesAProcessAgainstATimeout) {
  simulation sim;
  any_result quick, slow;
  sim.start(
      wait_any(sim, {done_event(sim.start(value_after(sim, 4, 0))), timeout_event(sim, 6)}, quick));
  sim.start(
      wait_any(sim, {done_event(sim.start(value_after(sim, 8, 0))), timeout_event(sim, 6)}, slow));
  sim.run();
  EXPECT_EQ(quick.index, 0u);
  EXPECT_EQ(quick.at, 4);
  EXPECT_EQ(slow.index, 1u);
  EXPECT_EQ(slow.at, 6);
  EXPECT_EQ(sim.now(), 8);  // the slow process still ran to its end
}

TEST(AnyOf, AProcessFailingAfterTheRaceIsReportedOnce) {
  // The any_of took the first process's end; nobody waits for the second any more, so its
  // failure must stop run() -- once, not again when run() is called to continue.
  simulation sim;
  trace log;
  any_result r;
  sim.start(wait_any(sim,
                     {done_event(sim.start(value_after(sim, 1, 0))),
                      done_event(sim.start(fail_after(sim, 3), "loser"))},
                     r));
  sim.start(note_after(sim, 5, "after", log));
  try {
    sim.run();
    FAIL() << "run() should have thrown";
  } catch (const process_error& e) {
    EXPECT_EQ(e.process_name(), "loser");
    EXPECT_EQ(e.time(), 3);
  }
  EXPECT_EQ(r.index, 0u);
  EXPECT_NO_THROW(sim.run());
  EXPECT_EQ(log, (trace{{"after", 5}}));
}

// ---- all_of ----

struct all_result {
  sim_time at = -1;
  std::string error;
};

process<> wait_all(simulation& sim, std::vector<event> events, all_result& out) {
  try {
    co_await all_of(std::move(events));
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  out.at = sim.now();
}

TEST(AllOf, WaitsForTheLastEvent) {
  simulation sim;
  trace log;
  event manual = make_event(sim);
  sim.start(succeed_at(sim, manual, 3, log));
  all_result r;
  sim.start(wait_all(sim, {timeout_event(sim, 2), timeout_event(sim, 5), manual}, r));
  sim.run(4.9);
  EXPECT_EQ(r.at, -1);  // still waiting for the one at 5
  sim.run();
  EXPECT_EQ(r.at, 5);
  EXPECT_EQ(r.error, "");
}

TEST(AllOf, IncludesEventsAlreadyProcessed) {
  simulation sim;
  event done = timeout_event(sim, 1);
  sim.run();
  all_result ready, mixed;
  sim.start(wait_all(sim, {done}, ready));
  sim.start(wait_all(sim, {done, timeout_event(sim, 2)}, mixed));
  sim.run();
  EXPECT_EQ(ready.at, 1);
  EXPECT_EQ(mixed.at, 3);
}

TEST(AllOf, StopsAtTheFirstFailure) {
  simulation sim;
  event bad = make_event(sim);
  sim.start(fail_at(sim, bad, 3));
  all_result r;
  sim.start(wait_all(sim, {timeout_event(sim, 5), bad, timeout_event(sim, 1)}, r));
  sim.run();
  EXPECT_EQ(r.at, 3);
  EXPECT_EQ(r.error, "lane flooded");
}

TEST(AllOf, AnAlreadyFailedEventFailsTheWait) {
  simulation sim;
  event bad = make_event(sim);
  all_result first;
  sim.start(wait_all(sim, {bad}, first));  // observes the failure, so run() goes on
  bad.fail(flood());
  sim.run();
  EXPECT_EQ(first.error, "lane flooded");
  all_result all_done, some_pending;
  sim.start(wait_all(sim, {bad}, all_done));
  sim.start(wait_all(sim, {timeout_event(sim, 4), bad}, some_pending));
  sim.run();
  EXPECT_EQ(all_done.error, "lane flooded");
  EXPECT_EQ(all_done.at, 0);
  EXPECT_EQ(some_pending.error, "lane flooded");
  EXPECT_EQ(some_pending.at, 0);  // does not wait for the pending one
}

// ---- interrupted waits ----

process<> interruptible_wait(simulation& sim, event e, int kind, trace& log) {
  try {
    if (kind == 0) co_await e;
    // A braced list inside a co_await expression does not compile with g++ 11-12 ("array used
    // as initializer"): the awaitables are built first.
    any_of either({e, timeout_event(sim, 50)});
    all_of both({e, timeout_event(sim, 1)});
    if (kind == 1) co_await either;
    if (kind == 2) co_await both;
    log.emplace_back("resumed normally", sim.now());
  } catch (const interrupted& i) {
    log.emplace_back("interrupted: " + i.cause(), sim.now());
  }
  co_await sim.timeout(100);
  log.emplace_back("done", sim.now());
}

process<> interrupt_at(simulation& sim, sim_time at, process<> target) {
  co_await sim.timeout(at);
  target.interrupt("gave up");
}

TEST(Interrupt, OfAnEventWaitUnregistersTheWaiter) {
  for (int kind = 0; kind < 3; ++kind) {
    SCOPED_TRACE("kind " + std::to_string(kind));
    simulation sim;
    trace log;
    event e = make_event(sim);
    process<> w = sim.start(interruptible_wait(sim, e, kind, log));
    sim.start(interrupt_at(sim, 2, w));
    sim.start(succeed_at(sim, e, 5, log));
    sim.run(2);
    EXPECT_TRUE(e.state()->waiters.empty() || kind == 2);  // all_of waits through a callback
    sim.run();
    EXPECT_EQ(
        log,
        (trace{{"interrupted: gave up", 2}, {"succeed", 5}, {"after succeed", 5}, {"done", 102}}));
  }
}

}  // namespace
}  // namespace tumen::sim
