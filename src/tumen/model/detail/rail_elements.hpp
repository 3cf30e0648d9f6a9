// The rail line's elements as live objects inside one simulation: the single-track bridge (a
// direction-aware mutual exclusion), border stations (tracks as servers) and gauge-change yards
// (room in wagons, working tracks). Each keeps the engine objects it needs and the statistics it
// reports; the train process (train.cpp) moves through them.
//
// The bridge rule (docs/modelling-assumptions.md, "Rail"): trains are admitted one at a time in
// the order they reached the bridge. The train at the head enters when
//   * the bridge is empty, or carries trains of its own direction only (single track), and
//   * at least `headway` has passed since the last train of its direction entered, and
//   * if the last train to leave went the other way: `clearance` has passed since it left.
// So two trains of opposite directions are never on a single track at once, trains of one
// direction may follow each other, and no direction can overtake a train waiting for the other.
//
//   co_await sim.start(bridge.enter(direction));   // returns once the train is on the bridge
//   co_await sim.timeout(bridge.def().crossing_time());
//   bridge.leave(direction);
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "detail/stations.hpp"
#include "tumen/random/stream.hpp"
#include "tumen/results/replication_result.hpp"
#include "tumen/scenario/scenario.hpp"
#include "tumen/sim/container.hpp"
#include "tumen/sim/event.hpp"
#include "tumen/sim/resource.hpp"

namespace tumen::model::detail {

// Whether `hours` are open at t (the change times: next_hour_change in detail/opening.hpp).
bool open_at(const scenario::scenario& sc, const scenario::weekly_hours& hours, sim_time t);

class bridge_track {
 public:
  bridge_track(sim::simulation& sim, const scenario::rail_bridge& def);
  bridge_track(const bridge_track&) = delete;
  bridge_track& operator=(const bridge_track&) = delete;

  sim::simulation& sim() { return sim_; }
  const scenario::rail_bridge& def() const { return def_; }
  // A process that ends when the train (going `direction`, a side index) is on the bridge.
  sim::process<> enter(int direction, bool measured);
  void leave(int direction);
  void reset(sim_time now);
  results::rail_bridge_result result(sim_time now) const;

 private:
  sim::resource& gate(int direction);

  sim::simulation& sim_;
  const scenario::rail_bridge& def_;
  std::map<int, std::unique_ptr<sim::resource>>
      gates_;              // one for a single track, else per direction
  int on_ = 0;             // trains on the bridge
  int direction_on_ = -1;  // their direction (single track), -1 when empty
  int last_entered_ = -1;  // direction of the last train to enter
  int last_left_ = -1;     // direction of the last train to leave
  sim_time last_left_at_ = 0;
  std::map<int, sim_time> last_entry_;  // per direction
  sim::event emptied_;
  level_stats trains_on_, occupied_;
  duration_stats wait_;
  std::uint64_t crossings_ = 0, reversals_ = 0;
};

class station_tracks {
 public:
  station_tracks(sim::simulation& sim, const scenario::scenario& sc, int index, std::uint64_t seed,
                 std::uint64_t replication);
  const scenario::rail_station& def() const { return def_; }
  sim::resource& tracks() { return tracks_; }
  void apply_opening(const scenario::scenario& sc, sim_time now);
  sim_time inspection_time(int kind);
  void on_arrive() { ++arrived_; }
  void on_start(sim_time now, sim_time waited, bool measured);
  void on_end(sim_time now, sim_time duration, bool measured);
  void reset(sim_time now) { busy_.reset(now); }
  results::rail_station_result result(const scenario::scenario& sc, sim_time now) const;

 private:
  const scenario::rail_station& def_;
  sim::resource tracks_;
  random::stream rng_;
  level_stats busy_;
  duration_stats wait_, inspection_;
  std::uint64_t arrived_ = 0, inspected_ = 0;
};

class gauge_yard {
 public:
  gauge_yard(sim::simulation& sim, const scenario::scenario& sc, int index, std::uint64_t seed,
             std::uint64_t replication);
  const scenario::gauge_change& def() const { return def_; }
  sim::resource& tracks() { return tracks_; }
  // Room in wagons, when the yard's capacity is limited.
  sim::container* room() { return room_ ? room_.get() : nullptr; }
  // The wagons a train of `wagons` wagons takes up: all of a yard it is longer than.
  double places_for(double wagons) const;
  void apply_opening(const scenario::scenario& sc, sim_time now);
  // setup + tonnes / rate (transship) or setup + units × time per wagon (bogie exchange).
  sim_time work_time(double tonnes, double units);
  void on_enter(sim_time now, double wagons) { wagons_in_.add(now, wagons); }
  void on_leave(sim_time now, double wagons) { wagons_in_.add(now, -wagons); }
  void on_start(sim_time now, sim_time waited, bool measured);
  void on_end(sim_time now, sim_time duration, double wagons, double tonnes, bool measured);
  void reset(sim_time now);
  results::gauge_change_result result(const scenario::scenario& sc, sim_time now) const;

 private:
  const scenario::gauge_change& def_;
  sim::resource tracks_;
  std::unique_ptr<sim::container> room_;
  random::stream rng_;
  level_stats busy_, wagons_in_;
  duration_stats wait_, work_;
  std::uint64_t trains_ = 0;
  double wagons_ = 0, tonnes_ = 0;
};

}  // namespace tumen::model::detail
