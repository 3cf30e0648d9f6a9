// Hourly tables from CSV columns: the same scenario as inline arrays, every problem located at
// its CSV cell or at the reference, the files a scenario names, and the [tables] that carries
// them.
#include "tumen/scenario/csv_tables.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "tumen/base/error.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::scenario {
namespace {

// A stage with two lane groups and two demands: every kind of hourly key, filled in by replace().
constexpr std::string_view shape = R"toml([scenario]
name = "hourly"
[run]
days = 3
[classes.car]
[classes.truck]
[stages.s]
lanes = [ { count = 2, classes = ["car"], rate_per_lane = RATE, open_lanes = OPEN },
          { count = 1, classes = ["truck"], service_scale = SCALE } ]
service = "exp(mean 60 s)"
[stages.t]
lanes = 3
service = "exp(mean 30 s)"
open_lanes = STEPS
[routes.r]
path = ["s", "t"]
[[demand]]
class = "car"
per_day = 400
profile = PROFILE
[[demand]]
class = "truck"
per_hour = TRUCKS
)toml";

double rate(int h) {
  return 30 + h;
}
int open(int h) {
  return h < 6 ? 1 : 2;
}
std::string scale(int h) {
  return "1." + std::to_string(10 + h);
}
int profile(int h) {
  return h + 1;
}
std::string trucks(int h) {
  return std::to_string(10 + h % 3) + ".5";
}
int steps(int h) {
  return h == 12 ? 0 : 3;
}

std::string replace(std::string text, const std::string& what, const std::string& with) {
  const auto at = text.find(what);
  EXPECT_NE(at, std::string::npos) << what;
  return text.replace(at, what.size(), with);
}

template <class F>
std::string array_of(F value) {
  std::string out = "[";
  for (int h = 0; h < 24; ++h) {
    std::ostringstream v;
    v << value(h);
    out += (h ? ", " : "") + v.str();
  }
  return out + "]";
}

std::string inline_scenario() {
  auto t = std::string(shape);
  t = replace(t, "RATE", array_of(rate));
  t = replace(t, "OPEN", array_of(open));
  t = replace(t, "SCALE", array_of(scale));
  t = replace(t, "STEPS", array_of(steps));
  t = replace(t, "PROFILE", array_of(profile));
  return replace(t, "TRUCKS", array_of(trucks));
}

// The same values in a CSV file: rows in reverse hour order, CRLF, a comment, an unused column.
std::string hourly_csv() {
  std::string csv =
      "# from the operator's 2023 report\r\nhour,rate,open,scale,profile,unused,trucks\r\n";
  for (int h = 23; h >= 0; --h)
    csv += std::to_string(h) + "," + std::to_string(static_cast<int>(rate(h))) + "," +
           std::to_string(open(h)) + "," + scale(h) + "," + std::to_string(profile(h)) + ",x," +
           trucks(h) + "\r\n";
  return csv;
}

std::string ref(const std::string& column, const std::string& file = "hourly.csv") {
  return "{ csv = \"" + file + "\", column = \"" + column + "\" }";
}

std::string csv_scenario(const std::string& steps_value = "STEPS_CSV") {
  auto t = std::string(shape);
  t = replace(t, "RATE", ref("rate"));
  t = replace(t, "OPEN", ref("open"));
  t = replace(t, "SCALE", ref("scale"));
  t = replace(t, "STEPS", steps_value == "STEPS_CSV" ? ref("steps", "t.csv") : steps_value);
  t = replace(t, "PROFILE", ref("profile"));
  t = replace(t, "TRUCKS", ref("trucks"));
  std::string steps_csv = "hour,steps\n";
  for (int h = 0; h < 24; ++h)
    steps_csv += std::to_string(h) + "," + std::to_string(steps(h)) + "\n";
  return with_csv_files(t, "dir/x.toml", {{"hourly.csv", hourly_csv()}, {"t.csv", steps_csv}});
}

