// Random streams: independent, reproducible sequences of random numbers.
//
// Every stream is a pure function of (master seed, replication, stream name): there is no global
// generator and no hidden state. Two simulations built from the same triple draw the same numbers,
// whatever thread they run on and whatever else runs beside them; replication k of two different
// designs draws the same numbers from its "arrivals.truck" stream (common random numbers).
//
//   tumen::random::stream s(seed, replication, "arrivals.truck");
//   double u = s.uniform01();          // in [0, 1)
//
// The generator is pcg64 (pcg-cpp): 128-bit state, 2^127 independent sequences selected by the
// stream constant, so streams named differently never overlap in practice.
#pragma once

#include <cstdint>
#include <string_view>

#include <pcg_random.hpp>

namespace tumen::random {

class stream {
 public:
  stream(std::uint64_t master_seed, std::uint64_t replication, std::string_view name);

  // Next raw 64-bit value.
  std::uint64_t next() { return rng_(); }
  // Uniform on [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  // Uniform on (0, 1]: safe to take the logarithm of.
  double uniform01_open_low() { return (static_cast<double>(rng_() >> 11) + 1.0) * 0x1.0p-53; }
  // Uniform whole number in [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n);

  pcg64& engine() { return rng_; }

 private:
  pcg64 rng_;
};

// The 64-bit hash of a stream name used to derive its sequence (FNV-1a, then mixed). Exposed so
// tests can check that it is stable across builds: changing it changes every result.
std::uint64_t hash_name(std::string_view name);

}  // namespace tumen::random
