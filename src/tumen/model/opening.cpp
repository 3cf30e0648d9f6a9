// Open lanes over time (see detail/opening.hpp).
#include "detail/opening.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

namespace tumen::model::detail {

int weekday_of(const scenario::scenario& sc, sim_time t) {
  const auto day = static_cast<long long>(std::floor(t / tumen::days));
  return static_cast<int>((sc.run.start_weekday + day) % 7);
}

namespace {

// The least and greatest offset from a day's start of the day's change times (midnight, offset
// 0, included): with time-of-day offsets in [0, 24 h] these are 0 and up to 24 h.
std::pair<sim_time, sim_time> offset_range(const scenario::weekly_hours* hours,
                                           const scenario::lane_schedule* schedule) {
  sim_time least = 0, greatest = 0;
  const auto widen = [&](sim_time x) {
    least = std::min(least, x);
    greatest = std::max(greatest, x);
  };
  if (hours)
    for (const auto& day : hours->by_weekday)
      for (const auto& iv : day) {
        widen(iv.from);
        widen(iv.to);
      }
  if (schedule)
    for (const auto& st : schedule->steps) {
      widen(st.from);
      widen(st.to);
    }
  return {least, greatest};
}

}  // namespace

// The change times are, for each day d = 0 … run.days with base = d days: base itself (the
// weekday changes at midnight), base + each end of an interval of that weekday's hours, base +
// each end of a schedule step; and each end of a closure. The least of them in (after, run
// length] is wanted. A day's times lie in [base + least, base + greatest], so the days are
// looked at from the first whose span may reach past `after` (one day earlier, for rounding in
// the division) and upwards until a day's earliest possible time is no better than the best
// found: usually two days. Each time is computed by the same expression (base + offset) as when
// they were all listed in advance, so the values, and hence the event times, are the same.
std::optional<sim_time> change_rule::next_after(const scenario::scenario& sc,
                                                sim_time after) const {
  const sim_time length = sc.run.length();
  sim_time best = std::numeric_limits<sim_time>::infinity();
  const auto consider = [&](sim_time t) {
    if (t > after && t < best && t > 0 && t <= length) best = t;
  };
  for (const auto* c : closures) {
    consider(c->from);
    consider(c->to);
  }
  const double first = std::floor((after - greatest) / tumen::days);
  for (int day = static_cast<int>(std::max(0.0, first)); day <= sc.run.days; ++day) {
    const sim_time base = day * tumen::days;
    if (base + least >= best) break;
    if (hours) {
      const auto weekday = static_cast<std::size_t>((sc.run.start_weekday + day) % 7);
      for (const auto& iv : hours->by_weekday[weekday]) {
        consider(base + iv.from);
        consider(base + iv.to);
      }
    }
    if (schedule)
      for (const auto& st : schedule->steps) {
        consider(base + st.from);
        consider(base + st.to);
      }
    consider(base);
  }
  if (best == std::numeric_limits<sim_time>::infinity()) return std::nullopt;
  return best;
}

change_rule::change_rule(const scenario::weekly_hours* h, const scenario::lane_schedule* s,
                         std::vector<const scenario::closure*> c)
    : hours(h), schedule(s), closures(std::move(c)) {
  std::tie(least, greatest) = offset_range(h, s);
}

opening::opening(const scenario::scenario& sc, const scenario::weekly_hours* hours,
                 const scenario::lane_schedule* schedule, scenario::element_ref target)
    : sc_(sc), rule_(hours, schedule, {}) {
  for (const auto& c : sc.closures)
    if (!c.target || *c.target == target) rule_.closures.push_back(&c);
}

std::optional<sim_time> opening::next_change(sim_time after) const {
  return rule_.next_after(sc_, after);
}

std::vector<sim_time> opening::changes() const {
  std::vector<sim_time> out;
  for (auto t = next_change(0); t; t = next_change(*t)) out.push_back(*t);
  return out;
}

std::optional<sim_time> next_hour_change(const scenario::scenario& sc,
                                         const scenario::weekly_hours& hours, sim_time after) {
  return change_rule(&hours, nullptr, {}).next_after(sc, after);
}

bool opening::closed_by_closure(sim_time t) const {
  const auto& closures = rule_.closures;
  return std::any_of(closures.begin(), closures.end(), [t](const scenario::closure* c) {
    return !c->lanes && c->from <= t && t < c->to;
  });
}

int opening::open_at(sim_time t, int all) const {
  const sim_time tod = t - std::floor(t / tumen::days) * tumen::days;
  if (rule_.hours && !rule_.hours->is_open(weekday_of(sc_, t), tod)) return 0;
  int n = rule_.schedule ? rule_.schedule->open_at(tod, all) : all;
  for (const auto* c : rule_.closures) {
    if (c->from <= t && t < c->to) {
      if (!c->lanes) return 0;
      n -= *c->lanes;
    }
  }
  return std::max(0, n);
}

}  // namespace tumen::model::detail
