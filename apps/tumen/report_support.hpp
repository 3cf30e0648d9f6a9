// Making the HTML report from the command line: what `tumen report` and `tumen run --report`
// share (defined in cmd_report.cpp).
//
//   report_request req;
//   req.output = "report.html";
//   req.trace = "trace.csv";                       // optional: the animation replays it
//   write_report(report_input_from_runs(...), req);   // or a stored run: load_report_input
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario_source.hpp"
#include "tumen/output/report.hpp"
#include "tumen/results/interval_rows.hpp"
#include "tumen/results/replication_result.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::app {

struct report_request {
  std::string output = "report.html";
  std::optional<std::string> trace;  // a trace CSV to embed for the animation
  std::optional<std::string> json;   // also write the report document as JSON
  output::trace_sample_limits limits;
  int point = 0;
  bool quiet = false;
};

// The report input of replications just run (no database needed): the scalars of each and
// their summary as the run worked it out (experiment::summarise), the scenario as run (its own
// text and name go in the record), `sets` (the --set texts) for the record.
output::report_input report_input_from_runs(const scenario::scenario& sc, std::uint64_t seed,
                                            const std::vector<std::string>& sets,
                                            const std::optional<std::string>& variant,
                                            const std::vector<results::replication_result>& runs,
                                            std::vector<results::interval_row> summary);

// Reads the stored scenario once unless `in` has it (output::read_report_scenario), works out
// its offered load, reads the trace (if any), builds the document, writes the page (and the
// JSON). Prints where it went unless quiet. Throws tumen::input_error / runtime_error.
void write_report(output::report_input in, const report_request& req);

}  // namespace tumen::app
