// Named scalar figures of a replication: the common currency of experiments.
//
// Every number in a replication_result that an experiment can summarise, compare, search on or
// store gets a stable dotted name:
//
//   vehicles_per_day, persons_per_day, tonnes_per_day, vehicles_inside_at_end
//   max_wait_p95, max_wait_mean, max_utilisation          (worst stage: the usual search targets)
//   stage.<id>.wait.mean | .p50 | .p90 | .p95 | .p99 | .max     (seconds)
//   stage.<id>.queue_mean | .queue_max | .utilisation | .served | .abandoned | .arrived
//   stage.<id>.hourly.<series>.<HH>   (series: queue_mean, wait_mean, utilisation,
//   arrivals_per_day, open_lanes) holding.<id>.occupancy_mean | .occupancy_max | .turned_away |
//   .wait_outside.p95 yard.<id>.utilisation | .transfers | .tonnes_transferred | .wait.mean |
//   .wait.p95 flow.<route>.<class>.<origin>.arrived | .cleared | .abandoned | .turned_away |
//   .inside
//        | .time_in_system.mean | .time_in_system.p95
//   all_modes.persons_per_day | all_modes.tonnes_per_day     (road + rail; the plain names are
//   road) with a rail line (scenario [[trains]]): rail.trains_per_day | .wagons_per_day |
//   .persons_per_day | .tonnes_per_day rail.<from>_to_<to>.trains_per_day | .tonnes_per_day |
//   .persons_per_day   (per direction) rail.station.<id>.wait.<stat> | .inspection.mean |
//   .utilisation | .inspected rail.bridge.<id>.wait.<stat> | .occupied_share | .crossings |
//   .reversals rail.gauge.<id>.wait.<stat> | .work.mean | .utilisation | .wagons_in_yard_max |
//   .trains | .tonnes rail.flow.<rail route>.<kind>.arrived | .cleared | .inside | .tonnes_cleared
//   | .persons_cleared
//        | .time_in_system.mean
// (max_wait_* and max_utilisation stay road figures: the usual search targets.)
//
//   for (const auto& [name, value] : tumen::experiment::scalars(result)) ...
//   double w = tumen::experiment::metric(result, "stage.ru_customs.wait.p95");
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tumen/results/replication_result.hpp"

namespace tumen::experiment {

using named_value = std::pair<std::string, double>;

// Every named scalar of r, in a stable order. With hourly = false, the per-hour series are left
// out (they are 24 × 5 values per stage).
std::vector<named_value> scalars(const results::replication_result& r, bool hourly = true);

// The value of one named scalar. Throws tumen::input_error listing similar names if `name` is
// not a metric of r.
double metric(const results::replication_result& r, std::string_view name);

}  // namespace tumen::experiment
