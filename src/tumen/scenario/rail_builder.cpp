// Building and validating the rail sections (see detail/rail_builder.hpp).
//
// Ids first (rail stations, bridges and gauge-change yards share one namespace, which must not
// meet the road's), then each section, then the cross-section rules: every train kind that
// reaches a station has an inspection time there, and every element, route and kind is used.
#include "tumen/scenario/detail/rail_builder.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "tumen/scenario/detail/weekly_hours.hpp"
#include "tumen/scenario/suggest.hpp"

namespace tumen::scenario::detail {

namespace {

constexpr std::int64_t max_tracks = 10'000;

class rail_builder {
 public:
  rail_builder(const toml::table& root, toml_access& access, scenario& sc,
               const std::vector<std::string>& road_ids)
      : root_(root), a_(access), sc_(sc), road_ids_(road_ids), root_where_{access.file(), 0, 0} {}

  void build() {
    collect_ids();
    read_bridges();
    read_stations();
    read_gauge_changes();
    read_kinds();
    read_routes();
    read_trains();
    check_use();
  }

 private:
  field top(std::string_view key) { return a_.get(root_, {}, root_where_, key); }
  field get(const entry& e, std::string_view key) { return a_.get(*e.table, e.path, e.where, key); }
  // A new element of the entry's section: its id, and its `name` or the id.
  template <class Element>
  Element named(const entry& e) {
    Element x;
    x.id = e.id;
    x.name = a_.string(get(e, "name")).value_or(e.id);
    return x;
  }
  int as_int(std::optional<std::int64_t> v, int fallback) {
    return v ? static_cast<int>(*v) : fallback;
  }
  std::optional<int> side_of(const entry& e) {
    const auto f = get(e, "side");
    if (!f.node) return std::nullopt;
    return a_.reference(f, side_ids_, "side");
  }

  // ---- ids -------------------------------------------------------------------------------
  void collect_ids() {
    bridges_ = a_.id_entries(top("rail_bridges"));
    stations_ = a_.id_entries(top("rail_stations"));
    gauges_ = a_.id_entries(top("gauge_change"));
    kinds_ = a_.id_entries(top("train_kinds"));
    routes_ = a_.id_entries(top("rail_routes"));
    for (const auto& s : sc_.sides) side_ids_.push_back(s.id);
    for (const auto& k : kinds_) kind_ids_.push_back(k.id);
    for (const auto& r : routes_) route_ids_.push_back(r.id);

    std::map<std::string, std::string_view> seen;  // id → section
    for (const auto& id : road_ids_) seen.emplace(id, "a road element");
    const auto add = [&](const std::vector<entry>& es, std::string_view section,
                         rail_element_kind kind) {
      for (std::size_t i = 0; i < es.size(); ++i) {
        const auto& e = es[i];
        if (const auto it = seen.find(e.id); it != seen.end()) {
          a_.error(
              e.where, e.path,
              fmt::format("the id \"{}\" is already used by {}; rail routes name rail stations, "
                          "rail bridges and gauge-change yards by id, and results name every "
                          "element by id, so each id may be used once",
                          e.id, it->second),
              "a different id");
          continue;
        }
        seen.emplace(e.id, section);
        element_ids_.push_back(e.id);
        element_refs_.push_back({kind, static_cast<int>(i)});
      }
    };
    add(stations_, "a rail station", rail_element_kind::station);
    add(bridges_, "a rail bridge", rail_element_kind::bridge);
    add(gauges_, "a gauge-change yard", rail_element_kind::gauge_change);
  }

