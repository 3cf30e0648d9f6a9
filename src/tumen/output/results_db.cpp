// The SQLite results database (see tumen/output/results_db.hpp and results_schema.sql).
//
// The database keeps SQLite's default rollback journal (not WAL): WAL needs shared memory that
// network file systems (NFS, Lustre: where cluster jobs write) do not provide, and a rollback
// journal with synchronous = FULL already makes every committed transaction survive a kill or a
// power cut. A replication costs one short write transaction, negligible beside simulating it.
#include "tumen/output/results_db.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>
#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "tumen/base/error.hpp"
#include "tumen/output/atomic_file.hpp"

namespace tumen::output {

namespace detail {
extern const char* const results_schema_sql;  // generated from results_schema.sql
}

namespace {

constexpr int schema_version = 1;
constexpr int busy_timeout_ms = 10000;
constexpr const char* now_sql = "strftime('%Y-%m-%dT%H:%M:%SZ','now')";

namespace fs = std::filesystem;

// Unsigned 64-bit numbers travel as SQLite's signed INTEGER, bit for bit.
std::int64_t to_sql(std::uint64_t v) {
  std::int64_t out;
  std::memcpy(&out, &v, sizeof out);
  return out;
}
std::uint64_t from_sql(std::int64_t v) {
  std::uint64_t out;
  std::memcpy(&out, &v, sizeof out);
  return out;
}

void bind_real(SQLite::Statement& st, int index, double v) {
  if (std::isnan(v))
    st.bind(index);  // NULL: SQLite would store NaN as NULL anyway; say so explicitly
  else
    st.bind(index, v);
}
double real_or_nan(const SQLite::Column& c) {
  return c.isNull() ? std::numeric_limits<double>::quiet_NaN() : c.getDouble();
}

std::optional<double> as_number(const std::string& text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string label_of(const std::vector<std::pair<std::string, std::string>>& variables) {
  std::string out;
  for (const auto& [k, v] : variables) {
    if (!out.empty()) out += ", ";
    out += k + "=" + v;
  }
  return out;
}

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

// SHA-256 (FIPS 180-4), small and dependency-free: only scenario texts are hashed.
class sha256 {
 public:
  void update(std::string_view data) {
    for (const char c : data) {
      block_[used_++] = static_cast<unsigned char>(c);
      if (used_ == 64) {
        compress();
        used_ = 0;
      }
    }
    length_ += data.size();
  }
  std::string hex() {
    const std::uint64_t bits = length_ * 8;
    block_[used_++] = 0x80;
    if (used_ > 56) {
      while (used_ < 64) block_[used_++] = 0;
      compress();
      used_ = 0;
    }
    while (used_ < 56) block_[used_++] = 0;
    for (int i = 7; i >= 0; --i) block_[used_++] = static_cast<unsigned char>(bits >> (8 * i));
    compress();
    std::string out;
    for (const auto h : h_) out += fmt::format("{:08x}", h);
    return out;
  }

 private:
  static std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
  void compress() {
    static constexpr std::array<std::uint32_t, 64> k = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    std::array<std::uint32_t, 64> w{};
    for (std::size_t i = 0; i < 16; ++i)
      w[i] = std::uint32_t{block_[4 * i]} << 24 | std::uint32_t{block_[4 * i + 1]} << 16 |
             std::uint32_t{block_[4 * i + 2]} << 8 | std::uint32_t{block_[4 * i + 3]};
    for (std::size_t i = 16; i < 64; ++i) {
      const auto s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const auto s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    auto [a, b, c, d, e, f, g, h] = h_;
    for (std::size_t i = 0; i < 64; ++i) {
      const auto t1 =
          h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
      const auto t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    const std::array<std::uint32_t, 8> add = {a, b, c, d, e, f, g, h};
    for (std::size_t i = 0; i < 8; ++i) h_[i] += add[i];
  }

  std::array<std::uint32_t, 8> h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<unsigned char, 64> block_{};
  std::size_t used_ = 0;
  std::uint64_t length_ = 0;
};

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

}  // namespace

struct results_db::impl {
  fs::path file;
  std::unique_ptr<SQLite::Database> db;
  bool in_transaction = false;  // inside in_transaction(): writes nest as savepoints
  // Statements run thousands of times per replication, prepared once.
  std::map<std::string, std::unique_ptr<SQLite::Statement>, std::less<>> statements;

  SQLite::Statement& statement(std::string_view sql) {
    auto it = statements.find(sql);
    if (it == statements.end())
      it =
          statements
              .emplace(std::string(sql), std::make_unique<SQLite::Statement>(*db, std::string(sql)))
              .first;
    // tryReset: reset() would rethrow the error of a step that failed before (a rolled-back write).
    it->second->tryReset();
    return *it->second;
  }

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

  void apply_schema() {
    const int version = db->execAndGet("PRAGMA user_version").getInt();
    if (version > schema_version)
      throw tumen::runtime_error(fmt::format(
          "results database {} has schema version {}, newer than this tumen knows ({}); "
          "use a newer tumen or another --db file",
          file.string(), version, schema_version));
    if (version == schema_version) return;
    if (db->execAndGet("SELECT count(*) FROM sqlite_master").getInt() > 0)
      throw tumen::runtime_error("cannot use " + file.string() +
                                 ": it is an SQLite database, but not a tumen results database");
    SQLite::Transaction t(*db, SQLite::TransactionBehavior::IMMEDIATE);
    // Another process may have created the schema while we waited for the lock.
    if (db->execAndGet("PRAGMA user_version").getInt() == 0) {
      db->exec(detail::results_schema_sql);
      db->exec(fmt::format("PRAGMA user_version = {}", schema_version));
    }
    t.commit();
  }
};

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
      impl_->apply_schema();
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
    write_scope t(*impl_->db, false);
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

std::vector<std::pair<std::string, std::string>> results_db::attributes(std::int64_t run) {
  return impl_->guarded("read the run attributes", [&] {
    std::vector<std::pair<std::string, std::string>> out;
    SQLite::Statement st(*impl_->db,
                         "SELECT name, value FROM run_attributes WHERE run = ? ORDER BY name");
    st.bind(1, run);
    while (st.executeStep())
      out.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString());
    return out;
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

struct replication_writer::state {
  results_db& db;
  std::int64_t run;
  std::mutex m;
  std::condition_variable cv;
  std::vector<replication_record> queue;
  bool closing = false;
  std::exception_ptr error;
  std::thread thread;

  state(results_db& d, std::int64_t r) : db(d), run(r) {}

  void loop() {
    std::vector<replication_record> batch;
    for (;;) {
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return !queue.empty() || closing; });
        if (queue.empty()) return;
        batch.swap(queue);
      }
      try {
        db.add_replications(run, batch);
      } catch (...) {
        std::lock_guard lock(m);
        error = std::current_exception();
        queue.clear();
        return;
      }
      batch.clear();
    }
  }

  void stop() {
    {
      std::lock_guard lock(m);
      closing = true;
    }
    cv.notify_one();
    if (thread.joinable()) thread.join();
  }
};

replication_writer::replication_writer(results_db& db, std::int64_t run)
    : state_(std::make_unique<state>(db, run)) {
  state_->thread = std::thread([s = state_.get()] { s->loop(); });
}

replication_writer::~replication_writer() {
  state_->stop();
}

void replication_writer::add(replication_record r) {
  {
    std::lock_guard lock(state_->m);
    if (state_->error) std::rethrow_exception(state_->error);
    state_->queue.push_back(std::move(r));
  }
  state_->cv.notify_one();
}

void replication_writer::finish() {
  state_->stop();
  std::lock_guard lock(state_->m);
  if (state_->error) std::rethrow_exception(std::exchange(state_->error, nullptr));
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

std::vector<results::interval_row> results_db::load_summary(std::int64_t run, int point) {
  return impl_->guarded(fmt::format("read the summaries of point {}", point), [&] {
    std::vector<results::interval_row> out;
    SQLite::Statement st(*impl_->db,
                         "SELECT name, n, mean, half_width, low, high, min, max "
                         "FROM summaries WHERE run = ? AND point = ? ORDER BY name");
    st.bind(1, run);
    st.bind(2, point);
    while (st.executeStep()) {
      results::interval_row r;
      r.name = st.getColumn(0).getString();
      r.n = static_cast<std::size_t>(st.getColumn(1).getInt64());
      r.mean = real_or_nan(st.getColumn(2));
      r.half_width = real_or_nan(st.getColumn(3));
      r.low = real_or_nan(st.getColumn(4));
      r.high = real_or_nan(st.getColumn(5));
      r.min = real_or_nan(st.getColumn(6));
      r.max = real_or_nan(st.getColumn(7));
      out.push_back(std::move(r));
    }
    return out;
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

std::vector<run_info> results_db::runs() {
  return impl_->guarded("list the runs", [&] {
    std::vector<run_info> out;
    SQLite::Statement st(
        *impl_->db,
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
  });
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

std::string_view results_schema() {
  return detail::results_schema_sql;
}

std::string sha256_hex(std::string_view text) {
  sha256 h;
  h.update(text);
  return h.hex();
}

namespace {
std::string csv_cell(const std::optional<std::string>& cell) {
  if (!cell) return {};
  const auto& s = *cell;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}
}  // namespace

std::vector<std::filesystem::path> export_csv(results_db& db, const std::filesystem::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw tumen::runtime_error("cannot write into " + dir.string() + ": " +
                               (ec ? ec.message() : std::string("not a directory")));
  std::vector<fs::path> written;
  for (const auto& name : db.table_names()) {
    const auto t = db.dump_table(name);
    std::string text;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      if (c) text += ',';
      text += csv_cell(t.columns[c]);
    }
    text += '\n';
    for (const auto& row : t.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (c) text += ',';
        text += csv_cell(row[c]);
      }
      text += '\n';
    }
    const auto path = dir / (name + ".csv");
    write_file_atomically(path, text);
    written.push_back(path);
  }
  return written;
}

}  // namespace tumen::output
