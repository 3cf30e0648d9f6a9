// The trace as a CSV file: one row per vehicle per stage (or yard) visit, for replay and for
// analysis in pandas or a spreadsheet. docs/trace.md describes the columns.
//
// trace_csv_writer is a trace_observer (tumen/results/trace.hpp) for `tumen run --trace FILE`:
// the model hands it one record per visit. Rows stream to "FILE.tmp-<pid>" while the replication
// runs; commit() flushes, syncs and renames it over FILE, so a reader never sees half a trace. A
// writer destroyed without commit() (the run failed) removes its temporary file.
//
//   tumen::output::trace_csv_writer trace("trace.csv");
//   tumen::model::run_options opts;
//   opts.trace = &trace;
//   auto r = tumen::model::run_replication(sc, 0, opts);
//   trace.commit();
//
// read_trace_csv() reads such a file back (the report embeds a sample of it for its animation).
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/results/trace.hpp"

namespace tumen::output {

// The header line of a trace file, without the line break. The last column, `mode`, is "road"
// for a vehicle and "rail" for a train (trains are numbered apart from road trips).
inline constexpr std::string_view trace_csv_header =
    "vehicle,class,direction,stage,lane,queue_join,service_start,service_end,outcome,mode";
// The header of traces written before trains were traced (no `mode`: every row is "road").
// parse_trace_csv() still reads them.
inline constexpr std::string_view trace_csv_header_road_only =
    "vehicle,class,direction,stage,lane,queue_join,service_start,service_end,outcome";

class trace_csv_writer : public results::trace_observer {
 public:
  // Creates the temporary file and writes the header. Throws tumen::runtime_error if it cannot.
  explicit trace_csv_writer(std::filesystem::path path);
  ~trace_csv_writer() override;
  trace_csv_writer(const trace_csv_writer&) = delete;
  trace_csv_writer& operator=(const trace_csv_writer&) = delete;

  void visit(const results::visit_record& v) override;
  // A train's visit: the same columns, with its number, kind, rail route and rail element, the
  // lane empty and mode "rail".
  void train_visit(const results::visit_record& v) override;
  // Finishes the file and moves it into place. Throws tumen::runtime_error on failure.
  void commit();
  std::uint64_t rows() const { return rows_; }

 private:
  std::filesystem::path path_;
  std::string tmp_;
  void write_row(const results::visit_record& v, std::string_view mode);

  std::FILE* file_ = nullptr;
  std::string line_;
  std::uint64_t rows_ = 0;
  bool failed_ = false;
};

// One row of a trace file.
struct trace_row {
  std::uint64_t vehicle = 0;
  std::string vehicle_class;
  std::string direction;    // the route's id
  std::string stage;        // stage or yard id
  std::optional<int> lane;  // lane index at the stage; none at a yard
  double queue_join = 0, service_start = 0, service_end = 0;  // seconds since the run began
  std::string
      outcome;  // served | abandoned | transferred; trains: inspected | crossed | gauge_changed
  std::string mode = "road";  // road | rail (then vehicle is the train's number, class its kind)
};

// Parses the text of a trace file. Throws tumen::input_error naming `source` and the line when
// the header or a row is malformed.
std::vector<trace_row> parse_trace_csv(std::string_view text, std::string_view source);
// Reads and parses a trace file. Throws tumen::input_error if it cannot be read or parsed.
std::vector<trace_row> read_trace_csv(const std::filesystem::path& path);

}  // namespace tumen::output
