// Building the `scenario` structs from a parsed (and overridden) TOML tree, checking every
// value and every cross-reference on the way. Problems go to the toml_access's diagnostics; the
// returned scenario is only meaningful when there were no errors.
#pragma once

#include "tumen/scenario/detail/toml_access.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::scenario::detail {

scenario build_model(const toml::table& root, toml_access& access);

// Shared by the section readers: a field for a value found while iterating a table (located at
// `fallback` when the value has no position of its own), and the opening hours of an element
// from its `hours`, `days` and `hours_by_day` keys.
field located_item(toml_access& a, const toml::key& k, const toml::node& v, const key_path& parent,
                   const source_location& fallback);
weekly_hours read_weekly_hours(toml_access& a, const entry& e);

}  // namespace tumen::scenario::detail
