// bank_renege — the model of examples/bank_renege.cpp (SimPy's "Bank Renege" example), kept in a
// header so that tests/examples/ can run it too, with the queueing formula it can be checked by.
//
// A bank has one counter. Customers arrive at random (exponential gaps), each with a patience:
// a customer waits for the counter until her patience runs out and then leaves (reneges). One who
// reaches the counter uses it for an exponential time and goes.
//
//   tumen::examples::bank bank({.customers = 100}, seed);
//   const tumen::examples::bank_figures f = bank.run();
//
// It shows a resource request with a patience (request_status::timed_out is reneging). Pass a
// log to follow every customer, as SimPy's example prints: the log is called with the time and a
// sentence, and not at all when empty.
//
// The model is the M/M/1+G queue, whose long-run reneging share is known (mm1g_reneging_share).
#pragma once

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>

#include "tumen/base/time.hpp"
#include "tumen/random/distribution.hpp"
#include "tumen/random/stream.hpp"
#include "tumen/sim/resource.hpp"
#include "tumen/sim/simulation.hpp"
#include "tumen/stats/tally.hpp"

namespace tumen::examples {

struct bank_config {
  std::uint64_t customers = 5;
  sim_time mean_interval = 10;      // between arrivals (exponential)
  sim_time mean_time_in_bank = 12;  // at the counter (exponential)
  random::distribution patience = random::distribution::uniform(1, 3);
};

struct bank_figures {
  std::uint64_t arrived = 0;
  std::uint64_t served = 0;   // reached the counter
  std::uint64_t reneged = 0;  // left the queue when their patience ran out
  stats::tally waits_served;  // waits of those who reached the counter
  sim_time end = 0;           // when the last customer left
  double reneged_share() const {
    return arrived ? static_cast<double>(reneged) / static_cast<double>(arrived) : 0;
  }
};

// A sentence of the log, at a simulated time.
using bank_log = std::function<void(sim_time, const std::string&)>;

class bank {
 public:
  bank(const bank_config& config, std::uint64_t seed, bank_log log = {})
      : config_(config),
        counter_(sim_, 1),
        arrivals_(seed, 0, "arrivals"),
        patience_(seed, 0, "patience"),
        service_(seed, 0, "service"),
        interval_(random::distribution::exponential(config.mean_interval)),
        time_in_bank_(random::distribution::exponential(config.mean_time_in_bank)),
        log_(std::move(log)) {}

  // Lets config.customers customers in and runs until the last has left.
  bank_figures run() {
    sim_.start(source(), "source");
    sim_.run();
    figures_.end = sim_.now();
    return figures_;
  }

  sim::simulation& sim() { return sim_; }

 private:
  sim::process<> source() {
    for (std::uint64_t id = 0; id < config_.customers; ++id) {
      if (id > 0) co_await sim_.timeout(interval_.sample(arrivals_));
      sim_.start(customer(id));
    }
  }

  sim::process<> customer(std::uint64_t id) {
    const sim_time arrived = sim_.now();
    ++figures_.arrived;
    say("Customer {} arrives.", id);
    const sim_time patience = config_.patience.sample(patience_);
    const sim::request_result got = co_await counter_.request(0, patience);
    const sim_time wait = sim_.now() - arrived;
    if (!got) {
      ++figures_.reneged;
      say("Customer {} reneges after waiting {:.3f}.", id, wait);
      co_return;
    }
    ++figures_.served;
    figures_.waits_served.add(wait);
    say("Customer {} reaches the counter after waiting {:.3f}.", id, wait);
    co_await sim_.timeout(time_in_bank_.sample(service_));
    counter_.release();
    say("Customer {} leaves.", id);
  }

  template <class... Args>
  void say(fmt::format_string<Args...> format, Args&&... args) {
    if (log_) log_(sim_.now(), fmt::format(format, std::forward<Args>(args)...));
  }

  bank_config config_;
  sim::simulation sim_;
  sim::resource counter_;
  random::stream arrivals_, patience_, service_;
  random::distribution interval_, time_in_bank_;
  bank_log log_;
  bank_figures figures_;
};

// The long-run share of customers who renege in M/M/1+G: Poisson arrivals at rate `lambda`, one
// FIFO server with exponential service at rate `mu`, patience with survival function
// `survival(x)` = P(patience > x). Any lambda, mu > 0 (reneging keeps the queue stable).
//
// A customer's wait is the work ahead of her that will be served, V; she reneges if her patience
// is shorter. V is 0 with probability p0 and otherwise has the density
//   v(x) = lambda p0 exp(lambda F(x) - mu x),   F(x) = integral of survival over [0, x]
// (level crossing: Baccelli, Boyer & Hébuterne 1984). The server is busy exactly when V > 0, so
// customers are served at rate mu (1 - p0), and the rest of lambda renege:
//   share = 1 - mu (1 - p0) / lambda,   p0 = 1 / (1 + lambda ∫ exp(lambda F(x) - mu x) dx).
// The integral is taken by the trapezoidal rule on a step of 1e-4 of the shorter of the mean gap
// and the mean service, until the rest of it is below 1e-13 of the total: the share is then
// good to about 1e-5 when the survival function jumps (constant patience) and far better when it
// is continuous.
inline double mm1g_reneging_share(double lambda, double mu,
                                  const std::function<double(double)>& survival) {
  if (!(lambda > 0) || !(mu > 0))
    throw std::invalid_argument("mm1g_reneging_share: lambda and mu must be > 0");
  const double h = 1e-4 / std::max(lambda, mu);
  double x = 0, f = 0, s = survival(0), g = 1, integral = 0;
  for (;;) {
    const double s_next = survival(x + h);
    f += h * (s + s_next) / 2;
    x += h;
    const double g_next = std::exp(lambda * f - mu * x);
    integral += h * (g + g_next) / 2;
    g = g_next;
    s = s_next;
    // Past the peak (lambda S < mu, and S never rises) the integrand falls at least as fast as
    // exp(-(mu - lambda S(x)) t), which bounds what is left.
    const double decay = mu - lambda * s;
    if (decay > 0 && g / decay < 1e-13 * integral) break;
  }
  const double p0 = 1 / (1 + lambda * integral);
  return 1 - mu * (1 - p0) / lambda;
}

// P(patience > x) for patience uniform on [low, high] (constant when low == high).
inline double uniform_survival(double low, double high, double x) {
  if (x < low) return 1;
  if (x >= high) return 0;
  return (high - x) / (high - low);
}

}  // namespace tumen::examples
