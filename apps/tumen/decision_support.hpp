// What the decision commands (capacity, staff, compare) share: reading the scenario and targets,
// text and JSON for targets and their outcomes, and the run's record in the results
// database, written point by point.
//
//   const auto record = decision_record(a.no_db, a.db, attrs);   // nullptr with --no-db
//   experiment::point_recorder rec(record.get());
//   rec.replication(k, seed, experiment::scalars(result, false));   // kept until its point
//   rec.point(0, {{"run.demand_scale", "1.5"}});   // opens the database on first use, writes
//                                                  // the point, its replications and summary
//   return finish_search(a, record.get(), *ex, {{"capacity.verdict", "found"}}, text, json);
#pragma once

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common_options.hpp"
#include "interruption.hpp"
#include "memory_budget.hpp"
#include "results_store.hpp"
#include "scenario_source.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/executor.hpp"
#include "tumen/experiment/point_recorder.hpp"
#include "tumen/experiment/point_saturation.hpp"
#include "tumen/experiment/summary.hpp"
#include "tumen/experiment/target.hpp"
#include "tumen/output/db_sink.hpp"
#include "tumen/output/format.hpp"
#include "tumen/output/interval_table.hpp"
#include "tumen/output/json.hpp"
#include "tumen/results/metric_units.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::app {

// The options capacity and staff share; each command's own arguments derive from it.
struct decision_options : study_options {
  std::string scenario = default_scenario;
  std::vector<std::string> targets;
  bool no_db = false;
};

// --target, -r and -j, with the command's own wording.
inline void add_search_options(CLI::App* cmd, decision_options& o, const std::string& target_help,
                               const std::string& replications_help) {
  cmd->add_option("--target", o.targets, target_help)->required();
  cmd->add_option("-r,--replications", o.replications, replications_help)
      ->check(CLI::Range(std::size_t{2}, std::size_t{1000000}));
  add_jobs_option(cmd, o.jobs);
}

// --seed, --set, --variant, --json, --db, --no-db, -q and --memory-budget.
inline void add_run_options(CLI::App* cmd, decision_options& o) {
  cmd->add_option("--seed", o.seed, "master seed (default: the scenario's run.seed)");
  add_scenario_changes(cmd, o.sets, o.variant);
  cmd->add_option("--json", o.json,
                  "write the search and its result as JSON to FILE (- for standard output)");
  add_record_options(cmd, o.db, o.no_db);
  add_quiet_flag(cmd, o.quiet);
  add_memory_budget_option(cmd, o.memory_budget_mb);
}

// What a decision command (capacity, staff) reads before it runs anything: the scenario with its
// --set overrides and --variant, and its --target list. Every bad override and target is
// reported in one input_error; the scenario's warnings go to standard error unless `quiet`.
struct decision_input {
  scenario_text source;
  std::vector<std::string> sets;  // as written
  std::optional<std::string> variant;
  std::vector<scenario::override_spec> overrides;
  scenario::scenario model;
  std::vector<experiment::target> targets;
};

inline decision_input read_decision_input(const decision_options& o) {
  decision_input in;
  in.sets = o.sets;
  in.variant = o.variant;
  diagnostics problems;
  try {
    in.overrides = parse_overrides(o.sets);
  } catch (const input_error& e) {
    problems.append(e.problems());
  }
  // After the overrides: a --set may name a CSV file beside the scenario.
  in.source = load_scenario_text(o.scenario, in.overrides);
  try {
    in.targets = experiment::parse_targets(o.targets);
  } catch (const input_error& e) {
    problems.append(e.problems());
  }
  if (problems.has_errors()) throw input_error(problems);
  auto reading = scenario::read(in.source.text, in.source.source_name, in.overrides, o.variant);
  if (!reading.model) throw input_error(reading.problems);
  if (!reading.problems.empty() && !o.quiet)
    std::fputs(reading.problems.to_string().c_str(), stderr);
  in.model = std::move(*reading.model);
  return in;
}

// What a decision run records of itself: `design` is the command's own options ("capacity
// replications=10 lo=…"); every target, --set and --variant is added to it and also recorded as
// an attribute of its own, after the command's `extra` attributes and before the replication
// count.
inline results::run_attributes decision_attributes(
    std::string kind, const decision_input& in, std::uint64_t seed, std::string design,
    std::size_t replications, std::vector<std::pair<std::string, std::string>> extra = {}) {
  for (const auto& t : in.targets) design += " target=" + t.text;
  for (const auto& s : in.sets) design += " set=" + s;
  if (in.variant) design += " variant=" + *in.variant;
  auto attrs = run_attributes_for(std::move(kind), in.source, in.model, seed, std::move(design));
  attrs.extra = std::move(extra);
  for (std::size_t i = 0; i < in.targets.size(); ++i)
    attrs.extra.emplace_back(fmt::format("target.{}", i), in.targets[i].text);
  for (std::size_t i = 0; i < in.sets.size(); ++i)
    attrs.extra.emplace_back(fmt::format("set.{}", i), in.sets[i]);
  if (in.variant) attrs.extra.emplace_back("variant", *in.variant);
  attrs.extra.emplace_back("replications", std::to_string(replications));
  return attrs;
}

