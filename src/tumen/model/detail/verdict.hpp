// What the verdicts need of one queueing element (a stage's lane group, a holding area, a yard),
// recorded while the crossing runs, and the rule that judges it (docs/modelling-assumptions.md,
// "Verdicts"). The crossing samples each element's backlog (vehicles waiting) every hour of the
// run; a day's 24 samples make one daily mean. judge() fits a trend through the daily means of
// the measured days (of every day when too few were measured), in weekly batches once there are
// four weeks of them (so the weekday pattern of demand and the nightly closing of stages average
// out within each batch), and calls the element saturated when the trend's 95 % interval lies above
// zero and its slope is of a practical size: at least 1 % of the vehicles arriving there a day, and
// at least one vehicle.
//
//   backlog_record r{"stage", "customs", "truck"};
//   r.sample(12);                                     // each hour
//   auto v = judge(r, measured_days);
#pragma once

#include <cstdint>
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
  std::vector<double> daily;       // mean backlog of each complete day of the run, from day 1
  std::size_t first_measured = 0;  // the first day after the warm-up (an index into daily)
  double day_sum = 0;
  int samples = 0;
  // Filled before judging: over the measured period.
  std::uint64_t arrived = 0, lost = 0, backlog_at_end = 0;
  // The arrivals' load (work ÷ lane time open) for a stage's lane group; a holding area turns
  // vehicles away only when it is full, so every loss there counts (load +infinity).
  double load = 0;

  void sample(double backlog) {
    day_sum += backlog;
    if (++samples == 24) {
      daily.push_back(day_sum / 24);
      day_sum = 0;
      samples = 0;
    }
  }
};

// The rule's constants, in one place (the docs quote them).
inline constexpr std::size_t min_days_for_trend = 4;    // fewer: growth cannot be tested
inline constexpr std::size_t days_for_weekly = 28;      // from four weeks on, weekly batches
inline constexpr double practical_growth_share = 0.01;  // of arrivals a day
inline constexpr double practical_loss_share = 0.01;    // of arrivals
inline constexpr double losing_load = 0.95;             // load from which losses hold it in check
inline constexpr std::size_t min_days_for_early_stop = 14;
inline constexpr double overflow_share = 0.1;  // of the vehicles inside, when stopped full

// The days judged: the measured ones; when fewer than min_days_for_trend were measured (a run
// stopped early at the safety cap or its memory budget), every day of the run, warm-up included.
std::vector<double> judged_days(const backlog_record& r);

// The backlog trend of the judged days' means (weekly batches from four weeks on), in vehicles
// per day. Fewer than min_days_for_trend days: n = 0 and an infinite half-width. Without the
// interval (with_interval false) the half-width is left 0: the slope alone, much cheaper.
stats::trend backlog_trend(const std::vector<double>& days, bool with_interval = true);

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
