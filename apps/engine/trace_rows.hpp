// A replication's trace as JSON rows, for the report's replay (docs/workbench-engine.md): the
// columns of the native trace file (docs/trace.md, output::trace_csv_header) in that order, one
// array per vehicle per stage visit, so the page holds no file and the report samples the same
// rows `tumen run --trace FILE --report` would read back:
//
//   [vehicle, class, direction, stage, lane | null, queue_join, service_start, service_end,
//    outcome, mode]
//
//   trace_collector trace;
//   opts.trace = &trace;                        // model::run_options
//   nlohmann::json rows = trace.rows();
//   std::vector<output::trace_row> back = trace_from_json(rows);
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "tumen/output/trace_csv.hpp"
#include "tumen/results/trace.hpp"

namespace tumen::engine {

class trace_collector : public results::trace_observer {
 public:
  void visit(const results::visit_record& v) override { add(v, "road"); }
  void train_visit(const results::visit_record& v) override { add(v, "rail"); }
  const nlohmann::json& rows() const { return rows_; }

 private:
  void add(const results::visit_record& v, std::string_view mode);
  nlohmann::json rows_ = nlohmann::json::array();
};

// Rows as trace_collector makes them, back into trace rows. Throws tumen::input_error naming the
// row when one is malformed.
std::vector<output::trace_row> trace_from_json(const nlohmann::json& rows);

}  // namespace tumen::engine
