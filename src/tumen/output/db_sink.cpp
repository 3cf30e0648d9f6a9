// The results database as a results::sink (see tumen/output/db_sink.hpp).
#include "tumen/output/db_sink.hpp"

#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

namespace tumen::output {

namespace {

const char* status_text(results::run_status s) {
  switch (s) {
    case results::run_status::complete: return "complete";
    case results::run_status::failed: return "failed";
    case results::run_status::interrupted: return "interrupted";
  }
  return "failed";
}

}  // namespace

db_sink::db_sink(std::filesystem::path file, opening when, commits how)
    : file_(std::move(file)), commits_(how) {
  if (when == opening::now) db_.emplace(file_);
}

db_sink::~db_sink() {
  if (!run_ || finished_) return;
  try {
    flush();  // keep what finished: a rerun with --resume skips it
  } catch (const std::exception&) {
    // The database itself may be what failed (a full disk).
  }
  try {
    const bool asked = stop_ && stop_->load(std::memory_order_relaxed);
    db_->finish_run(
        *run_, status_text(asked ? results::run_status::interrupted : results::run_status::failed));
  } catch (const std::exception&) {
    // Already failing: the first error is the one reported.
  }
}

results_db& db_sink::db() {
  if (!db_) db_.emplace(file_);
  return *db_;
}

std::int64_t db_sink::run() {
  if (!run_) {
    if (!announced_) throw std::logic_error("db_sink: a write before begin() or resume()");
    run_ = db().begin_run(*announced_);
    announced_.reset();
  }
  return *run_;
}

void db_sink::flush() {
  if (!writer_) return;
  // Retired even when finish() throws: the thread has stopped, and the next writes start afresh.
  struct retire {
    std::optional<replication_writer>& w;
    ~retire() { w.reset(); }
  } r{writer_};
  writer_->finish();
}

void db_sink::begin(const results::run_attributes& run) {
  announced_ = run;
  if (db_) this->run();
}

bool db_sink::resume(const results::run_attributes& run) {
  const auto found = db().find_resumable(run);
  if (!found) return false;
  run_ = *found;
  std::size_t n = 1;  // one attribute per resumption: resumed.1, resumed.2, …
  for (const auto& [name, value] : db_->attributes(*run_))
    if (name.rfind("resumed.", 0) == 0) ++n;
  db_->set_attribute(*run_, "resumed." + std::to_string(n), run.command_line);
  return true;
}

void db_sink::points(const std::vector<results::design_point>& points) {
  flush();
  const auto id = run();
  db_->in_transaction([&] {
    for (const auto& p : points) db_->add_point(id, p.index, p.variables);
  });
}

void db_sink::replication(results::replication_scalars r) {
  const auto id = run();
  if (commits_ == commits::each) {
    db_->add_replication(id, r.point, r.replication, r.seed, r.scalars);
    return;
  }
  if (!writer_) writer_.emplace(*db_, id);
  writer_->add({r.point, r.replication, r.seed, std::move(r.scalars)});
}

void db_sink::summary(int point, const std::vector<results::interval_row>& rows) {
  flush();
  db_->add_summary(run(), point, rows);
}

void db_sink::attribute(const std::string& name, const std::string& value) {
  flush();
  db_->set_attribute(run(), name, value);
}

void db_sink::finish(results::run_status status) {
  if (!run_ && !db_) return;  // opened lazily and never written: nothing to finish
  flush();
  db_->finish_run(run(), status_text(status));
  finished_ = true;
}

std::set<results::unit_key> db_sink::stored_units() {
  flush();
  return db_->done_units(run());
}

std::vector<results::named_scalars> db_sink::stored_scalars(int point) {
  flush();
  return db_->load_scalars(run(), point);
}

std::optional<std::int64_t> db_sink::run_id() const {
  return run_;
}

std::string db_sink::where() const {
  return run_ ? db_->file().string() + " run " + std::to_string(*run_) : std::string();
}

}  // namespace tumen::output
