// Building and validating the scenario model section by section (see detail/model_builder.hpp).
//
// Order matters only for references: every id map is collected first, so a stage may name a
// stage defined further down, a yard a route, a route any element. Cross-section rules (branch
// cycles, which classes reach which stage, closures overlapping) run last.
#include "tumen/scenario/detail/model_builder.hpp"

#include "tumen/scenario/detail/rail_builder.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <functional>
#include <set>

#include <fmt/format.h>

#include "tumen/scenario/suggest.hpp"

namespace tumen::scenario::detail {

namespace {

constexpr std::int64_t max_lanes = 10'000;

class builder {
 public:
  builder(const toml::table& root, toml_access& access)
      : root_(root), a_(access), root_where_{access.file(), 0, 0} {}

  scenario build() {
    read_header();
    collect_ids();
    read_sides();
    read_classes();
    read_links();
    read_holding();
    read_stages();
    read_yards();
    read_routes();
    read_demand();
    read_closures();
    build_rail(root_, a_, sc_, element_ids_);
    check_branches();
    check_reach();
    return std::move(sc_);
  }

 private:
  field top(std::string_view key) { return a_.get(root_, {}, root_where_, key); }
  field get(const entry& e, std::string_view key) { return a_.get(*e.table, e.path, e.where, key); }
  field get(const toml::table& t, const key_path& path, const source_location& w,
            std::string_view key) {
    return a_.get(t, path, w, key);
  }
  // A field for a value found while iterating a table.
  field item(const toml::key& k, const toml::node& v, const key_path& parent,
             const source_location& fallback) {
    field f{&v, child(parent, k.str()), a_.where(k, v)};
    if (f.where.line == 0 && f.where.file == a_.file()) f.where = fallback;
    return f;
  }
  int as_int(std::optional<std::int64_t> v, int fallback) {
    return v ? static_cast<int>(*v) : fallback;
  }

  // ---- [scenario], [run], [design] -------------------------------------------------------
  void read_header() {
    const auto s = top("scenario");
    const auto& st = a_.table_or_empty(s);
    const auto name = a_.string(get(st, {"scenario"}, s.where, "name"));
    if (name)
      sc_.name = *name;
    else {
      std::string stem = a_.file();
      if (const auto slash = stem.find_last_of('/'); slash != std::string::npos)
        stem = stem.substr(slash + 1);
      if (const auto dot = stem.rfind('.'); dot != std::string::npos && dot > 0)
        stem = stem.substr(0, dot);
      sc_.name = stem;
    }
    sc_.description = a_.string(get(st, {"scenario"}, s.where, "description")).value_or("");
    a_.integer(get(st, {"scenario"}, s.where, "format"), 1, 1);

    const auto r = top("run");
    const auto& rt = a_.table_or_empty(r);
    const key_path rp{"run"};
    const auto days = a_.integer(get(rt, rp, r.where, "days"), 1, 36500);
    sc_.run.days = as_int(days, 1);
    const auto warmup = get(rt, rp, r.where, "warmup");
    sc_.run.warmup = a_.quantity(warmup, dimension::time, false).value_or(0);
    if (days && sc_.run.warmup >= sc_.run.length())  // a bad run.days is reported already
      a_.error(warmup.where, warmup.path,
               fmt::format("the warm-up ({} s) is not shorter than the run ({} days)",
                           sc_.run.warmup, sc_.run.days),
               "a warm-up shorter than run.days");
    sc_.run.start_weekday = a_.weekday(get(rt, rp, r.where, "start_weekday")).value_or(0);
    sc_.run.seed = static_cast<std::uint64_t>(
        a_.integer(get(rt, rp, r.where, "seed"), 0, INT64_MAX).value_or(1));
    sc_.run.max_vehicles_inside = static_cast<std::uint64_t>(
        a_.integer(get(rt, rp, r.where, "max_vehicles_inside"), 1, INT64_MAX).value_or(1'000'000));
    sc_.run.demand_scale = a_.number(get(rt, rp, r.where, "demand_scale"), 0, 1e6).value_or(1.0);

    const auto d = top("design");
    const auto& dt = a_.table_or_empty(d);
    const key_path dp{"design"};
    sc_.design.vehicles_per_day = a_.number(get(dt, dp, d.where, "vehicles_per_day"), 0, 1e9);
    sc_.design.persons_per_day = a_.number(get(dt, dp, d.where, "persons_per_day"), 0, 1e9);
    sc_.design.tonnes_per_day = a_.number(get(dt, dp, d.where, "tonnes_per_day"), 0, 1e9);
  }

  // ---- ids ---------------------------------------------------------------------------------
  static std::vector<std::string> ids_of(const std::vector<entry>& es) {
    std::vector<std::string> out;
    for (const auto& e : es) out.push_back(e.id);
    return out;
  }

