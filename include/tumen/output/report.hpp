// The report document: everything the HTML report shows, as one JSON value built from stored
// results (a run, sweep, capacity search or comparison in the results database) and, for the
// animation, a sample of a trace.
//
// The page (report/src/report.js) only draws what this document holds; every figure, interval,
// warning and sentence is worked out here, where it can be unit-tested. docs/report.md lists the
// document's fields.
//
//   tumen::output::report_input in = tumen::output::load_report_input("results.db");
//   tumen::output::read_report_scenario(in, 0);                  // report_scenario.hpp
//   if (in.model) in.offered_load = tumen::model::offered_load(*in.model);
//   nlohmann::json doc = tumen::output::report_document(in);
//   tumen::output::write_report_html("report.html", doc);        // report_html.hpp
//
// What is in it:
//   run        where the figures come from: kind, scenario, seed, version, command line
//   scenario   the crossing's structure for the animated layout: sides, classes, links, holding
//              areas, stages with their lane groups, yards, routes with their paths, branches
//   headline   throughput a day (with each replication's value and the design figure), the
//              worst wait and utilisation, vehicles left inside, as mean and 95% interval
//   stages     per stage and its direction(s): queue length, mean wait, utilisation and open
//              lanes by hour of day (mean, low, high across replications)
//   yards      utilisation by hour of day
//   time_in_system  per flow (route × class × origin): the quantiles stored, with intervals
//   rail       the rail line's figures (per direction, per station, bridge, gauge change), or null;
//              scenario.rail holds its structure
//   sweep | capacity | compare | calibration   present for those kinds of run
//   summary, warnings             sentences for the top of the page
//   trace      a sample of the trace for the animation (see trace_sample_limits), or null; its
//              trains (mode "rail") apart in trace.rail; trace.replication the replication it
//              holds when the run had several (null otherwise)
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tumen/output/results_db.hpp"
#include "tumen/output/trace_csv.hpp"
#include "tumen/results/interval_rows.hpp"
#include "tumen/results/offered_load.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::output {

// One design point: its variables (overrides) and the scalars of each of its replications.
struct report_point {
  int point = 0;
  std::string label;                                           // "key=value, …" ("" if none)
  std::vector<std::pair<std::string, std::string>> variables;  // (key.path, value as TOML)
  std::vector<named_scalars> replications;                     // replication order
  std::vector<std::uint64_t> replication_numbers;  // same order; pairs a comparison's sides
  // Across-replication rows as stored; when empty they are computed from `replications`.
  std::vector<results::interval_row> summary;
};

// One target of a capacity search: "p95_wait <= 2 h" → metric max_wait_p95, "<=", 7200.
struct report_target {
  std::string text;             // as written
  std::string metric;           // the metric after aliases; empty when not worked out
  std::string op;               // <=, <, >=, >
  std::optional<double> bound;  // base units
};

// A capacity search's answer, from the run's attributes (capacity.*, target.N).
struct report_capacity {
  std::string parameter = "run.demand_scale";  // the variable the points vary
  std::vector<report_target> targets;
  std::string verdict;                 // found | at_least | none (empty when not stored)
  std::optional<double> best_scale;    // the highest demand scale meeting every target,
  std::optional<double> failed_above;  // and the lowest above it that failed, both relative
                                       // to the scenario's own run.demand_scale
};

// What a report is built from: one stored run of any kind, or the replications just run.
struct report_input {
  std::optional<std::int64_t> run_id;  // the run's id in the database, if it came from one
  run_attributes attributes;
  std::string status = "complete";
  std::string created;                 // when the run began (text as stored), may be empty
  std::vector<std::string> overrides;  // the run's own --set overrides, "key.path=value", in order
  std::optional<std::string> variant;  // the run's --variant
  std::vector<report_point> points;    // point order
  std::optional<report_capacity> capacity;
  // A calibration's result as `tumen calibrate` stored it (run attribute calibrate.result: the
  // fitted parameters, the fit figures and each series' observed and simulated values by hour).
  std::optional<nlohmann::json> calibration;
  // The scenario as run at the point the page details, for names, design figures and the
  // layout; given by the caller, or read once from attributes.scenario_text by
  // read_report_scenario() (report_scenario.hpp). When not set the layout is left out, and
  // `scenario_problem` says why if a scenario was stored.
  std::optional<scenario::scenario> model;
  std::string scenario_problem;
  // The offered load of `model` (tumen::model::offered_load; the caller works it out, as the
  // output layer does not link the model): the warnings name the saturated stages and yards.
  std::vector<results::element_load> offered_load;
  // The scenario's own run.demand_scale (its run overrides, no point variables): a capacity
  // search stores its answer relative to it. Set by read_report_scenario().
  double base_demand_scale = 1;
  std::vector<trace_row> trace;  // empty: no animation
  std::string trace_source;      // the trace file's name, for the page
  // The replication the trace holds, when the run had several (`tumen run -r N --trace`): the
  // replay says which one it shows. Unset: one replication, or not known.
  std::optional<std::uint64_t> trace_replication;
};

// How much of a trace the page carries: whole vehicles, in order of their first queue join,
// from the first still inside at `from` (seconds; the report sets it to the run's warm-up, so the
// replay shows the part the statistics count) while that is before `from` + `days`, and the visits
// stay within `max_visits`. A trace that ends before `from` is carried from its start.
struct trace_sample_limits {
  double days = 7;
  std::size_t max_visits = 60'000;
  double from = 0;
};

struct report_options {
  int point = 0;  // the design point whose hourly charts the page shows
  trace_sample_limits trace;
  double confidence = 0.95;
  std::string generator = "tumen";  // "tumen <version>", shown in the page's footer
};

nlohmann::json report_document(const report_input& in, const report_options& options = {});

// The sample of the trace the page animates, in columns (see docs/report.md), or null.
nlohmann::json trace_sample(const std::vector<trace_row>& rows, const trace_sample_limits& limits);

}  // namespace tumen::output
