// Which named metrics are times. A run's figures travel as named scalars
// (experiment/metrics.cpp: "vehicles_per_day", "stage.ru_customs.wait.p95",
// "rail.station.kp_tumangang.inspection.mean", ...). Two places need to know whether a name holds
// seconds: a decision target ("p95_wait <= 2 h" takes a time, "vehicles_per_day >= 300" a bare
// number) and every table that prints the figure ("12.4 min" or "306.2"). Both ask here, so they
// cannot disagree.
//
//   tumen::results::is_duration_metric("stage.x.hourly.wait_mean.07")   // true
//   tumen::results::is_duration_metric("stage.wait.arrived")            // false: "wait" is the id
#pragma once

#include <string_view>

namespace tumen::results {

// Whether the metric is measured in seconds. The element prefix (stage.<id>, holding.<id>,
// yard.<id>, flow.<route>.<class>.<origin>, rail.station|bridge|gauge.<id>,
// rail.flow.<route>.<kind>) and an "hourly." are skipped, so an element's id never counts; the
// next part decides: wait, wait_mean, wait_outside, time_in_system, service, transfer,
// inspection and work are times, and so are the scenario-wide max_wait_p95 and max_wait_mean
// (with their short forms p95_wait and mean_wait).
bool is_duration_metric(std::string_view name);

}  // namespace tumen::results
