// Figures across replications, as plain rows: a metric's mean with its confidence interval, and
// the paired difference of a metric between two designs. Produced by the experiment layer,
// rendered by the output layer (which does not know how they were computed).
//
//   tumen::stats::tally waits;                    // one figure per replication
//   auto row = tumen::results::interval_of("wait.mean_min", waits, 0.95);
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tumen::stats {
class tally;
}

namespace tumen::results {

struct interval_row {
  std::string name;  // metric name (see tumen/experiment/metrics.hpp)
  double mean = 0, half_width = 0, low = 0, high = 0;
  std::size_t n = 0;
  double min = 0, max = 0;
};

// The row of a metric observed once per replication in `t`: the Student-t interval at
// `confidence` (see tumen/stats/interval.hpp) and the smallest and largest observation.
interval_row interval_of(std::string name, const stats::tally& t, double confidence);

struct difference_row {
  std::string name;
  double mean_a = 0, mean_b = 0;
  double mean = 0, half_width = 0, low = 0, high = 0;  // of B − A
  std::size_t n = 0;
  bool significant() const { return low > 0 || high < 0; }
};

}  // namespace tumen::results
