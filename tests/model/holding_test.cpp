// Holding areas: a finite number of places in front of a stage. When full, arriving vehicles
// either wait outside for a place (spillback) or leave at once (turn-away). A place is held until
// service starts at the stage after it.
#include <gtest/gtest.h>

#include <cmath>

#include "model_test_support.hpp"
#include "tumen/results/checks.hpp"

namespace {

// Two places in front of one lane working at 20 an hour; 18 an hour arrive (ρ = 0.9).
constexpr const char* small_lot = R"toml(
[run]
days = 20
[classes.car]
[holding.lot]
capacity = 2
when_full = "spillback"
[stages.booth]
service = "exp(mean 3 min)"
[routes.r]
path = ["lot", "booth"]
[[demand]]
per_hour = 18
)toml";

TEST(model_holding, a_full_area_makes_vehicles_wait_outside_and_never_holds_more_than_capacity) {
  const auto sc = model_test::parse(small_lot);
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
  const auto& lot = model_test::named(r.holding, "lot");
  const auto& booth = model_test::named(r.stages, "booth");
  EXPECT_EQ(lot.capacity, 2);
  EXPECT_EQ(lot.turned_away, 0u);
  EXPECT_GT(lot.waited_outside, 1000u);
  EXPECT_GT(lot.wait_outside.mean, 0.0);
  EXPECT_DOUBLE_EQ(lot.occupancy_max, 2.0);
  EXPECT_LE(booth.queue_max, 2.0);
  // Everyone who got a place joined the booth's queue at once, and kept the place until served.
  EXPECT_EQ(lot.entered, booth.arrived);
  EXPECT_NEAR(lot.occupancy_mean, booth.queue_mean, 1e-9 * booth.queue_mean);
  // Seen from the booth: whenever someone joins, at most 2 (including them) are waiting.
  const auto visits = trace.at("booth");
  for (const auto& v : visits) {
    int waiting = 0;
    for (const auto& w : visits)
      if (w.queue_join <= v.queue_join && v.queue_join < w.service_start) ++waiting;
    EXPECT_LE(waiting, 2) << "joined at " << v.queue_join;
  }
  // Nobody is lost: vehicles waiting outside are inside the crossing.
  const auto& f = model_test::flow(r, "r", "car");
  EXPECT_EQ(f.turned_away, 0u);
  EXPECT_EQ(f.arrived, f.cleared + f.inside);
}

TEST(model_holding, a_full_turn_away_area_sends_vehicles_away_and_counts_them) {
  // Two places, one lane at 20 an hour, 30 an hour arrive: an M/M/1/3 queue, which loses
  // p3 = ρ³(1 − ρ)/(1 − ρ⁴) = 0.4154 of arrivals at ρ = 1.5.
  const auto sc =
      model_test::parse(small_lot, {"holding.lot.when_full=\"turn_away\"", "demand.0.per_hour=30"});
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
  const auto& lot = model_test::named(r.holding, "lot");
  const auto& booth = model_test::named(r.stages, "booth");
  const auto& f = model_test::flow(r, "r", "car");
  EXPECT_GT(lot.turned_away, 0u);
  EXPECT_EQ(lot.waited_outside, 0u);
  EXPECT_EQ(f.turned_away, lot.turned_away);
  EXPECT_EQ(f.arrived, lot.entered + lot.turned_away);
  EXPECT_EQ(booth.arrived, lot.entered);
  // The turned-away never reach the booth: every vehicle in the trace entered the lot.
  EXPECT_EQ(model_test::vehicles(trace.at("booth")).size(), booth.served);
  EXPECT_LE(booth.queue_max, 2.0);
  const double p3 = std::pow(1.5, 3) * (1 - 1.5) / (1 - std::pow(1.5, 4));
  EXPECT_NEAR(static_cast<double>(lot.turned_away) / static_cast<double>(f.arrived), p3, 0.02);
}

TEST(model_holding, the_place_is_freed_when_service_starts_not_when_it_ends) {
  // One place, one lane of 1,000 s, five arrivals every 720 s from 00:06 (360 + 720 i). By hand:
  //   v1 arrives 360, takes the place, starts at once (frees it), ends 1360.
  //   v2 arrives 1080, takes the place, waits; starts 1360 (frees it), ends 2360.
  //   v3 arrives 1800: the place is free since 1360 (it would not be if places were held to the
  //      end of service), takes it; starts 2360, ends 3360.
  //   v4 arrives 2520: free since 2360; starts 3360, ends 4360.
  //   v5 arrives 3240: v4 holds the place until 3360 → waits outside 120 s; starts 4360.
  const auto sc = model_test::parse(R"toml(
[run]
days = 1
[classes.car]
[holding.lot]
capacity = 1
[stages.booth]
service = "1000 s"
[routes.r]
path = ["lot", "booth"]
[[demand]]
per_hour = [5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
arrivals = "even"
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto v = trace.by_start("booth");
  ASSERT_EQ(v.size(), 5u);
  const double join[] = {360, 1080, 1800, 2520, 3360};
  const double start[] = {360, 1360, 2360, 3360, 4360};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(v[i].vehicle, i + 1);
    EXPECT_NEAR(v[i].queue_join, join[i], model_test::exact) << i;
    EXPECT_NEAR(v[i].service_start, start[i], model_test::exact) << i;
  }
  const auto& lot = model_test::named(r.holding, "lot");
  EXPECT_EQ(lot.entered, 5u);
  EXPECT_EQ(lot.waited_outside, 1u);
  EXPECT_NEAR(lot.wait_outside.max, 120.0, model_test::exact);
  EXPECT_NEAR(lot.wait_outside.mean, 120.0 / 5, model_test::exact);
  // Places held: v2 280 s, v3 560, v4 840, v5 1000 (3360 to 4360); v1 none.
  EXPECT_NEAR(lot.occupancy_mean, (280.0 + 560 + 840 + 1000) / 86400, 1e-12);
}

}  // namespace
