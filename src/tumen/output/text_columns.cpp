// Aligned plain-text columns (see tumen/output/text_columns.hpp).
#include "tumen/output/text_columns.hpp"

#include <algorithm>

namespace tumen::output {

std::size_t text_width(const std::string& s) {
  // Count every byte that does not continue a UTF-8 sequence.
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string aligned(const std::vector<std::vector<std::string>>& rows, const std::string& indent,
                    first_column first) {
  std::vector<std::size_t> w;
  for (const auto& r : rows) {
    if (w.size() < r.size()) w.resize(r.size(), 0);
    for (std::size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], text_width(r[c]));
  }
  std::string out;
  for (const auto& r : rows) {
    std::string line = indent;
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string pad(w[c] - text_width(r[c]), ' ');
      if (c) line += "  ";
      line += c == 0 && first == first_column::left ? r[c] + pad : pad + r[c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace tumen::output
