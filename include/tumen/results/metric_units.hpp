// Which named metrics are times. A run's figures travel as named scalars
// (tumen/results/metric_name.hpp: "vehicles_per_day", "stage.ru_customs.wait.p95",
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

// Whether the metric is measured in seconds: the unit of the name as parse_metric_name reads it
// (tumen/results/metric_name.hpp), so an element's id never counts. Every wait, service,
// transfer, inspection, work and time in system is a time, and so are the hourly mean wait and
// the scenario-wide max_wait_p95 and max_wait_mean (with their short forms p95_wait and
// mean_wait). For a name outside the grammar (a stage's figure without its "stage.<id>.", as
// tumen staff's targets name it: "wait.p95", "wait_mean"; or a mistyped name, refused later when
// it is looked up) the figure word after the element's prefix and an "hourly." decides.
bool is_duration_metric(std::string_view name);

}  // namespace tumen::results
