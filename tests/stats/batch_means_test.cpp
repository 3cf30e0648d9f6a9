// Tests for batch_means: batch growth and merging traced by hand, the autocorrelation on a
// small sample, and the interval on a strongly correlated series.
#include "tumen/stats/batch_means.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "tumen/stats/tally.hpp"

namespace tumen::stats {
namespace {

std::vector<double> batches_of(const batch_means& b) {
  return {b.batches().begin(), b.batches().end()};
}

TEST(BatchMeans, MergesPairsWhenFull) {
  // Two batches wanted: sizes 1,1,1,1 -> merged into 2 of size 2 after four values; then
  // (5,6) and (7,8) fill four batches again -> 2 of size 4: means 2.5 and 6.5.
  batch_means b(2);
  for (double x : {1.0, 2.0, 3.0}) b.add(x);
  EXPECT_EQ(b.batch_size(), 1u);
  EXPECT_EQ(batches_of(b), (std::vector<double>{1, 2, 3}));
  b.add(4);
  EXPECT_EQ(b.batch_size(), 2u);
  EXPECT_EQ(batches_of(b), (std::vector<double>{1.5, 3.5}));
  for (double x : {5.0, 6.0, 7.0}) b.add(x);
  EXPECT_EQ(batches_of(b), (std::vector<double>{1.5, 3.5, 5.5}));  // 7 is unfinished
  b.add(8);
  EXPECT_EQ(b.batch_size(), 4u);
  EXPECT_EQ(batches_of(b), (std::vector<double>{2.5, 6.5}));
  b.add(9);
  EXPECT_EQ(b.count(), 9u);
  EXPECT_EQ(batches_of(b), (std::vector<double>{2.5, 6.5}));
}

TEST(BatchMeans, ThreeBatchesTwice) {
  batch_means b(3);
  for (int i = 1; i <= 12; ++i) b.add(i);
  // Size 1 until six values -> {1.5, 3.5, 5.5} of size 2; then 7.5, 9.5, 11.5 -> merged.
  EXPECT_EQ(b.batch_size(), 4u);
  EXPECT_EQ(batches_of(b), (std::vector<double>{2.5, 6.5, 10.5}));
}

TEST(BatchMeans, EstimateUsesTheBatchMeans) {
  // Batches 2.5 and 6.5: mean 4.5, s = √8, half-width t(0.975; 1) · √8 / √2 = 12.70620474 · 2.
  batch_means b(2);
  for (int i = 1; i <= 9; ++i) b.add(i);  // the 9 sits in the unfinished batch, left out
  const interval ci = b.estimate();
  EXPECT_DOUBLE_EQ(ci.mean, 4.5);
  EXPECT_EQ(ci.n, 2u);
  EXPECT_NEAR(ci.half_width, 25.41240947, 1e-7);
}

TEST(BatchMeans, MemoryStaysBoundedOnALongRun) {
  // With 20 batches, sizes double at 40 full batches: 16384 · 40 = 655360 values -> size 32768.
  // After 10^6 values: floor(10^6 / 32768) = 30 complete batches.
  batch_means b;
  for (int i = 0; i < 1'000'000; ++i) b.add(1.0);
  EXPECT_EQ(b.batch_count(), 20u);
  EXPECT_EQ(b.batch_size(), 32768u);
  EXPECT_EQ(b.batches().size(), 30u);
  EXPECT_EQ(b.count(), 1'000'000u);
}

TEST(BatchMeans, Lag1AutocorrelationByHand) {
  // Batches 1 3 2 6 (size 1, under 2·4): mean 3, deviations -2 0 -1 3,
  // Σ d[i]d[i+1] = 0 + 0 - 3, Σ d² = 14.
  batch_means b(4);
  for (double x : {1.0, 3.0, 2.0, 6.0}) b.add(x);
  ASSERT_TRUE(b.lag1_autocorrelation().has_value());
  EXPECT_DOUBLE_EQ(*b.lag1_autocorrelation(), -3.0 / 14.0);
}

TEST(BatchMeans, Lag1AutocorrelationUndefinedCases) {
  batch_means two(4);
  two.add(1);
  two.add(2);
  EXPECT_FALSE(two.lag1_autocorrelation().has_value());  // fewer than three batches
  batch_means flat(4);
  for (int i = 0; i < 5; ++i) flat.add(7);
  EXPECT_FALSE(flat.lag1_autocorrelation().has_value());  // no spread
}

TEST(BatchMeans, RejectsFewerThanTwoBatches) {
  EXPECT_THROW(batch_means(0), std::invalid_argument);
  EXPECT_THROW(batch_means(1), std::invalid_argument);
}

TEST(BatchMeans, WidensTheIntervalForCorrelatedData) {
  // AR(1) with φ = 0.9 around 0: the variance of a long-run mean is (1+φ)/(1-φ) = 19 times
  // what independent draws would give, so the batch-means half-width should be about √19 ≈ 4.4
  // times the naive one. The batches should be long enough to be nearly uncorrelated.
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0.0, 1.0);
  batch_means b(20);
  tally naive;
  double x = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    x = 0.9 * x + noise(rng);
    b.add(x);
    naive.add(x);
  }
  const interval ci = b.estimate();
  const double naive_half_width = 1.96 * naive.stddev() / std::sqrt(1e6);
  EXPECT_TRUE(ci.contains(0.0)) << ci.low << " .. " << ci.high;
  EXPECT_GT(ci.half_width / naive_half_width, 3.0);
  EXPECT_LT(ci.half_width / naive_half_width, 6.5);
  ASSERT_TRUE(b.lag1_autocorrelation().has_value());
  EXPECT_LT(std::abs(*b.lag1_autocorrelation()), 0.4);
}

}  // namespace
}  // namespace tumen::stats
