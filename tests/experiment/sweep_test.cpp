// Sweeps: parsing --vary (lists, ranges, every error), the grid's order, validation of every
// point, common random numbers across points, and results that do not depend on the runner.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "input_problems.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/sweep.hpp"
#include "tumen/experiment/sweep_units.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/results/trace.hpp"

using namespace tumen::experiment;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

// One booth with Poisson arrivals: short enough to run many replications in a test.
const char* const booth_toml = R"toml(
[scenario]
name = "booth"

[run]
days = 3
seed = 7

[classes.car]

[stages.booth]
service = "exp(mean 60 s)"

[routes.through]
path = ["booth"]

[[demand]]
per_hour = 40
)toml";

using experiment_test::input_problems;

sweep_plan booth_plan(const std::vector<std::string>& vary, std::size_t replications,
                      std::vector<tumen::scenario::override_spec> sets = {}) {
  sweep_definition d;
  d.scenario_text = booth_toml;
  d.scenario_source = "booth.toml";
  d.variables = parse_vary(vary);
  d.replications = replications;
  d.sets = std::move(sets);
  return sweep_plan(std::move(d));
}

double value_of(const std::vector<named_value>& scalars, const std::string& name) {
  for (const auto& [n, v] : scalars)
    if (n == name) return v;
  ADD_FAILURE() << "no scalar " << name;
  return 0;
}

// Times vehicles joined the booth's queue during the first two days, from the model's trace
// (which reports a visit when it ends: by day 3 every vehicle of the first two days has left).
class arrivals : public tumen::results::trace_observer {
 public:
  void visit(const tumen::results::visit_record& v) override {
    if (v.queue_join < 2 * 86400.0) times.push_back(v.queue_join);
  }
  std::vector<double> times;
};

}  // namespace

TEST(sweep_vary, lists_values_in_order) {
  const auto v = parse_variable("stages.ru_customs.lanes=2,4,6,8");
  EXPECT_EQ(v.key, "stages.ru_customs.lanes");
  EXPECT_THAT(v.values, ElementsAre("2", "4", "6", "8"));
  EXPECT_THAT(parse_variable(" demand.scale = 1.5 ").values, ElementsAre("1.5"));
  EXPECT_THAT(parse_variable("stages.x.hours=09:00-21:00,08:00-20:00").values,
              ElementsAre("09:00-21:00", "08:00-20:00"));
}

TEST(sweep_vary, commas_inside_brackets_and_quotes_do_not_split) {
  EXPECT_THAT(parse_variable("stages.x.service=tri(1 min, 2 min, 4 min),exp(mean 3 min)").values,
              ElementsAre("tri(1 min, 2 min, 4 min)", "exp(mean 3 min)"));
  EXPECT_THAT(parse_variable(R"(demand.0.per_hour=[1, 2],[3, 4])").values,
              ElementsAre("[1, 2]", "[3, 4]"));
  EXPECT_THAT(parse_variable(R"(scenario.name="a, b","c")").values,
              ElementsAre(R"("a, b")", R"("c")"));
}

TEST(sweep_vary, ranges_include_the_stop_within_rounding) {
  EXPECT_THAT(parse_variable("demand.scale=0.5:2:0.25").values,
              ElementsAre("0.5", "0.75", "1.0", "1.25", "1.5", "1.75", "2.0"));
  EXPECT_THAT(parse_variable("demand.scale=0.1:0.3:0.1").values, ElementsAre("0.1", "0.2", "0.3"));
  EXPECT_THAT(parse_variable("demand.scale=0:1:0.1").values.size(), 11u);
  EXPECT_THAT(parse_variable("stages.x.lanes=2:8:2").values, ElementsAre("2", "4", "6", "8"));
  EXPECT_THAT(parse_variable("stages.x.lanes=1:4:2").values, ElementsAre("1", "3"));
  EXPECT_THAT(parse_variable("run.seed=5:5:1").values, ElementsAre("5"));
  EXPECT_THAT(parse_variable("x.y=-1:1:1").values, ElementsAre("-1", "0", "1"));
}

TEST(sweep_vary, bad_values_are_input_errors_naming_the_key) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"demand.scale", "has no '='"},
      {"=1,2", "no key path"},
      {"a..b=1", "not a key path"},
      {"demand.scale=", "has no values"},
      {"demand.scale=1,,2", "empty value"},
      {"demand.scale=1,2,1", "listed twice"},
      {"demand.scale=0.5:2:0", "step"},
      {"demand.scale=0.5:2:-0.5", "step"},
      {"demand.scale=2:1:0.5", "ends"},
      {"demand.scale=1:2", "start:stop:step"},
      {"demand.scale=1:2:1:1", "start:stop:step"},
      {"demand.scale=1:2:0.5,3", "cannot be part of a list"},
      {"demand.scale=0:1000000:1", "more than"},
  };
  for (const auto& [text, expected] : cases) {
    const auto problems = input_problems([&] { (void)parse_variable(text); });
    EXPECT_THAT(problems, HasSubstr(expected)) << text;
    EXPECT_THAT(problems, HasSubstr("--vary")) << text;
  }
}

