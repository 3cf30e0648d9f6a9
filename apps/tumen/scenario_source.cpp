// Locating scenarios by path or built-in name (see scenario_source.hpp).
#include "scenario_source.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tumen/base/error.hpp"
#include "tumen/scenario/builtin.hpp"
#include "tumen/scenario/csv_tables.hpp"

namespace tumen::app {

namespace {

// The scenario's text with the CSV files it needs from its folder (a built-in has no folder: the
// reader reports a CSV file its [tables] does not carry).
scenario_text with_csv_files(scenario_text s,
                             const std::vector<scenario::override_spec>& overrides) {
  namespace fs = std::filesystem;
  if (s.builtin) return s;
  diagnostics problems;
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& ref : scenario::missing_csv_files(s.text, s.source_name, overrides)) {
    const auto path = scenario::csv_display_name(s.source_name, ref.file);
    std::error_code ec;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    if (fs::is_regular_file(path, ec) && in) buf << in.rdbuf();
    if (!fs::is_regular_file(path, ec) || !in || (!in.good() && !in.eof())) {
      const auto what = !fs::exists(path, ec)        ? "there is no file " + path
                        : fs::is_directory(path, ec) ? path + " is a folder"
                                                     : "cannot read " + path;
      problems.error(ref.where, ref.key_path,
                     "the CSV file \"" + ref.file + "\" cannot be read: " + what,
                     "a CSV file beside the scenario file (names are relative to its folder)");
      continue;
    }
    files.emplace_back(ref.file, buf.str());
  }
  if (problems.has_errors()) throw input_error(problems);
  s.text = scenario::with_csv_files(s.text, s.source_name, files);
  return s;
}

}  // namespace

scenario_text load_scenario_text(const std::string& name_or_path,
                                 const std::vector<scenario::override_spec>& overrides) {
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
    return with_csv_files({buf.str(), name_or_path, false}, overrides);
  }
  if (auto b = scenario::find_builtin(name_or_path))
    return with_csv_files({std::string(b->text), b->file_name(), true}, overrides);
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
