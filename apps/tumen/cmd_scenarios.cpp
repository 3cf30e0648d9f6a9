// `tumen scenarios` lists the built-in scenarios; `tumen show NAME` prints one's TOML, a
// starting point for a scenario of your own (`tumen show khasan-tumangang > mine.toml`).
#include <cstdio>
#include <fmt/format.h>

#include "commands.hpp"
#include "scenario_source.hpp"
#include "tumen/scenario/builtin.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::app {

command add_scenarios_command(CLI::App& app) {
  app.add_subcommand("scenarios", "List the built-in scenarios");
  return [] {
    for (const auto& b : scenario::builtin_scenarios()) {
      fmt::print("{:<28} {}\n", b.name, b.summary);
      const auto variants = scenario::variant_names(b.text, b.file_name());
      if (!variants.empty()) {
        std::string list;
        for (const auto& v : variants) list += (list.empty() ? "" : ", ") + v;
        fmt::print("{:<28} variants: {}\n", "", list);
      }
    }
    return 0;
  };
}

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
