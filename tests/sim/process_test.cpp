// Tests for processes and the simulation that runs them: starting, timeouts, joining with a
// value, failures travelling to joiners and out of run(), interrupts (and their errors),
// run(until) and stop(), tearing down a simulation with suspended processes, and reuse of frame
// memory. Every expected time and order below was worked out by hand from the contracts in
// simulation.hpp, process.hpp, process_error.hpp and interrupted.hpp.
#include "tumen/sim/process.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "tumen/sim/container.hpp"
#include "tumen/sim/event.hpp"
#include "tumen/sim/resource.hpp"
#include "tumen/sim/simulation.hpp"
#include "tumen/sim/store.hpp"

namespace tumen::sim {
namespace {

// (what happened, when): the trace the tests compare.
using trace = std::vector<std::pair<std::string, sim_time>>;

process<> note_after(simulation& sim, sim_time delay, std::string what, trace& log,
                     priority p = priority::normal) {
  co_await sim.timeout(delay, p);
  log.emplace_back(std::move(what), sim.now());
}

process<int> value_after(simulation& sim, sim_time delay, int value) {
  co_await sim.timeout(delay);
  co_return value;
}

process<int> fail_after(simulation& sim, sim_time delay, std::string message) {
  co_await sim.timeout(delay);
  throw std::runtime_error(message);
  co_return 0;
}

// ---- starting and timeouts ----

process<> stepper(simulation& sim, std::vector<sim_time>& seen) {
  seen.push_back(sim.now());
  co_await sim.timeout(5);
  seen.push_back(sim.now());
  co_await sim.timeout(2.5);
  seen.push_back(sim.now());
  co_await sim.timeout(0);
  seen.push_back(sim.now());
}

TEST(Process, TimeoutsAdvanceTheClockByTheirDelay) {
  simulation sim;
  std::vector<sim_time> seen;
  process<> p = stepper(sim, seen);
  EXPECT_FALSE(p.started());
  sim.start(p, "stepper");
  EXPECT_TRUE(p.started());
  EXPECT_TRUE(seen.empty());  // a started process runs only when the simulation runs
  sim.run();
  EXPECT_EQ(seen, (std::vector<sim_time>{0, 5, 7.5, 7.5}));
  EXPECT_EQ(sim.now(), 7.5);
  EXPECT_TRUE(p.done());
  EXPECT_FALSE(p.failed());
  EXPECT_EQ(p.name(), "stepper");
}

process<> starter(simulation& sim, trace& log) {
  log.emplace_back("starter begins", sim.now());
  sim.start(note_after(sim, 0, "child (urgent start, zero wait)", log), "child");
  co_await sim.timeout(0);  // normal priority: after the child's urgent start
  log.emplace_back("starter resumes", sim.now());
}

TEST(Process, StartsRunBeforeOtherEventsAtTheSameTime) {
  simulation sim;
  trace log;
  // A normal timeout of zero scheduled before the starter: still after the child's start, but
  // before the child's own zero wait (which is scheduled later, when the child runs).
  sim.start(note_after(sim, 0, "early zero wait", log), "early");
  sim.start(starter(sim, log), "starter");
  sim.run();
  EXPECT_EQ(log, (trace{{"starter begins", 0},
                        {"early zero wait", 0},
                        {"starter resumes", 0},
                        {"child (urgent start, zero wait)", 0}}));
}

// ---- start_now: the first step at once, no calendar entry ----

process<> logs_then_waits(simulation& sim, std::string who, sim_time wait, trace& log,
                          detail::promise_base** seen_current = nullptr) {
  if (seen_current) *seen_current = sim.current();
  log.emplace_back(who + " first step", sim.now());
  co_await sim.timeout(wait);
  log.emplace_back(who + " done", sim.now());
}

process<> starts_now(simulation& sim, trace& log, detail::promise_base** inner,
                     detail::promise_base** outer_before, detail::promise_base** outer_after) {
  co_await sim.timeout(3);
  *outer_before = sim.current();
  log.emplace_back("caller before", sim.now());
  sim.start(logs_then_waits(sim, "started", 5, log), "started");  // an urgent entry, now due
  sim.start_now(logs_then_waits(sim, "child", 0, log, inner), "child");
  *outer_after = sim.current();
  log.emplace_back("caller after", sim.now());
  co_await sim.timeout(0);
  log.emplace_back("caller resumes", sim.now());
}

TEST(StartNow, RunsTheFirstStepBeforeTheCallerGoesOn) {
  simulation sim;
  trace log;
  detail::promise_base *inner = nullptr, *before = nullptr, *after = nullptr;
  sim.start(starts_now(sim, log, &inner, &before, &after), "caller");
  sim.run();
  // The child's first step runs inside the caller's step, before the process the caller had
  // just started with start() (an urgent entry already due); its zero wait was scheduled before
  // the caller's, so it ends first.
  EXPECT_EQ(log, (trace{{"caller before", 3},
                        {"child first step", 3},
                        {"caller after", 3},
                        {"started first step", 3},
                        {"child done", 3},
                        {"caller resumes", 3},
                        {"started done", 8}}));
  ASSERT_NE(inner, nullptr);
  EXPECT_NE(inner, before);  // the child is the current process during its first step
  EXPECT_EQ(before, after);  // and the caller is current again afterwards
  EXPECT_EQ(sim.processes_alive(), 0u);
}

TEST(StartNow, CostsNoDispatch) {
  simulation a, b;
  trace la, lb;
  a.start(logs_then_waits(a, "x", 2, la));
  b.start_now(logs_then_waits(b, "x", 2, lb));  // outside run(): runs at once, at t = 0
  EXPECT_EQ(lb, (trace{{"x first step", 0}}));
  a.run();
  b.run();
  EXPECT_EQ(la, lb);
  EXPECT_EQ(a.dispatched(), 2u);  // the start and the timeout
  EXPECT_EQ(b.dispatched(), 1u);  // the timeout only
}

process<> nests(simulation& sim, int depth, trace& log) {
  log.emplace_back("enter " + std::to_string(depth), sim.now());
  if (depth < 3) sim.start_now(nests(sim, depth + 1, log));
  log.emplace_back("leave " + std::to_string(depth), sim.now());
  co_await sim.timeout(1);
}

TEST(StartNow, NestsAndEachCallerGoesOnAfterItsChild) {
  simulation sim;
  trace log;
  sim.start(nests(sim, 1, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"enter 1", 0},
                        {"enter 2", 0},
                        {"enter 3", 0},
                        {"leave 3", 0},
                        {"leave 2", 0},
                        {"leave 1", 0}}));
  EXPECT_EQ(sim.now(), 1);
  EXPECT_EQ(sim.processes_alive(), 0u);
}

