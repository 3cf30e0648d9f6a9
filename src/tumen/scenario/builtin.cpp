// The registry of built-in scenarios (see tumen/scenario/builtin.hpp).
#include "tumen/scenario/builtin.hpp"

#include <algorithm>

#include "tumen/scenario/detail/embedded.hpp"

namespace tumen::scenario {

namespace {
std::string first_comment(std::string_view text) {
  std::size_t from = 0;
  while (from < text.size()) {
    auto end = text.find('\n', from);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(from, end - from);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty() && line.front() == '#') {
      line.remove_prefix(1);
      while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      return std::string(line);
    }
    from = end + 1;
  }
  return {};
}
}  // namespace

std::vector<builtin_scenario> builtin_scenarios() {
  std::vector<builtin_scenario> out;
  for (const auto& f : detail::embedded_scenarios())
    out.push_back({std::string(f.name), first_comment(f.text), f.text});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

std::optional<builtin_scenario> find_builtin(std::string_view name) {
  for (auto& b : builtin_scenarios())
    if (b.name == name) return b;
  return std::nullopt;
}

}  // namespace tumen::scenario
