// What the commands that record results share: the run attributes every run row carries (the
// scenario text and its hash, the version, the seed, the command line), which the run's
// results::sink receives (see tumen/output/db_sink.hpp).
//
//   auto attrs = tumen::app::run_attributes_for("sweep", source, sc, seed, plan.design_key());
//   tumen::output::db_sink record(path);
//   record.begin(attrs);
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "scenario_source.hpp"
#include "tumen/output/command_line.hpp"
#include "tumen/output/results_db.hpp"
#include "tumen/results/run_attributes.hpp"
#include "tumen/scenario/scenario.hpp"
#include "version.hpp"

namespace tumen::app {

using output::command_line;
using output::shell_quote;

// The attributes of a run row for a run of `kind` on this scenario: its text and hash, this
// program's version and command line, the master seed and the design's canonical text.
inline results::run_attributes run_attributes_for(std::string kind, const scenario_text& source,
                                                  const scenario::scenario& sc, std::uint64_t seed,
                                                  std::string design) {
  results::run_attributes a;
  a.kind = std::move(kind);
  a.scenario_name = sc.name;
  a.scenario_source = source.source_name;
  a.scenario_text = source.text;
  a.scenario_hash = output::sha256_hex(source.text);
  a.version = version;
  a.seed = seed;
  a.command_line = command_line();
  a.design = std::move(design);
  return a;
}

}  // namespace tumen::app