process<int> returns_at_once(simulation& sim, int v) {
  (void)sim;
  co_return v;
}

process<> joins_started_now(simulation& sim, int& got, int& got_later) {
  got = co_await sim.start_now(returns_at_once(sim, 7));  // already done: no wait
  got_later = co_await sim.start_now(value_after(sim, 2, 9));
}

TEST(StartNow, CanBeJoinedWhetherOrNotItFinishedInItsFirstStep) {
  simulation sim;
  int got = 0, got_later = 0;
  sim.start(joins_started_now(sim, got, got_later));
  sim.run();
  EXPECT_EQ(got, 7);
  EXPECT_EQ(got_later, 9);
  EXPECT_EQ(sim.now(), 2);
  EXPECT_EQ(sim.processes_alive(), 0u);
}

process<> fails_at_once(simulation& sim) {
  (void)sim;
  throw std::runtime_error("no papers");
  co_return;
}

process<> starts_failing_now(simulation& sim, trace& log) {
  co_await sim.timeout(5);
  sim.start_now(fails_at_once(sim), "truck 9");
  log.emplace_back("caller goes on", sim.now());  // the caller's step is not cut short
  co_await sim.timeout(1);
  log.emplace_back("caller done", sim.now());
}

TEST(StartNow, AFailureInTheFirstStepStopsRunAfterTheCallersStep) {
  simulation sim;
  trace log;
  sim.start(starts_failing_now(sim, log), "caller");
  try {
    sim.run();
    FAIL() << "run() should have thrown";
  } catch (const process_error& e) {
    EXPECT_EQ(e.process_name(), "truck 9");
    EXPECT_EQ(e.time(), 5);
  }
  EXPECT_EQ(log, (trace{{"caller goes on", 5}}));
  sim.run();
  EXPECT_EQ(log, (trace{{"caller goes on", 5}, {"caller done", 6}}));
}

