// Least-squares slope with a Student-t interval (see tumen/stats/trend.hpp). Boost.Math's
// Student-t quantile stays in this file, as in interval.cpp.
#include "tumen/stats/trend.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace tumen::stats {

trend fit_line(std::span<const double> y, double step) {
  if (!(step > 0.0)) throw std::invalid_argument("trend: step must be positive");
  trend t;
  t.n = y.size();
  if (t.n == 0) return t;
  const double n = static_cast<double>(t.n);
  double mean_x = 0, mean_y = 0;
  for (std::size_t i = 0; i < t.n; ++i) {
    mean_x += static_cast<double>(i) * step;
    mean_y += y[i];
  }
  mean_x /= n;
  mean_y /= n;
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < t.n; ++i) {
    const double dx = static_cast<double>(i) * step - mean_x;
    sxx += dx * dx;
    sxy += dx * (y[i] - mean_y);
  }
  t.slope = sxx > 0 ? sxy / sxx : 0;
  t.intercept = mean_y - t.slope * mean_x;
  return t;
}

trend fit_trend(std::span<const double> y, double step, double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0))
    throw std::invalid_argument("trend: confidence must lie strictly between 0 and 1, got " +
                                std::to_string(confidence));
  trend t = fit_line(y, step);
  if (t.n == 0) return t;
  if (t.n < 3) {
    t.half_width = std::numeric_limits<double>::infinity();
    return t;
  }
  const double n = static_cast<double>(t.n);
  double mean_x = 0;
  for (std::size_t i = 0; i < t.n; ++i) mean_x += static_cast<double>(i) * step;
  mean_x /= n;
  double sxx = 0, sse = 0;
  for (std::size_t i = 0; i < t.n; ++i) {
    const double dx = static_cast<double>(i) * step - mean_x;
    sxx += dx * dx;
    const double r = y[i] - (t.intercept + t.slope * static_cast<double>(i) * step);
    sse += r * r;
  }
  const double se = std::sqrt(sse / (n - 2) / sxx);
  const boost::math::students_t dist(n - 2);
  const double q = boost::math::quantile(boost::math::complement(dist, (1 - confidence) / 2));
  t.half_width = q * se;
  return t;
}

}  // namespace tumen::stats
