// Transshipment yards: a loaded truck of a transshipping class parks, waits for a bay during the
// yard's hours, hands its cargo to one new truck of the receiving class (same tonnes), and ends
// its trip as "transferred"; the emptied truck may start a new trip home. Tonnes are conserved
// from the delivering trucks through the yard to the receiving trucks.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "model_test_support.hpp"
#include "tumen/results/checks.hpp"

namespace {

using model_test::exact;

// Constant 20 t loads at 40 t/h plus a 10 min setup: every transfer takes 600 + 1,800 = 2,400 s.
constexpr const char* yard_crossing = R"toml(
[run]
days = 10
[classes.ru_truck]
cargo = "20 t"
transship = true
[classes.kp_truck]
cargo = "20 t"
[stages.exit]
lanes = 2
service = "exp(mean 5 min)"
[yards.yard]
bays = 3
rate = "40 t/h"
setup = "10 min"
parking = 5
receiving_class = "kp_truck"
empty_truck_route = "home"
hours = "08:00-20:00"
[stages.kp_entry]
lanes = 2
service = "exp(mean 5 min)"
[stages.ru_entry]
lanes = 2
service = "exp(mean 3 min)"
[routes.out]
path = ["exit", "yard", "kp_entry"]
[routes.home]
path = ["ru_entry"]
[[demand]]
class = "ru_truck"
route = "out"
per_hour = 2
)toml";

TEST(model_yards, transfer_time_is_setup_plus_tonnes_over_rate_and_only_in_working_hours) {
  const auto sc = model_test::parse(yard_crossing);
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto transfers = trace.at("yard");
  ASSERT_GT(transfers.size(), 300u);
  for (const auto& v : transfers) {
    EXPECT_EQ(v.outcome, "transferred");
    EXPECT_EQ(v.vehicle_class, "ru_truck");
    EXPECT_NEAR(v.service(), 2400.0, 1e-6);
    const double tod = model_test::time_of_day(v.service_start);
    EXPECT_GE(tod, 8 * 3600.0) << v.service_start;
    EXPECT_LT(tod, 20 * 3600.0) << v.service_start;
    EXPECT_LE(model_test::in_service_at(transfers, v.service_start), 3);
  }
  const auto& y = model_test::named(r.yards, "yard");
  EXPECT_EQ(y.transfers, transfers.size());
  EXPECT_NEAR(y.transfer.mean, 2400.0, 1e-6);
  EXPECT_LE(y.parking_max, 5.0);
  EXPECT_EQ(y.bays, 3);
}

TEST(model_yards, tonnes_in_delivering_trucks_equal_tonnes_transferred_equal_tonnes_received) {
  const auto sc = model_test::parse(yard_crossing);
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
  const auto& y = model_test::named(r.yards, "yard");
  const auto& delivering = model_test::flow(r, "out", "ru_truck", "demand");
  const auto& receiving = model_test::flow(r, "out", "kp_truck", "transfer");
  const auto& empty = model_test::flow(r, "home", "ru_truck", "empty");
  // Every delivering truck carries 20 t.
  EXPECT_DOUBLE_EQ(delivering.tonnes_arrived, 20.0 * static_cast<double>(delivering.arrived));
  EXPECT_EQ(delivering.transferred, y.transfers);
  EXPECT_DOUBLE_EQ(delivering.tonnes_transferred, 20.0 * static_cast<double>(y.transfers));
  EXPECT_DOUBLE_EQ(y.tonnes_transferred, delivering.tonnes_transferred);
  // One receiving truck per transfer, with the same tonnes; one empty truck home per transfer.
  EXPECT_EQ(receiving.arrived, y.transfers);
  EXPECT_DOUBLE_EQ(receiving.tonnes_arrived, y.tonnes_transferred);
  EXPECT_EQ(empty.arrived, y.transfers);
  EXPECT_DOUBLE_EQ(empty.tonnes_arrived, 0.0);
  EXPECT_EQ(delivering.cleared, 0u);
  // The cargo that left the crossing did so in receiving trucks.
  EXPECT_DOUBLE_EQ(receiving.tonnes_cleared, 20.0 * static_cast<double>(receiving.cleared));
  EXPECT_DOUBLE_EQ(delivering.tonnes_arrived,
                   delivering.tonnes_transferred + delivering.tonnes_inside);
}

