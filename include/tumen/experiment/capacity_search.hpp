// Capacity search: the highest demand a crossing clears while still meeting its targets.
//
// The search variable is a scale on the scenario's demand (1 = the demand as read, including any
// run.demand_scale the scenario or its overrides set; 1.5 = every [[demand]] half as large
// again). Every evaluated scale runs the same replications (numbers first … first + R − 1, same
// seed), so neighbouring scales differ by the demand and not by luck: common random numbers.
// A scale meets the targets when every target is met with stated confidence (target.hpp) and no
// replication saturated: none has the verdict saturated (results/verdict.hpp: a backlog that grew
// over the measured days, however short the waits of the vehicles served) and none hit
// run.max_vehicles_inside. A saturated scale fails as an upper target does (point_saturation.hpp).
//
//   auto targets = tumen::experiment::parse_targets({"p95_wait <= 2 h"});
//   auto ex = tumen::experiment::make_executor(4);
//   auto r = tumen::experiment::find_capacity(sc, targets, *ex, {});
//   if (r.best) r.at_best.at("vehicles_per_day");
//
// How it searches:
//   1. bracket: evaluate `hi` (default 1). If it meets the targets, double it (without `hi`)
//      until a scale fails or `max_scale` is reached; if it fails because an upper target
//      (<=, <) fails, evaluate `lo`. A scale that fails only lower targets (>=, >, such as a
//      throughput floor) has too little demand, so the search moves up from it.
//   2. bisect between the highest scale that met and the lowest that failed above it until
//      they are within `tolerance` of each other (relative), or `max_evaluations` is spent.
// It assumes that more demand never turns a failed upper target into a met one (waits grow with
// demand), which holds for queues but is not checked.
//
// The verdict is honest about the ends of the range: `none` when no evaluated scale met the
// targets (not even `lo`), `at_least` when the largest scale tried still met them.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tumen/experiment/executor.hpp"
#include "tumen/experiment/point_saturation.hpp"
#include "tumen/experiment/replications.hpp"
#include "tumen/experiment/summary.hpp"
#include "tumen/experiment/target.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::experiment {

// What one evaluated scale showed.
enum class scale_verdict {
  met,       // every target met, no replication saturated
  too_high,  // an upper target failed, or a replication saturated or hit run.max_vehicles_inside
  too_low    // only lower targets (>=, >) failed: more demand may meet them
};

struct capacity_evaluation {
  double scale = 0;
  std::vector<target_outcome> targets;  // one per target, in the order given
  std::size_t saturated = 0;            // replications saturated or stopped by the cap
  point_saturation saturation;          // which replications and elements saturated
  scale_verdict verdict = scale_verdict::met;
  bool met() const { return verdict == scale_verdict::met; }
  // Why the scale failed, one reason a line ("target 'x' not met", the saturation); empty when met.
  std::vector<std::string> reasons;
};

struct capacity_options {
  std::size_t replications = 10;  // per evaluated scale; at least 2
  double confidence = 0.95;
  double lo = 0.1;           // the lowest scale considered
  std::optional<double> hi;  // the top of the bracket; without it: 1, doubled while met
  double max_scale = 64;     // doubling stops here
  double tolerance = 0.02;   // stop when (failed − met) ≤ tolerance × met
  int max_evaluations = 40;
  replication_options replication;  // first replication number and seed (its on_done is unused)
  // Called in the calling thread: after each replication (its index within the evaluation and
  // its result), and after each evaluation.
  std::function<void(std::size_t, const results::replication_result&)> on_replication;
  std::function<void(const capacity_evaluation&)> on_evaluation;
};

enum class capacity_verdict {
  found,     // `best` met and `failed_above` failed
  at_least,  // `best` is the largest scale tried and it met: the capacity is at least that
  none       // no scale tried met the targets
};

struct capacity_result {
  capacity_verdict verdict = capacity_verdict::none;
  std::optional<double> best;           // the highest scale that met every target
  std::optional<double> failed_above;   // the lowest scale above `best` (or above lo) that failed
  bool converged = false;               // the bracket is within tolerance
  summary at_best;                      // every metric at `best` (empty without one)
  double offered_vehicles_per_day = 0;  // [[demand]] arrivals a day at `best`, averaged over a week
  std::vector<capacity_evaluation> history;  // in the order evaluated
};

// Throws tumen::input_error for bad options or a target naming no metric of the scenario (found
// out from the first evaluation, before any callback runs).
capacity_result find_capacity(const scenario::scenario& sc, const std::vector<target>& targets,
                              executor& ex, const capacity_options& options = {});

// How one scale fares: its targets held against `figures` (its summary across replications) and
// its saturation; too_high when any replication saturated, whatever the targets say.
capacity_evaluation judge_scale(double scale, const std::vector<target>& targets,
                                const summary& figures, const point_saturation& saturation);

// The scenario with its demand multiplied by `scale` (recorded in its overrides list).
scenario::scenario scale_demand(const scenario::scenario& sc, double scale);

// Expected [[demand]] arrivals a day, averaged over the weekdays, with run.demand_scale applied.
double offered_vehicles_per_day(const scenario::scenario& sc);

}  // namespace tumen::experiment
