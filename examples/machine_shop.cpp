// machine_shop — SimPy's "Machine Shop" example written with tumen's engine (the model is
// machine_shop.hpp).
//
// Ten machines make parts (10 ± 2 minutes each) and break down about every 300 working minutes;
// one repairman mends a machine in 30 minutes and otherwise does 30-minute jobs of his own, which
// a breakdown interrupts. After four weeks the program prints the parts each machine made, as
// SimPy's example does (unless --quiet), then one line of JSON:
//
//   $ build/bin/machine_shop --seed 42
//   Machine shop results after 4 weeks
//   Machine 0 made 3225 parts.
//   ...
//   Machine 9 made 3405 parts.
//   {"model":"machine shop","machines":10,"weeks":4,"seed":42,"parts":33123,"breakdowns":1116,
//    ...,"repairing_share":0.82918,"analytic_repairing_share":0.821003,...}
//
// analytic_repairing_share is the long-run share of the repairman's time spent on repairs (the
// M/D/1//N queue, see repairman_busy_share); a long run (--weeks 1000: 0.8217) comes close to it.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <cstdint>
#include <numeric>

#include "machine_shop.hpp"
#include "tumen/base/time.hpp"

int main(int argc, char** argv) {
  using namespace tumen;
  examples::machine_shop_config config;
  double part_minutes = config.mean_part_time / minutes, part_sd = config.sd_part_time / minutes,
         mttf = config.mean_time_to_failure / minutes, repair = config.repair_time / minutes,
         job = config.job_duration / minutes, weeks_run = config.duration / weeks;
  std::uint64_t seed = 42;
  bool quiet = false;
  CLI::App app{
      "SimPy's machine shop on the tumen engine; prints the parts made and one line of JSON"};
  app.add_option("--machines", config.machines, "machines in the shop")
      ->check(CLI::Range(1, 10000));
  app.add_option("--part-time", part_minutes, "mean minutes to make a part (normal)")
      ->check(CLI::PositiveNumber);
  app.add_option("--part-time-sd", part_sd, "its standard deviation, minutes")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--mttf", mttf, "mean working minutes between breakdowns (exponential)")
      ->check(CLI::PositiveNumber);
  app.add_option("--repair-time", repair, "minutes a repair takes")->check(CLI::PositiveNumber);
  app.add_option("--job-duration", job, "minutes one of the repairman's other jobs takes")
      ->check(CLI::PositiveNumber);
  app.add_option("--weeks", weeks_run, "weeks to simulate")->check(CLI::PositiveNumber);
  app.add_option("--seed", seed, "master seed");
  app.add_flag("--quiet", quiet, "print only the JSON summary");
  CLI11_PARSE(app, argc, argv);
  config.mean_part_time = part_minutes * minutes;
  config.sd_part_time = part_sd * minutes;
  config.mean_time_to_failure = mttf * minutes;
  config.repair_time = repair * minutes;
  config.job_duration = job * minutes;
  config.duration = weeks_run * weeks;

  examples::machine_shop shop(config, seed);
  const examples::machine_shop_figures f = shop.run();

  if (!quiet) {
    fmt::print("Machine shop results after {} weeks\n", weeks_run);
    for (std::size_t i = 0; i < f.parts.size(); ++i)
      fmt::print("Machine {} made {} parts.\n", i, f.parts[i]);
  }
  const double analytic = examples::repairman_busy_share(
      config.machines, 1 / config.mean_time_to_failure, config.repair_time);
  fmt::print(
      "{{\"model\":\"machine shop\",\"machines\":{},\"weeks\":{},\"seed\":{},\"parts\":{},"
      "\"breakdowns\":{},\"repairs\":{},\"other_jobs\":{},\"preemptions\":{},"
      "\"repairing_share\":{:.6g},\"analytic_repairing_share\":{:.6g},"
      "\"other_jobs_share\":{:.6g},\"working_share\":{:.6g},\"events\":{}}}\n",
      config.machines, weeks_run, seed, std::accumulate(f.parts.begin(), f.parts.end(), 0ULL),
      f.breakdowns, f.repairs, f.other_jobs, f.preemptions, f.repairing_share, analytic,
      f.other_jobs_share, f.working_share, shop.sim().dispatched());
  return 0;
}
