// Offered load per stage and yard, from the scenario alone (see tumen/model/offered_load.hpp).
//
// Expected daily flows are pushed along routes: each demand's mean vehicles per day (weekday
// factors averaged over the week, demand scale applied) walk its path; at a stage they add
// vehicles × mean service time, then branch shares send part of them through further stages;
// at a yard, transshipping classes end their trip: the loaded share adds transfer work and
// continues as receiving trucks on the onward route (or the rest of the path), all of them as
// empty trucks on the empty-truck route if one is set.
#include "tumen/model/offered_load.hpp"

#include <cmath>
#include <functional>
#include <limits>

#include "detail/opening.hpp"

namespace tumen::model {

namespace {

// Lane-seconds open over the run, per day: open_at is constant between consecutive change
// times, so the integral is exact.
double open_units_per_day(const scenario::scenario& sc, const detail::opening& o, int units) {
  const sim_time length = sc.run.length();
  double total = 0;
  sim_time from = 0;
  for (const sim_time to : o.changes()) {
    total += o.open_at(from, units) * (to - from);
    from = to;
  }
  if (from < length) total += o.open_at(from, units) * (length - from);
  return total / sc.run.days;
}

}  // namespace

std::vector<results::element_load> offered_load(const scenario::scenario& sc) {
  std::vector<results::element_load> stages(sc.stages.size()), yards(sc.yards.size());
  for (std::size_t i = 0; i < sc.stages.size(); ++i) {
    stages[i].element = sc.stages[i].id;
    stages[i].kind = "stage";
  }
  for (std::size_t i = 0; i < sc.yards.size(); ++i) {
    yards[i].element = sc.yards[i].id;
    yards[i].kind = "yard";
  }

  std::function<void(int, double, int)> visit_stage = [&](int s, double per_day, int cls) {
    if (per_day <= 0) return;
    auto& l = stages[static_cast<std::size_t>(s)];
    const auto& st = sc.stages[static_cast<std::size_t>(s)];
    const auto& service = st.service_by_class[static_cast<std::size_t>(cls)];
    l.arrivals_per_day += per_day;
    if (service) l.work_per_day += per_day * service->mean();
    double remaining = 1;
    for (const auto& b : st.next) {
      const double share = b.share_by_class[static_cast<std::size_t>(cls)];
      if (share <= 0 || remaining <= 0) continue;
      visit_stage(b.stage, per_day * share, cls);
    }
  };

  std::function<void(int, std::size_t, double, int, int)> walk =
      [&](int route, std::size_t from, double per_day, int cls, int depth) {
        if (depth > 8 || per_day <= 0) return;
        const auto& path = sc.routes[static_cast<std::size_t>(route)].path;
        for (std::size_t p = from; p < path.size(); ++p) {
          const auto e = path[p];
          if (e.kind == scenario::element_kind::stage) {
            visit_stage(e.index, per_day, cls);
          } else if (e.kind == scenario::element_kind::yard &&
                     sc.classes[static_cast<std::size_t>(cls)].transship) {
            const auto& y = sc.yards[static_cast<std::size_t>(e.index)];
            const auto& c = sc.classes[static_cast<std::size_t>(cls)];
            const double loaded = per_day * c.loaded_share;
            const double tonnes = c.cargo_tonnes.mean();
            double per_truck = y.setup.mean();
            if (y.rate_tph)
              per_truck += tonnes / *y.rate_tph * tumen::hours;
            else if (y.time_per_truck)
              per_truck += y.time_per_truck->mean();
            auto& l = yards[static_cast<std::size_t>(e.index)];
            l.arrivals_per_day += per_day;
            l.work_per_day += loaded * per_truck;
            if (y.onward_route)
              walk(*y.onward_route, 0, loaded, y.receiving_class, depth + 1);
            else
              walk(route, p + 1, loaded, y.receiving_class, depth + 1);
            if (y.empty_truck_route) walk(*y.empty_truck_route, 0, per_day, cls, depth + 1);
            return;
          }
        }
      };

  for (const auto& d : sc.demands) {
    double week = 0;
    for (int wd = 0; wd < 7; ++wd)
      for (int h = 0; h < 24; ++h) week += d.rate(h, wd, sc.run.demand_scale);
    walk(d.route, 0, week / 7, d.vehicle_class, 0);
  }

  for (std::size_t i = 0; i < sc.stages.size(); ++i) {
    double cap = 0;
    const scenario::element_ref me{scenario::element_kind::stage, static_cast<int>(i)};
    for (const auto& g : sc.stages[i].lanes) {
      detail::opening o(sc, &sc.stages[i].hours, &g.open_lanes, me);
      cap += open_units_per_day(sc, o, g.count);
    }
    stages[i].capacity_per_day = cap;
  }
  for (std::size_t i = 0; i < sc.yards.size(); ++i) {
    detail::opening o(sc, &sc.yards[i].hours, nullptr,
                      {scenario::element_kind::yard, static_cast<int>(i)});
    yards[i].capacity_per_day = open_units_per_day(sc, o, sc.yards[i].transfers_at_once());
  }

  std::vector<results::element_load> all;
  for (auto* v : {&stages, &yards})
    for (auto& l : *v) {
      if (l.capacity_per_day > 0)
        l.rho = l.work_per_day / l.capacity_per_day;
      else
        l.rho = l.work_per_day > 0 ? std::numeric_limits<double>::infinity() : 0;
      all.push_back(l);
    }
  return all;
}

}  // namespace tumen::model
