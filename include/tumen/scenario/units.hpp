// Quantities with units, times of day and weekdays, as written in scenario files.
//
// A scenario writes every physical quantity as a string with its unit, and tumen converts it to
// base units (seconds, metres, metres per second, tonnes, tonnes per second) on reading:
//
//   parse_quantity("12 min", dimension::time)      → 720
//   parse_quantity("40 km/h", dimension::speed)    → 11.11…
//   parse_quantity("12 parsecs", dimension::time)  → error: expected a time like "45 s" or
//                                                    "12 min", got "12 parsecs" (unknown unit …)
//   parse_time_of_day("08:30")                     → 30600
//   parse_run_time("day 3 08:00")                  → 2 * 86400 + 8 * 3600
//
// Quantities in a scenario are never negative, never NaN or infinite, and never larger than
// 1e9 of their unit (a typo guard). Functions here do not throw on bad input: they return a
// `parsed<T>` holding either the value or a message for the user.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tumen::scenario {

// What a quantity measures. `count` is dimensionless: a bare number, no unit.
enum class dimension { count, time, length, speed, mass, mass_rate };

// Either a value or a message saying what was wrong and what would be valid.
template <class T>
struct parsed {
  std::optional<T> value;
  std::string error;

  static parsed ok(T v) { return {std::move(v), {}}; }
  static parsed fail(std::string message) { return {std::nullopt, std::move(message)}; }
  explicit operator bool() const { return value.has_value(); }
};

// One accepted unit spelling and its factor to the base unit of its dimension.
struct unit_info {
  std::string_view symbol;
  dimension dim;
  double factor;
};

// Every unit spelling the language accepts (also used to generate the reference page).
const std::vector<unit_info>& known_units();

// "a time", "a length", … for messages.
std::string_view dimension_name(dimension d);
// The base unit a dimension converts to: "s", "m", "m/s", "t", "t/s", "" (count).
std::string_view base_unit(dimension d);
// Examples for messages: "\"45 s\" or \"12 min\"".
std::string_view dimension_examples(dimension d);

// The largest magnitude accepted, in units of what was written (1e9).
inline constexpr double largest_quantity = 1e9;

// Parses "<number> <unit>" (the space is optional) into base units. For dimension::count the
// text must be a bare number. Rejects NaN, infinity, negative numbers and magnitudes above
// largest_quantity.
parsed<double> parse_quantity(std::string_view text, dimension d);

// Checks a bare number (from a TOML integer or float) for a dimensionless key: finite,
// not negative, not absurdly large.
parsed<double> check_number(double value);

// "HH:MM" or "HH:MM:SS", 00:00 to 24:00, into seconds since midnight.
parsed<double> parse_time_of_day(std::string_view text);

// "mon" … "sun" or "monday" … "sunday" (any case) into 0 = Monday … 6 = Sunday.
parsed<int> parse_weekday(std::string_view text);
std::string_view weekday_name(int weekday);  // "mon" … "sun"

// "day N HH:MM" (N ≥ 1) into seconds since the start of the run (day 1 00:00 is 0).
parsed<double> parse_run_time(std::string_view text);

// "HH:MM-HH:MM" into [from, to) in seconds of day; from < to.
parsed<std::pair<double, double>> parse_time_range(std::string_view text);

}  // namespace tumen::scenario
