// `tumen sweep [SCENARIO] --vary key=VALUES …`: the scenario over a grid of design points, R
// replications each with common random numbers, every replication stored in the results
// database as it finishes, and the chosen metrics printed per point.
//
// Everything is validated (the --vary values, every point's scenario, the metric names) before
// the database is opened, so bad input changes nothing. With --resume, an unfinished run of the
// same design (scenario text, variables, overrides, seed, replications) is completed instead
// of starting a new one; its summaries are computed from the stored scalars, so the result is
// the same as an uninterrupted run's. Under mpirun, units are dealt to the ranks (see
// tumen/experiment/sweep_units.hpp); rank 0 prints and writes, the other ranks only compute.
#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common_options.hpp"
#include "interruption.hpp"
#include "memory_budget.hpp"
#include "output_paths.hpp"
#include "progress.hpp"
#include "results_store.hpp"
#include "resume.hpp"
#include "scenario_source.hpp"
#include "tumen/base/error.hpp"
#include "tumen/base/stop.hpp"
#include "tumen/experiment/summary.hpp"
#include "tumen/experiment/sweep.hpp"
#include "tumen/experiment/sweep_units.hpp"
#include "tumen/output/db_sink.hpp"
#include "tumen/output/interval_table.hpp"
#include "tumen/output/json.hpp"
#include "tumen/output/text_columns.hpp"
#include "tumen/results/metric_name.hpp"

namespace tumen::app {

namespace {

const std::vector<std::string> default_metrics = {
    "vehicles_per_day", "persons_per_day", "tonnes_per_day", "max_wait_p95", "max_utilisation"};

struct sweep_args : study_options {
  std::string scenario = default_scenario;
  std::vector<std::string> vary;
  std::vector<std::string> metrics;
  bool resume = false;
};

// The validated input: what every process (every MPI rank) builds the same way.
struct prepared {
  scenario_text source;
  experiment::sweep_plan plan;
  std::vector<std::string> metrics;
};

prepared prepare(const sweep_args& a) {
  diagnostics problems;
  std::vector<scenario::override_spec> sets;
  std::vector<experiment::sweep_variable> variables;
  try {
    sets = parse_overrides(a.sets);
  } catch (const input_error& e) {
    problems.append(e.problems());
  }
  try {
    variables = experiment::parse_vary(a.vary);
  } catch (const input_error& e) {
    problems.append(e.problems());
  }
  if (problems.has_errors()) throw input_error(problems);
  // With the CSV files the scenario, --set and every --vary value name.
  auto named = sets;
  for (const auto& v : variables)
    for (const auto& value : v.values) named.push_back({v.key, value, "--vary"});
  auto source = load_scenario_text(a.scenario, named);

  experiment::sweep_definition d;
  d.scenario_text = source.text;
  d.scenario_source = source.source_name;
  d.sets = std::move(sets);
  d.variant = a.variant;
  d.variables = std::move(variables);
  d.replications = a.replications;
  d.seed = a.seed;
  d.memory_budget = memory_budget_bytes(a.memory_budget_mb);
  experiment::sweep_plan plan(std::move(d));
  auto metrics = a.metrics.empty() ? default_metrics : a.metrics;
  experiment::check_metric_names(plan.scenario_at(0), metrics);
  return {std::move(source), std::move(plan), std::move(metrics)};
}

struct point_summary {
  std::map<std::string, results::interval_row> by_name;

