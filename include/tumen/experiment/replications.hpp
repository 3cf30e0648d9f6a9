// Running many replications of one scenario: the basic experiment.
//
// Replication k uses the scenario's seed and replication number first + k, so its random streams
// are fixed whatever else runs (common random numbers across design points), and the results are
// identical whatever the executor (serial, threads or MPI).
//
//   auto ex = tumen::experiment::make_executor(2);
//   auto runs = tumen::experiment::run_replications(sc, 100, *ex);
//   auto s = tumen::experiment::summarise(runs);
//
// A study can trace one of its replications (replication_options::trace and ::traced): what
// `tumen run -r N --trace FILE --trace-replication K` replays.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "tumen/experiment/executor.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/results/replication_result.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::experiment {

struct replication_options {
  std::uint64_t first = 0;            // number of the first replication
  std::optional<std::uint64_t> seed;  // default: the scenario's run.seed
  // Called in the calling thread after each replication finishes, in completion order.
  std::function<void(std::size_t index, const results::replication_result&)> on_done;
  // When set (Ctrl-C), no further replication starts and those under way stop: run_replications
  // throws tumen::stopped (tumen/base/stop.hpp) once the executor has wound down.
  const std::atomic<bool>* stop = nullptr;
  // Each replication's memory budget (bytes; 0: none): see model::run_options.
  std::size_t memory_budget = model::run_options::default_memory_budget;
  // When set, receives the visits of one replication, the `traced`-th (0-based, so replication
  // number first + traced), and of no other: the observer is attached to that replication's run
  // alone, so it is called from one thread at a time whatever the executor. Tracing does not
  // change the replication's figures.
  results::trace_observer* trace = nullptr;
  std::size_t traced = 0;
};

// Results in replication order.
std::vector<results::replication_result> run_replications(const scenario::scenario& sc,
                                                          std::size_t count, executor& ex,
                                                          const replication_options& options = {});

}  // namespace tumen::experiment