TEST(model_yards,
     the_receiving_truck_starts_when_the_transfer_ends_and_follows_the_rest_of_the_route) {
  const auto sc = model_test::parse(yard_crossing);
  model_test::recorder trace;
  model_test::run(sc, &trace);
  std::multiset<double> transfer_ends;
  for (const auto& v : trace.at("yard")) transfer_ends.insert(v.service_end);
  std::set<std::string> kp_truck_elements, ru_truck_elements;
  int received = 0;
  for (const auto& v : trace.visits) {
    (v.vehicle_class == "kp_truck" ? kp_truck_elements : ru_truck_elements).insert(v.element);
    if (v.element == "kp_entry") {
      // kp_entry follows the yard directly: the receiving truck joins it when a transfer ends.
      EXPECT_EQ(v.vehicle_class, "kp_truck");
      auto it = transfer_ends.find(v.queue_join);
      ASSERT_NE(it, transfer_ends.end()) << "no transfer ended at " << v.queue_join;
      transfer_ends.erase(it);
      ++received;
    }
    if (v.element == "ru_entry") {
      EXPECT_EQ(v.route, "home");
    }
  }
  EXPECT_GT(received, 300);
  EXPECT_EQ(kp_truck_elements, (std::set<std::string>{"kp_entry"}));
  EXPECT_EQ(ru_truck_elements, (std::set<std::string>{"exit", "yard", "ru_entry"}));
}

TEST(model_yards, fewer_crews_than_bays_limit_transfers_at_once) {
  const auto sc = model_test::parse(yard_crossing, {"yards.yard.crews=1"});
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  const auto transfers = trace.at("yard");
  ASSERT_GT(transfers.size(), 100u);
  for (const auto& v : transfers)
    EXPECT_EQ(model_test::in_service_at(transfers, v.service_start), 1) << v.service_start;
  EXPECT_EQ(model_test::named(r.yards, "yard").bays, 1);
  // 12 h a day at 2,400 s per transfer is 18 transfers a day at most.
  EXPECT_LE(transfers.size(), 18u * 10);
}

TEST(model_yards, an_empty_transshipping_truck_uses_no_bay_and_goes_home_empty) {
  // Half the Russian trucks are empty: they pass the yard without a transfer.
  const auto sc = model_test::parse(yard_crossing, {"classes.ru_truck.loaded_share=0.5"});
  model_test::recorder trace;
  const auto r = model_test::run(sc, &trace);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
  const auto& y = model_test::named(r.yards, "yard");
  EXPECT_GT(y.empty_arrivals, 100u);
  EXPECT_EQ(trace.at("yard").size(), y.transfers);  // no trace record for an empty truck
  const auto& empty = model_test::flow(r, "home", "ru_truck", "empty");
  EXPECT_EQ(empty.arrived, y.transfers + y.empty_arrivals);
  const auto& delivering = model_test::flow(r, "out", "ru_truck", "demand");
  EXPECT_DOUBLE_EQ(delivering.tonnes_transferred, 20.0 * static_cast<double>(y.transfers));
  EXPECT_EQ(model_test::flow(r, "out", "kp_truck", "transfer").arrived, y.transfers);
}

TEST(model_yards, khasan_tumangang_conserves_tonnes_through_both_yards) {
  const auto sc = model_test::builtin("khasan-tumangang");
  const auto r = model_test::run(sc);
  EXPECT_TRUE(tumen::results::conservation_problems(r).empty());
  double yard_tonnes = 0, delivered = 0, received = 0;
  std::uint64_t transfers = 0, received_trucks = 0;
  for (const auto& y : r.yards) {
    yard_tonnes += y.tonnes_transferred;
    transfers += y.transfers;
  }
  for (const auto& f : r.flows) {
    delivered += f.tonnes_transferred;
    if (f.origin == "transfer") {
      received += f.tonnes_arrived;
      received_trucks += f.arrived;
    }
  }
  EXPECT_GT(yard_tonnes, 0.0);
  EXPECT_NEAR(delivered, yard_tonnes, 1e-9 * yard_tonnes);
  EXPECT_NEAR(received, yard_tonnes, 1e-9 * yard_tonnes);
  EXPECT_EQ(received_trucks, transfers);
  // uniform(16 t, 24 t) loads: the mean transferred is near 20 t.
  EXPECT_NEAR(yard_tonnes / static_cast<double>(transfers), 20.0, 0.3);
}

}  // namespace
