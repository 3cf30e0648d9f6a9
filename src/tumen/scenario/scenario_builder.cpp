// Building and validating a scenario section by section (see detail/scenario_builder.hpp).
//
// Order matters only for references: every id is collected first, so a stage may name a stage
// defined further down, a yard a route, a route any element. The rail sections come after the
// road's (their ids must not repeat the road's), and the rules that span sections (branch
// and transshipment cycles, which classes reach which stage) run last.
#include "tumen/scenario/detail/scenario_builder.hpp"

#include <utility>

#include "tumen/scenario/detail/build_context.hpp"
#include "tumen/scenario/detail/rail_builder.hpp"
#include "tumen/scenario/detail/section_readers.hpp"

namespace tumen::scenario::detail {

scenario build_scenario(const toml::table& root, toml_access& access) {
  build_context cx(root, access);
  read_header(cx);
  collect_ids(cx);
  read_sides(cx);
  read_classes(cx);
  read_links(cx);
  read_holding(cx);
  read_stages(cx);
  read_yards(cx);
  read_routes(cx);
  read_demand(cx);
  read_closures(cx);
  build_rail(cx.root, cx.access, cx.sc, cx.element_ids);
  check_branches(cx);
  check_transshipment(cx);
  check_reach(cx);
  return std::move(cx.sc);
}

}  // namespace tumen::scenario::detail
