// The report document (see tumen/output/report.hpp): stored figures in, one JSON value out.
#include "tumen/output/report.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "detail/report_parts.hpp"
#include "tumen/base/error.hpp"
#include "tumen/stats/interval.hpp"
#include "tumen/stats/tally.hpp"

namespace tumen::output {

namespace {

using detail::interval_json;
using detail::metric_table;
using detail::number;
using json = nlohmann::json;

constexpr const char* hourly_series[] = {"queue_mean", "wait_mean", "utilisation",
                                         "arrivals_per_day", "open_lanes"};

bool starts_with(const std::string& s, std::string_view p) {
  return s.compare(0, p.size(), p) == 0;
}
bool ends_with(const std::string& s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// {mean: [24], low: [24], high: [24]} of `prefix`.HH, or null when no hour is stored.
json hourly_json(const metric_table& t, const std::string& prefix) {
  json mean = json::array(), low = json::array(), high = json::array();
  bool any = false;
  for (int h = 0; h < 24; ++h) {
    const auto* r = t.find(fmt::format("{}.{:02}", prefix, h));
    any = any || r != nullptr;
    mean.push_back(r ? number(r->mean) : json(nullptr));
    low.push_back(r ? number(r->low) : json(nullptr));
    high.push_back(r ? number(r->high) : json(nullptr));
  }
  if (!any) return nullptr;
  return {{"mean", std::move(mean)}, {"low", std::move(low)}, {"high", std::move(high)}};
}

// Ids of the elements of `kind` ("stage", "yard") that have figures, in the order first stored.
// With the scenario, ids are matched against its elements (the longest that fits, as an id may
// hold a dot); without, an id runs to the next dot.
template <class T>
std::vector<std::string> ids_in(const metric_table& t, const std::string& kind,
                                const std::vector<T>* known) {
  std::vector<std::string> ids;
  const std::string p = kind + ".";
  for (const auto& n : t.names()) {
    if (!starts_with(n, p)) continue;
    const std::string rest = n.substr(p.size());
    std::string id;
    if (known) {
      for (const auto& e : *known)
        if (rest.size() > e.id.size() && starts_with(rest, e.id) && rest[e.id.size()] == '.' &&
            e.id.size() > id.size())
          id = e.id;
      if (id.empty()) continue;
    } else {
      id = rest.substr(0, rest.find('.'));
    }
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
  }
  return ids;
}

template <class T>
std::string display_name(const std::vector<T>& items, const std::string& id) {
  for (const auto& x : items)
    if (x.id == id) return x.name.empty() ? x.id : x.name;
  return id;
}

json stages_json(const metric_table& t, const scenario::scenario* sc) {
  json out = json::array();
  auto add = [&](const std::string& id, const std::string& group) {
    const std::string p = "stage." + id;
    json hourly;
    for (const char* s : hourly_series) hourly[s] = hourly_json(t, p + ".hourly." + s);
    out.push_back({{"id", id},
                   {"name", sc ? display_name(sc->stages, id) : id},
                   {"direction", group},
                   {"wait_mean", interval_json(t.find(p + ".wait.mean"))},
                   {"wait_p95", interval_json(t.find(p + ".wait.p95"))},
                   {"queue_mean", interval_json(t.find(p + ".queue_mean"))},
                   {"utilisation", interval_json(t.find(p + ".utilisation"))},
                   {"served", interval_json(t.find(p + ".served"))},
                   {"hourly", std::move(hourly)}});
  };
  const auto stored = ids_in(t, "stage", sc ? &sc->stages : nullptr);
  std::set<std::string> done;
  if (sc)
    for (const auto& g : detail::direction_groups(*sc))
      for (const auto& id : g.stages)
        if (std::find(stored.begin(), stored.end(), id) != stored.end() && done.insert(id).second)
          add(id, g.id);
  for (const auto& id : stored)
    if (done.insert(id).second) add(id, "all");
  return out;
}

json yards_json(const metric_table& t, const scenario::scenario* sc) {
  json out = json::array();
  for (const auto& id : ids_in(t, "yard", sc ? &sc->yards : nullptr)) {
    const std::string p = "yard." + id;
    out.push_back({{"id", id},
                   {"name", sc ? display_name(sc->yards, id) : id},
                   {"utilisation", interval_json(t.find(p + ".utilisation"))},
                   {"wait_p95", interval_json(t.find(p + ".wait.p95"))},
                   {"hourly", {{"utilisation", hourly_json(t, p + ".hourly.utilisation")}}}});
  }
  return out;
}

// The rail line's figures (rail.* scalars), or null when the run has none.
json rail_json(const metric_table& t, const scenario::scenario* sc) {
  if (!t.find("rail.trains_per_day")) return nullptr;
  auto with_values = [&](const std::string& metric) {
    json row = interval_json(t.find(metric));
    if (row.is_null()) return row;
    json values = json::array();
    for (double v : t.values(metric)) values.push_back(number(v));
    row["values"] = std::move(values);
    return row;
  };
  json totals = json::array();
  for (const auto& [m, label] :
       {std::pair{"trains_per_day", "Trains a day"}, std::pair{"wagons_per_day", "Wagons a day"},
        std::pair{"tonnes_per_day", "Tonnes a day by rail"},
        std::pair{"persons_per_day", "Persons a day by rail"}}) {
    json row = with_values(std::string("rail.") + m);
    if (row.is_null()) continue;
    row["metric"] = std::string("rail.") + m;
    row["label"] = label;
    totals.push_back(std::move(row));
  }
  // Directions: rail.<from>_to_<to>.trains_per_day; the sides from the scenario when known.
  json directions = json::array();
  std::vector<std::pair<std::string, std::string>> pairs;
  if (sc) {
    for (const auto& a : sc->sides)
      for (const auto& b : sc->sides)
        if (a.id != b.id) pairs.emplace_back(a.id, b.id);
  } else {
    const std::string tail = ".trains_per_day";
    for (const auto& n : t.names()) {
      if (!starts_with(n, "rail.") || !ends_with(n, tail) || n == "rail.trains_per_day") continue;
      const std::string d = n.substr(5, n.size() - 5 - tail.size());
      const auto k = d.find("_to_");
      if (k != std::string::npos) pairs.emplace_back(d.substr(0, k), d.substr(k + 4));
    }
  }
  for (const auto& [from, to] : pairs) {
    const std::string p = "rail." + from + "_to_" + to;
    if (!t.find(p + ".trains_per_day")) continue;
    std::string label = from + " → " + to;
    if (sc) {
      const auto fi = sc->find_side(from), ti = sc->find_side(to);
      if (fi && ti)
        label = detail::short_side_name(sc->sides[static_cast<std::size_t>(*fi)]) + " → " +
                detail::short_side_name(sc->sides[static_cast<std::size_t>(*ti)]);
    }
    directions.push_back({{"id", from + "_to_" + to},
                          {"from", from},
                          {"to", to},
                          {"label", label},
                          {"trains_per_day", with_values(p + ".trains_per_day")},
                          {"tonnes_per_day", with_values(p + ".tonnes_per_day")},
                          {"persons_per_day", with_values(p + ".persons_per_day")}});
  }
  // Elements: rail.station.<id>.…, rail.bridge.<id>.…, rail.gauge.<id>.…
  auto element_ids = [&](const std::string& kind, const std::string& marker) {
    std::vector<std::string> ids;
    const std::string p = "rail." + kind + ".";
    for (const auto& n : t.names()) {
      if (!starts_with(n, p) || !ends_with(n, marker)) continue;
      auto id = n.substr(p.size(), n.size() - p.size() - marker.size());
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
    }
    return ids;
  };
  auto name_of = [&](const auto* items, const std::string& id) {
    return items ? display_name(*items, id) : id;
  };
  json stations = json::array();
  for (const auto& id : element_ids("station", ".inspected")) {
    const std::string p = "rail.station." + id;
    stations.push_back({{"id", id},
                        {"name", name_of(sc ? &sc->rail_stations : nullptr, id)},
                        {"inspected", interval_json(t.find(p + ".inspected"))},
                        {"wait_mean", with_values(p + ".wait.mean")},
                        {"wait_p95", interval_json(t.find(p + ".wait.p95"))},
                        {"inspection_mean", interval_json(t.find(p + ".inspection.mean"))},
                        {"utilisation", interval_json(t.find(p + ".utilisation"))}});
  }
  json bridges = json::array();
  for (const auto& id : element_ids("bridge", ".crossings")) {
    const std::string p = "rail.bridge." + id;
    bridges.push_back({{"id", id},
                       {"name", name_of(sc ? &sc->rail_bridges : nullptr, id)},
                       {"crossings", interval_json(t.find(p + ".crossings"))},
                       {"reversals", interval_json(t.find(p + ".reversals"))},
                       {"wait_mean", with_values(p + ".wait.mean")},
                       {"wait_p95", interval_json(t.find(p + ".wait.p95"))},
                       {"occupied_share", with_values(p + ".occupied_share")}});
  }
  json gauges = json::array();
  for (const auto& id : element_ids("gauge", ".trains")) {
    const std::string p = "rail.gauge." + id;
    gauges.push_back({{"id", id},
                      {"name", name_of(sc ? &sc->gauge_changes : nullptr, id)},
                      {"trains", interval_json(t.find(p + ".trains"))},
                      {"tonnes", interval_json(t.find(p + ".tonnes"))},
                      {"wait_mean", with_values(p + ".wait.mean")},
                      {"wait_p95", interval_json(t.find(p + ".wait.p95"))},
                      {"work_mean", interval_json(t.find(p + ".work.mean"))},
                      {"utilisation", interval_json(t.find(p + ".utilisation"))},
                      {"wagons_in_yard_max", interval_json(t.find(p + ".wagons_in_yard_max"))}});
  }
  return {{"totals", std::move(totals)},
          {"directions", std::move(directions)},
          {"stations", std::move(stations)},
          {"bridges", std::move(bridges)},
          {"gauge_changes", std::move(gauges)}};
}

json throughput_json(const metric_table& t, const scenario::scenario* sc) {
  json out = json::array();
  struct measure {
    const char* metric;
    const char* label;
    std::optional<double> design;
  };
  std::vector<measure> ms = {{"vehicles_per_day", "Vehicles a day", {}},
                             {"persons_per_day", "Persons a day", {}},
                             {"tonnes_per_day", "Tonnes a day", {}}};
  if (sc) {
    ms[0].design = sc->design.vehicles_per_day;
    ms[1].design = sc->design.persons_per_day;
    ms[2].design = sc->design.tonnes_per_day;
  }
  for (const auto& m : ms) {
    const auto* r = t.find(m.metric);
    if (!r) continue;
    const bool nothing = r->max == 0 && r->min == 0 && r->mean == 0;
    if (nothing && !m.design) continue;  // e.g. no cargo in a textbook queue
    json values = json::array();
    for (double v : t.values(m.metric)) values.push_back(number(v));
    json row = interval_json(r);
    row["metric"] = m.metric;
    row["label"] = m.label;
    row["values"] = std::move(values);
    row["design"] = m.design ? json(*m.design) : json(nullptr);
    out.push_back(std::move(row));
  }
  return out;
}

json headline_json(const metric_table& t, const scenario::scenario* sc) {
  json out = json::array();
  for (const char* m : {"vehicles_per_day", "persons_per_day", "tonnes_per_day", "max_wait_p95",
                        "max_utilisation", "vehicles_inside_at_end"}) {
    const auto* r = t.find(m);
    if (!r) continue;
    // No cargo and no tonnage design (a textbook queue, a passenger crossing): nothing to say.
    if (std::string_view(m) == "tonnes_per_day" && r->max == 0 && r->min == 0 &&
        !(sc && sc->design.tonnes_per_day))
      continue;
    json row = interval_json(r);
    row["metric"] = m;
    row["label"] = detail::metric_label(m, sc);
    row["unit"] = detail::metric_unit(m);
    out.push_back(std::move(row));
  }
  return out;
}

json time_in_system_json(const metric_table& t, const scenario::scenario* sc) {
  json out = json::array();
  const std::string tail = ".time_in_system.mean";
  for (const auto& n : t.names()) {
    if (!starts_with(n, "flow.") || !ends_with(n, tail)) continue;
    const std::string flow = n.substr(5, n.size() - 5 - tail.size());  // route.class.origin
    const std::string p = "flow." + flow;
    if (t.mean_or(p + ".cleared", 0) <= 0 && t.mean_or(n, 0) <= 0) continue;
    // route.class.origin: ids from the scenario when it is known (ids could hold dots).
    std::string route, cls, origin;
    const auto last = flow.rfind('.');
    origin = flow.substr(last + 1);
    const std::string rc = flow.substr(0, last);
    const auto mid = rc.find('.');
    route = rc.substr(0, mid);
    cls = rc.substr(mid + 1);
    json stats = json::array();
    for (const char* s : {"mean", "p50", "p90", "p95", "p99", "max"}) {
      const auto* r = t.find(p + ".time_in_system." + s);
      if (!r) continue;
      json row = interval_json(r);
      row["stat"] = s;
      stats.push_back(std::move(row));
    }
    const std::string cls_name = sc ? display_name(sc->classes, cls) : cls;
    out.push_back({{"flow", flow},
                   {"route", route},
                   {"class", cls},
                   {"origin", origin},
                   {"label", cls + " · " + route + (origin == "demand" ? "" : " (" + origin + ")")},
                   {"class_name", cls_name},
                   {"cleared", interval_json(t.find(p + ".cleared"))},
                   {"stats", std::move(stats)}});
  }
  return out;
}

// A design variable's value as a number: "4" → 4, "1.25" → 1.25, "\"12 min\"" → 12 with unit
// "min". nullopt when it does not start with a number.
std::optional<std::pair<double, std::string>> numeric_value(std::string v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  double x = 0;
  const auto* end = v.data() + v.size();
  const auto [p, ec] = std::from_chars(v.data(), end, x);
  if (ec != std::errc() || p == v.data()) return std::nullopt;
  std::string unit(p, end);
  unit.erase(0, unit.find_first_not_of(' '));
  return std::make_pair(x, unit);
}

// The variables whose values differ between points, in the order they were given.
std::vector<std::string> varying_variables(const std::vector<report_point>& points) {
  std::vector<std::string> names;
  std::map<std::string, std::set<std::string>> values;
  for (const auto& p : points)
    for (const auto& [k, v] : p.variables) {
      if (!values.count(k)) names.push_back(k);
      values[k].insert(v);
    }
  std::vector<std::string> out;
  for (const auto& n : names)
    if (values[n].size() > 1) out.push_back(n);
  return out;
}

std::string value_of(const report_point& p, const std::string& name) {
  for (const auto& [k, v] : p.variables)
    if (k == name) return v;
  return "";
}

// The metrics a sweep or search plots: the headline figures, then those of any element a
// variable names (stages.<id>.… → stage.<id>.…).
std::vector<std::string> sweep_metrics(const std::vector<std::string>& variables,
                                       const std::vector<metric_table>& tables) {
  std::vector<std::string> ms = {"vehicles_per_day",      "persons_per_day", "tonnes_per_day",
                                 "max_wait_p95",          "max_wait_mean",   "max_utilisation",
                                 "vehicles_inside_at_end"};
  for (const auto& v : variables) {
    for (const auto& [plural, single] :
         {std::pair{"stages.", "stage."}, std::pair{"yards.", "yard."}}) {
      if (!starts_with(v, plural)) continue;
      const auto rest = v.substr(std::string_view(plural).size());
      const auto id = rest.substr(0, rest.find('.'));
      for (const char* f : {".wait.p95", ".wait.mean", ".utilisation", ".queue_mean"})
        ms.push_back(single + id + f);
    }
  }
  std::vector<std::string> out;
  for (const auto& m : ms) {
    if (std::find(out.begin(), out.end(), m) != out.end()) continue;
    bool stored = false, nonzero = false;
    for (const auto& t : tables)
      if (const auto* r = t.find(m)) {
        stored = true;
        nonzero = nonzero || r->mean != 0 || r->max != 0;
      }
    if (stored && (nonzero || m == "vehicles_inside_at_end")) out.push_back(m);
  }
  return out;
}

// x positions of the points along `variable`: numbers when every value is one, else the
// index of each distinct value (with its text as the tick label).
struct axis {
  std::string name, unit;
  std::vector<double> x;
  std::vector<std::string> ticks;  // empty when numeric
};

axis make_axis(const std::vector<report_point>& points, const std::string& variable) {
  axis a;
  a.name = variable;
  bool numeric = true;
  for (const auto& p : points) {
    const auto v = numeric_value(value_of(p, variable));
    if (!v) {
      numeric = false;
      break;
    }
    a.x.push_back(v->first);
    if (!v->second.empty()) a.unit = v->second;
  }
  if (numeric) return a;
  a.x.clear();
  for (const auto& p : points) {
    const auto v = value_of(p, variable);
    auto it = std::find(a.ticks.begin(), a.ticks.end(), v);
    if (it == a.ticks.end()) {
      a.ticks.push_back(v);
      it = a.ticks.end() - 1;
    }
    a.x.push_back(static_cast<double>(it - a.ticks.begin()));
  }
  return a;
}

json axis_json(const axis& a) {
  return {{"name", a.name},
          {"unit", a.unit},
          {"ticks", a.ticks.empty() ? json(nullptr) : json(a.ticks)}};
}

// One series per combination of the other varying variables, points sorted along x.
json series_json(const std::vector<report_point>& points, const std::vector<metric_table>& tables,
                 const axis& a, const std::vector<std::string>& others, const std::string& metric) {
  std::vector<std::string> groups;
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::string g;
    for (const auto& o : others) g += (g.empty() ? "" : ", ") + o + "=" + value_of(points[i], o);
    if (!members.count(g)) groups.push_back(g);
    members[g].push_back(i);
  }
  json out = json::array();
  for (const auto& g : groups) {
    auto idx = members[g];
    std::stable_sort(idx.begin(), idx.end(),
                     [&](std::size_t l, std::size_t r) { return a.x[l] < a.x[r]; });
    json x = json::array(), mean = json::array(), low = json::array(), high = json::array(),
         pts = json::array();
    for (auto i : idx) {
      const auto* r = tables[i].find(metric);
      x.push_back(a.x[i]);
      pts.push_back(points[i].point);
      mean.push_back(r ? number(r->mean) : json(nullptr));
      low.push_back(r ? number(r->low) : json(nullptr));
      high.push_back(r ? number(r->high) : json(nullptr));
    }
    out.push_back({{"group", g},
                   {"points", std::move(pts)},
                   {"x", std::move(x)},
                   {"mean", std::move(mean)},
                   {"low", std::move(low)},
                   {"high", std::move(high)}});
  }
  return out;
}

json sweep_json(const report_input& in, const std::vector<metric_table>& tables,
                const scenario::scenario* sc) {
  const auto vars = varying_variables(in.points);
  if (vars.empty()) return nullptr;
  const axis a = make_axis(in.points, vars[0]);
  const std::vector<std::string> others(vars.begin() + 1, vars.end());
  json metrics = json::array();
  for (const auto& m : sweep_metrics(vars, tables))
    metrics.push_back({{"metric", m},
                       {"label", detail::metric_label(m, sc)},
                       {"unit", detail::metric_unit(m)},
                       {"series", series_json(in.points, tables, a, others, m)}});
  json points = json::array();
  for (const auto& p : in.points) points.push_back({{"point", p.point}, {"label", p.label}});
  return {{"x", axis_json(a)},
          {"variables", vars},
          {"points", std::move(points)},
          {"metrics", std::move(metrics)}};
}

// A capacity search: each target's metric against the demand scale, with its bound and the
// capacity found. `base_scale` is the scenario's own run.demand_scale (the answer is stored
// relative to it, the points' variables absolutely).
json capacity_json(const report_input& in, const std::vector<metric_table>& tables,
                   const scenario::scenario* sc, double base_scale) {
  const report_capacity c = in.capacity.value_or(report_capacity{});
  std::string parameter = c.parameter;
  const auto vars = varying_variables(in.points);
  if (std::find(vars.begin(), vars.end(), parameter) == vars.end() && !vars.empty())
    parameter = vars[0];
  const axis a = make_axis(in.points, parameter);
  std::vector<std::size_t> idx(in.points.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(),
                   [&](std::size_t l, std::size_t r) { return a.x[l] < a.x[r]; });

  std::vector<report_target> targets = c.targets;
  if (std::none_of(targets.begin(), targets.end(),
                   [](const report_target& t) { return !t.metric.empty(); }))
    targets = {{"", "max_wait_p95", "", std::nullopt}};
  json charts = json::array();
  for (const auto& t : targets) {
    if (t.metric.empty()) continue;
    json x = json::array(), mean = json::array(), low = json::array(), high = json::array(),
         pts = json::array();
    double largest = 0;
    for (auto i : idx) {
      const auto* r = tables[i].find(t.metric);
      if (r && std::isfinite(r->mean)) largest = std::max(largest, r->mean);
      x.push_back(a.x[i]);
      pts.push_back(in.points[i].point);
      mean.push_back(r ? number(r->mean) : json(nullptr));
      low.push_back(r ? number(r->low) : json(nullptr));
      high.push_back(r ? number(r->high) : json(nullptr));
    }
    charts.push_back({{"target", t.text},
                      {"metric", t.metric},
                      {"op", t.op},
                      {"label", detail::metric_label(t.metric, sc)},
                      {"unit", detail::metric_unit(t.metric)},
                      {"bound", t.bound ? number(*t.bound) : json(nullptr)},
                      // Past capacity the metric explodes: a log scale keeps the bound readable
                      // (points at zero are then not drawn).
                      {"log_scale", t.bound && *t.bound > 0 && largest > 20 * *t.bound},
                      {"values",
                       {{"points", std::move(pts)},
                        {"x", std::move(x)},
                        {"mean", std::move(mean)},
                        {"low", std::move(low)},
                        {"high", std::move(high)}}}});
  }
  json texts = json::array();
  for (const auto& t : c.targets) texts.push_back(t.text);
  auto absolute = [&](const std::optional<double>& s) {
    return s ? number(*s * base_scale) : json(nullptr);
  };
  return {{"parameter", parameter},
          {"x", axis_json(a)},
          {"targets", std::move(texts)},
          {"verdict", c.verdict},
          {"capacity", absolute(c.best_scale)},
          {"failed_above", absolute(c.failed_above)},
          {"best_scale", c.best_scale ? number(*c.best_scale) : json(nullptr)},
          {"charts", std::move(charts)}};
}

// Metrics a comparison lists: the headline figures, then each stage's and yard's main figures.
bool compared(const std::string& n) {
  static const std::set<std::string> top = {
      "vehicles_per_day", "persons_per_day", "tonnes_per_day", "vehicles_inside_at_end",
      "max_wait_p95",     "max_wait_mean",   "max_utilisation"};
  if (top.count(n)) return true;
  if (n.find(".hourly.") != std::string::npos) return false;
  if (starts_with(n, "stage."))
    return ends_with(n, ".wait.mean") || ends_with(n, ".wait.p95") ||
           ends_with(n, ".utilisation") || ends_with(n, ".queue_mean");
  if (starts_with(n, "yard.")) return ends_with(n, ".wait.p95") || ends_with(n, ".utilisation");
  return false;
}

json compare_json(const report_input& in, double confidence, const scenario::scenario* sc) {
  const auto& a = in.points[0];
  const auto& b = in.points[1];
  // Pair replication k of A with replication k of B (common random numbers).
  std::map<std::uint64_t, const named_scalars*> by_number;
  for (std::size_t k = 0; k < a.replications.size(); ++k)
    by_number[k < a.replication_numbers.size() ? a.replication_numbers[k] : k] = &a.replications[k];
  std::vector<std::string> order;
  std::map<std::string, stats::tally> diffs, ta, tb;
  for (std::size_t k = 0; k < b.replications.size(); ++k) {
    auto it = by_number.find(k < b.replication_numbers.size() ? b.replication_numbers[k] : k);
    if (it == by_number.end()) continue;
    std::map<std::string, double> av(it->second->begin(), it->second->end());
    for (const auto& [name, v] : b.replications[k]) {
      if (!compared(name)) continue;
      auto ai = av.find(name);
      if (ai == av.end() || !std::isfinite(v) || !std::isfinite(ai->second)) continue;
      if (!diffs.count(name)) order.push_back(name);
      diffs[name].add(v - ai->second);
      ta[name].add(ai->second);
      tb[name].add(v);
    }
  }
  json rows = json::array();
  for (const auto& name : order) {
    const auto ci = stats::t_interval(diffs.at(name), confidence);
    rows.push_back({{"metric", name},
                    {"label", detail::metric_label(name, sc)},
                    {"unit", detail::metric_unit(name)},
                    {"a", number(ta[name].mean())},
                    {"b", number(tb[name].mean())},
                    {"mean", number(ci.mean)},
                    {"low", number(ci.low)},
                    {"high", number(ci.high)},
                    {"n", ci.n},
                    {"significant", ci.low > 0 || ci.high < 0}});
  }
  return {{"a", a.label.empty() ? "A" : a.label},
          {"b", b.label.empty() ? "B" : b.label},
          {"rows", std::move(rows)}};
}

}  // namespace

nlohmann::json report_document(const report_input& in, const report_options& options) {
  if (in.points.empty()) throw tumen::input_error("report", "the run holds no results yet");
  const auto chosen = std::find_if(in.points.begin(), in.points.end(),
                                   [&](const report_point& p) { return p.point == options.point; });
  if (chosen == in.points.end())
    throw tumen::input_error("--point", fmt::format("the run has no point {}", options.point),
                             fmt::format("a point from 0 to {}", in.points.back().point));
  const report_point& point = *chosen;

  // The scenario as run at that point, for names, design figures and the layout.
  const scenario::scenario* sc = in.model ? &*in.model : nullptr;

  std::vector<metric_table> tables;
  tables.reserve(in.points.size());
  for (const auto& p : in.points) tables.emplace_back(p, options.confidence);
  const metric_table& figures = tables[static_cast<std::size_t>(chosen - in.points.begin())];

  json doc;
  doc["format"] = 1;
  doc["generator"] = options.generator;
  const auto& at = in.attributes;
  doc["run"] = {{"id", in.run_id ? json(*in.run_id) : json(nullptr)},
                {"kind", at.kind.empty() ? "run" : at.kind},
                {"status", in.status},
                {"scenario", at.scenario_name},
                {"source", at.scenario_source},
                {"seed", at.seed},
                {"version", at.version},
                {"command_line", at.command_line},
                {"started_at", in.created},
                {"overrides", in.overrides},
                {"variant", in.variant ? json(*in.variant) : json(nullptr)},
                {"points", in.points.size()},
                {"replications", point.replications.size()},
                {"days", sc ? json(sc->run.days) : json(nullptr)},
                {"warmup", sc ? json(sc->run.warmup) : json(nullptr)},
                {"confidence", options.confidence}};
  json vars = json::array();
  for (const auto& [k, v] : point.variables) vars.push_back({k, v});
  doc["point"] = {{"index", point.point}, {"label", point.label}, {"variables", std::move(vars)}};
  doc["scenario"] = sc ? detail::layout_json(*sc) : json(nullptr);
  doc["layout_problem"] = in.scenario_problem;
  doc["headline"] = headline_json(figures, sc);
  doc["throughput"] = throughput_json(figures, sc);
  doc["stages"] = stages_json(figures, sc);
  doc["yards"] = yards_json(figures, sc);
  doc["time_in_system"] = time_in_system_json(figures, sc);
  doc["rail"] = rail_json(figures, sc);

  const std::string& kind = at.kind;
  const bool is_capacity = kind == "capacity" || in.capacity.has_value();
  const bool is_compare = kind == "compare" && in.points.size() >= 2;
  doc["sweep"] = !is_capacity && !is_compare && in.points.size() > 1 ? sweep_json(in, tables, sc)
                                                                     : json(nullptr);
  doc["capacity"] =
      is_capacity ? capacity_json(in, tables, sc, in.base_demand_scale) : json(nullptr);
  doc["compare"] = is_compare ? compare_json(in, options.confidence, sc) : json(nullptr);

  auto words = detail::summary_and_warnings(in, sc, figures, point.point);
  doc["summary"] = words.summary;
  doc["warnings"] = std::move(words.warnings);
  json trace = in.trace.empty() ? json(nullptr) : trace_sample(in.trace, options.trace);
  if (!trace.is_null()) trace["source"] = in.trace_source;
  doc["trace"] = std::move(trace);
  return doc;
}

namespace {

// The trains of a trace (mode "rail") that began before `until`, in columns like the road's:
// indices into name lists, queue_join in whole tenths of a second from the run's start, wait
// and service as durations in tenths. Null when there are none.
json rail_trace_json(const std::vector<trace_row>& rail, double until) {
  if (rail.empty()) return nullptr;
  std::map<std::uint64_t, double> first;
  for (const auto& r : rail) {
    auto [it, added] = first.try_emplace(r.vehicle, r.queue_join);
    if (!added) it->second = std::min(it->second, r.queue_join);
  }
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < rail.size(); ++i)
    if (first.at(rail[i].vehicle) < until) kept.push_back(i);
  std::stable_sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) {
    return rail[a].queue_join < rail[b].queue_join;
  });
  auto tenths = [](double t) { return static_cast<std::int64_t>(std::llround(t * 10)); };
  std::vector<std::string> kinds, routes, elements, outcomes;
  auto index_of = [](std::vector<std::string>& names, const std::string& s) {
    auto it = std::find(names.begin(), names.end(), s);
    if (it != names.end()) return static_cast<int>(it - names.begin());
    names.push_back(s);
    return static_cast<int>(names.size() - 1);
  };
  std::map<std::uint64_t, int> train_index;
  json train_col = json::array(), kind_col = json::array(), route_col = json::array(),
       element_col = json::array(), join_col = json::array(), wait_col = json::array(),
       service_col = json::array(), outcome_col = json::array();
  for (auto i : kept) {
    const auto& r = rail[i];
    auto [ti, added] = train_index.try_emplace(r.vehicle, static_cast<int>(train_index.size()));
    train_col.push_back(ti->second);
    kind_col.push_back(index_of(kinds, r.vehicle_class));
    route_col.push_back(index_of(routes, r.direction));
    element_col.push_back(index_of(elements, r.stage));
    const auto q = tenths(r.queue_join), st = tenths(r.service_start), e = tenths(r.service_end);
    join_col.push_back(q);
    wait_col.push_back(st - q);
    service_col.push_back(e - st);
    outcome_col.push_back(index_of(outcomes, r.outcome));
  }
  return {{"rows_in_file", rail.size()},
          {"trains_in_file", first.size()},
          {"visits", kept.size()},
          {"trains", train_index.size()},
          {"kinds", kinds},
          {"routes", routes},
          {"elements", elements},
          {"outcomes", outcomes},
          {"columns",
           {{"train", std::move(train_col)},
            {"kind", std::move(kind_col)},
            {"route", std::move(route_col)},
            {"element", std::move(element_col)},
            {"queue_join", std::move(join_col)},
            {"wait", std::move(wait_col)},
            {"service", std::move(service_col)},
            {"outcome", std::move(outcome_col)}}}};
}

