// Service that changes by hour and weekday (issue 11): processing rates per lane per hour
// (rate_per_lane, rate_cv) and factors on the drawn service time (service_scale,
// service_scale_weekday), checked against what they must give hour by hour when a queue never
// empties, against M/M/1, and against each other.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "model_test_support.hpp"
#include "tumen/model/offered_load.hpp"

namespace {

// One lane with 1,500 vehicles queued at the start and no other arrivals: every hour serves
// what that hour's rate allows.
std::string one_lane(const std::string& service_keys, int days = 1) {
  return "[run]\ndays = " + std::to_string(days) + "\nseed = 3\n[classes.car]\n[stages.booth]\n" +
         service_keys +
         "\n[routes.through]\npath = [\"booth\"]\n[[demand]]\nper_hour = 0\ninitial_queue = "
         "1500\n";
}

std::array<int, 24> starts_by_hour(const model_test::recorder& trace) {
  std::array<int, 24> n{};
  for (const auto& v : trace.at("booth"))
    ++n[static_cast<std::size_t>(std::fmod(v.service_start, 86400.0) / 3600.0)];
  return n;
}

TEST(model_hourly_service, a_rate_that_doubles_at_noon_serves_30_then_60_an_hour) {
  const auto sc = model_test::parse(
      one_lane("rate_per_lane = [30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,\n"
               "                 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60]\nrate_cv = 0"));
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto n = starts_by_hour(trace);
  for (int h = 0; h < 12; ++h) EXPECT_EQ(n[static_cast<std::size_t>(h)], 30) << "hour " << h;
  for (int h = 12; h < 24; ++h) EXPECT_EQ(n[static_cast<std::size_t>(h)], 60) << "hour " << h;
  EXPECT_EQ(r.stages[0].served, 12u * 30 + 12 * 60);
}

TEST(model_hourly_service, the_offered_load_follows_the_hourly_rate) {
  // 24 arrivals an hour: ρ = 24 × 120 s / 3600 s = 0.8 in the morning, 0.4 after noon.
  const auto sc = model_test::parse(
      "[run]\ndays = 7\n[classes.car]\n[stages.booth]\nrate_per_lane = [30, 30, 30, 30, 30, "
      "30, 30, 30, 30, 30, 30, 30, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60]\n"
      "[routes.through]\npath = [\"booth\"]\n[[demand]]\nper_hour = 24\n");
  const auto loads = tumen::model::offered_load(sc);
  ASSERT_FALSE(loads.empty());
  const auto& l = loads.front();
  EXPECT_EQ(l.element, "booth");
  EXPECT_NEAR(l.rho_by_hour[0], 0.8, 1e-9);
  EXPECT_NEAR(l.rho_by_hour[11], 0.8, 1e-9);
  EXPECT_NEAR(l.rho_by_hour[12], 0.4, 1e-9);
  EXPECT_NEAR(l.rho, 0.6, 1e-9);
  EXPECT_NEAR(l.peak_rho, 0.8, 1e-9);
}

TEST(model_hourly_service, service_scale_gives_the_same_times_as_the_equivalent_rates) {
  model_test::recorder by_rate, by_scale;
  (void)model_test::run(
      model_test::parse(one_lane("rate_per_lane = [30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,"
                                 " 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60]\nrate_cv = 0")),
      &by_rate);
  (void)model_test::run(
      model_test::parse(one_lane("service = \"60 s\"\nservice_scale = [2, 2, 2, 2, 2, 2, 2, 2, 2, "
                                 "2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]")),
      &by_scale);
  const auto a = by_rate.at("booth");
  const auto b = by_scale.at("booth");
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_DOUBLE_EQ(a[i].service_start, b[i].service_start);
    EXPECT_DOUBLE_EQ(a[i].service_end, b[i].service_end);
  }
}

