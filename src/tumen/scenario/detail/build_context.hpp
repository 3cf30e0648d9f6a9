// The state the scenario's section readers share while they build one scenario: the parsed
// tree and its located access, the scenario being filled, and the entries and ids of every
// section, collected before any section is read so that a section may name an element defined
// further down the file (a stage a later stage, a yard a route, a route any element).
//
// Links, holding areas, stages and yards share one namespace of element ids (routes and closures
// name them by id); `element_ids` and `element_refs` list it, in file order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/scenario/detail/toml_access.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::scenario::detail {

// The most lanes (bays, crews) an element may have.
inline constexpr std::int64_t max_lanes = 10'000;

struct build_context {
  build_context(const toml::table& root_table, toml_access& a)
      : root(root_table), access(a), root_where{a.file(), 0, 0} {}

  const toml::table& root;
  toml_access& access;
  source_location root_where;
  scenario sc;

  std::vector<entry> side_entries, class_entries, link_entries, holding_entries, stage_entries,
      yard_entries, route_entries;
  std::vector<std::string> side_ids, class_ids, stage_ids, route_ids;
  std::vector<std::string> element_ids;
  std::vector<element_ref> element_refs;
  std::vector<field> next_fields;  // each stage's `next`, where a branch cycle is reported

  // A top-level section, a key of an entry, a key of any table.
  field top(std::string_view key) { return access.get(root, {}, root_where, key); }
  field get(const entry& e, std::string_view key) {
    return access.get(*e.table, e.path, e.where, key);
  }
  field get(const toml::table& t, const key_path& path, const source_location& w,
            std::string_view key) {
    return access.get(t, path, w, key);
  }
  // A field for a value found while iterating a table.
  field item(const toml::key& k, const toml::node& v, const key_path& parent,
             const source_location& fallback);
  // The element named by the entry's optional `key`, one of `ids` (`what` says which kind in a
  // message); nullopt when the key is absent, or reported and nullopt when it names none.
  std::optional<int> optional_reference(const entry& e, std::string_view key,
                                        const std::vector<std::string>& ids,
                                        std::string_view what) {
    const auto f = get(e, key);
    return f.node ? access.reference(f, ids, what) : std::nullopt;
  }
  // The entry's `name`, or its id.
  std::string name_or_id(const entry& e) { return access.string(get(e, "name")).value_or(e.id); }
  // A new element of the entry's section: its id, and its `name` or the id.
  template <class Element>
  Element named(const entry& e) {
    Element x;
    x.id = e.id;
    x.name = name_or_id(e);
    return x;
  }
};

inline int as_int(std::optional<std::int64_t> v, int fallback) {
  return v ? static_cast<int>(*v) : fallback;
}

// Fills the entries and ids of every section, and reports ids that are reserved or used twice
// in the shared element namespace.
void collect_ids(build_context& cx);

}  // namespace tumen::scenario::detail
