// The SQLite results database (see tumen/output/results_db.hpp and results_schema.sql): opening
// the file as a connection, with clear errors for paths that cannot hold a database, applying the
// schema to a new file, and grouping writes into one transaction. The writes, the reads --resume
// needs and the whole-database reads live in results_db_record.cpp, results_db_resume.cpp and
// results_db_inspect.cpp.
//
// The database keeps SQLite's default rollback journal (not WAL): WAL needs shared memory that
// network file systems (NFS, Lustre: where cluster jobs write) do not provide, and a rollback
// journal with synchronous = FULL already makes every committed transaction survive a kill or a
// power cut. A replication costs one short write transaction, negligible beside simulating it.
#include "tumen/output/results_db.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <string>
#include <system_error>

#include "tumen/output/detail/results_db_impl.hpp"

namespace tumen::output {

namespace detail {
extern const char* const results_schema_sql;  // generated from results_schema.sql
}

namespace {

constexpr int schema_version = 1;
constexpr int busy_timeout_ms = 10000;

namespace fs = std::filesystem;

// Clear reasons for the usual ways a path cannot hold a database, before SQLite's vaguer
// "unable to open database file". Returns whether the file may be opened for writing.
bool check_path(const fs::path& file, open_mode mode) {
  auto fail = [&](const std::string& why) {
    throw tumen::runtime_error("cannot open results database " + file.string() + ": " + why);
  };
  std::error_code ec;
  const auto st = fs::status(file, ec);
  const fs::path parent = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (fs::exists(st)) {
    if (!fs::is_regular_file(st)) fail("not a regular file");
    if (::access(file.c_str(), R_OK) != 0) fail(std::strerror(errno));
    // Writing needs the file and its directory (for the rollback journal beside it).
    return ::access(file.c_str(), W_OK) == 0 && ::access(parent.c_str(), W_OK | X_OK) == 0;
  }
  if (mode == open_mode::existing) fail("no such file");
  const auto pst = fs::status(parent, ec);
  if (!fs::exists(pst)) fail("the directory " + parent.string() + " does not exist");
  if (!fs::is_directory(pst)) fail(parent.string() + " is not a directory");
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    fail("cannot create a file in " + parent.string() + ": " + std::strerror(errno));
  return true;
}

// Creates the schema in an empty database; checks that a non-empty one is a tumen results
// database this program can read.
void apply_schema(SQLite::Database& db, const fs::path& file) {
  const int version = db.execAndGet("PRAGMA user_version").getInt();
  if (version > schema_version)
    throw tumen::runtime_error(
        fmt::format("results database {} has schema version {}, newer than this tumen knows ({}); "
                    "use a newer tumen or another --db file",
                    file.string(), version, schema_version));
  if (version == schema_version) return;
  if (db.execAndGet("SELECT count(*) FROM sqlite_master").getInt() > 0)
    throw tumen::runtime_error("cannot use " + file.string() +
                               ": it is an SQLite database, but not a tumen results database");
  SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Another process may have created the schema while we waited for the lock.
  if (db.execAndGet("PRAGMA user_version").getInt() == 0) {
    db.exec(detail::results_schema_sql);
    db.exec(fmt::format("PRAGMA user_version = {}", schema_version));
  }
  t.commit();
}

}  // namespace

SQLite::Statement& results_db::impl::statement(std::string_view sql) {
  auto it = statements.find(sql);
  if (it == statements.end())
    it = statements
             .emplace(std::string(sql), std::make_unique<SQLite::Statement>(*db, std::string(sql)))
             .first;
  // tryReset: reset() would rethrow the error of a step that failed before (a rolled-back write).
  it->second->tryReset();
  return *it->second;
}

results_db::results_db(const std::filesystem::path& file, open_mode mode)
    : impl_(std::make_unique<impl>()) {
  impl_->file = file;
  const bool writable = check_path(file, mode);
  if (!writable && mode == open_mode::create)
    throw tumen::runtime_error("cannot open results database " + file.string() +
                               ": the file or its directory is not writable");
  std::error_code ec;
  const bool created = !fs::exists(file, ec);
  try {
    const int flags = !writable                   ? SQLite::OPEN_READONLY
                      : mode == open_mode::create ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE
                                                  : SQLite::OPEN_READWRITE;
    impl_->db = std::make_unique<SQLite::Database>(file, flags, busy_timeout_ms);
    impl_->db->exec("PRAGMA foreign_keys = ON");
    if (writable)
      apply_schema(*impl_->db, file);
    else if (impl_->db->execAndGet("PRAGMA user_version").getInt() != schema_version)
      throw tumen::runtime_error("cannot use " + file.string() +
                                 ": not a tumen results database (schema version " +
                                 std::to_string(schema_version) + ")");
  } catch (...) {
    // A file this call created holds nothing yet (the schema is one transaction): remove it
    // rather than leave an empty file behind (unless another process has filled it meanwhile).
    impl_->db.reset();
    if (created && fs::file_size(file, ec) == 0 && !ec) {
      fs::remove(file, ec);
      fs::remove(file.string() + "-journal", ec);
    }
    try {
      throw;
    } catch (const SQLite::Exception& e) {
      const std::string why = e.getErrorCode() == SQLITE_NOTADB
                                  ? "not an SQLite database (is it the right file?)"
                                  : e.what();
      throw tumen::runtime_error("cannot open results database " + file.string() + ": " + why);
    }
  }
}

results_db::~results_db() = default;

const std::filesystem::path& results_db::file() const {
  return impl_->file;
}

void results_db::in_transaction(const std::function<void()>& writes) {
  if (impl_->in_transaction) {
    writes();
    return;
  }
  impl_->guarded("write", [&] {
    detail::write_scope t(*impl_->db, false);
    impl_->in_transaction = true;
    try {
      writes();
    } catch (...) {
      impl_->in_transaction = false;
      throw;
    }
    impl_->in_transaction = false;
    t.commit();
  });
}

std::string_view results_schema() {
  return detail::results_schema_sql;
}

}  // namespace tumen::output
