// The sections of the report document (see tumen/output/report.hpp), each worked out from the
// figures of the design points; report.cpp puts them together. Private to the output layer.
//
//   report_study.cpp    the point's own figures: headline, throughput, stages, yards, time in
//                       system, the rail line
//   report_sweep.cpp    a sweep's and a capacity search's charts along the design variable
//   report_compare.cpp  a comparison's paired differences, overall and by hour of day
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "report_parts.hpp"
#include "tumen/output/report.hpp"
#include "tumen/results/metric_name.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::output::detail {

// The words every section speaks: figures are named through results::metric_name.
using json = nlohmann::json;
using results::element_kind;
using results::figure;
using results::metric_name;
using results::statistic;

// The figures of one point; `sc` (the scenario as run, or null) gives names and design figures.
nlohmann::json headline_json(const metric_table& t, const scenario::scenario* sc);
nlohmann::json throughput_json(const metric_table& t, const scenario::scenario* sc);
nlohmann::json stages_json(const metric_table& t, const scenario::scenario* sc);
nlohmann::json yards_json(const metric_table& t, const scenario::scenario* sc);
nlohmann::json time_in_system_json(const metric_table& t, const scenario::scenario* sc);
// {mean: [24], low: [24], high: [24]} of the hourly series `m` (its hour ignored), or null when
// no hour is stored.
nlohmann::json hourly_json(const metric_table& t, metric_name m);
// The rail line's figures, or null when the run has none.
nlohmann::json rail_json(const metric_table& t, const scenario::scenario* sc);

// A sweep's charts (null when no variable varies), from the figures of every point in order.
nlohmann::json sweep_json(const report_input& in, const std::vector<metric_table>& tables,
                          const scenario::scenario* sc);
// A capacity search: each target's metric against the demand scale, with its bound and the
// capacity found. `base_scale` is the scenario's own run.demand_scale (the answer is stored
// relative to it, the points' variables absolutely).
nlohmann::json capacity_json(const report_input& in, const std::vector<metric_table>& tables,
                             const scenario::scenario* sc, double base_scale);

// The paired differences B − A of a comparison's two points (`tables` their figures, in point
// order), and each stage's hourly queue and wait on both sides with their hourly difference.
nlohmann::json compare_json(const report_input& in, const std::vector<metric_table>& tables,
                            double confidence, const scenario::scenario* sc);

}  // namespace tumen::output::detail
