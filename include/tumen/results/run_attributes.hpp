// What a recorded run says about itself: the scenario it ran (name, source, whole text and its
// hash), the program version, the master seed, the command line and the canonical text of its
// design, plus further settings as (name, value) pairs. Plain data, filled by the program that
// starts a run and handed to a results::sink (see sink.hpp), which stores it beside the figures
// so that every figure traces back to its inputs.
//
//   tumen::results::run_attributes a;
//   a.kind = "sweep";
//   a.extra.emplace_back("set.0", "run.days=14");
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tumen::results {

struct run_attributes {
  std::string kind;             // run | sweep | capacity | staff | compare
  std::string scenario_name;    // the scenario's [scenario] name
  std::string scenario_source;  // file path or built-in name
  std::string scenario_text;    // the whole TOML text as read
  std::string scenario_hash;    // hex digest of scenario_text (output::sha256_hex)
  std::string version;          // tumen version
  std::uint64_t seed = 0;
  std::string command_line;
  std::string design;  // canonical text of the experiment's definition (resume key)
  // Further settings, stored as run_attributes rows (name, value), e.g. {"set.0", "run.days=14"}.
  std::vector<std::pair<std::string, std::string>> extra;
};

}  // namespace tumen::results
