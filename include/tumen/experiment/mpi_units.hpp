// The MPI unit runner (see sweep_units.hpp): the only place in tumen that knows about MPI.
// Compiled only when tumen is built with TUMEN_WITH_MPI; make_unit_runner() calls it.
//
// Protocol (MPI_COMM_WORLD, point-to-point, rank 0 the writer):
//   rank 0 → worker   tag work   one unit number (uint64)
//   rank 0 → worker   tag stop   empty: no more units, leave run()
//   worker → rank 0   tag result the unit number, then its scalars: count, then per scalar the
//                                 name's length, the name's bytes and the value's 8 bytes
//   worker → rank 0   tag failed the unit number and the error message
// Rank 0 gives each worker one unit at a time and the next when its result arrives (dynamic
// dealing, so slow points do not hold up fast ones), while a second thread of rank 0 computes
// units too. Values travel as raw IEEE-754 bytes: exactly what the worker computed (the ranks
// of a job are assumed to share one byte order, as every cluster today does).
#pragma once

#include <memory>

#include "tumen/experiment/sweep_units.hpp"

namespace tumen::experiment {

// Initialises MPI when this process was started by an MPI launcher (mpirun, mpiexec, srun) and
// the job has more than one rank, and returns the runner (which finalises MPI when destroyed).
// Returns nullptr otherwise, without initialising MPI.
std::unique_ptr<unit_runner> make_mpi_runner();

}  // namespace tumen::experiment