TEST(StartNow, AFailureBeforeRunIsThrownWhenRunBegins) {
  simulation sim;
  trace log;
  sim.start(note_after(sim, 1, "never", log));
  sim.start_now(fails_at_once(sim), "early");
  EXPECT_THROW(sim.run(), process_error);
  EXPECT_EQ(sim.now(), 0);
  EXPECT_EQ(sim.dispatched(), 0u);  // thrown before any dispatch
  sim.run();
  EXPECT_EQ(log, (trace{{"never", 1}}));
}

process<> chain(simulation& sim, int left, int& ran) {
  ++ran;
  if (left > 0) sim.start_now(chain(sim, left - 1, ran));
  co_await sim.timeout(1);
}

TEST(StartNow, ADeepChainIsBoundedByGoingThroughTheCalendar) {
  simulation sim;
  int ran = 0;
  const int n = 200'000;  // unbounded nesting would need a frame per link on the stack
  sim.start_now(chain(sim, n - 1, ran));
  sim.run();
  EXPECT_EQ(ran, n);
  EXPECT_EQ(sim.now(), 1);
  // The n timeouts, and about one start in max_nesting + 1 went through the calendar (a process
  // woken from the calendar runs at nesting 0, and max_nesting more run inside it).
  const auto through_calendar = sim.dispatched() - static_cast<std::uint64_t>(n);
  EXPECT_EQ(through_calendar, static_cast<std::uint64_t>((n - 1) / (simulation::max_nesting + 1)));
  EXPECT_EQ(sim.processes_alive(), 0u);
}

TEST(StartNow, StartingTwiceIsAnError) {
  simulation sim;
  trace log;
  process<> p = note_after(sim, 1, "x", log);
  sim.start_now(p);
  EXPECT_THROW(sim.start_now(p), std::logic_error);
  EXPECT_THROW(sim.start(p), std::logic_error);
  process<> q = note_after(sim, 1, "y", log);
  sim.start(q);
  EXPECT_THROW(sim.start_now(q), std::logic_error);
  sim.run();
  EXPECT_EQ(log, (trace{{"x", 1}, {"y", 1}}));
}

TEST(Process, StartingTwiceIsAnError) {
  simulation sim;
  trace log;
  process<> p = note_after(sim, 1, "x", log);
  sim.start(p);
  EXPECT_THROW(sim.start(p), std::logic_error);
  sim.run();
  EXPECT_EQ(log, (trace{{"x", 1}}));
}

TEST(Process, TimeoutRejectsNegativeAndNonFiniteDelays) {
  simulation sim;
  EXPECT_THROW(sim.timeout(-1), std::invalid_argument);
  EXPECT_THROW(sim.timeout(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_THROW(sim.timeout(forever), std::invalid_argument);
  EXPECT_NO_THROW(sim.timeout(0));
}

// A member coroutine: the frame comes from the simulation returned by sim().
struct booth_line {
  simulation& s;
  simulation& sim() { return s; }
  process<int> serve(int seconds) {
    co_await s.timeout(seconds);
    co_return 2 * seconds;
  }
};

TEST(Process, MemberCoroutinesUseTheObjectsSimulation) {
  simulation sim;
  booth_line line{sim};
  const auto before = sim.frames().allocations();
  process<int> p = sim.start(line.serve(4));
  EXPECT_EQ(sim.frames().allocations(), before + 1);
  sim.run();
  EXPECT_EQ(sim.now(), 4);
  EXPECT_EQ(p.result(), 8);
}

// ---- joining ----

process<> join_twice(simulation& sim, trace& log) {
  const int v = co_await sim.start(value_after(sim, 5, 42), "inspect");
  log.emplace_back("joined " + std::to_string(v), sim.now());
  process<int> early = sim.start(value_after(sim, 1, 7), "early");
  co_await sim.timeout(3);
  const int w = co_await early;  // finished at 6: no wait
  log.emplace_back("joined " + std::to_string(w), sim.now());
}

TEST(Process, JoinYieldsTheValueWhenTheProcessEnds) {
  simulation sim;
  trace log;
  sim.start(join_twice(sim, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"joined 42", 5}, {"joined 7", 8}}));
}

