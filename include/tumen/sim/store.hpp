// store<T>: a buffer of discrete items (cargo lots, trailers, documents) that processes put into
// and get from, waiting when it is full or empty.
//
//   tumen::sim::store<lot> yard(sim, 40);           // at most 40 items
//   co_await yard.put(lot{20.0});                   // waits while full
//   lot l = co_await yard.get();                    // waits while empty (FIFO)
//   lot big = co_await yard.get([](const lot& x) { return x.tonnes > 15; });  // filtered get
//
// Order: items leave in the order kept by the store: FIFO by default, or smallest key first with
// store<T>(sim, capacity, key) where key(item) gives a priority (ties FIFO). Getters are served in
// arrival order, but a filtered getter that matches nothing does not block the getters behind it.
// Putters are served strictly in arrival order.
// Interrupts: a waiting getter or putter leaves the queue; a getter interrupted after an item was
// handed to it puts the item back at the front (with a key: ahead of the items with equal keys).
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <stdexcept>

#include "tumen/sim/detail/wait_list.hpp"
#include "tumen/sim/simulation.hpp"

namespace tumen::sim {

template <class T>
class store {
 public:
  using filter_fn = std::function<bool(const T&)>;
  using key_fn = std::function<double(const T&)>;

  explicit store(simulation& sim, std::optional<std::size_t> capacity = {}, key_fn key = {})
      : sim_(sim), capacity_(capacity), key_(std::move(key)) {
    if (capacity_ && *capacity_ == 0) throw std::invalid_argument("store capacity must be >= 1");
  }
  store(const store&) = delete;
  store& operator=(const store&) = delete;

  struct get_awaiter : detail::wait_node<get_awaiter> {
    store& st;
    filter_fn filter;
    detail::promise_base* self = nullptr;
    std::uint32_t token = 0;
    std::optional<T> item = std::nullopt;
    bool await_ready() {
      item = st.take_match(filter);
      if (!item) return false;
      st.settle();  // the room it left may admit a waiting putter
      return true;
    }
    template <std::derived_from<detail::promise_base> P>
    void await_suspend(std::coroutine_handle<P> h) {
      self = &h.promise();
      token = self->begin_wait();
      st.getters_.push_back(this);
    }
    T await_resume() {
      if (self && self->reason_ == detail::wake_reason::interrupt) {
        st.getters_.erase(this);
        if (item) {
          st.put_back(std::move(*item));
          st.settle();
        }
        self->throw_if_interrupted();
      }
      return std::move(*item);
    }
  };

  struct put_awaiter : detail::wait_node<put_awaiter> {
    store& st;
    std::optional<T> item;
    detail::promise_base* self = nullptr;
    std::uint32_t token = 0;
    bool await_ready() {
      if (st.putters_.empty() && !st.full()) {
        st.insert(std::move(*item));
        item.reset();
        st.settle();
        return true;
      }
      return false;
    }
    template <std::derived_from<detail::promise_base> P>
    void await_suspend(std::coroutine_handle<P> h) {
      self = &h.promise();
      token = self->begin_wait();
      st.putters_.push_back(this);
    }
    void await_resume() {
      if (self && self->reason_ == detail::wake_reason::interrupt) {
        st.putters_.erase(this);
        self->throw_if_interrupted();
      }
    }
  };

  get_awaiter get(filter_fn filter = {}) { return get_awaiter{{}, *this, std::move(filter)}; }
  put_awaiter put(T item) { return put_awaiter{{}, *this, std::move(item)}; }

  // Non-waiting forms: put returns false when full; get returns nothing when empty.
  bool try_put(T item) {
    if (!putters_.empty() || full()) return false;
    insert(std::move(item));
    settle();
    return true;
  }
  std::optional<T> try_get(const filter_fn& filter = {}) {
    auto item = take_match(filter);
    if (item) settle();
    return item;
  }

  std::size_t size() const { return items_.size(); }
  std::size_t getters_waiting() const { return getters_.size(); }
  std::size_t putters_waiting() const { return putters_.size(); }
  const std::deque<T>& items() const { return items_; }

 private:
  bool full() const { return capacity_ && items_.size() >= *capacity_; }

  void insert(T item) {
    if (!key_) {
      items_.push_back(std::move(item));
      return;
    }
    const double k = key_(item);
    auto it = items_.end();
    while (it != items_.begin() && key_(*std::prev(it)) > k) --it;
    items_.insert(it, std::move(item));
  }

  // Returns an item handed to a getter interrupted before it resumed: at the front, or with a
  // key, ahead of the items whose key is equal or larger.
  void put_back(T item) {
    auto it = items_.begin();
    if (key_) {
      const double k = key_(item);
      while (it != items_.end() && key_(*it) < k) ++it;
    }
    items_.insert(it, std::move(item));
  }

  std::optional<T> take_match(const filter_fn& filter) {
    for (auto it = items_.begin(); it != items_.end(); ++it) {
      if (!filter || filter(*it)) {
        T item = std::move(*it);
        items_.erase(it);
        return item;
      }
    }
    return std::nullopt;
  }

  // Hands items to waiting getters and admits waiting putters until nothing more can move.
  void settle() {
    bool moved = true;
    while (moved) {
      moved = false;
      for (get_awaiter* g = getters_.front(); g != nullptr;) {
        get_awaiter* next = g->next_;
        if (auto item = take_match(g->filter)) {
          g->item = std::move(item);
          getters_.erase(g);
          sim_.schedule_wake(*g->self, g->token, 0, priority::urgent, detail::wake_reason::granted);
          moved = true;
        }
        g = next;
      }
      while (!putters_.empty() && !full()) {
        put_awaiter* p = putters_.front();
        putters_.erase(p);
        insert(std::move(*p->item));
        p->item.reset();
        sim_.schedule_wake(*p->self, p->token, 0, priority::urgent, detail::wake_reason::granted);
        moved = true;
      }
    }
  }

  simulation& sim_;
  std::optional<std::size_t> capacity_;
  key_fn key_;
  std::deque<T> items_;
  detail::wait_list<get_awaiter> getters_;
  detail::wait_list<put_awaiter> putters_;
};

}  // namespace tumen::sim
