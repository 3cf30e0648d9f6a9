// Staffing search: the fewest open lanes of one stage in each hour of the day that still meet a
// waiting target hour by hour, as port lane optimisers plan booths.
//
//   auto targets = tumen::experiment::parse_targets({"wait_mean <= 20 min"});
//   tumen::experiment::staffing_options o;
//   o.stage = "ru_exit_customs";
//   auto r = tumen::experiment::find_staffing({text, "khasan.toml"}, targets, *ex, o);
//   for (const auto& h : r.final_point.hours) fmt::print("{:02} {} {}\n", h.hour, h.lanes, h.met);
//
// Lanes. The search sets the daily schedule of one lane group of the stage: 0 … the group's
// count lanes in each hour. A stage written `lanes = N` is one group; a stage with several lane
// groups needs `group` (its position in `lanes`, from 0), because groups serve different classes
// and cannot stand in for each other. The schedule reaches the model as an override of the
// group's `open_lanes` (stages.<id>.open_lanes, or stages.<id>.lanes.<n>.open_lanes for groups),
// one step per run of equal hours, so it is validated like a file and can be pasted into one;
// it replaces any `open_lanes` the group had. Other groups keep their own lanes.
//
// Targets cap a figure of the stage from above (<= or <):
//   wait_mean (or mean_wait)  hour by hour: stage.<id>.hourly.wait_mean.<HH>, the mean wait of
//                             the vehicles that joined the queue in that hour;
//   queue_mean, utilisation   hour by hour: stage.<id>.hourly.<series>.<HH>;
//   p95_wait, wait.<stat>     over the whole run: stage.<id>.wait.p95, .wait.<stat>, because
//                             the model keeps no quantiles per hour; when such a target fails,
//                             a lane is added in the hour with the longest mean wait;
//   any other metric name     over the whole run, as written (stage.<id>.queue_max, …).
// The figures are of the whole stage, all its classes and groups. Each is met with stated
// confidence (target.hpp). A schedule under which any replication saturated (its verdict,
// results/verdict.hpp, or run.max_vehicles_inside) meets nothing, whatever its waits say. Hours
// in which the stage is closed all hour on every weekday are not assessed and get 0 lanes; hours
// that fail even with every lane open keep every lane open and are reported as not met.
//
// The search (every evaluation runs the same replications: common random numbers):
//   0. all lanes open, as the reference and to learn each hour's arrivals and service time;
//   1. start at floor(offered load) lanes in each open hour — the load's share of the group
//      (count / stage lanes) — at least 1 where vehicles arrive;
//   2. add: simulate; in every hour that fails add a lane; when that hour already has every
//      lane, or it failed in the round before too, also add one in the open hour before it,
//      because a queue carries over; repeat until every hour passes or no lane can be added;
//   3. trim: if every reachable hour passes, try one lane less in each open hour in turn and
//      keep it if no assessed hour or whole-run target that passed fails; repeat while lanes go.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tumen/experiment/executor.hpp"
#include "tumen/experiment/point_saturation.hpp"
#include "tumen/experiment/replications.hpp"
#include "tumen/experiment/target.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::experiment {

// A scenario as text plus how it is to be read: the search re-reads it with its own override
// for every schedule it tries.
struct scenario_input {
  std::string text;
  std::string source_name;
  std::vector<scenario::override_spec> overrides;
  std::optional<std::string> variant;
};

using hourly_lanes = std::array<int, 24>;

struct staffing_hour {
  int hour = 0;
  bool open = false;      // the stage is open during some of this hour on some weekday
  bool assessed = false;  // open, and the hourly targets are held against it
  int lanes = 0;          // lanes of the group open in this hour
  std::vector<target_outcome> targets;  // the hourly targets at this hour
  bool met = true;                      // every hourly target met (true when not assessed)
};

struct staffing_evaluation {
  std::string phase;  // "all open", "start", "add", "trim"
  hourly_lanes lanes{};
  scenario::override_spec schedule;     // the override that applied `lanes`
  std::vector<staffing_hour> hours;     // 24, hour 0 first
  std::vector<target_outcome> overall;  // the whole-run targets
  std::size_t saturated = 0;            // replications saturated (verdict) or stopped by the cap
  point_saturation saturation;          // which replications and elements saturated
  bool met = false;       // every assessed hour and whole-run target met, none saturated
  bool accepted = false;  // became the current schedule
};

struct staffing_options {
  std::string stage;
  std::optional<int> group;       // lane group position; needed when the stage has several
  std::size_t replications = 10;  // per evaluated schedule; at least 2
  double confidence = 0.95;
  int max_evaluations = 200;
  replication_options replication;  // first replication number and seed (its on_done is unused)
  // Called in the calling thread after each replication and after each evaluation.
  std::function<void(std::size_t, const results::replication_result&)> on_replication;
  std::function<void(const staffing_evaluation&)> on_evaluation;
};

struct staffing_result {
  std::string stage;
  int group = 0;
  int group_lanes = 0;     // the most lanes any hour can have
  hourly_lanes lanes{};    // the schedule found
  bool met = false;        // every assessed hour and whole-run target met
  bool exhausted = false;  // the add phase ran out of lanes (or evaluations)
  // Per target, in the order given: held hour by hour (metric = stage.<id>.hourly.<series>, the
  // hour appended; its outcomes in staffing_hour::targets) or over the whole run (its outcome in
  // staffing_evaluation::overall), each kind in the order given.
  struct resolved {
    bool hourly = false;
    std::string metric;
  };
  std::vector<resolved> metrics;
  staffing_evaluation final_point;   // the schedule found
  staffing_evaluation all_open;      // every lane open in every hour
  double lane_hours = 0;             // Σ lanes over open hours: lane-hours a day
  double all_open_lane_hours = 0;    // group lanes × open hours
  scenario::override_spec schedule;  // the override that applies `lanes`
  std::vector<staffing_evaluation> history;
};

// Throws tumen::input_error for an unknown stage or group, a stage with several groups and no
// group given, a target that is not an upper bound, or a metric the scenario does not produce.
staffing_result find_staffing(const scenario_input& in, const std::vector<target>& targets,
                              executor& ex, const staffing_options& options);

// The override giving lane group `group` of `stage` these lanes per hour, e.g.
// {"stages.ru_customs.open_lanes", "[{ from = \"00:00\", to = \"09:00\", lanes = 0 }, …]"}.
// `grouped` is whether the stage writes its lanes as groups (an array).
scenario::override_spec lanes_override(const std::string& stage, int group, bool grouped,
                                       const hourly_lanes& lanes);

}  // namespace tumen::experiment
