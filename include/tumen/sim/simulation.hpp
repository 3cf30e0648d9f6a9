// The simulation: a clock, an event calendar and the processes that run on it.
//
// A simulation is a self-contained object (no globals, no statics): many run side by side on
// different threads. Its public face is small, in the spirit of SimPy's Environment:
//
//   tumen::sim::simulation sim;
//   sim.start(source(sim, booths), "source");   // processes: see process.hpp
//   sim.run(8 * tumen::hours);                   // or sim.run() until nothing is left to do
//   sim.now();
//
// Inside a process: `co_await sim.timeout(d)` waits d seconds (no allocation: the wait lives in
// the coroutine frame and the calendar entry is plain data). Events, resources, stores and
// containers are in their own headers.
//
// run() dispatches calendar entries in (time, priority, insertion) order. If a process fails and
// nobody waits for it, or a failed event is processed with nobody waiting, run() stops and throws
// the process_error (with process name and time). run() may be called again to continue.
//
// Destruction: destroying the simulation destroys the frames of all processes still suspended.
// Objects a process refers to (resources, stores) should therefore be destroyed after the
// simulation or not be touched by the processes' destructors (the engine's awaiters never are).
#pragma once

#include <cstdint>
#include <string>

#include "tumen/base/time.hpp"
#include "tumen/sim/calendar.hpp"
#include "tumen/sim/detail/frame_pool.hpp"
#include "tumen/sim/interrupted.hpp"
#include "tumen/sim/priority.hpp"
#include "tumen/sim/process.hpp"
#include "tumen/sim/process_error.hpp"

namespace tumen::sim {

class simulation {
 public:
  simulation();
  simulation(const simulation&) = delete;
  simulation& operator=(const simulation&) = delete;
  ~simulation();

  sim_time now() const { return now_; }

  // Starts a process at the current time (before other events at this time: priority urgent).
  // `name` appears in error messages; unnamed processes are "process #N".
  template <class T>
  process<T> start(process<T> p) {
    detail::promise_base* b = p.base();
    if (b->started_) throw_started_twice(*b);
    b->started_ = true;
    schedule_wake(*b, b->begin_wait(), 0, priority::urgent, detail::wake_reason::start);
    return p;
  }
  template <class T>
  process<T> start(process<T> p, std::string name) {
    p.base()->extra().name = std::move(name);
    return start(std::move(p));
  }

  // Starts a process and runs it at once, up to its first wait (or its end), before returning:
  // the caller's code after start_now runs after the new process's first step, at the same
  // time, and the new process's first step runs before any other event at this time, even an
  // urgent one already due. It costs no calendar entry and no dispatch. Use it where the order
  // between the caller and the new process at this instant makes no difference to the model (a
  // source starting an arrival that draws from streams of its own); start() keeps the
  // calendar's order. A failure in that first step stops run() after the current dispatch, as a
  // failure anywhere else does (or when run() begins, if start_now was called outside run()).
  //
  // To bound the stack, a start_now (or a resource's hand-off, see resource.hpp) made while
  // max_nesting others are already running inside one another goes through the calendar, as
  // start() does; so does one made while the simulation is being destroyed (by a destructor in
  // a frame being torn down), which must not run a process.
  template <class T>
  process<T> start_now(process<T> p) {
    detail::promise_base* b = p.base();
    if (b->started_) throw_started_twice(*b);
    b->started_ = true;
    if (nesting_ < max_nesting && !tearing_down_)
      resume_now(*b);
    else
      schedule_wake(*b, b->begin_wait(), 0, priority::urgent, detail::wake_reason::start);
    return p;
  }
  static constexpr int max_nesting = 32;
  template <class T>
  process<T> start_now(process<T> p, std::string name) {
    p.base()->extra().name = std::move(name);
    return start_now(std::move(p));
  }

