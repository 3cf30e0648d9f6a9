// container: a continuous level (tonnes of cargo in a yard, litres in a tank) that processes
// add to and take from, waiting when there is not enough room or not enough content.
//
//   tumen::sim::container yard(sim, 500.0);     // capacity 500 t, starts empty
//   co_await yard.put(20.0);                    // waits until 20 t fit
//   co_await yard.get(30.0);                    // waits until 30 t are there
//
// Waiting puts and gets are each served strictly in arrival order (no overtaking): a large get at
// the head of the queue holds back smaller gets behind it. Interrupted waiters leave the queue;
// one interrupted after being served undoes its amount.
#pragma once

#include <stdexcept>

#include "tumen/sim/detail/wait_list.hpp"
#include "tumen/sim/simulation.hpp"

namespace tumen::sim {

class container {
 public:
  container(simulation& sim, double capacity = forever, double initial = 0);
  container(const container&) = delete;
  container& operator=(const container&) = delete;

  struct awaiter : detail::wait_node<awaiter> {
    container& c;
    double amount;
    bool is_put;
    detail::promise_base* self = nullptr;
    std::uint32_t token = 0;
    bool served = false;
    bool await_ready() { return c.try_now(*this); }
    template <std::derived_from<detail::promise_base> P>
    void await_suspend(std::coroutine_handle<P> h) {
      self = &h.promise();
      c.enqueue(*this);
    }
    void await_resume() {
      if (self) c.settle_wait(*this);
    }
  };

  awaiter put(double amount) { return make(amount, true); }
  awaiter get(double amount) { return make(amount, false); }

  double level() const { return level_; }
  double capacity() const { return capacity_; }
  std::size_t puts_waiting() const { return puts_.size(); }
  std::size_t gets_waiting() const { return gets_.size(); }

 private:
  awaiter make(double amount, bool is_put);
  bool try_now(awaiter& a);
  void enqueue(awaiter& a);
  void settle_wait(awaiter& a);
  void settle();

  simulation& sim_;
  double capacity_;
  double level_;
  detail::wait_list<awaiter> puts_;
  detail::wait_list<awaiter> gets_;
};

}  // namespace tumen::sim
