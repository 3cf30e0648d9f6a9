// The coroutine frame pool (see tumen/sim/detail/frame_pool.hpp for why it exists).
#include "tumen/sim/detail/frame_pool.hpp"

#include <cstdlib>
#include <new>

namespace tumen::sim::detail {

namespace {
struct header {
  frame_pool* pool;  // null for blocks from the global allocator
  std::uint64_t pad;
};
static_assert(sizeof(header) == frame_pool::header_size);

std::size_t class_of(std::size_t n) {
  return (n + frame_pool::header_size + frame_pool::granule - 1) / frame_pool::granule - 1;
}
}  // namespace

frame_pool::~frame_pool() {
  for (void* c : chunks_) ::operator delete(c);
}

void* frame_pool::allocate(std::size_t n) {
  ++allocations_;
  const std::size_t cls = class_of(n);
  void* block;
  if (cls >= classes) {
    block = ::operator new(n + header_size);
    static_cast<header*>(block)->pool = nullptr;
  } else {
    if (free_[cls] == nullptr) refill(cls);
    free_block* b = free_[cls];
    free_[cls] = b->next;
    block = b;
    static_cast<header*>(block)->pool = this;
  }
  return static_cast<std::byte*>(block) + header_size;
}

void frame_pool::deallocate(void* p, std::size_t n) noexcept {
  void* block = static_cast<std::byte*>(p) - header_size;
  frame_pool* pool = static_cast<header*>(block)->pool;
  if (pool == nullptr) {
    ::operator delete(block);
    return;
  }
  pool->release(block, class_of(n));
}

void frame_pool::release(void* block, std::size_t cls) noexcept {
  auto* b = static_cast<free_block*>(block);
  b->next = free_[cls];
  free_[cls] = b;
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
