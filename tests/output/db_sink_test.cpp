// The results database as a results::sink: a run recorded through db_sink reads back exactly as
// the same run written call by call through results_db (what `tumen run` and the decision
// commands wrote before the sink), a sink dropped before finish() marks its run failed, a lazily
// opened sink touches nothing until its first write, grouped commits keep every replication, and
// resume() continues the unfinished run of the same design.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "tumen/base/error.hpp"
#include "tumen/output/db_sink.hpp"
#include "tumen/output/results_db.hpp"

namespace fs = std::filesystem;
using tumen::output::db_sink;
using tumen::output::results_db;
using tumen::results::run_status;

namespace {

class db_sink_test : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("tumen_db_sink_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path path(const std::string& name) const { return dir_ / name; }

  static tumen::results::run_attributes attrs(const std::string& kind = "run",
                                              const std::string& design = "design A") {
    tumen::results::run_attributes a;
    a.kind = kind;
    a.scenario_name = "test";
    a.scenario_source = "test.toml";
    a.scenario_text = "[scenario]\nname = \"test\"\n";
    a.scenario_hash = tumen::output::sha256_hex(a.scenario_text);
    a.version = "0.0.0";
    a.seed = 42;
    a.command_line = "tumen " + kind + " test.toml";
    a.design = design;
    a.extra = {{"replications", "2"}, {"set.0", "run.days=3"}};
    return a;
  }

  fs::path dir_;
};

tumen::results::named_scalars scalars(double k) {
  return {{"vehicles_per_day", 100 + k}, {"max_wait_p95", 60 * k}, {"stage.a.wait.mean", 0.5}};
}

std::vector<tumen::results::interval_row> rows() {
  tumen::results::interval_row r;
  r.name = "vehicles_per_day";
  r.mean = 100.5;
  r.half_width = 6.35;
  r.low = 94.15;
  r.high = 106.85;
  r.n = 2;
  r.min = 100;
  r.max = 101;
  return {r};
}

// Every table of the file, with the columns that hold the time of writing blanked.
std::vector<tumen::output::table_dump> contents(const fs::path& file) {
  results_db db(file, tumen::output::open_mode::existing);
  std::vector<tumen::output::table_dump> out;
  for (const auto& name : db.table_names()) {
    auto t = db.dump_table(name);
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      if (t.columns[c] == "started_at" || t.columns[c] == "finished_at")
        for (auto& row : t.rows)
          if (row[c]) row[c] = "<time>";
    out.push_back(std::move(t));
  }
  return out;
}

void expect_same_contents(const fs::path& a, const fs::path& b) {
  const auto ta = contents(a), tb = contents(b);
  ASSERT_EQ(ta.size(), tb.size());
  for (std::size_t i = 0; i < ta.size(); ++i) {
    EXPECT_EQ(ta[i].name, tb[i].name);
    EXPECT_EQ(ta[i].columns, tb[i].columns) << ta[i].name;
    EXPECT_EQ(ta[i].rows, tb[i].rows) << ta[i].name;
  }
}

std::size_t rows_of(const fs::path& file, const std::string& table) {
  results_db db(file, tumen::output::open_mode::existing);
  return db.dump_table(table).rows.size();
}

}  // namespace

TEST_F(db_sink_test, a_run_reads_back_as_the_same_calls_of_results_db_wrote_it) {
  {
    db_sink sink(path("sink.db"));
    sink.begin(attrs());
    sink.points({{0, {}}});
    sink.replication({0, 0, 42, scalars(0)});
    sink.replication({0, 1, 42, scalars(1)});
    sink.summary(0, rows());
    sink.finish(run_status::complete);
    EXPECT_EQ(sink.run_id(), 1);
    EXPECT_EQ(sink.where(), path("sink.db").string() + " run 1");
  }
  {
    results_db db(path("direct.db"));
    const auto run = db.begin_run(attrs());
    db.add_point(run, 0, {});
    db.add_replication(run, 0, 0, 42, scalars(0));
    db.add_replication(run, 0, 1, 42, scalars(1));
    db.add_summary(run, 0, rows());
    db.finish_run(run, "complete");
  }
  expect_same_contents(path("sink.db"), path("direct.db"));
  results_db db(path("sink.db"));
  ASSERT_EQ(db.runs().size(), 1u);
  EXPECT_EQ(db.runs()[0].status, "complete");
  EXPECT_EQ(db.runs()[0].replications, 2u);
  EXPECT_EQ(db.load_summary(1, 0).size(), 1u);
}

