// Reading a run back from the results database for the report (see results_db.hpp for the
// writing side and src/tumen/output/results_schema.sql for the tables).
//
// The file is opened read-only, so a report can be made while another tumen process is still
// adding replications to it (the report then covers those stored so far).
//
//   auto runs = tumen::output::list_report_runs("results.db");     // newest last
//   auto in = tumen::output::load_report_input("results.db");      // the newest run
//   auto in3 = tumen::output::load_report_input("results.db", 3);  // run 3
//
// A capacity search's targets and answer come from the run's attributes (target.N,
// capacity.verdict, capacity.best_scale, capacity.failed_above); the targets' metrics and bounds
// are left for the caller to work out from their text (the experiment layer parses targets).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tumen/output/report.hpp"

namespace tumen::output {

struct report_run_listing {
  std::int64_t run = 0;
  std::string kind, status, scenario_name, started_at;
  std::size_t points = 0, replications = 0;
};

// Throws tumen::input_error when the file is missing or is not a results database.
std::vector<report_run_listing> list_report_runs(const std::filesystem::path& db);

// The run's attributes, points, variables, every replication's scalars and the stored
// summaries. Without `run`, the newest run. Throws tumen::input_error naming the file when it
// cannot be read or holds no such run.
report_input load_report_input(const std::filesystem::path& db,
                               std::optional<std::int64_t> run = {});

}  // namespace tumen::output
