// The car wash example's model (examples/car_wash.hpp): SimPy's story, which the first cars tell
// whatever the seed; conservation of cars; and the long run, where no car waits after the fifth
// and the machines are busy wash time / interval on average.
#include "car_wash.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tumen::examples {
namespace {

using story = std::vector<std::pair<sim_time, std::string>>;

story tell(const car_wash_config& config, std::uint64_t seed) {
  story lines;
  car_wash wash(config, seed,
                [&](sim_time t, const std::string& what) { lines.emplace_back(t, what); });
  wash.run();
  return lines;
}

sim_time when(const story& lines, const std::string& what) {
  for (const auto& [t, line] : lines)
    if (line == what) return t;
  ADD_FAILURE() << "never happened: " << what;
  return -1;
}

TEST(CarWash, FirstFourCarsLeaveAtFiveAndTenMinutesWhateverTheSeed) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE(seed);
    const story lines = tell({}, seed);
    EXPECT_EQ(when(lines, "Car 0 enters the car wash."), 0);
    EXPECT_EQ(when(lines, "Car 1 leaves the car wash."), 5 * minutes);
    EXPECT_EQ(when(lines, "Car 2 enters the car wash."), 5 * minutes);
    EXPECT_EQ(when(lines, "Car 3 leaves the car wash."), 10 * minutes);
    // The fifth car arrives 5 to 9 minutes after the opening and waits for the second pair.
    const sim_time fifth = when(lines, "Car 4 arrives at the car wash.");
    EXPECT_GE(fifth, 5 * minutes);
    EXPECT_LE(fifth, 9 * minutes);
    EXPECT_EQ(when(lines, "Car 4 enters the car wash."), 10 * minutes);
  }
}

TEST(CarWash, SameSeedSameStoryAndOtherSeedOtherStory) {
  const car_wash_config config{.duration = 10 * hours};
  EXPECT_EQ(tell(config, 3), tell(config, 3));
  EXPECT_NE(tell(config, 3), tell(config, 4));
}

TEST(CarWash, EveryCarThatArrivedIsWashedWashingOrWaiting) {
  const std::vector<car_wash_config> configs = {
      {},
      {.machines = 1, .interval_minutes = 4, .duration = 3 * days},  // the queue grows
      {.machines = 3,
       .wash_time = 17 * minutes,
       .interval_minutes = 6,
       .initial_cars = 10,
       .duration = 2 * days},
  };
  for (const car_wash_config& config : configs) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      const car_wash_figures f = car_wash(config, seed).run();
      EXPECT_EQ(f.arrived, f.washed + f.washing + f.waiting);
      EXPECT_LE(f.washing, static_cast<std::uint64_t>(config.machines));
      EXPECT_EQ(f.waits.count(), f.washed + f.washing);
      EXPECT_EQ(f.dirt_removed.count(), f.washed);
      EXPECT_EQ(f.end, config.duration);
    }
  }
}

TEST(CarWash, LongRunOnlyTheFirstCarsWaitAndMachinesAreBusyWashTimeOverInterval) {
  const car_wash_config config{.duration = 1'000'000 * minutes};
  const car_wash_figures f = car_wash(config, 42).run();
  // Cars 2 and 3 wait 5 minutes, car 4 from its arrival until 10 minutes; no gap afterwards is
  // shorter than a wash, so with two machines nobody else waits.
  EXPECT_EQ(f.cars_waited, 3u);
  EXPECT_EQ(f.waits.max(), 5 * minutes);
  // Little: busy machines = arrival rate × wash time = (1/7 per minute) × 5 minutes.
  EXPECT_NEAR(f.mean_busy, 5.0 / 7.0, 0.005);
  EXPECT_NEAR(static_cast<double>(f.arrived) / 1'000'000, 1.0 / 7.0, 0.001);
  // The dirt removed is uniform on 50..99 %.
  EXPECT_NEAR(f.dirt_removed.mean(), 74.5, 0.2);
  EXPECT_EQ(f.dirt_removed.min(), 50);
  EXPECT_EQ(f.dirt_removed.max(), 99);
}

TEST(CarWash, RefusesAModelItCannotRun) {
  EXPECT_THROW(car_wash({.machines = 0}, 1), std::invalid_argument);
  EXPECT_THROW(car_wash({.interval_minutes = 1}, 1), std::invalid_argument);
}

}  // namespace
}  // namespace tumen::examples
