// routine<T>: a coroutine that a process calls and awaits in place, as if its body were written
// inside the process.
//
// A process hands part of its work to a routine and continues when the routine returns:
//
//   tumen::sim::routine<bool> cross(tumen::sim::simulation& sim, tumen::sim::resource& gate) {
//     co_await gate.request();
//     co_await sim.timeout(30);
//     gate.release();
//     co_return true;
//   }
//   tumen::sim::process<> car(tumen::sim::simulation& sim, tumen::sim::resource& gate) {
//     const bool crossed = co_await cross(sim, gate);   // bind first: see scripts/lint.sh
//     if (crossed) ...
//   }
//
// Unlike `co_await sim.start(p)` (a process of its own, started and joined through the
// calendar), a routine starts at once in the caller's dispatch and, when it returns, the caller
// continues at once: calling a routine adds no event and moves none. So a process can be split
// into routines (say, one per kind of element a vehicle visits) without changing the order or
// the number of events. Inside, a routine waits on the engine's awaitables like a process;
// they wake the routine itself. An exception escaping the routine rethrows in the caller.
//
// The frame comes from the simulation's frame pool. It is freed once the routine has returned,
// its routine<T> value is gone, and no calendar entry names it any more (a stale entry of a wait
// that ended otherwise, e.g. a patience timeout after the request was granted), as for a process.
//
// The first parameter must be the simulation, or an object with a `simulation& sim()` member
// (for member routines, the object itself). An interrupt sent to the calling process while a
// routine waits is not delivered: a process that can be interrupted must not wait in a routine.
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "tumen/sim/process.hpp"
#include "tumen/sim/simulation.hpp"

namespace tumen::sim {

template <class T>
class routine;

namespace detail {

template <class Derived>
struct routine_promise_common : promise_base {
  template <class First, class... Rest>
  static void* operator new(std::size_t n, First& first, Rest&...) {
    return allocate_frame(simulation_of(first), n);
  }
  static void operator delete(void* p, std::size_t n) noexcept { deallocate_frame(p, n); }

  template <class First, class... Rest>
  explicit routine_promise_common(First& first, Rest&...) {
    sim_ = &simulation_of(first);
    handle_ = std::coroutine_handle<Derived>::from_promise(static_cast<Derived&>(*this));
    register_routine(*sim_, *this);
  }

  // Returning hands control straight back to the caller (symmetric transfer).
  struct final_awaiter {
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Derived> h) const noexcept {
      auto& p = h.promise();
      p.done_ = true;
      p.waiting_ = false;
      return p.caller_;
    }
    void await_resume() const noexcept {}
  };

  std::suspend_always initial_suspend() noexcept { return {}; }
  final_awaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { exception_ = std::current_exception(); }

  std::coroutine_handle<> caller_;
};

template <class T>
struct routine_promise : routine_promise_common<routine_promise<T>> {
  using routine_promise_common<routine_promise<T>>::routine_promise_common;
  std::optional<T> value_;
  routine<T> get_return_object();
  template <class U>
  void return_value(U&& v) {
    value_.emplace(std::forward<U>(v));
  }
};

template <>
struct routine_promise<void> : routine_promise_common<routine_promise<void>> {
  using routine_promise_common<routine_promise<void>>::routine_promise_common;
  routine<void> get_return_object();
  void return_void() noexcept {}
};

}  // namespace detail

template <class T = void>
class [[nodiscard]] routine {
 public:
  using promise_type = detail::routine_promise<T>;

  explicit routine(promise_type* p) : p_(p) { ++p_->refs_; }
  routine(routine&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  routine(const routine&) = delete;
  routine& operator=(const routine&) = delete;
  routine& operator=(routine&&) = delete;
  ~routine() {
    // While the simulation tears down, it destroys every frame itself. Otherwise the frame goes
    // now unless a calendar entry still names it (then the simulation frees it when that entry
    // comes up). Spelled out rather than calling the engine: a routine may run per vehicle per
    // element.
    if (p_ == nullptr || p_->sim_->tearing_down()) return;
    if (--p_->refs_ == 0 && p_->scheduled_ == 0 && (p_->done_ || !p_->started_))
      p_->handle_.destroy();
  }

  struct awaiter {
    promise_type* p;
    bool await_ready() const noexcept { return false; }
    template <std::derived_from<detail::promise_base> P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> caller) noexcept {
      p->caller_ = caller;
      p->started_ = true;
      return p->handle_;
    }
    T await_resume() {
      if (p->exception_) std::rethrow_exception(p->exception_);
      if constexpr (!std::is_void_v<T>) return std::move(*p->value_);
    }
  };
  // A routine runs once: await it where it is called.
  awaiter operator co_await() const& noexcept = delete;
  awaiter operator co_await() && noexcept { return awaiter{p_}; }

 private:
  promise_type* p_ = nullptr;
};

namespace detail {
template <class T>
routine<T> routine_promise<T>::get_return_object() {
  return routine<T>(this);
}
inline routine<void> routine_promise<void>::get_return_object() {
  return routine<void>(this);
}
}  // namespace detail

}  // namespace tumen::sim
