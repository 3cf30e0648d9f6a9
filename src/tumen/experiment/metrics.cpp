// Flattening a replication's figures into named scalars (see tumen/experiment/metrics.hpp).
#include "tumen/experiment/metrics.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "tumen/base/error.hpp"

namespace tumen::experiment {

namespace {

void durations(std::vector<named_value>& out, const std::string& prefix,
               const results::duration_summary& d) {
  out.emplace_back(prefix + ".mean", d.mean);
  out.emplace_back(prefix + ".p50", d.p50);
  out.emplace_back(prefix + ".p90", d.p90);
  out.emplace_back(prefix + ".p95", d.p95);
  out.emplace_back(prefix + ".p99", d.p99);
  out.emplace_back(prefix + ".max", d.max);
}

void hourly(std::vector<named_value>& out, const std::string& prefix,
            const results::hourly_values& v) {
  for (std::size_t h = 0; h < v.size(); ++h)
    out.emplace_back(fmt::format("{}.{:02}", prefix, h), v[h]);
}

// The rail line's figures, when the crossing has one (rail.*).
void rail(std::vector<named_value>& out, const results::replication_result& r) {
  const auto& rl = r.rail;
  if (rl.flows.empty() && rl.stations.empty() && rl.bridges.empty() && rl.gauge_changes.empty())
    return;
  const auto& t = r.totals;
  out.emplace_back("rail.trains_per_day", t.trains_per_day);
  out.emplace_back("rail.wagons_per_day", t.wagons_per_day);
  out.emplace_back("rail.persons_per_day", t.rail_persons_per_day);
  out.emplace_back("rail.tonnes_per_day", t.rail_tonnes_per_day);
  for (const auto& d : rl.directions) {
    const std::string p = "rail." + d.from + "_to_" + d.to;
    out.emplace_back(p + ".trains_per_day", d.trains_per_day);
    out.emplace_back(p + ".tonnes_per_day", d.tonnes_per_day);
    out.emplace_back(p + ".persons_per_day", d.persons_per_day);
  }
  for (const auto& s : rl.stations) {
    const std::string p = "rail.station." + s.id;
    out.emplace_back(p + ".inspected", static_cast<double>(s.inspected));
    durations(out, p + ".wait", s.wait);
    out.emplace_back(p + ".inspection.mean", s.inspection.mean);
    out.emplace_back(p + ".utilisation", s.utilisation);
  }
  for (const auto& b : rl.bridges) {
    const std::string p = "rail.bridge." + b.id;
    out.emplace_back(p + ".crossings", static_cast<double>(b.crossings));
    out.emplace_back(p + ".reversals", static_cast<double>(b.reversals));
    durations(out, p + ".wait", b.wait);
    out.emplace_back(p + ".occupied_share", b.occupied_share);
  }
  for (const auto& g : rl.gauge_changes) {
    const std::string p = "rail.gauge." + g.id;
    out.emplace_back(p + ".trains", static_cast<double>(g.trains));
    out.emplace_back(p + ".tonnes", g.tonnes);
    durations(out, p + ".wait", g.wait);
    out.emplace_back(p + ".work.mean", g.work.mean);
    out.emplace_back(p + ".utilisation", g.utilisation);
    out.emplace_back(p + ".wagons_in_yard_max", g.wagons_in_yard_max);
  }
  for (const auto& f : rl.flows) {
    const std::string p = "rail.flow." + f.route + "." + f.kind;
    out.emplace_back(p + ".arrived", static_cast<double>(f.arrived));
    out.emplace_back(p + ".cleared", static_cast<double>(f.cleared));
    out.emplace_back(p + ".inside", static_cast<double>(f.inside));
    out.emplace_back(p + ".tonnes_cleared", f.tonnes_cleared);
    out.emplace_back(p + ".persons_cleared", f.persons_cleared);
    out.emplace_back(p + ".time_in_system.mean", f.time_in_system.mean);
  }
}

}  // namespace

std::vector<named_value> scalars(const results::replication_result& r, bool with_hourly) {
  std::vector<named_value> out;
  const auto& t = r.totals;
  out.emplace_back("vehicles_per_day", t.vehicles_per_day);
  out.emplace_back("persons_per_day", t.persons_per_day);
  out.emplace_back("tonnes_per_day", t.tonnes_per_day);
  out.emplace_back("vehicles_inside_at_end", static_cast<double>(t.vehicles_inside_at_end));
  out.emplace_back("peak_vehicles_inside", static_cast<double>(t.peak_vehicles_inside));
  out.emplace_back("saturated", r.saturated ? 1.0 : 0.0);
  double max_p95 = 0, max_mean = 0, max_util = 0;
  for (const auto& s : r.stages) {
    max_p95 = std::max(max_p95, s.wait.p95);
    max_mean = std::max(max_mean, s.wait.mean);
    max_util = std::max(max_util, s.utilisation);
  }
  for (const auto& y : r.yards) {
    max_p95 = std::max(max_p95, y.wait_for_bay.p95);
    max_mean = std::max(max_mean, y.wait_for_bay.mean);
    max_util = std::max(max_util, y.utilisation);
  }
  out.emplace_back("all_modes.persons_per_day", t.all_modes_persons_per_day);
  out.emplace_back("all_modes.tonnes_per_day", t.all_modes_tonnes_per_day);
  out.emplace_back("max_wait_p95", max_p95);
  out.emplace_back("max_wait_mean", max_mean);
  out.emplace_back("max_utilisation", max_util);

  for (const auto& s : r.stages) {
    const std::string p = "stage." + s.id;
    out.emplace_back(p + ".arrived", static_cast<double>(s.arrived));
    out.emplace_back(p + ".served", static_cast<double>(s.served));
    out.emplace_back(p + ".abandoned", static_cast<double>(s.abandoned));
    durations(out, p + ".wait", s.wait);
    out.emplace_back(p + ".service.mean", s.service.mean);
    out.emplace_back(p + ".queue_mean", s.queue_mean);
    out.emplace_back(p + ".queue_max", s.queue_max);
    out.emplace_back(p + ".utilisation", s.utilisation);
    out.emplace_back(p + ".open_lanes_mean", s.open_lanes_mean);
    if (with_hourly) {
      hourly(out, p + ".hourly.queue_mean", s.hourly.queue_mean);
      hourly(out, p + ".hourly.wait_mean", s.hourly.wait_mean);
      hourly(out, p + ".hourly.utilisation", s.hourly.utilisation);
      hourly(out, p + ".hourly.arrivals_per_day", s.hourly.arrivals_per_day);
      hourly(out, p + ".hourly.open_lanes", s.hourly.open_lanes);
    }
  }
  for (const auto& h : r.holding) {
    const std::string p = "holding." + h.id;
    out.emplace_back(p + ".occupancy_mean", h.occupancy_mean);
    out.emplace_back(p + ".occupancy_max", h.occupancy_max);
    out.emplace_back(p + ".turned_away", static_cast<double>(h.turned_away));
    out.emplace_back(p + ".waited_outside", static_cast<double>(h.waited_outside));
    out.emplace_back(p + ".wait_outside.p95", h.wait_outside.p95);
    if (with_hourly) hourly(out, p + ".hourly.occupancy", h.occupancy_hourly);
  }
  for (const auto& y : r.yards) {
    const std::string p = "yard." + y.id;
    out.emplace_back(p + ".transfers", static_cast<double>(y.transfers));
    out.emplace_back(p + ".tonnes_transferred", y.tonnes_transferred);
    out.emplace_back(p + ".utilisation", y.utilisation);
    out.emplace_back(p + ".parking_max", y.parking_max);
    durations(out, p + ".wait", y.wait_for_bay);
    out.emplace_back(p + ".transfer.mean", y.transfer.mean);
    if (with_hourly) hourly(out, p + ".hourly.utilisation", y.utilisation_hourly);
  }
  rail(out, r);
  for (const auto& f : r.flows) {
    const std::string p = "flow." + f.route + "." + f.vehicle_class + "." + f.origin;
    out.emplace_back(p + ".arrived", static_cast<double>(f.arrived));
    out.emplace_back(p + ".cleared", static_cast<double>(f.cleared));
    out.emplace_back(p + ".transferred", static_cast<double>(f.transferred));
    out.emplace_back(p + ".inside", static_cast<double>(f.inside));
    out.emplace_back(p + ".turned_away", static_cast<double>(f.turned_away));
    out.emplace_back(p + ".abandoned", static_cast<double>(f.abandoned));
    out.emplace_back(p + ".tonnes_cleared", f.tonnes_cleared);
    out.emplace_back(p + ".time_in_system.mean", f.time_in_system.mean);
    out.emplace_back(p + ".time_in_system.p95", f.time_in_system.p95);
  }
  return out;
}

double metric(const results::replication_result& r, std::string_view name) {
  const bool hourly = name.find(".hourly.") != std::string_view::npos;
  const auto all = scalars(r, hourly);
  for (const auto& [n, v] : all)
    if (n == name) return v;
  std::string near;
  int shown = 0;
  for (const auto& [n, v] : all) {
    if (shown == 12) break;
    const auto dot = name.find('.');
    if (n.compare(0, dot, name.substr(0, dot)) == 0) {
      near += (near.empty() ? "" : ", ") + n;
      ++shown;
    }
  }
  throw input_error(
      "metric", "unknown metric '" + std::string(name) + "'",
      near.empty() ? "e.g. vehicles_per_day, max_wait_p95, stage.<id>.wait.p95" : "e.g. " + near);
}

}  // namespace tumen::experiment
