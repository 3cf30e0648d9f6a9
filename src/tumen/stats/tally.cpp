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
  const double na = static_cast<double>(count_);
  const double nb = static_cast<double>(b.count_);
  const double n = na + nb;
  const double delta = b.mean_ - mean_;
  mean_ += delta * (nb / n);
  m2_ += b.m2_ + delta * delta * (na * nb / n);
  count_ += b.count_;
  sum_ += b.sum_;
  min_ = std::min(min_, b.min_);
  max_ = std::max(max_, b.max_);
}

double tally::variance() const {
  if (count_ < 2) return 0.0;
  return std::max(m2_, 0.0) / static_cast<double>(count_ - 1);
}

double tally::stddev() const {
  return std::sqrt(variance());
}

}  // namespace tumen::stats
