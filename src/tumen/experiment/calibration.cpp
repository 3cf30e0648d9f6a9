// Fitting scenario parameters to observed hourly series (see tumen/experiment/calibration.hpp):
// the parameters and the problem checked, the search in its stages (detail/calibration_search),
// the Gauss–Newton refinement and the uncertainty (detail/calibration_uncertainty), and the fit
// figures per series.
#include "tumen/experiment/calibration.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "detail/calibration_objective.hpp"
#include "detail/calibration_search.hpp"
#include "detail/calibration_uncertainty.hpp"
#include "detail/text.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/sweep.hpp"
#include "tumen/results/metric_name.hpp"

namespace tumen::experiment {

namespace {

using detail::evaluator;
using detail::hour_name;
using detail::nan;
using detail::overrides_at;

// The mean squared residual, in units of the replications' spread, above which a model is taken
// not to fit within its own noise (about 1 when it does: 2 for observations as noisy as the
// simulated means).
constexpr double max_weighted_misfit = 10;

}  // namespace

fit_parameter parse_fit_parameter(std::string_view text, const std::string& origin) {
  const auto fail = [&](const std::string& why) -> fit_parameter {
    throw input_error(origin, why + ": '" + std::string(text) + "'",
                      "KEY=LO..HI or KEY=LO..HI@START, e.g. stages.general.service_scale=0.5..2");
  };
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) return fail("expected KEY=LO..HI");
  fit_parameter p;
  p.key = std::string(text.substr(0, eq));
  auto range = text.substr(eq + 1);
  if (const auto at = range.find('@'); at != std::string_view::npos) {
    p.start = detail::parse_number(range.substr(at + 1));
    if (!p.start) return fail("the start after '@' is not a number");
    range = range.substr(0, at);
  }
  const auto dots = range.find("..");
  if (dots == std::string_view::npos) return fail("the bounds must be LO..HI");
  const auto lo = detail::parse_number(range.substr(0, dots));
  const auto hi = detail::parse_number(range.substr(dots + 2));
  if (!lo || !hi) return fail("the bounds must be numbers");
  if (!(*lo < *hi)) return fail("the lower bound must be below the upper one");
  p.lo = *lo;
  p.hi = *hi;
  if (p.start && (*p.start < p.lo || *p.start > p.hi))
    return fail("the start lies outside the bounds");
  return p;
}

scenario::override_spec parameter_override(const fit_parameter& p, double value) {
  scenario::override_spec o;
  o.path = p.key;
  o.value = fmt::format("{}", value);
  o.origin = "--fit";
  return o;
}

std::vector<scenario::override_spec> calibration_result::fitted_overrides() const {
  std::vector<scenario::override_spec> out;
  for (const auto& f : parameters) out.push_back(parameter_override({f.key, 0, 1, {}}, f.value));
  return out;
}

