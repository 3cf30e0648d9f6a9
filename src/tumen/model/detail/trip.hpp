// A vehicle trip, and how a visit to one element of its route ends.
//
// A trip walks its route's path (see trip.cpp); at each element it awaits that element's visit
// routine (see visits.cpp), which does what the element does to a vehicle: a link lets it enter
// and travel, a holding area gives it a place, a stage queues and serves it, a yard takes its
// cargo over. A visit reaches back to the crossing only through the crossing's "visit host"
// members (detail/crossing.hpp): to free the vehicle's holding place, end the trip, trace it, or
// start the trip of another vehicle (the receiving truck a yard loads, the empty truck that
// leaves it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "tumen/base/time.hpp"

namespace tumen::model::detail {

enum class origin { demand, transfer, empty };

// One vehicle trip along one route.
struct trip {
  std::uint64_t id = 0;
  int vehicle_class = 0;
  int route = 0;
  int flow = 0;
  sim_time arrived = 0;
  double persons = 0;
  double tonnes = 0;
  std::optional<int> holding;  // the holding area whose place this vehicle occupies
};

enum class outcome { cleared, transferred, turned_away, abandoned };

// How a visit ends: the trip goes on along its route, or it ended at the element (turned away,
// gave up, or handed its cargo over); a stage may also send it to a further stage first.
struct visit_end {
  bool trip_ended = false;
  std::optional<int> branch;  // a stage's branch: the index of the next stage
};

}  // namespace tumen::model::detail
