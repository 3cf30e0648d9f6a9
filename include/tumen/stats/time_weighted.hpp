// Time-weighted level: the average of a quantity that changes at discrete moments of
// simulated time and holds its value in between (queue length, busy booths, tonnes in a yard).
//
// Each change adds the area under the level since the previous change, so an update costs a
// few flops and no memory. The mean over the observation period is that area divided by the
// period's length. reset() starts a new period (end of warm-up): it forgets the area and the
// extremes but keeps the current level, because the queue is still there.
//
//   tumen::stats::time_weighted queue;        // period starts at t = 0 with level 0
//   queue.add(10 * tumen::seconds, +1);       // a truck joins at t = 10 s
//   queue.add(40 * tumen::seconds, -1);       // and leaves at t = 40 s
//   queue.mean(60 * tumen::seconds);          // 0.5: one truck for 30 of 60 seconds
//
// Times given to set(), add(), mean() and integral() must not go back before the latest
// change; an earlier time (or NaN) throws std::invalid_argument. min() and max() are the extremes
// of the level since the period started, counting levels held for zero time (two changes at the
// same instant) and the level the period started with. When the period has zero length,
// mean(now) is the current level.
#pragma once

#include "tumen/base/time.hpp"

namespace tumen::stats {

namespace detail {
// Throws std::invalid_argument saying that `now` is earlier than `latest` (or is NaN).
[[noreturn]] void throw_time_went_back(sim_time now, sim_time latest);
}  // namespace detail

class time_weighted {
 public:
  explicit time_weighted(sim_time start = 0, double initial = 0)
      : start_(start), last_(start), level_(initial), min_(initial), max_(initial) {}

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
  double min() const { return min_; }
  double max() const { return max_; }
  // When the current observation period started (construction or the latest reset()).
  sim_time start() const { return start_; }

  // The area under the level from start() to `now`.
  double integral(sim_time now) const {
    if (!(now >= last_)) detail::throw_time_went_back(now, last_);
    return integral_ + level_ * (now - last_);
  }
  // The time-average of the level from start() to `now`.
  double mean(sim_time now) const {
    const double area = integral(now);
    const sim_time length = now - start_;
    return length > 0 ? area / length : level_;
  }

  // Starts a new observation period at `now`, keeping the current level.
  void reset(sim_time now) {
    advance(now);
    start_ = now;
    integral_ = 0;
    min_ = level_;
    max_ = level_;
  }

 private:
  void advance(sim_time now) {
    if (!(now >= last_)) detail::throw_time_went_back(now, last_);
    integral_ += level_ * (now - last_);
    last_ = now;
  }

  sim_time start_;
  sim_time last_;  // time of the latest change; integral_ covers [start_, last_)
  double level_;
  double integral_ = 0;
  double min_;
  double max_;
};

}  // namespace tumen::stats
