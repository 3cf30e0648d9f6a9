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
  // b's deviations from its shift, moved to ours: x - s = (x - s_b) + c, c = s_b - s.
  const double c = b.shift_ - shift_;
  const double nb = static_cast<double>(b.count_);
  shifted_squares_ += b.shifted_squares_ + 2 * c * b.shifted_ + nb * c * c;
  shifted_ += b.shifted_ + nb * c;
  count_ += b.count_;
  sum_ += b.sum_;
  min_ = std::min(min_, b.min_);
  max_ = std::max(max_, b.max_);
}

double tally::variance() const {
  if (count_ < 2) return 0.0;
  const double n = static_cast<double>(count_);
  const double m2 = shifted_squares_ - shifted_ * shifted_ / n;
  return std::max(m2, 0.0) / (n - 1);
}

double tally::stddev() const {
  return std::sqrt(variance());
}

}  // namespace tumen::stats
