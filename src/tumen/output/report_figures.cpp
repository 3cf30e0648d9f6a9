// The figures of a design point by metric name, and readers' names for metrics (see
// detail/report_parts.hpp).
#include <fmt/format.h>
#include <cmath>

#include "detail/report_parts.hpp"
#include "tumen/stats/interval.hpp"
#include "tumen/stats/tally.hpp"

namespace tumen::output::detail {

nlohmann::json number(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
}

metric_table::metric_table(const report_point& p, double confidence) {
  replications_ = p.replications.size();
  for (const auto& rep : p.replications)
    for (const auto& [name, value] : rep) {
      auto [it, inserted] = values_.try_emplace(name);
      if (inserted) order_.push_back(name);
      it->second.push_back(value);
    }
  for (const auto& row : p.summary) {
    if (!values_.count(row.name)) order_.push_back(row.name);
    rows_[row.name] = row;
  }
  // Intervals not stored are worked out from the replications (runs just made, or a database
  // written before its summaries).
  for (const auto& [name, vals] : values_) {
    if (rows_.count(name)) continue;
    stats::tally t;
    for (double v : vals)
      if (std::isfinite(v)) t.add(v);
    if (!t.has_data()) continue;
    const auto ci = stats::t_interval(t, confidence);
    results::interval_row r;
    r.name = name;
    r.mean = ci.mean;
    r.half_width = ci.half_width;
    r.low = ci.low;
    r.high = ci.high;
    r.n = ci.n;
    r.min = t.min();
    r.max = t.max();
    rows_[name] = r;
  }
}

const results::interval_row* metric_table::find(const std::string& name) const {
  auto it = rows_.find(name);
  return it == rows_.end() ? nullptr : &it->second;
}

double metric_table::mean_or(const std::string& name, double fallback) const {
  const auto* r = find(name);
  return r && std::isfinite(r->mean) ? r->mean : fallback;
}

const std::vector<double>& metric_table::values(const std::string& name) const {
  static const std::vector<double> none;
  auto it = values_.find(name);
  return it == values_.end() ? none : it->second;
}

nlohmann::json interval_json(const results::interval_row* row) {
  if (!row) return nullptr;
  return {{"mean", number(row->mean)},
          {"low", number(row->low)},
          {"high", number(row->high)},
          {"half_width", number(row->half_width)},
          {"n", row->n}};
}

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string statistic_label(const std::string& stat) {
  if (stat == "mean") return "mean";
  if (stat == "max") return "maximum";
  if (stat == "p50") return "median";
  if (stat.size() == 3 && stat[0] == 'p') return stat.substr(1) + "th percentile";
  return stat;
}

template <class T>
std::string name_of(const std::vector<T>& items, const std::string& id) {
  for (const auto& x : items)
    if (x.id == id) return x.name.empty() ? x.id : x.name;
  return id;
}

}  // namespace

std::string metric_unit(const std::string& name) {
  if (name.find(".hourly.") != std::string::npos) {
    if (name.find(".wait_mean.") != std::string::npos) return "s";
    if (name.find(".utilisation.") != std::string::npos) return "share";
    return "";
  }
  if (ends_with(name, "utilisation")) return "share";
  for (const char* part : {"wait", "time_in_system", "service", "transfer"})
    if (name.find(part) != std::string::npos && name.find("waited_outside") == std::string::npos)
      return "s";
  return "";
}

std::string metric_label(const std::string& name, const scenario::scenario* sc) {
  static const std::map<std::string, std::string> top = {
      {"vehicles_per_day", "Vehicles cleared a day"},
      {"persons_per_day", "Persons cleared a day"},
      {"tonnes_per_day", "Tonnes cleared a day"},
      {"vehicles_inside_at_end", "Vehicles inside at the end"},
      {"peak_vehicles_inside", "Most vehicles inside at once"},
      {"saturated", "Stopped early (share of replications)"},
      {"max_wait_p95", "Longest wait, 95th percentile (worst stage)"},
      {"max_wait_mean", "Longest mean wait (worst stage)"},
      {"max_utilisation", "Highest utilisation (busiest stage)"},
  };
  if (auto it = top.find(name); it != top.end()) return it->second;
  const auto dot = name.find('.');
  if (dot == std::string::npos) return name;
  const std::string kind = name.substr(0, dot);
  std::string rest = name.substr(dot + 1);
  // The element id is the longest prefix of `rest` that names an element (ids may hold dots
  // only in hand-made scenarios; the usual case is the first part).
  auto split_id = [&](auto& items) -> std::pair<std::string, std::string> {
    for (const auto& x : items)
      if (rest.size() > x.id.size() && rest.compare(0, x.id.size(), x.id) == 0 &&
          rest[x.id.size()] == '.')
        return {x.id, rest.substr(x.id.size() + 1)};
    const auto d = rest.find('.');
    return {rest.substr(0, d), d == std::string::npos ? "" : rest.substr(d + 1)};
  };
  auto figure = [](const std::string& what) {
    const auto d = what.rfind('.');
    if (d == std::string::npos) {
      std::string s = what;
      for (auto& c : s)
        if (c == '_') c = ' ';
      return s;
    }
    std::string base = what.substr(0, d);
    for (auto& c : base)
      if (c == '_') c = ' ';
    return base + ", " + statistic_label(what.substr(d + 1));
  };
  std::string element, what;
  std::string display;
  if (kind == "stage" || kind == "holding" || kind == "yard") {
    if (sc) {
      if (kind == "stage") std::tie(element, what) = split_id(sc->stages);
      if (kind == "holding") std::tie(element, what) = split_id(sc->holding);
      if (kind == "yard") std::tie(element, what) = split_id(sc->yards);
      display = kind == "stage"     ? name_of(sc->stages, element)
                : kind == "holding" ? name_of(sc->holding, element)
                                    : name_of(sc->yards, element);
    } else {
      const auto d = rest.find('.');
      element = rest.substr(0, d);
      what = d == std::string::npos ? "" : rest.substr(d + 1);
      display = element;
    }
    if (what.empty()) return display;
    if (what == "wait" || what == "queue_mean" || what == "queue_max" || what == "utilisation" ||
        what == "served" || what == "abandoned" || what == "arrived" || what == "transfers" ||
        what == "tonnes_transferred" || what == "turned_away" || what == "occupancy_mean" ||
        what == "occupancy_max" || what == "open_lanes_mean" || what == "parking_max" ||
        what == "waited_outside") {
      std::string s = what;
      for (auto& c : s)
        if (c == '_') c = ' ';
      return display + " — " + s;
    }
    return display + " — " + figure(what);
  }
  if (kind == "flow") {
    // flow.<route>.<class>.<origin>.<figure>
    std::vector<std::string> parts;
    std::size_t from = 0;
    for (int i = 0; i < 3; ++i) {
      const auto d = rest.find('.', from);
      if (d == std::string::npos) return name;
      parts.push_back(rest.substr(from, d - from));
      from = d + 1;
    }
    const std::string cls = sc ? name_of(sc->classes, parts[1]) : parts[1];
    std::string label = cls + " (" + parts[0] + (parts[2] == "demand" ? "" : ", " + parts[2]) + ")";
    return label + " — " + figure(rest.substr(from));
  }
  return name;
}

}  // namespace tumen::output::detail
