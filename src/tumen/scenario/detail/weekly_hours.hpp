// Two readers shared by the road and rail builders: a field for a key found while iterating a
// table, and the weekly opening hours of an element.
//
// An element's hours come from three keys: `hours` (every open day, e.g. "08:00-20:00"), `days`
// (which weekdays it opens, e.g. ["mon", "tue", "wed", "thu", "fri"]; all by default) and
// `hours_by_day` (a day's own hours, e.g. { sat = "09:00-13:00" }, which win over the other two).
#pragma once

#include "tumen/scenario/detail/toml_access.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::scenario::detail {

// A field for a value found while iterating a table (located at `fallback` when the value has
// no position of its own).
field located_item(toml_access& a, const toml::key& k, const toml::node& v, const key_path& parent,
                   const source_location& fallback);
// The opening hours of an element from its `hours`, `days` and `hours_by_day` keys.
weekly_hours read_weekly_hours(toml_access& a, const entry& e);

}  // namespace tumen::scenario::detail
