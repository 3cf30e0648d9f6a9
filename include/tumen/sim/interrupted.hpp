// The exception a process receives when another process interrupts its wait.
//
//   try {
//     co_await sim.timeout(patience);
//   } catch (const tumen::sim::interrupted& i) {
//     // i.cause() says why, e.g. "booth closed"
//   }
//
// Whatever the process was waiting for is withdrawn before the exception reaches it: a resource
// request leaves the queue (a unit already granted goes back), an event wait is unregistered.
#pragma once

#include <exception>
#include <string>

namespace tumen::sim {

class interrupted : public std::exception {
 public:
  explicit interrupted(std::string cause) : cause_(std::move(cause)) {}
  const std::string& cause() const noexcept { return cause_; }
  const char* what() const noexcept override { return cause_.c_str(); }

 private:
  std::string cause_;
};

}  // namespace tumen::sim
