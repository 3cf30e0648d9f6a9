// Offered load: how busy each stage and yard will be, worked out before simulating.
//
// For each stage: the expected vehicles a day that reach it (demand along routes, branch shares,
// receiving and empty trucks from yards), times their mean service time, divided by the
// lane-seconds the stage is open in a day (lanes × opening hours, lane schedules applied),
// averaged over the week. ρ ≥ 1 means the queue will grow without bound: more work arrives
// than the open lanes can do. Yards likewise with transfer time and bays. The rows are plain
// results data (tumen/results/offered_load.hpp), rendered by the output layer.
//
//   for (const auto& l : tumen::model::offered_load(sc))
//     if (l.saturated()) warn(l.element, l.rho);
#pragma once

#include <vector>

#include "tumen/results/offered_load.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::model {

std::vector<results::element_load> offered_load(const scenario::scenario& sc);

}  // namespace tumen::model
