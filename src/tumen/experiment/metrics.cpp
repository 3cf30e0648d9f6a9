// Flattening a replication's figures into named scalars (see tumen/experiment/metrics.hpp).
#include "tumen/experiment/metrics.hpp"

#include <algorithm>

#include "tumen/base/error.hpp"
#include "tumen/results/metric_name.hpp"

namespace tumen::experiment {

namespace {

using results::element_kind;
using results::figure;
using results::metric_name;
using results::statistic;

void add(std::vector<named_value>& out, const metric_name& m, double v) {
  out.emplace_back(results::to_string(m), v);
}

// The figures of one element: each named by the element with another figure.
struct element_figures {
  std::vector<named_value>& out;
  metric_name element;

  void operator()(figure f, double v, statistic s = statistic::none) {
    element.figure = f;
    element.statistic = s;
    add(out, element, v);
  }
  void durations(figure f, const results::duration_summary& d) {
    (*this)(f, d.mean, statistic::mean);
    (*this)(f, d.p50, statistic::p50);
    (*this)(f, d.p90, statistic::p90);
    (*this)(f, d.p95, statistic::p95);
    (*this)(f, d.p99, statistic::p99);
    (*this)(f, d.max, statistic::max);
  }
  void hourly(figure series, const results::hourly_values& v) {
    for (std::size_t h = 0; h < v.size(); ++h)
      add(out, metric_name::hourly(element.kind, element.id, series, static_cast<int>(h)), v[h]);
  }
};

// The figures of each class at a stage or yard (stage_class.*, yard_class.*), where more than one
// class came: with one class they are the element's own.
void class_figures(std::vector<named_value>& out, element_kind kind, const std::string& id,
                   const std::vector<results::class_figures>& by_class) {
  if (by_class.size() < 2) return;
  for (const auto& c : by_class) {
    element_figures e{out, metric_name::of_class(kind, id, c.vehicle_class, figure::arrived)};
    e(figure::arrived, static_cast<double>(c.arrived));
    if (kind == element_kind::stage_class) {
      e(figure::served, static_cast<double>(c.served));
      e(figure::abandoned, static_cast<double>(c.abandoned));
      e.durations(figure::wait, c.wait);
      e(figure::wait_with_unserved, c.wait_with_unserved_mean, statistic::mean);
    } else {
      e(figure::transfers, static_cast<double>(c.served));
      e.durations(figure::wait, c.wait);
    }
  }
}

// The rail line's figures, when the crossing has one (rail.*).
void rail(std::vector<named_value>& out, const results::replication_result& r) {
  const auto& rl = r.rail;
  if (rl.flows.empty() && rl.stations.empty() && rl.bridges.empty() && rl.gauge_changes.empty())
    return;
  const auto& t = r.totals;
  add(out, metric_name::rail(figure::trains_per_day), t.trains_per_day);
  add(out, metric_name::rail(figure::wagons_per_day), t.wagons_per_day);
  add(out, metric_name::rail(figure::persons_per_day), t.rail_persons_per_day);
  add(out, metric_name::rail(figure::tonnes_per_day), t.rail_tonnes_per_day);
  for (const auto& d : rl.directions) {
    element_figures e{out, metric_name::rail_direction(d.from, d.to, figure::trains_per_day)};
    e(figure::trains_per_day, d.trains_per_day);
    e(figure::tonnes_per_day, d.tonnes_per_day);
    e(figure::persons_per_day, d.persons_per_day);
  }
  for (const auto& s : rl.stations) {
    element_figures e{out, metric_name::element(element_kind::rail_station, s.id, figure::wait)};
    e(figure::inspected, static_cast<double>(s.inspected));
    e.durations(figure::wait, s.wait);
    e(figure::inspection, s.inspection.mean, statistic::mean);
    e(figure::utilisation, s.utilisation);
  }
  for (const auto& b : rl.bridges) {
    element_figures e{out, metric_name::element(element_kind::rail_bridge, b.id, figure::wait)};
    e(figure::crossings, static_cast<double>(b.crossings));
    e(figure::reversals, static_cast<double>(b.reversals));
    e.durations(figure::wait, b.wait);
    e(figure::occupied_share, b.occupied_share);
  }
  for (const auto& g : rl.gauge_changes) {
    element_figures e{out, metric_name::element(element_kind::rail_gauge, g.id, figure::wait)};
    e(figure::trains, static_cast<double>(g.trains));
    e(figure::tonnes, g.tonnes);
    e.durations(figure::wait, g.wait);
    e(figure::work, g.work.mean, statistic::mean);
    e(figure::utilisation, g.utilisation);
    e(figure::wagons_in_yard_max, g.wagons_in_yard_max);
  }
  for (const auto& f : rl.flows) {
    element_figures e{out, metric_name::rail_flow(f.route, f.kind, figure::arrived)};
    e(figure::arrived, static_cast<double>(f.arrived));
    e(figure::cleared, static_cast<double>(f.cleared));
    e(figure::inside, static_cast<double>(f.inside));
    e(figure::tonnes_cleared, f.tonnes_cleared);
    e(figure::persons_cleared, f.persons_cleared);
    e(figure::time_in_system, f.time_in_system.mean, statistic::mean);
  }
}

// An element's verdict figures; a stage with several lane groups reports its worst group (its
// largest growth and loss share) and the backlog of all its groups.
void verdict_figures(element_figures& e, const results::run_verdict& v, std::string_view kind,
                     bool with_losing) {
  auto worst = results::verdict_kind::stable;
  double growth = 0, lost = 0, backlog = 0;
  bool any = false;
  for (const auto& ev : v.elements) {
    if (ev.kind != kind || ev.element != e.element.id) continue;
    growth = any ? std::max(growth, ev.growth_per_day) : ev.growth_per_day;
    any = true;
    worst = results::worst(worst, ev.verdict);
    lost = std::max(lost, ev.lost_share);
    backlog += static_cast<double>(ev.backlog_at_end);
  }
  e(figure::saturated, worst == results::verdict_kind::saturated ? 1.0 : 0.0);
  if (with_losing)
    e(figure::stable_by_losing, worst == results::verdict_kind::stable_by_losing ? 1.0 : 0.0);
  e(figure::growth_per_day, growth);
  e(figure::backlog_at_end, backlog);
  if (with_losing) e(figure::lost_share, lost);
}

}  // namespace

std::vector<named_value> scalars(const results::replication_result& r, bool with_hourly) {
  std::vector<named_value> out;
  const auto& t = r.totals;
  auto crossing = [&](figure f, double v) { add(out, metric_name::crossing(f), v); };
  crossing(figure::vehicles_per_day, t.vehicles_per_day);
  crossing(figure::persons_per_day, t.persons_per_day);
  crossing(figure::tonnes_per_day, t.tonnes_per_day);
  crossing(figure::vehicles_inside_at_end, static_cast<double>(t.vehicles_inside_at_end));
  crossing(figure::peak_vehicles_inside, static_cast<double>(t.peak_vehicles_inside));
  crossing(figure::saturated, r.verdict.verdict == results::verdict_kind::saturated ? 1.0 : 0.0);
  crossing(figure::stable_by_losing,
           r.verdict.verdict == results::verdict_kind::stable_by_losing ? 1.0 : 0.0);
  crossing(figure::stopped_early, r.verdict.stopped_because == "end" ? 0.0 : 1.0);
  double max_p95 = 0, max_mean = 0, max_util = 0;
  for (const auto& s : r.stages) {
    max_p95 = std::max(max_p95, s.wait.p95);
    // The mean that counts the vehicles left waiting: never the served-only one.
    max_mean = std::max(max_mean, s.wait_with_unserved_mean);
    max_util = std::max(max_util, s.utilisation);
  }
  for (const auto& y : r.yards) {
    max_p95 = std::max(max_p95, y.wait_for_bay.p95);
    max_mean = std::max(max_mean, y.wait_for_bay.mean);
    max_util = std::max(max_util, y.utilisation);
  }
  add(out, metric_name::all_modes(figure::persons_per_day), t.all_modes_persons_per_day);
  add(out, metric_name::all_modes(figure::tonnes_per_day), t.all_modes_tonnes_per_day);
  crossing(figure::max_wait_p95, max_p95);
  crossing(figure::max_wait_mean, max_mean);
  crossing(figure::max_utilisation, max_util);

  for (const auto& s : r.stages) {
    element_figures e{out, metric_name::stage(s.id, figure::arrived)};
    e(figure::arrived, static_cast<double>(s.arrived));
    e(figure::served, static_cast<double>(s.served));
    e(figure::abandoned, static_cast<double>(s.abandoned));
    e.durations(figure::wait, s.wait);
    e(figure::wait_with_unserved, s.wait_with_unserved_mean, statistic::mean);
    e(figure::service, s.service.mean, statistic::mean);
    e(figure::queue_mean, s.queue_mean);
    e(figure::queue_max, s.queue_max);
    e(figure::utilisation, s.utilisation);
    e(figure::open_lanes_mean, s.open_lanes_mean);
    verdict_figures(e, r.verdict, "stage", true);
    if (with_hourly) {
      e.hourly(figure::queue_mean, s.hourly.queue_mean);
      e.hourly(figure::wait_mean, s.hourly.wait_mean);
      e.hourly(figure::utilisation, s.hourly.utilisation);
      e.hourly(figure::arrivals_per_day, s.hourly.arrivals_per_day);
      e.hourly(figure::open_lanes, s.hourly.open_lanes);
    }
    class_figures(out, element_kind::stage_class, s.id, s.by_class);
  }
  for (const auto& h : r.holding) {
    element_figures e{out, metric_name::element(element_kind::holding, h.id, figure::occupancy)};
    e(figure::occupancy_mean, h.occupancy_mean);
    e(figure::occupancy_max, h.occupancy_max);
    e(figure::turned_away, static_cast<double>(h.turned_away));
    e(figure::waited_outside, static_cast<double>(h.waited_outside));
    e(figure::wait_outside, h.wait_outside.p95, statistic::p95);
    verdict_figures(e, r.verdict, "holding", true);
    if (with_hourly) e.hourly(figure::occupancy, h.occupancy_hourly);
  }
  for (const auto& y : r.yards) {
    element_figures e{out, metric_name::yard(y.id, figure::transfers)};
    e(figure::transfers, static_cast<double>(y.transfers));
    e(figure::tonnes_transferred, y.tonnes_transferred);
    e(figure::utilisation, y.utilisation);
    e(figure::parking_max, y.parking_max);
    e.durations(figure::wait, y.wait_for_bay);
    e(figure::transfer, y.transfer.mean, statistic::mean);
    verdict_figures(e, r.verdict, "yard", false);
    if (with_hourly) e.hourly(figure::utilisation, y.utilisation_hourly);
    class_figures(out, element_kind::yard_class, y.id, y.by_class);
  }
  rail(out, r);
  for (const auto& f : r.flows) {
    element_figures e{out, metric_name::flow(f.route, f.vehicle_class, f.origin, figure::arrived)};
    e(figure::arrived, static_cast<double>(f.arrived));
    e(figure::cleared, static_cast<double>(f.cleared));
    e(figure::transferred, static_cast<double>(f.transferred));
    e(figure::inside, static_cast<double>(f.inside));
    e(figure::turned_away, static_cast<double>(f.turned_away));
    e(figure::abandoned, static_cast<double>(f.abandoned));
    e(figure::tonnes_cleared, f.tonnes_cleared);
    e(figure::time_in_system, f.time_in_system.mean, statistic::mean);
    e(figure::time_in_system, f.time_in_system.p95, statistic::p95);
  }
  return out;
}

double metric(const results::replication_result& r, std::string_view name) {
  // The hourly series are worked out only when asked for (or, for a name outside the grammar, when
  // it looks like one, so that the names suggested are hourly ones too).
  const auto parsed = results::parse_metric_name(name);
  const bool hourly =
      parsed ? parsed->hour.has_value() : name.find(".hourly.") != std::string_view::npos;
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
