// Reading the experiment layer's small texts — a --vary list, a --target, a --fit range, a cell of
// an observations file: spaces trimmed, and a plain number that must be the whole text.
#pragma once

#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

namespace tumen::experiment::detail {

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A finite number written as the whole (trimmed) text, "+" allowed: "1.5", " 2 ", "+3", "1e-3".
inline std::optional<double> parse_number(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

}  // namespace tumen::experiment::detail
