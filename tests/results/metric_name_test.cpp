// The metric vocabulary (tumen/results/metric_name.hpp): every name a replication of each built-in
// scenario produces reads back to itself, the parts read are the right ones (ids with dots too),
// and names outside the grammar are refused.
#include <gtest/gtest.h>

#include <set>

#include "tumen/experiment/metrics.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/results/metric_name.hpp"
#include "tumen/results/metric_units.hpp"
#include "tumen/scenario/builtin.hpp"
#include "tumen/scenario/reader.hpp"

using namespace tumen;
using namespace tumen::results;

namespace {

std::string round_trip(const std::string& name) {
  const auto m = parse_metric_name(name);
  return m ? to_string(*m) : "<refused>";
}

TEST(MetricName, EveryFigureOfEveryBuiltinScenarioReadsBack) {
  for (const auto& b : scenario::builtin_scenarios()) {
    SCOPED_TRACE(b.name);
    auto sc = scenario::parse(b.text, b.file_name());
    sc.run.days = 2;
    sc.run.warmup = 3600;
    const auto r = model::run_replication(sc, 0, {});
    const auto all = experiment::scalars(r, true);
    std::set<std::string> kinds_seen;
    std::set<std::string> names;
    for (const auto& [name, value] : all) {
      EXPECT_TRUE(names.insert(name).second) << name << " twice";
      const auto m = parse_metric_name(name);
      ASSERT_TRUE(m.has_value()) << name;
      EXPECT_EQ(to_string(*m), name);
      EXPECT_EQ(m->unit() == metric_unit::seconds, is_duration_metric(name)) << name;
      kinds_seen.insert(std::to_string(static_cast<int>(m->kind)));
    }
    // Every element of the run is named with its own id.
    for (const auto& s : r.stages)
      EXPECT_TRUE(names.count(to_string(metric_name::stage(s.id, figure::utilisation))));
    for (const auto& y : r.yards)
      EXPECT_TRUE(names.count(to_string(metric_name::yard(y.id, figure::wait, statistic::p95))));
    EXPECT_GE(kinds_seen.size(), 3u);
    if (b.name == "khasan-tumangang") {
      // The crossing has every kind of element, road and rail, and stages that several classes
      // pass (stage_class); its yards take one delivering class each (no yard_class).
      EXPECT_EQ(kinds_seen.size(), 13u);
      EXPECT_TRUE(names.count("stage_class.ru_exit_passport.truck.wait.p95"));
      EXPECT_TRUE(names.count("rail.station.khasan_station.inspection.mean"));
      EXPECT_TRUE(names.count("rail.ru_to_kp.trains_per_day"));
    }
  }
}

TEST(MetricName, PartsAreRead) {
  auto m = parse_metric_name("stage.ru_customs.wait.p95");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, element_kind::stage);
  EXPECT_EQ(m->id, "ru_customs");
  EXPECT_EQ(m->figure, figure::wait);
  EXPECT_EQ(m->statistic, statistic::p95);
  EXPECT_FALSE(m->hour);
  EXPECT_EQ(m->unit(), metric_unit::seconds);
  EXPECT_EQ(figure_part(*m), "wait.p95");

  m = parse_metric_name("stage.x.hourly.wait_mean.07");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->id, "x");
  EXPECT_EQ(m->figure, figure::wait_mean);
  EXPECT_EQ(m->hour, 7);
  EXPECT_EQ(figure_part(*m), "hourly.wait_mean.07");
  EXPECT_EQ(*m, metric_name::hourly(element_kind::stage, "x", figure::wait_mean, 7));

  m = parse_metric_name("flow.ru_to_kp.truck.transfer.time_in_system.p95");
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, metric_name::flow("ru_to_kp", "truck", "transfer", figure::time_in_system,
                                  statistic::p95));

  m = parse_metric_name("rail.kp_to_ru.tonnes_per_day");
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, metric_name::rail_direction("kp", "ru", figure::tonnes_per_day));
  EXPECT_EQ(m->unit(), metric_unit::per_day);

  m = parse_metric_name("rail.flow.ru_to_kp_rail_freight.freight.tonnes_cleared");
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, metric_name::rail_flow("ru_to_kp_rail_freight", "freight", figure::tonnes_cleared));
  EXPECT_EQ(m->unit(), metric_unit::tonnes);

  EXPECT_EQ(*parse_metric_name("max_wait_p95"), metric_name::crossing(figure::max_wait_p95));
  EXPECT_EQ(*parse_metric_name("all_modes.tonnes_per_day"),
            metric_name::all_modes(figure::tonnes_per_day));
  EXPECT_EQ(*parse_metric_name("rail.trains_per_day"), metric_name::rail(figure::trains_per_day));
  EXPECT_EQ(*parse_metric_name("rail.gauge.g.work.mean"),
            metric_name::element(element_kind::rail_gauge, "g", figure::work, statistic::mean));
  EXPECT_EQ(parse_metric_name("saturated")->unit(), metric_unit::flag);
  EXPECT_EQ(parse_metric_name("stage.x.utilisation")->unit(), metric_unit::share);
  EXPECT_EQ(parse_metric_name("yard.y.hourly.utilisation.23")->unit(), metric_unit::share);
  EXPECT_EQ(parse_metric_name("holding.h.hourly.occupancy.00")->unit(), metric_unit::count);
}

