// tumen — simulate land border crossings.
//
// This file only wires the subcommands together and turns failures into exit statuses:
//   0 success · 1 the run failed (a model fault, an output that could not be written)
//   2 bad input (a scenario file, an override, a flag value), with every problem listed.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <map>

#include "commands.hpp"
#include "option_values.hpp"
#include "tumen/base/error.hpp"
#include "version.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "tumen — a discrete-event simulator of land border crossings.\n"
      "With no scenario, commands use the built-in Khasan–Tumangang road crossing."};
  app.set_version_flag("--version", std::string("tumen ") + tumen::app::version);
  app.require_subcommand(1);
  std::map<CLI::App*, tumen::app::command> commands;
  auto add = [&](tumen::app::command (*adder)(CLI::App&)) {
    const auto before = app.get_subcommands({}).size();
    auto cmd = adder(app);
    commands[app.get_subcommands({})[before]] = std::move(cmd);
  };
  {
    using namespace tumen::app;
#include "command_list.inc"
  }
  tumen::app::refuse_options_as_values(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    for (auto* sub : app.get_subcommands())
      if (auto it = commands.find(sub); it != commands.end()) return it->second();
    return 2;
  } catch (const tumen::input_error& e) {
    std::fputs(e.problems().to_string().c_str(), stderr);
    const auto n = e.problems().error_count();
    std::fprintf(stderr, "tumen: %zu problem%s in the input; nothing was run or written\n", n,
                 n == 1 ? "" : "s");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tumen: error: %s\n", e.what());
    return 1;
  }
}
