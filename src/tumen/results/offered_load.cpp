// Hour bands of an offered-load row (see tumen/results/offered_load.hpp).
#include "tumen/results/offered_load.hpp"

#include <algorithm>
#include <cmath>

namespace tumen::results {

bool element_load::varies_by_hour() const {
  const auto [lo, hi] = std::minmax_element(rho_by_hour.begin(), rho_by_hour.end());
  if (!std::isfinite(*hi)) return true;  // closed in some hours in which work arrives
  const double tolerance = 0.01 * std::max(rho, 1e-12);
  return *hi - *lo > tolerance || std::abs(peak_rho - rho) > tolerance;
}

bool element_load::peak_is_weekday() const {
  double hourly = 0;
  for (const double r : rho_by_hour)
    if (std::isfinite(r)) hourly = std::max(hourly, r);
  return peak_rho > hourly * 1.01 + 1e-12;
}

std::vector<load_band> element_load::overloaded_hours() const {
  std::vector<load_band> out;
  for (int h = 0; h < 24; ++h) {
    const double r = rho_by_hour[static_cast<std::size_t>(h)];
    if (r < 1 || !std::isfinite(r)) continue;  // closed hours are not peaks
    if (!out.empty() && out.back().to_hour == h) {
      out.back().to_hour = h + 1;
      out.back().peak_rho = std::max(out.back().peak_rho, r);
    } else {
      out.push_back({h, h + 1, r});
    }
  }
  return out;
}

}  // namespace tumen::results
