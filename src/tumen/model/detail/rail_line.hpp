// The rail line of a crossing inside one replication: its elements, its train services and the
// accounting of trains, beside (and independent of) the road. The crossing builds one when the
// scenario has [[trains]], starts it with the road, resets its statistics at the end of the
// warm-up and asks it for its figures:
//
//   rail_line rail(sim, sc, seed, replication, trace);
//   rail.start();                 // train sources, opening-hours controllers
//   sim.run(sc.run.length());
//   rail.collect(result);         // result.rail and the rail_* / all_modes_* totals
//
// Every train is a process (train.cpp) that walks its rail route: at a station it waits for a
// track (open hours) and is inspected; at a bridge it waits for the single-track rule
// (rail_elements.hpp) and crosses; at a gauge-change yard it waits for room and a working track
// and is worked. It keeps its station track (or its place in a yard) while waiting for a bridge
// and gives it up on entering the bridge; it gives up what it holds before queueing for a station
// or yard, so trains of the two directions can never hold each other up in a circle.
//
// Random streams are named "rail/…" (and per element), so adding a rail line leaves every road
// draw where it was: road figures of "road only" and "road and rail" runs are identical.
//
// The rail_line must outlive the simulation's processes (declare it before the simulation): the
// trains' frames update its counters when they are destroyed.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "detail/rail_elements.hpp"
#include "tumen/results/trace.hpp"

namespace tumen::model::detail {

struct train {
  std::uint64_t id = 0;
  int service = 0;
  int kind = 0;
  int route = 0;
  int flow = 0;
  sim_time arrived = 0;
  double wagons = 0, coaches = 0, tonnes = 0, persons = 0;
};

class rail_line {
 public:
  rail_line(sim::simulation& sim, const scenario::scenario& sc, std::uint64_t seed,
            std::uint64_t replication, results::trace_observer* trace);
  rail_line(const rail_line&) = delete;
  rail_line& operator=(const rail_line&) = delete;

  sim::simulation& sim() { return sim_; }
  void start();
  void reset(sim_time now);
  // Fills r.rail and the rail and all-modes totals (after the road totals are in r).
  void collect(results::replication_result& r) const;

 private:
  // Keeps "inside" counted independently of the outcomes: a train is inside from its arrival
  // until its process ends, however it ends.
  struct inside_guard {
    rail_line* line;
    const train* t;
    inside_guard(rail_line* l, const train* tr);
    ~inside_guard();
    inside_guard(const inside_guard&) = delete;
    inside_guard& operator=(const inside_guard&) = delete;
  };
  struct flow_state {
    results::train_flow_result figures;
    duration_stats time_in_system;
    std::int64_t inside = 0;
    double wagons_inside = 0, tonnes_inside = 0, persons_inside = 0;
  };
  struct service_streams {
    random::stream count, delay, wagons, loaded, tonnes, coaches, persons;
  };

  // What a train holds while it waits for a bridge: a station track, or room in a yard.
  struct held_place {
    station_tracks* track = nullptr;
    gauge_yard* yard = nullptr;
    double places = 0;
  };

  // train.cpp
  // Gives up what `h` holds: a track at once; for room in a yard, returns the yard's container,
  // from which the caller takes h.places back (co_await room->get(h.places)), or null.
  sim::container* let_go(held_place& h);
  sim::process<> source(int service);
  sim::process<> run_train(train t, sim_time delay);
  train make_train(int service);
  void finish(train& t);
  void trace(const train& t, const std::string& element, sim_time joined, sim_time start,
             sim_time end, std::string_view what);
  // rail_line.cpp
  sim::process<> opening_controller(int kind, int index);
  bool measured() const { return sim_.now() >= sc_.run.warmup; }

  sim::simulation& sim_;
  const scenario::scenario& sc_;
  results::trace_observer* trace_;
  std::deque<bridge_track> bridges_;
  std::deque<station_tracks> stations_;
  std::deque<gauge_yard> gauges_;
  std::vector<service_streams> rngs_;
  std::vector<flow_state> flows_;
  std::vector<int> flow_of_service_;
  std::uint64_t next_train_id_ = 0;
};

}  // namespace tumen::model::detail
