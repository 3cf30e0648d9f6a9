// Streaming quantiles: estimate a percentile of a long stream without storing the stream.
//
// p2_quantile is the P² algorithm of Jain & Chlamtac (1985): five markers track the minimum,
// the p/2, p and (1+p)/2 quantiles and the maximum. Each new observation shifts the markers'
// positions, and a marker that drifts a whole position away from where it should be is moved
// by one, its height adjusted with a piecewise-parabolic (or, failing that, linear) formula.
// Memory and time per observation are constant. While there are at most five observations the
// estimator holds them all and answers exactly: the sample quantile with linear interpolation
// between order statistics, x[(n-1)p] (Hyndman & Fan type 7, the R and NumPy default).
//
// quantile_set runs one P² estimator for each of the percentiles reports use, p50, p90, p95
// and p99, on the same stream.
//
//   tumen::stats::quantile_set waits;
//   for (double w : observed_waits) waits.add(w);
//   waits.get(0.95);   // or waits.p95()
//
// An empty estimator reports 0 (check count()). p must lie strictly between 0 and 1;
// otherwise the constructor throws std::invalid_argument.
#pragma once

#include <array>
#include <cstdint>

namespace tumen::stats {

class p2_quantile {
 public:
  explicit p2_quantile(double p);

  void add(double x);
  // The current estimate of the p-quantile; exact while count() <= 5, and 0 when empty.
  double get() const;

  double p() const { return p_; }
  std::uint64_t count() const { return count_; }

 private:
  double p_;
  std::uint64_t count_ = 0;
  // Marker heights. Until five observations have arrived: the observations so far, sorted.
  std::array<double, 5> height_{};
  // Marker positions (0-based ranks; whole numbers kept as doubles for the formulas), their
  // desired positions, and how far each desired position moves per observation.
  std::array<double, 5> position_{};
  std::array<double, 5> desired_{};
  std::array<double, 5> step_{};
};

class quantile_set {
 public:
  // The probabilities tracked, in the order of the estimators.
  static constexpr std::array<double, 4> probabilities{0.50, 0.90, 0.95, 0.99};

  quantile_set();

  void add(double x) {
    for (auto& e : estimators_) e.add(x);
  }
  // The estimate for p, which must be one of `probabilities` (within 1e-9); any other p throws
  // std::invalid_argument.
  double get(double p) const;

  double p50() const { return estimators_[0].get(); }
  double p90() const { return estimators_[1].get(); }
  double p95() const { return estimators_[2].get(); }
  double p99() const { return estimators_[3].get(); }
  std::uint64_t count() const { return estimators_[0].count(); }

 private:
  std::array<p2_quantile, 4> estimators_;
};

}  // namespace tumen::stats
