// Serial and thread-pool executors (see tumen/experiment/executor.hpp).
#include "tumen/experiment/executor.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tumen::experiment {

namespace {

class serial_executor final : public executor {
 public:
  void run(std::size_t count, const std::function<void(std::size_t)>& work,
           const std::function<void(std::size_t)>& done) override {
    for (std::size_t i = 0; i < count; ++i) {
      work(i);
      if (done) done(i);
    }
  }
  int workers() const override { return 1; }
};

// Workers take the next index from an atomic counter; finished indices are handed to the
// calling thread, which runs `done` for each (so sinks and progress need no locking).
class thread_executor final : public executor {
 public:
  explicit thread_executor(int jobs) : jobs_(jobs) {}
  int workers() const override { return jobs_; }

  void run(std::size_t count, const std::function<void(std::size_t)>& work,
           const std::function<void(std::size_t)>& done) override {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex m;
    std::condition_variable cv;
    std::vector<std::size_t> finished;
    std::size_t failed_index = count;
    std::exception_ptr failure;
    std::size_t running = 0;

    auto worker = [&] {
      for (;;) {
        if (stop.load()) break;
        const std::size_t i = next.fetch_add(1);
        if (i >= count) break;
        try {
          work(i);
          std::lock_guard lock(m);
          finished.push_back(i);
        } catch (...) {
          std::lock_guard lock(m);
          if (i < failed_index) {
            failed_index = i;
            failure = std::current_exception();
          }
          stop = true;
        }
        cv.notify_one();
      }
      std::lock_guard lock(m);
      --running;
      cv.notify_one();
    };

    const auto n =
        static_cast<std::size_t>(jobs_) < count ? static_cast<std::size_t>(jobs_) : count;
    std::vector<std::thread> threads;
    running = n;
    threads.reserve(n);
    for (std::size_t t = 0; t < n; ++t) threads.emplace_back(worker);

    // Hand finished units to `done` here, in this thread. A worker records its unit before it
    // can stop, so once `running` is 0 under the lock, nothing more can be recorded.
    std::exception_ptr done_failure;
    for (bool last = false; !last;) {
      std::vector<std::size_t> batch;
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return !finished.empty() || running == 0; });
        batch.swap(finished);
        last = running == 0;
      }
      for (const std::size_t i : batch) {
        if (!done || done_failure) continue;
        try {
          done(i);
        } catch (...) {
          done_failure = std::current_exception();
          stop = true;
        }
      }
    }
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
    if (done_failure) std::rethrow_exception(done_failure);
  }

 private:
  int jobs_;
};

}  // namespace

std::unique_ptr<executor> make_executor(int jobs) {
  if (jobs <= 1) return std::make_unique<serial_executor>();
  return std::make_unique<thread_executor>(jobs);
}

}  // namespace tumen::experiment