  // ---- elements ----------------------------------------------------------------------------
  void read_bridges() {
    for (const auto& e : bridges_) {
      auto b = named<rail_bridge>(e);
      b.length_m = a_.quantity(get(e, "length"), dimension::length, true).value_or(1);
      b.speed_mps = a_.quantity(get(e, "speed"), dimension::speed, true).value_or(1);
      b.single_track = a_.boolean(get(e, "single_track")).value_or(true);
      b.headway = a_.quantity(get(e, "headway"), dimension::time, false).value_or(0);
      const auto clearance = get(e, "clearance");
      b.clearance = a_.quantity(clearance, dimension::time, false).value_or(0);
      if (!b.single_track && e.table->contains("clearance"))
        a_.warning(
            clearance.where, clearance.path,
            "clearance applies only to a single track; it is ignored with single_track = false");
      sc_.rail_bridges.push_back(std::move(b));
    }
  }

  std::optional<int> kind_key(const toml::key& k, const field& f) {
    const auto it = std::find(kind_ids_.begin(), kind_ids_.end(), k.str());
    if (it != kind_ids_.end()) return static_cast<int>(it - kind_ids_.begin());
    auto msg = fmt::format("no train kind has the id \"{}\"", k.str());
    if (auto hint = did_you_mean(k.str(), kind_ids_); !hint.empty()) msg += "; " + hint;
    a_.error(
        f.where, f.path, msg,
        kind_ids_.empty() ? "define [train_kinds.ID] first" : "one of " + list_names(kind_ids_));
    return std::nullopt;
  }

  void read_stations() {
    for (const auto& e : stations_) {
      auto s = named<rail_station>(e);
      s.side = side_of(e);
      s.tracks = as_int(a_.integer(get(e, "tracks"), 1, max_tracks), 1);
      s.inspection_by_kind.assign(kind_ids_.size(),
                                  a_.distribution(get(e, "inspection"), dimension::time));
      const auto by_kind = get(e, "inspection_by_kind");
      for (auto&& [k, v] : a_.table_or_empty(by_kind)) {
        const auto f = located_item(a_, k, v, by_kind.path, by_kind.where);
        const auto kind = kind_key(k, f);
        const auto d = a_.distribution(f, dimension::time);
        if (kind && d) s.inspection_by_kind[static_cast<std::size_t>(*kind)] = *d;
      }
      s.hours = read_weekly_hours(a_, e);
      sc_.rail_stations.push_back(std::move(s));
    }
  }

  void read_gauge_changes() {
    for (const auto& e : gauges_) {
      auto g = named<gauge_change>(e);
      g.side = side_of(e);
      const auto method = a_.choice(get(e, "method"), {"transship", "bogie_exchange"});
      g.method = method && *method == 1 ? gauge_method::bogie_exchange : gauge_method::transship;
      const auto rate = get(e, "rate");
      const auto per_wagon = get(e, "time_per_wagon");
      if (method && g.method == gauge_method::transship) {
        if (per_wagon.node)
          a_.error(per_wagon.where, per_wagon.path,
                   "time_per_wagon is for method = \"bogie_exchange\"",
                   "rate = \"200 t/h\" for transshipment");
        if (!rate.node)
          a_.error(e.where, child(e.path, "rate"), "transshipment needs a rate",
                   "rate = \"200 t/h\"");
      } else if (method) {
        if (rate.node)
          a_.error(rate.where, rate.path, "rate is for method = \"transship\"",
                   "time_per_wagon = \"20 min\" for bogie exchange");
        if (!per_wagon.node)
          a_.error(e.where, child(e.path, "time_per_wagon"),
                   "bogie exchange needs a time per wagon", "time_per_wagon = \"20 min\"");
      }
      if (rate.node)
        if (const auto r = a_.quantity(rate, dimension::mass_rate, true)) g.rate_tph = *r * 3600.0;
      if (per_wagon.node) g.time_per_wagon = a_.distribution(per_wagon, dimension::time);
      g.setup = a_.distribution(get(e, "setup"), dimension::time).value_or(random::distribution{});
      g.tracks = as_int(a_.integer(get(e, "tracks"), 1, max_tracks), 1);
      const auto capacity = get(e, "capacity_wagons");
      if (capacity.node)
        if (const auto c = a_.integer(capacity, 1, 10'000'000))
          g.capacity_wagons = static_cast<int>(*c);
      g.hours = read_weekly_hours(a_, e);
      sc_.gauge_changes.push_back(std::move(g));
    }
  }

