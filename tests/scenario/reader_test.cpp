// A full valid scenario parses into the expected structs, with units converted and ids resolved.
#include <gtest/gtest.h>

#include "tumen/scenario/reader.hpp"

namespace tumen::scenario {
namespace {

constexpr std::string_view full = R"toml(
[scenario]
name = "Two-sided test crossing"
description = "Exercises most of the language"

[run]
days = 14
warmup = "1 d"
start_weekday = "wed"
seed = 42
max_vehicles_inside = 5000
demand_scale = 1.5

[design]
vehicles_per_day = 300
persons_per_day = 2850

[sides.ru]
name = "Russia"
[sides.kp]

[classes.car]
persons = "uniform(1, 4)"
[classes.truck]
persons = 1
cargo = { dist = "triangular", low = "10 t", mode = "18 t", high = "22 t" }
loaded_share = 0.8
transship = true
[classes.truck_kp]
cargo = "20 t"

[links.approach]
length = "2.4 km"
speed = "40 km/h"
lanes = 2
min_headway = "2 s"
[links.bridge]
length = "1005 m"
speed = "30 km/h"

[holding.ru_parking]
capacity = 40
when_full = "turn_away"

[stages.ru_primary]
side = "ru"
lanes = [ { count = 2, classes = ["car"], open_lanes = [ { from = "00:00", to = "06:00", lanes = 1 } ] },
          { count = 1, classes = ["truck"] } ]
queue = "per_lane"
service = "exp(mean 2 min)"
service_by_class = { truck = "10 min + exp(mean 5 min)" }
priority_by_class = { car = 1 }
patience_by_class = { car = "exp(mean 1 h)" }
next = [ { stage = "ru_secondary", share = { car = 0.1, truck = 0.25 } } ]
hours = "08:00-20:00"
days = ["mon", "tue", "wed", "thu", "fri", "sat"]
hours_by_day = { sat = ["09:00-12:00", "13:00-15:00"] }

[stages.ru_secondary]
side = "ru"
lanes = 1
open_lanes = [ { from = "12:00", to = "13:00", lanes = 0 } ]
service = { dist = "lognormal", mean = "20 min", cv = 0.5 }

[stages.kp_entry]
side = "kp"
service = "3 min"

[yards.kp_yard]
side = "kp"
bays = 4
crews = 2
rate = "30 t/h"
setup = "5 min"
parking = 30
receiving_class = "truck_kp"
empty_truck_route = "back"

[routes.ru_to_kp]
from = "ru"
to = "kp"
path = ["approach", "ru_parking", "ru_primary", "bridge", "kp_yard", "kp_entry"]

[routes.back]
from = "kp"
to = "ru"
path = ["bridge"]

[[demand]]
class = "car"
route = "ru_to_kp"
per_day = 240
profile = [0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]
weekday_factors = { sat = 1.5, sun = 0 }
initial_queue = 5

[[demand]]
class = "truck"
route = "ru_to_kp"
per_hour = 6
arrivals = "even"
weekday_factors = [1, 1, 1, 1, 1, 0.5, 0]

[[demand]]
class = "car"
route = "back"
per_hour = [1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2]
booking = { slots_per_hour = 2.5, tolerance = "10 min", no_show = 0.05 }

[[closures]]
target = "bridge"
from = "day 3 08:00"
to = "day 3 12:00"
lanes = 1
reason = "repairs"

[[closures]]
day = 5
reason = "holiday"

[[closures]]
target = "ru_primary"
day = 6
from = "10:00"
to = "14:00"
)toml";

TEST(reader, a_full_scenario_becomes_the_expected_model) {
  const auto r = read(full, "full.toml");
  ASSERT_TRUE(r.model.has_value()) << r.problems.to_string();
  EXPECT_FALSE(r.problems.has_errors());
  const auto& sc = *r.model;

  EXPECT_EQ(sc.name, "Two-sided test crossing");
  EXPECT_EQ(sc.run.days, 14);
  EXPECT_DOUBLE_EQ(sc.run.warmup, 86400);
  EXPECT_EQ(sc.run.start_weekday, 2);
  EXPECT_EQ(sc.run.seed, 42u);
  EXPECT_EQ(sc.run.max_vehicles_inside, 5000u);
  EXPECT_DOUBLE_EQ(sc.run.demand_scale, 1.5);
  EXPECT_EQ(sc.design.vehicles_per_day, 300);
  EXPECT_FALSE(sc.design.tonnes_per_day.has_value());

  ASSERT_EQ(sc.sides.size(), 2u);
  EXPECT_EQ(sc.sides[0].id, "ru");  // file order, not alphabetical
  EXPECT_EQ(sc.sides[0].name, "Russia");
  EXPECT_EQ(sc.sides[1].name, "kp");

  ASSERT_EQ(sc.classes.size(), 3u);
  EXPECT_EQ(sc.classes[0].id, "car");
  EXPECT_DOUBLE_EQ(sc.classes[0].persons.mean(), 2.5);
  EXPECT_DOUBLE_EQ(sc.classes[0].cargo_tonnes.mean(), 0);
  EXPECT_DOUBLE_EQ(sc.classes[1].loaded_share, 0.8);
  EXPECT_TRUE(sc.classes[1].transship);
  EXPECT_NEAR(sc.classes[1].cargo_tonnes.mean(), 50.0 / 3, 1e-9);

  ASSERT_EQ(sc.links.size(), 2u);
  EXPECT_DOUBLE_EQ(sc.links[0].length_m, 2400);
  EXPECT_NEAR(sc.links[0].speed_mps, 40 / 3.6, 1e-9);
  EXPECT_EQ(sc.links[0].lanes, 2);
  EXPECT_DOUBLE_EQ(sc.links[0].min_headway, 2);
  EXPECT_EQ(sc.links[1].lanes, 1);
  EXPECT_NEAR(sc.links[1].travel_time(), 1005 / (30 / 3.6), 1e-9);

  ASSERT_EQ(sc.holding.size(), 1u);
  EXPECT_EQ(sc.holding[0].capacity, 40);
  EXPECT_EQ(sc.holding[0].when_full, when_full_policy::turn_away);

  ASSERT_EQ(sc.stages.size(), 3u);
  const auto& p = sc.stages[0];
  EXPECT_EQ(p.id, "ru_primary");
  EXPECT_EQ(p.side, 0);
  ASSERT_EQ(p.lanes.size(), 2u);
  EXPECT_EQ(p.lanes[0].count, 2);
  EXPECT_EQ(p.lanes[0].classes, std::vector<int>{0});
  EXPECT_EQ(p.lanes[0].open_lanes.open_at(3 * 3600, 2), 1);
  EXPECT_EQ(p.lanes[0].open_lanes.open_at(7 * 3600, 2), 2);
  EXPECT_EQ(p.lanes[1].classes, std::vector<int>{1});
  EXPECT_EQ(p.total_lanes(), 3);
  EXPECT_EQ(p.queue, queue_discipline::per_lane);
  ASSERT_EQ(p.service_by_class.size(), 3u);
  EXPECT_DOUBLE_EQ(p.service_by_class[0]->mean(), 120);
  EXPECT_DOUBLE_EQ(p.service_by_class[1]->mean(), 900);
  EXPECT_EQ(p.priority_by_class, (std::vector<int>{1, 0, 0}));
  EXPECT_TRUE(p.patience_by_class[0].has_value());
  EXPECT_FALSE(p.patience_by_class[1].has_value());
  ASSERT_EQ(p.next.size(), 1u);
  EXPECT_EQ(p.next[0].stage, 1);
  EXPECT_EQ(p.next[0].share_by_class, (std::vector<double>{0.1, 0.25, 0}));
  EXPECT_TRUE(p.hours.is_open(0, 9 * 3600));
  EXPECT_FALSE(p.hours.is_open(0, 21 * 3600));
  EXPECT_TRUE(p.hours.is_open(5, 10 * 3600));
  EXPECT_FALSE(p.hours.is_open(5, 12.5 * 3600));
  EXPECT_FALSE(p.hours.is_open(6, 10 * 3600));
  EXPECT_EQ(p.hours.next_change(0, 0), 8 * 3600);
  EXPECT_FALSE(p.hours.always_open());
  EXPECT_TRUE(sc.stages[1].hours.always_open());
  EXPECT_EQ(sc.stages[1].lanes[0].open_lanes.open_at(12.5 * 3600, 1), 0);

  ASSERT_EQ(sc.yards.size(), 1u);
  const auto& y = sc.yards[0];
  EXPECT_EQ(y.bays, 4);
  EXPECT_EQ(y.transfers_at_once(), 2);
  EXPECT_DOUBLE_EQ(*y.rate_tph, 30);
  EXPECT_FALSE(y.time_per_truck.has_value());
  EXPECT_DOUBLE_EQ(y.setup.mean(), 300);
  EXPECT_EQ(y.parking, 30);
  EXPECT_EQ(y.receiving_class, 2);
  EXPECT_EQ(y.empty_truck_route, 1);
  EXPECT_FALSE(y.onward_route.has_value());

  ASSERT_EQ(sc.routes.size(), 2u);
  const auto& route0 = sc.routes[0];
  EXPECT_EQ(route0.from_side, 0);
  EXPECT_EQ(route0.to_side, 1);
  ASSERT_EQ(route0.path.size(), 6u);
  EXPECT_EQ(route0.path[0], (element_ref{element_kind::link, 0}));
  EXPECT_EQ(route0.path[1], (element_ref{element_kind::holding, 0}));
  EXPECT_EQ(route0.path[2], (element_ref{element_kind::stage, 0}));
  EXPECT_EQ(route0.path[4], (element_ref{element_kind::yard, 0}));
  EXPECT_EQ(sc.element_id(route0.path[3]), "bridge");
  EXPECT_EQ(sc.find_element("kp_entry"), (element_ref{element_kind::stage, 2}));

  ASSERT_EQ(sc.demands.size(), 3u);
  const auto& d0 = sc.demands[0];
  EXPECT_EQ(d0.vehicle_class, 0);
  EXPECT_NEAR(d0.per_day(), 240, 1e-9);
  EXPECT_DOUBLE_EQ(d0.per_hour[0], 0);
  EXPECT_DOUBLE_EQ(d0.per_hour[6], 240.0 / 18);
  EXPECT_DOUBLE_EQ(d0.weekday_factor[5], 1.5);
  EXPECT_DOUBLE_EQ(d0.weekday_factor[6], 0);
  EXPECT_DOUBLE_EQ(d0.weekday_factor[0], 1);
  EXPECT_EQ(d0.initial_queue, 5);
  EXPECT_EQ(d0.arrivals, arrival_process::poisson);
  EXPECT_DOUBLE_EQ(d0.rate(6, 5, 1.5), 240.0 / 18 * 1.5 * 1.5);
  EXPECT_EQ(sc.demands[1].arrivals, arrival_process::even);
  EXPECT_DOUBLE_EQ(sc.demands[1].per_day(), 144);
  EXPECT_DOUBLE_EQ(sc.demands[1].weekday_factor[5], 0.5);
  ASSERT_TRUE(sc.demands[2].booked.has_value());
  EXPECT_DOUBLE_EQ(sc.demands[2].booked->slots_per_hour, 2.5);
  EXPECT_DOUBLE_EQ(sc.demands[2].booked->tolerance, 600);
  EXPECT_DOUBLE_EQ(sc.demands[2].booked->no_show, 0.05);
  EXPECT_DOUBLE_EQ(sc.demands[2].per_hour[12], 2);

  ASSERT_EQ(sc.closures.size(), 3u);
  // Sorted: whole crossing first, then by target.
  EXPECT_FALSE(sc.closures[0].target.has_value());
  EXPECT_DOUBLE_EQ(sc.closures[0].from, 4 * 86400);
  EXPECT_DOUBLE_EQ(sc.closures[0].to, 5 * 86400);
  EXPECT_EQ(sc.closures[0].reason, "holiday");
  EXPECT_EQ(sc.closures[1].target, (element_ref{element_kind::link, 1}));
  EXPECT_DOUBLE_EQ(sc.closures[1].from, 2 * 86400 + 8 * 3600);
  EXPECT_EQ(sc.closures[1].lanes, 1);
  EXPECT_EQ(sc.closures[2].target, (element_ref{element_kind::stage, 0}));
  EXPECT_DOUBLE_EQ(sc.closures[2].from, 5 * 86400 + 10 * 3600);
  EXPECT_DOUBLE_EQ(sc.closures[2].to, 5 * 86400 + 14 * 3600);

  EXPECT_EQ(sc.source_name, "full.toml");
  EXPECT_EQ(sc.source_text, full);
}

TEST(reader, parse_returns_the_same_model_and_check_reports_warnings) {
  const auto sc = parse(full, "full.toml");
  EXPECT_EQ(sc.stages.size(), 3u);
  // The booking's busiest hour (2 per hour × demand_scale 1.5 = 3) exceeds its 2.5 slots.
  const auto problems = check(full, "full.toml");
  EXPECT_FALSE(problems.has_errors());
  ASSERT_EQ(problems.items().size(), 1u) << problems.to_string();
  EXPECT_EQ(problems.items()[0].level, severity::warning);
  EXPECT_EQ(problems.items()[0].key_path, "demand.2.booking.slots_per_hour");
}

TEST(reader, textbook_minimum_uses_defaults) {
  const auto sc = parse(R"toml(
[classes.customer]
[stages.server]
service = "exp(mean 50 s)"
[routes.through]
path = ["server"]
[[demand]]
per_hour = 60
)toml",
                        "scenarios/mm1.toml");
  EXPECT_EQ(sc.name, "mm1");
  EXPECT_EQ(sc.run.days, 1);
  EXPECT_DOUBLE_EQ(sc.run.warmup, 0);
  EXPECT_EQ(sc.run.seed, 1u);
  EXPECT_DOUBLE_EQ(sc.run.demand_scale, 1);
  EXPECT_EQ(sc.classes[0].persons.mean(), 1);
  EXPECT_EQ(sc.stages[0].total_lanes(), 1);
  EXPECT_EQ(sc.stages[0].queue, queue_discipline::shared);
  EXPECT_TRUE(sc.stages[0].hours.always_open());
  EXPECT_EQ(sc.demands[0].vehicle_class, 0);
  EXPECT_EQ(sc.demands[0].route, 0);
  EXPECT_DOUBLE_EQ(sc.demands[0].per_day(), 1440);
  EXPECT_EQ(sc.demands[0].arrivals, arrival_process::poisson);
  EXPECT_EQ(sc.stages[0].priority_by_class, std::vector<int>{0});
}

// The text guard reads a bare value (number, boolean) up to its terminator, as toml++ does; valid
// non-ASCII text in comments and strings right after such values must still be read.
TEST(reader, non_ascii_text_after_bare_values_is_read) {
  const auto sc = parse(R"toml(
[scenario]
name = "Хасан – Туманган"  # §, Cyrillic and Hangul: 두만강
[run]
days = 2 # дня, «два»
seed = 7
[classes.customer]
persons = 1#§
[stages.server]
service = "exp(mean 50 s)"
[routes.through]
path = ["server"]
[[demand]]
per_hour = 60	# «в час»
)toml",
                        "scenarios/utf8.toml");
  EXPECT_EQ(sc.name, "Хасан – Туманган");
  EXPECT_EQ(sc.run.days, 2);
  EXPECT_EQ(sc.run.seed, 7u);
}

}  // namespace
}  // namespace tumen::scenario
