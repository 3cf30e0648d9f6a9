// The table of every scenario key, and the reference page generated from it
// (see tumen/scenario/key_table.hpp).
#include "tumen/scenario/key_table.hpp"

#include <fmt/format.h>

#include "tumen/scenario/distribution_spec.hpp"
#include "tumen/scenario/units.hpp"

namespace tumen::scenario {

namespace {

// Short aliases keep the rows on one line each.
constexpr bool table = false;  // a row with rows below it
constexpr bool value = true;   // a leaf row
constexpr bool required = true;
constexpr bool optional = false;

// The top-level sections, in order, with a sentence for the reference page.
struct section {
  std::string_view key;
  std::string_view heading;
  std::string_view about;
};
const std::vector<section>& sections() {
  static const std::vector<section> s = {
      {"scenario", "[scenario]", "What the file describes."},
      {"run", "[run]", "How long and how the simulation runs."},
      {"design", "[design]",
       "Figures the crossing was designed for, reported beside the simulated ones."},
      {"sides", "[sides.ID]", "The sides of the border (any ids, usually two)."},
      {"classes", "[classes.ID]", "Vehicle classes: car, bus, truck or your own. At least one."},
      {"links", "[links.ID]", "Approach roads and bridges, one direction of travel each."},
      {"holding", "[holding.ID]",
       "Finite waiting areas in front of the next stage or yard on a route."},
      {"stages", "[stages.ID]", "Checkpoint stages: passport, primary, secondary, customs/X-ray …"},
      {"yards", "[yards.ID]", "Transshipment yards, where cargo moves to the other side's trucks."},
      {"routes", "[routes.ID]",
       "Directions of travel: the elements a vehicle passes, in order. At least one."},
      {"demand", "[[demand]]", "Traffic per class and route. At least one."},
      {"closures", "[[closures]]",
       "Periods when an element, some of its lanes, or the whole crossing is closed."},
      {"rail_bridges", "[rail_bridges.ID]",
       "Rail: single-track sections such as a rail bridge, used by one direction at a time."},
      {"rail_stations", "[rail_stations.ID]",
       "Rail: border stations where trains are inspected, their tracks as servers."},
      {"gauge_change", "[gauge_change.ID]",
       "Rail: yards where trains change between the 1,435 mm and 1,520 mm gauges."},
      {"train_kinds", "[train_kinds.ID]",
       "Rail: kinds of train (freight wagons, passenger coaches)."},
      {"rail_routes", "[rail_routes.ID]",
       "Rail: directions of travel, the rail elements a train passes in order."},
      {"trains", "[[trains]]",
       "Rail: trains of one kind on one rail route, by timetable or a daily count."},
      {"variants", "[variants.NAME]", "Named sets of overrides, applied with `--variant NAME`."},
      {"tables", "[tables]",
       "CSV files carried inside the scenario, for keys whose type says *CSV column*: "
       "`{ csv = \"rates.csv\", column = \"general\" }` takes the 24 hourly values of that "
       "column (rows by `hour`, 0 … 23). tumen reads a file that is not here from the scenario "
       "file's folder and adds it here, so the stored scenario carries it (see "
       "scenario-format.md, \"Tables from CSV files\")."},
  };
  return s;
}

}  // namespace

const std::vector<key_spec>& key_table() {
  static const std::vector<key_spec> rows = {
      {"scenario", table, "table", "", "", optional, "About the scenario."},
      {"scenario.name", value, "string", "", "", optional,
       "Name shown in reports; defaults to the file name."},
      {"scenario.description", value, "string", "", "\"\"", optional,
       "Free text shown in reports."},
      {"scenario.format", value, "integer", "", "1", optional,
       "Version of the scenario language; only 1 exists."},

      {"run", table, "table", "", "", optional, "How the simulation runs."},
      {"run.days", value, "integer 1 … 36500", "", "1", optional,
       "Length of the run in whole days, warm-up included."},
      {"run.warmup", value, "quantity", "time", "\"0 s\"", optional,
       "Initial period left out of the statistics; shorter than the run."},
      {"run.start_weekday", value, "weekday or integer 0 … 6", "", "\"mon\"", optional,
       "Weekday of day 1 (\"mon\" … \"sun\" or \"monday\" … \"sunday\", any case; or 0 = "
       "Monday)."},
      {"run.seed", value, "integer ≥ 0", "", "1", optional, "Master seed of every random stream."},
      {"run.max_vehicles_inside", value, "integer ≥ 1", "", "1000000", optional,
       "Safety stop: a run with more vehicles inside at once is aborted. The initial queues "
       "of all demands together may not exceed it."},
      {"run.demand_scale", value, "number ≥ 0", "", "1.0", optional,
       "Multiplier on every demand (also `--set demand.scale=…`)."},

      {"design", table, "table", "", "", optional, "Design figures (all optional)."},
      {"design.vehicles_per_day", value, "number ≥ 0", "", "", optional,
       "Vehicles per day the crossing was designed for."},
      {"design.persons_per_day", value, "number ≥ 0", "", "", optional,
       "Persons per day the crossing was designed for."},
      {"design.tonnes_per_day", value, "number ≥ 0", "", "", optional,
       "Tonnes of cargo per day the crossing was designed for."},

      {"sides", table, "table of sides", "", "", optional, "The sides of the border."},
      {"sides.<id>", table, "table", "", "", optional,
       "One side; the id is used by stages, yards and routes."},
      {"sides.<id>.name", value, "string", "", "", optional, "Display name; defaults to the id."},

      {"classes", table, "table of classes", "", "", required, "Vehicle classes; at least one."},
      {"classes.<id>", table, "table", "", "", optional, "One vehicle class."},
      {"classes.<id>.name", value, "string", "", "", optional, "Display name; defaults to the id."},
      {"classes.<id>.persons", value, "distribution", "count", "1", optional,
       "Persons per vehicle, driver included."},
      {"classes.<id>.cargo", value, "distribution", "mass", "\"0 t\"", optional,
       "Cargo of a loaded vehicle."},
      {"classes.<id>.loaded_share", value, "share 0 … 1", "", "1.0", optional,
       "Share of vehicles that are loaded; the others carry no cargo."},
      {"classes.<id>.transship", value, "boolean", "", "false", optional,
       "Its cargo is transferred at a yard on its route instead of driving across."},

      {"links", table, "table of links", "", "", optional, "Roads and bridges."},
      {"links.<id>", table, "table", "", "", optional, "One link (one direction of travel)."},
      {"links.<id>.name", value, "string", "", "", optional, "Display name; defaults to the id."},
      {"links.<id>.length", value, "quantity > 0", "length", "", required, "Length."},
      {"links.<id>.speed", value, "quantity > 0", "speed", "", required,
       "Driving speed; travel time = length / speed."},
      {"links.<id>.lanes", value, "integer ≥ 1", "", "1", optional, "Lanes in this direction."},
      {"links.<id>.min_headway", value, "quantity", "time", "\"0 s\"", optional,
       "Least time between two vehicles entering the same lane."},

      {"holding", table, "table of holding areas", "", "", optional, "Finite waiting areas."},
      {"holding.<id>", table, "table", "", "", optional,
       "One holding area; it holds vehicles waiting for the next stage or yard on the route."},
      {"holding.<id>.name", value, "string", "", "", optional, "Display name; defaults to the id."},
      {"holding.<id>.capacity", value, "integer ≥ 1", "", "", required, "Vehicles it can hold."},
      {"holding.<id>.when_full", value, "\"spillback\" or \"turn_away\"", "", "\"spillback\"",
       optional, "When full: wait on the link behind, or leave the system."},

      {"stages", table, "table of stages", "", "", optional, "Checkpoint stages."},
      {"stages.<id>", table, "table", "", "", optional, "One stage."},
      {"stages.<id>.name", value, "string", "", "", optional, "Display name; defaults to the id."},
      {"stages.<id>.side", value, "side id", "", "", optional, "The side the stage belongs to."},
      {"stages.<id>.lanes", table, "integer ≥ 1 or array of lane groups", "", "1", optional,
       "Lanes (booths): a number of lanes serving every class, or groups."},
      {"stages.<id>.lanes.<n>", table, "table", "", "", optional,
       "One lane group: `{ count = 2, classes = [\"truck\"] }`."},
      {"stages.<id>.lanes.<n>.count", value, "integer ≥ 1", "", "1", optional,
       "Lanes in the group."},
      {"stages.<id>.lanes.<n>.classes", value, "array of class ids", "", "", optional,
       "Classes the group serves (dedicated lanes); all when absent."},
      {"stages.<id>.lanes.<n>.open_lanes", table,
       "array of steps, array of 24 integers ≥ 0 or CSV column", "", "", optional,
       "Daily schedule of open lanes of this group (see stages.ID.open_lanes)."},
      {"stages.<id>.lanes.<n>.open_lanes.<n>", table, "table", "", "", optional,
       "One step: `{ from = \"00:00\", to = \"06:00\", lanes = 1 }`."},
      {"stages.<id>.lanes.<n>.open_lanes.<n>.from", value, "time of day", "", "", required,
       "Start of the step."},
      {"stages.<id>.lanes.<n>.open_lanes.<n>.to", value, "time of day", "", "", required,
       "End of the step (after from)."},
      {"stages.<id>.lanes.<n>.open_lanes.<n>.lanes", value, "integer ≥ 0", "", "", required,
       "Lanes open during the step, at most the group's count."},
      {"stages.<id>.lanes.<n>.service_scale", value,
       "number > 0, array of 24 numbers > 0 or CSV column", "", "", optional,
       "Factor on this group's service times, by the hour a service starts in (hour 0 = "
       "00:00–01:00): slower (> 1) or faster (< 1) hours; 1 when absent. Beside this group's "
       "rate_per_lane it multiplies the rate's times (1.25: 25 % slower than the rate)."},
      {"stages.<id>.lanes.<n>.service_scale_weekday", table,
       "array of 7 numbers > 0 or table of weekday → number", "", "", optional,
       "Factor on the service times of this group by weekday (Monday first); 1 when absent."},
      {"stages.<id>.lanes.<n>.service_scale_weekday.<weekday>", value, "number > 0", "", "1.0",
       optional, "Factor on this weekday (\"sat\" or \"saturday\" …; each day once)."},
      {"stages.<id>.lanes.<n>.rate_per_lane", value,
       "number > 0, array of 24 numbers > 0 or CSV column", "", "", optional,
       "Processing rate in vehicles per hour per open lane, the same every hour or one per hour: "
       "replaces the service time of this group for every class (mean 3600 s / rate in that "
       "hour)."},
      {"stages.<id>.lanes.<n>.rate_cv", value, "number 0 … 10", "", "", optional,
       "With rate_per_lane: coefficient of variation of the service time (1, the default: "
       "exponential; 0: constant; else gamma)."},
      {"stages.<id>.open_lanes", table, "array of steps, array of 24 integers ≥ 0 or CSV column",
       "", "", optional,
       "Daily schedule of open lanes when `lanes` is a number: steps (all lanes are open outside "
       "them), or the lanes open in each hour (hour 0 = 00:00–01:00), at most `lanes`."},
      {"stages.<id>.open_lanes.<n>", table, "table", "", "", optional,
       "One step: `{ from = \"00:00\", to = \"06:00\", lanes = 1 }`."},
      {"stages.<id>.open_lanes.<n>.from", value, "time of day", "", "", required,
       "Start of the step."},
      {"stages.<id>.open_lanes.<n>.to", value, "time of day", "", "", required,
       "End of the step (after from)."},
      {"stages.<id>.open_lanes.<n>.lanes", value, "integer ≥ 0", "", "", required,
       "Lanes open during the step, at most `lanes`."},
      {"stages.<id>.queue", value, "\"shared\" or \"per_lane\"", "", "\"shared\"", optional,
       "One queue for all lanes, or one per lane with shortest-queue choice; a closing lane's "
       "queue moves to the open lanes of its group."},
      {"stages.<id>.service", value, "distribution", "time", "", optional,
       "Service time for every class not in service_by_class; needed unless that covers every "
       "class reaching the stage."},
      {"stages.<id>.service_by_class", table, "table of class → distribution", "", "", optional,
       "Service time per class."},
      {"stages.<id>.service_by_class.<class>", value, "distribution", "time", "", optional,
       "Service time of this class."},
      {"stages.<id>.service_scale", value, "number > 0, array of 24 numbers > 0 or CSV column", "",
       "", optional,
       "Factor on the service times of every lane group without its own, by the hour a service "
       "starts in (hour 0 = 00:00–01:00): slower (> 1) or faster (< 1) hours; 1 when absent. "
       "Beside the stage's rate_per_lane it multiplies the rate's times (the factor "
       "`tumen calibrate` fits against a published rate table)."},
      {"stages.<id>.service_scale_weekday", table,
       "array of 7 numbers > 0 or table of weekday → number", "", "", optional,
       "Factor on the service times of every lane group without its own by weekday (Monday first); "
       "1 when absent."},
      {"stages.<id>.service_scale_weekday.<weekday>", value, "number > 0", "", "1.0", optional,
       "Factor on this weekday (\"sat\" or \"saturday\" …; each day once)."},
      {"stages.<id>.rate_per_lane", value, "number > 0, array of 24 numbers > 0 or CSV column", "",
       "", optional,
       "Processing rate in vehicles per hour per open lane, the same every hour or one per hour: "
       "replaces the service time of every lane group without its own for every class (mean 3600 s "
       "/ rate in that hour)."},
      {"stages.<id>.rate_cv", value, "number 0 … 10", "", "", optional,
       "With rate_per_lane: coefficient of variation of the service time (1, the default: "
       "exponential; 0: constant; else gamma)."},
      {"stages.<id>.priority_by_class", table, "table of class → integer", "", "", optional,
       "Queue priority per class; higher is served first."},
      {"stages.<id>.priority_by_class.<class>", value, "integer", "", "0", optional,
       "Priority of this class."},
      {"stages.<id>.patience", value, "distribution", "time", "", optional,
       "How long a vehicle of any class waits before leaving the queue; forever when absent."},
      {"stages.<id>.patience_by_class", table, "table of class → distribution", "", "", optional,
       "Patience per class."},
      {"stages.<id>.patience_by_class.<class>", value, "distribution", "time", "", optional,
       "Patience of this class."},
      {"stages.<id>.next", table, "array of branches", "", "", optional,
       "Further stages a share of vehicles visits after this one (e.g. secondary inspection)."},
      {"stages.<id>.next.<n>", table, "table", "", "", optional,
       "One branch: `{ stage = \"secondary\", share = 0.1 }`."},
      {"stages.<id>.next.<n>.stage", value, "stage id", "", "", required, "The further stage."},
      {"stages.<id>.next.<n>.share", table, "share or table of class → share", "", "", required,
       "Probability of being sent there, for all classes or per class; shares per class sum to ≤ "
       "1."},
      {"stages.<id>.next.<n>.share.<class>", value, "share 0 … 1", "", "0", optional,
       "Share for this class."},
      {"stages.<id>.hours", value, "hours", "", "\"00:00-24:00\"", optional,
       "Opening hours each open day: \"08:00-20:00\", a list of ranges, or \"closed\"."},
      {"stages.<id>.days", value, "array of weekdays", "", "", optional,
       "Weekdays the stage opens; every day when absent."},
      {"stages.<id>.hours_by_day", table, "table of weekday → hours", "", "", optional,
       "Hours for particular weekdays, replacing `hours` on those days."},
      {"stages.<id>.hours_by_day.<weekday>", value, "hours", "", "", optional,
       "Hours on this weekday (\"sat\" or \"saturday\" …; each day once)."},

      {"yards", table, "table of yards", "", "", optional, "Transshipment yards."},
      {"yards.<id>", table, "table", "", "", optional, "One yard."},
      {"yards.<id>.name", value, "string", "", "", optional, "Display name; defaults to the id."},
      {"yards.<id>.side", value, "side id", "", "", optional, "The side the yard belongs to."},
      {"yards.<id>.bays", value, "integer ≥ 1", "", "1", optional,
       "Bays where a truck can be unloaded."},
      {"yards.<id>.crews", value, "integer ≥ 1", "", "", optional,
       "Crews or forklifts; transfers at once = min(bays, crews). As many as bays when absent."},
      {"yards.<id>.rate", value, "quantity > 0", "mass_rate", "", optional,
       "Transfer rate per bay; give this or time_per_truck."},
      {"yards.<id>.time_per_truck", value, "distribution", "time", "", optional,
       "Transfer time per truck; give this or rate."},
      {"yards.<id>.setup", value, "distribution", "time", "\"0 s\"", optional,
       "Fixed handling time per truck, added to the transfer."},
      {"yards.<id>.parking", value, "integer ≥ 1", "", "", required,
       "Trucks that can wait in the yard; more wait on the link behind."},
      {"yards.<id>.receiving_class", value, "class id", "", "", required,
       "Class of the truck that takes the cargo on. Transshipment may not lead back to a class "
       "on a route already passed (the cargo would never clear)."},
      {"yards.<id>.onward_route", value, "route id", "", "", optional,
       "Route of the loaded receiving truck; the rest of the delivering truck's route when "
       "absent."},
      {"yards.<id>.empty_truck_route", value, "route id", "", "", optional,
       "Route the emptied truck follows next; it leaves the model at the yard when absent. It "
       "may not lead the truck back to a yard that empties it onto this route again."},
      {"yards.<id>.hours", value, "hours", "", "\"00:00-24:00\"", optional,
       "Opening hours each open day (as for stages)."},
      {"yards.<id>.days", value, "array of weekdays", "", "", optional,
       "Weekdays the yard opens; every day when absent."},
      {"yards.<id>.hours_by_day", table, "table of weekday → hours", "", "", optional,
       "Hours for particular weekdays."},
      {"yards.<id>.hours_by_day.<weekday>", value, "hours", "", "", optional,
       "Hours on this weekday (each day once)."},

      {"routes", table, "table of routes", "", "", required, "Directions of travel; at least one."},
      {"routes.<id>", table, "table", "", "", optional, "One route."},
      {"routes.<id>.name", value, "string", "", "", optional, "Display name; defaults to the id."},
      {"routes.<id>.from", value, "side id", "", "", optional, "Side the route starts on."},
      {"routes.<id>.to", value, "side id", "", "", optional, "Side the route ends on."},
      {"routes.<id>.path", value, "array of element ids", "", "", required,
       "Links, holding areas, stages and yards in the order passed; not empty."},

      {"demand", table, "array of tables", "", "", required, "Traffic; at least one entry."},
      {"demand.<n>", table, "table", "", "", optional, "One class on one route."},
      {"demand.<n>.class", value, "class id", "", "", optional,
       "The vehicle class; may be left out when there is exactly one class."},
      {"demand.<n>.route", value, "route id", "", "", optional,
       "The route; may be left out when there is exactly one route."},
      {"demand.<n>.per_day", value, "number ≥ 0", "", "", optional,
       "Vehicles per day, spread over the day by `profile`. Give this or per_hour."},
      {"demand.<n>.profile", value, "\"flat\", array of 24 weights ≥ 0 or CSV column", "",
       "\"flat\"", optional,
       "Hourly shape of per_day (hour 0 = 00:00–01:00); normalised to sum 1."},
      {"demand.<n>.per_hour", value, "number ≥ 0, array of 24 numbers ≥ 0 or CSV column", "", "",
       optional,
       "Vehicles per hour, the same every hour or one per hour of day. Give this or per_day."},
      {"demand.<n>.weekday_factors", table, "array of 7 numbers ≥ 0 or table of weekday → number",
       "", "", optional, "Multipliers per weekday (Monday first); 1 when absent."},
      {"demand.<n>.weekday_factors.<weekday>", value, "number ≥ 0", "", "1.0", optional,
       "Multiplier on this weekday (\"sat\" or \"saturday\" …; each day once)."},
      {"demand.<n>.arrivals", value, "\"poisson\" or \"even\"", "", "\"poisson\"", optional,
       "Poisson arrivals, or exactly the expected number each hour, evenly spaced."},
      {"demand.<n>.initial_queue", value, "integer ≥ 0", "", "0", optional,
       "Vehicles already waiting at the first stage or yard of the route when the run begins; "
       "all demands' together at most run.max_vehicles_inside."},
      {"demand.<n>.booking", table, "table", "", "", optional,
       "Booked arrivals: vehicles come in slots instead of at random."},
      {"demand.<n>.booking.slots_per_hour", value, "number > 0", "", "", required,
       "Slots per hour; each hour's demand fills the earliest slots."},
      {"demand.<n>.booking.tolerance", value, "quantity", "time", "\"0 s\"", optional,
       "A booked vehicle arrives uniformly within ± this of its slot."},
      {"demand.<n>.booking.no_show", value, "share 0 … 1", "", "0.0", optional,
       "Share of booked vehicles that never come."},

      {"closures", table, "array of tables", "", "", optional, "Closures and holidays."},
      {"closures.<n>", table, "table", "", "", optional,
       "One closure: a period given by from/to, by day, or by day with from/to as times of day."},
      {"closures.<n>.target", value, "element id or \"all\"", "", "\"all\"", optional,
       "What is closed: a link, holding area, stage or yard, or the whole crossing."},
      {"closures.<n>.day", value, "integer ≥ 1", "", "", optional,
       "A whole day (a holiday), day 1 being the first day of the run."},
      {"closures.<n>.from", value, "\"day N HH:MM\" (or \"HH:MM\" with day)", "", "", optional,
       "Start of the closure."},
      {"closures.<n>.to", value, "\"day N HH:MM\" (or \"HH:MM\" with day)", "", "", optional,
       "End of the closure (after from)."},
      {"closures.<n>.lanes", value, "integer ≥ 1", "", "", optional,
       "Close only this many lanes of a link or a stage (of each lane group); all when absent."},
      {"closures.<n>.reason", value, "string", "", "\"\"", optional, "Why (shown in reports)."},

      {"rail_bridges", table, "table of rail sections", "", "", optional,
       "Single-track sections (a rail bridge)."},
      {"rail_bridges.<id>", table, "table", "", "", optional,
       "One section, used by both directions."},
      {"rail_bridges.<id>.name", value, "string", "", "", optional,
       "Display name; defaults to the id."},
      {"rail_bridges.<id>.length", value, "quantity > 0", "length", "", required, "Length."},
      {"rail_bridges.<id>.speed", value, "quantity > 0", "speed", "", required,
       "Train speed; crossing time = length / speed."},
      {"rail_bridges.<id>.single_track", value, "boolean", "", "true", optional,
       "One direction at a time; false gives each direction its own track."},
      {"rail_bridges.<id>.headway", value, "quantity", "time", "\"0 s\"", optional,
       "Least time between two trains of the same direction entering."},
      {"rail_bridges.<id>.clearance", value, "quantity", "time", "\"0 s\"", optional,
       "Least time between the last train leaving and a train of the other direction entering."},

      {"rail_stations", table, "table of stations", "", "", optional, "Border stations."},
      {"rail_stations.<id>", table, "table", "", "", optional, "One station."},
      {"rail_stations.<id>.name", value, "string", "", "", optional,
       "Display name; defaults to the id."},
      {"rail_stations.<id>.side", value, "side id", "", "", optional,
       "The side the station belongs to."},
      {"rail_stations.<id>.tracks", value, "integer ≥ 1", "", "1", optional,
       "Trains inspected at once."},
      {"rail_stations.<id>.inspection", value, "distribution", "time", "", optional,
       "Inspection time of a train of any kind not in inspection_by_kind."},
      {"rail_stations.<id>.inspection_by_kind", table, "table of train kind → distribution", "", "",
       optional, "Inspection time per train kind."},
      {"rail_stations.<id>.inspection_by_kind.<kind>", value, "distribution", "time", "", optional,
       "Inspection time of this kind."},
      {"rail_stations.<id>.hours", value, "hours", "", "\"00:00-24:00\"", optional,
       "Hours when inspections start (as for stages)."},
      {"rail_stations.<id>.days", value, "array of weekdays", "", "", optional,
       "Weekdays the station works; every day when absent."},
      {"rail_stations.<id>.hours_by_day", table, "table of weekday → hours", "", "", optional,
       "Hours for particular weekdays."},
      {"rail_stations.<id>.hours_by_day.<weekday>", value, "hours", "", "", optional,
       "Hours on this weekday (each day once)."},

      {"gauge_change", table, "table of gauge-change yards", "", "", optional,
       "Where trains change gauge."},
      {"gauge_change.<id>", table, "table", "", "", optional, "One yard."},
      {"gauge_change.<id>.name", value, "string", "", "", optional,
       "Display name; defaults to the id."},
      {"gauge_change.<id>.side", value, "side id", "", "", optional,
       "The side the yard belongs to."},
      {"gauge_change.<id>.method", value, "\"transship\" or \"bogie_exchange\"", "", "", required,
       "Cargo moved between wagons (needs rate), or wagons put on new bogies (needs "
       "time_per_wagon)."},
      {"gauge_change.<id>.rate", value, "quantity > 0", "mass_rate", "", optional,
       "Transship: tonnes moved per hour on one track."},
      {"gauge_change.<id>.time_per_wagon", value, "distribution", "time", "", optional,
       "Bogie exchange: time per wagon or coach."},
      {"gauge_change.<id>.setup", value, "distribution", "time", "\"0 s\"", optional,
       "Fixed time per train (shunting, paperwork; for a passenger train on transship: the change "
       "of trains)."},
      {"gauge_change.<id>.tracks", value, "integer ≥ 1", "", "1", optional,
       "Trains worked at once."},
      {"gauge_change.<id>.capacity_wagons", value, "integer ≥ 1", "", "", optional,
       "Wagons the yard holds, waiting or worked; trains wait outside when full. Unlimited when "
       "absent."},
      {"gauge_change.<id>.hours", value, "hours", "", "\"00:00-24:00\"", optional,
       "Hours when work on a train starts."},
      {"gauge_change.<id>.days", value, "array of weekdays", "", "", optional,
       "Weekdays the yard works; every day when absent."},
      {"gauge_change.<id>.hours_by_day", table, "table of weekday → hours", "", "", optional,
       "Hours for particular weekdays."},
      {"gauge_change.<id>.hours_by_day.<weekday>", value, "hours", "", "", optional,
       "Hours on this weekday (each day once)."},

      {"train_kinds", table, "table of train kinds", "", "", optional,
       "Kinds of train; needed when there are trains."},
      {"train_kinds.<id>", table, "table", "", "", optional, "One kind."},
      {"train_kinds.<id>.name", value, "string", "", "", optional,
       "Display name; defaults to the id."},
      {"train_kinds.<id>.wagons", value, "distribution", "count", "0", optional,
       "Freight wagons per train (rounded)."},
      {"train_kinds.<id>.tonnes_per_wagon", value, "distribution", "mass", "\"0 t\"", optional,
       "Cargo of a loaded wagon, drawn per wagon."},
      {"train_kinds.<id>.loaded_share", value, "share 0 … 1", "", "1.0", optional,
       "Share of trains that are loaded; the others run empty wagons."},
      {"train_kinds.<id>.coaches", value, "distribution", "count", "0", optional,
       "Passenger coaches per train (rounded)."},
      {"train_kinds.<id>.persons_per_coach", value, "distribution", "count", "0", optional,
       "Passengers per coach, drawn per coach."},

      {"rail_routes", table, "table of rail routes", "", "", optional,
       "Directions of rail travel."},
      {"rail_routes.<id>", table, "table", "", "", optional, "One rail route."},
      {"rail_routes.<id>.name", value, "string", "", "", optional,
       "Display name; defaults to the id."},
      {"rail_routes.<id>.from", value, "side id", "", "", required,
       "Side the route starts on (its direction on single-track sections)."},
      {"rail_routes.<id>.to", value, "side id", "", "", required,
       "Side the route ends on; not from."},
      {"rail_routes.<id>.path", value, "array of rail element ids", "", "", required,
       "Rail stations, rail bridges and gauge-change yards in the order passed; not empty."},

      {"trains", table, "array of tables", "", "", optional, "Train services."},
      {"trains.<n>", table, "table", "", "", optional, "Trains of one kind on one rail route."},
      {"trains.<n>.kind", value, "train kind id", "", "", optional,
       "The kind; may be left out when there is exactly one."},
      {"trains.<n>.route", value, "rail route id", "", "", optional,
       "The rail route; may be left out when there is exactly one."},
      {"trains.<n>.timetable", value, "array of times of day", "", "", optional,
       "A train reaches the start of its route at each of these times, every running day. Give "
       "this or per_day."},
      {"trains.<n>.per_day", value, "number ≥ 0", "", "", optional,
       "Trains per day, evenly spaced over window. Give this or timetable."},
      {"trains.<n>.window", value, "hours (one range)", "", "\"00:00-24:00\"", optional,
       "With per_day: the part of the day the trains are spread over."},
      {"trains.<n>.days", value, "array of weekdays", "", "", optional,
       "Weekdays the trains run; every day when absent."},
      {"trains.<n>.weekday_factors", table, "array of 7 numbers ≥ 0 or table of weekday → number",
       "", "", optional, "With per_day: multipliers per weekday (Monday first); 1 when absent."},
      {"trains.<n>.weekday_factors.<weekday>", value, "number ≥ 0", "", "1.0", optional,
       "Multiplier on this weekday (\"sat\" or \"saturday\" …; each day once)."},
      {"trains.<n>.delay", value, "distribution", "time", "\"0 s\"", optional,
       "Lateness of each train against its planned time."},

      {"variants", table, "table of variants", "", "", optional, "Named override sets."},
      {"variants.<name>", value, "table of key path → value", "", "", optional,
       "Overrides applied by `--variant NAME`, written like `\"stages.kp_customs.lanes\" = 6`."},

      {"tables", table, "table of file name → CSV text", "", "", optional,
       "CSV files by the name references give (`tables.\"rates.csv\" = '''hour,general …'''`)."},
      {"tables.<file>", value, "string (CSV text)", "", "", optional,
       "One CSV file: a header row naming the columns, one of them `hour`, then a row per hour; "
       "lines starting with # are comments."},
  };
  return rows;
}

namespace {

std::vector<std::string> split(std::string_view dotted) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    const auto dot = dotted.find('.', from);
    out.emplace_back(dotted.substr(from, dot - from));
    if (dot == std::string_view::npos) break;
    from = dot + 1;
  }
  return out;
}

