// Tally: summary statistics of a stream of observations, in constant memory.
//
// A tally keeps the count, sum, mean, variance, minimum and maximum of the values added to it.
// add() is on the hot path of every model (several tallies per vehicle and stage), so it does
// no division: it keeps the sum and the sums of the deviations from a shift, and their squares,
// where the shift is the first observation (the "shifted data" algorithm: Chan, Golub &
// LeVeque 1983). The mean is sum / count; the variance comes from the shifted sums, which stay
// precise as long as the first value is not many standard deviations away from the mean --
// for a value 10^9 away from a spread of 1, where the textbook sum of squares loses every digit,
// it is exact (tests/stats/tally_test.cpp). Welford's update, used before, divided on every
// observation. Two tallies combine exactly with merge() (re-shifting the other's sums), which is
// how per-thread or per-replication tallies become one.
//
//   tumen::stats::tally waits;
//   waits.add(12.5);
//   waits.add(30.0);
//   waits.mean();     // 21.25
//   waits.stddev();   // 12.374..., the sample standard deviation (divides by n - 1)
//
// Conventions: an empty tally has has_data() == false and reports 0 for every statistic
// (count, sum, mean, variance, min, max), so check has_data() before reading min() or max()
// as real observations. variance() is the unbiased sample variance and is 0 with fewer than
// two observations.
#pragma once

#include <cstdint>
#include <limits>

namespace tumen::stats {

class tally {
 public:
  void add(double x) {
    if (count_ == 0) shift_ = x;
    ++count_;
    const double d = x - shift_;
    shifted_ += d;
    shifted_squares_ += d * d;
    sum_ += x;
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
  }

  // Adds every observation of `other` to this tally, as if they had been added one by one
  // (up to rounding). Merging a tally into itself doubles every observation.
  void merge(const tally& other);

  bool has_data() const { return count_ > 0; }
  std::uint64_t count() const { return count_; }
  double sum() const { return sum_; }
  double mean() const { return count_ > 0 ? sum_ / static_cast<double>(count_) : 0.0; }
  double variance() const;
  double stddev() const;
  double min() const { return count_ > 0 ? min_ : 0.0; }
  double max() const { return count_ > 0 ? max_ : 0.0; }

 private:
  std::uint64_t count_ = 0;
  double shift_ = 0;            // the first observation
  double shifted_ = 0;          // sum of (x - shift)
  double shifted_squares_ = 0;  // sum of (x - shift)^2
  double sum_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace tumen::stats
