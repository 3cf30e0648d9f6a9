// Bracketing and bisection on the demand scale (see tumen/experiment/capacity_search.hpp).
#include "tumen/experiment/capacity_search.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "detail/evaluation.hpp"
#include "tumen/base/error.hpp"

namespace tumen::experiment {

scenario::scenario scale_demand(const scenario::scenario& sc, double scale) {
  scenario::scenario out = sc;
  out.run.demand_scale = sc.run.demand_scale * scale;
  out.overrides.push_back(fmt::format("run.demand_scale={}", out.run.demand_scale));
  return out;
}

double offered_vehicles_per_day(const scenario::scenario& sc) {
  double week = 0;
  for (const auto& d : sc.demands)
    for (int wd = 0; wd < 7; ++wd)
      for (int h = 0; h < 24; ++h) week += d.rate(h, wd, sc.run.demand_scale);
  return week / 7;
}

namespace {

void check_options(const std::vector<target>& targets, const capacity_options& o) {
  detail::check_common_options(o.replications, o.confidence);
  if (targets.empty())
    throw input_error("--target", "a capacity search needs at least one target",
                      "e.g. --target \"p95_wait <= 2 h\"");
  if (!(o.lo > 0) || !std::isfinite(o.lo))
    throw input_error("--lo", fmt::format("must be a scale above 0, got {}", o.lo), "e.g. 0.1");
  if (!(o.max_scale >= o.lo) || !std::isfinite(o.max_scale))
    throw input_error("--max-scale",
                      fmt::format("must be at least --lo ({}), got {}", o.lo, o.max_scale),
                      "e.g. 64");
  if (o.hi && (!(*o.hi > o.lo) || !std::isfinite(*o.hi)))
    throw input_error("--hi", fmt::format("must be above --lo ({}), got {}", o.lo, *o.hi),
                      "a scale such as 2");
  if (!(o.tolerance > 0 && o.tolerance < 1))
    throw input_error("--tolerance", fmt::format("must lie between 0 and 1, got {}", o.tolerance),
                      "a relative width such as 0.02");
  if (o.max_evaluations < 2)
    throw input_error("--max-evaluations", "must be at least 2", "e.g. 40");
}

class search {
 public:
  search(const scenario::scenario& sc, const std::vector<target>& targets, executor& ex,
         const capacity_options& o)
      : sc_(sc), targets_(targets), ex_(ex), o_(o) {
    for (const auto& t : targets)
      if (t.metric.find(".hourly.") != std::string::npos) hourly_ = true;
  }

  capacity_result run() {
    const double start = o_.hi ? *o_.hi : std::clamp(1.0, o_.lo, o_.max_scale);
    auto verdict = evaluate(start);
    if (verdict == scale_verdict::met) {
      // Grow (only when the top was not given) until a scale fails or the cap is reached.
      double s = start;
      while (!o_.hi && s < o_.max_scale && budget_left()) {
        s = std::min(2 * s, o_.max_scale);
        if (evaluate(s) != scale_verdict::met) break;
      }
    } else if (verdict == scale_verdict::too_low) {
      // Too little demand for a lower target: move up until something else happens.
      double s = start;
      while (s < o_.max_scale && budget_left() && !best_ && !above_) {
        s = std::min(2 * s, o_.max_scale);
        evaluate(s);
      }
    } else if (start > o_.lo) {
      evaluate(o_.lo);
    }

    // No scale met yet, but the region between "too little" and "too much" is unexplored.
    while (!best_ && below_ && above_ && budget_left() &&
           *above_ - *below_ > o_.tolerance * *below_)
      evaluate((*below_ + *above_) / 2);

    // Bisect between the highest scale that met and the lowest that failed above it. A lower
    // target failing in between (it should not) also counts as a failure there.
    while (best_ && above_ && budget_left() && !narrow()) {
      const double mid = (*best_ + *above_) / 2;
      if (evaluate(mid) == scale_verdict::too_low) above_ = mid;
    }

    result_.best = best_;
    result_.failed_above = above_;
    if (best_) {
      result_.verdict = above_ ? capacity_verdict::found : capacity_verdict::at_least;
      result_.converged = above_ && narrow();
      result_.at_best = std::move(best_figures_);
      result_.offered_vehicles_per_day = offered_vehicles_per_day(scale_demand(sc_, *best_));
    } else {
      result_.verdict = capacity_verdict::none;
    }
    return std::move(result_);
  }

 private:
  bool budget_left() const { return static_cast<int>(result_.history.size()) < o_.max_evaluations; }
  bool narrow() const { return *above_ - *best_ <= o_.tolerance * *best_; }

  scale_verdict evaluate(double scale) {
    auto point = detail::run_point(scale_demand(sc_, scale), o_.replications, ex_, o_.replication,
                                   o_.confidence, hourly_, o_.on_replication);
    if (result_.history.empty()) {
      std::vector<target_metric> wanted;
      for (const auto& t : targets_) wanted.push_back({&t, t.metric});
      check_metrics_known(wanted, detail::metric_names(point.figures));
    }
    auto e = judge_scale(scale, targets_, point.figures, point.saturation);
    switch (e.verdict) {
      case scale_verdict::met:
        if (!best_ || scale > *best_) {
          best_ = scale;
          best_figures_ = std::move(point.figures);
        }
        break;
      case scale_verdict::too_high:
        if (!above_ || scale < *above_) above_ = scale;
        break;
      case scale_verdict::too_low:
        if (!below_ || scale > *below_) below_ = scale;
        break;
    }
    result_.history.push_back(e);
    if (o_.on_evaluation) o_.on_evaluation(result_.history.back());
    return e.verdict;
  }

  const scenario::scenario& sc_;
  const std::vector<target>& targets_;
  executor& ex_;
  const capacity_options& o_;
  bool hourly_ = false;
  std::optional<double> best_, above_, below_;
  summary best_figures_;
  capacity_result result_;
};

}  // namespace

capacity_evaluation judge_scale(double scale, const std::vector<target>& targets,
                                const summary& figures, const point_saturation& saturation) {
  capacity_evaluation e;
  e.scale = scale;
  e.saturated = saturation.failing;
  e.saturation = saturation;
  // A saturated scale fails however its targets fare: the waits of the vehicles served say
  // nothing of a backlog that keeps growing.
  bool upper_failed = saturation.fails(), lower_failed = false;
  if (upper_failed) e.reasons.push_back(describe(saturation));
  for (const auto& t : targets) {
    e.targets.push_back(assess(t, figures.at(t.metric)));
    if (e.targets.back().met) continue;
    (t.upper() ? upper_failed : lower_failed) = true;
    e.reasons.push_back("target '" + t.text + "' not met");
  }
  e.verdict = upper_failed   ? scale_verdict::too_high
              : lower_failed ? scale_verdict::too_low
                             : scale_verdict::met;
  return e;
}

capacity_result find_capacity(const scenario::scenario& sc, const std::vector<target>& targets,
                              executor& ex, const capacity_options& options) {
  check_options(targets, options);
  std::vector<target_metric> wanted;
  for (const auto& t : targets) wanted.push_back({&t, t.metric});
  check_metrics_known(wanted, sc);
  return search(sc, targets, ex, options).run();
}

}  // namespace tumen::experiment
