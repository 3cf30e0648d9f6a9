// mmc — the M/M/c queue, the "hello world" of queueing, written with tumen's engine.
//
// Customers arrive at rate λ (Poisson), wait in one FIFO queue for one of c servers, and are
// served for an exponential time of rate μ. The program prints one line of JSON:
//
//   $ build/bin/mmc --lambda 0.9 --mu 1 --servers 1 --customers 1000000 --seed 1
//   {"model":"M/M/c","lambda":0.9,"mu":1,"servers":1,"customers":1000000,"served":1000000,
//    "mean_wait":8.58957,"analytic_mean_wait":9,"sim_time":1113389.907,"events":2000001,
//    "wall_s":0.1163}
//
// analytic_mean_wait is Erlang C's Wq, printed for comparison when the queue is stable.
// This is also the engine's speed benchmark (bench/compare_mmc.sh): arrivals, a resource, a
// process per customer, a tally of waits.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>

#include "tumen/random/distribution.hpp"
#include "tumen/random/stream.hpp"
#include "tumen/sim/resource.hpp"
#include "tumen/sim/simulation.hpp"
#include "tumen/stats/tally.hpp"

namespace {

using namespace tumen;

struct mmc_model {
  sim::simulation& sim;
  sim::resource servers;
  random::stream arrivals_rng, service_rng;
  random::distribution interarrival, service;
  stats::tally waits;
  std::uint64_t served = 0;
};

sim::process<> customer(sim::simulation& sim, mmc_model& m) {
  const sim_time arrived = sim.now();
  co_await m.servers.request();
  m.waits.add(sim.now() - arrived);
  co_await sim.timeout(m.service.sample(m.service_rng));
  m.servers.release();
  ++m.served;
}

sim::process<> source(sim::simulation& sim, mmc_model& m, std::uint64_t customers) {
  for (std::uint64_t i = 0; i < customers; ++i) {
    sim.start_now(customer(sim, m));
    co_await sim.timeout(m.interarrival.sample(m.arrivals_rng));
  }
}

// Erlang C mean wait in queue for a stable M/M/c.
double erlang_c_wait(double lambda, double mu, int c) {
  const double a = lambda / mu, rho = a / c;
  if (rho >= 1) return NAN;
  double term = 1, sum = 1;  // sum_{k<c} a^k/k!
  for (int k = 1; k < c; ++k) {
    term *= a / k;
    sum += term;
  }
  const double last = term * a / c / (1 - rho);  // a^c / c! / (1 - rho)
  const double p_wait = last / (sum + last);
  return p_wait / (c * mu - lambda);
}

}  // namespace

int main(int argc, char** argv) {
  double lambda = 0.9, mu = 1.0;
  int servers = 1;
  std::uint64_t customers = 1'000'000, seed = 1;
  CLI::App app{"M/M/c queue on the tumen engine; prints one line of JSON"};
  app.add_option("--lambda", lambda, "arrival rate")->check(CLI::PositiveNumber);
  app.add_option("--mu", mu, "service rate per server")->check(CLI::PositiveNumber);
  app.add_option("--servers", servers, "number of servers")->check(CLI::Range(1, 1000000));
  app.add_option("--customers", customers, "customers to generate");
  app.add_option("--seed", seed, "master seed");
  CLI11_PARSE(app, argc, argv);

  const auto start = std::chrono::steady_clock::now();
  sim::simulation sim;
  mmc_model m{sim,
              sim::resource(sim, servers),
              random::stream(seed, 0, "arrivals"),
              random::stream(seed, 0, "service"),
              random::distribution::exponential(1 / lambda),
              random::distribution::exponential(1 / mu),
              {}};
  // Nothing else happens at the instant a customer is started or a server handed on: both may
  // run at once (start_now, hand-off), with the same results as through the calendar.
  m.servers.set_hand_off(true);
  sim.start(source(sim, m, customers), "source");
  sim.run();
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const double analytic = erlang_c_wait(lambda, mu, servers);
  fmt::print(
      "{{\"model\":\"M/M/c\",\"lambda\":{},\"mu\":{},\"servers\":{},\"customers\":{},"
      "\"served\":{},\"mean_wait\":{:.6g},\"analytic_mean_wait\":{},\"sim_time\":{:.10g},"
      "\"events\":{},\"wall_s\":{:.4f}}}\n",
      lambda, mu, servers, customers, m.served, m.waits.mean(),
      std::isnan(analytic) ? std::string("null") : fmt::format("{:.6g}", analytic), sim.now(),
      sim.dispatched(), wall);
  return 0;
}
