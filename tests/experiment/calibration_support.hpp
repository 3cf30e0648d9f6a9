// What the calibration tests share: two booths under a demand that rises by day (so that hourly
// waits span light and heavy load), and the observations tumen itself gives for it at known
// parameter values — service_scale = 1.1, demand_scale = 0.9 — with a seed of the test's choosing.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tumen/experiment/calibration.hpp"
#include "tumen/experiment/metrics.hpp"

namespace calibration_test {

inline std::string two_booths(int days) {
  return fmt::format(R"toml(
[scenario]
name = "two booths"

[run]
days = {}
warmup = "2 d"
seed = 1

[classes.car]

[stages.booth]
lanes = 2
service = "exp(mean 60 s)"

[routes.through]
path = ["booth"]

[[demand]]
per_hour = [40, 30, 25, 25, 30, 50, 70, 90, 100, 100, 95, 90, 90, 95, 100, 105, 100, 90, 80, 70,
            60, 55, 50, 45]
)toml",
                     days);
}

inline constexpr double true_service_scale = 1.1;
inline constexpr double true_demand_scale = 0.9;

// The hourly mean waits and arrivals over 4 replications at the true values, as an observer would
// see them.
inline std::vector<tumen::experiment::observed_series> observations(
    const std::string& scenario, std::uint64_t seed, tumen::experiment::executor& ex) {
  using namespace tumen::experiment;
  const auto sc = tumen::scenario::parse(
      scenario, "two.toml",
      {tumen::scenario::parse_override(
           fmt::format("stages.booth.service_scale={}", true_service_scale)),
       tumen::scenario::parse_override(fmt::format("run.demand_scale={}", true_demand_scale))});
  replication_options o;
  o.seed = seed;
  const auto runs = run_replications(sc, 4, ex, o);
  std::vector<observed_series> out(2);
  out[0].series = "stage.booth.hourly.wait_mean";
  out[1].series = "stage.booth.hourly.arrivals_per_day";
  for (auto& s : out)
    for (int h = 0; h < 24; ++h) {
      double sum = 0;
      for (const auto& r : runs) sum += metric(r, fmt::format("{}.{:02}", s.series, h));
      s.hours.push_back(h);
      s.values.push_back(sum / static_cast<double>(runs.size()));
    }
  return out;
}

// Fitting both factors, every fourth hour held out, 4 replications with the scenario's seed 1.
inline tumen::experiment::calibration_problem problem(
    const std::string& scenario, std::vector<tumen::experiment::observed_series> observed) {
  using namespace tumen::experiment;
  calibration_problem p;
  p.scenario_text = scenario;
  p.scenario_source = "two.toml";
  p.parameters = {parse_fit_parameter("stages.booth.service_scale=0.5..2"),
                  parse_fit_parameter("run.demand_scale=0.5..1.5")};
  p.observed = std::move(observed);
  p.holdout_hours = {3, 7, 11, 15, 19, 23};
  p.replications = 4;
  p.seed = 1;
  p.max_evaluations = 40;
  return p;
}

}  // namespace calibration_test
