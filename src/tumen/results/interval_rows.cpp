// A metric's interval row from its per-replication observations (see
// tumen/results/interval_rows.hpp): the one place where a tally becomes the row that summaries,
// tables and reports show.
#include "tumen/results/interval_rows.hpp"

#include <utility>

#include "tumen/stats/interval.hpp"
#include "tumen/stats/tally.hpp"

namespace tumen::results {

interval_row interval_of(std::string name, const stats::tally& t, double confidence) {
  const auto ci = stats::t_interval(t, confidence);
  interval_row r;
  r.name = std::move(name);
  r.mean = ci.mean;
  r.half_width = ci.half_width;
  r.low = ci.low;
  r.high = ci.high;
  r.n = ci.n;
  r.min = t.min();
  r.max = t.max();
  return r;
}

}  // namespace tumen::results
