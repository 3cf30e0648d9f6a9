// Trains: the daily sources of each [[trains]] service and the process every train runs along
// its rail route (see detail/rail_line.hpp for the rules in words).
#include <cmath>

#include "detail/opening.hpp"
#include "detail/rail_line.hpp"

namespace tumen::model::detail {

namespace {
double count_of(const random::distribution& d, random::stream& s) {
  return std::max(0.0, std::round(d.sample(s)));
}
}  // namespace

// Draws what a train of `service` carries, in a fixed order per service (common random numbers).
train rail_line::make_train(int service) {
  const auto& ts = sc_.trains[static_cast<std::size_t>(service)];
  const auto& kind = sc_.train_kinds[static_cast<std::size_t>(ts.kind)];
  auto& rng = rngs_[static_cast<std::size_t>(service)];
  train t;
  t.service = service;
  t.kind = ts.kind;
  t.route = ts.route;
  t.flow = flow_of_service_[static_cast<std::size_t>(service)];
  t.wagons = count_of(kind.wagons, rng.wagons);
  const bool loaded = rng.loaded.uniform01() < kind.loaded_share;
  for (int w = 0; w < static_cast<int>(t.wagons); ++w) {
    const double x = std::max(0.0, kind.tonnes_per_wagon.sample(rng.tonnes));
    if (loaded) t.tonnes += x;
  }
  t.coaches = count_of(kind.coaches, rng.coaches);
  for (int c = 0; c < static_cast<int>(t.coaches); ++c)
    t.persons += count_of(kind.persons_per_coach, rng.persons);
  return t;
}

// At the start of each day: that day's trains, each started to arrive at its time (plus delay).
sim::process<> rail_line::source(int service) {
  const auto& ts = sc_.trains[static_cast<std::size_t>(service)];
  auto& rng = rngs_[static_cast<std::size_t>(service)];
  for (int day = 0; day < sc_.run.days; ++day) {
    const sim_time base = day * tumen::days;
    if (base > sim_.now()) co_await sim_.timeout(base - sim_.now(), sim::priority::urgent);
    const int weekday = weekday_of(sc_, base);
    std::vector<sim_time> times;
    if (ts.per_day) {
      const double expected = ts.expected(weekday);
      int n = static_cast<int>(std::floor(expected));
      if (rng.count.uniform01() < expected - n) ++n;  // drawn every day, so days stay aligned
      const sim_time spacing = n > 0 ? (ts.window.to - ts.window.from) / n : 0;
      for (int i = 0; i < n; ++i) times.push_back(ts.window.from + (i + 0.5) * spacing);
    } else if (ts.runs_on[static_cast<std::size_t>(weekday)]) {
      times = ts.timetable;
    }
    for (const sim_time tod : times) {
      const sim_time delay = std::max(0.0, ts.delay.sample(rng.delay));
      sim_.start(run_train(make_train(service), base + tod + delay - sim_.now()), "train");
    }
  }
}

void rail_line::trace(const train& t, const std::string& element, sim_time joined, sim_time start,
                      sim_time end, std::string_view what) {
  if (!trace_) return;
  results::visit_record v;
  v.vehicle = t.id;
  v.vehicle_class = sc_.train_kinds[static_cast<std::size_t>(t.kind)].id;
  v.route = sc_.rail_routes[static_cast<std::size_t>(t.route)].id;
  v.element = element;
  v.queue_join = joined;
  v.service_start = start;
  v.service_end = end;
  v.outcome = what;
  v.mode = "rail";
  trace_->train_visit(v);
}

sim::container* rail_line::let_go(held_place& h) {
  if (h.track) h.track->tracks().release();
  h.track = nullptr;
  if (!h.yard) return nullptr;
  h.yard->on_leave(sim_.now(), h.places);
  auto* room = h.yard->room();
  h.yard = nullptr;
  return room;
}

void rail_line::finish(train& t) {
  auto& fs = flows_[static_cast<std::size_t>(t.flow)];
  auto& f = fs.figures;
  ++f.cleared;
  f.wagons_cleared += t.wagons;
  f.tonnes_cleared += t.tonnes;
  f.persons_cleared += t.persons;
  if (measured()) {
    ++f.cleared_measured;
    f.wagons_cleared_measured += t.wagons;
    f.tonnes_cleared_measured += t.tonnes;
    f.persons_cleared_measured += t.persons;
    fs.time_in_system.add(sim_.now() - t.arrived);
  }
}

sim::process<> rail_line::run_train(train t, sim_time delay) {
  if (delay > 0) co_await sim_.timeout(delay);
  t.id = ++next_train_id_;
  t.arrived = sim_.now();
  auto& fs = flows_[static_cast<std::size_t>(t.flow)];
  ++fs.figures.arrived;
  fs.figures.wagons_arrived += t.wagons;
  fs.figures.tonnes_arrived += t.tonnes;
  fs.figures.persons_arrived += t.persons;
  ++fs.inside;
  fs.wagons_inside += t.wagons;
  fs.tonnes_inside += t.tonnes;
  fs.persons_inside += t.persons;
  inside_guard inside(this, &t);

  const auto& route = sc_.rail_routes[static_cast<std::size_t>(t.route)];
  const int direction = route.from_side;
  const double units = t.wagons + t.coaches;  // what occupies a yard and is put on new bogies
  held_place held;

  for (const auto element : route.path) {
    const auto i = static_cast<std::size_t>(element.index);
    if (element.kind == scenario::rail_element_kind::bridge) {
      auto& b = bridges_[i];
      const sim_time reached = sim_.now();
      auto entering = sim_.start(b.enter(direction, measured()));
      co_await entering;
      const sim_time entered = sim_.now();
      if (auto* room = let_go(held)) co_await room->get(held.places);
      co_await sim_.timeout(b.def().crossing_time());
      b.leave(direction);
      trace(t, b.def().id, reached, entered, sim_.now(), "crossed");
      continue;
    }
    // A station or a yard: give up what is held before queueing.
    if (auto* room = let_go(held)) co_await room->get(held.places);
    if (element.kind == scenario::rail_element_kind::station) {
      auto& st = stations_[i];
      st.on_arrive();
      const sim_time joined = sim_.now();
      const auto got = co_await st.tracks().request();
      (void)got;
      const sim_time start = sim_.now();
      st.on_start(start, start - joined, joined >= sc_.run.warmup);
      const sim_time d = st.inspection_time(t.kind);
      if (d > 0) co_await sim_.timeout(d);
      st.on_end(sim_.now(), d, measured());
      trace(t, st.def().id, joined, start, sim_.now(), "inspected");
      held.track = &st;
    } else {
      auto& g = gauges_[i];
      const sim_time joined = sim_.now();
      const double places = g.places_for(units);
      if (g.room()) co_await g.room()->put(places);
      g.on_enter(sim_.now(), places);
      const auto got = co_await g.tracks().request();
      (void)got;
      const sim_time start = sim_.now();
      g.on_start(start, start - joined, joined >= sc_.run.warmup);
      const sim_time d = g.work_time(t.tonnes, units);
      if (d > 0) co_await sim_.timeout(d);
      g.tracks().release();
      g.on_end(sim_.now(), d, t.wagons, t.tonnes, measured());
      trace(t, g.def().id, joined, start, sim_.now(), "gauge_changed");
      held.yard = &g;
      held.places = places;
    }
  }
  if (auto* room = let_go(held)) co_await room->get(held.places);
  finish(t);
}

}  // namespace tumen::model::detail