process<std::string> greeting(simulation& sim) {
  co_await sim.timeout(2);
  co_return std::string(40, 'x');  // long enough to live on the heap
}

process<> join_void_and_string(simulation& sim, trace& log) {
  co_await sim.start(note_after(sim, 3, "void child ends", log));
  log.emplace_back("void joined", sim.now());
  const std::string s = co_await sim.start(greeting(sim));
  log.emplace_back("string of " + std::to_string(s.size()), sim.now());
}

TEST(Process, JoinWorksForVoidAndNonTrivialResults) {
  simulation sim;
  trace log;
  sim.start(join_void_and_string(sim, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"void child ends", 3}, {"void joined", 3}, {"string of 40", 5}}));
}

process<> joiner(simulation& sim, process<int> target, sim_time first, std::string name,
                 trace& log) {
  co_await sim.timeout(first);
  const int v = co_await target;
  log.emplace_back(name + " got " + std::to_string(v), sim.now());
}

TEST(Process, JoinersResumeInTheOrderTheyBeganWaiting) {
  simulation sim;
  trace log;
  process<int> child = sim.start(value_after(sim, 4, 9), "child");
  sim.start(joiner(sim, child, 1, "second", log));  // starts first, waits from t = 1
  sim.start(joiner(sim, child, 0, "first", log));   // waits from t = 0
  sim.run();
  EXPECT_EQ(log, (trace{{"first got 9", 4}, {"second got 9", 4}}));
  EXPECT_EQ(child.result(), 9);
}

TEST(Process, ResultIsAvailableOutsideTheSimulation) {
  simulation sim;
  process<int> p = sim.start(value_after(sim, 2, 11));
  sim.run();
  ASSERT_TRUE(p.done());
  EXPECT_EQ(p.result(), 11);
}

// ---- failures ----

struct caught_error {
  std::string name;
  sim_time time = -1;
  sim_time caught_at = -1;
  std::string what;
  std::string original;
};

caught_error describe(const process_error& e, sim_time now) {
  caught_error c{e.process_name(), e.time(), now, e.what(), {}};
  try {
    e.rethrow_original();
  } catch (const std::exception& original) {
    c.original = original.what();
  }
  return c;
}

process<> catching_joiner(simulation& sim, caught_error& out) {
  co_await sim.timeout(1);
  try {
    co_await sim.start(fail_after(sim, 2, "gate jammed"), "inspector");
  } catch (const process_error& e) {
    out = describe(e, sim.now());
  }
}

TEST(ProcessFailure, RethrowsInTheJoinerNamingTheOriginAndTime) {
  simulation sim;
  caught_error c;
  sim.start(catching_joiner(sim, c), "parent");
  EXPECT_NO_THROW(sim.run());  // the joiner handled it: nothing reaches run()
  EXPECT_EQ(c.name, "inspector");
  EXPECT_EQ(c.time, 3);
  EXPECT_EQ(c.caught_at, 3);
  EXPECT_EQ(c.what, "process 'inspector' failed at t = 3 s (day 0, 00:00:03.0): gate jammed");
  EXPECT_EQ(c.original, "gate jammed");
}

process<int> passing_joiner(simulation& sim) {
  const int v = co_await sim.start(fail_after(sim, 4, "axle broken"), "child");
  co_return v;
}

process<> top_joiner(simulation& sim, caught_error& out) {
  try {
    co_await sim.start(passing_joiner(sim), "parent");
  } catch (const process_error& e) {
    out = describe(e, sim.now());
  }
}

