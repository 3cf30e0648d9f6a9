// Calibration: known truth is recovered within the reported uncertainty; a calibration handed
// its stored evaluations back replays them without simulating and ends where the first did; the
// fit figures, the --fit syntax and the observations file, each with their errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "calibration_support.hpp"
#include "input_problems.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/calibration.hpp"
#include "tumen/experiment/metrics.hpp"
#include "tumen/experiment/observations.hpp"

#include <fmt/format.h>
#include <algorithm>

using namespace tumen::experiment;
using ::testing::HasSubstr;

namespace {

using experiment_test::input_problems;

calibration_problem truth_problem() {
  auto ex = make_executor(2);
  const auto scenario = calibration_test::two_booths(60);
  return calibration_test::problem(scenario, calibration_test::observations(scenario, 99, *ex));
}

}  // namespace

TEST(calibration, recovers_known_parameters_within_the_reported_uncertainty) {
  const auto p = truth_problem();
  check_problem(p);
  auto ex = make_executor(2);
  const auto r = calibrate(p, *ex);
  ASSERT_EQ(r.parameters.size(), 2u);
  const double truth[] = {calibration_test::true_service_scale,
                          calibration_test::true_demand_scale};
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& f = r.parameters[i];
    SCOPED_TRACE(f.key);
    EXPECT_TRUE(std::isfinite(f.std_error));
    EXPECT_GT(f.std_error, 0);
    EXPECT_FALSE(f.at_bound);
    // The 95 % interval holds the truth, and it is narrow enough to mean something.
    EXPECT_LE(f.low, truth[i]);
    EXPECT_GE(f.high, truth[i]);
    EXPECT_LT(f.high - f.low, 0.1 * truth[i]);
  }
  EXPECT_TRUE(r.weighted);
  EXPECT_EQ(r.observations_fitted, 36u);
  EXPECT_EQ(r.observations_held_out, 12u);
  // The held-out hours are reproduced about as well as the fitted ones.
  ASSERT_EQ(r.series.size(), 2u);
  EXPECT_GT(r.series[0].holdout.correlation, 0.95);
  EXPECT_LT(r.series[0].holdout.mae, 0.1 * 60);    // under 6 s on waits of 3–170 s
  EXPECT_LT(std::abs(r.series[1].fit.bias), 1.0);  // arrivals per hour: within one vehicle
}

TEST(calibration, a_run_handed_its_stored_evaluations_replays_them_and_ends_the_same) {
  auto p = truth_problem();
  p.max_evaluations = 12;
  auto ex = make_executor(1);
  // First run: keep every evaluation's replications, as the results database would.
  std::vector<std::vector<tumen::results::named_scalars>> stored;
  std::vector<tumen::results::named_scalars> pending;
  calibration_hooks record;
  record.on_replication = [&](std::size_t, const tumen::results::named_scalars& figures) {
    auto s = figures;
    std::sort(s.begin(), s.end());
    pending.push_back(std::move(s));
  };
  record.on_evaluation = [&](const evaluation&) {
    stored.push_back(std::move(pending));
    pending.clear();
  };
  const auto first = calibrate(p, *ex, record);
  ASSERT_EQ(stored.size(), first.history.size());

  // Resumed after 7 evaluations: those come from the store, the rest are simulated.
  int simulated = 0, replayed = 0;
  calibration_hooks resume;
  resume.stored = [&](int i) -> std::optional<std::vector<tumen::results::named_scalars>> {
    if (i < 7) return stored[static_cast<std::size_t>(i)];
    return std::nullopt;
  };
  resume.on_evaluation = [&](const evaluation& e) { (e.from_store ? replayed : simulated)++; };
  const auto second = calibrate(p, *ex, resume);
  EXPECT_EQ(replayed, 7);
  EXPECT_EQ(simulated, static_cast<int>(first.history.size()) - 7);
  ASSERT_EQ(second.parameters.size(), first.parameters.size());
  for (std::size_t i = 0; i < first.parameters.size(); ++i) {
    EXPECT_EQ(second.parameters[i].value, first.parameters[i].value);
    EXPECT_EQ(second.parameters[i].std_error, first.parameters[i].std_error);
  }
  EXPECT_EQ(second.objective, first.objective);
}

TEST(calibration, fit_figures_by_hand) {
  const auto f = figures_of({2, 4, 6}, {1, 4, 8});
  EXPECT_EQ(f.n, 3u);
  EXPECT_DOUBLE_EQ(f.mae, (1 + 0 + 2) / 3.0);
  EXPECT_DOUBLE_EQ(f.bias, (1 + 0 - 2) / 3.0);
  // sim deviations -2, 0, 2; obs deviations -3.33, -0.33, 3.67
  const double so = (-2 * (1 - 13 / 3.0) + 2 * (8 - 13 / 3.0));
  const double ss = 8;
  const double oo =
      std::pow(1 - 13 / 3.0, 2) + std::pow(4 - 13 / 3.0, 2) + std::pow(8 - 13 / 3.0, 2);
  EXPECT_NEAR(f.correlation, so / std::sqrt(ss * oo), 1e-12);
  EXPECT_TRUE(std::isnan(figures_of({5, 5}, {1, 2}).correlation));  // a constant side
  EXPECT_EQ(figures_of({}, {}).n, 0u);
}

