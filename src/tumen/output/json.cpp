// JSON rendering of results (see tumen/output/json.hpp).
#include "tumen/output/json.hpp"

#include <cmath>
#include <cstdio>
#include <utility>

#include "tumen/output/atomic_file.hpp"

namespace tumen::results {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(duration_summary, count, mean, p50, p90, p95, p99, max)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(flow_result, route, vehicle_class, origin, arrived, cleared,
                                   transferred, inside, turned_away, abandoned, persons_arrived,
                                   persons_cleared, tonnes_arrived, tonnes_cleared,
                                   tonnes_transferred, tonnes_inside, tonnes_turned_away,
                                   tonnes_abandoned, cleared_measured, persons_cleared_measured,
                                   tonnes_cleared_measured, time_in_system)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(stage_hourly, arrivals_per_day, wait_mean, queue_mean,
                                   utilisation, open_lanes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(class_figures, vehicle_class, arrived, served, abandoned,
                                   waiting_at_end, wait, wait_with_unserved_mean)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(stage_result, id, name, side, lanes, arrived, served, abandoned,
                                   waiting_at_end, in_service_at_end, wait, wait_with_unserved_mean,
                                   unserved_wait_mean, service, queue_time_mean, queue_mean,
                                   queue_max, busy_mean, open_lanes_mean, utilisation, arrival_rate,
                                   hourly, by_class)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(holding_result, id, name, capacity, entered, turned_away,
                                   waited_outside, wait_outside, occupancy_mean, occupancy_max,
                                   occupancy_hourly)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(yard_result, id, name, side, bays, trucks_arrived, transfers,
                                   empty_arrivals, tonnes_transferred, wait_for_bay, transfer,
                                   parking_mean, parking_max, busy_mean, open_bays_mean,
                                   utilisation, utilisation_hourly, by_class)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(link_result, id, name, entered, entry_delay, travel_time)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(saturation, at, day, stage)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(train_flow_result, route, kind, from, to, arrived, cleared,
                                   inside, wagons_arrived, wagons_cleared, wagons_inside,
                                   tonnes_arrived, tonnes_cleared, tonnes_inside, persons_arrived,
                                   persons_cleared, persons_inside, cleared_measured,
                                   wagons_cleared_measured, tonnes_cleared_measured,
                                   persons_cleared_measured, time_in_system)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(rail_direction_result, from, to, trains_per_day, wagons_per_day,
                                   tonnes_per_day, persons_per_day)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(rail_station_result, id, name, side, tracks, arrived, inspected,
                                   wait, inspection, busy_mean, utilisation)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(rail_bridge_result, id, name, single_track, crossings, reversals,
                                   wait, occupied_share, trains_on_mean, crossing_time)

// gauge_change_result has an optional member, which the macro does not take.
void to_json(nlohmann::json& j, const gauge_change_result& g) {
  j = {{"id", g.id},
       {"name", g.name},
       {"side", g.side},
       {"method", g.method},
       {"tracks", g.tracks},
       {"capacity_wagons",
        g.capacity_wagons ? nlohmann::json(*g.capacity_wagons) : nlohmann::json(nullptr)},
       {"trains", g.trains},
       {"wagons", g.wagons},
       {"tonnes", g.tonnes},
       {"wait", g.wait},
       {"work", g.work},
       {"wagons_in_yard_mean", g.wagons_in_yard_mean},
       {"wagons_in_yard_max", g.wagons_in_yard_max},
       {"busy_mean", g.busy_mean},
       {"utilisation", g.utilisation}};
}

// A verdict; an untestable growth (too few days measured) has a null half-width.
void to_json(nlohmann::json& j, const element_verdict& v) {
  j = {
      {"kind", v.kind},
      {"element", v.element},
      {"lane_group", v.lane_group},
      {"verdict", to_string(v.verdict)},
      {"growth_per_day", v.growth_per_day},
      {"growth_half_width", std::isfinite(v.growth_half_width) ? nlohmann::json(v.growth_half_width)
                                                               : nlohmann::json(nullptr)},
      {"since_day", v.since_day ? nlohmann::json(*v.since_day) : nlohmann::json(nullptr)},
      {"lost_share", v.lost_share},
      {"backlog_at_end", v.backlog_at_end},
      {"load", v.load}};
}

void to_json(nlohmann::json& j, const run_verdict& v) {
  j = {{"verdict", to_string(v.verdict)},
       {"stopped_because", v.stopped_because},
       {"elements", v.elements}};
}

void to_json(nlohmann::json& j, const rail_result& r) {
  j = {{"flows", r.flows},
       {"directions", r.directions},
       {"stations", r.stations},
       {"bridges", r.bridges},
       {"gauge_changes", r.gauge_changes}};
}

}  // namespace tumen::results

namespace tumen::output {

namespace {
nlohmann::json optional_number(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json to_json(const results::replication_result& r) {
  nlohmann::json totals = {
      {"vehicles_per_day", r.totals.vehicles_per_day},
      {"persons_per_day", r.totals.persons_per_day},
      {"tonnes_per_day", r.totals.tonnes_per_day},
      {"design_vehicles_per_day", optional_number(r.totals.design_vehicles_per_day)},
      {"design_persons_per_day", optional_number(r.totals.design_persons_per_day)},
      {"design_tonnes_per_day", optional_number(r.totals.design_tonnes_per_day)},
      {"vehicles_inside_at_end", r.totals.vehicles_inside_at_end},
      {"peak_vehicles_inside", r.totals.peak_vehicles_inside},
      {"trains_per_day", r.totals.trains_per_day},
      {"wagons_per_day", r.totals.wagons_per_day},
      {"rail_persons_per_day", r.totals.rail_persons_per_day},
      {"rail_tonnes_per_day", r.totals.rail_tonnes_per_day},
      {"all_modes_persons_per_day", r.totals.all_modes_persons_per_day},
      {"all_modes_tonnes_per_day", r.totals.all_modes_tonnes_per_day},
  };
  // The rail line, or null when the crossing has none.
  const bool has_rail = !r.rail.flows.empty() || !r.rail.stations.empty() ||
                        !r.rail.bridges.empty() || !r.rail.gauge_changes.empty();
  const nlohmann::json rail = has_rail ? nlohmann::json(r.rail) : nlohmann::json(nullptr);
  return {
      {"scenario", r.scenario},
      {"seed", r.seed},
      {"replication", r.replication},
      {"days", r.days},
      {"warmup", r.warmup},
      {"measured", r.measured},
      {"ended_at", r.ended_at},
      {"events", r.events},
      {"verdict", r.verdict},
      {"totals", totals},
      {"saturated", r.saturated ? nlohmann::json(*r.saturated) : nlohmann::json(nullptr)},
      {"flows", r.flows},
      {"stages", r.stages},
      {"holding", r.holding},
      {"yards", r.yards},
      {"links", r.links},
      {"rail", rail},
      {"warnings", r.warnings},
  };
}

nlohmann::json to_json(const std::vector<results::element_load>& loads) {
  // Field meanings: docs/offered-load.md.
  auto ratio = [](double x) {
    return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json("inf");
  };
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : loads) {
    nlohmann::json by_hour = nlohmann::json::array(), bands = nlohmann::json::array();
    for (const double r : l.rho_by_hour) by_hour.push_back(ratio(r));
    for (const auto& b : l.overloaded_hours())
      bands.push_back(
          {{"from_hour", b.from_hour}, {"to_hour", b.to_hour}, {"peak_rho", ratio(b.peak_rho)}});
    out.push_back({{"element", l.element},
                   {"kind", l.kind},
                   {"lane_group", l.lane_group},
                   {"lanes", l.lanes},
                   {"classes", l.classes},
                   {"arrivals_per_day", l.arrivals_per_day},
                   {"work_per_day", l.work_per_day},
                   {"capacity_per_day", l.capacity_per_day},
                   {"rho", ratio(l.rho)},
                   {"rho_by_hour", std::move(by_hour)},
                   {"peak_rho", ratio(l.peak_rho)},
                   {"peak_weekday", l.peak_weekday},
                   {"peak_hour", l.peak_hour},
                   {"overloaded_hours", std::move(bands)},
                   {"feeds", l.feeds},
                   {"overloaded", l.overloaded()},
                   {"kept_stable_by", l.kept_stable_by.empty() ? nlohmann::json(nullptr)
                                                               : nlohmann::json(l.kept_stable_by)},
                   {"min_lost_share", l.min_lost_share()},
                   {"saturated", l.saturated()}});
  }
  return out;
}

nlohmann::json number_or_null(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
}

nlohmann::json to_json(const results::interval_row& r) {
  return {{"mean", number_or_null(r.mean)},
          {"half_width", number_or_null(r.half_width)},
          {"low", number_or_null(r.low)},
          {"high", number_or_null(r.high)},
          {"n", r.n},
          {"min", number_or_null(r.min)},
          {"max", number_or_null(r.max)}};
}

nlohmann::json to_json(const std::vector<results::interval_row>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) {
    auto j = to_json(r);
    j["name"] = r.name;
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::json to_json(const results::difference_row& d) {
  return {{"metric", d.name},
          {"mean_a", number_or_null(d.mean_a)},
          {"mean_b", number_or_null(d.mean_b)},
          {"difference", number_or_null(d.mean)},
          {"half_width", number_or_null(d.half_width)},
          {"low", number_or_null(d.low)},
          {"high", number_or_null(d.high)},
          {"n", d.n},
          {"significant", d.significant()}};
}

void write_json(const std::string& path, const nlohmann::json& j) {
  const auto text = j.dump(2) + "\n";
  if (path == "-")
    std::fputs(text.c_str(), stdout);
  else
    write_file_atomically(path, text);
}

}  // namespace tumen::output
