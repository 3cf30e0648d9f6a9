// The SIGINT and SIGTERM handlers (see interruption.hpp).
//
// A handler may only touch lock-free atomics and call async-signal-safe functions, so it sets
// the one flag (and the signal's number, in the same object) and, on a second signal, restores
// the default action and raises the signal again.
#include "interruption.hpp"

#include <csignal>

namespace tumen::app {

namespace {

struct stop_request {
  std::atomic<bool> stop{false};
  std::atomic<int> signal{0};
};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "a signal handler may only use lock-free atomics");

// The one object the handlers write: a signal handler can reach nothing else.
stop_request request;

void on_stop_signal(int sig) {
  if (request.stop.load()) {
    // The second signal: end at once, as if no handler had been installed.
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGINT, &dfl, nullptr);
    sigaction(SIGTERM, &dfl, nullptr);
    raise(sig);
    return;
  }
  request.signal.store(sig);  // before the flag: whoever sees the flag finds the signal
  request.stop.store(true);
}

}  // namespace

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;  // reads and writes under way carry on; the flag is polled
  for (const int sig : {SIGINT, SIGTERM}) {
    // A signal ignored when tumen started (nohup, `&` in a script for SIGINT) stays ignored.
    struct sigaction old {};
    if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sigaction(sig, &sa, nullptr);
  }
}

const std::atomic<bool>* stop_flag() {
  return &request.stop;
}

int stop_signal() {
  return request.signal.load();
}

std::string stop_signal_name() {
  switch (stop_signal()) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "a signal";
  }
}

}  // namespace tumen::app
