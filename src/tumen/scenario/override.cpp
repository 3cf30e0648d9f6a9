// Splitting `--set key.path=value` (see parse_override in tumen/scenario/reader.hpp). The value
// stays text here; the reader turns it into a TOML value when it applies the override.
#include <cctype>

#include <fmt/format.h>

#include "tumen/base/error.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::scenario {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool valid_segment(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}
}  // namespace

override_spec parse_override(std::string_view text) {
  const auto fail = [&](std::string path, std::string message) {
    diagnostics d;
    d.error({"--set", 0, 0}, std::move(path), std::move(message),
            "key.path=value, e.g. stages.kp_customs.lanes=6 or demand.0.per_day=120");
    throw input_error(std::move(d));
  };
  const auto eq = text.find('=');
  if (eq == std::string_view::npos) fail("", fmt::format("\"{}\" has no '='", text));
  const auto path = trim(text.substr(0, eq));
  const auto value = trim(text.substr(eq + 1));
  if (path.empty()) fail("", fmt::format("\"{}\" has no key path before '='", text));
  std::size_t from = 0;
  while (true) {
    const auto dot = path.find('.', from);
    const auto segment = path.substr(from, dot == std::string_view::npos ? dot : dot - from);
    if (!valid_segment(segment))
      fail(
          std::string(path),
          fmt::format("\"{}\" is not a key path: use names and positions separated by dots", path));
    if (dot == std::string_view::npos) break;
    from = dot + 1;
  }
  if (value.empty()) fail(std::string(path), "has no value after '='");
  return {std::string(path), std::string(value)};
}

}  // namespace tumen::scenario
