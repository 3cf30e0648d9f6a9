// A study traces one of its replications (replication_options::trace, ::traced): the observer
// sees that replication's visits and no other's, the same visits as when that replication runs
// alone, whatever the executor; and tracing changes no figure.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "calibration_support.hpp"  // two_booths: a small scenario
#include "tumen/experiment/replications.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/results/trace.hpp"
#include "tumen/scenario/reader.hpp"

using namespace tumen::experiment;

namespace {

using visit = std::tuple<std::uint64_t, std::string, double, double, double>;

struct recorder : tumen::results::trace_observer {
  void visit(const tumen::results::visit_record& v) override {
    visits.emplace_back(v.vehicle, std::string(v.element), v.queue_join, v.service_start,
                        v.service_end);
  }
  std::vector<::visit> visits;
};

TEST(replications, a_study_traces_the_chosen_replication_alone_on_every_executor) {
  const auto sc = tumen::scenario::parse(calibration_test::two_booths(5), "two_booths.toml");
  recorder alone;
  tumen::model::run_options single;
  single.trace = &alone;
  const auto expected = tumen::model::run_replication(sc, 5, single);  // first 3 + traced 2
  ASSERT_GT(alone.visits.size(), 1000u);

  auto serial = make_executor(1);
  replication_options plain;
  plain.first = 3;
  const auto untraced = run_replications(sc, 4, *serial, plain);
  for (const int jobs : {1, 3}) {
    auto ex = make_executor(jobs);
    recorder study;
    replication_options o = plain;
    o.trace = &study;
    o.traced = 2;
    const auto runs = run_replications(sc, 4, *ex, o);
    EXPECT_EQ(study.visits, alone.visits) << jobs << " jobs";
    ASSERT_EQ(runs.size(), untraced.size());
    for (std::size_t k = 0; k < runs.size(); ++k) {
      EXPECT_EQ(runs[k].events, untraced[k].events) << jobs << " jobs, replication " << k;
      EXPECT_EQ(runs[k].stages[0].wait.mean, untraced[k].stages[0].wait.mean) << jobs << " jobs";
    }
    EXPECT_EQ(runs[2].events, expected.events);
  }
}

}  // namespace
