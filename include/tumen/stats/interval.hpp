// Confidence intervals for a mean estimated from independent observations (usually one
// figure per replication, or the batch means of one long run).
//
// t_interval() uses Student's t with n - 1 degrees of freedom:
//   mean ± t(1 - (1 - confidence)/2; n - 1) · s / √n
// which is exact for normal observations and a good approximation for means of long runs.
//
//   tumen::stats::tally mean_wait;                 // one value per replication
//   for (double w : replication_means) mean_wait.add(w);
//   auto ci = tumen::stats::t_interval(mean_wait, 0.95);
//   if (ci.relative_half_width() < 0.05) ...       // precise to ±5 %
//
// With fewer than two observations the spread is unknown: half_width is +infinity (so low is
// -infinity, high is +infinity, and contains() is true for every finite value), never a
// made-up number. confidence must lie strictly between 0 and 1, else std::invalid_argument.
#pragma once

#include <cstddef>

#include "tumen/stats/tally.hpp"

namespace tumen::stats {

struct interval {
  double mean = 0;
  double half_width = 0;
  double low = 0;            // mean - half_width
  double high = 0;           // mean + half_width
  std::size_t n = 0;         // observations behind the estimate
  double confidence = 0.95;  // the level the interval was built for

  bool contains(double x) const { return low <= x && x <= high; }
  // half_width / |mean|: 0 when half_width is 0, +infinity when the mean is 0 and the
  // half-width is not, or when the half-width is infinite.
  double relative_half_width() const;
};

interval t_interval(const tally& across_replications, double confidence = 0.95);

}  // namespace tumen::stats
