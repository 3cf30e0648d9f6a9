// bank_renege — SimPy's "Bank Renege" example written with tumen's engine (the model is
// bank_renege.hpp).
//
// Five customers come to a bank with one counter, about every 10 time units (exponential gaps).
// Each waits for the counter between 1 and 3 units (uniform) and then gives up; one who reaches
// it stays there for an exponential time of mean 12. The program prints what happens to every
// customer (unless --quiet), then one line of JSON:
//
//   $ build/bin/bank_renege --seed 42
//   Bank renege
//      0.0000  Customer 0 arrives.
//      0.0000  Customer 0 reaches the counter after waiting 0.000.
//      3.0299  Customer 1 arrives.
//      ...
//      4.0781  Customer 1 reneges after waiting 1.048.
//      ...
//   {"model":"bank renege","customers":5,...,"served":3,"reneged":2,"reneged_share":0.4,
//    "analytic_reneged_share":0.507867,...}
//   $ build/bin/bank_renege --customers 1000000 --quiet
//   {...,"served":492195,"reneged":507805,"reneged_share":0.507805,
//    "analytic_reneged_share":0.507867,...}
//
// analytic_reneged_share is the long-run share of the M/M/1+G queue this is (see
// mm1g_reneging_share): a long run should come close to it; five customers need not.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "bank_renege.hpp"
#include "tumen/base/time.hpp"
#include "tumen/random/distribution.hpp"

int main(int argc, char** argv) {
  using namespace tumen;
  examples::bank_config config;
  double min_patience = 1, max_patience = 3;
  std::uint64_t seed = 42;
  bool quiet = false;
  CLI::App app{
      "SimPy's bank with reneging customers on the tumen engine; prints the customers' story and "
      "one line of JSON"};
  app.add_option("--customers", config.customers, "customers to let in");
  app.add_option("--interval", config.mean_interval, "mean time between arrivals (exponential)")
      ->check(CLI::PositiveNumber);
  app.add_option("--time-in-bank", config.mean_time_in_bank,
                 "mean time at the counter (exponential)")
      ->check(CLI::PositiveNumber);
  app.add_option("--min-patience", min_patience, "shortest patience (uniform)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--max-patience", max_patience, "longest patience (uniform)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", seed, "master seed");
  app.add_flag("--quiet", quiet, "print only the JSON summary");
  CLI11_PARSE(app, argc, argv);
  if (max_patience < min_patience) {
    fmt::print(stderr, "bank_renege: --max-patience must be at least --min-patience\n");
    return 2;
  }
  config.patience = random::distribution::uniform(min_patience, max_patience);

  examples::bank_log log;
  if (!quiet) {
    fmt::print("Bank renege\n");
    log = [](sim_time t, const std::string& what) { fmt::print("{:9.4f}  {}\n", t, what); };
  }
  examples::bank bank(config, seed, log);
  const examples::bank_figures f = bank.run();

  const double analytic = examples::mm1g_reneging_share(
      1 / config.mean_interval, 1 / config.mean_time_in_bank,
      [&](double x) { return examples::uniform_survival(min_patience, max_patience, x); });
  fmt::print(
      "{{\"model\":\"bank renege\",\"customers\":{},\"interval\":{},\"time_in_bank\":{},"
      "\"min_patience\":{},\"max_patience\":{},\"seed\":{},\"served\":{},\"reneged\":{},"
      "\"reneged_share\":{:.6g},\"analytic_reneged_share\":{:.6g},\"mean_wait_served\":{:.6g},"
      "\"sim_time\":{:.10g},\"events\":{}}}\n",
      config.customers, config.mean_interval, config.mean_time_in_bank, min_patience, max_patience,
      seed, f.served, f.reneged, f.reneged_share(), analytic, f.waits_served.mean(), f.end,
      bank.sim().dispatched());
  return 0;
}