  void collect_ids() {
    sides_ = a_.id_entries(top("sides"));
    const auto classes = top("classes");
    classes_ = a_.id_entries(classes);
    if (classes.node && classes.node->is_table() && classes_.empty())
      a_.error(classes.where, classes.path, "defines no class", "at least one [classes.ID]");
    links_ = a_.id_entries(top("links"));
    holding_ = a_.id_entries(top("holding"));
    stages_ = a_.id_entries(top("stages"));
    yards_ = a_.id_entries(top("yards"));
    const auto routes = top("routes");
    routes_ = a_.id_entries(routes);
    if (routes.node && routes.node->is_table() && routes_.empty())
      a_.error(routes.where, routes.path, "defines no route", "at least one [routes.ID]");
    side_ids_ = ids_of(sides_);
    class_ids_ = ids_of(classes_);
    stage_ids_ = ids_of(stages_);
    route_ids_ = ids_of(routes_);

    // Links, holding areas, stages and yards share one namespace: a route names them by id.
    // The later definition in the file is the one reported.
    struct candidate {
      const entry* e;
      std::string_view section;
      element_ref ref;
    };
    std::vector<candidate> all;
    const auto add = [&](const std::vector<entry>& es, std::string_view section,
                         element_kind kind) {
      for (std::size_t i = 0; i < es.size(); ++i)
        all.push_back({&es[i], section, {kind, static_cast<int>(i)}});
    };
    add(links_, "links", element_kind::link);
    add(holding_, "holding", element_kind::holding);
    add(stages_, "stages", element_kind::stage);
    add(yards_, "yards", element_kind::yard);
    const auto rank = [](const candidate& c) {
      return std::pair{c.e->where.line > 0 ? c.e->where.line : INT_MAX, c.e->where.column};
    };
    std::stable_sort(all.begin(), all.end(),
                     [&](const auto& x, const auto& y) { return rank(x) < rank(y); });
    std::map<std::string, std::string_view> seen;  // id → section
    for (const auto& c : all) {
      const auto& e = *c.e;
      if (e.id == "all") {
        a_.error(e.where, e.path, "\"all\" is reserved (closures use it for the whole crossing)",
                 "another id");
        continue;
      }
      if (const auto it = seen.find(e.id); it != seen.end()) {
        a_.error(e.where, e.path,
                 fmt::format("the id \"{}\" is already used by [{}.{}]; routes name links, holding "
                             "areas, stages and yards by id, so each id may be used once",
                             e.id, it->second, e.id),
                 "a different id");
        continue;
      }
      seen.emplace(e.id, c.section);
      element_ids_.push_back(e.id);
      element_refs_.push_back(c.ref);
    }
  }

  std::string name_or_id(const entry& e) { return a_.string(get(e, "name")).value_or(e.id); }

  // ---- sides, classes, links, holding -----------------------------------------------------
  void read_sides() {
    for (const auto& e : sides_) sc_.sides.push_back({e.id, name_or_id(e)});
  }

  void read_classes() {
    for (const auto& e : classes_) {
      vehicle_class c;
      c.id = e.id;
      c.name = name_or_id(e);
      c.persons = a_.distribution(get(e, "persons"), dimension::count)
                      .value_or(random::distribution::constant(1));
      c.cargo_tonnes =
          a_.distribution(get(e, "cargo"), dimension::mass).value_or(random::distribution{});
      c.loaded_share = a_.number(get(e, "loaded_share"), 0, 1).value_or(1.0);
      c.transship = a_.boolean(get(e, "transship")).value_or(false);
      sc_.classes.push_back(std::move(c));
    }
  }

  void read_links() {
    for (const auto& e : links_) {
      link l;
      l.id = e.id;
      l.name = name_or_id(e);
      l.length_m = a_.quantity(get(e, "length"), dimension::length, true).value_or(1);
      l.speed_mps = a_.quantity(get(e, "speed"), dimension::speed, true).value_or(1);
      l.lanes = as_int(a_.integer(get(e, "lanes"), 1, max_lanes), 1);
      l.min_headway = a_.quantity(get(e, "min_headway"), dimension::time, false).value_or(0);
      sc_.links.push_back(std::move(l));
    }
  }

  void read_holding() {
    for (const auto& e : holding_) {
      holding_area h;
      h.id = e.id;
      h.name = name_or_id(e);
      h.capacity = as_int(a_.integer(get(e, "capacity"), 1, 10'000'000), 1);
      const auto w = a_.choice(get(e, "when_full"), {"spillback", "turn_away"});
      h.when_full = w && *w == 1 ? when_full_policy::turn_away : when_full_policy::spillback;
      sc_.holding.push_back(std::move(h));
    }
  }

  // ---- opening hours and lane schedules ----------------------------------------------------
  weekly_hours read_hours(const entry& e) { return read_weekly_hours(a_, e); }

  lane_schedule read_schedule(const field& f, int count) {
    lane_schedule s;
    for (const auto& step_entry : a_.array_entries(f)) {
      const auto from = a_.time_of_day(get(step_entry, "from"));
      const auto to_field = get(step_entry, "to");
      const auto to = a_.time_of_day(to_field);
      const auto lanes = a_.integer(get(step_entry, "lanes"), 0, count);
      if (!from || !to || !lanes) continue;
      if (!(*from < *to)) {
        a_.error(to_field.where, to_field.path, "must be after from",
                 "from < to within one day; split a step past midnight into two");
        continue;
      }
      s.steps.push_back({*from, *to, static_cast<int>(*lanes)});
    }
    std::sort(s.steps.begin(), s.steps.end(),
              [](const auto& x, const auto& y) { return x.from < y.from; });
    for (std::size_t i = 1; i < s.steps.size(); ++i)
      if (s.steps[i].from < s.steps[i - 1].to)
        a_.error(f.where, f.path, "schedule steps overlap",
                 "steps whose [from, to) do not overlap");
    return s;
  }