  void read_kinds() {
    for (const auto& e : kinds_) {
      auto k = named<train_kind>(e);
      k.wagons =
          a_.distribution(get(e, "wagons"), dimension::count).value_or(random::distribution{});
      k.tonnes_per_wagon = a_.distribution(get(e, "tonnes_per_wagon"), dimension::mass)
                               .value_or(random::distribution{});
      k.loaded_share = a_.number(get(e, "loaded_share"), 0, 1).value_or(1.0);
      k.coaches =
          a_.distribution(get(e, "coaches"), dimension::count).value_or(random::distribution{});
      k.persons_per_coach = a_.distribution(get(e, "persons_per_coach"), dimension::count)
                                .value_or(random::distribution{});
      if (k.wagons.mean() <= 0 && k.coaches.mean() <= 0)
        a_.error(e.where, e.path, "a train kind with neither wagons nor coaches carries nothing",
                 "wagons = 40 (freight) or coaches = 2 (passengers)");
      sc_.train_kinds.push_back(std::move(k));
    }
  }

  // ---- routes and trains -------------------------------------------------------------------
  void read_routes() {
    for (const auto& e : routes_) {
      auto r = named<rail_route>(e);
      const auto from = get(e, "from");
      const auto to = get(e, "to");
      const auto f = a_.reference(from, side_ids_, "side");
      const auto t = a_.reference(to, side_ids_, "side");
      r.from_side = f.value_or(0);
      r.to_side = t.value_or(0);
      if (f && t && *f == *t)
        a_.error(to.where, to.path, "a rail route must end on the other side from where it starts",
                 "a side other than \"" + side_ids_[static_cast<std::size_t>(*f)] + "\"");
      const auto path = get(e, "path");
      if (path.node) {
        if (const auto* arr = path.node->as_array()) {
          if (arr->empty())
            a_.error(path.where, path.path, "is empty",
                     "the ids of the rail elements passed, in order");
          for (std::size_t i = 0; i < arr->size(); ++i) {
            const field item = a_.element(path, i);
            const auto s = item.node ? item.node->value<std::string>() : std::nullopt;
            if (s && std::find(road_ids_.begin(), road_ids_.end(), *s) != road_ids_.end()) {
              a_.error(
                  item.where, item.path,
                  fmt::format("\"{}\" is a road element; rail routes pass rail elements only", *s),
                  element_ids_.empty()
                      ? "define [rail_stations.ID], [rail_bridges.ID] or [gauge_change.ID]"
                      : "one of " + list_names(element_ids_));
              continue;
            }
            if (const auto k = a_.reference(item, element_ids_,
                                            "rail station, rail bridge or gauge-change yard")) {
              const auto ref = element_refs_[static_cast<std::size_t>(*k)];
              if (std::find(r.path.begin(), r.path.end(), ref) != r.path.end())
                a_.warning(item.where, item.path,
                           fmt::format("the route passes \"{}\" twice",
                                       element_ids_[static_cast<std::size_t>(*k)]));
              r.path.push_back(ref);
            }
          }
        } else {
          a_.error(
              path.where, path.path,
              fmt::format("must be an array of rail element ids, got {}", describe(*path.node)),
              "e.g. [\"khasan_station\", \"friendship_bridge\", \"tumangang_station\"]");
        }
      }
      sc_.rail_routes.push_back(std::move(r));
    }
  }

  std::optional<int> implied_ref(const field& f, const std::vector<std::string>& ids,
                                 std::string_view what, const entry& e) {
    if (f.node) return a_.reference(f, ids, what);
    if (ids.size() == 1) return 0;
    a_.error(e.where, f.path,
             ids.empty() ? fmt::format("names no {}, and none is defined", what)
                         : fmt::format("is required when there is more than one {}", what),
             ids.empty() ? std::string("define one first") : "one of " + list_names(ids));
    return std::nullopt;
  }

