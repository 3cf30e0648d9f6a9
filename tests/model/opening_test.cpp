// When stages work: opening hours per weekday (nobody starts outside them, a vehicle in service at
// closing finishes, the queue waits for the next opening), daily lane schedules (never more
// vehicles in service than lanes open when one starts) and closures (a closed stage starts
// nobody; a closure of some lanes leaves the others working).
#include <gtest/gtest.h>

#include <array>

#include "model_test_support.hpp"
#include "tumen/results/checks.hpp"

namespace {

using model_test::exact;
using model_test::time_of_day;

constexpr double h = 3600;

TEST(model_opening, nobody_starts_outside_opening_hours_and_night_arrivals_wait_for_the_opening) {
  // Open 09:00–17:00 Monday to Friday; arrivals around the clock, every day; day 1 is a Monday.
  const auto sc = model_test::parse(R"toml(
[run]
days = 14
start_weekday = "mon"
[classes.car]
[stages.office]
lanes = 2
service = "exp(mean 2 min)"
hours = "09:00-17:00"
days = ["mon", "tue", "wed", "thu", "fri"]
[routes.r]
path = ["office"]
[[demand]]
per_hour = 10
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto visits = trace.at("office");
  ASSERT_GT(visits.size(), 2000u);
  for (const auto& v : visits) {
    const int weekday = model_test::day_of(v.service_start) % 7;
    EXPECT_LT(weekday, 5) << "started on a weekend at " << v.service_start;
    EXPECT_GE(time_of_day(v.service_start), 9 * h) << v.service_start;
    EXPECT_LT(time_of_day(v.service_start), 17 * h) << v.service_start;
    // Whoever joined while closed started at the next opening or later.
    const int join_day = model_test::day_of(v.queue_join);
    const int join_weekday = join_day % 7;
    double next_opening = 0;
    if (join_weekday >= 5)
      next_opening = (join_day - join_weekday + 7) * 86400.0 + 9 * h;
    else if (time_of_day(v.queue_join) < 9 * h)
      next_opening = join_day * 86400.0 + 9 * h;
    else if (time_of_day(v.queue_join) >= 17 * h)
      next_opening = (join_weekday == 4 ? join_day + 3 : join_day + 1) * 86400.0 + 9 * h;
    EXPECT_GE(v.service_start, next_opening - exact) << "joined at " << v.queue_join;
  }
  // A queue stands at every weekday opening, so both lanes start someone at exactly 09:00.
  for (int day : {0, 1, 2, 3, 4, 7, 8, 9, 10, 11}) {
    const double opening = day * 86400.0 + 9 * h;
    const auto at_opening = std::count_if(visits.begin(), visits.end(), [&](const auto& v) {
      return std::abs(v.service_start - opening) < exact;
    });
    EXPECT_EQ(at_opening, 2) << "day " << day + 1;
  }
  // Lane-hours open: 2 lanes × 8 h × 10 weekdays over 14 days.
  const auto& s = model_test::named(r.stages, "office");
  EXPECT_NEAR(s.open_lanes_mean, 2 * 8 * 10 / (14 * 24.0), 1e-12);
  EXPECT_NEAR(s.hourly.open_lanes[8], 0.0, 1e-12);
  EXPECT_NEAR(s.hourly.open_lanes[9], 2 * 10 / 14.0, 1e-12);
  EXPECT_NEAR(s.hourly.open_lanes[17], 0.0, 1e-12);
}

TEST(model_opening, service_under_way_at_closing_finishes_and_the_queue_waits_overnight) {
  // Open 08:00–09:00 only, one lane, 1,000 s each; six arrive in 08:00–09:00 each day, every
  // 600 s from 08:05 (29100 + 600 i). By hand, day 1:
  //   v0 29100–30100 · v1 30100–31100 · v2 31100–32100 · v3 32100–33100 (runs past 09:00)
  //   v4 (joined 31500) and v5 (32100) wait for day 2's opening at 115200:
  //   v4 115200–116200 · v5 116200–117200 · then day 2's own: v6 (joined 115500) 117200–118200,
  //   v7 (116100) 118200–119200, which again runs past 09:00 (118800); v8–v11 are left waiting.
  const auto sc = model_test::parse(R"toml(
[run]
days = 2
[classes.car]
[stages.office]
service = "1000 s"
hours = "08:00-09:00"
[routes.r]
path = ["office"]
[[demand]]
per_hour = [0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
arrivals = "even"
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto v = trace.by_start("office");
  const double starts[] = {29100, 30100, 31100, 32100, 115200, 116200, 117200, 118200};
  ASSERT_EQ(v.size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(v[i].vehicle, i + 1);
    EXPECT_NEAR(v[i].service_start, starts[i], exact) << i;
    EXPECT_NEAR(v[i].service_end, starts[i] + 1000, exact) << i;
  }
  const auto& s = model_test::named(r.stages, "office");
  EXPECT_EQ(s.arrived, 12u);
  EXPECT_EQ(s.served, 8u);
  EXPECT_EQ(s.waiting_at_end, 4u);
  EXPECT_EQ(s.in_service_at_end, 0u);
  EXPECT_EQ(model_test::flow(r, "r", "car").inside, 4u);
}

TEST(model_opening, a_lane_schedule_caps_the_vehicles_in_service_when_one_starts) {
  // 3 lanes; 1 open 00:00–08:00, 2 open 20:00–24:00, all 3 in between. Work arrives at 2 lanes'
  // worth, so the night queue grows and every open lane is used.
  const auto sc = model_test::parse(R"toml(
[run]
days = 10
[classes.car]
[stages.booths]
lanes = 3
open_lanes = [ { from = "00:00", to = "08:00", lanes = 1 }, { from = "20:00", to = "24:00", lanes = 2 } ]
service = "exp(mean 4 min)"
[routes.r]
path = ["booths"]
[[demand]]
per_hour = 30
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto visits = trace.at("booths");
  auto open_at = [](double t) {
    const double tod = time_of_day(t);
    return tod < 8 * h ? 1 : tod < 20 * h ? 3 : 2;
  };
  std::array<int, 4> most_at_start{};  // by lanes open
  for (const auto& v : visits) {
    const int busy = model_test::in_service_at(visits, v.service_start);
    EXPECT_LE(busy, open_at(v.service_start)) << "started at " << v.service_start;
    auto& m = most_at_start[static_cast<std::size_t>(open_at(v.service_start))];
    m = std::max(m, busy);
  }
  EXPECT_EQ(most_at_start[1], 1);
  EXPECT_EQ(most_at_start[2], 2);
  EXPECT_EQ(most_at_start[3], 3);
  const auto& s = model_test::named(r.stages, "booths");
  EXPECT_NEAR(s.open_lanes_mean, (8 * 1 + 12 * 3 + 4 * 2) / 24.0, 1e-12);
  EXPECT_NEAR(s.hourly.open_lanes[3], 1.0, 1e-12);
  EXPECT_NEAR(s.hourly.open_lanes[12], 3.0, 1e-12);
  EXPECT_NEAR(s.hourly.open_lanes[22], 2.0, 1e-12);
}

TEST(model_opening, with_per_lane_queues_a_schedule_opens_the_first_lanes_of_the_group) {
  const auto sc = model_test::parse(R"toml(
[run]
days = 10
[classes.car]
[stages.booths]
lanes = 3
queue = "per_lane"
open_lanes = [ { from = "00:00", to = "08:00", lanes = 1 }, { from = "20:00", to = "24:00", lanes = 2 } ]
service = "exp(mean 4 min)"
[routes.r]
path = ["booths"]
[[demand]]
per_hour = 30
)toml");
  model_test::recorder trace;
  model_test::run(sc, &trace);
  std::array<int, 3> starts_by_lane_at_night{}, starts_by_lane_evening{}, starts_by_lane_day{};
  const auto visits = trace.at("booths");
  for (const auto& v : visits) {
    ASSERT_GE(v.lane, 0);
    ASSERT_LT(v.lane, 3);
    const double tod = time_of_day(v.service_start);
    auto& counts = tod < 8 * h    ? starts_by_lane_at_night
                   : tod < 20 * h ? starts_by_lane_day
                                  : starts_by_lane_evening;
    ++counts[static_cast<std::size_t>(v.lane)];
    // Each lane serves one vehicle at a time.
    int same_lane = 0;
    for (const auto& w : visits)
      if (w.lane == v.lane && w.service_start <= v.service_start && v.service_start < w.service_end)
        ++same_lane;
    EXPECT_EQ(same_lane, 1);
  }
  EXPECT_GT(starts_by_lane_at_night[0], 0);
  EXPECT_EQ(starts_by_lane_at_night[1], 0);
  EXPECT_EQ(starts_by_lane_at_night[2], 0);
  EXPECT_GT(starts_by_lane_evening[1], 0);
  EXPECT_EQ(starts_by_lane_evening[2], 0);
  EXPECT_GT(starts_by_lane_day[2], 0);
}

// Two lanes at 60 an hour each; 40 an hour arrive. Day 2 10:00–14:00 the stage is closed; day 3
// 10:00–14:00 one lane of it is.
constexpr const char* closures = R"toml(
[run]
days = 4
[classes.car]
[stages.booths]
lanes = 2
service = "exp(mean 1 min)"
[routes.r]
path = ["booths"]
[[demand]]
per_hour = 40
[[closures]]
target = "booths"
from = "day 2 10:00"
to = "day 2 14:00"
reason = "power cut"
[[closures]]
target = "booths"
from = "day 3 10:00"
to = "day 3 14:00"
lanes = 1
reason = "one booth broken"
)toml";

TEST(model_opening, a_closed_stage_starts_nobody_and_resumes_at_the_closure_end) {
  const auto sc = model_test::parse(closures);
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
  const auto visits = trace.at("booths");
  const double from = 86400 + 10 * h, to = 86400 + 14 * h;
  int at_reopening = 0;
  for (const auto& v : visits) {
    EXPECT_FALSE(v.service_start >= from && v.service_start < to) << v.service_start;
    if (std::abs(v.service_start - to) < exact) ++at_reopening;
  }
  EXPECT_EQ(at_reopening, 2);  // ~160 waited: both lanes start at 14:00
  // Day 3's partial closure: at most one in service whenever someone starts.
  for (const auto& v : visits) {
    const bool partly_closed =
        v.service_start >= 2 * 86400 + 10 * h && v.service_start < 2 * 86400 + 14 * h;
    EXPECT_LE(model_test::in_service_at(visits, v.service_start), partly_closed ? 1 : 2);
  }
  // Lane-hours open: 2 × 96 h less 2 × 4 h (day 2) and 1 × 4 h (day 3).
  EXPECT_NEAR(model_test::named(r.stages, "booths").open_lanes_mean, (2 * 96 - 8 - 4) / 96.0,
              1e-12);
}

TEST(model_opening, a_holiday_of_the_whole_crossing_closes_every_stage_all_day) {
  const auto sc = model_test::parse(R"toml(
[run]
days = 3
[classes.car]
[stages.a]
service = "exp(mean 1 min)"
[stages.b]
service = "exp(mean 1 min)"
[routes.r]
path = ["a", "b"]
[[demand]]
per_hour = 20
[[closures]]
day = 2
reason = "holiday"
)toml");
  model_test::recorder trace;
  model_test::run(sc, &trace);
  ASSERT_GT(trace.visits.size(), 1000u);
  for (const auto& v : trace.visits)
    EXPECT_NE(model_test::day_of(v.service_start), 1) << v.element << " at " << v.service_start;
}

TEST(model_opening, hours_schedules_and_closures_hold_to_the_end_of_a_three_year_run) {
  // Change times are found as the run goes (not listed for every day in advance): the lanes
  // open over 1,096 days must still follow the weekday hours, the lunch-time schedule and a
  // closure late in the run, to the minute. Day 1 is a Wednesday.
  const auto sc = model_test::parse(R"toml(
[run]
days = 1096
warmup = "0 d"
start_weekday = "wed"
[classes.car]
[stages.office]
lanes = 2
open_lanes = [ { from = "12:00", to = "13:00", lanes = 1 } ]
service = "exp(mean 2 min)"
hours = "09:00-17:00"
days = ["mon", "tue", "wed", "thu", "fri"]
[routes.r]
path = ["office"]
[[demand]]
per_hour = 1
[[closures]]
target = "office"
from = "day 1000 10:00"
to = "day 1000 16:00"
lanes = 1
)toml");
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  auto open_at = [](double t) {
    const int day = model_test::day_of(t);
    const double tod = time_of_day(t);
    if ((2 + day) % 7 >= 5 || tod < 9 * h || tod >= 17 * h) return 0;
    int n = tod >= 12 * h && tod < 13 * h ? 1 : 2;
    if (day == 999 && tod >= 10 * h && tod < 16 * h) n -= 1;
    return std::max(n, 0);
  };
  const auto visits = trace.at("office");
  ASSERT_GT(visits.size(), 20000u);
  std::vector<model_test::visit> closure_day;  // day 1000, a Monday
  for (const auto& v : visits) {
    EXPECT_GT(open_at(v.service_start), 0) << "started at " << v.service_start;
    if (model_test::day_of(v.service_start) == 999) closure_day.push_back(v);
  }
  ASSERT_GT(closure_day.size(), 10u);
  for (const auto& v : closure_day)
    EXPECT_LE(model_test::in_service_at(closure_day, v.service_start), open_at(v.service_start))
        << "started at " << v.service_start;
  // Lane-minutes open, counted minute by minute with the rule above (it is constant within
  // each minute), against the stage's time-weighted mean.
  double lane_minutes = 0;
  for (double t = 30; t < 1096 * 86400.0; t += 60) lane_minutes += open_at(t);
  EXPECT_NEAR(model_test::named(r.stages, "office").open_lanes_mean, lane_minutes / (1096 * 1440.0),
              1e-9);
  // Someone waiting at the last weekday's opening (Friday, day 1095) starts at 09:00 exactly.
  const double last_opening = 1094 * 86400.0 + 9 * h;
  EXPECT_TRUE(std::any_of(visits.begin(), visits.end(), [&](const auto& v) {
    return std::abs(v.service_start - last_opening) < exact;
  }));
}

}  // namespace