TEST_F(db_sink_test, opened_now_an_unwritable_file_fails_at_once) {
  EXPECT_THROW(db_sink(path("missing/dir/r.db")), tumen::runtime_error);
}

TEST_F(db_sink_test, replications_are_stored_as_each_arrives) {
  db_sink sink(path("r.db"));
  sink.begin(attrs());
  sink.points({{0, {}}});
  sink.replication({0, 0, 42, scalars(0)});
  EXPECT_EQ(rows_of(path("r.db"), "replications"), 1u);  // committed, seen by another connection
  EXPECT_EQ(sink.stored_units(), (std::set<tumen::results::unit_key>{{0, 0}}));
  sink.finish(run_status::complete);
}

TEST_F(db_sink_test, a_sink_dropped_before_finish_marks_the_run_failed_and_keeps_its_replications) {
  {
    db_sink sink(path("r.db"));
    sink.begin(attrs());
    sink.points({{0, {}}});
    sink.replication({0, 0, 42, scalars(0)});
  }
  results_db db(path("r.db"));
  const auto runs = db.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].status, "failed");
  EXPECT_TRUE(runs[0].finished_at.has_value());
  EXPECT_EQ(runs[0].replications, 1u);
}

TEST_F(db_sink_test, finish_failed_is_recorded_as_failed) {
  db_sink sink(path("r.db"));
  sink.begin(attrs());
  sink.points({{0, {}}});
  sink.finish(run_status::failed);
  results_db db(path("r.db"));
  EXPECT_EQ(db.runs().at(0).status, "failed");
}

TEST_F(db_sink_test, opened_lazily_nothing_is_touched_before_the_first_write) {
  {
    db_sink sink(path("r.db"), db_sink::opening::at_first_write);
    sink.begin(attrs("capacity"));
    EXPECT_FALSE(sink.run_id());
    EXPECT_EQ(sink.where(), "");
    sink.finish(run_status::complete);  // nothing written: nothing to finish
  }
  EXPECT_FALSE(fs::exists(path("r.db")));
  {
    db_sink sink(path("r.db"), db_sink::opening::at_first_write);
    sink.begin(attrs("capacity"));
  }  // dropped unwritten (bad input found after begin): still nothing
  EXPECT_FALSE(fs::exists(path("r.db")));
  db_sink unwritable(path("missing/dir/r.db"), db_sink::opening::at_first_write);
  unwritable.begin(attrs("capacity"));
  EXPECT_THROW(unwritable.points({{0, {}}}), tumen::runtime_error);
}

TEST_F(db_sink_test, a_search_reads_back_as_the_same_calls_of_results_db_wrote_it) {
  {
    db_sink sink(path("sink.db"), db_sink::opening::at_first_write);
    sink.begin(attrs("capacity"));
    for (int p = 0; p < 2; ++p) {
      sink.points({{p, {{"run.demand_scale", p ? "2" : "1"}}}});
      EXPECT_EQ(sink.run_id(), 1);
      sink.replication({p, 0, 42, scalars(p)});
      sink.replication({p, 1, 42, scalars(p + 1)});
      sink.summary(p, rows());
    }
    sink.attribute("capacity.verdict", "found");
    sink.finish(run_status::complete);
  }
  {
    results_db db(path("direct.db"));
    const auto run = db.begin_run(attrs("capacity"));
    for (int p = 0; p < 2; ++p) {
      db.add_point(run, p, {{"run.demand_scale", p ? "2" : "1"}});
      db.add_replication(run, p, 0, 42, scalars(p));
      db.add_replication(run, p, 1, 42, scalars(p + 1));
      db.add_summary(run, p, rows());
    }
    db.set_attribute(run, "capacity.verdict", "found");
    db.finish_run(run, "complete");
  }
  expect_same_contents(path("sink.db"), path("direct.db"));
}

