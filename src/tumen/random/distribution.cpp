// Construction, sampling and exact moments of tumen's distributions (see distribution.hpp).
//
// sample() is on the simulation's hot path, so it is one switch on the kind over parameters
// prepared at construction: no allocation, no virtual call, no hidden state (a distribution can be
// shared by any number of processes and threads; all state lives in the caller's stream).
//
// What the private fields hold, by kind (tables are shared, immutable, and never empty):
//
//   kind                  a_              b_             c_                     k_
//   constant              value           -              -                      -
//   exponential           mean            -              -                      -
//   uniform               low             high           -                      -
//   triangular            low             mode           high                   -
//   truncated_normal      mean (untrunc.) sd (untrunc.)  Robert's rate λ*       -
//   lognormal             mean            cv             σ of the log           -
//   gamma                 mean            cv             Marsaglia–Tsang c      -
//   erlang                mean            phase mean     Marsaglia–Tsang c      k
//   empirical_discrete    mean            variance       -                      -
//   empirical_continuous  mean            variance       -                      -
//   shifted               offset          -              -                      -
//
// d_, e_ and f_ hold constants of the draw, worked out once at construction; each is the very
// expression the draw would compute (the same operations in the same order), so the samples
// are the same to the bit:
//
//   kind                  d_              e_             f_
//   triangular            high − low      mode − low     high − mode
//   lognormal             σ²/2            -              -
//
// xs_ / ps_ hold the values and their cumulative probabilities (empirical_discrete) or the x and
// cdf points (empirical_continuous); base_ holds the distribution that `shifted` moves.
//
// Methods: exponential by inversion; normal variates by Marsaglia's polar method (the spare
// variate is discarded, so a stream carries no cached value); gamma by Marsaglia & Tsang (2000),
// with shape < 1 boosted as Gamma(shape + 1) · U^(1/shape); Erlang-k as one logarithm of a
// product of k uniforms for small k and as a gamma beyond; the normal truncated at zero by plain
// rejection when its mean is ≥ 0 (acceptance ≥ 1/2) and otherwise by Robert's (1995)
// translated-exponential proposal (acceptance ≥ 0.76 however far the mean lies below zero).
#include "tumen/random/distribution.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace tumen::random {