void expect_same(const scenario& a, const scenario& b) {
  ASSERT_EQ(a.stages.size(), b.stages.size());
  for (std::size_t s = 0; s < a.stages.size(); ++s) {
    ASSERT_EQ(a.stages[s].lanes.size(), b.stages[s].lanes.size());
    for (std::size_t g = 0; g < a.stages[s].lanes.size(); ++g) {
      const auto& x = a.stages[s].lanes[g];
      const auto& y = b.stages[s].lanes[g];
      EXPECT_EQ(x.scale.by_hour, y.scale.by_hour) << s << "/" << g;
      EXPECT_EQ(x.service.has_value(), y.service.has_value());
      ASSERT_EQ(x.open_lanes.steps.size(), y.open_lanes.steps.size());
      for (std::size_t i = 0; i < x.open_lanes.steps.size(); ++i) {
        EXPECT_EQ(x.open_lanes.steps[i].from, y.open_lanes.steps[i].from);
        EXPECT_EQ(x.open_lanes.steps[i].to, y.open_lanes.steps[i].to);
        EXPECT_EQ(x.open_lanes.steps[i].lanes, y.open_lanes.steps[i].lanes);
      }
    }
  }
  ASSERT_EQ(a.demands.size(), b.demands.size());
  for (std::size_t d = 0; d < a.demands.size(); ++d)
    EXPECT_EQ(a.demands[d].per_hour, b.demands[d].per_hour) << d;
}

std::vector<std::string> problems(const std::string& text,
                                  const std::vector<override_spec>& overrides = {}) {
  std::vector<std::string> out;
  const auto found = check(text, "dir/x.toml", overrides);
  for (const auto& d : found.items()) {
    auto line = format(d);
    out.push_back(line.substr(0, line.find('\n')));
  }
  return out;
}

bool has(const std::vector<std::string>& all, const std::string& want) {
  for (const auto& p : all)
    if (p == want) return true;
  ADD_FAILURE() << "no \"" << want << "\" among:\n" << ::testing::PrintToString(all);
  return false;
}

TEST(CsvTables, SameScenarioAsInlineArrays) {
  const auto inline_one = parse(inline_scenario(), "dir/x.toml");
  const auto from_csv = parse(csv_scenario(), "dir/x.toml");
  expect_same(inline_one, from_csv);
  // The values really vary by hour (a table of ones would not tell the two forms apart).
  EXPECT_EQ(from_csv.stages[0].lanes[0].open_lanes.open_at(3 * 3600, 2), 1);
  EXPECT_EQ(from_csv.stages[0].lanes[0].open_lanes.open_at(7 * 3600, 2), 2);
  EXPECT_EQ(from_csv.stages[1].lanes[0].open_lanes.open_at(12.5 * 3600, 3), 0);
  EXPECT_DOUBLE_EQ(from_csv.demands[1].per_hour[4], 11.5);
  EXPECT_DOUBLE_EQ(from_csv.stages[0].lanes[1].scale.by_hour[5], 1.15);
  // The stored text is the bundled one: it carries the CSV files.
  EXPECT_NE(from_csv.source_text.find("[tables]"), std::string::npos);
}

TEST(CsvTables, OpenLanesAsTwentyFourWholeNumbersAreOneHourSteps) {
  auto t = replace(inline_scenario(), "open_lanes = " + array_of(steps), "open_lanes = [1, 2]");
  EXPECT_TRUE(has(problems(t),
                  "dir/x.toml:14:1: error: stages.t.open_lanes: must have 24 entries "
                  "(one per hour from 00:00), got 2"));
  const auto sc = parse(inline_scenario(), "dir/x.toml");
  const auto& s = sc.stages[1].lanes[0].open_lanes.steps;
  ASSERT_EQ(s.size(), 24u);
  EXPECT_EQ(s[12].from, 12 * 3600.0);
  EXPECT_EQ(s[12].to, 13 * 3600.0);
  EXPECT_EQ(s[12].lanes, 0);
  EXPECT_TRUE(has(problems(replace(inline_scenario(), "0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]",
                                   "0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4]")),
                  "dir/x.toml:14:84: error: stages.t.open_lanes.23: must be a whole number from 0 "
                  "to 3, got 4"));
}

