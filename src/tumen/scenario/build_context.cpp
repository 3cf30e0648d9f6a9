// The section readers' shared state and the collection of every section's ids (see
// detail/build_context.hpp).
//
// The later of two definitions of an element id in the file is the one reported.
#include "tumen/scenario/detail/build_context.hpp"

#include <algorithm>
#include <climits>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "tumen/scenario/detail/weekly_hours.hpp"

namespace tumen::scenario::detail {

field build_context::item(const toml::key& k, const toml::node& v, const key_path& parent,
                          const source_location& fallback) {
  return located_item(access, k, v, parent, fallback);
}

namespace {

std::vector<std::string> ids_of(const std::vector<entry>& es) {
  std::vector<std::string> out;
  for (const auto& e : es) out.push_back(e.id);
  return out;
}

}  // namespace

void collect_ids(build_context& cx) {
  cx.side_entries = cx.access.id_entries(cx.top("sides"));
  const auto classes = cx.top("classes");
  cx.class_entries = cx.access.id_entries(classes);
  if (classes.node && classes.node->is_table() && cx.class_entries.empty())
    cx.access.error(classes.where, classes.path, "defines no class", "at least one [classes.ID]");
  cx.link_entries = cx.access.id_entries(cx.top("links"));
  cx.holding_entries = cx.access.id_entries(cx.top("holding"));
  cx.stage_entries = cx.access.id_entries(cx.top("stages"));
  cx.yard_entries = cx.access.id_entries(cx.top("yards"));
  const auto routes = cx.top("routes");
  cx.route_entries = cx.access.id_entries(routes);
  if (routes.node && routes.node->is_table() && cx.route_entries.empty())
    cx.access.error(routes.where, routes.path, "defines no route", "at least one [routes.ID]");
  cx.side_ids = ids_of(cx.side_entries);
  cx.class_ids = ids_of(cx.class_entries);
  cx.stage_ids = ids_of(cx.stage_entries);
  cx.route_ids = ids_of(cx.route_entries);

  // Links, holding areas, stages and yards share one namespace: a route names them by id.
  // The later definition in the file is the one reported.
  struct candidate {
    const entry* e;
    std::string_view section;
    element_ref ref;
  };
  std::vector<candidate> all;
  const auto add = [&](const std::vector<entry>& es, std::string_view section, element_kind kind) {
    for (std::size_t i = 0; i < es.size(); ++i)
      all.push_back({&es[i], section, {kind, static_cast<int>(i)}});
  };
  add(cx.link_entries, "links", element_kind::link);
  add(cx.holding_entries, "holding", element_kind::holding);
  add(cx.stage_entries, "stages", element_kind::stage);
  add(cx.yard_entries, "yards", element_kind::yard);
  const auto rank = [](const candidate& c) {
    return std::pair{c.e->where.line > 0 ? c.e->where.line : INT_MAX, c.e->where.column};
  };
  std::stable_sort(all.begin(), all.end(),
                   [&](const auto& x, const auto& y) { return rank(x) < rank(y); });
  std::map<std::string, std::string_view> seen;  // id → section
  for (const auto& c : all) {
    const auto& e = *c.e;
    if (e.id == "all") {
      cx.access.error(e.where, e.path,
                      "\"all\" is reserved (closures use it for the whole crossing)", "another id");
      continue;
    }
    if (const auto it = seen.find(e.id); it != seen.end()) {
      cx.access.error(
          e.where, e.path,
          fmt::format("the id \"{}\" is already used by [{}.{}]; routes name links, holding "
                      "areas, stages and yards by id, so each id may be used once",
                      e.id, it->second, e.id),
          "a different id");
      continue;
    }
    seen.emplace(e.id, c.section);
    cx.element_ids.push_back(e.id);
    cx.element_refs.push_back(c.ref);
  }
}

}  // namespace tumen::scenario::detail
