// The resource's queueing rules (see tumen/sim/resource.hpp).
#include "tumen/sim/resource.hpp"

#include <iterator>
#include <stdexcept>

namespace tumen::sim {

resource::resource(simulation& sim, int capacity, std::optional<std::size_t> queue_limit)
    : sim_(sim), queue_limit_(queue_limit), capacity_(capacity) {
  if (capacity < 0) throw std::invalid_argument("resource capacity must be >= 0");
}

bool resource::try_immediate(request_awaiter& r) {
  if (queue_.empty() && in_use_ < capacity_) {
    ++in_use_;
    r.status = request_status::granted;
    return true;
  }
  if (queue_limit_ && queue_.size() >= *queue_limit_) {
    r.status = request_status::refused;
    return true;
  }
  if (r.patience <= 0) {
    r.status = request_status::timed_out;
    return true;
  }
  return false;
}

void resource::enqueue(request_awaiter& r) {
  r.token = r.self->begin_wait();
  r.since = sim_.now();
  link(r);
  if (r.patience != forever)
    sim_.schedule_wake(*r.self, r.token, r.patience, priority::normal,
                       detail::wake_reason::timeout);
}

void resource::link(request_awaiter& r) {
  // Higher priority first; FIFO among equals: insert after the last node with prio >= r.prio,
  // the tail of the lowest level not below r.prio.
  auto at = levels_.end();
  while (at != levels_.begin() && std::prev(at)->prio < r.prio) --at;
  request_awaiter* pos = at == levels_.begin() ? nullptr : std::prev(at)->tail;
  if (pos && pos->prio == r.prio)
    std::prev(at)->tail = &r;
  else
    levels_.insert(at, level{r.prio, &r});
  queue_.insert_after(pos, &r);
}

bool resource::move_front_to(resource& other) {
  if (&other == this) throw std::invalid_argument("resource::move_front_to its own queue");
  if (queue_.empty()) return false;
  request_awaiter* r = queue_.front();
  unlink(*r);
  r->res = &other;
  other.link(*r);
  other.grant_waiting();
  return true;
}

void resource::settle_wait(request_awaiter& r) {
  if (r.self->reason_ == detail::wake_reason::interrupt) {
    if (r.granted)
      release();
    else
      unlink(r);
    r.self->throw_if_interrupted();
  }
  if (r.granted) {
    r.status = request_status::granted;
  } else {
    unlink(r);
    r.status = request_status::timed_out;
  }
}

void resource::grant_waiting() {
  while (!queue_.empty() && in_use_ < capacity_) {
    request_awaiter* r = queue_.front();
    unlink(*r);
    ++in_use_;
    r->granted = true;
    sim_.schedule_wake(*r->self, r->token, 0, priority::urgent, detail::wake_reason::granted);
  }
}

void resource::unlink(request_awaiter& r) {
  if (!r.linked_) return;
  // The last waiter of its level hands the level's tail to the one before it, or ends the level.
  if (!r.next_ || r.next_->prio != r.prio) {
    auto at = levels_.begin();
    while (at->prio != r.prio) ++at;
    if (r.prev_ && r.prev_->prio == r.prio)
      at->tail = r.prev_;
    else
      levels_.erase(at);
  }
  queue_.erase(&r);
}

void resource::release() {
  if (in_use_ <= 0) throw std::logic_error("resource::release with no unit in use");
  --in_use_;
  if (hand_off_ && !queue_.empty() && in_use_ < capacity_) {
    // One unit came free, so at most one waiter starts: the first, at once.
    request_awaiter* r = queue_.front();
    unlink(*r);
    ++in_use_;
    r->granted = true;
    sim_.wake_now_or_later(*r->self, r->token, detail::wake_reason::granted);
    return;
  }
  grant_waiting();
}

void resource::set_capacity(int capacity) {
  if (capacity < 0) throw std::invalid_argument("resource capacity must be >= 0");
  capacity_ = capacity;
  grant_waiting();
}

}  // namespace tumen::sim
