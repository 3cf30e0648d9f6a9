// The report's comparison section (see detail/report_sections.hpp): replication k of design A
// paired with replication k of design B (common random numbers), and for each figure listed the
// mean of each side and the difference B − A with its interval (paired Student t). Listed: the
// headline figures, then each stage's and yard's main figures, never the hourly series. Each
// side's verdict goes with it: the share of its replications saturated.
//
// By hour of day (`hourly`), for each stage and each of its queue length and mean wait: both
// sides' means with their intervals, and B − A paired hour by hour, marked significant where its
// interval excludes zero. An hour in which nobody joined a side's queue has no wait there: that
// side's wait is null, and a replication pair counts towards the hour's wait difference only when
// vehicles joined on both sides.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "detail/report_sections.hpp"
#include "tumen/results/metric_name.hpp"
#include "tumen/stats/interval.hpp"
#include "tumen/stats/tally.hpp"

namespace tumen::output::detail {

namespace {

// Metrics a comparison lists: the headline figures, then each stage's and yard's main figures.
bool compared(const std::string& n) {
  const auto m = results::parse_metric_name(n);
  if (!m || m->hour) return false;
  const figure f = m->figure;
  const statistic s = m->statistic;
  switch (m->kind) {
    case element_kind::crossing:
      return f == figure::vehicles_per_day || f == figure::persons_per_day ||
             f == figure::tonnes_per_day || f == figure::vehicles_inside_at_end ||
             f == figure::max_wait_p95 || f == figure::max_wait_mean ||
             f == figure::max_utilisation;
    case element_kind::stage:
      return (f == figure::wait && (s == statistic::mean || s == statistic::p95)) ||
             f == figure::utilisation || f == figure::queue_mean;
    case element_kind::yard:
      return (f == figure::wait && s == statistic::p95) || f == figure::utilisation;
    default: return false;
  }
}

// The share of a side's replications whose verdict was saturated ("saturated", a flag per
// replication), or null when they did not report it.
json saturated_share(const report_point& p) {
  const std::string name =
      results::to_string(results::metric_name::crossing(results::figure::saturated));
  stats::tally t;
  for (const auto& r : p.replications)
    for (const auto& [n, v] : r)
      if (n == name) t.add(v);
  return t.count() > 0 ? number(t.mean()) : json(nullptr);
}

// Replication k of A with replication k of B (common random numbers), each as name → value, and
// B's as stored (the order the rows follow).
using scalar_map = std::map<std::string, double>;
struct replication_pair {
  scalar_map a, b;
  const named_scalars* b_stored = nullptr;
};

std::vector<replication_pair> paired(const report_point& a, const report_point& b) {
  std::map<std::uint64_t, const named_scalars*> by_number;
  for (std::size_t k = 0; k < a.replications.size(); ++k)
    by_number[k < a.replication_numbers.size() ? a.replication_numbers[k] : k] = &a.replications[k];
  std::vector<replication_pair> out;
  for (std::size_t k = 0; k < b.replications.size(); ++k) {
    auto it = by_number.find(k < b.replication_numbers.size() ? b.replication_numbers[k] : k);
    if (it == by_number.end()) continue;
    out.push_back({scalar_map(it->second->begin(), it->second->end()),
                   scalar_map(b.replications[k].begin(), b.replications[k].end()),
                   &b.replications[k]});
  }
  return out;
}

const double* value(const scalar_map& m, const metric_name& name) {
  const auto it = m.find(results::to_string(name));
  return it != m.end() && std::isfinite(it->second) ? &it->second : nullptr;
}

// One side's hourly series of a stage ({mean, low, high}, or null), its wait left out in the
// hours nobody joined the queue.
json side_series(const json& stage, figure series) {
  auto stored = [&](std::string_view key) {
    const json::json_pointer at("/hourly/" + std::string(key));
    return stage.is_object() && stage.contains(at) ? stage.at(at) : json(nullptr);
  };
  json out = stored(results::to_string(series));
  if (out.is_null() || series != figure::wait_mean) return out;
  const json arrivals = stored(results::to_string(figure::arrivals_per_day));
  if (arrivals.is_null()) return out;
  for (std::size_t h = 0; h < 24; ++h) {
    const json& joined = arrivals.at("mean").at(h);
    if (joined.is_number() && joined.get<double>() <= 0)
      for (const char* part : {"mean", "low", "high"}) out[part][h] = nullptr;
  }
  return out;
}

// B − A of stage `id`'s hourly `series`, paired replication by replication: {mean, low, high,
// significant} of 24 hours each (null where no pair has both values).
json hourly_difference(const std::vector<replication_pair>& pairs, const std::string& id,
                       figure series, double confidence) {
  json mean = json::array(), low = json::array(), high = json::array(), sig = json::array();
  for (int h = 0; h < 24; ++h) {
    const auto name = metric_name::hourly(element_kind::stage, id, series, h);
    const auto joins = metric_name::hourly(element_kind::stage, id, figure::arrivals_per_day, h);
    stats::tally d;
    for (const auto& p : pairs) {
      const double* va = value(p.a, name);
      const double* vb = value(p.b, name);
      if (!va || !vb) continue;
      if (series == figure::wait_mean) {
        const double* ja = value(p.a, joins);
        const double* jb = value(p.b, joins);
        if (!ja || !jb || *ja <= 0 || *jb <= 0) continue;
      }
      d.add(*vb - *va);
    }
    if (d.count() == 0) {
      for (auto* part : {&mean, &low, &high}) part->push_back(nullptr);
      sig.push_back(false);
      continue;
    }
    const auto ci = stats::t_interval(d, confidence);
    mean.push_back(number(ci.mean));
    low.push_back(number(ci.low));
    high.push_back(number(ci.high));
    sig.push_back(ci.low > 0 || ci.high < 0);
  }
  return {{"mean", std::move(mean)},
          {"low", std::move(low)},
          {"high", std::move(high)},
          {"significant", std::move(sig)}};
}

// Each stage of either side (A's order, then B's own) with its hourly queue and wait on both
// sides and their difference; empty when the run stored no hourly series.
json compare_hourly(const report_input& in, const std::vector<metric_table>& tables,
                    double confidence, const scenario::scenario* sc) {
  const json sa = stages_json(tables[0], sc);
  const json sb = stages_json(tables[1], sc);
  const auto pairs = paired(in.points[0], in.points[1]);
  auto by_id = [](const json& stages, const std::string& id) {
    for (const auto& st : stages)
      if (st["id"] == id) return st;
    return json(nullptr);
  };
  json out = json::array();
  std::vector<std::string> done;
  for (const json* side : {&sa, &sb})
    for (const auto& st : *side) {
      const std::string id = st["id"];
      if (std::find(done.begin(), done.end(), id) != done.end()) continue;
      done.push_back(id);
      const json a = by_id(sa, id), b = by_id(sb, id);
      json row = {{"id", id}, {"name", st["name"]}, {"direction", st["direction"]}};
      bool any = false;
      for (const figure series : {figure::queue_mean, figure::wait_mean}) {
        json sides = {{"a", side_series(a, series)}, {"b", side_series(b, series)}};
        if (sides["a"].is_null() && sides["b"].is_null()) continue;
        any = true;
        sides["difference"] = hourly_difference(pairs, id, series, confidence);
        row[std::string(results::to_string(series))] = std::move(sides);
      }
      if (any) out.push_back(std::move(row));
    }
  return out;
}

}  // namespace

json compare_json(const report_input& in, const std::vector<metric_table>& tables,
                  double confidence, const scenario::scenario* sc) {
  const auto& a = in.points[0];
  const auto& b = in.points[1];
  std::vector<std::string> order;
  std::map<std::string, stats::tally> diffs, ta, tb;
  for (const auto& p : paired(a, b)) {
    for (const auto& [name, v] : *p.b_stored) {
      if (!compared(name)) continue;
      auto ai = p.a.find(name);
      if (ai == p.a.end() || !std::isfinite(v) || !std::isfinite(ai->second)) continue;
      if (!diffs.count(name)) order.push_back(name);
      diffs[name].add(v - ai->second);
      ta[name].add(ai->second);
      tb[name].add(v);
    }
  }
  // The crossing's own figures first (what was cleared, the worst waits), then each element's,
  // so a page that shows only the first rows never drops vehicles and tonnes a day.
  std::stable_partition(order.begin(), order.end(), [](const std::string& name) {
    const auto m = results::parse_metric_name(name);
    return m && m->kind == element_kind::crossing;
  });
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
          {"rows", std::move(rows)},
          // Each side's verdict: the share of its replications saturated.
          {"saturated", {{"a", saturated_share(a)}, {"b", saturated_share(b)}}},
          {"hourly", compare_hourly(in, tables, confidence, sc)}};
}

}  // namespace tumen::output::detail
