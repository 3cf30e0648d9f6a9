// `tumen run [SCENARIO]`: one replication of a scenario, summarised on the terminal, optionally
// written as JSON and CSV. Every run is also recorded in the results database (kind "run", one
// point; default results.db, --db FILE, --no-db to skip), each replication as it finishes.
// With -r N, --trace FILE traces one of the N replications (--trace-replication K, default the
// first), and --report replays it.
#include <fmt/format.h>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common_options.hpp"
#include "interruption.hpp"
#include "memory_budget.hpp"
#include "output_paths.hpp"
#include "progress.hpp"
#include "report_support.hpp"
#include "results_store.hpp"
#include "scenario_source.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/metrics.hpp"
#include "tumen/experiment/replications.hpp"
#include "tumen/experiment/summary.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/model/offered_load.hpp"
#include "tumen/output/csv.hpp"
#include "tumen/output/db_sink.hpp"
#include "tumen/output/interval_table.hpp"
#include "tumen/output/json.hpp"
#include "tumen/output/summary.hpp"
#include "tumen/output/trace_csv.hpp"
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
  std::optional<std::string> trace, report;      // --trace FILE (CSV), --report FILE (HTML)
  std::optional<std::size_t> trace_replication;  // --trace-replication K: which of -r N to trace
  std::string db = "results.db";                 // --db FILE
  bool no_db = false;                            // --no-db
  bool fail_on_saturation = false;               // --fail-on-saturation: exit status 3
  std::size_t memory_budget_mb = default_memory_budget_mb;
};

// The exit status --fail-on-saturation gives a run with a saturated replication (README,
// "Exit status"): distinct from 1 (failed) and 2 (bad input).
constexpr int saturated_status = 3;

int verdict_status(const run_args& a, const std::vector<results::replication_result>& runs) {
  if (!a.fail_on_saturation) return 0;
  const bool any = std::any_of(runs.begin(), runs.end(), [](const auto& r) {
    return r.verdict.verdict == results::verdict_kind::saturated;
  });
  if (any && !a.quiet)
    std::fputs("tumen: saturated (--fail-on-saturation): exit status 3\n", stderr);
  return any ? saturated_status : 0;
}

// The run's record in the results database (kind "run", one point without variables), opened
// before simulating so that an unwritable database fails fast; nullptr with --no-db.
std::unique_ptr<output::db_sink> open_record(
    const run_args& a, const scenario_text& source, const scenario::scenario& sc,
    const std::vector<scenario::override_spec>& overrides) {
  if (a.no_db) return nullptr;
  std::string design = "tumen design 1\n";
  design += fmt::format("replications {}\nfirst_replication {}\n", a.replications, a.replication);
  design += a.seed ? fmt::format("seed {}\n", *a.seed) : std::string("seed scenario\n");
  design += a.variant ? "variant " + *a.variant + "\n" : std::string("variant none\n");
  for (const auto& o : overrides) design += "set " + o.path + " = " + o.value + "\n";
  auto attrs = run_attributes_for("run", source, sc, a.seed.value_or(sc.run.seed), design);
  attrs.extra.emplace_back("replications", std::to_string(a.replications));
  attrs.extra.emplace_back("first_replication", std::to_string(a.replication));
  if (a.variant) attrs.extra.emplace_back("variant", *a.variant);
  for (std::size_t i = 0; i < overrides.size(); ++i)
    attrs.extra.emplace_back(fmt::format("set.{}", i),
                             overrides[i].path + "=" + overrides[i].value);
  auto record = std::make_unique<output::db_sink>(a.db);
  record->interrupted_when(stop_flag());
  record->begin(attrs);
  record->points({{0, {}}});
  return record;
}

// One replication into the record, as it finishes.
void record_replication(results::sink* record, const results::replication_result& r) {
  if (record) record->replication({0, r.replication, r.seed, experiment::scalars(r, true)});
}

// The summaries, and the run complete (failed when an internal check failed).
void finish_record(results::sink* record, const std::vector<results::interval_row>& rows,
                   const std::vector<results::replication_result>& runs) {
  if (!record) return;
  const bool consistent = std::all_of(runs.begin(), runs.end(), [](const auto& r) {
    return results::conservation_problems(r).empty();
  });
  record->summary(0, rows);
  record->finish(consistent ? results::run_status::complete : results::run_status::failed);
}

