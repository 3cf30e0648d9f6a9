// The model's elements as live objects inside one simulation: checkpoint stages, holding areas,
// yards and links. Each owns what happens to a vehicle inside it (which lane it joins, how long it
// is willing to wait, its service or transfer time, where it branches next), the engine resources
// it needs and the statistics it reports. The vehicle process (trip.cpp) moves through them and
// does only the waiting (co_await), which must stay in that one coroutine: a nested coroutine
// frame per visit made the crossing 15-19% slower.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
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
#include "tumen/stats/time_weighted.hpp"

namespace tumen::model::detail {

// Durations observed after the warm-up: mean, quantiles (within 0.4%), max.
//
// Of a stats::tally it keeps only the count, sum and maximum its summary reports: this runs
// several times per vehicle, and a tally would also keep shifted sums (for a variance) and a
// minimum that nobody reads here. The updates and the merge are the tally's own, so the figures
// are the same to the bit.
class duration_stats {
 public:
  void add(double x) {
    ++count_;
    sum_ += x;
    if (x > max_) max_ = x;
    quantiles_.add(x);
  }
  void merge(const duration_stats& other) {
    if (other.count_ > 0) {
      if (count_ == 0) {
        sum_ = other.sum_;
        max_ = other.max_;
      } else {
        sum_ += other.sum_;
        max_ = std::max(max_, other.max_);
      }
      count_ += other.count_;
    }
    quantiles_.merge(other.quantiles_);
  }
  results::duration_summary summary() const;

 private:
  std::uint64_t count_ = 0;
  double sum_ = 0;
  double max_ = -std::numeric_limits<double>::infinity();
  stats::quantile_sketch quantiles_;
};

// One class's figures at a stage or yard (results::class_figures): counts, the waits of the
// vehicles served, and what the wait with the unserved needs. A stage records each visit once,
// in its class's stats; its own totals are their merge (merged()).
class class_stats {
 public:
  void join(sim_time now) {
    ++arrived_;
    ++waiting_;
    waiting_joined_sum_ += now;
  }
  void leave(sim_time now, sim_time joined, bool served, bool measured) {
    --waiting_;
    waiting_joined_sum_ -= joined;
    if (!served) ++abandoned_;
    if (!measured) return;
    ++queue_time_count_;
    queue_time_sum_ += now - joined;
    if (served) wait_.add(now - joined);
  }
  void served() { ++served_; }
  // Leaves without being served or giving up (an empty truck passing a yard).
  void pass(sim_time joined) {
    --waiting_;
    waiting_joined_sum_ -= joined;
  }
  bool seen() const { return arrived_ > 0; }
  // Adds another class's figures to these (a stage's totals).
  void merge(const class_stats& other);
  results::class_figures result(std::string vehicle_class, sim_time now) const;
  // Mean time in the queue of everyone who left it (served or gave up), measured period.
  double queue_time_mean() const {
    return queue_time_count_ ? queue_time_sum_ / static_cast<double>(queue_time_count_) : 0;
  }
  // The waits so far of the vehicles still waiting at `now`, summed.
  double unserved_wait_sum(sim_time now) const {
    return static_cast<double>(waiting_) * now - waiting_joined_sum_;
  }

 private:
  std::uint64_t arrived_ = 0, served_ = 0, abandoned_ = 0, waiting_ = 0;
  double waiting_joined_sum_ = 0;
  // The time in the queue of everyone who left it, measured period: count and sum.
  std::uint64_t queue_time_count_ = 0;
  double queue_time_sum_ = 0;
  duration_stats wait_;
};

// A level over time (queue length, busy lanes) with its hour-of-day breakdown: one
// stats::hourly_level, which keeps the whole period's figures too (one update per change
// instead of a time_weighted's and an hourly_level's).
class level_stats {
 public:
  void add(sim_time now, double delta) { hourly_.add(now, delta); }
  void set(sim_time now, double level) { hourly_.set(now, level); }
  void reset(sim_time now) { hourly_.reset(now); }
  double level() const { return hourly_.level(); }
  double mean(sim_time now) const { return hourly_.overall_mean(now); }
  double max() const { return hourly_.max(); }
  double hourly_mean(int hour, sim_time now) const { return hourly_.mean(hour, now); }
  double hourly_integral(int hour, sim_time now) const { return hourly_.integral(hour, now); }

 private:
  stats::hourly_level hourly_;
};

// One server pool a vehicle can queue for: a whole shared lane group, or one lane of a
// per-lane group.
struct server {
  std::unique_ptr<sim::resource> res;
  int group = 0;
  int lane_in_group = -1;  // -1 for a shared group
  const scenario::lane_group* def = nullptr;
  bool scaled = false;  // its group's service_scale changes something
};

class stage_station {
 public:
  stage_station(sim::simulation& sim, const scenario::scenario& sc, int index, std::uint64_t seed,
                std::uint64_t replication);

  const scenario::stage& def() const { return def_; }

