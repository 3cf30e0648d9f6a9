// The live elements of a crossing: what happens to a vehicle in each (lane choice, patience,
// service and transfer times, branches), opening, and the statistics each element reports (see
// detail/stations.hpp).
#include "detail/stations.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace tumen::model::detail {

namespace {
std::string side_name(const scenario::scenario& sc, const std::optional<int>& side) {
  return side ? sc.sides[static_cast<std::size_t>(*side)].id : std::string{};
}
}  // namespace

results::duration_summary duration_stats::summary() const {
  results::duration_summary s;
  s.count = count_;
  if (s.count == 0) return s;
  s.mean = sum_ / static_cast<double>(count_);
  s.p50 = quantiles_.quantile(0.50);
  s.p90 = quantiles_.quantile(0.90);
  s.p95 = quantiles_.quantile(0.95);
  s.p99 = quantiles_.quantile(0.99);
  s.max = max_;
  return s;
}

namespace {
// Whether class c's figures belong in an element's results: every class the scenario says can
// reach it (so every replication names the same classes), or, for a scenario built in code, every
// class that came.
bool reaches(const std::vector<int>& reaching, std::size_t c, const class_stats& stats) {
  if (reaching.empty()) return stats.seen();
  return std::binary_search(reaching.begin(), reaching.end(), static_cast<int>(c));
}
}  // namespace

void class_stats::merge(const class_stats& other) {
  arrived_ += other.arrived_;
  served_ += other.served_;
  abandoned_ += other.abandoned_;
  waiting_ += other.waiting_;
  waiting_joined_sum_ += other.waiting_joined_sum_;
  // As tally::merge does with a count and sum.
  if (other.queue_time_count_ > 0) {
    queue_time_sum_ =
        queue_time_count_ == 0 ? other.queue_time_sum_ : queue_time_sum_ + other.queue_time_sum_;
    queue_time_count_ += other.queue_time_count_;
  }
  wait_.merge(other.wait_);
}

results::class_figures class_stats::result(std::string vehicle_class, sim_time now) const {
  results::class_figures r;
  r.vehicle_class = std::move(vehicle_class);
  r.arrived = arrived_;
  r.served = served_;
  r.abandoned = abandoned_;
  r.waiting_at_end = waiting_;
  r.wait = wait_.summary();
  // Everyone who joined in the measured period and left the queue (served or gave up), and
  // everyone still waiting, with the wait so far.
  const double everyone = static_cast<double>(queue_time_count_ + waiting_);
  r.wait_with_unserved_mean =
      everyone > 0 ? (queue_time_sum_ + unserved_wait_sum(now)) / everyone : 0;
  return r;
}

// ---- stage ----

stage_station::stage_station(sim::simulation& sim, const scenario::scenario& sc, int index,
                             std::uint64_t seed, std::uint64_t replication)
    : def_(sc.stages[static_cast<std::size_t>(index)]),
      classes_(sc.classes),
      warmup_(sc.run.warmup),
      start_weekday_(sc.run.start_weekday),
      service_rng_(seed, replication, "service/" + def_.id),
      patience_rng_(seed, replication, "patience/" + def_.id),
      branch_rng_(seed, replication, "branch/" + def_.id) {
  const scenario::element_ref me{scenario::element_kind::stage, index};
  for (std::size_t g = 0; g < def_.lanes.size(); ++g) {
    const auto& group = def_.lanes[g];
    openings_.emplace_back(sc, &def_.hours, &group.open_lanes, me);
    if (def_.queue == scenario::queue_discipline::shared) {
      servers_.push_back({std::make_unique<sim::resource>(sim, 0), static_cast<int>(g), -1, &group,
                          group.scale.varies()});
    } else {
      for (int l = 0; l < group.count; ++l)
        servers_.push_back({std::make_unique<sim::resource>(sim, 0), static_cast<int>(g), l, &group,
                            group.scale.varies()});
    }
  }
  groups_.resize(def_.lanes.size());
  open_by_group_.resize(def_.lanes.size());
  by_class_.resize(sc.classes.size());
  // Which servers serve each class, looked up once here rather than on every arrival.
  servers_for_class_.resize(sc.classes.size());
  for (std::size_t c = 0; c < sc.classes.size(); ++c)
    for (std::size_t i = 0; i < servers_.size(); ++i)
      if (def_.lanes[static_cast<std::size_t>(servers_[i].group)].serves(static_cast<int>(c)))
        servers_for_class_[c].push_back(static_cast<int>(i));
  apply_opening(0);
}