  void read_weekday_factors(const field& factors, train_service& t) {
    if (factors.node && factors.node->is_table()) {
      for_each_weekday(a_, factors, [&](int day, const field& f) {
        if (const auto x = a_.number(f, 0, 1e6))
          t.weekday_factor[static_cast<std::size_t>(day)] = *x;
      });
    } else if (factors.node) {
      const auto* arr = factors.node->as_array();
      if (!arr || arr->size() != 7) {
        a_.error(
            factors.where, factors.path,
            fmt::format("must be 7 factors (Monday first) or a table of weekday → factor, got {}",
                        arr ? fmt::format("{} entries", arr->size()) : describe(*factors.node)),
            "e.g. [1, 1, 1, 1, 1, 0.5, 0] or { sat = 0.5, sun = 0 }");
        return;
      }
      for (std::size_t i = 0; i < 7; ++i)
        if (const auto x = a_.number(a_.element(factors, i), 0, 1e6)) t.weekday_factor[i] = *x;
    }
  }

  void read_trains() {
    const auto all = top("trains");
    for (const auto& e : a_.array_entries(all)) {
      train_service t;
      const auto kind = implied_ref(get(e, "kind"), kind_ids_, "train kind", e);
      const auto route = implied_ref(get(e, "route"), route_ids_, "rail route", e);
      t.kind = kind.value_or(0);
      t.route = route.value_or(0);

      const auto timetable = get(e, "timetable");
      const auto per_day = get(e, "per_day");
      const auto window = get(e, "window");
      const auto factors = get(e, "weekday_factors");
      if (timetable.node && per_day.node) {
        a_.error(
            per_day.where, per_day.path, "give timetable or per_day, not both",
            "timetable = [\"08:10\", \"14:30\"], or per_day = 4 with window = \"08:00-20:00\"");
      } else if (!timetable.node && !per_day.node) {
        a_.error(
            e.where, e.path, "needs a timetable or per_day",
            "timetable = [\"08:10\", \"14:30\"], or per_day = 4 with window = \"08:00-20:00\"");
      } else if (timetable.node) {
        if (e.table->contains("window"))
          a_.error(window.where, window.path,
                   "a window spreads per_day; a timetable gives the times itself",
                   "leave window out, or use per_day");
        if (factors.node)
          a_.error(factors.where, factors.path,
                   "weekday factors scale per_day; a timetable runs in full on its days",
                   "days = [\"mon\", …] to choose running days");
        if (const auto* arr = timetable.node->as_array()) {
          if (arr->empty())
            a_.error(timetable.where, timetable.path, "is empty",
                     "at least one time, e.g. [\"08:10\"]");
          for (std::size_t i = 0; i < arr->size(); ++i) {
            const field f = a_.element(timetable, i);
            const auto x = a_.time_of_day(f);
            if (!x) continue;
            if (*x >= tumen::days) {
              a_.error(f.where, f.path, "a train cannot run at 24:00",
                       "a time from \"00:00\" to \"23:59\"");
              continue;
            }
            t.timetable.push_back(*x);
          }
          std::sort(t.timetable.begin(), t.timetable.end());
        } else {
          a_.error(
              timetable.where, timetable.path,
              fmt::format("must be an array of times of day, got {}", describe(*timetable.node)),
              "e.g. [\"08:10\", \"14:30\"]");
        }
      } else {
        t.per_day = a_.number(per_day, 0, 1e6).value_or(0);
        if (const auto w = a_.hours(window)) {
          if (w->size() != 1)
            a_.error(window.where, window.path, "must be one range of hours",
                     "e.g. \"08:00-20:00\"");
          else
            t.window = w->front();
        }
        read_weekday_factors(factors, t);
      }

      const auto days = get(e, "days");
      if (days.node) {
        if (const auto* arr = days.node->as_array()) {
          t.runs_on.fill(false);
          for (std::size_t i = 0; i < arr->size(); ++i)
            if (const auto w = a_.weekday(a_.element(days, i)))
              t.runs_on[static_cast<std::size_t>(*w)] = true;
        } else {
          a_.error(days.where, days.path,
                   fmt::format("must be an array of weekdays, got {}", describe(*days.node)),
                   "e.g. [\"mon\", \"wed\", \"fri\"]");
        }
      }
      t.delay = a_.distribution(get(e, "delay"), dimension::time).value_or(random::distribution{});
      sc_.trains.push_back(std::move(t));
      train_entries_.push_back(e);
    }
  }

