// The verdict's figures in the vocabulary (what the results database and the summaries across
// replications carry): flags per replication and per element, growth, backlog, loss share, and
// the wait that counts the unserved, every name readable back by the vocabulary.
#include "tumen/experiment/metrics.hpp"

#include <gtest/gtest.h>

#include "tumen/model/crossing.hpp"
#include "tumen/results/metric_name.hpp"
#include "tumen/scenario/reader.hpp"

namespace {

tumen::results::replication_result mm1(double per_hour) {
  const std::string toml =
      "[run]\ndays = 30\nwarmup = \"1 d\"\n[classes.customer]\n[stages.server]\nservice = "
      "\"exp(mean 60 s)\"\n[routes.through]\npath = [\"server\"]\n[[demand]]\nper_hour = " +
      std::to_string(per_hour) + "\n";
  return tumen::model::run_replication(tumen::scenario::parse(toml, "test.toml"), 0);
}

TEST(experiment_metrics, a_saturated_run_carries_its_verdict_as_figures) {
  const auto r = mm1(70.2);
  EXPECT_DOUBLE_EQ(tumen::experiment::metric(r, "saturated"), 1.0);
  EXPECT_DOUBLE_EQ(tumen::experiment::metric(r, "stable_by_losing"), 0.0);
  EXPECT_DOUBLE_EQ(tumen::experiment::metric(r, "stopped_early"), 1.0);
  EXPECT_DOUBLE_EQ(tumen::experiment::metric(r, "stage.server.saturated"), 1.0);
  EXPECT_NEAR(tumen::experiment::metric(r, "stage.server.growth_per_day"), 244.8, 0.15 * 244.8);
  EXPECT_DOUBLE_EQ(tumen::experiment::metric(r, "stage.server.backlog_at_end"),
                   static_cast<double>(r.stages[0].waiting_at_end));
  EXPECT_DOUBLE_EQ(tumen::experiment::metric(r, "stage.server.wait_with_unserved.mean"),
                   r.stages[0].wait_with_unserved_mean);
  EXPECT_DOUBLE_EQ(tumen::experiment::metric(r, "max_wait_mean"),
                   r.stages[0].wait_with_unserved_mean);
  for (const auto& [name, value] : tumen::experiment::scalars(r, false))
    EXPECT_TRUE(tumen::results::parse_metric_name(name).has_value()) << name;
}

TEST(experiment_metrics, a_stable_run_has_its_flags_down) {
  const auto r = mm1(30);
  EXPECT_DOUBLE_EQ(tumen::experiment::metric(r, "saturated"), 0.0);
  EXPECT_DOUBLE_EQ(tumen::experiment::metric(r, "stopped_early"), 0.0);
  EXPECT_DOUBLE_EQ(tumen::experiment::metric(r, "stage.server.saturated"), 0.0);
  EXPECT_EQ(tumen::results::parse_metric_name("stage.server.lost_share")->unit(),
            tumen::results::metric_unit::share);
  EXPECT_EQ(tumen::results::parse_metric_name("holding.h.growth_per_day")->unit(),
            tumen::results::metric_unit::per_day);
}

}  // namespace