void stage_station::apply_opening(sim_time now) {
  int open_total = 0;
  for (auto& s : servers_) {
    const auto& group = def_.lanes[static_cast<std::size_t>(s.group)];
    const int open = openings_[static_cast<std::size_t>(s.group)].open_at(now, group.count);
    if (s.lane_in_group < 0) {
      s.res->set_capacity(open);
      open_total += open;
    } else {
      const int cap = s.lane_in_group < open ? 1 : 0;
      s.res->set_capacity(cap);
      open_total += cap;
    }
  }
  open_.set(now, open_total);
  if (def_.queue == scenario::queue_discipline::per_lane)
    for (int g = 0; g < static_cast<int>(groups_.size()); ++g) move_stranded(g);
  auto& open_by_group = open_by_group_;
  std::fill(open_by_group.begin(), open_by_group.end(), 0);
  for (const auto& s : servers_)
    open_by_group[static_cast<std::size_t>(s.group)] += s.res->capacity();
  for (std::size_t g = 0; g < groups_.size(); ++g) groups_[g].open.set(now, open_by_group[g]);
}

std::uint64_t stage_station::group_backlog(int g) const {
  std::uint64_t n = 0;
  for (const auto& s : servers_)
    if (s.group == g) n += s.res->queue_length();
  return n;
}

double stage_station::group_load(int g, sim_time now) const {
  const auto& gf = groups_[static_cast<std::size_t>(g)];
  const sim_time span = now - gf.open.start();
  if (span <= 0 || gf.served == 0) return 0;
  const double open = gf.open.mean(now);
  if (open <= 0) return std::numeric_limits<double>::infinity();
  const double rate = static_cast<double>(gf.joined) / span;
  return rate * (gf.service_sum / static_cast<double>(gf.served)) / open;
}

namespace {
// Expected position in line per open unit (a closed server: the vehicles there).
double expected_ahead(const sim::resource& r) {
  const double ahead = static_cast<double>(r.queue_length()) + r.in_use();
  return r.capacity() > 0 ? ahead / r.capacity() : ahead;
}
}  // namespace

void stage_station::move_stranded(int group) {
  for (;;) {
    sim::resource* from = nullptr;  // the closed lane whose first waiter joined earliest
    sim::resource* to = nullptr;    // the open lane with the shortest expected wait
    for (const auto& s : servers_) {
      if (s.group != group) continue;
      auto& r = *s.res;
      if (r.capacity() > 0) {
        if (!to || expected_ahead(r) < expected_ahead(*to)) to = &r;
      } else if (const auto since = r.front_since()) {
        if (!from || *since < *from->front_since()) from = &r;
      }
    }
    if (!from || !to) return;
    from->move_front_to(*to);
  }
}

int stage_station::choose(int vehicle_class) const {
  int best = -1;
  double best_score = std::numeric_limits<double>::infinity();
  bool best_open = false;
  for (const int i : servers_for_class_[static_cast<std::size_t>(vehicle_class)]) {
    const auto& r = *servers_[static_cast<std::size_t>(i)].res;
    const bool open = r.capacity() > 0;
    // A closed server only if nothing is open.
    const double score = expected_ahead(r);
    if (best < 0 || (open && !best_open) || (open == best_open && score < best_score)) {
      best = i;
      best_score = score;
      best_open = open;
    }
  }
  return best;
}

stage_station::visit stage_station::join(int vehicle_class, sim_time now) {
  const auto cls = static_cast<std::size_t>(vehicle_class);
  visit v;
  v.vehicle_class = vehicle_class;
  v.server = choose(vehicle_class);
  if (v.server < 0 ||
      (!def_.service_by_class[cls] && !servers_[static_cast<std::size_t>(v.server)].def->service))
    throw std::logic_error("stage '" + def_.id + "' has no lane or service time for class '" +
                           classes_[cls].id + "'");
  const auto& patience = def_.patience_by_class[cls];
  v.patience = patience ? patience->sample(patience_rng_) : forever;
  v.priority = def_.priority_by_class[cls];
  v.joined = now;
  v.measured = now >= warmup_;
  queue_.add(now, 1);
  by_class_[cls].join(now);
  if (v.measured) {
    ++joined_measured_;
    ++groups_[static_cast<std::size_t>(servers_[static_cast<std::size_t>(v.server)].group)].joined;
    arrivals_.add(now);
  }
  return v;
}

