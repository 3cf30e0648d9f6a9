// CSV text: a header row and rows of cells, each cell knowing where it was in the file, so a
// reader of a CSV file reports a bad value at file:line:col like a bad value in a TOML file.
//
//   # hourly rates, source: customs report 2023, table 4
//   hour, general, "trucks, heavy"
//   0,    40,      12
//
// parses to header {hour@2:1, general@2:7, trucks, heavy@2:16} and one row {0@3:1, 40@3:7,
// 12@3:16}. Debian 12 packages two CSV readers, libcsv-dev (a C library whose callbacks give a
// field's bytes but not its line or column) and libfccp-dev (fast-cpp-csv-parser: the number of
// columns fixed at compile time, a line number but no column); neither reports where a cell is,
// so this small parser is written here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tumen {

// One cell's text (unquoted and unescaped) and the 1-based line and column of its first
// character: the opening quote of a quoted cell, the first non-space of an unquoted one. Columns
// count UTF-8 characters, not bytes.
struct csv_cell {
  std::string text;
  int line = 0;
  int column = 0;
};

struct csv_document {
  std::vector<csv_cell> header;
  std::vector<std::vector<csv_cell>> rows;  // each exactly header.size() cells
  // Index of a header name, exact match after trimming spaces of both; nullopt when absent.
  std::optional<std::size_t> column(std::string_view name) const;
};

// Parses RFC 4180 text (comma separator, "quoted" fields with "" escapes and embedded newlines,
// LF or CRLF, a UTF-8 BOM skipped). Lines that start with '#' are comments (sources can be cited
// in the file); blank lines are skipped; unquoted cells are trimmed of spaces. Throws
// tumen::input_error (tumen/base/error.hpp) carrying every problem found, located at
// source_name:line:col: an unclosed quote, text after a closing quote, a row with more or fewer
// cells than the header (naming the counts), an empty or duplicate header name, no header.
csv_document parse_csv(std::string_view text, std::string_view source_name);

}  // namespace tumen
