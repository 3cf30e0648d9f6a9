// Seeding of random streams (see tumen/random/stream.hpp) and unbiased bounded integers.
//
// A stream's pcg64 generator needs 256 bits: a 128-bit starting state and a 128-bit stream
// selector. They are derived from (master seed, replication, hash of the name) by absorbing the
// three words one after the other into a splitmix64-style mixer, then squeezing four words out of
// it. Every input bit affects every output bit, so seeds 1 and 2 (or replications 7 and 8) give
// unrelated generators rather than neighbouring ones, which matters for PCG: two generators whose
// states or stream selectors differ in a few bits can produce visibly correlated sequences.
//
// The derivation is part of the results: changing anything here changes every number tumen has
// ever produced for a given seed, so tests pin hash_name() and the first outputs of a stream.
#include "tumen/random/stream.hpp"

#include <stdexcept>

namespace tumen::random {

namespace {

constexpr std::uint64_t golden_gamma = 0x9e3779b97f4a7c15ULL;

// The splitmix64 finaliser (Stafford's "Mix13"): a bijection on 64-bit words with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A tiny sponge: absorb words, then squeeze as many mixed words as needed.
class seed_mixer {
 public:
  void absorb(std::uint64_t word) {
    state_ = mix64(state_ ^ mix64(word + golden_gamma * ++absorbed_));
  }
  std::uint64_t squeeze() {
    state_ += golden_gamma;
    return mix64(state_);
  }

 private:
  std::uint64_t state_ = 0x6a09e667f3bcc908ULL;  // any fixed non-zero start (√2 fraction bits)
  std::uint64_t absorbed_ = 0;
};

pcg_extras::pcg128_t make_128(std::uint64_t high, std::uint64_t low) {
  return (pcg_extras::pcg128_t(high) << 64) | pcg_extras::pcg128_t(low);
}

pcg64 make_engine(std::uint64_t master_seed, std::uint64_t replication, std::string_view name) {
  seed_mixer mixer;
  mixer.absorb(master_seed);
  mixer.absorb(replication);
  mixer.absorb(hash_name(name));
  const std::uint64_t state_high = mixer.squeeze();
  const std::uint64_t state_low = mixer.squeeze();
  const std::uint64_t stream_high = mixer.squeeze();
  const std::uint64_t stream_low = mixer.squeeze();
  return pcg64(make_128(state_high, state_low), make_128(stream_high, stream_low));
}

}  // namespace

stream::stream(std::uint64_t master_seed, std::uint64_t replication, std::string_view name)
    : rng_(make_engine(master_seed, replication, name)) {}

// Lemire's nearly-divisionless method: the high word of a 64×64-bit product is uniform on
// [0, n) once the few low words that would favour some results are rejected; the division that
// finds them runs only when a draw falls in the suspect zone (probability < n / 2^64).
std::uint64_t stream::below(std::uint64_t n) {
  if (n == 0) throw std::invalid_argument("stream::below: n must be > 0, got 0");
  pcg_extras::pcg128_t product = pcg_extras::pcg128_t(rng_()) * n;
  auto low = static_cast<std::uint64_t>(product);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    while (low < threshold) {
      product = pcg_extras::pcg128_t(rng_()) * n;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

// FNV-1a over the bytes of the name, then mixed: FNV alone leaves similar names ("lane.1",
// "lane.2") with similar hashes in the high bits.
std::uint64_t hash_name(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64-bit offset basis
  for (const char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x00000100000001b3ULL;  // FNV-1a 64-bit prime
  }
  return mix64(h);
}

}  // namespace tumen::random
