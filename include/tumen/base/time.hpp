// Simulated time.
//
// tumen measures simulated time in seconds, as a double, everywhere: in the engine's calendar,
// in distributions, in statistics and in results. One unit avoids a whole class of bugs; the
// named constants below make call sites read in the unit the modeller thinks in:
//
//   co_await sim.timeout(12 * tumen::minutes);
//   if (now >= 2 * tumen::days) ...
#pragma once

#include <limits>

namespace tumen {

// A point in simulated time or a duration, in seconds since the start of the run.
using sim_time = double;

inline constexpr sim_time seconds = 1.0;
inline constexpr sim_time minutes = 60.0;
inline constexpr sim_time hours = 3600.0;
inline constexpr sim_time days = 86400.0;
inline constexpr sim_time weeks = 7 * days;

// "Never": a time later than any event. Compare against it; never use -1 or 0 as a stand-in.
inline constexpr sim_time forever = std::numeric_limits<double>::infinity();

}  // namespace tumen
