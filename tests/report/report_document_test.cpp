// The report document: what the page is given to draw, extracted from stored figures.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <cmath>

#include "report_test_support.hpp"
#include "tumen/base/error.hpp"
#include "tumen/output/report.hpp"

using namespace tumen;
using nlohmann::json;
using report_test::input_with;

namespace {

const json* find_by(const json& array, const std::string& key, const std::string& value) {
  for (const auto& x : array)
    if (x.contains(key) && x[key] == value) return &x;
  return nullptr;
}

std::vector<std::pair<std::string, std::vector<double>>> basic_scalars() {
  return {{"vehicles_per_day", {90, 100, 110}},
          {"persons_per_day", {180, 200, 220}},
          {"tonnes_per_day", {0, 0, 0}},
          {"max_wait_p95", {600, 660, 720}},
          {"max_utilisation", {0.5, 0.6, 0.7}},
          {"vehicles_inside_at_end", {3, 4, 5}},
          {"stage.a_exit.utilisation", {0.5, 0.6, 0.7}},
          {"stage.a_exit.wait.mean", {100, 120, 140}},
          {"stage.a_exit.wait.p95", {600, 660, 720}},
          {"stage.b_entry.utilisation", {0.1, 0.1, 0.1}},
          {"stage.search.utilisation", {0.2, 0.2, 0.2}},
          {"stage.a_entry.utilisation", {0.1, 0.2, 0.3}},
          {"stage.a_exit.hourly.queue_mean.08", {1, 2, 3}},
          {"stage.a_exit.hourly.queue_mean.21", {4, 5, 6}},
          {"stage.a_exit.hourly.wait_mean.08", {60, 60, 60}},
          {"flow.a_to_b.car.demand.cleared", {50, 55, 60}},
          {"flow.a_to_b.car.demand.time_in_system.mean", {300, 330, 360}},
          {"flow.a_to_b.car.demand.time_in_system.p95", {900, 990, 1080}},
          {"flow.b_to_a.truck.demand.cleared", {0, 0, 0}},
          {"flow.b_to_a.truck.demand.time_in_system.mean", {0, 0, 0}}};
}

}  // namespace

TEST(report_document, headline_intervals_are_student_t_over_replications) {
  const auto doc = report_test::document(input_with(basic_scalars()));
  const auto* v = find_by(doc["headline"], "metric", "vehicles_per_day");
  ASSERT_NE(v, nullptr);
  const double hw = report_test::t2 * report_test::sample_sd({90, 100, 110}) / std::sqrt(3.0);
  EXPECT_DOUBLE_EQ((*v)["mean"].get<double>(), 100);
  EXPECT_NEAR((*v)["half_width"].get<double>(), hw, 1e-9);
  EXPECT_NEAR((*v)["low"].get<double>(), 100 - hw, 1e-9);
  EXPECT_EQ((*v)["n"], 3);
  EXPECT_EQ((*v)["unit"], "");
  EXPECT_EQ((*find_by(doc["headline"], "metric", "max_wait_p95"))["unit"], "s");
  EXPECT_EQ((*find_by(doc["headline"], "metric", "max_utilisation"))["unit"], "share");
}

TEST(report_document, stored_summaries_win_over_recomputed_ones) {
  auto in = input_with(basic_scalars());
  results::interval_row row;
  row.name = "vehicles_per_day";
  row.mean = 1234;
  row.half_width = 1;
  row.low = 1233;
  row.high = 1235;
  row.n = 3;
  in.points[0].summary.push_back(row);
  const auto doc = report_test::document(in);
  EXPECT_DOUBLE_EQ((*find_by(doc["headline"], "metric", "vehicles_per_day"))["mean"].get<double>(),
                   1234);
}

TEST(report_document, throughput_has_each_replication_and_the_design) {
  const auto doc = report_test::document(input_with(basic_scalars()));
  const auto& t = doc["throughput"];
  const auto* v = find_by(t, "metric", "vehicles_per_day");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ((*v)["values"], json::array({90, 100, 110}));
  EXPECT_DOUBLE_EQ((*v)["design"].get<double>(), 100);
  EXPECT_TRUE((*find_by(t, "metric", "persons_per_day"))["design"].is_null());
  EXPECT_EQ(find_by(t, "metric", "tonnes_per_day"), nullptr) << "no cargo and no design: left out";
}

