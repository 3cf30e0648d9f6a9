// The event calendar: the engine's hot data structure.
//
// An entry is 32 bytes: (time, order, target, token, reason) where order packs the named priority
// into its top byte and a 56-bit insertion counter below it, so (time, order) is a strict total
// order and ties never depend on the container.
//
// Two containers share the work, because a discrete-event model schedules two kinds of entries:
//
//   * future entries (a timeout of d > 0) go to a 4-ary min-heap in a std::vector. A 4-ary heap
//     halves the depth of a binary heap and keeps a node's four children in one or two cache
//     lines; push is O(log4 n) and pop O(log4 n) with 4 comparisons per level. Entries are
//     plain data: no allocation per entry once the vector has grown (a timeout costs no heap
//     allocation). Entries compare as one 128-bit key and sift-down picks the least child with
//     conditional moves, not branches (see key_of).
//   * "now" entries (delay 0: a process start, a resource grant, a triggered event) go to one FIFO
//     ring per priority level. Entries in one ring share the time (now) and the priority, and
//     arrive in counter order, so each ring is already sorted: push and pop are O(1). This takes
//     about half of all entries in a queueing model off the heap.
//
// pop() returns the least of the heap's top and the rings' fronts, so the dispatch order is
// exactly that of one heap holding everything (tests/sim/calendar_test.cpp checks this against a
// reference ordering; bench/calendar_bench.cpp measures both halves with the hold model).
//
// Cancelled waits are not removed from the calendar: an entry names a process and the wait
// "token" it was scheduled for; if the process has moved on (interrupted, or woken by something
// else first) the token no longer matches and dispatch skips the entry. That keeps cancel O(1).
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

#include "tumen/base/time.hpp"
#include "tumen/sim/priority.hpp"

namespace tumen::sim::detail {

struct promise_base;
struct event_state;

// Why a process is being woken; read by the awaiter it is suspended in.
enum class wake_reason : std::uint32_t { start, timeout, granted, event, interrupt };

struct calendar_entry {
  sim_time time;
  std::uint64_t order;    // priority << 56 | insertion counter
  void* target;           // promise_base* (process wake) or event_state* (event processing)
  std::uint32_t token;    // the wait generation of the process; unused for events
  std::uint16_t reason;   // wake_reason, or an index for any-of waits
  std::uint8_t is_event;  // 1: target is an event_state
  std::uint8_t pad_ = 0;
};
static_assert(sizeof(calendar_entry) == 32);

// (time, order) as one unsigned 128-bit number, so that comparing entries needs no branch.
// Calendar times are never negative: the clock starts at +0, a heap entry is now + delay with
// delay > 0, and a ring entry is at now. The IEEE-754 bit patterns of non-negative doubles order
// as unsigned integers do, so the keys order exactly as (time, order). The heap's sift-down picks
// the least of four children whose times are effectively random; with compare-and-branch that
// choice is a coin toss for the branch predictor, and a year of the built-in scenario ran 15%
// slower (bench/README.md).
__extension__ using entry_key = unsigned __int128;
inline entry_key key_of(const calendar_entry& e) {
  return (static_cast<entry_key>(std::bit_cast<std::uint64_t>(e.time)) << 64) | e.order;
}
inline bool earlier(const calendar_entry& a, const calendar_entry& b) {
  return key_of(a) < key_of(b);
}

// A growable ring buffer of entries (power-of-two capacity).
class entry_ring {
 public:
  bool empty() const { return head_ == tail_; }
  std::size_t size() const { return tail_ - head_; }
  const calendar_entry& front() const { return buf_[head_ & mask_]; }
  void pop() { ++head_; }
  void push(const calendar_entry& e) {
    if (tail_ - head_ == buf_.size()) grow();
    buf_[tail_ & mask_] = e;
    ++tail_;
  }

 private:
  void grow();
  std::vector<calendar_entry> buf_;
  std::size_t mask_ = 0, head_ = 0, tail_ = 0;
};

class calendar {
 public:
  calendar();

  // Schedules an entry `delay` after `now` (delay >= 0). Fills in order.
  void push(sim_time now, sim_time delay, priority p, calendar_entry e) {
    e.order = (static_cast<std::uint64_t>(p) << 56) | counter_++;
    if (delay == 0) {
      e.time = now;
      rings_[static_cast<int>(p)].push(e);
    } else {
      e.time = now + delay;
      heap_push(e);
    }
  }

  bool empty() const { return heap_.empty() && rings_empty(); }
  std::size_t size() const {
    return heap_.size() + rings_[0].size() + rings_[1].size() + rings_[2].size();
  }

  // Time of the next entry; forever when empty.
  sim_time next_time() const;

  // Removes and returns the next entry. Precondition: !empty().
  calendar_entry pop() {
    // The first non-empty ring holds the least "now" entry (lower priority level = earlier).
    for (auto& ring : rings_) {
      if (!ring.empty()) {
        if (!heap_.empty() && earlier(heap_.front(), ring.front())) return heap_pop();
        calendar_entry e = ring.front();
        ring.pop();
        return e;
      }
    }
    return heap_pop();
  }

  // The run loop's step: when the calendar is not empty and its next entry is not later than
  // `until`, removes that entry into `out` and returns true; otherwise leaves both alone and
  // returns false. One look at the rings and the heap instead of empty(), next_time() and pop().
  bool pop_until(sim_time until, calendar_entry& out) {
    for (auto& ring : rings_) {
      if (!ring.empty()) {
        const bool from_heap = !heap_.empty() && earlier(heap_.front(), ring.front());
        const calendar_entry& next = from_heap ? heap_.front() : ring.front();
        if (next.time > until) return false;
        if (from_heap) {
          out = heap_pop();
        } else {
          out = ring.front();
          ring.pop();
        }
        return true;
      }
    }
    if (heap_.empty() || heap_.front().time > until) return false;
    out = heap_pop();
    return true;
  }

  std::uint64_t scheduled_total() const { return counter_; }

 private:
  bool rings_empty() const { return rings_[0].empty() && rings_[1].empty() && rings_[2].empty(); }
  void heap_push(const calendar_entry& e);
  calendar_entry heap_pop();

  std::vector<calendar_entry> heap_;
  entry_ring rings_[priority_levels];
  std::uint64_t counter_ = 0;
};

inline void calendar::heap_push(const calendar_entry& e) {
  heap_.push_back(e);
  std::size_t i = heap_.size() - 1;
  while (i > 0) {
    const std::size_t parent = (i - 1) / 4;
    if (!earlier(e, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = e;
}

inline calendar_entry calendar::heap_pop() {
  const calendar_entry top = heap_.front();
  const calendar_entry last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0) return top;
  std::size_t i = 0;
  for (;;) {
    const std::size_t first = 4 * i + 1;
    if (first >= n) break;
    std::size_t best = first;
    entry_key best_key = key_of(heap_[first]);
    const std::size_t end = first + 4 < n ? first + 4 : n;
    for (std::size_t c = first + 1; c < end; ++c) {
      const entry_key k = key_of(heap_[c]);
      const bool less = k < best_key;
      best = less ? c : best;
      best_key = less ? k : best_key;
    }
    if (!(best_key < key_of(last))) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = last;
  return top;
}

}  // namespace tumen::sim::detail