  // ---- stages ------------------------------------------------------------------------------
  std::optional<int> class_key(const toml::key& k, const field& f) {
    const auto it = std::find(class_ids_.begin(), class_ids_.end(), k.str());
    if (it != class_ids_.end()) return static_cast<int>(it - class_ids_.begin());
    auto msg = fmt::format("no class has the id \"{}\"", k.str());
    if (auto hint = did_you_mean(k.str(), class_ids_); !hint.empty()) msg += "; " + hint;
    a_.error(f.where, f.path, msg, "one of " + list_names(class_ids_));
    return std::nullopt;
  }

  void read_stages() {
    const std::size_t nc = class_ids_.size();
    for (const auto& e : stages_) {
      stage s;
      s.id = e.id;
      s.name = name_or_id(e);
      const auto side_field = get(e, "side");
      if (side_field.node) s.side = a_.reference(side_field, side_ids_, "side");

      const auto lanes = get(e, "lanes");
      const auto open_lanes = get(e, "open_lanes");
      if (lanes.node && lanes.node->is_array()) {
        if (open_lanes.node)
          a_.error(open_lanes.where, open_lanes.path,
                   "with lane groups, give open_lanes inside each group",
                   fmt::format("{}.N.open_lanes", join(lanes.path)));
        const auto groups = a_.array_entries(lanes);
        if (groups.empty() && lanes.node->as_array()->empty())
          a_.error(lanes.where, lanes.path, "has no lane group",
                   "at least one { count = …, classes = […] }");
        for (const auto& g : groups) {
          lane_group group;
          group.count = as_int(a_.integer(get(g, "count"), 1, max_lanes), 1);
          const auto classes = get(g, "classes");
          if (classes.node) {
            if (const auto* arr = classes.node->as_array()) {
              for (std::size_t i = 0; i < arr->size(); ++i) {
                const field f = a_.element(classes, i);
                if (const auto c = a_.reference(f, class_ids_, "class"))
                  group.classes.push_back(*c);
              }
              if (arr->empty())
                a_.error(classes.where, classes.path, "is empty: the lanes would serve no class",
                         "class ids, or leave classes out to serve every class");
            } else {
              a_.error(
                  classes.where, classes.path,
                  fmt::format("must be an array of class ids, got {}", describe(*classes.node)),
                  "e.g. [\"truck\", \"bus\"]");
            }
          }
          group.open_lanes = read_schedule(get(g, "open_lanes"), group.count);
          s.lanes.push_back(std::move(group));
        }
      } else {
        lane_group group;
        if (lanes.node && !lanes.node->is_number())
          a_.error(lanes.where, lanes.path,
                   fmt::format("must be a whole number ≥ 1 or an array of lane groups, got {}",
                               describe(*lanes.node)),
                   "e.g. 3, or [{ count = 2, classes = [\"car\"] }, { count = 1 }]");
        else
          group.count = as_int(a_.integer(lanes, 1, max_lanes), 1);
        group.open_lanes = read_schedule(open_lanes, group.count);
        s.lanes.push_back(std::move(group));
      }
      const auto queue = a_.choice(get(e, "queue"), {"shared", "per_lane"});
      s.queue = queue && *queue == 1 ? queue_discipline::per_lane : queue_discipline::shared;

      const auto service = get(e, "service");
      const auto default_service = a_.distribution(service, dimension::time);
      s.service_by_class.assign(nc, default_service);
      const auto by_class = get(e, "service_by_class");
      for (auto&& [k, v] : a_.table_or_empty(by_class)) {
        const auto f = item(k, v, by_class.path, by_class.where);
        const auto c = class_key(k, f);
        const auto d = a_.distribution(f, dimension::time);
        if (c && d) s.service_by_class[static_cast<std::size_t>(*c)] = *d;
      }

      s.priority_by_class.assign(nc, 0);
      const auto prio = get(e, "priority_by_class");
      for (auto&& [k, v] : a_.table_or_empty(prio)) {
        const auto f = item(k, v, prio.path, prio.where);
        const auto c = class_key(k, f);
        const auto p = a_.integer(f, -1000, 1000);
        if (c && p) s.priority_by_class[static_cast<std::size_t>(*c)] = static_cast<int>(*p);
      }

      const auto patience = a_.distribution(get(e, "patience"), dimension::time);
      s.patience_by_class.assign(nc, patience);
      const auto pat = get(e, "patience_by_class");
      for (auto&& [k, v] : a_.table_or_empty(pat)) {
        const auto f = item(k, v, pat.path, pat.where);
        const auto c = class_key(k, f);
        const auto d = a_.distribution(f, dimension::time);
        if (c && d) s.patience_by_class[static_cast<std::size_t>(*c)] = *d;
      }

      const auto next = get(e, "next");
      next_fields_.push_back(next);
      for (const auto& be : a_.array_entries(next)) {
        branch b;
        const auto target = get(be, "stage");
        const auto t = a_.reference(target, stage_ids_, "stage");
        if (t && stage_ids_[static_cast<std::size_t>(*t)] == e.id)
          a_.error(target.where, target.path, "a stage cannot send vehicles on to itself",
                   "another stage");
        else if (t)
          b.stage = *t;
        else
          continue;
        b.share_by_class.assign(nc, 0.0);
        const auto share = get(be, "share");
        if (share.node && share.node->is_table()) {
          for (auto&& [k, v] : *share.node->as_table()) {
            const auto f = item(k, v, share.path, share.where);
            const auto c = class_key(k, f);
            const auto x = a_.number(f, 0, 1);
            if (c && x) b.share_by_class[static_cast<std::size_t>(*c)] = *x;
          }
        } else if (share.node) {
          const auto x = a_.number(share, 0, 1);
          if (x) b.share_by_class.assign(nc, *x);
        }
        s.next.push_back(std::move(b));
      }
      for (std::size_t c = 0; c < nc; ++c) {
        double sum = 0;
        for (const auto& b : s.next) sum += b.share_by_class[c];
        if (sum > 1 + 1e-9)
          a_.error(
              next.where, next.path,
              fmt::format("the shares for class '{}' sum to {}, more than 1", class_ids_[c], sum),
              "shares per class summing to at most 1");
      }
      s.hours = read_hours(e);
      sc_.stages.push_back(std::move(s));
    }
  }

