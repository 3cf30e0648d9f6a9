// car_wash — SimPy's "Carwash" example written with tumen's engine (the model is car_wash.hpp).
//
// Two machines wash a car in 5 minutes each; four cars wait at the opening and another arrives
// every 7 ± 2 minutes. The program prints what happens to every car (unless --quiet), then one
// line of JSON:
//
//   $ build/bin/car_wash --seed 42
//   Car wash
//      0.00 min  Car 0 arrives at the car wash.
//      0.00 min  Car 0 enters the car wash.
//      ...
//      5.00 min  The car wash removed 83% of car 0's dirt.
//      ...
//     10.00 min  Car 3 leaves the car wash.
//      ...
//   {"model":"car wash","machines":2,"wash_time_min":5,"interval_min":7,"initial_cars":4,
//    "sim_time_min":20,"seed":42,"arrived":6,"washed":5,"washing":1,"waiting":0,
//    "cars_waited":3,"mean_wait_min":2,"max_wait_min":5,...}
//
// Whatever the seed, the first four cars leave at 5 and 10 minutes and, since no gap between
// later cars is shorter than a wash, only those two and the fifth car ever wait (at most 5
// minutes): a long run (--sim-time 1000000) still says "cars_waited":3, and mean_busy tends to
// wash time / interval = 5/7.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "car_wash.hpp"
#include "tumen/base/time.hpp"

int main(int argc, char** argv) {
  using namespace tumen;
  examples::car_wash_config config;
  double wash_minutes = config.wash_time / minutes, sim_minutes = config.duration / minutes;
  std::uint64_t seed = 42;
  bool quiet = false;
  CLI::App app{"SimPy's car wash on the tumen engine; prints the cars' story and one line of JSON"};
  app.add_option("--machines", config.machines, "washing machines")->check(CLI::Range(1, 1000));
  app.add_option("--wash-time", wash_minutes, "minutes a wash takes")->check(CLI::PositiveNumber);
  app.add_option("--interval", config.interval_minutes,
                 "a new car every this many minutes, ± 2 (whole minutes)")
      ->check(CLI::Range(2, 1000000));
  app.add_option("--initial-cars", config.initial_cars, "cars waiting at the opening")
      ->check(CLI::Range(0, 1000000));
  app.add_option("--sim-time", sim_minutes, "minutes to simulate")->check(CLI::PositiveNumber);
  app.add_option("--seed", seed, "master seed");
  app.add_flag("--quiet", quiet, "print only the JSON summary");
  CLI11_PARSE(app, argc, argv);
  config.wash_time = wash_minutes * minutes;
  config.duration = sim_minutes * minutes;

  examples::car_wash_log log;
  if (!quiet) {
    fmt::print("Car wash\n");
    log = [](sim_time t, const std::string& what) {
      fmt::print("{:7.2f} min  {}\n", t / minutes, what);
    };
  }
  examples::car_wash wash(config, seed, log);
  const examples::car_wash_figures f = wash.run();

  fmt::print(
      "{{\"model\":\"car wash\",\"machines\":{},\"wash_time_min\":{},\"interval_min\":{},"
      "\"initial_cars\":{},\"sim_time_min\":{},\"seed\":{},\"arrived\":{},\"washed\":{},"
      "\"washing\":{},\"waiting\":{},\"cars_waited\":{},\"mean_wait_min\":{:.6g},"
      "\"max_wait_min\":{:.6g},\"mean_dirt_removed_pct\":{:.6g},\"mean_busy\":{:.6g},"
      "\"events\":{}}}\n",
      config.machines, wash_minutes, config.interval_minutes, config.initial_cars, sim_minutes,
      seed, f.arrived, f.washed, f.washing, f.waiting, f.cars_waited, f.waits.mean() / minutes,
      f.waits.max() / minutes, f.dirt_removed.mean(), f.mean_busy, wash.sim().dispatched());
  return 0;
}
