// The subcommands of the tumen program. Each registers its options on the CLI11 app and returns
// the function that runs it (its exit status: 0 ok, 1 runtime failure, 2 bad input).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace tumen::app {

using command = std::function<int()>;

command add_run_command(CLI::App& app);
command add_check_command(CLI::App& app);
command add_scenarios_command(CLI::App& app);
command add_show_command(CLI::App& app);

}  // namespace tumen::app
