// The report's sections about several design points (see detail/report_sections.hpp): a
// sweep's charts, one per headline figure and per figure of each element a design variable
// sets, and a capacity search's charts, one per target, along the demand scale. Each point
// carries the share of its replications whose verdict was saturated, for the charts to mark.
// Both place the
// points along an axis: the values of the first varying variable when they are numbers ("4",
// "12 min"), else the distinct values in order as ticks.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "detail/report_sections.hpp"
#include "tumen/results/metric_name.hpp"

namespace tumen::output::detail {

namespace {

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
  std::vector<metric_name> ms;
  for (const figure f : {figure::vehicles_per_day, figure::persons_per_day, figure::tonnes_per_day,
                         figure::max_wait_p95, figure::max_wait_mean, figure::max_utilisation,
                         figure::vehicles_inside_at_end})
    ms.push_back(metric_name::crossing(f));
  for (const auto& v : variables) {
    // A scenario key path: its first part the section, its second the element's id.
    const auto first = v.find('.');
    if (first == std::string::npos) continue;
    const std::string section(v, 0, first);
    const auto second = v.find('.', first + 1);
    const std::string id(v, first + 1, second == std::string::npos ? second : second - first - 1);
    if (section != "stages" && section != "yards") continue;
    const element_kind kind = section == "stages" ? element_kind::stage : element_kind::yard;
    ms.push_back(metric_name::element(kind, id, figure::wait, statistic::p95));
    ms.push_back(metric_name::element(kind, id, figure::wait, statistic::mean));
    ms.push_back(metric_name::element(kind, id, figure::utilisation));
    ms.push_back(metric_name::element(kind, id, figure::queue_mean));
  }
  std::vector<std::string> out;
  for (const auto& name : ms) {
    const std::string m = results::to_string(name);
    if (std::find(out.begin(), out.end(), m) != out.end()) continue;
    bool stored = false, nonzero = false;
    for (const auto& t : tables)
      if (const auto* r = t.find(m)) {
        stored = true;
        nonzero = nonzero || r->mean != 0 || r->max != 0;
      }
    if (stored && (nonzero || name.figure == figure::vehicles_inside_at_end)) out.push_back(m);
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

// The share of a point's replications whose verdict was saturated ("saturated", a flag per
// replication), or null when its replications did not report one: the charts mark the points where
// it is above 0.
json saturated_share(const metric_table& t) {
  const auto* r = t.find(results::to_string(metric_name::crossing(figure::saturated)));
  return r ? number(r->mean) : json(nullptr);
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
         pts = json::array(), saturated = json::array();
    for (auto i : idx) {
      const auto* r = tables[i].find(metric);
      saturated.push_back(saturated_share(tables[i]));
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
                   {"high", std::move(high)},
                   {"saturated", std::move(saturated)}});
  }
  return out;
}

}  // namespace

// Each stage's hourly mean wait (with the hourly arrivals, which say where nobody joined) at
// every point: the page draws one line per point, so the hours a design changes stand out.
json hourly_by_point(const report_input& in, const std::vector<metric_table>& tables,
                     const scenario::scenario* sc) {
  json out = json::array();
  if (!sc) return out;
  for (const auto& st : sc->stages) {
    json points = json::array();
    bool any = false;
    for (std::size_t i = 0; i < in.points.size(); ++i) {
      auto wait = hourly_json(
          tables[i], metric_name::hourly(element_kind::stage, st.id, figure::wait_mean, 0));
      auto arrivals = hourly_json(
          tables[i], metric_name::hourly(element_kind::stage, st.id, figure::arrivals_per_day, 0));
      any = any || !wait.is_null();
      points.push_back({{"point", in.points[i].point},
                        {"label", in.points[i].label},
                        {"wait_mean", wait.is_null() ? json(nullptr) : wait["mean"]},
                        {"arrivals", arrivals.is_null() ? json(nullptr) : arrivals["mean"]}});
    }
    if (any) out.push_back({{"id", st.id}, {"name", st.name}, {"points", std::move(points)}});
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
  for (std::size_t i = 0; i < in.points.size(); ++i)
    points.push_back({{"point", in.points[i].point},
                      {"label", in.points[i].label},
                      {"saturated", saturated_share(tables[i])}});
  return {{"x", axis_json(a)},
          {"variables", vars},
          {"points", std::move(points)},
          {"metrics", std::move(metrics)},
          {"hourly", hourly_by_point(in, tables, sc)}};
}

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
    targets = {
        {"", results::to_string(metric_name::crossing(figure::max_wait_p95)), "", std::nullopt}};
  json charts = json::array();
  for (const auto& t : targets) {
    if (t.metric.empty()) continue;
    json x = json::array(), mean = json::array(), low = json::array(), high = json::array(),
         pts = json::array(), saturated = json::array();
    double largest = 0;
    for (auto i : idx) {
      const auto* r = tables[i].find(t.metric);
      saturated.push_back(saturated_share(tables[i]));
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
                        {"high", std::move(high)},
                        {"saturated", std::move(saturated)}}}});
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

}  // namespace tumen::output::detail
