// The rail keys of the scenario language: a valid line is read into the scenario's rail structs
// with units converted; invalid rail keys are all reported at once, each at its file:line:col
// with its key path and what would be valid.
#include <gtest/gtest.h>

#include "rail/rail_test_support.hpp"
#include "tumen/scenario/key_table.hpp"
#include "tumen/scenario/reader.hpp"

namespace {

using tumen::diagnostics;
using tumen::severity;

::testing::AssertionResult has(const diagnostics& ds, int line, int column, std::string_view path,
                               std::string_view fragment, severity level = severity::error) {
  for (const auto& d : ds.items())
    if (d.where.line == line && d.where.column == column && d.key_path == path &&
        d.message.find(fragment) != std::string::npos && d.level == level)
      return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no diagnostic at " << line << ":" << column << " "
                                       << path << " containing \"" << fragment << "\" in:\n"
                                       << ds.to_string();
}

TEST(rail_scenario, a_valid_line_is_read_with_units_converted) {
  const auto sc = rail_test::parse(R"toml(
[rail_bridges.fb]
length = "0.8 km"
speed = "18 km/h"
headway = "10 min"
clearance = "5 min"
[rail_stations.kh]
side = "a"
tracks = 2
inspection = "2 h"
inspection_by_kind = { tour = "1 h" }
hours = "09:00-21:00"
[gauge_change.g]
side = "b"
method = "bogie_exchange"
time_per_wagon = "20 min"
capacity_wagons = 60
[train_kinds.coal]
wagons = 30
tonnes_per_wagon = "65 t"
[train_kinds.tour]
coaches = 1
persons_per_coach = 41
[rail_routes.ab]
from = "a"
to = "b"
path = ["kh", "fb", "g"]
[[trains]]
kind = "coal"
route = "ab"
per_day = 1.7
window = "08:00-20:00"
weekday_factors = [1, 1, 1, 1, 1, 0.5, 0]
[[trains]]
kind = "tour"
route = "ab"
timetable = ["14:30", "08:10"]
days = ["sat"]
)toml");
  ASSERT_EQ(sc.rail_bridges.size(), 1u);
  EXPECT_DOUBLE_EQ(sc.rail_bridges[0].length_m, 800);
  EXPECT_DOUBLE_EQ(sc.rail_bridges[0].crossing_time(), 160);
  EXPECT_DOUBLE_EQ(sc.rail_bridges[0].headway, 600);
  EXPECT_DOUBLE_EQ(sc.rail_bridges[0].clearance, 300);
  EXPECT_TRUE(sc.rail_bridges[0].single_track);
  const auto& st = sc.rail_stations.at(0);
  EXPECT_EQ(st.tracks, 2);
  EXPECT_DOUBLE_EQ(st.inspection_by_kind.at(0)->mean(), 7200);  // coal: the default
  EXPECT_DOUBLE_EQ(st.inspection_by_kind.at(1)->mean(), 3600);  // tour
  EXPECT_FALSE(st.hours.always_open());
  const auto& g = sc.gauge_changes.at(0);
  EXPECT_EQ(g.method, tumen::scenario::gauge_method::bogie_exchange);
  EXPECT_DOUBLE_EQ(g.time_per_wagon->mean(), 1200);
  EXPECT_EQ(g.capacity_wagons, 60);
  ASSERT_EQ(sc.rail_routes.at(0).path.size(), 3u);
  EXPECT_EQ(sc.rail_routes[0].path[2].kind, tumen::scenario::rail_element_kind::gauge_change);
  ASSERT_EQ(sc.trains.size(), 2u);
  EXPECT_DOUBLE_EQ(*sc.trains[0].per_day, 1.7);
  EXPECT_DOUBLE_EQ(sc.trains[0].window.from, 8 * 3600);
  EXPECT_DOUBLE_EQ(sc.trains[0].expected(5), 0.85);
  EXPECT_EQ(sc.trains[1].timetable, (std::vector<double>{8 * 3600 + 600, 14 * 3600 + 1800}));
  EXPECT_DOUBLE_EQ(sc.trains[1].expected(5), 2);
  EXPECT_DOUBLE_EQ(sc.trains[1].expected(0), 0);
}

// Line numbers below count from the first line of the file, which is road_part + this text;
// road_part ends with its 19th newline, so the rail text starts on line 20.
constexpr std::string_view bad_rail = R"toml([rail_bridges.fb]
speed = "fast"
headway = "-5 min"
[rail_stations.kh]
side = "c"
inspection_by_kind = { coall = "1 h" }
[gauge_change.g]
method = "transship"
time_per_wagon = "20 min"
[gauge_change.road]
method = "bogie_exchange"
time_per_wagon = "20 min"
[train_kinds.coal]
wagons = 30
[rail_routes.ab]
from = "a"
to = "a"
path = ["kh", "fb", "road", "bridgee"]
[[trains]]
per_day = 2
timetable = ["08:00"]
[[trains]]
timetable = ["08:00", "24:00"]
window = "08:00-20:00"
)toml";

