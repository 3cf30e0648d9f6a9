// Named scalar figures of a replication: the common currency of experiments.
//
// Every number in a replication_result that an experiment can summarise, compare, search on or
// store gets a stable dotted name: "vehicles_per_day", "max_wait_p95", "stage.<id>.wait.p95",
// "flow.<route>.<class>.<origin>.cleared", "rail.station.<id>.inspection.mean", ... The names, what
// they mean and their units are the vocabulary of tumen/results/metric_name.hpp, which documents
// the whole grammar; the names are written there.
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
