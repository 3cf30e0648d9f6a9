// Where the units of a sweep run: threads in this process, or the ranks of an MPI job.
//
// A unit_runner computes units (numbered as in sweep_plan) with `work`, which may run in any
// thread or process, and hands each unit's scalars to `done` in the calling thread of the one
// process that writes results (the writer), in completion order. A unit's result depends only
// on its number, so every runner gives the same results.
//
//   auto runner = tumen::experiment::make_unit_runner(jobs);  // MPI ranks when under mpirun
//   if (!runner->all_ready(prepared_ok)) return 1;             // every process agrees to start
//   runner->run(todo, [&](std::size_t u) { return plan.run_unit(u); },
//               [&](std::size_t u, auto&& scalars) { db.add_replication(...); });
//
// Under MPI (tumen built with TUMEN_WITH_MPI and started by an MPI launcher with more than one
// rank), rank 0 is the writer: it deals units to the other ranks one at a time as they ask for
// more (and computes units itself in a second thread), receives their scalars and calls `done`.
// The other ranks compute what they are dealt; run()'s `todo` and `done` are not used there, and
// they print and write nothing. Every rank builds the same sweep_plan from the same input.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tumen/experiment/metrics.hpp"

namespace tumen::experiment {

using unit_work = std::function<std::vector<named_value>(std::size_t unit)>;
using unit_done = std::function<void(std::size_t unit, std::vector<named_value>&& scalars)>;

class unit_runner {
 public:
  virtual ~unit_runner() = default;

  // Runs the units in `todo` and returns when all are done. A failure in `work` or `done` stops
  // dealing new units; the units under way finish, then the first failure is rethrown (in the
  // writer; other MPI ranks return normally).
  virtual void run(const std::vector<std::size_t>& todo, const unit_work& work,
                   const unit_done& done) = 0;

  // True in the process that prints and writes results.
  virtual bool writer() const { return true; }

  // Every process says whether it is ready to run (its input was valid, its output opened);
  // returns true only when all are. Single-process runners return `ready`.
  virtual bool all_ready(bool ready) { return ready; }

  // "serial", "4 threads", "8 MPI ranks".
  virtual std::string description() const = 0;
};

// Threads in this process (serial when jobs <= 1).
std::unique_ptr<unit_runner> make_thread_runner(int jobs);

// The MPI runner when this program was started by an MPI launcher with more than one rank and
// was built with MPI; otherwise make_thread_runner(jobs). Under MPI, `jobs` is not used: every
// rank computes one unit at a time (start one rank per core).
std::unique_ptr<unit_runner> make_unit_runner(int jobs);

// Whether this build can run sweeps across MPI ranks.
bool built_with_mpi();

}  // namespace tumen::experiment