TEST(report_document, hourly_series_have_24_hours_with_nulls_where_not_stored) {
  const auto doc = report_test::document(input_with(basic_scalars()));
  const auto* st = find_by(doc["stages"], "id", "a_exit");
  ASSERT_NE(st, nullptr);
  const auto& q = (*st)["hourly"]["queue_mean"];
  ASSERT_EQ(q["mean"].size(), 24u);
  EXPECT_DOUBLE_EQ(q["mean"][8].get<double>(), 2);
  EXPECT_TRUE(q["mean"][9].is_null());
  EXPECT_LT(q["low"][8].get<double>(), 2);
  EXPECT_GT(q["high"][8].get<double>(), 2);
  EXPECT_TRUE((*st)["hourly"]["utilisation"].is_null()) << "no hour stored: the series is null";
  // identical values: the interval collapses to the mean
  EXPECT_DOUBLE_EQ((*st)["hourly"]["wait_mean"]["low"][8].get<double>(), 60);
}

TEST(report_document, stages_are_grouped_by_direction_in_path_order) {
  const auto doc = report_test::document(input_with(basic_scalars()));
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& s : doc["stages"]) order.emplace_back(s["id"], s["direction"]);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"a_exit", "a>b"}, {"b_entry", "a>b"}, {"a_entry", "b>a"}, {"search", "shared"}};
  EXPECT_EQ(order, expected);
  const auto& dirs = doc["scenario"]["directions"];
  ASSERT_EQ(dirs.size(), 3u);
  EXPECT_EQ(dirs[0]["label"], "Aland → Bland");
  EXPECT_EQ(dirs[2]["label"], "Both directions");
}

TEST(report_document, layout_holds_the_structure_the_animation_needs) {
  const auto doc = report_test::document(input_with(basic_scalars()));
  const auto& sc = doc["scenario"];
  EXPECT_EQ(sc["sides"].size(), 2u);
  EXPECT_EQ(sc["sides"][0]["short"], "Aland");
  const auto* exit = find_by(sc["stages"], "id", "a_exit");
  EXPECT_EQ((*exit)["lanes"], 2);
  EXPECT_EQ((*exit)["side"], "a");
  ASSERT_TRUE((*exit)["hours"].is_array());
  EXPECT_EQ((*exit)["hours"][0][0], json::array({9 * 3600.0, 21 * 3600.0}));
  EXPECT_TRUE((*find_by(sc["stages"], "id", "b_entry"))["hours"].is_null());
  const auto* route = find_by(sc["routes"], "id", "a_to_b");
  EXPECT_EQ((*route)["path"].size(), 6u);
  EXPECT_EQ((*route)["path"][1]["kind"], "holding");
  EXPECT_EQ(sc["branches"].size(), 2u);
  EXPECT_NEAR((*find_by(sc["links"], "id", "road_a"))["travel_time"].get<double>(), 120, 1e-9);
}

TEST(report_document, time_in_system_lists_the_flows_that_cleared) {
  const auto doc = report_test::document(input_with(basic_scalars()));
  const auto& f = doc["time_in_system"];
  ASSERT_EQ(f.size(), 1u) << "the truck flow cleared nothing";
  EXPECT_EQ(f[0]["class"], "car");
  EXPECT_EQ(f[0]["route"], "a_to_b");
  ASSERT_EQ(f[0]["stats"].size(), 2u);
  EXPECT_EQ(f[0]["stats"][1]["stat"], "p95");
  EXPECT_DOUBLE_EQ(f[0]["stats"][1]["mean"].get<double>(), 990);
}

TEST(report_document, warnings_name_saturation_closing_queues_and_giving_up) {
  auto scalars = basic_scalars();
  scalars.push_back({"stage.a_exit.abandoned", {2, 2, 2}});
  for (auto& [name, values] : scalars)
    if (name == "stage.search.utilisation") values = {0.97, 0.96, 0.98};
  auto in = input_with(scalars);
  in.overrides = {"stages.a_entry.service=\"exp(mean 40 min)\""};  // 40 trucks × 40 min > 1 day
  const auto doc = report_test::document(in);
  std::string all;
  for (const auto& w : doc["warnings"])
    all += w["element"].get<std::string>() + ": " + w["text"].get<std::string>() + "\n";
  EXPECT_NE(all.find("a_entry: a_entry is saturated"), std::string::npos) << all;
  EXPECT_NE(all.find("search: search was busy 97 %"), std::string::npos) << all;
  EXPECT_NE(all.find("a_exit: Vehicles still waiting at closing time, on average in the hour after "
                     "it closed, at "
                     "a_exit (closes 21:00): 5.0."),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("gave up waiting at a_exit"), std::string::npos) << all;
}