TEST(calibration, fit_parameter_syntax_and_its_errors) {
  const auto p = parse_fit_parameter("stages.x.service_scale=0.5..2@1.2");
  EXPECT_EQ(p.key, "stages.x.service_scale");
  EXPECT_EQ(p.lo, 0.5);
  EXPECT_EQ(p.hi, 2);
  EXPECT_EQ(p.start, 1.2);
  EXPECT_FALSE(parse_fit_parameter("run.demand_scale=0.5..1.5").start.has_value());
  EXPECT_THAT(input_problems([] { parse_fit_parameter("run.demand_scale"); }),
              HasSubstr("expected KEY=LO..HI"));
  EXPECT_THAT(input_problems([] { parse_fit_parameter("k=2..1"); }),
              HasSubstr("lower bound must be below"));
  EXPECT_THAT(input_problems([] { parse_fit_parameter("k=a..1"); }), HasSubstr("numbers"));
  EXPECT_THAT(input_problems([] { parse_fit_parameter("k=1..2@3"); }), HasSubstr("outside"));
}

TEST(calibration, problems_found_before_anything_runs) {
  auto p = truth_problem();
  p.parameters.push_back(parse_fit_parameter("stages.booth.lanes=0..3"));  // whole number ≥ 1
  p.parameters.push_back(parse_fit_parameter("stages.nowhere.service_scale=1..2"));
  p.observed[0].series = "stage.booth.hourly.wiat_mean";
  const auto text = input_problems([&] { check_problem(p); });
  EXPECT_THAT(text, HasSubstr("stages.booth.lanes"));
  EXPECT_THAT(text, HasSubstr("nowhere"));
  EXPECT_THAT(text, HasSubstr("wiat_mean"));
  p = truth_problem();
  p.holdout_hours.clear();
  for (int h = 0; h < 24; ++h) p.holdout_hours.insert(h);
  EXPECT_THAT(input_problems([&] { check_problem(p); }), HasSubstr("0 observations left to fit"));
}

TEST(calibration, observations_file_read_with_units_in_hour_order) {
  const auto obs = read_observations(
      "# a comment naming the source\n"
      "series,hour,value,unit\n"
      "stage.g.hourly.wait_mean,8,2,min\n"
      "stage.g.hourly.wait_mean,7,90,s\n"
      "stage.g.hourly.arrivals_per_day,7,120,\n",
      "obs.csv");
  ASSERT_EQ(obs.size(), 2u);
  EXPECT_EQ(obs[0].series, "stage.g.hourly.wait_mean");
  EXPECT_EQ(obs[0].hours, (std::vector<int>{7, 8}));
  EXPECT_EQ(obs[0].values, (std::vector<double>{90, 120}));
  EXPECT_EQ(obs[1].values, (std::vector<double>{120}));
}

TEST(calibration, observations_file_errors_are_located_with_their_column) {
  const auto text = input_problems([] {
    read_observations(
        "series,hour,value,unit\n"
        "stage.g.hourly.wait_mean,24,2,min\n"
        "stage.g.hourly.wait_mean,7,x,min\n"
        "stage.g.hourly.wait_mean,8,3,days\n"
        "stage.g.hourly.arrivals_per_day,8,3,min\n"
        "stage.g.hourly.wait_mean,9,-1,min\n"
        "stage.g.hourly.wait_mean,10,1,min\n"
        "stage.g.hourly.wait_mean,10,2,min\n",
        "obs.csv");
  });
  EXPECT_THAT(text, HasSubstr("obs.csv:2:26: error: (column \"hour\"): must be a whole hour"));
  EXPECT_THAT(text, HasSubstr("obs.csv:3:28: error: (column \"value\"): must be a number"));
  EXPECT_THAT(text, HasSubstr("obs.csv:4:30: error: (column \"unit\"): \"days\" is not a unit"));
  EXPECT_THAT(text, HasSubstr("obs.csv:5:37: error: (column \"unit\")"));
  EXPECT_THAT(text,
              HasSubstr("obs.csv:6:28: error: (column \"value\"): a time cannot be negative"));
  EXPECT_THAT(text, HasSubstr("obs.csv:8:26: error: (column \"hour\"): stage.g.hourly.wait_mean at "
                              "hour 10 is given twice (first on line 7)"));
  EXPECT_THAT(input_problems([] { read_observations("series,value\nx,1\n", "o.csv"); }),
              HasSubstr("o.csv:1:1: error: has no column \"hour\" (its columns: series, value)"));
}
