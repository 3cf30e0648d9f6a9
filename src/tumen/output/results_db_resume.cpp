// What --resume reads back from the results database (see tumen/output/results_db.hpp): the
// unfinished run made from the same scenario and design, its settings, the replications already
// stored (to skip them), and their scalars and summaries (to summarise a point from every
// replication, those of the earlier attempt included).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tumen/output/detail/results_db_impl.hpp"

namespace tumen::output {

namespace {
using detail::from_sql;
using detail::real_or_nan;
}  // namespace

std::optional<std::int64_t> results_db::find_resumable(const run_attributes& a) {
  return impl_->guarded("look for an unfinished run", [&]() -> std::optional<std::int64_t> {
    SQLite::Statement st(*impl_->db,
                         "SELECT run FROM runs WHERE kind = ? AND scenario_hash = ? AND design = ? "
                         "AND status <> 'complete' ORDER BY run DESC LIMIT 1");
    st.bind(1, a.kind);
    st.bind(2, a.scenario_hash);
    st.bind(3, a.design);
    if (st.executeStep()) return st.getColumn(0).getInt64();
    return std::nullopt;
  });
}

std::vector<std::pair<std::string, std::string>> detail::read_attributes(SQLite::Database& db,
                                                                         std::int64_t run) {
  std::vector<std::pair<std::string, std::string>> out;
  SQLite::Statement st(db, "SELECT name, value FROM run_attributes WHERE run = ? ORDER BY name");
  st.bind(1, run);
  while (st.executeStep())
    out.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString());
  return out;
}

std::vector<std::pair<std::string, std::string>> results_db::attributes(std::int64_t run) {
  return impl_->guarded("read the run attributes",
                        [&] { return detail::read_attributes(*impl_->db, run); });
}

std::set<std::pair<int, std::uint64_t>> results_db::done_units(std::int64_t run) {
  return impl_->guarded("read the finished replications", [&] {
    std::set<std::pair<int, std::uint64_t>> out;
    SQLite::Statement st(*impl_->db, "SELECT point, replication FROM replications WHERE run = ?");
    st.bind(1, run);
    while (st.executeStep())
      out.emplace(st.getColumn(0).getInt(), from_sql(st.getColumn(1).getInt64()));
    return out;
  });
}

std::vector<named_scalars> results_db::load_scalars(std::int64_t run, int point) {
  return impl_->guarded(fmt::format("read the scalars of point {}", point), [&] {
    std::vector<named_scalars> out;
    SQLite::Statement st(*impl_->db,
                         "SELECT replication, name, value FROM scalars "
                         "WHERE run = ? AND point = ? ORDER BY replication, name");
    st.bind(1, run);
    st.bind(2, point);
    std::optional<std::int64_t> current;
    while (st.executeStep()) {
      const auto rep = st.getColumn(0).getInt64();
      if (!current || rep != *current) {
        out.emplace_back();
        current = rep;
      }
      out.back().emplace_back(st.getColumn(1).getString(), real_or_nan(st.getColumn(2)));
    }
    return out;
  });
}

results::interval_row detail::read_interval_row(SQLite::Statement& st, int first) {
  results::interval_row r;
  r.name = st.getColumn(first).getString();
  r.n = static_cast<std::size_t>(st.getColumn(first + 1).getInt64());
  r.mean = real_or_nan(st.getColumn(first + 2));
  r.half_width = real_or_nan(st.getColumn(first + 3));
  r.low = real_or_nan(st.getColumn(first + 4));
  r.high = real_or_nan(st.getColumn(first + 5));
  r.min = real_or_nan(st.getColumn(first + 6));
  r.max = real_or_nan(st.getColumn(first + 7));
  return r;
}

std::vector<results::interval_row> results_db::load_summary(std::int64_t run, int point) {
  return impl_->guarded(fmt::format("read the summaries of point {}", point), [&] {
    std::vector<results::interval_row> out;
    SQLite::Statement st(*impl_->db,
                         "SELECT name, n, mean, half_width, low, high, min, max "
                         "FROM summaries WHERE run = ? AND point = ? ORDER BY name");
    st.bind(1, run);
    st.bind(2, point);
    while (st.executeStep()) out.push_back(detail::read_interval_row(st, 0));
    return out;
  });
}

}  // namespace tumen::output
