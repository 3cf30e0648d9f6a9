// Ctrl-C (SIGINT) and SIGTERM (a batch system's time limit, `kill`): a clean stop.
//
// main() installs the handlers before a command runs. The first signal only sets a flag, which
// the commands hand to the work they run (replication_options::stop, sweep units): no new
// replication starts, those under way stop within a simulated hour, and tumen::stopped
// unwinds the command, so temporary files are removed and its run in the results database is
// marked "interrupted" (output::db_sink::interrupted_when). main() then says so and exits with
// 128 + the signal's number: 130 for SIGINT, 143 for SIGTERM. A second signal ends the process
// at once, as the signal's default action does.
//
//   install_stop_handlers();
//   opts.stop = stop_flag();
//   ...
//   sink.interrupted_when(stop_flag());   // a run dropped unfinished: "interrupted", not "failed"
#pragma once

#include <atomic>
#include <string>

namespace tumen::app {

// Installs the SIGINT and SIGTERM handlers (once, from main).
void install_stop_handlers();

// The flag the first signal sets; never null.
const std::atomic<bool>* stop_flag();

// The signal that set the flag, or 0.
int stop_signal();

// "SIGINT", "SIGTERM".
std::string stop_signal_name();

}  // namespace tumen::app
