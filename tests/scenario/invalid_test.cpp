// Invalid scenarios: every problem is reported at once, each at its file:line:col with its key
// path, a message saying what is wrong, and (where it helps) what would be valid.
#include <gtest/gtest.h>

#include "tumen/base/error.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::scenario {
namespace {

// True when some diagnostic has this position, key path and message fragment.
::testing::AssertionResult has(const diagnostics& ds, int line, int column, std::string_view path,
                               std::string_view fragment, severity level = severity::error) {
  for (const auto& d : ds.items()) {
    if (d.where.line == line && d.where.column == column && d.key_path == path &&
        d.message.find(fragment) != std::string::npos && d.level == level)
      return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "no diagnostic at " << line << ":" << column << " "
                                       << path << " containing \"" << fragment << "\" in:\n"
                                       << ds.to_string();
}

constexpr std::string_view many_problems = R"toml([run]
days = 0
warmup = "2 parsecs"
start_weekday = "moonday"

[classes.car]
loaded_share = 1.5
[classes.truck]
persons = "2 t"

[stages.primary]
lane = 3
service = "exp(mean 0 s)"
next = [ { stage = "secondry", share = 0.5 } ]
queue = "random"

[stages.secondary]
lanes = [ { count = 0, classes = ["bus"] } ]
service = "2 min"

[routes.r]
path = ["primary", "nowhere"]

[[demand]]
class = "car"
route = "r"
per_day = 100
per_hour = 5

[[demand]]
class = "lorry"
route = "r"
)toml";

TEST(invalid, every_problem_is_reported_in_one_go) {
  const auto ds = check(many_problems, "bad.toml");
  EXPECT_EQ(ds.error_count(), 15u) << ds.to_string();
  EXPECT_TRUE(has(ds, 2, 1, "run.days", "must be a whole number from 1 to 36500, got 0"));
  EXPECT_TRUE(has(ds, 3, 1, "run.warmup",
                  "expected a time like \"45 s\" or \"12 min\", got \"2 parsecs\""));
  EXPECT_TRUE(has(ds, 4, 1, "run.start_weekday", "expected a weekday"));
  EXPECT_TRUE(has(ds, 7, 1, "classes.car.loaded_share", "must be a number ≥ 0 and ≤ 1, got 1.5"));
  EXPECT_TRUE(has(ds, 9, 1, "classes.truck.persons", "without a unit"));
  EXPECT_TRUE(has(ds, 12, 1, "stages.primary.lane", "unknown key 'lane'; did you mean 'lanes'?"));
  EXPECT_TRUE(has(ds, 13, 1, "stages.primary.service", "greater than zero"));
  EXPECT_TRUE(has(ds, 14, 12, "stages.primary.next.0.stage",
                  "no stage has the id \"secondry\"; did you mean 'secondary'?"));
  EXPECT_TRUE(
      has(ds, 15, 1, "stages.primary.queue", "\"random\" is not one of 'shared' or 'per_lane'"));
  EXPECT_TRUE(has(ds, 18, 13, "stages.secondary.lanes.0.count", "from 1 to 10000, got 0"));
  EXPECT_TRUE(has(ds, 18, 35, "stages.secondary.lanes.0.classes.0", "no class has the id \"bus\""));
  EXPECT_TRUE(has(ds, 22, 20, "routes.r.path.1", "has the id \"nowhere\""));
  EXPECT_TRUE(has(ds, 28, 1, "demand.0.per_hour", "give per_day or per_hour, not both"));
  EXPECT_TRUE(has(ds, 31, 1, "demand.1.class", "no class has the id \"lorry\""));
  EXPECT_TRUE(has(ds, 30, 1, "demand.1", "needs per_day or per_hour"));
  for (const auto& d : ds.items()) EXPECT_EQ(d.where.file, "bad.toml");
}

TEST(invalid, parse_throws_input_error_with_every_error) {
  try {
    (void)parse(many_problems, "bad.toml");
    FAIL() << "expected input_error";
  } catch (const input_error& e) {
    EXPECT_EQ(e.problems().error_count(), 15u);
    EXPECT_NE(std::string(e.what()).find("bad.toml:12:1: error: stages.primary.lane: unknown key"),
              std::string::npos)
        << e.what();
  }
}

TEST(invalid, unknown_keys_everywhere_with_suggestions) {
  const auto ds = check(R"toml([scenaro]
name = "x"
[classes.car]
persns = 2
[stages.s]
service = "1 min"
[routes.r]
path = ["s"]
[[demand]]
per_hour = 1
booking = { slot_per_hour = 3 }
[[closures]]
day = 1
resaon = "x"
)toml",
                        "u.toml");
  EXPECT_TRUE(has(ds, 1, 2, "scenaro", "unknown key 'scenaro'; did you mean 'scenario'?"));
  EXPECT_TRUE(has(ds, 4, 1, "classes.car.persns", "did you mean 'persons'?"));
  EXPECT_TRUE(has(ds, 11, 13, "demand.0.booking.slot_per_hour", "did you mean 'slots_per_hour'?"));
  EXPECT_TRUE(has(ds, 11, 1, "demand.0.booking.slots_per_hour", "is required but missing"));
  EXPECT_TRUE(has(ds, 14, 1, "closures.0.resaon", "did you mean 'reason'?"));
}

