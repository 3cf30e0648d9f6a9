// What the decision commands (capacity, staff, compare) share: reading the scenario and targets,
// aligned text columns, JSON for intervals and targets, and recording a run in the results
// database point by point.
//
//   recorder rec(a.no_db ? std::nullopt : std::optional(a.db), attrs);
//   rec.replication(k, seed, experiment::scalars(result, false));   // buffered
//   rec.point(0, {{"run.demand_scale", "1.5"}});   // opens the database on first use, writes
//                                                  // the point, its replications and summary
//   rec.finish("complete");
#pragma once

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interruption.hpp"
#include "results_store.hpp"
#include "scenario_source.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/summary.hpp"
#include "tumen/experiment/target.hpp"
#include "tumen/output/format.hpp"
#include "tumen/output/interval_table.hpp"
#include "tumen/output/json.hpp"
#include "tumen/output/results_db.hpp"
#include "tumen/results/metric_units.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::app {

// The options capacity and staff share; each command's own arguments derive from it.
struct decision_options {
  std::string scenario = default_scenario;
  std::vector<std::string> targets;
  std::vector<std::string> sets;
  std::optional<std::string> variant;
  std::optional<std::uint64_t> seed;
  std::size_t replications = 10;
  int jobs = 1;
  std::optional<std::string> json;
  std::string db = "results.db";
  bool no_db = false;
  bool quiet = false;
};

// --target, -r and -j, with the command's own wording.
inline void add_search_options(CLI::App* cmd, decision_options& o, const std::string& target_help,
                               const std::string& replications_help) {
  cmd->add_option("--target", o.targets, target_help)->required();
  cmd->add_option("-r,--replications", o.replications, replications_help)
      ->check(CLI::Range(std::size_t{2}, std::size_t{1000000}));
  cmd->add_option("-j,--jobs", o.jobs,
                  "threads to run replications on (results do not depend on it)")
      ->check(CLI::Range(1, 1024));
}