TEST(report_document, warnings_name_an_overloaded_lane_group_and_a_stage_kept_by_patience) {
  auto in = input_with(basic_scalars());
  in.overrides = {
      // Cars have one lane of two, open 12 h: 60 cars × 20 min = 1,200 min on 720, ρ = 1.67.
      "stages.a_exit.lanes=[{count = 1, classes = [\"car\"]}, {count = 1, classes = "
      "[\"truck\"]}]",
      "stages.a_exit.service=\"exp(mean 20 min)\"",
      // 60 cars × 40 min on one lane round the clock (ρ = 1.67), but they give up.
      "stages.b_entry.service=\"exp(mean 40 min)\"",
      "stages.b_entry.patience=\"exp(mean 10 min)\""};
  const auto doc = report_test::document(in);
  std::string all;
  for (const auto& w : doc["warnings"])
    all += w["level"].get<std::string>() + " " + w["element"].get<std::string>() + ": " +
           w["text"].get<std::string>() + "\n";
  EXPECT_NE(all.find("error a_exit: a_exit (car lanes: 1 of them) is saturated: the work arriving "
                     "needs 167 % of its open time (offered load ρ = 1.67)"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("warning b_entry: b_entry gets more work than its open time (offered load "
                     "ρ = 1.67), but impatient vehicles leave: it is not saturated, yet stable "
                     "only by losing vehicles (at least 40 % of its work)."),
            std::string::npos)
      << all;
  EXPECT_EQ(all.find("b_entry is saturated"), std::string::npos) << all;
}

TEST(report_document, summary_states_throughput_against_design) {
  const auto doc = report_test::document(input_with(basic_scalars()));
  std::string text;
  for (const auto& s : doc["summary"]) text += s.get<std::string>() + "\n";
  EXPECT_NE(text.find("3 replications of 4 days, the first 24.00 h a warm-up, seed 7"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Cleared a day: 100 (± 24.8) vehicles and 200 (± 49.7) persons"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("100 % of the design's 100 vehicles"), std::string::npos) << text;
  EXPECT_NE(text.find("Busiest: a_exit, busy 60 %"), std::string::npos) << text;
}

TEST(report_document, one_replication_has_no_interval_and_says_so) {
  const auto doc = report_test::document(input_with({{"vehicles_per_day", {90}}}));
  const auto* v = find_by(doc["headline"], "metric", "vehicles_per_day");
  EXPECT_TRUE((*v)["half_width"].is_null());
  EXPECT_TRUE((*v)["low"].is_null());
  bool said = false;
  for (const auto& w : doc["warnings"])
    said = said || w["text"].get<std::string>().find("One replication") == 0;
  EXPECT_TRUE(said);
}

TEST(report_document, an_unreadable_scenario_only_loses_the_layout) {
  auto in = input_with(basic_scalars());
  in.attributes.scenario_text = "this is = not [ toml";
  const auto doc = report_test::document(in);
  EXPECT_TRUE(doc["scenario"].is_null());
  EXPECT_NE(doc["layout_problem"].get<std::string>().find("no longer reads"), std::string::npos);
  EXPECT_EQ(doc["stages"].size(), 4u);
  EXPECT_EQ(doc["stages"][0]["direction"], "all");
}

TEST(report_document, no_points_or_a_missing_point_is_an_input_error) {
  output::report_input empty;
  EXPECT_THROW(report_test::document(empty), tumen::input_error);
  output::report_options o;
  o.point = 5;
  EXPECT_THROW(report_test::document(input_with(basic_scalars()), o), tumen::input_error);
}

namespace {

// A sweep over stages.a_exit.lanes = 1, 2, 3 (and a second variable with two values).
output::report_input sweep_input(bool two_variables) {
  auto in = input_with({}, "sweep");
  in.points.clear();
  int index = 0;
  for (int other = 0; other < (two_variables ? 2 : 1); ++other)
    for (int lanes : {3, 1, 2}) {
      output::report_point p;
      p.point = index++;
      p.variables = {{"stages.a_exit.lanes", std::to_string(lanes)}};
      if (two_variables) p.variables.emplace_back("run.demand_scale", other ? "1.5" : "1");
      for (int k = 0; k < 3; ++k) {
        p.replications.push_back({{"vehicles_per_day", 100.0 + lanes + k + other},
                                  {"max_wait_p95", 1000.0 / lanes + k},
                                  {"stage.a_exit.wait.p95", 900.0 / lanes + k},
                                  {"stage.a_exit.utilisation", 0.9 / lanes}});
        p.replication_numbers.push_back(static_cast<std::uint64_t>(k));
      }
      in.points.push_back(std::move(p));
    }
  return in;
}

}  // namespace

TEST(report_document, a_sweep_plots_each_metric_against_the_varied_parameter) {
  const auto doc = report_test::document(sweep_input(false));
  const auto& sw = doc["sweep"];
  ASSERT_FALSE(sw.is_null());
  EXPECT_EQ(sw["x"]["name"], "stages.a_exit.lanes");
  EXPECT_TRUE(sw["x"]["ticks"].is_null()) << "numeric values";
  const auto* m = find_by(sw["metrics"], "metric", "max_wait_p95");
  ASSERT_NE(m, nullptr);
  ASSERT_EQ((*m)["series"].size(), 1u);
  EXPECT_EQ((*m)["series"][0]["x"], json::array({1, 2, 3})) << "sorted along x";
  EXPECT_DOUBLE_EQ((*m)["series"][0]["mean"][0].get<double>(), 1001);
  EXPECT_NE(find_by(sw["metrics"], "metric", "stage.a_exit.wait.p95"), nullptr)
      << "the varied stage's own figures are plotted";
  EXPECT_EQ(find_by(sw["metrics"], "metric", "tonnes_per_day"), nullptr) << "not stored";
  EXPECT_TRUE(doc["capacity"].is_null());
  EXPECT_TRUE(doc["compare"].is_null());
}

TEST(report_document, a_two_variable_sweep_draws_one_line_per_value_of_the_second) {
  const auto doc = report_test::document(sweep_input(true));
  const auto* m = find_by(doc["sweep"]["metrics"], "metric", "vehicles_per_day");
  ASSERT_EQ((*m)["series"].size(), 2u);
  EXPECT_EQ((*m)["series"][1]["group"], "run.demand_scale=1.5");
  EXPECT_EQ((*m)["series"][1]["points"], json::array({4, 5, 3}));
}

TEST(report_document, a_sweep_marks_the_points_saturated_in_some_replications) {
  auto in = sweep_input(false);
  // One lane (point 1) saturated in 2 of 3 replications; the others never.
  for (auto& p : in.points)
    for (std::size_t k = 0; k < p.replications.size(); ++k)
      p.replications[k].emplace_back("saturated", p.point == 1 && k < 2 ? 1.0 : 0.0);
  const auto doc = report_test::document(in);
  const auto& sw = doc["sweep"];
  ASSERT_EQ(sw["points"].size(), 3u);
  EXPECT_DOUBLE_EQ(sw["points"][1]["saturated"].get<double>(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(sw["points"][0]["saturated"].get<double>(), 0);
  const auto* m = find_by(sw["metrics"], "metric", "max_wait_p95");
  ASSERT_NE(m, nullptr);
  // Sorted along x (lanes 1, 2, 3): the saturated point, with one lane, comes first.
  EXPECT_EQ((*m)["series"][0]["points"], json::array({1, 2, 0}));
  const auto& sat = (*m)["series"][0]["saturated"];
  ASSERT_EQ(sat.size(), 3u);
  EXPECT_DOUBLE_EQ(sat[0].get<double>(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(sat[1].get<double>(), 0);
}

TEST(report_document, a_sweep_without_verdicts_marks_nothing) {
  const auto doc = report_test::document(sweep_input(false));
  EXPECT_TRUE(doc["sweep"]["points"][0]["saturated"].is_null());
  const auto* m = find_by(doc["sweep"]["metrics"], "metric", "max_wait_p95");
  EXPECT_TRUE((*m)["series"][0]["saturated"][0].is_null());
}

TEST(report_document, warnings_name_the_elements_whose_verdict_was_saturated) {
  auto scalars = basic_scalars();
  scalars.push_back({"saturated", {1, 0, 1}});
  scalars.push_back({"stage.search.saturated", {1, 0, 1}});
  scalars.push_back({"stage.a_exit.saturated", {0, 0, 0}});
  const auto doc = report_test::document(input_with(scalars));
  std::string all;
  for (const auto& w : doc["warnings"])
    if (w["level"] == "error")
      all += w["element"].get<std::string>() + ": " + w["text"].get<std::string>() + "\n";
  EXPECT_NE(all.find("search: search saturated in 2 of 3 replications: its backlog grew"),
            std::string::npos)
      << all;
  EXPECT_EQ(all.find("a_exit: a_exit saturated"), std::string::npos) << all;
  // The stage's own entry carries the share, for the page to mark its charts and heat-map row.
  const auto* search = find_by(doc["stages"], "id", "search");
  ASSERT_NE(search, nullptr);
  EXPECT_DOUBLE_EQ((*search)["saturated"]["mean"].get<double>(), 2.0 / 3);
  EXPECT_DOUBLE_EQ((*find_by(doc["stages"], "id", "a_exit"))["saturated"]["mean"].get<double>(), 0);
}

TEST(report_document, a_capacity_search_marks_the_capacity_on_its_targets) {
  auto in = input_with({}, "capacity");
  in.points.clear();
  int index = 0;
  for (double scale : {1.0, 2.0, 1.5}) {
    output::report_point p;
    p.point = index++;
    p.variables = {{"run.demand_scale", fmt::format("{}", scale)}};
    // Twice the demand saturated in one of its two replications.
    for (int k = 0; k < 2; ++k)
      p.replications.push_back(
          {{"max_wait_p95", 3000 * scale + k}, {"saturated", scale == 2.0 && k == 0 ? 1.0 : 0.0}});
    in.points.push_back(std::move(p));
  }
  output::report_capacity c;
  c.targets = {{"p95_wait <= 2 h", "max_wait_p95", "<=", 7200.0}};
  c.verdict = "found";
  c.best_scale = 1.5;
  c.failed_above = 2.0;
  in.capacity = c;
  const auto doc = report_test::document(in);
  const auto& cap = doc["capacity"];
  ASSERT_FALSE(cap.is_null());
  EXPECT_EQ(cap["parameter"], "run.demand_scale");
  EXPECT_DOUBLE_EQ(cap["capacity"].get<double>(), 1.5);
  ASSERT_EQ(cap["charts"].size(), 1u);
  EXPECT_EQ(cap["charts"][0]["values"]["x"], json::array({1.0, 1.5, 2.0}));
  EXPECT_DOUBLE_EQ(cap["charts"][0]["bound"].get<double>(), 7200);
  EXPECT_EQ(cap["charts"][0]["values"]["saturated"], json::array({0.0, 0.0, 0.5}))
      << "the share of replications saturated at each scale, for the chart to ring";
  EXPECT_TRUE(doc["sweep"].is_null());
  bool said = false;
  for (const auto& s : doc["summary"])
    said = said || s.get<std::string>().find("Capacity: up to 1.5 ×") == 0;
  EXPECT_TRUE(said) << doc["summary"].dump();
}

TEST(report_document, a_comparison_pairs_replications_by_number) {
  auto in = input_with({}, "compare");
  in.points.clear();
  for (int side = 0; side < 2; ++side) {
    output::report_point p;
    p.point = side;
    p.label = side ? "B" : "A";
    // B's replications stored in another order: pairing is by number, not position.
    for (int k : side ? std::vector<int>{2, 0, 1} : std::vector<int>{0, 1, 2}) {
      p.replications.push_back({{"max_wait_p95", 100.0 * k + (side ? 10 : 0)},
                                {"stage.a_exit.hourly.queue_mean.08", 1},
                                {"saturated", side && k == 2 ? 1.0 : 0.0}});
      p.replication_numbers.push_back(static_cast<std::uint64_t>(k));
    }
    in.points.push_back(std::move(p));
  }
  const auto doc = report_test::document(in);
  const auto& rows = doc["compare"]["rows"];
  ASSERT_EQ(rows.size(), 1u) << "hourly figures are not compared";
  EXPECT_DOUBLE_EQ(rows[0]["mean"].get<double>(), 10);
  EXPECT_DOUBLE_EQ(rows[0]["low"].get<double>(), 10) << "every pair differs by exactly 10";
  EXPECT_TRUE(rows[0]["significant"].get<bool>());
  // Each side's verdict: B saturated in one of its three replications.
  EXPECT_DOUBLE_EQ(doc["compare"]["saturated"]["a"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(doc["compare"]["saturated"]["b"].get<double>(), 1.0 / 3);
}

// A comparison by hour of day: each side's hourly series with its interval, and B − A paired
// replication by replication; an hour nobody joined on a side has no wait there and no wait
// difference.
TEST(report_document, a_comparison_gives_each_stage_by_hour_with_the_paired_difference) {
  auto in = input_with({}, "compare");
  in.points.clear();
  for (int side = 0; side < 2; ++side) {
    output::report_point p;
    p.point = side;
    for (int k = 0; k < 3; ++k) {
      output::named_scalars r;
      for (int h = 0; h < 24; ++h) {
        const auto hh = fmt::format("{:02}", h);
        // queue: B is A + 2 at 08 in every pair; at other hours B − A is −1, 0, +1
        const double queue = h == 8 ? k + 1 + 2.0 * side : k + 1 + side * (k - 1.0);
        r.emplace_back("stage.a_exit.hourly.queue_mean." + hh, queue);
        // nobody joins A's queue at 03: A's wait there is 0, not a wait
        const bool none = side == 0 && h == 3;
        r.emplace_back("stage.a_exit.hourly.arrivals_per_day." + hh, none ? 0.0 : 10.0);
        r.emplace_back("stage.a_exit.hourly.wait_mean." + hh, none ? 0.0 : 60.0 + k + side);
      }
      p.replications.push_back(std::move(r));
      p.replication_numbers.push_back(static_cast<std::uint64_t>(k));
    }
    in.points.push_back(std::move(p));
  }
  const auto doc = report_test::document(in);
  const auto* st = find_by(doc["compare"]["hourly"], "id", "a_exit");
  ASSERT_NE(st, nullptr) << doc["compare"]["hourly"].dump();
  const auto& q = (*st)["queue_mean"];
  EXPECT_DOUBLE_EQ(q["a"]["mean"][8].get<double>(), 2);
  EXPECT_DOUBLE_EQ(q["b"]["mean"][8].get<double>(), 4);
  EXPECT_DOUBLE_EQ(q["difference"]["mean"][8].get<double>(), 2);
  EXPECT_TRUE(q["difference"]["significant"][8].get<bool>()) << "every pair differs by 2";
  EXPECT_DOUBLE_EQ(q["difference"]["mean"][9].get<double>(), 0);
  EXPECT_FALSE(q["difference"]["significant"][9].get<bool>()) << "−1, 0, +1: no difference";
  const auto& w = (*st)["wait_mean"];
  EXPECT_TRUE(w["a"]["mean"][3].is_null()) << "nobody joined A's queue at 03";
  EXPECT_DOUBLE_EQ(w["b"]["mean"][3].get<double>(), 62);
  EXPECT_TRUE(w["difference"]["mean"][3].is_null());
  EXPECT_FALSE(w["difference"]["significant"][3].get<bool>());
  EXPECT_DOUBLE_EQ(w["difference"]["mean"][4].get<double>(), 1);
  EXPECT_TRUE(w["difference"]["significant"][4].get<bool>());
  EXPECT_TRUE(doc["compare"]["rows"].empty()) << "hourly figures are not rows";
}

namespace {

std::vector<output::trace_row> trace_rows() {
  std::vector<output::trace_row> rows;
  // vehicle v joins at 1000·v on day 1 (v < 5) and on day 3 (v ≥ 5), two visits each
  for (std::uint64_t v = 1; v <= 8; ++v) {
    const double base =
        v < 5 ? 1000.0 * static_cast<double>(v) : 2 * 86400.0 + 1000.0 * static_cast<double>(v);
    rows.push_back({v, v % 2 ? "car" : "truck", "a_to_b", "a_exit", 0, base, base + 10.05,
                    base + 70.1, "served"});
    rows.push_back({v, v % 2 ? "car" : "truck", "a_to_b", "b_entry", std::nullopt, base + 300,
                    base + 300, base + 400, "served"});
  }
  return rows;
}

}  // namespace

TEST(report_document, the_trace_sample_keeps_whole_vehicles_within_its_limits) {
  output::trace_sample_limits by_days;
  by_days.days = 1;
  const auto a = output::trace_sample(trace_rows(), by_days);
  EXPECT_EQ(a["vehicles"], 4);
  EXPECT_EQ(a["visits"], 8);
  EXPECT_TRUE(a["truncated"].get<bool>());
  EXPECT_DOUBLE_EQ(a["window_end"].get<double>(), 86400);

  output::trace_sample_limits by_visits;
  by_visits.max_visits = 5;
  const auto b = output::trace_sample(trace_rows(), by_visits);
  EXPECT_EQ(b["vehicles"], 2) << "a third vehicle would need visits 5 and 6";
  EXPECT_DOUBLE_EQ(b["window_end"].get<double>(), 3000);

  const auto all = output::trace_sample(trace_rows(), {});
  EXPECT_FALSE(all["truncated"].get<bool>());
  EXPECT_EQ(all["rows_in_file"], 16);
  EXPECT_DOUBLE_EQ(all["window_end"].get<double>(), 2 * 86400.0 + 8000 + 400);
}

TEST(report_document, the_trace_columns_decode_to_the_rows_in_tenths_of_a_second) {
  const auto rows = trace_rows();
  const auto t = output::trace_sample(rows, {});
  const auto& c = t["columns"];
  ASSERT_EQ(c["vehicle"].size(), 16u);
  std::int64_t q = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    q += c["queue_join_step"][i].get<std::int64_t>();
    const double join = static_cast<double>(q) / 10;
    const double start = join + c["wait"][i].get<double>() / 10;
    const double end = start + c["service"][i].get<double>() / 10;
    const std::string element = t["elements"][c["element"][i].get<std::size_t>()];
    // find the row this is
    bool matched = false;
    for (const auto& r : rows)
      if (std::abs(r.queue_join - join) < 0.051 && r.stage == element) {
        matched = true;
        EXPECT_NEAR(start, r.service_start, 0.1);
        EXPECT_NEAR(end, r.service_end, 0.1);
        EXPECT_EQ(r.lane.has_value(), !c["lane"][i].is_null());
        EXPECT_EQ(t["classes"][c["class"][i].get<std::size_t>()], r.vehicle_class);
      }
    EXPECT_TRUE(matched) << i;
  }
}

TEST(report_document, a_run_with_a_trace_embeds_the_sample) {
  auto in = input_with(basic_scalars());
  in.trace = trace_rows();
  in.trace_source = "trace.csv";
  const auto doc = report_test::document(in);
  ASSERT_FALSE(doc["trace"].is_null());
  EXPECT_EQ(doc["trace"]["source"], "trace.csv");
  EXPECT_TRUE(doc["trace"]["replication"].is_null()) << "one replication: nothing to name";
  EXPECT_TRUE(report_test::document(input_with(basic_scalars()))["trace"].is_null());
}

// A study's trace is of one of its replications (`tumen run -r 3 --trace-replication 1`): the
// replay's source names it among the replications run.
TEST(report_document, a_study_s_trace_names_its_replication) {
  auto in = input_with(basic_scalars());
  in.points[0].replication_numbers = {0, 1, 2};
  in.trace = trace_rows();
  in.trace_source = "trace.csv";
  in.trace_replication = 1;
  const auto doc = report_test::document(in);
  EXPECT_EQ(doc["trace"]["replication"], 1);
  EXPECT_EQ(doc["trace"]["source"], "trace.csv (replication 1, one of replications 0–2)");
}

// The replay's window starts at the warm-up (limits.from): vehicles gone before it are left
// out, one still inside then is kept whole; a trace that ends before it is carried from its start.
TEST(report_document, the_trace_sample_starts_at_the_warm_up) {
  auto row = [](std::uint64_t vehicle, double join, double end) {
    output::trace_row r;
    r.vehicle = vehicle;
    r.vehicle_class = "car";
    r.direction = "in";
    r.stage = "booth";
    r.lane = 0;
    r.queue_join = join;
    r.service_start = join;
    r.service_end = end;
    r.outcome = "served";
    return r;
  };
  const std::vector<output::trace_row> rows = {row(1, 10, 50), row(2, 80, 120), row(3, 150, 160)};
  output::trace_sample_limits limits;
  limits.from = 100;
  const json s = output::trace_sample(rows, limits);
  EXPECT_EQ(s["window_start"], 100.0);
  EXPECT_EQ(s["vehicles"], 2) << "vehicle 1 left at 50, before the window";
  EXPECT_EQ(s["truncated"], true);
  EXPECT_EQ(s["window_end"], 160.0);
  limits.from = 1000;  // after the trace's end: the whole trace
  const json all = output::trace_sample(rows, limits);
  EXPECT_EQ(all["window_start"], 0.0);
  EXPECT_EQ(all["vehicles"], 3);
  EXPECT_EQ(all["truncated"], false);
}
