// `tumen calibrate [SCENARIO] --observed FILE --fit KEY=LO..HI …`: the values of a few scenario
// parameters that best reproduce observed hourly series, with their uncertainty, fit figures per
// series on the fitted and the held-out hours, and the fitted scenario written out.
//
// Everything (scenario, overrides, parameters at both ends of their bounds, the observations and
// their metric names, output paths) is checked before anything runs or is written. Every
// evaluation is a design point of the run in the results database, its replications stored as
// they finish; with --resume an interrupted calibration replays the stored evaluations (the
// optimiser is deterministic) and simulates only the rest.
#include <fmt/format.h>
#include <unistd.h>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
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
#include "tumen/experiment/calibration.hpp"
#include "tumen/experiment/metrics.hpp"
#include "tumen/experiment/observations.hpp"
#include "tumen/experiment/point_recorder.hpp"
#include "tumen/output/atomic_file.hpp"
#include "tumen/output/db_sink.hpp"
#include "tumen/output/format.hpp"
#include "tumen/output/json.hpp"
#include "tumen/output/sha256.hpp"
#include "tumen/output/text_columns.hpp"

namespace tumen::app {

namespace {

struct calibrate_args : study_options {
  calibrate_args() { replications = 4; }
  std::string scenario = default_scenario;
  std::string observed;
  std::vector<std::string> fit;
  std::string holdout = "3,7,11,15,19,23";
  int max_evaluations = 40;
  std::optional<std::string> write;
  bool no_db = false;
  bool resume = false;
};

// "none", or hours and ranges: "3,7,11" or "18-23".
std::set<int> parse_hours(const std::string& text) {
  std::set<int> out;
  if (text == "none" || text.empty()) return out;
  const auto fail = [&] {
    throw input_error("--holdout-hours", "expected hours 0 … 23 or ranges, got '" + text + "'",
                      "none, 3,7,11,15,19,23 or 18-23");
  };
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    int a = -1, b = -1;
    char dash = 0;
    std::stringstream p(part);
    if (!(p >> a)) fail();
    if (p >> dash) {
      if (dash != '-' || !(p >> b)) fail();
    } else {
      b = a;
    }
    std::string rest;
    if (p >> rest) fail();
    if (a < 0 || b > 23 || a > b) fail();
    for (int h = a; h <= b; ++h) out.insert(h);
  }
  return out;
}

std::string hours_text(const std::set<int>& hours) {
  if (hours.empty()) return "none";
  std::string s;
  for (int h : hours) s += (s.empty() ? "" : ", ") + std::to_string(h);
  return s;
}

struct prepared {
  scenario_text source;
  std::string observed_text;
  experiment::calibration_problem problem;
  std::optional<scenario::scenario> model;  // as given (its --set and --variant), read once
};

prepared prepare(const calibrate_args& a) {
  prepared p;
  diagnostics problems;
  auto& pr = p.problem;
  try {
    pr.sets = parse_overrides(a.sets);
  } catch (const input_error& e) {
    problems.append(e.problems());
  }
  // With the overrides, so that the CSV files a --set names are read too.
  p.source = load_scenario_text(a.scenario, pr.sets);
  pr.scenario_text = p.source.text;
  pr.scenario_source = p.source.source_name;
  pr.variant = a.variant;
  pr.replications = a.replications;
  pr.max_evaluations = a.max_evaluations;
  pr.memory_budget = memory_budget_bytes(a.memory_budget_mb);
  const auto collect = [&](auto&& step) {
    try {
      step();
    } catch (const input_error& e) {
      problems.append(e.problems());
    }
  };
  for (const auto& f : a.fit)
    collect([&] { pr.parameters.push_back(experiment::parse_fit_parameter(f)); });
  collect([&] { pr.holdout_hours = parse_hours(a.holdout); });
  bool observations_read = false;
  collect([&] {
    std::ifstream in(a.observed, std::ios::binary);
    if (!in) throw input_error(a.observed, "cannot read the observations file");
    std::ostringstream buf;
    buf << in.rdbuf();
    p.observed_text = buf.str();
    pr.observed = experiment::read_observations(p.observed_text, a.observed);
    observations_read = true;
  });
  // The parameters are checked against the scenario even when the observations could not be
  // read, so that one pass shows every problem.
  collect([&] { experiment::check_problem(pr, observations_read); });
  if (problems.has_errors()) throw input_error(problems);
  p.model = scenario::parse(pr.scenario_text, pr.scenario_source, pr.sets, pr.variant);
  pr.seed = a.seed.value_or(p.model->run.seed);
  return p;
}

std::string design_of(const calibrate_args& a, const prepared& p) {
  std::string d = fmt::format(
      "calibrate replications={} max_evaluations={} holdout={} observed={}", a.replications,
      a.max_evaluations, hours_text(p.problem.holdout_hours), output::sha256_hex(p.observed_text));
  for (const auto& f : p.problem.parameters)
    d += fmt::format(" fit={}={}..{}{}", f.key, f.lo, f.hi,
                     f.start ? fmt::format("@{}", *f.start) : std::string());
  for (const auto& s : a.sets) d += " set=" + s;
  if (a.variant) d += " variant=" + *a.variant;
  return d + memory_budget_design(a.memory_budget_mb);
}

// A value in the series' own unit: "59.3 min", or a bare number for counts.
std::string in_unit(const experiment::observed_series& s, double base) {
  if (!std::isfinite(base)) return "-";
  const double v = base / s.unit_seconds;
  return s.unit.empty() ? output::format_number(v) : fmt::format("{:.1f} {}", v, s.unit);
}

const char* role_name(experiment::evaluation_role r) {
  switch (r) {
    case experiment::evaluation_role::search: return "search";
    case experiment::evaluation_role::refine: return "refine";
    case experiment::evaluation_role::uncertainty: return "uncertainty";
  }
  return "?";
}

std::string number_text(double v) {
  return std::isfinite(v) ? fmt::format("{:.4g}", v) : std::string("-");
}

std::string result_text(const prepared& p, const experiment::calibration_result& r,
                        const std::string& how, const std::optional<std::string>& written) {
  const auto& pr = p.problem;
  const auto& sc = *p.model;
  std::size_t search = 0;
  for (const auto& e : r.history)
    if (e.role == experiment::evaluation_role::search) ++search;
  std::string out = fmt::format(
      "{}: calibration, {} replication{} per evaluation (common random numbers, {})\n"
      "Observed: {} series, {} hours fitted, {} held out (hours {})\n"
      "Search: {} evaluations, stopped as {}; then {} to refine and to measure the uncertainty.\n"
      "Objective at the best: {} ({})\n\n",
      sc.name, pr.replications, pr.replications == 1 ? "" : "s", how, pr.observed.size(),
      r.observations_fitted, r.observations_held_out, hours_text(pr.holdout_hours), search,
      r.stop_reason, r.history.size() - search, number_text(r.objective),
      r.weighted ? "mean squared residual in units of each figure's spread across replications"
                 : "mean squared log ratio of simulated to observed");
  std::vector<std::vector<std::string>> rows = {
      {"parameter", "fitted", "std. error", "95% interval", "bounds"}};
  bool any_bound = false;
  for (std::size_t i = 0; i < r.parameters.size(); ++i) {
    const auto& f = r.parameters[i];
    const auto& b = pr.parameters[i];
    any_bound = any_bound || f.at_bound;
    rows.push_back({f.key, number_text(f.value) + (f.at_bound ? " (at a bound)" : ""),
                    std::isfinite(f.std_error) ? number_text(f.std_error) : "not identifiable",
                    std::isfinite(f.std_error)
                        ? fmt::format("{} … {}", number_text(f.low), number_text(f.high))
                        : "-",
                    fmt::format("{} … {}", number_text(b.lo), number_text(b.hi))});
  }
  out += output::aligned(rows, "");
  if (any_bound)
    out += "A value at a bound: the best fit may lie beyond it; widen the bounds to see.\n";
  out += "\nFit per series (simulated − observed):\n";
  rows = {{"series", "hours", "MAE", "bias", "correlation", "held out: hours", "MAE", "bias",
           "correlation"}};
  for (std::size_t i = 0; i < r.series.size(); ++i) {
    const auto& s = r.series[i];
    const auto& o = pr.observed[i];
    const auto cells = [&](const experiment::fit_figures& f) -> std::vector<std::string> {
      if (f.n == 0) return {"0", "-", "-", "-"};
      return {std::to_string(f.n), in_unit(o, f.mae), in_unit(o, f.bias),
              std::isfinite(f.correlation) ? fmt::format("{:.2f}", f.correlation) : "-"};
    };
    std::vector<std::string> row = {s.series};
    for (auto&& c : cells(s.fit)) row.push_back(c);
    for (auto&& c : cells(s.holdout)) row.push_back(c);
    rows.push_back(std::move(row));
  }
  out += output::aligned(rows, "");
  out +=
      "\nA standard error combines the misfit (hours taken as independent), the simulation's own\n"
      "noise (from the replications, hour-to-hour correlation included) and the search's "
      "precision.\n"
      "Against real data the model's own error adds to these: read the intervals as a lower "
      "bound.\n";
  if (written)
    out += fmt::format(
        "\nFitted scenario written to {}: the scenario as given, with the fitted values in\n"
        "[variants.calibrated] (tumen run {} --variant calibrated).\n",
        *written, shell_quote(*written));
  return out;
}

nlohmann::json result_json(const calibrate_args& a, const prepared& p,
                           const experiment::calibration_result& r, const output::db_sink* record,
                           const std::optional<std::string>& written) {
  const auto& pr = p.problem;
  nlohmann::json j;
  j["command"] = "calibrate";
  j["scenario_source"] = p.source.source_name;
  j["observed_source"] = a.observed;
  j["replications"] = pr.replications;
  j["holdout_hours"] = pr.holdout_hours;
  j["objective"] = output::number_or_null(r.objective);
  j["stop_reason"] = r.stop_reason;
  j["best_evaluation"] = r.best_evaluation;
  j["parameters"] = nlohmann::json::array();
  for (std::size_t i = 0; i < r.parameters.size(); ++i) {
    const auto& f = r.parameters[i];
    j["parameters"].push_back(
        {{"key", f.key},
         {"value", f.value},
         {"std_error", output::number_or_null(f.std_error)},
         {"std_error_residuals", output::number_or_null(f.std_error_residuals)},
         {"std_error_replications", output::number_or_null(f.std_error_replications)},
         {"search_precision", output::number_or_null(f.search_precision)},
         {"low", f.low},
         {"high", f.high},
         {"at_bound", f.at_bound},
         {"lo", pr.parameters[i].lo},
         {"hi", pr.parameters[i].hi}});
  }
  const auto figures = [](const experiment::fit_figures& f) {
    return nlohmann::json{{"n", f.n},
                          {"mae", output::number_or_null(f.mae)},
                          {"bias", output::number_or_null(f.bias)},
                          {"correlation", output::number_or_null(f.correlation)}};
  };
  const auto& best = r.history[static_cast<std::size_t>(r.best_evaluation)];
  j["series"] = nlohmann::json::array();
  for (std::size_t i = 0; i < r.series.size(); ++i) {
    const auto& o = pr.observed[i];
    nlohmann::json s = {{"series", o.series},
                        {"observed_unit", o.unit},
                        {"value_unit", o.unit.empty() ? "" : "s"},
                        {"fit", figures(r.series[i].fit)},
                        {"holdout", figures(r.series[i].holdout)}};
    s["hours"] = nlohmann::json::array();
    for (std::size_t k = 0; k < o.hours.size(); ++k)
      s["hours"].push_back({{"hour", o.hours[k]},
                            {"observed", o.values[k]},
                            {"simulated", output::number_or_null(best.simulated[i][k])},
                            {"held_out", pr.holdout_hours.count(o.hours[k]) > 0}});
    j["series"].push_back(std::move(s));
  }
  j["evaluations"] = nlohmann::json::array();
  for (const auto& e : r.history)
    j["evaluations"].push_back({{"index", e.index},
                                {"role", role_name(e.role)},
                                {"values", e.values},
                                {"objective", output::number_or_null(e.objective)}});
  j["fitted_scenario"] = written ? nlohmann::json(*written) : nlohmann::json(nullptr);
  if (record && record->run_id())
    j["db"] = {{"where", record->where()}, {"run", *record->run_id()}};
  return j;
}

// The scenario as given with the fitted values (and the --set values the fit ran under) in
// [variants.calibrated], checked to read back to the scenario the fit found best.
std::string fitted_text(const prepared& p, const experiment::calibration_result& r) {
  const auto& pr = p.problem;
  std::string block = "\n# ---- Added by tumen calibrate: the values fitted to " +
                      std::string("the observations (tumen run FILE --variant calibrated).\n");
  for (const auto& f : r.parameters)
    block +=
        fmt::format("#   {} = {} (standard error {})\n", f.key, f.value, number_text(f.std_error));
  block += "[variants.calibrated]\n";
  // What the fit ran under: its --variant's settings, then its --set values, then the fit.
  if (pr.variant)
    for (const auto& s :
         scenario::variant_overrides(pr.scenario_text, pr.scenario_source, *pr.variant))
      block += fmt::format("\"{}\" = {}\n", s.path, s.value);
  for (const auto& s : pr.sets)
    block += fmt::format("\"{}\" = {}\n", s.path, scenario::toml_value_of(s));
  for (const auto& o : r.fitted_overrides()) block += fmt::format("\"{}\" = {}\n", o.path, o.value);
  std::string text = pr.scenario_text;
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += block;
  auto reading = scenario::read(text, "the fitted scenario", {}, std::string("calibrated"));
  if (!reading.model)
    throw runtime_error(
        "the fitted scenario could not be written as the scenario plus [variants.calibrated] (" +
        (reading.problems.items().empty() ? std::string("?")
                                          : format(reading.problems.items().front())) +
        "); the fitted values are: " + [&] {
          std::string v;
          for (const auto& o : r.fitted_overrides()) v += " --set " + o.path + "=" + o.value;
          return v;
        }());
  return text;
}

int calibrate(const calibrate_args& a) {
  const auto p = prepare(a);
  {
    path_checks checks;
    checks.reads_scenario(a.scenario);
    checks.reads_file("--observed", a.observed);
    if (!a.no_db) checks.writes_database("--db", a.db);
    checks.writes_file("--json", a.json, true);
    checks.writes_file("--write", a.write);
    checks.check();
  }
  const auto& pr = p.problem;
  const auto& sc = *p.model;
  auto attrs = run_attributes_for("calibrate", p.source, sc, pr.seed, design_of(a, p));
  attrs.extra.emplace_back("replications", std::to_string(pr.replications));
  attrs.extra.emplace_back("observed_source", a.observed);
  for (std::size_t i = 0; i < a.fit.size(); ++i)
    attrs.extra.emplace_back(fmt::format("fit.{}", i), a.fit[i]);
  for (std::size_t i = 0; i < a.sets.size(); ++i)
    attrs.extra.emplace_back(fmt::format("set.{}", i), a.sets[i]);
  if (a.variant) attrs.extra.emplace_back("variant", *a.variant);

  std::unique_ptr<output::db_sink> record;
  std::set<results::unit_key> stored;
  if (!a.no_db) {
    record = std::make_unique<output::db_sink>(a.db, output::db_sink::opening::now);
    record->interrupted_when(stop_flag());
    bool resumed = false;
    if (a.resume) {
      resumed = record->resume(attrs);
      if (!resumed) {
        output::results_db db(a.db);
        if (already_complete(db, attrs)) return 0;
        if (!a.quiet)
          std::fprintf(
              stderr, "tumen: no unfinished calibration of this design in %s; starting a new run\n",
              a.db.c_str());
      }
    }
    if (!resumed) record->begin(attrs);
    stored = record->stored_units();
    if (resumed && !a.quiet)
      std::fprintf(stderr, "tumen: resuming run %lld of %s: %zu replications stored\n",
                   static_cast<long long>(*record->run_id()), a.db.c_str(), stored.size());
  }
  experiment::point_recorder rec(record.get());

  auto ex = experiment::make_executor(a.jobs);
  const bool chatty = !a.quiet && ::isatty(2);
  std::optional<progress> bar;
  double best = INFINITY;
  bool weighted = false;
  experiment::calibration_hooks hooks;
  hooks.stop = stop_flag();
  // An evaluation of which a killed run stored only some replications is simulated again
  // (the same figures: the same seeds) and not stored twice.
  bool partly_stored = false;
  hooks.on_replication = [&](std::size_t k, const results::named_scalars& figures) {
    if (!bar) bar.emplace(pr.replications, "replications", a.quiet);
    bar->step();
    if (rec.enabled() && !partly_stored) rec.replication(k, pr.seed, figures);
  };
  hooks.stored = [&](int index) -> std::optional<std::vector<results::named_scalars>> {
    std::size_t have = 0;
    for (std::uint64_t k = 0; k < pr.replications; ++k) have += stored.count({index, k});
    partly_stored = have > 0 && have != pr.replications;
    if (have != pr.replications) return std::nullopt;
    return record->stored_scalars(index);
  };
  hooks.on_evaluation = [&](const experiment::evaluation& e) {
    bar.reset();
    if (e.weighted != weighted) {  // objectives of the two stages are not comparable
      weighted = e.weighted;
      best = INFINITY;
    }
    if (!e.from_store && !partly_stored) {
      std::vector<std::pair<std::string, std::string>> vars;
      for (std::size_t i = 0; i < e.values.size(); ++i)
        vars.emplace_back(pr.parameters[i].key, fmt::format("{}", e.values[i]));
      rec.point(e.index, std::move(vars));
    }
    best = std::min(best, e.objective);
    if (chatty) {
      std::string v;
      for (std::size_t i = 0; i < e.values.size(); ++i)
        v += fmt::format(" {}={}", pr.parameters[i].key, number_text(e.values[i]));
      std::fprintf(stderr, "tumen: evaluation %d (%s%s):%s → %s (best %s)\n", e.index + 1,
                   role_name(e.role), e.from_store ? ", stored" : "", v.c_str(),
                   number_text(e.objective).c_str(), number_text(best).c_str());
    }
  };
  experiment::calibration_result r;
  try {
    r = experiment::calibrate(pr, *ex, hooks);
  } catch (const stopped&) {
    if (record && record->run_id())
      throw stopped(
          fmt::format("run {} of {} is marked interrupted with its finished evaluations "
                      "stored; the same command with --resume replays them and goes on",
                      *record->run_id(), a.db));
    throw;
  }

  std::optional<std::string> written;
  if (a.write) {
    output::write_file_atomically(*a.write, fitted_text(p, r));
    written = a.write;
  }
  if (record) {
    record->attribute("calibrate.best_evaluation", std::to_string(r.best_evaluation));
    record->attribute("calibrate.objective", fmt::format("{}", r.objective));
    for (const auto& f : r.parameters) {
      record->attribute("calibrate.value." + f.key, fmt::format("{}", f.value));
      record->attribute("calibrate.std_error." + f.key, fmt::format("{}", f.std_error));
    }
    record->attribute("calibrate.result", result_json(a, p, r, nullptr, written).dump());
    record->finish(results::run_status::complete);
  }
  const std::string how = ex->workers() == 1 ? "serial" : fmt::format("{} threads", ex->workers());
  if (!a.quiet && a.json != "-") {
    std::fputs(result_text(p, r, how, written).c_str(), stdout);
    if (record && record->run_id()) std::printf("\nRecorded in %s.\n", record->where().c_str());
  }
  if (a.json) output::write_json(*a.json, result_json(a, p, r, record.get(), written));
  return 0;
}

}  // namespace

