// The reader's CSV pass (see tumen/scenario/csv_tables.hpp): run after the overrides and before
// the unknown-key check, it replaces every `{ csv = "rates.csv", column = "general" }` in the
// tree by the 24 values of that column in hour order, each marked as coming from its CSV cell
// (`rates.csv:7:12`, note `column "general"`), so the validators that follow report a bad value
// at the cell. Problems of the reference itself (no such table in [tables], no such column, an
// hour missing or twice, a cell that is not a number, `csv` at a key that takes no hourly
// values) are reported at the CSV cell or at the reference.
#include <string_view>

#pragma once

#include <toml++/toml.h>

#include "tumen/scenario/detail/toml_access.hpp"

namespace tumen::scenario::detail {

// `text` is the scenario's text: a [tables] written by hand is reported where it is in it; one
// the command line appended (with_csv_files) at the files beside the scenario.
void resolve_csv_tables(toml::table& root, std::string_view text, toml_access& access);

}  // namespace tumen::scenario::detail
