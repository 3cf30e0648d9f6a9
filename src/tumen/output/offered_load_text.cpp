// The offered-load table of `tumen check` and `tumen run`, with a warning for every saturated
// row, a note for every row kept stable only by losing vehicles and for every peak-hour band
// busier than the lanes can serve (see tumen/output/summary.hpp).
//
//   customs [truck]          1   5.50      -            396     132.0 h
//   warning: customs [truck] (1 lane): offered load 5.50 ≥ 1 — saturated: the queue will grow
//            without bound, by about 327 vehicles a day
#include <fmt/format.h>
#include <cmath>

#include "tumen/output/format.hpp"
#include "tumen/output/summary.hpp"

namespace tumen::output {

namespace {

std::string rho_text(double rho) {
  return std::isfinite(rho) ? fmt::format("{:.2f}", rho) : "inf";
}

std::string row_name(const results::element_load& l) {
  if (!l.lane_group.empty()) return fmt::format("{} [{}]", l.element, l.lane_group);
  if (l.kind == "holding" && !l.feeds.empty()) return fmt::format("{} → {}", l.element, l.feeds);
  return l.element;
}

std::string units(const results::element_load& l) {
  const char* noun = l.kind == "yard" ? "bay" : l.kind == "holding" ? "place" : "lane";
  return fmt::format("{} {}{}", l.lanes, noun, l.lanes == 1 ? "" : "s");
}

const char* weekday_name(int wd) {
  static constexpr const char* names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return wd >= 0 && wd < 7 ? names[wd] : "?";
}

const char* weekday_long(int wd) {
  static constexpr const char* names[] = {"Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun"};
  return wd >= 0 && wd < 7 ? names[wd] : "?";
}

// The hour bands of the day with a load ≥ 1, or else the busiest hour of the week.
std::string bands_text(const results::element_load& l) {
  std::string out = "in ";
  if (l.overloaded_hours().empty())
    return fmt::format("on {}days (ρ up to {} at {:02}h)", weekday_long(l.peak_weekday),
                       rho_text(l.peak_rho), l.peak_hour);
  for (const auto& b : l.overloaded_hours()) {
    if (out.size() > 3) out += ", ";
    out += fmt::format("{:02}–{:02}h (ρ up to {})", b.from_hour, b.to_hour, rho_text(b.peak_rho));
  }
  return out;
}

std::string kept_text(const std::string& kept) {
  if (kept == "patience") return "impatient vehicles leave (patience)";
  if (kept == "turn_away") return "a full holding area turns vehicles away";
  return "impatient vehicles leave and a full holding area turns vehicles away";
}

}  // namespace

std::string offered_load_text(const std::vector<results::element_load>& loads) {
  std::string out =
      "Offered load (work arriving ÷ lane time open, before running; peak: busiest hour of the "
      "week)\n";
  out += fmt::format("  {:<34} {:>6} {:>6} {:>13} {:>12} {:>12}\n", "element", "lanes", "rho",
                     "peak", "vehicles/day", "work/day");
  std::string warnings;
  for (const auto& l : loads) {
    // A link without a minimum headway admits any flow: nothing to show.
    if (l.kind == "link" && l.capacity_per_day <= 0 && l.work_per_day <= 0) continue;
    const std::string peak = !l.varies_by_hour() ? "-"
                             : l.peak_is_weekday()
                                 ? fmt::format("{} {} {:02}h", rho_text(l.peak_rho),
                                               weekday_name(l.peak_weekday), l.peak_hour)
                                 : fmt::format("{} {:02}h", rho_text(l.peak_rho), l.peak_hour);
    out += fmt::format("  {:<34} {:>6} {:>6} {:>13} {:>12} {:>12}\n", row_name(l), l.lanes,
                       rho_text(l.rho), peak, format_number(l.arrivals_per_day),
                       format_duration(l.work_per_day));
    const std::string name = fmt::format("{} ({})", row_name(l), units(l));
    if (l.kind == "holding") {
      // The element it holds vehicles for carries the load; say only what the area does then.
      if (l.saturated())
        warnings += fmt::format(
            "  warning: {}: fills, and the queue for {} (offered load {}) backs up onto the "
            "road behind it\n",
            name, l.feeds, rho_text(l.rho));
      continue;
    }
    if (l.saturated()) {
      warnings += fmt::format("  warning: {}: offered load {} ≥ 1 — saturated: ", name,
                              std::isfinite(l.rho) ? rho_text(l.rho) : "inf (never open)");
      warnings +=
          std::isfinite(l.rho)
              ? fmt::format("the queue will grow without bound, by about {} vehicles a day\n",
                            format_number(l.arrivals_per_day * l.min_lost_share()))
              : "the queue will grow without bound\n";
    } else if (l.overloaded()) {
      warnings += fmt::format(
          "  note: {}: offered load {} ≥ 1, but {}: not saturated, stable only by losing "
          "vehicles{}\n",
          name, rho_text(l.rho), kept_text(l.kept_stable_by),
          l.min_lost_share() >= 0.005
              ? fmt::format(" (at least {:.0f}% of its work)", 100 * l.min_lost_share())
              : "");
    } else if (l.peak_rho >= 1) {
      warnings += fmt::format(
          "  note: {}: offered load {} over the day, but ≥ 1 {}: a queue builds then and "
          "clears later{}\n",
          name, rho_text(l.rho), bands_text(l),
          l.kept_stable_by.empty() ? "" : " (or " + kept_text(l.kept_stable_by) + ")");
    }
  }
  return out + warnings;
}

}  // namespace tumen::output
