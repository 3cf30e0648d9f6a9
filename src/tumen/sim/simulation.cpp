// The simulation's run loop and the process life cycle (see tumen/sim/simulation.hpp).
#include "tumen/sim/simulation.hpp"

#include <cmath>
#include <stdexcept>

#include "tumen/sim/event.hpp"

namespace tumen::sim {

namespace detail {

promise_base::~promise_base() {
  if (live_prev_)
    live_prev_->live_next_ = live_next_;
  else if (sim_)
    sim_->live_ = live_next_;
  if (live_next_) live_next_->live_prev_ = live_prev_;
  if (sim_) --sim_->alive_;
  if (done_event_) done_event_->release();
}

void promise_base::throw_if_interrupted() {
  if (reason_ != wake_reason::interrupt) return;
  pending_interrupt_ = false;
  reason_ = wake_reason::start;
  throw interrupted(extras_ ? std::move(extras_->interrupt_cause) : std::string());
}

std::string promise_base::display_name() const {
  return name().empty() ? "process #" + std::to_string(id_) : name();
}

const std::string& promise_base::name() const {
  static const std::string unnamed;  // an immutable constant, not state
  return extras_ ? extras_->name : unnamed;
}

void register_process(simulation& sim, promise_base& p) {
  p.id_ = ++sim.next_id_;
  p.live_next_ = sim.live_;
  if (sim.live_) sim.live_->live_prev_ = &p;
  sim.live_ = &p;
  ++sim.alive_;
}

void* allocate_frame(simulation& sim, std::size_t n) {
  return sim.pool_.allocate(n);
}
void deallocate_frame(void* p, std::size_t n) noexcept {
  frame_pool::deallocate(p, n);
}
bool tearing_down(const simulation& sim) noexcept {
  return sim.tearing_down();
}

void destroy_if_unreachable(promise_base& p) noexcept {
  if (p.refs_ == 0 && p.scheduled_ == 0 && (p.done_ || !p.started_)) p.handle_.destroy();
}

void process_finished(promise_base& p) noexcept {
  simulation& sim = *p.sim_;
  p.done_ = true;
  p.waiting_ = false;
  if (p.exception_) {
    try {
      std::rethrow_exception(p.exception_);
    } catch (const process_error&) {
      // Already names its origin.
    } catch (...) {
      p.exception_ = std::make_exception_ptr(
          process_error(p.display_name(), sim.now(), std::current_exception()));
    }
  }
  if (p.done_event_) {
    // Someone may wait: the done event carries the failure to its waiters, or, if it has none
    // when it is processed, to run() -- reported there once, not here as well.
    event done(p.done_event_);
    if (p.exception_)
      done.fail(p.exception_);
    else
      done.succeed();
  } else if (p.exception_) {
    sim.record_failure(p.exception_);
  }
  destroy_if_unreachable(p);
}

void interrupt_process(promise_base& p, std::string cause) {
  if (!p.started_)
    throw std::logic_error("cannot interrupt '" + p.display_name() + "': it has not started");
  if (p.done_)
    throw std::logic_error("cannot interrupt '" + p.display_name() + "': it has finished");
  if (p.sim_->current() == &p)
    throw std::logic_error("process '" + p.display_name() + "' cannot interrupt itself");
  if (p.pending_interrupt_)
    throw std::logic_error("process '" + p.display_name() + "' already has an interrupt pending");
  p.pending_interrupt_ = true;
  p.extra().interrupt_cause = std::move(cause);
  p.sim_->schedule_wake(p, p.token_, 0, priority::urgent, wake_reason::interrupt);
}

void join_suspend(promise_base& target, promise_base& waiter) {
  event done = done_event(target);
  done.state()->waiters.push_back({&waiter, waiter.begin_wait(), 0, nullptr, nullptr});
}

void join_withdraw(promise_base& target, promise_base& waiter) noexcept {
  if (target.done_event_) target.done_event_->remove_waiter(&waiter);
}

}  // namespace detail

simulation::simulation() = default;

simulation::~simulation() {
  tearing_down_ = true;
  while (!calendar_.empty()) {
    const auto e = calendar_.pop();
    if (e.is_event) static_cast<detail::event_state*>(e.target)->release();
  }
  while (live_) live_->handle_.destroy();
}

void simulation::throw_bad_delay(sim_time delay) {
  throw std::invalid_argument("timeout delay must be finite and >= 0, got " +
                              std::to_string(delay));
}

void simulation::throw_started_twice(const detail::promise_base& p) {
  throw std::logic_error("process '" + p.display_name() + "' started twice");
}

void simulation::schedule_event(detail::event_state* e, sim_time delay, priority prio) {
  e->add_ref();
  calendar_.push(now_, delay, prio, {0, 0, e, 0, 0, 1});
}

void simulation::record_failure(std::exception_ptr e) {
  if (!failure_) failure_ = std::move(e);
}

void simulation::wake(const detail::calendar_entry& e) {
  auto* p = static_cast<detail::promise_base*>(e.target);
  --p->scheduled_;
  // An interrupt is for whatever wait the process is in when it arrives: one sent before the
  // process first ran (its start still pending) carries the start's token but hits its first wait.
  const bool interrupt = e.reason == static_cast<std::uint16_t>(detail::wake_reason::interrupt);
  const bool current = p->token_ == e.token || (interrupt && p->pending_interrupt_);
  if (!p->waiting_ || !current) {
    detail::destroy_if_unreachable(*p);  // a stale entry may have been the last thing naming it
    return;
  }
  p->waiting_ = false;
  p->reason_ = p->pending_interrupt_ ? detail::wake_reason::interrupt
                                     : static_cast<detail::wake_reason>(e.reason);
  current_ = p;
  p->handle_.resume();
  current_ = nullptr;
}

void simulation::process_event(detail::event_state* e) {
  e->state = detail::event_state::status::processed;
  if (e->error && e->waiters.empty()) record_failure(e->error);
  // Resuming a waiter may add or remove waiters of this event; work on a snapshot.
  const auto waiters = std::move(e->waiters);
  e->waiters.clear();
  for (const auto& w : waiters) {
    if (w.callback) {
      w.callback(w.context, e);
      continue;
    }
    detail::promise_base* p = w.process;
    if (!p->waiting_ || p->token_ != w.token) continue;
    p->waiting_ = false;
    p->reason_ =
        p->pending_interrupt_ ? detail::wake_reason::interrupt : detail::wake_reason::event;
    p->wake_index_ = w.index;
    current_ = p;
    p->handle_.resume();
    current_ = nullptr;
  }
  e->release();
}

void simulation::run(sim_time until) {
  stop_requested_ = false;
  // A process started with start_now outside run() may already have failed.
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
  detail::calendar_entry e{};
  while (calendar_.pop_until(until, e)) {
    now_ = e.time;
    ++dispatched_;
    if (e.is_event)
      process_event(static_cast<detail::event_state*>(e.target));
    else
      wake(e);
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
    if (stop_requested_) return;
  }
  if (until != forever && now_ < until) now_ = until;
}

process_error::process_error(std::string process_name, sim_time time, std::exception_ptr original)
    : tumen::runtime_error([&] {
        std::string what = "process '" + process_name + "' failed at " + describe_time(time) + ": ";
        try {
          std::rethrow_exception(original);
        } catch (const std::exception& e) {
          what += e.what();
        } catch (...) {
          what += "an exception that is not a std::exception";
        }
        return what;
      }()),
      name_(std::move(process_name)),
      time_(time),
      original_(std::move(original)) {}

std::string describe_time(sim_time t) {
  char buf[96];
  if (!std::isfinite(t)) return "t = " + std::to_string(t);
  const auto day = static_cast<long long>(std::floor(t / days));
  const double in_day = t - static_cast<double>(day) * days;
  const int h = static_cast<int>(in_day / hours);
  const int m = static_cast<int>((in_day - h * hours) / minutes);
  const double s = in_day - h * hours - m * minutes;
  std::snprintf(buf, sizeof buf, "t = %.6g s (day %lld, %02d:%02d:%04.1f)", t, day, h, m, s);
  return buf;
}

}  // namespace tumen::sim
