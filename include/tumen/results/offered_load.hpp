// Offered load as plain rows: how busy each lane group, stage, yard, holding area and link will
// be, worked out from the scenario before simulating. The model computes the rows
// (tumen::model::offered_load); the terminal summary, the JSON and the HTML report render what
// they are given. docs/offered-load.md explains the figures and their JSON names.
//
//   for (const auto& l : tumen::model::offered_load(sc))   // std::vector<element_load>
//     if (l.saturated()) warn(l.element, l.lane_group, l.rho);
//     else if (l.overloaded()) note(l.element, l.kept_stable_by, l.min_lost_share());
//     else if (l.peak_rho >= 1) note(l.element, l.overloaded_hours());
#pragma once

#include <array>
#include <string>
#include <vector>

namespace tumen::results {

// Hours [from_hour, to_hour) of the day (0..24) in which an element is busier than it can serve.
struct load_band {
  int from_hour = 0;
  int to_hour = 0;
  double peak_rho = 0;  // the highest hourly load in the band
};

struct element_load {
  std::string element;  // stage, yard, holding area or link id
  std::string kind;     // "stage" | "yard" | "holding" | "link"
  // A stage whose lane groups serve different classes gets one row per set of lanes a class may
  // use, named by the classes those lanes serve ("truck", "car+bus"), as element_verdict does;
  // empty when the row is the whole element.
  std::string lane_group;
  int lanes = 0;  // lanes (stage, link), transfers at once (yard), places (holding area)
  std::vector<std::string> classes;  // the classes whose work makes this load
  double arrivals_per_day = 0;
  double work_per_day = 0;      // seconds of service demanded per day (link: × min headway)
  double capacity_per_day = 0;  // lane-seconds (or bay-seconds) open per day
  double rho = 0;               // work / capacity; infinity if work > 0 and never open
  // The load hour by hour of the day (work arriving in that hour, averaged over the week, ÷ the
  // lane-seconds open in that hour, averaged over the run's days); infinity where work arrives
  // in an hour the element is never open. Arrival hours are those at the crossing's entry.
  std::array<double, 24> rho_by_hour{};
  // The busiest hour of the week the element is open at all (weekday factors and opening days
  // applied): its load, weekday (0 = Monday) and hour of the day (0 = 00:00–01:00).
  double peak_rho = 0;
  int peak_weekday = 0;
  int peak_hour = 0;
  // A holding area: the stage or yard it holds vehicles for. Its rho is that element's (the
  // busiest of its lane groups the holding area's classes use).
  std::string feeds;
  // What keeps the element's queue bounded although rho ≥ 1: "patience" (every class making the
  // load abandons after a finite patience), "turn_away" (every such class comes through a full
  // holding area that turns vehicles away), "patience+turn_away", or empty (nothing does).
  std::string kept_stable_by;

  // ρ ≥ 1: more work arrives than the open lanes can do.
  bool overloaded() const { return rho >= 1; }
  // Overloaded and nothing bounds the queue: it grows without bound.
  bool saturated() const { return overloaded() && kept_stable_by.empty(); }
  // Overloaded but bounded: at least this share of the work must leave unserved (1 − 1/ρ), since
  // the lanes can do no more than their open time.
  double min_lost_share() const { return rho > 1 ? 1 - 1 / rho : 0; }
  // Whether the load changes over the day or the week by more than 1 % of its mean.
  bool varies_by_hour() const;
  // Whether the busiest hour is busier than that hour averaged over the week (a weekday peak).
  bool peak_is_weekday() const;
  // The contiguous hour bands in which the hourly load is ≥ 1 (queues build then); hours in
  // which it is never open do not count (work arriving then waits for the opening).
  std::vector<load_band> overloaded_hours() const;
};

}  // namespace tumen::results
