// Fitting scenario parameters to observed hourly series (see tumen/experiment/calibration.hpp):
// the objective over common-random-number simulations, NLopt's derivative-free search, the
// least-squares uncertainty at the optimum and the fit figures per series.
#include "tumen/experiment/calibration.hpp"

#include <fmt/format.h>
#include <nlopt.h>
#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

#include "tumen/base/error.hpp"
#include "tumen/base/stop.hpp"
#include "tumen/experiment/metrics.hpp"
#include "tumen/experiment/sweep.hpp"
#include "tumen/results/metric_name.hpp"

namespace tumen::experiment {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
// The mean squared residual, in units of the replications' spread, above which a model is taken
// not to fit within its own noise (about 1 when it does: 2 for observations as noisy as the
// simulated means).
constexpr double max_weighted_misfit = 10;

std::optional<double> number_of(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  double x = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

std::string hour_name(const std::string& series, int hour) {
  return fmt::format("{}.{:02}", series, hour);
}

std::vector<scenario::override_spec> overrides_at(const calibration_problem& p,
                                                  const std::vector<double>& values) {
  auto out = p.sets;
  for (std::size_t i = 0; i < p.parameters.size(); ++i)
    out.push_back(parameter_override(p.parameters[i], values[i]));
  return out;
}

// The objective's machinery: evaluations by parameter values, numbered as they run, and the
// residuals of either stage of the search.
class evaluator {
 public:
  evaluator(const calibration_problem& p, executor& ex, const calibration_hooks& hooks)
      : p_(p), ex_(ex), hooks_(hooks) {
    for (const auto& s : p.observed) {
      double sum2 = 0;
      for (double v : s.values) sum2 += v * v;
      const double rms =
          s.values.empty() ? 0 : std::sqrt(sum2 / static_cast<double>(s.values.size()));
      offset_.push_back(rms > 0 ? 0.05 * rms : 1.0);
      std::vector<bool> fit;
      for (int h : s.hours) fit.push_back(p.holdout_hours.count(h) == 0);
      fitted_mask_.push_back(std::move(fit));
    }
  }

  // The evaluation at `values`: simulated now, handed back by `stored`, or (the same values asked
  // for again) the earlier one.
  const evaluation& run(const std::vector<double>& values, evaluation_role role) {
    for (const auto& e : history_)
      if (e.values == values) return e;
    evaluation e;
    e.index = static_cast<int>(history_.size());
    e.role = role;
    e.values = values;
    std::vector<results::named_scalars> reps;
    if (hooks_.stored)
      if (auto s = hooks_.stored(e.index)) {
        reps = std::move(*s);
        e.from_store = true;
      }
    if (!e.from_store) {
      const auto sc = scenario::parse(p_.scenario_text, p_.scenario_source,
                                      overrides_at(p_, values), p_.variant);
      replication_options o;
      o.seed = p_.seed;
      o.stop = hooks_.stop;
      o.memory_budget = p_.memory_budget;
      o.on_done = hooks_.on_replication;
      for (const auto& r : run_replications(sc, p_.replications, ex_, o))
        reps.push_back(scalars(r));
    }
    summarise(reps, e);
    e.objective = objective(e.simulated);
    e.weighted = weighted();
    history_.push_back(std::move(e));
    if (hooks_.on_evaluation) hooks_.on_evaluation(history_.back());
    return history_.back();
  }

  // Stage 2: standardise each residual by the spread of its figure across replications at
  // `at` (fixed from then on), floored at 1 % of its series' RMS observed value.
  void weigh_by_spread(const evaluation& at) {
    spread_.clear();
    for (std::size_t s = 0; s < p_.observed.size(); ++s) {
      std::vector<double> row;
      for (double sd : at.spread[s])
        row.push_back(std::max(std::isfinite(sd) ? sd : 0.0, 0.2 * offset_[s]));
      spread_.push_back(std::move(row));
    }
  }
  bool weighted() const { return !spread_.empty(); }
  void keep_log_ratios() { spread_.clear(); }

  // The residuals at the fitted hours (all hours with `all`): stage 1, ln((sim + c) / (obs + c))
  // with c 5 % of the series' RMS observed value, so that an overloaded trial point weighs like
  // a large relative error rather than a huge absolute one; stage 2, (sim − obs) / spread.
  std::vector<double> residuals(const std::vector<std::vector<double>>& sim) const {
    std::vector<double> r;
    for (std::size_t s = 0; s < p_.observed.size(); ++s)
      for (std::size_t i = 0; i < sim[s].size(); ++i) {
        if (!fitted_mask_[s][i]) continue;
        const double x = std::isfinite(sim[s][i]) ? sim[s][i] : 0.0;
        const double o = p_.observed[s].values[i];
        r.push_back(weighted() ? (x - o) / spread_[s][i]
                               : std::log((x + offset_[s]) / (o + offset_[s])));
      }
    return r;
  }

  // Each replication's values at the fitted hours in the units of the residuals (divided by the
  // spread; a missing value taken as the mean), for the uncertainty from the replications.
  std::vector<std::vector<double>> scaled_replicates(const evaluation& e) const {
    std::vector<std::vector<double>> out;
    for (const auto& flat : e.replicates) {
      std::vector<double> z;
      std::size_t at = 0;
      for (std::size_t s = 0; s < p_.observed.size(); ++s)
        for (std::size_t i = 0; i < p_.observed[s].hours.size(); ++i, ++at) {
          if (!fitted_mask_[s][i]) continue;
          const double x = std::isfinite(flat[at]) ? flat[at] : e.simulated[s][i];
          z.push_back(std::isfinite(x) ? x / spread_[s][i] : 0.0);
        }
      out.push_back(std::move(z));
    }
    return out;
  }

  double objective(const std::vector<std::vector<double>>& sim) const {
    const auto r = residuals(sim);
    double sum = 0;
    for (double x : r) sum += x * x;
    return r.empty() ? 0 : sum / static_cast<double>(r.size());
  }

  const std::vector<evaluation>& history() const { return history_; }
  const std::vector<bool>& fitted_mask(std::size_t s) const { return fitted_mask_[s]; }

 private:
  // The across-replication mean and standard deviation of every observation (a replication
  // without the metric, or with a NaN, is left out).
  void summarise(const std::vector<results::named_scalars>& reps, evaluation& e) const {
    std::vector<std::map<std::string_view, double>> index(reps.size());
    for (std::size_t k = 0; k < reps.size(); ++k)
      for (const auto& [n, v] : reps[k]) index[k].emplace(n, v);
    for (const auto& s : p_.observed) {
      std::vector<double> mean, sd;
      for (int h : s.hours) {
        const auto name = hour_name(s.series, h);
        std::vector<double> xs;
        for (const auto& m : index)
          if (const auto it = m.find(name); it != m.end() && std::isfinite(it->second))
            xs.push_back(it->second);
        double sum = 0;
        for (double x : xs) sum += x;
        const double n = static_cast<double>(xs.size());
        const double mu = xs.empty() ? nan : sum / n;
        double ss = 0;
        for (double x : xs) ss += (x - mu) * (x - mu);
        mean.push_back(mu);
        sd.push_back(xs.size() >= 2 ? std::sqrt(ss / (n - 1)) : nan);
      }
      e.simulated.push_back(std::move(mean));
      e.spread.push_back(std::move(sd));
    }
    // Each replication's own values, in the same order (NaN where it has none).
    e.replicates.assign(reps.size(), {});
    for (std::size_t k = 0; k < reps.size(); ++k)
      for (const auto& s : p_.observed)
        for (int h : s.hours) {
          const auto it = index[k].find(hour_name(s.series, h));
          e.replicates[k].push_back(it != index[k].end() && std::isfinite(it->second) ? it->second
                                                                                      : nan);
        }
  }

  const calibration_problem& p_;
  executor& ex_;
  const calibration_hooks& hooks_;
  std::vector<double> offset_;
  std::vector<std::vector<bool>> fitted_mask_;
  std::vector<std::vector<double>> spread_;  // stage 2's standard deviations, per observation
  std::vector<evaluation> history_;
};

struct search_state {
  const calibration_problem* problem;
  evaluator* eval;
  nlopt_opt opt;
  std::exception_ptr failure;  // what stopped an evaluation (an error, Ctrl-C), rethrown after
};

double to_value(const fit_parameter& p, double u) {
  return p.lo + u * (p.hi - p.lo);
}
double to_unit(const fit_parameter& p, double x) {
  return (x - p.lo) / (p.hi - p.lo);
}

double nlopt_objective(unsigned n, const double* u, double* /*grad*/, void* data) {
  auto& st = *static_cast<search_state*>(data);
  try {
    std::vector<double> values(n);
    for (unsigned i = 0; i < n; ++i) values[i] = to_value(st.problem->parameters[i], u[i]);
    const auto& e = st.eval->run(values, evaluation_role::search);
    const double f = st.eval->objective(e.simulated);
    return std::isfinite(f) ? f : 1e30;
  } catch (...) {
    // No exception may cross NLopt's C code: keep it, stop the search, rethrow after.
    st.failure = std::current_exception();
    nlopt_force_stop(st.opt);
    return 0;
  }
}

std::string stop_reason(nlopt_result r, int max_evaluations) {
  switch (r) {
    case NLOPT_XTOL_REACHED: return "the parameters settled (change below 0.1 % of the bounds)";
    case NLOPT_FTOL_REACHED: return "the objective settled (relative change below 0.01 %)";
    case NLOPT_MAXEVAL_REACHED:
      return fmt::format("its last stage had used all {} evaluations it was given",
                         max_evaluations);
    case NLOPT_SUCCESS:
    case NLOPT_STOPVAL_REACHED: return "the optimiser's trust region shrank to its end";
    case NLOPT_ROUNDOFF_LIMITED: return "round-off limited the search";
    default: return fmt::format("the optimiser stopped (NLopt code {})", static_cast<int>(r));
  }
}

// One NLopt search from `start` (in the parameters' units) with an initial step `step` (share of
// each range), at most `budget` evaluations; the stop code.
nlopt_result search(const calibration_problem& p, evaluator& eval, std::vector<double>& start,
                    double step, int budget) {
  const unsigned n = static_cast<unsigned>(p.parameters.size());
  nlopt_opt opt = nlopt_create(n >= 2 ? NLOPT_LN_BOBYQA : NLOPT_LN_SBPLX, n);
  struct closer {
    nlopt_opt o;
    ~closer() { nlopt_destroy(o); }
  } close{opt};
  search_state st{&p, &eval, opt, nullptr};
  std::vector<double> lo(n, 0.0), hi(n, 1.0), u(n), steps(n, step);
  for (unsigned i = 0; i < n; ++i) u[i] = std::clamp(to_unit(p.parameters[i], start[i]), 0.0, 1.0);
  nlopt_set_lower_bounds(opt, lo.data());
  nlopt_set_upper_bounds(opt, hi.data());
  nlopt_set_initial_step(opt, steps.data());
  nlopt_set_min_objective(opt, nlopt_objective, &st);
  nlopt_set_xtol_abs1(opt, 1e-3);
  nlopt_set_ftol_rel(opt, 1e-4);
  nlopt_set_maxeval(opt, std::max(1, budget));
  double fmin = 0;
  const nlopt_result code = nlopt_optimize(opt, u.data(), &fmin);
  if (st.failure) std::rethrow_exception(st.failure);
  if (code < 0 && code != NLOPT_ROUNDOFF_LIMITED)
    throw runtime_error(
        fmt::format("the optimiser failed (NLopt code {})", static_cast<int>(code)));
  return code;
}

// The evaluation of the search stage (from `first` on) with the least objective under the
// evaluator's current residuals.
const evaluation& best_of(const evaluator& eval, std::size_t first) {
  const auto& h = eval.history();
  std::size_t best = first;
  for (std::size_t i = first; i < h.size(); ++i)
    if (h[i].role == evaluation_role::search &&
        eval.objective(h[i].simulated) < eval.objective(h[best].simulated))
      best = i;
  return h[best];
}

// (JᵀJ)⁻¹ by Gauss–Jordan with partial pivoting; nullopt when singular.
std::optional<std::vector<std::vector<double>>> inverse(std::vector<std::vector<double>> a) {
  const std::size_t n = a.size();
  std::vector<std::vector<double>> inv(n, std::vector<double>(n, 0));
  for (std::size_t i = 0; i < n; ++i) inv[i][i] = 1;
  double largest = 0;
  for (const auto& row : a)
    for (double x : row) largest = std::max(largest, std::abs(x));
  if (largest == 0) return std::nullopt;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[piv][c])) piv = r;
    if (std::abs(a[piv][c]) <= 1e-12 * largest) return std::nullopt;
    std::swap(a[piv], a[c]);
    std::swap(inv[piv], inv[c]);
    const double d = a[c][c];
    for (std::size_t k = 0; k < n; ++k) {
      a[c][k] /= d;
      inv[c][k] /= d;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      const double f = a[r][c];
      for (std::size_t k = 0; k < n; ++k) {
        a[r][k] -= f * a[c][k];
        inv[r][k] -= f * inv[c][k];
      }
    }
  }
  return inv;
}

