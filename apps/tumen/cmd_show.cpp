// `tumen show NAME` prints a built-in scenario's TOML, a starting point for a scenario of your
// own (`tumen show khasan-tumangang > mine.toml`). Given a scenario file, it prints the file with
// the CSV files its hourly tables name appended as [tables]: a copy that needs no other file.
#include <cstdio>

#include "commands.hpp"
#include "scenario_source.hpp"

namespace tumen::app {

command add_show_command(CLI::App& app) {
  auto name = std::make_shared<std::string>(default_scenario);
  auto* cmd = app.add_subcommand(
      "show", "Print a built-in scenario's TOML (or a scenario file's, with its CSV files)");
  cmd->add_option("name", *name,
                  "built-in scenario name or scenario file (default: khasan-tumangang)");
  return [name] {
    const auto s = load_scenario_text(*name);
    std::fwrite(s.text.data(), 1, s.text.size(), stdout);
    return 0;
  };
}

}  // namespace tumen::app