command add_calibrate_command(CLI::App& app) {
  auto a = std::make_shared<calibrate_args>();
  auto* cmd = app.add_subcommand(
      "calibrate", "Fit scenario parameters to observed hourly series (waits, volumes, queues)");
  cmd->footer(
      "\nThe observations are CSV: series,hour,value[,unit], a series being an hourly metric\n"
      "without its hour (stage.general.hourly.wait_mean), hour 0 … 23, unit s, min or h for\n"
      "times. Each --fit names a scenario key that takes a number, with bounds. Every evaluation\n"
      "runs the same replications (common random numbers); NLopt's BOBYQA searches the bounds.\n"
      "The held-out hours are scored, not fitted. docs/calibration.md explains the figures.\n\n"
      "Examples:\n"
      "  tumen calibrate examples/otay-mesa/otay-mesa.toml --observed "
      "examples/otay-mesa/observed.csv \\\n"
      "      --fit stages.general.service_scale=0.5..2 -r 4 -j 2 --write fitted.toml\n"
      "  tumen calibrate reference/mm1 --observed waits.csv --fit run.demand_scale=0.5..1.5");
  cmd->add_option("scenario", a->scenario,
                  "scenario file or built-in name (default: khasan-tumangang)");
  cmd->add_option("--observed", a->observed, "CSV file of observed hourly series")->required();
  cmd->add_option("--fit", a->fit,
                  "a parameter to fit: KEY=LO..HI or KEY=LO..HI@START (repeatable)")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("--holdout-hours", a->holdout,
                  "hours scored but not fitted: a list such as 3,7,11,15,19,23 (the default), "
                  "ranges 18-23, or none");
  cmd->add_option("-r,--replications", a->replications,
                  "replications per evaluation, the same at every one (default 4)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  add_jobs_option(cmd, a->jobs);
  cmd->add_option("--max-evaluations", a->max_evaluations,
                  "most evaluations the search may make (default 40; the uncertainty adds 2 per "
                  "parameter)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--write", a->write,
                  "write the fitted scenario to FILE: the scenario with [variants.calibrated]");
  cmd->add_option("--seed", a->seed, "master seed (default: the scenario's run.seed)");
  add_scenario_changes(cmd, a->sets, a->variant);
  cmd->add_option("--json", a->json,
                  "write the fit, its figures and every evaluation as JSON to FILE (- for standard "
                  "output)");
  add_record_options(cmd, a->db, a->no_db);
  cmd->add_flag("--resume", a->resume,
                "complete an unfinished calibration of the same design in the database, replaying "
                "the evaluations stored");
  add_quiet_flag(cmd, a->quiet);
  add_memory_budget_option(cmd, a->memory_budget_mb);
  return [a] { return calibrate(*a); };
}

}  // namespace tumen::app
