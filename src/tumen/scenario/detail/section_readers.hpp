// The readers of the scenario's road sections, one per section, and the rules that span
// sections. Each takes the shared build_context (ids already collected, see build_context.hpp),
// reads its section into `cx.sc`, and reports every problem with file:line:col and key path to
// the context's access. The scenario builder calls them in the order they are declared here:
// a section may use what an earlier one read (closures check lanes against the links and stages
// read before; the cross checks need everything).
#pragma once

#include "tumen/scenario/detail/build_context.hpp"

namespace tumen::scenario::detail {

void read_header(build_context& cx);    // [scenario], [run], [design]
void read_sides(build_context& cx);     // [sides.ID]
void read_classes(build_context& cx);   // [classes.ID]
void read_links(build_context& cx);     // [links.ID]
void read_holding(build_context& cx);   // [holding.ID]
void read_stages(build_context& cx);    // [stages.ID]
void read_yards(build_context& cx);     // [yards.ID]
void read_routes(build_context& cx);    // [routes.ID]
void read_demand(build_context& cx);    // [[demand]]
void read_closures(build_context& cx);  // [[closures]]

// Branches between stages must not form a cycle.
void check_branches(build_context& cx);
// Transshipment (receiving classes, onward and empty-truck routes) must not lead back to a
// class on a route already passed: the cargo would never clear. Skipped when there are errors.
void check_transshipment(build_context& cx);
// Every class that can reach a stage has a service time and a lane there; unused classes,
// links, holding areas and yards are warned about. Skipped when there are errors already.
void check_reach(build_context& cx);

}  // namespace tumen::scenario::detail
