// Which named metrics are times (see tumen/results/metric_units.hpp).
#include "tumen/results/metric_units.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace tumen::results {

namespace {

std::vector<std::string_view> parts_of(std::string_view name) {
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  for (;;) {
    const auto dot = name.find('.', from);
    parts.push_back(name.substr(from, dot == std::string_view::npos ? dot : dot - from));
    if (dot == std::string_view::npos) return parts;
    from = dot + 1;
  }
}

// How many leading parts name the element a metric belongs to.
std::size_t element_parts(const std::vector<std::string_view>& parts) {
  const auto n = parts.size();
  const auto first = parts[0];
  if (first == "stage" || first == "holding" || first == "yard") return n > 2 ? 2 : 0;
  if (first == "flow") return n > 4 ? 4 : 0;
  if (first == "rail" && n > 1) {
    if (parts[1] == "station" || parts[1] == "bridge" || parts[1] == "gauge") return n > 3 ? 3 : 0;
    if (parts[1] == "flow") return n > 4 ? 4 : 0;
    return n > 2 ? 2 : 0;  // rail.<from>_to_<to>.…
  }
  return 0;
}

}  // namespace

bool is_duration_metric(std::string_view name) {
  static constexpr std::array<std::string_view, 12> seconds = {
      "wait",       "wait_mean", "wait_outside", "time_in_system", "service",  "transfer",
      "inspection", "work",      "max_wait_p95", "max_wait_mean",  "p95_wait", "mean_wait"};
  const auto parts = parts_of(name);
  std::size_t skip = element_parts(parts);
  if (parts.size() > skip + 1 && parts[skip] == "hourly") ++skip;  // hourly.<series>.<HH>
  return std::find(seconds.begin(), seconds.end(), parts[skip]) != seconds.end();
}

}  // namespace tumen::results
