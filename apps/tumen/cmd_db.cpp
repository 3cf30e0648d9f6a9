// `tumen db list|export|schema`: looking into a results database (docs/results-database.md).
//
//   tumen db list results.db             the runs: kind, scenario, status, points, replications
//   tumen db export results.db --csv DIR every table as DIR/<table>.csv
//   tumen db schema                      the commented SQL schema
#include <fmt/format.h>
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "output_paths.hpp"
#include "tumen/output/json.hpp"
#include "tumen/output/results_db.hpp"

namespace tumen::app {

namespace {

struct db_args {
  std::string file = "results.db";
  std::optional<std::string> json;
  std::string csv_dir;
  bool quiet = false;
};

// Display width in characters of UTF-8 text.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, std::size_t w, bool right) {
  const auto fill = std::string(w > width(s) ? w - width(s) : 0, ' ');
  return right ? fill + s : s + fill;
}

int list(const db_args& a) {
  path_checks paths;
  paths.reads_database("file", a.file);
  paths.writes_file("--json", a.json, true);
  paths.check();
  output::results_db db(a.file, output::open_mode::existing);
  const auto runs = db.runs();
  if (a.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : runs)
      j.push_back({{"run", r.id},
                   {"kind", r.kind},
                   {"status", r.status},
                   {"scenario", r.scenario_name},
                   {"scenario_source", r.scenario_source},
                   {"scenario_hash", r.scenario_hash},
                   {"version", r.version},
                   {"seed", r.seed},
                   {"points", r.points},
                   {"replications", r.replications},
                   {"started_at", r.started_at},
                   {"finished_at",
                    r.finished_at ? nlohmann::json(*r.finished_at) : nlohmann::json(nullptr)},
                   {"command_line", r.command_line}});
    output::write_json(*a.json, j);
    return 0;
  }
  if (a.quiet) return 0;
  if (runs.empty()) {
    std::printf("%s: no runs\n", a.file.c_str());
    return 0;
  }
  const std::vector<std::string> header = {"run",    "kind",         "status",        "scenario",
                                           "points", "replications", "started (UTC)", "command"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : runs)
    rows.push_back({std::to_string(r.id), r.kind, r.status, r.scenario_source,
                    std::to_string(r.points), std::to_string(r.replications), r.started_at,
                    r.command_line});
  std::vector<std::size_t> w(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    w[c] = width(header[c]);
    for (const auto& row : rows) w[c] = std::max(w[c], width(row[c]));
  }
  const std::vector<bool> right = {true, false, false, false, true, true, false, false};
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) out += "  ";
      out += c + 1 == cells.size() ? cells[c] : pad(cells[c], w[c], right[c]);
    }
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& row : rows) out += line(row);
  std::fputs(out.c_str(), stdout);
  return 0;
}

int export_tables(const db_args& a) {
  path_checks paths;
  paths.reads_database("file", a.file);
  paths.writes_folder("--csv", a.csv_dir);
  paths.writes_file("--json", a.json, true);
  paths.check();
  output::results_db db(a.file, output::open_mode::existing);
  const auto files = output::export_csv(db, a.csv_dir);
  if (a.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& f : files) j.push_back(f.string());
    output::write_json(*a.json, j);
  } else if (!a.quiet) {
    for (const auto& f : files) std::printf("%s\n", f.c_str());
  }
  return 0;
}

}  // namespace

command add_db_command(CLI::App& app) {
  auto a = std::make_shared<db_args>();
  auto* cmd =
      app.add_subcommand("db", "Look into a results database: list runs, export tables as CSV");
  cmd->require_subcommand(1);

  auto* ls = cmd->add_subcommand("list", "List the runs in a results database");
  ls->add_option("file", a->file, "results database (default: results.db)");
  ls->add_option("--json", a->json, "write the list as JSON to FILE (- for standard output)");
  ls->add_flag("-q,--quiet", a->quiet, "print nothing (check that the file is a results database)");

  auto* ex = cmd->add_subcommand("export", "Write every table of a results database as CSV files");
  ex->add_option("file", a->file, "results database (default: results.db)");
  ex->add_option("--csv", a->csv_dir,
                 "directory to write <table>.csv files into (created if missing)")
      ->required();
  ex->add_option("--json", a->json,
                 "write the list of files as JSON to FILE (- for standard output)");
  ex->add_flag("-q,--quiet", a->quiet, "print nothing on success");

  auto* schema =
      cmd->add_subcommand("schema", "Print the SQL schema of results databases, with its comments");

  return [a, ls, ex, schema]() -> int {
    if (ls->parsed()) return list(*a);
    if (ex->parsed()) return export_tables(*a);
    if (schema->parsed()) {
      const auto text = output::results_schema();
      std::fwrite(text.data(), 1, text.size(), stdout);
      return 0;
    }
    return 2;
  };
}

}  // namespace tumen::app