TEST(invalid, missing_required_sections_and_keys) {
  const auto ds = check("[links.l]\nspeed = \"40 km/h\"\n", "m.toml");
  EXPECT_TRUE(has(ds, 0, 0, "classes", "is required but missing"));
  EXPECT_TRUE(has(ds, 0, 0, "routes", "is required but missing"));
  EXPECT_TRUE(has(ds, 0, 0, "demand", "is required but missing"));
  EXPECT_TRUE(has(ds, 1, 8, "links.l.length", "is required but missing"));
}

constexpr std::string_view base = R"toml([classes.car]
[classes.bus]
[stages.a]
service = "1 min"
[stages.b]
service = "1 min"
[routes.r]
path = ["a"]
[[demand]]
class = "car"
per_hour = 1
[[demand]]
class = "bus"
per_hour = 1
)toml";

std::string with(std::string_view extra) {
  return std::string(base) + std::string(extra);
}

TEST(invalid, branches_shares_and_cycles) {
  const auto ds = check(R"toml([classes.car]
[stages.a]
service = "1 min"
next = [ { stage = "b", share = 0.7 }, { stage = "c", share = { car = 0.5 } } ]
[stages.b]
service = "1 min"
next = [ { stage = "a", share = 0.1 } ]
[stages.c]
service = "1 min"
next = [ { stage = "c", share = 1.5 } ]
[routes.r]
path = ["a"]
[[demand]]
per_hour = 1
)toml",
                        "b.toml");
  EXPECT_TRUE(has(ds, 4, 1, "stages.a.next", "the shares for class 'car' sum to 1.2, more than 1"));
  EXPECT_TRUE(has(ds, 10, 12, "stages.c.next.0.stage", "cannot send vehicles on to itself"));
  EXPECT_TRUE(has(ds, 10, 25, "stages.c.next.0.share", "must be a number ≥ 0 and ≤ 1, got 1.5"));
  EXPECT_TRUE(has(ds, 7, 1, "stages.b.next", "branches form a cycle: a → b → a"));
}

TEST(invalid, classes_reaching_a_stage_need_service_and_a_lane) {
  const auto ds = check(R"toml([classes.car]
[classes.bus]
[stages.a]
lanes = [ { count = 1, classes = ["car"] } ]
service_by_class = { car = "1 min" }
[routes.r]
path = ["a"]
[[demand]]
class = "car"
per_hour = 1
[[demand]]
class = "bus"
per_hour = 1
)toml",
                        "c.toml");
  EXPECT_TRUE(has(ds, 3, 9, "stages.a.service",
                  "class 'bus' reaches this stage but has no service time here"));
  EXPECT_TRUE(has(ds, 3, 9, "stages.a.lanes",
                  "class 'bus' reaches this stage but no lane group serves it"));
  EXPECT_EQ(ds.error_count(), 2u) << ds.to_string();
}