namespace {

// Up to this k, an Erlang-k sample is -mean/k · log(U1 · … · Uk): one log, k uniforms, and no
// underflow (each factor is ≥ 2^-53). Around k = 16 that costs as much as one gamma draw.
constexpr int erlang_product_limit = 16;

// Below this point (in standard deviations) truncated-normal moments come straight from erfc;
// above it, from the continued fraction of the Mills ratio, which stays accurate where erfc
// underflows and where 1 + αλ − λ² cancels.
constexpr double mills_fraction_from = 5.0;

// Coefficients of variation outside these bounds would make 1/cv² (the gamma shape) or cv²
// overflow; no real process time comes near them.
constexpr double smallest_cv = 1e-150;
constexpr double largest_cv = 1e150;

// ---- text -------------------------------------------------------------------------------------

// Shortest text that reads back as the same double ("0.2", "720", "nan", "inf").
std::string exact(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// Six significant digits, for derived figures shown to people.
std::string rounded(double value) {
  char buffer[32];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 6);
  return std::string(buffer, result.ptr);
}

[[noreturn]] void invalid(const std::string& where, const std::string& what, double got) {
  throw std::invalid_argument(where + ": " + what + ", got " + exact(got));
}

void require_finite(const char* where, const std::string& name, double value) {
  if (!std::isfinite(value)) invalid(where, name + " must be a finite number", value);
}

void require_positive(const char* where, const std::string& name, double value) {
  require_finite(where, name, value);
  if (!(value > 0)) invalid(where, name + " must be > 0", value);
}

void require_non_negative(const char* where, const std::string& name, double value) {
  require_finite(where, name, value);
  if (!(value >= 0)) invalid(where, name + " must be ≥ 0", value);
}

std::string indexed(const char* name, std::size_t i) {
  return std::string(name) + "[" + std::to_string(i) + "]";
}

[[noreturn]] void unknown_kind() {
  throw std::logic_error("tumen::random::distribution: unknown distribution kind");
}

// ---- variates ---------------------------------------------------------------------------------

// A standard normal variate (Marsaglia's polar method).
double standard_normal(stream& s) {
  for (;;) {
    const double u = 2.0 * s.uniform01() - 1.0;
    const double v = 2.0 * s.uniform01() - 1.0;
    const double q = u * u + v * v;
    if (q > 0.0 && q < 1.0) return u * std::sqrt(-2.0 * std::log(q) / q);
  }
}

// Marsaglia–Tsang constant c = 1/√(9d) for d = shape − 1/3, shape ≥ 1.
double tsang_c(double shape) {
  return 1.0 / std::sqrt(9.0 * (shape - 1.0 / 3.0));
}

// A Gamma(shape, 1) variate for shape ≥ 1, given d = shape − 1/3 and c = 1/√(9d).
double unit_gamma(stream& s, double d, double c) {
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = standard_normal(s);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = s.uniform01_open_low();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;  // cheap squeeze, accepts ~98%
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

// ---- truncated normal moments -----------------------------------------------------------------

// Moments of a standard normal Z conditioned on Z ≥ alpha: E = λ (the inverse Mills ratio
// φ(α)/Q(α)) and Var = 1 + αλ − λ².
struct standard_truncated_moments {
  double mean;
  double variance;
};

standard_truncated_moments lower_truncated_standard_normal(double alpha) {
  if (alpha < mills_fraction_from) {
    const double density =
        std::exp(-0.5 * alpha * alpha) * std::numbers::inv_sqrtpi / std::numbers::sqrt2;
    const double upper_tail = 0.5 * std::erfc(alpha / std::numbers::sqrt2);
    const double lambda = density / upper_tail;
    return {lambda, 1.0 + alpha * lambda - lambda * lambda};
  }
  // Laplace's continued fraction λ = α + 1/(α + 2/(α + 3/(α + …))), evaluated bottom up.
  // Writing g₁ = α + t with t = 2/(α + 3/(α + …)) and d = 1/g₁ = λ − α, the variance
  // 1 − λ(λ − α) simplifies to d(t − d), a difference of two terms of different size.
  double g = alpha;
  for (int j = 100; j >= 3; --j) g = alpha + j / g;  // g ends as α + 3/(α + 4/(…))
  const double t = 2.0 / g;
  const double d = 1.0 / (alpha + t);
  return {alpha + d, d * (t - d)};
}

double truncated_normal_mean(double mean, double sd) {
  if (sd == 0.0) return mean;
  return mean + sd * lower_truncated_standard_normal(-mean / sd).mean;
}

double truncated_normal_variance(double mean, double sd) {
  if (sd == 0.0) return 0.0;
  return sd * sd * lower_truncated_standard_normal(-mean / sd).variance;
}

// ---- tables -----------------------------------------------------------------------------------

constexpr double cdf_end_tolerance = 1e-9;

}  // namespace

distribution::distribution() : kind_(distribution_kind::constant) {}

distribution distribution::constant(double value) {
  require_finite("constant", "value", value);
  return distribution(distribution_kind::constant, value);
}

distribution distribution::exponential(double mean) {
  require_positive("exponential", "mean", mean);
  return distribution(distribution_kind::exponential, mean);
}

distribution distribution::uniform(double low, double high) {
  require_finite("uniform", "low", low);
  require_finite("uniform", "high", high);
  if (!(low <= high)) invalid("uniform", "high must be ≥ low (" + exact(low) + ")", high);
  return distribution(distribution_kind::uniform, low, high);
}

distribution distribution::triangular(double low, double mode, double high) {
  require_finite("triangular", "low", low);
  require_finite("triangular", "mode", mode);
  require_finite("triangular", "high", high);
  if (!(low < high)) invalid("triangular", "high must be > low (" + exact(low) + ")", high);
  if (mode < low || mode > high) {
    invalid("triangular",
            "mode must lie in [low, high] = [" + exact(low) + ", " + exact(high) + "]", mode);
  }
  distribution d(distribution_kind::triangular, low, mode, high);
  d.d_ = high - low;
  d.e_ = mode - low;
  d.f_ = high - mode;
  return d;
}

distribution distribution::truncated_normal(double mean, double sd) {
  require_finite("truncated_normal", "mean", mean);
  require_non_negative("truncated_normal", "sd", sd);
  if (sd == 0.0 && mean < 0.0) {
    invalid("truncated_normal", "mean must be ≥ 0 when sd is 0 (nothing would remain above 0)",
            mean);
  }
  distribution d(distribution_kind::truncated_normal, mean, sd);
  if (sd > 0.0) {
    const double alpha = -mean / sd;
    if (!std::isfinite(alpha)) {
      invalid("truncated_normal",
              "mean / sd must be a finite number (sd " + exact(sd) + " is too small for mean " +
                  exact(mean) + ")",
              alpha);
    }
    // Robert's optimal rate for the exponential proposal on [alpha, ∞).
    d.c_ = 0.5 * (alpha + std::sqrt(alpha * alpha + 4.0));
  }
  return d;
}

distribution distribution::lognormal(double mean, double cv) {
  require_positive("lognormal", "mean", mean);
  require_non_negative("lognormal", "cv", cv);
  if (cv > largest_cv) invalid("lognormal", "cv must be ≤ " + exact(largest_cv), cv);
  const double sigma = std::sqrt(std::log1p(cv * cv));
  distribution d(distribution_kind::lognormal, mean, cv, sigma);
  d.d_ = 0.5 * sigma * sigma;
  return d;
}

distribution distribution::gamma(double mean, double cv) {
  require_positive("gamma", "mean", mean);
  require_positive("gamma", "cv", cv);
  if (cv < smallest_cv || cv > largest_cv) {
    invalid("gamma", "cv must lie in [" + exact(smallest_cv) + ", " + exact(largest_cv) + "]", cv);
  }
  if (!std::isfinite(mean * cv * cv)) {
    invalid("gamma", "mean · cv² (the scale) must be finite; mean " + exact(mean) + " with cv", cv);
  }
  const double shape = 1.0 / (cv * cv);
  return distribution(distribution_kind::gamma, mean, cv,
                      tsang_c(shape < 1.0 ? shape + 1.0 : shape));
}

distribution distribution::erlang(int k, double mean) {
  if (k < 1) invalid("erlang", "k must be a whole number ≥ 1", k);
  require_positive("erlang", "mean", mean);
  distribution d(distribution_kind::erlang, mean, mean / k, tsang_c(k));
  d.k_ = k;
  return d;
}

distribution distribution::empirical_discrete(std::vector<double> values,
                                              std::vector<double> weights) {
  constexpr const char* where = "empirical_discrete";
  if (values.empty()) throw std::invalid_argument("empirical_discrete: values must not be empty");
  if (values.size() != weights.size()) {
    throw std::invalid_argument(
        "empirical_discrete: values and weights must have the same length, got " +
        std::to_string(values.size()) + " values and " + std::to_string(weights.size()) +
        " weights");
  }
  double total = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    require_finite(where, indexed("values", i), values[i]);
    require_non_negative(where, indexed("weights", i), weights[i]);
    total += weights[i];
  }
  if (!(total > 0.0) || !std::isfinite(total)) {
    invalid(where, "the weights must have a finite sum > 0", total);
  }

