// Batch means: a confidence interval for the steady-state mean from one long run, whose
// successive observations (waits of consecutive trucks) are correlated.
//
// The observations, in the order they occur, are cut into consecutive batches of equal size;
// if batches are long enough their means are nearly independent and a t interval over them is
// valid. The right batch size is not known in advance, so it grows with the run: it starts at
// 1, and whenever 2·batch_count batches are complete, neighbouring pairs are merged into
// batch_count batches of twice the size. Memory stays O(batch_count) however long the run,
// and once the run has batch_count observations the estimate always rests on between
// batch_count and 2·batch_count - 1 complete batches. Observations in the unfinished last
// batch are left out of the estimate.
//
//   tumen::stats::batch_means waits(20);
//   for (...) waits.add(wait_of_next_truck);
//   auto ci = waits.estimate(0.95);
//   if (auto r = waits.lag1_autocorrelation(); r && std::abs(*r) > 0.2) ...  // batches too short
//
// batch_count must be at least 2 (std::invalid_argument otherwise).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "tumen/stats/interval.hpp"

namespace tumen::stats {

class batch_means {
 public:
  explicit batch_means(std::size_t batch_count = 20);

  void add(double x) {
    ++count_;
    partial_sum_ += x;
    if (++partial_n_ == batch_size_) close_batch();
  }

  // A t interval (see interval.hpp) with the complete batch means as the sample.
  interval estimate(double confidence = 0.95) const;
  // The lag-1 autocorrelation of the complete batch means,
  //   Σ (b[i] - b̄)(b[i+1] - b̄) / Σ (b[i] - b̄)²,
  // which should be near 0 when batches are long enough. Empty with fewer than three batches
  // or when all batch means are equal.
  std::optional<double> lag1_autocorrelation() const;

  std::uint64_t count() const { return count_; }
  std::size_t batch_count() const { return batch_count_; }
  std::size_t batch_size() const { return batch_size_; }
  // The means of the complete batches, in order.
  std::span<const double> batches() const { return means_; }

 private:
  void close_batch();

  std::size_t batch_count_;
  std::size_t batch_size_ = 1;
  std::vector<double> means_;
  double partial_sum_ = 0;
  std::size_t partial_n_ = 0;
  std::uint64_t count_ = 0;
};

}  // namespace tumen::stats
