// Tests for quantile_sketch: exact zeros, the 0.4% relative bound against exact sample
// quantiles, nearest-rank semantics, clamping to min/max, merging.
#include "tumen/stats/quantile_sketch.hpp"

#include <gtest/gtest.h>
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace tumen::stats {
namespace {

double exact_nearest_rank(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto rank = std::max<std::size_t>(
      1, static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))));
  return v[rank - 1];
}

TEST(QuantileSketch, EmptyIsZero) {
  quantile_sketch s;
  EXPECT_EQ(s.count(), 0u);
  EXPECT_EQ(s.quantile(0.5), 0.0);
}

TEST(QuantileSketch, ZerosAreExactAndNegativesCountAsZero) {
  quantile_sketch s;
  for (int i = 0; i < 90; ++i) s.add(0.0);
  s.add(-5.0);
  for (int i = 0; i < 9; ++i) s.add(100.0);
  EXPECT_EQ(s.count(), 100u);
  EXPECT_EQ(s.quantile(0.91), 0.0);           // rank 91 is the 91st value: still a zero
  EXPECT_NEAR(s.quantile(0.92), 100.0, 0.4);  // rank 92 is the first 100
}

TEST(QuantileSketch, SingleValueIsReturnedExactlyByClamping) {
  quantile_sketch s;
  s.add(37.25);
  EXPECT_EQ(s.quantile(0.0), 37.25);
  EXPECT_EQ(s.quantile(1.0), 37.25);
}

TEST(QuantileSketch, WithinBoundOfExactQuantilesOnSkewedData) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> d(3.0, 1.5);
  std::vector<double> v;
  quantile_sketch s;
  for (int i = 0; i < 100000; ++i) {
    const double x = d(rng);
    v.push_back(x);
    s.add(x);
  }
  for (double p : {0.01, 0.5, 0.9, 0.95, 0.99, 0.999}) {
    const double exact = exact_nearest_rank(v, p);
    EXPECT_NEAR(s.quantile(p), exact, exact * 0.004) << "p = " << p;
  }
  EXPECT_EQ(s.quantile(1.0), *std::max_element(v.begin(), v.end()));
}

TEST(QuantileSketch, MergeEqualsAddingEverything) {
  quantile_sketch a, b, all;
  for (int i = 1; i <= 1000; ++i) {
    const double x = i * 0.37;
    (i % 3 == 0 ? a : b).add(x);
    all.add(x);
  }
  b.add(0);
  all.add(0);
  a.merge(b);
  EXPECT_EQ(a.count(), all.count());
  for (double p : {0.0, 0.1, 0.5, 0.95, 1.0}) EXPECT_EQ(a.quantile(p), all.quantile(p));
  EXPECT_EQ(a.min(), 0.0);
  EXPECT_DOUBLE_EQ(a.max(), 370.0);
}

}  // namespace
}  // namespace tumen::stats
