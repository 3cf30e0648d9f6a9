// One design point at a time into a results::sink (see tumen/experiment/point_recorder.hpp).
#include "tumen/experiment/point_recorder.hpp"

#include <algorithm>

#include "tumen/experiment/summary.hpp"

namespace tumen::experiment {

void point_recorder::replication(std::uint64_t number, std::uint64_t seed,
                                 results::named_scalars scalars) {
  if (sink_) pending_.push_back({0, number, seed, std::move(scalars)});
}

void point_recorder::point(int index, std::vector<std::pair<std::string, std::string>> variables) {
  if (!sink_) return;
  // Replications finish in whatever order the threads run them; the summary (a floating-point
  // sum) is taken in replication order, so it does not depend on -j.
  std::stable_sort(pending_.begin(), pending_.end(),
                   [](const auto& a, const auto& b) { return a.replication < b.replication; });
  sink_->points({{index, std::move(variables)}});
  std::vector<results::named_scalars> all;
  all.reserve(pending_.size());
  for (auto& p : pending_) {
    p.point = index;
    all.push_back(p.scalars);
    sink_->replication(std::move(p));
  }
  pending_.clear();
  if (!all.empty()) sink_->summary(index, summarise_scalars(all).rows());
}

}  // namespace tumen::experiment
