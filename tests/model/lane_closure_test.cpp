// Lanes that close hand their queues over (issue 11): with one queue per lane, the vehicles
// waiting at a booth that closes move to the open booths of its group, the earliest to join
// first, so none is stranded until the booth reopens. The reproduction: three booths, two of them
// open at night; before the fix the cars queued at the closing booth at 22:00 waited until 06:00.
#include <gtest/gtest.h>

#include <string>

#include "model_test_support.hpp"

namespace {

// Three booths of one group; from 22:00 to 06:00 only two are open (ρ = 0.44 by day, 0.67 by
// night). Every booth serves every car, so a closed booth's queue can always move.
std::string booths(const std::string& queue) {
  return R"toml(
[run]
days = 30
warmup = "1 d"
seed = 11

[classes.car]

[stages.booth]
lanes = [ { count = 3, open_lanes = [ { from = "22:00", to = "24:00", lanes = 2 },
                                      { from = "00:00", to = "06:00", lanes = 2 } ] } ]
service = "exp(mean 120 s)"
queue = ")toml" +
         queue + R"toml("

[routes.through]
path = ["booth"]

[[demand]]
per_hour = 40
)toml";
}

TEST(model_lane_closure, no_queue_is_stranded_behind_a_closed_booth) {
  const auto per_lane = model_test::parse(booths("per_lane"));
  const auto shared = model_test::parse(booths("shared"));
  model_test::recorder trace;
  const auto p = model_test::run(per_lane, &trace);
  const auto s = model_test::run(shared);
  const auto& pw = p.stages[0].wait;
  const auto& sw = s.stages[0].wait;
  // Stranded until 06:00, a car queued at 22:00 would wait 8 h; moved, every wait stays of the
  // shared queue's order of magnitude (per-lane queues are a little longer: no pooling).
  EXPECT_LT(sw.max, 3600.0);
  EXPECT_LT(pw.max, 3 * sw.max) << "per-lane max wait " << pw.max << " s, shared " << sw.max;
  EXPECT_LT(pw.mean, 3 * sw.mean);
  EXPECT_EQ(p.stages[0].waiting_at_end + p.stages[0].in_service_at_end + p.stages[0].served,
            p.stages[0].arrived);
  // Night service is given by two booths only: lane 2 (the one that closes) serves nobody who
  // started between 22:00 and 06:00 (a car in service at 22:00 finishes there).
  for (const auto& v : trace.at("booth")) {
    const double hour = std::fmod(v.service_start, 86400.0) / 3600.0;
    if (hour >= 22.0 || hour < 6.0) {
      EXPECT_NE(v.lane, 2) << "served at " << v.service_start;
    }
  }
}

// The same holds for a closure of the whole group and its reopening one lane at a time: the
// queues of lanes still closed move to the lane that opens first.
TEST(model_lane_closure, a_lane_that_reopens_first_takes_the_queues_of_those_still_closed) {
  const auto sc = model_test::parse(R"toml(
[run]
days = 20
warmup = "1 d"
seed = 5

[classes.car]

[stages.booth]
lanes = [ { count = 3, open_lanes = [ { from = "00:00", to = "04:00", lanes = 0 },
                                      { from = "04:00", to = "08:00", lanes = 1 } ] } ]
queue = "per_lane"
service = "exp(mean 60 s)"

[routes.through]
path = ["booth"]

[[demand]]
per_hour = 20
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  // Cars arriving while all is closed queue at the three booths (shortest queue); at 04:00
  // only lane 0 opens and must take them all; by 08:00 nobody still waits from before 04:00.
  for (const auto& v : trace.at("booth")) {
    const double join_hour = std::fmod(v.queue_join, 86400.0) / 3600.0;
    const double day_start = v.queue_join - std::fmod(v.queue_join, 86400.0);
    if (join_hour < 4.0) {
      EXPECT_LT(v.service_start, day_start + 8 * 3600.0);
    }
    const double start_hour = std::fmod(v.service_start, 86400.0) / 3600.0;
    if (start_hour >= 4.0 && start_hour < 8.0) {
      EXPECT_EQ(v.lane, 0);
    }
  }
  EXPECT_GT(r.stages[0].served, 0u);
}

}  // namespace