// --seed, --set, --variant, --json, --db, --no-db and -q.
inline void add_run_options(CLI::App* cmd, decision_options& o) {
  cmd->add_option("--seed", o.seed, "master seed (default: the scenario's run.seed)");
  cmd->add_option("--set", o.sets, "override a scenario value: key.path=value (repeatable)");
  cmd->add_option("--variant", o.variant, "apply a named [variants.NAME] of the scenario");
  cmd->add_option("--json", o.json,
                  "write the search and its result as JSON to FILE (- for standard output)");
  cmd->add_option("--db", o.db, "results database to record the run in (default: results.db)");
  cmd->add_flag("--no-db", o.no_db, "do not record the run in a results database");
  cmd->add_flag("-q,--quiet", o.quiet, "print nothing on success (and no progress bar)");
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
  in.source = load_scenario_text(o.scenario);
  in.sets = o.sets;
  in.variant = o.variant;
  diagnostics problems;
  try {
    in.overrides = parse_overrides(o.sets);
  } catch (const input_error& e) {
    problems.append(e.problems());
  }
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
inline output::run_attributes decision_attributes(
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

// Columns padded to their widest cell (UTF-8 aware); the first column left-aligned, the others
// right-aligned.
inline std::string aligned(const std::vector<std::vector<std::string>>& rows,
                           const std::string& indent = "  ") {
  auto width = [](const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  std::vector<std::size_t> w;
  for (const auto& r : rows) {
    if (w.size() < r.size()) w.resize(r.size(), 0);
    for (std::size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], width(r[c]));
  }
  std::string out;
  for (const auto& r : rows) {
    std::string line = indent;
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string pad(w[c] - width(r[c]), ' ');
      if (c) line += "  ";
      line += c == 0 ? r[c] + pad : pad + r[c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

// A figure of `metric` as a reader wants it: durations in min/h, other numbers plainly.
inline std::string value_text(const std::string& metric, double v) {
  return results::is_duration_metric(metric) ? output::format_duration(v)
                                             : output::format_number(v);
}

inline nlohmann::json number_or_null(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
}

inline nlohmann::json interval_json(const results::interval_row& r) {
  return {{"mean", number_or_null(r.mean)},
          {"half_width", number_or_null(r.half_width)},
          {"low", number_or_null(r.low)},
          {"high", number_or_null(r.high)},
          {"n", r.n},
          {"min", number_or_null(r.min)},
          {"max", number_or_null(r.max)}};
}

inline nlohmann::json target_json(const experiment::target& t) {
  return {{"text", t.text},
          {"metric", t.metric},
          {"op", std::string(experiment::symbol(t.op))},
          {"bound", t.bound},
          {"unit", t.duration ? "s" : ""}};
}

inline nlohmann::json outcome_json(const experiment::target_outcome& o) {
  auto j = interval_json(o.estimate);
  j["metric"] = o.metric;
  j["compared"] = number_or_null(o.compared);
  j["met"] = o.met;
  return j;
}

// "1.23 h ± 0.05 h", and the end of the interval held against the bound: "≤ 1.28 h".
inline std::string outcome_text(const experiment::target& t, const experiment::target_outcome& o) {
  return output::format_interval(o.estimate) + "  (" + (t.upper() ? "high " : "low ") +
         value_text(o.estimate.name, o.compared) + ")";
}

// Records one decision run in the results database as its design points complete. The database
// is opened when the first point is written, so input errors found before that leave it alone.
// A recorder destroyed before finish() marks the run "failed" ("interrupted" after Ctrl-C).
class recorder {
 public:
  recorder(std::optional<std::string> file, output::run_attributes attrs)
      : file_(std::move(file)), attrs_(std::move(attrs)) {}
  ~recorder() {
    if (db_ && !finished_) try {
        db_->finish_run(run_, unfinished_status());
      } catch (const std::exception&) {
        // Already failing: the first error is the one to report.
      }
  }
  recorder(const recorder&) = delete;
  recorder& operator=(const recorder&) = delete;

  bool enabled() const { return file_.has_value(); }

  void replication(std::uint64_t number, std::uint64_t seed, output::named_scalars scalars) {
    if (enabled()) pending_.push_back({number, seed, std::move(scalars)});
  }

  // Writes point `index` with its variables, the replications buffered since the last point,
  // and their summary.
  void point(int index, const std::vector<std::pair<std::string, std::string>>& variables) {
    if (!enabled()) return;
    open();
    db_->add_point(run_, index, variables);
    std::vector<output::named_scalars> all;
    for (auto& p : pending_) {
      db_->add_replication(run_, index, p.number, p.seed, p.scalars);
      all.push_back(std::move(p.scalars));
    }
    pending_.clear();
    if (!all.empty()) db_->add_summary(run_, index, experiment::summarise_scalars(all).rows());
  }

  void attribute(const std::string& name, const std::string& value) {
    if (!enabled()) return;
    open();
    db_->set_attribute(run_, name, value);
  }

  void finish(const std::string& status) {
    if (!db_) return;
    db_->finish_run(run_, status);
    finished_ = true;
  }

  // "results.db run 12", or empty when not recording.
  std::string where() const {
    return db_ ? db_->file().string() + " run " + std::to_string(run_) : std::string();
  }
  std::optional<std::int64_t> run_id() const {
    return db_ ? std::optional<std::int64_t>(run_) : std::nullopt;
  }

 private:
  struct pending {
    std::uint64_t number, seed;
    output::named_scalars scalars;
  };
  void open() {
    if (db_) return;
    db_.emplace(*file_);
    run_ = db_->begin_run(attrs_);
  }

  std::optional<std::string> file_;
  output::run_attributes attrs_;
  std::optional<output::results_db> db_;
  std::int64_t run_ = 0;
  bool finished_ = false;
  std::vector<pending> pending_;
};

}  // namespace tumen::app
