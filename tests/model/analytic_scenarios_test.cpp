// The textbook queues of scenarios/reference/, run through the scenario reader and the model
// exactly as `tumen run reference/NAME` would: over independent replications, the Student-t
// interval of each figure must contain the value queueing theory gives, and be narrow (95 %
// half-width under 5 % of the mean) so that containing it means something.
//
// Fifteen figures are checked. Each checked at 95 % would make the whole test fail by chance
// about half the time (1 − 0.95¹⁵ = 54 %) after any change that redraws the random numbers, so
// containment is checked at 1 − 0.05/15 per figure (Bonferroni: 95 % for all of them together).
// The 95 % interval is what the test prints and what must be narrow.
//
// The textbook values are computed here from the formulas (Erlang C, the M/M/c/K birth–death
// chain, Pollaczek–Khinchine, Cobham, Jackson, Erlang-A), not copied from the files' comments.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "model_test_support.hpp"
#include "tumen/stats/interval.hpp"
#include "tumen/stats/tally.hpp"

namespace {

constexpr double hour = 3600;

// ---- queueing theory ----

double factorial(int n) {
  return n <= 1 ? 1.0 : n * factorial(n - 1);
}

// M/M/c: mean wait in queue (Erlang C), λ and μ per second.
double erlang_c_wait(double lambda, double mu, int c) {
  const double a = lambda / mu, rho = a / c;
  double below = 0;
  for (int k = 0; k < c; ++k) below += std::pow(a, k) / factorial(k);
  const double top = std::pow(a, c) / factorial(c) / (1 - rho);
  return top / (below + top) / (c * mu - lambda);
}

// M/M/c/K as a birth–death chain: blocking probability and mean number waiting.
struct mmck_figures {
  double blocking, waiting;
};
mmck_figures mmck(double lambda, double mu, int c, int k) {
  std::vector<double> p(static_cast<std::size_t>(k) + 1);
  p[0] = 1;
  for (int n = 1; n <= k; ++n)
    p[static_cast<std::size_t>(n)] =
        p[static_cast<std::size_t>(n) - 1] * lambda / (mu * std::min(n, c));
  double sum = 0;
  for (double x : p) sum += x;
  double waiting = 0;
  for (int n = c + 1; n <= k; ++n) waiting += (n - c) * p[static_cast<std::size_t>(n)] / sum;
  return {p.back() / sum, waiting};
}

// M/G/1 (Pollaczek–Khinchine): mean wait from the first two moments of service.
double pk_wait(double lambda, double es, double es2) {
  return lambda * es2 / (2 * (1 - lambda * es));
}

// M/M/1+M (Erlang-A with one server): departures from n ≥ 1 at μ + (n − 1)θ. The share that
// abandons is θ·Lq/λ; the mean time in queue of everyone is Lq/λ.
struct erlang_a_figures {
  double abandon_share, queue_time;
};
erlang_a_figures erlang_a(double lambda, double mu, double theta) {
  double p = 1, sum = 1, lq = 0;
  for (int n = 1; n < 2000 && p > 1e-300; ++n) {
    p *= lambda / (mu + (n - 1) * theta);
    sum += p;
    lq += (n - 1) * p;
  }
  lq /= sum;
  return {theta * lq / lambda, lq / lambda};
}

// ---- replications ----

// Mean wait of served vehicles per class, from the trace, for those who joined after the warm-up.
class waits_by_class : public tumen::results::trace_observer {
 public:
  explicit waits_by_class(double warmup) : warmup_(warmup) {}
  void visit(const tumen::results::visit_record& v) override {
    if (v.outcome == "served" && v.queue_join >= warmup_)
      by_class[std::string(v.vehicle_class)].add(v.service_start - v.queue_join);
  }
  std::map<std::string, tumen::stats::tally> by_class;

