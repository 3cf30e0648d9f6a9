// Timetables: a value that changes at set times of day (or week) and repeats, driving a setter.
//
// Open booths by hour, closures, staff shifts: anything piecewise constant over a period.
//
//   tumen::sim::timetable<int> booths{tumen::days, {{0, 2}, {8 * hours, 6}, {20 * hours, 2}}};
//   sim.start(tumen::sim::drive(sim, booths, [&](int n) { lanes.set_capacity(n); }), "shifts");
//
// `changes` are (offset within the period, value) pairs, sorted by offset, the first at offset 0.
// The process applies the value in force at the current time when it starts, then each change
// as it comes, forever (period = forever: once through, then it ends). Because it never ends on
// its own when repeating, run such simulations with an end time: sim.run(until).
// The setter runs with priority urgent, before other events at the same time, so a booth that
// opens at 08:00 serves a vehicle that arrives at 08:00.
#pragma once

#include <cmath>
#include <functional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "tumen/sim/simulation.hpp"

namespace tumen::sim {

template <class T>
struct timetable {
  sim_time period = days;
  std::vector<std::pair<sim_time, T>> changes;

  void validate() const {
    if (changes.empty() || changes.front().first != 0)
      throw std::invalid_argument("timetable: the first change must be at offset 0");
    for (std::size_t i = 1; i < changes.size(); ++i)
      if (!(changes[i].first > changes[i - 1].first))
        throw std::invalid_argument("timetable: change offsets must increase");
    if (period != forever && !(changes.back().first < period))
      throw std::invalid_argument("timetable: offsets must lie within the period");
  }

  // Index of the change in force at time t (t >= 0).
  std::size_t index_at(sim_time t) const {
    const sim_time offset = period == forever ? t : std::fmod(t, period);
    std::size_t i = 0;
    while (i + 1 < changes.size() && changes[i + 1].first <= offset) ++i;
    return i;
  }
  const T& value_at(sim_time t) const { return changes[index_at(t)].second; }
};

namespace detail {
template <class T>
process<> drive_table(simulation& sim, timetable<T> table, std::function<void(const T&)> set) {
  std::size_t i = table.index_at(sim.now());
  set(table.changes[i].second);
  sim_time cycle_start =
      table.period == forever ? 0 : std::floor(sim.now() / table.period) * table.period;
  for (;;) {
    ++i;
    if (i == table.changes.size()) {
      if (table.period == forever) co_return;
      i = 0;
      cycle_start += table.period;
    }
    const sim_time at = cycle_start + table.changes[i].first;
    co_await sim.timeout(at > sim.now() ? at - sim.now() : 0, priority::urgent);
    set(table.changes[i].second);
  }
}
}  // namespace detail

// Throws std::invalid_argument at once (not when the process first runs) for a bad timetable.
template <class T>
process<> drive(simulation& sim, timetable<T> table, std::function<void(const T&)> set) {
  table.validate();
  return detail::drive_table(sim, std::move(table), std::move(set));
}

}  // namespace tumen::sim
