// Offered load: how busy each stage and yard will be, worked out before simulating.
//
// For each stage: the expected vehicles a day that reach it (demand along routes, branch shares,
// receiving and empty trucks from yards), times their mean service time, divided by the
// lane-seconds the stage is open in a day (lanes × opening hours, lane schedules applied),
// averaged over the week. ρ ≥ 1 means the queue will grow without bound: more work arrives
// than the open lanes can do. Yards likewise with transfer time and bays.
//
//   for (const auto& l : tumen::model::offered_load(sc))
//     if (l.saturated()) warn(l.element, l.rho);
#pragma once

#include <string>
#include <vector>

#include "tumen/scenario/scenario.hpp"

namespace tumen::model {

struct element_load {
  std::string element;  // stage or yard id
  std::string kind;     // "stage" | "yard"
  double arrivals_per_day = 0;
  double work_per_day = 0;      // seconds of service demanded per day
  double capacity_per_day = 0;  // lane-seconds (or bay-seconds) open per day
  double rho = 0;               // work / capacity; infinity if work > 0 and never open
  bool saturated() const { return rho >= 1; }
};

std::vector<element_load> offered_load(const scenario::scenario& sc);

}  // namespace tumen::model
