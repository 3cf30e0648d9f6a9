// The options several commands share, each worded once: -j (threads), -q (quiet), --db and
// --no-db (where the run is recorded; one excludes the other), --set and --variant (changes to
// the scenario). A command with its own wording (sweep's --set applies at every point) writes
// its own. study_options holds what every command that runs a study of many replications
// (sweep, capacity, staff, compare) takes; each command's arguments derive from it.
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "memory_budget.hpp"

namespace tumen::app {

struct study_options {
  std::vector<std::string> sets;       // --set
  std::optional<std::string> variant;  // --variant
  std::optional<std::uint64_t> seed;
  std::size_t replications = 10;
  int jobs = 1;
  std::size_t memory_budget_mb = default_memory_budget_mb;
  std::optional<std::string> json;
  std::string db = "results.db";
  bool quiet = false;
};

inline void add_jobs_option(CLI::App* cmd, int& jobs) {
  cmd->add_option("-j,--jobs", jobs, "threads to run replications on (results do not depend on it)")
      ->check(CLI::Range(1, 1024));
}

inline void add_quiet_flag(CLI::App* cmd, bool& quiet) {
  cmd->add_flag("-q,--quiet", quiet, "print nothing on success (and no progress bar)");
}

inline void add_record_options(CLI::App* cmd, std::string& db, bool& no_db) {
  auto* file =
      cmd->add_option("--db", db, "results database to record the run in (default: results.db)");
  cmd->add_flag("--no-db", no_db, "do not record the run in a results database")->excludes(file);
}

inline void add_scenario_changes(CLI::App* cmd, std::vector<std::string>& sets,
                                 std::optional<std::string>& variant) {
  cmd->add_option("--set", sets, "override a scenario value: key.path=value (repeatable)");
  cmd->add_option("--variant", variant, "apply a named [variants.NAME] of the scenario");
}

}  // namespace tumen::app
