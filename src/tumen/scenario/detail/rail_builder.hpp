// Reading and validating the rail sections of a scenario: [rail_bridges.ID], [rail_stations.ID],
// [gauge_change.ID], [train_kinds.ID], [rail_routes.ID] and [[trains]] (see scenario.hpp, "Rail").
//
// Called by the scenario builder once the road sections are read, so that sides are known and rail
// ids can be checked against road element ids. Problems go to the access's diagnostics with
// file:line:col and key path, like every other section.
#pragma once

#include <string>
#include <vector>

#include "tumen/scenario/detail/toml_access.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::scenario::detail {

// Fills sc's rail vectors. `road_element_ids` are the ids of links, holding areas, stages and
// yards, which rail element ids may not repeat.
void build_rail(const toml::table& root, toml_access& access, scenario& sc,
                const std::vector<std::string>& road_element_ids);

}  // namespace tumen::scenario::detail
