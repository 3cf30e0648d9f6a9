// The report's sections about one design point (see detail/report_sections.hpp): the headline
// and throughput figures, each stage and yard with its hourly series, the time in system of each
// flow, and the rail line. Every figure is looked up by its name from the metric vocabulary
// (tumen/results/metric_name.hpp); which elements have figures is read from the names stored,
// in the order first stored, and the scenario, when known, gives their display names and the
// directions the stages serve.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "detail/report_sections.hpp"
#include "tumen/results/metric_name.hpp"

namespace tumen::output::detail {

namespace {

const results::interval_row* find(const metric_table& t, const metric_name& m) {
  return t.find(results::to_string(m));
}

// Ids of the elements of `kind` that have figures, in the order first stored. With the
// scenario's elements (`known`), only theirs.
template <class T>
std::vector<std::string> ids_in(const metric_table& t, element_kind kind,
                                const std::vector<T>* known) {
  std::vector<std::string> ids;
  for (const auto& n : t.names()) {
    auto m = results::parse_metric_name(n);
    if (!m || m->kind != kind) continue;
    if (known &&
        std::none_of(known->begin(), known->end(), [&](const T& e) { return e.id == m->id; }))
      continue;
    if (std::find(ids.begin(), ids.end(), m->id) == ids.end()) ids.push_back(std::move(m->id));
  }
  return ids;
}

// The classes with figures of their own at element `id` (stage_class.<id>.<class>.* or
// yard_class.*), in the order first stored.
std::vector<std::string> classes_at(const metric_table& t, element_kind kind,
                                    const std::string& id) {
  std::vector<std::string> out;
  for (const auto& n : t.names()) {
    const auto m = results::parse_metric_name(n);
    if (!m || m->kind != kind || m->id != id) continue;
    if (std::find(out.begin(), out.end(), m->vehicle_class) == out.end())
      out.push_back(m->vehicle_class);
  }
  return out;
}

// Vehicles a stage can serve in each hour: its open lanes in that hour (the mean over the days,
// hourly.open_lanes) × 3600 s / its mean service time (stage.<id>.service.mean, measured over
// every class it served), or null without both. An estimate: a stage whose service times vary
// by hour or class serves more or fewer in a given hour.
json hourly_capacity(const json& open_lanes, const results::interval_row* service) {
  if (open_lanes.is_null() || !service || !(service->mean > 0)) return nullptr;
  json mean = json::array();
  for (const auto& lanes : open_lanes["mean"])
    mean.push_back(lanes.is_number() ? number(lanes.get<double>() * 3600.0 / service->mean)
                                     : json(nullptr));
  return {{"mean", std::move(mean)}};
}

}  // namespace

// {mean: [24], low: [24], high: [24]} of the hourly series `m` (its hour ignored), or null when
// no hour is stored.
json hourly_json(const metric_table& t, metric_name m) {
  json mean = json::array(), low = json::array(), high = json::array();
  bool any = false;
  for (int h = 0; h < 24; ++h) {
    m.hour = h;
    const auto* r = find(t, m);
    any = any || r != nullptr;
    mean.push_back(r ? number(r->mean) : json(nullptr));
    low.push_back(r ? number(r->low) : json(nullptr));
    high.push_back(r ? number(r->high) : json(nullptr));
  }
  if (!any) return nullptr;
  return {{"mean", std::move(mean)}, {"low", std::move(low)}, {"high", std::move(high)}};
}

json stages_json(const metric_table& t, const scenario::scenario* sc) {
  json out = json::array();
  auto add = [&](const std::string& id, const std::string& group) {
    auto fig = [&](figure f, statistic s = statistic::none) {
      return interval_json(find(t, metric_name::stage(id, f, s)));
    };
    json by_class = json::array();
    for (const auto& c : classes_at(t, element_kind::stage_class, id)) {
      auto of = [&](figure f, statistic s = statistic::none) {
        return interval_json(
            find(t, metric_name::of_class(element_kind::stage_class, id, c, f, s)));
      };
      by_class.push_back(
          {{"class", c},
           {"wait_mean", of(figure::wait, statistic::mean)},
           {"wait_p95", of(figure::wait, statistic::p95)},
           {"wait_with_unserved_mean", of(figure::wait_with_unserved, statistic::mean)},
           {"served", of(figure::served)}});
    }
    json hourly;
    for (const figure series : results::hourly_series(element_kind::stage))
      hourly[std::string(results::to_string(series))] =
          hourly_json(t, metric_name::hourly(element_kind::stage, id, series, 0));
    const auto* service = find(t, metric_name::stage(id, figure::service, statistic::mean));
    hourly["capacity"] = hourly_capacity(hourly["open_lanes"], service);
    out.push_back({{"id", id},
                   {"name", sc ? display_name(sc->stages, id) : id},
                   {"direction", group},
                   {"wait_mean", fig(figure::wait, statistic::mean)},
                   {"wait_p95", fig(figure::wait, statistic::p95)},
                   {"queue_mean", fig(figure::queue_mean)},
                   {"utilisation", fig(figure::utilisation)},
                   {"service_mean", interval_json(service)},
                   {"served", fig(figure::served)},
                   // the share of replications whose verdict on the stage was saturated
                   {"saturated", fig(figure::saturated)},
                   // each class's waits, where several classes pass the stage
                   {"by_class", std::move(by_class)},
                   {"hourly", std::move(hourly)}});
  };
  const auto stored = ids_in(t, element_kind::stage, sc ? &sc->stages : nullptr);
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
  for (const auto& id : ids_in(t, element_kind::yard, sc ? &sc->yards : nullptr)) {
    out.push_back(
        {{"id", id},
         {"name", sc ? display_name(sc->yards, id) : id},
         {"utilisation", interval_json(find(t, metric_name::yard(id, figure::utilisation)))},
         {"wait_p95", interval_json(find(t, metric_name::yard(id, figure::wait, statistic::p95)))},
         {"saturated", interval_json(find(t, metric_name::yard(id, figure::saturated)))},
         {"hourly",
          {{"utilisation", hourly_json(t, metric_name::hourly(element_kind::yard, id,
                                                              figure::utilisation, 0))}}}});
  }
  return out;
}

// The rail line's figures (rail.* scalars), or null when the run has none.
json rail_json(const metric_table& t, const scenario::scenario* sc) {
  if (!find(t, metric_name::rail(figure::trains_per_day))) return nullptr;
  auto with_values = [&](const metric_name& m) {
    const std::string metric = results::to_string(m);
    json row = interval_json(t.find(metric));
    if (row.is_null()) return row;
    json values = json::array();
    for (double v : t.values(metric)) values.push_back(number(v));
    row["values"] = std::move(values);
    return row;
  };
  json totals = json::array();
  for (const auto& [f, label] : {std::pair{figure::trains_per_day, "Trains a day"},
                                 std::pair{figure::wagons_per_day, "Wagons a day"},
                                 std::pair{figure::tonnes_per_day, "Tonnes a day by rail"},
                                 std::pair{figure::persons_per_day, "Persons a day by rail"}}) {
    json row = with_values(metric_name::rail(f));
    if (row.is_null()) continue;
    row["metric"] = results::to_string(metric_name::rail(f));
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
    for (const auto& n : t.names()) {
      const auto m = results::parse_metric_name(n);
      if (m && m->kind == element_kind::rail_direction && m->figure == figure::trains_per_day)
        pairs.emplace_back(m->from, m->to);
    }
  }
  for (const auto& pair : pairs) {
    // Named, not a structured binding: clang 14 cannot capture a binding in a lambda.
    const std::string& from = pair.first;
    const std::string& to = pair.second;
    auto fig = [&](figure f) { return metric_name::rail_direction(from, to, f); };
    if (!find(t, fig(figure::trains_per_day))) continue;
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
                          {"trains_per_day", with_values(fig(figure::trains_per_day))},
                          {"tonnes_per_day", with_values(fig(figure::tonnes_per_day))},
                          {"persons_per_day", with_values(fig(figure::persons_per_day))}});
  }
  // Elements: rail.station.<id>.…, rail.bridge.<id>.…, rail.gauge.<id>.…, each known by the
  // figure every one of its kind has.
  auto element_ids = [&](element_kind kind, figure marker) {
    std::vector<std::string> ids;
    for (const auto& n : t.names()) {
      auto m = results::parse_metric_name(n);
      if (!m || m->kind != kind || m->figure != marker) continue;
      if (std::find(ids.begin(), ids.end(), m->id) == ids.end()) ids.push_back(std::move(m->id));
    }
    return ids;
  };
  auto name_of = [&](const auto* items, const std::string& id) {
    return items ? display_name(*items, id) : id;
  };
  json stations = json::array();
  for (const auto& id : element_ids(element_kind::rail_station, figure::inspected)) {
    auto fig = [&](figure f, statistic s = statistic::none) {
      return metric_name::element(element_kind::rail_station, id, f, s);
    };
    stations.push_back(
        {{"id", id},
         {"name", name_of(sc ? &sc->rail_stations : nullptr, id)},
         {"inspected", interval_json(find(t, fig(figure::inspected)))},
         {"wait_mean", with_values(fig(figure::wait, statistic::mean))},
         {"wait_p95", interval_json(find(t, fig(figure::wait, statistic::p95)))},
         {"inspection_mean", interval_json(find(t, fig(figure::inspection, statistic::mean)))},
         {"utilisation", interval_json(find(t, fig(figure::utilisation)))}});
  }
  json bridges = json::array();
  for (const auto& id : element_ids(element_kind::rail_bridge, figure::crossings)) {
    auto fig = [&](figure f, statistic s = statistic::none) {
      return metric_name::element(element_kind::rail_bridge, id, f, s);
    };
    bridges.push_back({{"id", id},
                       {"name", name_of(sc ? &sc->rail_bridges : nullptr, id)},
                       {"crossings", interval_json(find(t, fig(figure::crossings)))},
                       {"reversals", interval_json(find(t, fig(figure::reversals)))},
                       {"wait_mean", with_values(fig(figure::wait, statistic::mean))},
                       {"wait_p95", interval_json(find(t, fig(figure::wait, statistic::p95)))},
                       {"occupied_share", with_values(fig(figure::occupied_share))}});
  }
  json gauges = json::array();
  for (const auto& id : element_ids(element_kind::rail_gauge, figure::trains)) {
    auto fig = [&](figure f, statistic s = statistic::none) {
      return metric_name::element(element_kind::rail_gauge, id, f, s);
    };
    gauges.push_back(
        {{"id", id},
         {"name", name_of(sc ? &sc->gauge_changes : nullptr, id)},
         {"trains", interval_json(find(t, fig(figure::trains)))},
         {"tonnes", interval_json(find(t, fig(figure::tonnes)))},
         {"wait_mean", with_values(fig(figure::wait, statistic::mean))},
         {"wait_p95", interval_json(find(t, fig(figure::wait, statistic::p95)))},
         {"work_mean", interval_json(find(t, fig(figure::work, statistic::mean)))},
         {"utilisation", interval_json(find(t, fig(figure::utilisation)))},
         {"wagons_in_yard_max", interval_json(find(t, fig(figure::wagons_in_yard_max)))}});
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
    figure metric;
    const char* label;
    std::optional<double> design;
  };
  std::vector<measure> ms = {{figure::vehicles_per_day, "Vehicles a day", {}},
                             {figure::persons_per_day, "Persons a day", {}},
                             {figure::tonnes_per_day, "Tonnes a day", {}}};
  if (sc) {
    ms[0].design = sc->design.vehicles_per_day;
    ms[1].design = sc->design.persons_per_day;
    ms[2].design = sc->design.tonnes_per_day;
  }
  for (const auto& m : ms) {
    const std::string metric = results::to_string(metric_name::crossing(m.metric));
    const auto* r = t.find(metric);
    if (!r) continue;
    const bool nothing = r->max == 0 && r->min == 0 && r->mean == 0;
    if (nothing && !m.design) continue;  // e.g. no cargo in a textbook queue
    json values = json::array();
    for (double v : t.values(metric)) values.push_back(number(v));
    json row = interval_json(r);
    row["metric"] = metric;
    row["label"] = m.label;
    row["values"] = std::move(values);
    row["design"] = m.design ? json(*m.design) : json(nullptr);
    out.push_back(std::move(row));
  }
  return out;
}

