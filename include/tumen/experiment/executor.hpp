// Executors: how independent units of work (replications, design points × replications) are run.
//
// An executor runs `count` units by calling `work(i)` for every i in [0, count) and `done(i)` in
// the caller's thread as each finishes (for progress and for writing results), and returns when
// all are done. The result of a unit depends only on i, never on the executor, the number of
// threads or the order, so `-j 1` and `-j 8` give identical results.
//
//   auto ex = tumen::experiment::make_executor(jobs);          // serial when jobs == 1
//   ex->run(n, [&](std::size_t i) { results[i] = simulate(i); },
//              [&](std::size_t i) { progress(i); });
//
// A failing unit's exception is rethrown from run() after the units already started have
// finished (no new ones start); which failure is reported is the one of the lowest index.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace tumen::experiment {

class executor {
 public:
  virtual ~executor() = default;
  virtual void run(std::size_t count, const std::function<void(std::size_t)>& work,
                   const std::function<void(std::size_t)>& done) = 0;
  virtual int workers() const = 0;
};

// jobs <= 1: serial in the calling thread; otherwise a pool of `jobs` threads.
std::unique_ptr<executor> make_executor(int jobs);

}  // namespace tumen::experiment
