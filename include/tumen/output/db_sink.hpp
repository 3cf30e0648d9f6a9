// The results database as a results::sink: what every command that records a run (run, sweep,
// capacity, staff, compare) writes through. Built on output::results_db (see results_db.hpp);
// the sink adds when the file is opened, how replications are committed, and the rule that a
// run dropped before finish() is marked "failed" (or "interrupted", when it was asked to stop).
//
//   tumen::output::db_sink sink("results.db");     // opened now: an unwritable file fails fast
//   sink.begin(attrs);
//   sink.points({{0, {}}});
//   sink.replication({0, k, seed, scalars});       // one transaction, stored before it returns
//   sink.summary(0, rows);
//   sink.finish(tumen::results::run_status::complete);
//
// A search that may stop on bad input before its first point opens the file lazily
// (opening::at_first_write): until a point, replication or attribute is written, nothing is
// touched, finish() does nothing and run_id() is empty. A sweep with many threads or MPI ranks
// commits replications from a writer thread (commits::grouped, see replication_writer): every
// replication that finishes while a commit is under way goes into the next one.
//
// Use from one thread at a time. Every database failure is a tumen::runtime_error naming the file.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tumen/output/results_db.hpp"
#include "tumen/results/sink.hpp"

namespace tumen::output {

class db_sink final : public results::sink {
 public:
  enum class opening {
    now,            // in the constructor
    at_first_write  // when the first point, replication or attribute is written
  };
  enum class commits {
    each,    // one transaction per replication, committed before replication() returns
    grouped  // from a writer thread, several replications per transaction when they queue up
  };

  explicit db_sink(std::filesystem::path file, opening when = opening::now,
                   commits how = commits::each);
  // A run begun and not finished is marked "failed", or "interrupted" when the stop flag (see
  // interrupted_when) is set (errors doing so are dropped: the error that is ending the run is
  // the one to report).
  ~db_sink() override;
  // The flag whoever may stop the work sets (Ctrl-C, SIGTERM): a run dropped unfinished while it
  // is set was interrupted, not failed. Null (the default): never.
  void interrupted_when(const std::atomic<bool>* stop) { stop_ = stop; }
  db_sink(const db_sink&) = delete;
  db_sink& operator=(const db_sink&) = delete;

  void begin(const results::run_attributes& run) override;
  bool resume(const results::run_attributes& run) override;
  void points(const std::vector<results::design_point>& points) override;
  void replication(results::replication_scalars r) override;
  void summary(int point, const std::vector<results::interval_row>& rows) override;
  void attribute(const std::string& name, const std::string& value) override;
  void finish(results::run_status status) override;
  std::set<results::unit_key> stored_units() override;
  std::vector<results::named_scalars> stored_scalars(int point) override;

  // The database file, as given.
  const std::filesystem::path& file() const { return file_; }
  // The run's id once it is in the database.
  std::optional<std::int64_t> run_id() const;
  // "results.db run 12" once the run is in the database, else empty.
  std::string where() const;

 private:
  results_db& db();    // opens the file if it is not open yet
  std::int64_t run();  // the run's id, beginning it in the database if it is only announced
  void flush();        // waits for the writer thread (commits::grouped) and retires it

  std::filesystem::path file_;
  commits commits_;
  std::optional<results_db> db_;
  std::optional<results::run_attributes> announced_;  // begun, not yet in the database
  std::optional<std::int64_t> run_;
  bool finished_ = false;
  const std::atomic<bool>* stop_ = nullptr;
  std::optional<replication_writer> writer_;
};

}  // namespace tumen::output
