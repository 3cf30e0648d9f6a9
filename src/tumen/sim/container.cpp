// The container's level bookkeeping (see tumen/sim/container.hpp).
#include "tumen/sim/container.hpp"

#include <cmath>
#include <string>

namespace tumen::sim {

container::container(simulation& sim, double capacity, double initial)
    : sim_(sim), capacity_(capacity), level_(initial) {
  if (!(capacity > 0)) throw std::invalid_argument("container capacity must be > 0");
  if (!(initial >= 0) || initial > capacity)
    throw std::invalid_argument("container initial level must be in [0, capacity]");
}

container::awaiter container::make(double amount, bool is_put) {
  if (!(amount > 0) || !std::isfinite(amount))
    throw std::invalid_argument("container amount must be finite and > 0, got " +
                                std::to_string(amount));
  if (amount > capacity_)
    throw std::invalid_argument("container amount " + std::to_string(amount) +
                                " exceeds the capacity " + std::to_string(capacity_));
  return awaiter{{}, *this, amount, is_put};
}

bool container::try_now(awaiter& a) {
  if (a.is_put) {
    if (puts_.empty() && level_ + a.amount <= capacity_) {
      level_ += a.amount;
      settle();
      return true;
    }
  } else if (gets_.empty() && level_ >= a.amount) {
    level_ -= a.amount;
    settle();
    return true;
  }
  return false;
}

void container::enqueue(awaiter& a) {
  a.token = a.self->begin_wait();
  (a.is_put ? puts_ : gets_).push_back(&a);
}

void container::settle_wait(awaiter& a) {
  if (a.self->reason_ == detail::wake_reason::interrupt) {
    if (a.served) {
      level_ += a.is_put ? -a.amount : a.amount;
      settle();
    } else {
      (a.is_put ? puts_ : gets_).erase(&a);
      settle();  // it may have been the head holding back those behind it
    }
    a.self->throw_if_interrupted();
  }
}

void container::settle() {
  bool moved = true;
  while (moved) {
    moved = false;
    while (!puts_.empty() && level_ + puts_.front()->amount <= capacity_) {
      awaiter* a = puts_.front();
      puts_.erase(a);
      level_ += a->amount;
      a->served = true;
      sim_.schedule_wake(*a->self, a->token, 0, priority::urgent, detail::wake_reason::granted);
      moved = true;
    }
    while (!gets_.empty() && level_ >= gets_.front()->amount) {
      awaiter* a = gets_.front();
      gets_.erase(a);
      level_ -= a->amount;
      a->served = true;
      sim_.schedule_wake(*a->self, a->token, 0, priority::urgent, detail::wake_reason::granted);
      moved = true;
    }
  }
}

}  // namespace tumen::sim