  // ---- yards -------------------------------------------------------------------------------
  void read_yards() {
    for (const auto& e : yards_) {
      yard y;
      y.id = e.id;
      y.name = name_or_id(e);
      const auto side_field = get(e, "side");
      if (side_field.node) y.side = a_.reference(side_field, side_ids_, "side");
      y.bays = as_int(a_.integer(get(e, "bays"), 1, max_lanes), 1);
      const auto crews = get(e, "crews");
      if (crews.node) {
        if (const auto c = a_.integer(crews, 1, max_lanes)) y.crews = static_cast<int>(*c);
      }
      const auto rate = get(e, "rate");
      const auto time = get(e, "time_per_truck");
      if (rate.node && time.node)
        a_.error(time.where, time.path, "give either rate or time_per_truck, not both",
                 "rate = \"30 t/h\" or time_per_truck = \"20 min\"");
      else if (!rate.node && !time.node)
        a_.error(e.where, e.path, "needs a transfer rate or a time per truck",
                 "rate = \"30 t/h\" or time_per_truck = \"20 min\"");
      if (rate.node) {
        if (const auto r = a_.quantity(rate, dimension::mass_rate, true)) y.rate_tph = *r * 3600.0;
      }
      if (time.node) y.time_per_truck = a_.distribution(time, dimension::time);
      y.setup = a_.distribution(get(e, "setup"), dimension::time).value_or(random::distribution{});
      y.parking = as_int(a_.integer(get(e, "parking"), 1, 10'000'000), 1);
      y.receiving_class = a_.reference(get(e, "receiving_class"), class_ids_, "class").value_or(0);
      const auto onward = get(e, "onward_route");
      if (onward.node) y.onward_route = a_.reference(onward, route_ids_, "route");
      const auto empty = get(e, "empty_truck_route");
      if (empty.node) y.empty_truck_route = a_.reference(empty, route_ids_, "route");
      y.hours = read_hours(e);
      sc_.yards.push_back(std::move(y));
    }
  }

  // ---- routes ------------------------------------------------------------------------------
  void read_routes() {
    for (const auto& e : routes_) {
      route r;
      r.id = e.id;
      r.name = name_or_id(e);
      const auto from = get(e, "from");
      if (from.node) r.from_side = a_.reference(from, side_ids_, "side");
      const auto to = get(e, "to");
      if (to.node) r.to_side = a_.reference(to, side_ids_, "side");
      const auto path = get(e, "path");
      if (path.node) {
        if (const auto* arr = path.node->as_array()) {
          if (arr->empty())
            a_.error(path.where, path.path, "is empty", "the ids of the elements passed, in order");
          for (std::size_t i = 0; i < arr->size(); ++i) {
            const field f = a_.element(path, i);
            if (const auto k = a_.reference(f, element_ids_, "link, holding area, stage or yard")) {
              const auto ref = element_refs_[static_cast<std::size_t>(*k)];
              if (std::find(r.path.begin(), r.path.end(), ref) != r.path.end())
                a_.warning(f.where, f.path,
                           fmt::format("the route passes \"{}\" twice",
                                       element_ids_[static_cast<std::size_t>(*k)]));
              r.path.push_back(ref);
            }
          }
          for (std::size_t i = 0; i < r.path.size(); ++i) {
            if (r.path[i].kind != element_kind::holding) continue;
            const bool ok = i + 1 < r.path.size() && (r.path[i + 1].kind == element_kind::stage ||
                                                      r.path[i + 1].kind == element_kind::yard);
            if (!ok)
              a_.error(path.where, path.path,
                       fmt::format("holding area \"{}\" must be followed by a stage or a yard",
                                   sc_.holding[static_cast<std::size_t>(r.path[i].index)].id),
                       "…, holding area, stage, …");
          }
        } else {
          a_.error(path.where, path.path,
                   fmt::format("must be an array of element ids, got {}", describe(*path.node)),
                   "e.g. [\"approach\", \"ru_primary\", \"bridge\"]");
        }
      }
      sc_.routes.push_back(std::move(r));
    }
  }

