// A vehicle's trip along its route: the process every vehicle runs (see detail/crossing.hpp).
//
// The trip walks its route's path in order:
//   link    — wait for a lane to accept it (headway, closures), then travel length ÷ speed;
//   holding — take a place (spillback: wait for one; turn-away: leave if none);
//   stage   — queue for a lane (shared or per-lane), possibly give up (patience), be served,
//             then maybe branch to a further stage (and its branches) before going on;
//   yard    — trucks of transshipping classes park, wait for a bay, hand their cargo to a
//             receiving truck that continues, and end their own trip (or start an empty trip).
// A holding place is kept until the vehicle starts service at the next stage or yard, abandons,
// or drives onto a link. What happens inside a stage or yard (lane chosen, patience, service and
// transfer times, branch, statistics) is the element's own (detail/stations.hpp); the trip keeps
// the waits, the holding place, the flow figures and the trace.
#include <cmath>
#include <stdexcept>

#include "detail/crossing.hpp"

namespace tumen::model::detail {

trip crossing::new_trip(int vehicle_class, int route, int flow, double tonnes, double persons) {
  trip t;
  t.id = ++next_trip_id_;
  t.vehicle_class = vehicle_class;
  t.route = route;
  t.flow = flow;
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

void crossing::release_holding(trip& t) {
  if (!t.holding) return;
  auto& h = *holding_at_[static_cast<std::size_t>(*t.holding)];
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
  results::visit_record v;
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

sim::process<> crossing::drive(trip t, std::size_t position) {
  live_guard alive(this, &t);
  if (live_total_ > peak_live_) peak_live_ = live_total_;
  check_saturation();
  const auto& path = sc_.routes[static_cast<std::size_t>(t.route)].path;
  for (; position < path.size(); ++position) {
    const auto element = path[position];
    const auto idx = static_cast<std::size_t>(element.index);
    switch (element.kind) {
      case scenario::element_kind::link: {
        release_holding(t);
        auto& l = *link_at_[idx];
        const sim_time now = sim_.now();
        const sim_time entry = l.book_entry(now);
        l.on_enter(entry - now, measured());
        if (entry > now) co_await sim_.timeout(entry - now);
        const sim_time travel = l.def().travel_time();
        if (travel > 0) co_await sim_.timeout(travel);
        break;
      }
      case scenario::element_kind::holding: {
        release_holding(t);
        auto& h = *holding_at_[idx];
        const sim_time asked = sim_.now();
        // (Bound to a variable first: g++ 12 miscompiles co_await inside an if condition.)
        const auto place = co_await h.space().request();
        if (!place) {
          h.on_turned_away();
          finish(t, outcome::turned_away);
          co_return;
        }
        h.on_enter(sim_.now(), sim_.now() - asked, measured());
        t.holding = element.index;
        break;
      }
      case scenario::element_kind::stage: {
        int s = element.index;
        for (int visits = 0; s >= 0; ++visits) {
          if (visits == 1000)
            throw std::runtime_error("vehicle visited 1000 stages in a row: branches loop");
          auto& st = *stage_at_[static_cast<std::size_t>(s)];
          auto v = st.join(t.vehicle_class, sim_.now());
          auto req = st.lane(v).request(v.priority, v.patience);
          const auto got = co_await req;
          if (!st.leave_queue(v, sim_.now(), static_cast<bool>(got), req.owner())) {
            trace(t, st.def().id, v.server, v.joined, sim_.now(), sim_.now(), "abandoned");
            finish(t, outcome::abandoned);
            co_return;
          }
          release_holding(t);
          const sim_time start = sim_.now();
          const sim_time d = st.start_service(v, start);
          if (d > 0) co_await sim_.timeout(d);
          s = st.end_service(v, sim_.now(), d);
          trace(t, st.def().id, v.server, v.joined, start, sim_.now(), "served");
        }
        break;
      }
      case scenario::element_kind::yard: {
        if (!sc_.classes[static_cast<std::size_t>(t.vehicle_class)].transship) break;
        auto& y = *yard_at_[idx];
        co_await y.parking().request();
        release_holding(t);
        y.park(sim_.now(), t.vehicle_class);
        const sim_time joined = sim_.now();
        if (t.tonnes > 0) {
          co_await y.bays().request();
          const sim_time start = sim_.now();
          const sim_time d = y.start_transfer(start, joined, t.tonnes, t.vehicle_class);
          if (d > 0) co_await sim_.timeout(d);
          y.end_transfer(sim_.now(), d, t.tonnes, t.vehicle_class);
          trace(t, y.def().id, -1, joined, start, sim_.now(), "transferred");
          // The cargo goes on in a truck of the other side.
          const int rc = y.def().receiving_class;
          const double persons = y.receiving_persons(sc_.classes[static_cast<std::size_t>(rc)]);
          const bool own_route = y.def().onward_route.has_value();
          const int onward = own_route ? *y.def().onward_route : t.route;
          start_trip(
              new_trip(rc, onward, flow_index(onward, rc, origin::transfer), t.tonnes, persons),
              own_route ? 0 : position + 1);
        } else {
          y.leave_empty(sim_.now(), t.vehicle_class, joined);
        }
        finish(t, outcome::transferred);
        if (y.def().empty_truck_route) {
          start_trip(
              new_trip(t.vehicle_class, *y.def().empty_truck_route,
                       flow_index(*y.def().empty_truck_route, t.vehicle_class, origin::empty), 0,
                       t.persons),
              0);
        }
        co_return;
      }
    }
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
  start_trip(new_trip(d.vehicle_class, d.route, demand_flow_[static_cast<std::size_t>(demand)],
                      tonnes, persons),
             0);
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
      start_trip(new_trip(d.vehicle_class, d.route, demand_flow_[di], tonnes, persons), first);
    }
  }
}

}  // namespace tumen::model::detail
