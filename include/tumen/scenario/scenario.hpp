// The scenario: an immutable, validated description of one border crossing (or one textbook
// queueing system), ready for the model layer to build a simulation from.
//
// A scenario is what `tumen::scenario::parse` (reader.hpp) returns once a TOML file has been
// read, overridden (`--set`, `--variant`), filled with defaults and validated. Everything in it
// is already checked: ids are resolved to indices into the vectors below, quantities are in base
// units (seconds, metres, metres per second, tonnes), every per-class table has one entry per
// vehicle class, and shares, counts and schedules are within their ranges. The model never
// needs to re-validate and never sees a string id except for naming its outputs.
//
//   const auto sc = tumen::scenario::parse(text, "khasan.toml");
//   for (const auto& d : sc.demands) {
//     const auto& cls = sc.classes[d.vehicle_class];
//     const auto& path = sc.routes[d.route].path;   // links, holding areas, stages, yards
//   }
//
// Times of day are seconds since midnight in [0, 86400]; points in a run ("day 3 08:00") are
// seconds since the run began (day 1 00:00 is time 0). Weekdays count from 0 = Monday.
// docs/scenario-format.md explains the language; docs/scenario-reference.md lists every key.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/base/time.hpp"
#include "tumen/random/distribution.hpp"

namespace tumen::scenario {

using random::distribution;

// [run]: how long and how the simulation runs.
struct run_settings {
  int days = 1;            // length of the run in whole days, warm-up included
  sim_time warmup = 0;     // the first part of the run, excluded from statistics
  int start_weekday = 0;   // weekday of day 1, 0 = Monday … 6 = Sunday
  std::uint64_t seed = 1;  // master seed of all random streams
  std::uint64_t max_vehicles_inside = 1'000'000;  // safety stop: abort a run that explodes
  double demand_scale = 1.0;  // multiplier on every demand (alias `demand.scale` in --set)

  sim_time length() const { return days * tumen::days; }
};

// [design]: figures the crossing was designed for, reported beside simulated throughput.
struct design_figures {
  std::optional<double> vehicles_per_day;
  std::optional<double> persons_per_day;
  std::optional<double> tonnes_per_day;
};

// [sides.ID]: one side of the border (a country's control zone).
struct side {
  std::string id;
  std::string name;
};

// [classes.ID]: a kind of vehicle (car, bus, truck or user-defined).
struct vehicle_class {
  std::string id;
  std::string name;
  distribution persons;       // persons per vehicle (driver included), a count
  distribution cargo_tonnes;  // tonnes carried by a loaded vehicle; an empty one carries 0
  double loaded_share = 1.0;  // probability a vehicle of this class is loaded, in [0, 1]
  bool transship = false;     // its cargo is transferred at a yard on its route (see yard)
};

// [links.ID]: an approach road or the bridge, one direction of travel. Vehicles drive it at
// `speed` (travel time = length / speed) and enter it no closer than `min_headway` per lane.
struct link {
  std::string id;
  std::string name;
  double length_m = 0;
  double speed_mps = 0;
  int lanes = 1;  // lanes per direction
  sim_time min_headway = 0;

  sim_time travel_time() const { return length_m / speed_mps; }
};

// What a holding area does with a vehicle that arrives when it is full.
enum class when_full_policy {
  spillback,  // the vehicle waits on the link behind (it blocks that link's entry)
  turn_away   // the vehicle leaves the system, counted as turned away
};

// [holding.ID]: a finite waiting area (parking, queue lane) in front of the next stage or yard
// on a route. Its capacity counts vehicles waiting in it, not those being served.
struct holding_area {
  std::string id;
  std::string name;
  int capacity = 1;
  when_full_policy when_full = when_full_policy::spillback;
};

// [from, to) in seconds of a day, 0 <= from < to <= 86400.
struct time_interval {
  sim_time from = 0;
  sim_time to = tumen::days;
};

// Opening hours for each weekday (0 = Monday): sorted, non-overlapping intervals. A weekday with
// no interval is closed all day. The default is open around the clock every day.
struct weekly_hours {
  std::array<std::vector<time_interval>, 7> by_weekday;

  static weekly_hours always();
  bool always_open() const;
  bool is_open(int weekday, sim_time time_of_day) const;
  // Seconds of day the next change (opening or closing) after `time_of_day` on `weekday`
  // happens, or nullopt when nothing changes for the rest of that day.
  std::optional<sim_time> next_change(int weekday, sim_time time_of_day) const;
};

// A daily piecewise-constant number of open lanes. Outside every step all lanes are open.
struct lane_schedule {
  struct step {
    sim_time from = 0;  // seconds of day
    sim_time to = 0;    // seconds of day, from < to
    int lanes = 0;      // lanes open in [from, to), 0 <= lanes <= the group's count
  };
  std::vector<step> steps;  // sorted by `from`, non-overlapping

