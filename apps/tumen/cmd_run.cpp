// `tumen run [SCENARIO]`: one replication of a scenario, summarised on the terminal, optionally
// written as JSON and CSV.
#include <cstdio>
#include <fmt/format.h>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "scenario_source.hpp"
#include "tumen/base/error.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/model/offered_load.hpp"
#include "tumen/output/atomic_file.hpp"
#include "tumen/output/csv.hpp"
#include "tumen/output/json.hpp"
#include "tumen/output/summary.hpp"
#include "tumen/results/checks.hpp"

namespace tumen::app {

namespace {
struct run_args {
  std::string scenario = default_scenario;
  std::optional<int> days;
  std::optional<std::uint64_t> seed;
  std::uint64_t replication = 0;
  std::vector<std::string> sets;
  std::optional<std::string> variant;
  std::optional<std::string> json, csv;
  bool quiet = false;
};

int run(const run_args& a) {
  const auto source = load_scenario_text(a.scenario);
  auto overrides = parse_overrides(a.sets);
  if (a.days) overrides.push_back({"run.days", std::to_string(*a.days)});
  auto reading = scenario::read(source.text, source.source_name, overrides, a.variant);
  if (!reading.model) throw input_error(reading.problems);
  const auto& sc = *reading.model;
  if (!reading.problems.empty()) std::fputs(reading.problems.to_string().c_str(), stderr);

  const auto loads = model::offered_load(sc);
  model::run_options opts;
  opts.seed = a.seed;
  const auto result = model::run_replication(sc, a.replication, opts);

  if (!a.quiet) {
    std::fputs(output::summary_text(sc, result).c_str(), stdout);
    std::fputs("\n", stdout);
    std::fputs(output::offered_load_text(loads).c_str(), stdout);
  }
  if (a.json) {
    nlohmann::json j = output::to_json(result);
    j["offered_load"] = output::to_json(loads);
    j["scenario_source"] = source.source_name;
    output::write_file_atomically(*a.json, j.dump(2) + "\n");
  }
  if (a.csv) output::write_csv(*a.csv, result);

  const auto problems = results::conservation_problems(result);
  if (!problems.empty()) {
    for (const auto& p : problems) std::fprintf(stderr, "tumen: internal check failed: %s\n", p.c_str());
    return 1;
  }
  return 0;
}
}  // namespace

command add_run_command(CLI::App& app) {
  auto a = std::make_shared<run_args>();
  auto* cmd = app.add_subcommand("run", "Simulate a scenario once and summarise the results");
  cmd->add_option("scenario", a->scenario,
                  "scenario file or built-in name (default: khasan-tumangang)");
  cmd->add_option("--days", a->days, "simulated days (overrides run.days)")
      ->check(CLI::Range(1, 36500));
  cmd->add_option("--seed", a->seed, "master seed (default: the scenario's run.seed)");
  cmd->add_option("--replication", a->replication, "replication number (selects the streams)");
  cmd->add_option("--set", a->sets, "override a scenario value: key.path=value (repeatable)");
  cmd->add_option("--variant", a->variant, "apply a named [variants.NAME] of the scenario");
  cmd->add_option("--json", a->json, "write all results as JSON to FILE");
  cmd->add_option("--csv", a->csv, "write result tables as CSV files into DIR");
  cmd->add_flag("-q,--quiet", a->quiet, "print nothing on success");
  return [a] { return run(*a); };
}

}  // namespace tumen::app
