// CSV tables of results (see tumen/output/csv.hpp).
#include "tumen/output/csv.hpp"

#include <fmt/format.h>
#include <initializer_list>
#include <system_error>

#include "tumen/base/error.hpp"
#include "tumen/output/atomic_file.hpp"

namespace tumen::output {

namespace {

std::string quote(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

class table {
 public:
  explicit table(std::initializer_list<const char*> header) {
    bool first = true;
    for (const char* h : header) {
      text_ += first ? "" : ",";
      text_ += h;
      first = false;
    }
    text_ += '\n';
  }
  table& cell(const std::string& s) { return raw(quote(s)); }
  table& cell(double x) { return raw(fmt::format("{}", x)); }
  table& cell(std::uint64_t x) { return raw(std::to_string(x)); }
  table& cell(int x) { return raw(std::to_string(x)); }
  table& durations(const results::duration_summary& d) {
    return cell(d.count).cell(d.mean).cell(d.p50).cell(d.p95).cell(d.max);
  }
  void end_row() {
    text_ += '\n';
    row_started_ = false;
  }
  std::string take() { return std::move(text_); }

 private:
  table& raw(const std::string& s) {
    if (row_started_) text_ += ',';
    text_ += s;
    row_started_ = true;
    return *this;
  }
  std::string text_;
  bool row_started_ = false;
};

// rail_flows.csv, rail_stations.csv, rail_bridges.csv, rail_gauge_changes.csv and
// rail_totals.csv, when the crossing has a rail line.
void add_rail_tables(std::map<std::string, std::string>& out,
                     const results::replication_result& r) {
  const auto& rl = r.rail;
  if (rl.flows.empty() && rl.stations.empty() && rl.bridges.empty() && rl.gauge_changes.empty())
    return;
  table flows({"rail_route",
               "kind",
               "from",
               "to",
               "arrived",
               "cleared",
               "inside",
               "wagons_arrived",
               "wagons_cleared",
               "tonnes_arrived",
               "tonnes_cleared",
               "tonnes_inside",
               "persons_arrived",
               "persons_cleared",
               "cleared_measured",
               "tis_count",
               "tis_mean_s",
               "tis_p50_s",
               "tis_p95_s",
               "tis_max_s"});
  for (const auto& f : rl.flows) {
    flows.cell(f.route)
        .cell(f.kind)
        .cell(f.from)
        .cell(f.to)
        .cell(f.arrived)
        .cell(f.cleared)
        .cell(f.inside)
        .cell(f.wagons_arrived)
        .cell(f.wagons_cleared)
        .cell(f.tonnes_arrived)
        .cell(f.tonnes_cleared)
        .cell(f.tonnes_inside)
        .cell(f.persons_arrived)
        .cell(f.persons_cleared)
        .cell(f.cleared_measured)
        .durations(f.time_in_system);
    flows.end_row();
  }
  out["rail_flows.csv"] = flows.take();

  table stations({"station", "name", "side", "tracks", "arrived", "inspected", "wait_count",
                  "wait_mean_s", "wait_p50_s", "wait_p95_s", "wait_max_s", "inspection_mean_s",
                  "busy_mean", "utilisation"});
  for (const auto& s : rl.stations) {
    stations.cell(s.id)
        .cell(s.name)
        .cell(s.side)
        .cell(s.tracks)
        .cell(s.arrived)
        .cell(s.inspected)
        .durations(s.wait)
        .cell(s.inspection.mean)
        .cell(s.busy_mean)
        .cell(s.utilisation);
    stations.end_row();
  }
  out["rail_stations.csv"] = stations.take();

  table bridges({"bridge", "name", "single_track", "crossings", "reversals", "wait_count",
                 "wait_mean_s", "wait_p50_s", "wait_p95_s", "wait_max_s", "occupied_share",
                 "trains_on_mean", "crossing_time_s"});
  for (const auto& b : rl.bridges) {
    bridges.cell(b.id)
        .cell(b.name)
        .cell(b.single_track ? 1 : 0)
        .cell(b.crossings)
        .cell(b.reversals)
        .durations(b.wait)
        .cell(b.occupied_share)
        .cell(b.trains_on_mean)
        .cell(b.crossing_time);
    bridges.end_row();
  }
  out["rail_bridges.csv"] = bridges.take();

  table gauges({"gauge_change", "name", "side", "method", "tracks", "capacity_wagons", "trains",
                "wagons", "tonnes", "wait_count", "wait_mean_s", "wait_p50_s", "wait_p95_s",
                "wait_max_s", "work_mean_s", "wagons_in_yard_mean", "wagons_in_yard_max",
                "utilisation"});
  for (const auto& g : rl.gauge_changes) {
    gauges.cell(g.id)
        .cell(g.name)
        .cell(g.side)
        .cell(g.method)
        .cell(g.tracks)
        .cell(g.capacity_wagons ? std::to_string(*g.capacity_wagons) : std::string())
        .cell(g.trains)
        .cell(g.wagons)
        .cell(g.tonnes)
        .durations(g.wait)
        .cell(g.work.mean)
        .cell(g.wagons_in_yard_mean)
        .cell(g.wagons_in_yard_max)
        .cell(g.utilisation);
    gauges.end_row();
  }
  out["rail_gauge_changes.csv"] = gauges.take();

  table totals(
      {"from", "to", "trains_per_day", "wagons_per_day", "tonnes_per_day", "persons_per_day"});
  for (const auto& d : rl.directions) {
    totals.cell(d.from)
        .cell(d.to)
        .cell(d.trains_per_day)
        .cell(d.wagons_per_day)
        .cell(d.tonnes_per_day)
        .cell(d.persons_per_day);
    totals.end_row();
  }
  out["rail_totals.csv"] = totals.take();
}

}  // namespace

std::map<std::string, std::string> csv_tables(const results::replication_result& r) {
  std::map<std::string, std::string> out;

  table flows({"route",           "class",
               "origin",          "arrived",
               "cleared",         "transferred",
               "inside",          "turned_away",
               "abandoned",       "persons_arrived",
               "persons_cleared", "tonnes_arrived",
               "tonnes_cleared",  "tonnes_transferred",
               "tonnes_inside",   "cleared_measured",
               "tis_count",       "tis_mean_s",
               "tis_p50_s",       "tis_p95_s",
               "tis_max_s"});
  for (const auto& f : r.flows) {
    flows.cell(f.route)
        .cell(f.vehicle_class)
        .cell(f.origin)
        .cell(f.arrived)
        .cell(f.cleared)
        .cell(f.transferred)
        .cell(f.inside)
        .cell(f.turned_away)
        .cell(f.abandoned)
        .cell(f.persons_arrived)
        .cell(f.persons_cleared)
        .cell(f.tonnes_arrived)
        .cell(f.tonnes_cleared)
        .cell(f.tonnes_transferred)
        .cell(f.tonnes_inside)
        .cell(f.cleared_measured)
        .durations(f.time_in_system);
    flows.end_row();
  }
  out["flows.csv"] = flows.take();

  table stages({"stage",       "name",
                "side",        "lanes",
                "arrived",     "served",
                "abandoned",   "waiting_at_end",
                "wait_count",  "wait_mean_s",
                "wait_p50_s",  "wait_p95_s",
                "wait_max_s",  "service_mean_s",
                "queue_mean",  "queue_max",
                "busy_mean",   "open_lanes_mean",
                "utilisation", "arrival_rate_per_h"});
  table hourly({"stage", "hour", "arrivals_per_day", "wait_mean_s", "queue_mean", "utilisation",
                "open_lanes"});
  for (const auto& s : r.stages) {
    stages.cell(s.id)
        .cell(s.name)
        .cell(s.side)
        .cell(s.lanes)
        .cell(s.arrived)
        .cell(s.served)
        .cell(s.abandoned)
        .cell(s.waiting_at_end)
        .durations(s.wait)
        .cell(s.service.mean)
        .cell(s.queue_mean)
        .cell(s.queue_max)
        .cell(s.busy_mean)
        .cell(s.open_lanes_mean)
        .cell(s.utilisation)
        .cell(s.arrival_rate * 3600);
    stages.end_row();
    for (std::size_t h = 0; h < 24; ++h) {
      hourly.cell(s.id)
          .cell(static_cast<int>(h))
          .cell(s.hourly.arrivals_per_day[h])
          .cell(s.hourly.wait_mean[h])
          .cell(s.hourly.queue_mean[h])
          .cell(s.hourly.utilisation[h])
          .cell(s.hourly.open_lanes[h]);
      hourly.end_row();
    }
  }
  out["stages.csv"] = stages.take();
  out["stages_hourly.csv"] = hourly.take();

  table holding({"holding", "name", "capacity", "entered", "turned_away", "waited_outside",
                 "wait_outside_count", "wait_outside_mean_s", "wait_outside_p50_s",
                 "wait_outside_p95_s", "wait_outside_max_s", "occupancy_mean", "occupancy_max"});
  for (const auto& h : r.holding) {
    holding.cell(h.id)
        .cell(h.name)
        .cell(h.capacity)
        .cell(h.entered)
        .cell(h.turned_away)
        .cell(h.waited_outside)
        .durations(h.wait_outside)
        .cell(h.occupancy_mean)
        .cell(h.occupancy_max);
    holding.end_row();
  }
  out["holding.csv"] = holding.take();

  table yards({"yard", "name", "side", "bays", "trucks_arrived", "transfers", "empty_arrivals",
               "tonnes_transferred", "wait_count", "wait_mean_s", "wait_p50_s", "wait_p95_s",
               "wait_max_s", "transfer_mean_s", "parking_mean", "parking_max", "utilisation"});
  for (const auto& y : r.yards) {
    yards.cell(y.id)
        .cell(y.name)
        .cell(y.side)
        .cell(y.bays)
        .cell(y.trucks_arrived)
        .cell(y.transfers)
        .cell(y.empty_arrivals)
        .cell(y.tonnes_transferred)
        .durations(y.wait_for_bay)
        .cell(y.transfer.mean)
        .cell(y.parking_mean)
        .cell(y.parking_max)
        .cell(y.utilisation);
    yards.end_row();
  }
  out["yards.csv"] = yards.take();

  // Each class at each stage and yard (a yard's "served" are its transfers).
  table classes({"kind", "element", "class", "arrived", "served", "abandoned", "waiting_at_end",
                 "wait_count", "wait_mean_s", "wait_p50_s", "wait_p95_s", "wait_max_s",
                 "wait_with_unserved_mean_s"});
  auto class_rows = [&](std::string_view kind, const std::string& id,
                        const std::vector<results::class_figures>& by_class) {
    for (const auto& c : by_class) {
      classes.cell(std::string(kind))
          .cell(id)
          .cell(c.vehicle_class)
          .cell(c.arrived)
          .cell(c.served)
          .cell(c.abandoned)
          .cell(c.waiting_at_end)
          .durations(c.wait)
          .cell(c.wait_with_unserved_mean);
      classes.end_row();
    }
  };
  for (const auto& s : r.stages) class_rows("stage", s.id, s.by_class);
  for (const auto& y : r.yards) class_rows("yard", y.id, y.by_class);
  out["classes.csv"] = classes.take();

  table totals({"scenario", "seed", "replication", "days", "warmup_s", "measured_s",
                "vehicles_per_day", "persons_per_day", "tonnes_per_day", "design_vehicles_per_day",
                "design_persons_per_day", "saturated_day", "saturated_stage"});
  totals.cell(r.scenario)
      .cell(r.seed)
      .cell(r.replication)
      .cell(r.days)
      .cell(r.warmup)
      .cell(r.measured)
      .cell(r.totals.vehicles_per_day)
      .cell(r.totals.persons_per_day)
      .cell(r.totals.tonnes_per_day)
      .cell(r.totals.design_vehicles_per_day ? fmt::format("{}", *r.totals.design_vehicles_per_day)
                                             : "")
      .cell(r.totals.design_persons_per_day ? fmt::format("{}", *r.totals.design_persons_per_day)
                                            : "")
      .cell(r.saturated ? std::to_string(r.saturated->day) : "")
      .cell(r.saturated ? r.saturated->stage : "");
  totals.end_row();
  out["totals.csv"] = totals.take();
  add_rail_tables(out, r);
  return out;
}

void write_csv(const std::filesystem::path& dir, const results::replication_result& r) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw tumen::runtime_error("cannot create directory " + dir.string() + ": " + ec.message());
  for (const auto& [name, text] : csv_tables(r)) write_file_atomically(dir / name, text);
}

}  // namespace tumen::output
