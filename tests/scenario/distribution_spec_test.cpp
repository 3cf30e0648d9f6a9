// Distributions from their string and table forms, with dimension and parameter checks.
#include <gtest/gtest.h>

#include "tumen/scenario/distribution_spec.hpp"

namespace tumen::scenario {
namespace {

using random::distribution_kind;

value_origin make_origin() {
  return {{"f.toml", 3, 11}, "stages.s.service"};
}

random::distribution ok(std::string_view text, dimension d = dimension::time) {
  const auto origin = make_origin();
  diagnostics out;
  const auto r = distribution_from_text(text, d, origin, out);
  EXPECT_TRUE(r.has_value()) << text << "\n" << out.to_string();
  EXPECT_TRUE(out.empty()) << out.to_string();
  return r.value_or(random::distribution{});
}

std::string bad(std::string_view text, dimension d = dimension::time) {
  const auto origin = make_origin();
  diagnostics out;
  const auto r = distribution_from_text(text, d, origin, out);
  EXPECT_FALSE(r.has_value()) << text;
  EXPECT_GE(out.error_count(), 1u) << out.to_string();
  if (out.empty()) return {};
  const auto& first = out.items().front();
  EXPECT_EQ(first.where.line, 3);
  EXPECT_EQ(first.where.column, 11);
  EXPECT_EQ(first.key_path, "stages.s.service");
  return first.message;
}

TEST(distribution_spec, string_forms) {
  auto d = ok("45 s");
  EXPECT_EQ(d.kind(), distribution_kind::constant);
  EXPECT_DOUBLE_EQ(d.mean(), 45);
  d = ok("exp(5 min)");
  EXPECT_EQ(d.kind(), distribution_kind::exponential);
  EXPECT_DOUBLE_EQ(d.mean(), 300);
  EXPECT_DOUBLE_EQ(ok("exp(mean 5 min)").mean(), 300);
  EXPECT_DOUBLE_EQ(ok("uniform(1 min, 3 min)").mean(), 120);
  EXPECT_DOUBLE_EQ(ok("tri(1 min, 2 min, 6 min)").mean(), 180);
  EXPECT_EQ(ok("normal(mean 5 min, sd 1 min)").kind(), distribution_kind::truncated_normal);
  d = ok("lognormal(mean 12 min, cv 0.6)");
  EXPECT_EQ(d.kind(), distribution_kind::lognormal);
  EXPECT_NEAR(d.mean(), 720, 1e-6);
  EXPECT_NEAR(ok("gamma(mean 12 min, cv 0.5)").mean(), 720, 1e-6);
  d = ok("erlang(k 3, mean 6 min)");
  EXPECT_EQ(d.kind(), distribution_kind::erlang);
  EXPECT_NEAR(d.mean(), 360, 1e-9);
  EXPECT_NEAR(ok("erlang(mean 6 min, k 3)").mean(), 360, 1e-9);  // named parameters in any order
}

TEST(distribution_spec, shifted_string_form) {
  auto d = ok("10 min + exp(mean 5 min)");
  EXPECT_EQ(d.kind(), distribution_kind::shifted);
  EXPECT_DOUBLE_EQ(d.mean(), 900);
  EXPECT_DOUBLE_EQ(ok("exp(mean 5 min) + 10 min").mean(), 900);
  EXPECT_DOUBLE_EQ(ok("1e+2 s + exp(1e+2 s)").mean(), 200);
}

TEST(distribution_spec, counts_and_masses) {
  const auto origin = make_origin();
  EXPECT_DOUBLE_EQ(ok("uniform(1, 4)", dimension::count).mean(), 2.5);
  EXPECT_DOUBLE_EQ(ok("2", dimension::count).mean(), 2);
  EXPECT_DOUBLE_EQ(ok("tri(10 t, 18 t, 22 t)", dimension::mass).mean(), 50.0 / 3);
  diagnostics out;
  EXPECT_TRUE(distribution_from_number(1.8, dimension::count, origin, out).has_value());
  EXPECT_FALSE(distribution_from_number(45, dimension::time, origin, out).has_value());
  ASSERT_EQ(out.error_count(), 1u);
  EXPECT_NE(out.items()[0].message.find("needs a unit"), std::string::npos);
}

TEST(distribution_spec, string_errors) {
  EXPECT_NE(bad("expo(5 min)").find("unknown distribution \"expo\"; did you mean 'exp'?"),
            std::string::npos);
  EXPECT_NE(bad("exp(5 parsecs)").find("unknown unit \"parsecs\""), std::string::npos);
  EXPECT_NE(bad("exp(5 t)").find("measures a mass"), std::string::npos);
  EXPECT_NE(bad("exp(0 s)").find("greater than zero"), std::string::npos);
  EXPECT_NE(bad("uniform(3 min, 1 min)").find("must not be below low"), std::string::npos);
  EXPECT_NE(bad("tri(1 min, 9 min, 5 min)").find("between low and high"), std::string::npos);
  EXPECT_NE(bad("lognormal(mean 12 min, sd 0.6)").find("'sd' is not a parameter of a lognormal"),
            std::string::npos);
  EXPECT_NE(bad("lognormal(mean 12 min)").find("needs 'cv'"), std::string::npos);
  EXPECT_NE(bad("exp(1 min, 2 min)").find("too many arguments"), std::string::npos);
  EXPECT_NE(bad("erlang(k 2.5, mean 1 min)").find("whole number"), std::string::npos);
  EXPECT_NE(bad("exp(5 min").find("cannot read"), std::string::npos);
  EXPECT_NE(bad("1 min + 2 min").find("a quantity plus one distribution"), std::string::npos);
  EXPECT_NE(bad("empirical(1, 2)").find("write it as a table"), std::string::npos);
  EXPECT_NE(bad("gamma(mean 1 min, cv 0)").find("greater than zero"), std::string::npos);
  EXPECT_NE(bad("  ").find("is empty"), std::string::npos);
}

distribution_field f(
    std::string name,
    std::variant<std::monostate, double, std::string, std::vector<distribution_field::scalar>> v,
    int line) {
  return {std::move(name), std::move(v), {"f.toml", line, 5}};
}

TEST(distribution_spec, table_forms) {
  const auto origin = make_origin();
  diagnostics out;
  auto d = distribution_from_table({f("dist", std::string("lognormal"), 1),
                                    f("mean", std::string("12 min"), 2), f("cv", 0.6, 3)},
                                   dimension::time, origin, out);
  ASSERT_TRUE(d.has_value()) << out.to_string();
  EXPECT_NEAR(d->mean(), 720, 1e-6);
  d = distribution_from_table(
      {f("dist", std::string("exponential"), 1), f("mean", std::string("5 min"), 2),
       f("shift", std::string("10 min"), 3)},
      dimension::time, origin, out);
  ASSERT_TRUE(d.has_value()) << out.to_string();
  EXPECT_DOUBLE_EQ(d->mean(), 900);
  using list = std::vector<distribution_field::scalar>;
  d = distribution_from_table({f("dist", std::string("empirical"), 1),
                               f("values", list{std::string("1 min"), std::string("5 min")}, 2),
                               f("weights", list{3.0, 1.0}, 3)},
                              dimension::time, origin, out);
  ASSERT_TRUE(d.has_value()) << out.to_string();
  EXPECT_DOUBLE_EQ(d->mean(), 120);
  d = distribution_from_table(
      {f("dist", std::string("empirical_cdf"), 1),
       f("values", list{std::string("0 s"), std::string("100 s")}, 2), f("cdf", list{0.0, 1.0}, 3)},
      dimension::time, origin, out);
  ASSERT_TRUE(d.has_value()) << out.to_string();
  EXPECT_DOUBLE_EQ(d->mean(), 50);
  EXPECT_TRUE(out.empty());
}

TEST(distribution_spec, table_errors_are_located_at_the_parameter) {
  const auto origin = make_origin();
  diagnostics out;
  using list = std::vector<distribution_field::scalar>;
  EXPECT_FALSE(distribution_from_table({f("dist", std::string("lognormal"), 1),
                                        f("mean", std::string("12 min"), 2), f("cvv", 0.6, 7)},
                                       dimension::time, origin, out));
  ASSERT_GE(out.items().size(), 1u);
  EXPECT_EQ(out.items()[0].where.line, 7);
  EXPECT_EQ(out.items()[0].key_path, "stages.s.service.cvv");
  EXPECT_NE(out.items()[0].message.find("did you mean 'cv'?"), std::string::npos);

  diagnostics out2;
  EXPECT_FALSE(distribution_from_table(
      {f("dist", std::string("empirical_cdf"), 1),
       f("values", list{std::string("1 s"), std::string("2 s")}, 2), f("cdf", list{0.0, 0.5}, 9)},
      dimension::time, origin, out2));
  ASSERT_EQ(out2.items().size(), 1u);
  EXPECT_EQ(out2.items()[0].where.line, 9);
  EXPECT_EQ(out2.items()[0].key_path, "stages.s.service.cdf");

  diagnostics out3;
  EXPECT_FALSE(
      distribution_from_table({f("mean", std::string("1 min"), 2)}, dimension::time, origin, out3));
  EXPECT_NE(out3.items().at(0).message.find("needs a 'dist' key"), std::string::npos);

  diagnostics out4;
  EXPECT_FALSE(distribution_from_table(
      {f("dist", std::string("exponential"), 1), f("mean", std::monostate{}, 4)}, dimension::time,
      origin, out4));
  EXPECT_EQ(out4.items().at(0).key_path, "stages.s.service.mean");
}

}  // namespace
}  // namespace tumen::scenario
