// Tests for routines (see routine.hpp): a routine runs in its caller's dispatch and adds no event,
// returns its value, waits on the engine's awaitables, passes its failure to the caller, keeps
// its frame while a stale calendar entry names it, and is torn down with the simulation. Every
// expected time and count below was worked out by hand from routine.hpp and simulation.hpp.
#include "tumen/sim/routine.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "tumen/sim/resource.hpp"
#include "tumen/sim/simulation.hpp"

namespace tumen::sim {
namespace {

using trace = std::vector<std::pair<std::string, sim_time>>;

routine<int> wait_then(simulation& sim, sim_time delay, int value, trace& log) {
  log.emplace_back("routine begins", sim.now());
  co_await sim.timeout(delay);
  log.emplace_back("routine returns", sim.now());
  co_return value;
}

process<> caller(simulation& sim, trace& log, int& got) {
  log.emplace_back("caller begins", sim.now());
  got = co_await wait_then(sim, 4, 7, log);
  log.emplace_back("caller resumes", sim.now());
  co_await sim.timeout(1);
  log.emplace_back("caller ends", sim.now());
}

TEST(Routine, RunsInPlaceAndReturnsItsValue) {
  simulation sim;
  trace log;
  int got = 0;
  sim.start(caller(sim, log, got), "caller");
  sim.run();
  EXPECT_EQ(got, 7);
  EXPECT_EQ(log, (trace{{"caller begins", 0},
                        {"routine begins", 0},
                        {"routine returns", 4},
                        {"caller resumes", 4},
                        {"caller ends", 5}}));
  // Start, the routine's timeout, the caller's timeout: calling and returning are not events.
  EXPECT_EQ(sim.dispatched(), 3u);
  EXPECT_EQ(sim.processes_started(), 1u);
  EXPECT_EQ(sim.processes_alive(), 0u);
}

routine<> never_waits(simulation& sim, int& calls) {
  (void)sim;
  ++calls;
  co_return;
}

process<> many_calls(simulation& sim, int n, int& calls) {
  for (int i = 0; i < n; ++i) co_await never_waits(sim, calls);
}

TEST(Routine, ACallThatDoesNotWaitCostsNoEventAndReusesItsFrame) {
  simulation sim;
  int calls = 0;
  sim.start(many_calls(sim, 1000, calls));
  sim.run();
  EXPECT_EQ(calls, 1000);
  EXPECT_EQ(sim.dispatched(), 1u);
  EXPECT_EQ(sim.processes_alive(), 0u);
}

routine<int> fail_after(simulation& sim, sim_time delay) {
  co_await sim.timeout(delay);
  throw std::runtime_error("routine failed");
  co_return 0;
}

process<> catches(simulation& sim, std::string& caught) {
  try {
    const int x = co_await fail_after(sim, 2);
    caught = std::to_string(x);
  } catch (const std::runtime_error& e) {
    caught = e.what();
  }
}

process<> does_not_catch(simulation& sim) {
  const int x = co_await fail_after(sim, 3);
  (void)x;
}

TEST(Routine, AFailureRethrowsInTheCaller) {
  simulation sim;
  std::string caught;
  sim.start(catches(sim, caught));
  sim.run();
  EXPECT_EQ(caught, "routine failed");

  simulation other;
  other.start(does_not_catch(other), "vehicle 9");
  try {
    other.run();
    FAIL() << "the failure did not reach run()";
  } catch (const process_error& e) {
    EXPECT_EQ(e.process_name(), "vehicle 9");  // the calling process is the one that failed
    EXPECT_EQ(e.time(), 3);
  }
}

// A request with patience that is granted leaves its patience timeout in the calendar, naming
// the routine's frame: the frame must stay until that stale entry has come up.
routine<bool> queue_with_patience(simulation& sim, resource& desk, sim_time patience) {
  const auto got = co_await desk.request(0, patience);
  if (!got) co_return false;
  co_await sim.timeout(1);
  desk.release();
  co_return true;
}

process<> customer(simulation& sim, resource& desk, sim_time patience, trace& log,
                   std::string name) {
  const bool served = co_await queue_with_patience(sim, desk, patience);
  log.emplace_back(name + (served ? " served" : " gave up"), sim.now());
}

TEST(Routine, WaitsWithPatienceAndOutlivesItsStaleTimeout) {
  simulation sim;
  resource desk(sim, 1);
  trace log;
  sim.start(customer(sim, desk, 10, log, "a"));
  sim.start(customer(sim, desk, 10, log, "b"));   // served at 1, its timeout at 10 is stale
  sim.start(customer(sim, desk, 0.5, log, "c"));  // gives up at 0.5
  sim.run();
  EXPECT_EQ(log, (trace{{"c gave up", 0.5}, {"a served", 1}, {"b served", 2}}));
  EXPECT_EQ(sim.now(), 10);  // b's stale patience timeout was the last entry
  EXPECT_EQ(sim.processes_alive(), 0u);
}

TEST(Routine, ASimulationTornDownMidRoutineFreesEveryFrame) {
  trace log;
  int got = 0;
  {
    simulation sim;
    sim.start(caller(sim, log, got));
    sim.run(2);  // the routine waits until 4
    EXPECT_EQ(sim.processes_alive(), 2u);
  }
  EXPECT_EQ(got, 0);
  EXPECT_EQ(log, (trace{{"caller begins", 0}, {"routine begins", 0}}));
}

}  // namespace
}  // namespace tumen::sim
