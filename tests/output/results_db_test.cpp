// The results database: schema, exact round trips, one transaction per replication, reopening,
// the bookkeeping --resume relies on, and clear errors for files that cannot hold a database
// (missing directory, not a directory, not a database, another program's database, full disk).
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <unistd.h>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "tumen/base/error.hpp"
#include "tumen/output/results_db.hpp"

namespace fs = std::filesystem;
using tumen::output::named_scalars;
using tumen::output::open_mode;
using tumen::output::results_db;

namespace {

// A fresh directory per test, removed afterwards.
class results_db_test : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("tumen_results_db_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path path(const std::string& name) const { return dir_ / name; }

  static tumen::output::run_attributes attrs(const std::string& design = "design A") {
    tumen::output::run_attributes a;
    a.kind = "sweep";
    a.scenario_name = "test";
    a.scenario_source = "test.toml";
    a.scenario_text = "[scenario]\nname = \"test\"\n";
    a.scenario_hash = tumen::output::sha256_hex(a.scenario_text);
    a.version = "0.0.0";
    a.seed = 42;
    a.command_line = "tumen sweep test.toml --vary 'a=1,2'";
    a.design = design;
    a.extra = {{"replications", "2"}, {"set.0", "run.days=3"}};
    return a;
  }

  // The message of the tumen::runtime_error f throws ("" if it throws none).
  template <class F>
  static std::string error_of(F&& f) {
    try {
      f();
    } catch (const tumen::runtime_error& e) {
      return e.what();
    }
    return "";
  }

  fs::path dir_;
};

// Limits the size of files this process writes (as a full disk would) while it lives; writes
// beyond the limit fail with EFBIG instead of raising SIGXFSZ.
class file_size_limit {
 public:
  explicit file_size_limit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &old_);
    previous_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old_;
    small.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &small);
  }
  ~file_size_limit() {
    ::setrlimit(RLIMIT_FSIZE, &old_);
    std::signal(SIGXFSZ, previous_);
  }
  file_size_limit(const file_size_limit&) = delete;
  file_size_limit& operator=(const file_size_limit&) = delete;

 private:
  rlimit old_{};
  void (*previous_)(int) = nullptr;
};

std::string integrity(const fs::path& file) {
  SQLite::Database db(file, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA integrity_check").getString();
}

}  // namespace

TEST_F(results_db_test, creates_every_table_with_the_schema_version) {
  {
    results_db db(path("r.db"));
    const auto tables = db.table_names();
    for (const char* t : {"runs", "run_attributes", "points", "point_variables", "replications",
                          "scalars", "summaries"})
      EXPECT_NE(std::find(tables.begin(), tables.end(), t), tables.end()) << t;
  }
  SQLite::Database raw(path("r.db"), SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), 1);
  EXPECT_EQ(
      raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = 'hourly'")
          .getInt(),
      1);
}

TEST_F(results_db_test, schema_comments_every_table_and_column) {
  std::istringstream in{std::string(tumen::output::results_schema())};
  std::string line, previous;
  bool in_table = false;
  int tables = 0, columns = 0;
  while (std::getline(in, line)) {
    if (line.rfind("CREATE TABLE", 0) == 0) {
      EXPECT_EQ(previous.rfind("--", 0), 0u) << "no comment above: " << line;
      in_table = true;
      ++tables;
    } else if (in_table && line.rfind(")", 0) == 0) {
      in_table = false;
    } else if (in_table && line.rfind("  PRIMARY KEY", 0) != 0 &&
               line.rfind("  FOREIGN KEY", 0) != 0 && line.rfind("  ", 0) == 0 &&
               line.find_first_not_of(' ') == 2) {
      EXPECT_NE(line.find("--"), std::string::npos) << "column without a comment: " << line;
      ++columns;
    }
    previous = line;
  }
  EXPECT_EQ(tables, 7);
  EXPECT_GE(columns, 40);
}