// The residuals at an evaluation, their Jacobian by central differences (±2 % of each range, one
// side at a bound), (JᵀJ)⁻¹ and the Gauss–Newton step −(JᵀJ)⁻¹ Jᵀ r.
struct linearisation {
  std::vector<double> residuals;
  std::vector<std::vector<double>> jacobian;  // residual × parameter, per unit of the parameter
  std::optional<std::vector<std::vector<double>>> inverse;
  std::vector<double> step;
};

linearisation linearise(const calibration_problem& p, evaluator& eval, const evaluation& at) {
  const std::size_t n = p.parameters.size();
  linearisation lin;
  const auto x = at.values;
  lin.residuals = eval.residuals(at.simulated);
  const std::size_t m = lin.residuals.size();
  lin.jacobian.assign(m, std::vector<double>(n, 0));
  for (std::size_t j = 0; j < n; ++j) {
    const auto& f = p.parameters[j];
    const double uj = to_unit(f, x[j]);
    auto xp = x, xm = x;
    xp[j] = to_value(f, std::min(1.0, uj + 0.02));
    xm[j] = to_value(f, std::max(0.0, uj - 0.02));
    const auto rp = eval.residuals(eval.run(xp, evaluation_role::uncertainty).simulated);
    const auto rm = eval.residuals(eval.run(xm, evaluation_role::uncertainty).simulated);
    for (std::size_t i = 0; i < m; ++i) {
      const double d = (rp[i] - rm[i]) / (xp[j] - xm[j]);
      lin.jacobian[i][j] = std::isfinite(d) ? d : 0;
    }
  }
  std::vector<std::vector<double>> jtj(n, std::vector<double>(n, 0));
  std::vector<double> jtr(n, 0);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t a = 0; a < n; ++a) {
      jtr[a] += lin.jacobian[i][a] * (std::isfinite(lin.residuals[i]) ? lin.residuals[i] : 0);
      for (std::size_t b = 0; b < n; ++b) jtj[a][b] += lin.jacobian[i][a] * lin.jacobian[i][b];
    }
  if (m > n) lin.inverse = inverse(jtj);
  lin.step.assign(n, 0);
  if (lin.inverse)
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b) lin.step[a] -= (*lin.inverse)[a][b] * jtr[b];
  return lin;
}

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
    p.start = number_of(range.substr(at + 1));
    if (!p.start) return fail("the start after '@' is not a number");
    range = range.substr(0, at);
  }
  const auto dots = range.find("..");
  if (dots == std::string_view::npos) return fail("the bounds must be LO..HI");
  const auto lo = number_of(range.substr(0, dots));
  const auto hi = number_of(range.substr(dots + 2));
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
  nlopt_result code = search(p, eval, x, 0.25, first_budget);
  int budget = first_budget;  // of the search whose stop is reported
  x = best_of(eval, 0).values;
  if (two_stages) {
    const std::size_t used = eval.history().size();
    const auto& first = best_of(eval, 0);
    eval.weigh_by_spread(first);
    // Weights from the simulation's noise suit a model that fits within that noise. When the
    // residuals at stage 1's best are many times the spread, the model's own error dominates:
    // weighting by noise would hand the fit to the hours the simulation happens to be sure of,
    // so the equal relative weights of stage 1 stay.
    if (eval.objective(first.simulated) > max_weighted_misfit) eval.keep_log_ratios();
    // The rest of the budget: from stage 1's best, in a smaller region, with the weights chosen.
    budget = p.max_evaluations - static_cast<int>(used);
    if (budget > 0) code = search(p, eval, x, 0.05, budget);
    x = best_of(eval, 0).values;
  }
  r.stop_reason = stop_reason(code, budget);

  // Refine: Gauss–Newton steps on the linearised residuals (the Jacobian by central differences
  // over ±2 % of each range, which smooths the small-scale roughness common random numbers leave
  // in the objective), taken while they lower it, at most two.
  // (By index: evaluating grows the history, which moves its elements.)
  std::size_t best = static_cast<std::size_t>(best_of(eval, 0).index);
  const auto at = [&](std::size_t i) -> const evaluation& { return eval.history()[i]; };
  auto lin = linearise(p, eval, at(best));
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
    lin = linearise(p, eval, at(best));
  }
  x = at(best).values;
  r.best_evaluation = at(best).index;
  r.objective = eval.objective(at(best).simulated);
  const auto best_sim = at(best).simulated;

  // Uncertainty, three parts per parameter: the misfit (s² (JᵀJ)⁻¹, hours independent), the
  // replications' own noise, and how far the last Gauss–Newton step would still move (the
  // search's precision on a rough objective).
  const auto& r0 = lin.residuals;
  const auto& jac = lin.jacobian;
  const auto& inv = lin.inverse;
  const std::size_t m = r0.size();
  double rss = 0;
  for (double v : r0) rss += std::isfinite(v) ? v * v : 0;
  const double dof = static_cast<double>(m) - static_cast<double>(n);
  const double s2 = dof > 0 ? rss / dof : inf;
  const double t =
      dof > 0 ? boost::math::quantile(boost::math::complement(boost::math::students_t(dof), 0.025))
              : inf;
  // From the replications: the spread of Jᵀz over replications z (the simulation's own noise,
  // with its correlation from hour to hour), through (JᵀJ)⁻¹, doubled for observations taken to
  // be as noisy as the simulated means.
  std::vector<double> from_replications(n, 0.0);
  const std::size_t reps = at(best).replicates.size();
  if (inv && eval.weighted() && reps >= 2) {
    const auto z = eval.scaled_replicates(at(best));
    std::vector<std::vector<double>> g(reps, std::vector<double>(n, 0));
    for (std::size_t k = 0; k < reps; ++k)
      for (std::size_t i = 0; i < m; ++i)
        for (std::size_t a = 0; a < n; ++a) g[k][a] += jac[i][a] * z[k][i];
    std::vector<double> mean(n, 0);
    for (const auto& gk : g)
      for (std::size_t a = 0; a < n; ++a) mean[a] += gk[a] / static_cast<double>(reps);
    std::vector<std::vector<double>> c(n, std::vector<double>(n, 0));
    for (const auto& gk : g)
      for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b)
          c[a][b] += (gk[a] - mean[a]) * (gk[b] - mean[b]) / static_cast<double>(reps - 1);
    for (std::size_t j = 0; j < n; ++j) {
      double v = 0;
      for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) v += (*inv)[j][a] * c[a][b] * (*inv)[b][j];
      from_replications[j] = std::sqrt(std::max(0.0, 2 * v / static_cast<double>(reps)));
    }
  }
  for (std::size_t j = 0; j < n; ++j) {
    const auto& f = p.parameters[j];
    fitted_parameter fp;
    fp.key = f.key;
    fp.value = x[j];
    fp.std_error_residuals = inv && (*inv)[j][j] > 0 ? std::sqrt(s2 * (*inv)[j][j]) : inf;
    fp.std_error_replications = from_replications[j];
    fp.search_precision = lin.inverse ? std::abs(lin.step[j]) : inf;
    fp.std_error =
        std::sqrt(std::pow(std::max(fp.std_error_residuals, fp.std_error_replications), 2) +
                  std::pow(fp.search_precision, 2));
    fp.low = std::max(f.lo, x[j] - t * fp.std_error);
    fp.high = std::min(f.hi, x[j] + t * fp.std_error);
    const double tol = 1e-3 * (f.hi - f.lo);
    fp.at_bound = x[j] - f.lo < tol || f.hi - x[j] < tol;
    r.parameters.push_back(fp);
  }

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
