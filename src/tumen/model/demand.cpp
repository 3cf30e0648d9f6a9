// Demand: the processes that bring vehicles to the crossing (see detail/crossing.hpp).
//
//   poisson — a non-homogeneous Poisson process whose rate is constant within each hour of each
//             day (hourly profile × weekday factor × demand scale): exponential gaps at the
//             hour's rate; a gap that crosses the hour's end is redrawn from there (memoryless).
//   even    — the hour's expected count, carried over in fractions so nothing is lost to
//             rounding, spread evenly over the hour (at its (i + ½)/n points).
//   booked  — slots lie 3600 / slots_per_hour apart from the start of the run; the hour's
//             demand joins a backlog that fills the hour's slots in order (demand beyond the
//             slots waits for later slots); each booked vehicle skips its slot with the no-show
//             share, or arrives uniformly within ± tolerance of it.
#include <algorithm>
#include <cmath>

#include "detail/crossing.hpp"

namespace tumen::model::detail {

namespace {
int hour_of(sim_time t) {
  const sim_time tod = t - std::floor(t / tumen::days) * tumen::days;
  return std::min(23, static_cast<int>(tod / tumen::hours));
}
}  // namespace

sim::process<> crossing::poisson_source(int demand) {
  const auto& d = sc_.demands[static_cast<std::size_t>(demand)];
  auto& rng = demand_rngs_[static_cast<std::size_t>(demand)].arrivals;
  const sim_time end = sc_.run.length();
  sim_time t = sim_.now();
  while (t < end) {
    const sim_time hour_end = (std::floor(t / tumen::hours) + 1) * tumen::hours;
    const double per_hour = d.rate(hour_of(t), weekday_of(sc_, t), sc_.run.demand_scale);
    if (per_hour <= 0) {
      t = hour_end;
      continue;
    }
    const sim_time gap = -std::log(rng.uniform01_open_low()) * tumen::hours / per_hour;
    if (t + gap >= hour_end) {
      t = hour_end;
      continue;
    }
    t += gap;
    co_await sim_.timeout(t - sim_.now());
    arrive(demand);
  }
}

sim::process<> crossing::even_source(int demand) {
  const auto& d = sc_.demands[static_cast<std::size_t>(demand)];
  const sim_time end = sc_.run.length();
  double carry = 0;
  for (sim_time hour = 0; hour < end; hour += tumen::hours) {
    carry += d.rate(hour_of(hour), weekday_of(sc_, hour), sc_.run.demand_scale);
    const auto n = static_cast<long>(std::floor(carry + 1e-9));
    carry -= static_cast<double>(n);
    for (long i = 0; i < n; ++i) {
      const sim_time at =
          hour + (static_cast<double>(i) + 0.5) * tumen::hours / static_cast<double>(n);
      co_await sim_.timeout(at - sim_.now());
      arrive(demand);
    }
  }
}

sim::process<> crossing::arrive_later(int demand, sim_time delay) {
  co_await sim_.timeout(delay);
  arrive(demand);
}

sim::process<> crossing::booked_source(int demand) {
  const auto& d = sc_.demands[static_cast<std::size_t>(demand)];
  const auto& b = *d.booked;
  auto& rng = demand_rngs_[static_cast<std::size_t>(demand)].booking;
  const sim_time end = sc_.run.length();
  const sim_time spacing = tumen::hours / b.slots_per_hour;  // slots at k · spacing from t = 0
  double backlog = 0;  // demand not yet given a slot: it takes the next free ones
  for (sim_time hour = 0; hour < end; hour += tumen::hours) {
    backlog += d.rate(hour_of(hour), weekday_of(sc_, hour), sc_.run.demand_scale);
    // Everyone booked into this hour's slots is decided at the earliest time one can arrive.
    const sim_time decide = std::max(sim_.now(), hour - b.tolerance);
    if (decide > sim_.now()) co_await sim_.timeout(decide - sim_.now());
    for (double k = std::ceil(hour / spacing - 1e-9); k * spacing < hour + tumen::hours; ++k) {
      if (backlog < 1 - 1e-9) break;
      backlog -= 1;
      if (rng.uniform01() < b.no_show) continue;
      const sim_time jitter = b.tolerance > 0 ? (rng.uniform01() * 2 - 1) * b.tolerance : 0;
      const sim_time at = std::max(sim_.now(), k * spacing + jitter);
      sim_.start(arrive_later(demand, at - sim_.now()));
    }
  }
}

}  // namespace tumen::model::detail
