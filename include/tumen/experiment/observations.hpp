// Observed hourly series, read from CSV text for a calibration (tumen/experiment/calibration.hpp).
//
// The text has a header with the columns `series`, `hour` and `value`, and optionally `unit`:
//
//   # Otay Mesa northbound POV, CBP wait times Tue–Thu, summarised by SANDAG
//   series,hour,value,unit
//   stage.general.hourly.wait_mean,7,59,min
//
// `series` is a metric name of an hourly series without its hour (tumen/results/metric_name.hpp);
// `hour` 0 … 23 (hour 0 = 00:00–01:00); `value` a number; `unit` s, min or h for a time (seconds
// when absent or empty), empty for a count. Each (series, hour) at most once. Every problem is
// reported at file:line:col with the column's name, like a bad value in a scenario.
#pragma once

#include <string_view>
#include <vector>

#include "tumen/experiment/calibration.hpp"

namespace tumen::experiment {

// Series in order of first appearance, each with its hours in increasing order. Throws
// tumen::input_error listing every problem.
std::vector<observed_series> read_observations(std::string_view text, std::string_view source_name);

}  // namespace tumen::experiment
