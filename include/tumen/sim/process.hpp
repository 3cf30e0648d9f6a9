// process<T>: a simulated activity written as a C++20 coroutine.
//
// A process is a coroutine whose return type is process<T> (T = void by default). Its first
// parameter must be the simulation (or an object with a `simulation& sim()` member, for member
// coroutines): the frame is allocated from that simulation's pool, so a process costs no heap
// allocation in steady state.
//
//   tumen::sim::process<> car(tumen::sim::simulation& sim, tumen::sim::resource& booth) {
//     co_await booth.request();
//     co_await sim.timeout(45);
//     booth.release();
//   }
//   sim.start(car(sim, booth), "car 1");       // fire and forget
//
//   tumen::sim::process<double> inspect(simulation& sim) { co_await sim.timeout(5); co_return 5; }
//   ... double t = co_await sim.start(inspect(sim));   // wait for it; its exception rethrows here
//
// A process<T> value is a counted handle: the frame lives while the process runs or any handle to
// it exists. Processes are created suspended and begin when started. Handles must not outlive
// their simulation. An exception escaping the coroutine fails the process (see process_error.hpp).
#pragma once

#include <concepts>
#include <coroutine>
#include <optional>
#include <type_traits>
#include <utility>

#include "tumen/sim/detail/promise_base.hpp"

namespace tumen::sim {

template <class T>
class process;

namespace detail {

template <class A>
simulation& simulation_of(A& a) {
  if constexpr (std::is_base_of_v<simulation, std::remove_cvref_t<A>>) {
    return a;
  } else {
    static_assert(
        requires {
          { a.sim() } -> std::same_as<simulation&>;
        },
        "the first parameter of a process must be tumen::sim::simulation& or an object "
        "with a `simulation& sim()` member");
    return a.sim();
  }
}

struct final_awaiter {
  bool await_ready() const noexcept { return false; }
  template <class P>
  void await_suspend(std::coroutine_handle<P> h) const noexcept {
    process_finished(h.promise());
  }
  void await_resume() const noexcept {}
};

template <class Derived>
struct promise_common : promise_base {
  template <class First, class... Rest>
  static void* operator new(std::size_t n, First& first, Rest&...) {
    return allocate_frame(simulation_of(first), n);
  }
  static void operator delete(void* p, std::size_t n) noexcept { deallocate_frame(p, n); }

  template <class First, class... Rest>
  explicit promise_common(First& first, Rest&...) {
    sim_ = &simulation_of(first);
    handle_ = std::coroutine_handle<Derived>::from_promise(static_cast<Derived&>(*this));
    register_process(*sim_, *this);
  }

  std::suspend_always initial_suspend() noexcept { return {}; }
  final_awaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { exception_ = std::current_exception(); }
};

template <class T>
struct promise : promise_common<promise<T>> {
  using promise_common<promise<T>>::promise_common;
  std::optional<T> value_;
  process<T> get_return_object();
  template <class U>
  void return_value(U&& v) {
    value_.emplace(std::forward<U>(v));
  }
};

template <>
struct promise<void> : promise_common<promise<void>> {
  using promise_common<promise<void>>::promise_common;
  process<void> get_return_object();
  void return_void() noexcept {}
};

// Suspends the awaiting process until `target` has finished; yields its value or rethrows.
void join_suspend(promise_base& target, promise_base& waiter);
void join_withdraw(promise_base& target, promise_base& waiter) noexcept;

}  // namespace detail

namespace detail {
template <class T>
struct join_awaiter {
  promise<T>* target;
  promise_base* self = nullptr;
  bool await_ready() const noexcept { return target->done_; }
  template <std::derived_from<promise_base> P>
  void await_suspend(std::coroutine_handle<P> h) {
    self = &h.promise();
    join_suspend(*target, *self);
  }
  T await_resume() {
    if (self && self->reason_ == wake_reason::interrupt) {
      join_withdraw(*target, *self);
      self->throw_if_interrupted();
    }
    if (target->exception_) std::rethrow_exception(target->exception_);
    if constexpr (!std::is_void_v<T>) return *target->value_;
  }
};
}  // namespace detail

template <class T = void>
class process {
 public:
  using promise_type = detail::promise<T>;

  process() = default;
  explicit process(promise_type* p) : p_(p), sim_(p->sim_) { ++p_->refs_; }
  process(const process& o) : p_(o.p_), sim_(o.sim_) {
    if (p_) ++p_->refs_;
  }
  process(process&& o) noexcept : p_(std::exchange(o.p_, nullptr)), sim_(o.sim_) {}
  process& operator=(process o) noexcept {
    std::swap(p_, o.p_);
    std::swap(sim_, o.sim_);
    return *this;
  }
  ~process() { drop(); }

  bool valid() const { return p_ != nullptr; }
  bool started() const { return p_->started_; }
  bool done() const { return p_->done_; }
  bool failed() const { return p_->done_ && p_->exception_ != nullptr; }
  const std::string& name() const { return p_->name(); }
  // Interrupts the process's current wait: it resumes at the current time with `interrupted`.
  // Throws std::logic_error if the process has finished, has not started, or is the caller.
  void interrupt(std::string cause = "interrupted");

  // The value (rethrows the failure). Precondition: done().
  decltype(auto) result() const {
    if (p_->exception_) std::rethrow_exception(p_->exception_);
    if constexpr (!std::is_void_v<T>) return static_cast<const T&>(*p_->value_);
  }

  auto operator co_await() const noexcept { return detail::join_awaiter<T>{p_}; }

  detail::promise_base* base() const { return p_; }

 private:
  void drop() noexcept;
  promise_type* p_ = nullptr;
  simulation* sim_ = nullptr;
};

namespace detail {
template <class T>
process<T> promise<T>::get_return_object() {
  return process<T>(this);
}
inline process<void> promise<void>::get_return_object() {
  return process<void>(this);
}

bool tearing_down(const simulation& sim) noexcept;
void interrupt_process(promise_base& p, std::string cause);
}  // namespace detail

template <class T>
void process<T>::drop() noexcept {
  if (p_ == nullptr || detail::tearing_down(*sim_)) return;
  --p_->refs_;
  detail::destroy_if_unreachable(*p_);
  p_ = nullptr;
}

template <class T>
void process<T>::interrupt(std::string cause) {
  detail::interrupt_process(*p_, std::move(cause));
}

}  // namespace tumen::sim
