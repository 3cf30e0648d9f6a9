// Tests for t_interval. Expected half-widths use Student-t quantiles from printed tables:
// t(0.975; 4) = 2.776445105, t(0.95; 9) = 1.833112933, t(0.995; 2) = 9.924843201.
#include "tumen/stats/interval.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <stdexcept>

namespace tumen::stats {
namespace {

tally sample(std::initializer_list<double> xs) {
  tally t;
  for (double x : xs) t.add(x);
  return t;
}

TEST(TInterval, NinetyFivePercentOnFiveValues) {
  // 1..5: mean 3, s² = 2.5, half-width 2.776445105 · √2.5 / √5 = 1.963243161.
  const interval ci = t_interval(sample({1, 2, 3, 4, 5}));
  EXPECT_DOUBLE_EQ(ci.mean, 3.0);
  EXPECT_NEAR(ci.half_width, 1.963243161, 1e-8);
  EXPECT_NEAR(ci.low, 3.0 - 1.963243161, 1e-8);
  EXPECT_NEAR(ci.high, 3.0 + 1.963243161, 1e-8);
  EXPECT_EQ(ci.n, 5u);
  EXPECT_EQ(ci.confidence, 0.95);
  EXPECT_NEAR(ci.relative_half_width(), 1.963243161 / 3.0, 1e-8);
}

TEST(TInterval, OtherConfidenceLevels) {
  // 1..10 at 90 %: s² = 82.5/9, half-width 1.833112933 · √(82.5/9) / √10 = 1.755072013.
  EXPECT_NEAR(t_interval(sample({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), 0.90).half_width, 1.755072013,
              1e-8);
  // 2 4 9 at 99 %: s² = 13, half-width 9.924843201 · √13 / √3 = 20.66020864.
  EXPECT_NEAR(t_interval(sample({2, 4, 9}), 0.99).half_width, 20.66020864, 1e-7);
}

TEST(TInterval, ContainsIsInclusive) {
  const interval ci = t_interval(sample({1, 2, 3, 4, 5}));
  EXPECT_TRUE(ci.contains(3.0));
  EXPECT_TRUE(ci.contains(ci.low));
  EXPECT_TRUE(ci.contains(ci.high));
  EXPECT_FALSE(ci.contains(5.0));  // 5 > 3 + 1.9632
  EXPECT_FALSE(ci.contains(1.0));
}

TEST(TInterval, FewerThanTwoObservationsGiveAnInfiniteInterval) {
  const double inf = std::numeric_limits<double>::infinity();
  const interval one = t_interval(sample({7}));
  EXPECT_EQ(one.mean, 7.0);
  EXPECT_EQ(one.n, 1u);
  EXPECT_EQ(one.half_width, inf);
  EXPECT_EQ(one.low, -inf);
  EXPECT_EQ(one.high, inf);
  EXPECT_TRUE(one.contains(-1e300));
  EXPECT_EQ(one.relative_half_width(), inf);

  const interval none = t_interval(tally{});
  EXPECT_EQ(none.n, 0u);
  EXPECT_EQ(none.half_width, inf);
}

TEST(TInterval, RelativeHalfWidthEdgeCases) {
  EXPECT_EQ(t_interval(sample({4, 4, 4})).relative_half_width(), 0.0);  // no spread
  EXPECT_EQ(t_interval(sample({-1, 1})).relative_half_width(),
            std::numeric_limits<double>::infinity());  // mean 0
  // A negative mean: relative to its magnitude. -1..-5 mirrors 1..5.
  EXPECT_NEAR(t_interval(sample({-1, -2, -3, -4, -5})).relative_half_width(), 1.963243161 / 3.0,
              1e-8);
}

TEST(TInterval, RejectsConfidenceOutsideZeroOne) {
  const tally t = sample({1, 2, 3});
  EXPECT_THROW((void)t_interval(t, 0.0), std::invalid_argument);
  EXPECT_THROW((void)t_interval(t, 1.0), std::invalid_argument);
  EXPECT_THROW((void)t_interval(t, 95.0), std::invalid_argument);
  EXPECT_THROW((void)t_interval(t, std::nan("")), std::invalid_argument);
}

}  // namespace
}  // namespace tumen::stats
