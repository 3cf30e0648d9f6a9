// What the rail tests share: a minimal road part (the language needs one; its demand is zero)
// to which each test appends its rail sections, and small questions about rail trace records.
//
//   const auto sc = rail_test::parse(R"([rail_bridges.b] …)", {"run.days=3"});
//   rail_test::recorder trace;
//   model_test::run(sc, &trace);
//   for (const auto& v : rail_test::at(trace, "b")) …
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/model_test_support.hpp"

namespace rail_test {

// Two sides, a road that nobody drives: the rail sections are appended to this.
inline constexpr std::string_view road_part = R"toml(
[run]
days = 1
start_weekday = "mon"

[sides.a]
[sides.b]

[classes.car]

[links.road]
length = "1 km"
speed = "36 km/h"

[routes.road_ab]
path = ["road"]

[[demand]]
per_day = 0
)toml";

inline tumen::scenario::scenario parse(std::string_view rail,
                                       const std::vector<std::string>& sets = {}) {
  return model_test::parse(std::string(road_part) + std::string(rail), sets);
}

// Keeps the trains' visits (the model reports them through train_visit), as model_test's
// recorder keeps road vehicles' visits.
class recorder : public model_test::recorder {
 public:
  void train_visit(const tumen::results::visit_record& v) override { visit(v); }
};

// The rail visits to one element, sorted by the time service started.
inline std::vector<model_test::visit> at(const recorder& trace, std::string_view element) {
  return trace.by_start(element);
}

}  // namespace rail_test
