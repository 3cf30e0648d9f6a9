// A vehicle's trip along its route: the process every vehicle runs (see detail/crossing.hpp),
// and the accounting of trips (started, live, finished under an outcome).
//
// The trip walks its route's path in order and, at each element, awaits that element's visit
// (visits.cpp): a link lets it enter and travel, a holding area gives it a place, a stage queues
// and serves it and may branch to further stages, a yard takes its cargo over. A visit either
// lets the trip go on or ends it there (turned away, gave up, cargo handed over).
#include <cmath>
#include <stdexcept>

#include "detail/crossing.hpp"

namespace tumen::model::detail {

trip crossing::new_trip(int vehicle_class, int route, origin o, double tonnes, double persons) {
  trip t;
  t.id = ++next_trip_id_;
  t.vehicle_class = vehicle_class;
  t.route = route;
  t.flow = flow_index(route, vehicle_class, o);
  t.arrived = sim_.now();
  t.tonnes = tonnes;
  t.persons = persons;
  auto& fs = flows_[static_cast<std::size_t>(t.flow)];
  ++fs.live;
  fs.live_tonnes += tonnes;
  ++live_total_;
  auto& f = fs.figures;
  ++f.arrived;
  f.persons_arrived += persons;
  f.tonnes_arrived += tonnes;
  return t;
}

void crossing::start_trip(trip t, std::size_t position) {
  sim_.start(drive(t, position));
}

void crossing::leave_holding(trip& t) {
  auto& h = holding_[static_cast<std::size_t>(*t.holding)];
  h.space().release();
  h.on_leave(sim_.now());
  t.holding.reset();
}

void crossing::finish(trip& t, outcome o) {
  release_holding(t);
  auto& fs = flows_[static_cast<std::size_t>(t.flow)];
  auto& f = fs.figures;
  switch (o) {
    case outcome::cleared:
      ++f.cleared;
      f.persons_cleared += t.persons;
      f.tonnes_cleared += t.tonnes;
      if (measured()) {
        ++f.cleared_measured;
        f.persons_cleared_measured += t.persons;
        f.tonnes_cleared_measured += t.tonnes;
        fs.time_in_system.add(sim_.now() - t.arrived);
      }
      break;
    case outcome::transferred:
      ++f.transferred;
      f.tonnes_transferred += t.tonnes;
      break;
    case outcome::turned_away:
      ++f.turned_away;
      f.tonnes_turned_away += t.tonnes;
      break;
    case outcome::abandoned:
      ++f.abandoned;
      f.tonnes_abandoned += t.tonnes;
      break;
  }
  // The trip's cargo has left (cleared, handed over or gone): it no longer counts as inside.
  fs.live_tonnes -= t.tonnes;
  t.tonnes = 0;
}

void crossing::record_visit(const trip& t, std::string_view element, int lane, sim_time joined,
                            sim_time start, sim_time end, std::string_view what) {
  visit_record v;
  v.vehicle = t.id;
  v.vehicle_class = sc_.classes[static_cast<std::size_t>(t.vehicle_class)].id;
  v.route = sc_.routes[static_cast<std::size_t>(t.route)].id;
  v.element = element;
  v.lane = lane;
  v.queue_join = joined;
  v.service_start = start;
  v.service_end = end;
  v.outcome = what;
  trace_->visit(v);
}

void crossing::start_new_trip(int vehicle_class, int route, std::size_t position, origin o,
                              double tonnes, double persons) {
  start_trip(new_trip(vehicle_class, route, o, tonnes, persons), position);
}

sim::process<> crossing::drive(trip t, std::size_t position) {
  live_guard alive(this, &t);
  if (live_total_ > peak_live_) peak_live_ = live_total_;
  check_saturation();
  const auto& path = sc_.routes[static_cast<std::size_t>(t.route)].path;
  for (; position < path.size(); ++position) {
    const auto element = path[position];
    const auto idx = static_cast<std::size_t>(element.index);
    visit_end end;
    switch (element.kind) {
      case scenario::element_kind::link:
        end = co_await links_[idx].visit(*this, t);
        break;
      case scenario::element_kind::holding:
        end = co_await holding_[idx].visit(*this, t);
        break;
      case scenario::element_kind::stage:
        // A stage may send the vehicle on to further stages (its branches) before the route.
        end.branch = element.index;
        for (int visits = 0; end.branch && !end.trip_ended; ++visits) {
          if (visits == 1000)
            throw std::runtime_error("vehicle visited 1000 stages in a row: branches loop");
          end = co_await stages_[static_cast<std::size_t>(*end.branch)].visit(*this, t);
        }
        break;
      case scenario::element_kind::yard:
        end = co_await yards_[idx].visit(*this, t, position);
        break;
    }
    if (end.trip_ended) co_return;
  }
  finish(t, outcome::cleared);
}

void crossing::arrive(int demand) {
  const auto& d = sc_.demands[static_cast<std::size_t>(demand)];
  const auto& cls = sc_.classes[static_cast<std::size_t>(d.vehicle_class)];
  auto& rng = demand_rngs_[static_cast<std::size_t>(demand)];
  const double persons = std::max(0.0, std::round(cls.persons.sample(rng.persons)));
  double tonnes = 0;
  if (rng.loaded.uniform01() < cls.loaded_share)
    tonnes = std::max(0.0, cls.cargo_tonnes.sample(rng.cargo));
  start_trip(new_trip(d.vehicle_class, d.route, origin::demand, tonnes, persons), 0);
}

void crossing::place_initial_queues() {
  for (std::size_t di = 0; di < sc_.demands.size(); ++di) {
    const auto& d = sc_.demands[di];
    if (d.initial_queue <= 0) continue;
    const auto& path = sc_.routes[static_cast<std::size_t>(d.route)].path;
    std::size_t first = 0;
    while (first < path.size() && path[first].kind != scenario::element_kind::stage &&
           path[first].kind != scenario::element_kind::yard)
      ++first;
    const auto& cls = sc_.classes[static_cast<std::size_t>(d.vehicle_class)];
    auto& rng = demand_rngs_[di];
    for (int i = 0; i < d.initial_queue; ++i) {
      const double persons = std::max(0.0, std::round(cls.persons.sample(rng.persons)));
      double tonnes = 0;
      if (rng.loaded.uniform01() < cls.loaded_share)
        tonnes = std::max(0.0, cls.cargo_tonnes.sample(rng.cargo));
      start_trip(new_trip(d.vehicle_class, d.route, origin::demand, tonnes, persons), first);
    }
  }
}

}  // namespace tumen::model::detail
