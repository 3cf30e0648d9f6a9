// car_wash — the model of examples/car_wash.cpp (SimPy's "Carwash" example), kept in a header so
// that tests/examples/ can run it too.
//
// A car wash has a few washing machines. A car takes a free machine or waits in one FIFO queue for
// the next; a wash takes a fixed time and removes a random share of the car's dirt (a whole
// percentage from 50 to 99). Some cars are already waiting when the wash opens; after that a car
// arrives every `interval` ± 2 minutes (a whole number of minutes, each equally likely).
//
//   tumen::examples::car_wash wash({.machines = 2}, seed);
//   const tumen::examples::car_wash_figures f = wash.run();
//
// It shows a resource (the machines) and a process waiting for another: a car starts a wash
// process and waits for it to finish. Pass a log to follow every car, as SimPy's example prints:
// the log is called with the time and a sentence, and not at all when empty.
//
// At the end, conservation holds: arrived = washed + washing + waiting.
#pragma once

#include <fmt/format.h>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>

#include "tumen/base/time.hpp"
#include "tumen/random/stream.hpp"
#include "tumen/sim/resource.hpp"
#include "tumen/sim/simulation.hpp"
#include "tumen/stats/tally.hpp"
#include "tumen/stats/time_weighted.hpp"

namespace tumen::examples {

struct car_wash_config {
  int machines = 2;
  sim_time wash_time = 5 * minutes;
  int interval_minutes = 7;  // a new car every interval ± 2 whole minutes (interval >= 2)
  int initial_cars = 4;      // waiting when the wash opens
  sim_time duration = 20 * minutes;
};

struct car_wash_figures {
  std::uint64_t arrived = 0;
  std::uint64_t washed = 0;       // washes finished
  std::uint64_t washing = 0;      // in a machine at the end
  std::uint64_t waiting = 0;      // in the queue at the end
  std::uint64_t cars_waited = 0;  // cars that found every machine busy and waited (> 0 s)
  stats::tally waits;             // of the cars that got a machine, seconds
  stats::tally dirt_removed;      // percent, of the washes finished
  double mean_busy = 0;           // time-average machines in use
  sim_time end = 0;
};

// A sentence of the log, at a simulated time.
using car_wash_log = std::function<void(sim_time, const std::string&)>;

class car_wash {
 public:
  car_wash(const car_wash_config& config, std::uint64_t seed, car_wash_log log = {})
      : config_(config),
        machines_(sim_, config.machines),
        arrivals_(seed, 0, "arrivals"),
        dirt_(seed, 0, "dirt"),
        log_(std::move(log)) {
    if (config.machines < 1) throw std::invalid_argument("car_wash: machines must be >= 1");
    if (config.interval_minutes < 2)
      throw std::invalid_argument("car_wash: interval must be >= 2 minutes");
  }

  // Opens the wash and runs it for config.duration.
  car_wash_figures run() {
    sim_.start(source(), "source");
    sim_.run(config_.duration);
    figures_.washing = static_cast<std::uint64_t>(machines_.in_use());
    figures_.waiting = machines_.queue_length();
    figures_.mean_busy = busy_.mean(sim_.now());
    figures_.end = sim_.now();
    return figures_;
  }

  sim::simulation& sim() { return sim_; }

 private:
  sim::process<> source() {
    int id = 0;
    for (; id < config_.initial_cars; ++id) sim_.start(car(id));
    for (;;) {
      const auto gap = static_cast<int>(arrivals_.below(5)) + config_.interval_minutes - 2;
      co_await sim_.timeout(gap * minutes);
      sim_.start(car(id++));
    }
  }

  sim::process<> car(int id) {
    const sim_time arrived = sim_.now();
    ++figures_.arrived;
    say("Car {} arrives at the car wash.", id);
    co_await machines_.request();
    figures_.waits.add(sim_.now() - arrived);
    if (sim_.now() > arrived) ++figures_.cars_waited;
    busy_.add(sim_.now(), +1);
    say("Car {} enters the car wash.", id);
    co_await sim_.start(wash(id));
    machines_.release();
    busy_.add(sim_.now(), -1);
    say("Car {} leaves the car wash.", id);
  }

  sim::process<> wash(int id) {
    co_await sim_.timeout(config_.wash_time);
    const auto percent = static_cast<int>(dirt_.below(50)) + 50;
    figures_.dirt_removed.add(percent);
    ++figures_.washed;
    say("The car wash removed {}% of car {}'s dirt.", percent, id);
  }

  template <class... Args>
  void say(fmt::format_string<Args...> format, Args&&... args) {
    if (log_) log_(sim_.now(), fmt::format(format, std::forward<Args>(args)...));
  }

  car_wash_config config_;
  sim::simulation sim_;
  sim::resource machines_;
  random::stream arrivals_, dirt_;
  stats::time_weighted busy_;
  car_wash_log log_;
  car_wash_figures figures_;
};

}  // namespace tumen::examples
