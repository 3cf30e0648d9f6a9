// The rail line of one replication: building it, its opening-hours controllers and its figures
// (see detail/rail_line.hpp; the trains themselves are in train.cpp).
#include "detail/rail_line.hpp"

#include <map>
#include <utility>

#include "detail/opening.hpp"

namespace tumen::model::detail {

rail_line::inside_guard::inside_guard(rail_line* l, const train* tr) : line(l), t(tr) {}

rail_line::inside_guard::~inside_guard() {
  auto& f = line->flows_[static_cast<std::size_t>(t->flow)];
  --f.inside;
  f.wagons_inside -= t->wagons;
  f.tonnes_inside -= t->tonnes;
  f.persons_inside -= t->persons;
}

rail_line::rail_line(sim::simulation& sim, const scenario::scenario& sc, std::uint64_t seed,
                     std::uint64_t replication, results::trace_observer* trace)
    : sim_(sim), sc_(sc), trace_(trace) {
  for (const auto& b : sc.rail_bridges) bridges_.emplace_back(sim, b);
  for (int i = 0; i < static_cast<int>(sc.rail_stations.size()); ++i)
    stations_.emplace_back(sim, sc, i, seed, replication);
  for (int i = 0; i < static_cast<int>(sc.gauge_changes.size()); ++i)
    gauges_.emplace_back(sim, sc, i, seed, replication);
  std::map<std::pair<int, int>, int> flow_by_key;
  for (std::size_t s = 0; s < sc.trains.size(); ++s) {
    const auto n = "rail/" + std::to_string(s) + "/";
    rngs_.push_back({{seed, replication, n + "count"},
                     {seed, replication, n + "delay"},
                     {seed, replication, n + "wagons"},
                     {seed, replication, n + "loaded"},
                     {seed, replication, n + "tonnes"},
                     {seed, replication, n + "coaches"},
                     {seed, replication, n + "persons"}});
    const auto& ts = sc.trains[s];
    const auto key = std::make_pair(ts.route, ts.kind);
    auto it = flow_by_key.find(key);
    if (it == flow_by_key.end()) {
      const auto& r = sc.rail_routes[static_cast<std::size_t>(ts.route)];
      flow_state f;
      f.figures.route = r.id;
      f.figures.kind = sc.train_kinds[static_cast<std::size_t>(ts.kind)].id;
      f.figures.from = sc.sides[static_cast<std::size_t>(r.from_side)].id;
      f.figures.to = sc.sides[static_cast<std::size_t>(r.to_side)].id;
      flows_.push_back(std::move(f));
      it = flow_by_key.emplace(key, static_cast<int>(flows_.size()) - 1).first;
    }
    flow_of_service_.push_back(it->second);
  }
}

sim::process<> rail_line::opening_controller(int kind, int index) {
  const auto i = static_cast<std::size_t>(index);
  const auto& hours = kind == 0 ? stations_[i].def().hours : gauges_[i].def().hours;
  for (auto t = next_hour_change(sc_, hours, 0); t; t = next_hour_change(sc_, hours, *t)) {
    co_await sim_.timeout(*t - sim_.now(), sim::priority::urgent);
    if (kind == 0)
      stations_[i].apply_opening(sc_, sim_.now());
    else
      gauges_[i].apply_opening(sc_, sim_.now());
  }
}

void rail_line::start() {
  for (int i = 0; i < static_cast<int>(stations_.size()); ++i)
    if (!stations_[static_cast<std::size_t>(i)].def().hours.always_open())
      sim_.start(opening_controller(0, i),
                 "opening of " + stations_[static_cast<std::size_t>(i)].def().id);
  for (int i = 0; i < static_cast<int>(gauges_.size()); ++i)
    if (!gauges_[static_cast<std::size_t>(i)].def().hours.always_open())
      sim_.start(opening_controller(1, i),
                 "opening of " + gauges_[static_cast<std::size_t>(i)].def().id);
  for (int s = 0; s < static_cast<int>(sc_.trains.size()); ++s)
    sim_.start(source(s), "trains " + std::to_string(s));
}

void rail_line::reset(sim_time now) {
  for (auto& b : bridges_) b.reset(now);
  for (auto& s : stations_) s.reset(now);
  for (auto& g : gauges_) g.reset(now);
}

void rail_line::collect(results::replication_result& r) const {
  const sim_time now = sim_.now();
  const double measured_days = r.measured / tumen::days;
  auto& t = r.totals;
  std::map<std::pair<std::string, std::string>, results::rail_direction_result> directions;
  for (const auto& f : flows_) {
    auto fr = f.figures;
    fr.inside = static_cast<std::uint64_t>(f.inside);
    fr.wagons_inside = f.wagons_inside;
    fr.tonnes_inside = f.tonnes_inside;
    fr.persons_inside = f.persons_inside;
    fr.time_in_system = f.time_in_system.summary();
    auto& d = directions[{fr.from, fr.to}];
    d.from = fr.from;
    d.to = fr.to;
    if (measured_days > 0) {
      d.trains_per_day += static_cast<double>(fr.cleared_measured) / measured_days;
      d.wagons_per_day += fr.wagons_cleared_measured / measured_days;
      d.tonnes_per_day += fr.tonnes_cleared_measured / measured_days;
      d.persons_per_day += fr.persons_cleared_measured / measured_days;
    }
    r.rail.flows.push_back(std::move(fr));
  }
  for (auto& [key, d] : directions) {
    t.trains_per_day += d.trains_per_day;
    t.wagons_per_day += d.wagons_per_day;
    t.rail_tonnes_per_day += d.tonnes_per_day;
    t.rail_persons_per_day += d.persons_per_day;
    r.rail.directions.push_back(std::move(d));
  }
  for (const auto& s : stations_) r.rail.stations.push_back(s.result(sc_, now));
  for (const auto& b : bridges_) r.rail.bridges.push_back(b.result(now));
  for (const auto& g : gauges_) r.rail.gauge_changes.push_back(g.result(sc_, now));
}

}  // namespace tumen::model::detail
