// Stopping long work early when asked (Ctrl-C, SIGTERM from a batch system).
//
// Whoever may be asked to stop owns one std::atomic<bool> and hands a pointer to it down, as an
// option of the work (replication_options::stop, model::run_options::stop); nothing here is
// global. The work polls it at safe points (between replications, every simulated hour) and
// leaves by throwing `stopped`, so every destructor on the way out runs: temporary files are
// removed and the caller can record that the work was interrupted rather than failed.
//
//   std::atomic<bool> stop{false};                    // set by a signal handler, say
//   options.stop = &stop;
//   try { run(options); } catch (const tumen::stopped&) { /* mark interrupted */ }
#pragma once

#include <atomic>
#include <stdexcept>
#include <string>

namespace tumen {

// Not a tumen::runtime_error: being asked to stop is not a failure of the run.
class stopped : public std::runtime_error {
 public:
  stopped() : std::runtime_error("stopped on request") {}
  // What the stop left behind and how to go on, for the user.
  explicit stopped(const std::string& what_next) : std::runtime_error(what_next) {}
};

// Throws `stopped` when `flag` is set; a null flag never is.
inline void throw_if_stopped(const std::atomic<bool>* flag) {
  if (flag && flag->load(std::memory_order_relaxed)) throw stopped();
}

inline bool stop_requested(const std::atomic<bool>* flag) {
  return flag && flag->load(std::memory_order_relaxed);
}

}  // namespace tumen
