// The rail line in the report: its structure, its figures and its trains in the trace sample,
// extracted from a real (short) run of the Khasan–Tumangang crossing.
#include <gtest/gtest.h>

#include <map>

#include <unistd.h>
#include <filesystem>

#include "tumen/experiment/metrics.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/model/offered_load.hpp"
#include "tumen/output/report.hpp"
#include "tumen/output/trace_csv.hpp"
#include "tumen/scenario/builtin.hpp"
#include "tumen/scenario/reader.hpp"

namespace fs = std::filesystem;
using namespace tumen;
using nlohmann::json;

namespace {

const json* find_by(const json& array, const std::string& key, const std::string& value) {
  for (const auto& x : array)
    if (x.contains(key) && x[key] == value) return &x;
  return nullptr;
}

// Two replications of 4 days of the built-in crossing, the first one traced.
struct khasan_run {
  output::report_input in;
  std::vector<results::replication_result> results;

  khasan_run() {
    const auto b = scenario::find_builtin("khasan-tumangang");
    EXPECT_TRUE(b.has_value());
    auto sc = scenario::parse(b->text, b->file_name());
    sc.run.days = 4;
    sc.run.warmup = 86400;
    const auto file =
        fs::temp_directory_path() / ("tumen-report-rail-" + std::to_string(::getpid()) + ".csv");
    output::report_point p;
    for (std::uint64_t k = 0; k < 2; ++k) {
      model::run_options opts;
      std::optional<output::trace_csv_writer> trace;
      if (k == 0) {
        trace.emplace(file);
        opts.trace = &*trace;
      }
      results.push_back(model::run_replication(sc, k, opts));
      if (trace) trace->commit();
      p.replications.push_back(experiment::scalars(results.back()));
      p.replication_numbers.push_back(k);
    }
    in.points.push_back(std::move(p));
    in.attributes.scenario_name = sc.name;
    in.offered_load = model::offered_load(sc);
    in.model = std::move(sc);
    in.trace = output::read_trace_csv(file);
    in.trace_source = "trace.csv";
    fs::remove(file);
  }
};

const khasan_run& run() {
  static const khasan_run r;
  return r;
}

}  // namespace

TEST(report_rail, the_layout_holds_the_rail_structure) {
  const json doc = output::report_document(run().in);
  const json& rail = doc["scenario"]["rail"];
  ASSERT_TRUE(rail.is_object());
  const json* bridge = find_by(rail["bridges"], "id", "friendship_bridge");
  ASSERT_NE(bridge, nullptr);
  EXPECT_EQ((*bridge)["single_track"], true);
  EXPECT_GT((*bridge)["crossing_time"].get<double>(), 0);
  EXPECT_NE(find_by(rail["stations"], "id", "khasan_station"), nullptr);
  const json* tumangang = find_by(rail["stations"], "id", "tumangang_station");
  ASSERT_NE(tumangang, nullptr);
  EXPECT_TRUE((*tumangang)["hours"].is_array()) << "09:00-21:00: the page greys it when closed";
  const json* gauge = find_by(rail["gauge_changes"], "id", "tumangang_gauge");
  ASSERT_NE(gauge, nullptr);
  EXPECT_EQ((*gauge)["method"], "transship");
  EXPECT_EQ((*gauge)["tracks"], 2);
  EXPECT_EQ((*gauge)["capacity_wagons"], 60);
  const json* route = find_by(rail["routes"], "id", "ru_to_kp_rail_freight");
  ASSERT_NE(route, nullptr);
  ASSERT_EQ((*route)["path"].size(), 4u);
  EXPECT_EQ((*route)["path"][1]["kind"], "bridge");
  EXPECT_EQ((*route)["path"][3]["id"], "tumangang_gauge");
  EXPECT_NE(find_by(rail["kinds"], "id", "tourist"), nullptr);
}