TEST(ProcessFailure, TravelsUpAChainOfJoinersStillNamingTheOrigin) {
  simulation sim;
  caught_error c;
  sim.start(top_joiner(sim, c), "grandparent");
  sim.run();
  EXPECT_EQ(c.name, "child");  // not re-wrapped as the parent's failure
  EXPECT_EQ(c.time, 4);
  EXPECT_EQ(c.original, "axle broken");
}

TEST(ProcessFailure, UncaughtAtTheTopOfAChainLeavesRunNamingTheOrigin) {
  simulation sim;
  sim.start(passing_joiner(sim), "parent");
  try {
    sim.run();
    FAIL() << "run() should have thrown";
  } catch (const process_error& e) {
    EXPECT_EQ(e.process_name(), "child");
    EXPECT_EQ(e.time(), 4);
  }
}

TEST(ProcessFailure, RunThrowsWhenNobodyWaitsAndCanContinueAfterwards) {
  simulation sim;
  trace log;
  sim.start(fail_after(sim, 25 * hours + 90.5, "no papers"), "truck 7");
  sim.start(note_after(sim, 30 * hours, "unaffected", log));
  try {
    sim.run();
    FAIL() << "run() should have thrown";
  } catch (const process_error& e) {
    EXPECT_EQ(e.process_name(), "truck 7");
    EXPECT_EQ(e.time(), 90090.5);
    EXPECT_STREQ(e.what(),
                 "process 'truck 7' failed at t = 90090.5 s (day 1, 01:01:30.5): no papers");
    EXPECT_THROW(e.rethrow_original(), std::runtime_error);
  }
  EXPECT_EQ(sim.now(), 90090.5);  // stopped at the failure
  EXPECT_TRUE(log.empty());
  sim.run();  // the failure was reported once; the rest of the run goes on
  EXPECT_EQ(log, (trace{{"unaffected", 30 * hours}}));
  EXPECT_EQ(sim.processes_alive(), 0u);
}

process<> throw_int(simulation& sim) {
  co_await sim.timeout(1);
  throw 42;
}

TEST(ProcessFailure, UnnamedProcessesAndForeignExceptionsAreStillDescribed) {
  simulation sim;
  sim.start(throw_int(sim));
  try {
    sim.run();
    FAIL() << "run() should have thrown";
  } catch (const process_error& e) {
    EXPECT_EQ(e.process_name(), "process #1");
    EXPECT_STREQ(e.what(),
                 "process 'process #1' failed at t = 1 s (day 0, 00:00:01.0): an exception that "
                 "is not a std::exception");
  }
}

TEST(ProcessFailure, AHeldButUnawaitedProcessStillStopsRun) {
  simulation sim;
  process<int> p = sim.start(fail_after(sim, 2, "bad"), "held");
  EXPECT_THROW(sim.run(), process_error);
  EXPECT_TRUE(p.failed());
  EXPECT_THROW(p.result(), process_error);
}

// ---- interrupts ----

process<> sleeper(simulation& sim, sim_time nap, trace& log) {
  try {
    co_await sim.timeout(nap);
    log.emplace_back("woke", sim.now());
  } catch (const interrupted& i) {
    log.emplace_back("interrupted: " + i.cause(), sim.now());
  }
  co_await sim.timeout(1);
  log.emplace_back("sleeper done", sim.now());
}

template <class T>
process<> interrupt_at(simulation& sim, sim_time at, process<T> target, std::string cause,
                       trace& log) {
  co_await sim.timeout(at);
  log.emplace_back("interrupting", sim.now());
  target.interrupt(std::move(cause));
}

TEST(Interrupt, OfATimeoutResumesAtOnceWithTheCause) {
  simulation sim;
  trace log;
  process<> s = sim.start(sleeper(sim, 10, log), "sleeper");
  sim.start(interrupt_at(sim, 3, s, "booth closed", log));
  // Scheduled after the interrupter's wake at 3, normal priority: the interrupt (urgent) beats it.
  sim.start(note_after(sim, 3, "observer at 3", log));
  sim.run();
  EXPECT_EQ(log, (trace{{"interrupting", 3},
                        {"interrupted: booth closed", 3},
                        {"observer at 3", 3},
                        {"sleeper done", 4}}));  // the abandoned wake at 10 wakes nobody
}

