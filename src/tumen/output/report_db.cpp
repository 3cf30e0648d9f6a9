// Reading a run back from the results database (see tumen/output/report_db.hpp).
#include "tumen/output/report_db.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <cmath>
#include <map>

#include "tumen/base/error.hpp"
#include "tumen/output/detail/results_db_impl.hpp"

namespace tumen::output {

namespace {

using detail::real_or_nan;

const char* const valid_db =
    "a results database written by `tumen run --db FILE` (docs/results-database.md)";

SQLite::Database open(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw input_error("results", "cannot read " + file.string() + ": no such file", valid_db);
  try {
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    db.setBusyTimeout(5000);
    if (!db.tableExists("runs") || !db.tableExists("scalars"))
      throw input_error("results",
                        file.string() + " is not a tumen results database (it has no runs table)",
                        valid_db);
    return db;
  } catch (const SQLite::Exception& e) {
    throw input_error("results", "cannot read " + file.string() + ": " + e.what(), valid_db);
  }
}

std::string text(const SQLite::Column& c) {
  return c.isNull() ? std::string() : c.getString();
}

}  // namespace

std::vector<report_run_listing> list_report_runs(const std::filesystem::path& file) {
  auto db = open(file);
  std::vector<report_run_listing> out;
  try {
    for (auto& r : detail::read_runs(db)) {
      report_run_listing l;
      l.run = r.id;
      l.kind = std::move(r.kind);
      l.status = std::move(r.status);
      l.scenario_name = std::move(r.scenario_name);
      l.started_at = std::move(r.started_at);
      l.points = r.points;
      l.replications = r.replications;
      out.push_back(std::move(l));
    }
  } catch (const SQLite::Exception& e) {
    throw input_error("results", "cannot read " + file.string() + ": " + e.what(), valid_db);
  }
  return out;
}

report_input load_report_input(const std::filesystem::path& file, std::optional<std::int64_t> run) {
  auto db = open(file);
  report_input in;
  try {
    if (!run) {
      SQLite::Statement newest(db, "SELECT max(run) FROM runs");
      if (!newest.executeStep() || newest.getColumn(0).isNull())
        throw input_error("results", file.string() + " holds no runs yet",
                          "run `tumen run --db " + file.string() + "` first");
      run = newest.getColumn(0).getInt64();
    }
    SQLite::Statement r(db,
                        "SELECT kind, status, scenario_name, scenario_source, scenario_hash, "
                        "scenario_text, version,"
                        " seed, command_line, design, started_at FROM runs WHERE run = ?");
    r.bind(1, *run);
    if (!r.executeStep()) {
      std::string ids;
      for (const auto& l : list_report_runs(file))
        ids += (ids.empty() ? "" : ", ") + std::to_string(l.run);
      throw input_error("--run", fmt::format("{} has no run {}", file.string(), *run),
                        ids.empty() ? "the file holds no runs" : "one of " + ids);
    }
    in.run_id = *run;
    auto& a = in.attributes;
    a.kind = text(r.getColumn(0));
    in.status = text(r.getColumn(1));
    a.scenario_name = text(r.getColumn(2));
    a.scenario_source = text(r.getColumn(3));
    a.scenario_hash = text(r.getColumn(4));
    a.scenario_text = text(r.getColumn(5));
    a.version = text(r.getColumn(6));
    a.seed = static_cast<std::uint64_t>(r.getColumn(7).getInt64());
    a.command_line = text(r.getColumn(8));
    a.design = text(r.getColumn(9));
    in.created = text(r.getColumn(10));

    // set.0, set.1, … are the run's --set overrides in order; target.N and capacity.* a
    // capacity search's targets and answer.
    std::map<int, std::string> sets, targets;
    std::map<std::string, std::string> answer;
    if (db.tableExists("run_attributes")) {
      for (const auto& [name, value] : detail::read_attributes(db, *run)) {
        in.attributes.extra.emplace_back(name, value);
        auto position = [&](std::size_t prefix) -> std::optional<int> {
          try {
            std::size_t used = 0;
            const int n = std::stoi(name.substr(prefix), &used);
            return used == name.size() - prefix ? std::optional<int>(n) : std::nullopt;
          } catch (const std::exception&) {
            return std::nullopt;
          }
        };
        if (name.rfind("set.", 0) == 0) {
          if (auto n = position(4)) sets[*n] = value;
        } else if (name.rfind("target.", 0) == 0) {
          if (auto n = position(7)) targets[*n] = value;
        } else if (name == "variant" && !value.empty()) {
          in.variant = value;
        } else if (name.rfind("capacity.", 0) == 0) {
          answer[name.substr(9)] = value;
        } else if (name == "calibrate.result") {
          auto j = nlohmann::json::parse(value, nullptr, false);
          if (!j.is_discarded()) in.calibration = std::move(j);
        }
      }
    }
    for (auto& [pos, value] : sets) in.overrides.push_back(std::move(value));
    if (a.kind == "capacity" || !answer.empty()) {
      auto as_number = [](const std::string& s) -> std::optional<double> {
        try {
          const double x = std::stod(s);
          return std::isfinite(x) ? std::optional<double>(x) : std::nullopt;
        } catch (const std::exception&) {
          return std::nullopt;
        }
      };
      report_capacity c;
      for (auto& [pos, t] : targets) c.targets.push_back({std::move(t), "", "", std::nullopt});
      if (answer.count("verdict")) c.verdict = answer["verdict"];
      if (answer.count("best_scale")) c.best_scale = as_number(answer["best_scale"]);
      if (answer.count("failed_above")) c.failed_above = as_number(answer["failed_above"]);
      in.capacity = std::move(c);
    }

    std::map<int, std::size_t> point_at;
    {
      SQLite::Statement q(db, "SELECT point, label FROM points WHERE run = ? ORDER BY point");
      q.bind(1, *run);
      while (q.executeStep()) {
        report_point p;
        p.point = q.getColumn(0).getInt();
        p.label = text(q.getColumn(1));
        point_at[p.point] = in.points.size();
        in.points.push_back(std::move(p));
      }
    }
    // A comparison's two points are its sides: named by what `tumen compare` recorded of each
    // (the scenario and its variant or own overrides, run attributes "a" and "b").
    if (a.kind == "compare")
      for (auto& p : in.points)
        if (p.label.empty() && (p.point == 0 || p.point == 1))
          for (const auto& [name, value] : a.extra)
            if (name == (p.point == 0 ? "a" : "b")) p.label = value;
    {
      SQLite::Statement q(
          db,
          "SELECT point, name, value FROM point_variables WHERE run = ? ORDER BY point, position");
      q.bind(1, *run);
      while (q.executeStep())
        if (auto it = point_at.find(q.getColumn(0).getInt()); it != point_at.end())
          in.points[it->second].variables.emplace_back(text(q.getColumn(1)), text(q.getColumn(2)));
    }
    // (point, replication number) → index into that point's replications
    std::map<std::pair<int, std::int64_t>, std::size_t> rep_at;
    {
      SQLite::Statement q(
          db,
          "SELECT point, replication FROM replications WHERE run = ? ORDER BY point, replication");
      q.bind(1, *run);
      while (q.executeStep()) {
        auto it = point_at.find(q.getColumn(0).getInt());
        if (it == point_at.end()) continue;
        auto& p = in.points[it->second];
        const auto number = q.getColumn(1).getInt64();
        rep_at[{p.point, number}] = p.replications.size();
        p.replications.emplace_back();
        p.replication_numbers.push_back(static_cast<std::uint64_t>(number));
      }
    }
    {
      SQLite::Statement q(db, "SELECT point, replication, name, value FROM scalars WHERE run = ?");
      q.bind(1, *run);
      while (q.executeStep()) {
        const int point = q.getColumn(0).getInt();
        auto it = rep_at.find({point, q.getColumn(1).getInt64()});
        if (it == rep_at.end()) continue;
        in.points[point_at.at(point)].replications[it->second].emplace_back(
            text(q.getColumn(2)), real_or_nan(q.getColumn(3)));
      }
    }
    if (db.tableExists("summaries")) {
      SQLite::Statement q(db,
                          "SELECT point, name, n, mean, half_width, low, high, min, max FROM "
                          "summaries WHERE run = ?");
      q.bind(1, *run);
      while (q.executeStep()) {
        auto it = point_at.find(q.getColumn(0).getInt());
        if (it == point_at.end()) continue;
        in.points[it->second].summary.push_back(detail::read_interval_row(q, 1));
      }
    }
  } catch (const SQLite::Exception& e) {
    throw input_error("results", "cannot read " + file.string() + ": " + e.what(), valid_db);
  }
  // Points without a finished replication have nothing to show yet.
  std::erase_if(in.points,
                [](const report_point& p) { return p.replications.empty() && p.summary.empty(); });
  if (in.points.empty())
    throw input_error("results", fmt::format("run {} in {} has no finished replication yet",
                                             *in.run_id, file.string()));
  return in;
}

}  // namespace tumen::output