  // co_await sim.timeout(d): resume d seconds from now (d >= 0, finite).
  struct timeout_awaiter {
    simulation& sim;
    sim_time delay;
    priority prio;
    detail::promise_base* self = nullptr;
    bool await_ready() const noexcept { return false; }
    template <std::derived_from<detail::promise_base> P>
    void await_suspend(std::coroutine_handle<P> h) {
      self = &h.promise();
      sim.schedule_wake(*self, self->begin_wait(), delay, prio, detail::wake_reason::timeout);
    }
    void await_resume() const { self->throw_if_interrupted(); }
  };
  timeout_awaiter timeout(sim_time delay, priority p = priority::normal) {
    check_delay(delay);
    return {*this, delay, p};
  }

  // Runs until the calendar is empty, stop() is called, or the next event is later than `until`
  // (then the clock is set to `until`). Throws process_error on an unobserved failure.
  void run(sim_time until = forever);
  // Makes run() return after the current dispatch.
  void stop() { stop_requested_ = true; }

  // The process currently running (null between dispatches).
  detail::promise_base* current() const { return current_; }

  std::uint64_t dispatched() const { return dispatched_; }
  std::uint64_t processes_started() const { return next_id_; }
  std::size_t processes_alive() const { return alive_; }
  std::size_t calendar_size() const { return calendar_.size(); }
  const detail::frame_pool& frames() const { return pool_; }

  // ---- engine internals, used by the awaitables of this library ----
  void schedule_wake(detail::promise_base& p, std::uint32_t token, sim_time delay, priority prio,
                     detail::wake_reason reason) {
    ++p.scheduled_;
    calendar_.push(now_, delay, prio, {0, 0, &p, token, static_cast<std::uint16_t>(reason), 0});
  }
  void schedule_event(detail::event_state* e, sim_time delay, priority prio);
  void record_failure(std::exception_ptr e);
  // Wakes `p`, suspended in a wait, at once from the current step (a resource's hand-off) when
  // the nesting bound allows, else through the calendar like any wake; `token` names its wait.
  void wake_now_or_later(detail::promise_base& p, std::uint32_t token, detail::wake_reason reason) {
    if (nesting_ >= max_nesting || tearing_down_) {
      schedule_wake(p, token, 0, priority::urgent, reason);
      return;
    }
    p.waiting_ = false;
    p.reason_ = p.pending_interrupt_ ? detail::wake_reason::interrupt : reason;
    resume_now(p);
  }
  bool tearing_down() const { return tearing_down_; }
  static void check_delay(sim_time delay) {
    // One comparison pair covers NaN (fails >=), negative and +infinity.
    if (!(delay >= 0 && delay < forever)) throw_bad_delay(delay);
  }

 private:
  friend void detail::register_process(simulation&, detail::promise_base&);
  friend void* detail::allocate_frame(simulation&, std::size_t);
  friend void detail::process_finished(detail::promise_base&) noexcept;
  friend struct detail::promise_base;

  [[noreturn]] static void throw_bad_delay(sim_time delay);
  [[noreturn]] static void throw_started_twice(const detail::promise_base& p);
  void wake(const detail::calendar_entry& e);
  // Runs a process that is not waiting on anything from here, as the current process, until it
  // suspends; the caller (perhaps another process) is current again afterwards.
  void resume_now(detail::promise_base& p) {
    detail::promise_base* const caller = current_;
    current_ = &p;
    ++nesting_;
    p.handle_.resume();
    --nesting_;
    current_ = caller;
  }
  void process_event(detail::event_state* e);

  detail::frame_pool pool_;  // declared first: destroyed last
  detail::calendar calendar_;
  detail::promise_base* live_ = nullptr;  // every frame not yet destroyed
  detail::promise_base* current_ = nullptr;
  std::exception_ptr failure_;
  sim_time now_ = 0;
  std::uint64_t dispatched_ = 0;
  std::uint64_t next_id_ = 0;
  std::size_t alive_ = 0;
  int nesting_ = 0;  // processes running inside another's step (start_now, hand-offs)
  bool stop_requested_ = false;
  bool tearing_down_ = false;
};

}  // namespace tumen::sim
