// An intrusive doubly linked list of waiting processes, used by resources, stores and
// containers for their queues. Nodes live in the awaiters, inside the waiting coroutine frames,
// so joining and leaving a queue allocates nothing and leaving from the middle (a timeout, an
// interrupt) is O(1).
#pragma once

#include <cstddef>

namespace tumen::sim::detail {

template <class Node>
class wait_list {
 public:
  bool empty() const { return head_ == nullptr; }
  std::size_t size() const { return size_; }
  Node* front() const { return head_; }
  Node* back() const { return tail_; }

  void push_back(Node* n) { insert_after(tail_, n); }

  // Inserts n after `pos` (null: at the front).
  void insert_after(Node* pos, Node* n) {
    n->prev_ = pos;
    n->next_ = pos ? pos->next_ : head_;
    if (n->next_)
      n->next_->prev_ = n;
    else
      tail_ = n;
    if (pos)
      pos->next_ = n;
    else
      head_ = n;
    n->linked_ = true;
    ++size_;
  }

  void erase(Node* n) {
    if (!n->linked_) return;
    if (n->prev_)
      n->prev_->next_ = n->next_;
    else
      head_ = n->next_;
    if (n->next_)
      n->next_->prev_ = n->prev_;
    else
      tail_ = n->prev_;
    n->prev_ = n->next_ = nullptr;
    n->linked_ = false;
    --size_;
  }

 private:
  Node* head_ = nullptr;
  Node* tail_ = nullptr;
  std::size_t size_ = 0;
};

// Base for list nodes.
template <class Node>
struct wait_node {
  Node* prev_ = nullptr;
  Node* next_ = nullptr;
  bool linked_ = false;
};

}  // namespace tumen::sim::detail
