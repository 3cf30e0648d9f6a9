// Targets: the conditions a decision search must meet, such as "p95_wait <= 2 h".
//
// A target is written METRIC OP VALUE [UNIT]:
//
//   METRIC  a named scalar (tumen/experiment/metrics.hpp), or one of the aliases
//           p95_wait → max_wait_p95, mean_wait → max_wait_mean, utilisation → max_utilisation
//           (the worst stage or yard of the crossing);
//   OP      <=, <, >= or >;
//   VALUE   for a metric measured in seconds (waits, times in system, service and transfer
//           times) a time with its unit: "2 h", "30 min", "45 s"; for any other metric a bare
//           number ("0.85", "300").
//
//   auto t = tumen::experiment::parse_target("p95_wait <= 2 h");   // max_wait_p95 ≤ 7200 s
//   auto o = tumen::experiment::assess(t, summary.at(t.metric));
//   if (o.met) ...
//
// Met with stated confidence. A target is met when the whole confidence interval of the metric's
// across-replication mean (Student t, by default 95%, see summary.hpp) lies on the right side of
// the bound: for <= and < its upper end must be ≤ (<) the bound, for >= and > its lower end must
// be ≥ (>) the bound. With a two-sided 95% interval, each end is a one-sided 97.5% confidence
// bound: a target reported as met is met by the true mean with at least 97.5% confidence (per
// target and design point; no correction for multiple comparisons). A target estimated from a
// single replication has no interval and is never met.
//
// Bad targets are input errors naming the target, the part that is wrong and what is valid.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tumen/results/interval_rows.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::experiment {

enum class comparison { less_equal, less, greater_equal, greater };

std::string_view symbol(comparison op);  // "<=", "<", ">=", ">"

struct target {
  std::string text;     // as written, for messages and reports
  std::string written;  // the metric as written, before aliases
  std::string metric;   // the metric name after aliases
  comparison op = comparison::less_equal;
  double bound = 0;       // in base units: seconds for a duration metric
  bool duration = false;  // the metric is measured in seconds

  // True for <= and <: the target caps the metric from above.
  bool upper() const { return op == comparison::less_equal || op == comparison::less; }
};

// Parses one target. Throws tumen::input_error (file "--target") saying which part is wrong.
target parse_target(std::string_view text);

// Parses every target, reporting every bad one in one input_error.
std::vector<target> parse_targets(const std::vector<std::string>& texts);

// How a target fares against the across-replication interval of its metric.
struct target_outcome {
  std::string metric;  // the metric assessed (for hourly targets, that hour's metric)
  results::interval_row estimate;
  double compared = 0;  // the end of the interval held against the bound
  bool met = false;
};

// `row` is the metric's interval; its name is the metric reported.
target_outcome assess(const target& t, const results::interval_row& row);

// A target and the metric it is held against (which may differ from target.metric, as in the
// hour-by-hour staffing targets).
struct target_metric {
  const target* t = nullptr;
  std::string metric;
};

// Throws tumen::input_error for every target whose metric is not among `known` (the names a
// replication of the scenario produced), suggesting the closest known names.
void check_metrics_known(const std::vector<target_metric>& wanted,
                         const std::vector<std::string>& known);

// The same before running anything: every metric a replication of `sc` can report, from its
// stages, holding areas and yards. Flow metrics (flow.…), which depend on what happens, are let
// through here and checked against the first evaluation's figures.
void check_metrics_known(const std::vector<target_metric>& wanted, const scenario::scenario& sc);

}  // namespace tumen::experiment
