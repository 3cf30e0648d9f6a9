// Opening hours of an element and keys found while iterating a table (see
// detail/weekly_hours.hpp).
#include "tumen/scenario/detail/weekly_hours.hpp"

#include <array>
#include <optional>
#include <tuple>

#include <fmt/format.h>

namespace tumen::scenario::detail {

field located_item(toml_access& a, const toml::key& k, const toml::node& v, const key_path& parent,
                   const source_location& fallback) {
  field f{&v, child(parent, k.str()), a.where(k, v)};
  if (f.where.line == 0 && f.where.file == a.file()) f.where = fallback;
  return f;
}

void for_each_weekday(toml_access& a, const field& table,
                      const std::function<void(int, const field&)>& read) {
  if (!table.node || !table.node->is_table()) return;
  // Keys iterate in name order; the first of a day's keys in the file is the one kept (a key
  // set by an override, --set or a variant, counts as after the file's).
  const auto place = [&](const field& f) {
    return std::tuple{f.where.file != a.file(), f.where.line, f.where.column};
  };
  const auto at = [](const source_location& w) {
    if (w.line == 0) return w.file;
    return w.column > 0 ? fmt::format("{}:{}:{}", w.file, w.line, w.column)
                        : fmt::format("{}:{}", w.file, w.line);
  };
  std::array<std::optional<field>, 7> first;
  for (auto&& [k, v] : *table.node->as_table()) {
    const auto w = parse_weekday(k.str());
    if (!w) continue;
    const auto f = located_item(a, k, v, table.path, table.where);
    auto& kept = first[static_cast<std::size_t>(*w.value)];
    if (!kept || place(f) < place(*kept)) kept = f;
  }
  for (auto&& [k, v] : *table.node->as_table()) {
    const auto f = located_item(a, k, v, table.path, table.where);
    const auto w = parse_weekday(k.str());
    if (!w) {
      a.error(f.where, f.path, w.error, "mon, tue, wed, thu, fri, sat or sun");
      continue;
    }
    const auto& kept = *first[static_cast<std::size_t>(*w.value)];
    if (kept.path != f.path) {
      a.error(f.where, f.path,
              fmt::format("names the same day as \"{}\" at {}; give each day once",
                          kept.path.back(), at(kept.where)),
              "each weekday once, as mon … sun or monday … sunday (any case)");
      continue;
    }
    read(*w.value, f);
  }
}

weekly_hours read_weekly_hours(toml_access& a, const entry& e) {
  weekly_hours h;
  const auto base = a.hours(a.get(*e.table, e.path, e.where, "hours"))
                        .value_or(std::vector<time_interval>{{0, tumen::days}});
  std::array<bool, 7> open_day{true, true, true, true, true, true, true};
  const auto days = a.get(*e.table, e.path, e.where, "days");
  if (days.node) {
    if (const auto* arr = days.node->as_array()) {
      open_day.fill(false);
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const field f = a.element(days, i);
        if (const auto w = a.weekday(f)) open_day[static_cast<std::size_t>(*w)] = true;
      }
    } else {
      a.error(days.where, days.path,
              fmt::format("must be an array of weekdays, got {}", describe(*days.node)),
              "e.g. [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]");
    }
  }
  for (std::size_t d = 0; d < 7; ++d)
    if (open_day[d]) h.by_weekday[d] = base;
  const auto by_day = a.get(*e.table, e.path, e.where, "hours_by_day");
  a.table_or_empty(by_day);  // reports a value that is not a table
  for_each_weekday(a, by_day, [&](int day, const field& f) {
    if (const auto hours = a.hours(f)) h.by_weekday[static_cast<std::size_t>(day)] = *hours;
  });
  return h;
}

}  // namespace tumen::scenario::detail
