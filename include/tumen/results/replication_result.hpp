// The figures of one replication of one scenario: plain data, no behaviour.
//
// The model fills one replication_result per run; experiments aggregate many; output sinks
// render them (terminal, JSON, CSV). Every figure is in base units (seconds, tonnes) and counts
// are whole-run totals unless the name says "per day" (those cover the measured days: the run
// after its warm-up).
//
//   auto r = tumen::model::run_replication(sc, 0);
//   r.totals.vehicles_per_day;               // trips that reached the end of their route
//   r.stages[0].wait.p95;                    // seconds
//   r.stages[0].hourly.queue_mean[8];        // mean queue length between 08:00 and 09:00
//
// Vehicle trips are counted per flow: (route, vehicle class, origin). Origins: "demand" (arrivals
// described by [[demand]]), "transfer" (a receiving truck loaded at a yard), "empty" (a truck
// emptied at a yard, on its way back). For every flow:
//   arrived = cleared + transferred + inside + turned_away + abandoned
// and likewise for tonnes, where "transferred" is cargo handed over to a receiving truck (which
// then appears as tonnes arrived in a "transfer" flow).
//
// Trains (the rail line beside the road, when the scenario has one) are in `rail`; see rail_result.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tumen/base/time.hpp"
#include "tumen/results/verdict.hpp"

