// Reading a stored run's scenario for its report: once, with the run's overrides and the point's
// variables; a capacity search's point as its own scenario with the point's demand scale set.
#include <gtest/gtest.h>

#include "report_test_support.hpp"
#include "tumen/base/error.hpp"
#include "tumen/model/offered_load.hpp"
#include "tumen/output/report.hpp"
#include "tumen/output/report_scenario.hpp"
#include "tumen/scenario/builtin.hpp"
#include "tumen/scenario/reader.hpp"

using namespace tumen;
using report_test::input_with;

namespace {

// A run of `kind` with `overrides` and one point per set of variables, each with a replication.
output::report_input stored(
    std::string kind, std::vector<std::string> overrides,
    const std::vector<std::vector<std::pair<std::string, std::string>>>& points) {
  auto in = input_with({}, std::move(kind));
  in.overrides = std::move(overrides);
  in.points.clear();
  for (std::size_t i = 0; i < points.size(); ++i) {
    output::report_point p;
    p.point = static_cast<int>(i);
    p.variables = points[i];
    p.replications.push_back({{"max_wait_p95", 600.0 + static_cast<double>(i)}});
    in.points.push_back(std::move(p));
  }
  return in;
}

const scenario::stage& stage(const scenario::scenario& sc, const std::string& id) {
  return sc.stages[static_cast<std::size_t>(*sc.find_stage(id))];
}

}  // namespace

TEST(report_scenario, a_point_is_read_with_the_runs_overrides_and_its_variables) {
  auto in = stored("sweep", {"run.days=3"},
                   {{{"stages.a_exit.lanes", "1"}}, {{"stages.a_exit.lanes", "3"}}});
  output::read_report_scenario(in, 1);
  ASSERT_TRUE(in.model.has_value()) << in.scenario_problem;
  EXPECT_EQ(in.scenario_problem, "");
  EXPECT_EQ(in.model->run.days, 3);
  EXPECT_EQ(stage(*in.model, "a_exit").total_lanes(), 3);
  EXPECT_EQ(in.base_demand_scale, 1) << "not a capacity search";
}

TEST(report_scenario, a_capacity_point_is_the_scenarios_own_with_the_points_scale) {
  auto in = stored("capacity", {"run.demand_scale=2"},
                   {{{"run.demand_scale", "3"}}, {{"run.demand_scale", "2.5"}}});
  in.capacity = output::report_capacity{};
  output::read_report_scenario(in, 1);
  ASSERT_TRUE(in.model.has_value()) << in.scenario_problem;
  EXPECT_EQ(in.base_demand_scale, 2);
  EXPECT_EQ(in.model->run.demand_scale, 2.5);

  // The same scenario as reading it with the point's variable: the same offered load and the
  // same document.
  auto read = in;
  read.model = scenario::parse(report_test::crossing_toml, "test.toml",
                               {scenario::parse_override("run.demand_scale=2"),
                                scenario::parse_override("run.demand_scale=2.5")});
  const auto loads = model::offered_load(*in.model), expected = model::offered_load(*read.model);
  ASSERT_EQ(loads.size(), expected.size());
  for (std::size_t i = 0; i < loads.size(); ++i) {
    EXPECT_EQ(loads[i].element, expected[i].element);
    EXPECT_EQ(loads[i].rho, expected[i].rho) << loads[i].element;
    EXPECT_EQ(loads[i].arrivals_per_day, expected[i].arrivals_per_day) << loads[i].element;
  }
  in.offered_load = loads;
  read.offered_load = expected;
  output::report_options o;
  o.point = 1;
  EXPECT_EQ(output::report_document(in, o).dump(), output::report_document(read, o).dump());
}

TEST(report_scenario, a_capacity_point_varying_something_else_is_read_with_it) {
  auto in = stored("capacity", {"run.demand_scale=2"}, {{{"stages.a_exit.lanes", "4"}}});
  in.capacity = output::report_capacity{};
  output::read_report_scenario(in, 0);
  ASSERT_TRUE(in.model.has_value()) << in.scenario_problem;
  EXPECT_EQ(stage(*in.model, "a_exit").total_lanes(), 4);
  EXPECT_EQ(in.model->run.demand_scale, 2);
  EXPECT_EQ(in.base_demand_scale, 2);
}

TEST(report_scenario, a_scenario_that_no_longer_reads_says_why) {
  auto in = stored("capacity", {}, {{{"run.demand_scale", "1.5"}}});
  in.capacity = output::report_capacity{};
  in.attributes.scenario_text = "[run]\ndays = \"many\"\n";
  output::read_report_scenario(in, 0);
  EXPECT_FALSE(in.model.has_value());
  EXPECT_NE(in.scenario_problem.find("the stored scenario no longer reads: "), std::string::npos);
  EXPECT_NE(in.scenario_problem.find("run.days"), std::string::npos) << in.scenario_problem;
  EXPECT_EQ(in.base_demand_scale, 1);

  auto bad_set = stored("run", {"no equals sign"}, {{}});
  output::read_report_scenario(bad_set, 0);
  EXPECT_FALSE(bad_set.model.has_value());
  EXPECT_NE(bad_set.scenario_problem.find("no longer reads"), std::string::npos);
}

TEST(report_scenario, without_a_stored_text_or_such_a_point_the_input_is_left_alone) {
  auto in = stored("run", {}, {{}});
  in.model = report_test::crossing();
  in.model->run.days = 9;
  output::read_report_scenario(in, 5);
  ASSERT_TRUE(in.model.has_value());
  EXPECT_EQ(in.model->run.days, 9);
  in.attributes.scenario_text.clear();
  output::read_report_scenario(in, 0);
  ASSERT_TRUE(in.model.has_value());
  EXPECT_EQ(in.model->run.days, 9);
}

// A trace is replayed only on the crossing it was written for: a row naming a stage, yard or
// class the run's scenario lacks is refused, naming the file and the row (issue 13: the page
// used to throw a script error).
TEST(report_scenario, a_trace_of_another_scenario_is_refused) {
  auto in = input_with({});
  in.model = scenario::parse(scenario::find_builtin("reference/mm1")->text, "mm1.toml");
  in.trace_source = "other.csv";
  output::trace_row row;
  row.vehicle = 1;
  row.vehicle_class = "customer";
  row.direction = "through";
  row.stage = "server";
  row.queue_join = row.service_start = 1;
  row.service_end = 2;
  row.outcome = "served";
  in.trace = {row};
  EXPECT_NO_THROW(output::check_report_trace(in));
  in.trace.push_back(row);
  in.trace.back().stage = "ru_exit_passport";
  try {
    output::check_report_trace(in);
    ADD_FAILURE() << "a stage of another scenario passed";
  } catch (const tumen::input_error& e) {
    const auto text = e.problems().to_string();
    EXPECT_NE(text.find("other.csv: row 3 names the stage or yard 'ru_exit_passport'"),
              std::string::npos)
        << text;
  }
  in.trace.back() = row;
  in.trace.back().vehicle_class = "truck";
  EXPECT_THROW(output::check_report_trace(in), tumen::input_error);
}
