// What each element does to a vehicle that reaches it: the `visit` routines of links, holding
// areas, stages and yards (see detail/stations.hpp and detail/trip.hpp).
//
// A visit reaches the crossing through its visit-host members only (detail/crossing.hpp), called
// directly rather than through an interface: they sit on the path of every vehicle.
//
// A trip awaits one visit per element of its route; a visit runs in the trip's own dispatch
// (sim::routine), so the events and their order are those of a single process that did every
// step itself. A holding place is kept until the vehicle starts service at the next stage or
// yard, gives up, or drives onto a link: each visit frees it at that point.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "detail/crossing.hpp"
#include "detail/stations.hpp"

namespace tumen::model::detail {

sim::routine<visit_end> link_station::visit(crossing& host, trip& t) {
  host.release_holding(t);
  const sim_time now = sim_.now();
  const sim_time entry = book_entry(now);
  on_enter(entry - now, host.measured());
  if (entry > now) co_await sim_.timeout(entry - now);
  const sim_time travel = def_.travel_time();
  if (travel > 0) co_await sim_.timeout(travel);
  co_return visit_end{};
}

sim::routine<visit_end> holding_station::visit(crossing& host, trip& t) {
  host.release_holding(t);
  const sim_time asked = sim_.now();
  // (Bound to a variable first: g++ 12 miscompiles co_await inside an if condition.)
  const auto place = co_await space_.request();
  if (!place) {
    on_turned_away();
    host.finish(t, outcome::turned_away);
    co_return visit_end{true, std::nullopt};
  }
  on_enter(sim_.now(), sim_.now() - asked, host.measured());
  t.holding = index_;
  co_return visit_end{};
}

sim::routine<visit_end> stage_station::visit(crossing& host, trip& t) {
  const auto cls = static_cast<std::size_t>(t.vehicle_class);
  const auto& service = def_.service_by_class[cls];
  const int server = choose(t.vehicle_class);
  if (server < 0 || !service)
    throw std::logic_error("stage '" + def_.id + "' has no lane or service time for class '" +
                           host.sc().classes[cls].id + "'");
  const auto& patience = def_.patience_by_class[cls];
  const sim_time wait_limit = patience ? patience->sample(patience_rng_) : forever;
  const sim_time joined = sim_.now();
  on_join(joined, host.measured());
  auto& lane = server_at(server);
  const auto got = co_await lane.request(def_.priority_by_class[cls], wait_limit);
  const bool ok = static_cast<bool>(got);
  on_leave_queue(sim_.now(), joined, ok, joined >= host.sc().run.warmup);
  if (!ok) {
    host.trace(t, def_.id, server, joined, sim_.now(), sim_.now(), "abandoned");
    host.finish(t, outcome::abandoned);
    co_return visit_end{true, std::nullopt};
  }
  host.release_holding(t);
  const sim_time start = sim_.now();
  on_service_start(start);
  const sim_time d = std::max(0.0, service->sample(service_rng_));
  if (d > 0) co_await sim_.timeout(d);
  lane.release();
  on_service_end(sim_.now(), d, host.measured());
  host.trace(t, def_.id, server, joined, start, sim_.now(), "served");
  const int next = choose_branch(t.vehicle_class);
  co_return visit_end{false, next >= 0 ? std::optional<int>(next) : std::nullopt};
}

sim::routine<visit_end> yard_station::visit(crossing& host, trip& t, std::size_t position) {
  const auto& sc = host.sc();
  if (!sc.classes[static_cast<std::size_t>(t.vehicle_class)].transship) co_return visit_end{};
  co_await parking_.request();
  host.release_holding(t);
  on_park(sim_.now());
  if (t.tonnes > 0) {
    const sim_time joined = sim_.now();
    co_await bays_.request();
    parking_.release();
    on_unpark(sim_.now());
    const sim_time start = sim_.now();
    on_transfer_start(start, start - joined, joined >= sc.run.warmup);
    const sim_time d = transfer_time(t.tonnes);
    if (d > 0) co_await sim_.timeout(d);
    bays_.release();
    on_transfer_end(sim_.now(), d, t.tonnes, host.measured());
    host.trace(t, def_.id, -1, joined, start, sim_.now(), "transferred");
    // The cargo goes on in a truck of the other side.
    const int rc = def_.receiving_class;
    const auto& rclass = sc.classes[static_cast<std::size_t>(rc)];
    const double persons = std::max(0.0, std::round(rclass.persons.sample(receiving_rng_)));
    const bool own_route = def_.onward_route.has_value();
    host.start_new_trip(rc, own_route ? *def_.onward_route : t.route, own_route ? 0 : position + 1,
                        origin::transfer, t.tonnes, persons);
  } else {
    parking_.release();
    on_unpark(sim_.now());
    on_empty();
  }
  host.finish(t, outcome::transferred);
  if (def_.empty_truck_route)
    host.start_new_trip(t.vehicle_class, *def_.empty_truck_route, 0, origin::empty, 0, t.persons);
  co_return visit_end{true, std::nullopt};
}

}  // namespace tumen::model::detail