  // ---- demand ------------------------------------------------------------------------------
  std::optional<int> implied_ref(const field& f, const std::vector<std::string>& ids,
                                 std::string_view what, const entry& e) {
    if (f.node) return a_.reference(f, ids, what);
    if (ids.size() == 1) return 0;
    if (!ids.empty())
      a_.error(e.where, f.path, fmt::format("is required when there is more than one {}", what),
               "one of " + list_names(ids));
    return std::nullopt;
  }

  std::optional<std::vector<double>> numbers(const field& f, std::size_t n, std::string_view what) {
    const auto* arr = f.node->as_array();
    if (!arr || arr->size() != n) {
      a_.error(f.where, f.path,
               fmt::format("must be {} with {} entries, got {}", what, n,
                           arr ? fmt::format("{} entries", arr->size()) : describe(*f.node)),
               fmt::format("{} numbers ≥ 0", n));
      return std::nullopt;
    }
    std::vector<double> out;
    bool ok = true;
    for (std::size_t i = 0; i < n; ++i) {
      const field fi = a_.element(f, i);
      if (const auto x = a_.number(fi, 0, 1e9))
        out.push_back(*x);
      else
        ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
  }

  void read_demand() {
    const auto d = top("demand");
    const auto entries = a_.array_entries(d);
    if (d.node && d.node->is_array() && d.node->as_array()->empty())
      a_.error(d.where, d.path, "is empty", "at least one [[demand]]");
    std::set<std::pair<int, int>> seen;
    for (const auto& e : entries) {
      demand dm;
      const auto cls = implied_ref(get(e, "class"), class_ids_, "class", e);
      const auto rt = implied_ref(get(e, "route"), route_ids_, "route", e);
      dm.vehicle_class = cls.value_or(0);
      dm.route = rt.value_or(0);
      if (cls && rt && !seen.insert({*cls, *rt}).second)
        a_.warning(e.where, e.path,
                   fmt::format("a second demand for class '{}' on route '{}'; both apply",
                               class_ids_[static_cast<std::size_t>(*cls)],
                               route_ids_[static_cast<std::size_t>(*rt)]));

      const auto per_day = get(e, "per_day");
      const auto per_hour = get(e, "per_hour");
      const auto profile = get(e, "profile");
      const bool profile_given = e.table->contains("profile");
      if (per_day.node && per_hour.node) {
        a_.error(per_hour.where, per_hour.path, "give per_day or per_hour, not both",
                 "per_day = 1200 (with a profile), or per_hour = 50 or 24 numbers");
      } else if (!per_day.node && !per_hour.node) {
        a_.error(e.where, e.path, "needs per_day or per_hour",
                 "per_day = 1200 (with a profile), or per_hour = 50 or 24 numbers");
      } else if (per_day.node) {
        const auto total = a_.number(per_day, 0, 1e9);
        std::array<double, 24> w;
        w.fill(1.0 / 24);
        if (profile.node && profile.node->is_string()) {
          a_.choice(profile, {"flat"});
        } else if (profile.node) {
          if (const auto ws = numbers(profile, 24, "an array of hourly weights")) {
            double sum = 0;
            for (double x : *ws) sum += x;
            if (sum > 0) {
              for (std::size_t h = 0; h < 24; ++h) w[h] = (*ws)[h] / sum;
            } else {
              a_.error(profile.where, profile.path, "the weights sum to zero",
                       "24 weights ≥ 0, not all zero");
            }
          }
        }
        if (total)
          for (std::size_t h = 0; h < 24; ++h) dm.per_hour[h] = *total * w[h];
      } else {
        if (profile_given)
          a_.error(profile.where, profile.path,
                   "a profile shapes per_day; per_hour gives each hour already",
                   "per_day with a profile, or per_hour alone");
        if (per_hour.node->is_array()) {
          if (const auto xs = numbers(per_hour, 24, "an array of arrivals per hour"))
            std::copy(xs->begin(), xs->end(), dm.per_hour.begin());
        } else if (const auto x = a_.number(per_hour, 0, 1e9)) {
          dm.per_hour.fill(*x);
        }
      }

      const auto factors = get(e, "weekday_factors");
      if (factors.node && factors.node->is_table()) {
        for (auto&& [k, v] : *factors.node->as_table()) {
          const auto f = item(k, v, factors.path, factors.where);
          const auto w = parse_weekday(k.str());
          if (!w) {
            a_.error(f.where, f.path, w.error, "mon, tue, wed, thu, fri, sat or sun");
            continue;
          }
          if (const auto x = a_.number(f, 0, 1e6))
            dm.weekday_factor[static_cast<std::size_t>(*w.value)] = *x;
        }
      } else if (factors.node) {
        if (const auto xs = numbers(factors, 7, "an array of factors (Monday first)"))
          std::copy(xs->begin(), xs->end(), dm.weekday_factor.begin());
      }

      const auto arrivals = a_.choice(get(e, "arrivals"), {"poisson", "even"});
      dm.arrivals = arrivals && *arrivals == 1 ? arrival_process::even : arrival_process::poisson;
      dm.initial_queue = as_int(a_.integer(get(e, "initial_queue"), 0, 10'000'000), 0);

      const auto booking_field = get(e, "booking");
      if (booking_field.node && !booking_field.node->is_table()) {
        a_.table_or_empty(booking_field);  // reports the type once, not every key as missing
      } else if (booking_field.node) {
        const auto& bt = *booking_field.node->as_table();
        booking b;
        const auto slots = get(bt, booking_field.path, booking_field.where, "slots_per_hour");
        const auto slots_per_hour = a_.number(slots, 0, 1e6, true);
        b.slots_per_hour = slots_per_hour.value_or(1);
        b.tolerance = a_.quantity(get(bt, booking_field.path, booking_field.where, "tolerance"),
                                  dimension::time, false)
                          .value_or(0);
        b.no_show = a_.number(get(bt, booking_field.path, booking_field.where, "no_show"), 0, 1)
                        .value_or(0);
        if (e.table->contains("arrivals"))
          a_.warning(booking_field.where, booking_field.path,
                     "booked arrivals follow their slots; 'arrivals' is ignored for this demand");
        const double peak = *std::max_element(dm.per_hour.begin(), dm.per_hour.end()) *
                            *std::max_element(dm.weekday_factor.begin(), dm.weekday_factor.end()) *
                            sc_.run.demand_scale;
        if (slots_per_hour && peak > b.slots_per_hour + 1e-9)
          a_.warning(
              slots.where, slots.path,
              fmt::format("the busiest hour expects {:.1f} booked vehicles but has only {} slots; "
                          "the excess cannot be booked",
                          peak, b.slots_per_hour));
        dm.booked = b;
      }
      sc_.demands.push_back(std::move(dm));
    }
  }

  // ---- closures ----------------------------------------------------------------------------
  void read_closures() {
    struct located {
      closure c;
      source_location where;
      key_path path;
    };
    std::vector<located> all;
    for (const auto& e : a_.array_entries(top("closures"))) {
      closure c;
      bool ok = true;
      const auto target = get(e, "target");
      const auto t = a_.string(target);
      if (t && *t != "all") {
        const auto k = a_.reference(target, element_ids_, "link, holding area, stage or yard");
        if (k) {
          c.target = element_refs_[static_cast<std::size_t>(*k)];
          if (c.target->kind == element_kind::holding) {
            a_.error(target.where, target.path, "a holding area cannot be closed",
                     "close the stage or yard after it");
            ok = false;
          }
        } else {
          ok = false;
        }
      } else if (!t) {
        ok = false;
      }
      const auto day_field = get(e, "day");
      const auto from_field = get(e, "from");
      const auto to_field = get(e, "to");
      const auto day = a_.integer(day_field, 1, 36500);
      std::optional<double> from, to;
      if (day_field.node) {
        const double base = (static_cast<double>(day.value_or(1)) - 1) * tumen::days;
        from = from_field.node ? a_.time_of_day(from_field) : std::optional<double>{0.0};
        to = to_field.node ? a_.time_of_day(to_field) : std::optional<double>{tumen::days};
        if (from) *from += base;
        if (to) *to += base;
        ok = ok && day.has_value();
      } else {
        if (!from_field.node || !to_field.node)
          a_.error(e.where, e.path, "needs a day, or both from and to",
                   "day = 3 (a whole day), day = 3 with from = \"08:00\", to = \"12:00\", or "
                   "from = \"day 3 08:00\", to = \"day 4 06:00\"");
        for (const auto* f : {&from_field, &to_field}) {
          if (!f->node) continue;
          const auto s = a_.string(*f);
          if (!s) continue;
          const auto r = parse_run_time(*s);
          if (!r)
            a_.error(f->where, f->path, r.error,
                     "\"day N HH:MM\", or give day = N and times of day");
          (f == &from_field ? from : to) = r.value;
        }
      }
      if (from && to && !(*from < *to)) {
        a_.error(to_field.node ? to_field.where : e.where, child(e.path, "to"),
                 "must be after from", "a closure that ends after it starts");
        ok = false;
      }
      const auto lanes_field = get(e, "lanes");
      if (lanes_field.node) {
        const auto lanes = a_.integer(lanes_field, 1, max_lanes);
        if (lanes && c.target &&
            (c.target->kind == element_kind::link || c.target->kind == element_kind::stage)) {
          int most = 0;
          if (c.target->kind == element_kind::link)
            most = sc_.links[static_cast<std::size_t>(c.target->index)].lanes;
          else
            for (const auto& g : sc_.stages[static_cast<std::size_t>(c.target->index)].lanes)
              most = std::max(most, g.count);
          if (*lanes > most)
            a_.error(lanes_field.where, lanes_field.path,
                     fmt::format("closes {} lanes but the element has {}", *lanes, most),
                     fmt::format("a whole number from 1 to {}, or leave lanes out to close it all",
                                 most));
          c.lanes = static_cast<int>(*lanes);
        } else if (lanes) {
          a_.error(lanes_field.where, lanes_field.path,
                   "lanes can be closed only on a link or a stage",
                   "leave lanes out, or target a link or stage");
        }
      }
      c.reason = a_.string(get(e, "reason")).value_or("");
      if (!from || !to || !ok) continue;
      c.from = *from;
      c.to = *to;
      if (c.from >= sc_.run.length())
        a_.warning(e.where, e.path,
                   fmt::format("starts after the run ends (run.days = {})", sc_.run.days));
      all.push_back({c, e.where, e.path});
    }
    const auto key = [](const located& l) {
      return std::tuple{l.c.target.has_value(),
                        l.c.target ? static_cast<int>(l.c.target->kind) : -1,
                        l.c.target ? l.c.target->index : -1, l.c.from};
    };
    std::stable_sort(all.begin(), all.end(),
                     [&](const located& x, const located& y) { return key(x) < key(y); });
    for (std::size_t i = 1; i < all.size(); ++i) {
      const auto& p = all[i - 1];
      const auto& q = all[i];
      if (p.c.target == q.c.target && q.c.from < p.c.to)
        a_.error(q.where, q.path,
                 fmt::format("overlaps the closure at {}:{} of the same target", p.where.file,
                             p.where.line),
                 "closures of one target that do not overlap (merge them into one)");
    }
    for (auto& l : all) sc_.closures.push_back(std::move(l.c));
  }

  // ---- cross checks ------------------------------------------------------------------------
  void check_branches() {
    // A cycle in `next` would send a vehicle round for ever.
    const std::size_t n = sc_.stages.size();
    std::vector<int> state(n, 0);  // 0 new, 1 on the stack, 2 done
    std::vector<int> stack;
    std::function<bool(int)> visit = [&](int s) {
      state[static_cast<std::size_t>(s)] = 1;
      stack.push_back(s);
      for (const auto& b : sc_.stages[static_cast<std::size_t>(s)].next) {
        if (state[static_cast<std::size_t>(b.stage)] == 1) {
          std::string cycle;
          const auto start = std::find(stack.begin(), stack.end(), b.stage);
          for (auto it = start; it != stack.end(); ++it)
            cycle += sc_.stages[static_cast<std::size_t>(*it)].id + " → ";
          cycle += sc_.stages[static_cast<std::size_t>(b.stage)].id;
          const auto& f = next_fields_[static_cast<std::size_t>(s)];
          a_.error(f.where, f.path, "branches form a cycle: " + cycle,
                   "branches that always lead onwards");
          return true;
        }
        if (state[static_cast<std::size_t>(b.stage)] == 0 && visit(b.stage)) return true;
      }
      stack.pop_back();
      state[static_cast<std::size_t>(s)] = 2;
      return false;
    };
    for (std::size_t s = 0; s < n; ++s) {
      if (state[s] == 0 && visit(static_cast<int>(s))) return;
    }
  }

  // Which classes can reach each stage; each such class needs a service time and a lane.
  void check_reach() {
    if (a_.out().has_errors()) return;  // indices may be placeholders
    const std::size_t nc = sc_.classes.size();
    std::vector<std::set<int>> at_stage(sc_.stages.size());
    std::vector<bool> element_used_link(sc_.links.size()), element_used_holding(sc_.holding.size()),
        element_used_yard(sc_.yards.size());
    std::set<std::tuple<int, std::size_t, int>> done;  // (route, from index, class)
    std::vector<std::tuple<int, std::size_t, int>> work;
    std::vector<bool> class_has_demand(nc, false);
    for (const auto& d : sc_.demands) {
      work.emplace_back(d.route, 0, d.vehicle_class);
      class_has_demand[static_cast<std::size_t>(d.vehicle_class)] = true;
      if (sc_.classes[static_cast<std::size_t>(d.vehicle_class)].transship) {
        bool has_yard = false;
        for (const auto& el : sc_.routes[static_cast<std::size_t>(d.route)].path)
          has_yard = has_yard || el.kind == element_kind::yard;
        if (!has_yard)
          a_.warning(root_where_, {"demand"},
                     fmt::format("class '{}' has transship = true but route '{}' passes no yard",
                                 sc_.classes[static_cast<std::size_t>(d.vehicle_class)].id,
                                 sc_.routes[static_cast<std::size_t>(d.route)].id));
      }
    }
    std::function<void(int, int)> reach_stage = [&](int s, int c) {
      if (!at_stage[static_cast<std::size_t>(s)].insert(c).second) return;
      for (const auto& b : sc_.stages[static_cast<std::size_t>(s)].next)
        if (b.share_by_class[static_cast<std::size_t>(c)] > 0) reach_stage(b.stage, c);
    };
    while (!work.empty()) {
      const auto [r, from, c] = work.back();
      work.pop_back();
      if (!done.insert({r, from, c}).second) continue;
      const auto& path = sc_.routes[static_cast<std::size_t>(r)].path;
      for (std::size_t i = from; i < path.size(); ++i) {
        const auto el = path[i];
        const auto idx = static_cast<std::size_t>(el.index);
        if (el.kind == element_kind::link)
          element_used_link[idx] = true;
        else if (el.kind == element_kind::holding)
          element_used_holding[idx] = true;
        else if (el.kind == element_kind::stage)
          reach_stage(el.index, c);
        else {
          element_used_yard[idx] = true;
          if (!sc_.classes[static_cast<std::size_t>(c)].transship) continue;
          const auto& y = sc_.yards[idx];
          if (y.onward_route)
            work.emplace_back(*y.onward_route, 0, y.receiving_class);
          else
            work.emplace_back(r, i + 1, y.receiving_class);
          if (y.empty_truck_route) work.emplace_back(*y.empty_truck_route, 0, c);
          break;
        }
      }
    }
    for (std::size_t s = 0; s < sc_.stages.size(); ++s) {
      const auto& st = sc_.stages[s];
      const source_location& at = stages_[s].where;
      if (at_stage[s].empty() && !sc_.demands.empty())
        a_.warning(at, stages_[s].path, "no demand reaches this stage");
      for (int c : at_stage[s]) {
        const auto& cid = sc_.classes[static_cast<std::size_t>(c)].id;
        if (!st.service_by_class[static_cast<std::size_t>(c)])
          a_.error(
              at, child(stages_[s].path, "service"),
              fmt::format("class '{}' reaches this stage but has no service time here", cid),
              fmt::format("service = \"…\" for every class, or service_by_class.{} = \"…\"", cid));
        const bool served = std::any_of(st.lanes.begin(), st.lanes.end(),
                                        [&](const lane_group& g) { return g.serves(c); });
        if (!served)
          a_.error(at, child(stages_[s].path, "lanes"),
                   fmt::format("class '{}' reaches this stage but no lane group serves it", cid),
                   fmt::format("add '{}' to a group's classes, or a group without classes", cid));
      }
    }
    for (std::size_t c = 0; c < nc; ++c)
      if (!class_has_demand[c] &&
          std::none_of(sc_.yards.begin(), sc_.yards.end(),
                       [&](const yard& y) { return y.receiving_class == static_cast<int>(c); }))
        a_.warning(classes_[c].where, classes_[c].path, "no demand uses this class");
    for (std::size_t i = 0; i < sc_.links.size(); ++i)
      if (!element_used_link[i])
        a_.warning(links_[i].where, links_[i].path, "no route passes this link");
    for (std::size_t i = 0; i < sc_.holding.size(); ++i)
      if (!element_used_holding[i])
        a_.warning(holding_[i].where, holding_[i].path, "no route passes this holding area");
    for (std::size_t i = 0; i < sc_.yards.size(); ++i)
      if (!element_used_yard[i])
        a_.warning(yards_[i].where, yards_[i].path, "no route passes this yard");
  }

  const toml::table& root_;
  toml_access& a_;
  source_location root_where_;
  scenario sc_;
  std::vector<entry> sides_, classes_, links_, holding_, stages_, yards_, routes_;
  std::vector<std::string> side_ids_, class_ids_, stage_ids_, route_ids_;
  std::vector<std::string> element_ids_;
  std::vector<element_ref> element_refs_;
  std::vector<field> next_fields_;
};

}  // namespace

scenario build_model(const toml::table& root, toml_access& access) {
  return builder(root, access).build();
}

field located_item(toml_access& a, const toml::key& k, const toml::node& v, const key_path& parent,
                   const source_location& fallback) {
  field f{&v, child(parent, k.str()), a.where(k, v)};
  if (f.where.line == 0 && f.where.file == a.file()) f.where = fallback;
  return f;
}

weekly_hours read_weekly_hours(toml_access& a_, const entry& e) {
  weekly_hours h;
  const auto base = a_.hours(a_.get(*e.table, e.path, e.where, "hours"))
                        .value_or(std::vector<time_interval>{{0, tumen::days}});
  std::array<bool, 7> open_day{true, true, true, true, true, true, true};
  const auto days = a_.get(*e.table, e.path, e.where, "days");
  if (days.node) {
    if (const auto* arr = days.node->as_array()) {
      open_day.fill(false);
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const field f = a_.element(days, i);
        if (const auto w = a_.weekday(f)) open_day[static_cast<std::size_t>(*w)] = true;
      }
    } else {
      a_.error(days.where, days.path,
               fmt::format("must be an array of weekdays, got {}", describe(*days.node)),
               "e.g. [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]");
    }
  }
  for (std::size_t d = 0; d < 7; ++d)
    if (open_day[d]) h.by_weekday[d] = base;
  const auto by_day = a_.get(*e.table, e.path, e.where, "hours_by_day");
  for (auto&& [k, v] : a_.table_or_empty(by_day)) {
    const auto f = located_item(a_, k, v, by_day.path, by_day.where);
    const auto w = parse_weekday(k.str());
    if (!w) {
      a_.error(f.where, f.path, w.error, "mon, tue, wed, thu, fri, sat or sun");
      continue;
    }
    if (const auto hours = a_.hours(f)) h.by_weekday[static_cast<std::size_t>(*w.value)] = *hours;
  }
  return h;
}

}  // namespace tumen::scenario::detail