TEST(CsvTables, ABadValueIsReportedAtItsCellWithTheColumn) {
  auto text = csv_scenario();
  // hour 7 is on line 19 of hourly.csv (two header lines, hours 23 … 0); rate is column 2.
  text = replace(text, "\n7,37,", "\n7,-3,");
  text = replace(text, "\n5,35,1,1.15", "\n5,35,9,1.15");
  text = replace(text, "\n2,32,1,1.12,3,x,12.5", "\n2,32,1,1.12,3,x,lots");
  const auto all = problems(text);
  EXPECT_TRUE(has(all,
                  "dir/hourly.csv:19:3: error: stages.s.lanes.0.rate_per_lane.7 (column "
                  "\"rate\"): must be a number > 0 and ≤ 1000000, got -3"));
  EXPECT_TRUE(has(all,
                  "dir/hourly.csv:21:6: error: stages.s.lanes.0.open_lanes.5 (column "
                  "\"open\"): must be a whole number from 0 to 2, got 9"));
  EXPECT_TRUE(has(all,
                  "dir/hourly.csv:24:17: error: demand.1.per_hour.2 (column \"trucks\"): "
                  "must be a number, got \"lots\""));
  EXPECT_EQ(all.size(), 3u);
}

TEST(CsvTables, ProblemsOfTheReference) {
  auto text = csv_scenario();
  text = replace(text, ref("rate"), "{ csv = \"hourly.csv\", column = \"rates\", sheet = 1 }");
  text = replace(text, ref("profile"), ref("profile", "nowhere.csv"));
  text = replace(text, ref("scale"), "{ csv = \"hourly.csv\" }");
  const auto all = problems(text);
  EXPECT_TRUE(has(all,
                  "dir/x.toml:8:90: error: stages.s.lanes.0.rate_per_lane.column: "
                  "dir/hourly.csv has no column \"rates\"; did you mean 'rate'?"));
  EXPECT_TRUE(has(all,
                  "dir/x.toml:8:99: error: stages.s.lanes.0.rate_per_lane.sheet: unknown "
                  "key 'sheet' beside csv"));
  EXPECT_TRUE(has(all,
                  "dir/x.toml:20:13: error: demand.0.profile.csv: the CSV file "
                  "\"nowhere.csv\" is not in this scenario's [tables]"));
  EXPECT_TRUE(has(all,
                  "dir/x.toml:9:45: error: stages.s.lanes.1.service_scale: names the CSV "
                  "file \"hourly.csv\" but no column"));
  EXPECT_EQ(all.size(), 4u);
}

TEST(CsvTables, ProblemsOfTheHourColumnAreReportedOnce) {
  std::string csv = "hour,steps\n";
  for (int h = 0; h < 24; ++h)
    if (h != 3 && h != 4) csv += std::to_string(h == 9 ? 8 : h) + ",1\n";
  csv += "25,1\n";
  auto text = replace(inline_scenario(), "open_lanes = " + array_of(steps),
                      "open_lanes = " + ref("steps", "t.csv"));
  text = replace(text, "per_hour = " + array_of(trucks), "per_hour = " + ref("steps", "t.csv"));
  text = with_csv_files(text, "dir/x.toml", {{"t.csv", csv}});
  const auto all = problems(text);
  EXPECT_EQ(all, (std::vector<std::string>{
                     "dir/t.csv:9:1: error: demand.1.per_hour (column \"hour\"): hour 8 is given "
                     "twice (first on line 8)",
                     "dir/t.csv:24:1: error: demand.1.per_hour (column \"hour\"): an hour must be "
                     "a whole number from 0 to 23, got \"25\"",
                     "dir/t.csv:1:1: error: demand.1.per_hour (column \"hour\"): dir/t.csv has no "
                     "row for hours 3, 4, 9"}));
  auto no_hour = replace(text, "hour,steps", "hours,steps");
  EXPECT_TRUE(has(problems(no_hour),
                  "dir/t.csv:1:1: error: demand.1.per_hour: dir/t.csv has no "
                  "column \"hour\"; its columns: 'hours' or 'steps'"));
}

