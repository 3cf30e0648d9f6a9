// Tally: the parts that are not on the per-observation hot path (see tumen/stats/tally.hpp).
#include "tumen/stats/tally.hpp"

#include <algorithm>
#include <cmath>

namespace tumen::stats {

void tally::merge(const tally& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  const tally b = other;  // a copy, so that t.merge(t) reads unchanged values
  // b's sums about this tally's shift: x - shift_ = (x - b.shift_) + delta.
  const double nb = static_cast<double>(b.count_);
  const double delta = b.shift_ - shift_;
  shifted_squares_ += b.shifted_squares_ + 2 * delta * b.shifted_ + nb * delta * delta;
  shifted_ += b.shifted_ + nb * delta;
  count_ += b.count_;
  sum_ += b.sum_;
  min_ = std::min(min_, b.min_);
  max_ = std::max(max_, b.max_);
}

double tally::variance() const {
  if (count_ < 2) return 0.0;
  // Squared deviations from the mean: sum (x - shift)^2 - n (mean - shift)^2.
  const double m2 = shifted_squares_ - shifted_ * shifted_ / static_cast<double>(count_);
  return std::max(m2, 0.0) / static_cast<double>(count_ - 1);
}

double tally::stddev() const {
  return std::sqrt(variance());
}

}  // namespace tumen::stats