json road_trace_sample(const std::vector<trace_row>& rows, const trace_sample_limits& limits) {
  if (rows.empty()) return nullptr;
  // Whole vehicles, in order of their first queue join.
  std::map<std::uint64_t, std::vector<std::size_t>> by_vehicle;
  for (std::size_t i = 0; i < rows.size(); ++i) by_vehicle[rows[i].vehicle].push_back(i);
  struct vehicle {
    double first;
    std::uint64_t id;
    const std::vector<std::size_t>* visits;
  };
  std::vector<vehicle> vehicles;
  vehicles.reserve(by_vehicle.size());
  for (const auto& [id, idx] : by_vehicle) {
    double first = rows[idx.front()].queue_join;
    for (auto i : idx) first = std::min(first, rows[i].queue_join);
    vehicles.push_back({first, id, &idx});
  }
  std::sort(vehicles.begin(), vehicles.end(), [](const vehicle& a, const vehicle& b) {
    return a.first != b.first ? a.first < b.first : a.id < b.id;
  });
  const double cutoff = limits.days * 86400.0;
  std::vector<std::size_t> kept;
  std::size_t kept_vehicles = 0;
  double window_end = 0;
  bool truncated = false;
  for (const auto& v : vehicles) {
    if (v.first >= cutoff || kept.size() + v.visits->size() > limits.max_visits) {
      truncated = true;
      window_end = std::min(cutoff, v.first);
      break;
    }
    kept.insert(kept.end(), v.visits->begin(), v.visits->end());
    ++kept_vehicles;
  }
  if (!truncated)
    for (const auto& r : rows) window_end = std::max(window_end, r.service_end);

  // Columns. Times are whole tenths of a second: queue_join as the step from the previous row
  // (rows sorted by it), the wait and the service as durations; indices into the name lists.
  auto tenths = [](double t) { return static_cast<std::int64_t>(std::llround(t * 10)); };
  std::stable_sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) {
    return tenths(rows[a].queue_join) < tenths(rows[b].queue_join);
  });
  std::vector<std::string> classes, directions, elements, outcomes;
  auto index_of = [](std::vector<std::string>& names, const std::string& s) {
    auto it = std::find(names.begin(), names.end(), s);
    if (it != names.end()) return static_cast<int>(it - names.begin());
    names.push_back(s);
    return static_cast<int>(names.size() - 1);
  };
  std::map<std::uint64_t, int> vehicle_index;
  json vehicle_col = json::array(), class_col = json::array(), direction_col = json::array(),
       element_col = json::array(), lane_col = json::array(), join_step = json::array(),
       wait_col = json::array(), service_col = json::array(), outcome_col = json::array();
  std::int64_t previous = 0;
  for (auto i : kept) {
    const auto& r = rows[i];
    auto [vi, added] = vehicle_index.try_emplace(r.vehicle, static_cast<int>(vehicle_index.size()));
    vehicle_col.push_back(vi->second);
    class_col.push_back(index_of(classes, r.vehicle_class));
    direction_col.push_back(index_of(directions, r.direction));
    element_col.push_back(index_of(elements, r.stage));
    lane_col.push_back(r.lane ? json(*r.lane) : json(nullptr));
    const auto q = tenths(r.queue_join), s = tenths(r.service_start), e = tenths(r.service_end);
    join_step.push_back(q - previous);
    previous = q;
    wait_col.push_back(s - q);
    service_col.push_back(e - s);
    outcome_col.push_back(index_of(outcomes, r.outcome));
  }
  std::set<std::uint64_t> all_vehicles;
  for (const auto& [id, idx] : by_vehicle) all_vehicles.insert(id);
  return {{"rows_in_file", rows.size()},
          {"vehicles_in_file", all_vehicles.size()},
          {"visits", kept.size()},
          {"vehicles", kept_vehicles},
          {"truncated", truncated},
          {"window_end", window_end},
          {"limits", {{"days", limits.days}, {"max_visits", limits.max_visits}}},
          {"classes", classes},
          {"directions", directions},
          {"elements", elements},
          {"outcomes", outcomes},
          {"columns",
           {{"vehicle", std::move(vehicle_col)},
            {"class", std::move(class_col)},
            {"direction", std::move(direction_col)},
            {"element", std::move(element_col)},
            {"lane", std::move(lane_col)},
            {"queue_join_step", std::move(join_step)},
            {"wait", std::move(wait_col)},
            {"service", std::move(service_col)},
            {"outcome", std::move(outcome_col)}}}};
}

}  // namespace

nlohmann::json trace_sample(const std::vector<trace_row>& rows, const trace_sample_limits& limits) {
  // Trains are numbered apart from road trips: the two are sampled separately.
  std::vector<trace_row> road, rail;
  for (const auto& r : rows) (r.mode == "rail" ? rail : road).push_back(r);
  json out = road_trace_sample(road, limits);
  if (out.is_null()) return out;
  const double until =
      out["truncated"].get<bool>() ? out["window_end"].get<double>() : limits.days * 86400.0;
  out["rail"] = rail_trace_json(rail, until);
  return out;
}

}  // namespace tumen::output