TEST(sweep_vary, every_problem_is_reported_and_a_key_may_be_varied_once) {
  const auto problems = input_problems([] {
    (void)parse_vary({"a.b=1,2", "nothing", "a.b=3", "demand.scale=1,2", "run.demand_scale=3"});
  });
  EXPECT_THAT(problems, HasSubstr("\"nothing\" has no '='"));
  EXPECT_THAT(problems, HasSubstr("a.b: is varied twice"));
  EXPECT_THAT(problems, HasSubstr("is varied twice (as demand.scale and run.demand_scale)"));
}

TEST(sweep_grid, is_the_cartesian_product_first_variable_outermost) {
  const auto grid = full_grid(parse_vary({"a.x=1,2", "b.y=p,q,r"}));
  ASSERT_EQ(grid.size(), 6u);
  std::vector<std::string> labels;
  for (const auto& p : grid) labels.push_back(p.label());
  EXPECT_THAT(labels, ElementsAre("a.x=1, b.y=p", "a.x=1, b.y=q", "a.x=1, b.y=r", "a.x=2, b.y=p",
                                  "a.x=2, b.y=q", "a.x=2, b.y=r"));
  EXPECT_EQ(full_grid({}).size(), 1u);
  const auto problems = input_problems([] {
    (void)full_grid(parse_vary({"a.x=0:999:1", "b.y=0:999:1"}));
  });
  EXPECT_THAT(problems, HasSubstr("1000 × 1000"));
}

TEST(sweep_plan, units_are_point_major) {
  const auto plan = booth_plan({"stages.booth.lanes=1,2,3"}, 4);
  EXPECT_EQ(plan.unit_count(), 12u);
  EXPECT_EQ(plan.unit_at(0).point, 0u);
  EXPECT_EQ(plan.unit_at(5).point, 1u);
  EXPECT_EQ(plan.unit_at(5).replication, 1u);
  EXPECT_EQ(plan.unit_index(2, 3), 11u);
  EXPECT_EQ(plan.scenario_at(2).stages[0].total_lanes(), 3);
  EXPECT_EQ(plan.seed_at(1), 7u);
}

TEST(sweep_plan, a_bad_value_names_its_point_and_the_vary_option) {
  const auto problems = input_problems([] { (void)booth_plan({"stages.booth.lanes=1,0,2"}, 2); });
  EXPECT_THAT(problems, HasSubstr("--vary: error: stages.booth.lanes"));
  EXPECT_THAT(problems, HasSubstr("(at point 1: stages.booth.lanes=0)"));
}

TEST(sweep_plan, a_problem_of_every_point_is_reported_once) {
  const auto problems = input_problems([] { (void)booth_plan({"stages.nowhere.lanes=1,2,3"}, 2); });
  EXPECT_THAT(problems, HasSubstr("stages.nowhere.lanes: there is no stages \"nowhere\""));
  const auto first = problems.find("error:");
  EXPECT_EQ(problems.find("error:", first + 1), std::string::npos) << problems;
  EXPECT_THAT(problems, ::testing::Not(HasSubstr("(at "))) << "a problem of every point names none";
}

TEST(sweep_plan, a_key_cannot_be_both_set_and_varied) {
  const auto problems = input_problems([] {
    (void)booth_plan({"demand.scale=1,2"}, 2, {{"run.demand_scale", "3"}});
  });
  EXPECT_THAT(problems, HasSubstr("is both --set and --vary"));
}

TEST(sweep_plan, the_design_key_is_canonical) {
  const auto a = booth_plan({"stages.booth.lanes=1,2", "demand.scale=0.5:1:0.5"}, 3);
  const auto b = booth_plan({"stages.booth.lanes=1,2", "demand.scale=0.5,1.0"}, 3);
  const auto c = booth_plan({"stages.booth.lanes=1,2", "demand.scale=0.5:1:0.5"}, 4);
  EXPECT_EQ(a.design_key(), b.design_key()) << "the same values, however written";
  EXPECT_NE(a.design_key(), c.design_key());
  EXPECT_THAT(a.design_key(), HasSubstr("vary stages.booth.lanes\n  = 1\n  = 2\n"));
}

// The memory budget ends an overloaded point's replications early, and a sweep under another
// budget is another design (resuming one must not complete the other); the default adds nothing
// to the key, so designs recorded before the budget existed keep theirs.
TEST(sweep_plan, the_memory_budget_stops_an_overloaded_point_and_is_part_of_the_design) {
  auto plan_with_budget = [](std::size_t vehicles) {
    sweep_definition d;
    d.scenario_text = booth_toml;
    d.scenario_source = "booth.toml";
    d.variables = parse_vary({"demand.scale=1,5"});
    d.memory_budget = vehicles * tumen::model::run_options::bytes_per_vehicle;
    return sweep_plan(std::move(d));
  };
  const auto small = plan_with_budget(300);
  const auto standard = booth_plan({"demand.scale=1,5"}, 1);
  EXPECT_THAT(small.design_key(), HasSubstr("memory_budget 307200\n"));
  EXPECT_EQ(standard.design_key().find("memory_budget"), std::string::npos);
  EXPECT_EQ(value_of(small.run_unit(small.unit_index(0, 0)), "stopped_early"), 0.0);
  const auto overloaded = small.run_unit(small.unit_index(1, 0));
  EXPECT_EQ(value_of(overloaded, "stopped_early"), 1.0);
  EXPECT_EQ(value_of(overloaded, "saturated"), 1.0);
  EXPECT_EQ(value_of(standard.run_unit(standard.unit_index(1, 0)), "stopped_early"), 0.0)
      << "3 days at 5x fill no 64 MiB";
}

