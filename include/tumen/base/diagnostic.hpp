// Diagnostics: what is wrong with an input, and where.
//
// Readers of user input (scenario files, `--set` overrides, command-line values) do not stop at
// the first problem: they collect every problem as a `diagnostic` and report them together, so
// a user fixes a file in one pass. A diagnostic knows its place (file:line:col, and the key path
// inside the file), what is wrong, and what would be valid:
//
//   scenario.toml:12:9: error: stages.primary.lanes: must be a whole number ≥ 1, got -2
//     valid: a whole number from 1 to 1000
//
// A value read from a CSV file is located at its cell, with the column named in a note:
//
//   rates.csv:7:12: error: stages.primary.rate_per_lane.5 (column "general"): must be > 0, got -3
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tumen {

enum class severity { error, warning };

// Where something is in an input. line and column are 1-based; 0 means "not known"
// (for example a value given on the command line has a file name of "--set" and no line).
// `note` says more about the place when the key path alone does not (a value taken from a CSV
// file: `column "general"`); it is printed after the key path, in parentheses.
struct source_location {
  source_location() = default;
  source_location(std::string file_, int line_ = 0, int column_ = 0, std::string note_ = {})
      : file(std::move(file_)), line(line_), column(column_), note(std::move(note_)) {}

  std::string file;
  int line = 0;
  int column = 0;
  std::string note;
};

struct diagnostic {
  severity level = severity::error;
  source_location where;
  std::string key_path;  // e.g. "stages.primary.lanes"; empty when the problem is the whole input
  std::string message;   // what is wrong
  std::string valid;     // what would be valid; may be empty
};

// Renders one diagnostic in the compiler-like form shown above.
std::string format(const diagnostic& d);

// An ordered collection of diagnostics with convenience adders.
class diagnostics {
 public:
  void error(source_location where, std::string key_path, std::string message,
             std::string valid = {});
  void warning(source_location where, std::string key_path, std::string message,
               std::string valid = {});
  void add(diagnostic d) { items_.push_back(std::move(d)); }
  void append(const diagnostics& other);

  bool has_errors() const;
  std::size_t error_count() const;
  bool empty() const { return items_.empty(); }
  const std::vector<diagnostic>& items() const { return items_; }

  // All diagnostics, one per line (errors and warnings in the order they were found).
  std::string to_string() const;

 private:
  std::vector<diagnostic> items_;
};

}  // namespace tumen
