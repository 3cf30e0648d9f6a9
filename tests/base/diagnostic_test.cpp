// Tests for diagnostics: their rendering and the input_error that carries them.
#include "tumen/base/diagnostic.hpp"

#include <gtest/gtest.h>

#include "tumen/base/error.hpp"

namespace tumen {
namespace {

TEST(Diagnostic, FormatsPlaceKeyMessageAndValid) {
  diagnostic d;
  d.where = {"a.toml", 12, 9};
  d.key_path = "stages.primary.lanes";
  d.message = "must be ≥ 1, got -2";
  d.valid = "a whole number from 1 to 1000";
  EXPECT_EQ(format(d),
            "a.toml:12:9: error: stages.primary.lanes: must be ≥ 1, got -2\n"
            "  valid: a whole number from 1 to 1000");
}

TEST(Diagnostic, PrintsTheNoteAfterTheKeyPath) {
  diagnostic d;
  d.where = {"rates.csv", 7, 12, "column \"general\""};
  d.key_path = "stages.primary.rate_per_lane.5";
  d.message = "must be > 0, got -3";
  EXPECT_EQ(format(d),
            "rates.csv:7:12: error: stages.primary.rate_per_lane.5 (column \"general\"): must be "
            "> 0, got -3");
  d.key_path.clear();
  EXPECT_EQ(format(d), "rates.csv:7:12: error: (column \"general\"): must be > 0, got -3");
}

TEST(Diagnostic, OmitsUnknownParts) {
  diagnostic d;
  d.level = severity::warning;
  d.message = "something odd";
  EXPECT_EQ(format(d), "warning: something odd");
}

TEST(Diagnostics, CountsErrorsNotWarnings) {
  diagnostics ds;
  ds.warning({"f", 1, 1}, "k", "w");
  EXPECT_FALSE(ds.has_errors());
  ds.error({"f", 2, 1}, "k", "e");
  ds.error({"f", 3, 1}, "k", "e2");
  EXPECT_EQ(ds.error_count(), 2u);
  EXPECT_EQ(ds.items().size(), 3u);
}

TEST(InputError, CarriesAllProblemsInItsMessage) {
  diagnostics ds;
  ds.error({"f.toml", 1, 2}, "a", "bad a");
  ds.error({"f.toml", 3, 4}, "b", "bad b");
  input_error e(ds);
  EXPECT_EQ(e.problems().error_count(), 2u);
  const std::string what = e.what();
  EXPECT_NE(what.find("2 problems"), std::string::npos);
  EXPECT_NE(what.find("f.toml:1:2: error: a: bad a"), std::string::npos);
  EXPECT_NE(what.find("f.toml:3:4: error: b: bad b"), std::string::npos);
}

}  // namespace
}  // namespace tumen