TEST(report_rail, the_figures_are_per_direction_and_per_element) {
  const auto& r = run();
  const json doc = output::report_document(r.in);
  const json& rail = doc["rail"];
  ASSERT_TRUE(rail.is_object());
  const json* tonnes = find_by(rail["totals"], "metric", "rail.tonnes_per_day");
  ASSERT_NE(tonnes, nullptr);
  ASSERT_EQ((*tonnes)["values"].size(), 2u);
  EXPECT_DOUBLE_EQ((*tonnes)["values"][0].get<double>(), r.results[0].totals.rail_tonnes_per_day);
  EXPECT_DOUBLE_EQ(
      (*tonnes)["mean"].get<double>(),
      (r.results[0].totals.rail_tonnes_per_day + r.results[1].totals.rail_tonnes_per_day) / 2);
  ASSERT_FALSE(r.results[0].rail.directions.empty());
  for (const auto& d : r.results[0].rail.directions) {
    const json* dir = find_by(rail["directions"], "id", d.from + "_to_" + d.to);
    ASSERT_NE(dir, nullptr) << d.from << " → " << d.to;
    EXPECT_DOUBLE_EQ((*dir)["tonnes_per_day"]["values"][0].get<double>(), d.tonnes_per_day);
    EXPECT_DOUBLE_EQ((*dir)["persons_per_day"]["values"][0].get<double>(), d.persons_per_day);
    EXPECT_NE((*dir)["label"].get<std::string>().find("→"), std::string::npos);
  }
  for (const auto& s : r.results[0].rail.stations) {
    const json* st = find_by(rail["stations"], "id", s.id);
    ASSERT_NE(st, nullptr) << s.id;
    EXPECT_DOUBLE_EQ((*st)["wait_mean"]["values"][0].get<double>(), s.wait.mean);
    EXPECT_FALSE((*st)["name"].get<std::string>().empty());
  }
  ASSERT_EQ(rail["bridges"].size(), 1u);
  EXPECT_DOUBLE_EQ(rail["bridges"][0]["occupied_share"]["values"][0].get<double>(),
                   r.results[0].rail.bridges[0].occupied_share);
  ASSERT_EQ(rail["gauge_changes"].size(), 1u);
  EXPECT_EQ(rail["gauge_changes"][0]["id"], "tumangang_gauge");
}

TEST(report_rail, the_trace_sample_carries_the_trains_apart_from_the_vehicles) {
  const auto& r = run();
  std::size_t rail_rows = 0, road_rows = 0;
  for (const auto& row : r.in.trace) (row.mode == "rail" ? rail_rows : road_rows)++;
  ASSERT_GT(rail_rows, 0u);
  const json doc = output::report_document(r.in);
  const json& tr = doc["trace"];
  EXPECT_EQ(tr["rows_in_file"], road_rows) << "the road columns hold road vehicles only";
  for (const auto& e : tr["elements"])
    EXPECT_EQ(find_by(doc["scenario"]["rail"]["stations"], "id", e.get<std::string>()), nullptr);
  const json& rail = tr["rail"];
  ASSERT_TRUE(rail.is_object());
  EXPECT_EQ(rail["rows_in_file"], rail_rows);
  // The sample starts at the end of the warm-up: every visit of the trains still running then
  // (4 days are within the sample's 7 after it), and no train that had left.
  const double from = tr["window_start"].get<double>();
  EXPECT_EQ(from, doc["scenario"]["warmup"].get<double>());
  EXPECT_GT(from, 0);
  std::map<std::uint64_t, double> last;
  for (const auto& row : r.in.trace)
    if (row.mode == "rail") last[row.vehicle] = std::max(last[row.vehicle], row.service_end);
  std::size_t in_window = 0, crossed_in_window = 0;
  for (const auto& row : r.in.trace)
    if (row.mode == "rail" && last[row.vehicle] >= from) {
      ++in_window;
      if (row.outcome == "crossed") ++crossed_in_window;
    }
  ASSERT_GT(in_window, 0u);
  EXPECT_LT(in_window, rail_rows) << "trains of the warm-up are left out";
  EXPECT_EQ(rail["visits"], in_window);
  const auto& c = rail["columns"];
  ASSERT_EQ(c["train"].size(), in_window);
  std::size_t crossed = 0;
  for (std::size_t i = 0; i < in_window; ++i) {
    EXPECT_GE(c["wait"][i].get<std::int64_t>(), 0);
    EXPECT_GE(c["service"][i].get<std::int64_t>(), 0);
    if (rail["outcomes"][c["outcome"][i].get<std::size_t>()] == "crossed") ++crossed;
  }
  EXPECT_EQ(crossed, crossed_in_window);
  EXPECT_NE(std::find(rail["elements"].begin(), rail["elements"].end(), "tumangang_gauge"),
            rail["elements"].end());
}

TEST(report_rail, a_road_only_crossing_has_no_rail_part) {
  auto in = output::report_input{};
  output::report_point p;
  p.replications.push_back({{"vehicles_per_day", 10}});
  in.points.push_back(std::move(p));
  const json doc = output::report_document(in);
  EXPECT_TRUE(doc["rail"].is_null());
}
