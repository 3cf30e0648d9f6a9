// Tests for the P² quantile estimators: exact answers on tiny samples (worked by hand with
// linear interpolation at rank (n-1)p), and accuracy against sorted samples of 100 000 draws.
#include "tumen/stats/quantile.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <random>
#include <stdexcept>
#include <vector>

namespace tumen::stats {
namespace {

TEST(P2Quantile, EmptyReportsZero) {
  const p2_quantile q(0.5);
  EXPECT_EQ(q.count(), 0u);
  EXPECT_EQ(q.get(), 0.0);
}

TEST(P2Quantile, ExactWithOneToFiveSamples) {
  p2_quantile median(0.5);
  median.add(3);
  EXPECT_EQ(median.get(), 3.0);
  median.add(1);
  EXPECT_DOUBLE_EQ(median.get(), 2.0);  // between 1 and 3
  median.add(2);
  EXPECT_DOUBLE_EQ(median.get(), 2.0);  // 1 2 3

  p2_quantile p90(0.9);
  for (double x : {3.0, 1.0, 2.0}) p90.add(x);
  EXPECT_DOUBLE_EQ(p90.get(), 2.8);  // rank 2·0.9 = 1.8: 2 + 0.8·(3-2)

  p2_quantile p25(0.25);
  for (double x : {10.0, 40.0, 20.0, 30.0}) p25.add(x);
  EXPECT_DOUBLE_EQ(p25.get(), 17.5);  // rank 3·0.25 = 0.75: 10 + 0.75·10

  p2_quantile five(0.9);
  for (double x : {5.0, 1.0, 4.0, 2.0, 3.0}) five.add(x);
  EXPECT_EQ(five.count(), 5u);
  EXPECT_DOUBLE_EQ(five.get(), 4.6);  // rank 4·0.9 = 3.6: 4 + 0.6·(5-4)
}

// The marker updates below are worked through by hand with the formulas of Jain & Chlamtac,
// 0-based ranks: marker i at rank n[i] with height q[i]; desired ranks start at
// {0, 2p, 4p, 2+2p, 4} and grow by {0, p/2, p, (1+p)/2, 1} per observation; the parabolic step
// for marker i, direction d, is
//   q[i] + d/(n[i+1]-n[i-1]) · ((n[i]-n[i-1]+d)(q[i+1]-q[i])/(n[i+1]-n[i])
//                              + (n[i+1]-n[i]-d)(q[i]-q[i-1])/(n[i]-n[i-1])).

double estimate(double p, std::initializer_list<double> xs) {
  p2_quantile q(p);
  for (double x : xs) q.add(x);
  return q.get();
}

TEST(P2Quantile, ParabolicStepsByHand) {
  // Median of 1 2 3 4 5, then 10 20 30 (each above the maximum: ranks of markers 4 grow).
  // After 20: marker 3 moves up, q3 = 4 + 1/4·(2·16/3 + 2·1) = 43/6.
  // After 30: marker 2 moves up, q2 = 3 + 1/3·(2·(43/6 - 3)/2 + 1·1/1) = 85/18.
  EXPECT_DOUBLE_EQ(estimate(0.5, {1, 2, 3, 4, 5, 10, 20, 30}), 85.0 / 18.0);
  // Evenly spaced data stays on the line: p = 0.9 on 1..7, marker 2 moves from 3 to
  // 3 + 1/3·(2·2/2 + 1·1/1) = 4 at the seventh value.
  EXPECT_DOUBLE_EQ(estimate(0.9, {1, 2, 3, 4, 5, 6, 7}), 4.0);
  // New minima push markers 1 and 2 down: after -2, q1 = 1 - 1/4·(2·1/1 + 2·3/3) = 0 and
  // q2 = 2 - 1/3·(1·1/1 + 2·2/2) = 1.
  EXPECT_DOUBLE_EQ(estimate(0.5, {0, 1, 2, 3, 1000, -1, -2}), 1.0);
}

TEST(P2Quantile, FallsBackToLinearWhenTheParabolaOvershoots) {
  // p = 0.9 on 0 1 100 101 102, then 200 twice. After the first 200, q3 = 101 + 1/3·(2·99/2 +
  // 1·1/1) = 403/3. After the second, marker 2 (height 100) should move up: the parabola gives
  // 100 + 1/3·(2·(103/3)/2 + 1·99/1) = 144.4, beyond q3 = 134.3, so the linear step is used:
  // 100 + (403/3 - 100)/(4 - 2) = 703/6.
  EXPECT_DOUBLE_EQ(estimate(0.9, {0, 1, 100, 101, 102, 200, 200}), 703.0 / 6.0);
}

TEST(P2Quantile, RejectsProbabilitiesOutsideZeroOne) {
  EXPECT_THROW(p2_quantile(0.0), std::invalid_argument);
  EXPECT_THROW(p2_quantile(1.0), std::invalid_argument);
  EXPECT_THROW(p2_quantile(-0.1), std::invalid_argument);
  EXPECT_THROW(p2_quantile(std::nan("")), std::invalid_argument);
}

TEST(P2Quantile, ConstantStreamGivesTheConstant) {
  p2_quantile q(0.95);
  for (int i = 0; i < 1000; ++i) q.add(42.0);
  EXPECT_EQ(q.get(), 42.0);
}

// The sample quantile of `v` at rank (n-1)p with linear interpolation (sorts v).
double sorted_quantile(std::vector<double>& v, double p) {
  std::sort(v.begin(), v.end());
  const double h = static_cast<double>(v.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

template <class Distribution>
void expect_close_to_sample_quantiles(Distribution dist, unsigned seed) {
  std::mt19937_64 rng(seed);
  quantile_set set;
  std::vector<double> all;
  constexpr int n = 100'000;
  all.reserve(n);
  for (int i = 0; i < n; ++i) {
    const double x = dist(rng);
    set.add(x);
    all.push_back(x);
  }
  EXPECT_EQ(set.count(), static_cast<std::uint64_t>(n));
  for (double p : quantile_set::probabilities) {
    const double exact = sorted_quantile(all, p);
    EXPECT_NEAR(set.get(p) / exact, 1.0, 0.02) << "p = " << p << ", exact " << exact;
  }
}

TEST(QuantileSet, UniformWithinTwoPercent) {
  expect_close_to_sample_quantiles(std::uniform_real_distribution<double>(0.0, 1.0), 1);
}

TEST(QuantileSet, ExponentialWithinTwoPercent) {
  expect_close_to_sample_quantiles(std::exponential_distribution<double>(1.0 / 300.0), 2);
}

TEST(QuantileSet, LognormalWithinTwoPercent) {
  expect_close_to_sample_quantiles(std::lognormal_distribution<double>(0.0, 1.0), 3);
}

TEST(QuantileSet, NamedAccessorsMatchGet) {
  quantile_set set;
  for (double x : {4.0, 1.0, 3.0, 2.0}) set.add(x);
  // Exact with four samples 1 2 3 4: rank 3p.
  EXPECT_DOUBLE_EQ(set.p50(), 2.5);
  EXPECT_DOUBLE_EQ(set.p90(), 3.7);
  EXPECT_DOUBLE_EQ(set.p95(), 3.85);
  EXPECT_DOUBLE_EQ(set.p99(), 3.97);
  EXPECT_EQ(set.get(0.5), set.p50());
  EXPECT_EQ(set.get(0.99), set.p99());
}

TEST(QuantileSet, RejectsUntrackedProbabilities) {
  const quantile_set set;
  EXPECT_THROW((void)set.get(0.75), std::invalid_argument);
  EXPECT_THROW((void)set.get(0.999), std::invalid_argument);
}

}  // namespace
}  // namespace tumen::stats
