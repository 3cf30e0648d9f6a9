// Parsing of quantities with units, times of day and weekdays (see tumen/scenario/units.hpp).
#include "tumen/scenario/units.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace tumen::scenario {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Length of the leading number in `s` ([+-]digits[.digits][e[+-]digits]), or 0 if none.
std::size_t number_extent(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const std::size_t digits_from = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  bool any = i > digits_from;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t frac_from = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    any = any || i > frac_from;
  }
  if (!any) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    const std::size_t exp_from = j;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    if (j > exp_from) i = j;
  }
  return i;
}

std::string units_of(dimension d) {
  std::string out;
  for (const auto& u : known_units()) {
    if (u.dim != d) continue;
    if (!out.empty()) out += ", ";
    out += u.symbol;
  }
  return out;
}

std::string expected(dimension d, std::string_view text) {
  return fmt::format("expected {} like {}, got \"{}\"", dimension_name(d), dimension_examples(d),
                     text);
}

}  // namespace

const std::vector<unit_info>& known_units() {
  static const std::vector<unit_info> units = {
      {"s", dimension::time, 1.0},
      {"min", dimension::time, 60.0},
      {"h", dimension::time, 3600.0},
      {"d", dimension::time, 86400.0},
      {"m", dimension::length, 1.0},
      {"km", dimension::length, 1000.0},
      {"km/h", dimension::speed, 1.0 / 3.6},
      {"m/s", dimension::speed, 1.0},
      {"t", dimension::mass, 1.0},
      {"kg", dimension::mass, 0.001},
      {"t/h", dimension::mass_rate, 1.0 / 3600.0},
      {"t/min", dimension::mass_rate, 1.0 / 60.0},
      {"kg/h", dimension::mass_rate, 0.001 / 3600.0},
  };
  return units;
}

std::string_view dimension_name(dimension d) {
  switch (d) {
    case dimension::count: return "a plain number";
    case dimension::time: return "a time";
    case dimension::length: return "a length";
    case dimension::speed: return "a speed";
    case dimension::mass: return "a mass";
    case dimension::mass_rate: return "a transfer rate";
  }
  return "a quantity";
}

std::string_view base_unit(dimension d) {
  switch (d) {
    case dimension::count: return "";
    case dimension::time: return "s";
    case dimension::length: return "m";
    case dimension::speed: return "m/s";
    case dimension::mass: return "t";
    case dimension::mass_rate: return "t/s";
  }
  return "";
}

std::string_view dimension_examples(dimension d) {
  switch (d) {
    case dimension::count: return "2 or 0.5";
    case dimension::time: return "\"45 s\" or \"12 min\"";
    case dimension::length: return "\"850 m\" or \"2.4 km\"";
    case dimension::speed: return "\"40 km/h\" or \"5 m/s\"";
    case dimension::mass: return "\"20 t\" or \"500 kg\"";
    case dimension::mass_rate: return "\"30 t/h\"";
  }
  return "";
}

parsed<double> check_number(double value) {
  if (std::isnan(value)) return parsed<double>::fail("must be a number, got nan");
  if (std::isinf(value)) return parsed<double>::fail("must be finite, got infinity");
  if (value < 0) return parsed<double>::fail(fmt::format("must not be negative, got {}", value));
  if (value > largest_quantity)
    return parsed<double>::fail(
        fmt::format("{} is implausibly large (at most {:g})", value, largest_quantity));
  return parsed<double>::ok(value);
}

parsed<double> parse_quantity(std::string_view text, dimension d) {
  const auto t = trim(text);
  const auto n = number_extent(t);
  if (n == 0) return parsed<double>::fail(expected(d, text));
  double number = 0;
  const char* first = t.data();
  if (*first == '+') ++first;  // from_chars does not accept a leading '+'
  const auto [end, ec] = std::from_chars(first, t.data() + n, number);
  if (ec != std::errc{} || end != t.data() + n) {
    if (ec == std::errc::result_out_of_range)
      return parsed<double>::fail(
          fmt::format("\"{}\" is out of range (a quantity is from 0 to {:g} of its unit)", text,
                      largest_quantity));
    return parsed<double>::fail(expected(d, text));
  }
  const auto unit = trim(t.substr(n));
  if (number < 0)
    return parsed<double>::fail(fmt::format("must not be negative, got \"{}\"", text));
  if (!std::isfinite(number) || number > largest_quantity)
    return parsed<double>::fail(fmt::format(
        "\"{}\" is implausibly large (at most {:g} of its unit)", text, largest_quantity));
  if (d == dimension::count) {
    if (!unit.empty())
      return parsed<double>::fail(
          fmt::format("expected a plain number without a unit, got \"{}\"", text));
    return parsed<double>::ok(number);
  }
  if (unit.empty())
    return parsed<double>::fail(
        fmt::format("{} (a unit is required: {})", expected(d, text), units_of(d)));
  for (const auto& u : known_units()) {
    if (u.symbol != unit) continue;
    if (u.dim != d)
      return parsed<double>::fail(fmt::format("{} (\"{}\" measures {}; use {})", expected(d, text),
                                              unit, dimension_name(u.dim), units_of(d)));
    return parsed<double>::ok(number * u.factor);
  }
  return parsed<double>::fail(
      fmt::format("{} (unknown unit \"{}\"; use {})", expected(d, text), unit, units_of(d)));
}