// A figure of `metric` as a reader wants it: durations in min/h, other numbers plainly.
inline std::string value_text(const std::string& metric, double v) {
  return results::is_duration_metric(metric) ? output::format_duration(v)
                                             : output::format_number(v);
}

inline nlohmann::json target_json(const experiment::target& t) {
  return {{"text", t.text},
          {"metric", t.metric},
          {"op", std::string(experiment::symbol(t.op))},
          {"bound", t.bound},
          {"unit", t.duration ? "s" : ""}};
}

// What every search's JSON starts with: the command, the scenario, the replications, the
// confidence level and the targets.
inline nlohmann::json search_json(const char* command_name, const scenario::scenario& sc,
                                  const scenario_text& source, const decision_options& a,
                                  const std::vector<experiment::target>& targets) {
  nlohmann::json j;
  j["command"] = command_name;
  j["scenario"] = sc.name;
  j["scenario_source"] = source.source_name;
  j["replications"] = a.replications;
  j["confidence"] = 0.95;
  j["targets"] = nlohmann::json::array();
  for (const auto& t : targets) j["targets"].push_back(target_json(t));
  return j;
}

inline nlohmann::json outcome_json(const experiment::target_outcome& o) {
  auto j = output::to_json(o.estimate);
  j["metric"] = o.metric;
  j["compared"] = output::number_or_null(o.compared);
  j["met"] = o.met;
  return j;
}

// "1.23 h ± 0.05 h", and the end of the interval held against the bound: "≤ 1.28 h".
inline std::string outcome_text(const experiment::target& t, const experiment::target_outcome& o) {
  return output::format_interval(o.estimate) + "  (" + (t.upper() ? "high " : "low ") +
         value_text(o.estimate.name, o.compared) + ")";
}

// A design point's verdict across its replications, for the JSON of a decision command: how many
// replications were saturated (verdict saturated), stable only by losing vehicles, stopped at
// the safety cap; the share saturated; and the elements that saturated.
inline nlohmann::json saturation_json(const experiment::point_saturation& s) {
  nlohmann::json j = {{"replications", s.replications},     {"saturated", s.saturated},
                      {"saturated_share", s.share()},       {"stable_by_losing", s.losing},
                      {"stopped_at_cap", s.capped},         {"fails", s.fails()},
                      {"elements", nlohmann::json::array()}};
  for (const auto& e : s.elements)
    j["elements"].push_back({{"kind", e.kind},
                             {"element", e.element},
                             {"lane_group", e.lane_group},
                             {"replications", e.replications},
                             {"growth_per_day", e.growth_per_day}});
  return j;
}

// One line on a design point's verdict: "stable in all 10 replications", "stable in 8 of 10
// replications, 2 only by losing vehicles", or why it fails (experiment::describe).
inline std::string saturation_text(const experiment::point_saturation& s) {
  if (s.fails()) return experiment::describe(s);
  if (s.losing == 0) return fmt::format("stable in all {} replications", s.replications);
  return fmt::format(
      "stable in {} of {} replications, {} only by losing vehicles (abandoned or "
      "turned away)",
      s.replications - s.losing, s.replications, s.losing);
}

// The record of a decision run (capacity, staff, compare) in the results database, opened when its
// first point is written so that input errors found before leave the database alone; nullptr
// with --no-db. Its points go through an experiment::point_recorder; a record dropped before
// finish() marks the run "failed" ("interrupted" after Ctrl-C or SIGTERM).
inline std::unique_ptr<output::db_sink> decision_record(bool no_db, const std::string& file,
                                                        const results::run_attributes& attrs) {
  if (no_db) return nullptr;
  auto record = std::make_unique<output::db_sink>(file, output::db_sink::opening::at_first_write);
  record->interrupted_when(stop_flag());
  record->begin(attrs);
  return record;
}

// "Recorded in results.db run 12.", for the text a decision command prints; empty when nothing
// was recorded.
inline std::string recorded_text(const output::db_sink* record) {
  return record && record->run_id() ? "Recorded in " + record->where() + "." : std::string();
}

// {"where": "results.db run 12", "run": 12} under "db" in a decision command's JSON, when
// recorded.
inline void add_record_json(nlohmann::json& j, const output::db_sink* record) {
  if (record && record->run_id())
    j["db"] = {{"where", record->where()}, {"run", *record->run_id()}};
}

// The end of a search (capacity, staff): completes its record with the outcome's attributes,
// prints the result, made by text(how) where `how` says how the replications ran, unless -q or
// JSON on standard output, and writes json() to --json.
template <class Text, class Json>
int finish_search(const decision_options& a, output::db_sink* record,
                  const experiment::executor& ex,
                  const std::vector<std::pair<std::string, std::string>>& outcome, Text&& text,
                  Json&& json) {
  if (record) {
    for (const auto& [key, value] : outcome) record->attribute(key, value);
    record->finish(results::run_status::complete);
  }
  const std::string how = ex.workers() == 1 ? "serial" : fmt::format("{} threads", ex.workers());
  if (!a.quiet && a.json != "-") {
    std::fputs(text(how).c_str(), stdout);
    if (const auto recorded = recorded_text(record); !recorded.empty())
      std::printf("\n%s\n", recorded.c_str());
  }
  if (a.json) output::write_json(*a.json, json());
  return 0;
}

}  // namespace tumen::app