TEST_F(results_db_test, stores_runs_points_and_scalars_exactly) {
  results_db db(path("r.db"));
  auto a = attrs();
  a.seed = std::numeric_limits<std::uint64_t>::max() - 5;  // beyond SQLite's signed range
  const auto run = db.begin_run(a);
  db.add_point(run, 0, {{"stages.booth.lanes", "2"}, {"demand.scale", "0.75"}});
  const double tricky = 0.1 + 0.2;
  const double inf = std::numeric_limits<double>::infinity();
  db.add_replication(run, 0, 7, a.seed,
                     {{"b", tricky}, {"a", -1e-300}, {"c", inf}, {"d", std::nan("")}});
  db.add_replication(run, 0, 3, a.seed, {{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}});

  const auto stored = db.load_scalars(run, 0);
  ASSERT_EQ(stored.size(), 2u);  // replication order: 3 then 7
  EXPECT_EQ(stored[0], (named_scalars{{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}}));
  ASSERT_EQ(stored[1].size(), 4u);
  EXPECT_EQ(stored[1][0], (std::pair<std::string, double>{"a", -1e-300}));
  EXPECT_EQ(stored[1][1].second, tricky);  // bit for bit
  EXPECT_EQ(stored[1][2].second, inf);
  EXPECT_TRUE(std::isnan(stored[1][3].second));

  const auto runs = db.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].seed, a.seed);
  EXPECT_EQ(runs[0].status, "running");
  EXPECT_EQ(runs[0].points, 1u);
  EXPECT_EQ(runs[0].replications, 2u);
  EXPECT_EQ(runs[0].scenario_hash, a.scenario_hash);
  EXPECT_EQ(db.attributes(run), (std::vector<std::pair<std::string, std::string>>{
                                    {"replications", "2"}, {"set.0", "run.days=3"}}));

  const auto variables = db.dump_table("point_variables");
  ASSERT_EQ(variables.rows.size(), 2u);
  EXPECT_EQ(variables.columns,
            (std::vector<std::string>{"run", "point", "position", "name", "value", "number"}));
  EXPECT_EQ(variables.rows[0][3], "demand.scale");  // key order: by name
  EXPECT_EQ(variables.rows[0][5], "0.75");
}

TEST_F(results_db_test, summaries_are_replaced_not_duplicated) {
  results_db db(path("r.db"));
  const auto run = db.begin_run(attrs());
  db.add_point(run, 0, {});
  tumen::results::interval_row r;
  r.name = "vehicles_per_day";
  r.mean = 300;
  r.half_width = std::numeric_limits<double>::infinity();
  r.n = 1;
  db.add_summary(run, 0, {r});
  r.mean = 301;
  r.half_width = 2.5;
  r.n = 2;
  db.add_summary(run, 0, {r});
  const auto rows = db.load_summary(run, 0);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].mean, 301);
  EXPECT_EQ(rows[0].half_width, 2.5);
  EXPECT_EQ(rows[0].n, 2u);
}

TEST_F(results_db_test, a_failed_replication_stores_nothing) {
  results_db db(path("r.db"));
  const auto run = db.begin_run(attrs());
  db.add_point(run, 0, {});
  // A duplicate name violates the key half-way through: the whole replication must vanish.
  const auto message = error_of([&] {
    db.add_replication(run, 0, 0, 42, {{"a", 1}, {"b", 2}, {"a", 3}});
  });
  EXPECT_NE(message.find("replication 0 of point 0"), std::string::npos) << message;
  EXPECT_TRUE(db.done_units(run).empty());
  EXPECT_TRUE(db.load_scalars(run, 0).empty());
  // The connection is still usable.
  db.add_replication(run, 0, 0, 42, {{"a", 1}});
  EXPECT_EQ(db.done_units(run).size(), 1u);
}

