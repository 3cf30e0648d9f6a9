// Events: things that happen once, which processes can wait for.
//
// An event is pending until someone triggers it (succeed) or fails it (fail, with an exception).
// A triggered event is processed at the current time, after earlier entries (priority normal),
// and then every process waiting on it resumes, in the order they started waiting. Waiting on an
// event already processed returns at once. A failed event rethrows its exception in each waiter;
// a failed event with nobody waiting stops simulation::run() with that failure.
//
//   tumen::sim::event opened = tumen::sim::make_event(sim);
//   ... in a process:   co_await opened;
//   ... elsewhere:      opened.succeed();
//
//   // wait for whichever comes first (yields the index):
//   tumen::sim::any_of first_of({done, tumen::sim::timeout_event(sim, 2 * hours)});
//   std::size_t first = co_await first_of;
//   tumen::sim::all_of every({a, b, c});
//   co_await every;                                 // wait for all three
//
// (Build the any_of/all_of first: g++ 11-12 reject a braced list inside a co_await expression
// with "array used as initializer".)
//
// Timeouts that are events (timeout_event) cost one allocation; plain `co_await sim.timeout(d)`
// costs none. A process can be waited on in any_of/all_of through its done_event(process).
#pragma once

#include <coroutine>
#include <exception>
#include <initializer_list>
#include <vector>

#include "tumen/sim/simulation.hpp"

namespace tumen::sim {

namespace detail {

struct event_state {
  enum class status : std::uint8_t { pending, triggered, processed };
  struct waiter {
    promise_base* process;  // null for a callback waiter
    std::uint32_t token;
    std::uint16_t index;
    // Callback waiters: called with the event when it is processed, or with null when the event
    // is destroyed unprocessed (so the callback can release what `context` holds).
    void (*callback)(void* context, event_state* e);
    void* context;
  };

  explicit event_state(simulation* s) : sim(s) {}

  simulation* sim;
  std::uint32_t refs = 0;
  status state = status::pending;
  std::exception_ptr error;
  std::vector<waiter> waiters;

  void add_ref() { ++refs; }
  void release() {
    if (--refs == 0) destroy();
  }
  void destroy() noexcept;
  void remove_waiter(const promise_base* p) noexcept;
};

struct event_awaiter {
  event_state* s;
  promise_base* self = nullptr;
  bool await_ready() const noexcept { return s->state == event_state::status::processed; }
  template <std::derived_from<promise_base> P>
  void await_suspend(std::coroutine_handle<P> h) {
    self = &h.promise();
    s->waiters.push_back({self, self->begin_wait(), 0, nullptr, nullptr});
  }
  void await_resume() const {
    if (self && self->reason_ == wake_reason::interrupt) {
      s->remove_waiter(self);
      self->throw_if_interrupted();
    }
    if (s->error) std::rethrow_exception(s->error);
  }
};

}  // namespace detail

class event {
 public:
  event() = default;
  explicit event(detail::event_state* s) : s_(s) {
    if (s_) s_->add_ref();
  }
  event(const event& o) : event(o.s_) {}
  event(event&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  event& operator=(event o) noexcept {
    std::swap(s_, o.s_);
    return *this;
  }
  ~event() {
    if (s_) s_->release();
  }

  bool valid() const { return s_ != nullptr; }
  bool pending() const { return s_->state == detail::event_state::status::pending; }
  bool triggered() const { return !pending(); }
  bool processed() const { return s_->state == detail::event_state::status::processed; }
  bool failed() const { return s_->error != nullptr; }

  // Triggers the event now. Throws std::logic_error if it was already triggered.
  void succeed();
  // Fails the event now with `error`. Throws std::logic_error if it was already triggered.
  void fail(std::exception_ptr error);

  detail::event_awaiter operator co_await() const noexcept { return {s_}; }

  detail::event_state* state() const { return s_; }

 private:
  detail::event_state* s_ = nullptr;
};

// A new pending event of `sim`.
event make_event(simulation& sim);
// An event that triggers `delay` seconds from now.
event timeout_event(simulation& sim, sim_time delay);
// An event that triggers when process `p` finishes (fails if it fails).
event done_event(detail::promise_base& p);
template <class T>
event done_event(const process<T>& p) {
  return done_event(*p.base());
}

// co_await any_of({...}): resumes when the first of the events is processed; yields its index.
// If that event failed, its exception is rethrown.
class any_of {
 public:
  any_of(std::initializer_list<event> events) : events_(events) {}
  explicit any_of(std::vector<event> events) : events_(std::move(events)) {}

  bool await_ready() noexcept;
  template <std::derived_from<detail::promise_base> P>
  void await_suspend(std::coroutine_handle<P> h) {
    suspend(h.promise());
  }
  std::size_t await_resume();

 private:
  void suspend(detail::promise_base& p);
  std::vector<event> events_;
  detail::promise_base* self_ = nullptr;
  std::size_t ready_index_ = 0;
};

// co_await all_of({...}): resumes when all events are processed (or at the first failure,
// rethrowing it).
class all_of {
 public:
  all_of(std::initializer_list<event> events) : events_(events) {}
  explicit all_of(std::vector<event> events) : events_(std::move(events)) {}

  bool await_ready() noexcept;
  template <std::derived_from<detail::promise_base> P>
  void await_suspend(std::coroutine_handle<P> h) {
    suspend(h.promise());
  }
  void await_resume();

 private:
  void suspend(detail::promise_base& p);
  std::vector<event> events_;
  event combined_;
  detail::promise_base* self_ = nullptr;
};

}  // namespace tumen::sim