  double mean = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) mean += weights[i] / total * values[i];
  double variance = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    variance += weights[i] / total * (values[i] - mean) * (values[i] - mean);
  }

  // Weights become cumulative probabilities, ending at exactly 1 so every u in [0, 1) finds a
  // value.
  double running = 0.0;
  for (double& w : weights) {
    running += w;
    w = running / total;
  }
  weights.back() = 1.0;

  distribution d(distribution_kind::empirical_discrete, mean, variance);
  d.xs_ = std::make_shared<const std::vector<double>>(std::move(values));
  d.ps_ = std::make_shared<const std::vector<double>>(std::move(weights));
  return d;
}

distribution distribution::empirical_continuous(std::vector<double> x, std::vector<double> cdf) {
  constexpr const char* where = "empirical_continuous";
  if (x.size() < 2) {
    throw std::invalid_argument("empirical_continuous: needs at least 2 points, got " +
                                std::to_string(x.size()));
  }
  if (x.size() != cdf.size()) {
    throw std::invalid_argument("empirical_continuous: x and cdf must have the same length, got " +
                                std::to_string(x.size()) + " x and " + std::to_string(cdf.size()) +
                                " cdf");
  }
  for (std::size_t i = 0; i < x.size(); ++i) {
    require_finite(where, indexed("x", i), x[i]);
    require_finite(where, indexed("cdf", i), cdf[i]);
    if (i > 0 && !(x[i] > x[i - 1])) {
      invalid(where,
              indexed("x", i) + " must be > x[" + std::to_string(i - 1) + "] (" + exact(x[i - 1]) +
                  "): x must be increasing",
              x[i]);
    }
    if (i > 0 && !(cdf[i] >= cdf[i - 1])) {
      invalid(where,
              indexed("cdf", i) + " must be ≥ cdf[" + std::to_string(i - 1) + "] (" +
                  exact(cdf[i - 1]) + "): cdf must be non-decreasing",
              cdf[i]);
    }
  }
  if (std::abs(cdf.front()) > cdf_end_tolerance) invalid(where, "cdf[0] must be 0", cdf.front());
  if (std::abs(cdf.back() - 1.0) > cdf_end_tolerance) {
    invalid(where, indexed("cdf", cdf.size() - 1) + " (the last) must be 1", cdf.back());
  }
  cdf.front() = 0.0;
  cdf.back() = 1.0;

  // The distribution is a mixture of uniforms, one per segment, weighted by its probability:
  // mean Σ pᵢ mᵢ and variance Σ pᵢ (wᵢ²/12 + (mᵢ − mean)²), with mᵢ, wᵢ the segment's middle and
  // width.
  double mean = 0.0;
  for (std::size_t i = 1; i < x.size(); ++i)
    mean += (cdf[i] - cdf[i - 1]) * 0.5 * (x[i] + x[i - 1]);
  double variance = 0.0;
  for (std::size_t i = 1; i < x.size(); ++i) {
    const double width = x[i] - x[i - 1];
    const double offset = 0.5 * (x[i] + x[i - 1]) - mean;
    variance += (cdf[i] - cdf[i - 1]) * (width * width / 12.0 + offset * offset);
  }

  distribution d(distribution_kind::empirical_continuous, mean, variance);
  d.xs_ = std::make_shared<const std::vector<double>>(std::move(x));
  d.ps_ = std::make_shared<const std::vector<double>>(std::move(cdf));
  return d;
}

