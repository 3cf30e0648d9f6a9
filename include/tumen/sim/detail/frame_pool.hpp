// Memory for coroutine frames, owned by one simulation.
//
// Every vehicle of a model is a coroutine, so a run creates and destroys millions of frames of a
// handful of sizes. The pool rounds a request up to a 64-byte size class and keeps a free list per
// class; a freed frame is reused by the next process of the same size, so a steady-state run does
// no heap allocation for its processes at all. Memory is returned to the system only when the
// simulation (and with it the pool) is destroyed, which bounds peak memory by the peak number of
// live processes, not by their total.
//
// Each block starts with a 16-byte header naming its pool, so operator delete (which receives
// only the pointer and size) finds its way back. Frames larger than the largest class go to the
// global allocator, still with the header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tumen::sim::detail {

class frame_pool {
 public:
  static constexpr std::size_t header_size = 16;
  static constexpr std::size_t granule = 64;
  static constexpr std::size_t classes = 32;  // blocks up to 2 KiB

  frame_pool() = default;
  frame_pool(const frame_pool&) = delete;
  frame_pool& operator=(const frame_pool&) = delete;
  ~frame_pool();

  // Returns memory for a frame of n bytes; the pointer is 16-byte aligned.
  void* allocate(std::size_t n);
  // Gives a frame back (p and n as passed to / returned by allocate).
  static void deallocate(void* p, std::size_t n) noexcept;

  std::uint64_t allocations() const { return allocations_; }
  std::uint64_t chunk_bytes() const { return chunk_bytes_; }

 private:
  struct free_block {
    free_block* next;
  };
  void refill(std::size_t cls);
  void release(void* block, std::size_t cls) noexcept;

  free_block* free_[classes] = {};
  std::vector<void*> chunks_;
  std::uint64_t allocations_ = 0;
  std::uint64_t chunk_bytes_ = 0;
};

}  // namespace tumen::sim::detail
