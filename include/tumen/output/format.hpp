// Human-readable numbers for tables: durations in the unit a reader thinks in, counts with
// sensible precision.
//
//   format_duration(45)      → "45 s"
//   format_duration(754)     → "12.6 min"
//   format_duration(5400)    → "1.50 h"
//   format_duration(200000)  → "2.31 d"
#pragma once

#include <string>

namespace tumen::output {

std::string format_duration(double seconds);
// Fixed precision chosen by magnitude: 0.123, 12.3, 1234.
std::string format_number(double x);

}  // namespace tumen::output
