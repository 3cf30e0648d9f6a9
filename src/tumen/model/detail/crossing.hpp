// One replication of a crossing: the simulation, the live elements, the demand sources and the
// accounting of vehicle trips. Built from a scenario, run once, then asked for its results.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "detail/rail_line.hpp"
#include "detail/stations.hpp"
#include "detail/verdict.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/results/trace.hpp"
#include "tumen/sim/simulation.hpp"

namespace tumen::model::detail {

enum class origin { demand, transfer, empty };

// One vehicle trip along one route.
struct trip {
  std::uint64_t id = 0;
  int vehicle_class = 0;
  int route = 0;
  int flow = 0;
  sim_time arrived = 0;
  double persons = 0;
  double tonnes = 0;
  std::optional<int> holding;  // the holding area whose place this vehicle occupies
};

enum class outcome { cleared, transferred, turned_away, abandoned };

class crossing {
 public:
  crossing(const scenario::scenario& sc, std::uint64_t seed, std::uint64_t replication,
           results::trace_observer* trace, const run_options& options = {});
  crossing(const crossing&) = delete;
  crossing& operator=(const crossing&) = delete;

  results::replication_result run(const std::atomic<bool>* stop = nullptr);
  sim::simulation& sim() { return sim_; }

 private:
  // Counts trips alive per flow; a trip's frame registers on start and leaves when destroyed,
  // however it ends, so "inside at the end" is counted independently of the outcomes.
  struct live_guard {
    crossing* c;
    const trip* t;
    live_guard(crossing* cr, const trip* tr);
    ~live_guard();
    live_guard(const live_guard&) = delete;
    live_guard& operator=(const live_guard&) = delete;
  };
  struct flow_state {
    results::flow_result figures;
    duration_stats time_in_system;
    std::int64_t live = 0;
    double live_tonnes = 0;
  };

  // Trips.
  sim::process<> drive(trip t, std::size_t position);
  void start_trip(trip t, std::size_t position);
  // A new trip of flow `flow` (flow_index of its route, class and origin), counted as arrived.
  trip new_trip(int vehicle_class, int route, int flow, double tonnes, double persons);
  void finish(trip& t, outcome o);
  void release_holding(trip& t);
  int flow_index(int route, int vehicle_class, origin o);
  bool measured() const { return sim_.now() >= sc_.run.warmup; }
  // Records a visit for the trace observer, if there is one (the check inline: most runs have
  // none, and this is called for every visit).
  void trace(const trip& t, std::string_view element, int lane, sim_time joined, sim_time start,
             sim_time end, std::string_view what) {
    if (trace_) record_visit(t, element, lane, joined, start, end, what);
  }
  void record_visit(const trip& t, std::string_view element, int lane, sim_time joined,
                    sim_time start, sim_time end, std::string_view what);

  // Demand.
  sim::process<> poisson_source(int demand);
  sim::process<> even_source(int demand);
  sim::process<> booked_source(int demand);
  sim::process<> arrive_later(int demand, sim_time delay);
  void arrive(int demand);
  void place_initial_queues();

  // Time.
  sim::process<> stage_controller(int stage);
  sim::process<> yard_controller(int yard);
  sim::process<> warmup_reset();
  void check_saturation();
  // Every hour of the run: each element's backlog; at each day's end, whether the
  // run may stop (its verdict certain).
  sim::process<> backlog_sampler();
  void refresh_records(sim_time now);
  results::run_verdict verdict(double measured_days);

  results::replication_result collect();

  // Declaration order matters: the live counters outlive the simulation (whose destruction runs
  // the trips' guards); the simulation outlives the elements' resources' users.
  std::vector<flow_state> flows_;
  std::int64_t live_total_ = 0;
  // The rail line beside the road (null without [[trains]]); declared before the simulation
  // because the trains' frames update it when they are destroyed.
  std::unique_ptr<rail_line> rail_;
  sim::simulation sim_;
  const scenario::scenario& sc_;
  std::uint64_t seed_, replication_;
  results::trace_observer* trace_;
  std::deque<stage_station> stages_;
  std::deque<holding_station> holding_;
  std::deque<yard_station> yards_;
  std::deque<link_station> links_;
  // The same elements by index, for the lookups of every trip's every visit: a deque's indexing
  // costs several instructions more than a vector's. (The deques own the elements and keep them
  // in place; these only point at them, filled once by the constructor.)
  std::vector<stage_station*> stage_at_;
  std::vector<holding_station*> holding_at_;
  std::vector<yard_station*> yard_at_;
  std::vector<link_station*> link_at_;
  // Streams per demand (its arrivals, its bookings, what its vehicles carry) and per yard (the
  // persons of its receiving trucks), so that a variant changing one demand or one yard leaves
  // the draws of every other where they were (common random numbers).
  struct demand_streams {
    random::stream arrivals, persons, loaded, cargo, booking;
  };
  std::vector<demand_streams> demand_rngs_;
  std::map<std::tuple<int, int, int>, int> flow_by_key_;
  std::vector<int> demand_flow_;  // the flow of each demand's trips, looked up once
  std::uint64_t next_trip_id_ = 0;
  std::int64_t peak_live_ = 0;
  std::optional<results::saturation> saturated_;
  // Verdicts: one record per stage lane group (per stage when it has one group), holding area
  // and yard, in that order; stages_[i]'s records start at stage_records_[i].
  std::vector<backlog_record> records_;
  std::vector<std::size_t> stage_records_;
  bool stop_when_saturated_ = true;
  std::int64_t max_live_for_memory_ = 0;  // 0: no budget
  std::string stopped_because_;           // empty while running to the end
};

}  // namespace tumen::model::detail
