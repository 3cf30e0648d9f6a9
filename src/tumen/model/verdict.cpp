// Judging an element from its backlog record (see detail/verdict.hpp).
#include "detail/verdict.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace tumen::model::detail {

void backlog_record::sample(double backlog) {
  day_sum += backlog;
  if (++samples < 24) return;
  if (daily.size() == max_kept_days) {
    // Keep the most recent window; dropping a whole window at once keeps this O(1) a day.
    daily.erase(daily.begin(), daily.begin() + static_cast<std::ptrdiff_t>(verdict_window_days));
    dropped += verdict_window_days;
  }
  daily.push_back(day_sum / 24);
  day_sum = 0;
  samples = 0;
}

std::span<const double> judged_days(const backlog_record& r) {
  const std::span<const double> kept(r.daily);
  if (r.days() < r.first_measured + min_days_for_trend) return kept;
  // The measured days among those kept, at most the most recent window of them.
  const std::size_t measured_kept = std::min(r.days() - r.first_measured, kept.size());
  return kept.last(std::min(measured_kept, verdict_window_days));
}

stats::trend backlog_trend(std::span<const double> d, bool with_interval) {
  if (d.size() < min_days_for_trend) {
    stats::trend t;
    t.half_width = std::numeric_limits<double>::infinity();
    return t;
  }
  const auto fit = [with_interval](std::span<const double> y, double step) {
    return with_interval ? stats::fit_trend(y, step) : stats::fit_line(y, step);
  };
  if (d.size() < days_for_weekly) return fit(d, 1.0);
  // Whole weeks, the most recent ones: the leftover days are the first. Their means go in a
  // buffer on the stack: this runs every simulated day for every element (early stopping).
  std::array<double, max_kept_days / 7> week_buffer;
  std::vector<double> long_weeks;  // only for more days than a record keeps
  const std::size_t n_weeks = d.size() / 7;
  if (n_weeks > week_buffer.size()) long_weeks.resize(n_weeks);
  const std::span<double> weeks =
      n_weeks > week_buffer.size() ? std::span<double>(long_weeks) : std::span(week_buffer);
  std::size_t w = 0;
  for (std::size_t start = d.size() % 7; start + 7 <= d.size(); start += 7) {
    double sum = 0;
    for (std::size_t i = start; i < start + 7; ++i) sum += d[i];
    weeks[w++] = sum / 7;
  }
  return fit(weeks.first(w), 7.0);
}

double practical_growth(const backlog_record& r, double measured_days) {
  const double per_day = measured_days > 0 ? static_cast<double>(r.arrived) / measured_days : 0;
  return std::max(1.0, practical_growth_share * per_day);
}

results::element_verdict judge(const backlog_record& r, double measured_days,
                               const overflow* stopped_full) {
  results::element_verdict v;
  v.kind = r.kind;
  v.element = r.element;
  v.lane_group = r.lane_group;
  v.backlog_at_end = r.backlog_at_end;
  v.load = r.kind == "stage" && std::isfinite(r.load) ? r.load : 0;
  v.lost_share = r.arrived > 0 ? static_cast<double>(r.lost) / static_cast<double>(r.arrived) : 0;
  const auto days = judged_days(r);
  const int first_day = static_cast<int>(r.days() - days.size()) + 1;
  const auto t = backlog_trend(days);
  v.growth_per_day = t.slope;
  v.growth_half_width = t.half_width;
  const double practical = practical_growth(r, measured_days);
  if (t.n > 0 && t.low() > 0 && t.slope >= practical) {
    v.verdict = results::verdict_kind::saturated;
    // Growth began after the last day the backlog was within a day's growth of its lowest.
    const double lowest = *std::min_element(days.begin(), days.end());
    std::size_t since = 0;
    for (std::size_t i = 0; i < days.size(); ++i)
      if (days[i] <= lowest + t.slope) since = i;
    v.since_day = first_day + static_cast<int>(since);
  } else if (t.n == 0 && stopped_full && stopped_full->days > 0 &&
             static_cast<double>(r.backlog_at_end) >=
                 overflow_share * static_cast<double>(stopped_full->inside)) {
    // Too few days to fit a trend, but the run filled its memory budget or the safety cap and
    // this element holds a tenth or more of the vehicles inside: its backlog outgrew the run.
    // Growth: the backlog over the days simulated (its interval unknown).
    v.verdict = results::verdict_kind::saturated;
    v.growth_per_day = static_cast<double>(r.backlog_at_end) / stopped_full->days;
    v.since_day = 1;
  } else if (v.lost_share >= practical_loss_share && r.load >= losing_load) {
    v.verdict = results::verdict_kind::stable_by_losing;
  }
  return v;
}

bool certainly_saturated(const backlog_record& r, double measured_days) {
  if (r.daily.size() < r.first_measured + min_days_for_early_stop) return false;
  const auto days = judged_days(r);
  const double practical = practical_growth(r, measured_days);
  // The interval's low end is never above the slope: a slope below the practical growth settles
  // it without the Student-t quantile, which is most of this check's cost (it runs every day).
  const auto line = backlog_trend(days, false);
  if (line.n == 0 || line.slope < practical) return false;
  const auto t = backlog_trend(days);
  return t.n > 0 && t.low() >= practical;
}

}  // namespace tumen::model::detail