TEST_F(results_db_test, reopening_keeps_everything_and_numbers_runs_on) {
  std::int64_t first = 0;
  {
    results_db db(path("r.db"));
    first = db.begin_run(attrs());
    db.add_point(first, 0, {{"x", "1"}});
    db.add_replication(first, 0, 0, 42, {{"a", 1.5}});
    db.finish_run(first, "complete");
  }
  results_db db(path("r.db"));
  const auto second = db.begin_run(attrs());
  EXPECT_EQ(second, first + 1);
  const auto runs = db.runs();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].status, "complete");
  EXPECT_TRUE(runs[0].finished_at.has_value());
  EXPECT_EQ(db.load_scalars(first, 0), (std::vector<named_scalars>{{{"a", 1.5}}}));
  EXPECT_EQ(integrity(path("r.db")), "ok");
}

TEST_F(results_db_test, resume_finds_the_newest_unfinished_run_of_the_same_design) {
  results_db db(path("r.db"));
  EXPECT_FALSE(db.find_resumable(attrs()));
  const auto complete = db.begin_run(attrs());
  db.finish_run(complete, "complete");
  EXPECT_FALSE(db.find_resumable(attrs())) << "a complete run is never resumed";

  const auto older = db.begin_run(attrs());
  const auto newer = db.begin_run(attrs());
  const auto other = db.begin_run(attrs("design B"));
  EXPECT_EQ(db.find_resumable(attrs()), newer);
  EXPECT_EQ(db.find_resumable(attrs("design B")), other);
  auto changed = attrs();
  changed.scenario_hash = tumen::output::sha256_hex("another text");
  EXPECT_FALSE(db.find_resumable(changed)) << "a changed scenario file is another design";
  db.finish_run(newer, "failed");
  EXPECT_EQ(db.find_resumable(attrs()), newer) << "a failed run can be resumed";
  (void)older;

  db.add_point(newer, 0, {{"x", "1"}});
  db.add_point(newer, 1, {{"x", "2"}});
  db.add_replication(newer, 1, 4, 42, {{"a", 1}});
  db.add_replication(newer, 0, 5, 42, {{"a", 1}});
  EXPECT_EQ(db.done_units(newer), (std::set<std::pair<int, std::uint64_t>>{{0, 5}, {1, 4}}));
  // Re-adding the same point on resume is fine; a different definition is refused.
  EXPECT_NO_THROW(db.add_point(newer, 1, {{"x", "2"}}));
  EXPECT_NE(error_of([&] { db.add_point(newer, 1, {{"x", "3"}}); }).find("x=2"), std::string::npos);
}

TEST_F(results_db_test, a_missing_directory_is_a_clear_error_and_creates_nothing) {
  const auto m = error_of([&] { results_db db(path("nowhere/r.db")); });
  EXPECT_NE(m.find("nowhere"), std::string::npos) << m;
  EXPECT_NE(m.find("does not exist"), std::string::npos) << m;
  EXPECT_FALSE(fs::exists(path("nowhere")));
}

TEST_F(results_db_test, a_file_as_directory_is_a_clear_error) {
  std::ofstream(path("plain")) << "x";
  const auto m = error_of([&] { results_db db(path("plain/r.db")); });
  EXPECT_NE(m.find("not a directory"), std::string::npos) << m;
}

TEST_F(results_db_test, a_directory_as_database_is_a_clear_error) {
  fs::create_directories(path("adir"));
  const auto m = error_of([&] { results_db db(path("adir")); });
  EXPECT_NE(m.find("not a regular file"), std::string::npos) << m;
}

TEST_F(results_db_test, an_existing_database_must_exist_for_inspection) {
  const auto m = error_of([&] { results_db db(path("r.db"), open_mode::existing); });
  EXPECT_NE(m.find("no such file"), std::string::npos) << m;
  EXPECT_FALSE(fs::exists(path("r.db")));
}

TEST_F(results_db_test, a_text_file_is_not_a_database_and_is_left_alone) {
  const std::string text = "vehicles_per_day,300\nthis is a CSV file, not a database\n";
  std::ofstream(path("r.db")) << text;
  const auto m = error_of([&] { results_db db(path("r.db")); });
  EXPECT_NE(m.find("not an SQLite database"), std::string::npos) << m;
  std::ifstream in(path("r.db"));
  std::stringstream back;
  back << in.rdbuf();
  EXPECT_EQ(back.str(), text);
}

