// Histogram: counts of observations in fixed, equal-width bins over [low, high), plus the
// observations that fell below (underflow) or at or above (overflow) the range. Reports use it
// for distributions such as time in system.
//
//   tumen::stats::histogram time_in_system(0, 4 * tumen::hours, 48);   // 5-minute bins
//   time_in_system.add(37 * tumen::minutes);                            // bin 7
//   time_in_system.bins()[7];        // 1
//   time_in_system.bin_edges();      // 49 edges: 0, 300, 600, ..., 14400
//
// Bin i holds low + i·w <= x < low + (i+1)·w, using exactly the edges bin_edges() returns, so a
// value on an edge always lands in the bin that starts there. NaN observations are counted in
// nan_count() and nowhere else. Construction needs finite low < high and at least one bin
// (std::invalid_argument otherwise); merge() needs identical ranges and bin counts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tumen::stats {

class histogram {
 public:
  histogram(double low, double high, std::size_t bin_count);

  void add(double x);
  // Adds the other histogram's counts to this one's.
  void merge(const histogram& other);

  std::span<const std::uint64_t> bins() const { return counts_; }
  // bin_count() + 1 edges, from low() to high().
  std::vector<double> bin_edges() const;
  double edge(std::size_t i) const;

  double low() const { return low_; }
  double high() const { return high_; }
  std::size_t bin_count() const { return counts_.size(); }
  std::uint64_t underflow() const { return underflow_; }
  std::uint64_t overflow() const { return overflow_; }
  std::uint64_t nan_count() const { return nan_; }
  // Every observation added, including underflow, overflow and NaN.
  std::uint64_t total() const { return total_; }

 private:
  double low_;
  double high_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t underflow_ = 0;
  std::uint64_t overflow_ = 0;
  std::uint64_t nan_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace tumen::stats