 private:
  double warmup_;
};

// One figure estimated over replications, checked against its textbook value.
struct estimate {
  std::string what;
  double textbook;
  tumen::stats::tally per_replication;
};

constexpr int figures_checked = 15;  // the expect_contains calls below
constexpr double check_confidence = 1 - 0.05 / figures_checked;

void expect_contains(estimate& e) {
  const auto ci = tumen::stats::t_interval(e.per_replication, 0.95);
  const auto wide = tumen::stats::t_interval(e.per_replication, check_confidence);
  std::printf(
      "[ analytic ] %-34s textbook %9.4f  estimate %9.4f ± %.4f (95 %%, %zu replications)\n",
      e.what.c_str(), e.textbook, ci.mean, ci.half_width, ci.n);
  ::testing::Test::RecordProperty(e.what, std::to_string(ci.mean) + " ± " +
                                              std::to_string(ci.half_width) + " (textbook " +
                                              std::to_string(e.textbook) + ")");
  EXPECT_TRUE(wide.contains(e.textbook))
      << e.what << ": textbook " << e.textbook << " outside the " << 100 * check_confidence
      << " % interval " << wide.low << " … " << wide.high;
  EXPECT_LT(ci.relative_half_width(), 0.05) << e.what << ": the interval is too wide to tell";
}

// Runs `replications` of a reference scenario and hands each result (and its per-class waits)
// to `record`.
void replicate(const std::string& name, int replications,
               const std::function<void(const tumen::results::replication_result&,
                                        const waits_by_class&)>& record,
               const std::vector<std::string>& sets = {}) {
  const auto sc = model_test::builtin(name, sets);
  for (int k = 0; k < replications; ++k) {
    waits_by_class waits(sc.run.warmup);
    tumen::model::run_options options;
    options.trace = &waits;
    record(tumen::model::run_replication(sc, static_cast<std::uint64_t>(k), options), waits);
  }
}

constexpr int replications = 20;

TEST(model_analytic, mm1_wait_and_queue_length) {
  // λ = 50/h, μ = 60/h: Wq = λ/(μ(μ − λ)) = 300 s, Lq = λ·Wq = 4.167.
  const double lambda = 50 / hour, mu = 1 / 60.0;
  estimate wq{"M/M/1 Wq (s)", erlang_c_wait(lambda, mu, 1), {}};
  estimate lq{"M/M/1 Lq", lambda * erlang_c_wait(lambda, mu, 1), {}};
  EXPECT_NEAR(wq.textbook, 300.0, 1e-9);
  replicate("reference/mm1", replications, [&](const auto& r, const auto&) {
    wq.per_replication.add(r.stages[0].wait.mean);
    lq.per_replication.add(r.stages[0].queue_mean);
  });
  expect_contains(wq);
  expect_contains(lq);
}

TEST(model_analytic, mm3_erlang_c_wait) {
  // λ = 200/h, μ = 72/h per server, c = 3: Erlang C.
  const double lambda = 200 / hour, mu = 1 / 50.0;
  estimate wq{"M/M/3 Wq (s)", erlang_c_wait(lambda, mu, 3), {}};
  estimate lq{"M/M/3 Lq", lambda * erlang_c_wait(lambda, mu, 3), {}};
  EXPECT_NEAR(wq.textbook, 194.0, 1.0);  // the file's comment
  replicate("reference/mm3", replications, [&](const auto& r, const auto&) {
    wq.per_replication.add(r.stages[0].wait.mean);
    lq.per_replication.add(r.stages[0].queue_mean);
  });
  expect_contains(wq);
  expect_contains(lq);
}

TEST(model_analytic, md1_pollaczek_khinchine_wait) {
  // λ = 45/h, constant 60 s: Wq = λ·S²/(2(1 − ρ)) = 90 s.
  const double lambda = 45 / hour;
  estimate wq{"M/D/1 Wq (s)", pk_wait(lambda, 60, 60 * 60), {}};
  estimate lq{"M/D/1 Lq", lambda * pk_wait(lambda, 60, 60 * 60), {}};
  EXPECT_NEAR(wq.textbook, 90.0, 1e-9);
  replicate("reference/md1", replications, [&](const auto& r, const auto&) {
    wq.per_replication.add(r.stages[0].wait.mean);
    lq.per_replication.add(r.stages[0].queue_mean);
    EXPECT_NEAR(r.stages[0].service.mean, 60.0, 1e-9);
  });
  expect_contains(wq);
  expect_contains(lq);
}

TEST(model_analytic, mmck_blocking_and_wait) {
  // λ = 120/h, μ = 60/h, c = 2, K = 2 + 4 waiting places: p6 = 2/13 of arrivals are turned
  // away; Lq = 20/13; the admitted wait Lq / (λ (1 − p6)).
  const double lambda = 120 / hour, mu = 1 / 60.0;
  const auto f = mmck(lambda, mu, 2, 6);
  EXPECT_NEAR(f.blocking, 2.0 / 13, 1e-12);
  estimate blocked{"M/M/2/6 blocking share", f.blocking, {}};
  estimate lq{"M/M/2/6 Lq", f.waiting, {}};
  estimate wq{"M/M/2/6 Wq of admitted (s)", f.waiting / (lambda * (1 - f.blocking)), {}};
  replicate("reference/mmck", replications, [&](const auto& r, const auto&) {
    const auto& h = r.holding[0];
    blocked.per_replication.add(static_cast<double>(h.turned_away) /
                                static_cast<double>(h.entered + h.turned_away));
    lq.per_replication.add(r.stages[0].queue_mean);
    wq.per_replication.add(r.stages[0].wait.mean);
  });
  expect_contains(blocked);
  expect_contains(lq);
  expect_contains(wq);
}

TEST(model_analytic, mm1_priority_cobham_waits_per_class) {
  // Urgent λ1 = 15/h before normal λ2 = 30/h, both exponential 60 s, non-preemptive:
  // W0 = Σ λi E[Si²]/2, Wq1 = W0/(1 − ρ1), Wq2 = W0/((1 − ρ1)(1 − ρ1 − ρ2)).
  const double l1 = 15 / hour, l2 = 30 / hour, es = 60, es2 = 2 * es * es;
  const double w0 = (l1 + l2) * es2 / 2, rho1 = l1 * es, rho = (l1 + l2) * es;
  estimate urgent{"M/M/1 priority Wq urgent (s)", w0 / (1 - rho1), {}};
  estimate normal{"M/M/1 priority Wq normal (s)", w0 / ((1 - rho1) * (1 - rho)), {}};
  EXPECT_NEAR(urgent.textbook, 60.0, 1e-9);
  EXPECT_NEAR(normal.textbook, 240.0, 1e-9);
  // The stage's own per-class figures (results::class_figures) say the same.
  estimate urgent_figures{"M/M/1 priority stage_class urgent wait (s)", urgent.textbook, {}};
  estimate normal_figures{"M/M/1 priority stage_class normal wait (s)", normal.textbook, {}};
  replicate("reference/mm1_priority", replications, [&](const auto& r, const auto& waits) {
    urgent.per_replication.add(waits.by_class.at("urgent").mean());
    normal.per_replication.add(waits.by_class.at("normal").mean());
    ASSERT_EQ(r.stages[0].by_class.size(), 2u);
    for (const auto& c : r.stages[0].by_class) {
      // Everyone who came is served, gone or still waiting, but for at most one in service.
      EXPECT_LE(c.served + c.abandoned + c.waiting_at_end, c.arrived);
      EXPECT_LE(c.arrived - (c.served + c.abandoned + c.waiting_at_end), 1u);
      (c.vehicle_class == "urgent" ? urgent_figures : normal_figures)
          .per_replication.add(c.wait.mean);
    }
    EXPECT_EQ(r.stages[0].by_class[0].arrived + r.stages[0].by_class[1].arrived,
              r.stages[0].arrived);
    EXPECT_EQ(r.stages[0].by_class[0].served + r.stages[0].by_class[1].served, r.stages[0].served);
  });
  expect_contains(urgent);
  expect_contains(normal);
  expect_contains(urgent_figures);
  expect_contains(normal_figures);
}

TEST(model_analytic, tandem_jackson_sojourn) {
  // λ = 40/h through μ1 = 60/h and μ2 = 50/h: W = 1/(μ1 − λ) + 1/(μ2 − λ) = 180 + 360 s.
  const double lambda = 40 / hour, mu1 = 1 / 60.0, mu2 = 1 / 72.0;
  estimate w{"Tandem sojourn W (s)", 1 / (mu1 - lambda) + 1 / (mu2 - lambda), {}};
  estimate w2{"Tandem Wq at the second (s)", erlang_c_wait(lambda, mu2, 1), {}};
  EXPECT_NEAR(w.textbook, 540.0, 1e-9);
  replicate("reference/tandem", replications, [&](const auto& r, const auto&) {
    w.per_replication.add(r.flows[0].time_in_system.mean);
    w2.per_replication.add(r.stages[1].wait.mean);
  });
  expect_contains(w);
  expect_contains(w2);
}

TEST(model_analytic, mm1_patience_erlang_a_abandonment) {
  // λ = 60/h, μ = 60/h, exponential patience θ = 1/(5 min).
  const auto f = erlang_a(60 / hour, 1 / 60.0, 1 / 300.0);
  estimate abandon{"M/M/1+M abandonment share", f.abandon_share, {}};
  estimate queue_time{"M/M/1+M time in queue (s)", f.queue_time, {}};
  replicate("reference/mm1_patience", replications, [&](const auto& r, const auto&) {
    const auto& s = r.stages[0];
    abandon.per_replication.add(static_cast<double>(s.abandoned) /
                                static_cast<double>(s.served + s.abandoned));
    queue_time.per_replication.add(s.queue_time_mean);
  });
  expect_contains(abandon);
  expect_contains(queue_time);
}

}  // namespace
