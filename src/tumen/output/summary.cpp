// The terminal summary of a run (see tumen/output/summary.hpp).
#include "tumen/output/summary.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "tumen/output/format.hpp"

namespace tumen::output {

namespace {

std::string design_cell(const std::optional<double>& d) {
  return d ? format_number(*d) : std::string("-");
}

std::string share_cell(double simulated, const std::optional<double>& d) {
  if (!d || *d <= 0) return "";
  return fmt::format("{:.0f}%", 100 * simulated / *d);
}

std::string element_name(const results::element_verdict& v) {
  return v.kind + " " + v.element + (v.lane_group.empty() ? "" : " (" + v.lane_group + " lanes)");
}

// The verdict, first: what is saturated (load, growth, since when, backlog), what holds only by
// losing vehicles, or that everything kept up; and why the run stopped when it stopped early.
std::string verdict_text(const results::replication_result& r) {
  using results::verdict_kind;
  std::string out;
  // The fastest-growing backlog first.
  std::vector<const results::element_verdict*> saturated;
  for (const auto& v : r.verdict.elements)
    if (v.verdict == verdict_kind::saturated) saturated.push_back(&v);
  std::stable_sort(saturated.begin(), saturated.end(), [](const auto* a, const auto* b) {
    return a->growth_per_day > b->growth_per_day;
  });
  for (const auto* vp : saturated) {
    const auto& v = *vp;
    out += fmt::format(
        "SATURATED: {}{}: the backlog grows by {}{} vehicles a day from day {}; "
        "{} waiting at the end\n",
        element_name(v), v.load > 0 ? fmt::format(", load {:.2f}", v.load) : std::string{},
        format_number(v.growth_per_day),
        std::isfinite(v.growth_half_width) ? " ± " + format_number(v.growth_half_width)
                                           : std::string(" (too few days for an interval)"),
        v.since_day.value_or(1), v.backlog_at_end);
  }
  for (const auto& v : r.verdict.elements)
    if (v.verdict == verdict_kind::stable_by_losing)
      out += fmt::format("STABLE ONLY BY LOSING VEHICLES: {}{}: {:.1f}% abandoned or turned away\n",
                         element_name(v),
                         v.load > 0 ? fmt::format(", load {:.2f}", v.load) : std::string{},
                         100 * v.lost_share);
  if (out.empty())
    out = "Verdict: stable (no backlog grew; no element kept up only by losing vehicles)\n";
  const auto& why = r.verdict.stopped_because;
  if (why == "saturated")
    out += fmt::format("Stopped early on day {:.0f}: the backlog growth was certain\n",
                       std::ceil(r.ended_at / 86400.0));
  else if (why == "memory")
    out += fmt::format("Stopped early on day {:.0f}: the memory budget was reached\n",
                       std::floor(r.ended_at / 86400.0) + 1);
  else if (why == "cap")
    out += fmt::format("Stopped early on day {:.0f}: run.max_vehicles_inside was reached\n",
                       std::floor(r.ended_at / 86400.0) + 1);
  return out;
}

}  // namespace

std::string summary_text(const scenario::scenario& sc, const results::replication_result& r) {
  std::string out;
  out += fmt::format("{}\n", sc.name);
  out += fmt::format(
      "seed {} · replication {} · {} days, warm-up {} · {:.1f} days measured · {} events\n\n",
      r.seed, r.replication, r.days, format_duration(r.warmup), r.measured / 86400.0, r.events);
  out += verdict_text(r) + "\n";
  const bool saturated = r.verdict.verdict == results::verdict_kind::saturated;
  // A saturated crossing's throughput is what it cleared while its backlog grew: not a
  // share of its design to be read as success.
  auto share = [&](double simulated, const std::optional<double>& d) {
    return saturated ? std::string(d ? "n/a" : "") : share_cell(simulated, d);
  };
  const auto& t = r.totals;
  out += fmt::format("Cleared per day (road) {:>9} {:>10} {:>8}\n", "simulated", "design", "");
  out += fmt::format("  vehicles            {:>10} {:>10} {:>8}\n",
                     format_number(t.vehicles_per_day), design_cell(t.design_vehicles_per_day),
                     share(t.vehicles_per_day, t.design_vehicles_per_day));
  out += fmt::format("  persons             {:>10} {:>10} {:>8}\n",
                     format_number(t.persons_per_day), design_cell(t.design_persons_per_day),
                     share(t.persons_per_day, t.design_persons_per_day));
  out += fmt::format("  tonnes              {:>10} {:>10} {:>8}\n", format_number(t.tonnes_per_day),
                     design_cell(t.design_tonnes_per_day),
                     share(t.tonnes_per_day, t.design_tonnes_per_day));
  if (saturated)
    out += "  (% of design not shown: saturated, the crossing did not keep up with its demand)\n";
  out += "\n";

  out +=
      "Trips (route / class / origin)      arrived  cleared  transf.  inside  turned  aband.  time "
      "in system: mean    p95\n";
  for (const auto& f : r.flows) {
    const std::string name = f.route + " / " + f.vehicle_class + " / " + f.origin;
    out +=
        fmt::format("  {:<33} {:>7} {:>8} {:>8} {:>7} {:>7} {:>7}  {:>21} {:>6}\n", name, f.arrived,
                    f.cleared, f.transferred, f.inside, f.turned_away, f.abandoned,
                    format_duration(f.time_in_system.mean), format_duration(f.time_in_system.p95));
  }
  out += "\n";

  out +=
      "Stages                 side lanes  served  aband. waiting  wait*: mean  served: p50     p95 "
      "    max   queue: mean   max   util\n";
  for (const auto& s : r.stages) {
    out += fmt::format(
        "  {:<20} {:>4} {:>5} {:>7} {:>7} {:>7} {:>12} {:>12} {:>7} {:>7} {:>13} {:>5} {:>5.0f}%\n",
        s.id, s.side, s.lanes, s.served, s.abandoned, s.waiting_at_end,
        format_duration(s.wait_with_unserved_mean), format_duration(s.wait.p50),
        format_duration(s.wait.p95), format_duration(s.wait.max), format_number(s.queue_mean),
        format_number(s.queue_max), 100 * s.utilisation);
  }
  out +=
      "  wait*: everyone who queued, those still waiting at the end with their wait so far (a "
      "lower "
      "bound); p50 … max: served vehicles only\n";
  if (!r.holding.empty()) {
    out +=
        "\nHolding areas          capacity  entered  turned away  waited outside  occupancy: mean  "
        " max\n";
    for (const auto& h : r.holding)
      out += fmt::format("  {:<20} {:>8} {:>8} {:>12} {:>15} {:>16} {:>5}\n", h.id, h.capacity,
                         h.entered, h.turned_away, h.waited_outside,
                         format_number(h.occupancy_mean), format_number(h.occupancy_max));
  }
  if (!r.yards.empty()) {
    out +=
        "\nYards                  bays  transfers    tonnes   wait: mean     p95   transfer  "
        "parking max   util\n";
    for (const auto& y : r.yards)
      out += fmt::format("  {:<20} {:>5} {:>10} {:>9} {:>12} {:>7} {:>10} {:>12} {:>5.0f}%\n", y.id,
                         y.bays, y.transfers, format_number(y.tonnes_transferred),
                         format_duration(y.wait_for_bay.mean), format_duration(y.wait_for_bay.p95),
                         format_duration(y.transfer.mean), format_number(y.parking_max),
                         100 * y.utilisation);
  }
  if (!r.rail.flows.empty()) {
    out += fmt::format("\nRail (per day)         {:>8} {:>8} {:>9} {:>8}\n", "trains", "wagons",
                       "tonnes", "persons");
    for (const auto& d : r.rail.directions)
      out += fmt::format("  {:<20} {:>8} {:>8} {:>9} {:>8}\n", d.from + " → " + d.to,
                         format_number(d.trains_per_day), format_number(d.wagons_per_day),
                         format_number(d.tonnes_per_day), format_number(d.persons_per_day));
    out += fmt::format("  {:<20} {:>8} {:>8} {:>9} {:>8}\n", "road + rail", "", "",
                       format_number(t.all_modes_tonnes_per_day),
                       format_number(t.all_modes_persons_per_day));
    for (const auto& st : r.rail.stations)
      out += fmt::format("  station {:<14} {} tracks, wait mean {}, p95 {}, utilisation {:.0f}%\n",
                         st.id, st.tracks, format_duration(st.wait.mean),
                         format_duration(st.wait.p95), 100 * st.utilisation);
    for (const auto& b : r.rail.bridges)
      out += fmt::format(
          "  bridge {:<15} {} crossings, {} reversals, wait mean {}, occupied {:.0f}%\n", b.id,
          b.crossings, b.reversals, format_duration(b.wait.mean), 100 * b.occupied_share);
    for (const auto& g : r.rail.gauge_changes)
      out += fmt::format("  gauge change {:<9} {} trains, {} t, wait mean {}, work mean {}\n", g.id,
                         g.trains, format_number(g.tonnes), format_duration(g.wait.mean),
                         format_duration(g.work.mean));
  }
  if (!r.warnings.empty()) {
    out += "\nWarnings\n";
    for (const auto& w : r.warnings) out += "  " + w + "\n";
  }
  return out;
}

}  // namespace tumen::output
