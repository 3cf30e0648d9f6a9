// The scenarios built into tumen: every scenarios/**/*.toml in the source tree, embedded at
// build time (cmake/embed_scenarios.cmake), so `tumen run khasan-tumangang` works without the
// files at hand.
//
//   for (const auto& b : tumen::scenario::builtin_scenarios())
//     fmt::print("{:24} {}\n", b.name, b.summary);
//   auto sc = tumen::scenario::parse(find_builtin("reference/mm1")->text, "reference/mm1.toml");
//
// A scenario's name is its path under scenarios/ without ".toml" ("khasan-tumangang",
// "reference/mm1"); its summary is the text of the file's first comment line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tumen::scenario {

struct builtin_scenario {
  std::string name;       // "reference/mm1"
  std::string summary;    // the first "# …" line, without the "# "
  std::string_view text;  // the whole file (static storage)
  std::string file_name() const { return name + ".toml"; }  // for diagnostics
};

// In name order.
std::vector<builtin_scenario> builtin_scenarios();
std::optional<builtin_scenario> find_builtin(std::string_view name);

}  // namespace tumen::scenario
