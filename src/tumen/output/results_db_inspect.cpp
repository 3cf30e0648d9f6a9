// Reading a results database as a whole (see tumen/output/results_db.hpp), for `tumen db list`
// and the exports: every run with its counts, the tables in schema order, and any table or view
// as text cells.
#include <optional>
#include <string>
#include <vector>

#include "tumen/output/detail/results_db_impl.hpp"

namespace tumen::output {

namespace {
using detail::from_sql;
}  // namespace

std::vector<run_info> detail::read_runs(SQLite::Database& db) {
  std::vector<run_info> out;
  SQLite::Statement st(
      db,
      "SELECT run, kind, status, scenario_name, scenario_source, scenario_hash, version, seed, "
      "command_line, design, started_at, finished_at, "
      "(SELECT count(*) FROM points p WHERE p.run = r.run), "
      "(SELECT count(*) FROM replications x WHERE x.run = r.run) FROM runs r ORDER BY run");
  while (st.executeStep()) {
    run_info i;
    i.id = st.getColumn(0).getInt64();
    i.kind = st.getColumn(1).getString();
    i.status = st.getColumn(2).getString();
    i.scenario_name = st.getColumn(3).getString();
    i.scenario_source = st.getColumn(4).getString();
    i.scenario_hash = st.getColumn(5).getString();
    i.version = st.getColumn(6).getString();
    i.seed = from_sql(st.getColumn(7).getInt64());
    i.command_line = st.getColumn(8).getString();
    i.design = st.getColumn(9).getString();
    i.started_at = st.getColumn(10).getString();
    if (!st.getColumn(11).isNull()) i.finished_at = st.getColumn(11).getString();
    i.points = static_cast<std::size_t>(st.getColumn(12).getInt64());
    i.replications = static_cast<std::size_t>(st.getColumn(13).getInt64());
    out.push_back(std::move(i));
  }
  return out;
}

std::vector<run_info> results_db::runs() {
  return impl_->guarded("list the runs", [&] { return detail::read_runs(*impl_->db); });
}

std::vector<std::string> results_db::table_names() {
  return impl_->guarded("list the tables", [&] {
    std::vector<std::string> out;
    SQLite::Statement st(*impl_->db,
                         "SELECT name FROM sqlite_master WHERE type = 'table' "
                         "AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
    while (st.executeStep()) out.push_back(st.getColumn(0).getString());
    return out;
  });
}

table_dump results_db::dump_table(const std::string& table) {
  return impl_->guarded("read table " + table, [&] {
    SQLite::Statement known(*impl_->db,
                            "SELECT count(*) FROM sqlite_master "
                            "WHERE type IN ('table', 'view') AND name = ?");
    known.bind(1, table);
    known.executeStep();
    if (known.getColumn(0).getInt() == 0)
      throw tumen::runtime_error("results database " + impl_->file.string() + " has no table " +
                                 table);
    table_dump out;
    out.name = table;
    SQLite::Statement st(*impl_->db, "SELECT * FROM \"" + table + "\"");
    const int n = st.getColumnCount();
    for (int c = 0; c < n; ++c) out.columns.emplace_back(st.getColumnName(c));
    while (st.executeStep()) {
      auto& row = out.rows.emplace_back();
      row.reserve(static_cast<std::size_t>(n));
      for (int c = 0; c < n; ++c) {
        const auto col = st.getColumn(c);
        if (col.isNull())
          row.emplace_back(std::nullopt);
        else if (col.isInteger())
          row.emplace_back(std::to_string(col.getInt64()));
        else if (col.isFloat())
          row.emplace_back(fmt::format("{}", col.getDouble()));  // shortest round-trip
        else
          row.emplace_back(col.getString());
      }
    }
    return out;
  });
}

}  // namespace tumen::output
