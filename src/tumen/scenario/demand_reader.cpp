// Reading [[demand]]: which class on which route, arrivals per day (with an hourly profile) or
// per hour, weekday factors, the arrival process, an initial queue and booking (see
// detail/section_readers.hpp).
#include "tumen/scenario/detail/section_readers.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "tumen/scenario/detail/weekly_hours.hpp"
#include "tumen/scenario/suggest.hpp"

namespace tumen::scenario::detail {

namespace {

std::optional<int> implied_ref(build_context& cx, const field& f,
                               const std::vector<std::string>& ids, std::string_view what,
                               const entry& e) {
  if (f.node) return cx.access.reference(f, ids, what);
  if (ids.size() == 1) return 0;
  if (!ids.empty())
    cx.access.error(e.where, f.path,
                    fmt::format("is required when there is more than one {}", what),
                    "one of " + list_names(ids));
  return std::nullopt;
}

std::optional<std::vector<double>> numbers(build_context& cx, const field& f, std::size_t n,
                                           std::string_view what) {
  const auto* arr = f.node->as_array();
  if (!arr || arr->size() != n) {
    cx.access.error(f.where, f.path,
                    fmt::format("must be {} with {} entries, got {}", what, n,
                                arr ? fmt::format("{} entries", arr->size()) : describe(*f.node)),
                    fmt::format("{} numbers ≥ 0", n));
    return std::nullopt;
  }
  std::vector<double> out;
  bool ok = true;
  for (std::size_t i = 0; i < n; ++i) {
    const field fi = cx.access.element(f, i);
    if (const auto x = cx.access.number(fi, 0, 1e9))
      out.push_back(*x);
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

void read_demand(build_context& cx) {
  const auto d = cx.top("demand");
  const auto entries = cx.access.array_entries(d);
  if (d.node && d.node->is_array() && d.node->as_array()->empty())
    cx.access.error(d.where, d.path, "is empty", "at least one [[demand]]");
  std::set<std::pair<int, int>> seen;
  std::uint64_t queued = 0;  // vehicles in the initial queues of the demands read so far
  for (const auto& e : entries) {
    demand dm;
    const auto cls = implied_ref(cx, cx.get(e, "class"), cx.class_ids, "class", e);
    const auto rt = implied_ref(cx, cx.get(e, "route"), cx.route_ids, "route", e);
    dm.vehicle_class = cls.value_or(0);
    dm.route = rt.value_or(0);
    if (cls && rt && !seen.insert({*cls, *rt}).second)
      cx.access.warning(e.where, e.path,
                        fmt::format("a second demand for class '{}' on route '{}'; both apply",
                                    cx.class_ids[static_cast<std::size_t>(*cls)],
                                    cx.route_ids[static_cast<std::size_t>(*rt)]));

    const auto per_day = cx.get(e, "per_day");
    const auto per_hour = cx.get(e, "per_hour");
    const auto profile = cx.get(e, "profile");
    const bool profile_given = e.table->contains("profile");
    if (per_day.node && per_hour.node) {
      cx.access.error(per_hour.where, per_hour.path, "give per_day or per_hour, not both",
                      "per_day = 1200 (with a profile), or per_hour = 50 or 24 numbers");
    } else if (!per_day.node && !per_hour.node) {
      cx.access.error(e.where, e.path, "needs per_day or per_hour",
                      "per_day = 1200 (with a profile), or per_hour = 50 or 24 numbers");
    } else if (per_day.node) {
      const auto total = cx.access.number(per_day, 0, 1e9);
      std::array<double, 24> w;
      w.fill(1.0 / 24);
      if (profile.node && profile.node->is_string()) {
        cx.access.choice(profile, {"flat"});
      } else if (profile.node) {
        if (const auto ws = numbers(cx, profile, 24, "an array of hourly weights")) {
          double sum = 0;
          for (double x : *ws) sum += x;
          if (sum > 0) {
            for (std::size_t h = 0; h < 24; ++h) w[h] = (*ws)[h] / sum;
          } else {
            cx.access.error(profile.where, profile.path, "the weights sum to zero",
                            "24 weights ≥ 0, not all zero");
          }
        }
      }
      if (total)
        for (std::size_t h = 0; h < 24; ++h) dm.per_hour[h] = *total * w[h];
    } else {
      if (profile_given)
        cx.access.error(profile.where, profile.path,
                        "a profile shapes per_day; per_hour gives each hour already",
                        "per_day with a profile, or per_hour alone");
      if (per_hour.node->is_array()) {
        if (const auto xs = numbers(cx, per_hour, 24, "an array of arrivals per hour"))
          std::copy(xs->begin(), xs->end(), dm.per_hour.begin());
      } else if (const auto x = cx.access.number(per_hour, 0, 1e9)) {
        dm.per_hour.fill(*x);
      }
    }

    const auto factors = cx.get(e, "weekday_factors");
    if (factors.node && factors.node->is_table()) {
      for_each_weekday(cx.access, factors, [&](int day, const field& f) {
        if (const auto x = cx.access.number(f, 0, 1e6))
          dm.weekday_factor[static_cast<std::size_t>(day)] = *x;
      });
    } else if (factors.node) {
      if (const auto xs = numbers(cx, factors, 7, "an array of factors (Monday first)"))
        std::copy(xs->begin(), xs->end(), dm.weekday_factor.begin());
    }

    const auto arrivals = cx.access.choice(cx.get(e, "arrivals"), {"poisson", "even"});
    dm.arrivals = arrivals && *arrivals == 1 ? arrival_process::even : arrival_process::poisson;
    const auto queue_field = cx.get(e, "initial_queue");
    dm.initial_queue = as_int(cx.access.integer(queue_field, 0, 10'000'000), 0);
    // The initial queues are inside the crossing at t = 0: more than the cap would stop the run
    // there (after building every queued vehicle), so it is refused here.
    const auto cap = cx.sc.run.max_vehicles_inside;
    if (queued <= cap && queued + static_cast<std::uint64_t>(dm.initial_queue) > cap)
      cx.access.error(
          queue_field.where, queue_field.path,
          fmt::format("the initial queues put {} vehicles inside at the start, more than "
                      "run.max_vehicles_inside ({}): the run would stop at once",
                      queued + static_cast<std::uint64_t>(dm.initial_queue), cap),
          fmt::format("initial queues of at most {} vehicles in all, or a larger "
                      "run.max_vehicles_inside",
                      cap));
    queued += static_cast<std::uint64_t>(dm.initial_queue);
    // The initial queue waits at the route's first stage or yard; without one it would "clear"
    // at once.
    if (dm.initial_queue > 0 && rt) {
      const auto& path = cx.sc.routes[static_cast<std::size_t>(*rt)].path;
      const bool has_queue = std::any_of(path.begin(), path.end(), [](const element_ref& el) {
        return el.kind == element_kind::stage || el.kind == element_kind::yard;
      });
      if (!has_queue && !path.empty())
        cx.access.error(queue_field.where, queue_field.path,
                        fmt::format("route '{}' passes no stage or yard: the initial queue has "
                                    "nowhere to wait",
                                    cx.route_ids[static_cast<std::size_t>(*rt)]),
                        "initial_queue = 0, or a route with a stage or yard");
    }

    const auto booking_field = cx.get(e, "booking");
    if (booking_field.node && !booking_field.node->is_table()) {
      cx.access.table_or_empty(booking_field);  // reports the type once, not every key as missing
    } else if (booking_field.node) {
      const auto& bt = *booking_field.node->as_table();
      booking b;
      const auto slots = cx.get(bt, booking_field.path, booking_field.where, "slots_per_hour");
      const auto slots_per_hour = cx.access.number(slots, 0, 1e6, true);
      b.slots_per_hour = slots_per_hour.value_or(1);
      b.tolerance = cx.access
                        .quantity(cx.get(bt, booking_field.path, booking_field.where, "tolerance"),
                                  dimension::time, false)
                        .value_or(0);
      b.no_show =
          cx.access.number(cx.get(bt, booking_field.path, booking_field.where, "no_show"), 0, 1)
              .value_or(0);
      if (e.table->contains("arrivals"))
        cx.access.warning(
            booking_field.where, booking_field.path,
            "booked arrivals follow their slots; 'arrivals' is ignored for this demand");
      const double peak = *std::max_element(dm.per_hour.begin(), dm.per_hour.end()) *
                          *std::max_element(dm.weekday_factor.begin(), dm.weekday_factor.end()) *
                          cx.sc.run.demand_scale;
      if (slots_per_hour && peak > b.slots_per_hour + 1e-9)
        cx.access.warning(
            slots.where, slots.path,
            fmt::format("the busiest hour expects {:.1f} booked vehicles but has only {} slots; "
                        "the excess cannot be booked",
                        peak, b.slots_per_hour));
      dm.booked = b;
    }
    cx.sc.demands.push_back(std::move(dm));
  }
}

}  // namespace tumen::scenario::detail