TEST(MetricName, NamesAreTheOnesUsedSinceTheStart) {
  EXPECT_EQ(to_string(metric_name::crossing(figure::vehicles_per_day)), "vehicles_per_day");
  EXPECT_EQ(to_string(metric_name::stage("s", figure::service, statistic::mean)),
            "stage.s.service.mean");
  EXPECT_EQ(to_string(metric_name::hourly(element_kind::stage, "s", figure::open_lanes, 0)),
            "stage.s.hourly.open_lanes.00");
  EXPECT_EQ(to_string(metric_name::element(element_kind::holding, "h", figure::wait_outside,
                                           statistic::p95)),
            "holding.h.wait_outside.p95");
  EXPECT_EQ(to_string(metric_name::flow("r", "car", "demand", figure::cleared)),
            "flow.r.car.demand.cleared");
  EXPECT_EQ(to_string(metric_name::element(element_kind::rail_bridge, "b", figure::occupied_share)),
            "rail.bridge.b.occupied_share");
  EXPECT_EQ(
      to_string(metric_name::rail_flow("r", "tourist", figure::time_in_system, statistic::mean)),
      "rail.flow.r.tourist.time_in_system.mean");
}

TEST(MetricName, IdsWithDotsAndIdsThatLookLikeFigures) {
  for (const char* name :
       {"stage.a.b.wait.p95", "stage.a.b.c.hourly.queue_mean.13", "stage.wait.arrived",
        "stage.hourly.utilisation", "stage.x.hourly.utilisation", "yard.wait.mean.wait.mean",
        "holding.h.1.turned_away", "rail.station.flow.x.utilisation", "rail.station.wait.inspected",
        "rail.bridge.b.c.wait.max", "flow.r.c.d.demand.arrived", "flow.r.car..inside",
        "rail.flow.r.kind.with.dots.cleared"}) {
    EXPECT_EQ(round_trip(name), name);
  }
  EXPECT_EQ(parse_metric_name("stage.a.b.wait.p95")->id, "a.b");
  EXPECT_EQ(parse_metric_name("stage.x.hourly.utilisation")->id, "x.hourly");
  EXPECT_EQ(parse_metric_name("yard.wait.mean.wait.mean")->id, "wait.mean");
  EXPECT_EQ(parse_metric_name("stage.wait.arrived")->unit(), metric_unit::count);
  const auto flow = parse_metric_name("flow.r.c.d.demand.arrived");
  EXPECT_EQ(flow->route, "r");
  EXPECT_EQ(flow->vehicle_class, "c.d");
  EXPECT_EQ(flow->origin, "demand");
  EXPECT_EQ(parse_metric_name("flow.r.car..inside")->origin, "");
  const auto dotted = metric_name::stage("a.b", figure::wait, statistic::p95);
  EXPECT_EQ(*parse_metric_name(to_string(dotted)), dotted);
}

TEST(MetricName, NamesOutsideTheGrammarAreRefused) {
  for (const char* name : {"",
                           ".",
                           "bogus",
                           "vehicles_per_day.mean",
                           "stage",
                           "stage.x",
                           "stage.x.wait",
                           "stage.x.wait.p75",
                           "stage.x.bogus",
                           "stage..utilisation",
                           "stage.utilisation",
                           "stage.x.service.p95",
                           "stage.x.utilisation.mean",
                           "stage.x.hourly.wait_mean.24",
                           "stage.x.hourly.wait_mean.7",
                           "stage.x.hourly.served.07",
                           "stage.x.hourly.wait_mean",
                           "holding.h.wait_outside.mean",
                           "yard.y.hourly.queue_mean.01",
                           "flow.r.c.arrived",
                           "flow.r.c.demand.wait.p95",
                           "flow..c.demand.arrived",
                           "all_modes.vehicles_per_day",
                           "all_modes",
                           "rail",
                           "rail.station",
                           "rail.station.utilisation",
                           "rail.x.trains_per_day",
                           "rail.a_to_.trains_per_day",
                           "rail._to_b.trains_per_day",
                           "rail.a_to_b.wagons_per_day",
                           "rail.flow.r.utilisation",
                           "rail.flow.r.freight.time_in_system.p95",
                           "rail.gauge.g.inspected",
                           "road.x.utilisation",
                           "Stage.x.utilisation"}) {
    EXPECT_FALSE(parse_metric_name(name).has_value()) << name;
  }
}

TEST(MetricName, HourlySeries) {
  const std::vector<figure> stage = {figure::queue_mean, figure::wait_mean, figure::utilisation,
                                     figure::arrivals_per_day, figure::open_lanes};
  EXPECT_EQ(hourly_series(element_kind::stage), stage);
  EXPECT_EQ(hourly_series(element_kind::yard), std::vector<figure>{figure::utilisation});
  EXPECT_EQ(hourly_series(element_kind::holding), std::vector<figure>{figure::occupancy});
  EXPECT_TRUE(hourly_series(element_kind::flow).empty());
}

TEST(MetricName, DurationMetricsFollowTheUnit) {
  EXPECT_TRUE(is_duration_metric("p95_wait"));
  EXPECT_TRUE(is_duration_metric("mean_wait"));
  EXPECT_TRUE(is_duration_metric("rail.gauge.g.work.mean"));
  // A stage's figure without its prefix, as tumen staff's targets name them.
  EXPECT_TRUE(is_duration_metric("wait_mean"));
  EXPECT_TRUE(is_duration_metric("wait.p95"));
  EXPECT_TRUE(is_duration_metric("hourly.wait_mean.07"));
  EXPECT_FALSE(is_duration_metric("queue_mean"));
  EXPECT_FALSE(is_duration_metric("hourly.queue_mean.07"));
  EXPECT_TRUE(is_duration_metric("wait.p42"));      // refused later, when looked up
  EXPECT_TRUE(is_duration_metric("stage.x.wait"));  // likewise
  EXPECT_FALSE(is_duration_metric("bogus.wait.p95"));
  EXPECT_FALSE(is_duration_metric("yard.transfer.transfers"));
  EXPECT_FALSE(is_duration_metric("holding.h.waited_outside"));
}

}  // namespace
