// `tumen compare A B` or `tumen compare SCENARIO --a-set k=v … --b-set k=v …`: two designs run
// with the same seed and replication numbers (common random numbers), and the paired
// difference B − A of each figure with its 95% interval; a difference whose interval excludes
// zero is marked significant.
//
// Shown by default: throughput and the worst wait and utilisation, then each stage's mean and
// p95 wait, mean queue and utilisation, then each yard's waits, utilisation and transfers.
// --all shows every figure (hourly series excepted); --significant only those that differ.
// The results database gets every figure of every replication, the hourly series included: the
// report draws both sides by hour of day with their hourly difference.
#include <fmt/format.h>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common_options.hpp"
#include "decision_support.hpp"
#include "interruption.hpp"
#include "memory_budget.hpp"
#include "output_paths.hpp"
#include "progress.hpp"
#include "results_store.hpp"
#include "scenario_source.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/metrics.hpp"
#include "tumen/experiment/replications.hpp"
#include "tumen/experiment/summary.hpp"
#include "tumen/results/metric_name.hpp"

namespace tumen::app {

namespace {

struct compare_args : study_options {
  std::vector<std::string> scenarios;
  std::vector<std::string> a_sets, b_sets;
  std::optional<std::string> a_variant, b_variant;
  bool all = false;
  bool significant = false;
  bool no_db = false;
};

// One side of the comparison, as read.
struct side {
  scenario_text source;
  std::vector<std::string> sets;  // --set then --a-set / --b-set, as typed
  std::vector<std::string> own;   // --a-set / --b-set only
  std::optional<std::string> variant;
  std::optional<scenario::scenario> model;
  std::string label;  // how the side is described to the reader
};

side read_side(const std::string& name, const std::vector<std::string>& common,
               const std::vector<std::string>& own,
               const std::optional<std::string>& common_variant,
               const std::optional<std::string>& own_variant, const std::string& which,
               diagnostics& problems) {
  side s;
  s.sets = common;
  s.sets.insert(s.sets.end(), own.begin(), own.end());
  s.own = own;
  if (common_variant && own_variant)
    problems.error(
        {}, "--" + which + "-variant",
        fmt::format("both --variant {} and --{}-variant {} given; a scenario takes one variant",
                    *common_variant, which, *own_variant),
        "--variant for both sides, or --a-variant / --b-variant per side");
  s.variant = own_variant ? own_variant : common_variant;
  // The side's own overrides are reported under its own option (--a-set, --b-set).
  std::vector<scenario::override_spec> overrides;
  diagnostics bad;
  for (const auto& [texts, option] :
       {std::pair{&common, std::string("--set")}, std::pair{&own, "--" + which + "-set"}}) {
    try {
      for (auto& o : parse_overrides(*texts, option)) overrides.push_back(std::move(o));
    } catch (const input_error& e) {
      bad.append(e.problems());
    }
  }
  if (bad.has_errors()) {
    problems.append(bad);
    return s;
  }
  try {
    s.source = load_scenario_text(name, overrides);  // with the CSV files it and --set name
  } catch (const input_error& e) {
    problems.append(e.problems());
    return s;
  }
  auto reading = scenario::read(s.source.text, s.source.source_name, overrides, s.variant);
  if (!reading.model) {
    problems.append(reading.problems);
    return s;
  }
  s.model = std::move(reading.model);
  s.label = name;
  if (s.variant) s.label += " --variant " + *s.variant;
  for (const auto& o : own) s.label += " --set " + shell_quote(o);
  return s;
}

// The figures shown without --all, in reading order.
std::vector<std::string> default_metrics(const scenario::scenario& a, const scenario::scenario& b) {
  using results::figure;
  using results::metric_name;
  using results::statistic;
  std::vector<std::string> out;
  for (const figure f : {figure::vehicles_per_day, figure::persons_per_day, figure::tonnes_per_day,
                         figure::max_wait_mean, figure::max_wait_p95, figure::max_utilisation,
                         figure::vehicles_inside_at_end})
    out.push_back(results::to_string(metric_name::crossing(f)));
  std::set<std::string> seen_stages, seen_yards;
  for (const auto* sc : {&a, &b})
    for (const auto& s : sc->stages)
      if (seen_stages.insert(s.id).second)
        for (const auto& m : {metric_name::stage(s.id, figure::wait, statistic::mean),
                              metric_name::stage(s.id, figure::wait, statistic::p95),
                              metric_name::stage(s.id, figure::queue_mean),
                              metric_name::stage(s.id, figure::utilisation)})
          out.push_back(results::to_string(m));
  for (const auto* sc : {&a, &b})
    for (const auto& y : sc->yards)
      if (seen_yards.insert(y.id).second)
        for (const auto& m : {metric_name::yard(y.id, figure::wait, statistic::mean),
                              metric_name::yard(y.id, figure::wait, statistic::p95),
                              metric_name::yard(y.id, figure::utilisation),
                              metric_name::yard(y.id, figure::transfers),
                              metric_name::yard(y.id, figure::tonnes_transferred)})
          out.push_back(results::to_string(m));
  return out;
}

std::vector<results::difference_row> select(const std::vector<results::difference_row>& all,
                                            const std::vector<std::string>& names) {
  std::map<std::string, const results::difference_row*> by;
  for (const auto& d : all) by[d.name] = &d;
  std::vector<results::difference_row> out;
  for (const auto& n : names)
    if (auto it = by.find(n); it != by.end()) out.push_back(*it->second);
  return out;
}

int compare(const compare_args& a) {
  if (a.scenarios.size() > 2)
    throw input_error("compare",
                      fmt::format("takes one or two scenarios, got {}", a.scenarios.size()),
                      "tumen compare A B, or tumen compare SCENARIO --a-set … --b-set …");
  const std::string name_a = a.scenarios.empty() ? default_scenario : a.scenarios[0];
  const std::string name_b = a.scenarios.size() == 2 ? a.scenarios[1] : name_a;
  if (a.scenarios.size() < 2 && a.a_sets.empty() && a.b_sets.empty() && !a.a_variant &&
      !a.b_variant)
    throw input_error("compare", "one scenario and nothing that tells its two sides apart",
                      "a second scenario, or --a-set / --b-set / --a-variant / --b-variant");

  diagnostics problems;
  auto A = read_side(name_a, a.sets, a.a_sets, a.variant, a.a_variant, "a", problems);
  auto B = read_side(name_b, a.sets, a.b_sets, a.variant, a.b_variant, "b", problems);
  if (problems.has_errors()) throw input_error(problems);
  check_study_paths({name_a, name_b}, a.no_db ? std::nullopt : std::optional(a.db), a.json);
  const auto& sa = *A.model;
  const auto& sb = *B.model;

  // Common random numbers: the same seed and replication numbers on both sides.
  const std::uint64_t seed = a.seed.value_or(sa.run.seed);
  std::vector<std::string> notes;
  if (!a.seed && sb.run.seed != sa.run.seed)
    notes.push_back(
        fmt::format("B's run.seed ({}) differs from A's; both sides run with A's seed {} "
                    "so that their replications pair up",
                    sb.run.seed, seed));
  if (sa.run.days != sb.run.days || sa.run.warmup != sb.run.warmup)
    notes.push_back(
        "the two sides run for different lengths (run.days / run.warmup): per-day "
        "figures compare, totals do not");

  std::string design =
      fmt::format("compare replications={} a={} b={}", a.replications, A.label, B.label);
  for (const auto& s : a.sets) design += " set=" + s;
  auto attrs = run_attributes_for("compare", A.source, sa, seed, design);
  attrs.extra.emplace_back("replications", std::to_string(a.replications));
  attrs.extra.emplace_back("a", A.label);
  attrs.extra.emplace_back("b", B.label);
  if (B.source.source_name != A.source.source_name)
    attrs.extra.emplace_back("b.scenario_source", B.source.source_name);
  for (std::size_t i = 0; i < a.sets.size(); ++i)
    attrs.extra.emplace_back(fmt::format("set.{}", i), a.sets[i]);
  if (a.variant) attrs.extra.emplace_back("variant", *a.variant);
  if (a.a_variant) attrs.extra.emplace_back("a.variant", *a.a_variant);
  if (a.b_variant) attrs.extra.emplace_back("b.variant", *a.b_variant);
  const auto record = decision_record(a.no_db, a.db, attrs);
  experiment::point_recorder rec(record.get());

  auto ex = experiment::make_executor(a.jobs);
  experiment::replication_options opts;
  opts.seed = seed;
  opts.stop = stop_flag();
  opts.memory_budget = memory_budget_bytes(a.memory_budget_mb);
  std::vector<std::vector<results::replication_result>> runs;
  for (const auto* s : {&A, &B}) {
    progress bar(a.replications, s == &A ? "replications of A" : "replications of B", a.quiet);
    opts.on_done = [&](std::size_t k, const results::replication_result& r) {
      bar.step();
      rec.replication(k, seed, experiment::scalars(r, true));
    };
    runs.push_back(experiment::run_replications(*s->model, a.replications, *ex, opts));
    bar.finish();
    // A point's variables are the overrides of that side alone (--a-set / --b-set); the common
    // --set list, the variants and B's file are run attributes.
    std::vector<std::pair<std::string, std::string>> vars;
    for (const auto& text : s->own) {
      const auto o = scenario::parse_override(text);
      vars.emplace_back(o.path, o.value);
    }
    rec.point(s == &A ? 0 : 1, vars);
  }
  const auto diffs = experiment::compare(runs[0], runs[1]);
  // Each side's verdict: a difference in waits means little when one side's queues kept growing.
  const std::array<experiment::point_saturation, 2> verdicts = {
      experiment::assess_saturation(runs[0]), experiment::assess_saturation(runs[1])};
  if (record) record->finish(results::run_status::complete);

  const auto shown = a.all ? diffs : select(diffs, default_metrics(sa, sb));
  std::size_t significant = 0;
  for (const auto& d : shown) significant += d.significant() ? 1 : 0;
  std::size_t significant_all = 0;
  for (const auto& d : diffs) significant_all += d.significant() ? 1 : 0;

  if (!a.quiet && a.json != "-") {
    for (const auto& n : notes) std::fprintf(stderr, "tumen: note: %s\n", n.c_str());
    std::string out = fmt::format("A: {}\nB: {}\n", A.label, B.label);
    if (!a.sets.empty() || a.variant) {
      out += "Both:";
      if (a.variant) out += " --variant " + *a.variant;
      for (const auto& o : a.sets) out += " --set " + shell_quote(o);
      out += "\n";
    }
    out += fmt::format(
        "{} replications each, seed {}, replications 0–{} on both sides (common random "
        "numbers)\n\n",
        a.replications, seed, a.replications - 1);
    out +=
        fmt::format("A: {}\nB: {}\n", saturation_text(verdicts[0]), saturation_text(verdicts[1]));
    if (verdicts[0].fails() || verdicts[1].fails())
      out +=
          "A saturated side's waits describe the vehicles it served, not the backlog it left: "
          "compare its backlog and verdict, not its waits.\n";
    out += "\n";
    out += output::differences_text(shown, "A", "B", a.significant);
    out += fmt::format("\n{} of {} figures shown differ significantly", significant, shown.size());
    if (!a.all)
      out += fmt::format(" ({} of {} among all figures; --all shows them)", significant_all,
                         diffs.size());
    out += ".\n";
    if (const auto recorded = recorded_text(record.get()); !recorded.empty())
      out += recorded + "\n";
    std::fputs(out.c_str(), stdout);
  }
  if (a.json) {
    nlohmann::json j;
    j["command"] = "compare";
    j["a"] = {{"label", A.label},
              {"scenario", sa.name},
              {"scenario_source", A.source.source_name},
              {"sets", A.sets}};
    j["b"] = {{"label", B.label},
              {"scenario", sb.name},
              {"scenario_source", B.source.source_name},
              {"sets", B.sets}};
    j["a"]["verdict"] = saturation_json(verdicts[0]);
    j["b"]["verdict"] = saturation_json(verdicts[1]);
    j["seed"] = seed;
    j["replications"] = a.replications;
    j["confidence"] = 0.95;
    j["notes"] = notes;
    j["differences"] = nlohmann::json::array();
    for (const auto& d : a.all ? diffs : shown) {
      if (a.significant && !d.significant()) continue;
      j["differences"].push_back(output::to_json(d));
    }
    j["significant"] = significant;
    add_record_json(j, record.get());
    output::write_json(*a.json, j);
  }
  return 0;
}

}  // namespace

command add_compare_command(CLI::App& app) {
  auto a = std::make_shared<compare_args>();
  auto* cmd = app.add_subcommand(
      "compare",
      "Compare two designs under common random numbers: paired differences with intervals");
  cmd->footer(
      "\nBoth sides run the same replications with the same seed, so their difference is not "
      "luck:\n"
      "each figure's B − A comes with a 95% interval (paired Student t), marked * when it\n"
      "excludes zero. --set and --variant apply to both sides, --a-set/--b-set and\n"
      "--a-variant/--b-variant to one.\n\n"
      "Examples:\n"
      "  tumen compare --a-variant hours_kraskino --b-variant hours_16h -r 20 -j 4\n"
      "  tumen compare reference/mm3 --a-set stages.server.lanes=3 --b-set stages.server.lanes=4\n"
      "  tumen compare before.toml after.toml --all --json diff.json");
  cmd->add_option("scenarios", a->scenarios,
                  "one or two scenario files or built-in names (default: khasan-tumangang)");
  cmd->add_option("--set", a->sets, "override a value on both sides: key.path=value (repeatable)");
  cmd->add_option("--a-set", a->a_sets, "override a value of side A only (repeatable)");
  cmd->add_option("--b-set", a->b_sets, "override a value of side B only (repeatable)");
  cmd->add_option("--variant", a->variant, "apply a named [variants.NAME] on both sides");
  cmd->add_option("--a-variant", a->a_variant, "apply a named variant to side A");
  cmd->add_option("--b-variant", a->b_variant, "apply a named variant to side B");
  cmd->add_option("-r,--replications", a->replications,
                  "replications per side (at least 2; default 10)")
      ->check(CLI::Range(std::size_t{2}, std::size_t{1000000}));
  add_jobs_option(cmd, a->jobs);
  cmd->add_option("--seed", a->seed, "master seed for both sides (default: A's run.seed)");
  cmd->add_flag("--all", a->all,
                "show every figure (hourly series excepted), not only the main ones");
  cmd->add_flag("--significant", a->significant, "show only the figures that differ significantly");
  cmd->add_option("--json", a->json,
                  "write the differences as JSON to FILE (- for standard output)");
  add_record_options(cmd, a->db, a->no_db);
  add_quiet_flag(cmd, a->quiet);
  add_memory_budget_option(cmd, a->memory_budget_mb);
  return [a] { return compare(*a); };
}

}  // namespace tumen::app
