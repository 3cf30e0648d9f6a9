// Hour-of-day profiles: how a quantity varies over the day, pooled across the days of a run.
//
// Border traffic follows the clock (a morning peak, a quiet night), so reports show figures
// per hour of day. Simulated time t = 0 is midnight of day one; hour of day h covers
// [h, h+1) hours after every midnight. Both classes keep 24 bins.
//
//   hourly_profile: one tally per hour of day for values that happen at an instant; add(t, x)
//   puts x into the bin of hour_of_day(t). E.g. the wait of each truck, binned by the hour it
//   joined the queue: profile.at(8).mean() is the mean wait of trucks that arrived 08:00-09:00.
//   Counting arrivals with add(t, 1), count(h) divided by time_in_hour_of_day(h, from, to)
//   (in hours) is the arrival rate in that hour of the day.
//
//   hourly_count: the counts of an hourly_profile alone, for events (count(h) as above);
//   hourly_sum: its counts, sums and means alone.
//
//   hourly_level: a time-weighted level (see time_weighted.hpp) whose area is split at hour
//   boundaries, so mean(h, now) is the average level during hour h over all days so far; it
//   also keeps what a time_weighted keeps (overall_mean, min, max), the same to the bit.
//
//   tumen::stats::hourly_level queue;            // level 0 from t = 0
//   queue.set(7.5 * tumen::hours, 4);            // 4 trucks from 07:30
//   queue.set(8.5 * tumen::hours, 0);            // until 08:30
//   queue.mean(7, 1 * tumen::days);              // 2: half of hour 7 at level 4
//   queue.mean(8, 1 * tumen::days);              // 2
//
// Times must be finite (hour_of_day throws std::invalid_argument otherwise) and, for
// hourly_level, not earlier than the latest change (std::invalid_argument). An hour argument
// outside 0..23 throws std::out_of_range. An hour never observed has mean 0: check
// hourly_level::observed() or the tally's has_data().
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "tumen/base/time.hpp"
#include "tumen/stats/tally.hpp"
#include "tumen/stats/time_weighted.hpp"

namespace tumen::stats {

inline constexpr int hours_per_day = 24;

namespace detail {
[[noreturn]] void throw_time_not_finite(sim_time t);
[[noreturn]] void throw_bad_hour(int hour);
// The index of the one-hour slot holding t, counted from t = 0 (negative before it).
inline double hour_slot(sim_time t) {
  return std::floor(t / hours);
}
// The least time t with hour_slot(t) > slot: `now < first_time_after_slot(slot)` says exactly
// what `hour_slot(now) == slot` says for any now in the slot or later, without the division.
sim_time first_time_after_slot(double slot);
// The hour of the day, 0..23, of a finite slot index (hour_slot of a finite time).
inline int hour_of_slot(double slot) {
  // Integer remainder: std::fmod is a slow library call and this runs for every observation.
  auto h = static_cast<int>(static_cast<long long>(slot) % hours_per_day);
  if (h < 0) h += hours_per_day;
  return h;
}
}  // namespace detail

// The hour of the day, 0..23, of simulated time t (t = 0 is midnight).
inline int hour_of_day(sim_time t) {
  if (!std::isfinite(t)) detail::throw_time_not_finite(t);
  return detail::hour_of_slot(detail::hour_slot(t));
}

// How much of the interval [from, to) falls in hour `hour` of the day (0 when to <= from).
sim_time time_in_hour_of_day(int hour, sim_time from, sim_time to);

namespace detail {
// hour_of_day for times that mostly fall in the hour slot of the time before (observations as
// a run makes them): it keeps a window of times known to lie in that slot, which spares the
// division and the remainder on most calls.
class hour_finder {
 public:
  int operator()(sim_time t) {
    if (!(t >= known_from_ && t < known_until_)) find(t);
    return known_hour_;
  }

 private:
  // Sets known_hour_ to hour_of_day(t) and widens or moves the window to include t.
  void find(sim_time t);

  // Every time in [known_from_, known_until_) lies in hour slot known_slot_, of hour of the day
  // known_hour_: known_from_ is the earliest time seen in that slot, known_until_ the slot's
  // end (first_time_after_slot). Empty until the first call.
  sim_time known_from_ = 0, known_until_ = 0;
  double known_slot_ = 0;
  int known_hour_ = 0;
};
}  // namespace detail

class hourly_profile {
 public:
  void add(sim_time t, double x) { by_hour_[static_cast<std::size_t>(hour_of_(t))].add(x); }
  // Adds every observation of `other`, hour by hour.
  void merge(const hourly_profile& other);