TEST_F(db_sink_test, a_lazy_sink_dropped_after_its_first_point_marks_the_run_failed) {
  {
    db_sink sink(path("r.db"), db_sink::opening::at_first_write);
    sink.begin(attrs("staff"));
    sink.points({{0, {{"stages.a.lanes", "2"}}}});
  }
  results_db db(path("r.db"));
  EXPECT_EQ(db.runs().at(0).status, "failed");
}

TEST_F(db_sink_test, grouped_commits_keep_every_replication) {
  {
    db_sink sink(path("r.db"), db_sink::opening::now, db_sink::commits::grouped);
    sink.begin(attrs("sweep"));
    sink.points({{0, {{"a", "1"}}}, {1, {{"a", "2"}}}});
    for (std::uint64_t k = 0; k < 50; ++k)
      for (int p = 0; p < 2; ++p) sink.replication({p, k, 42, scalars(static_cast<double>(k))});
    const auto stored = sink.stored_scalars(1);  // waits for the writer thread
    ASSERT_EQ(stored.size(), 50u);
    EXPECT_EQ(stored[7][2], (std::pair<std::string, double>{"vehicles_per_day", 107}));
    EXPECT_EQ(sink.stored_units().size(), 100u);
    sink.replication({0, 50, 42, scalars(50)});  // a new writer after a flush
  }  // dropped: the last replication is still stored, the run failed
  results_db db(path("r.db"));
  EXPECT_EQ(db.runs().at(0).status, "failed");
  EXPECT_EQ(db.runs().at(0).replications, 101u);
}

TEST_F(db_sink_test, resume_continues_the_unfinished_run_of_the_same_design) {
  {
    db_sink sink(path("r.db"));
    EXPECT_FALSE(sink.resume(attrs("sweep")));  // nothing to resume in a new file
    sink.begin(attrs("sweep"));
    sink.points({{0, {{"a", "1"}}}});
    sink.replication({0, 0, 42, scalars(0)});
  }  // interrupted
  for (int n = 1; n <= 2; ++n) {
    db_sink sink(path("r.db"));
    EXPECT_FALSE(sink.resume(attrs("sweep", "design B")));
    ASSERT_TRUE(sink.resume(attrs("sweep")));
    EXPECT_EQ(sink.run_id(), 1);
    sink.points({{0, {{"a", "1"}}}});  // the same point again: accepted
    EXPECT_EQ(sink.stored_units(), (std::set<tumen::results::unit_key>{{0, 0}}));
    if (n == 2) {
      sink.replication({0, 1, 42, scalars(1)});
      sink.summary(0, rows());
      sink.finish(run_status::complete);
    }
  }
  results_db db(path("r.db"));
  ASSERT_EQ(db.runs().size(), 1u);
  EXPECT_EQ(db.runs()[0].status, "complete");
  EXPECT_EQ(db.runs()[0].replications, 2u);
  std::vector<std::pair<std::string, std::string>> resumed;
  for (const auto& a : db.attributes(1))
    if (a.first.rfind("resumed.", 0) == 0) resumed.push_back(a);
  EXPECT_EQ(resumed,
            (std::vector<std::pair<std::string, std::string>>{
                {"resumed.1", "tumen sweep test.toml"}, {"resumed.2", "tumen sweep test.toml"}}));
  db_sink finished(path("r.db"));
  EXPECT_FALSE(finished.resume(attrs("sweep")));  // a complete run is not resumed
}

TEST_F(db_sink_test, a_write_before_begin_is_a_programming_error) {
  db_sink sink(path("r.db"));
  EXPECT_THROW(sink.points({{0, {}}}), std::logic_error);
}
