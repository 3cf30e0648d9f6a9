// The trace CSV: what `tumen run --trace` writes and the report reads back.
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report_test_support.hpp"
#include "tumen/base/error.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/output/trace_csv.hpp"

namespace fs = std::filesystem;
using namespace tumen;

namespace {

fs::path temp_dir() {
  auto d = fs::temp_directory_path() / ("tumen-trace-test-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

results::visit_record record(std::uint64_t vehicle, std::string_view element, int lane, double q,
                             double s, double e, std::string_view outcome) {
  results::visit_record v;
  v.vehicle = vehicle;
  v.vehicle_class = "car";
  v.route = "a_to_b";
  v.element = element;
  v.lane = lane;
  v.queue_join = q;
  v.service_start = s;
  v.service_end = e;
  v.outcome = outcome;
  return v;
}

}  // namespace

TEST(report_trace_csv, writes_header_and_rows_only_when_committed) {
  const auto file = temp_dir() / "commit.csv";
  fs::remove(file);
  {
    output::trace_csv_writer w(file);
    w.visit(record(1, "a_exit", 0, 10, 12.5, 70.0004, "served"));
    w.visit(record(2, "yard", -1, 20, 20, 30, "transferred"));
    EXPECT_FALSE(fs::exists(file)) << "nothing appears under the final name before commit()";
    w.commit();
    EXPECT_EQ(w.rows(), 2u);
  }
  EXPECT_EQ(slurp(file),
            "vehicle,class,direction,stage,lane,queue_join,service_start,service_end,outcome,mode\n"
            "1,car,a_to_b,a_exit,0,10.000,12.500,70.000,served,road\n"
            "2,car,a_to_b,yard,,20.000,20.000,30.000,transferred,road\n");
}

TEST(report_trace_csv, an_uncommitted_writer_leaves_nothing_behind) {
  const auto dir = temp_dir() / "uncommitted";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    output::trace_csv_writer w(dir / "t.csv");
    w.visit(record(1, "a_exit", 0, 1, 2, 3, "served"));
  }
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(report_trace_csv, unwritable_place_is_a_runtime_error) {
  EXPECT_THROW(output::trace_csv_writer(temp_dir() / "no" / "such" / "dir" / "t.csv"),
               tumen::runtime_error);
}

TEST(report_trace_csv, reads_back_what_it_wrote) {
  const auto file = temp_dir() / "round.csv";
  {
    output::trace_csv_writer w(file);
    auto odd = record(3, "odd,\"id\"", 1, 1.25, 2.5, 3.75, "abandoned");
    w.visit(odd);
    w.visit(record(4, "yard", -1, 5, 6, 7, "transferred"));
    w.commit();
  }
  const auto rows = output::read_trace_csv(file);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].vehicle, 3u);
  EXPECT_EQ(rows[0].stage, "odd,\"id\"");
  EXPECT_EQ(rows[0].lane, 1);
  EXPECT_DOUBLE_EQ(rows[0].queue_join, 1.25);
  EXPECT_DOUBLE_EQ(rows[0].service_end, 3.75);
  EXPECT_EQ(rows[0].outcome, "abandoned");
  EXPECT_FALSE(rows[1].lane.has_value());
}

TEST(report_trace_csv, malformed_text_names_the_line) {
  const std::string header(output::trace_csv_header);
  try {
    output::parse_trace_csv(
        header + "\n1,car,r,s,0,1,2,3,served,road\n2,car,r,s,0,5,4,6,served,road\n", "t.csv");
    FAIL() << "times out of order must be rejected";
  } catch (const tumen::input_error& e) {
    EXPECT_EQ(e.problems().items().at(0).where.line, 3);
    EXPECT_NE(std::string(e.what()).find("out of order"), std::string::npos);
  }
  EXPECT_THROW(output::parse_trace_csv("a,b,c\n", "t.csv"), tumen::input_error);
  EXPECT_THROW(output::parse_trace_csv(header + "\n1,car,r,s,0,1,2,3,served,ship\n", "t.csv"),
               tumen::input_error);
  EXPECT_THROW(output::parse_trace_csv(header + "\n1,car,r\n", "t.csv"), tumen::input_error);
  EXPECT_THROW(output::parse_trace_csv("", "t.csv"), tumen::input_error);
  EXPECT_THROW(output::read_trace_csv(temp_dir() / "missing.csv"), tumen::input_error);
}

TEST(report_trace_csv, a_model_run_traces_every_served_visit) {
  const auto sc = report_test::crossing();
  const auto file = temp_dir() / "model.csv";
  output::trace_csv_writer w(file);
  model::run_options opts;
  opts.trace = &w;
  const auto r = model::run_replication(sc, 0, opts);
  w.commit();
  const auto rows = output::read_trace_csv(file);
  std::uint64_t served_at_exit = 0;
  for (const auto& row : rows) {
    EXPECT_LE(row.queue_join, row.service_start);
    if (row.stage == "a_exit" && row.outcome == "served") ++served_at_exit;
  }
  std::uint64_t expected = 0;
  for (const auto& s : r.stages)
    if (s.id == "a_exit") expected = s.served;
  EXPECT_EQ(served_at_exit, expected);
  EXPECT_GT(expected, 0u);
}

TEST(report_trace_csv, trains_are_rows_of_mode_rail) {
  const auto file = temp_dir() / "trains.csv";
  {
    output::trace_csv_writer w(file);
    w.visit(record(1, "a_exit", 0, 10, 12.5, 70, "served"));
    results::visit_record t;
    t.vehicle = 1;  // trains are numbered apart from road trips
    t.vehicle_class = "freight";
    t.route = "ru_to_kp_rail";
    t.element = "friendship_bridge";
    t.queue_join = 100;
    t.service_start = 400;
    t.service_end = 592;
    t.outcome = "crossed";
    t.mode = "rail";
    w.train_visit(t);
    w.commit();
    EXPECT_EQ(w.rows(), 2u);
  }
  EXPECT_NE(slurp(file).find("1,freight,ru_to_kp_rail,friendship_bridge,,100.000,400.000,592.000,"
                             "crossed,rail\n"),
            std::string::npos);
  const auto rows = output::read_trace_csv(file);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].mode, "road");
  EXPECT_EQ(rows[1].mode, "rail");
  EXPECT_EQ(rows[1].vehicle_class, "freight");
  EXPECT_FALSE(rows[1].lane.has_value());
}

TEST(report_trace_csv, a_trace_without_the_mode_column_still_reads_as_road) {
  const auto rows = output::parse_trace_csv(
      std::string(output::trace_csv_header_road_only) + "\n1,car,r,s,0,1,2,3,served\n", "old.csv");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].mode, "road");
  EXPECT_THROW(output::parse_trace_csv(std::string(output::trace_csv_header_road_only) +
                                           "\n1,car,r,s,0,1,2,3,served,road\n",
                                       "old.csv"),
               tumen::input_error);
}
