// Hourly tables from CSV files: which files a scenario refers to, and how they travel with it.
//
// Any key that takes 24 hourly values (its key-table type says "CSV column") may instead name a
// column of a CSV file:
//
//   [stages.primary]
//   rate_per_lane = { csv = "rates.csv", column = "general" }
//
// The scenario layer reads no files: the reader resolves a reference from the scenario's own
// `[tables]` (key = the file name as referenced, value = the CSV text). A caller that reads a
// scenario from a file first lists the files it refers to but does not carry
// (`missing_csv_files`), reads them from the scenario's folder, and appends them to the text
// (`with_csv_files`), so the text it hashes and stores carries them:
//
//   auto refs = scenario::missing_csv_files(text, "crossing.toml", overrides);
//   … read each refs[i].file next to crossing.toml …
//   text = scenario::with_csv_files(text, "crossing.toml", files);
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tumen/base/diagnostic.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::scenario {

// One file a scenario refers to, at its first `csv = "…"` (in the text, a variant or an override).
struct csv_reference {
  std::string file;       // as written: relative to the scenario file's folder
  source_location where;  // of the csv = "…" (the option, e.g. "--set", for an override)
  std::string key_path;   // e.g. "stages.primary.rate_per_lane.csv"
};

// The CSV files the text (its [variants] included) and the override values refer to that the
// text's [tables] does not carry, each once, in order of first mention. Text or values that do
// not parse give none (the reader reports them).
std::vector<csv_reference> missing_csv_files(std::string_view text, std::string_view source_name,
                                             const std::vector<override_spec>& overrides = {});

// The text with a [tables] section appended that carries `files` (name, CSV text), each as a TOML
// multi-line string. Throws tumen::input_error when a CSV text could never be a TOML string (not
// UTF-8, control characters; located at `<folder>/name`) or when the text has a [tables] of its
// own (a scenario carries all its CSV files or none). With no files, the text unchanged.
std::string with_csv_files(std::string_view text, std::string_view source_name,
                           const std::vector<std::pair<std::string, std::string>>& files);

// Where a CSV file named in the scenario `source_name` is reported and read: beside the scenario
// ("scenarios/crossing.toml", "rates.csv" → "scenarios/rates.csv"); an absolute name as it is.
std::string csv_display_name(std::string_view source_name, std::string_view file);

}  // namespace tumen::scenario
