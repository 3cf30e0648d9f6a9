// `tumen capacity [SCENARIO] --target "p95_wait <= 2 h" …`: the highest demand scale at which
// every target is met with stated confidence, and what the crossing clears there.
//
// Everything (scenario, overrides, targets and their metric names, options) is checked before
// anything runs or is written. "No scale in the range meets the targets" is an answer, not a
// failure: it is stated plainly and the exit status is 0 (scripts read "verdict" in --json).
#include <fmt/format.h>
#include <unistd.h>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "decision_support.hpp"
#include "interruption.hpp"
#include "output_paths.hpp"
#include "progress.hpp"
#include "results_store.hpp"
#include "scenario_source.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/capacity_search.hpp"
#include "tumen/experiment/metrics.hpp"
#include "tumen/output/text_columns.hpp"

namespace tumen::app {

namespace {

struct capacity_args : decision_options {
  double lo = 0.1;
  std::optional<double> hi;
  double max_scale = 64;
  double tolerance = 0.02;
  int max_evaluations = 40;
};

std::string scale_text(double s) {
  return fmt::format("× {:.3f}", s);
}

std::string verdict_text(const experiment::capacity_evaluation& e) {
  std::string v = e.verdict == experiment::scale_verdict::met        ? "met"
                  : e.verdict == experiment::scale_verdict::too_high ? "fails"
                                                                     : "fails (too little demand)";
  if (e.saturation.saturated > 0)
    v += fmt::format(", saturated in {} of {}", e.saturation.saturated, e.saturation.replications);
  if (e.saturation.capped > 0) v += fmt::format(", {} at the cap", e.saturation.capped);
  return v;
}

std::string history_text(const std::vector<experiment::target>& targets,
                         const std::vector<experiment::capacity_evaluation>& history) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head = {"scale"};
  for (const auto& t : targets) head.push_back(t.text);
  head.push_back("");
  rows.push_back(head);
  for (const auto& e : history) {
    std::vector<std::string> row = {scale_text(e.scale)};
    for (std::size_t i = 0; i < targets.size(); ++i)
      row.push_back(outcome_text(targets[i], e.targets[i]) + (e.targets[i].met ? " ok" : " NO"));
    row.push_back(verdict_text(e));
    rows.push_back(std::move(row));
  }
  std::string out = output::aligned(rows);
  // Why each failing scale failed; a saturated scale fails whatever its targets say.
  std::string why;
  bool saturated = false;
  for (const auto& e : history)
    if (!e.met() && !e.reasons.empty()) {
      saturated = saturated || e.saturation.fails();
      why += fmt::format("  {}: ", scale_text(e.scale));
      for (std::size_t i = 0; i < e.reasons.size(); ++i) why += (i ? "; " : "") + e.reasons[i];
      why += "\n";
    }
  if (!why.empty())
    out +=
        std::string("\nWhy scales failed") +
        (saturated ? " (a saturated scale fails whatever the waits of the vehicles served)" : "") +
        ":\n" + why;
  return out;
}

std::string result_text(const scenario::scenario& sc, const capacity_args& a,
                        const std::vector<experiment::target>& targets,
                        const experiment::capacity_result& r, const std::string& how) {
  std::string out = fmt::format(
      "{}: capacity search, {} replications per scale (common random numbers, {})\n"
      "A target is met when the whole 95% interval of its mean lies on its side of the bound\n"
      "(\"high\"/\"low\" below is the end compared). Scale 1 = the scenario's demand.\n\n",
      sc.name, a.replications, how);
  out += history_text(targets, r.history);
  out += "\n";
  using experiment::capacity_verdict;
  if (r.verdict == capacity_verdict::none) {
    out += fmt::format(
        "No scale tried meets every target: even the lowest, {}, fails.\n"
        "The crossing cannot meet these targets at any demand from {} up. Lower --lo or relax the "
        "targets.\n",
        scale_text(r.history.empty() ? a.lo : r.history.back().scale), scale_text(a.lo));
    return out;
  }
  if (r.verdict == capacity_verdict::at_least) {
    out += fmt::format(
        "Every target is still met at {}, the largest scale tried: the capacity is at least that.\n"
        "Raise --max-scale (or --hi) to look further.\n",
        scale_text(*r.best));
  } else if (r.converged) {
    out +=
        fmt::format("Highest demand meeting every target: {} ({} fails; bracket within {:.0f}%).\n",
                    scale_text(*r.best), scale_text(*r.failed_above), 100 * a.tolerance);
  } else {
    out += fmt::format(
        "Highest demand found meeting every target: {}; {} fails. The bracket was not narrowed to "
        "{:.0f}% within {} evaluations.\n",
        scale_text(*r.best), scale_text(*r.failed_above), 100 * a.tolerance, a.max_evaluations);
  }
  out += fmt::format(
      "Demand offered at {}: {} vehicles a day arrive as [[demand]] (weekly mean; trucks loaded or "
      "emptied at yards come on top)\n\n",
      scale_text(*r.best), output::format_number(r.offered_vehicles_per_day));
  auto cell = [&](const char* name) {
    return r.at_best.contains(name) ? output::format_interval(r.at_best.at(name))
                                    : std::string("-");
  };
  auto design = [](const std::optional<double>& d) {
    return d ? output::format_number(*d) : std::string("-");
  };
  out += output::aligned(
      {{fmt::format("Cleared per day at {}", scale_text(*r.best)), "simulated", "design"},
       {"  vehicles", cell("vehicles_per_day"), design(sc.design.vehicles_per_day)},
       {"  persons", cell("persons_per_day"), design(sc.design.persons_per_day)},
       {"  tonnes", cell("tonnes_per_day"), design(sc.design.tonnes_per_day)}},
      "");
  return out;
}

nlohmann::json result_json(const scenario::scenario& sc, const scenario_text& source,
                           const capacity_args& a, const std::vector<experiment::target>& targets,
                           const experiment::capacity_result& r, const output::db_sink* record) {
  auto j = search_json("capacity", sc, source, a, targets);
  j["options"] = {{"lo", a.lo},
                  {"hi", a.hi ? nlohmann::json(*a.hi) : nlohmann::json(nullptr)},
                  {"max_scale", a.max_scale},
                  {"tolerance", a.tolerance},
                  {"max_evaluations", a.max_evaluations}};
  using experiment::capacity_verdict;
  j["verdict"] = r.verdict == capacity_verdict::found      ? "found"
                 : r.verdict == capacity_verdict::at_least ? "at_least"
                                                           : "none";
  j["best_scale"] = r.best ? nlohmann::json(*r.best) : nlohmann::json(nullptr);
  j["failed_above"] = r.failed_above ? nlohmann::json(*r.failed_above) : nlohmann::json(nullptr);
  j["converged"] = r.converged;
  j["base_demand_scale"] = sc.run.demand_scale;
  if (r.best) {
    j["offered_vehicles_per_day"] = r.offered_vehicles_per_day;
    j["at_best"] = nlohmann::json::object();
    for (const auto& row : r.at_best.rows()) j["at_best"][row.name] = output::to_json(row);
  }
  j["history"] = nlohmann::json::array();
  for (const auto& e : r.history) {
    nlohmann::json h = {{"scale", e.scale},
                        {"verdict", e.met()                                            ? "met"
                                    : e.verdict == experiment::scale_verdict::too_high ? "too_high"
                                                                                       : "too_low"},
                        {"saturated", e.saturated},
                        {"saturation", saturation_json(e.saturation)},
                        {"reasons", e.reasons}};
    h["targets"] = nlohmann::json::array();
    for (const auto& o : e.targets) h["targets"].push_back(outcome_json(o));
    j["history"].push_back(std::move(h));
  }
  add_record_json(j, record);
  return j;
}

int capacity(const capacity_args& a) {
  const auto input = read_decision_input(a);
  check_study_paths({a.scenario}, a.no_db ? std::nullopt : std::optional(a.db), a.json);
  const auto& source = input.source;
  const auto& sc = input.model;
  const auto& targets = input.targets;

  const std::uint64_t seed = a.seed.value_or(sc.run.seed);
  bool hourly = false;
  std::string design =
      fmt::format("capacity replications={} lo={} hi={} max_scale={} tolerance={}", a.replications,
                  a.lo, a.hi ? fmt::format("{}", *a.hi) : "auto", a.max_scale, a.tolerance) +
      memory_budget_design(a.memory_budget_mb);
  for (const auto& t : targets)
    if (t.metric.find(".hourly.") != std::string::npos) hourly = true;
  const auto record = decision_record(
      a.no_db, a.db,
      decision_attributes("capacity", input, seed, std::move(design), a.replications));
  experiment::point_recorder rec(record.get());

  auto ex = experiment::make_executor(a.jobs);
  const bool chatty = !a.quiet && ::isatty(2);
  std::optional<progress> bar;
  int point = 0;
  experiment::capacity_options o;
  o.replications = a.replications;
  o.lo = a.lo;
  o.hi = a.hi;
  o.max_scale = a.max_scale;
  o.tolerance = a.tolerance;
  o.max_evaluations = a.max_evaluations;
  o.replication.seed = seed;
  o.replication.stop = stop_flag();
  o.replication.memory_budget = memory_budget_bytes(a.memory_budget_mb);
  o.on_replication = [&](std::size_t k, const results::replication_result& r) {
    if (!bar) bar.emplace(a.replications, "replications", a.quiet);
    bar->step();
    rec.replication(k, seed, experiment::scalars(r, hourly));
  };
  o.on_evaluation = [&](const experiment::capacity_evaluation& e) {
    bar.reset();
    rec.point(point++, {{"run.demand_scale", fmt::format("{}", sc.run.demand_scale * e.scale)}});
    if (chatty)
      std::fprintf(stderr, "tumen: %s: %s\n", scale_text(e.scale).c_str(), verdict_text(e).c_str());
  };
  const auto r = experiment::find_capacity(sc, targets, *ex, o);

  using experiment::capacity_verdict;
  std::vector<std::pair<std::string, std::string>> outcome = {
      {"capacity.verdict", r.verdict == capacity_verdict::found      ? "found"
                           : r.verdict == capacity_verdict::at_least ? "at_least"
                                                                     : "none"}};
  if (r.best) outcome.emplace_back("capacity.best_scale", fmt::format("{}", *r.best));
  if (r.failed_above)
    outcome.emplace_back("capacity.failed_above", fmt::format("{}", *r.failed_above));
  return finish_search(
      a, record.get(), *ex, outcome,
      [&](const std::string& how) { return result_text(sc, a, targets, r, how); },
      [&] { return result_json(sc, source, a, targets, r, record.get()); });
}

}  // namespace

