// The report's summary in words and its warnings (see detail/report_parts.hpp).
//
// Sentences name figures the way a reader thinks of them (minutes and hours, per cent, whole
// vehicles); every warning names the element it is about, so the page can link it.
#include <fmt/format.h>
#include <cmath>
#include <set>

#include "detail/report_parts.hpp"
#include "tumen/output/format.hpp"
#include "tumen/results/metric_name.hpp"

namespace tumen::output::detail {

namespace {

// 2850.4 → "2,850"; 45 → "45"; 12.34 → "12.3"; 5 → "5.0"; 0.25 → "0.25".
std::string amount(double x) {
  if (!std::isfinite(x)) return "-";
  if (std::abs(x) < 1) return fmt::format("{:.2g}", x);
  if (std::abs(x) < 10) return fmt::format("{:.1f}", x);
  if (std::abs(x) < 100)
    return x == std::round(x) ? fmt::format("{:.0f}", x) : fmt::format("{:.1f}", x);
  std::string digits = fmt::format("{:.0f}", std::abs(x));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (x < 0 ? "-" : "") + out;
}

std::string plus_minus(const results::interval_row& r, bool duration) {
  if (r.n < 2 || !std::isfinite(r.half_width)) return "";
  return " (± " + (duration ? format_duration(r.half_width) : amount(r.half_width)) + ")";
}

std::string percent(double share) {
  return fmt::format("{:.0f} %", share * 100);
}

std::string clock(double seconds_of_day) {
  const auto m = static_cast<long>(std::lround(seconds_of_day / 60));
  return fmt::format("{:02}:{:02}", (m / 60) % 24, m % 60);
}

using results::element_kind;
using results::figure;
using results::metric_name;
using results::statistic;

std::string crossing(figure f) {
  return results::to_string(metric_name::crossing(f));
}

// An element's name for the reader: the scenario's, else its id.
std::string element_name(const scenario::scenario* sc, element_kind kind, const std::string& id) {
  if (!sc) return id;
  if (kind == element_kind::stage) return display_name(sc->stages, id);
  if (kind == element_kind::yard) return display_name(sc->yards, id);
  if (kind == element_kind::holding) return display_name(sc->holding, id);
  return id;
}

void warn(nlohmann::json& out, const char* level, const std::string& element, std::string text) {
  out.push_back({{"level", level}, {"element", element}, {"text", std::move(text)}});
}

// Times of day a weekly timetable closes (ends of opening intervals before midnight).
std::set<double> closing_times(const scenario::weekly_hours& h) {
  std::set<double> out;
  if (h.always_open()) return out;
  for (const auto& day : h.by_weekday)
    for (const auto& i : day)
      if (i.to < 86400) out.insert(i.to);
  return out;
}

}  // namespace

words summary_and_warnings(const report_input& in, const scenario::scenario* sc,
                           const metric_table& t, int point) {
  words w;
  const std::size_t reps = t.replications();
  const auto& at = in.attributes;

  // What was run.
  {
    std::string s =
        (at.scenario_name.empty() ? std::string("The scenario") : at.scenario_name) + ": ";
    s += reps == 1 ? "one replication" : fmt::format("{} replications", reps);
    if (sc) {
      s += fmt::format(" of {} day{}", sc->run.days, sc->run.days == 1 ? "" : "s");
      if (sc->run.warmup > 0) s += ", the first " + format_duration(sc->run.warmup) + " a warm-up";
    }
    s += fmt::format(", seed {}.", at.seed);
    w.summary.push_back(std::move(s));
  }
  if (in.points.size() > 1) {
    std::string label;
    for (const auto& p : in.points)
      if (p.point == point) label = p.label;
    const char* what = at.kind == "compare"    ? "A comparison of"
                       : at.kind == "capacity" ? "A capacity search over"
                                               : "A sweep over";
    const bool best = in.calibration && in.calibration->contains("best_evaluation") &&
                      (*in.calibration)["best_evaluation"] == point;
    if (at.kind == "calibrate")
      w.summary.push_back(
          fmt::format("A calibration of {} evaluations; the figures below are those of {} {}{}.",
                      in.points.size(), best ? "the best, evaluation" : "evaluation", point,
                      label.empty() ? "" : " (" + label + ")"));
    else
      w.summary.push_back(
          fmt::format("{} {} design points; the hourly figures below are for point {}{}.", what,
                      in.points.size(), point, label.empty() ? "" : " (" + label + ")"));
  }

  if (in.capacity) {
    const auto& c = *in.capacity;
    std::string targets;
    for (const auto& target : c.targets) targets += (targets.empty() ? "" : "; ") + target.text;
    if (targets.empty()) targets = "the targets";
    if (c.verdict == "none")
      w.summary.push_back(fmt::format("Capacity: no demand scale tried meets {}.", targets));
    else if (c.best_scale)
      w.summary.push_back(fmt::format(
          "Capacity: up to {:.3g} × the scenario's demand meets {}{}{}.", *c.best_scale, targets,
          c.verdict == "at_least" ? " (at least: the search stopped at its largest scale)" : "",
          c.failed_above ? fmt::format("; {:.3g} × fails", *c.failed_above) : std::string()));
  }

  // Throughput against the design.
  {
    std::vector<std::string> parts, design;
    const std::pair<figure, const char*> ms[] = {{figure::vehicles_per_day, "vehicles"},
                                                 {figure::persons_per_day, "persons"},
                                                 {figure::tonnes_per_day, "tonnes"}};
    for (const auto& [m, noun] : ms) {
      const auto* r = t.find(crossing(m));
      if (!r || (r->mean == 0 && std::string(noun) == "tonnes")) continue;
      parts.push_back(amount(r->mean) + plus_minus(*r, false) + " " + noun);
      std::optional<double> d;
      if (sc) {
        if (std::string(noun) == "vehicles") d = sc->design.vehicles_per_day;
        if (std::string(noun) == "persons") d = sc->design.persons_per_day;
        if (std::string(noun) == "tonnes") d = sc->design.tonnes_per_day;
      }
      if (d && *d > 0)
        design.push_back(
            fmt::format("{} of the design's {} {}", percent(r->mean / *d), amount(*d), noun));
    }
    if (!parts.empty()) {
      std::string s = "Cleared a day: ";
      for (std::size_t i = 0; i < parts.size(); ++i)
        s += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
      s += reps > 1 ? fmt::format(" (mean ± 95 % half-width over {} replications).", reps) : ".";
      if (!design.empty()) {
        s += " That is ";
        for (std::size_t i = 0; i < design.size(); ++i)
          s += (i == 0 ? "" : i + 1 == design.size() ? " and " : ", ") + design[i];
        s += ".";
      }
      w.summary.push_back(std::move(s));
    }
  }

  // The busiest stage and the longest waits.
  {
    std::string busiest, longest;
    double u = -1, p95 = -1;
    for (const auto& n : t.names()) {
      const auto m = results::parse_metric_name(n);
      if (!m || (m->kind != element_kind::stage && m->kind != element_kind::yard) || m->hour)
        continue;
      const std::string name = element_name(sc, m->kind, m->id);
      if (m->figure == figure::utilisation && t.mean_or(n, -1) > u) {
        u = t.mean_or(n, -1);
        busiest = name;
      }
      if (m->figure == figure::wait && m->statistic == statistic::p95 && t.mean_or(n, -1) > p95) {
        p95 = t.mean_or(n, -1);
        longest = name;
      }
    }
    if (!busiest.empty()) {
      std::string s = fmt::format("Busiest: {}, busy {} of its open time.", busiest, percent(u));
      if (!longest.empty() && p95 > 0)
        s += fmt::format(" Longest waits: {}, where 95 % of vehicles waited at most {}.", longest,
                         format_duration(p95));
      w.summary.push_back(std::move(s));
    }
  }
  if (const auto* r = t.find(crossing(figure::vehicles_inside_at_end)))
    w.summary.push_back(
        fmt::format("When the run ended, {} vehicles were still inside the crossing{}.",
                    amount(r->mean), reps > 1 ? " (mean)" : ""));

  // Warnings.
  auto& out = w.warnings;
  if (in.status != "complete")
    warn(out, "info", "",
         fmt::format("The run is marked \"{}\": the figures cover the replications stored so far.",
                     in.status));
  if (const auto* r = t.find(crossing(figure::saturated)); r && r->mean > 0)
    warn(out, "error", "",
         fmt::format("{} of {} replications are saturated: a backlog grew over the measured "
                     "days (docs/modelling-assumptions.md, \"Verdicts\"). "
                     "Demand exceeds what the crossing can clear.",
                     static_cast<long>(std::lround(r->mean * static_cast<double>(reps))), reps));
  std::set<std::string> flagged;
  if (sc) {
    for (const auto& l : in.offered_load) {
      const std::string base = l.kind == "yard"      ? display_name(sc->yards, l.element)
                               : l.kind == "holding" ? display_name(sc->holding, l.element)
                               : l.kind == "link"    ? display_name(sc->links, l.element)
                                                     : display_name(sc->stages, l.element);
      const std::string name = l.lane_group.empty() ? base
                                                    : fmt::format("{} ({} lanes: {} of them)", base,
                                                                  l.lane_group, l.lanes);
      const std::string held =
          l.kind == "holding" ? fmt::format(" (the holding area for {})", l.feeds) : "";
      if (l.saturated()) {
        flagged.insert(l.element);
        warn(
            out, "error", l.element,
            std::isfinite(l.rho)
                ? fmt::format("{}{} is saturated: the work arriving needs {} of its open time "
                              "(offered load ρ = {:.2f}), "
                              "so its queue grows without bound, by about {} vehicles a day.",
                              name, held, percent(l.rho), l.rho,
                              amount(l.arrivals_per_day * l.min_lost_share()))
                : fmt::format("{}{} is saturated: work arrives but it is never open.", name, held));
      } else if (l.overloaded()) {
        flagged.insert(l.element);
        warn(out, "warning", l.element,
             fmt::format("{}{} gets more work than its open time (offered load ρ = {:.2f}), but "
                         "{}: it is not saturated, yet stable only by losing vehicles (at least "
                         "{} of its work).",
                         name, held, l.rho,
                         l.kept_stable_by == "patience" ? "impatient vehicles leave"
                         : l.kept_stable_by == "turn_away"
                             ? "a full holding area turns vehicles away"
                             : "vehicles abandon or are turned away",
                         percent(l.min_lost_share())));
      } else if (l.peak_rho >= 1 && l.kind != "holding") {
        static constexpr const char* weekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                   "Friday", "Saturday", "Sunday"};
        std::string bands;
        for (const auto& b : l.overloaded_hours())
          bands +=
              fmt::format("{}{:02}:00–{:02}:00", bands.empty() ? "" : ", ", b.from_hour, b.to_hour);
        if (bands.empty())  // no hour of the day on average: a busy weekday
          bands = fmt::format("{:02}:00 on {}s", l.peak_hour, weekdays[l.peak_weekday % 7]);
        warn(out, "info", l.element,
             fmt::format("{} is busier than it can serve from {} (offered load up to {:.2f} in "
                         "the busiest hour, {:.2f} over the day): queues build then and clear "
                         "later.",
                         name, bands, l.peak_rho, l.rho));
      }
    }
  }
  for (const auto& n : t.names()) {
    const auto m = results::parse_metric_name(n);
    if (!m || (m->kind != element_kind::stage && m->kind != element_kind::yard) || m->hour ||
        m->figure != figure::utilisation || flagged.count(m->id))
      continue;
    const double u = t.mean_or(n, 0);
    if (u >= 0.95) {
      const std::string name = element_name(sc, m->kind, m->id);
      flagged.insert(m->id);
      warn(out, "warning", m->id,
           fmt::format(
               "{} was busy {} of its open time: practically saturated; its queue is long and "
               "sensitive to any rise in demand.",
               name, percent(u)));
    }
  }
  // The run's own verdict: an element whose backlog grew over the measured days in some
  // replications (<kind>.<id>.saturated, results/verdict.hpp), whatever its offered load said.
  for (const auto& n : t.names()) {
    const auto m = results::parse_metric_name(n);
    if (!m || m->figure != figure::saturated || m->hour ||
        (m->kind != element_kind::stage && m->kind != element_kind::holding &&
         m->kind != element_kind::yard))
      continue;
    const double share = t.mean_or(n, 0);
    if (!(share > 0)) continue;
    const auto k = std::lround(share * static_cast<double>(reps));
    warn(out, "error", m->id,
         fmt::format("{} saturated in {} of {} replication{}: its backlog grew over the measured "
                     "days, so its waits describe the vehicles it served, not those left queued.",
                     element_name(sc, m->kind, m->id), k, reps, reps == 1 ? "" : "s"));
  }
  // Vehicles still queued when a stage closes wait until it opens again: one warning naming
  // every stage where, on average, half a vehicle or more was left waiting.
  if (sc) {
    std::vector<std::pair<std::string, std::string>> left;  // (stage id, "name at HH:MM: n")
    for (const auto& st : sc->stages) {
      for (double close : closing_times(st.hours)) {
        const int hour = static_cast<int>(std::ceil(close / 3600 - 1e-9)) % 24;
        const auto* q = t.find(results::to_string(
            metric_name::hourly(element_kind::stage, st.id, figure::queue_mean, hour)));
        if (!q || !(q->mean >= 0.5)) continue;
        left.emplace_back(st.id,
                          fmt::format("{} (closes {}): {}", st.name.empty() ? st.id : st.name,
                                      clock(close), amount(q->mean)));
      }
    }
    if (!left.empty()) {
      std::string text = left.size() == 1 ? "Vehicles still waiting at closing time, on average in "
                                            "the hour after it closed, at "
                                          : "Vehicles still waiting at closing time, on average in "
                                            "the hour after each closed: ";
      for (std::size_t i = 0; i < left.size(); ++i) text += (i ? "; " : "") + left[i].second;
      text += ". They wait until it opens again.";
      warn(out, "warning", left.size() == 1 ? left[0].first : "", std::move(text));
    }
  }
  for (const auto& n : t.names()) {
    const auto m = results::parse_metric_name(n);
    if (!m || m->hour || t.mean_or(n, 0) <= 0) continue;
    if (m->kind == element_kind::stage && m->figure == figure::abandoned)
      warn(out, "warning", m->id,
           fmt::format("{} vehicles{} gave up waiting at {}.", amount(t.mean_or(n, 0)),
                       reps > 1 ? " a replication" : "", element_name(sc, m->kind, m->id)));
    if (m->kind == element_kind::holding && m->figure == figure::turned_away)
      warn(out, "warning", m->id,
           fmt::format("{} vehicles{} were turned away because {} was full.",
                       amount(t.mean_or(n, 0)), reps > 1 ? " a replication" : "",
                       element_name(sc, m->kind, m->id)));
  }
  {
    const double inside = t.mean_or(crossing(figure::vehicles_inside_at_end), 0);
    const double per_day = t.mean_or(crossing(figure::vehicles_per_day), 0);
    if (inside > 0 && per_day > 0 && inside >= 0.5 * per_day)
      warn(out, "warning", "",
           fmt::format("{} vehicles were still inside when the run ended, {} of a day's traffic: "
                       "queues had not "
                       "cleared, so throughput is limited by the crossing, not by demand.",
                       amount(inside), percent(inside / per_day)));
  }
  if (reps == 1)
    warn(out, "info", "",
         "One replication: the figures have no confidence intervals. Run with -r 10 or more to see "
         "them.");
  return w;
}

}  // namespace tumen::output::detail