  // Lanes open at `time_of_day` in a group of `all` lanes.
  int open_at(sim_time time_of_day, int all) const;
};

// How a lane group's service times vary over the week: a service that starts in hour h of
// weekday d takes the time drawn times by_hour[h] × by_weekday[d] (0 = Monday). All 1: no change.
struct service_scale {
  std::array<double, 24> by_hour = filled<24>(1.0);
  std::array<double, 7> by_weekday = filled<7>(1.0);

  bool varies() const;
  double at(int hour, int weekday) const {
    return by_hour[static_cast<std::size_t>(hour)] * by_weekday[static_cast<std::size_t>(weekday)];
  }
  // The factor of hour h averaged over the weekdays.
  double mean_at(int hour) const;

  template <std::size_t N>
  static std::array<double, N> filled(double x) {
    std::array<double, N> a;
    a.fill(x);
    return a;
  }
};

// A group of identical lanes (or booths) at a stage that serves some classes.
struct lane_group {
  int count = 1;
  std::vector<int> classes;  // class indices served; empty = every class
  lane_schedule open_lanes;
  // Service in this group, for every class it serves, when the group has its own processing rate
  // (rate_per_lane; the draw is then in units of 1 s, scaled by `scale`); else the class's
  // service at the stage.
  std::optional<distribution> service;
  service_scale scale;

  bool serves(int vehicle_class) const;
};

enum class queue_discipline {
  shared,   // one queue feeds every lane that serves the vehicle's class
  per_lane  // one queue per lane; an arriving vehicle joins the shortest queue it may use
};

// After service at a stage, a vehicle of class c goes on to `stage` with probability
// share_by_class[c]; branches are tried in order and their shares per class sum to at most 1.
// With the remaining probability it continues on its route. After the further stage (and that
// stage's own branches) it also continues on its route.
struct branch {
  int stage = 0;
  std::vector<double> share_by_class;
};

// [stages.ID]: a checkpoint stage (passport, primary, secondary, customs/X-ray …).
struct stage {
  std::string id;
  std::string name;
  std::optional<int> side;
  std::vector<lane_group> lanes;  // at least one group
  queue_discipline queue = queue_discipline::shared;
  // One per class. Set for every class that can reach this stage (through a demand's route, a
  // branch, or a yard's onward or empty-truck route); nullopt for a class that never can.
  std::vector<std::optional<distribution>> service_by_class;
  std::vector<int> priority_by_class;  // one per class; higher is served first
  std::vector<std::optional<distribution>>
      patience_by_class;  // one per class; nullopt = waits forever
  std::vector<branch> next;
  weekly_hours hours;
  // The classes whose routes or branches lead here, ascending (found by the reader; empty for a
  // scenario built in code): the classes its figures are given for one by one.
  std::vector<int> reaching_classes;

  int total_lanes() const;
};

// [yards.ID]: a transshipment yard. Trucks of a class with `transship = true` reaching the yard
// on their route park (at most `parking` trucks, others wait on the link behind), and when the
// yard is open and a bay (and crew) is free their cargo is moved to a truck of
// `receiving_class`, one receiving truck per delivering truck. Transfer time is
// setup + tonnes / rate_tph when a rate is given, else setup + a draw of time_per_truck.
// The loaded receiving truck then follows `onward_route` (or, when that is not set, the rest
// of the delivering truck's route after the yard); the emptied delivering truck follows
// `empty_truck_route`, or leaves the model at the yard when that is not set. Vehicles of
// classes that do not transship pass the yard without stopping.
struct yard {
  std::string id;
  std::string name;
  std::optional<int> side;
  int bays = 1;
  std::optional<int> crews;        // crews or forklifts; transfers at once = min(bays, crews)
  std::optional<double> rate_tph;  // tonnes per hour per bay
  std::optional<distribution> time_per_truck;  // exactly one of rate_tph / time_per_truck
  distribution setup;                          // fixed handling time per truck, default 0
  int parking = 1;
  int receiving_class = 0;
  std::optional<int> onward_route;
  std::optional<int> empty_truck_route;
  weekly_hours hours;
  // The transshipping classes whose routes lead here, ascending (as stage::reaching_classes).
  std::vector<int> reaching_classes;

