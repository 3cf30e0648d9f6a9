// The model's elements as live objects inside one simulation: checkpoint stages (lane choice and
// statistics), holding areas, yards and links. Each keeps the engine resources it needs and the
// statistics it reports; the vehicle process (trip.cpp) moves through them.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "detail/opening.hpp"
#include "tumen/random/stream.hpp"
#include "tumen/results/replication_result.hpp"
#include "tumen/scenario/scenario.hpp"
#include "tumen/sim/resource.hpp"
#include "tumen/stats/hourly.hpp"
#include "tumen/stats/quantile_sketch.hpp"
#include "tumen/stats/tally.hpp"
#include "tumen/stats/time_weighted.hpp"

namespace tumen::model::detail {

// Durations observed after the warm-up: mean, quantiles (within 0.4%), max.
class duration_stats {
 public:
  void add(double x) {
    tally_.add(x);
    quantiles_.add(x);
  }
  results::duration_summary summary() const;

 private:
  stats::tally tally_;
  stats::quantile_sketch quantiles_;
};

// A level over time (queue length, busy lanes) with its hour-of-day breakdown.
class level_stats {
 public:
  void add(sim_time now, double delta) {
    whole_.add(now, delta);
    hourly_.add(now, delta);
  }
  void set(sim_time now, double level) {
    whole_.set(now, level);
    hourly_.set(now, level);
  }
  void reset(sim_time now) {
    whole_.reset(now);
    hourly_.reset(now);
  }
  double level() const { return whole_.level(); }
  double mean(sim_time now) const { return whole_.mean(now); }
  double max() const { return whole_.max(); }
  double hourly_mean(int hour, sim_time now) const { return hourly_.mean(hour, now); }
  double hourly_integral(int hour, sim_time now) const { return hourly_.integral(hour, now); }

 private:
  stats::time_weighted whole_;
  stats::hourly_level hourly_;
};

// One server pool a vehicle can queue for: a whole shared lane group, or one lane of a
// per-lane group.
struct server {
  std::unique_ptr<sim::resource> res;
  int group = 0;
  int lane_in_group = -1;  // -1 for a shared group
};

class stage_station {
 public:
  stage_station(sim::simulation& sim, const scenario::scenario& sc, int index, std::uint64_t seed,
                std::uint64_t replication);

  const scenario::stage& def() const { return def_; }
  // The server the vehicle joins: shortest expected wait among those serving its class,
  // preferring open ones. Returns its index in servers().
  int choose(int vehicle_class) const;
  sim::resource& server_at(int i) { return *servers_[static_cast<std::size_t>(i)].res; }
  // Applies the lanes open at `now` to every server.
  void apply_opening(sim_time now);
  const opening& group_opening(int g) const { return openings_[static_cast<std::size_t>(g)]; }
  std::size_t group_count() const { return openings_.size(); }

  // `server` is the index in servers() the vehicle queues for.
  void on_join(sim_time now, bool measured, int server);
  void on_leave_queue(sim_time now, sim_time joined, bool served, bool measured, int server);
  void on_service_start(sim_time now);
  void on_service_end(sim_time now, sim_time duration, bool measured, int server);
  // A branch to another stage, or -1 to continue on the route.
  int choose_branch(int vehicle_class);
  void reset(sim_time now);

  random::stream& service_rng() { return service_rng_; }
  random::stream& patience_rng() { return patience_rng_; }
  double queue_level() const { return queue_.level(); }
  // Vehicles waiting now in lane group g's queues.
  std::uint64_t group_backlog(int g) const;
  // What the verdict needs of lane group g over the measured period: vehicles that joined its
  // queues, those that gave up, and the load of the arrivals (vehicles joining per second ×
  // mean service ÷ mean lanes open; +infinity when never open, 0 before anything was served).
  std::uint64_t group_joined(int g) const { return groups_[static_cast<std::size_t>(g)].joined; }
  std::uint64_t group_abandoned(int g) const {
    return groups_[static_cast<std::size_t>(g)].abandoned;
  }
  double group_load(int g, sim_time now) const;

  results::stage_result result(const scenario::scenario& sc, sim_time now, sim_time warmup) const;

