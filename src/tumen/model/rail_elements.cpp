// The rail line's live elements: bridge, stations, gauge-change yards (see
// detail/rail_elements.hpp).
#include "detail/rail_elements.hpp"

#include <algorithm>
#include <cmath>

#include "detail/opening.hpp"

namespace tumen::model::detail {

bool open_at(const scenario::scenario& sc, const scenario::weekly_hours& hours, sim_time t) {
  const sim_time day_start = std::floor(t / tumen::days) * tumen::days;
  return hours.is_open(weekday_of(sc, t), t - day_start);
}

// ---- bridge ------------------------------------------------------------------------------

bridge_track::bridge_track(sim::simulation& sim, const scenario::rail_bridge& def)
    : sim_(sim), def_(def) {}

sim::resource& bridge_track::gate(int direction) {
  const int key = def_.single_track ? 0 : direction;
  auto& g = gates_[key];
  if (!g) g = std::make_unique<sim::resource>(sim_, 1);
  return *g;
}

sim::process<> bridge_track::enter(int direction, bool measured) {
  const sim_time reached = sim_.now();
  auto& g = gate(direction);
  const auto got = co_await g.request();
  (void)got;
  // The head of the queue: wait until the rule lets it on.
  while (true) {
    if (def_.single_track && on_ > 0 && direction_on_ != direction) {
      if (!emptied_.valid() || emptied_.triggered()) emptied_ = sim::make_event(sim_);
      const sim::event empty = emptied_;
      co_await empty;
      continue;
    }
    sim_time earliest = sim_.now();
    if (const auto it = last_entry_.find(direction); it != last_entry_.end())
      earliest = std::max(earliest, it->second + def_.headway);
    if (def_.single_track && on_ == 0 && last_left_ >= 0 && last_left_ != direction)
      earliest = std::max(earliest, last_left_at_ + def_.clearance);
    if (earliest <= sim_.now()) break;
    co_await sim_.timeout(earliest - sim_.now());
  }
  if (last_entered_ >= 0 && last_entered_ != direction) ++reversals_;
  last_entered_ = direction;
  last_entry_[direction] = sim_.now();
  ++on_;
  direction_on_ = direction;
  ++crossings_;
  trains_on_.add(sim_.now(), 1);
  occupied_.set(sim_.now(), 1);
  if (measured) wait_.add(sim_.now() - reached);
  g.release();
}

void bridge_track::leave(int direction) {
  --on_;
  last_left_ = direction;
  last_left_at_ = sim_.now();
  trains_on_.add(sim_.now(), -1);
  if (on_ == 0) {
    direction_on_ = -1;
    occupied_.set(sim_.now(), 0);
    if (emptied_.valid() && emptied_.pending()) emptied_.succeed();
  }
}

void bridge_track::reset(sim_time now) {
  trains_on_.reset(now);
  occupied_.reset(now);
}

results::rail_bridge_result bridge_track::result(sim_time now) const {
  results::rail_bridge_result r;
  r.id = def_.id;
  r.name = def_.name;
  r.single_track = def_.single_track;
  r.crossings = crossings_;
  r.reversals = reversals_;
  r.wait = wait_.summary();
  r.occupied_share = occupied_.mean(now);
  r.trains_on_mean = trains_on_.mean(now);
  r.crossing_time = def_.crossing_time();
  return r;
}

// ---- stations ----------------------------------------------------------------------------

station_tracks::station_tracks(sim::simulation& sim, const scenario::scenario& sc, int index,
                               std::uint64_t seed, std::uint64_t replication)
    : def_(sc.rail_stations[static_cast<std::size_t>(index)]),
      tracks_(sim, def_.tracks),
      rng_(seed, replication, "rail_station/" + def_.id) {
  apply_opening(sc, 0);
}

void station_tracks::apply_opening(const scenario::scenario& sc, sim_time now) {
  tracks_.set_capacity(open_at(sc, def_.hours, now) ? def_.tracks : 0);
}

sim_time station_tracks::inspection_time(int kind) {
  const auto& d = def_.inspection_by_kind[static_cast<std::size_t>(kind)];
  return d ? std::max(0.0, d->sample(rng_)) : 0.0;
}

void station_tracks::on_start(sim_time now, sim_time waited, bool measured) {
  busy_.add(now, 1);
  if (measured) wait_.add(waited);
}

void station_tracks::on_end(sim_time now, sim_time duration, bool measured) {
  busy_.add(now, -1);
  ++inspected_;
  if (measured) inspection_.add(duration);
}

results::rail_station_result station_tracks::result(const scenario::scenario& sc,
                                                    sim_time now) const {
  results::rail_station_result r;
  r.id = def_.id;
  r.name = def_.name;
  if (def_.side) r.side = sc.sides[static_cast<std::size_t>(*def_.side)].id;
  r.tracks = def_.tracks;
  r.arrived = arrived_;
  r.inspected = inspected_;
  r.wait = wait_.summary();
  r.inspection = inspection_.summary();
  r.busy_mean = busy_.mean(now);
  r.utilisation = r.busy_mean / def_.tracks;
  return r;
}

// ---- gauge change ------------------------------------------------------------------------

gauge_yard::gauge_yard(sim::simulation& sim, const scenario::scenario& sc, int index,
                       std::uint64_t seed, std::uint64_t replication)
    : def_(sc.gauge_changes[static_cast<std::size_t>(index)]),
      tracks_(sim, def_.tracks),
      rng_(seed, replication, "gauge_change/" + def_.id) {
  if (def_.capacity_wagons) room_ = std::make_unique<sim::container>(sim, *def_.capacity_wagons);
  apply_opening(sc, 0);
}

double gauge_yard::places_for(double wagons) const {
  return def_.capacity_wagons ? std::min(wagons, static_cast<double>(*def_.capacity_wagons))
                              : wagons;
}

void gauge_yard::apply_opening(const scenario::scenario& sc, sim_time now) {
  tracks_.set_capacity(open_at(sc, def_.hours, now) ? def_.tracks : 0);
}

sim_time gauge_yard::work_time(double tonnes, double units) {
  sim_time t = std::max(0.0, def_.setup.sample(rng_));
  if (def_.method == scenario::gauge_method::transship) {
    if (def_.rate_tph) t += tonnes / *def_.rate_tph * tumen::hours;
  } else if (def_.time_per_wagon) {
    for (int i = 0; i < static_cast<int>(units); ++i)
      t += std::max(0.0, def_.time_per_wagon->sample(rng_));
  }
  return t;
}

void gauge_yard::on_start(sim_time now, sim_time waited, bool measured) {
  busy_.add(now, 1);
  if (measured) wait_.add(waited);
}

void gauge_yard::on_end(sim_time now, sim_time duration, double wagons, double tonnes,
                        bool measured) {
  busy_.add(now, -1);
  ++trains_;
  wagons_ += wagons;
  tonnes_ += tonnes;
  if (measured) work_.add(duration);
}

void gauge_yard::reset(sim_time now) {
  busy_.reset(now);
  wagons_in_.reset(now);
}

results::gauge_change_result gauge_yard::result(const scenario::scenario& sc, sim_time now) const {
  results::gauge_change_result r;
  r.id = def_.id;
  r.name = def_.name;
  if (def_.side) r.side = sc.sides[static_cast<std::size_t>(*def_.side)].id;
  r.method = def_.method == scenario::gauge_method::transship ? "transship" : "bogie_exchange";
  r.tracks = def_.tracks;
  r.capacity_wagons = def_.capacity_wagons;
  r.trains = trains_;
  r.wagons = wagons_;
  r.tonnes = tonnes_;
  r.wait = wait_.summary();
  r.work = work_.summary();
  r.wagons_in_yard_mean = wagons_in_.mean(now);
  r.wagons_in_yard_max = wagons_in_.max();
  r.busy_mean = busy_.mean(now);
  r.utilisation = r.busy_mean / def_.tracks;
  return r;
}

}  // namespace tumen::model::detail