TEST(CsvTables, ErrorsOfTheCsvTextAreLocatedInTheFile) {
  auto text = replace(csv_scenario(), "\n3,33,", "\n3,\"33,");
  EXPECT_EQ(problems(text),
            (std::vector<std::string>{"dir/hourly.csv:23:3: error: this quoted cell has no closing "
                                      "quote (\"), so the rest of the text is inside it"}));
}

TEST(CsvTables, CsvOnlyWhereHourlyValuesGo) {
  auto text = replace(csv_scenario(), "lanes = 3", "lanes = " + ref("rate"));
  EXPECT_TRUE(has(problems(text),
                  "dir/x.toml:12:1: error: stages.t.lanes: takes no CSV column: "
                  "only 24 hourly values can come from a CSV file"));
  // A class called "csv" is not a reference.
  auto by_class = replace(inline_scenario(), "[classes.truck]", "[classes.truck]\n[classes.csv]");
  by_class =
      replace(by_class, "service = \"exp(mean 30 s)\"",
              "service = \"exp(mean 30 s)\"\nservice_by_class = { csv = \"exp(mean 9 s)\" }");
  EXPECT_NO_THROW(parse(by_class, "x.toml"));
  EXPECT_TRUE(missing_csv_files(by_class, "x.toml").empty());
}

TEST(CsvTables, OverridesAndVariantsMayNameCsvColumns) {
  const auto text = csv_scenario();
  const auto sc =
      parse(text, "dir/x.toml",
            {parse_override("demand.1.per_hour={ csv = \"hourly.csv\", column = \"rate\" }")});
  EXPECT_DOUBLE_EQ(sc.demands[1].per_hour[23], 53);
  const auto bad = problems(
      text, {parse_override(
                "stages.t.lanes.0.rate_per_lane={ csv = \"hourly.csv\", column = \"nope\" }")});
  EXPECT_FALSE(bad.empty());
  auto with_variant =
      replace(text, "[routes.r]",
              "[variants.night]\n\"demand.1.per_hour\" = " + ref("open") + "\n[routes.r]");
  const auto v = parse(with_variant, "dir/x.toml", {}, std::string("night"));
  EXPECT_DOUBLE_EQ(v.demands[1].per_hour[3], 1);
  EXPECT_DOUBLE_EQ(v.demands[1].per_hour[13], 2);
}

TEST(CsvTables, MissingFilesOfTextVariantsAndOverrides) {
  auto text = replace(inline_scenario(), "service_scale = " + array_of(scale),
                      "service_scale = " + ref("scale", "a.csv"));
  text = replace(text, "[routes.r]",
                 "[variants.v]\n\"demand.0.profile\" = " + ref("p", "b.csv") + "\n[routes.r]");
  const auto refs = missing_csv_files(
      text, "dir/x.toml",
      {{"stages.s.lanes.0.rate_per_lane", ref("r", "c.csv"), "--set"},
       {"stages.s.lanes.0.rate_per_lane", ref("r", "a.csv"), "--vary"},
       {"stages.s.lanes", "[{ count = 1, rate_per_lane = " + ref("r", "d.csv") + " }]", "--set"}});
  ASSERT_EQ(refs.size(), 4u);
  EXPECT_EQ(refs[0].file, "a.csv");
  EXPECT_EQ(format(diagnostic{severity::error, refs[0].where, refs[0].key_path, "m", ""}),
            "dir/x.toml:9:63: error: stages.s.lanes.1.service_scale.csv: m");
  EXPECT_EQ(refs[1].file, "b.csv");
  EXPECT_EQ(refs[1].key_path, "demand.0.profile.csv");
  EXPECT_EQ(refs[2].file, "c.csv");
  EXPECT_EQ(refs[2].where.file, "--set");
  EXPECT_EQ(refs[3].file, "d.csv");
  EXPECT_EQ(refs[3].key_path, "stages.s.lanes.0.rate_per_lane.csv");
  // Carried files are not missing.
  EXPECT_TRUE(missing_csv_files(csv_scenario(), "dir/x.toml").empty());
}

