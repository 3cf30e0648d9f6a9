// Readers shared by the road and rail builders: a field for a key found while iterating a
// table, a table keyed by weekday, and the weekly opening hours of an element.
//
// An element's hours come from three keys: `hours` (every open day, e.g. "08:00-20:00"), `days`
// (which weekdays it opens, e.g. ["mon", "tue", "wed", "thu", "fri"]; all by default) and
// `hours_by_day` (a day's own hours, e.g. { sat = "09:00-13:00" }, which win over the other two).
#pragma once

#include <functional>

#include "tumen/scenario/detail/toml_access.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::scenario::detail {

// A field for a value found while iterating a table (located at `fallback` when the value has
// no position of its own).
field located_item(toml_access& a, const toml::key& k, const toml::node& v, const key_path& parent,
                   const source_location& fallback);
// Reads a table keyed by weekday (hours_by_day, weekday_factors): calls `read(day, value)` for
// each key that names a day (0 = Monday; "mon" … "sun" or "monday" … "sunday", any case). A key
// that names no day, or a day another key of the table names too ("sat" and "Saturday"), is
// reported (the second with both places) and skipped, so that no spelling silently wins.
void for_each_weekday(toml_access& a, const field& table,
                      const std::function<void(int, const field&)>& read);
// The opening hours of an element from its `hours`, `days` and `hours_by_day` keys.
weekly_hours read_weekly_hours(toml_access& a, const entry& e);

}  // namespace tumen::scenario::detail
