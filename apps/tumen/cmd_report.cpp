// `tumen report RESULTS.db -o report.html`: one self-contained HTML page of a stored run (the
// newest, or --run ID): summary in words and warnings, charts, and an animated replay of a
// trace (--trace FILE, written by `tumen run --trace`). docs/report.md describes the page.
#include <fmt/format.h>
#include <cstdio>
#include <optional>
#include <string>

#include "commands.hpp"
#include "output_paths.hpp"
#include "report_support.hpp"
#include "results_store.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/metrics.hpp"
#include "tumen/experiment/target.hpp"
#include "tumen/model/offered_load.hpp"
#include "tumen/output/json.hpp"
#include "tumen/output/report_db.hpp"
#include "tumen/output/report_html.hpp"
#include "tumen/output/report_scenario.hpp"
#include "version.hpp"

namespace tumen::app {

namespace {

// The capacity search stores its targets as written; the experiment layer knows what they mean.
void resolve_targets(output::report_input& in) {
  if (!in.capacity) return;
  for (auto& t : in.capacity->targets) {
    try {
      const auto parsed = experiment::parse_target(t.text);
      t.metric = parsed.metric;
      t.op = std::string(experiment::symbol(parsed.op));
      t.bound = parsed.bound;
    } catch (const tumen::input_error&) {
      // A target this version cannot read: the page lists its text without a chart.
    }
  }
}

struct report_args {
  std::string results = "results.db";
  std::optional<std::int64_t> run;
  report_request req;
  bool list = false;
  bool point_given = false;  // --point on the command line
};

int report(const report_args& a) {
  path_checks paths;
  paths.reads_database("results", a.results);
  if (!a.list) {
    paths.reads_file("--trace", a.req.trace);
    paths.writes_file("--output", a.req.output);
    paths.writes_file("--json", a.req.json, true);
  }
  paths.check();
  if (a.list) {
    const auto runs = output::list_report_runs(a.results);
    if (runs.empty()) std::printf("%s holds no runs\n", a.results.c_str());
    for (const auto& r : runs)
      std::printf("run %-4lld %-9s %-9s %zu point%s, %zu replication%s  %s  %s\n",
                  static_cast<long long>(r.run), r.kind.c_str(), r.status.c_str(), r.points,
                  r.points == 1 ? "" : "s", r.replications, r.replications == 1 ? "" : "s",
                  r.started_at.c_str(), r.scenario_name.c_str());
    return 0;
  }
  auto in = output::load_report_input(a.results, a.run);
  resolve_targets(in);
  auto req = a.req;
  // A calibration's page details its best evaluation unless --point says otherwise.
  if (!a.point_given && in.calibration && in.calibration->contains("best_evaluation"))
    req.point = (*in.calibration)["best_evaluation"].get<int>();
  write_report(std::move(in), req);
  return 0;
}

}  // namespace

output::report_input report_input_from_runs(const scenario::scenario& sc, std::uint64_t seed,
                                            const std::vector<std::string>& sets,
                                            const std::optional<std::string>& variant,
                                            const std::vector<results::replication_result>& runs,
                                            std::vector<results::interval_row> summary) {
  output::report_input in;
  in.attributes = run_attributes_for("run", {sc.source_text, sc.source_name}, sc, seed, "");
  in.overrides = sets;
  in.variant = variant;
  in.model = sc;
  output::report_point p;
  for (const auto& r : runs) {
    p.replications.push_back(experiment::scalars(r, true));
    p.replication_numbers.push_back(r.replication);
  }
  p.summary = std::move(summary);
  in.points.push_back(std::move(p));
  return in;
}

void write_report(output::report_input in, const report_request& req) {
  // The scenario as run (a stored run's read once) and its offered load, which the model works
  // out and the output layer renders.
  if (!in.model) output::read_report_scenario(in, req.point);
  if (in.model) in.offered_load = model::offered_load(*in.model);
  if (req.trace) {
    in.trace = output::read_trace_csv(*req.trace);
    in.trace_source = *req.trace;
    output::check_report_trace(in);
  }
  output::report_options o;
  o.point = req.point;
  o.trace = req.limits;
  o.generator = std::string("tumen ") + version;
  const auto doc = output::report_document(in, o);
  output::write_report_html(req.output, doc);
  if (req.json) output::write_json(*req.json, doc);
  if (!req.quiet) std::printf("Report written to %s\n", req.output.c_str());
}

command add_report_command(CLI::App& app) {
  auto a = std::make_shared<report_args>();
  auto* cmd = app.add_subcommand(
      "report", "Write a stored run as one self-contained HTML page (charts, animation)");
  cmd->add_option("results", a->results, "results database (default: results.db)");
  cmd->add_option("-o,--output", a->req.output, "the HTML file to write (default: report.html)");
  cmd->add_option("--run", a->run, "the run to report (default: the newest; see --list)");
  cmd->add_option("--point", a->req.point,
                  "design point whose hourly charts the page shows (default: 0; for a "
                  "calibration, its best evaluation)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--trace", a->req.trace,
                  "a trace CSV from `tumen run --trace` for the animated replay");
  cmd->add_option("--trace-days", a->req.limits.days,
                  "replay at most this many days of the trace (default: 7)")
      ->check(CLI::Range(0.01, 36500.0));
  cmd->add_option("--trace-visits", a->req.limits.max_visits,
                  "replay at most this many stage visits (default: 60000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{5'000'000}));
  cmd->add_option("--json", a->req.json,
                  "also write the report's data as JSON to FILE (- for standard output)");
  cmd->add_flag("--list", a->list, "list the runs in the database and exit");
  cmd->add_flag("-q,--quiet", a->req.quiet, "print nothing on success");
  cmd->footer(
      "\nExamples:\n"
      "  tumen run reference/mm1 -r 3 --days 20 --db results.db\n"
      "  tumen report results.db -o report.html\n"
      "  tumen run --trace trace.csv --report report.html      # with the animated replay\n");
  return [a, cmd] {
    a->point_given = cmd->count("--point") > 0;
    return report(*a);
  };
}

}  // namespace tumen::app
