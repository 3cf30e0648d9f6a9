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
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tumen/results/interval_rows.hpp"

namespace tumen::output {

struct run_attributes {
  std::string kind;             // run | sweep | capacity | staff | compare
  std::string scenario_name;    // the scenario's [scenario] name
  std::string scenario_source;  // file path or built-in name
  std::string scenario_text;    // the whole TOML text as read
  std::string scenario_hash;    // hex digest of scenario_text
  std::string version;          // tumen version
  std::uint64_t seed = 0;
  std::string command_line;
  std::string design;           // canonical text of the experiment's definition (resume key)
};

using named_scalars = std::vector<std::pair<std::string, double>>;

class results_db {
 public:
  // Opens or creates the file and applies the schema. Throws tumen::runtime_error naming the file
  // and the reason if it cannot (not a database, unwritable, locked, …).
  explicit results_db(const std::filesystem::path& file);
  ~results_db();
  results_db(const results_db&) = delete;
  results_db& operator=(const results_db&) = delete;

  std::int64_t begin_run(const run_attributes& a);
  // The newest run with the same kind, scenario hash and design that is not complete.
  std::optional<std::int64_t> find_resumable(const run_attributes& a);
  void add_point(std::int64_t run, int point,
                 const std::vector<std::pair<std::string, std::string>>& variables);
  // (point, replication) pairs already stored for `run`.
  std::set<std::pair<int, std::uint64_t>> done_units(std::int64_t run);
  void add_replication(std::int64_t run, int point, std::uint64_t replication, std::uint64_t seed,
                       const named_scalars& scalars);
  // Stored scalars of a point, one vector per replication in replication order.
  std::vector<named_scalars> load_scalars(std::int64_t run, int point);
  void add_summary(std::int64_t run, int point, const std::vector<results::interval_row>& rows);
  void finish_run(std::int64_t run, const std::string& status);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace tumen::output
