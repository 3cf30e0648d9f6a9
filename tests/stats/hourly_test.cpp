// Tests for the hour-of-day profiles; every expected value is worked out from the hour
// boundaries (hour h of day d covers [d·86400 + h·3600, d·86400 + (h+1)·3600)).
#include "tumen/stats/hourly.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace tumen::stats {
namespace {

constexpr double h = 3600.0;  // one hour in seconds
constexpr double day = 86400.0;

TEST(HourOfDay, FromSimulatedTime) {
  EXPECT_EQ(hour_of_day(0), 0);
  EXPECT_EQ(hour_of_day(h - 0.001), 0);
  EXPECT_EQ(hour_of_day(h), 1);
  EXPECT_EQ(hour_of_day(23.5 * h), 23);
  EXPECT_EQ(hour_of_day(day), 0);
  EXPECT_EQ(hour_of_day(day + 2.5 * h), 2);
  EXPECT_EQ(hour_of_day(30 * day + 17 * h), 17);
  EXPECT_EQ(hour_of_day(-1), 23);  // before the first midnight
  EXPECT_EQ(hour_of_day(-h), 23);
  EXPECT_EQ(hour_of_day(-h - 0.5), 22);
  EXPECT_THROW((void)hour_of_day(std::numeric_limits<double>::infinity()), std::invalid_argument);
  EXPECT_THROW((void)hour_of_day(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

TEST(TimeInHourOfDay, CountsEachDay) {
  EXPECT_DOUBLE_EQ(time_in_hour_of_day(0, 0, 2 * day), 2 * h);
  EXPECT_DOUBLE_EQ(time_in_hour_of_day(5, 1800, 5.5 * h), 1800);  // [5 h, 5.5 h)
  EXPECT_DOUBLE_EQ(time_in_hour_of_day(5, 0, 5 * h), 0);          // ends where hour 5 starts
  EXPECT_DOUBLE_EQ(time_in_hour_of_day(23, 23 * h, 25 * h), h);   // across midnight
  EXPECT_DOUBLE_EQ(time_in_hour_of_day(0, 23 * h, 25 * h), h);
  EXPECT_DOUBLE_EQ(time_in_hour_of_day(1, 23 * h, 25 * h), 0);
  EXPECT_DOUBLE_EQ(time_in_hour_of_day(12, -day, day), 2 * h);
  EXPECT_DOUBLE_EQ(time_in_hour_of_day(6, 6.25 * h, 6.75 * h), 0.5 * h);  // inside one hour
  EXPECT_DOUBLE_EQ(time_in_hour_of_day(3, 10 * h, 2 * h), 0);             // empty window
  EXPECT_THROW((void)time_in_hour_of_day(24, 0, day), std::out_of_range);
}

TEST(HourlyProfile, BinsByHourAcrossDays) {
  hourly_profile p;
  p.add(0.5 * h, 10);
  p.add(0.9 * h, 20);
  p.add(day + 0.2 * h, 30);  // hour 0 of day two
  p.add(13.25 * h, 7);
  EXPECT_EQ(p.count(0), 3u);
  EXPECT_DOUBLE_EQ(p.mean(0), 20.0);
  EXPECT_DOUBLE_EQ(p.sum(0), 60.0);
  EXPECT_EQ(p.count(13), 1u);
  EXPECT_DOUBLE_EQ(p.mean(13), 7.0);
  EXPECT_FALSE(p.at(5).has_data());
  EXPECT_EQ(p.mean(5), 0.0);
  EXPECT_THROW((void)p.at(24), std::out_of_range);
  EXPECT_THROW((void)p.at(-1), std::out_of_range);
}

TEST(HourlyProfile, MergeCombinesHourByHour) {
  hourly_profile a;
  hourly_profile b;
  a.add(8 * h, 1);
  b.add(8.5 * h, 3);
  b.add(9 * h, 5);
  a.merge(b);
  EXPECT_EQ(a.count(8), 2u);
  EXPECT_DOUBLE_EQ(a.mean(8), 2.0);
  EXPECT_EQ(a.count(9), 1u);
}

TEST(HourlyProfile, TimesOutOfOrderAndAtBoundariesGoToTheirOwnHour) {
  // The profile remembers the hour slot of the times before; times that go back, jump days or
  // sit exactly on a boundary must still land where hour_of_day puts them.
  hourly_profile p;
  const double times[] = {5.5 * h,     5 * h,   6 * h - 0.001, 6 * h,    4.9 * h, 5.2 * h,
                          day + 5 * h, 5.1 * h, 29 * h,        -0.5 * h, 7 * h};
  for (const double t : times) p.add(t, 1);
  std::uint64_t expected[hours_per_day] = {};
  for (const double t : times) ++expected[hour_of_day(t)];
  for (int hour = 0; hour < hours_per_day; ++hour) EXPECT_EQ(p.count(hour), expected[hour]) << hour;
  EXPECT_THROW(p.add(std::numeric_limits<double>::quiet_NaN(), 1), std::invalid_argument);
  EXPECT_THROW(p.add(std::numeric_limits<double>::infinity(), 1), std::invalid_argument);
}

TEST(HourlyCount, CountsLikeAProfileOfOnes) {
  hourly_count c;
  hourly_profile p;
  const double times[] = {0.5 * h, 0.9 * h, day + 0.2 * h, 13.25 * h, 13 * h, 12.99 * h};
  for (const double t : times) {
    c.add(t);
    p.add(t, 1);
  }
  for (int hour = 0; hour < hours_per_day; ++hour) EXPECT_EQ(c.count(hour), p.count(hour)) << hour;
  EXPECT_EQ(c.count(0), 3u);
  EXPECT_THROW((void)c.count(24), std::out_of_range);
}

TEST(HourlySum, CountsSumsAndMeansLikeAProfile) {
  hourly_sum s;
  hourly_profile p;
  const double values[][2] = {{0.5 * h, 10.25}, {0.9 * h, 20.5}, {day + 0.2 * h, 30.125},
                              {13.25 * h, 7},   {13 * h, 1e-9},  {12.99 * h, 3}};
  for (const auto& v : values) {
    s.add(v[0], v[1]);
    p.add(v[0], v[1]);
  }
  for (int hour = 0; hour < hours_per_day; ++hour) {
    EXPECT_EQ(s.count(hour), p.count(hour)) << hour;
    EXPECT_EQ(s.sum(hour), p.sum(hour)) << hour;
    EXPECT_EQ(s.mean(hour), p.mean(hour)) << hour;
  }
  EXPECT_EQ(s.mean(5), 0.0);
  EXPECT_THROW((void)s.mean(24), std::out_of_range);
}

TEST(HourSlot, FirstTimeAfterSlotIsTheExactBoundaryOfTheDivision) {
  // hourly_level compares with this bound instead of dividing on every change: it must be the
  // least double whose slot is the next one, for every hour of a century.
  for (double slot = 0; slot < 876'000; slot += 1) {
    const double t = detail::first_time_after_slot(slot);
    const double below = std::nextafter(t, 0.0);
    ASSERT_EQ(detail::hour_slot(t), slot + 1) << slot;
    ASSERT_EQ(detail::hour_slot(below), slot) << slot;
  }
}

TEST(HourSlot, FirstTimeAfterSlotAgreesWithTheFloorBeyondExactSlots) {
  // first_time_after_slot tests x / hours >= slot + 1 where slot + 1 is exact and falls back on
  // the floor of hour_slot beyond 2^53: both give the bound the floor defines, here checked
  // against that definition (walk down from (slot + 1) hours while the slot stays above).
  const auto by_the_floor = [](double slot) {
    double t = (slot + 1) * hours;
    for (;;) {
      const double below = std::nextafter(t, -std::numeric_limits<double>::infinity());
      if (!(detail::hour_slot(below) > slot)) return t;
      t = below;
    }
  };
  const double big = 0x1p53;
  for (const double slot : {-1000.0, -25.0, -1.0, 0.0, big - 2, big - 1, big, big + 2, 0x1p60})
    EXPECT_EQ(detail::first_time_after_slot(slot), by_the_floor(slot)) << slot;
}

TEST(HourlyLevel, TheHeaderExample) {
  hourly_level queue;
  queue.set(7.5 * h, 4);
  queue.set(8.5 * h, 0);
  EXPECT_DOUBLE_EQ(queue.mean(7, day), 2.0);
  EXPECT_DOUBLE_EQ(queue.mean(8, day), 2.0);
  EXPECT_DOUBLE_EQ(queue.mean(9, day), 0.0);
  EXPECT_DOUBLE_EQ(queue.observed(9, day), h);
}

TEST(HourlyLevel, SplitsAnIntervalAcrossSeveralHours) {
  // Level 2 on [0, 0.5 h); 4 on [0.5 h, 1.5 h); 0 after.
  hourly_level w(0, 2);
  w.set(0.5 * h, 4);
  w.set(1.5 * h, 0);
  // Hour 0: 2·1800 + 4·1800 = 10800 over 3600 s; hour 1: 4·1800 + 0 over 3600 s.
  EXPECT_DOUBLE_EQ(w.integral(0, 2 * h), 10800.0);
  EXPECT_DOUBLE_EQ(w.mean(0, 2 * h), 3.0);
  EXPECT_DOUBLE_EQ(w.mean(1, 2 * h), 2.0);
  EXPECT_EQ(w.observed(2, 2 * h), 0.0);
  EXPECT_EQ(w.mean(2, 2 * h), 0.0);  // never observed
}

TEST(HourlyLevel, OneChangeSpanningManyHours) {
  // Level 1 from 00:30 to 05:15, then 3: hour 0 sees 1800 s at 1, hours 1-4 a full hour at 1,
  // hour 5 900 s at 1 and 2700 s at 3 by 06:00.
  hourly_level w(0.5 * h, 1);
  w.set(5.25 * h, 3);
  EXPECT_DOUBLE_EQ(w.observed(0, 6 * h), 1800.0);
  EXPECT_DOUBLE_EQ(w.mean(0, 6 * h), 1.0);
  EXPECT_DOUBLE_EQ(w.integral(3, 6 * h), 3600.0);
  EXPECT_DOUBLE_EQ(w.integral(5, 6 * h), 900.0 + 3 * 2700.0);
  EXPECT_DOUBLE_EQ(w.mean(5, 6 * h), 2.5);
  EXPECT_EQ(w.observed(6, 6 * h), 0.0);
}

TEST(HourlyLevel, AveragesOverDays) {
  // Level 1 on [0, 24.5 h), 3 on [24.5 h, 48 h). Hour 0: 5400 s at 1 and 1800 s at 3 over
  // 7200 s -> 1.5. Hour 5: 3600 s at 1 and 3600 s at 3 -> 2.
  hourly_level w(0, 1);
  w.set(day + 0.5 * h, 3);
  EXPECT_DOUBLE_EQ(w.mean(0, 2 * day), 1.5);
  EXPECT_DOUBLE_EQ(w.mean(5, 2 * day), 2.0);
  EXPECT_DOUBLE_EQ(w.observed(23, 2 * day), 2 * h);
}

TEST(HourlyLevel, LongQuietSpell) {
  // Level 2 for ten days and half an hour, then 0 until the end of day eleven.
  // Hour 0: area 2·(10·3600 + 1800) = 75600 over 11·3600 s; hour 1: 2·36000 over 39600 s.
  hourly_level w(0, 2);
  w.set(10 * day + 0.5 * h, 0);
  EXPECT_DOUBLE_EQ(w.integral(0, 11 * day), 75600.0);
  EXPECT_DOUBLE_EQ(w.mean(0, 11 * day), 75600.0 / 39600.0);
  EXPECT_DOUBLE_EQ(w.mean(1, 11 * day), 72000.0 / 39600.0);
  EXPECT_DOUBLE_EQ(w.observed(17, 11 * day), 11 * h);
}

TEST(HourlyLevel, ResetKeepsTheLevel) {
  hourly_level w(0, 4);
  w.set(0.5 * h, 2);
  w.reset(0.75 * h);
  EXPECT_EQ(w.level(), 2.0);
  EXPECT_DOUBLE_EQ(w.observed(0, h), 900.0);
  EXPECT_DOUBLE_EQ(w.mean(0, h), 2.0);  // the 4 before the reset is forgotten
}

TEST(HourlyLevel, AddChangesTheLevelByDelta) {
  hourly_level w;
  w.add(0, 2);
  w.add(1800, 1);
  EXPECT_EQ(w.level(), 3.0);
  EXPECT_DOUBLE_EQ(w.mean(0, h), 2.5);
}

TEST(HourlyLevel, OverallFiguresAreTheTimeWeightedOnesToTheBit) {
  // The model reads a level's whole-period mean and maximum from its hourly_level: they must be
  // exactly what a time_weighted fed the same changes reports, reset included.
  hourly_level w(0, 1);
  time_weighted tw(0, 1);
  const double changes[][2] = {{0.1, 2},       {1234.567, 3},  {1.3 * h, 0}, {5.7 * h, 7},
                               {day + 0.3, 1}, {day + 0.3, 4}, {3 * day, 2}, {3 * day + 17.25, 5}};
  for (const auto& c : changes) {
    w.set(c[0], c[1]);
    tw.set(c[0], c[1]);
    if (c[0] == 1.3 * h) {
      w.reset(2 * h);
      tw.reset(2 * h);
    }
  }
  const double now = 4 * day + 0.123;
  EXPECT_EQ(w.overall_integral(now), tw.integral(now));
  EXPECT_EQ(w.overall_mean(now), tw.mean(now));
  EXPECT_EQ(w.min(), tw.min());
  EXPECT_EQ(w.max(), tw.max());
  EXPECT_EQ(w.start(), tw.start());
  EXPECT_EQ(w.max(), 7.0);
  EXPECT_EQ(w.min(), 0.0);
  EXPECT_THROW((void)w.overall_mean(3 * day), std::invalid_argument);
}

TEST(HourlyLevel, RejectsBadTimesAndHours) {
  hourly_level w;
  w.set(100, 1);
  EXPECT_THROW(w.set(50, 2), std::invalid_argument);
  EXPECT_THROW((void)w.mean(0, 50), std::invalid_argument);
  EXPECT_THROW(w.set(std::numeric_limits<double>::infinity(), 2), std::invalid_argument);
  EXPECT_THROW((void)w.mean(24, 200), std::out_of_range);
  EXPECT_EQ(w.level(), 1.0);
}

}  // namespace
}  // namespace tumen::stats
