// What every process's coroutine promise carries, whatever its result type.
//
// The engine's awaitables (timeouts, resource requests, event waits, joins) talk to a suspended
// process only through this base: they note the wait's token, register where the wake will come
// from, and read back why the process was woken. See calendar.hpp for the token scheme.
#pragma once

#include <coroutine>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>

#include "tumen/sim/calendar.hpp"

namespace tumen::sim {
class simulation;
}

namespace tumen::sim::detail {

struct promise_base {
  simulation* sim_ = nullptr;
  std::coroutine_handle<> handle_;
  promise_base* live_prev_ = nullptr;  // the simulation's list of frames it must destroy
  promise_base* live_next_ = nullptr;
  event_state* done_event_ = nullptr;  // created when someone waits for this process
  std::exception_ptr exception_;
  // Rarely used, so kept out of the frame: a process's name and a pending interrupt's cause.
  struct extras {
    std::string name;
    std::string interrupt_cause;
  };
  std::unique_ptr<extras> extras_;
  std::uint64_t id_ = 0;
  std::uint32_t token_ = 0;       // generation of the current wait
  std::uint32_t refs_ = 0;        // process<T> handles alive
  std::uint32_t scheduled_ = 0;   // calendar entries naming this process (live or stale)
  std::uint16_t wake_index_ = 0;  // which of several events woke an any-of wait
  wake_reason reason_ = wake_reason::start;
  bool waiting_ = false;  // suspended in an engine awaiter; wakes with token_ are valid
  bool started_ = false;
  bool done_ = false;
  bool pending_interrupt_ = false;

  promise_base() = default;
  promise_base(const promise_base&) = delete;
  promise_base& operator=(const promise_base&) = delete;
  ~promise_base();  // leaves the simulation's list of live frames

  // Called by an awaiter as it suspends: a new wait begins; returns its token.
  std::uint32_t begin_wait() {
    waiting_ = true;
    return ++token_;
  }
  // Called by an awaiter's await_resume: throws `interrupted` if that is why we woke. The
  // awaiter must withdraw its registrations before calling this.
  void throw_if_interrupted();

  std::string display_name() const;
  const std::string& name() const;
  extras& extra() {
    if (!extras_) extras_ = std::make_unique<extras>();
    return *extras_;
  }
};

// Engine entry points used by the promise types (defined in simulation.cpp).
void process_finished(promise_base& p) noexcept;
// Destroys the frame once nothing can reach it: finished (or never started), no handles, and no
// calendar entry still naming it.
void destroy_if_unreachable(promise_base& p) noexcept;
void* allocate_frame(simulation& sim, std::size_t n);
void deallocate_frame(void* p, std::size_t n) noexcept;
void register_process(simulation& sim, promise_base& p);

}  // namespace tumen::sim::detail
