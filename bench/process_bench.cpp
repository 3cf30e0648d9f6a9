// process_bench — what the engine's processes and shared objects cost, as items per second.
//
// Every benchmark runs a small model on one simulation per benchmark run (so after the first
// batch the frame pool and the calendar have grown and are reused, as in a long model run) and
// counts one item per operation named below:
//
//   baseline/calendar_hold         one pop + push on a raw calendar holding one entry: the floor
//                                  under every timeout (no process, no coroutine)
//   process/start_finish/N         a batch of N processes that each wait one timeout and end:
//                                  frame from the pool, start, one resume, finish, frame back
//   process/start_now_finish/N     the same, started with sim.start_now (no calendar entry)
//   process/timeout_resume/K       K processes each looping on co_await sim.timeout(d): one item
//                                  = one timeout (calendar push + pop + coroutine resume)
//   process/join                   a parent awaits a child that waits one timeout: one item =
//                                  start + join + child's timeout + parent's wake
//   process/interrupt              one process interrupts another, which is waiting on a long
//                                  timeout, catches `interrupted` and waits again: one item = one
//                                  interrupt (throw and catch included; the abandoned timeouts are
//                                  skipped at dispatch, also timed)
//   resource/request_release       capacity 1, one process: request (granted without suspending)
//                                  + release
//   resource/uncontended_hold      capacity 1, one process: request + timeout + release
//   resource/contended_hold/K      capacity 1, K processes: request (queued, woken by a grant) +
//                                  timeout + release; compare with uncontended_hold for the price
//                                  of queueing
//   resource/contended_hold_hand_off/K  the same with set_hand_off(true): each release runs the
//                                  next holder at once instead of waking it through the calendar
//   store/put_get_same_process     one process puts then gets an int (neither waits)
//   store/handoff/C                producer puts, consumer gets, capacity C: one item = one int
//                                  through the store, with the two processes waking each other
//   container/put_get_same_process and container/handoff/C: the same with amounts of 1.0.
//
//   build/bin/process_bench --benchmark_min_time=0.1
#include <benchmark/benchmark.h>

#include <cstdint>

#include "tumen/sim/container.hpp"
#include "tumen/sim/resource.hpp"
#include "tumen/sim/simulation.hpp"
#include "tumen/sim/store.hpp"

namespace {

namespace sim = tumen::sim;
using tumen::sim_time;

constexpr std::int64_t batch = 10'000;  // items per benchmark iteration where not given by N

void set_items(benchmark::State& state, std::int64_t per_iteration) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * per_iteration);
}

// Every batch must end with all its processes finished. A model that deadlocks (an engine bug)
// leaves processes suspended and would report a meaningless rate: report an error instead.
bool finished(benchmark::State& state, const sim::simulation& sim) {
  if (sim.processes_alive() == 0) return true;
  state.SkipWithError("processes still suspended after run(): the batch deadlocked");
  return false;
}

// ---- baseline ----

void calendar_hold(benchmark::State& state) {
  sim::detail::calendar cal;
  sim_time now = 0;
  cal.push(now, 1.0, sim::priority::normal, {});
  for (auto _ : state) {
    const auto e = cal.pop();
    now = e.time;
    cal.push(now, 1.0, sim::priority::normal, e);
  }
  benchmark::DoNotOptimize(now);
  set_items(state, 1);
}
BENCHMARK(calendar_hold)->Name("baseline/calendar_hold");

// ---- processes ----

sim::process<> one_timeout(sim::simulation& sim) {
  co_await sim.timeout(1.0);
}

void start_finish(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  sim::simulation sim;
  for (auto _ : state) {
    for (std::int64_t i = 0; i < n; ++i) sim.start(one_timeout(sim));
    sim.run();
    if (!finished(state, sim)) break;
  }
  set_items(state, n);
}
BENCHMARK(start_finish)->Name("process/start_finish")->Arg(1'000);

// The same with sim.start_now: the first step runs inside the starting code, no calendar entry.
void start_now_finish(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  sim::simulation sim;
  for (auto _ : state) {
    for (std::int64_t i = 0; i < n; ++i) sim.start_now(one_timeout(sim));
    sim.run();
    if (!finished(state, sim)) break;
  }
  set_items(state, n);
}
BENCHMARK(start_now_finish)->Name("process/start_now_finish")->Arg(1'000);

sim::process<> timeout_loop(sim::simulation& sim, std::int64_t n, sim_time delay) {
  for (std::int64_t i = 0; i < n; ++i) co_await sim.timeout(delay);
}

void timeout_resume(benchmark::State& state) {
  const std::int64_t k = state.range(0);
  const std::int64_t per_process = batch / k;
  sim::simulation sim;
  for (auto _ : state) {
    // Distinct delays, so the K processes interleave instead of tying.
    for (std::int64_t p = 0; p < k; ++p)
      sim.start(
          timeout_loop(sim, per_process, 1.0 + static_cast<double>(p) / static_cast<double>(k)));
    sim.run();
    if (!finished(state, sim)) break;
  }
  set_items(state, k * per_process);
}
BENCHMARK(timeout_resume)->Name("process/timeout_resume")->Arg(1)->Arg(1'000);

sim::process<> parent(sim::simulation& sim, std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) co_await sim.start(one_timeout(sim));
}

void join(benchmark::State& state) {
  sim::simulation sim;
  for (auto _ : state) {
    sim.start(parent(sim, batch));
    sim.run();
    if (!finished(state, sim)) break;
  }
  set_items(state, batch);
}
BENCHMARK(join)->Name("process/join");

sim::process<> victim(sim::simulation& sim, std::int64_t n) {
  std::int64_t caught = 0;
  while (caught < n) {
    try {
      co_await sim.timeout(1e9);
    } catch (const sim::interrupted&) {
      ++caught;
    }
  }
}

sim::process<> interrupter(sim::simulation& sim, sim::process<> target, std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) {
    co_await sim.timeout(1.0);
    target.interrupt("bench");
  }
}

void interrupt(benchmark::State& state) {
  constexpr std::int64_t n = 1'000;
  sim::simulation sim;
  for (auto _ : state) {
    {
      auto v = sim.start(victim(sim, n));
      sim.start(interrupter(sim, v, n));
      sim.run();
    }
    if (!finished(state, sim)) break;
  }
  set_items(state, n);
}
BENCHMARK(interrupt)->Name("process/interrupt");

// ---- resource ----

sim::process<> request_release_loop(sim::simulation&, sim::resource& res, std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) {
    co_await res.request();
    res.release();
  }
}

