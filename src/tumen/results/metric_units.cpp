// Which named metrics are times (see tumen/results/metric_units.hpp): the unit of the parsed
// name (tumen/results/metric_name.hpp), or for a name outside the grammar the unit of its figure
// word.
#include "tumen/results/metric_units.hpp"

#include <cstddef>
#include <vector>

#include "tumen/results/metric_name.hpp"

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

// How many leading parts of a name outside the grammar name its element, taking ids to hold no
// dot.
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
  if (const auto m = parse_metric_name(name)) return m->unit() == metric_unit::seconds;
  if (name == "p95_wait" || name == "mean_wait") return true;  // a decision target's short forms
  // Outside the grammar (a stage's figure without its prefix, as tumen staff's targets name it,
  // or a mistyped name whose error comes when it is looked up): the figure word decides.
  const auto parts = parts_of(name);
  std::size_t skip = element_parts(parts);
  if (parts.size() > skip + 1 && parts[skip] == "hourly") ++skip;  // hourly.<series>.<HH>
  const auto f = parse_figure(parts[skip]);
  return f && unit_of(*f) == metric_unit::seconds;
}

}  // namespace tumen::results
