// The command line a run records of itself (the command_line of a run row, the resumed.N
// attributes) and the quoting that makes an argument safe to paste back into a POSIX shell.
//
//   tumen::output::command_line();           // "tumen sweep --vary 'a=1, 2'"
//   tumen::output::shell_quote("a=1, 2");    // "'a=1, 2'"
#pragma once

#include <string>

namespace tumen::output {

// One argument quoted for a POSIX shell when it needs it.
std::string shell_quote(const std::string& arg);

// This process's command line, shell-quoted, read back from the kernel so it is exactly what was
// typed (after the shell's expansion). Empty if the system does not say (Linux does, in
// /proc/self/cmdline).
std::string command_line();

}  // namespace tumen::output