  // One vehicle's visit, from joining a queue to leaving the stage, as trip.cpp drives it:
  //   auto v = st.join(vehicle_class, now);          // the lane and the patience
  //   auto req = st.lane(v).request(v.priority, v.patience);
  //   const auto got = co_await req;
  //   if (!st.leave_queue(v, now, got, req.owner())) …  // gave up: abandoned
  //   const sim_time d = st.start_service(v, now);   // the service time drawn
  //   co_await sim.timeout(d);
  //   const int next = st.end_service(v, now, d);     // lane freed; the branch taken
  // Statistics count what happens after the warm-up (run.warmup): a wait by when it began.
  struct visit {
    int vehicle_class = 0;
    int server = 0;  // index of the lane (or shared lane group) joined
    int priority = 0;
    sim_time patience = forever;
    sim_time joined = 0;
    bool measured = false;  // joined after the warm-up
  };
  // Chooses the server with the shortest expected wait among those serving the class
  // (preferring open ones) and draws the vehicle's patience. Throws std::logic_error when no lane
  // or service time serves the class (the scenario reader rules that out).
  visit join(int vehicle_class, sim_time now);
  sim::resource& lane(const visit& v) { return *servers_[static_cast<std::size_t>(v.server)].res; }
  // Records the end of the wait at `lane` (another than the one joined if the vehicle was moved
  // there when its lane closed; v.server follows); false when the vehicle gave up (it leaves the
  // crossing).
  bool leave_queue(visit& v, sim_time now, bool served, const sim::resource& lane);
  // Starts service; returns its duration (≥ 0).
  sim_time start_service(const visit& v, sim_time now);
  // Frees the lane; returns the stage the vehicle branches to, or -1 to go on along its route.
  int end_service(const visit& v, sim_time now, sim_time duration);
  // Applies the lanes open at `now` to every server. With per-lane queues, the vehicles waiting
  // at a lane that is closed then move to the open lanes of its group, the earliest to join
  // first, each to the open lane with the shortest expected wait (the rule of join()): no queue
  // is stranded behind a closed booth while another lane of its group is open.
  void apply_opening(sim_time now);
  const opening& group_opening(int g) const { return openings_[static_cast<std::size_t>(g)]; }
  std::size_t group_count() const { return openings_.size(); }

  void reset(sim_time now);

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

  results::stage_result result(const scenario::scenario& sc, sim_time now) const;

 private:
  int choose(int vehicle_class) const;
  void move_stranded(int group);
  int choose_branch(int vehicle_class);
  const scenario::stage& def_;
  const std::vector<scenario::vehicle_class>& classes_;
  sim_time warmup_;
  int start_weekday_;
  std::vector<server> servers_;
  std::vector<std::vector<int>> servers_for_class_;  // indices into servers_, ascending
  std::vector<opening> openings_;                    // one per lane group
  random::stream service_rng_, patience_rng_, branch_rng_;
  level_stats queue_, busy_, open_;
  duration_stats service_;
  stats::hourly_count arrivals_;
  stats::hourly_sum wait_by_hour_;
  std::uint64_t joined_measured_ = 0;
  // Per vehicle class: every visit is recorded here once; the stage's own counts and waits are
  // their merge.
  std::vector<class_stats> by_class_;
  // Per lane group, over the measured period.
  struct group_figures {
    std::uint64_t joined = 0, abandoned = 0, served = 0;
    double service_sum = 0;
    stats::time_weighted open;
  };
  std::vector<group_figures> groups_;
  // apply_opening's count of open units per lane group: kept here so that each change of the
  // opening (many a day) allocates nothing.
  std::vector<int> open_by_group_;
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
  const opening& hours() const { return opening_; }
  void apply_opening(sim_time now);

  // A truck's stay, as trip.cpp drives it:
  //   co_await y.parking().request();  y.park(now, class);
  //   loaded:  co_await y.bays().request();
  //            d = y.start_transfer(now, parked_at, tonnes);  co_await sim.timeout(d);
  //            y.end_transfer(now, d, tonnes);  a receiving truck (y.receiving_persons) goes on
  //   empty:   y.leave_empty(now)
  sim::resource& parking() { return parking_; }
  sim::resource& bays() { return bays_; }
  void park(sim_time now, int vehicle_class) {
    parked_.add(now, 1);
    ++trucks_arrived_;
    by_class_[static_cast<std::size_t>(vehicle_class)].join(now);
  }
  // Leaves the parking place for a bay; returns the transfer's duration (≥ 0).
  sim_time start_transfer(sim_time now, sim_time waited_from, double tonnes, int vehicle_class);
  // Frees the bay.
  void end_transfer(sim_time now, sim_time duration, double tonnes, int vehicle_class);
  // An empty truck leaves its parking place: nothing to hand over.
  void leave_empty(sim_time now, int vehicle_class, sim_time parked_at);
  // The persons aboard the receiving truck of class `vehicle_class` that takes the cargo on.
  double receiving_persons(const scenario::vehicle_class& vehicle_class) {
    return std::max(0.0, std::round(vehicle_class.persons.sample(receiving_rng_)));
  }
  // The transfer's duration for a load (setup, then the rate or a time per truck).
  sim_time transfer_time(double tonnes);
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
  random::stream rng_, receiving_rng_;
  sim_time warmup_;
  level_stats parked_, busy_, open_;
  duration_stats transfer_;
  std::uint64_t trucks_arrived_ = 0, transfers_ = 0, empty_arrivals_ = 0;
  double tonnes_ = 0;
  // Per vehicle class: its wait for a bay from parking, recorded once; the yard's is their merge.
  std::vector<class_stats> by_class_;
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
