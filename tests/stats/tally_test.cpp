// Tests for tally: moments by hand on small samples, merging, and precision far from zero.
#include "tumen/stats/tally.hpp"

#include <gtest/gtest.h>

namespace tumen::stats {
namespace {

TEST(Tally, EmptyReportsZeroAndNoData) {
  const tally t;
  EXPECT_FALSE(t.has_data());
  EXPECT_EQ(t.count(), 0u);
  EXPECT_EQ(t.sum(), 0.0);
  EXPECT_EQ(t.mean(), 0.0);
  EXPECT_EQ(t.variance(), 0.0);
  EXPECT_EQ(t.stddev(), 0.0);
  EXPECT_EQ(t.min(), 0.0);
  EXPECT_EQ(t.max(), 0.0);
}

TEST(Tally, OneObservationHasNoSpread) {
  tally t;
  t.add(-4.5);
  EXPECT_TRUE(t.has_data());
  EXPECT_EQ(t.count(), 1u);
  EXPECT_EQ(t.mean(), -4.5);
  EXPECT_EQ(t.variance(), 0.0);
  EXPECT_EQ(t.min(), -4.5);
  EXPECT_EQ(t.max(), -4.5);
}

TEST(Tally, MomentsOfASmallSample) {
  // 2 4 4 4 5 5 7 9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, sample variance 32/7.
  tally t;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) t.add(x);
  EXPECT_EQ(t.count(), 8u);
  EXPECT_DOUBLE_EQ(t.sum(), 40.0);
  EXPECT_DOUBLE_EQ(t.mean(), 5.0);
  EXPECT_DOUBLE_EQ(t.variance(), 32.0 / 7.0);
  EXPECT_DOUBLE_EQ(t.stddev(), 2.1380899352993950);
  EXPECT_EQ(t.min(), 2.0);
  EXPECT_EQ(t.max(), 9.0);
}

TEST(Tally, StaysPreciseFarFromZero) {
  // Deviations -6 -3 3 6 around 1e9 + 10: variance (36+9+9+36)/3 = 30. The textbook
  // sum-of-squares formula loses every digit here.
  tally t;
  for (double x : {4.0, 7.0, 13.0, 16.0}) t.add(1e9 + x);
  EXPECT_DOUBLE_EQ(t.mean(), 1e9 + 10.0);
  EXPECT_NEAR(t.variance(), 30.0, 1e-6);
}

TEST(Tally, FirstValueFarFromTheRestStaysWithinItsBound) {
  // add() keeps sums of deviations from the first value (no division per observation). A first
  // value far from the rest is its worst case: a wait of 0 s, then 10^5 waits of 10^4 ± 1 s.
  // The cancellation costs about eps * (10^4)^2 / 1 = 2e-8 relative: documented, and far below
  // any statistical error a model reports.
  tally t;
  t.add(0.0);
  for (int i = 0; i < 100000; ++i) t.add(i % 2 == 0 ? 1e4 - 1 : 1e4 + 1);
  const double n = 100001;
  const double mean = (1e4 * 100000) / n;
  // Exact: sum of squared deviations = 100000 * (1 + (1e4 - mean)^2) + mean^2 (the zero),
  // up to the cross term, which cancels over the ±1 pairs.
  const double m2 = 100000 * (1.0 + (1e4 - mean) * (1e4 - mean)) + mean * mean;
  EXPECT_NEAR(t.mean(), mean, 1e-9);
  EXPECT_NEAR(t.variance(), m2 / (n - 1), 1e-6 * m2 / (n - 1));
}

TEST(Tally, MergeEqualsAddingEverything) {
  tally a;
  tally b;
  for (double x : {2.0, 4.0, 4.0, 4.0}) a.add(x);
  for (double x : {5.0, 5.0, 7.0, 9.0}) b.add(x);
  a.merge(b);
  EXPECT_EQ(a.count(), 8u);
  EXPECT_DOUBLE_EQ(a.sum(), 40.0);
  EXPECT_DOUBLE_EQ(a.mean(), 5.0);
  EXPECT_DOUBLE_EQ(a.variance(), 32.0 / 7.0);
  EXPECT_EQ(a.min(), 2.0);
  EXPECT_EQ(a.max(), 9.0);
}

TEST(Tally, MergeWithEmptyOnEitherSide) {
  tally data;
  data.add(1.0);
  data.add(3.0);
  tally empty;
  data.merge(empty);
  EXPECT_EQ(data.count(), 2u);
  EXPECT_DOUBLE_EQ(data.variance(), 2.0);
  empty.merge(data);
  EXPECT_EQ(empty.count(), 2u);
  EXPECT_DOUBLE_EQ(empty.mean(), 2.0);
  EXPECT_DOUBLE_EQ(empty.variance(), 2.0);
  EXPECT_EQ(empty.min(), 1.0);
  EXPECT_EQ(empty.max(), 3.0);
}

TEST(Tally, MergeIntoItselfDoublesTheSample) {
  // 1 3 1 3: mean 2, squared deviations 4 × 1, sample variance 4/3.
  tally t;
  t.add(1.0);
  t.add(3.0);
  t.merge(t);
  EXPECT_EQ(t.count(), 4u);
  EXPECT_DOUBLE_EQ(t.mean(), 2.0);
  EXPECT_DOUBLE_EQ(t.variance(), 4.0 / 3.0);
  EXPECT_DOUBLE_EQ(t.sum(), 8.0);
}

}  // namespace
}  // namespace tumen::stats
