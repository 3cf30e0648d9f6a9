// A straight-line trend through equally spaced observations, with an interval for its slope:
// the backlog-growth test of the verdicts (model/verdict.cpp) fits one through batch means of a
// queue length.
//
// fit_trend() fits y = a + b·x by least squares to observations y[0], y[1], … taken at
// x = 0, step, 2·step, … and gives the slope b with its half-width at `confidence`
// (Student's t with n − 2 degrees of freedom times the slope's standard error from the
// residuals). This assumes the residuals independent: feed it batch means long enough to be so
// (a week of daily backlogs averaged, say), not raw hourly samples of a queue.
//
//   auto t = tumen::stats::fit_trend({3, 5, 8, 9, 12}, 7.0);   // weekly batches, x in days
//   if (t.low() > 0) ...                                       // growing, with 95 % confidence
//
// With fewer than three observations the spread is unknown: half_width is +infinity. With zero
// residuals (a perfect line) the half-width is 0.
//
// fit_line() is the same fit without the interval (half_width left 0): the Student-t quantile
// costs far more than the fit, so a caller that can decide from the slope alone asks for it
// first (the verdicts test for runaway growth every simulated day).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>

namespace tumen::stats {

struct trend {
  double slope = 0;       // change of y per unit of x
  double half_width = 0;  // of the slope, at `confidence`
  double intercept = 0;   // y at x = 0
  std::size_t n = 0;      // observations
  double low() const { return slope - half_width; }
  double high() const { return slope + half_width; }
};

trend fit_trend(std::span<const double> y, double step = 1.0, double confidence = 0.95);
trend fit_line(std::span<const double> y, double step = 1.0);
// The same, for a braced list of observations.
inline trend fit_trend(std::initializer_list<double> y, double step = 1.0,
                       double confidence = 0.95) {
  return fit_trend(std::span<const double>(y.begin(), y.size()), step, confidence);
}
inline trend fit_line(std::initializer_list<double> y, double step = 1.0) {
  return fit_line(std::span<const double>(y.begin(), y.size()), step);
}

}  // namespace tumen::stats
