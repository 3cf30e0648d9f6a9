// The event calendar's cold paths (see tumen/sim/calendar.hpp for the design).
#include "tumen/sim/calendar.hpp"

namespace tumen::sim::detail {

void entry_ring::grow() {
  const std::size_t old_size = buf_.size();
  const std::size_t new_size = old_size == 0 ? 64 : old_size * 2;
  std::vector<calendar_entry> next(new_size);
  for (std::size_t i = 0; i < old_size; ++i) next[i] = buf_[(head_ + i) & mask_];
  buf_ = std::move(next);
  mask_ = new_size - 1;
  tail_ = old_size;
  head_ = 0;
}

calendar::calendar() {
  heap_.reserve(256);
}

sim_time calendar::next_time() const {
  sim_time t = heap_.empty() ? forever : heap_.front().time;
  for (const auto& ring : rings_)
    if (!ring.empty() && ring.front().time < t) t = ring.front().time;
  return t;
}

}  // namespace tumen::sim::detail
