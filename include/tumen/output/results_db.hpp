// The results database: every run, sweep and search, kept in one SQLite file for later queries
// and reports. The schema (with a comment on every table and column) lives in
// src/tumen/output/results_schema.sql and is documented in docs/results-database.md.
//
// Every figure traces back to its inputs: a run row holds the scenario text and hash, the
// program version, the master seed and the command line; a point row holds the design variables
// (the overrides that define it); replication rows hold every named scalar of every replication
// and summary rows the across-replication intervals.
//
// Writes are transactions (one per replication), so a killed process leaves a valid database
// holding every replication that finished; find_resumable() and done_units() let a rerun with
// --resume skip them.
//
//   tumen::output::results_db db("results.db");
//   auto run = db.begin_run(attrs);
//   db.add_point(run, 0, {{"stages.ru_customs.lanes", "4"}});
//   db.add_replication(run, 0, k, seed, scalars);     // scalars: (name, value) pairs
//   db.add_summary(run, 0, rows);
//   db.finish_run(run, "complete");
//
// One object is one connection: use it from one thread at a time. Several processes may write
// the same file (SQLite locks it; a writer waits up to 10 s for another's transaction).
// Every failure is a tumen::runtime_error naming the file and the reason.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tumen/output/results_db_csv.hpp"  // export_csv, declared there, is part of this API
#include "tumen/output/sha256.hpp"          // sha256_hex (the scenario_hash of a run), likewise
#include "tumen/results/interval_rows.hpp"
#include "tumen/results/run_attributes.hpp"

namespace tumen::output {

// What a run row holds (plain data of the results layer, which sinks receive).
using run_attributes = results::run_attributes;

using named_scalars = std::vector<std::pair<std::string, double>>;

// A run as `tumen db list` shows it.
struct run_info {
  std::int64_t id = 0;
  std::string kind, status, scenario_name, scenario_source, scenario_hash, version;
  std::uint64_t seed = 0;
  std::string command_line, design, started_at;
  std::optional<std::string> finished_at;
  std::size_t points = 0;
  std::size_t replications = 0;  // stored (point, replication) units
};

// A whole table as text cells, for export. Empty optional = SQL NULL.
struct table_dump {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

// One finished replication, for a batch write.
struct replication_record {
  int point = 0;
  std::uint64_t replication = 0;
  std::uint64_t seed = 0;
  named_scalars scalars;
};

enum class open_mode {
  create,   // create the file if it does not exist
  existing  // the file must exist already (inspection, export)
};

class results_db {
 public:
  // Opens or creates the file and applies the schema. Throws tumen::runtime_error naming the file
  // and the reason if it cannot (not a database, unwritable, locked, …).
  explicit results_db(const std::filesystem::path& file, open_mode mode = open_mode::create);
  ~results_db();
  results_db(const results_db&) = delete;
  results_db& operator=(const results_db&) = delete;

  const std::filesystem::path& file() const;

  // Runs `writes` (calls of this object's methods) as one transaction: all of them or none, and
  // one commit (one wait for the disk) instead of one per call.
  void in_transaction(const std::function<void()>& writes);

  std::int64_t begin_run(const run_attributes& a);
  // The newest run with the same kind, scenario hash and design that is not complete.
  std::optional<std::int64_t> find_resumable(const run_attributes& a);
  // Adds (or replaces) one run_attributes row.
  void set_attribute(std::int64_t run, const std::string& name, const std::string& value);
  // The run_attributes rows of a run, by name.
  std::vector<std::pair<std::string, std::string>> attributes(std::int64_t run);
  // Stores a point and its variables. When the point exists already (a resumed run), checks that
  // its variables are the same and throws if they are not.
  void add_point(std::int64_t run, int point,
                 const std::vector<std::pair<std::string, std::string>>& variables);
  // (point, replication) pairs already stored for `run`.
  std::set<std::pair<int, std::uint64_t>> done_units(std::int64_t run);
  // One transaction: the replication row and all its scalars, or nothing.
  void add_replication(std::int64_t run, int point, std::uint64_t replication, std::uint64_t seed,
                       const named_scalars& scalars);
  // Several replications in one transaction: all of them, or none.
  void add_replications(std::int64_t run, const std::vector<replication_record>& batch);
  // Stored scalars of a point, one vector per replication in replication order; within a
  // replication, names in byte order. NULL values come back as NaN.
  std::vector<named_scalars> load_scalars(std::int64_t run, int point);
  // Replaces the point's summaries by `rows`, in one transaction.
  void add_summary(std::int64_t run, int point, const std::vector<results::interval_row>& rows);
  // The stored summaries of a point, by name.
  std::vector<results::interval_row> load_summary(std::int64_t run, int point);
  void finish_run(std::int64_t run, const std::string& status);

  std::vector<run_info> runs();
  // Every table, in schema order (not the views: they are computed from the tables).
  std::vector<std::string> table_names();
  // Every row of a table or view, in the table's primary-key order.
  table_dump dump_table(const std::string& table);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// Stores replications from a background thread with group commit: every replication that
// finishes while a transaction is being committed goes into the next one. One replication at a
// time while the disk keeps up; when many ranks or threads finish faster than the disk commits
// (each commit waits for fsync), they share transactions instead of queueing behind each other.
// Either way each transaction holds whole replications only, so a kill loses at most those not
// yet committed. The database must not be used by anyone else until finish().
//
//   tumen::output::replication_writer w(db, run);
//   w.add({point, k, seed, scalars});      // returns at once; throws an earlier write's error
//   w.finish();                            // waits until all are stored; throws the first error
class replication_writer {
 public:
  replication_writer(results_db& db, std::int64_t run);
  ~replication_writer();  // waits for the thread; errors not taken by finish() are dropped
  replication_writer(const replication_writer&) = delete;
  replication_writer& operator=(const replication_writer&) = delete;

  void add(replication_record r);
  void finish();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

// The schema applied to every database (the text of src/tumen/output/results_schema.sql).
std::string_view results_schema();

}  // namespace tumen::output
