// Calibration: the values of a few scenario parameters that best reproduce observed hourly
// series, found by a derivative-free optimiser over simulations with common random numbers.
//
// A parameter is any scenario key that takes a plain number (`stages.general.service_scale`,
// `run.demand_scale`, `stages.x.rate_cv` …) with bounds. An evaluation sets the parameters by
// `--set`-style overrides, runs the same R replications (same seed, same replication numbers:
// common random numbers, so evaluations differ by their parameters, not by luck), and averages
// each observed series' simulated values over them. Observations at the held-out hours are left
// out of the objective and scored afterwards with the same figures, so a fit that only memorised
// the hours it saw shows it.
//
// The search (NLopt's BOBYQA, Sbplx for one parameter, in coordinates scaled to [0, 1]) runs in
// two stages: on log ratios ln((sim + c) / (obs + c)), then on residuals in units of each
// figure's spread across replications (weighted least squares; kept on log ratios when the model
// misfits far beyond its own noise). Up to two Gauss–Newton steps on residuals linearised over
// ±2 % of each range then smooth away the small-scale roughness common random numbers leave. A
// fitted value's standard error adds, in quadrature, the larger of the misfit's s² (JᵀJ)⁻¹ and
// the replications' own noise carried through (JᵀJ)⁻¹ (hour-to-hour correlation included), and
// the Gauss–Newton step still left; its interval is Student-t on n − p degrees of freedom.
// docs/calibration.md gives the details and the coverage measured against known truth.
//
// Evaluations are numbered in the order they run. `stored` lets a caller (the resumable command)
// hand back the replications of an evaluation it already holds: the optimiser is deterministic,
// so a resumed calibration asks for the same evaluations in the same order and gets the same
// answer as an uninterrupted one.
//
//   tumen::experiment::calibration_problem p{…};
//   auto r = tumen::experiment::calibrate(p, *executor, hooks);
//   r.parameters[0].value, r.parameters[0].std_error, r.series[0].fit.mae …
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tumen/experiment/executor.hpp"
#include "tumen/experiment/replications.hpp"
#include "tumen/results/sink.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::experiment {

// One parameter to fit: a scenario key taking a number, its bounds, and where to start.
struct fit_parameter {
  std::string key;
  double lo = 0, hi = 1;
  std::optional<double> start;  // default: the middle of the bounds
};

// Parses "KEY=LO..HI" or "KEY=LO..HI@START". Throws tumen::input_error (file `origin`).
fit_parameter parse_fit_parameter(std::string_view text, const std::string& origin = "--fit");

// An observed hourly series: a metric name without its hour ("stage.general.hourly.wait_mean"),
// the hours observed and the values in the metric's base unit (seconds for durations).
struct observed_series {
  std::string series;
  std::vector<int> hours;
  std::vector<double> values;
  std::string unit;         // the unit the observations were given in, for display ("min", "s", "")
  double unit_seconds = 1;  // base units per display unit (60 for min)
  source_location where;    // its first cell in the observations file, for messages
};

struct calibration_problem {
  std::string scenario_text;
  std::string scenario_source;
  std::vector<scenario::override_spec> sets;  // the user's --set, applied before the parameters
  std::optional<std::string> variant;
  std::vector<fit_parameter> parameters;
  std::vector<observed_series> observed;
  std::set<int> holdout_hours;  // hours scored but not fitted
  std::size_t replications = 4;
  std::uint64_t seed = 0;
  int max_evaluations = 40;
  std::size_t memory_budget = model::run_options::default_memory_budget;
};

// Checks before anything runs: every parameter's key takes a number within its bounds (the
// scenario is read at the lower and upper bounds), every observed series names an hourly metric
// of the scenario, and some observation is left to fit. Throws tumen::input_error listing every
// problem. Without `with_observations` (they could not be read), only the parameters and the
// scenario are checked.
void check_problem(const calibration_problem& p, bool with_observations = true);

// Why an evaluation ran.
enum class evaluation_role { search, refine, uncertainty };

struct evaluation {
  int index = 0;
  evaluation_role role = evaluation_role::search;
  std::vector<double> values;                   // the parameters, in their own units
  std::vector<std::vector<double>> simulated;   // per series, per observation (base units)
  std::vector<std::vector<double>> spread;      // their standard deviation across replications
  std::vector<std::vector<double>> replicates;  // per replication, every observation flattened
  double objective = 0;                         // mean squared residual, fitted hours
  bool from_store = false;                      // its replications came from `stored`
  bool weighted = false;  // its objective is in units of the spread (the weighted stage)
};

// How well one series is reproduced on a set of hours.
struct fit_figures {
  std::size_t n = 0;
  double mae = 0;          // mean |simulated − observed| (base units)
  double bias = 0;         // mean (simulated − observed)
  double correlation = 0;  // Pearson; NaN when either side is constant or n < 2
};

struct series_fit {
  std::string series;
  fit_figures fit;      // on the hours fitted
  fit_figures holdout;  // on the held-out hours (n = 0 when none)
};

struct fitted_parameter {
  std::string key;
  double value = 0;
  double std_error = 0;            // the larger of the two below; +infinity when not identifiable
  double std_error_residuals = 0;  // s² (JᵀJ)⁻¹: from the misfit, hours taken as independent
  double std_error_replications = 0;  // from the replications' spread (0 with one replication)
  double search_precision = 0;        // how far one more Gauss–Newton step would move the value
  double low = 0, high = 0;           // 95 % interval, clipped to the bounds
  bool at_bound = false;  // the optimum lies on a bound: the interval is one-sided at best
};

struct calibration_result {
  std::vector<fitted_parameter> parameters;
  double objective = 0;
  int best_evaluation = 0;
  std::vector<evaluation> history;
  std::vector<series_fit> series;
  std::string stop_reason;  // why the optimiser stopped, in words
  std::size_t observations_fitted = 0;
  std::size_t observations_held_out = 0;
  bool weighted = false;  // residuals standardised by the replication spread (stage 2 ran)
  // The overrides that set the fitted values ("stages.general.service_scale=0.93").
  std::vector<scenario::override_spec> fitted_overrides() const;
};

struct calibration_hooks {
  // After each replication of the evaluation under way, with its named figures (hourly series
  // included, as experiment::scalars gives them): to record it or show progress.
  std::function<void(std::size_t index, const results::named_scalars&)> on_replication;
  // After each evaluation, with its replications' scalars when they were simulated now.
  std::function<void(const evaluation&)> on_evaluation;
  // The stored replications of evaluation `index` (one named_scalars each, replication order),
  // when a resumed run holds them all; nullopt to simulate.
  std::function<std::optional<std::vector<results::named_scalars>>(int index)> stored;
  const std::atomic<bool>* stop = nullptr;
};

// The override text of a parameter value: "stages.general.service_scale=0.9312".
scenario::override_spec parameter_override(const fit_parameter& p, double value);

calibration_result calibrate(const calibration_problem& p, executor& ex,
                             const calibration_hooks& hooks = {});

// The figures of `simulated` against `observed` (same length).
fit_figures figures_of(const std::vector<double>& simulated, const std::vector<double>& observed);

}  // namespace tumen::experiment
