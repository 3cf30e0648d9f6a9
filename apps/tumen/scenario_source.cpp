// Locating scenarios by path or built-in name (see scenario_source.hpp).
#include "scenario_source.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tumen/base/error.hpp"
#include "tumen/scenario/builtin.hpp"

namespace tumen::app {

scenario_text load_scenario_text(const std::string& name_or_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(name_or_path, ec)) {
    std::ifstream in(name_or_path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!in.good() && !in.eof())
      throw input_error(diagnostics{[&] {
        diagnostics d;
        d.error({name_or_path, 0, 0}, "", "cannot read the file");
        return d;
      }()});
    return {buf.str(), name_or_path, false};
  }
  if (auto b = scenario::find_builtin(name_or_path))
    return {std::string(b->text), b->file_name(), true};
  std::string known;
  for (const auto& b : scenario::builtin_scenarios()) known += (known.empty() ? "" : ", ") + b.name;
  diagnostics d;
  if (fs::exists(name_or_path, ec))
    d.error({name_or_path, 0, 0}, "", "is not a regular file");
  else
    d.error({name_or_path, 0, 0}, "", "no such file, and no built-in scenario of that name",
            "a path to a .toml file, or one of: " + known);
  throw input_error(d);
}

std::vector<scenario::override_spec> parse_overrides(const std::vector<std::string>& sets,
                                                     const std::string& option) {
  std::vector<scenario::override_spec> out;
  diagnostics all;
  for (const auto& s : sets) {
    try {
      out.push_back(scenario::parse_override(s));
      out.back().origin = option;
    } catch (const input_error& e) {
      for (auto d : e.problems().items()) {
        if (d.where.file == "--set") d.where.file = option;
        all.add(std::move(d));
      }
    }
  }
  if (all.has_errors()) throw input_error(all);
  return out;
}

}  // namespace tumen::app
