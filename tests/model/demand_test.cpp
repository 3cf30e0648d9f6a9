// Demand: Poisson and even arrivals at hourly rates with weekday factors and the demand scale,
// booked arrivals in slots (with no-shows and tolerance), and initial queues.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "model_test_support.hpp"
#include "tumen/results/checks.hpp"

namespace {

using model_test::exact;

// One stage that never queues, so the trace's queue_join is the arrival time.
std::string gate_with(const std::string& demand_keys, int days = 7) {
  return "[run]\ndays = " + std::to_string(days) + R"toml(
start_weekday = "mon"
[classes.car]
[stages.gate]
lanes = 50
service = "1 s"
[routes.r]
path = ["gate"]
[[demand]]
)toml" + demand_keys +
         "\n";
}

TEST(model_demand, even_arrivals_bring_exactly_the_expected_number_carrying_fractions) {
  // 100 a day over 24 equal hours is 4.1667 an hour: whole vehicles per hour, nothing lost.
  const auto sc = model_test::parse(gate_with("per_day = 100\narrivals = \"even\""));
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  EXPECT_EQ(model_test::flow(r, "r", "car").arrived, 700u);
  std::map<int, int> per_day;
  for (const auto& v : trace.at("gate")) ++per_day[model_test::day_of(v.queue_join)];
  for (int d = 0; d < 7; ++d) EXPECT_EQ(per_day[d], 100) << "day " << d + 1;
}

TEST(model_demand, weekday_factors_and_the_demand_scale_multiply_the_rate) {
  // 10 an hour, Saturday × 0.5, Sunday × 0, everything × 2 (--set demand.scale=2):
  // 5 weekdays × 480 + 240 + 0 = 2,640 in a week.
  const auto sc = model_test::parse(
      gate_with("per_hour = 10\narrivals = \"even\"\nweekday_factors = { sat = 0.5, sun = 0 }"),
      {"demand.scale=2"});
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  EXPECT_EQ(model_test::flow(r, "r", "car").arrived, 2640u);
  std::map<int, int> per_day;
  for (const auto& v : trace.at("gate")) ++per_day[model_test::day_of(v.queue_join)];
  EXPECT_EQ(per_day[0], 480);
  EXPECT_EQ(per_day[5], 240);
  EXPECT_EQ(per_day[6], 0);
}

TEST(model_demand, poisson_arrivals_match_the_hourly_profile_within_their_spread) {
  // per_day 2,400 with all of it in 08:00–10:00 (weights 1 and 3): 600 and 1,800 a day.
  const auto sc = model_test::parse(
      gate_with("per_day = 2400\nprofile = [0,0,0,0,0,0,0,0,1,3,0,0,0,0,0,0,0,0,0,0,0,0,0,0]", 30));
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  std::map<int, double> per_hour;
  for (const auto& v : trace.at("gate"))
    ++per_hour[static_cast<int>(model_test::time_of_day(v.queue_join) / 3600)];
  EXPECT_EQ(per_hour.size(), 2u);  // nobody outside 08:00–10:00
  // Poisson counts over 30 days: mean 18,000 and 54,000, 4 standard deviations.
  EXPECT_NEAR(per_hour[8], 18000, 4 * std::sqrt(18000.0));
  EXPECT_NEAR(per_hour[9], 54000, 4 * std::sqrt(54000.0));
  const auto& s = model_test::named(r.stages, "gate");
  EXPECT_NEAR(s.hourly.arrivals_per_day[9], per_hour[9] / 30, 1e-9);
  // Gaps are exponential: their coefficient of variation is near 1 inside an hour.
  std::vector<double> joins;
  for (const auto& v : trace.by_start("gate"))
    if (model_test::time_of_day(v.queue_join) >= 9 * 3600.0) joins.push_back(v.queue_join);
  double sum = 0, sum2 = 0, n = 0;
  for (std::size_t i = 1; i < joins.size(); ++i) {
    const double gap = joins[i] - joins[i - 1];
    if (gap > 3600) continue;  // across days
    sum += gap, sum2 += gap * gap, ++n;
  }
  const double mean = sum / n, cv = std::sqrt(sum2 / n - mean * mean) / mean;
  EXPECT_NEAR(mean, 2.0, 0.05);  // 1,800 an hour
  EXPECT_NEAR(cv, 1.0, 0.03);
}

