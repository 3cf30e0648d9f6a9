// Tests for distributions: exact moments against hand-computed values, sample moments against
// the exact ones for every kind (mean within 5 standard errors, variance within 5%), parameter
// checks and their messages, and descriptions.
#include "tumen/random/distribution.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tumen::random {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

constexpr int draws = 200000;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

struct sample_summary {
  double mean = 0;
  double variance = 0;
  double min = inf;
  double max = -inf;
};

// Welford's running mean and variance over `count` draws from a fresh stream.
sample_summary summarise(const distribution& d, const std::string& name, int count = draws) {
  stream s(20240601, 0, name);
  sample_summary out;
  double m2 = 0;
  for (int i = 1; i <= count; ++i) {
    const double x = d.sample(s);
    const double delta = x - out.mean;
    out.mean += delta / i;
    m2 += delta * (x - out.mean);
    out.min = std::min(out.min, x);
    out.max = std::max(out.max, x);
  }
  out.variance = m2 / (count - 1);
  return out;
}

// Sample moments agree with the exact ones: the mean within 5 standard errors, the variance
// within 5% (the standard error of a sample variance depends on the fourth moment; at 200k draws
// it is ≤ 1.2% for every distribution below).
void expect_sample_moments_match(const distribution& d, const std::string& name) {
  SCOPED_TRACE(d.describe());
  const sample_summary got = summarise(d, name);
  const double standard_error = std::sqrt(d.variance() / draws);
  EXPECT_NEAR(got.mean, d.mean(), 5 * standard_error);
  EXPECT_NEAR(got.variance, d.variance(), 0.05 * d.variance());
}

// ---- exact moments ------------------------------------------------------------------------------

TEST(DistributionMoments, Constant) {
  EXPECT_DOUBLE_EQ(distribution::constant(5).mean(), 5);
  EXPECT_EQ(distribution::constant(5).variance(), 0);
  EXPECT_EQ(distribution().mean(), 0);
  EXPECT_EQ(distribution().variance(), 0);
  EXPECT_EQ(distribution().kind(), distribution_kind::constant);
}

TEST(DistributionMoments, Exponential) {
  EXPECT_DOUBLE_EQ(distribution::exponential(300).mean(), 300);
  EXPECT_DOUBLE_EQ(distribution::exponential(300).variance(), 90000);
}

TEST(DistributionMoments, Uniform) {
  EXPECT_DOUBLE_EQ(distribution::uniform(60, 120).mean(), 90);
  EXPECT_DOUBLE_EQ(distribution::uniform(60, 120).variance(), 300);
  EXPECT_EQ(distribution::uniform(3, 3).variance(), 0);
}

