// The bank example's model (examples/bank_renege.hpp) and its formula: the M/M/1+G reneging
// share against cases solved in closed form (no reneging, constant patience, exponential
// patience: Erlang A with one server), and the simulated share over a long run against it.
#include "bank_renege.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "tumen/random/distribution.hpp"

namespace tumen::examples {
namespace {

using random::distribution;

// Erlang A with one server: the birth–death chain with birth rate lambda and death rate
// mu + (n − 1) theta in state n >= 1; customers renege at rate theta × E[number waiting].
double erlang_a1_reneging_share(double lambda, double mu, double theta) {
  std::vector<double> p{1};
  for (int n = 1; n < 2000; ++n) p.push_back(p.back() * lambda / (mu + (n - 1) * theta));
  double total = 0, waiting = 0;
  for (std::size_t n = 0; n < p.size(); ++n) {
    total += p[n];
    if (n > 0) waiting += static_cast<double>(n - 1) * p[n];
  }
  return theta * waiting / total / lambda;
}

TEST(MM1GRenegingShare, IsZeroWhenNobodyGivesUp) {
  EXPECT_NEAR(mm1g_reneging_share(0.5, 1, [](double) { return 1.0; }), 0, 1e-6);
}

TEST(MM1GRenegingShare, MatchesTheClosedFormForConstantPatience) {
  // V has the density lambda p0 exp((lambda − mu) x) up to d and lambda p0 exp(lambda d − mu x)
  // beyond it.
  for (const auto& [lambda, mu, d] : std::vector<std::tuple<double, double, double>>{
           {0.1, 1.0 / 12, 2}, {0.9, 1, 5}, {2, 1, 0.5}}) {
    const double integral =
        std::expm1((lambda - mu) * d) / (lambda - mu) + std::exp((lambda - mu) * d) / mu;
    const double p0 = 1 / (1 + lambda * integral);
    const double expected = 1 - mu * (1 - p0) / lambda;
    EXPECT_NEAR(mm1g_reneging_share(lambda, mu, [d](double x) { return x < d ? 1.0 : 0.0; }),
                expected, 2e-5)  // the jump at d costs the trapezoidal rule its accuracy
        << "lambda " << lambda << " mu " << mu << " d " << d;
  }
}

TEST(MM1GRenegingShare, MatchesErlangAForExponentialPatience) {
  for (const auto& [lambda, mu, theta] : std::vector<std::tuple<double, double, double>>{
           {0.1, 1.0 / 12, 0.2}, {0.9, 1, 0.1}, {3, 1, 0.5}}) {
    EXPECT_NEAR(mm1g_reneging_share(lambda, mu, [t = theta](double x) { return std::exp(-t * x); }),
                erlang_a1_reneging_share(lambda, mu, theta), 1e-6)
        << "lambda " << lambda << " mu " << mu << " theta " << theta;
  }
}

TEST(Bank, EveryCustomerIsServedOrReneges) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const bank_figures f = bank({.customers = 1000}, seed).run();
    EXPECT_EQ(f.arrived, 1000u);
    EXPECT_EQ(f.served + f.reneged, f.arrived);
    EXPECT_EQ(f.waits_served.count(), f.served);
    EXPECT_LE(f.waits_served.max(), 3);  // nobody waits longer than the longest patience
  }
}

TEST(Bank, SameSeedSameStoryAndOtherSeedOtherStory) {
  const auto tell = [](std::uint64_t seed) {
    std::vector<std::pair<sim_time, std::string>> lines;
    bank({.customers = 50}, seed, [&](sim_time t, const std::string& what) {
      lines.emplace_back(t, what);
    }).run();
    return lines;
  };
  EXPECT_EQ(tell(5), tell(5));
  EXPECT_NE(tell(5), tell(6));
}

// One long run of SimPy's bank: a million customers. The share's standard error is about 0.0007
// (customers are correlated through the queue); the tolerance is several times that.
TEST(Bank, LongRunRenegingShareMatchesMM1GWithUniformPatience) {
  const bank_config config{.customers = 1'000'000};
  const bank_figures f = bank(config, 42).run();
  const double analytic =
      mm1g_reneging_share(1 / config.mean_interval, 1 / config.mean_time_in_bank,
                          [](double x) { return uniform_survival(1, 3, x); });
  EXPECT_NEAR(f.reneged_share(), analytic, 0.004);
}

TEST(Bank, LongRunRenegingShareMatchesErlangAWithExponentialPatience) {
  const bank_config config{.customers = 1'000'000,
                           .mean_interval = 10,
                           .mean_time_in_bank = 12,
                           .patience = distribution::exponential(5)};
  const bank_figures f = bank(config, 7).run();
  EXPECT_NEAR(f.reneged_share(), erlang_a1_reneging_share(0.1, 1.0 / 12, 0.2), 0.004);
}

}  // namespace
}  // namespace tumen::examples
