// Finding and reading the scenario a command names: a file path, or the name of a built-in
// scenario (`tumen scenarios` lists them). With no name, the built-in Khasan–Tumangang crossing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tumen/scenario/reader.hpp"

namespace tumen::app {

inline constexpr const char* default_scenario = "khasan-tumangang";

struct scenario_text {
  std::string text;
  std::string source_name;  // the file path, or "<name>.toml" for a built-in
  bool builtin = false;
};

// Reads FILE or finds a built-in by name. Throws tumen::input_error when neither exists, or the
// file cannot be read.
scenario_text load_scenario_text(const std::string& name_or_path);

// Parses the --set overrides; throws tumen::input_error listing every malformed one. Problems
// with them, now or when the scenario is read, are reported under `option` (compare's --b-set).
std::vector<scenario::override_spec> parse_overrides(const std::vector<std::string>& sets,
                                                     const std::string& option = "--set");

}  // namespace tumen::app