void check_problem(const calibration_problem& p, bool with_observations) {
  diagnostics problems;
  if (p.parameters.empty())
    problems.error({"--fit", 0, 0}, "", "nothing to fit", "--fit KEY=LO..HI");
  std::set<std::string> keys;
  for (const auto& f : p.parameters)
    if (!keys.insert(f.key).second)
      problems.error({"--fit", 0, 0}, f.key, "is fitted twice", "each key once");
  if (p.replications < 1)
    problems.error({"--replications", 0, 0}, "", "at least one replication is needed");
  if (problems.has_errors()) throw input_error(problems);
  // The scenario as given, then at each corner of the bounds (every parameter low, every one
  // high): a key that does not exist or does not take a number, or a bound out of the key's
  // range, shows there (each problem once).
  auto base = scenario::read(p.scenario_text, p.scenario_source, p.sets, p.variant);
  if (!base.model) {
    for (const auto& d : base.problems.items())
      if (d.level == severity::error) problems.add(d);
    throw input_error(problems);
  }
  std::set<std::string> seen;
  for (const bool high : {false, true}) {
    std::vector<double> values;
    for (const auto& f : p.parameters) values.push_back(high ? f.hi : f.lo);
    const auto reading =
        scenario::read(p.scenario_text, p.scenario_source, overrides_at(p, values), p.variant);
    for (const auto& d : reading.problems.items())
      if (d.level == severity::error && seen.insert(format(d)).second) problems.add(d);
  }
  std::size_t fitted = 0;
  for (const auto& s : p.observed) {
    if (s.hours.empty()) continue;
    const auto parsed = results::parse_metric_name(hour_name(s.series, s.hours.front()));
    if (!parsed || !parsed->hour)
      problems.error(s.where.file.empty() ? source_location{"observed", 0, 0} : s.where, s.series,
                     "is not an hourly series (a metric name without its hour)",
                     "e.g. stage.general.hourly.wait_mean");
  }
  for (const auto& s : p.observed) {
    if (s.hours.empty()) continue;
    const auto parsed = results::parse_metric_name(hour_name(s.series, s.hours.front()));
    if (!parsed || !parsed->hour) continue;  // said above
    try {
      check_metric_names(*base.model, {hour_name(s.series, s.hours.front())});
    } catch (const input_error& e) {
      // Said again at the series' cell in the observations file.
      for (auto d : e.problems().items()) {
        if (!s.where.file.empty()) d.where = s.where;
        problems.add(std::move(d));
      }
    }
  }
  for (const auto& s : p.observed)
    for (int h : s.hours)
      if (p.holdout_hours.count(h) == 0) ++fitted;
  if (!with_observations) {
    if (problems.has_errors()) throw input_error(problems);
    return;
  }
  if (p.observed.empty())
    problems.error({"observed", 0, 0}, "", "no observations", "series,hour,value[,unit] rows");
  else if (fitted < p.parameters.size() + 1)
    problems.error(
        {"--holdout-hours", 0, 0}, "",
        fmt::format("{} observation{} left to fit {} parameter{}", fitted, fitted == 1 ? "" : "s",
                    p.parameters.size(), p.parameters.size() == 1 ? "" : "s"),
        "more observed hours than parameters, outside the held-out hours");
  if (problems.has_errors()) throw input_error(problems);
}

fit_figures figures_of(const std::vector<double>& sim, const std::vector<double>& obs) {
  fit_figures f;
  double sum_abs = 0, sum_d = 0, ms = 0, mo = 0;
  for (std::size_t i = 0; i < sim.size(); ++i) {
    if (!std::isfinite(sim[i])) continue;
    ++f.n;
    sum_abs += std::abs(sim[i] - obs[i]);
    sum_d += sim[i] - obs[i];
    ms += sim[i];
    mo += obs[i];
  }
  if (f.n == 0) {
    f.mae = f.bias = f.correlation = nan;
    return f;
  }
  const double n = static_cast<double>(f.n);
  f.mae = sum_abs / n;
  f.bias = sum_d / n;
  ms /= n;
  mo /= n;
  double sso = 0, sss = 0, sso_s = 0;
  for (std::size_t i = 0; i < sim.size(); ++i) {
    if (!std::isfinite(sim[i])) continue;
    sss += (sim[i] - ms) * (sim[i] - ms);
    sso += (obs[i] - mo) * (obs[i] - mo);
    sso_s += (sim[i] - ms) * (obs[i] - mo);
  }
  f.correlation = f.n >= 2 && sss > 0 && sso > 0 ? sso_s / std::sqrt(sss * sso) : nan;
  return f;
}

