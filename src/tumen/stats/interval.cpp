// Confidence intervals (see tumen/stats/interval.hpp). Boost.Math supplies the Student-t
// quantile; it stays in this file so that users of the header do not pull Boost in.
#include "tumen/stats/interval.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/math/distributions/students_t.hpp>

namespace tumen::stats {

double interval::relative_half_width() const {
  if (half_width == 0) return 0.0;
  if (mean == 0) return std::numeric_limits<double>::infinity();
  return half_width / std::abs(mean);
}

interval t_interval(const tally& across_replications, double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument(
        "confidence interval: confidence must lie strictly between 0 and 1, got " +
        std::to_string(confidence));
  }
  interval ci;
  ci.mean = across_replications.mean();
  ci.n = static_cast<std::size_t>(across_replications.count());
  ci.confidence = confidence;
  if (ci.n < 2) {
    ci.half_width = std::numeric_limits<double>::infinity();
  } else {
    const boost::math::students_t t_dist(static_cast<double>(ci.n - 1));
    const double alpha = 1.0 - confidence;
    const double t = boost::math::quantile(boost::math::complement(t_dist, alpha / 2));
    ci.half_width = t * across_replications.stddev() / std::sqrt(static_cast<double>(ci.n));
  }
  ci.low = ci.mean - ci.half_width;
  ci.high = ci.mean + ci.half_width;
  return ci;
}

}  // namespace tumen::stats
