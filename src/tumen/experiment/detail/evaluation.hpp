// What the decision searches share: running one design point (R replications under common
// random numbers) and holding its summary against the targets.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "tumen/base/error.hpp"
#include "tumen/experiment/point_saturation.hpp"
#include "tumen/experiment/replications.hpp"
#include "tumen/experiment/summary.hpp"

namespace tumen::experiment::detail {

struct point_result {
  summary figures;
  point_saturation saturation;  // which replications saturated (verdict) or hit the cap
};

// Replications first … first + count − 1 of `sc` (the same numbers and seed at every design
// point), summarised with hourly series when `hourly`.
inline point_result run_point(
    const scenario::scenario& sc, std::size_t count, executor& ex, const replication_options& base,
    double confidence, bool hourly,
    const std::function<void(std::size_t, const results::replication_result&)>& on_replication) {
  replication_options opts;
  opts.first = base.first;
  opts.seed = base.seed;
  opts.stop = base.stop;
  opts.memory_budget = base.memory_budget;
  if (on_replication) opts.on_done = on_replication;
  const auto runs = run_replications(sc, count, ex, opts);
  point_result out;
  out.saturation = assess_saturation(runs);
  out.figures = summarise(runs, confidence, hourly);
  return out;
}

inline std::vector<std::string> metric_names(const summary& s) {
  std::vector<std::string> out;
  out.reserve(s.rows().size());
  for (const auto& r : s.rows()) out.push_back(r.name);
  return out;
}

inline void check_common_options(std::size_t replications, double confidence) {
  if (replications < 2)
    throw input_error("--replications",
                      "a decision needs at least 2 replications per design point: with one, "
                      "there is no confidence interval to hold against the targets",
                      "2 or more, e.g. -r 10");
  if (!(confidence > 0 && confidence < 1))
    throw input_error("--confidence", "must lie strictly between 0 and 1", "e.g. 0.95");
}

}  // namespace tumen::experiment::detail