json headline_json(const metric_table& t, const scenario::scenario* sc) {
  json out = json::array();
  for (const figure f :
       {figure::vehicles_per_day, figure::persons_per_day, figure::tonnes_per_day,
        figure::max_wait_p95, figure::max_utilisation, figure::vehicles_inside_at_end}) {
    const std::string m = results::to_string(metric_name::crossing(f));
    const auto* r = t.find(m);
    if (!r) continue;
    // No cargo and no tonnage design (a textbook queue, a passenger crossing): nothing to say.
    if (f == figure::tonnes_per_day && r->max == 0 && r->min == 0 &&
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
  for (const auto& n : t.names()) {
    const auto m = results::parse_metric_name(n);
    if (!m || m->kind != element_kind::flow || m->figure != figure::time_in_system ||
        m->statistic != statistic::mean)
      continue;
    const std::string &route = m->route, &cls = m->vehicle_class, &origin = m->origin;
    auto fig = [&](figure f, statistic s = statistic::none) {
      return metric_name::flow(route, cls, origin, f, s);
    };
    const auto* cleared = find(t, fig(figure::cleared));
    if (t.mean_or(results::to_string(fig(figure::cleared)), 0) <= 0 && t.mean_or(n, 0) <= 0)
      continue;
    json stats = json::array();
    for (const statistic s : results::all_statistics) {
      const auto* r = find(t, fig(figure::time_in_system, s));
      if (!r) continue;
      json row = interval_json(r);
      row["stat"] = results::to_string(s);
      stats.push_back(std::move(row));
    }
    const std::string cls_name = sc ? display_name(sc->classes, cls) : cls;
    out.push_back({{"flow", route + "." + cls + "." + origin},
                   {"route", route},
                   {"class", cls},
                   {"origin", origin},
                   {"label", cls + " · " + route + (origin == "demand" ? "" : " (" + origin + ")")},
                   {"class_name", cls_name},
                   {"cleared", interval_json(cleared)},
                   {"stats", std::move(stats)}});
  }
  return out;
}

}  // namespace tumen::output::detail
