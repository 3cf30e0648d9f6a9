// Internals of the results database (see tumen/output/results_db.hpp), shared by the
// results_db*.cpp files: the connection behind a results_db, the write transaction or savepoint
// every write runs in, and how values cross into SQLite (unsigned 64-bit numbers bit for bit,
// NaN as NULL, timestamps in UTC).
//
//   return impl_->guarded("record the run", [&] {
//     detail::write_scope t(*impl_->db, impl_->in_transaction);
//     auto& st = impl_->statement("INSERT INTO ...");   // prepared once per connection
//     ...
//     t.commit();
//   });
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tumen/base/error.hpp"
#include "tumen/output/results_db.hpp"

namespace tumen::output {

namespace detail {

// SQLite's clock, in the ISO 8601 form every *_at column holds.
inline constexpr const char* now_sql = "strftime('%Y-%m-%dT%H:%M:%SZ','now')";

// Unsigned 64-bit numbers travel as SQLite's signed INTEGER, bit for bit.
inline std::int64_t to_sql(std::uint64_t v) {
  std::int64_t out;
  std::memcpy(&out, &v, sizeof out);
  return out;
}
inline std::uint64_t from_sql(std::int64_t v) {
  std::uint64_t out;
  std::memcpy(&out, &v, sizeof out);
  return out;
}

inline void bind_real(SQLite::Statement& st, int index, double v) {
  if (std::isnan(v))
    st.bind(index);  // NULL: SQLite would store NaN as NULL anyway; say so explicitly
  else
    st.bind(index, v);
}
inline double real_or_nan(const SQLite::Column& c) {
  return c.isNull() ? std::numeric_limits<double>::quiet_NaN() : c.getDouble();
}

// Readers of the tables, shared by results_db and the report (report_db.cpp), which opens the
// file its own way (read-only, with its own messages) but asks the same questions. They throw
// SQLite::Exception; the caller names the file and the step.

// Every run with its counts of points and replications, oldest first (results_db_inspect.cpp).
std::vector<run_info> read_runs(SQLite::Database& db);
// The run_attributes rows of a run, by name (results_db_resume.cpp).
std::vector<std::pair<std::string, std::string>> read_attributes(SQLite::Database& db,
                                                                 std::int64_t run);
// One summaries row whose columns name, n, mean, half_width, low, high, min, max stand from
// column `first` on (results_db_resume.cpp).
results::interval_row read_interval_row(SQLite::Statement& st, int first);

// A write transaction, or a savepoint inside the caller's in_transaction(): commit() keeps the
// writes, destruction without commit() undoes them (and only them).
class write_scope {
 public:
  write_scope(SQLite::Database& db, bool nested) : db_(db), nested_(nested) {
    db_.exec(nested_ ? "SAVEPOINT tumen_write" : "BEGIN IMMEDIATE");
  }
  ~write_scope() {
    if (!done_) try {
        db_.exec(nested_ ? "ROLLBACK TO tumen_write; RELEASE tumen_write" : "ROLLBACK");
      } catch (const SQLite::Exception&) {
        // Nothing more can be done: SQLite has rolled back by itself if the file failed.
      }
  }
  write_scope(const write_scope&) = delete;
  write_scope& operator=(const write_scope&) = delete;
  void commit() {
    db_.exec(nested_ ? "RELEASE tumen_write" : "COMMIT");
    done_ = true;
  }

 private:
  SQLite::Database& db_;
  bool nested_;
  bool done_ = false;
};

}  // namespace detail

// One open connection (results_db.cpp opens it and applies the schema).
struct results_db::impl {
  std::filesystem::path file;
  std::unique_ptr<SQLite::Database> db;
  bool in_transaction = false;  // inside in_transaction(): writes nest as savepoints
  // Statements run thousands of times per replication, prepared once.
  std::map<std::string, std::unique_ptr<SQLite::Statement>, std::less<>> statements;

  // The prepared statement for `sql`, reset and ready for new bindings.
  SQLite::Statement& statement(std::string_view sql);

  // Runs f, turning SQLite's exceptions into tumen::runtime_error naming the file and the step.
  template <class F>
  auto guarded(const std::string& what, F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      throw tumen::runtime_error(
          fmt::format("results database {}: cannot {}: {}", file.string(), what, e.what()));
    }
  }
};

}  // namespace tumen::output
