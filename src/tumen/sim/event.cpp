// Events and waiting on several of them (see tumen/sim/event.hpp).
#include "tumen/sim/event.hpp"

#include <algorithm>
#include <stdexcept>

namespace tumen::sim {

namespace detail {
void event_state::remove_waiter(const promise_base* p) noexcept {
  std::erase_if(waiters, [p](const waiter& w) { return w.callback == nullptr && w.process == p; });
}

void event_state::destroy() noexcept {
  // Callback waiters of an event that never fired still own what their context holds.
  auto pending = std::move(waiters);
  for (const auto& w : pending)
    if (w.callback) w.callback(w.context, nullptr);
  delete this;
}
}  // namespace detail

void event::succeed() {
  if (!pending()) throw std::logic_error("event triggered twice");
  s_->state = detail::event_state::status::triggered;
  s_->sim->schedule_event(s_, 0, priority::normal);
}

void event::fail(std::exception_ptr error) {
  if (!error) throw std::invalid_argument("event::fail needs an exception");
  if (!pending()) throw std::logic_error("event triggered twice");
  s_->error = std::move(error);
  s_->state = detail::event_state::status::triggered;
  s_->sim->schedule_event(s_, 0, priority::normal);
}

event make_event(simulation& sim) {
  return event(new detail::event_state(&sim));
}

event timeout_event(simulation& sim, sim_time delay) {
  simulation::check_delay(delay);
  event e = make_event(sim);
  e.state()->state = detail::event_state::status::triggered;
  sim.schedule_event(e.state(), delay, priority::normal);
  return e;
}

event done_event(detail::promise_base& p) {
  if (!p.done_event_) {
    p.done_event_ = new detail::event_state(p.sim_);
    p.done_event_->add_ref();  // the promise's own reference
    if (p.done_) {
      p.done_event_->state = detail::event_state::status::processed;
      p.done_event_->error = p.exception_;
    }
  }
  return event(p.done_event_);
}

// ---- any_of ----

bool any_of::await_ready() noexcept {
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (events_[i].processed()) {
      ready_index_ = i;
      return true;
    }
  }
  return events_.empty();
}

void any_of::suspend(detail::promise_base& p) {
  self_ = &p;
  const std::uint32_t token = p.begin_wait();
  for (std::size_t i = 0; i < events_.size(); ++i)
    events_[i].state()->waiters.push_back(
        {&p, token, static_cast<std::uint16_t>(i), nullptr, nullptr});
}

std::size_t any_of::await_resume() {
  if (self_) {
    for (auto& e : events_) e.state()->remove_waiter(self_);
    self_->throw_if_interrupted();
    ready_index_ = self_->wake_index_;
  }
  if (!events_.empty() && events_[ready_index_].failed())
    std::rethrow_exception(events_[ready_index_].state()->error);
  return ready_index_;
}

// ---- all_of ----

namespace {
// Shared by the callbacks registered on each sub-event; freed by the last of them.
struct all_of_counter {
  detail::event_state* combined;  // one reference held by the counter
  std::size_t remaining;
  std::size_t registrations;
};

void all_of_step(void* context, detail::event_state* e) {
  auto* c = static_cast<all_of_counter*>(context);
  if (e != nullptr && c->combined->state == detail::event_state::status::pending) {
    event combined(c->combined);
    if (e->error)
      combined.fail(e->error);
    else if (--c->remaining == 0)
      combined.succeed();
  }
  if (--c->registrations == 0) {
    c->combined->release();
    delete c;
  }
}
}  // namespace

bool all_of::await_ready() noexcept {
  return std::all_of(events_.begin(), events_.end(), [](const event& e) { return e.processed(); });
}

void all_of::suspend(detail::promise_base& p) {
  self_ = &p;
  combined_ = make_event(*p.sim_);
  std::size_t pending = 0;
  for (auto& e : events_) {
    if (!e.processed())
      ++pending;
    else if (e.failed() && combined_.pending())
      combined_.fail(e.state()->error);
  }
  if (pending > 0) {
    combined_.state()->add_ref();
    auto* counter = new all_of_counter{combined_.state(), pending, pending};
    for (auto& e : events_)
      if (!e.processed()) e.state()->waiters.push_back({nullptr, 0, 0, &all_of_step, counter});
  } else if (combined_.pending()) {
    combined_.succeed();
  }
  combined_.state()->waiters.push_back({&p, p.begin_wait(), 0, nullptr, nullptr});
}

void all_of::await_resume() {
  if (self_) {
    combined_.state()->remove_waiter(self_);
    self_->throw_if_interrupted();
  }
  if (combined_.valid() && combined_.failed()) std::rethrow_exception(combined_.state()->error);
  for (auto& e : events_)
    if (e.failed()) std::rethrow_exception(e.state()->error);
}

}  // namespace tumen::sim
