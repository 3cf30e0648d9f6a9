// machine_shop — the model of examples/machine_shop.cpp (SimPy's "Machine Shop" example), kept in
// a header so that tests/examples/ can run it too, with the queueing formula it can be checked by.
//
// A workshop has machines that make parts one after another (normally distributed times). Each
// machine breaks down now and then (exponential time to failure while it works); a broken machine
// stops in the middle of its part, waits for the one repairman, is repaired in a fixed time and
// then finishes the part. When no machine needs him, the repairman does other jobs of his own
// (fixed length); a breakdown takes him off such a job at once, and he picks it up again, where he
// left it, when nothing is broken.
//
//   tumen::examples::machine_shop shop({.machines = 10}, seed);
//   const tumen::examples::machine_shop_figures f = shop.run();
//
// It shows interrupts: a breakdown interrupts the machine's work, and preemption, which the
// engine's resource does not do by itself (a unit in use is never taken away), is the breakdown
// interrupting the repairman's other job, which then hands the repairman back. Repairs ask for
// him with a higher priority than other jobs, so a repair never waits behind one.
//
// The repairs form the finite-source queue M/D/1//N (N machines), whose long-run share of the
// repairman's time is known (repairman_busy_share).
#pragma once

#include <fmt/format.h>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "tumen/base/time.hpp"
#include "tumen/random/distribution.hpp"
#include "tumen/random/stream.hpp"
#include "tumen/sim/interrupted.hpp"
#include "tumen/sim/resource.hpp"
#include "tumen/sim/simulation.hpp"
#include "tumen/stats/time_weighted.hpp"

namespace tumen::examples {

struct machine_shop_config {
  int machines = 10;
  sim_time mean_part_time = 10 * minutes;  // normal, truncated at zero
  sim_time sd_part_time = 2 * minutes;
  sim_time mean_time_to_failure = 300 * minutes;  // exponential, counted while a machine works
  sim_time repair_time = 30 * minutes;
  sim_time job_duration = 30 * minutes;  // the repairman's other jobs
  sim_time duration = 4 * weeks;
};

struct machine_shop_figures {
  std::vector<std::uint64_t> parts;  // made by each machine
  std::uint64_t breakdowns = 0;
  std::uint64_t repairs = 0;      // finished
  std::uint64_t other_jobs = 0;   // finished
  std::uint64_t preemptions = 0;  // other jobs interrupted by a breakdown
  double repairing_share = 0;     // of the repairman's time
  double other_jobs_share = 0;    // of the repairman's time
  double working_share = 0;       // of the machines' time
  sim_time end = 0;
};

class machine_shop {
 public:
  machine_shop(const machine_shop_config& config, std::uint64_t seed)
      : config_(config),
        repairman_(sim_, 1),
        part_time_(
            random::distribution::truncated_normal(config.mean_part_time, config.sd_part_time)),
        time_to_failure_(random::distribution::exponential(config.mean_time_to_failure)),
        working_(0, config.machines) {
    if (config.machines < 1) throw std::invalid_argument("machine_shop: machines must be >= 1");
    if (!(config.repair_time > 0) || !(config.job_duration > 0))
      throw std::invalid_argument("machine_shop: repair time and job duration must be > 0");
    machines_.reserve(static_cast<std::size_t>(config.machines));
    for (int i = 0; i < config.machines; ++i)
      machines_.emplace_back(random::stream(seed, 0, fmt::format("machine {}.parts", i)),
                             random::stream(seed, 0, fmt::format("machine {}.failures", i)));
  }

  // Opens the shop and runs it for config.duration.
  machine_shop_figures run() {
    for (std::size_t i = 0; i < machines_.size(); ++i) {
      machines_[i].work = sim_.start(work(i), fmt::format("machine {}", i));
      sim_.start(break_down(i), fmt::format("machine {} failures", i));
    }
    other_jobs_ = sim_.start(do_other_jobs(), "other jobs");
    sim_.run(config_.duration);
    for (const machine& m : machines_) figures_.parts.push_back(m.parts);
    figures_.repairing_share = repairing_.mean(sim_.now());
    figures_.other_jobs_share = on_other_job_.mean(sim_.now());
    figures_.working_share = working_.mean(sim_.now()) / config_.machines;
    figures_.end = sim_.now();
    return figures_;
  }

  sim::simulation& sim() { return sim_; }

 private:
  static constexpr int repair_priority = 1;  // higher is served first
  static constexpr int other_job_priority = 0;

