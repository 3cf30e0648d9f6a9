// Human-readable numbers (see tumen/output/format.hpp).
#include "tumen/output/format.hpp"

#include <fmt/format.h>
#include <cmath>

namespace tumen::output {

std::string format_duration(double s) {
  if (!std::isfinite(s)) return "-";
  const double a = std::abs(s);
  if (a < 100) return fmt::format("{:.0f} s", s);
  if (a < 100 * 60) return fmt::format("{:.1f} min", s / 60);
  if (a < 48 * 3600) return fmt::format("{:.2f} h", s / 3600);
  return fmt::format("{:.2f} d", s / 86400);
}

std::string format_number(double x) {
  if (!std::isfinite(x)) return x > 0 ? "inf" : "-";
  const double a = std::abs(x);
  if (a == 0) return "0";
  if (a < 10) return fmt::format("{:.3f}", x);
  if (a < 100) return fmt::format("{:.2f}", x);
  if (a < 1000) return fmt::format("{:.1f}", x);
  return fmt::format("{:.0f}", x);
}

}  // namespace tumen::output
