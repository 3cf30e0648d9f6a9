// Recording a run in the results database (see tumen/output/results_db.hpp): the run row and its
// attributes, the design points with their variables, each replication's scalars, the
// across-replication summaries and the final status. Each call is one transaction (a savepoint
// inside in_transaction()), so a killed process leaves only whole writes behind.
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "tumen/output/detail/results_db_impl.hpp"

namespace tumen::output {

namespace {

using detail::bind_real;
using detail::now_sql;
using detail::to_sql;
using detail::write_scope;

// The numeric value of a design variable (for queries), if its text is a finite number.
std::optional<double> as_number(const std::string& text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

// A point's label: "name=value, name=value".
std::string label_of(const std::vector<std::pair<std::string, std::string>>& variables) {
  std::string out;
  for (const auto& [k, v] : variables) {
    if (!out.empty()) out += ", ";
    out += k + "=" + v;
  }
  return out;
}

}  // namespace

std::int64_t results_db::begin_run(const run_attributes& a) {
  return impl_->guarded("record the run", [&] {
    auto& db = *impl_->db;
    write_scope t(db, impl_->in_transaction);
    SQLite::Statement st(
        db, fmt::format(
                "INSERT INTO runs (kind, status, scenario_name, scenario_source, scenario_hash, "
                "scenario_text, version, seed, command_line, design, started_at) "
                "VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, {})",
                now_sql));
    st.bind(1, a.kind);
    st.bind(2, a.scenario_name);
    st.bind(3, a.scenario_source);
    st.bind(4, a.scenario_hash);
    st.bind(5, a.scenario_text);
    st.bind(6, a.version);
    st.bind(7, to_sql(a.seed));
    st.bind(8, a.command_line);
    st.bind(9, a.design);
    st.exec();
    const std::int64_t run = db.getLastInsertRowid();
    SQLite::Statement attr(db, "INSERT INTO run_attributes (run, name, value) VALUES (?, ?, ?)");
    for (const auto& [name, value] : a.extra) {
      attr.reset();
      attr.bind(1, run);
      attr.bind(2, name);
      attr.bind(3, value);
      attr.exec();
    }
    t.commit();
    return run;
  });
}

void results_db::set_attribute(std::int64_t run, const std::string& name,
                               const std::string& value) {
  impl_->guarded("record a run attribute", [&] {
    SQLite::Statement st(
        *impl_->db, "INSERT OR REPLACE INTO run_attributes (run, name, value) VALUES (?, ?, ?)");
    st.bind(1, run);
    st.bind(2, name);
    st.bind(3, value);
    st.exec();
  });
}

void results_db::add_point(std::int64_t run, int point,
                           const std::vector<std::pair<std::string, std::string>>& variables) {
  impl_->guarded(fmt::format("record point {}", point), [&] {
    auto& db = *impl_->db;
    write_scope t(db, impl_->in_transaction);
    SQLite::Statement existing(db,
                               "SELECT name, value FROM point_variables "
                               "WHERE run = ? AND point = ? ORDER BY position");
    existing.bind(1, run);
    existing.bind(2, point);
    std::vector<std::pair<std::string, std::string>> stored;
    while (existing.executeStep())
      stored.emplace_back(existing.getColumn(0).getString(), existing.getColumn(1).getString());
    SQLite::Statement has(db, "SELECT count(*) FROM points WHERE run = ? AND point = ?");
    has.bind(1, run);
    has.bind(2, point);
    has.executeStep();
    if (has.getColumn(0).getInt() > 0) {
      if (stored != variables)
        throw tumen::runtime_error(
            fmt::format("results database {}: run {} point {} was stored as \"{}\", not \"{}\"",
                        impl_->file.string(), run, point, label_of(stored), label_of(variables)));
      return;  // the transaction rolls back: nothing was written
    }
    SQLite::Statement p(db, "INSERT INTO points (run, point, label) VALUES (?, ?, ?)");
    p.bind(1, run);
    p.bind(2, point);
    p.bind(3, label_of(variables));
    p.exec();
    SQLite::Statement v(db,
                        "INSERT INTO point_variables (run, point, position, name, value, number) "
                        "VALUES (?, ?, ?, ?, ?, ?)");
    int position = 0;
    for (const auto& [name, value] : variables) {
      v.reset();
      v.bind(1, run);
      v.bind(2, point);
      v.bind(3, position++);
      v.bind(4, name);
      v.bind(5, value);
      if (const auto x = as_number(value))
        v.bind(6, *x);
      else
        v.bind(6);
      v.exec();
    }
    t.commit();
  });
}

void results_db::add_replication(std::int64_t run, int point, std::uint64_t replication,
                                 std::uint64_t seed, const named_scalars& scalars) {
  add_replications(run, {{point, replication, seed, scalars}});
}

void results_db::add_replications(std::int64_t run, const std::vector<replication_record>& batch) {
  if (batch.empty()) return;
  const auto what = batch.size() == 1 ? fmt::format("store replication {} of point {}",
                                                    batch[0].replication, batch[0].point)
                                      : fmt::format("store {} replications", batch.size());
  impl_->guarded(what, [&] {
    auto& db = *impl_->db;
    write_scope t(db, impl_->in_transaction);
    for (const auto& r : batch) {
      auto& rep = impl_->statement(
          fmt::format("INSERT INTO replications (run, point, replication, seed, finished_at) "
                      "VALUES (?, ?, ?, ?, {})",
                      now_sql));
      rep.bind(1, run);
      rep.bind(2, r.point);
      rep.bind(3, to_sql(r.replication));
      rep.bind(4, to_sql(r.seed));
      rep.exec();
      auto& st = impl_->statement(
          "INSERT INTO scalars (run, point, replication, name, value) VALUES (?, ?, ?, ?, ?)");
      for (const auto& [name, value] : r.scalars) {
        st.reset();
        st.bind(1, run);
        st.bind(2, r.point);
        st.bind(3, to_sql(r.replication));
        st.bind(4, name);
        bind_real(st, 5, value);
        st.exec();
      }
      st.reset();
    }
    t.commit();
  });
}

void results_db::add_summary(std::int64_t run, int point,
                             const std::vector<results::interval_row>& rows) {
  impl_->guarded(fmt::format("store the summaries of point {}", point), [&] {
    auto& db = *impl_->db;
    write_scope t(db, impl_->in_transaction);
    SQLite::Statement del(db, "DELETE FROM summaries WHERE run = ? AND point = ?");
    del.bind(1, run);
    del.bind(2, point);
    del.exec();
    SQLite::Statement st(db,
                         "INSERT INTO summaries (run, point, name, n, mean, half_width, low, "
                         "high, min, max) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& r : rows) {
      st.reset();
      st.bind(1, run);
      st.bind(2, point);
      st.bind(3, r.name);
      st.bind(4, static_cast<std::int64_t>(r.n));
      bind_real(st, 5, r.mean);
      bind_real(st, 6, r.half_width);
      bind_real(st, 7, r.low);
      bind_real(st, 8, r.high);
      bind_real(st, 9, r.min);
      bind_real(st, 10, r.max);
      st.exec();
    }
    t.commit();
  });
}

void results_db::finish_run(std::int64_t run, const std::string& status) {
  impl_->guarded("mark the run " + status, [&] {
    SQLite::Statement st(
        *impl_->db,
        fmt::format("UPDATE runs SET status = ?, finished_at = {} WHERE run = ?", now_sql));
    st.bind(1, status);
    st.bind(2, run);
    st.exec();
  });
}

}  // namespace tumen::output
