// Reading runs back from the results database: what the results writer stores is what the
// report gets.
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>

#include "report_test_support.hpp"
#include "tumen/base/error.hpp"
#include "tumen/output/report.hpp"
#include "tumen/output/report_db.hpp"
#include "tumen/output/results_db.hpp"

namespace fs = std::filesystem;
using namespace tumen;

namespace {

fs::path fresh_db(const std::string& name) {
  auto d = fs::temp_directory_path() / ("tumen-report-db-test-" + std::to_string(::getpid()));
  fs::create_directories(d);
  const auto file = d / name;
  fs::remove(file);
  return file;
}

output::run_attributes attributes(const std::string& kind) {
  output::run_attributes a;
  a.kind = kind;
  a.scenario_name = "Test <crossing> & co";
  a.scenario_source = "test.toml";
  a.scenario_text = report_test::crossing_toml;
  a.scenario_hash = output::sha256_hex(a.scenario_text);
  a.version = "0.1.0";
  a.seed = 42;
  a.command_line = "tumen sweep test.toml --vary stages.a_exit.lanes=1,2";
  a.design = kind;
  a.extra = {{"set.0", "run.days=3"}, {"set.1", "stages.b_entry.lanes=2"}, {"variant", ""}};
  return a;
}

}  // namespace

TEST(report_db, a_sweep_comes_back_point_by_point) {
  const auto file = fresh_db("sweep.db");
  std::int64_t run = 0;
  {
    output::results_db db(file);
    run = db.begin_run(attributes("sweep"));
    for (int point = 0; point < 2; ++point) {
      db.add_point(run, point, {{"stages.a_exit.lanes", std::to_string(point + 1)}});
      std::vector<output::named_scalars> all;
      for (std::uint64_t k = 0; k < 3; ++k) {
        output::named_scalars s = {{"vehicles_per_day", 100.0 + static_cast<double>(k)},
                                   {"stage.a_exit.hourly.queue_mean.08", 2.0 * (point + 1)}};
        db.add_replication(run, point, k, 42, s);
      }
      results::interval_row r;
      r.name = "vehicles_per_day";
      r.mean = 101;
      r.half_width = 2.48;
      r.low = 98.52;
      r.high = 103.48;
      r.n = 3;
      db.add_summary(run, point, {r});
    }
    db.finish_run(run, "complete");
  }
  const auto in = output::load_report_input(file);
  EXPECT_EQ(in.run_id, run);
  EXPECT_EQ(in.attributes.kind, "sweep");
  EXPECT_EQ(in.status, "complete");
  EXPECT_EQ(in.attributes.scenario_text, report_test::crossing_toml);
  EXPECT_EQ(in.attributes.seed, 42u);
  EXPECT_EQ(in.overrides, (std::vector<std::string>{"run.days=3", "stages.b_entry.lanes=2"}));
  EXPECT_FALSE(in.variant.has_value()) << "an empty variant attribute is no variant";
  ASSERT_EQ(in.points.size(), 2u);
  EXPECT_EQ(in.points[1].variables,
            (std::vector<std::pair<std::string, std::string>>{{"stages.a_exit.lanes", "2"}}));
  EXPECT_EQ(in.points[1].label, "stages.a_exit.lanes=2");
  ASSERT_EQ(in.points[1].replications.size(), 3u);
  EXPECT_EQ(in.points[1].replication_numbers, (std::vector<std::uint64_t>{0, 1, 2}));
  ASSERT_EQ(in.points[0].summary.size(), 1u);
  EXPECT_DOUBLE_EQ(in.points[0].summary[0].half_width, 2.48);

  // And the document made from it: the overrides applied (3 days), the sweep's axis.
  const auto doc = report_test::document(in);
  EXPECT_EQ(doc["run"]["days"], 3);
  EXPECT_EQ(doc["run"]["id"], run);
  EXPECT_EQ(doc["sweep"]["x"]["name"], "stages.a_exit.lanes");
  ASSERT_FALSE(doc["headline"].empty());
  EXPECT_DOUBLE_EQ(doc["headline"][0]["half_width"].get<double>(), 2.48) << "the stored summary";
  ASSERT_EQ(doc["stages"].size(), 1u);
  EXPECT_DOUBLE_EQ(doc["stages"][0]["hourly"]["queue_mean"]["mean"][8].get<double>(), 2);
}

TEST(report_db, the_newest_run_by_default_and_any_run_by_id) {
  const auto file = fresh_db("two.db");
  std::int64_t first = 0, second = 0;
  {
    output::results_db db(file);
    first = db.begin_run(attributes("run"));
    db.add_point(first, 0, {});
    db.add_replication(first, 0, 0, 1, {{"vehicles_per_day", 1}});
    db.finish_run(first, "complete");
    second = db.begin_run(attributes("run"));
    db.add_point(second, 0, {});
    db.add_replication(second, 0, 0, 1, {{"vehicles_per_day", 2}});
    // left running: a report shows what is stored so far
  }
  const auto newest = output::load_report_input(file);
  EXPECT_EQ(newest.run_id, second);
  EXPECT_EQ(newest.status, "running");
  EXPECT_EQ(output::load_report_input(file, first).run_id, first);
  const auto list = output::list_report_runs(file);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1].replications, 1u);
  try {
    output::load_report_input(file, 99);
    FAIL();
  } catch (const tumen::input_error& e) {
    EXPECT_NE(std::string(e.what()).find("no run 99"), std::string::npos) << e.what();
  }
}

TEST(report_db, a_capacity_search_brings_its_targets_and_answer) {
  const auto file = fresh_db("capacity.db");
  {
    output::results_db db(file);
    auto a = attributes("capacity");
    a.extra.emplace_back("target.0", "p95_wait <= 2 h");
    const auto run = db.begin_run(a);
    db.set_attribute(run, "capacity.verdict", "found");
    db.set_attribute(run, "capacity.best_scale", "1.25");
    db.add_point(run, 0, {{"run.demand_scale", "1"}});
    db.add_replication(run, 0, 0, 1, {{"max_wait_p95", 10}});
    db.finish_run(run, "complete");
  }
  const auto in = output::load_report_input(file);
  ASSERT_TRUE(in.capacity.has_value());
  ASSERT_EQ(in.capacity->targets.size(), 1u);
  EXPECT_EQ(in.capacity->targets[0].text, "p95_wait <= 2 h");
  EXPECT_EQ(in.capacity->verdict, "found");
  EXPECT_EQ(in.capacity->best_scale, 1.25);
}

TEST(report_db, not_a_database_is_an_input_error_naming_the_file) {
  const auto file = fresh_db("junk.db");
  {
    std::FILE* f = std::fopen(file.c_str(), "wb");
    std::fputs("this is not sqlite", f);
    std::fclose(f);
  }
  try {
    output::load_report_input(file);
    FAIL();
  } catch (const tumen::input_error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
  EXPECT_THROW(output::load_report_input(fresh_db("missing.db")), tumen::input_error);
}

TEST(report_db, an_empty_database_has_no_runs_to_report) {
  const auto file = fresh_db("empty.db");
  { output::results_db db(file); }
  EXPECT_THROW(output::load_report_input(file), tumen::input_error);
  EXPECT_TRUE(output::list_report_runs(file).empty());
}