TEST(CsvTables, TheCarryingSectionRoundTripsAnyCsvText) {
  const std::string tricky = "hour,v\n# a comment with ''' and \"\"\" and \\ \r\n";
  const auto text =
      with_csv_files("[scenario]\nname = \"n\"", "x.toml", {{"odd \"name\".csv", tricky}});
  EXPECT_EQ(text.substr(0, 20), "[scenario]\nname = \"n");
  // The appended section is valid TOML holding the text byte for byte: a reference to it reads
  // the comment-only table (and so reports it has no rows, not a TOML problem).
  const auto refs = missing_csv_files(text + "\n", "x.toml");
  EXPECT_TRUE(refs.empty());
  auto scenario_text = replace(inline_scenario(), "per_hour = " + array_of(trucks),
                               "per_hour = { csv = 'odd \"name\".csv', column = \"v\" }");
  scenario_text = with_csv_files(scenario_text, "x.toml", {{"odd \"name\".csv", tricky}});
  EXPECT_EQ(
      problems(scenario_text),
      std::vector<std::string>{"dir/odd \"name\".csv:1:1: error: demand.1.per_hour (column "
                               "\"hour\"): dir/odd \"name\".csv has no row for hours 0, 1, 2, 3, "
                               "4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, "
                               "21, 22, 23"});
}

TEST(CsvTables, CarryingRefusesOwnTablesAndNonText) {
  const auto own = std::string("[tables]\n\"a.csv\" = \"hour,v\"\n");
  try {
    with_csv_files(own, "x.toml", {{"b.csv", "hour,v\n"}});
    ADD_FAILURE() << "no error";
  } catch (const input_error& e) {
    EXPECT_EQ(format(e.problems().items().at(0)).substr(0, 83),
              "x.toml:1:1: error: tables: this scenario carries CSV files in [tables] but not \"b."
              "c");
  }
  try {
    with_csv_files("", "d/x.toml", {{"b.csv", "hour,v\n0,\x01\n"}});
    ADD_FAILURE() << "no error";
  } catch (const input_error& e) {
    EXPECT_EQ(format(e.problems().items().at(0)).substr(0, 62),
              "d/b.csv:2:3: error: holds the control character U+0001\n  valid");
  }
  EXPECT_EQ(with_csv_files("x = 1", "x.toml", {}), "x = 1");
}

TEST(CsvTables, AHandWrittenTableIsReportedWhereItIsInTheScenario) {
  auto text = replace(inline_scenario(), "per_hour = " + array_of(trucks),
                      "per_hour = " + ref("v", "h.csv"));
  const auto line = 1 + std::count(text.begin(), text.end(), '\n');
  text += "[tables]\n\"h.csv\" = \"hour,v\"\n";  // a one-line string: the text starts at column 12
  EXPECT_EQ(problems(text),
            std::vector<std::string>{
                "dir/x.toml:" + std::to_string(line + 1) +
                ":12: error: demand.1.per_hour (column \"hour\"): h.csv has no row "
                "for hours 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, "
                "17, 18, 19, 20, 21, 22, 23"});
}

TEST(CsvTables, DisplayNames) {
  EXPECT_EQ(csv_display_name("scenarios/a.toml", "rates.csv"), "scenarios/rates.csv");
  EXPECT_EQ(csv_display_name("a.toml", "rates.csv"), "rates.csv");
  EXPECT_EQ(csv_display_name("scenarios/a.toml", "/data/rates.csv"), "/data/rates.csv");
}

}  // namespace
}  // namespace tumen::scenario
