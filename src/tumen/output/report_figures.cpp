// The figures of a design point by metric name, and readers' names for metrics (see
// detail/report_parts.hpp).
#include <fmt/format.h>
#include <cmath>

#include "detail/report_parts.hpp"
#include "tumen/results/metric_name.hpp"
#include "tumen/results/metric_units.hpp"
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
    rows_[name] = results::interval_of(name, t, confidence);
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

using results::element_kind;
using results::metric_name;
using results::statistic;

std::string statistic_label(statistic s) {
  switch (s) {
    case statistic::mean: return "mean";
    case statistic::max: return "maximum";
    case statistic::p50: return "median";
    case statistic::p90: return "90th percentile";
    case statistic::p95: return "95th percentile";
    case statistic::p99: return "99th percentile";
    case statistic::none: break;
  }
  return "";
}

std::string spaced(std::string_view word) {
  std::string s(word);
  for (auto& c : s)
    if (c == '_') c = ' ';
  return s;
}

// "wait, 95th percentile", "queue mean", "hourly.wait mean, 07".
std::string figure_label(const metric_name& m) {
  if (m.hour) return fmt::format("hourly.{}, {:02}", spaced(results::to_string(m.figure)), *m.hour);
  std::string s = spaced(results::to_string(m.figure));
  if (m.statistic != statistic::none) s += ", " + statistic_label(m.statistic);
  return s;
}

}  // namespace

std::string metric_unit(const std::string& name) {
  const auto m = results::parse_metric_name(name);
  if (!m) return results::is_duration_metric(name) ? "s" : "";
  switch (m->unit()) {
    case results::metric_unit::seconds: return "s";
    case results::metric_unit::share: return "share";
    default: return "";
  }
}

std::string metric_label(const std::string& name, const scenario::scenario* sc) {
  static const std::map<results::figure, std::string> top = {
      {results::figure::vehicles_per_day, "Vehicles cleared a day"},
      {results::figure::persons_per_day, "Persons cleared a day"},
      {results::figure::tonnes_per_day, "Tonnes cleared a day"},
      {results::figure::vehicles_inside_at_end, "Vehicles inside at the end"},
      {results::figure::peak_vehicles_inside, "Most vehicles inside at once"},
      {results::figure::saturated, "Saturated: a backlog grew (share of replications)"},
      {results::figure::stable_by_losing, "Stable only by losing vehicles (share of replications)"},
      {results::figure::stopped_early, "Stopped early (share of replications)"},
      {results::figure::max_wait_p95, "Longest wait, 95th percentile (worst stage)"},
      {results::figure::max_wait_mean, "Longest mean wait (worst stage)"},
      {results::figure::max_utilisation, "Highest utilisation (busiest stage)"},
  };
  const auto m = results::parse_metric_name(name);
  if (!m) return name;
  switch (m->kind) {
    case element_kind::crossing: {
      const auto it = top.find(m->figure);
      return it != top.end() ? it->second : name;
    }
    case element_kind::stage:
    case element_kind::holding:
    case element_kind::yard: {
      std::string display = m->id;
      if (sc)
        display = m->kind == element_kind::stage     ? display_name(sc->stages, m->id)
                  : m->kind == element_kind::holding ? display_name(sc->holding, m->id)
                                                     : display_name(sc->yards, m->id);
      return display + " — " + figure_label(*m);
    }
    case element_kind::flow: {
      const std::string cls = sc ? display_name(sc->classes, m->vehicle_class) : m->vehicle_class;
      return cls + " (" + m->route + (m->origin == "demand" ? "" : ", " + m->origin) + ") — " +
             figure_label(*m);
    }
    default: return name;
  }
}

}  // namespace tumen::output::detail