  // The share of the point's replications whose verdict is saturated ("saturated", a flag per
  // replication), and how many replications that is; nullopt when the replications did not report
  // it.
  std::optional<results::interval_row> saturated() const {
    const auto it = by_name.find(
        results::to_string(results::metric_name::crossing(results::figure::saturated)));
    if (it == by_name.end()) return std::nullopt;
    return it->second;
  }
};

std::size_t replications_saturated(const results::interval_row& share) {
  return static_cast<std::size_t>(std::lround(share.mean * static_cast<double>(share.n)));
}

// "none", or "3 of 10" replications saturated.
std::string saturated_cell(const point_summary& s) {
  const auto share = s.saturated();
  if (!share) return "-";
  const auto k = replications_saturated(*share);
  return k == 0 ? "none" : fmt::format("{} of {}", k, share->n);
}

std::string table_text(const prepared& p, const std::vector<point_summary>& summaries,
                       const std::string& how, const output::db_sink& record) {
  const auto& plan = p.plan;
  const auto& d = plan.definition();
  std::vector<std::string> header = {"point"};
  for (const auto& v : d.variables) header.push_back(v.key);
  for (const auto& m : p.metrics) header.push_back(m);
  header.push_back("saturated");
  std::vector<std::vector<std::string>> rows;
  std::size_t saturated_points = 0;
  for (std::size_t i = 0; i < plan.points().size(); ++i) {
    std::vector<std::string> row = {std::to_string(i)};
    for (const auto& v : plan.points()[i].values) row.push_back(v.value);
    for (const auto& m : p.metrics) {
      const auto it = summaries[i].by_name.find(m);
      row.push_back(it == summaries[i].by_name.end() ? "-" : output::format_interval(it->second));
    }
    row.push_back(saturated_cell(summaries[i]));
    if (const auto share = summaries[i].saturated(); share && share->mean > 0) ++saturated_points;
    rows.push_back(std::move(row));
  }
  std::string out = fmt::format(
      "{}: {} point{} × {} replication{} (common random numbers, {})\n"
      "mean ± 95% half-width · {} run {}\n\n",
      plan.scenario_at(0).name, plan.points().size(), plan.points().size() == 1 ? "" : "s",
      d.replications, d.replications == 1 ? "" : "s", how, record.file().string(),
      *record.run_id());
  rows.insert(rows.begin(), std::move(header));
  out += output::aligned(rows, "", output::first_column::right);
  if (saturated_points > 0)
    out += fmt::format(
        "\n{} of {} points saturated in some replications (\"saturated\": how many replications' "
        "verdict was saturated, a backlog that kept growing): their waits describe the vehicles "
        "served, not the backlog left behind.\n",
        saturated_points, plan.points().size());
  return out;
}

nlohmann::json sweep_json(const prepared& p, const std::vector<point_summary>& summaries,
                          const output::db_sink& record) {
  const auto& plan = p.plan;
  nlohmann::json j;
  j["scenario"] = plan.scenario_at(0).name;
  j["scenario_source"] = p.source.source_name;
  j["db"] = record.file().string();
  j["run"] = *record.run_id();
  j["replications"] = plan.definition().replications;
  j["variables"] = nlohmann::json::array();
  for (const auto& v : plan.definition().variables) j["variables"].push_back(v.key);
  j["metrics"] = p.metrics;
  j["points"] = nlohmann::json::array();
  for (std::size_t i = 0; i < plan.points().size(); ++i) {
    nlohmann::json pt;
    pt["point"] = i;
    pt["values"] = nlohmann::json::object();
    for (const auto& v : plan.points()[i].values) pt["values"][v.path] = v.value;
    pt["metrics"] = nlohmann::json::object();
    for (const auto& m : p.metrics) {
      const auto it = summaries[i].by_name.find(m);
      if (it == summaries[i].by_name.end()) continue;
      pt["metrics"][m] = output::to_json(it->second);
    }
    // The share of the point's replications whose verdict was saturated, and their number.
    if (const auto share = summaries[i].saturated()) {
      pt["saturated_share"] = share->mean;
      pt["saturated_replications"] = replications_saturated(*share);
    } else {
      pt["saturated_share"] = nullptr;
      pt["saturated_replications"] = nullptr;
    }
    j["points"].push_back(std::move(pt));
  }
  return j;
}

// MPI ranks other than 0: build the same plan, then compute what rank 0 deals. Silent.
int serve(const sweep_args& a, experiment::unit_runner& runner) {
  std::optional<prepared> p;
  int status = 0;
  try {
    p.emplace(prepare(a));
  } catch (const input_error&) {
    status = 2;
  } catch (const std::exception&) {
    status = 1;
  }
  if (!runner.all_ready(status == 0)) return status ? status : 1;
  try {
    runner.run({}, [&](std::size_t u) { return p->plan.run_unit(u, stop_flag()); }, {});
  } catch (const std::exception&) {
    return 1;
  }
  return 0;
}

int sweep(const sweep_args& a) {
  auto runner = experiment::make_unit_runner(a.jobs);
  if (!runner->writer()) return serve(a, *runner);

  // Validate everything before the database is touched; every process must agree to start.
  std::optional<prepared> prep;
  std::exception_ptr invalid;
  try {
    prep.emplace(prepare(a));
    check_study_paths({a.scenario}, a.db, a.json);
  } catch (...) {
    invalid = std::current_exception();
  }
  const bool everyone = runner->all_ready(!invalid);
  if (invalid) std::rethrow_exception(invalid);
  if (!everyone)
    throw tumen::runtime_error(
        "another MPI rank could not read the sweep's input (every rank reads the scenario "
        "itself: is the file readable on every node?)");
  const auto& p = *prep;
  const auto& plan = p.plan;
  const auto& def = plan.definition();
  if (!plan.warnings().empty()) std::fputs(plan.warnings().to_string().c_str(), stderr);

  auto attrs = run_attributes_for("sweep", p.source, plan.scenario_at(0), plan.seed_at(0),
                                  plan.design_key());
  attrs.extra.emplace_back("replications", std::to_string(def.replications));
  attrs.extra.emplace_back("points", std::to_string(plan.points().size()));
  if (def.variant) attrs.extra.emplace_back("variant", *def.variant);
  for (std::size_t i = 0; i < a.sets.size(); ++i)
    attrs.extra.emplace_back(fmt::format("set.{}", i), a.sets[i]);
  for (std::size_t i = 0; i < a.vary.size(); ++i)
    attrs.extra.emplace_back(fmt::format("vary.{}", i), a.vary[i]);
  attrs.extra.emplace_back("executor", runner->description());

  // Replications are committed by a writer thread (group commit), so neither the workers nor
  // rank 0's dealing wait for the disk. Whatever stops the sweep from here on leaves what
  // finished stored (--resume skips it) and the run marked failed, or interrupted when asked to
  // stop.
  output::db_sink record(a.db, output::db_sink::opening::now, output::db_sink::commits::grouped);
  record.interrupted_when(stop_flag());
  bool resumed = false;
  if (a.resume) {
    resumed = record.resume(attrs);
    if (!resumed) {
      output::results_db db(a.db);
      if (already_complete(db, attrs)) return 0;
    }
    if (!resumed && !a.quiet)
      std::fprintf(stderr, "tumen: no unfinished sweep of this design in %s; starting a new run\n",
                   a.db.c_str());
  }
  if (!resumed) record.begin(attrs);
  std::vector<results::design_point> points;
  for (std::size_t i = 0; i < plan.points().size(); ++i) {
    results::design_point point{static_cast<int>(i), {}};
    for (const auto& v : plan.points()[i].values) point.variables.emplace_back(v.path, v.value);
    points.push_back(std::move(point));
  }
  record.points(points);
  std::vector<std::size_t> todo;
  {
    const auto done = record.stored_units();
    for (std::size_t u = 0; u < plan.unit_count(); ++u) {
      const auto unit = plan.unit_at(u);
      if (!done.count({static_cast<int>(unit.point), unit.replication})) todo.push_back(u);
    }
    if (resumed && !a.quiet)
      std::fprintf(stderr,
                   "tumen: resuming run %lld of %s: %zu of %zu replications stored, %zu to run\n",
                   static_cast<long long>(*record.run_id()), a.db.c_str(),
                   plan.unit_count() - todo.size(), plan.unit_count(), todo.size());
  }

  {
    try {
      progress bar(todo.size(), "replications", a.quiet);
      runner->run(
          todo, [&](std::size_t u) { return plan.run_unit(u, stop_flag()); },
          [&](std::size_t u, std::vector<experiment::named_value>&& scalars) {
            const auto unit = plan.unit_at(u);
            record.replication({static_cast<int>(unit.point), unit.replication,
                                plan.seed_at(unit.point), std::move(scalars)});
            bar.step();
          });
      bar.finish();
    } catch (...) {
      // What finished stays stored (--resume skips it); the sink marks the run interrupted
      // (asked to stop) or failed when it is dropped. Asked to stop, the user is told how to go on.
      if (!stop_requested(stop_flag())) throw;
      std::size_t stored = 0;
      try {
        stored = record.stored_units().size();
      } catch (const std::exception&) {
        throw stopped(how_to_resume(a.db, *record.run_id(), std::nullopt, plan.unit_count()));
      }
      throw stopped(how_to_resume(a.db, *record.run_id(), stored, plan.unit_count()));
    }
  }

  // Summaries from the stored scalars: a resumed run gives exactly what an uninterrupted one
  // does. Every point is checked before any summary is written.
  std::vector<std::vector<results::interval_row>> rows(plan.points().size());
  std::vector<point_summary> summaries(plan.points().size());
  for (std::size_t i = 0; i < plan.points().size(); ++i) {
    const auto stored = record.stored_scalars(static_cast<int>(i));
    if (stored.size() != def.replications)
      throw tumen::runtime_error(fmt::format("{}: run {} point {} has {} of {} replications stored",
                                             a.db, *record.run_id(), i, stored.size(),
                                             def.replications));
    rows[i] = experiment::summarise_scalars(stored).rows();
    for (const auto& r : rows[i]) summaries[i].by_name.emplace(r.name, r);
  }
  for (std::size_t i = 0; i < rows.size(); ++i) record.summary(static_cast<int>(i), rows[i]);
  record.finish(results::run_status::complete);

  for (const auto& m : p.metrics)
    if (std::none_of(summaries.begin(), summaries.end(),
                     [&](const auto& s) { return s.by_name.count(m) > 0; }))
      std::fprintf(stderr, "tumen: warning: no replication reported the metric %s (shown as -)\n",
                   m.c_str());
  if (!a.quiet) std::fputs(table_text(p, summaries, runner->description(), record).c_str(), stdout);
  if (a.json) output::write_json(*a.json, sweep_json(p, summaries, record));
  return 0;
}

}  // namespace

command add_sweep_command(CLI::App& app) {
  auto a = std::make_shared<sweep_args>();
  auto* cmd = app.add_subcommand(
      "sweep", "Run a scenario over a grid of design points with common random numbers");
  cmd->footer(
      "\nExamples:\n"
      "  tumen sweep --vary stages.ru_xray.lanes=1,2,3 --vary demand.scale=0.5:2:0.25 -r 20 -j 4\n"
      "  tumen sweep crossing.toml --vary demand.scale=1:3:0.5 --metrics "
      "vehicles_per_day,max_wait_p95\n"
      "  mpirun -n 64 tumen sweep crossing.toml --vary … -r 100 --db study.db\n"
      "Every replication is stored in the results database as it finishes "
      "(docs/results-database.md);\n"
      "after an interruption, the same command with --resume runs only what is missing.");
  cmd->add_option("scenario", a->scenario,
                  "scenario file or built-in name (default: khasan-tumangang)");
  cmd->add_option("--vary", a->vary,
                  "a design variable: key.path=v1,v2,… or key.path=start:stop:step (repeatable; "
                  "the grid is every combination, the first --vary changing slowest)")
      ->required()
      ->allow_extra_args(false);  // `--vary a=1,2 crossing.toml`: the file is the scenario
  cmd->add_option(
         "-r,--replications", a->replications,
         "replications per point; replication k uses the same random streams at every point")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  cmd->add_option("-j,--jobs", a->jobs,
                  "threads to run replications on (results do not depend on it; under mpirun, "
                  "one unit per rank at a time)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--metrics", a->metrics,
                  "metrics to print, comma-separated (default: vehicles_per_day, persons_per_day, "
                  "tonnes_per_day, max_wait_p95, max_utilisation); every metric is stored")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--db", a->db, "results database to write (default: results.db)");
  cmd->add_flag("--resume", a->resume,
                "complete an unfinished run of the same sweep in the database, skipping the "
                "replications already stored (a complete one: nothing to do, exit 0)");
  cmd->add_option("--json", a->json,
                  "write the printed figures as JSON to FILE (- for standard output)");
  cmd->add_option("--seed", a->seed, "master seed (default: the scenario's run.seed)")
      ->check(whole_number_check);
  cmd->add_option("--set", a->sets,
                  "override a scenario value at every point: key.path=value (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--variant", a->variant, "apply a named [variants.NAME] of the scenario");
  add_quiet_flag(cmd, a->quiet);
  add_memory_budget_option(cmd, a->memory_budget_mb);
  return [a] { return sweep(*a); };
}

}  // namespace tumen::app