  int transfers_at_once() const { return crews ? (*crews < bays ? *crews : bays) : bays; }
};

enum class element_kind { link, holding, stage, yard };

// A reference to an element of a route: kind + index into that kind's vector.
struct element_ref {
  element_kind kind = element_kind::stage;
  int index = 0;

  friend bool operator==(const element_ref&, const element_ref&) = default;
};

// [routes.ID]: one direction of travel, the elements a vehicle passes in order.
struct route {
  std::string id;
  std::string name;
  std::optional<int> from_side;
  std::optional<int> to_side;
  std::vector<element_ref> path;  // at least one element
};

// Booked arrivals: slots are spaced 3600 / slots_per_hour seconds apart from the start of each
// hour; the hour's expected demand fills the earliest slots; each booked vehicle arrives
// uniformly within ± tolerance of its slot time, and a `no_show` share never arrives.
struct booking {
  double slots_per_hour = 1;
  sim_time tolerance = 0;
  double no_show = 0;
};

enum class arrival_process {
  poisson,  // a non-homogeneous Poisson process with the hourly rates
  even      // round(expected) arrivals in each hour, evenly spaced over it
};

// [[demand]]: the traffic of one class on one route.
struct demand {
  int vehicle_class = 0;
  int route = 0;
  // Expected arrivals in each hour of the day (0 = 00:00–01:00), before the weekday factor and
  // run.demand_scale are applied.
  std::array<double, 24> per_hour{};
  std::array<double, 7> weekday_factor{1, 1, 1, 1, 1, 1, 1};  // 0 = Monday
  arrival_process arrivals = arrival_process::poisson;
  // Vehicles already waiting at time 0, placed in the queue of the first stage or yard on the
  // route (elements before it are skipped).
  int initial_queue = 0;
  std::optional<booking> booked;

  // Expected arrivals per hour at `hour` (0..23) of a day that is `weekday`, times `scale`.
  double rate(int hour, int weekday, double scale) const {
    return per_hour[static_cast<std::size_t>(hour)] *
           weekday_factor[static_cast<std::size_t>(weekday)] * scale;
  }
  double per_day() const;
};

// [[closures]]: an element (or the whole crossing) closed for [from, to) of the run. For a link
// or a stage, `lanes` closes only that many lanes (of each lane group for a stage).
struct closure {
  std::optional<element_ref> target;  // nullopt = the whole crossing
  sim_time from = 0;                  // seconds since the start of the run
  sim_time to = 0;
  std::optional<int> lanes;  // nullopt = the whole element
  std::string reason;
};

// ---- Rail (docs/scenario-format.md, "Rail") ----------------------------------------------------
// Trains run on their own line beside the road: rail routes pass rail elements only (border
// stations, single-track sections such as a rail bridge, gauge-change yards), and trains come by
// timetable or as a daily count. Rail ids have their own sections but must differ from every
// road element id (outputs and traces name elements by id).

// [rail_bridges.ID]: a stretch of line trains cross at `speed` (crossing time = length / speed).
// Single track: trains in one direction at a time. A train may follow one of its own direction
// no sooner than `headway` after that one entered; a train of the other direction enters only
// when the bridge is empty and `clearance` has passed since the last train left. Waiting trains
// are admitted strictly in the order they arrived (no overtaking), so neither direction starves.
// With single_track = false each direction has its own track and only `headway` applies.
struct rail_bridge {
  std::string id;
  std::string name;
  double length_m = 0;
  double speed_mps = 0;
  bool single_track = true;
  sim_time headway = 0;
  sim_time clearance = 0;