TEST(invalid, closures) {
  const auto ds = check(with(R"toml([links.l]
length = "1 km"
speed = "50 km/h"
lanes = 2
[[closures]]
target = "a"
from = "day 2 08:00"
to = "day 2 07:00"
[[closures]]
target = "l"
from = "day 1 08:00"
to = "day 1 12:00"
lanes = 3
[[closures]]
target = "l"
day = 1
from = "10:00"
to = "11:00"
[[closures]]
target = "nothing"
day = 1
[[closures]]
from = "day 0 08:00"
to = "tomorrow"
)toml"),
                        "cl.toml");
  EXPECT_TRUE(has(ds, 22, 1, "closures.0.to", "must be after from"));
  EXPECT_TRUE(has(ds, 27, 1, "closures.1.lanes", "closes 3 lanes but the element has 2"));
  EXPECT_TRUE(
      has(ds, 28, 1, "closures.2", "overlaps the closure at cl.toml:23 of the same target"));
  EXPECT_TRUE(has(ds, 34, 1, "closures.3.target", "has the id \"nothing\""));
  EXPECT_TRUE(has(ds, 37, 1, "closures.4.from", "days count from 1"));
  EXPECT_TRUE(has(ds, 38, 1, "closures.4.to", "expected a point in the run like \"day 3 08:00\""));
}

TEST(invalid, values_of_the_wrong_type_or_shape) {
  const auto ds = check(with(R"toml([yards.y]
rate = "30 t/h"
time_per_truck = "20 min"
parking = 0
receiving_class = "car"
[holding.h]
capacity = 5
[routes.bad]
path = ["h"]
[[demand]]
class = "car"
route = "r"
per_hour = [1, 2, 3]
weekday_factors = [1, 1, 1]
[[demand]]
class = "car"
route = "r"
per_day = "100"
)toml"),
                        "t.toml");
  EXPECT_TRUE(
      has(ds, 17, 1, "yards.y.time_per_truck", "give either rate or time_per_truck, not both"));
  EXPECT_TRUE(has(ds, 18, 1, "yards.y.parking", "got 0"));
  EXPECT_TRUE(has(ds, 23, 1, "routes.bad.path",
                  "holding area \"h\" must be followed by a stage or a yard"));
  EXPECT_TRUE(has(ds, 27, 1, "demand.2.per_hour",
                  "must be an array of arrivals per hour with 24 entries, got 3 entries"));
  EXPECT_TRUE(has(ds, 28, 1, "demand.2.weekday_factors", "with 7 entries"));
  EXPECT_TRUE(has(ds, 32, 1, "demand.3.per_day", "must be a number, got the string \"100\""));
}

TEST(invalid, ids_must_be_unique_across_elements) {
  const auto ds = check(
      with("[links.a]\nlength = \"1 km\"\nspeed = \"50 km/h\"\n[holding.all]\ncapacity = 1\n"),
      "i.toml");
  EXPECT_TRUE(has(ds, 15, 8, "links.a", "the id \"a\" is already used by [stages.a]"));
  EXPECT_TRUE(has(ds, 18, 10, "holding.all", "\"all\" is reserved"));
}

TEST(invalid, warnings_do_not_stop_parsing) {
  const auto r = read(with("[classes.taxi]\n"), "w.toml");
  ASSERT_TRUE(r.model.has_value()) << r.problems.to_string();
  EXPECT_TRUE(
      has(r.problems, 15, 10, "classes.taxi", "no demand uses this class", severity::warning));
  EXPECT_TRUE(has(r.problems, 5, 9, "stages.b", "no demand reaches this stage", severity::warning));
}

TEST(invalid, toml_syntax_errors_are_located) {
  const auto ds = check("[run]\ndays = = 3\n", "s.toml");
  ASSERT_EQ(ds.items().size(), 1u);
  EXPECT_EQ(ds.items()[0].where.line, 2);
  EXPECT_GT(ds.items()[0].where.column, 0);
  EXPECT_NE(ds.items()[0].message.find("TOML syntax"), std::string::npos);
}

