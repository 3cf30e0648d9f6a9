// What `--resume` says about a study that is already done or that stopped before its end.
//
// --resume looks for the newest unfinished run of the same design (results_db::find_resumable).
// When there is none but a complete one exists, the study is done: resubmitting a cluster job
// that finished must not compute everything again as a new run, so the command says so and
// does nothing (exit status 0). When a run stops early (Ctrl-C, SIGTERM), how_to_resume() is
// what the user is told.
//
//   if (!run && already_complete(db, attrs)) return 0;
//   throw tumen::stopped(how_to_resume(file, run, stored, units));
#pragma once

#include <fmt/format.h>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "tumen/output/results_db.hpp"

namespace tumen::app {

// True when `db` holds a complete run with the kind, scenario and design of `attrs`; then says
// which on standard error (also with -q: a resubmitted job's log should show it did nothing).
inline bool already_complete(output::results_db& db, const output::run_attributes& attrs) {
  std::optional<std::int64_t> newest;
  for (const auto& r : db.runs())
    if (r.status == "complete" && r.kind == attrs.kind && r.scenario_hash == attrs.scenario_hash &&
        r.design == attrs.design)
      newest = std::max(newest.value_or(r.id), r.id);
  if (!newest) return false;
  std::fprintf(stderr,
               "tumen: run %lld of %s is this %s, complete: nothing to resume, nothing done "
               "(without --resume it runs again as a new run)\n",
               static_cast<long long>(*newest), db.file().c_str(), attrs.kind.c_str());
  return true;
}

// "run 3 of results.db is marked interrupted with 20 of 48 replications stored; …" (`stored`:
// how many replications are stored, if the database could say).
inline std::string how_to_resume(const std::string& file, std::int64_t run,
                                 std::optional<std::size_t> stored, std::size_t units) {
  return fmt::format(
      "run {} of {} is marked interrupted with {} stored; the same command with --resume "
      "computes only the rest",
      run, file,
      stored ? fmt::format("{} of {} replications", *stored, units)
             : std::string("its finished replications"));
}

}  // namespace tumen::app