TEST_F(results_db_test, another_programs_database_is_refused) {
  {
    SQLite::Database other(path("r.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
  }
  const auto m = error_of([&] { results_db db(path("r.db")); });
  EXPECT_NE(m.find("not a tumen results database"), std::string::npos) << m;
  SQLite::Database check(path("r.db"), SQLite::OPEN_READONLY);
  EXPECT_FALSE(check.tableExists("runs"));
}

TEST_F(results_db_test, a_newer_schema_is_refused) {
  {
    SQLite::Database other(path("r.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("PRAGMA user_version = 99");
  }
  const auto m = error_of([&] { results_db db(path("r.db")); });
  EXPECT_NE(m.find("newer"), std::string::npos) << m;
}

// A full disk, simulated by a file size limit: the write that does not fit fails with a clear
// error, every replication stored before it is intact, and the file passes integrity_check.
TEST_F(results_db_test, a_full_disk_fails_cleanly_and_keeps_what_was_stored) {
  const auto file = path("r.db");
  std::int64_t run = 0;
  std::size_t stored = 0;
  std::string message;
  {
    results_db db(file);
    run = db.begin_run(attrs());
    db.add_point(run, 0, {});
    named_scalars big;
    for (int i = 0; i < 2000; ++i)
      big.emplace_back("stage.some_stage.hourly.series_" + std::to_string(i), i * 0.5);

    const file_size_limit limit(static_cast<rlim_t>(fs::file_size(file) + 400 * 1024));
    for (std::uint64_t k = 0; k < 100 && message.empty(); ++k) {
      message = error_of([&] { db.add_replication(run, 0, k, 42, big); });
      if (message.empty()) ++stored;
    }
  }
  ASSERT_FALSE(message.empty()) << "the size limit was never reached";
  EXPECT_GT(stored, 0u);
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("cannot store replication"), std::string::npos) << message;
  EXPECT_EQ(integrity(file), "ok");
  results_db db(file);
  EXPECT_EQ(db.done_units(run).size(), stored);
  EXPECT_EQ(db.load_scalars(run, 0).size(), stored);
  for (const auto& r : db.load_scalars(run, 0)) EXPECT_EQ(r.size(), 2000u);
}

TEST_F(results_db_test, a_database_that_cannot_be_created_leaves_no_file) {
  std::string message;
  {
    const file_size_limit limit(1000);  // not even the schema fits
    message = error_of([&] { results_db db(path("r.db")); });
  }
  EXPECT_NE(message.find("cannot open results database"), std::string::npos) << message;
  EXPECT_FALSE(fs::exists(path("r.db")));
  EXPECT_FALSE(fs::exists(path("r.db-journal")));
}

TEST_F(results_db_test, exports_every_table_as_csv) {
  results_db db(path("r.db"));
  const auto run = db.begin_run(attrs());
  db.add_point(run, 0, {{"demand.scale", "0.5"}});
  db.add_replication(run, 0, 0, 42, {{"vehicles_per_day", 0.1 + 0.2}});
  db.finish_run(run, "complete");
  const auto files = tumen::output::export_csv(db, path("csv"));
  EXPECT_EQ(files.size(), 7u);
  auto read = [&](const std::string& name) {
    std::ifstream in(path("csv") / name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  EXPECT_EQ(read("scalars.csv"),
            "run,point,replication,name,value\n1,0,0,vehicles_per_day,0.30000000000000004\n");
  const auto runs = read("runs.csv");
  EXPECT_NE(runs.find("\"[scenario]\nname = \"\"test\"\"\n\""), std::string::npos) << runs;
  EXPECT_NE(runs.find("\"tumen sweep test.toml --vary 'a=1,2'\""), std::string::npos) << runs;
  EXPECT_NE(read("point_variables.csv").find("1,0,0,demand.scale,0.5,0.5\n"), std::string::npos);
  for (const auto& entry : fs::directory_iterator(path("csv")))
    EXPECT_EQ(entry.path().extension(), ".csv") << "left behind: " << entry.path();
}
