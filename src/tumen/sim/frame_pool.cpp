// The coroutine frame pool (see tumen/sim/detail/frame_pool.hpp for why it exists).
#include "tumen/sim/detail/frame_pool.hpp"

#include <cstdlib>
#include <new>

namespace tumen::sim::detail {

frame_pool::~frame_pool() {
  for (void* c : chunks_) ::operator delete(c);
}

void* frame_pool::allocate_large(std::size_t n) {
  void* block = ::operator new(n + header_size);
  static_cast<header*>(block)->pool = nullptr;
  return static_cast<std::byte*>(block) + header_size;
}

void frame_pool::deallocate_large(void* block) noexcept {
  ::operator delete(block);
}

void frame_pool::refill(std::size_t cls) {
  const std::size_t block_size = (cls + 1) * granule;
  const std::size_t count = block_size <= 512 ? 64 : 16;
  auto* chunk = static_cast<std::byte*>(::operator new(block_size* count));
  chunks_.push_back(chunk);
  chunk_bytes_ += block_size * count;
  for (std::size_t i = count; i-- > 0;) release(chunk + i * block_size, cls);
}

}  // namespace tumen::sim::detail
