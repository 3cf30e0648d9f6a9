// Internals of the report document (see tumen/output/report.hpp), shared by report*.cpp:
// the figures of one design point by name, the crossing's layout, labels, and the words.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tumen/output/report.hpp"
#include "tumen/results/interval_rows.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::output::detail {

// JSON for a number: null when it is not finite (NaN, or the infinite half-width of a single
// replication), so the page never sees a value JSON cannot hold.
nlohmann::json number(double x);

// The figures of one point: each metric's interval and its value in each replication.
class metric_table {
 public:
  metric_table(const report_point& p, double confidence);

  const results::interval_row* find(const std::string& name) const;
  double mean_or(const std::string& name, double fallback) const;
  // Each replication's value of `name` (empty when not stored).
  const std::vector<double>& values(const std::string& name) const;
  std::size_t replications() const { return replications_; }
  // Every metric name, in the order first stored.
  const std::vector<std::string>& names() const { return order_; }

 private:
  std::map<std::string, results::interval_row> rows_;
  std::map<std::string, std::vector<double>> values_;
  std::vector<std::string> order_;
  std::size_t replications_ = 0;
};

// {mean, low, high, half_width, n}; null fields where not finite; null if `row` is null.
nlohmann::json interval_json(const results::interval_row* row);

// A short name for a side ("Russia — checkpoint Khasan" → "Russia").
std::string short_side_name(const scenario::side& s);

// The directions of travel (routes grouped by from → to side) and the stages and yards each
// passes, in path order; elements passed in more than one direction form the last group.
struct direction_group {
  std::string id, label;
  std::vector<std::string> stages, yards;
};
std::vector<direction_group> direction_groups(const scenario::scenario& sc);

// The crossing's structure for the page's layout (see docs/report.md, "scenario").
nlohmann::json layout_json(const scenario::scenario& sc);

// A reader's name for a metric ("stage.ru_xray.wait.p95" → "RU customs: X-ray — wait, 95th
// percentile") and its unit: "s" (durations), "share" (0–1), or "" (counts and rates).
std::string metric_label(const std::string& name, const scenario::scenario* sc);
std::string metric_unit(const std::string& name);

// The sentences at the top of the page and the warnings, for the point the page details.
struct words {
  std::vector<std::string> summary;
  nlohmann::json warnings = nlohmann::json::array();  // [{level, element, text}]
};
words summary_and_warnings(const report_input& in, const scenario::scenario* sc,
                           const metric_table& figures, int point);

// The name a reader knows an element (stage, yard, class, …) by: its `name`, else its id; the id
// itself when the scenario has no such element.
template <class T>
std::string display_name(const std::vector<T>& items, const std::string& id) {
  for (const auto& x : items)
    if (x.id == id) return x.name.empty() ? x.id : x.name;
  return id;
}

}  // namespace tumen::output::detail
