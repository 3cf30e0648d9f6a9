// Running one replication of a border crossing.
//
// The model builds, from a validated scenario, one simulation in which every vehicle is a
// process that drives its route: links (travel time and entry headway), holding areas (finite,
// spillback or turn-away), checkpoint stages (lanes, queues, priorities, patience, branches to
// further stages) and transshipment yards (parking, bays, cargo handed to the other side's
// trucks). docs/modelling-assumptions.md states the rules in words.
//
// A replication is a pure function of (scenario, seed, replication number): every random stream
// is derived from those and a stream name, so replication k of two variants of a scenario draws
// the same numbers for the same purposes (common random numbers).
//
//   auto sc = tumen::scenario::parse(text, "crossing.toml");
//   tumen::results::replication_result r = tumen::model::run_replication(sc, 0);
//
// Failures inside the model (a process that throws) surface as tumen::sim::process_error.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "tumen/results/replication_result.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::results {
class trace_observer;  // tumen/results/trace.hpp
}  // namespace tumen::results

namespace tumen::model {

struct run_options {
  std::optional<std::uint64_t> seed;         // default: the scenario's run.seed
  results::trace_observer* trace = nullptr;  // receives one record per stage visit (may be null)
  // When set, the run stops at the next simulated hour and throws tumen::stopped (base/stop.hpp).
  const std::atomic<bool>* stop = nullptr;
  // Stop a run whose backlog certainly grows (docs/modelling-assumptions.md, "Verdicts") once
  // two weeks are measured, instead of simulating every day of an overload.
  bool stop_when_saturated = true;
  // Stop when the vehicles inside would take more memory than this (bytes, estimated at
  // bytes_per_vehicle each); 0: no budget. The verdict then says why it stopped ("memory").
  std::size_t memory_budget = default_memory_budget;

  static constexpr std::size_t default_memory_budget = std::size_t{64} << 20;  // 64 MiB
  static constexpr std::size_t bytes_per_vehicle = 1024;  // a trip's frame and queue entries
};

results::replication_result run_replication(const scenario::scenario& sc, std::uint64_t replication,
                                            const run_options& options = {});

}  // namespace tumen::model