// Which of the -r N replications --trace writes: the K-th (0-based), replication number
// --replication + K.
std::size_t traced_index(const run_args& a) {
  return a.trace_replication.value_or(0);
}

// --report FILE: the HTML report of the replications just run (with --trace, its replay), with
// their summary as already worked out.
void write_run_report(const run_args& a, const scenario::scenario& sc,
                      const std::vector<results::replication_result>& runs,
                      std::vector<results::interval_row> summary) {
  report_request req;
  req.output = *a.report;
  req.trace = a.trace;
  req.quiet = a.quiet;
  auto in = report_input_from_runs(sc, a.seed.value_or(sc.run.seed), a.sets, a.variant, runs,
                                   std::move(summary));
  // Of a study, the replay names the replication it shows.
  if (a.trace && runs.size() > 1) in.trace_replication = a.replication + traced_index(a);
  write_report(std::move(in), req);
}

// -r N: N replications on -j threads, every figure as mean ± 95% half-width.
int run_many(const run_args& a, const scenario::scenario& sc, const std::string& source_name,
             results::sink* record) {
  auto ex = experiment::make_executor(a.jobs);
  progress bar(a.replications, "replications", a.quiet);
  experiment::replication_options opts;
  opts.seed = a.seed;
  opts.first = a.replication;
  opts.stop = stop_flag();
  opts.memory_budget = memory_budget_bytes(a.memory_budget_mb);
  opts.on_done = [&](std::size_t, const results::replication_result& r) {
    record_replication(record, r);
    bar.step();
  };
  // The trace writer is handed to the chosen replication's run alone (see replication_options).
  std::optional<output::trace_csv_writer> trace;
  if (a.trace) {
    opts.trace = &trace.emplace(*a.trace);
    opts.traced = traced_index(a);
  }
  const auto runs = experiment::run_replications(sc, a.replications, *ex, opts);
  if (trace) trace->commit();
  bar.finish();
  const auto summary = experiment::summarise(runs);
  finish_record(record, summary.rows(), runs);
  const auto loads = model::offered_load(sc);
  if (!a.quiet) {
    std::fputs(output::replications_text(sc, summary.rows(), runs.size()).c_str(), stdout);
    std::fputs("\n", stdout);
    std::fputs(output::offered_load_text(loads).c_str(), stdout);
  }
  if (a.json) {
    nlohmann::json j;
    j["scenario"] = sc.name;
    j["offered_load"] = output::to_json(loads);
    j["scenario_source"] = source_name;
    j["replications"] = runs.size();
    j["summary"] = output::to_json(summary.rows());
    j["runs"] = nlohmann::json::array();
    for (const auto& r : runs) j["runs"].push_back(output::to_json(r));
    output::write_json(*a.json, j);
  }
  if (a.report) write_run_report(a, sc, runs, summary.rows());
  for (const auto& r : runs) {
    const auto problems = results::conservation_problems(r);
    for (const auto& p : problems)
      std::fprintf(stderr, "tumen: internal check failed in replication %llu: %s\n",
                   static_cast<unsigned long long>(r.replication), p.c_str());
    if (!problems.empty()) return 1;
  }
  return verdict_status(a, runs);
}

// --trace-replication K: with --trace, one of the -r N replications (K < N). Checked before
// anything runs or is written.
void check_trace_replication(const run_args& a) {
  if (!a.trace_replication) return;
  if (!a.trace)
    throw input_error("--trace-replication",
                      "chooses the replication --trace writes, but no --trace FILE is given",
                      "--trace FILE --trace-replication K");
  if (*a.trace_replication >= a.replications)
    throw input_error(
        "--trace-replication",
        fmt::format("{} is not one of the {} replication{} run (they count from 0)",
                    *a.trace_replication, a.replications, a.replications == 1 ? "" : "s"),
        a.replications == 1 ? std::string("0, or leave it out")
                            : fmt::format("a number from 0 to {}", a.replications - 1));
}

