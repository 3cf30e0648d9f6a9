// When an element is open, and how many of its lanes (or bays): opening hours, daily lane
// schedules, closures and whole-crossing closures combined into one function of time, plus the
// list of times at which its value can change (so a controller process only wakes when needed).
#pragma once

#include <vector>

#include "tumen/scenario/scenario.hpp"

namespace tumen::model::detail {

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
  // Every time in [0, run length] at which open_at may change, sorted, unique, excluding 0.
  const std::vector<sim_time>& changes() const { return changes_; }

 private:
  const scenario::scenario& sc_;
  const scenario::weekly_hours* hours_;
  const scenario::lane_schedule* schedule_;
  std::vector<const scenario::closure*> closures_;
  std::vector<sim_time> changes_;
};

int weekday_of(const scenario::scenario& sc, sim_time t);

}  // namespace tumen::model::detail
