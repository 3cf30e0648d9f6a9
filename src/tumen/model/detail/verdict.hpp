// What the verdicts need of one queueing element (a stage's lane group, a holding area, a yard),
// recorded while the crossing runs, and the rule that judges it (docs/modelling-assumptions.md,
// "Verdicts"). The crossing samples each element's backlog (vehicles waiting) every hour of the
// run; a day's 24 samples make one daily mean. judge() fits a trend through the daily means of
// the measured days (of every day when too few were measured), in weekly batches once there are
// four weeks of them (so the weekday pattern of demand and the nightly closing of stages average
// out within each batch), and calls the element saturated when the trend's 95 % interval lies above
// zero and its slope is of a practical size: at least 1 % of the vehicles arriving there a day, and
// at least one vehicle. Only the most recent verdict_window_days days are kept and judged, so
// that a run of a century keeps its memory and its daily check for early stopping bounded.
//
//   backlog_record r{"stage", "customs", "truck"};
//   r.sample(12);                                     // each hour
//   auto v = judge(r, measured_days);
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "tumen/results/verdict.hpp"
#include "tumen/stats/trend.hpp"

namespace tumen::model::detail {

struct backlog_record {
  backlog_record(std::string k, std::string e, std::string group = {})
      : kind(std::move(k)), element(std::move(e)), lane_group(std::move(group)) {}

  std::string kind, element, lane_group;
  // Mean backlog of each complete day of the run, from day dropped + 1: at most
  // 2 × verdict_window_days of them, the older ones dropped in chunks (see sample()).
  std::vector<double> daily;
  std::size_t dropped = 0;         // days dropped from the front of daily
  std::size_t first_measured = 0;  // the first day after the warm-up (days from the run's start)
  double day_sum = 0;
  int samples = 0;
  // Filled before judging: over the measured period.
  std::uint64_t arrived = 0, lost = 0, backlog_at_end = 0;
  // The arrivals' load (work ÷ lane time open) for a stage's lane group; a holding area turns
  // vehicles away only when it is full, so every loss there counts (load +infinity).
  double load = 0;

  void sample(double backlog);
  std::size_t days() const { return dropped + daily.size(); }  // complete days of the run
};

// The rule's constants, in one place (the docs quote them).
inline constexpr std::size_t min_days_for_trend = 4;    // fewer: growth cannot be tested
inline constexpr std::size_t days_for_weekly = 28;      // from four weeks on, weekly batches
inline constexpr double practical_growth_share = 0.01;  // of arrivals a day
inline constexpr double practical_loss_share = 0.01;    // of arrivals
inline constexpr double losing_load = 0.95;             // load from which losses hold it in check
inline constexpr std::size_t min_days_for_early_stop = 14;
inline constexpr double overflow_share = 0.1;  // of the vehicles inside, when stopped full
// Days judged at most: the most recent two years. A longer run's verdict is that of its last two
// years (104 weekly means: growth that began earlier shows in them too).
inline constexpr std::size_t verdict_window_days = 730;
// Days a backlog_record keeps at most (backlog_record::sample drops a window beyond them).
inline constexpr std::size_t max_kept_days = 2 * verdict_window_days;

// The days judged: the measured ones of the most recent verdict_window_days; when fewer than
// min_days_for_trend were measured (a run stopped early at the safety cap or its memory budget),
// every day kept, warm-up included. A view into r.daily.
std::span<const double> judged_days(const backlog_record& r);

// The backlog trend of the judged days' means (weekly batches from four weeks on), in vehicles
// per day. Fewer than min_days_for_trend days: n = 0 and an infinite half-width. Without the
// interval (with_interval false) the half-width is left 0: the slope alone, much cheaper.
stats::trend backlog_trend(std::span<const double> days, bool with_interval = true);

// The smallest growth that counts, vehicles per day.
double practical_growth(const backlog_record& r, double measured_days);

// The verdict on one element. A run stopped at its memory budget or the safety cap before its
// growth could be tested passes `overflow`: the vehicles inside then and the days simulated.
struct overflow {
  std::uint64_t inside = 0;
  double days = 0;
};
results::element_verdict judge(const backlog_record& r, double measured_days,
                               const overflow* stopped_full = nullptr);

// Saturated beyond doubt: enough days, and the whole interval of the growth above its
// practical size (a run may stop early on it).
bool certainly_saturated(const backlog_record& r, double measured_days);

}  // namespace tumen::model::detail