parsed<double> parse_time_of_day(std::string_view text) {
  const auto t = trim(text);
  const auto fail = [&] {
    return parsed<double>::fail(
        fmt::format("expected a time of day like \"08:00\" (00:00 to 24:00), got \"{}\"", text));
  };
  // H:MM, HH:MM, HH:MM:SS
  std::array<int, 3> parts{0, 0, 0};
  std::size_t part = 0, i = 0;
  while (true) {
    const std::size_t from = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    const std::size_t len = i - from;
    if (len == 0 || len > 2 || (part > 0 && len != 2)) return fail();
    std::from_chars(t.data() + from, t.data() + i, parts[part]);
    ++part;
    if (i == t.size()) break;
    if (t[i] != ':' || part == 3) return fail();
    ++i;
  }
  if (part < 2) return fail();
  const int h = parts[0], m = parts[1], s = parts[2];
  if (h > 24 || m > 59 || s > 59 || (h == 24 && (m != 0 || s != 0))) return fail();
  return parsed<double>::ok(h * 3600.0 + m * 60.0 + s);
}

std::string_view weekday_name(int weekday) {
  static constexpr std::array<std::string_view, 7> names = {"mon", "tue", "wed", "thu",
                                                            "fri", "sat", "sun"};
  return weekday >= 0 && weekday < 7 ? names[static_cast<std::size_t>(weekday)] : "?";
}

parsed<int> parse_weekday(std::string_view text) {
  static constexpr std::array<std::string_view, 7> full = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  const auto l = lower(trim(text));
  for (int i = 0; i < 7; ++i) {
    if (l == weekday_name(i) || l == full[static_cast<std::size_t>(i)]) return parsed<int>::ok(i);
  }
  return parsed<int>::fail(
      fmt::format("expected a weekday (mon, tue, wed, thu, fri, sat, sun), got \"{}\"", text));
}

parsed<double> parse_run_time(std::string_view text) {
  const auto fail = [&] {
    return parsed<double>::fail(fmt::format(
        "expected a point in the run like \"day 3 08:00\" (day 1 is the first day), got \"{}\"",
        text));
  };
  auto t = trim(text);
  if (lower(t.substr(0, 3)) != "day") return fail();
  t = trim(t.substr(3));
  std::size_t i = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i == 0 || i > 6) return fail();
  int day = 0;
  std::from_chars(t.data(), t.data() + i, day);
  if (day < 1)
    return parsed<double>::fail(
        fmt::format("days count from 1 (day 1 is the first day), got \"{}\"", text));
  const auto rest = trim(t.substr(i));
  double tod = 0;
  if (!rest.empty()) {
    const auto p = parse_time_of_day(rest);
    if (!p) return parsed<double>::fail(p.error);
    tod = *p.value;
  }
  return parsed<double>::ok((day - 1) * 86400.0 + tod);
}

parsed<std::pair<double, double>> parse_time_range(std::string_view text) {
  using result = parsed<std::pair<double, double>>;
  const auto t = trim(text);
  const auto dash = t.find('-');
  if (dash == std::string_view::npos)
    return result::fail(fmt::format("expected hours like \"08:00-20:00\", got \"{}\"", text));
  const auto from = parse_time_of_day(t.substr(0, dash));
  const auto to = parse_time_of_day(t.substr(dash + 1));
  if (!from) return result::fail(from.error);
  if (!to) return result::fail(to.error);
  if (!(*from.value < *to.value))
    return result::fail(
        fmt::format("\"{}\" ends before it starts; write hours past midnight as two ranges, e.g. "
                    "[\"22:00-24:00\", \"00:00-06:00\"]",
                    text));
  return result::ok({*from.value, *to.value});
}

}  // namespace tumen::scenario
