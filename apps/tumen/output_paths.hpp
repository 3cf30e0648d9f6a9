// Checking every file a command will read or write before it runs anything.
//
// A study that cannot write its results must not start: a typo in `--json /no/dir/x.json` found
// after an hour of simulation loses the hour, and the run would already be recorded as complete.
// Each command names what it reads and writes, then calls check(), which reports every problem
// at once as bad input (exit status 2) and touches nothing:
//
//   path_checks paths;
//   paths.reads_scenario(a.scenario);            // an output may not overwrite it
//   paths.writes_file("--json", a.json);         // "-" is standard output
//   paths.writes_folder("--csv", a.csv);         // created (with its parents) if missing
//   if (!a.no_db) paths.writes_database("--db", a.db);
//   paths.check();                               // throws tumen::input_error
//
//   --json: error: cannot write /no/dir/x.json: the folder /no/dir does not exist
//     valid: a file in an existing, writable folder, or - for standard output
//
// An output file must not be a directory or a special file, its folder must exist and be
// writable, and it must not be an input, the results database or another output of the same
// command. A results database that exists must be one: an SQLite file whose header carries a
// tumen schema version (an empty file is a new database). The files are only looked at here;
// writing them stays with the output layer, which writes each one atomically.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tumen/base/diagnostic.hpp"

namespace tumen::app {

class path_checks {
 public:
  // A scenario named on the command line: when it is a file, no output may be it.
  void reads_scenario(const std::string& name_or_path);
  // An input file that must exist and be readable (report --trace).
  void reads_file(const std::string& option, const std::optional<std::string>& path);
  // A results database that is read: it must exist and be a results database.
  void reads_database(const std::string& option, const std::string& path);

  // An output file (nothing when `path` is empty). With `dash_is_stdout`, "-" means standard
  // output and is always fine.
  void writes_file(const std::string& option, const std::optional<std::string>& path,
                   bool dash_is_stdout = false);
  // An output folder, created with its parents when missing.
  void writes_folder(const std::string& option, const std::optional<std::string>& path);
  // A results database that is written (created when missing).
  void writes_database(const std::string& option, const std::string& path);

  // Throws tumen::input_error listing every problem found; returns when there are none.
  void check() const;

 private:
  enum class role { input, database, output };
  struct named {
    std::string option;
    std::filesystem::path where;  // absolute, symbolic links resolved where they exist
    role what;
  };
  // Remembers the path; false (with a problem) when an earlier one names the same file.
  bool claim(const std::string& option, const std::string& path, role what);

  std::vector<named> named_;
  diagnostics problems_;
};

// What most studies (sweep, capacity, staff, compare) check: their scenarios, the results
// database (none with --no-db) and --json ("-" is standard output). Throws tumen::input_error.
void check_study_paths(const std::vector<std::string>& scenarios,
                       const std::optional<std::string>& db,
                       const std::optional<std::string>& json);

}  // namespace tumen::app