distribution distribution::shifted(double offset, distribution base) {
  require_finite("shifted", "offset", offset);
  distribution d;
  d.kind_ = distribution_kind::shifted;
  if (base.kind_ ==
      distribution_kind::shifted) {  // offset + (offset' + X) = (offset + offset') + X
    d.a_ = offset + base.a_;
    d.base_ = std::move(base.base_);
  } else {
    d.a_ = offset;
    d.base_ = std::make_shared<const distribution>(std::move(base));
  }
  return d;
}

// The kinds drawn in a few operations are drawn here; those with loops or table searches have a
// function each, kept out of line, so that this switch needs no registers saved and restored
// around it: that saving and restoring cost as much as a triangular draw itself.
double distribution::sample_general(stream& s) const {
  switch (kind_) {
    case distribution_kind::constant: return a_;
    case distribution_kind::exponential: return -a_ * std::log(s.uniform01_open_low());
    case distribution_kind::uniform: return a_ + (b_ - a_) * s.uniform01();
    case distribution_kind::triangular: {
      // Inverse CDF, split at the mode; d_ = width (high − low), e_ = mode − low,
      // f_ = high − mode.
      const double u = s.uniform01();
      if (u * d_ < e_) return a_ + std::sqrt(u * d_ * e_);
      return c_ - std::sqrt((1.0 - u) * d_ * f_);
    }
    case distribution_kind::truncated_normal: return sample_truncated_normal(s);
    case distribution_kind::lognormal:
      // mean · exp(σZ − σ²/2), with d_ = σ²/2: the log has mean log(mean) − σ²/2, so E = mean
      // exactly.
      return a_ * std::exp(c_ * standard_normal(s) - d_);
    case distribution_kind::gamma: return sample_gamma(s);
    case distribution_kind::erlang: return sample_erlang(s);
    case distribution_kind::empirical_discrete: return sample_empirical_discrete(s);
    case distribution_kind::empirical_continuous: return sample_empirical_continuous(s);
    case distribution_kind::shifted: return a_ + base_->sample(s);
  }
  unknown_kind();
}

[[gnu::noinline]] double distribution::sample_truncated_normal(stream& s) const {
  if (b_ == 0.0) return a_;
  if (a_ >= 0.0) {  // at least half of the normal lies above zero: draw until one does
    for (;;) {
      const double x = a_ + b_ * standard_normal(s);
      if (x >= 0.0) return x;
    }
  }
  // Robert (1995): z = alpha + Exp(rate λ*), accepted with probability exp(−(z − λ*)²/2).
  const double alpha = -a_ / b_;
  for (;;) {
    const double z = alpha - std::log(s.uniform01_open_low()) / c_;
    const double excess = z - c_;
    if (s.uniform01() < std::exp(-0.5 * excess * excess)) return std::max(0.0, a_ + b_ * z);
  }
}

[[gnu::noinline]] double distribution::sample_gamma(stream& s) const {
  const double shape = 1.0 / (b_ * b_);
  const double scale = a_ * b_ * b_;
  if (shape >= 1.0) return scale * unit_gamma(s, shape - 1.0 / 3.0, c_);
  // Boost: Gamma(shape) = Gamma(shape + 1) · U^(1/shape), and 1/shape = cv².
  const double boosted = unit_gamma(s, shape + 2.0 / 3.0, c_);
  return scale * boosted * std::pow(s.uniform01_open_low(), b_ * b_);
}

