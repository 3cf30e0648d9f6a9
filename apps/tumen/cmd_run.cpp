// `tumen run [SCENARIO]`: one replication of a scenario, summarised on the terminal, optionally
// written as JSON and CSV.
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "scenario_source.hpp"
#include "tumen/base/error.hpp"
#include "progress.hpp"
#include "tumen/experiment/replications.hpp"
#include "tumen/experiment/summary.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/model/offered_load.hpp"
#include "tumen/output/atomic_file.hpp"
#include "tumen/output/csv.hpp"
#include "tumen/output/interval_table.hpp"
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
  std::optional<std::string> warmup;
  std::size_t replications = 1;
  int jobs = 1;
  bool quiet = false;
};

nlohmann::json rows_json(const std::vector<results::interval_row>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows)
    out.push_back({{"name", r.name}, {"mean", r.mean}, {"half_width", std::isfinite(r.half_width) ? nlohmann::json(r.half_width) : nlohmann::json(nullptr)},
                   {"low", r.low}, {"high", r.high}, {"n", r.n}, {"min", r.min}, {"max", r.max}});
  return out;
}

// -r N: N replications on -j threads, every figure as mean ± 95% half-width.
int run_many(const run_args& a, const scenario::scenario& sc, const std::string& source_name) {
  auto ex = experiment::make_executor(a.jobs);
  progress bar(a.replications, "replications", a.quiet);
  experiment::replication_options opts;
  opts.seed = a.seed;
  opts.first = a.replication;
  opts.on_done = [&](std::size_t, const results::replication_result&) { bar.step(); };
  const auto runs = experiment::run_replications(sc, a.replications, *ex, opts);
  bar.finish();
  const auto summary = experiment::summarise(runs);
  if (!a.quiet) std::fputs(output::replications_text(sc, summary.rows(), runs.size()).c_str(), stdout);
  if (a.json) {
    nlohmann::json j;
    j["scenario"] = sc.name;
    j["scenario_source"] = source_name;
    j["replications"] = runs.size();
    j["summary"] = rows_json(summary.rows());
    j["runs"] = nlohmann::json::array();
    for (const auto& r : runs) j["runs"].push_back(output::to_json(r));
    output::write_file_atomically(*a.json, j.dump(2) + "\n");
  }
  for (const auto& r : runs) {
    const auto problems = results::conservation_problems(r);
    for (const auto& p : problems)
      std::fprintf(stderr, "tumen: internal check failed in replication %llu: %s\n",
                   static_cast<unsigned long long>(r.replication), p.c_str());
    if (!problems.empty()) return 1;
  }
  return 0;
}

int run(const run_args& a) {
  const auto source = load_scenario_text(a.scenario);
  auto overrides = parse_overrides(a.sets);
  if (a.days) overrides.push_back({"run.days", std::to_string(*a.days)});
  if (a.warmup) overrides.push_back({"run.warmup", "\"" + *a.warmup + "\""});
  auto reading = scenario::read(source.text, source.source_name, overrides, a.variant);
  if (!reading.model) throw input_error(reading.problems);
  const auto& sc = *reading.model;
  if (!reading.problems.empty()) std::fputs(reading.problems.to_string().c_str(), stderr);

  if (a.csv && a.replications > 1)
    throw input_error("--csv", "writes the tables of one replication; use it without -r",
                      "--csv DIR with -r 1, or --json FILE with -r N");
  if (a.replications > 1) return run_many(a, sc, source.source_name);

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
  cmd->add_option("-r,--replications", a->replications,
                  "independent replications; figures become mean ± 95% half-width")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  cmd->add_option("-j,--jobs", a->jobs, "threads to run replications on (results do not depend on it)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--warmup", a->warmup, "discard this first part of every run, e.g. \"7 d\" (overrides run.warmup)");
  cmd->add_flag("-q,--quiet", a->quiet, "print nothing on success (and no progress bar)");
  return [a] { return run(*a); };
}

}  // namespace tumen::app