TEST(Interrupt, BeforeTheProcessFirstRunsHitsItsFirstWait) {
  simulation sim;
  trace log;
  process<> s = sim.start(sleeper(sim, 10, log), "sleeper");
  s.interrupt("early");
  sim.run();
  EXPECT_EQ(log, (trace{{"interrupted: early", 0}, {"sleeper done", 1}}));
}

process<> start_and_interrupt(simulation& sim, trace& log) {
  co_await sim.timeout(2);
  process<> s = sim.start(sleeper(sim, 10, log), "sleeper");
  s.interrupt("at once");
}

TEST(Interrupt, OfAProcessStartedAtTheSameInstantHitsItsFirstWait) {
  simulation sim;
  trace log;
  sim.start(start_and_interrupt(sim, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"interrupted: at once", 2}, {"sleeper done", 3}}));
}

process<> interrupted_joiner(simulation& sim, process<int> child, trace& log) {
  try {
    co_await child;
    log.emplace_back("joined", sim.now());
  } catch (const interrupted& i) {
    log.emplace_back("join interrupted: " + i.cause(), sim.now());
  }
  const int v = co_await child;  // waiting again after the interrupt works
  log.emplace_back("rejoined " + std::to_string(v), sim.now());
}

TEST(Interrupt, OfAJoinWithdrawsTheJoinerAndLeavesTheChildRunning) {
  simulation sim;
  trace log;
  process<int> child = sim.start(value_after(sim, 10, 5), "child");
  process<> j = sim.start(interrupted_joiner(sim, child, log), "joiner");
  sim.start(interrupt_at(sim, 2, j, "impatient", log));
  sim.run();
  EXPECT_EQ(log,
            (trace{{"interrupting", 2}, {"join interrupted: impatient", 2}, {"rejoined 5", 10}}));
}

process<> interrupted_twice(simulation& sim, process<> target, trace& log) {
  co_await sim.timeout(1);
  target.interrupt("first");
  try {
    target.interrupt("second");
  } catch (const std::logic_error& e) {
    log.emplace_back(e.what(), sim.now());
  }
}

TEST(Interrupt, ASecondInterruptWhileOneIsPendingIsAnError) {
  simulation sim;
  trace log;
  process<> s = sim.start(sleeper(sim, 10, log), "sleeper");
  sim.start(interrupted_twice(sim, s, log));
  sim.run();
  EXPECT_EQ(log, (trace{{"process 'sleeper' already has an interrupt pending", 1},
                        {"interrupted: first", 1},
                        {"sleeper done", 2}}));
}

TEST(Interrupt, OfAFinishedProcessIsAnError) {
  simulation sim;
  trace log;
  process<> p = sim.start(note_after(sim, 1, "x", log), "done one");
  sim.run();
  try {
    p.interrupt();
    FAIL() << "interrupt should have thrown";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "cannot interrupt 'done one': it has finished");
  }
}

TEST(Interrupt, OfAProcessNotStartedIsAnError) {
  simulation sim;
  trace log;
  process<> p = note_after(sim, 1, "x", log);
  try {
    p.interrupt();
    FAIL() << "interrupt should have thrown";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "cannot interrupt 'process #1': it has not started");
  }
}

process<> self_interrupter(simulation& sim, process<>* self, std::string& message) {
  co_await sim.timeout(1);
  try {
    self->interrupt();
  } catch (const std::logic_error& e) {
    message = e.what();
  }
}

TEST(Interrupt, OfItselfIsAnError) {
  simulation sim;
  std::string message;
  process<> p;
  p = self_interrupter(sim, &p, message);
  sim.start(p, "selfish");
  sim.run();
  EXPECT_EQ(message, "process 'selfish' cannot interrupt itself");
}

process<> ignores_interrupts(simulation& sim) {
  co_await sim.timeout(10);
}