  sim_time crossing_time() const { return length_m / speed_mps; }
};

// [rail_stations.ID]: a border station where trains are inspected. `tracks` trains are inspected
// at once; inspection starts only while the station is open (a train already being inspected
// finishes). Inspection times are per train kind.
struct rail_station {
  std::string id;
  std::string name;
  std::optional<int> side;
  int tracks = 1;
  // One per train kind; set for every kind that reaches the station.
  std::vector<std::optional<distribution>> inspection_by_kind;
  weekly_hours hours;
};

enum class gauge_method {
  transship,      // cargo moved between wagons of the two gauges: setup + tonnes / rate
  bogie_exchange  // each wagon (and coach) lifted onto bogies of the other gauge: setup + n ×
                  // time_per_wagon
};

// [gauge_change.ID]: a yard where trains change between the 1,435 mm and 1,520 mm gauges.
// A train is admitted when its wagons fit in the yard (`capacity_wagons`, unlimited when absent;
// a train longer than the yard waits for it to be empty), then waits for one of `tracks` working
// tracks (open hours only) and is worked for setup + tonnes / rate_tph (transship) or
// setup + (wagons + coaches) × time_per_wagon (bogie exchange).
struct gauge_change {
  std::string id;
  std::string name;
  std::optional<int> side;
  gauge_method method = gauge_method::transship;
  std::optional<double> rate_tph;              // transship: tonnes per hour per track
  std::optional<distribution> time_per_wagon;  // bogie exchange: per wagon or coach
  distribution setup;                          // fixed time per train, default 0
  int tracks = 1;
  std::optional<int> capacity_wagons;
  weekly_hours hours;
};

// [train_kinds.ID]: what a train carries. Freight: `wagons` wagons of tonnes_per_wagon each
// (drawn per wagon) when the train is loaded (probability loaded_share; an empty train still
// has its wagons). Passenger: `coaches` coaches with persons_per_coach each (drawn per coach).
struct train_kind {
  std::string id;
  std::string name;
  distribution wagons;            // a count, rounded, ≥ 0
  distribution tonnes_per_wagon;  // tonnes of a loaded wagon
  double loaded_share = 1.0;
  distribution coaches;            // a count, rounded, ≥ 0
  distribution persons_per_coach;  // a count, rounded, ≥ 0
};

enum class rail_element_kind { station, bridge, gauge_change };

struct rail_element_ref {
  rail_element_kind kind = rail_element_kind::station;
  int index = 0;

  friend bool operator==(const rail_element_ref&, const rail_element_ref&) = default;
};

// [rail_routes.ID]: one direction of rail travel. `from`/`to` are sides (they give a train's
// direction on single-track bridges); the path lists rail elements in the order passed.
struct rail_route {
  std::string id;
  std::string name;
  int from_side = 0;
  int to_side = 0;
  std::vector<rail_element_ref> path;  // at least one element
};

// [[trains]]: trains of one kind on one rail route. Either a timetable (times of day at which a
// train reaches the start of its route, every running day) or `per_day` trains spread evenly over
// `window` (a day's count is per_day × the weekday factor, rounded up or down at random so that
// its mean is exact). Each train is then `delay` late (a draw, default 0).
struct train_service {
  int kind = 0;
  int route = 0;
  std::vector<sim_time> timetable;  // seconds of day, sorted; empty when per_day is used
  std::optional<double> per_day;
  time_interval window;  // per_day only
  std::array<double, 7> weekday_factor{1, 1, 1, 1, 1, 1, 1};
  std::array<bool, 7> runs_on{true, true, true, true, true, true, true};  // 0 = Monday
  distribution delay;

  // Expected trains on a day that is `weekday`.
  double expected(int weekday) const;
};

struct scenario {
  std::string name;
  std::string description;
  run_settings run;
  design_figures design;
  std::vector<side> sides;
  std::vector<vehicle_class> classes;
  std::vector<link> links;
  std::vector<holding_area> holding;
  std::vector<stage> stages;
  std::vector<yard> yards;
  std::vector<route> routes;
  std::vector<demand> demands;
  std::vector<closure> closures;  // sorted by target then `from`; never overlapping per target
  // Rail (all empty for a road-only crossing).
  std::vector<rail_bridge> rail_bridges;
  std::vector<rail_station> rail_stations;
  std::vector<gauge_change> gauge_changes;
  std::vector<train_kind> train_kinds;
  std::vector<rail_route> rail_routes;
  std::vector<train_service> trains;

  std::string source_name;             // the file name given to parse()
  std::string source_text;             // the original text, before overrides
  std::optional<std::string> variant;  // the variant applied, if any
  std::vector<std::string> overrides;  // "key.path=value" in the order applied

  // Index of the element with this id, or nullopt.
  std::optional<int> find_side(std::string_view id) const;
  std::optional<int> find_class(std::string_view id) const;
  std::optional<int> find_link(std::string_view id) const;
  std::optional<int> find_holding(std::string_view id) const;
  std::optional<int> find_stage(std::string_view id) const;
  std::optional<int> find_yard(std::string_view id) const;
  std::optional<int> find_route(std::string_view id) const;
  // Any element a route may pass (ids are unique across links, holding, stages and yards).
  std::optional<element_ref> find_element(std::string_view id) const;
  const std::string& element_id(element_ref e) const;
  const std::string& rail_element_id(rail_element_ref e) const;
  bool has_rail() const { return !trains.empty(); }
};

}  // namespace tumen::scenario
