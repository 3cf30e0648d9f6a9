// The table of every key a scenario may contain: the single source of truth for the language.
//
// Each row names a key by a path pattern, its type, unit, default, whether it is required, and
// a one-line doc. The reader uses the table three ways: a key found in a file that matches no
// row is an unknown key (reported with the closest sibling as a suggestion); a missing key
// takes the row's default, parsed exactly as if the user had written it; a missing required key
// is an error. `reference_markdown()` renders the table as docs/scenario-reference.md, so the
// reference cannot drift from the code (a test compares the committed page with it).
//
// Pattern segments in angle brackets match any key or array index:
//
//   "stages.<id>.lanes.<n>.classes"  matches  stages.kp_customs.lanes.0.classes
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tumen::scenario {

struct key_spec {
  std::string_view pattern;        // dot-separated; <…> segments are wildcards
  bool leaf = true;                // false: a table or array whose keys have rows of their own
  std::string_view type;           // for people: "integer ≥ 1", "distribution", "stage id" …
  std::string_view unit;           // "time", "length", … or empty for dimensionless values
  std::string_view default_value;  // TOML text of the default; empty when there is none
  bool required = false;           // unconditionally required (conditional rules are in `doc`)
  std::string_view doc;
};

// Every row, in the order of the reference page.
const std::vector<key_spec>& key_table();

// The row whose pattern matches the concrete path, or nullptr. Segments are compared one by
// one, so keys containing dots never confuse the match.
const key_spec* find_key(const std::vector<std::string>& path);
// The same for a dot-separated path (convenience for tests and tools).
const key_spec* find_key(std::string_view dotted_path);

// Whether the key takes 24 hourly values, and so a CSV column (`{ csv = "rates.csv", column =
// "general" }`, see csv_tables.hpp): its type says "CSV column".
bool takes_csv_column(const key_spec& row);

// The literal names a key below `parent` may have (for "did you mean …?").
std::vector<std::string> child_names(const std::vector<std::string>& parent);

// docs/scenario-reference.md, generated.
std::string reference_markdown();

}  // namespace tumen::scenario
