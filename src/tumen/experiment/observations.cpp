// Reading observed hourly series from CSV text (see tumen/experiment/observations.hpp).
#include "tumen/experiment/observations.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>

#include "detail/text.hpp"
#include "tumen/base/csv_text.hpp"
#include "tumen/base/error.hpp"
#include "tumen/results/metric_units.hpp"

namespace tumen::experiment {

namespace {

source_location at(std::string_view file, const csv_cell& c, std::string_view column) {
  source_location w{std::string(file), c.line, c.column};
  w.note = fmt::format("column \"{}\"", column);
  return w;
}

}  // namespace

std::vector<observed_series> read_observations(std::string_view text,
                                               std::string_view source_name) {
  const auto doc = parse_csv(text, source_name);
  diagnostics problems;
  const source_location file{std::string(source_name), 1, 1};
  const auto series_col = doc.column("series");
  const auto hour_col = doc.column("hour");
  const auto value_col = doc.column("value");
  const auto unit_col = doc.column("unit");
  std::string there;
  for (const auto& h : doc.header) there += (there.empty() ? "" : ", ") + h.text;
  for (const auto& [name, col] : {std::pair{"series", series_col}, std::pair{"hour", hour_col},
                                  std::pair{"value", value_col}})
    if (!col)
      problems.error(file, "", fmt::format("has no column \"{}\" (its columns: {})", name, there),
                     "a header series,hour,value[,unit]");
  if (problems.has_errors()) throw input_error(problems);

  std::vector<observed_series> out;
  std::map<std::string, std::size_t> index;
  std::map<std::pair<std::string, int>, int> seen;  // (series, hour) → line
  for (const auto& row : doc.rows) {
    const auto& sc = row[*series_col];
    const auto& hc = row[*hour_col];
    const auto& vc = row[*value_col];
    bool ok = true;
    if (sc.text.empty()) {
      problems.error(at(source_name, sc, "series"), "", "is empty",
                     "an hourly series such as stage.general.hourly.wait_mean");
      ok = false;
    }
    const auto hour = detail::parse_number(hc.text);
    if (!hour || *hour != std::floor(*hour) || *hour < 0 || *hour > 23) {
      problems.error(at(source_name, hc, "hour"), "",
                     fmt::format("must be a whole hour 0 … 23, got \"{}\"", hc.text),
                     "0 for 00:00–01:00 … 23 for 23:00–24:00");
      ok = false;
    }
    const auto value = detail::parse_number(vc.text);
    if (!value) {
      problems.error(at(source_name, vc, "value"), "",
                     fmt::format("must be a number, got \"{}\"", vc.text));
      ok = false;
    }
    const bool duration = results::is_duration_metric(sc.text + ".hourly.00") ||
                          results::is_duration_metric(sc.text + ".00");
    double unit_seconds = 1;
    std::string unit;
    if (unit_col) {
      const auto& uc = row[*unit_col];
      unit = uc.text;
      if (duration) {
        if (unit == "min")
          unit_seconds = 60;
        else if (unit == "h")
          unit_seconds = 3600;
        else if (!unit.empty() && unit != "s") {
          problems.error(at(source_name, uc, "unit"), "",
                         fmt::format("\"{}\" is not a unit of time", unit), "s, min or h");
          ok = false;
        }
      } else if (!unit.empty()) {
        problems.error(at(source_name, uc, "unit"), "",
                       fmt::format("{} is a count, not a time: no unit", sc.text),
                       "leave the unit empty");
        ok = false;
      }
    }
    if (duration && value && *value < 0) {
      problems.error(at(source_name, vc, "value"), "",
                     fmt::format("a time cannot be negative, got {}", vc.text));
      ok = false;
    }
    if (!ok) continue;
    const int h = static_cast<int>(*hour);
    if (const auto [it, fresh] = seen.emplace(std::pair{sc.text, h}, sc.line); !fresh) {
      problems.error(
          at(source_name, hc, "hour"), "",
          fmt::format("{} at hour {} is given twice (first on line {})", sc.text, h, it->second),
          "each series and hour once");
      continue;
    }
    auto [it, fresh] = index.emplace(sc.text, out.size());
    if (fresh) {
      out.push_back({});
      out.back().series = sc.text;
      out.back().unit = unit.empty() && duration ? "s" : unit;
      out.back().unit_seconds = unit_seconds;
      out.back().where = at(source_name, sc, "series");
    }
    auto& s = out[it->second];
    s.hours.push_back(h);
    s.values.push_back(*value * unit_seconds);
  }
  if (problems.has_errors()) throw input_error(problems);
  if (out.empty())
    throw input_error([&] {
      diagnostics d;
      d.error(file, "", "holds no observations", "rows series,hour,value[,unit]");
      return d;
    }());
  for (auto& s : out) {
    std::vector<std::size_t> order(s.hours.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return s.hours[a] < s.hours[b]; });
    std::vector<int> hours;
    std::vector<double> values;
    for (auto i : order) {
      hours.push_back(s.hours[i]);
      values.push_back(s.values[i]);
    }
    s.hours = std::move(hours);
    s.values = std::move(values);
  }
  return out;
}

}  // namespace tumen::experiment
