// Tally: summary statistics of a stream of observations, in constant memory.
//
// A tally keeps the count, sum, mean, variance, minimum and maximum of the values added to it.
// Mean and variance are updated with Welford's method, so a run of millions of observations
// does not lose precision to cancellation. Two tallies combine exactly with merge() (the
// pairwise formula of Chan, Golub & LeVeque), which is how per-thread or per-replication
// tallies become one.
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
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
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
  double mean() const { return mean_; }
  double variance() const;
  double stddev() const;
  double min() const { return count_ > 0 ? min_ : 0.0; }
  double max() const { return count_ > 0 ? max_ : 0.0; }

 private:
  std::uint64_t count_ = 0;
  double mean_ = 0;
  double m2_ = 0;  // sum of squared deviations from the running mean
  double sum_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace tumen::stats
