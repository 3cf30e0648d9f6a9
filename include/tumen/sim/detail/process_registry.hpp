// The part of a simulation that creates and ends processes: the pool their frames come from,
// the list of frames it must destroy when it ends, and the counts.
//
// It is kept apart from the simulation class (and reachable from every promise and process
// handle) so that a process's birth (frame from the pool, joining the list) and end (leaving the
// list, frame back to the pool) are inline in the coroutine's own code, where
// tumen/sim/simulation.hpp is not yet complete: they happen once per vehicle, and a call into the
// engine would cost as much as the work.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tumen/sim/detail/frame_pool.hpp"

namespace tumen::sim::detail {

struct promise_base;

struct process_registry {
  frame_pool pool;               // first: destroyed last
  promise_base* live = nullptr;  // every frame not yet destroyed
  std::uint64_t next_id = 0;     // processes created
  std::size_t alive = 0;         // frames not yet destroyed
  bool tearing_down = false;     // the simulation is destroying its frames
};

}  // namespace tumen::sim::detail