namespace tumen::results {

using hourly_values = std::array<double, 24>;

// A distribution of durations observed: mean, streaming quantiles, max, count.
struct duration_summary {
  std::uint64_t count = 0;
  double mean = 0;
  double p50 = 0;
  double p90 = 0;
  double p95 = 0;
  double p99 = 0;
  double max = 0;
};

struct flow_result {
  std::string route;
  std::string vehicle_class;
  std::string origin;  // demand | transfer | empty
  std::uint64_t arrived = 0, cleared = 0, transferred = 0, inside = 0, turned_away = 0,
                abandoned = 0;
  double persons_arrived = 0, persons_cleared = 0;
  double tonnes_arrived = 0, tonnes_cleared = 0, tonnes_transferred = 0, tonnes_inside = 0,
         tonnes_turned_away = 0, tonnes_abandoned = 0;
  std::uint64_t cleared_measured = 0;  // cleared after the warm-up
  double persons_cleared_measured = 0, tonnes_cleared_measured = 0;
  duration_summary time_in_system;  // trips cleared after the warm-up
};

struct stage_hourly {
  hourly_values arrivals_per_day{};  // mean vehicles joining the queue in that hour, per day
  hourly_values wait_mean{};         // mean wait of vehicles that joined in that hour (s)
  hourly_values queue_mean{};        // time-average number waiting
  hourly_values utilisation{};       // busy lanes / open lanes (0 when closed all hour)
  hourly_values open_lanes{};        // time-average lanes open
};

// One vehicle class at a stage or yard (issue 11: trusted travellers against general traffic,
// priority classes). Counts over the whole run, waits over the measured period with the stage's
// definitions: `wait` of the vehicles served, wait_with_unserved_mean of everyone who joined
// (those still waiting at the end with their wait so far). At a yard, served counts transfers.
struct class_figures {
  std::string vehicle_class;
  std::uint64_t arrived = 0, served = 0, abandoned = 0, waiting_at_end = 0;
  duration_summary wait;
  double wait_with_unserved_mean = 0;
};

struct stage_result {
  std::string id, name, side;
  int lanes = 0;
  std::uint64_t arrived = 0, served = 0, abandoned = 0, waiting_at_end = 0, in_service_at_end = 0;
  // Waits (docs/modelling-assumptions.md, "Wait figures"). `wait` counts served vehicles only
  // and is biased low when vehicles are left waiting: the headline is wait_with_unserved_mean.
  duration_summary wait;  // time from joining the queue to starting service (served vehicles)
  // Mean over every vehicle that joined after the warm-up and left the queue (served or gave
  // up), and every vehicle still waiting at the end counted with its wait so far: a lower bound
  // of the mean wait when vehicles are left waiting, equal to it when none are.
  double wait_with_unserved_mean = 0;
  double unserved_wait_mean = 0;  // mean wait so far of the waiting_at_end vehicles
  duration_summary service;       // service durations
  double queue_time_mean = 0;  // mean time in queue of everyone who left it (served or abandoned)
  double queue_mean = 0, queue_max = 0;
  double busy_mean = 0, open_lanes_mean = 0;
  double utilisation = 0;   // busy_mean / open_lanes_mean
  double arrival_rate = 0;  // vehicles joining per second over the measured period
  stage_hourly hourly;
  std::vector<class_figures> by_class;  // the classes that joined its queues, in scenario order
};

struct holding_result {
  std::string id, name;
  int capacity = 0;
  std::uint64_t entered = 0, turned_away = 0, waited_outside = 0;
  duration_summary wait_outside;  // spillback: time waiting on the link behind for a place
  double occupancy_mean = 0, occupancy_max = 0;
  hourly_values occupancy_hourly{};
};

struct yard_result {
  std::string id, name, side;
  int bays = 0;
  std::uint64_t trucks_arrived = 0, transfers = 0, empty_arrivals = 0;
  double tonnes_transferred = 0;
  duration_summary wait_for_bay;
  duration_summary transfer;
  double parking_mean = 0, parking_max = 0;
  double busy_mean = 0, open_bays_mean = 0, utilisation = 0;
  hourly_values utilisation_hourly{};
  std::vector<class_figures> by_class;  // the delivering classes that parked, in scenario order
};

struct link_result {
  std::string id, name;
  std::uint64_t entered = 0;
  duration_summary entry_delay;  // waiting for headway or a closure before entering
  sim_time travel_time = 0;
};

// ---- Rail ----------------------------------------------------------------------------------
// Trains are counted per train flow (rail route, train kind). A train that has entered the model
// (reached the start of its rail route) has either cleared (reached the end) or is inside:
//   arrived = cleared + inside, and likewise for wagons, tonnes and persons.
struct train_flow_result {
  std::string route, kind, from, to;  // from/to: side ids
  std::uint64_t arrived = 0, cleared = 0, inside = 0;
  double wagons_arrived = 0, wagons_cleared = 0, wagons_inside = 0;
  double tonnes_arrived = 0, tonnes_cleared = 0, tonnes_inside = 0;
  double persons_arrived = 0, persons_cleared = 0, persons_inside = 0;
  std::uint64_t cleared_measured = 0;  // cleared after the warm-up
  double wagons_cleared_measured = 0, tonnes_cleared_measured = 0, persons_cleared_measured = 0;
  duration_summary time_in_system;  // trains cleared after the warm-up
};

// Rail traffic cleared per measured day in one direction (from side → to side).
struct rail_direction_result {
  std::string from, to;
  double trains_per_day = 0, wagons_per_day = 0, tonnes_per_day = 0, persons_per_day = 0;
};

struct rail_station_result {
  std::string id, name, side;
  int tracks = 0;
  std::uint64_t arrived = 0, inspected = 0;
  duration_summary wait;                  // from arriving to starting inspection
  duration_summary inspection;            // inspection durations
  double busy_mean = 0, utilisation = 0;  // tracks inspecting; busy_mean / tracks
};

struct rail_bridge_result {
  std::string id, name;
  bool single_track = true;
  std::uint64_t crossings = 0, reversals = 0;  // reversals: a train of the other direction entered
  duration_summary wait;                       // from reaching the bridge to entering it
  double occupied_share = 0;  // share of measured time with at least one train on the bridge
  double trains_on_mean = 0;  // time-average number of trains on it
  sim_time crossing_time = 0;
};

struct gauge_change_result {
  std::string id, name, side, method;
  int tracks = 0;
  std::optional<int> capacity_wagons;
  std::uint64_t trains = 0;  // trains worked
  double wagons = 0, tonnes = 0;
  duration_summary wait;  // from reaching the yard to work starting (room in the yard, a track)
  duration_summary work;  // gauge-change durations
  double wagons_in_yard_mean = 0, wagons_in_yard_max = 0;
  double busy_mean = 0, utilisation = 0;
};

struct rail_result {
  std::vector<train_flow_result> flows;
  std::vector<rail_direction_result> directions;
  std::vector<rail_station_result> stations;
  std::vector<rail_bridge_result> bridges;
  std::vector<gauge_change_result> gauge_changes;
};

// Per measured day. vehicles_per_day, persons_per_day and tonnes_per_day are the ROAD figures
// (unchanged by a rail line, so the design figures of the road checkpoint compare with them);
// rail_* are the trains' figures and all_modes_* the sum of both, the crossing as a whole.
struct totals {
  double vehicles_per_day = 0;  // trips that reached the end of their route, per measured day
  double persons_per_day = 0;   // road
  double tonnes_per_day = 0;    // road
  double trains_per_day = 0, wagons_per_day = 0;  // trains that reached the end of their rail route
  double rail_persons_per_day = 0, rail_tonnes_per_day = 0;
  double all_modes_persons_per_day = 0, all_modes_tonnes_per_day = 0;  // road + rail
  std::optional<double> design_vehicles_per_day, design_persons_per_day, design_tonnes_per_day;
  std::uint64_t vehicles_inside_at_end = 0;
  std::uint64_t peak_vehicles_inside = 0;
};

// Set when the run hit run.max_vehicles_inside and stopped early.
struct saturation {
  sim_time at = 0;
  int day = 0;        // 1-based
  std::string stage;  // the element with the longest queue when it stopped
};

struct replication_result {
  std::string scenario;
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  int days = 0;
  sim_time warmup = 0;
  sim_time measured = 0;  // seconds of the run after the warm-up (shorter if stopped early)
  sim_time ended_at = 0;
  std::vector<flow_result> flows;
  std::vector<stage_result> stages;
  std::vector<holding_result> holding;
  std::vector<yard_result> yards;
  std::vector<link_result> links;
  results::rail_result rail;  // empty for a road-only crossing
  results::totals totals;
  std::optional<results::saturation> saturated;
  results::run_verdict verdict;  // did every element keep up? (see verdict.hpp)
  std::vector<std::string> warnings;
  std::uint64_t events = 0;
};

}  // namespace tumen::results