void request_release(benchmark::State& state) {
  sim::simulation sim;
  sim::resource res(sim, 1);
  for (auto _ : state) {
    sim.start(request_release_loop(sim, res, batch));
    sim.run();
    if (!finished(state, sim)) break;
  }
  set_items(state, batch);
}
BENCHMARK(request_release)->Name("resource/request_release");

sim::process<> hold_loop(sim::simulation& sim, sim::resource& res, std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) {
    co_await res.request();
    co_await sim.timeout(1.0);
    res.release();
  }
}

void hold_resource(benchmark::State& state, std::int64_t k, bool hand_off = false) {
  const std::int64_t per_process = batch / k;
  sim::simulation sim;
  sim::resource res(sim, 1);
  res.set_hand_off(hand_off);
  for (auto _ : state) {
    for (std::int64_t p = 0; p < k; ++p) sim.start(hold_loop(sim, res, per_process));
    sim.run();
    if (!finished(state, sim)) break;
  }
  set_items(state, k * per_process);
}

void uncontended_hold(benchmark::State& state) {
  hold_resource(state, 1);
}
BENCHMARK(uncontended_hold)->Name("resource/uncontended_hold");

void contended_hold(benchmark::State& state) {
  hold_resource(state, state.range(0));
}
BENCHMARK(contended_hold)->Name("resource/contended_hold")->Arg(2)->Arg(100);

// The same with the resource's hand-off: the release runs the next holder at once.
void contended_hold_hand_off(benchmark::State& state) {
  hold_resource(state, state.range(0), true);
}
BENCHMARK(contended_hold_hand_off)->Name("resource/contended_hold_hand_off")->Arg(2)->Arg(100);

// ---- store ----

sim::process<> store_same_process(sim::simulation&, sim::store<int>& st, std::int64_t n) {
  std::int64_t sum = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    co_await st.put(static_cast<int>(i));
    sum += co_await st.get();
  }
  benchmark::DoNotOptimize(sum);
}

void store_put_get(benchmark::State& state) {
  sim::simulation sim;
  sim::store<int> st(sim);
  for (auto _ : state) {
    sim.start(store_same_process(sim, st, batch));
    sim.run();
    if (!finished(state, sim)) break;
  }
  set_items(state, batch);
}
BENCHMARK(store_put_get)->Name("store/put_get_same_process");

sim::process<> producer(sim::simulation&, sim::store<int>& st, std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) co_await st.put(static_cast<int>(i));
}

sim::process<> consumer(sim::simulation&, sim::store<int>& st, std::int64_t n) {
  std::int64_t sum = 0;
  for (std::int64_t i = 0; i < n; ++i) sum += co_await st.get();
  benchmark::DoNotOptimize(sum);
}

void store_handoff(benchmark::State& state) {
  sim::simulation sim;
  sim::store<int> st(sim, static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    sim.start(consumer(sim, st, batch));
    sim.start(producer(sim, st, batch));
    sim.run();
    if (!finished(state, sim)) break;
  }
  set_items(state, batch);
}
BENCHMARK(store_handoff)->Name("store/handoff")->Arg(1)->Arg(100);

// ---- container ----

sim::process<> container_same_process(sim::simulation&, sim::container& c, std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) {
    co_await c.put(1.0);
    co_await c.get(1.0);
  }
}

void container_put_get(benchmark::State& state) {
  sim::simulation sim;
  sim::container c(sim, 1.0);
  for (auto _ : state) {
    sim.start(container_same_process(sim, c, batch));
    sim.run();
    if (!finished(state, sim)) break;
  }
  set_items(state, batch);
}
BENCHMARK(container_put_get)->Name("container/put_get_same_process");

sim::process<> filler(sim::simulation&, sim::container& c, std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) co_await c.put(1.0);
}

sim::process<> drainer(sim::simulation&, sim::container& c, std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) co_await c.get(1.0);
}

void container_handoff(benchmark::State& state) {
  sim::simulation sim;
  sim::container c(sim, static_cast<double>(state.range(0)));
  for (auto _ : state) {
    sim.start(drainer(sim, c, batch));
    sim.start(filler(sim, c, batch));
    sim.run();
    if (!finished(state, sim)) break;
  }
  set_items(state, batch);
}
BENCHMARK(container_handoff)->Name("container/handoff")->Arg(1)->Arg(100);

}  // namespace