  const tally& at(int hour) const;
  double mean(int hour) const { return at(hour).mean(); }
  double sum(int hour) const { return at(hour).sum(); }
  std::uint64_t count(int hour) const { return at(hour).count(); }

 private:
  std::array<tally, hours_per_day> by_hour_;
  detail::hour_finder hour_of_;
};

// Events counted by hour of day (arrivals, say): an hourly_profile of add(t, 1) with only its
// counts, which is all a rate needs.
class hourly_count {
 public:
  void add(sim_time t) { ++by_hour_[static_cast<std::size_t>(hour_of_(t))]; }
  std::uint64_t count(int hour) const;

 private:
  std::array<std::uint64_t, hours_per_day> by_hour_{};
  detail::hour_finder hour_of_;
};

// An hourly_profile with only each hour's count and sum, for a mean by hour (the wait of the
// vehicles that joined in each hour, say): the same count, sum and mean as the profile's
// tallies, without their spread and extremes.
class hourly_sum {
 public:
  void add(sim_time t, double x) {
    const auto h = static_cast<std::size_t>(hour_of_(t));
    ++count_[h];
    sum_[h] += x;
  }
  std::uint64_t count(int hour) const;
  double sum(int hour) const;
  // The mean of hour `hour`'s values; 0 when it has none.
  double mean(int hour) const;

 private:
  std::array<std::uint64_t, hours_per_day> count_{};
  std::array<double, hours_per_day> sum_{};
  detail::hour_finder hour_of_;
};

class hourly_level {
 public:
  explicit hourly_level(sim_time start = 0, double initial = 0)
      : start_(start),
        last_(start),
        slot_(detail::hour_slot(start)),
        slot_end_(detail::first_time_after_slot(slot_)),
        hour_(hour_of_day(start)),
        level_(initial),
        min_(initial),
        max_(initial) {}

  // The level becomes `level` at time `now`.
  void set(sim_time now, double level) {
    advance(now);
    level_ = level;
    if (level < min_) min_ = level;
    if (level > max_) max_ = level;
  }
  // The level changes by `delta` at time `now`.
  void add(sim_time now, double delta) { set(now, level_ + delta); }
  double level() const { return level_; }

  // Over the whole observation period, as a time_weighted level with the same changes reports
  // them (to the bit: the same sums in the same order), so one object serves for both.
  double overall_integral(sim_time now) const {
    if (!(now >= last_)) detail::throw_time_went_back(now, last_);
    return integral_ + level_ * (now - last_);
  }
  double overall_mean(sim_time now) const {
    const double area = overall_integral(now);
    const sim_time length = now - start_;
    return length > 0 ? area / length : level_;
  }
  double min() const { return min_; }
  double max() const { return max_; }
  sim_time start() const { return start_; }

  // The time-average of the level during hour `hour` of the day, over the observation period
  // up to `now`; 0 if that hour has not been observed.
  double mean(int hour, sim_time now) const;
  // The area under the level during hour `hour` of the day, up to `now`.
  double integral(int hour, sim_time now) const;
  // How long hour `hour` of the day has been observed, up to `now`.
  sim_time observed(int hour, sim_time now) const;

  // Starts a new observation period at `now` (end of warm-up), keeping the current level.
  void reset(sim_time now);

 private:
  void advance(sim_time now) {
    if (!(now >= last_)) detail::throw_time_went_back(now, last_);
    if (now < slot_end_) {
      // The common case, on every change of every level: no hour boundary since the last one.
      const auto h = static_cast<std::size_t>(hour_);
      const double area = level_ * (now - last_);
      integral_ += area;
      area_[h] += area;
      observed_[h] += now - last_;
      last_ = now;
    } else {
      spread(now);
    }
  }
  // Splits [last_, now) at hour boundaries and advances last_ to now.
  void spread(sim_time now);

  sim_time start_;     // when the observation period started (construction or reset())
  sim_time last_;      // time of the latest change; the bins cover the period up to it
  double slot_;        // detail::hour_slot(last_)
  sim_time slot_end_;  // detail::first_time_after_slot(slot_)
  int hour_;           // hour_of_day(last_)
  double level_;
  double integral_ = 0;  // the area from start_ to last_
  double min_, max_;     // of the level since start_
  std::array<double, hours_per_day> area_{};
  std::array<sim_time, hours_per_day> observed_{};
};

}  // namespace tumen::stats