bool stage_station::leave_queue(visit& v, sim_time now, bool served, const sim::resource& lane) {
  if (&lane != servers_[static_cast<std::size_t>(v.server)].res.get()) {
    const auto moved = std::find_if(servers_.begin(), servers_.end(),
                                    [&](const server& s) { return s.res.get() == &lane; });
    v.server = static_cast<int>(moved - servers_.begin());
  }
  queue_.add(now, -1);
  if (v.measured && !served)
    ++groups_[static_cast<std::size_t>(servers_[static_cast<std::size_t>(v.server)].group)]
          .abandoned;
  if (v.measured && served) wait_by_hour_.add(v.joined, now - v.joined);
  by_class_[static_cast<std::size_t>(v.vehicle_class)].leave(now, v.joined, served, v.measured);
  return served;
}

sim_time stage_station::start_service(const visit& v, sim_time now) {
  busy_.add(now, 1);
  const auto& s = servers_[static_cast<std::size_t>(v.server)];
  const auto& group = *s.def;
  const auto& service = group.service
                            ? *group.service
                            : *def_.service_by_class[static_cast<std::size_t>(v.vehicle_class)];
  double d = service.sample(service_rng_);
  if (s.scaled) {
    // The factor of the hour and weekday the service starts in.
    const double day = std::floor(now / tumen::days);
    const int hour = std::min(23, static_cast<int>((now - day * tumen::days) / tumen::hours));
    const int weekday = (start_weekday_ + static_cast<int>(day)) % 7;
    d *= group.scale.at(hour, weekday);
  }
  return std::max(0.0, d);
}

int stage_station::end_service(const visit& v, sim_time now, sim_time duration) {
  lane(v).release();
  busy_.add(now, -1);
  by_class_[static_cast<std::size_t>(v.vehicle_class)].served();
  if (now >= warmup_) {
    service_.add(duration);
    auto& g = groups_[static_cast<std::size_t>(servers_[static_cast<std::size_t>(v.server)].group)];
    ++g.served;
    g.service_sum += duration;
  }
  return choose_branch(v.vehicle_class);
}

int stage_station::choose_branch(int vehicle_class) {
  if (def_.next.empty()) return -1;
  const double u = branch_rng_.uniform01();
  double acc = 0;
  for (const auto& b : def_.next) {
    acc += b.share_by_class[static_cast<std::size_t>(vehicle_class)];
    if (u < acc) return b.stage;
  }
  return -1;
}

void stage_station::reset(sim_time now) {
  queue_.reset(now);
  busy_.reset(now);
  open_.reset(now);
  for (auto& g : groups_) g.open.reset(now);
}

