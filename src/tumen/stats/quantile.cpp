// Streaming quantiles: the P² algorithm (see tumen/stats/quantile.hpp).
//
// Notation follows Jain & Chlamtac (1985) with 0-based ranks: marker i sits at rank
// position_[i] among the observations seen so far, with height height_[i] estimating the
// value of that rank. Marker 2 should sit at rank (n-1)p, which makes the P² estimate and the
// exact answer for small samples the same quantity (type 7).
#include "tumen/stats/quantile.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

namespace tumen::stats {

namespace {

// Sample quantile of sorted values v[0..n) with linear interpolation between order statistics.
double exact_quantile(const double* v, std::size_t n, double p) {
  if (n == 0) return 0.0;
  const double h = static_cast<double>(n - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, n - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

p2_quantile::p2_quantile(double p) : p_(p) {
  if (!(p > 0.0 && p < 1.0)) {
    throw std::invalid_argument("quantile: p must lie strictly between 0 and 1, got " +
                                std::to_string(p));
  }
  step_ = {0.0, p / 2, p, (1 + p) / 2, 1.0};
}

void p2_quantile::add(double x) {
  if (count_ < 5) {
    // Keep the first five observations sorted (insertion into a tiny array).
    auto i = static_cast<std::size_t>(count_);
    while (i > 0 && height_[i - 1] > x) {
      height_[i] = height_[i - 1];
      --i;
    }
    height_[i] = x;
    ++count_;
    if (count_ == 5) {
      position_ = {0, 1, 2, 3, 4};
      desired_ = {0, 2 * p_, 4 * p_, 2 + 2 * p_, 4};
    }
    return;
  }

  // Find the cell k with height_[k] <= x < height_[k+1], widening the extremes if needed.
  std::size_t k = 0;
  if (x < height_[0]) {
    height_[0] = x;
    k = 0;
  } else if (x >= height_[4]) {
    height_[4] = x;
    k = 3;
  } else {
    k = 0;
    while (k < 3 && x >= height_[k + 1]) ++k;
  }
  ++count_;
  for (std::size_t i = k + 1; i < 5; ++i) position_[i] += 1;
  for (std::size_t i = 0; i < 5; ++i) desired_[i] += step_[i];

  // Move each middle marker at most one rank towards its desired position.
  for (std::size_t i = 1; i <= 3; ++i) {
    const double off = desired_[i] - position_[i];
    const double gap_up = position_[i + 1] - position_[i];
    const double gap_down = position_[i - 1] - position_[i];
    if ((off >= 1 && gap_up > 1) || (off <= -1 && gap_down < -1)) {
      const double d = off >= 0 ? 1.0 : -1.0;
      const double q = height_[i];
      const double q_up = height_[i + 1];
      const double q_down = height_[i - 1];
      const double n = position_[i];
      const double n_up = position_[i + 1];
      const double n_down = position_[i - 1];
      const double parabolic = q + d / (n_up - n_down) *
                                       ((n - n_down + d) * (q_up - q) / (n_up - n) +
                                        (n_up - n - d) * (q - q_down) / (n - n_down));
      if (q_down < parabolic && parabolic < q_up) {
        height_[i] = parabolic;
      } else {
        const std::size_t j = d > 0 ? i + 1 : i - 1;
        height_[i] = q + d * (height_[j] - q) / (position_[j] - n);
      }
      position_[i] = n + d;
    }
  }
}

double p2_quantile::get() const {
  if (count_ <= 5) return exact_quantile(height_.data(), static_cast<std::size_t>(count_), p_);
  return height_[2];
}

quantile_set::quantile_set()
    : estimators_{p2_quantile(probabilities[0]), p2_quantile(probabilities[1]),
                  p2_quantile(probabilities[2]), p2_quantile(probabilities[3])} {}

double quantile_set::get(double p) const {
  for (const auto& e : estimators_) {
    if (std::abs(e.p() - p) <= 1e-9) return e.get();
  }
  throw std::invalid_argument("quantile_set: p = " + std::to_string(p) +
                              " is not tracked; use 0.5, 0.9, 0.95 or 0.99");
}

}  // namespace tumen::stats