TEST(Interrupt, AnUncaughtInterruptFailsTheProcess) {
  simulation sim;
  trace log;
  process<> p = sim.start(ignores_interrupts(sim), "stubborn");
  sim.start(interrupt_at(sim, 4, p, "shift over", log));
  try {
    sim.run();
    FAIL() << "run() should have thrown";
  } catch (const process_error& e) {
    EXPECT_EQ(e.process_name(), "stubborn");
    EXPECT_EQ(e.time(), 4);
    EXPECT_THROW(e.rethrow_original(), interrupted);
  }
}

// ---- run(until) and stop() ----

TEST(Run, UntilRunsEventsAtThatTimeAndSetsTheClock) {
  simulation sim;
  trace log;
  for (sim_time t : {5.0, 10.0, 15.0}) sim.start(note_after(sim, t, "at", log));
  sim.run(10);
  EXPECT_EQ(log, (trace{{"at", 5}, {"at", 10}}));
  EXPECT_EQ(sim.now(), 10);
  sim.run(12.5);  // nothing due: the clock still moves to the end time
  EXPECT_EQ(log.size(), 2u);
  EXPECT_EQ(sim.now(), 12.5);
  sim.run();
  EXPECT_EQ(log.size(), 3u);
  EXPECT_EQ(sim.now(), 15);
  sim.run(100);  // an empty calendar: the clock moves to the end time
  EXPECT_EQ(sim.now(), 100);
}

process<> stopper(simulation& sim, sim_time at, trace& log) {
  co_await sim.timeout(at);
  log.emplace_back("stop", sim.now());
  sim.stop();
}

TEST(Run, StopReturnsAfterTheCurrentDispatch) {
  simulation sim;
  trace log;
  sim.start(stopper(sim, 5, log));
  sim.start(note_after(sim, 5, "same time, later", log));
  sim.start(note_after(sim, 7, "later", log));
  sim.run(20);
  EXPECT_EQ(log, (trace{{"stop", 5}}));
  EXPECT_EQ(sim.now(), 5);  // stop() does not move the clock to the end time
  sim.run();
  EXPECT_EQ(log, (trace{{"stop", 5}, {"same time, later", 5}, {"later", 7}}));
}

// ---- destruction and memory ----

// Counts destroyed frames: passed by value, so the coroutine's own copy of it lives exactly as
// long as the frame (the moved-from argument counts nothing).
struct frame_token {
  int* destroyed;
  explicit frame_token(int& d) : destroyed(&d) {}
  frame_token(frame_token&& o) noexcept : destroyed(std::exchange(o.destroyed, nullptr)) {}
  frame_token& operator=(frame_token&&) = delete;
  ~frame_token() {
    if (destroyed) ++*destroyed;
  }
};

process<> counted_sleep(simulation& sim, [[maybe_unused]] frame_token t) {
  co_await sim.timeout(1000);
}
process<> counted_request(simulation&, [[maybe_unused]] frame_token t, resource& r) {
  co_await r.request(0, 500);
}
process<> counted_get(simulation&, [[maybe_unused]] frame_token t, store<std::string>& s) {
  co_await s.get();
}
process<> counted_container(simulation&, [[maybe_unused]] frame_token t, container& k) {
  co_await k.get(5);
}
process<> counted_event(simulation&, [[maybe_unused]] frame_token t, event e) {
  co_await e;
}
process<int> counted_value(simulation& sim, [[maybe_unused]] frame_token t) {
  co_await sim.timeout(2000);
  co_return 1;
}
process<> counted_join(simulation&, [[maybe_unused]] frame_token t, process<int> child) {
  co_await child;
}
process<> counted_any(simulation& sim, [[maybe_unused]] frame_token t, event e, int& destroyed) {
  any_of first({e, timeout_event(sim, 3000),
                done_event(sim.start(counted_value(sim, frame_token(destroyed))))});
  co_await first;  // (a braced list inside co_await trips g++ 12: built first)
}
process<> counted_all(simulation& sim, [[maybe_unused]] frame_token t, event e) {
  all_of both({e, timeout_event(sim, 1)});
  co_await both;
}
process<> counted_finished(simulation& sim, [[maybe_unused]] frame_token t) {
  co_await sim.timeout(1);
}
process<> counted_holder(simulation& sim, [[maybe_unused]] frame_token t, resource& r,
                         [[maybe_unused]] process<> finished) {
  co_await r.request();  // holds the only unit, so counted_request waits
  co_await sim.timeout(5000);
}