  // ---- cross checks ------------------------------------------------------------------------
  void check_use() {
    if (a_.out().has_errors()) return;  // indices may be placeholders
    std::vector<std::set<int>> kinds_at_station(sc_.rail_stations.size());
    std::set<std::pair<rail_element_kind, int>> used;
    std::vector<bool> route_used(sc_.rail_routes.size()), kind_used(sc_.train_kinds.size());
    for (const auto& t : sc_.trains) {
      route_used[static_cast<std::size_t>(t.route)] = true;
      kind_used[static_cast<std::size_t>(t.kind)] = true;
      for (const auto& el : sc_.rail_routes[static_cast<std::size_t>(t.route)].path) {
        used.insert({el.kind, el.index});
        if (el.kind == rail_element_kind::station)
          kinds_at_station[static_cast<std::size_t>(el.index)].insert(t.kind);
      }
    }
    for (std::size_t s = 0; s < sc_.rail_stations.size(); ++s)
      for (int k : kinds_at_station[s])
        if (!sc_.rail_stations[s].inspection_by_kind[static_cast<std::size_t>(k)]) {
          const auto& kid = kind_ids_[static_cast<std::size_t>(k)];
          a_.error(stations_[s].where, child(stations_[s].path, "inspection"),
                   fmt::format(
                       "train kind '{}' reaches this station but has no inspection time here", kid),
                   fmt::format(
                       "inspection = \"…\" for every kind, or inspection_by_kind.{} = \"…\"", kid));
        }
    const auto warn_unused = [&](const std::vector<entry>& es, rail_element_kind kind,
                                 std::string_view what) {
      for (std::size_t i = 0; i < es.size(); ++i)
        if (!used.count({kind, static_cast<int>(i)}))
          a_.warning(es[i].where, es[i].path, fmt::format("no train passes this {}", what));
    };
    warn_unused(stations_, rail_element_kind::station, "station");
    warn_unused(bridges_, rail_element_kind::bridge, "rail bridge");
    warn_unused(gauges_, rail_element_kind::gauge_change, "gauge-change yard");
    for (std::size_t i = 0; i < routes_.size(); ++i)
      if (!route_used[i])
        a_.warning(routes_[i].where, routes_[i].path, "no [[trains]] use this rail route");
    for (std::size_t i = 0; i < kinds_.size(); ++i)
      if (!kind_used[i])
        a_.warning(kinds_[i].where, kinds_[i].path, "no [[trains]] use this train kind");
  }

  const toml::table& root_;
  toml_access& a_;
  scenario& sc_;
  const std::vector<std::string>& road_ids_;
  source_location root_where_;
  std::vector<entry> bridges_, stations_, gauges_, kinds_, routes_, train_entries_;
  std::vector<std::string> side_ids_, kind_ids_, route_ids_, element_ids_;
  std::vector<rail_element_ref> element_refs_;
};

}  // namespace

void build_rail(const toml::table& root, toml_access& access, scenario& sc,
                const std::vector<std::string>& road_element_ids) {
  rail_builder(root, access, sc, road_element_ids).build();
}

}  // namespace tumen::scenario::detail
