// A results database as CSV files, one per table, for spreadsheets and pandas (`tumen db export
// FILE --csv DIR`). The files hold the tables exactly as stored, so a figure read from them
// traces back to its inputs as it does in the database.
//
//   tumen::output::results_db db("results.db", tumen::output::open_mode::existing);
//   for (const auto& file : tumen::output::export_csv(db, "csv")) std::cout << file << "\n";
#pragma once

#include <filesystem>
#include <vector>

namespace tumen::output {

class results_db;

// Every table of the database as `<table>.csv` in `dir` (created if missing), each written
// atomically; RFC 4180 quoting, NULL as an empty field, reals in shortest round-trip form.
// Returns the files written.
std::vector<std::filesystem::path> export_csv(results_db& db, const std::filesystem::path& dir);

}  // namespace tumen::output
