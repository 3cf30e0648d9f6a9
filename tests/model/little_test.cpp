// Little's law at every stage: the time-average number waiting equals the rate of joining times
// the mean time in queue (L = λ·W), which holds on every sample path of a long run whatever the
// arrival process, service times, hours or priorities; only vehicles caught at the ends of the
// measured period (waiting at the warm-up's end or at the run's end) can make the two differ.
#include <gtest/gtest.h>

#include "model_test_support.hpp"

namespace {

void expect_little(const tumen::results::replication_result& r, double relative) {
  for (const auto& s : r.stages) {
    SCOPED_TRACE(s.id);
    ASSERT_GT(s.arrival_rate, 0.0);
    const double lw = s.arrival_rate * s.queue_time_mean;
    EXPECT_NEAR(s.queue_mean, lw, relative * lw + 1e-3)
        << "L = " << s.queue_mean << ", λW = " << lw;
  }
}

TEST(model_little, holds_at_every_stage_of_khasan_tumangang_over_a_year) {
  // Queues stand overnight at most stages; a year of days makes the ends negligible.
  const auto sc = model_test::builtin("khasan-tumangang", {"run.days=372"});
  const auto r = model_test::run(sc);
  expect_little(r, 0.03);
}

TEST(model_little, holds_with_priorities_patience_and_holding_areas) {
  for (const char* name : {"reference/mm3", "reference/mm1_priority", "reference/mm1_patience",
                           "reference/mmck", "reference/tandem"}) {
    SCOPED_TRACE(name);
    const auto r = model_test::run(model_test::builtin(name));
    expect_little(r, 0.02);
  }
}

TEST(model_little, the_rate_is_per_second_of_measured_time) {
  // mm1: λ = 50 an hour; 198 measured days.
  const auto r = model_test::run(model_test::builtin("reference/mm1"));
  const auto& s = r.stages.front();
  EXPECT_NEAR(s.arrival_rate * 3600, 50.0, 50 * 0.01);
  EXPECT_NEAR(r.measured, 198 * 86400.0, 1e-6);
}

}  // namespace
