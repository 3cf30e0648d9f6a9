// Saturation at a design point: how many of its replications' verdicts (results/verdict.hpp)
// said an element could not keep up, and which elements those were.
//
// A decision never calls a design good when its queues grow without bound: a capacity or staffing
// search treats a point with any saturated replication (or one stopped by run.max_vehicles_inside)
// as failing its upper targets, whatever the waits of the vehicles that were served say, and
// names the elements that saturated so the planner sees why the point failed.
//
//   auto s = tumen::experiment::assess_saturation(runs);
//   if (s.fails()) fmt::print("{}\n", tumen::experiment::describe(s));
//       // "saturated in 3 of 10 replications: stage ru_customs (truck) in 3, +210 a day"
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tumen/results/replication_result.hpp"

namespace tumen::experiment {

// One element (or lane group) that saturated in some replications of a point.
struct saturated_element {
  std::string kind;              // "stage" | "holding" | "yard"
  std::string element;           // its id
  std::string lane_group;        // the classes of its lane group; empty for the element as a whole
  std::size_t replications = 0;  // in how many replications it saturated
  double growth_per_day = 0;     // its backlog growth, vehicles a day, mean over those
};

struct point_saturation {
  std::size_t replications = 0;
  std::size_t saturated = 0;                // replications whose verdict is saturated
  std::size_t losing = 0;                   // replications stable only by losing vehicles
  std::size_t capped = 0;                   // replications stopped by run.max_vehicles_inside
  std::size_t failing = 0;                  // replications saturated or capped (each counted once)
  std::vector<saturated_element> elements;  // most often saturated first, then by name

  // The share of replications whose verdict is saturated (0 without replications).
  double share() const;
  // True when a decision must not count the point as meeting its targets.
  bool fails() const { return failing > 0; }
};

point_saturation assess_saturation(const std::vector<results::replication_result>& runs);

// One line saying why the point fails (empty when it does not): how many replications
// saturated, which elements, in how many of them and how fast their backlog grew, and how many
// hit the safety cap.
std::string describe(const point_saturation& s);

}  // namespace tumen::experiment
