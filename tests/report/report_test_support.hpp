// What the report tests share: a small two-sided crossing written inline, report inputs with
// hand-made scalars whose intervals are easy to check, and the document made as `tumen report`
// makes it.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "tumen/model/offered_load.hpp"
#include "tumen/output/report.hpp"
#include "tumen/output/report_scenario.hpp"
#include "tumen/scenario/reader.hpp"

namespace report_test {

// Side a on the left, b on the right. a_exit closes at 21:00; "search" is reached only by
// branches, from a stage of each direction; road_b→… is the way back.
inline const char* const crossing_toml = R"toml(
[scenario]
name = "Test <crossing> & co"

[run]
days = 4
warmup = "1 d"

[design]
vehicles_per_day = 100

[sides.a]
name = "Aland — the left bank"
[sides.b]
name = "Bland (right bank)"

[classes.car]
[classes.truck]

[links.road_a]
length = "2 km"
speed = "60 km/h"
[links.bridge_ab]
length = "1 km"
speed = "40 km/h"
[links.short_ab]
length = "100 m"
speed = "40 km/h"
[links.bridge_ba]
length = "1 km"
speed = "40 km/h"

[holding.hold_a]
capacity = 10

[stages.a_exit]
side = "a"
lanes = 2
hours = "09:00-21:00"
service = "exp(mean 5 min)"
next = [{ stage = "search", share = { car = 0.1, truck = 0.1 } }]

[stages.b_entry]
side = "b"
service = "exp(mean 2 min)"

[stages.a_entry]
side = "a"
service = "exp(mean 2 min)"
next = [{ stage = "search", share = { car = 0.1, truck = 0.1 } }]

[stages.search]
side = "a"
service = "exp(mean 20 min)"

[routes.a_to_b]
from = "a"
to = "b"
path = ["road_a", "hold_a", "a_exit", "bridge_ab", "short_ab", "b_entry"]

[routes.b_to_a]
from = "b"
to = "a"
path = ["bridge_ba", "a_entry"]

[[demand]]
class = "car"
route = "a_to_b"
per_day = 60

[[demand]]
class = "truck"
route = "b_to_a"
per_day = 40
)toml";

inline tumen::scenario::scenario crossing() {
  return tumen::scenario::parse(crossing_toml, "test.toml");
}

// A run input with the scenario's text and one point whose replications hold `scalars`, value
// k of each name going to replication k.
inline tumen::output::report_input input_with(
    const std::vector<std::pair<std::string, std::vector<double>>>& scalars,
    std::string kind = "run") {
  tumen::output::report_input in;
  in.attributes.kind = std::move(kind);
  in.attributes.scenario_name = "Test <crossing> & co";
  in.attributes.scenario_source = "test.toml";
  in.attributes.scenario_text = crossing_toml;
  in.attributes.seed = 7;
  tumen::output::report_point p;
  std::size_t n = 0;
  for (const auto& [name, values] : scalars) n = std::max(n, values.size());
  p.replications.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    p.replication_numbers.push_back(k);
    for (const auto& [name, values] : scalars)
      if (k < values.size()) p.replications[k].emplace_back(name, values[k]);
  }
  in.points.push_back(std::move(p));
  return in;
}

// The document of a stored run as `tumen report` makes it: its scenario read once for the
// point, the offered load worked out by the model, then the document.
inline nlohmann::json document(tumen::output::report_input in,
                               const tumen::output::report_options& options = {}) {
  tumen::output::read_report_scenario(in, options.point);
  if (in.model) in.offered_load = tumen::model::offered_load(*in.model);
  return tumen::output::report_document(in, options);
}

// Student t quantile for 2 degrees of freedom at 97.5 %: 3 replications.
inline constexpr double t2 = 4.302652729911275;

inline double sample_sd(const std::vector<double>& v) {
  double m = 0;
  for (double x : v) m += x;
  m /= static_cast<double>(v.size());
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

}  // namespace report_test