TEST(Teardown, DestroysEverySuspendedProcessCleanly) {
  int destroyed = 0;
  {
    simulation sim;
    resource booth(sim, 1);
    store<std::string> yard(sim);
    container tank(sim, 100.0);
    event never = make_event(sim);
    auto token = [&] { return frame_token(destroyed); };
    process<> finished = counted_finished(sim, token());
    sim.start(finished);
    sim.start(counted_holder(sim, token(), booth, finished));
    sim.start(counted_sleep(sim, token()));
    sim.start(counted_request(sim, token(), booth));
    sim.start(counted_get(sim, token(), yard));
    sim.start(counted_container(sim, token(), tank));
    sim.start(counted_event(sim, token(), never));
    sim.start(counted_join(sim, token(), sim.start(counted_value(sim, token()))));
    sim.start(counted_any(sim, token(), never, destroyed));
    sim.start(counted_all(sim, token(), never));
    sim.start(counted_event(sim, token(), timeout_event(sim, 4000)));
    sim.run(10);
    // Only counted_finished has ended, and its frame lives on in the holder's handle.
    EXPECT_EQ(destroyed, 0);
    EXPECT_EQ(sim.processes_alive(), 13u);
    EXPECT_EQ(booth.queue_length(), 1u);
    EXPECT_EQ(yard.getters_waiting(), 1u);
    EXPECT_EQ(tank.gets_waiting(), 1u);
  }
  EXPECT_EQ(destroyed, 13);
}

TEST(Teardown, DestroysProcessesThatNeverRan) {
  int destroyed = 0;
  {
    simulation sim;
    sim.start(counted_sleep(sim, frame_token(destroyed)));
    process<> unstarted = counted_sleep(sim, frame_token(destroyed));
    EXPECT_EQ(sim.processes_alive(), 2u);
  }
  EXPECT_EQ(destroyed, 2);
}

TEST(Lifetime, FramesLiveWhileRunningOrHeld) {
  simulation sim;
  int destroyed = 0;
  {
    process<> unstarted = counted_sleep(sim, frame_token(destroyed));
    EXPECT_EQ(sim.processes_alive(), 1u);
    EXPECT_EQ(destroyed, 0);
  }
  EXPECT_EQ(destroyed, 1);  // dropped before it started: destroyed at once
  EXPECT_EQ(sim.processes_alive(), 0u);

  process<> held = sim.start(counted_finished(sim, frame_token(destroyed)));
  sim.start(counted_finished(sim, frame_token(destroyed)));  // fire and forget
  sim.run();
  EXPECT_EQ(destroyed, 2);  // the unheld one went at its end
  EXPECT_EQ(sim.processes_alive(), 1u);
  held = process<>();
  EXPECT_EQ(destroyed, 3);
  EXPECT_EQ(sim.processes_alive(), 0u);
}

process<> short_lived(simulation& sim) {
  co_await sim.timeout(0.5);
}

process<> source(simulation& sim, int count) {
  for (int i = 0; i < count; ++i) {
    sim.start(short_lived(sim));
    co_await sim.timeout(1);
  }
}

TEST(FramePool, ReusesFrameMemoryAcrossALongRun) {
  simulation sim;
  constexpr int count = 200000;
  sim.start(source(sim, count));
  sim.run(1000);
  const auto chunk_bytes_early = sim.frames().chunk_bytes();
  const auto allocations_early = sim.frames().allocations();
  EXPECT_GT(chunk_bytes_early, 0u);
  EXPECT_EQ(allocations_early, 1u + 1001u);  // the source, and one a second from 0 to 1000
  sim.run();
  EXPECT_EQ(sim.frames().allocations(), 1u + count);
  EXPECT_EQ(sim.frames().chunk_bytes(), chunk_bytes_early);
  EXPECT_EQ(sim.processes_alive(), 0u);
}

}  // namespace
}  // namespace tumen::sim
