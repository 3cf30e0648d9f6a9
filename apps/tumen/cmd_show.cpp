// `tumen show NAME` prints a built-in scenario's TOML, a starting point for a scenario of your
// own (`tumen show khasan-tumangang > mine.toml`).
#include <cstdio>

#include "commands.hpp"
#include "scenario_source.hpp"

namespace tumen::app {

command add_show_command(CLI::App& app) {
  auto name = std::make_shared<std::string>(default_scenario);
  auto* cmd = app.add_subcommand("show", "Print a built-in scenario's TOML");
  cmd->add_option("name", *name, "built-in scenario name (default: khasan-tumangang)");
  return [name] {
    const auto s = load_scenario_text(*name);
    std::fwrite(s.text.data(), 1, s.text.size(), stdout);
    return 0;
  };
}

}  // namespace tumen::app
