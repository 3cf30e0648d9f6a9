// Open lanes over time (see detail/opening.hpp).
#include "detail/opening.hpp"

#include <algorithm>
#include <cmath>

namespace tumen::model::detail {

int weekday_of(const scenario::scenario& sc, sim_time t) {
  const auto day = static_cast<long long>(std::floor(t / tumen::days));
  return static_cast<int>((sc.run.start_weekday + day) % 7);
}

opening::opening(const scenario::scenario& sc, const scenario::weekly_hours* hours,
                 const scenario::lane_schedule* schedule, scenario::element_ref target)
    : sc_(sc), hours_(hours), schedule_(schedule) {
  for (const auto& c : sc.closures)
    if (!c.target || *c.target == target) closures_.push_back(&c);

  const sim_time length = sc.run.length();
  for (int day = 0; day <= sc.run.days; ++day) {
    const sim_time base = day * tumen::days;
    const int wd = weekday_of(sc, base);
    if (hours_)
      for (const auto& iv : hours_->by_weekday[static_cast<std::size_t>(wd)]) {
        changes_.push_back(base + iv.from);
        changes_.push_back(base + iv.to);
      }
    if (schedule_)
      for (const auto& st : schedule_->steps) {
        changes_.push_back(base + st.from);
        changes_.push_back(base + st.to);
      }
    changes_.push_back(base);  // weekday changes at midnight
  }
  for (const auto* c : closures_) {
    changes_.push_back(c->from);
    changes_.push_back(c->to);
  }
  std::sort(changes_.begin(), changes_.end());
  changes_.erase(std::unique(changes_.begin(), changes_.end()), changes_.end());
  std::erase_if(changes_, [&](sim_time t) { return t <= 0 || t > length; });
}

bool opening::closed_by_closure(sim_time t) const {
  return std::any_of(closures_.begin(), closures_.end(), [t](const scenario::closure* c) {
    return !c->lanes && c->from <= t && t < c->to;
  });
}

int opening::open_at(sim_time t, int all) const {
  const sim_time tod = t - std::floor(t / tumen::days) * tumen::days;
  if (hours_ && !hours_->is_open(weekday_of(sc_, t), tod)) return 0;
  int n = schedule_ ? schedule_->open_at(tod, all) : all;
  for (const auto* c : closures_) {
    if (c->from <= t && t < c->to) {
      if (!c->lanes) return 0;
      n -= *c->lanes;
    }
  }
  return std::max(0, n);
}

}  // namespace tumen::model::detail
