// The CSV export of a results database (see tumen/output/results_db_csv.hpp): each table as
// results_db::dump_table() reads it, as text with RFC 4180 quoting, written atomically.
#include "tumen/output/results_db_csv.hpp"

#include <optional>
#include <string>
#include <system_error>

#include "tumen/base/error.hpp"
#include "tumen/output/atomic_file.hpp"
#include "tumen/output/results_db.hpp"

namespace tumen::output {

namespace {

namespace fs = std::filesystem;

// One field: quoted when it holds a comma, a quote or a line break; NULL as an empty field.
std::string csv_cell(const std::optional<std::string>& cell) {
  if (!cell) return {};
  const auto& s = *cell;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::vector<std::filesystem::path> export_csv(results_db& db, const std::filesystem::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw tumen::runtime_error("cannot write into " + dir.string() + ": " +
                               (ec ? ec.message() : std::string("not a directory")));
  std::vector<fs::path> written;
  for (const auto& name : db.table_names()) {
    const auto t = db.dump_table(name);
    std::string text;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      if (c) text += ',';
      text += csv_cell(t.columns[c]);
    }
    text += '\n';
    for (const auto& row : t.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (c) text += ',';
        text += csv_cell(row[c]);
      }
      text += '\n';
    }
    const auto path = dir / (name + ".csv");
    write_file_atomically(path, text);
    written.push_back(path);
  }
  return written;
}

}  // namespace tumen::output