  struct machine {
    machine(random::stream parts_stream, random::stream failures_stream)
        : parts_rng(std::move(parts_stream)), failures_rng(std::move(failures_stream)) {}
    random::stream parts_rng, failures_rng;
    sim::process<> work;
    std::uint64_t parts = 0;
    bool broken = false;
  };

  // Makes parts; a breakdown interrupts the part, which is finished after the repair.
  sim::process<> work(std::size_t i) {
    machine& m = machines_[i];
    for (;;) {
      sim_time left = part_time_.sample(m.parts_rng);
      while (left > 0) {
        const sim_time start = sim_.now();
        bool broke = false;
        try {
          co_await sim_.timeout(left);
          left = 0;
        } catch (const sim::interrupted&) {
          left -= sim_.now() - start;
          broke = true;
        }
        if (broke) {
          working_.add(sim_.now(), -1);
          take_repairman_off_other_job();
          co_await repairman_.request(repair_priority);
          repairing_.add(sim_.now(), +1);
          co_await sim_.timeout(config_.repair_time);
          repairing_.add(sim_.now(), -1);
          repairman_.release();
          ++figures_.repairs;
          m.broken = false;
          working_.add(sim_.now(), +1);
        }
      }
      ++m.parts;
    }
  }

  // Breaks the machine down now and then. The clock runs on while the machine is broken, and a
  // failure that falls due then is ignored: by memorylessness, the time from the end of a repair
  // to the next breakdown is again exponential with the same mean.
  sim::process<> break_down(std::size_t i) {
    machine& m = machines_[i];
    for (;;) {
      co_await sim_.timeout(time_to_failure_.sample(m.failures_rng));
      if (m.broken) continue;
      m.broken = true;
      ++figures_.breakdowns;
      m.work.interrupt("broken down");
    }
  }

  // The repairman's own work: jobs that he leaves when a machine breaks and resumes later.
  sim::process<> do_other_jobs() {
    for (;;) {
      sim_time left = config_.job_duration;
      while (left > 0) {
        co_await repairman_.request(other_job_priority);
        on_other_job_.add(sim_.now(), +1);
        other_job_in_hand_ = true;
        const sim_time start = sim_.now();
        try {
          co_await sim_.timeout(left);
          left = 0;
        } catch (const sim::interrupted&) {
          left -= sim_.now() - start;
        }
        other_job_in_hand_ = false;
        on_other_job_.add(sim_.now(), -1);
        repairman_.release();  // to the machine that broke, if that is why he stopped
      }
      ++figures_.other_jobs;
    }
  }

  // Preemption: a repair does not wait for the repairman's other job to end.
  void take_repairman_off_other_job() {
    if (!other_job_in_hand_) return;
    other_job_in_hand_ = false;
    ++figures_.preemptions;
    other_jobs_.interrupt("a machine broke down");
  }

  machine_shop_config config_;
  sim::simulation sim_;
  sim::resource repairman_;
  random::distribution part_time_, time_to_failure_;
  std::vector<machine> machines_;
  sim::process<> other_jobs_;
  bool other_job_in_hand_ = false;
  stats::time_weighted repairing_, on_other_job_, working_;
  machine_shop_figures figures_;
};

// The long-run share of time the repairman spends on repairs: the finite-source queue M/G/1//N
// with N machines, each failing at rate `failure_rate` while it works, and a repair time of
// Laplace transform B(s) (here a fixed time d: B(s) = exp(-s d)). Takács's result, with
// λ = failure_rate and p0 the share of time no machine is broken:
//   1 / p0 = 1 + N λ d Σ_{j=0}^{N-1} C(N-1, j) c_j,   c_j = Π_{i=1}^{j} (1 - B(i λ)) / B(i λ)
// (for exponential repairs it reduces to the birth–death chain of M/M/1//N). Every repair takes
// d, so the machines break down at rate busy / d in all, and each works a share
// busy / (N λ d) of the time.
inline double repairman_busy_share(int machines, double failure_rate, sim_time repair_time) {
  const double ld = failure_rate * repair_time;
  double sum = 0, c = 1, binomial = 1;  // c_0 = 1, C(N-1, 0) = 1
  for (int j = 0; j < machines; ++j) {
    if (j > 0) {
      c *= std::expm1(j * ld);  // (1 - B(jλ)) / B(jλ) = exp(jλd) - 1
      binomial = binomial * (machines - j) / j;
    }
    sum += binomial * c;
  }
  const double p0 = 1 / (1 + machines * ld * sum);
  return 1 - p0;
}

}  // namespace tumen::examples
