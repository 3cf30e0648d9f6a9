// Quantities with units, times of day, weekdays and points in the run.
#include <gtest/gtest.h>

#include <cmath>

#include "tumen/scenario/units.hpp"

namespace tumen::scenario {
namespace {

double q(std::string_view text, dimension d) {
  const auto r = parse_quantity(text, d);
  EXPECT_TRUE(r) << text << ": " << r.error;
  return r.value.value_or(std::nan(""));
}

std::string err(std::string_view text, dimension d) {
  const auto r = parse_quantity(text, d);
  EXPECT_FALSE(r) << text;
  return r.error;
}

TEST(units, converts_to_base_units) {
  EXPECT_DOUBLE_EQ(q("45 s", dimension::time), 45);
  EXPECT_DOUBLE_EQ(q("12 min", dimension::time), 720);
  EXPECT_DOUBLE_EQ(q("1.5 h", dimension::time), 5400);
  EXPECT_DOUBLE_EQ(q("2 d", dimension::time), 172800);
  EXPECT_DOUBLE_EQ(q("850 m", dimension::length), 850);
  EXPECT_DOUBLE_EQ(q("2.4 km", dimension::length), 2400);
  EXPECT_NEAR(q("40 km/h", dimension::speed), 11.1111111, 1e-6);
  EXPECT_DOUBLE_EQ(q("5 m/s", dimension::speed), 5);
  EXPECT_DOUBLE_EQ(q("20 t", dimension::mass), 20);
  EXPECT_DOUBLE_EQ(q("500 kg", dimension::mass), 0.5);
  EXPECT_DOUBLE_EQ(q("30 t/h", dimension::mass_rate), 30.0 / 3600);
  EXPECT_DOUBLE_EQ(q("2.5", dimension::count), 2.5);
}

TEST(units, accepts_spacing_and_exponents) {
  EXPECT_DOUBLE_EQ(q("45s", dimension::time), 45);
  EXPECT_DOUBLE_EQ(q("  3 min  ", dimension::time), 180);
  EXPECT_DOUBLE_EQ(q("1e3 m", dimension::length), 1000);
  EXPECT_DOUBLE_EQ(q(".5 h", dimension::time), 1800);
  EXPECT_DOUBLE_EQ(q("0 s", dimension::time), 0);
}

TEST(units, explains_what_is_wrong) {
  EXPECT_EQ(err("12 parsecs", dimension::time),
            "expected a time like \"45 s\" or \"12 min\", got \"12 parsecs\" (unknown unit "
            "\"parsecs\"; use s, min, h, d)");
  EXPECT_NE(err("12", dimension::time).find("a unit is required"), std::string::npos);
  EXPECT_NE(err("12 km", dimension::time).find("\"km\" measures a length"), std::string::npos);
  EXPECT_NE(err("2 t", dimension::count).find("without a unit"), std::string::npos);
  EXPECT_NE(err("min", dimension::time).find("expected a time"), std::string::npos);
  EXPECT_NE(err("", dimension::length).find("expected a length"), std::string::npos);
}

TEST(units, rejects_nan_infinity_negative_and_absurd_values) {
  EXPECT_NE(err("nan s", dimension::time).find("expected a time"), std::string::npos);
  EXPECT_NE(err("inf s", dimension::time).find("expected a time"), std::string::npos);
  EXPECT_NE(err("-5 min", dimension::time).find("must not be negative"), std::string::npos);
  EXPECT_NE(err("2e9 s", dimension::time).find("implausibly large"), std::string::npos);
  EXPECT_NE(err("1e400 s", dimension::time).find("out of range"), std::string::npos);
  EXPECT_FALSE(check_number(std::nan("")));
  EXPECT_FALSE(check_number(INFINITY));
  EXPECT_FALSE(check_number(-1));
  EXPECT_FALSE(check_number(1e10));
  EXPECT_TRUE(check_number(0));
}

TEST(units, times_of_day) {
  EXPECT_DOUBLE_EQ(*parse_time_of_day("08:00").value, 8 * 3600);
  EXPECT_DOUBLE_EQ(*parse_time_of_day("8:30").value, 8.5 * 3600);
  EXPECT_DOUBLE_EQ(*parse_time_of_day("00:00").value, 0);
  EXPECT_DOUBLE_EQ(*parse_time_of_day("24:00").value, 86400);
  EXPECT_DOUBLE_EQ(*parse_time_of_day("12:00:30").value, 12 * 3600 + 30);
  for (const char* bad :
       {"25:00", "12:60", "24:01", "8", "08:0", "08-00", "ab:cd", "", "08:00:", "123:00"}) {
    const auto r = parse_time_of_day(bad);
    EXPECT_FALSE(r) << bad;
    EXPECT_NE(r.error.find("expected a time of day like \"08:00\""), std::string::npos) << bad;
  }
}

TEST(units, time_ranges) {
  const auto r = parse_time_range("08:00-20:00");
  ASSERT_TRUE(r);
  EXPECT_DOUBLE_EQ(r.value->first, 8 * 3600);
  EXPECT_DOUBLE_EQ(r.value->second, 20 * 3600);
  EXPECT_NE(parse_time_range("22:00-06:00").error.find("two ranges"), std::string::npos);
  EXPECT_FALSE(parse_time_range("08:00"));
}

TEST(units, weekdays) {
  EXPECT_EQ(*parse_weekday("mon").value, 0);
  EXPECT_EQ(*parse_weekday("Sunday").value, 6);
  EXPECT_EQ(*parse_weekday("SAT").value, 5);
  EXPECT_FALSE(parse_weekday("moon"));
  EXPECT_EQ(weekday_name(2), "wed");
}

TEST(units, points_in_the_run) {
  EXPECT_DOUBLE_EQ(*parse_run_time("day 1 00:00").value, 0);
  EXPECT_DOUBLE_EQ(*parse_run_time("day 3 08:00").value, 2 * 86400 + 8 * 3600);
  EXPECT_DOUBLE_EQ(*parse_run_time("day 2").value, 86400);
  EXPECT_FALSE(parse_run_time("day 0 08:00"));
  EXPECT_FALSE(parse_run_time("3 08:00"));
  EXPECT_FALSE(parse_run_time("day 3 25:00"));
}

}  // namespace
}  // namespace tumen::scenario
