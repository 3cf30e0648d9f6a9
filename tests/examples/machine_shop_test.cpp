// The machine shop example's model (examples/machine_shop.hpp): the repairman's time adds up
// (repairs and other jobs, never idle, preemption leaving no gap), and over a long run his share
// of repairs and the machines' share of work agree with the finite-source queue M/D/1//N.
#include "machine_shop.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>

namespace tumen::examples {
namespace {

TEST(RepairmanBusyShare, IsTheAlternatingRenewalShareForOneMachine) {
  // One machine: up for 1/λ on average, then down for d.
  EXPECT_NEAR(repairman_busy_share(1, 1.0 / 300, 30), 30.0 / 330, 1e-12);
}

TEST(RepairmanBusyShare, GrowsWithTheMachinesTowardsOne) {
  double previous = 0;
  for (int n = 1; n <= 20; ++n) {
    const double busy = repairman_busy_share(n, 1.0 / 300, 30);
    EXPECT_GT(busy, previous) << n << " machines";
    // Never more breakdowns than N machines working all the time could have.
    EXPECT_LE(busy, std::min(1.0, n * 30.0 / 300)) << n << " machines";
    previous = busy;
  }
  EXPECT_GT(previous, 0.9999);  // twice the repairs one man can do: he is never free
}

TEST(MachineShop, TheRepairmansTimeAddsUp) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const machine_shop_config config;
    const machine_shop_figures f = machine_shop(config, seed).run();
    const sim_time t = f.end;
    EXPECT_EQ(t, config.duration);
    // Never idle: when nothing is broken he is on another job, and a breakdown takes him off it
    // at once.
    EXPECT_NEAR(f.repairing_share + f.other_jobs_share, 1, 1e-9);
    // One thing at a time: the finished repairs and jobs, and at most one of each under way.
    const double repairing = f.repairing_share * t, other = f.other_jobs_share * t;
    EXPECT_GE(repairing, static_cast<double>(f.repairs) * config.repair_time - 1e-6);
    EXPECT_LE(repairing, static_cast<double>(f.repairs + 1) * config.repair_time + 1e-6);
    EXPECT_GE(other, static_cast<double>(f.other_jobs) * config.job_duration - 1e-6);
    EXPECT_LE(other, static_cast<double>(f.other_jobs + 1) * config.job_duration + 1e-6);
    // Every breakdown is repaired, waiting or under repair.
    EXPECT_GE(f.breakdowns, f.repairs);
    EXPECT_LE(f.breakdowns, f.repairs + static_cast<std::uint64_t>(config.machines));
    EXPECT_LE(f.preemptions, f.breakdowns);
  }
}

TEST(MachineShop, SameSeedSameShopAndOtherSeedOtherShop) {
  EXPECT_EQ(machine_shop({}, 42).run().parts, machine_shop({}, 42).run().parts);
  EXPECT_NE(machine_shop({}, 42).run().parts, machine_shop({}, 43).run().parts);
}

// 300 weeks: about 80 000 repairs. Across seeds the shares vary by about 0.0013 (sd); the
// tolerance is several times that.
TEST(MachineShop, LongRunSharesMatchTheFiniteSourceQueue) {
  const machine_shop_config config{.duration = 300 * weeks};
  const machine_shop_figures f = machine_shop(config, 42).run();
  const double lambda = 1 / config.mean_time_to_failure;
  const double busy = repairman_busy_share(config.machines, lambda, config.repair_time);
  EXPECT_NEAR(f.repairing_share, busy, 0.006);
  EXPECT_NEAR(f.working_share, busy / (config.machines * lambda * config.repair_time), 0.006);
  // Parts: the machines' working time over the mean time of a part (10 minutes; truncating the
  // normal at zero changes nothing measurable).
  const auto parts = std::accumulate(f.parts.begin(), f.parts.end(), std::uint64_t{0});
  const double expected_parts =
      f.working_share * config.machines * config.duration / config.mean_part_time;
  EXPECT_NEAR(static_cast<double>(parts) / expected_parts, 1, 0.002);
}

TEST(MachineShop, RefusesAModelItCannotRun) {
  EXPECT_THROW(machine_shop({.machines = 0}, 1), std::invalid_argument);
  EXPECT_THROW(machine_shop({.repair_time = 0}, 1), std::invalid_argument);
}

}  // namespace
}  // namespace tumen::examples