TEST(model_hourly_service, a_service_scale_beside_a_rate_multiplies_its_times) {
  // rate 60/h with service_scale 1.25 serves like a rate of 48/h: 48 an hour, 75 s each; the
  // factor a calibration fits against a published rate.
  model_test::recorder scaled, slower;
  (void)model_test::run(
      model_test::parse(one_lane("rate_per_lane = 60\nrate_cv = 0\nservice_scale = 1.25")),
      &scaled);
  (void)model_test::run(model_test::parse(one_lane("rate_per_lane = 48\nrate_cv = 0")), &slower);
  const auto a = scaled.at("booth");
  const auto b = slower.at("booth");
  ASSERT_EQ(a.size(), 24u * 48);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i].service_end, b[i].service_end, 1e-6);
  EXPECT_DOUBLE_EQ(a.front().service_end - a.front().service_start, 75.0);
}

TEST(model_hourly_service, a_weekday_factor_slows_that_weekday_only) {
  // Day 1 is a Monday (run.start_weekday default); Tuesdays take twice as long.
  const auto sc =
      model_test::parse(one_lane("service = \"60 s\"\nservice_scale_weekday = { tue = 2 }", 2));
  model_test::recorder trace;
  (void)model_test::run(sc, &trace);
  int monday = 0, tuesday = 0;
  for (const auto& v : trace.at("booth")) (v.service_start < 86400.0 ? monday : tuesday)++;
  EXPECT_EQ(monday, 1440);
  EXPECT_EQ(tuesday, 60);  // the 60 left, at 120 s each
  const auto last = trace.at("booth").back();
  EXPECT_DOUBLE_EQ(last.service_end - last.service_start, 120.0);
}

TEST(model_hourly_service, an_exponential_rate_is_an_mm1) {
  // rate_per_lane = 60 with the default cv 1: exponential service of mean 60 s; λ = 50/h gives
  // Wq = ρ/(μ − λ) = 300 s (M/M/1).
  const auto sc = model_test::parse(
      "[run]\ndays = 200\nwarmup = \"2 d\"\nseed = 9\n[classes.car]\n[stages.server]\n"
      "rate_per_lane = 60\n[routes.through]\npath = [\"server\"]\n[[demand]]\nper_hour = 50\n");
  const auto r = model_test::run(sc);
  EXPECT_NEAR(r.stages[0].service.mean, 60.0, 1.0);
  EXPECT_NEAR(r.stages[0].wait.mean, 300.0, 30.0);
}

TEST(model_hourly_service, a_lane_groups_own_rate_serves_every_class_it_takes) {
  // Trucks on their own lane at 6 an hour (constant 600 s), cars on theirs at the stage's service.
  const auto sc = model_test::parse(R"toml(
[run]
days = 2
seed = 4
[classes.car]
[classes.truck]
[stages.booth]
lanes = [ { count = 1, classes = ["car"] },
          { count = 1, classes = ["truck"], rate_per_lane = 6, rate_cv = 0 } ]
service = "30 s"
[routes.through]
path = ["booth"]
[[demand]]
class = "car"
per_hour = 20
[[demand]]
class = "truck"
per_hour = 3
)toml");
  model_test::recorder trace;
  (void)model_test::run(sc, &trace);
  int trucks = 0;
  for (const auto& v : trace.at("booth")) {
    const double service = v.service_end - v.service_start;
    if (v.vehicle_class == "truck") {
      ++trucks;
      EXPECT_NEAR(service, 600.0, 1e-6);
    } else {
      EXPECT_NEAR(service, 30.0, 1e-6);
    }
  }
  EXPECT_GT(trucks, 100);
  // Offered load: trucks 3/h × 600 s on one lane = 0.5.
  for (const auto& l : tumen::model::offered_load(sc))
    if (l.element == "booth" && l.lane_group.find("truck") != std::string::npos) {
      EXPECT_NEAR(l.rho, 0.5, 1e-9);
    }
}

}  // namespace
