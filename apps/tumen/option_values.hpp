// Values that are really options. CLI11 gives an option that takes a value the next word, whatever
// it is, so `tumen run --json --no-db` wrote the JSON to a file called "--no-db" and then recorded
// the run in results.db, the opposite of what was asked. After every command is defined,
// refuse_options_as_values() makes each value-taking option of every (sub)command refuse a value
// that is one of that command's option names or starts with "--": a clear exit-2 error such as
//
//   --json: "--no-db" is an option, not a value: --json needs its own value first
//
// "-" (standard output) and negative numbers stay valid.
#pragma once

#include <CLI/CLI.hpp>

namespace tumen::app {

void refuse_options_as_values(CLI::App& app);

}  // namespace tumen::app
