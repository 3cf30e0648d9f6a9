// Saturation at a design point across its replications (see tumen/experiment/point_saturation.hpp).
#include "tumen/experiment/point_saturation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace tumen::experiment {

double point_saturation::share() const {
  return replications == 0 ? 0.0
                           : static_cast<double>(saturated) / static_cast<double>(replications);
}

point_saturation assess_saturation(const std::vector<results::replication_result>& runs) {
  using results::verdict_kind;
  point_saturation s;
  s.replications = runs.size();
  for (const auto& r : runs) {
    const bool saturated = r.verdict.verdict == verdict_kind::saturated;
    if (saturated) ++s.saturated;
    if (r.verdict.verdict == verdict_kind::stable_by_losing) ++s.losing;
    if (r.saturated) ++s.capped;
    if (saturated || r.saturated) ++s.failing;
    for (const auto& e : r.verdict.elements) {
      if (e.verdict != verdict_kind::saturated) continue;
      auto it = std::find_if(s.elements.begin(), s.elements.end(), [&](const auto& x) {
        return x.kind == e.kind && x.element == e.element && x.lane_group == e.lane_group;
      });
      if (it == s.elements.end()) {
        s.elements.push_back({e.kind, e.element, e.lane_group, 0, 0});
        it = std::prev(s.elements.end());
      }
      ++it->replications;
      it->growth_per_day += e.growth_per_day;  // a sum until divided below
    }
  }
  for (auto& e : s.elements) e.growth_per_day /= static_cast<double>(e.replications);
  std::stable_sort(s.elements.begin(), s.elements.end(), [](const auto& a, const auto& b) {
    return std::tie(b.replications, a.kind, a.element, a.lane_group) <
           std::tie(a.replications, b.kind, b.element, b.lane_group);
  });
  return s;
}

std::string describe(const point_saturation& s) {
  if (!s.fails()) return {};
  std::string out;
  if (s.saturated > 0) {
    out = fmt::format("saturated in {} of {} replications", s.saturated, s.replications);
    const char* sep = ": ";
    for (const auto& e : s.elements) {
      out += fmt::format("{}{} {}", sep, e.kind, e.element);
      if (!e.lane_group.empty()) out += fmt::format(" ({})", e.lane_group);
      out += fmt::format(" in {}, {:+.0f} a day", e.replications, e.growth_per_day);
      sep = "; ";
    }
  }
  if (s.capped > 0)
    out += fmt::format("{}{} of {} replications stopped at run.max_vehicles_inside",
                       out.empty() ? "" : "; ", s.capped, s.replications);
  return out;
}

}  // namespace tumen::experiment