bool is_wildcard(std::string_view segment) {
  return !segment.empty() && segment.front() == '<' && segment.back() == '>';
}

struct compiled_row {
  std::vector<std::string> segments;
  const key_spec* spec;
};

const std::vector<compiled_row>& compiled() {
  static const std::vector<compiled_row> rows = [] {
    std::vector<compiled_row> out;
    for (const auto& r : key_table()) out.push_back({split(r.pattern), &r});
    return out;
  }();
  return rows;
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i)
    if (!is_wildcard(pattern[i]) && pattern[i] != path[i]) return false;
  return true;
}

std::string escape_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else
      out += c;
  }
  return out;
}

// `text` as inline code, or a dash when there is none.
std::string code_or_dash(std::string_view text) {
  return text.empty() ? std::string("—") : fmt::format("`{}`", escape_cell(text));
}

}  // namespace

const key_spec* find_key(const std::vector<std::string>& path) {
  const key_spec* wild = nullptr;
  for (const auto& row : compiled()) {
    if (!matches(row.segments, path)) continue;
    // Prefer a row that matches literally over one that matches through wildcards.
    bool literal = true;
    for (const auto& s : row.segments) literal = literal && !is_wildcard(s);
    if (literal) return row.spec;
    if (!wild) wild = row.spec;
  }
  return wild;
}

