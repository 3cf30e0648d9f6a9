// quantile_sketch: quantiles of non-negative values (durations) from a log-bucketed histogram.
//
// Cheaper than P² (quantile.hpp) when many quantiles of many series are wanted: add() is a few
// integer operations — the bucket of x is the top bits of its IEEE-754 representation (exponent
// and the 7 leading mantissa bits), so buckets are 1/128 of an octave wide and any quantile is
// within 0.4% of the true sample quantile (the bucket's midpoint is returned, clamped to the
// observed min and max). Zero is kept exactly (many vehicles never wait). Memory grows with the
// range of values seen, about 0.5 KiB per octave; sketches merge exactly (across replications).
//
//   tumen::stats::quantile_sketch waits;
//   waits.add(0); waits.add(42.0); waits.add(3600.0);
//   waits.quantile(0.95);
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

namespace tumen::stats {

class quantile_sketch {
 public:
  // Adds x; negative values count as 0, NaN is ignored.
  void add(double x) {
    if (!(x > 0)) {
      if (x == x) {
        ++zeros_;
        ++count_;
        if (count_ == 1 || 0 < min_) min_ = 0;
      }
      return;
    }
    // The common case, inline: x falls in a bucket the sketch already has. (The key of +infinity
    // is past every bucket, as infinity is stored as the largest double: add_positive.)
    const auto i = static_cast<std::uint64_t>(key_of(x) - first_);  // huge when below first_
    if (i < bins_.size()) {
      ++bins_[static_cast<std::size_t>(i)];
      if (x < min_) min_ = x;
      if (x > max_) max_ = x;
      ++count_;
      return;
    }
    add_positive(x);
  }
  void merge(const quantile_sketch& other);

  std::uint64_t count() const { return count_; }
  // The p-quantile (0 <= p <= 1) by nearest rank; 0 when empty.
  double quantile(double p) const;
  double min() const { return count_ ? min_ : 0; }
  double max() const { return count_ ? max_ : 0; }

 private:
  static constexpr int mantissa_bits_kept = 7;
  static constexpr int key_shift = 52 - mantissa_bits_kept;
  // The bucket of a positive x: its exponent and leading mantissa bits.
  static std::int64_t key_of(double x) {
    return static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(x) >> key_shift);
  }
  // The least value in bucket `key`.
  static double lower_of(std::int64_t key);
  // x > 0, in a bucket not yet kept (or the first).
  void add_positive(double x);

  std::vector<std::uint32_t> bins_;  // bins_[i] counts bucket key first_ + i
  std::int64_t first_ = 0;
  std::uint64_t zeros_ = 0, count_ = 0;
  double min_ = 0, max_ = 0;
};

}  // namespace tumen::stats
