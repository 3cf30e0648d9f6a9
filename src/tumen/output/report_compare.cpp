// The report's comparison section (see detail/report_sections.hpp): replication k of design A
// paired with replication k of design B (common random numbers), and for each figure listed the
// mean of each side and the difference B − A with its interval (paired Student t). Listed: the
// headline figures, then each stage's and yard's main figures, never the hourly series. Each
// side's verdict goes with it: the share of its replications saturated.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>

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

}  // namespace

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
          {"saturated", {{"a", saturated_share(a)}, {"b", saturated_share(b)}}}};
}

}  // namespace tumen::output::detail
