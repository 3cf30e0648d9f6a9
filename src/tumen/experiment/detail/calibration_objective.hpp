// The objective of a calibration (see tumen/experiment/calibration.hpp): evaluations of the
// scenario at parameter values over the same replications (common random numbers), numbered as
// they run, and the residuals of the search's two stages — log ratios, or residuals in units of
// each figure's spread across replications. Used by calibration.cpp, calibration_search.cpp and
// calibration_uncertainty.cpp only.
#pragma once

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/experiment/calibration.hpp"
#include "tumen/experiment/metrics.hpp"

namespace tumen::experiment::detail {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
inline constexpr double inf = std::numeric_limits<double>::infinity();

// A parameter's value at u in [0, 1] of its bounds, and back: the search's coordinates.
inline double to_value(const fit_parameter& p, double u) {
  return p.lo + u * (p.hi - p.lo);
}
inline double to_unit(const fit_parameter& p, double x) {
  return (x - p.lo) / (p.hi - p.lo);
}

inline std::string hour_name(const std::string& series, int hour) {
  return fmt::format("{}.{:02}", series, hour);
}

inline std::vector<scenario::override_spec> overrides_at(const calibration_problem& p,
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
      // Each replication's figures are named once, as it finishes: for the objective and for
      // the caller's record alike.
      reps.resize(p_.replications);
      o.on_done = [&](std::size_t k, const results::replication_result& r) {
        reps[k] = scalars(r);
        if (hooks_.on_replication) hooks_.on_replication(k, reps[k]);
      };
      run_replications(sc, p_.replications, ex_, o);
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

// The evaluation of the search stage (from `first` on) with the least objective under the
// evaluator's current residuals.
inline const evaluation& best_of(const evaluator& eval, std::size_t first) {
  const auto& h = eval.history();
  std::size_t best = first;
  for (std::size_t i = first; i < h.size(); ++i)
    if (h[i].role == evaluation_role::search &&
        eval.objective(h[i].simulated) < eval.objective(h[best].simulated))
      best = i;
  return h[best];
}

}  // namespace tumen::experiment::detail
