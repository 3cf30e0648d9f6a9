// The replication writer (see replication_writer in tumen/output/results_db.hpp): one background
// thread that stores replications with group commit. Callers queue finished replications; the
// thread takes everything queued so far and stores it in one transaction
// (results_db::add_replications), so replications that finish while a commit waits for the disk
// share the next one. The first error stops the thread and is rethrown to the caller.
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "tumen/output/results_db.hpp"

namespace tumen::output {

struct replication_writer::state {
  results_db& db;
  std::int64_t run;
  std::mutex m;
  std::condition_variable cv;
  std::vector<replication_record> queue;
  bool closing = false;
  std::exception_ptr error;
  std::thread thread;

  state(results_db& d, std::int64_t r) : db(d), run(r) {}

  void loop() {
    std::vector<replication_record> batch;
    for (;;) {
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return !queue.empty() || closing; });
        if (queue.empty()) return;
        batch.swap(queue);
      }
      try {
        db.add_replications(run, batch);
      } catch (...) {
        std::lock_guard lock(m);
        error = std::current_exception();
        queue.clear();
        return;
      }
      batch.clear();
    }
  }

  void stop() {
    {
      std::lock_guard lock(m);
      closing = true;
    }
    cv.notify_one();
    if (thread.joinable()) thread.join();
  }
};

replication_writer::replication_writer(results_db& db, std::int64_t run)
    : state_(std::make_unique<state>(db, run)) {
  state_->thread = std::thread([s = state_.get()] { s->loop(); });
}

replication_writer::~replication_writer() {
  state_->stop();
}

void replication_writer::add(replication_record r) {
  {
    std::lock_guard lock(state_->m);
    if (state_->error) std::rethrow_exception(state_->error);
    state_->queue.push_back(std::move(r));
  }
  state_->cv.notify_one();
}

void replication_writer::finish() {
  state_->stop();
  std::lock_guard lock(state_->m);
  if (state_->error) std::rethrow_exception(std::exchange(state_->error, nullptr));
}

}  // namespace tumen::output
