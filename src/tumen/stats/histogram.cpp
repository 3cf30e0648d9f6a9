// Histogram: binning consistent with the published edges (see tumen/stats/histogram.hpp).
#include "tumen/stats/histogram.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace tumen::stats {

histogram::histogram(double low, double high, std::size_t bin_count) : low_(low), high_(high) {
  if (!std::isfinite(low) || !std::isfinite(high) || !(low < high)) {
    throw std::invalid_argument("histogram: need finite low < high, got [" + std::to_string(low) +
                                ", " + std::to_string(high) + ")");
  }
  if (bin_count == 0) throw std::invalid_argument("histogram: need at least one bin");
  counts_.assign(bin_count, 0);
}

double histogram::edge(std::size_t i) const {
  if (i == counts_.size()) return high_;
  return low_ + (high_ - low_) * (static_cast<double>(i) / static_cast<double>(counts_.size()));
}

void histogram::add(double x) {
  ++total_;
  if (std::isnan(x)) {
    ++nan_;
    return;
  }
  if (x < low_) {
    ++underflow_;
    return;
  }
  if (x >= high_) {
    ++overflow_;
    return;
  }
  const std::size_t n = counts_.size();
  auto i = static_cast<std::size_t>((x - low_) / (high_ - low_) * static_cast<double>(n));
  if (i >= n) i = n - 1;
  // Rounding may put x one bin off near an edge; settle it against the edges themselves.
  if (i > 0 && x < edge(i)) {
    --i;
  } else if (i + 1 < n && x >= edge(i + 1)) {
    ++i;
  }
  ++counts_[i];
}

void histogram::merge(const histogram& other) {
  if (other.low_ != low_ || other.high_ != high_ || other.counts_.size() != counts_.size()) {
    throw std::invalid_argument("histogram: cannot merge histograms with different bins");
  }
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  underflow_ += other.underflow_;
  overflow_ += other.overflow_;
  nan_ += other.nan_;
  total_ += other.total_;
}

std::vector<double> histogram::bin_edges() const {
  std::vector<double> edges(counts_.size() + 1);
  for (std::size_t i = 0; i < edges.size(); ++i) edges[i] = edge(i);
  return edges;
}

}  // namespace tumen::stats
