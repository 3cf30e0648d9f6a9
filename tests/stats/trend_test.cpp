// The least-squares trend: exact lines, the interval's width against its textbook value, and
// its coverage over many noisy series without a trend.
#include "tumen/stats/trend.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

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

TEST(stats_trend, the_line_alone_is_the_same_fit_without_the_interval) {
  // fit_line is what the verdicts ask first, to skip the t quantile: it must be the same fit,
  // to the bit, or a stable run's early stop could change.
  const std::vector<double> y{3.5, 1.25, 4.0, 7.75, 6.5, 9.0, 8.25};
  for (const double step : {1.0, 7.0}) {
    const auto full = tumen::stats::fit_trend(y, step);
    const auto line = tumen::stats::fit_line(y, step);
    EXPECT_EQ(line.slope, full.slope);
    EXPECT_EQ(line.intercept, full.intercept);
    EXPECT_EQ(line.n, full.n);
    EXPECT_EQ(line.half_width, 0.0);
    EXPECT_GT(full.half_width, 0.0);
  }
  EXPECT_EQ(tumen::stats::fit_line({}).n, 0u);
  EXPECT_THROW(tumen::stats::fit_line(y, 0.0), std::invalid_argument);
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