command add_capacity_command(CLI::App& app) {
  auto a = std::make_shared<capacity_args>();
  auto* cmd = app.add_subcommand(
      "capacity", "Find the highest demand that still meets waiting (or other) targets");
  cmd->footer(
      "\nTargets are METRIC OP VALUE [UNIT]: OP is <=, <, >= or >; durations take a unit\n"
      "(\"2 h\", \"30 min\", \"45 s\"), other metrics a bare number. Aliases: p95_wait = "
      "max_wait_p95,\n"
      "mean_wait = max_wait_mean, utilisation = max_utilisation (the worst stage or yard).\n"
      "A target is met when the whole 95% interval of its across-replication mean is on its side\n"
      "of the bound (a one-sided 97.5% confidence bound). Every scale runs the same replications.\n"
      "The search brackets (from 1, doubling while met, or down to --lo) and then bisects.\n"
      "Exit status 0 also when no scale in the range meets the targets (\"verdict\": \"none\").\n\n"
      "Examples:\n"
      "  tumen capacity --target \"p95_wait <= 2 h\" -r 20 -j 4\n"
      "  tumen capacity reference/mm1 --target \"stage.server.wait.mean <= 5 min\" --json "
      "cap.json");
  cmd->add_option("scenario", a->scenario,
                  "scenario file or built-in name (default: khasan-tumangang)");
  add_search_options(cmd, *a, "a target METRIC OP VALUE [UNIT] (repeatable; all must hold)",
                     "replications per scale (at least 2; default 10)");
  cmd->add_option("--lo", a->lo, "lowest demand scale considered (default 0.1)");
  cmd->add_option("--hi", a->hi, "top of the bracket (default: start at 1 and double while met)");
  cmd->add_option("--max-scale", a->max_scale, "doubling stops at this scale (default 64)");
  cmd->add_option("--tolerance", a->tolerance,
                  "relative width of the final bracket (default 0.02)");
  cmd->add_option("--max-evaluations", a->max_evaluations, "most scales to simulate (default 40)");
  add_run_options(cmd, *a);
  return [a] { return capacity(*a); };
}

}  // namespace tumen::app