TEST(model_demand, booked_vehicles_arrive_exactly_in_their_slots) {
  // 4 an hour in 4 slots an hour (every 900 s from time 0), no tolerance, everybody comes.
  const auto sc = model_test::parse(gate_with("per_hour = 4\nbooking = { slots_per_hour = 4 }", 2));
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto v = trace.by_start("gate");
  ASSERT_EQ(v.size(), 2u * 96);
  for (std::size_t i = 0; i < v.size(); ++i)
    EXPECT_NEAR(v[i].queue_join, 900.0 * static_cast<double>(i), exact) << i;
  EXPECT_EQ(model_test::flow(r, "r", "car").arrived, 192u);
}

TEST(model_demand, demand_beyond_the_slots_waits_for_later_slots) {
  // 6 an hour want 4 slots an hour: every slot is used, so exactly 4 an hour arrive (the rest
  // is a growing backlog that never arrives within the run).
  const auto sc = model_test::parse(gate_with("per_hour = 6\nbooking = { slots_per_hour = 4 }", 2));
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  EXPECT_EQ(model_test::flow(r, "r", "car").arrived, 192u);
  for (const auto& v : trace.at("gate"))
    EXPECT_NEAR(std::remainder(v.queue_join, 900.0), 0.0, exact);
}

TEST(model_demand, no_shows_and_tolerance_thin_and_scatter_booked_arrivals) {
  // 4 slots an hour over 30 days = 2,880 booked; a quarter never come; the rest arrive within
  // ±5 min of their slot.
  const auto sc = model_test::parse(gate_with(
      "per_hour = 4\nbooking = { slots_per_hour = 4, tolerance = \"5 min\", no_show = 0.25 }", 30));
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const double booked = 30 * 96;
  const auto arrived = static_cast<double>(model_test::flow(r, "r", "car").arrived);
  EXPECT_NEAR(arrived, 0.75 * booked, 4 * std::sqrt(booked * 0.75 * 0.25));
  double off_slot = 0;
  for (const auto& v : trace.at("gate")) {
    const double from_slot = std::remainder(v.queue_join, 900.0);
    EXPECT_LE(std::abs(from_slot), 300.0 + exact) << v.queue_join;
    off_slot += std::abs(from_slot);
  }
  // Uniform within ±300 s: the mean distance from the slot is 150 s.
  EXPECT_NEAR(off_slot / arrived, 150.0, 10.0);
}

TEST(model_demand, an_initial_queue_waits_at_the_first_stage_from_time_zero) {
  // Five vehicles start in the queue of "booth" (skipping the road before it); the booth opens at
  // 06:00 and takes 600 s each: they start at 21600, 22200, … 24000.
  const auto sc = model_test::parse(R"toml(
[run]
days = 1
[classes.car]
[links.road]
length = "10 km"
speed = "36 km/h"
[stages.booth]
service = "600 s"
hours = "06:00-24:00"
[routes.r]
path = ["road", "booth"]
[[demand]]
per_hour = 0
initial_queue = 5
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto v = trace.by_start("booth");
  ASSERT_EQ(v.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_NEAR(v[i].queue_join, 0.0, exact);
    EXPECT_NEAR(v[i].service_start, 21600 + 600.0 * static_cast<double>(i), exact);
  }
  EXPECT_EQ(model_test::flow(r, "r", "car").arrived, 5u);
  EXPECT_EQ(model_test::named(r.links, "road").entered, 0u);
}

}  // namespace
