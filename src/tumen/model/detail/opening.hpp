// When an element is open, and how many of its lanes (or bays): opening hours, daily lane
// schedules, closures and whole-crossing closures combined into one function of time, plus the
// times at which its value can change (so a controller process only wakes when needed).
//
// The change times are found as they are needed, from the day in question's hours and
// schedule, not listed for the whole run in advance: memory stays the same however long the run.
//
//   for (auto t = o.next_change(0); t; t = o.next_change(*t)) { wait until *t; apply o.open_at }
#pragma once

#include <optional>
#include <vector>

#include "tumen/scenario/scenario.hpp"

namespace tumen::model::detail {

// Where an element's change times come from (see opening::next_change).
struct change_rule {
  change_rule(const scenario::weekly_hours* h, const scenario::lane_schedule* s,
              std::vector<const scenario::closure*> c);
  // The least change time in (after, run length], or nullopt.
  std::optional<sim_time> next_after(const scenario::scenario& sc, sim_time after) const;

  const scenario::weekly_hours* hours;      // may be null
  const scenario::lane_schedule* schedule;  // may be null
  std::vector<const scenario::closure*> closures;
  sim_time least = 0, greatest = 0;  // offsets of a day's change times from its start
};

class opening {
 public:
  // `hours` may be null (always open), `schedule` may be null (all lanes), `target` names the
  // element in closures.
  opening(const scenario::scenario& sc, const scenario::weekly_hours* hours,
          const scenario::lane_schedule* schedule, scenario::element_ref target);

  // Units open at time t out of `all`.
  int open_at(sim_time t, int all) const;
  // Whether the element is closed entirely at t by a closure (not by hours).
  bool closed_by_closure(sim_time t) const;
  // The least time in (after, run length] at which open_at may change (every midnight, every
  // end of an interval of the hours or of a schedule step, every end of a closure), or nullopt
  // when there is none.
  std::optional<sim_time> next_change(sim_time after) const;
  // Every such time in (0, run length], sorted: next_change followed from 0. For analyses of
  // the whole run; a simulation follows next_change instead.
  std::vector<sim_time> changes() const;

 private:
  const scenario::scenario& sc_;
  change_rule rule_;  // the hours, schedule and closures that apply
};

// The least time in (after, run length] at which `hours` opens or closes or a day begins, or
// nullopt: the change times of an opening with these hours, no lane schedule and no closures.
std::optional<sim_time> next_hour_change(const scenario::scenario& sc,
                                         const scenario::weekly_hours& hours, sim_time after);

int weekday_of(const scenario::scenario& sc, sim_time t);

}  // namespace tumen::model::detail
