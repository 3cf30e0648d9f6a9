// Parsing and assessing targets (see tumen/experiment/target.hpp).
#include "tumen/experiment/target.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <utility>

#include "detail/text.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/metrics.hpp"
#include "tumen/results/metric_units.hpp"
#include "tumen/scenario/suggest.hpp"
#include "tumen/scenario/units.hpp"

namespace tumen::experiment {

namespace {

constexpr const char* form =
    "METRIC OP VALUE [UNIT] with OP one of <=, <, >=, >, e.g. \"p95_wait <= 2 h\", "
    "\"utilisation < 0.85\", \"stage.ru_customs.wait.mean <= 30 min\"";

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> aliases = {{
    {"p95_wait", "max_wait_p95"},
    {"mean_wait", "max_wait_mean"},
    {"utilisation", "max_utilisation"},
    {"utilization", "max_utilisation"},
}};

using detail::trim;

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

[[noreturn]] void fail(std::string_view text, std::string message, std::string valid = form) {
  diagnostics d;
  d.error({"--target", 0, 0}, fmt::format("\"{}\"", text), std::move(message), std::move(valid));
  throw input_error(std::move(d));
}

}  // namespace

std::string_view symbol(comparison op) {
  switch (op) {
    case comparison::less_equal: return "<=";
    case comparison::less: return "<";
    case comparison::greater_equal: return ">=";
    case comparison::greater: return ">";
  }
  return "?";
}

target parse_target(std::string_view text) {
  const auto t = trim(text);
  if (t.empty()) fail(text, "the target is empty");
  const auto op_at = t.find_first_of("<>");
  if (op_at == std::string_view::npos) {
    if (t.find('=') != std::string_view::npos)
      fail(t, "'=' alone is not a comparison: a search needs a side to stay on");
    fail(t, "has no comparison operator");
  }
  target out;
  out.text = std::string(t);
  const bool with_equal = op_at + 1 < t.size() && t[op_at + 1] == '=';
  out.op = t[op_at] == '<' ? (with_equal ? comparison::less_equal : comparison::less)
                           : (with_equal ? comparison::greater_equal : comparison::greater);
  const auto metric = trim(t.substr(0, op_at));
  const auto value = trim(t.substr(op_at + (with_equal ? 2 : 1)));

  if (!metric.empty() && (metric.back() == '=' || metric.back() == '!'))
    fail(t, fmt::format("\"{}{}\" is not a comparison operator", metric.back(), t[op_at]));
  if (!value.empty() && (value.front() == '<' || value.front() == '>' || value.front() == '='))
    fail(t, fmt::format("\"{}{}\" is not a comparison operator",
                        t.substr(op_at, with_equal ? 2 : 1), value.front()));
  if (metric.empty()) fail(t, "the metric before the operator is missing");
  if (!std::all_of(metric.begin(), metric.end(), name_char) || metric.front() == '.' ||
      metric.back() == '.')
    fail(t, fmt::format("\"{}\" is not a metric name", metric),
         "a metric name such as p95_wait, mean_wait, utilisation, vehicles_per_day, "
         "stage.<id>.wait.p95 (names are letters, digits, '_', '-' and '.')");
  if (value.empty()) fail(t, "the value after the operator is missing");

  out.written = std::string(metric);
  out.metric = out.written;
  for (const auto& [alias, name] : aliases)
    if (metric == alias) out.metric = std::string(name);
  out.duration = results::is_duration_metric(out.metric);

  const auto bare = scenario::parse_quantity(value, scenario::dimension::count);
  const auto time = scenario::parse_quantity(value, scenario::dimension::time);
  if (out.duration) {
    if (time) {
      out.bound = *time.value;
    } else if (bare) {
      fail(t, fmt::format("{} is measured in time: write the bound with its unit", out.written),
           fmt::format("a time such as \"{0} {1} 2 h\", \"{0} {1} 30 min\" or \"{0} {1} 45 s\"",
                       out.written, symbol(out.op)));
    } else {
      fail(t, fmt::format("the value: {}", time.error),
           "a time with its unit: \"2 h\", \"30 min\", \"45 s\"");
    }
  } else {
    if (bare) {
      out.bound = *bare.value;
    } else if (time) {
      static const std::vector<std::string> common = {
          "p95_wait",         "mean_wait",       "utilisation",
          "max_wait_p95",     "max_wait_mean",   "max_utilisation",
          "vehicles_per_day", "persons_per_day", "tonnes_per_day"};
      std::string message =
          fmt::format("{} is not measured in time: write the bound as a bare number", out.written);
      if (auto hint = scenario::did_you_mean(out.written, common); !hint.empty())
        message += " (or is the metric misspelt? " + hint + ")";
      fail(t, message, fmt::format("e.g. \"{} {} 300\"", out.written, symbol(out.op)));
    } else {
      fail(t, fmt::format("the value: {}", bare.error), "a bare number such as 300 or 0.85");
    }
  }
  return out;
}

std::vector<target> parse_targets(const std::vector<std::string>& texts) {
  std::vector<target> out;
  diagnostics all;
  for (const auto& text : texts) {
    try {
      out.push_back(parse_target(text));
    } catch (const input_error& e) {
      all.append(e.problems());
    }
  }
  if (all.has_errors()) throw input_error(std::move(all));
  return out;
}

target_outcome assess(const target& t, const results::interval_row& row) {
  target_outcome o;
  o.metric = row.name;
  o.estimate = row;
  const bool spread_known = row.n >= 2 && std::isfinite(row.half_width);
  o.compared = t.upper() ? row.high : row.low;
  if (!spread_known || std::isnan(o.compared)) {
    o.met = false;
    return o;
  }
  switch (t.op) {
    case comparison::less_equal: o.met = o.compared <= t.bound; break;
    case comparison::less: o.met = o.compared < t.bound; break;
    case comparison::greater_equal: o.met = o.compared >= t.bound; break;
    case comparison::greater: o.met = o.compared > t.bound; break;
  }
  return o;
}

void check_metrics_known(const std::vector<target_metric>& wanted,
                         const std::vector<std::string>& known) {
  diagnostics d;
  for (const auto& w : wanted) {
    if (std::find(known.begin(), known.end(), w.metric) != known.end()) continue;
    // Suggest the same figure of other elements (stage.*.wait.p95), else names of the same
    // kind (stage.…), else the usual ones.
    std::vector<std::string> near;
    const auto head = w.metric.substr(0, w.metric.find('.') + 1);
    const auto second = w.metric.find('.', head.size());
    const std::string tail = second == std::string::npos ? "" : w.metric.substr(second);
    auto ends_with = [](const std::string& k, const std::string& end) {
      return k.size() >= end.size() && k.compare(k.size() - end.size(), end.size(), end) == 0;
    };
    if (!head.empty() && !tail.empty())
      for (const auto& k : known)
        if (k.rfind(head, 0) == 0 && ends_with(k, tail) && near.size() < 9) near.push_back(k);
    if (near.empty() && !head.empty())
      for (const auto& k : known)
        if (k.rfind(head, 0) == 0 && near.size() < 9) near.push_back(k);
    std::string message = fmt::format("no metric is called \"{}\"", w.metric);
    if (w.metric != w.t->written) message += fmt::format(" (from \"{}\")", w.t->written);
    if (auto hint = scenario::did_you_mean(w.metric, known); !hint.empty()) message += "; " + hint;
    std::string valid =
        near.empty() ? "p95_wait, mean_wait, utilisation, vehicles_per_day, persons_per_day, "
                       "tonnes_per_day, stage.<id>.wait.p95, yard.<id>.wait.mean … "
                       "(`tumen run --json` lists every metric)"
                     : "e.g. " + scenario::list_names(near, 8);
    d.error({"--target", 0, 0}, fmt::format("\"{}\"", w.t->text), std::move(message),
            std::move(valid));
  }
  if (d.has_errors()) throw input_error(std::move(d));
}

void check_metrics_known(const std::vector<target_metric>& wanted, const scenario::scenario& sc) {
  results::replication_result skeleton;
  for (const auto& s : sc.stages) skeleton.stages.emplace_back().id = s.id;
  for (const auto& h : sc.holding) skeleton.holding.emplace_back().id = h.id;
  for (const auto& y : sc.yards) skeleton.yards.emplace_back().id = y.id;
  if (sc.has_rail()) {  // the rail line's elements, its flows (route, kind) and directions
    for (const auto& s : sc.rail_stations) skeleton.rail.stations.emplace_back().id = s.id;
    for (const auto& b : sc.rail_bridges) skeleton.rail.bridges.emplace_back().id = b.id;
    for (const auto& g : sc.gauge_changes) skeleton.rail.gauge_changes.emplace_back().id = g.id;
    for (const auto& t : sc.trains) {
      const auto& route = sc.rail_routes[static_cast<std::size_t>(t.route)];
      auto& f = skeleton.rail.flows.emplace_back();
      f.route = route.id;
      f.kind = sc.train_kinds[static_cast<std::size_t>(t.kind)].id;
      auto& d = skeleton.rail.directions.emplace_back();
      d.from = sc.sides[static_cast<std::size_t>(route.from_side)].id;
      d.to = sc.sides[static_cast<std::size_t>(route.to_side)].id;
    }
  }
  std::vector<std::string> known;
  for (auto& [name, value] : scalars(skeleton, true)) known.push_back(std::move(name));
  std::vector<target_metric> checkable;
  for (const auto& w : wanted)
    if (w.metric.rfind("flow.", 0) != 0) checkable.push_back(w);
  check_metrics_known(checkable, known);
}

}  // namespace tumen::experiment
