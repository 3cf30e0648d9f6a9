// Feeds a results::sink one design point at a time, for the searches (capacity, staff, compare)
// that know a point's variables only once its replications have run: replications are kept
// until point() names their point, which then passes on the point, its replications and their
// across-replication summary, in the order a sink takes them.
//
//   tumen::experiment::point_recorder rec(sink);     // sink may be nullptr: records nothing
//   rec.replication(k, seed, tumen::experiment::scalars(result, false));
//   rec.point(0, {{"run.demand_scale", "1.5"}});
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tumen/results/sink.hpp"

namespace tumen::experiment {

class point_recorder {
 public:
  explicit point_recorder(results::sink* sink) : sink_(sink) {}

  // False when there is no sink (then scalars need not be computed at all).
  bool enabled() const { return sink_ != nullptr; }

  // One finished replication of the point under way.
  void replication(std::uint64_t number, std::uint64_t seed, results::named_scalars scalars);

  // The point under way is point `index` with these variables: it, the replications since the
  // last point and their summary go to the sink.
  void point(int index, std::vector<std::pair<std::string, std::string>> variables);

 private:
  results::sink* sink_;
  std::vector<results::replication_scalars> pending_;
};

}  // namespace tumen::experiment
