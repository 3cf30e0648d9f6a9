// The terminal summary of a run: what a user reads first.
//
// Headline throughput (vehicles, persons, tonnes a day) against the design figures; trips by
// flow with their outcomes; per-stage waits, queues and utilisation; holding areas and yards;
// warnings. Apart from it, the offered load of every stage and yard with warnings where it is
// ≥ 1, from the rows the caller passes (the model works them out). Returns the text; the caller
// prints it.
//
//   std::cout << tumen::output::summary_text(sc, result);
//   std::cout << tumen::output::offered_load_text(tumen::model::offered_load(sc));
#pragma once

#include <string>
#include <vector>

#include "tumen/results/offered_load.hpp"
#include "tumen/results/replication_result.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::output {

// The offered-load table and its saturation warnings.
std::string offered_load_text(const std::vector<results::element_load>& loads);

std::string summary_text(const scenario::scenario& sc, const results::replication_result& r);

}  // namespace tumen::output
