// point_recorder: a search's replications reach the sink with their point, and the point's
// summary does not depend on the order the threads finished them in (-j must not change a
// figure, not even in its last bit).
#include "tumen/experiment/point_recorder.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace tumen::experiment {
namespace {

// Keeps what it is given.
struct capture_sink : results::sink {
  void begin(const results::run_attributes&) override {}
  bool resume(const results::run_attributes&) override { return false; }
  void points(const std::vector<results::design_point>& p) override {
    for (const auto& x : p) points_seen.push_back(x.index);
  }
  void replication(results::replication_scalars r) override { reps.push_back(std::move(r)); }
  void summary(int point, const std::vector<results::interval_row>& rows) override {
    summaries[point] = rows;
  }
  void attribute(const std::string&, const std::string&) override {}
  void finish(results::run_status) override {}
  std::set<results::unit_key> stored_units() override { return {}; }
  std::vector<results::named_scalars> stored_scalars(int) override { return {}; }

  std::vector<int> points_seen;
  std::vector<results::replication_scalars> reps;
  std::map<int, std::vector<results::interval_row>> summaries;
};

// Values whose floating-point sum depends on the order they are added in.
const std::vector<double> values = {1e16, 1.0, -1e16, 3.0, 0.5};

std::vector<results::interval_row> summary_in_order(const std::vector<std::size_t>& order) {
  capture_sink sink;
  point_recorder rec(&sink);
  for (const auto k : order) rec.replication(k, 7, {{"x", values[k]}});
  rec.point(0, {{"run.demand_scale", "1"}});
  EXPECT_EQ(sink.reps.size(), order.size());
  for (const auto& r : sink.reps) EXPECT_EQ(r.point, 0);
  return sink.summaries.at(0);
}

TEST(PointRecorder, SummaryDoesNotDependOnTheOrderReplicationsFinished) {
  const auto in_order = summary_in_order({0, 1, 2, 3, 4});
  const auto shuffled = summary_in_order({2, 4, 0, 3, 1});
  ASSERT_EQ(in_order.size(), 1u);
  ASSERT_EQ(shuffled.size(), 1u);
  EXPECT_EQ(in_order[0].mean, shuffled[0].mean);
  EXPECT_EQ(in_order[0].half_width, shuffled[0].half_width);
  EXPECT_EQ(in_order[0].n, 5u);
}

TEST(PointRecorder, EachPointGetsItsOwnReplications) {
  capture_sink sink;
  point_recorder rec(&sink);
  rec.replication(0, 1, {{"x", 1.0}});
  rec.replication(1, 1, {{"x", 3.0}});
  rec.point(0, {});
  rec.replication(0, 1, {{"x", 10.0}});
  rec.point(1, {});
  EXPECT_EQ(sink.points_seen, (std::vector<int>{0, 1}));
  ASSERT_EQ(sink.reps.size(), 3u);
  EXPECT_EQ(sink.reps[2].point, 1);
  EXPECT_DOUBLE_EQ(sink.summaries.at(0)[0].mean, 2.0);
  EXPECT_DOUBLE_EQ(sink.summaries.at(1)[0].mean, 10.0);
}

TEST(PointRecorder, WithoutASinkRecordsNothing) {
  point_recorder rec(nullptr);
  EXPECT_FALSE(rec.enabled());
  rec.replication(0, 1, {{"x", 1.0}});
  rec.point(0, {});  // nothing to reach, nothing thrown
}

}  // namespace
}  // namespace tumen::experiment
