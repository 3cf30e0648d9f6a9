// The scenario of a stored run, read once for its report: the stored text with the run's own
// --set overrides and variant, and the variables of the point the page details, read and
// validated into report_input::model; if it no longer reads (a newer version of tumen, say), why
// not, in report_input::scenario_problem, and the page goes without the crossing's layout.
//
// A capacity search also needs the scenario's own run.demand_scale, which its answer is relative
// to. Its points vary only run.demand_scale, set on the scenario as the search set it
// (experiment::scale_demand), so the scenario is read once without the point's variable and the
// point's scale set on it afterwards: the same scenario, read once. (Only a capacity run whose
// points vary something else, which tumen does not write, is read twice: with and without.)
//
//   auto in = tumen::output::load_report_input("results.db");   // report_db.hpp
//   tumen::output::read_report_scenario(in, options.point);
//   if (in.model) in.offered_load = tumen::model::offered_load(*in.model);  // the caller's part
//   auto doc = tumen::output::report_document(in, options);
#pragma once

#include "tumen/output/report.hpp"

namespace tumen::output {

// Sets in.model or in.scenario_problem, and in.base_demand_scale, from in.attributes; a model
// already set is replaced. Does nothing when no scenario text is stored or the run has no point
// numbered `point` (report_document() then says so).
void read_report_scenario(report_input& in, int point);

// Throws tumen::input_error (key "--trace", naming in.trace_source) when a row of in.trace names
// a stage, yard or class (a train: a rail element or train kind) that in.model does not have: a
// trace of another scenario would be replayed on the wrong crossing. Does nothing without a model.
void check_report_trace(const report_input& in);

}  // namespace tumen::output