results::stage_result stage_station::result(const scenario::scenario& sc, sim_time now) const {
  results::stage_result r;
  r.id = def_.id;
  r.name = def_.name;
  r.side = side_name(sc, def_.side);
  r.lanes = def_.total_lanes();
  // The stage's counts and waits are its classes' together.
  class_stats all;
  for (const auto& c : by_class_) all.merge(c);
  const auto total = all.result("", now);
  r.arrived = total.arrived;
  r.served = total.served;
  r.abandoned = total.abandoned;
  r.waiting_at_end = total.waiting_at_end;
  r.in_service_at_end = static_cast<std::uint64_t>(busy_.level());
  r.wait = total.wait;
  r.service = service_.summary();
  r.queue_time_mean = all.queue_time_mean();
  r.wait_with_unserved_mean = total.wait_with_unserved_mean;
  r.unserved_wait_mean = total.waiting_at_end > 0 ? all.unserved_wait_sum(now) /
                                                        static_cast<double>(total.waiting_at_end)
                                                  : 0;
  r.queue_mean = queue_.mean(now);
  r.queue_max = queue_.max();
  r.busy_mean = busy_.mean(now);
  r.open_lanes_mean = open_.mean(now);
  r.utilisation = r.open_lanes_mean > 0 ? r.busy_mean / r.open_lanes_mean : 0;
  const sim_time measured = now - warmup_;
  r.arrival_rate = measured > 0 ? static_cast<double>(joined_measured_) / measured : 0;
  const double measured_days = measured / tumen::days;
  for (int h = 0; h < 24; ++h) {
    const auto hh = static_cast<std::size_t>(h);
    r.hourly.arrivals_per_day[hh] =
        measured_days > 0 ? static_cast<double>(arrivals_.count(h)) / measured_days : 0;
    r.hourly.wait_mean[hh] = wait_by_hour_.count(h) ? wait_by_hour_.mean(h) : 0;
    r.hourly.queue_mean[hh] = queue_.hourly_mean(h, now);
    r.hourly.open_lanes[hh] = open_.hourly_mean(h, now);
    const double open = open_.hourly_integral(h, now);
    r.hourly.utilisation[hh] = open > 0 ? busy_.hourly_integral(h, now) / open : 0;
  }
  for (std::size_t c = 0; c < by_class_.size(); ++c)
    if (reaches(def_.reaching_classes, c, by_class_[c]))
      r.by_class.push_back(by_class_[c].result(sc.classes[c].id, now));
  return r;
}

// ---- holding area ----

holding_station::holding_station(sim::simulation& sim, const scenario::holding_area& def)
    : def_(def),
      space_(sim, def.capacity,
             def.when_full == scenario::when_full_policy::turn_away ? std::optional<std::size_t>(0)
                                                                    : std::nullopt) {}

void holding_station::on_enter(sim_time now, sim_time waited, bool measured) {
  ++entered_;
  occupancy_.add(now, 1);
  if (waited > 0) ++waited_outside_;
  if (measured) wait_outside_.add(waited);
}

results::holding_result holding_station::result(sim_time now) const {
  results::holding_result r;
  r.id = def_.id;
  r.name = def_.name;
  r.capacity = def_.capacity;
  r.entered = entered_;
  r.turned_away = turned_away_;
  r.waited_outside = waited_outside_;
  r.wait_outside = wait_outside_.summary();
  r.occupancy_mean = occupancy_.mean(now);
  r.occupancy_max = occupancy_.max();
  for (int h = 0; h < 24; ++h)
    r.occupancy_hourly[static_cast<std::size_t>(h)] = occupancy_.hourly_mean(h, now);
  return r;
}

// ---- yard ----

yard_station::yard_station(sim::simulation& sim, const scenario::scenario& sc, int index,
                           std::uint64_t seed, std::uint64_t replication)
    : def_(sc.yards[static_cast<std::size_t>(index)]),
      parking_(sim, def_.parking),
      bays_(sim, 0),
      opening_(sc, &def_.hours, nullptr, {scenario::element_kind::yard, index}),
      rng_(seed, replication, "transfer/" + def_.id),
      receiving_rng_(seed, replication, "receiving/" + def_.id),
      warmup_(sc.run.warmup),
      by_class_(sc.classes.size()) {
  apply_opening(0);
}

void yard_station::apply_opening(sim_time now) {
  const int open = opening_.open_at(now, def_.transfers_at_once());
  bays_.set_capacity(open);
  open_.set(now, open);
}

sim_time yard_station::transfer_time(double tonnes) {
  sim_time t = def_.setup.sample(rng_);
  if (def_.rate_tph)
    t += tonnes / *def_.rate_tph * tumen::hours;
  else if (def_.time_per_truck)
    t += def_.time_per_truck->sample(rng_);
  return std::max(0.0, t);
}

sim_time yard_station::start_transfer(sim_time now, sim_time waited_from, double tonnes,
                                      int vehicle_class) {
  parking_.release();
  parked_.add(now, -1);
  busy_.add(now, 1);
  by_class_[static_cast<std::size_t>(vehicle_class)].leave(now, waited_from, true,
                                                           waited_from >= warmup_);
  return transfer_time(tonnes);
}

