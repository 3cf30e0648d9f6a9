// Distributions for service, patience, travel and inter-arrival times (and payloads).
//
// A `distribution` is a small immutable value: it knows its kind and parameters, draws samples
// from a `stream`, and states its exact mean and variance (used for offered-load checks and by
// the tests, which compare sample moments with these). Parameters are checked on construction;
// bad ones throw std::invalid_argument with a message naming the parameter and what is valid.
//
//   auto service = distribution::lognormal(12 * minutes, 0.6);   // mean 12 min, cv 0.6
//   auto customs = distribution::shifted(10 * minutes, distribution::exponential(5 * minutes));
//   double t = service.sample(s);
//
// Kinds: constant, exponential, uniform, triangular, normal truncated at zero, lognormal and
// gamma given mean and coefficient of variation, Erlang-k, empirical (a discrete table of values
// with weights, or a continuous piecewise-linear CDF), and a shifted form (offset + another).
#pragma once

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "tumen/random/stream.hpp"

namespace tumen::random {

enum class distribution_kind {
  constant,
  exponential,
  uniform,
  triangular,
  truncated_normal,
  lognormal,
  gamma,
  erlang,
  empirical_discrete,
  empirical_continuous,
  shifted
};

class distribution {
 public:
  // A distribution that always returns 0.
  distribution();

  static distribution constant(double value);
  static distribution exponential(double mean);          // mean > 0
  static distribution uniform(double low, double high);  // low <= high
  static distribution triangular(double low, double mode,
                                 double high);  // low <= mode <= high, low < high
  // A normal(mean, sd) truncated to [0, ∞) by rejection; mean()/variance() are the truncated
  // moments.
  static distribution truncated_normal(double mean, double sd);  // sd >= 0
  static distribution lognormal(double mean, double cv);         // mean > 0, cv >= 0
  static distribution gamma(double mean, double cv);             // mean > 0, cv > 0
  static distribution erlang(int k, double mean);                // k >= 1, mean > 0
  // Value i with probability weights[i] / sum(weights). weights >= 0, sum > 0.
  static distribution empirical_discrete(std::vector<double> values, std::vector<double> weights);
  // Continuous: points (x_i, F_i) of a CDF, x increasing, F non-decreasing from 0 to 1;
  // sampled by linear interpolation of the inverse CDF.
  static distribution empirical_continuous(std::vector<double> x, std::vector<double> cdf);
  // offset + a sample of base. offset >= 0 is not required (payload offsets may be any sign),
  // but the caller validates domain-specific bounds.
  static distribution shifted(double offset, distribution base);

  // The two commonest kinds are sampled inline (a queueing model draws millions of them); the
  // rest go through one switch in distribution.cpp.
  double sample(stream& s) const {
    if (kind_ == distribution_kind::exponential) return -a_ * std::log(s.uniform01_open_low());
    if (kind_ == distribution_kind::constant) return a_;
    return sample_general(s);
  }
  double mean() const;
  double variance() const;
  distribution_kind kind() const { return kind_; }
  // A short human description, e.g. "lognormal(mean 720, cv 0.6)" (numbers in base units).
  std::string describe() const;

 private:
  distribution(distribution_kind kind, double a, double b = 0, double c = 0)
      : kind_(kind), a_(a), b_(b), c_(c) {}
  double sample_general(stream& s) const;
  double sample_truncated_normal(stream& s) const;
  double sample_gamma(stream& s) const;
  double sample_erlang(stream& s) const;
  double sample_empirical_discrete(stream& s) const;
  double sample_empirical_continuous(stream& s) const;

  distribution_kind kind_;
  double a_ = 0, b_ = 0, c_ = 0;  // parameters, meaning by kind (see distribution.cpp)
  // Constants of a kind's draw worked out once at construction (see distribution.cpp), so
  // sample() need not recompute them on every draw.
  double d_ = 0, e_ = 0, f_ = 0;
  int k_ = 0;
  std::shared_ptr<const std::vector<double>> xs_, ps_;  // tables (empirical kinds)
  std::shared_ptr<const distribution> base_;            // shifted
};

}  // namespace tumen::random
