// Plain-text tables for the terminal: each column padded to its widest cell, counted in
// characters (UTF-8 aware: "±" and "×" take one column), cells joined by two spaces, trailing
// blanks trimmed. The decision commands' tables and the sweep's table are drawn with it.
//
//   tumen::output::aligned({{"scale", "p95_wait <= 2 h"}, {"× 1.000", "1.21 h ± 0.05 h"}});
//   //   "  scale            p95_wait <= 2 h\n  × 1.000  1.21 h ± 0.05 h\n"
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tumen::output {

// How the first column is aligned; the others are always right-aligned (figures).
enum class first_column { left, right };

// Characters (UTF-8 code points) in `s`: the columns it takes on a terminal.
std::size_t text_width(const std::string& s);

// Rows may have fewer cells than others; every line starts with `indent`.
std::string aligned(const std::vector<std::vector<std::string>>& rows,
                    const std::string& indent = "  ", first_column first = first_column::left);

}  // namespace tumen::output
