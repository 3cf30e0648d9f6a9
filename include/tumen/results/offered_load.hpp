// Offered load as plain rows: how busy each stage and yard will be, worked out from the scenario
// before simulating. The model computes the rows (tumen::model::offered_load); the terminal
// summary, the JSON and the HTML report render what they are given.
//
//   for (const auto& l : tumen::model::offered_load(sc))   // std::vector<element_load>
//     if (l.saturated()) warn(l.element, l.rho);
#pragma once

#include <string>

namespace tumen::results {

struct element_load {
  std::string element;  // stage or yard id
  std::string kind;     // "stage" | "yard"
  double arrivals_per_day = 0;
  double work_per_day = 0;      // seconds of service demanded per day
  double capacity_per_day = 0;  // lane-seconds (or bay-seconds) open per day
  double rho = 0;               // work / capacity; infinity if work > 0 and never open
  // ρ ≥ 1: more work arrives than the open lanes can do, so the queue grows without bound.
  bool saturated() const { return rho >= 1; }
};

}  // namespace tumen::results