TEST(invalid, non_utf8_and_binary_junk_are_rejected_before_toml) {
  auto ds = check("[run]\nname = \"caf\xE9\"\n", "latin1.toml");
  EXPECT_TRUE(has(ds, 2, 12, "", "not valid UTF-8 (byte 0xE9)"));
  ds = check(std::string("\x7f"
                         "ELF\x02\x01\x01\x00\x00",
                         9),
             "a.out");
  EXPECT_TRUE(has(ds, 1, 1, "", "control character 0x7F"));
  ds = check(std::string("key = 1\n\x00\x01", 10), "nul.toml");
  EXPECT_TRUE(has(ds, 2, 1, "", "control character 0x00"));
  ds = check("a = \"\xED\xA0\x80\"\n", "surrogate.toml");  // an encoded surrogate
  EXPECT_TRUE(has(ds, 1, 6, "", "not valid UTF-8"));
  ds = check("a = \"\xC0\xAF\"\n", "overlong.toml");
  EXPECT_TRUE(has(ds, 1, 6, "", "not valid UTF-8"));
  // Every byte value on its own: never a crash, always a clean diagnostic or a model.
  for (int b = 0; b < 256; ++b) {
    const std::string text = "[run]\ndays = " + std::string(1, static_cast<char>(b)) + "\n";
    const auto r = read(text, "byte.toml");
    EXPECT_TRUE(r.model.has_value() || r.problems.has_errors()) << b;
  }
}

TEST(invalid, deep_nesting_and_huge_input_are_rejected) {
  auto ds = check("a = " + std::string(100, '[') + std::string(100, ']') + "\n", "deep.toml");
  EXPECT_TRUE(has(ds, 1, 37, "", "nested more than 32 deep"));
  ds = check(std::string(5 * 1024 * 1024, '#'), "big.toml");
  EXPECT_TRUE(has(ds, 0, 0, "", "scenarios are limited to 4194304 bytes"));
  // Brackets inside strings and comments do not count.
  ds = check("# " + std::string(100, '[') + "\na = \"" + std::string(100, '{') + "\"\n", "ok.toml");
  for (const auto& d : ds.items()) EXPECT_EQ(d.message.find("nested"), std::string::npos);
}

TEST(invalid, hourly_service_problems_are_located) {
  constexpr std::string_view text = R"toml([classes.car]
[classes.truck]
[stages.a]
service = "1 min"
rate_per_lane = 40
service_by_class = { truck = "5 min" }
[stages.b]
service = "1 min"
service_scale = [1, 2, 3]
rate_cv = 0.5
service_scale_weekday = [1, 1]
[stages.c]
lanes = [ { count = 1, service_scale = -1 }, { count = 1, rate_per_lane = 0 } ]
service = "1 min"
service_scale_weekday = { moonday = 2 }
[stages.d]
rate_per_lane = 30
lanes = [ { count = 2, service_scale = 2 } ]
[routes.r]
path = ["a", "b", "c", "d"]
[[demand]]
class = "car"
per_hour = 1
)toml";
  const auto ds = check(text, "hourly.toml");
  EXPECT_TRUE(has(ds, 4, 1, "stages.a.service", "give service or rate_per_lane, not both"));
  EXPECT_TRUE(has(ds, 6, 1, "stages.a.service_by_class", "has no effect: rate_per_lane"));
  EXPECT_TRUE(has(ds, 9, 1, "stages.b.service_scale", "must have 24 entries"));
  EXPECT_TRUE(has(ds, 10, 1, "stages.b.rate_cv", "goes with rate_per_lane"));
  EXPECT_TRUE(has(ds, 11, 1, "stages.b.service_scale_weekday", "must be 7 factors"));
  EXPECT_TRUE(has(ds, 13, 24, "stages.c.lanes.0.service_scale", "must be"));
  EXPECT_TRUE(has(ds, 13, 59, "stages.c.lanes.1.rate_per_lane", "must be"));
  EXPECT_TRUE(has(ds, 15, 27, "stages.c.service_scale_weekday.moonday", "weekday"));
  EXPECT_TRUE(has(ds, 18, 24, "stages.d.lanes.0.service_scale",
                  "the stage's rate_per_lane sets this group's hourly times"));
  EXPECT_EQ(ds.error_count(), 9u) << ds.to_string();
}

}  // namespace
}  // namespace tumen::scenario
