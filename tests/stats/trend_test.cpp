// The least-squares trend: exact lines, the interval's width against its textbook value, and
// its coverage over many noisy series without a trend.
#include "tumen/stats/trend.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace {

TEST(stats_trend, a_perfect_line_has_its_slope_and_no_spread) {
  const auto t = tumen::stats::fit_trend({1, 3, 5, 7, 9}, 2.0);
  EXPECT_NEAR(t.slope, 1.0, 1e-12);
  EXPECT_NEAR(t.intercept, 1.0, 1e-12);
  EXPECT_NEAR(t.half_width, 0.0, 1e-12);
}

TEST(stats_trend, the_half_width_is_t_times_the_standard_error) {
  // y = 0, 2, 1, 3: slope 0.8, residuals -0.2, 1.0, -0.8, 0.4 → SSE 1.8; sxx = 5;
  // se = sqrt(1.8 / 2 / 5) = 0.42426; t(0.975; 2) = 4.30265.
  const auto t = tumen::stats::fit_trend({0, 2, 1, 3});
  EXPECT_NEAR(t.slope, 0.8, 1e-12);
  EXPECT_NEAR(t.half_width, 4.30265 * std::sqrt(0.18), 1e-4);
}

TEST(stats_trend, too_few_points_give_an_unknown_spread) {
  EXPECT_TRUE(std::isinf(tumen::stats::fit_trend({1, 2}).half_width));
  EXPECT_EQ(tumen::stats::fit_trend({}).n, 0u);
}

TEST(stats_trend, without_a_trend_the_interval_covers_zero_about_95_percent_of_the_time) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(10.0, 3.0);
  int covered = 0;
  const int series = 2000;
  for (int s = 0; s < series; ++s) {
    std::vector<double> y(12);
    for (auto& v : y) v = noise(rng);
    const auto t = tumen::stats::fit_trend(y, 7.0);
    if (t.low() <= 0 && 0 <= t.high()) ++covered;
  }
  EXPECT_NEAR(static_cast<double>(covered) / series, 0.95, 0.015);
}

}  // namespace
