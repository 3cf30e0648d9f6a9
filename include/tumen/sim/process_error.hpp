// A failure inside a simulated process, with where and when it happened.
//
// When an exception escapes a process's coroutine, the engine wraps it (once, at its origin) in a
// process_error that names the process and the simulated time. The error then travels: to every
// process awaiting the failed one (rethrown from its co_await), and, if nobody awaits it, out of
// simulation::run(). Nothing is silently dropped.
//
//   try { sim.run(); }
//   catch (const tumen::sim::process_error& e) {
//     e.process_name();  // "vehicle 17"
//     e.time();          // 5400.0
//     e.what();          // "process 'vehicle 17' failed at t = 5400 s (day 0, 01:30:00): ..."
//     e.rethrow_original();
//   }
#pragma once

#include <exception>
#include <string>

#include "tumen/base/error.hpp"
#include "tumen/base/time.hpp"

namespace tumen::sim {

class process_error : public tumen::runtime_error {
 public:
  process_error(std::string process_name, sim_time time, std::exception_ptr original);

  const std::string& process_name() const noexcept { return name_; }
  sim_time time() const noexcept { return time_; }
  const std::exception_ptr& original() const noexcept { return original_; }
  [[noreturn]] void rethrow_original() const { std::rethrow_exception(original_); }

 private:
  std::string name_;
  sim_time time_;
  std::exception_ptr original_;
};

// "day 2, 07:05:30" for a time in seconds from the start of a run.
std::string describe_time(sim_time t);

}  // namespace tumen::sim