TEST(rail_scenario, invalid_rail_keys_are_reported_with_their_locations) {
  const std::string text = std::string(rail_test::road_part) + std::string(bad_rail);
  const auto ds = tumen::scenario::check(text, "bad.toml");
  const int o = 19;  // lines of road_part before bad_rail
  // Values are located at their key, table problems at the table's id.
  EXPECT_TRUE(has(ds, o + 1, 15, "rail_bridges.fb.length", "required"));
  EXPECT_TRUE(has(ds, o + 2, 1, "rail_bridges.fb.speed", "fast"));
  EXPECT_TRUE(has(ds, o + 3, 1, "rail_bridges.fb.headway", "negative"));
  EXPECT_TRUE(has(ds, o + 5, 1, "rail_stations.kh.side", "\"c\""));
  EXPECT_TRUE(
      has(ds, o + 6, 24, "rail_stations.kh.inspection_by_kind.coall", "did you mean 'coal'"));
  EXPECT_TRUE(has(ds, o + 7, 15, "gauge_change.g.rate", "needs a rate"));
  EXPECT_TRUE(has(ds, o + 9, 1, "gauge_change.g.time_per_wagon", "bogie_exchange"));
  EXPECT_TRUE(has(ds, o + 10, 15, "gauge_change.road", "already used by a road element"));
  EXPECT_TRUE(has(ds, o + 17, 1, "rail_routes.ab.to", "other side"));
  EXPECT_TRUE(has(ds, o + 18, 21, "rail_routes.ab.path.2", "road element"));
  EXPECT_TRUE(has(ds, o + 18, 29, "rail_routes.ab.path.3", "\"bridgee\""));
  EXPECT_TRUE(has(ds, o + 20, 1, "trains.0.per_day", "not both"));
  EXPECT_TRUE(has(ds, o + 23, 23, "trains.1.timetable.1", "24:00"));
  EXPECT_TRUE(has(ds, o + 24, 1, "trains.1.window", "timetable"));
  EXPECT_GE(ds.error_count(), 14u) << ds.to_string();
}

TEST(rail_scenario, a_kind_reaching_a_station_needs_an_inspection_time_there) {
  const std::string text = std::string(rail_test::road_part) + R"toml([rail_stations.kh]
side = "a"
[train_kinds.coal]
wagons = 30
[rail_routes.ab]
from = "a"
to = "b"
path = ["kh"]
[[trains]]
per_day = 1
)toml";
  const auto ds = tumen::scenario::check(text, "bad.toml");
  EXPECT_TRUE(has(ds, 20, 16, "rail_stations.kh.inspection", "'coal' reaches this station"))
      << ds.to_string();
}

TEST(rail_scenario, every_rail_key_is_in_the_table) {
  for (const char* key : {"rail_bridges.x.clearance", "rail_stations.x.inspection_by_kind.k",
                          "gauge_change.x.capacity_wagons", "train_kinds.x.persons_per_coach",
                          "rail_routes.x.path", "trains.0.window", "trains.0.timetable"})
    EXPECT_NE(tumen::scenario::find_key(key), nullptr) << key;
}

}  // namespace