calibration_result calibrate(const calibration_problem& p, executor& ex,
                             const calibration_hooks& hooks) {
  evaluator eval(p, ex, hooks);
  const std::size_t n = p.parameters.size();
  calibration_result r;

  // Stage 1: log-ratio residuals from the start, with most of the budget. Stage 2 (with two or
  // more replications): residuals standardised by the replication spread at stage 1's best,
  // searched again from there in a smaller region, so that precise figures (volumes) weigh more
  // than noisy ones (peak waits) — weighted least squares, whose s² and Jacobian give the
  // uncertainty.
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& f = p.parameters[i];
    x[i] = f.start.value_or(0.5 * (f.lo + f.hi));
  }
  const bool two_stages = p.replications >= 2 && p.max_evaluations >= 4;
  const int first_budget = two_stages ? std::max(1, p.max_evaluations * 2 / 3) : p.max_evaluations;
  // why the last search stopped
  std::string stopped = detail::search(p, eval, x, 0.25, first_budget);
  x = detail::best_of(eval, 0).values;
  if (two_stages) {
    const std::size_t used = eval.history().size();
    const auto& first = detail::best_of(eval, 0);
    eval.weigh_by_spread(first);
    // Weights from the simulation's noise suit a model that fits within that noise. When the
    // residuals at stage 1's best are many times the spread, the model's own error dominates:
    // weighting by noise would hand the fit to the hours the simulation happens to be sure of,
    // so the equal relative weights of stage 1 stay.
    if (eval.objective(first.simulated) > max_weighted_misfit) eval.keep_log_ratios();
    // The rest of the budget: from stage 1's best, in a smaller region, with the weights chosen.
    const int budget = p.max_evaluations - static_cast<int>(used);
    if (budget > 0) stopped = detail::search(p, eval, x, 0.05, budget);
    x = detail::best_of(eval, 0).values;
  }
  r.stop_reason = stopped;

  // Refine: Gauss–Newton steps on the linearised residuals (the Jacobian by central differences
  // over ±2 % of each range, which smooths the small-scale roughness common random numbers leave
  // in the objective), taken while they lower it, at most two.
  // (By index: evaluating grows the history, which moves its elements.)
  std::size_t best = static_cast<std::size_t>(detail::best_of(eval, 0).index);
  const auto at = [&](std::size_t i) -> const evaluation& { return eval.history()[i]; };
  auto lin = detail::linearise(p, eval, at(best));
  for (int step = 0; step < 2 && lin.inverse; ++step) {
    auto next = at(best).values;
    bool moves = false;
    for (std::size_t j = 0; j < n; ++j) {
      const auto& f = p.parameters[j];
      next[j] = std::clamp(next[j] + lin.step[j], f.lo, f.hi);
      moves = moves || std::abs(next[j] - at(best).values[j]) > 1e-3 * (f.hi - f.lo);
    }
    if (!moves) break;
    const auto tried = static_cast<std::size_t>(eval.run(next, evaluation_role::refine).index);
    if (!(eval.objective(at(tried).simulated) < eval.objective(at(best).simulated))) break;
    best = tried;
    lin = detail::linearise(p, eval, at(best));
  }
  x = at(best).values;
  r.best_evaluation = at(best).index;
  r.objective = eval.objective(at(best).simulated);
  const auto best_sim = at(best).simulated;

  r.parameters = detail::fitted_parameters(p, eval, at(best), lin);

  // Fit figures per series, on the fitted and on the held-out hours.
  for (std::size_t s = 0; s < p.observed.size(); ++s) {
    const auto& o = p.observed[s];
    std::vector<double> fs, fo, hs, ho;
    for (std::size_t i = 0; i < o.hours.size(); ++i) {
      const bool fitted = eval.fitted_mask(s)[i];
      (fitted ? fs : hs).push_back(best_sim[s][i]);
      (fitted ? fo : ho).push_back(o.values[i]);
    }
    r.series.push_back({o.series, figures_of(fs, fo), figures_of(hs, ho)});
    r.observations_fitted += fo.size();
    r.observations_held_out += ho.size();
  }
  r.weighted = eval.weighted();
  r.history = eval.history();
  // Every evaluation's objective as the final stage measures it, so that they compare.
  for (auto& e : r.history) {
    e.objective = eval.objective(e.simulated);
    e.weighted = eval.weighted();
  }
  return r;
}

}  // namespace tumen::experiment