void yard_station::leave_empty(sim_time now, int vehicle_class, sim_time parked_at) {
  parking_.release();
  parked_.add(now, -1);
  ++empty_arrivals_;
  by_class_[static_cast<std::size_t>(vehicle_class)].pass(parked_at);
}

void yard_station::end_transfer(sim_time now, sim_time duration, double tonnes, int vehicle_class) {
  by_class_[static_cast<std::size_t>(vehicle_class)].served();
  bays_.release();
  busy_.add(now, -1);
  ++transfers_;
  tonnes_ += tonnes;
  if (now >= warmup_) transfer_.add(duration);
}

void yard_station::reset(sim_time now) {
  parked_.reset(now);
  busy_.reset(now);
  open_.reset(now);
}

results::yard_result yard_station::result(const scenario::scenario& sc, sim_time now) const {
  results::yard_result r;
  r.id = def_.id;
  r.name = def_.name;
  r.side = side_name(sc, def_.side);
  r.bays = def_.transfers_at_once();
  r.trucks_arrived = trucks_arrived_;
  r.transfers = transfers_;
  r.empty_arrivals = empty_arrivals_;
  r.tonnes_transferred = tonnes_;
  // The wait for a bay: every delivering class's, together.
  class_stats all;
  for (const auto& c : by_class_) all.merge(c);
  r.wait_for_bay = all.result("", now).wait;
  r.transfer = transfer_.summary();
  r.parking_mean = parked_.mean(now);
  r.parking_max = parked_.max();
  r.busy_mean = busy_.mean(now);
  r.open_bays_mean = open_.mean(now);
  r.utilisation = r.open_bays_mean > 0 ? r.busy_mean / r.open_bays_mean : 0;
  for (int h = 0; h < 24; ++h) {
    const double open = open_.hourly_integral(h, now);
    r.utilisation_hourly[static_cast<std::size_t>(h)] =
        open > 0 ? busy_.hourly_integral(h, now) / open : 0;
  }
  for (std::size_t c = 0; c < by_class_.size(); ++c)
    if (reaches(def_.reaching_classes, c, by_class_[c]))
      r.by_class.push_back(by_class_[c].result(sc.classes[c].id, now));
  return r;
}

// ---- link ----

link_station::link_station(const scenario::scenario& sc, int index)
    : def_(sc.links[static_cast<std::size_t>(index)]),
      next_free_(static_cast<std::size_t>(def_.lanes), 0.0) {
  const scenario::element_ref me{scenario::element_kind::link, index};
  for (const auto& c : sc.closures)
    if (!c.target || *c.target == me) closures_.push_back(&c);
}

sim_time link_station::book_entry(sim_time now) {
  auto& lanes = next_free_;
  sim_time t = now;
  // Lanes closed at t; move past full closures until the link is open.
  for (int guard = 0; guard < 1000; ++guard) {
    int closed = 0;
    sim_time reopen = t;
    bool all_closed = false;
    for (const auto* c : closures_) {
      if (c->from <= t && t < c->to) {
        if (!c->lanes) {
          all_closed = true;
          reopen = std::max(reopen, c->to);
        } else {
          closed += *c->lanes;
          reopen = std::max(reopen, c->to);
        }
      }
    }
    const int usable = all_closed ? 0 : def_.lanes - closed;
    if (usable <= 0) {
      t = reopen;
      continue;
    }
    // The usable lanes are the first `usable` ones; take the one free soonest.
    auto it = std::min_element(lanes.begin(), lanes.begin() + usable);
    const sim_time entry = std::max(t, *it);
    // If a closure starts before that entry, re-check at the entry time.
    bool starts_before = false;
    for (const auto* c : closures_)
      if (c->from > t && c->from <= entry) starts_before = true;
    if (starts_before) {
      t = entry;
      continue;
    }
    *it = entry + def_.min_headway;
    return entry;
  }
  return t;
}

void link_station::on_enter(sim_time delay, bool measured) {
  ++entered_;
  if (measured) entry_delay_.add(delay);
}

results::link_result link_station::result() const {
  results::link_result r;
  r.id = def_.id;
  r.name = def_.name;
  r.entered = entered_;
  r.entry_delay = entry_delay_.summary();
  r.travel_time = def_.travel_time();
  return r;
}

}  // namespace tumen::model::detail
