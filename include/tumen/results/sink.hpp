// Where a run's results go: the narrow interface between the layers that compute figures
// (experiment: replications, sweeps, searches) and the layer that writes them (output: the
// SQLite results database). Nothing below the output layer knows a file format; a sink receives
// plain data, in this order, and decides how to keep it:
//
//   sink.begin(attrs);                            // or sink.resume(attrs), see below
//   sink.points({{0, {{"stages.server.lanes", "2"}}}});
//   sink.replication({0, k, seed, scalars});      // each replication as it finishes
//   sink.summary(0, rows);                        // the point's across-replication intervals
//   sink.attribute("capacity.verdict", "found");  // what the run concluded
//   sink.finish(tumen::results::run_status::complete);
//
// A point comes before its replications and its summary. A sink destroyed after begin() but
// before finish() (the run failed: an exception is on its way) marks the run failed; a process
// killed outright leaves it "running", which resume() then finds.
//
// A sink that keeps what it receives can also resume: resume() continues the newest unfinished
// run of the same kind, scenario and design, and stored_units() / stored_scalars() say what it
// holds already, so an interrupted sweep runs only what is missing and summarises everything.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tumen/results/interval_rows.hpp"
#include "tumen/results/run_attributes.hpp"

namespace tumen::results {

// A replication's figures by metric name (see tumen/experiment/metrics.hpp), values in base units.
using named_scalars = std::vector<std::pair<std::string, double>>;

// A design point: its index in the run (0-based) and the values that define it, as (key path,
// value as written) pairs in the order the command line gave them; none for a single run.
struct design_point {
  int index = 0;
  std::vector<std::pair<std::string, std::string>> variables;
};

// One finished replication of a point.
struct replication_scalars {
  int point = 0;
  std::uint64_t replication = 0;  // replication number (selects the random streams)
  std::uint64_t seed = 0;         // master seed it ran with
  named_scalars scalars;
};

// (point, replication): one unit of work of a run.
using unit_key = std::pair<int, std::uint64_t>;

enum class run_status {
  complete,    // everything ran and the figures are consistent
  failed,      // stopped by an error, or an internal check failed
  interrupted  // stopped on request (Ctrl-C, SIGTERM); resumable like any unfinished run
};

class sink {
 public:
  virtual ~sink() = default;

  // Starts a new run described by `run`.
  virtual void begin(const run_attributes& run) = 0;
  // Continues the newest unfinished run with the same kind, scenario hash and design as `run`,
  // noting the resumption (its command line) among the run's attributes. False, with nothing
  // begun, when there is none.
  virtual bool resume(const run_attributes& run) = 0;

  // Design points, before any of their replications (a point already held by a resumed run must
  // have the same variables).
  virtual void points(const std::vector<design_point>& points) = 0;
  virtual void replication(replication_scalars r) = 0;
  // The point's summary rows, replacing any it had.
  virtual void summary(int point, const std::vector<interval_row>& rows) = 0;
  // A further attribute of the run (set after begin, e.g. what a search concluded).
  virtual void attribute(const std::string& name, const std::string& value) = 0;
  // No more results will come.
  virtual void finish(run_status status) = 0;

  // The units of the run begun or resumed that are stored already.
  virtual std::set<unit_key> stored_units() = 0;
  // A point's stored replications, one per replication in replication order; within one, the
  // scalars in name order.
  virtual std::vector<named_scalars> stored_scalars(int point) = 0;
};

}  // namespace tumen::results
