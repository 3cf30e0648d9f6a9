// `tumen scenarios` lists the built-in scenarios and their variants.
#include <fmt/format.h>
#include <cstdio>

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

}  // namespace tumen::app
