// Same-time ordering of events.
//
// Two things that happen at the same simulated time happen in a stated order, never by accident:
// the calendar orders entries by (time, priority, insertion counter). The priority is one of the
// named levels below; within a level, first scheduled is first dispatched. Because the counter is
// part of the key, two runs with the same seed replay identically, event for event.
#pragma once

#include <cstdint>

namespace tumen::sim {

enum class priority : std::uint8_t {
  urgent = 0,  // process starts, resource grants, interrupts: before anything else at this time
  normal = 1,  // timeouts and triggered events
  late = 2,    // observers that must see the state after everything else at this time
};

inline constexpr int priority_levels = 3;

}  // namespace tumen::sim