TEST(DistributionMoments, Triangular) {
  // mean (l + m + h)/3, variance (l² + m² + h² − lm − lh − mh)/18
  EXPECT_DOUBLE_EQ(distribution::triangular(1, 2, 4).mean(), 7.0 / 3);
  EXPECT_DOUBLE_EQ(distribution::triangular(1, 2, 4).variance(), 7.0 / 18);
  EXPECT_DOUBLE_EQ(distribution::triangular(0, 0, 1).mean(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(distribution::triangular(0, 0, 1).variance(), 1.0 / 18);
}

TEST(DistributionMoments, TruncatedNormal) {
  // Reference values computed to 20 digits with mpmath: μ + σλ and σ²(1 + αλ − λ²), α = −μ/σ,
  // λ = φ(α)/(1 − Φ(α)). The cases cover both formulas (α below and above 5).
  struct reference {
    double mean, sd, truncated_mean, truncated_variance;
  };
  const reference cases[] = {
      {10, 3, 10.004628823033226264, 8.9536903436650644356},
      {0, 1, 0.79788456080286535588, 0.36338022763241865692},  // half-normal: √(2/π), 1 − 2/π
      {2, 5, 4.8094135189848143498, 11.488368641375733481},
      {-1, 2, 1.2821555407361289618, 1.0739216286235157847},
      {-3, 1, 0.28309865493043650693, 0.070559186785268116862},
      {-4.99, 1, 0.18683147360947002198, 0.032804947157658457192},
      {-5.01, 1, 0.18617754322117861755, 0.032588430862021333535},
      {-6, 1, 0.15848260454459891728, 0.023987636789166770947},
      {-20, 1, 0.049753068527850542214, 0.0024632616150521635997},
      {-40, 0.5, 0.0062480483991172340787, 0.000039025926512925420108},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.mean);
    const auto d = distribution::truncated_normal(c.mean, c.sd);
    EXPECT_NEAR(d.mean(), c.truncated_mean, 1e-12 * c.truncated_mean);
    EXPECT_NEAR(d.variance(), c.truncated_variance, 1e-10 * c.truncated_variance);
  }
  EXPECT_EQ(distribution::truncated_normal(4, 0).mean(), 4);
  EXPECT_EQ(distribution::truncated_normal(4, 0).variance(), 0);
}

TEST(DistributionMoments, LognormalAndGammaAreGivenByMeanAndCv) {
  EXPECT_DOUBLE_EQ(distribution::lognormal(720, 0.6).mean(), 720);
  EXPECT_DOUBLE_EQ(distribution::lognormal(720, 0.6).variance(), 432.0 * 432.0);
  EXPECT_DOUBLE_EQ(distribution::gamma(720, 0.6).mean(), 720);
  EXPECT_DOUBLE_EQ(distribution::gamma(720, 0.6).variance(), 432.0 * 432.0);
  EXPECT_DOUBLE_EQ(distribution::gamma(5, 2).variance(), 100);
}

TEST(DistributionMoments, Erlang) {
  EXPECT_DOUBLE_EQ(distribution::erlang(3, 600).mean(), 600);
  EXPECT_DOUBLE_EQ(distribution::erlang(3, 600).variance(), 120000);  // mean²/k
  EXPECT_DOUBLE_EQ(distribution::erlang(1, 10).variance(), 100);      // Erlang-1 is exponential
}

TEST(DistributionMoments, EmpiricalDiscrete) {
  // P = 1/4, 1/4, 1/2: mean 0.25 + 0.5 + 2.5, E[X²] = 0.25 + 1 + 12.5 = 13.75.
  const auto d = distribution::empirical_discrete({1, 2, 5}, {1, 1, 2});
  EXPECT_DOUBLE_EQ(d.mean(), 3.25);
  EXPECT_DOUBLE_EQ(d.variance(), 13.75 - 3.25 * 3.25);
}

TEST(DistributionMoments, EmpiricalContinuous) {
  // Half the mass uniform on [0, 10], half on [10, 30]: E[X] = 12.5,
  // E[X²] = ½(100/3) + ½(100 + 300 + 900)/3 = 700/3.
  const auto d = distribution::empirical_continuous({0, 10, 30}, {0, 0.5, 1});
  EXPECT_DOUBLE_EQ(d.mean(), 12.5);
  EXPECT_DOUBLE_EQ(d.variance(), 700.0 / 3 - 12.5 * 12.5);
}

TEST(DistributionMoments, ShiftedAddsOffsetToMeanOnly) {
  const auto d = distribution::shifted(60, distribution::exponential(300));
  EXPECT_DOUBLE_EQ(d.mean(), 360);
  EXPECT_DOUBLE_EQ(d.variance(), 90000);
  EXPECT_EQ(d.kind(), distribution_kind::shifted);
}

// ---- sampling
// ------------------------------------------------------------------------------------

TEST(DistributionSampling, ConstantAlwaysGivesItsValue) {
  const auto d = distribution::constant(5);
  const auto got = summarise(d, "constant", 1000);
  EXPECT_EQ(got.min, 5);
  EXPECT_EQ(got.max, 5);
  EXPECT_EQ(got.variance, 0);
}

TEST(DistributionSampling, Exponential) {
  expect_sample_moments_match(distribution::exponential(300), "exponential");
  EXPECT_GT(summarise(distribution::exponential(1), "exponential.min").min, 0);
}

TEST(DistributionSampling, UniformStaysInRange) {
  const auto d = distribution::uniform(60, 120);
  expect_sample_moments_match(d, "uniform");
  const auto got = summarise(d, "uniform.range");
  EXPECT_GE(got.min, 60);
  EXPECT_LT(got.max, 120);
}

TEST(DistributionSampling, Triangular) {
  expect_sample_moments_match(distribution::triangular(1, 2, 4), "triangular");
  expect_sample_moments_match(distribution::triangular(0, 0, 1), "triangular.left");
  expect_sample_moments_match(distribution::triangular(0, 1, 1), "triangular.right");
  const auto got = summarise(distribution::triangular(1, 2, 4), "triangular.range");
  EXPECT_GE(got.min, 1);
  EXPECT_LE(got.max, 4);
}

TEST(DistributionSampling, TruncatedNormalByRejectionAndByExponentialProposal) {
  // Mean ≥ 0 samples a normal until it is ≥ 0; mean < 0 uses Robert's exponential proposal.
  for (const auto& [mean, sd] :
       {std::pair{10.0, 3.0}, {0.0, 1.0}, {2.0, 5.0}, {-1.0, 2.0}, {-3.0, 1.0}, {-20.0, 1.0}}) {
    const auto d = distribution::truncated_normal(mean, sd);
    expect_sample_moments_match(d, "truncated_normal");
    EXPECT_GE(summarise(d, "truncated_normal.min", 20000).min, 0);
  }
}

TEST(DistributionSampling, TruncatedNormalFarBelowZeroStillTerminates) {
  const auto d = distribution::truncated_normal(-1000, 1);  // the normal has ~0 mass above zero
  const auto got = summarise(d, "far", 10000);
  EXPECT_GE(got.min, 0);
  EXPECT_NEAR(got.mean, d.mean(), 5 * std::sqrt(d.variance() / 10000));
  EXPECT_NEAR(d.mean(), 1.0 / 1000, 1e-8);  // ≈ 1/α for large α
}

TEST(DistributionSampling, Lognormal) {
  expect_sample_moments_match(distribution::lognormal(720, 0.6), "lognormal");
  expect_sample_moments_match(distribution::lognormal(1, 0.8), "lognormal.wide");
  const auto degenerate = summarise(distribution::lognormal(10, 0), "lognormal.cv0", 100);
  EXPECT_DOUBLE_EQ(degenerate.min, 10);
  EXPECT_DOUBLE_EQ(degenerate.max, 10);
}

TEST(DistributionSampling, GammaForShapesAboveAndBelowOne) {
  expect_sample_moments_match(distribution::gamma(720, 0.6), "gamma");          // shape 2.78
  expect_sample_moments_match(distribution::gamma(1, 0.1), "gamma.narrow");     // shape 100
  expect_sample_moments_match(distribution::gamma(5, 1), "gamma.exponential");  // shape 1
  expect_sample_moments_match(distribution::gamma(5, 1.5), "gamma.boosted");    // shape 0.44
  EXPECT_GE(summarise(distribution::gamma(5, 1.5), "gamma.min", 10000).min, 0);
}

TEST(DistributionSampling, ErlangByProductAndByGamma) {
  expect_sample_moments_match(distribution::erlang(1, 10), "erlang.1");
  expect_sample_moments_match(distribution::erlang(3, 600), "erlang.3");
  expect_sample_moments_match(distribution::erlang(16, 100), "erlang.16");
  expect_sample_moments_match(distribution::erlang(40, 100), "erlang.40");
}

TEST(DistributionSampling, EmpiricalDiscreteDrawsOnlyValuesWithWeight) {
  const auto d = distribution::empirical_discrete({1, 2, 5, 99, 7}, {1, 1, 2, 0, 0});
  expect_sample_moments_match(d, "discrete");
  stream s(1, 0, "discrete.values");
  std::set<double> seen;
  int fives = 0;
  constexpr int count = 40000;
  for (int i = 0; i < count; ++i) {
    const double x = d.sample(s);
    seen.insert(x);
    fives += x == 5 ? 1 : 0;
  }
  EXPECT_EQ(seen, (std::set<double>{1, 2, 5}));
  EXPECT_NEAR(fives / double{count}, 0.5, 5 * std::sqrt(0.25 / count));
  // A leading zero weight is skipped too.
  const auto single = distribution::empirical_discrete({3, 4}, {0, 2});
  EXPECT_EQ(summarise(single, "discrete.single", 1000).min, 4);
}

TEST(DistributionSampling, EmpiricalContinuousFollowsThePiecewiseLinearCdf) {
  const auto d = distribution::empirical_continuous({0, 10, 30}, {0, 0.5, 1});
  expect_sample_moments_match(d, "continuous");
  // A flat stretch of the CDF is a gap: nothing falls in (10, 20).
  const auto gap = distribution::empirical_continuous({0, 10, 20, 30}, {0, 0.5, 0.5, 1});
  expect_sample_moments_match(gap, "continuous.gap");
  stream s(1, 0, "continuous.gap");
  int below_ten = 0;
  constexpr int count = 40000;
  for (int i = 0; i < count; ++i) {
    const double x = gap.sample(s);
    ASSERT_TRUE(x <= 10 || x >= 20) << x;
    ASSERT_GE(x, 0);
    ASSERT_LT(x, 30);
    below_ten += x < 10 ? 1 : 0;
  }
  EXPECT_NEAR(below_ten / double{count}, 0.5, 5 * std::sqrt(0.25 / count));
}

TEST(DistributionSampling, ShiftedAddsOffset) {
  const auto d = distribution::shifted(60, distribution::exponential(300));
  expect_sample_moments_match(d, "shifted");
  EXPECT_GT(summarise(d, "shifted.min", 10000).min, 60);
  // The same stream gives the base's samples plus the offset.
  const auto base = distribution::uniform(0, 1);
  const auto moved = distribution::shifted(-5, base);
  stream a(9, 9, "same");
  stream b(9, 9, "same");
  for (int i = 0; i < 100; ++i) EXPECT_DOUBLE_EQ(moved.sample(a), base.sample(b) - 5);
  // Shifting a shifted distribution adds the offsets.
  const auto twice = distribution::shifted(10, d);
  EXPECT_DOUBLE_EQ(twice.mean(), 370);
  EXPECT_EQ(twice.describe(), "70 + exponential(mean 300)");
}

TEST(DistributionSampling, SameStreamGivesSameSamples) {
  const auto d = distribution::gamma(720, 0.6);
  const auto copy = d;
  stream a(5, 2, "service");
  stream b(5, 2, "service");
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(d.sample(a), copy.sample(b));
}

// ---- parameter checks
// ----------------------------------------------------------------------------

template <typename F>
void expect_invalid(F make, const std::string& message) {
  EXPECT_THAT(make, ThrowsMessage<std::invalid_argument>(HasSubstr(message)));
}

TEST(DistributionParameters, MessagesNameTheParameterTheValueAndWhatIsValid) {
  expect_invalid([] { distribution::lognormal(720, -0.2); }, "lognormal: cv must be ≥ 0, got -0.2");
  expect_invalid([] { distribution::lognormal(0, 0.5); }, "lognormal: mean must be > 0, got 0");
  expect_invalid([] { distribution::exponential(-1); }, "exponential: mean must be > 0, got -1");
  expect_invalid([] { distribution::uniform(5, 3); }, "uniform: high must be ≥ low (5), got 3");
  expect_invalid([] { distribution::erlang(0, 5); }, "erlang: k must be a whole number ≥ 1, got 0");
  expect_invalid([] { distribution::gamma(1, 0); }, "gamma: cv must be > 0, got 0");
}

TEST(DistributionParameters, NanAndInfinityAreRejected) {
  expect_invalid([] { distribution::constant(inf); },
                 "constant: value must be a finite number, got inf");
  expect_invalid([] { distribution::exponential(nan); },
                 "exponential: mean must be a finite number, got nan");
  expect_invalid([] { distribution::uniform(0, inf); }, "uniform: high must be a finite number");
  expect_invalid([] { distribution::triangular(0, nan, 1); },
                 "triangular: mode must be a finite number");
  expect_invalid([] { distribution::truncated_normal(nan, 1); }, "truncated_normal: mean");
  expect_invalid([] { distribution::truncated_normal(1, inf); }, "truncated_normal: sd");
  expect_invalid([] { distribution::lognormal(1, inf); }, "lognormal: cv must be a finite number");
  expect_invalid([] { distribution::gamma(inf, 1); }, "gamma: mean must be a finite number");
  expect_invalid([] { distribution::erlang(2, nan); }, "erlang: mean must be a finite number");
  expect_invalid([] { distribution::shifted(nan, distribution()); },
                 "shifted: offset must be a finite number");
  expect_invalid(
      [] {
        distribution::empirical_discrete({1, nan}, {1, 1});
      },
      "values[1] must be a finite number");
  expect_invalid(
      [] {
        distribution::empirical_continuous({0, inf}, {0, 1});
      },
      "x[1] must be a finite number");
}

TEST(DistributionParameters, ShapesThatDoNotExist) {
  expect_invalid([] { distribution::triangular(0, 2, 1); },
                 "triangular: mode must lie in [low, high] = [0, 1], got 2");
  expect_invalid([] { distribution::triangular(1, 1, 1); },
                 "triangular: high must be > low (1), got 1");
  expect_invalid([] { distribution::truncated_normal(1, -1); },
                 "truncated_normal: sd must be ≥ 0, got -1");
  expect_invalid([] { distribution::truncated_normal(-1, 0); },
                 "truncated_normal: mean must be ≥ 0 when sd is 0");
  expect_invalid([] { distribution::lognormal(1, 1e200); },
                 "lognormal: cv must be ≤ 1e+150, got 1e+200");
  expect_invalid([] { distribution::truncated_normal(-1e300, 1e-300); },
                 "truncated_normal: mean / sd must be a finite number");
  expect_invalid([] { distribution::erlang(2, 0); }, "erlang: mean must be > 0, got 0");
  expect_invalid([] { distribution::gamma(1, 1e-200); },
                 "gamma: cv must lie in [1e-150, 1e+150], got 1e-200");
}

TEST(DistributionParameters, EmpiricalTables) {
  expect_invalid([] { distribution::empirical_discrete({}, {}); },
                 "empirical_discrete: values must not be empty");
  expect_invalid(
      [] {
        distribution::empirical_discrete({1, 2}, {1});
      },
      "same length, got 2 values and 1 weights");
  expect_invalid(
      [] {
        distribution::empirical_discrete({1, 2}, {1, -1});
      },
      "empirical_discrete: weights[1] must be ≥ 0, got -1");
  expect_invalid(
      [] {
        distribution::empirical_discrete({1, 2}, {0, 0});
      },
      "weights must have a finite sum > 0, got 0");
  expect_invalid([] { distribution::empirical_continuous({0}, {0}); },
                 "empirical_continuous: needs at least 2 points, got 1");
  expect_invalid([] { distribution::empirical_continuous({0, 1}, {0, 0.5, 1}); }, "same length");
  expect_invalid(
      [] {
        distribution::empirical_continuous({0, 2, 1}, {0, 0.5, 1});
      },
      "x[2] must be > x[1] (2): x must be increasing, got 1");
  expect_invalid(
      [] {
        distribution::empirical_continuous({0, 1, 2}, {0, 0.6, 0.5});
      },
      "cdf[2] must be ≥ cdf[1] (0.6)");
  expect_invalid(
      [] {
        distribution::empirical_continuous({0, 1}, {0.1, 1});
      },
      "cdf[0] must be 0, got 0.1");
  expect_invalid(
      [] {
        distribution::empirical_continuous({0, 1}, {0, 0.9});
      },
      "cdf[1] (the last) must be 1, got 0.9");
  // A CDF that misses 1 only by rounding is accepted.
  EXPECT_NO_THROW(
      distribution::empirical_continuous({0, 1, 2, 3}, {0, 0.1 + 0.2, 0.7, 0.1 + 0.2 + 0.7}));
}

// ---- descriptions
// --------------------------------------------------------------------------------

TEST(DistributionDescribe, ShortTextWithParameters) {
  EXPECT_EQ(distribution().describe(), "constant(0)");
  EXPECT_EQ(distribution::exponential(300).describe(), "exponential(mean 300)");
  EXPECT_EQ(distribution::uniform(60, 120.5).describe(), "uniform(60, 120.5)");
  EXPECT_EQ(distribution::triangular(1, 2, 4).describe(), "triangular(low 1, mode 2, high 4)");
  EXPECT_EQ(distribution::truncated_normal(10, 3).describe(), "truncated_normal(mean 10, sd 3)");
  EXPECT_EQ(distribution::lognormal(720, 0.6).describe(), "lognormal(mean 720, cv 0.6)");
  EXPECT_EQ(distribution::gamma(720, 0.6).describe(), "gamma(mean 720, cv 0.6)");
  EXPECT_EQ(distribution::erlang(3, 600).describe(), "erlang(k 3, mean 600)");
  EXPECT_EQ(distribution::empirical_discrete({1, 2, 5}, {1, 1, 2}).describe(),
            "empirical_discrete(3 values, mean 3.25)");
  EXPECT_EQ(distribution::empirical_continuous({0, 10, 30}, {0, 0.5, 1}).describe(),
            "empirical_continuous(3 points from 0 to 30, mean 12.5)");
  EXPECT_EQ(distribution::shifted(60, distribution::exponential(300)).describe(),
            "60 + exponential(mean 300)");
}

}  // namespace
}  // namespace tumen::random
