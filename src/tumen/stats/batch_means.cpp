// Batch means: closing, merging and summarising batches (see tumen/stats/batch_means.hpp).
#include "tumen/stats/batch_means.hpp"

#include <stdexcept>
#include <string>

#include "tumen/stats/tally.hpp"

namespace tumen::stats {

batch_means::batch_means(std::size_t batch_count) : batch_count_(batch_count) {
  if (batch_count < 2) {
    throw std::invalid_argument("batch means: batch_count must be at least 2, got " +
                                std::to_string(batch_count));
  }
  means_.reserve(2 * batch_count);
}

void batch_means::close_batch() {
  means_.push_back(partial_sum_ / static_cast<double>(batch_size_));
  partial_sum_ = 0;
  partial_n_ = 0;
  if (means_.size() < 2 * batch_count_) return;
  // Merge neighbours: batches of equal size, so the merged mean is the average of the two.
  for (std::size_t i = 0; i < batch_count_; ++i) {
    means_[i] = (means_[2 * i] + means_[2 * i + 1]) / 2;
  }
  means_.resize(batch_count_);
  batch_size_ *= 2;
}

interval batch_means::estimate(double confidence) const {
  tally sample;
  for (double m : means_) sample.add(m);
  return t_interval(sample, confidence);
}

std::optional<double> batch_means::lag1_autocorrelation() const {
  const std::size_t k = means_.size();
  if (k < 3) return std::nullopt;
  double mean = 0;
  for (double m : means_) mean += m;
  mean /= static_cast<double>(k);
  double num = 0;
  double den = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double d = means_[i] - mean;
    den += d * d;
    if (i + 1 < k) num += d * (means_[i + 1] - mean);
  }
  if (den == 0) return std::nullopt;
  return num / den;
}

}  // namespace tumen::stats
