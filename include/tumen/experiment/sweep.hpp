// Sweeps: a scenario run over a grid of design points, with common random numbers.
//
// Each `--vary key.path=VALUES` gives one design variable and its values, either listed
// (`stages.ru_xray.lanes=1,2,3`, values are TOML as in --set; commas inside brackets, braces,
// parentheses or quotes do not split: `stages.x.service=tri(1 min, 2 min, 4 min),exp(mean 3 min)`)
// or as an inclusive numeric range `start:stop:step` (`demand.scale=0.5:2:0.25` gives 0.5, 0.75,
// …, 2; the stop is included when it is within a millionth of a step of the grid). The grid is
// the cartesian product of the variables in the order given: the first variable changes
// slowest.
//
// A point's scenario is the base scenario read with the run's own overrides (--variant, --set)
// and then the point's values, so it is validated exactly like a --set. The units of work are
// (point, replication) pairs; replication k runs with the same master seed and replication
// number k at every point, so it draws the same random streams everywhere (common random numbers):
// differences between points come from the design, not from sampling noise.
//
//   auto vars = tumen::experiment::parse_vary({"stages.ru_xray.lanes=1,2",
//   "demand.scale=1:2:0.5"}); tumen::experiment::sweep_plan plan({text, "crossing.toml", {}, {},
//   vars, 10}); for (std::size_t u = 0; u < plan.unit_count(); ++u) store(plan.unit_at(u),
//   plan.run_unit(u));
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/experiment/metrics.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/scenario/reader.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::experiment {

// One design variable: a scenario key path (as in --set) and the values it takes, in order.
struct sweep_variable {
  std::string key;
  std::vector<std::string> values;  // TOML text, as a --set value
};

// Parses one "key=v1,v2,…" or "key=start:stop:step". Throws tumen::input_error (file "--vary").
sweep_variable parse_variable(std::string_view text);
// Every --vary at once: all problems reported together, and a key given twice is an error.
std::vector<sweep_variable> parse_vary(const std::vector<std::string>& texts);

// The most points a grid may have (a typo like 0:1000:0.001 should not start a week-long run).
inline constexpr std::size_t max_sweep_points = 100000;

// A point of the grid: one (key, value) per variable, in the order of the variables.
struct design_point {
  std::vector<scenario::override_spec> values;
  std::string label() const;  // "key=value, key=value"
};

// The cartesian product, first variable outermost. No variables: one point with no values.
// Throws tumen::input_error when it would exceed max_sweep_points.
std::vector<design_point> full_grid(const std::vector<sweep_variable>& variables);

struct sweep_definition {
  std::string scenario_text;
  std::string scenario_source;                // the name to report problems under
  std::vector<scenario::override_spec> sets;  // --set, applied before the point's values
  std::optional<std::string> variant;
  std::vector<sweep_variable> variables;
  std::size_t replications = 1;
  std::uint64_t first_replication = 0;
  std::optional<std::uint64_t> seed;  // default: each point's run.seed
  // Each replication's memory budget (bytes; 0: none): see model::run_options.
  std::size_t memory_budget = model::run_options::default_memory_budget;
};

// One unit of work.
struct sweep_unit {
  std::size_t point = 0;
  std::uint64_t replication = 0;  // the replication number (first_replication + k)
};

// A sweep ready to run: the grid, and the validated scenario of every point.
class sweep_plan {
 public:
  // Reads the scenario at every point. Throws tumen::input_error carrying every problem of every
  // point (a problem shared by many points is reported once, naming how many); a key that is
  // both --set and --vary is an error. Warnings of the scenario are in warnings().
  explicit sweep_plan(sweep_definition definition);

  const sweep_definition& definition() const { return def_; }
  const std::vector<design_point>& points() const { return points_; }
  const scenario::scenario& scenario_at(std::size_t point) const { return scenarios_[point]; }
  const diagnostics& warnings() const { return warnings_; }

  // Units are numbered point-major: unit u is replication u % R of point u / R.
  std::size_t unit_count() const { return points_.size() * def_.replications; }
  sweep_unit unit_at(std::size_t u) const;
  std::size_t unit_index(std::size_t point, std::uint64_t replication) const;

  // The master seed of point p: --seed, else the point's run.seed.
  std::uint64_t seed_at(std::size_t point) const;

  // Canonical text of everything that defines the results (not the scenario text, which is
  // hashed separately): variables and values, overrides, variant, seed, replications. Two
  // invocations with the same definition give the same text (the --resume key).
  std::string design_key() const;

  // Runs unit u (thread-safe: the plan is only read) and returns every named scalar of the
  // replication, hourly series included. When `stop` is set, throws tumen::stopped
  // (tumen/base/stop.hpp) instead, before or during the replication.
  std::vector<named_value> run_unit(std::size_t u, const std::atomic<bool>* stop = nullptr) const;

 private:
  sweep_definition def_;
  std::vector<design_point> points_;
  std::vector<scenario::scenario> scenarios_;
  diagnostics warnings_;
};

// Checks metric names against what a replication of `sc` reports (see metrics.hpp): headline
// names and the figures of its stages, holding areas and yards exactly, flows by their route and
// class ids, rail figures not at all (they depend on the run). Throws tumen::input_error listing
// every unknown name with suggestions.
void check_metric_names(const scenario::scenario& sc, const std::vector<std::string>& names);

}  // namespace tumen::experiment