[[gnu::noinline]] double distribution::sample_erlang(stream& s) const {
  if (k_ <= erlang_product_limit) {
    double product = s.uniform01_open_low();
    for (int i = 1; i < k_; ++i) product *= s.uniform01_open_low();
    return -b_ * std::log(product);
  }
  return b_ * unit_gamma(s, k_ - 1.0 / 3.0, c_);
}

[[gnu::noinline]] double distribution::sample_empirical_discrete(stream& s) const {
  const std::vector<double>& cumulative = *ps_;
  const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), s.uniform01());
  return (*xs_)[static_cast<std::size_t>(at - cumulative.begin())];
}

[[gnu::noinline]] double distribution::sample_empirical_continuous(stream& s) const {
  // Find the segment with cdf[i-1] ≤ u < cdf[i] (so it has positive probability) and
  // interpolate; cdf[0] = 0 ≤ u and cdf[last] = 1 > u keep i in range.
  const std::vector<double>& cdf = *ps_;
  const std::vector<double>& x = *xs_;
  const double u = s.uniform01();
  const auto i =
      static_cast<std::size_t>(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
  const double fraction = (u - cdf[i - 1]) / (cdf[i] - cdf[i - 1]);
  return x[i - 1] + fraction * (x[i] - x[i - 1]);
}

double distribution::mean() const {
  switch (kind_) {
    case distribution_kind::constant:
    case distribution_kind::exponential:
    case distribution_kind::lognormal:
    case distribution_kind::gamma:
    case distribution_kind::erlang:
    case distribution_kind::empirical_discrete:
    case distribution_kind::empirical_continuous: return a_;
    case distribution_kind::uniform: return 0.5 * (a_ + b_);
    case distribution_kind::triangular: return (a_ + b_ + c_) / 3.0;
    case distribution_kind::truncated_normal: return truncated_normal_mean(a_, b_);
    case distribution_kind::shifted: return a_ + base_->mean();
  }
  unknown_kind();
}

double distribution::variance() const {
  switch (kind_) {
    case distribution_kind::constant: return 0.0;
    case distribution_kind::exponential: return a_ * a_;
    case distribution_kind::uniform: return (b_ - a_) * (b_ - a_) / 12.0;
    case distribution_kind::triangular:
      return (a_ * a_ + b_ * b_ + c_ * c_ - a_ * b_ - a_ * c_ - b_ * c_) / 18.0;
    case distribution_kind::truncated_normal: return truncated_normal_variance(a_, b_);
    case distribution_kind::lognormal:
    case distribution_kind::gamma: return (a_ * b_) * (a_ * b_);  // (mean · cv)²
    case distribution_kind::erlang: return a_ * b_;               // mean² / k
    case distribution_kind::empirical_discrete:
    case distribution_kind::empirical_continuous: return b_;
    case distribution_kind::shifted: return base_->variance();
  }
  unknown_kind();
}

std::string distribution::describe() const {
  switch (kind_) {
    case distribution_kind::constant: return "constant(" + exact(a_) + ")";
    case distribution_kind::exponential: return "exponential(mean " + exact(a_) + ")";
    case distribution_kind::uniform: return "uniform(" + exact(a_) + ", " + exact(b_) + ")";
    case distribution_kind::triangular:
      return "triangular(low " + exact(a_) + ", mode " + exact(b_) + ", high " + exact(c_) + ")";
    case distribution_kind::truncated_normal:
      return "truncated_normal(mean " + exact(a_) + ", sd " + exact(b_) + ")";
    case distribution_kind::lognormal:
      return "lognormal(mean " + exact(a_) + ", cv " + exact(b_) + ")";
    case distribution_kind::gamma: return "gamma(mean " + exact(a_) + ", cv " + exact(b_) + ")";
    case distribution_kind::erlang:
      return "erlang(k " + std::to_string(k_) + ", mean " + exact(a_) + ")";
    case distribution_kind::empirical_discrete:
      return "empirical_discrete(" + std::to_string(xs_->size()) + " values, mean " + rounded(a_) +
             ")";
    case distribution_kind::empirical_continuous:
      return "empirical_continuous(" + std::to_string(xs_->size()) + " points from " +
             exact(xs_->front()) + " to " + exact(xs_->back()) + ", mean " + rounded(a_) + ")";
    case distribution_kind::shifted: return exact(a_) + " + " + base_->describe();
  }
  unknown_kind();
}

}  // namespace tumen::random
