// Stopping on request (tumen/base/stop.hpp): a set flag stops replications before they start and
// while they run, on one thread or many, and a flag that stays clear changes nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tumen/base/stop.hpp"
#include "tumen/experiment/replications.hpp"
#include "tumen/experiment/sweep.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/scenario/reader.hpp"

using namespace tumen::experiment;

namespace {

const char* const booth_toml = R"toml(
[scenario]
name = "booth"

[run]
days = 20
seed = 7

[classes.car]

[stages.booth]
service = "exp(mean 60 s)"

[routes.through]
path = ["booth"]

[[demand]]
per_hour = 40
)toml";

tumen::scenario::scenario booth(int days = 20) {
  return tumen::scenario::parse(
      booth_toml, "booth.toml",
      {tumen::scenario::parse_override("run.days=" + std::to_string(days))});
}

TEST(stop, a_set_flag_stops_a_replication_and_a_clear_one_changes_nothing) {
  const auto sc = booth();
  std::atomic<bool> stop{false};
  tumen::model::run_options o;
  o.stop = &stop;
  const auto with_flag = tumen::model::run_replication(sc, 3, o);
  const auto without = tumen::model::run_replication(sc, 3);
  EXPECT_EQ(with_flag.events, without.events);
  EXPECT_EQ(with_flag.ended_at, without.ended_at);
  stop = true;
  EXPECT_THROW(tumen::model::run_replication(sc, 3, o), tumen::stopped);
}

TEST(stop, a_flag_set_while_replications_run_stops_them_on_every_executor) {
  // 2000 days each: far longer than the test waits before it sets the flag.
  const auto sc = booth(2000);
  for (const int jobs : {1, 3}) {
    std::atomic<bool> stop{false};
    auto ex = make_executor(jobs);
    replication_options o;
    o.stop = &stop;
    std::size_t finished = 0;
    o.on_done = [&](std::size_t, const auto&) { ++finished; };
    std::thread stopper([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      stop = true;
    });
    EXPECT_THROW(run_replications(sc, 50, *ex, o), tumen::stopped) << jobs << " jobs";
    stopper.join();
    EXPECT_LT(finished, 50u) << jobs << " jobs";
  }
}

TEST(stop, a_sweep_unit_stops_when_asked) {
  sweep_definition d;
  d.scenario_text = booth_toml;
  d.scenario_source = "booth.toml";
  d.variables = parse_vary({"stages.booth.lanes=1,2"});
  d.replications = 2;
  const sweep_plan plan(std::move(d));
  std::atomic<bool> stop{true};
  EXPECT_THROW(plan.run_unit(0, &stop), tumen::stopped);
  stop = false;
  EXPECT_EQ(plan.run_unit(0, &stop), plan.run_unit(0));
}

}  // namespace