 private:
  const scenario::stage& def_;
  std::vector<server> servers_;
  std::vector<std::vector<int>> servers_for_class_;  // indices into servers_, ascending
  std::vector<opening> openings_;                    // one per lane group
  random::stream service_rng_, patience_rng_, branch_rng_;
  level_stats queue_, busy_, open_;
  duration_stats wait_, service_;
  stats::tally queue_time_;
  stats::hourly_profile arrivals_, wait_by_hour_;
  std::uint64_t arrived_ = 0, served_ = 0, abandoned_ = 0, joined_measured_ = 0;
  // Sum of the join times of the vehicles waiting now: their waits so far at the end are
  // (number waiting × now − this sum), the part of the wait figures served vehicles miss.
  double waiting_joined_sum_ = 0;
  // Per lane group, over the measured period.
  struct group_figures {
    std::uint64_t joined = 0, abandoned = 0, served = 0;
    double service_sum = 0;
    stats::time_weighted open;
  };
  std::vector<group_figures> groups_;
};

class holding_station {
 public:
  holding_station(sim::simulation& sim, const scenario::holding_area& def);
  const scenario::holding_area& def() const { return def_; }
  sim::resource& space() { return space_; }
  void on_enter(sim_time now, sim_time waited, bool measured);
  void on_leave(sim_time now) { occupancy_.add(now, -1); }
  void on_turned_away() { ++turned_away_; }
  std::uint64_t turned_away() const { return turned_away_; }
  std::uint64_t entered() const { return entered_; }
  void reset(sim_time now) { occupancy_.reset(now); }
  double waiting_outside() const { return static_cast<double>(space_.queue_length()); }
  results::holding_result result(sim_time now) const;

 private:
  const scenario::holding_area& def_;
  sim::resource space_;
  level_stats occupancy_;
  duration_stats wait_outside_;
  std::uint64_t entered_ = 0, turned_away_ = 0, waited_outside_ = 0;
};

class yard_station {
 public:
  yard_station(sim::simulation& sim, const scenario::scenario& sc, int index, std::uint64_t seed,
               std::uint64_t replication);
  const scenario::yard& def() const { return def_; }
  sim::resource& parking() { return parking_; }
  sim::resource& bays() { return bays_; }
  const opening& hours() const { return opening_; }
  void apply_opening(sim_time now);
  sim_time transfer_time(double tonnes);
  void on_park(sim_time now) {
    parked_.add(now, 1);
    ++trucks_arrived_;
  }
  void on_unpark(sim_time now) { parked_.add(now, -1); }
  void on_empty() { ++empty_arrivals_; }
  void on_transfer_start(sim_time now, sim_time waited, bool measured);
  void on_transfer_end(sim_time now, sim_time duration, double tonnes, bool measured);
  void reset(sim_time now);
  double queue_level() const { return static_cast<double>(bays_.queue_length()); }
  // Trucks waiting now for a bay or for a parking place.
  std::uint64_t backlog() const { return bays_.queue_length() + parking_.queue_length(); }
  std::uint64_t trucks_arrived() const { return trucks_arrived_; }
  results::yard_result result(const scenario::scenario& sc, sim_time now) const;

 private:
  const scenario::yard& def_;
  sim::resource parking_, bays_;
  opening opening_;
  random::stream rng_;
  level_stats parked_, busy_, open_;
  duration_stats wait_, transfer_;
  std::uint64_t trucks_arrived_ = 0, transfers_ = 0, empty_arrivals_ = 0;
  double tonnes_ = 0;
};

// A link's lanes (a link is one direction of travel): the earliest time each lane may take its
// next vehicle. Every route that passes the link shares these lanes and their headway.
class link_station {
 public:
  link_station(const scenario::scenario& sc, int index);
  const scenario::link& def() const { return def_; }
  // Books the lane the vehicle enters by and returns the entry time (>= now): the earliest a
  // lane allows (headway) outside closures of the link or of the whole crossing.
  sim_time book_entry(sim_time now);
  void on_enter(sim_time delay, bool measured);
  results::link_result result() const;

 private:
  const scenario::link& def_;
  std::vector<const scenario::closure*> closures_;
  std::vector<sim_time> next_free_;  // per lane: the next entry time
  duration_stats entry_delay_;
  std::uint64_t entered_ = 0;
};

}  // namespace tumen::model::detail
