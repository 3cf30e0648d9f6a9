// Paired comparison under common random numbers: a design against itself differs in nothing; one
// more lane at a busy M/M/c stage cuts the wait significantly.
#include <gtest/gtest.h>

#include <string>

#include "tumen/experiment/replications.hpp"
#include "tumen/experiment/summary.hpp"
#include "tumen/scenario/builtin.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::experiment {
namespace {

// reference/mm3 at 60% of its demand: λ = 120/h, mean service 50 s, a = 1.67 Erlangs.
scenario::scenario mmc(int lanes) {
  const auto b = scenario::find_builtin("reference/mm3");
  EXPECT_TRUE(b);
  return scenario::parse(
      b->text, b->file_name(),
      {scenario::parse_override("run.days=20"), scenario::parse_override("demand.scale=0.6"),
       scenario::parse_override("stages.server.lanes=" + std::to_string(lanes))});
}

const results::difference_row& find(const std::vector<results::difference_row>& rows,
                                    const std::string& name) {
  for (const auto& r : rows)
    if (r.name == name) return r;
  ADD_FAILURE() << "no row " << name;
  return rows.front();
}

TEST(compare, a_design_against_itself_differs_in_nothing) {
  const auto sc = mmc(2);
  auto ex = make_executor(2);
  const auto a = run_replications(sc, 5, *ex);
  const auto b = run_replications(sc, 5, *ex);
  const auto diffs = compare(a, b);
  ASSERT_FALSE(diffs.empty());
  for (const auto& d : diffs) {
    EXPECT_FALSE(d.significant()) << d.name;
    EXPECT_EQ(d.mean, 0) << d.name;
    EXPECT_EQ(d.n, 5u);
  }
}

TEST(compare, a_third_lane_cuts_the_wait_significantly) {
  auto ex = make_executor(2);
  const auto two = run_replications(mmc(2), 5, *ex);
  const auto three = run_replications(mmc(3), 5, *ex);
  const auto diffs = compare(two, three);
  const auto& wait = find(diffs, "stage.server.wait.mean");
  EXPECT_TRUE(wait.significant());
  EXPECT_LT(wait.high, 0);  // B − A < 0: B waits less
  // Erlang C at a = 1.67 Erlangs with 50 s service: Wq(2) = 114 s, Wq(3) = 11 s.
  EXPECT_NEAR(wait.mean_a, 114, 20);
  EXPECT_NEAR(wait.mean_b, 11, 4);
  EXPECT_TRUE(find(diffs, "stage.server.queue_mean").significant());
  // The same arrivals are served either way: throughput does not differ significantly.
  EXPECT_NEAR(find(diffs, "vehicles_per_day").mean, 0, 1);
}

TEST(compare, common_random_numbers_make_the_difference_sharper_than_independent_runs) {
  auto ex = make_executor(2);
  const auto two = run_replications(mmc(2), 5, *ex);
  const auto three = run_replications(mmc(3), 5, *ex);
  replication_options other;
  other.first = 100;  // different streams: no pairing
  const auto three_independent = run_replications(mmc(3), 5, *ex, other);
  // Paired, both sides see the same arrivals, so their throughputs differ by almost nothing;
  // unpaired, by the days' luck.
  const auto paired = find(compare(two, three), "vehicles_per_day");
  const auto unpaired = find(compare(two, three_independent), "vehicles_per_day");
  EXPECT_LT(paired.half_width * 10, unpaired.half_width);
}

}  // namespace
}  // namespace tumen::experiment
