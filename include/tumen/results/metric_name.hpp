// The vocabulary of named figures: what a name such as "stage.ru_customs.wait.p95" means, and the
// one place that writes and reads such names.
//
// A replication's figures travel as named scalars (experiment/metrics.hpp flattens a
// replication_result into them; the results database, the report, compare, sweep and capacity
// targets all speak of figures by these names). A metric_name is the typed form of one name: the
// element it belongs to (its kind and id, or a flow's route, class and origin), the figure, the
// statistic of a distribution, the hour of an hourly series, and from these its unit.
// to_string writes the name; parse_metric_name reads one back and refuses a name outside the
// grammar below, so a figure renamed on one side fails loudly instead of going missing.
//
// The grammar (<stat> is mean | p50 | p90 | p95 | p99 | max; <HH> is 00 … 23):
//
//   crossing:   vehicles_per_day | persons_per_day | tonnes_per_day      (road, per day)
//               vehicles_inside_at_end | peak_vehicles_inside
//               saturated | stable_by_losing        (the replication's verdict, flags: see
//                                                    results/verdict.hpp; their mean over
//                                                    replications is the share of replications)
//               stopped_early                       (flag: stopped before its last day: verdict
//                                                    certain, memory budget or safety cap)
//               max_wait_p95 | max_wait_mean | max_utilisation   (worst stage or yard: the usual
//                                                                 search targets, road only)
//   all_modes.  persons_per_day | tonnes_per_day                     (road + rail)
//   stage.<id>. arrived | served | abandoned | wait.<stat> | service.mean | queue_mean |
//               queue_max | utilisation | open_lanes_mean | wait_with_unserved.mean
//               saturated | stable_by_losing | growth_per_day | backlog_at_end | lost_share
//               (verdict figures: of the worst lane group when the stage has several)
//               hourly.<series>.<HH>   series: queue_mean, wait_mean, utilisation,
//                                      arrivals_per_day, open_lanes
//   holding.<id>. occupancy_mean | occupancy_max | turned_away | waited_outside |
//               wait_outside.p95 | hourly.occupancy.<HH> | saturated | stable_by_losing |
//               growth_per_day | backlog_at_end | lost_share
//   yard.<id>.  transfers | tonnes_transferred | utilisation | parking_max | wait.<stat> |
//               transfer.mean | hourly.utilisation.<HH> | saturated | growth_per_day |
//               backlog_at_end
//   stage_class.<stage>.<class>.  arrived | served | abandoned | wait.<stat> |
//               wait_with_unserved.mean            (one class at a stage)
//   yard_class.<yard>.<class>.  arrived | transfers | wait.<stat>   (one delivering class)
//   flow.<route>.<class>.<origin>.  arrived | cleared | transferred | inside | turned_away |
//               abandoned | tonnes_cleared | time_in_system.mean | time_in_system.p95
//               (origin: demand, transfer, or empty)
//   with a rail line (scenario [[trains]]):
//   rail.       trains_per_day | wagons_per_day | persons_per_day | tonnes_per_day
//   rail.<from>_to_<to>.  trains_per_day | tonnes_per_day | persons_per_day   (per direction)
//   rail.station.<id>.  inspected | wait.<stat> | inspection.mean | utilisation
//   rail.bridge.<id>.   crossings | reversals | wait.<stat> | occupied_share
//   rail.gauge.<id>.    trains | tonnes | wait.<stat> | work.mean | utilisation |
//                       wagons_in_yard_max
//   rail.flow.<rail route>.<kind>.  arrived | cleared | inside | tonnes_cleared |
//                       persons_cleared | time_in_system.mean
//
// Ids with dots. Scenario ids are letters, digits, '_' and '-', but a scenario built in code may
// use any. A name is read from the right: the figure words, statistics and "hourly" form a fixed
// vocabulary, so whatever stands between the element's prefix and its figure is the id, dots
// and all ("stage.a.b.wait.p95" is stage "a.b"). The parts of a flow are split at dots: the route
// is the first part, the origin the last (it is demand, transfer or empty) and the class what
// lies between; a stage_class or yard_class name's element is its first part and the class the
// rest; a rail flow's route is its first part and the train kind the rest; a rail
// direction splits at its first "_to_". Names of flows whose route holds a dot, or of directions
// whose from side holds "_to_", therefore do not read back to the same parts.
//
//   using namespace tumen::results;
//   to_string(metric_name::stage("ru_customs", figure::wait, statistic::p95))
//       // "stage.ru_customs.wait.p95"
//   parse_metric_name("stage.x.hourly.wait_mean.07")->unit()   // metric_unit::seconds
//   parse_metric_name("stage.x.wait")                          // nullopt: wait needs a statistic
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tumen::results {

// What a figure belongs to.
enum class element_kind {
  crossing,        // the whole crossing's road traffic: vehicles_per_day, max_wait_p95, ...
  all_modes,       // road and rail together
  stage,           // stage.<id>
  holding,         // holding.<id>
  yard,            // yard.<id>
  flow,            // flow.<route>.<class>.<origin>
  stage_class,     // stage_class.<stage>.<class>
  yard_class,      // yard_class.<yard>.<class>
  rail,            // the rail line as a whole: rail.<figure>
  rail_direction,  // rail.<from>_to_<to>
  rail_station,    // rail.station.<id>
  rail_bridge,     // rail.bridge.<id>
  rail_gauge,      // rail.gauge.<id>
  rail_flow,       // rail.flow.<rail route>.<kind>
};

// The figure words. Which element kinds have which figure, and with which statistics, is the
// grammar above.
enum class figure {
  vehicles_per_day,
  persons_per_day,
  tonnes_per_day,
  vehicles_inside_at_end,
  peak_vehicles_inside,
  saturated,
  max_wait_p95,
  max_wait_mean,
  max_utilisation,
  arrived,
  served,
  abandoned,
  wait,
  service,
  queue_mean,
  queue_max,
  utilisation,
  open_lanes_mean,
  wait_mean,         // hourly series
  arrivals_per_day,  // hourly series
  open_lanes,        // hourly series
  occupancy,         // hourly series
  occupancy_mean,
  occupancy_max,
  turned_away,
  waited_outside,
  wait_outside,
  transfers,
  tonnes_transferred,
  parking_max,
  transfer,
  cleared,
  transferred,
  inside,
  tonnes_cleared,
  persons_cleared,
  time_in_system,
  trains_per_day,
  wagons_per_day,
  inspected,
  inspection,
  crossings,
  reversals,
  occupied_share,
  trains,
  tonnes,
  work,
  wagons_in_yard_max,
  stable_by_losing,
  stopped_early,
  wait_with_unserved,
  growth_per_day,
  backlog_at_end,
  lost_share,
};

// The statistic of a distribution of times; none for a figure that is a single number.
enum class statistic { none, mean, p50, p90, p95, p99, max };

// Every statistic a duration can have, in the order names list them.
inline constexpr std::array<statistic, 6> all_statistics = {statistic::mean, statistic::p50,
                                                            statistic::p90,  statistic::p95,
                                                            statistic::p99,  statistic::max};

// What a figure measures.
enum class metric_unit {
  seconds,  // a duration
  count,    // vehicles, trains, persons, lanes (a total, or a mean or maximum number at once)
  share,    // 0 … 1 of the time
  per_day,  // vehicles, persons, tonnes, trains or wagons per measured day
  tonnes,   // a total of cargo
  flag,     // 1 or 0 in each replication (its mean is the share of replications)
};

struct metric_name {
  element_kind kind = element_kind::crossing;
  std::string id;             // stage, holding, yard, rail station, bridge or gauge change
  std::string route;          // flow, rail flow
  std::string vehicle_class;  // flow, stage_class, yard_class: the vehicle class; rail flow: kind
  std::string origin;         // flow: demand, transfer or empty
  std::string from, to;       // rail direction: side ids
  results::figure figure = figure::vehicles_per_day;
  results::statistic statistic = statistic::none;
  std::optional<int> hour;  // an hourly series' hour of the day, 0 … 23

  static metric_name crossing(results::figure f);
  static metric_name all_modes(results::figure f);
  // A stage, holding area or yard (`of` says which), or a rail station, bridge or gauge change.
  static metric_name element(element_kind of, std::string id, results::figure f,
                             results::statistic s = statistic::none);
  static metric_name stage(std::string id, results::figure f,
                           results::statistic s = statistic::none);
  static metric_name yard(std::string id, results::figure f,
                          results::statistic s = statistic::none);
  // One class at a stage or yard (`of` is stage_class or yard_class).
  static metric_name of_class(element_kind of, std::string id, std::string vehicle_class,
                              results::figure f, results::statistic s = statistic::none);
  // One hour of an element's hourly series.
  static metric_name hourly(element_kind of, std::string id, results::figure series, int hour);
  static metric_name flow(std::string route, std::string vehicle_class, std::string origin,
                          results::figure f, results::statistic s = statistic::none);
  static metric_name rail(results::figure f);
  static metric_name rail_direction(std::string from, std::string to, results::figure f);
  static metric_name rail_flow(std::string route, std::string kind, results::figure f,
                               results::statistic s = statistic::none);

  // What the figure measures (seconds for every wait, service, transfer, inspection, work and
  // time in system, and for the hourly mean wait).
  metric_unit unit() const;

  bool operator==(const metric_name&) const = default;
};

// The name, e.g. "stage.ru_customs.wait.p95". Every metric_name that parse_metric_name returns
// writes back to the text it was read from.
std::string to_string(const metric_name& m);

// The figure's part of the name, after the element's: "wait.p95", "queue_mean",
// "hourly.wait_mean.07", "time_in_system.mean"; for a crossing-wide figure the whole name.
std::string figure_part(const metric_name& m);

// The metric a name means, or nullopt when the name is not in the grammar (an unknown figure, a
// statistic the figure does not have, a missing id, an hour out of range, ...).
std::optional<metric_name> parse_metric_name(std::string_view name);

std::string_view to_string(figure f);
std::string_view to_string(statistic s);  // "" for none
// The figure a word names ("wait", "queue_mean"), or nullopt.
std::optional<figure> parse_figure(std::string_view word);
// What a figure measures; a figure word has the same unit wherever the grammar uses it.
metric_unit unit_of(figure f);

// The figures of an element kind's hourly series, in the order the names list them (empty for a
// kind without hourly series).
const std::vector<figure>& hourly_series(element_kind kind);

}  // namespace tumen::results
