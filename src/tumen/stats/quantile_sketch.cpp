// Log-bucketed quantile sketch (see tumen/stats/quantile_sketch.hpp).
#include "tumen/stats/quantile_sketch.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace tumen::stats {

double quantile_sketch::lower_of(std::int64_t key) {
  return std::bit_cast<double>(static_cast<std::uint64_t>(key) << key_shift);
}

void quantile_sketch::add_positive(double x) {
  if (std::isinf(x)) x = std::numeric_limits<double>::max();
  const std::int64_t k = key_of(x);
  if (bins_.empty()) {
    first_ = k;
    bins_.assign(1, 0);
  } else if (k < first_) {
    bins_.insert(bins_.begin(), static_cast<std::size_t>(first_ - k), 0);
    first_ = k;
  } else if (k >= first_ + static_cast<std::int64_t>(bins_.size())) {
    bins_.resize(static_cast<std::size_t>(k - first_ + 1), 0);
  }
  ++bins_[static_cast<std::size_t>(k - first_)];
  if (count_ == 0) {
    min_ = max_ = x;
  } else {
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }
  ++count_;
}

void quantile_sketch::merge(const quantile_sketch& o) {
  if (o.count_ == 0) return;
  if (count_ == 0) {
    *this = o;
    return;
  }
  if (!o.bins_.empty()) {
    if (bins_.empty()) {
      bins_ = o.bins_;
      first_ = o.first_;
    } else {
      const std::int64_t lo = std::min(first_, o.first_);
      const std::int64_t hi = std::max(first_ + static_cast<std::int64_t>(bins_.size()),
                                       o.first_ + static_cast<std::int64_t>(o.bins_.size()));
      std::vector<std::uint32_t> merged(static_cast<std::size_t>(hi - lo), 0);
      for (std::size_t i = 0; i < bins_.size(); ++i)
        merged[static_cast<std::size_t>(first_ - lo) + i] += bins_[i];
      for (std::size_t i = 0; i < o.bins_.size(); ++i)
        merged[static_cast<std::size_t>(o.first_ - lo) + i] += o.bins_[i];
      bins_ = std::move(merged);
      first_ = lo;
    }
  }
  zeros_ += o.zeros_;
  min_ = std::min(min_, o.min_);
  max_ = std::max(max_, o.max_);
  count_ += o.count_;
}

double quantile_sketch::quantile(double p) const {
  if (count_ == 0) return 0;
  p = std::clamp(p, 0.0, 1.0);
  // Nearest rank: the smallest value with at least ceil(p · n) values at or below it (rank ≥ 1).
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(count_))));
  if (rank <= zeros_) return 0;
  if (rank == count_) return max_;  // the largest value is known exactly
  std::uint64_t seen = zeros_;
  for (std::size_t i = 0; i < bins_.size(); ++i) {
    seen += bins_[i];
    if (seen >= rank) {
      const std::int64_t k = first_ + static_cast<std::int64_t>(i);
      const double mid = 0.5 * (lower_of(k) + lower_of(k + 1));
      return std::clamp(mid, min_, max_);
    }
  }
  return max_;
}

}  // namespace tumen::stats
