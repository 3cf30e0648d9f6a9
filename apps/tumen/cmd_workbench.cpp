// `tumen workbench [SCENARIO] -o workbench.html`: one self-contained HTML page to edit a scenario
// and run it in the browser (issue 16): the scenario's text, tumen's engine compiled to
// WebAssembly (docs/workbench-engine.md) and the page's editor, controls and charts, all in one
// file that works offline, from file://. The same scenario, seed and replication give the same
// figures in the page as `tumen run` does.
//
// The scenario is read first, with --variant and --set, so a page never starts from a scenario
// that does not read; a bad one is refused (exit 2) and nothing is written. --variant and --set
// are what the page starts with; the text in the page is the file's own (with the CSV files it
// names appended as [tables], as the results database keeps it).
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common_options.hpp"
#include "output_paths.hpp"
#include "scenario_source.hpp"
#include "tumen/base/error.hpp"
#include "tumen/output/workbench_html.hpp"
#include "workbench_engine.hpp"

namespace tumen::app {

namespace {

struct workbench_args {
  std::string scenario = default_scenario;
  std::string output = "workbench.html";
  std::vector<std::string> sets;
  std::optional<std::string> variant;
  bool quiet = false;
};

int workbench(const workbench_args& a) {
  const auto engine = workbench_engine_js();
  if (engine.empty())
    throw tumen::runtime_error(
        "this tumen was built without the workbench's engine (it needs emscripten: "
        "apt-get install emscripten, then configure with -DTUMEN_WORKBENCH=ON)");
  const auto overrides = parse_overrides(a.sets);
  const auto source = load_scenario_text(a.scenario, overrides);
  auto reading = scenario::read(source.text, source.source_name, overrides, a.variant);
  if (!reading.model) throw input_error(reading.problems);
  if (!reading.problems.empty() && !a.quiet)
    std::fputs(reading.problems.to_string().c_str(), stderr);
  path_checks paths;
  paths.reads_scenario(a.scenario);
  paths.writes_file("--output", a.output);
  paths.check();

  output::write_workbench_html(a.output, engine,
                               {source.text, source.source_name, a.variant, a.sets});
  if (!a.quiet) std::printf("Workbench written to %s\n", a.output.c_str());
  return 0;
}

}  // namespace

command add_workbench_command(CLI::App& app) {
  auto a = std::make_shared<workbench_args>();
  auto* cmd = app.add_subcommand(
      "workbench",
      "Write a self-contained HTML page that edits and runs a scenario in the browser");
  cmd->add_option("scenario", a->scenario,
                  "scenario file or built-in name (default: khasan-tumangang)");
  cmd->add_option("-o,--output", a->output, "the HTML file to write (default: workbench.html)");
  add_scenario_changes(cmd, a->sets, a->variant);
  add_quiet_flag(cmd, a->quiet);
  cmd->footer(
      "\nThe page needs no network and no other file: open it from disk. It runs tumen itself\n"
      "(compiled to WebAssembly): the same scenario, seed and replication give the same figures\n"
      "as `tumen run`. docs/workbench-engine.md describes the engine.\n\n"
      "Examples:\n"
      "  tumen workbench -o workbench.html\n"
      "  tumen workbench khasan-tumangang --variant hours_16h -o hours.html\n");
  return [a] { return workbench(*a); };
}

}  // namespace tumen::app
