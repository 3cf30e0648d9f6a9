// Hour-of-day profiles: splitting time at hour boundaries (see tumen/stats/hourly.hpp).
#include "tumen/stats/hourly.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace tumen::stats {

namespace detail {

void throw_time_not_finite(sim_time t) {
  throw std::invalid_argument("hour of day: time must be finite, got " + std::to_string(t));
}

namespace {
// std::nextafter(t, -infinity), without the library call for the positive finite t of a run.
sim_time next_below(sim_time t) {
  if (t > 0 && t <= std::numeric_limits<sim_time>::max())
    return std::bit_cast<sim_time>(std::bit_cast<std::uint64_t>(t) - 1);
  return std::nextafter(t, -std::numeric_limits<sim_time>::infinity());
}
}  // namespace

sim_time first_time_after_slot(double slot) {
  // The boundary itself, (slot + 1) hours, is exact and lies in the next slot; so would the
  // doubles just below it if their quotient by an hour rounded up to slot + 1 (with an hour of
  // 3600 s it does not, but the bound must match the division whatever the unit).
  const double next = slot + 1;
  sim_time t = next * hours;
  // hour_slot(x) > slot, i.e. floor(x / hours) ≥ slot + 1, says x / hours ≥ slot + 1 when
  // slot + 1 is a whole number held exactly (slots below 2^53): one division and no floor, on
  // every hour boundary of every hourly statistic.
  const bool next_exact = next - slot == 1;
  for (;;) {
    const sim_time below = next_below(t);
    if (!(next_exact ? below / hours >= next : hour_slot(below) > slot)) return t;
    t = below;
  }
}

void throw_bad_hour(int hour) {
  throw std::out_of_range("hour of day must be 0..23, got " + std::to_string(hour));
}

void hour_finder::find(sim_time t) {
  if (!std::isfinite(t)) throw_time_not_finite(t);
  const double slot = hour_slot(t);
  // hour_slot is monotonic: every time from t up to the slot's end lies in the slot, and so does
  // every time from an earlier one seen in the same slot.
  if (slot == known_slot_ && known_from_ < known_until_) {
    known_from_ = std::min(known_from_, t);
  } else {
    known_slot_ = slot;
    known_from_ = t;
    known_until_ = first_time_after_slot(slot);
    known_hour_ = hour_of_slot(slot);
  }
}

}  // namespace detail

namespace {

std::size_t checked_hour(int hour) {
  if (hour < 0 || hour >= hours_per_day) detail::throw_bad_hour(hour);
  return static_cast<std::size_t>(hour);
}

// Time spent in hour `hour` of the day between t = 0 and t (negative for t < 0), so that the
// time in [from, to) is the difference of two values. Whole days contribute one hour each.
sim_time time_in_hour_since_zero(std::size_t hour, sim_time t) {
  const double whole_days = std::floor(t / days);
  const sim_time into_day = t - whole_days * days;
  const sim_time hour_start = static_cast<double>(hour) * hours;
  return whole_days * hours + std::clamp(into_day - hour_start, 0.0, hours);
}

}  // namespace

sim_time time_in_hour_of_day(int hour, sim_time from, sim_time to) {
  const std::size_t h = checked_hour(hour);
  if (!std::isfinite(from)) detail::throw_time_not_finite(from);
  if (!std::isfinite(to)) detail::throw_time_not_finite(to);
  if (to <= from) return 0;
  return std::max(0.0, time_in_hour_since_zero(h, to) - time_in_hour_since_zero(h, from));
}

void hourly_profile::merge(const hourly_profile& other) {
  for (std::size_t h = 0; h < by_hour_.size(); ++h) by_hour_[h].merge(other.by_hour_[h]);
}

const tally& hourly_profile::at(int hour) const {
  return by_hour_[checked_hour(hour)];
}

std::uint64_t hourly_count::count(int hour) const {
  return by_hour_[checked_hour(hour)];
}

std::uint64_t hourly_sum::count(int hour) const {
  return count_[checked_hour(hour)];
}

double hourly_sum::sum(int hour) const {
  return sum_[checked_hour(hour)];
}

double hourly_sum::mean(int hour) const {
  const std::size_t h = checked_hour(hour);
  return count_[h] > 0 ? sum_[h] / static_cast<double>(count_[h]) : 0.0;  // as tally::mean
}

void hourly_level::spread(sim_time now) {
  if (!std::isfinite(now)) detail::throw_time_not_finite(now);
  integral_ += level_ * (now - last_);
  sim_time t = last_;
  // Whole days first: each adds one hour to every bin, so a long quiet spell costs O(1). (Under
  // half a day the quotient is below 0.5 and there are none: the division is skipped.)
  const double whole_days = now - t < days / 2 ? 0.0 : std::floor((now - t) / days);
  if (whole_days > 0) {
    for (std::size_t h = 0; h < area_.size(); ++h) {
      area_[h] += level_ * whole_days * hours;
      observed_[h] += whole_days * hours;
    }
    t += whole_days * days;
  }
  // Then at most 25 pieces, each inside one hour slot. After the first piece t is a whole
  // number of hours, so the next slot and hour follow by counting (exactly as recomputing them).
  double slot = whole_days > 0 ? detail::hour_slot(t) : slot_;
  auto h = static_cast<std::size_t>(whole_days > 0 ? hour_of_day(t) : hour_);
  while (t < now) {
    const sim_time slot_end = std::min((slot + 1) * hours, now);
    area_[h] += level_ * (slot_end - t);
    observed_[h] += slot_end - t;
    t = slot_end;
    slot += 1;
    h = h + 1 == area_.size() ? 0 : h + 1;
  }
  last_ = now;
  slot_ = detail::hour_slot(now);
  slot_end_ = detail::first_time_after_slot(slot_);
  hour_ = detail::hour_of_slot(slot_);  // now is finite (checked above)
}

double hourly_level::integral(int hour, sim_time now) const {
  const std::size_t h = checked_hour(hour);
  hourly_level up_to_now = *this;
  up_to_now.advance(now);
  return up_to_now.area_[h];
}

sim_time hourly_level::observed(int hour, sim_time now) const {
  const std::size_t h = checked_hour(hour);
  hourly_level up_to_now = *this;
  up_to_now.advance(now);
  return up_to_now.observed_[h];
}

double hourly_level::mean(int hour, sim_time now) const {
  const std::size_t h = checked_hour(hour);
  hourly_level up_to_now = *this;
  up_to_now.advance(now);
  const sim_time seen = up_to_now.observed_[h];
  return seen > 0 ? up_to_now.area_[h] / seen : 0.0;
}

void hourly_level::reset(sim_time now) {
  advance(now);
  start_ = now;
  integral_ = 0;
  min_ = level_;
  max_ = level_;
  area_.fill(0);
  observed_.fill(0);
}

}  // namespace tumen::stats