TEST(sweep_metrics, names_are_checked_against_the_scenario) {
  const auto plan = booth_plan({"stages.booth.lanes=1,2"}, 1);
  EXPECT_NO_THROW(check_metric_names(
      plan.scenario_at(0),
      {"vehicles_per_day", "stage.booth.wait.p95", "stage.booth.hourly.queue_mean.08",
       "flow.through.car.demand.time_in_system.p95"}));
  const auto problems = input_problems([&] {
    check_metric_names(plan.scenario_at(0),
                       {"vehicle_per_day", "stage.bothe.wait.p95",
                        "flow.nowhere.car.demand.cleared", "stage.booth.wiat.p95"});
  });
  EXPECT_THAT(problems, HasSubstr("vehicle_per_day"));
  EXPECT_THAT(problems, HasSubstr("stage.bothe.wait.p95"));
  EXPECT_THAT(problems, HasSubstr("flow.nowhere.car.demand.cleared"));
  EXPECT_THAT(problems, HasSubstr("stage.booth.wiat.p95"));
}

// Common random numbers: replication k draws the same arrivals at every point when the varied
// key (the booth's lanes) does not affect them; the waits, which the key does affect, differ.
TEST(sweep_crn, replication_k_draws_the_same_arrivals_at_every_point) {
  const auto plan = booth_plan({"stages.booth.lanes=1,2"}, 3);
  for (std::uint64_t k = 0; k < 3; ++k) {
    arrivals one, two;
    tumen::model::run_options o1, o2;
    o1.trace = &one;
    o2.trace = &two;
    (void)tumen::model::run_replication(plan.scenario_at(0), k, o1);
    (void)tumen::model::run_replication(plan.scenario_at(1), k, o2);
    std::sort(one.times.begin(), one.times.end());
    std::sort(two.times.begin(), two.times.end());
    ASSERT_GT(one.times.size(), 100u);
    EXPECT_EQ(one.times, two.times) << "replication " << k;

    const auto a = plan.run_unit(plan.unit_index(0, k));
    const auto b = plan.run_unit(plan.unit_index(1, k));
    EXPECT_EQ(value_of(a, "stage.booth.arrived"), value_of(b, "stage.booth.arrived"));
    EXPECT_GT(value_of(a, "stage.booth.wait.mean"), value_of(b, "stage.booth.wait.mean"));
  }
  // Different replications are different samples.
  EXPECT_NE(value_of(plan.run_unit(0), "stage.booth.wait.mean"),
            value_of(plan.run_unit(1), "stage.booth.wait.mean"));
}

TEST(sweep_runner, serial_and_two_threads_give_identical_scalars) {
  const auto plan = booth_plan({"stages.booth.lanes=1,2", "demand.scale=0.5:1.5:0.5"}, 3);
  std::vector<std::size_t> todo;
  for (std::size_t u = 0; u < plan.unit_count(); ++u) todo.push_back(u);
  auto collect = [&](int jobs) {
    std::map<std::size_t, std::vector<named_value>> out;
    auto runner = make_thread_runner(jobs);
    runner->run(
        todo, [&](std::size_t u) { return plan.run_unit(u); },
        [&](std::size_t u, std::vector<named_value>&& s) { out.emplace(u, std::move(s)); });
    return out;
  };
  const auto serial = collect(1);
  const auto threads = collect(2);
  ASSERT_EQ(serial.size(), plan.unit_count());
  ASSERT_EQ(threads.size(), plan.unit_count());
  for (const auto& [u, scalars] : serial) {
    const auto& other = threads.at(u);
    ASSERT_EQ(scalars.size(), other.size());
    for (std::size_t i = 0; i < scalars.size(); ++i) {
      EXPECT_EQ(scalars[i].first, other[i].first);
      EXPECT_EQ(std::memcmp(&scalars[i].second, &other[i].second, sizeof(double)), 0)
          << "unit " << u << " " << scalars[i].first;  // bit for bit, NaN included
    }
  }
}

TEST(sweep_runner, a_failing_unit_is_reported_after_the_others_stop) {
  auto runner = make_thread_runner(2);
  std::vector<std::size_t> todo = {0, 1, 2, 3, 4, 5};
  std::size_t delivered = 0;
  EXPECT_THROW(runner->run(
                   todo,
                   [](std::size_t u) -> std::vector<named_value> {
                     if (u == 2) throw tumen::runtime_error("unit 2 failed");
                     return {{"x", static_cast<double>(u)}};
                   },
                   [&](std::size_t, std::vector<named_value>&&) { ++delivered; }),
               tumen::runtime_error);
  EXPECT_LT(delivered, todo.size());
}
