// tumen — simulate land border crossings.
//
// This file only wires the subcommands together and turns failures into exit statuses, one
// rule for every command (README.md, "Exit status"):
//   0 success
//   1 it failed while running (a model fault, a disk that filled up)
//   2 the input or the command line is wrong (a scenario file, an override, a flag value, an
//     output path that cannot be written, a file that is not a results database), with every
//     problem listed; nothing was run or written
//   130 / 143 stopped by SIGINT (Ctrl-C) / SIGTERM (interruption.hpp)
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <map>
#include <string>

#include "commands.hpp"
#include "interruption.hpp"
#include "option_values.hpp"
#include "tumen/base/error.hpp"
#include "tumen/base/stop.hpp"
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
  tumen::app::install_stop_handlers();
  // What the command said about the state it left (a sweep: how to resume), or the general rule.
  auto interrupted = [](const std::exception& e) {
    const auto* said = dynamic_cast<const tumen::stopped*>(&e);
    const std::string next =
        said && std::string(said->what()) != tumen::stopped().what()
            ? said->what()
            : "no output file was written, and a run recorded in the results database is marked "
              "interrupted; run the same command again to start over";
    std::fprintf(stderr, "tumen: stopped by %s before the end: %s\n",
                 tumen::app::stop_signal_name().c_str(), next.c_str());
    return 128 + tumen::app::stop_signal();
  };
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
    // After a stop signal, whatever ended the command (tumen::stopped, or an MPI rank's report
    // of it) is the interruption.
    if (*tumen::app::stop_flag()) return interrupted(e);
    std::fprintf(stderr, "tumen: error: %s\n", e.what());
    return 1;
  }
}
