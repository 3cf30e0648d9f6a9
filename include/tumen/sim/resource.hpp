// resource: a pool of identical units (booths, lanes, bays, officers) that processes request,
// hold for a while and release.
//
//   tumen::sim::resource booths(sim, 3);                  // 3 units, unlimited FIFO queue
//   const auto got = co_await booths.request();           // waits for a unit
//   if (got) {
//     co_await sim.timeout(service);
//     booths.release();
//   }
//
// (Bind the result first: g++ 12 miscompiles a co_await written directly in an if or while
// condition -- `if (co_await booths.request())` crashes when it resumes.)
//
// Options and rules:
//   * priority: request(p) — higher p is served first; equal p in arrival order (FIFO).
//     Non-preemptive: a unit in use is never taken away.
//   * queue limit: resource(sim, c, limit) — a request that finds `limit` processes already
//     waiting is refused at once (request_status::refused): an M/M/c/K system has K - c places.
//   * patience: request(p, patience) — a process that has waited `patience` seconds leaves the
//     queue (request_status::timed_out): reneging.
//   * capacity changes while running (shift schedules, booths closing): set_capacity(n). When
//     capacity drops below the units in use, those units finish their work; nobody new starts
//     until in_use() < capacity(). When capacity rises, waiting processes start at once.
//   * interrupts: an interrupted waiter leaves the queue; if a unit had just been granted to it,
//     the unit goes back (to the next waiter) before `interrupted` is thrown.
//   * moving: move_front_to(other) takes the first waiter out of this queue and puts it in
//     other's as if it had just asked there (behind the waiters of its priority or higher; not
//     refused by other's queue limit); its patience keeps running from its first request. A
//     lane that closes hands its queue to lanes still open this way. Keep the awaiter to learn
//     which resource granted the request:
//       auto req = lane.request();  const auto got = co_await req;  req.owner().release();
// A grant resumes the waiting process at the current time with priority urgent. A request that
// can be granted at once does not suspend at all.
//   * hand-off (opt-in, set_hand_off(true)): a release() that frees a unit for a waiter runs that
//     waiter at once, inside the releasing step (as sim.start_now does for a new process): the
//     releaser's code after release() runs after the waiter's step, and the grant costs no
//     calendar entry or dispatch. Use it where that order at this instant makes no difference
//     to the model. Grants made by set_capacity and move_front_to still go through the calendar.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "tumen/sim/detail/wait_list.hpp"
#include "tumen/sim/simulation.hpp"

namespace tumen::sim {

enum class request_status : std::uint8_t { granted, refused, timed_out };

struct request_result {
  request_status status;
  explicit operator bool() const { return status == request_status::granted; }
};

class resource {
 public:
  resource(simulation& sim, int capacity, std::optional<std::size_t> queue_limit = {});
  resource(const resource&) = delete;
  resource& operator=(const resource&) = delete;

  struct request_awaiter : detail::wait_node<request_awaiter> {
    resource* res;  // where it waits: changes when moved (move_front_to)
    int prio;
    sim_time patience;
    detail::promise_base* self = nullptr;
    std::uint32_t token = 0;
    request_status status = request_status::timed_out;
    bool granted = false;
    sim_time since = 0;  // when it began to wait

    request_awaiter(resource& r, int p, sim_time pat) : res(&r), prio(p), patience(pat) {}
    bool await_ready() { return res->try_immediate(*this); }
    template <std::derived_from<detail::promise_base> P>
    void await_suspend(std::coroutine_handle<P> h) {
      self = &h.promise();
      res->enqueue(*this);
    }
    request_result await_resume() {
      if (self) res->settle_wait(*this);
      return {status};
    }
    // The resource the request ended at: the one asked, or the one it was moved to.
    resource& owner() const { return *res; }
  };

  // Waits for a unit. `patience` = forever waits indefinitely.
  request_awaiter request(int priority = 0, sim_time patience = forever) {
    return {*this, priority, patience};
  }
  // Returns one unit. Throws std::logic_error if no unit is in use.
  void release();
  // Turns the hand-off on release on or off (off by default); see "hand-off" above.
  void set_hand_off(bool on) { hand_off_ = on; }
  bool hand_off() const { return hand_off_; }
  // Changes the number of units (>= 0); see the rules above.
  void set_capacity(int capacity);
  // Moves the first waiter into other's queue (see "moving" above); false if nobody waits.
  bool move_front_to(resource& other);
  // When the first waiter began to wait; nullopt if nobody waits.
  std::optional<sim_time> front_since() const {
    if (queue_.empty()) return std::nullopt;
    return queue_.front()->since;
  }

  int capacity() const { return capacity_; }
  int in_use() const { return in_use_; }
  std::size_t queue_length() const { return queue_.size(); }
  std::optional<std::size_t> queue_limit() const { return queue_limit_; }
  simulation& sim() { return sim_; }

 private:
  bool try_immediate(request_awaiter& r);
  void enqueue(request_awaiter& r);
  void settle_wait(request_awaiter& r);
  void grant_waiting();
  void link(request_awaiter& r);
  void unlink(request_awaiter& r);

  // The queue holds its priority levels in descending order; levels_ has one entry per level
  // present, with that level's last waiter, so a request joins behind its equals in O(levels)
  // rather than walking a long queue of lower priority (an overloaded priority queue).
  struct level {
    int prio;
    request_awaiter* tail;
  };

  simulation& sim_;
  detail::wait_list<request_awaiter> queue_;
  std::vector<level> levels_;
  std::optional<std::size_t> queue_limit_;
  int capacity_;
  int in_use_ = 0;
  bool hand_off_ = false;
};

}  // namespace tumen::sim