bool takes_csv_column(const key_spec& row) {
  return row.type.find("CSV column") != std::string_view::npos;
}

const key_spec* find_key(std::string_view dotted_path) {
  return find_key(split(dotted_path));
}

std::vector<std::string> child_names(const std::vector<std::string>& parent) {
  std::vector<std::string> out;
  for (const auto& row : compiled()) {
    if (row.segments.size() != parent.size() + 1) continue;
    const std::vector<std::string> head(row.segments.begin(), row.segments.end() - 1);
    if (!matches(head, parent)) continue;
    if (!is_wildcard(row.segments.back())) out.push_back(row.segments.back());
  }
  return out;
}

std::string reference_markdown() {
  std::string out;
  out +=
      "# Scenario reference (format 1)\n\n"
      "<!-- Generated from src/tumen/scenario/key_table.cpp; do not edit. Refresh with\n"
      "     TUMEN_REFRESH_REFERENCE=1 <build>/tests/tumen_scenario_tests "
      "--gtest_filter=key_table.reference_page_is_current -->\n\n"
      "Every key a scenario file may contain. The ideas behind them are explained in\n"
      "[scenario-format.md](scenario-format.md). In a key, `<id>` is an id you choose, `<class>` "
      "a\n"
      "class id, `<kind>` a train kind id, `<weekday>` a weekday (`mon` … `sun` or `monday` … "
      "`sunday`, in any case; a table may name each day once), `<n>` a position "
      "in an array (from 0, as in\n"
      "`--set demand.0.per_day=120`), and `<name>` a variant name. A default is written as you "
      "would\n"
      "write it in the file; \"—\" means none. Any key not listed here is an error.\n\n";

  out += "## Units\n\n| dimension | units | stored as |\n|---|---|---|\n";
  for (const auto d : {dimension::time, dimension::length, dimension::speed, dimension::mass,
                       dimension::mass_rate}) {
    std::string units;
    for (const auto& u : known_units()) {
      if (u.dim != d) continue;
      if (!units.empty()) units += ", ";
      units += fmt::format("`{}`", u.symbol);
    }
    std::string name(dimension_name(d));
    out += fmt::format("| {} | {} | {} |\n", name.substr(name.find(' ') + 1), units, base_unit(d));
  }
  out +=
      "\nA quantity is a string: a number, an optional space, a unit (`\"12 min\"`, `\"2.4km\"`). "
      "It may\n"
      "not be negative, NaN, infinite or above 1e9 of its unit. A *count* is a bare number.\n"
      "Times of day are `\"HH:MM\"` from `\"00:00\"` to `\"24:00\"`; *hours* are ranges\n"
      "`\"08:00-20:00\"`, a list of ranges, or `\"closed\"`. Weekdays are `mon` … `sun`.\n\n";

  out += "## Distributions\n\n| kind | string form | table form | meaning |\n|---|---|---|---|\n";
  for (const auto& f : distribution_forms()) {
    out += fmt::format("| `{}` | {} | `{}` | {} |\n", f.name, code_or_dash(f.string_example),
                       escape_cell(f.table_example), escape_cell(f.meaning));
  }
  out +=
      "\nAny table form takes `shift = \"10 min\"` (added to every sample); the string form "
      "writes\n"
      "it as `\"10 min + exp(mean 5 min)\"`. Parameters carry the key's unit except `cv`, `k`,\n"
      "`weights` and `cdf`, which are bare numbers.\n";

  for (const auto& s : sections()) {
    out += fmt::format("\n## {}\n\n{}\n\n", s.heading, s.about);
    out += "| key | type | unit | default | required | description |\n|---|---|---|---|---|---|\n";
    for (const auto& r : key_table()) {
      const auto first = r.pattern.substr(0, r.pattern.find('.'));
      if (first != s.key) continue;
      out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", r.pattern, escape_cell(r.type),
                         r.unit.empty() ? "—" : r.unit, code_or_dash(r.default_value),
                         r.required ? "yes" : "", escape_cell(r.doc));
    }
  }
  return out;
}

}  // namespace tumen::scenario