int run(const run_args& a) {
  auto overrides = parse_overrides(a.sets);
  const auto source = load_scenario_text(a.scenario, overrides);
  if (a.days) overrides.push_back({"run.days", std::to_string(*a.days), "--days"});
  if (a.warmup) overrides.push_back({"run.warmup", "\"" + *a.warmup + "\"", "--warmup"});
  auto reading = scenario::read(source.text, source.source_name, overrides, a.variant);
  if (!reading.model) throw input_error(reading.problems);
  const auto& sc = *reading.model;
  if (!reading.problems.empty()) std::fputs(reading.problems.to_string().c_str(), stderr);

  if (a.csv && a.replications > 1)
    throw input_error("--csv", "writes the tables of one replication; use it without -r",
                      "--csv DIR with -r 1, or --json FILE with -r N");
  check_trace_replication(a);
  path_checks paths;
  paths.reads_scenario(a.scenario);
  if (!a.no_db) paths.writes_database("--db", a.db);
  paths.writes_file("--json", a.json, true);
  paths.writes_folder("--csv", a.csv);
  paths.writes_file("--trace", a.trace);
  paths.writes_file("--report", a.report);
  paths.check();
  const auto record = open_record(a, source, sc, overrides);
  if (a.replications > 1) return run_many(a, sc, source.source_name, record.get());

  const auto loads = model::offered_load(sc);
  model::run_options opts;
  opts.seed = a.seed;
  opts.stop = stop_flag();
  opts.memory_budget = memory_budget_bytes(a.memory_budget_mb);
  std::optional<output::trace_csv_writer> trace;
  if (a.trace) opts.trace = &trace.emplace(*a.trace);
  const auto result = model::run_replication(sc, a.replication, opts);
  if (trace) trace->commit();
  if (record) {
    record_replication(record.get(), result);
    finish_record(record.get(), experiment::summarise({result}).rows(), {result});
  }

  if (!a.quiet) {
    std::fputs(output::summary_text(sc, result).c_str(), stdout);
    std::fputs("\n", stdout);
    std::fputs(output::offered_load_text(loads).c_str(), stdout);
  }
  if (a.json) {
    nlohmann::json j = output::to_json(result);
    j["offered_load"] = output::to_json(loads);
    j["scenario_source"] = source.source_name;
    output::write_json(*a.json, j);
  }
  if (a.csv) output::write_csv(*a.csv, result);
  if (a.report) write_run_report(a, sc, {result}, experiment::summarise({result}).rows());

  const auto problems = results::conservation_problems(result);
  if (!problems.empty()) {
    for (const auto& p : problems)
      std::fprintf(stderr, "tumen: internal check failed: %s\n", p.c_str());
    return 1;
  }
  return verdict_status(a, {result});
}
}  // namespace

command add_run_command(CLI::App& app) {
  auto a = std::make_shared<run_args>();
  auto* cmd = app.add_subcommand("run", "Simulate a scenario once and summarise the results");
  cmd->add_option("scenario", a->scenario,
                  "scenario file or built-in name (default: khasan-tumangang)");
  cmd->add_option("--days", a->days, "simulated days (overrides run.days)")
      ->check(CLI::Range(1, 36500));
  cmd->add_option("--seed", a->seed, "master seed (default: the scenario's run.seed)")
      ->check(whole_number_check);
  cmd->add_option("--replication", a->replication, "replication number (selects the streams)")
      ->check(whole_number_check);
  add_scenario_changes(cmd, a->sets, a->variant);
  cmd->add_option("--json", a->json, "write all results as JSON to FILE (- for standard output)");
  cmd->add_option("--csv", a->csv, "write result tables as CSV files into DIR");
  cmd->add_option("-r,--replications", a->replications,
                  "independent replications; figures become mean ± 95% half-width")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  add_jobs_option(cmd, a->jobs);
  cmd->add_option("--warmup", a->warmup,
                  "discard this first part of every run, e.g. \"7 d\" (overrides run.warmup)");
  add_quiet_flag(cmd, a->quiet);
  add_record_options(cmd, a->db, a->no_db);
  cmd->add_option("--trace", a->trace,
                  "write one CSV row per vehicle per stage visit to FILE (docs/trace.md); with "
                  "-r N, of one replication (--trace-replication)");
  cmd->add_option("--trace-replication", a->trace_replication,
                  "with -r N and --trace: which replication to trace, 0 to N-1 (default: 0)")
      ->check(whole_number_check);
  cmd->add_option("--report", a->report, "write the HTML report to FILE (docs/report.md)");
  cmd->add_flag("--fail-on-saturation", a->fail_on_saturation,
                "exit with status 3 when any replication is saturated (its backlog grew)");
  add_memory_budget_option(cmd, a->memory_budget_mb);
  return [a] { return run(*a); };
}

}  // namespace tumen::app
