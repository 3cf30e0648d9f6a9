// Tests that a simulation replays exactly: two simulations built the same way produce the same
// event trace, event for event and bit for bit, and many simulations running at once on their
// own threads produce the same traces as when run one after another (no shared state).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <thread>
#include <vector>

#include "tumen/sim/event.hpp"
#include "tumen/sim/resource.hpp"
#include "tumen/sim/schedule.hpp"
#include "tumen/sim/simulation.hpp"
#include "tumen/sim/store.hpp"

namespace tumen::sim {
namespace {

struct record {
  sim_time t;
  std::uint32_t vehicle;
  std::uint32_t what;
  bool operator==(const record&) const = default;
};

enum step : std::uint32_t { arrive, start, abandon, depart, inspected, filed };

// A small crossing: vehicles with priorities and patience at booths whose number follows a
// timetable, every fifth vehicle joining an inspection process, and a clerk filing documents
// from a store. Uses only the engine and std::mt19937_64 (fully specified by the standard).
class crossing {
 public:
  explicit crossing(std::uint64_t seed) : rng_(seed) {}

  std::vector<record> run(sim_time until) {
    sim_.start(source(), "source");
    sim_.start(clerk(), "clerk");
    const timetable<int> staffing{2 * hours, {{0, 2}, {40 * minutes, 3}, {90 * minutes, 1}}};
    sim_.start(drive<int>(sim_, staffing, [this](const int& n) { booths_.set_capacity(n); }));
    sim_.run(until);
    return trace_;
  }

  // Member coroutines take their frames from the simulation this returns.
  simulation& sim() { return sim_; }

 private:
  double exponential(double mean) {
    const double u = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
    return -mean * std::log1p(-u);
  }

  process<> source() {
    for (std::uint32_t id = 0;; ++id) {
      co_await sim_.timeout(exponential(12));
      sim_.start(vehicle(id));
    }
  }

  process<double> inspection(std::uint32_t id) {
    const double d = exponential(20);
    co_await sim_.timeout(d);
    trace_.push_back({sim_.now(), id, inspected});
    co_return d;
  }

  process<> vehicle(std::uint32_t id) {
    simulation& sim = sim_;
    trace_.push_back({sim.now(), id, arrive});
    const int prio = static_cast<int>(rng_() % 3);
    const request_result got = co_await booths_.request(prio, exponential(300));
    if (!got) {
      trace_.push_back({sim.now(), id, abandon});
      co_return;
    }
    trace_.push_back({sim.now(), id, start});
    co_await sim.timeout(exponential(25));
    if (id % 5 == 0) co_await sim.start(inspection(id));
    booths_.release();
    co_await documents_.put(id);
    trace_.push_back({sim.now(), id, depart});
  }

  process<> clerk() {
    for (;;) {
      const std::uint32_t id = co_await documents_.get();
      any_of first({timeout_event(sim_, exponential(5)), timeout_event(sim_, exponential(5))});
      co_await first;
      trace_.push_back({sim_.now(), id, filed});
    }
  }

  std::mt19937_64 rng_;
  simulation sim_;
  resource booths_{sim_, 2};
  store<std::uint32_t> documents_{sim_, 10};
  std::vector<record> trace_;
};

constexpr sim_time run_length = 6 * hours;

TEST(Determinism, TwoIdenticalSimulationsProduceTheSameTrace) {
  const std::vector<record> a = crossing(7).run(run_length);
  const std::vector<record> b = crossing(7).run(run_length);
  ASSERT_GT(a.size(), 4000u);  // a trace long enough to mean something
  EXPECT_EQ(a, b);
  const std::vector<record> c = crossing(8).run(run_length);
  EXPECT_NE(a, c);  // and the trace does depend on the random numbers
}

TEST(Determinism, SimulationsOnThreadsMatchSerialRuns) {
  constexpr int count = 8;
  std::vector<std::vector<record>> serial(count), parallel(count);
  for (int i = 0; i < count; ++i) serial[i] = crossing(100 + i).run(run_length);
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < count; ++i)
      threads.emplace_back([i, &parallel] { parallel[i] = crossing(100 + i).run(run_length); });
  }
  for (int i = 0; i < count; ++i) {
    SCOPED_TRACE("simulation " + std::to_string(i));
    ASSERT_GT(serial[i].size(), 4000u);
    EXPECT_EQ(parallel[i], serial[i]);
  }
}

}  // namespace
}  // namespace tumen::sim
