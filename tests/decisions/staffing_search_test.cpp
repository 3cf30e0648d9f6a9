// Staffing search against M/M/c, where Erlang C gives the answer: with a flat demand every hour
// needs the same lanes, the smallest c whose mean wait meets the target.
#include "tumen/experiment/staffing_search.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "tumen/base/error.hpp"
#include "tumen/scenario/builtin.hpp"

namespace tumen::experiment {
namespace {

// Mean wait in queue (seconds) of M/M/c with offered load a = λ/μ Erlangs and mean service s.
double erlang_c_wait(int c, double a, double service) {
  if (a >= c) return INFINITY;
  double term = 1, sum = 0;  // a^k / k!
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double top = term * c / (c - a);  // a^c / c! · c / (c − a)
  const double p_wait = top / (sum + top);
  return p_wait * service / (c - a);
}

scenario_input builtin(const std::string& name, const std::vector<std::string>& sets) {
  const auto b = scenario::find_builtin(name);
  EXPECT_TRUE(b);
  scenario_input in{std::string(b->text), b->file_name(), {}, {}};
  for (const auto& s : sets) in.overrides.push_back(scenario::parse_override(s));
  return in;
}

TEST(staffing_search, flat_mmc_demand_gets_the_erlang_c_lanes_in_every_hour) {
  // reference/mm3: λ = 200/h, mean service 50 s, a = 2.78 Erlangs; here with up to 6 lanes.
  const auto in = builtin("reference/mm3", {"stages.server.lanes=6", "run.days=30"});
  const double a = 200.0 * 50 / 3600, bound = 360;
  int expected = 1;
  while (erlang_c_wait(expected, a, 50) > bound) ++expected;
  ASSERT_EQ(expected, 3);  // Wq(3) = 194 s; 2 lanes cannot keep up at all

  auto ex = make_executor(2);
  staffing_options o;
  o.stage = "server";
  o.replications = 4;
  const auto r = find_staffing(in, parse_targets({"wait_mean <= 6 min"}), *ex, o);

  EXPECT_TRUE(r.met);
  EXPECT_FALSE(r.exhausted);
  EXPECT_EQ(r.group_lanes, 6);
  for (int h = 0; h < 24; ++h)
    EXPECT_EQ(r.lanes[static_cast<std::size_t>(h)], expected) << "hour " << h;
  EXPECT_DOUBLE_EQ(r.lane_hours, 24.0 * expected);
  EXPECT_DOUBLE_EQ(r.all_open_lane_hours, 24.0 * 6);
  ASSERT_EQ(r.final_point.hours.size(), 24u);
  for (const auto& h : r.final_point.hours) {
    ASSERT_EQ(h.targets.size(), 1u);
    EXPECT_EQ(h.targets[0].metric, "stage.server.hourly.wait_mean." +
                                       std::string(h.hour < 10 ? "0" : "") +
                                       std::to_string(h.hour));
    EXPECT_TRUE(h.met);
    EXPECT_NEAR(h.targets[0].estimate.mean, erlang_c_wait(expected, a, 50), 60);
  }
  EXPECT_EQ(r.all_open.phase, "all open");
  EXPECT_EQ(r.schedule.path, "stages.server.open_lanes");
  EXPECT_EQ(r.schedule.value, "[{ from = \"00:00\", to = \"24:00\", lanes = 3 }]");
}

constexpr std::string_view peaked = R"toml(
[scenario]
name = "peaked booth"
[run]
days = 20
warmup = "1 d"
[classes.customer]
[stages.booth]
lanes = 6
hours = "06:00-24:00"
service = "exp(mean 60 s)"
[routes.through]
path = ["booth"]
[[demand]]
per_hour = [0, 0, 0, 0, 0, 0, 60, 60, 60, 60, 60, 60, 150, 150, 150, 150, 150, 150, 60, 60, 60, 60, 0, 0]
)toml";

TEST(staffing_search, follows_the_demand_and_leaves_closed_hours_alone) {
  const scenario_input in{std::string(peaked), "peaked.toml", {}, {}};
  auto ex = make_executor(2);
  staffing_options o;
  o.stage = "booth";
  o.replications = 4;
  const auto r = find_staffing(in, parse_targets({"wait_mean <= 5 min"}), *ex, o);
  EXPECT_TRUE(r.met);
  for (int h = 0; h < 6; ++h) {
    EXPECT_EQ(r.lanes[static_cast<std::size_t>(h)], 0) << "closed hour " << h;
    EXPECT_FALSE(r.final_point.hours[static_cast<std::size_t>(h)].assessed);
  }
  // No arrivals and no queue left at 23:00: nothing to staff.
  EXPECT_EQ(r.lanes[23], 0);
  // λ = 150/h needs at least 3 lanes (a = 2.5), λ = 60/h at least 2 (a = 1, Erlang C: 1 lane is
  // unstable), and the peak more than the shoulders.
  for (int h = 12; h < 18; ++h) {
    EXPECT_GE(r.lanes[static_cast<std::size_t>(h)], 3) << "hour " << h;
    EXPECT_GT(r.lanes[static_cast<std::size_t>(h)], r.lanes[8]) << "hour " << h;
  }
  EXPECT_GE(r.lanes[8], 2);
  EXPECT_LT(r.lane_hours, r.all_open_lane_hours);
  EXPECT_DOUBLE_EQ(r.all_open_lane_hours, 18.0 * 6);
}

TEST(staffing_search, writes_the_schedule_as_an_override_of_open_lanes) {
  hourly_lanes lanes{};
  for (int h = 9; h < 21; ++h) lanes[static_cast<std::size_t>(h)] = h < 12 ? 2 : 1;
  const auto plain = lanes_override("ru_exit_customs", 0, false, lanes);
  EXPECT_EQ(plain.path, "stages.ru_exit_customs.open_lanes");
  EXPECT_EQ(plain.value,
            "[{ from = \"00:00\", to = \"09:00\", lanes = 0 }, { from = \"09:00\", to = \"12:00\", "
            "lanes = 2 }, "
            "{ from = \"12:00\", to = \"21:00\", lanes = 1 }, { from = \"21:00\", to = \"24:00\", "
            "lanes = 0 }]");
  const auto grouped = lanes_override("ru_exit_passport", 1, true, lanes);
  EXPECT_EQ(grouped.path, "stages.ru_exit_passport.lanes.1.open_lanes");

  // Both forms are accepted by the scenario language and reach the model.
  const auto b = scenario::find_builtin("khasan-tumangang");
  ASSERT_TRUE(b);
  const auto sc = scenario::parse(b->text, b->file_name(), {plain, grouped});
  const auto& customs = sc.stages[static_cast<std::size_t>(*sc.find_stage("ru_exit_customs"))];
  EXPECT_EQ(customs.lanes[0].open_lanes.steps.size(), 4u);
  EXPECT_EQ(customs.lanes[0].open_lanes.open_at(10 * 3600.0, 3), 2);
  const auto& passport = sc.stages[static_cast<std::size_t>(*sc.find_stage("ru_exit_passport"))];
  EXPECT_EQ(passport.lanes[1].open_lanes.open_at(15 * 3600.0, 2), 1);
  EXPECT_TRUE(passport.lanes[0].open_lanes.steps.empty());
}

TEST(staffing_search, rejects_bad_input_before_simulating) {
  const auto in = builtin("khasan-tumangang", {"run.days=9"});
  auto ex = make_executor(1);
  int replications = 0;
  staffing_options o;
  o.replications = 2;
  o.on_replication = [&](std::size_t, const results::replication_result&) { ++replications; };
  const auto wait_target = parse_targets({"wait_mean <= 20 min"});
  auto message = [&](const staffing_options& opts, const std::vector<target>& ts) {
    try {
      (void)find_staffing(in, ts, *ex, opts);
    } catch (const input_error& e) {
      return e.problems().to_string();
    }
    return std::string("no error");
  };
  o.stage = "ru_exit_custom";
  EXPECT_NE(message(o, wait_target).find("did you mean 'ru_exit_customs'"), std::string::npos);
  o.stage = "ru_exit_passport";  // three lane groups
  const auto groups = message(o, wait_target);
  EXPECT_NE(groups.find("--group"), std::string::npos);
  EXPECT_NE(groups.find("truck, truck_empty"), std::string::npos) << groups;
  o.group = 3;
  EXPECT_NE(message(o, wait_target).find("no lane group 3"), std::string::npos);
  o.stage = "ru_exit_customs";
  o.group.reset();
  EXPECT_NE(message(o, parse_targets({"wait_mean >= 1 min"})).find("from above"),
            std::string::npos);
  EXPECT_NE(message(o, parse_targets({"wait.p42 <= 1 min"})).find("no metric is called"),
            std::string::npos);
  EXPECT_EQ(replications, 0);
}

}  // namespace
}  // namespace tumen::experiment
