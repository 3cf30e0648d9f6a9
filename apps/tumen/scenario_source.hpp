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

// Reads FILE or finds a built-in by name. The CSV files the scenario or `overrides` (--set,
// --vary values) refer to and its [tables] does not carry are read from the scenario file's
// folder and appended to the text as [tables] entries, so the text (hashed, stored in the results
// database) carries them. Throws tumen::input_error when neither a file nor a built-in exists,
// the file cannot be read, or a CSV file is missing (located at its `csv = "…"`).
scenario_text load_scenario_text(const std::string& name_or_path,
                                 const std::vector<scenario::override_spec>& overrides = {});

// Parses the --set overrides; throws tumen::input_error listing every malformed one. Problems
// with them, now or when the scenario is read, are reported under `option` (compare's --b-set).
std::vector<scenario::override_spec> parse_overrides(const std::vector<std::string>& sets,
                                                     const std::string& option = "--set");

}  // namespace tumen::app
