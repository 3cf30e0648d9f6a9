// Across-replication summaries and paired comparisons (see tumen/experiment/summary.hpp).
#include "tumen/experiment/summary.hpp"

#include <algorithm>

#include "tumen/base/error.hpp"
#include "tumen/experiment/metrics.hpp"
#include "tumen/stats/interval.hpp"
#include "tumen/stats/tally.hpp"

namespace tumen::experiment {

summary::summary(std::vector<results::interval_row> rows) : rows_(std::move(rows)) {
  for (std::size_t i = 0; i < rows_.size(); ++i) index_.emplace(rows_[i].name, i);
}

const results::interval_row& summary::at(const std::string& name) const {
  auto it = index_.find(name);
  if (it == index_.end()) throw input_error("metric", "unknown metric '" + name + "'");
  return rows_[it->second];
}

summary summarise(const std::vector<results::replication_result>& runs, double confidence,
                  bool hourly) {
  std::vector<std::vector<named_value>> all;
  all.reserve(runs.size());
  for (const auto& r : runs) all.push_back(scalars(r, hourly));
  return summarise_scalars(all, confidence);
}

summary summarise_scalars(const std::vector<std::vector<named_value>>& runs, double confidence) {
  std::vector<std::string> order;
  std::map<std::string, stats::tally> tallies;
  for (const auto& r : runs)
    for (const auto& [name, value] : r) {
      auto [it, inserted] = tallies.try_emplace(name);
      if (inserted) order.push_back(name);
      it->second.add(value);
    }
  std::vector<results::interval_row> rows;
  rows.reserve(order.size());
  for (const auto& name : order)
    rows.push_back(results::interval_of(name, tallies.at(name), confidence));
  return summary(std::move(rows));
}

std::vector<results::difference_row> compare(const std::vector<results::replication_result>& a,
                                             const std::vector<results::replication_result>& b,
                                             double confidence, bool hourly) {
  const std::size_t n = std::min(a.size(), b.size());
  std::vector<std::string> order;
  std::map<std::string, stats::tally> diffs, ta, tb;
  for (std::size_t k = 0; k < n; ++k) {
    std::map<std::string, double> av;
    for (const auto& [name, v] : scalars(a[k], hourly)) av.emplace(name, v);
    for (const auto& [name, v] : scalars(b[k], hourly)) {
      auto it = av.find(name);
      if (it == av.end()) continue;
      auto [d, inserted] = diffs.try_emplace(name);
      if (inserted) order.push_back(name);
      d->second.add(v - it->second);
      ta[name].add(it->second);
      tb[name].add(v);
    }
  }
  std::vector<results::difference_row> out;
  for (const auto& name : order) {
    const auto ci = stats::t_interval(diffs.at(name), confidence);
    results::difference_row d;
    d.name = name;
    d.mean_a = ta.at(name).mean();
    d.mean_b = tb.at(name).mean();
    d.mean = ci.mean;
    d.half_width = ci.half_width;
    d.low = ci.low;
    d.high = ci.high;
    d.n = ci.n;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace tumen::experiment
