// The vocabulary of named figures (see tumen/results/metric_name.hpp): the grammar as a table of
// which figures each kind of element has, with their statistics and units, and the writing and
// reading of names from it.
#include "tumen/results/metric_name.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace tumen::results {

namespace {

// A figure an element kind has: its unit, and whether it comes as a distribution's statistics
// (each statistic in `stats`, written figure.<stat>) or as a single number (stats empty).
struct figure_spec {
  element_kind kind;
  results::figure figure;
  metric_unit unit;
  std::vector<statistic> stats;
  bool hourly = false;  // a series of 24 hours: figure is written hourly.<figure>.<HH>
};

const std::vector<statistic> all_stats(all_statistics.begin(), all_statistics.end());

const std::vector<figure_spec>& grammar() {
  using k = element_kind;
  using f = results::figure;
  using u = metric_unit;
  static const std::vector<figure_spec> specs = {
      {k::crossing, f::vehicles_per_day, u::per_day, {}},
      {k::crossing, f::persons_per_day, u::per_day, {}},
      {k::crossing, f::tonnes_per_day, u::per_day, {}},
      {k::crossing, f::vehicles_inside_at_end, u::count, {}},
      {k::crossing, f::peak_vehicles_inside, u::count, {}},
      {k::crossing, f::saturated, u::flag, {}},
      {k::crossing, f::stable_by_losing, u::flag, {}},
      {k::crossing, f::stopped_early, u::flag, {}},
      {k::crossing, f::max_wait_p95, u::seconds, {}},
      {k::crossing, f::max_wait_mean, u::seconds, {}},
      {k::crossing, f::max_utilisation, u::share, {}},
      {k::all_modes, f::persons_per_day, u::per_day, {}},
      {k::all_modes, f::tonnes_per_day, u::per_day, {}},
      {k::stage, f::arrived, u::count, {}},
      {k::stage, f::served, u::count, {}},
      {k::stage, f::abandoned, u::count, {}},
      {k::stage, f::wait, u::seconds, all_stats},
      {k::stage, f::wait_with_unserved, u::seconds, {statistic::mean}},
      {k::stage, f::saturated, u::flag, {}},
      {k::stage, f::stable_by_losing, u::flag, {}},
      {k::stage, f::growth_per_day, u::per_day, {}},
      {k::stage, f::backlog_at_end, u::count, {}},
      {k::stage, f::lost_share, u::share, {}},
      {k::stage, f::service, u::seconds, {statistic::mean}},
      {k::stage, f::queue_mean, u::count, {}},
      {k::stage, f::queue_max, u::count, {}},
      {k::stage, f::utilisation, u::share, {}},
      {k::stage, f::open_lanes_mean, u::count, {}},
      {k::stage, f::queue_mean, u::count, {}, true},
      {k::stage, f::wait_mean, u::seconds, {}, true},
      {k::stage, f::utilisation, u::share, {}, true},
      {k::stage, f::arrivals_per_day, u::per_day, {}, true},
      {k::stage, f::open_lanes, u::count, {}, true},
      {k::holding, f::occupancy_mean, u::count, {}},
      {k::holding, f::occupancy_max, u::count, {}},
      {k::holding, f::turned_away, u::count, {}},
      {k::holding, f::waited_outside, u::count, {}},
      {k::holding, f::wait_outside, u::seconds, {statistic::p95}},
      {k::holding, f::occupancy, u::count, {}, true},
      {k::holding, f::saturated, u::flag, {}},
      {k::holding, f::stable_by_losing, u::flag, {}},
      {k::holding, f::growth_per_day, u::per_day, {}},
      {k::holding, f::backlog_at_end, u::count, {}},
      {k::holding, f::lost_share, u::share, {}},
      {k::yard, f::transfers, u::count, {}},
      {k::yard, f::tonnes_transferred, u::tonnes, {}},
      {k::yard, f::utilisation, u::share, {}},
      {k::yard, f::parking_max, u::count, {}},
      {k::yard, f::wait, u::seconds, all_stats},
      {k::yard, f::transfer, u::seconds, {statistic::mean}},
      {k::yard, f::utilisation, u::share, {}, true},
      {k::yard, f::saturated, u::flag, {}},
      {k::yard, f::growth_per_day, u::per_day, {}},
      {k::yard, f::backlog_at_end, u::count, {}},
      {k::stage_class, f::arrived, u::count, {}},
      {k::stage_class, f::served, u::count, {}},
      {k::stage_class, f::abandoned, u::count, {}},
      {k::stage_class, f::wait, u::seconds, all_stats},
      {k::stage_class, f::wait_with_unserved, u::seconds, {statistic::mean}},
      {k::yard_class, f::arrived, u::count, {}},
      {k::yard_class, f::transfers, u::count, {}},
      {k::yard_class, f::wait, u::seconds, all_stats},
      {k::flow, f::arrived, u::count, {}},
      {k::flow, f::cleared, u::count, {}},
      {k::flow, f::transferred, u::count, {}},
      {k::flow, f::inside, u::count, {}},
      {k::flow, f::turned_away, u::count, {}},
      {k::flow, f::abandoned, u::count, {}},
      {k::flow, f::tonnes_cleared, u::tonnes, {}},
      {k::flow, f::time_in_system, u::seconds, {statistic::mean, statistic::p95}},
      {k::rail, f::trains_per_day, u::per_day, {}},
      {k::rail, f::wagons_per_day, u::per_day, {}},
      {k::rail, f::persons_per_day, u::per_day, {}},
      {k::rail, f::tonnes_per_day, u::per_day, {}},
      {k::rail_direction, f::trains_per_day, u::per_day, {}},
      {k::rail_direction, f::tonnes_per_day, u::per_day, {}},
      {k::rail_direction, f::persons_per_day, u::per_day, {}},
      {k::rail_station, f::inspected, u::count, {}},
      {k::rail_station, f::wait, u::seconds, all_stats},
      {k::rail_station, f::inspection, u::seconds, {statistic::mean}},
      {k::rail_station, f::utilisation, u::share, {}},
      {k::rail_bridge, f::crossings, u::count, {}},
      {k::rail_bridge, f::reversals, u::count, {}},
      {k::rail_bridge, f::wait, u::seconds, all_stats},
      {k::rail_bridge, f::occupied_share, u::share, {}},
      {k::rail_gauge, f::trains, u::count, {}},
      {k::rail_gauge, f::tonnes, u::tonnes, {}},
      {k::rail_gauge, f::wait, u::seconds, all_stats},
      {k::rail_gauge, f::work, u::seconds, {statistic::mean}},
      {k::rail_gauge, f::utilisation, u::share, {}},
      {k::rail_gauge, f::wagons_in_yard_max, u::count, {}},
      {k::rail_flow, f::arrived, u::count, {}},
      {k::rail_flow, f::cleared, u::count, {}},
      {k::rail_flow, f::inside, u::count, {}},
      {k::rail_flow, f::tonnes_cleared, u::tonnes, {}},
      {k::rail_flow, f::persons_cleared, u::count, {}},
      {k::rail_flow, f::time_in_system, u::seconds, {statistic::mean}},
  };
  return specs;
}

const figure_spec* find_spec(element_kind kind, results::figure f, bool hourly) {
  for (const auto& s : grammar())
    if (s.kind == kind && s.figure == f && s.hourly == hourly) return &s;
  return nullptr;
}

constexpr std::pair<figure, std::string_view> figure_words[] = {
    {figure::vehicles_per_day, "vehicles_per_day"},
    {figure::persons_per_day, "persons_per_day"},
    {figure::tonnes_per_day, "tonnes_per_day"},
    {figure::vehicles_inside_at_end, "vehicles_inside_at_end"},
    {figure::peak_vehicles_inside, "peak_vehicles_inside"},
    {figure::saturated, "saturated"},
    {figure::max_wait_p95, "max_wait_p95"},
    {figure::max_wait_mean, "max_wait_mean"},
    {figure::max_utilisation, "max_utilisation"},
    {figure::arrived, "arrived"},
    {figure::served, "served"},
    {figure::abandoned, "abandoned"},
    {figure::wait, "wait"},
    {figure::service, "service"},
    {figure::queue_mean, "queue_mean"},
    {figure::queue_max, "queue_max"},
    {figure::utilisation, "utilisation"},
    {figure::open_lanes_mean, "open_lanes_mean"},
    {figure::wait_mean, "wait_mean"},
    {figure::arrivals_per_day, "arrivals_per_day"},
    {figure::open_lanes, "open_lanes"},
    {figure::occupancy, "occupancy"},
    {figure::occupancy_mean, "occupancy_mean"},
    {figure::occupancy_max, "occupancy_max"},
    {figure::turned_away, "turned_away"},
    {figure::waited_outside, "waited_outside"},
    {figure::wait_outside, "wait_outside"},
    {figure::transfers, "transfers"},
    {figure::tonnes_transferred, "tonnes_transferred"},
    {figure::parking_max, "parking_max"},
    {figure::transfer, "transfer"},
    {figure::cleared, "cleared"},
    {figure::transferred, "transferred"},
    {figure::inside, "inside"},
    {figure::tonnes_cleared, "tonnes_cleared"},
    {figure::persons_cleared, "persons_cleared"},
    {figure::time_in_system, "time_in_system"},
    {figure::trains_per_day, "trains_per_day"},
    {figure::wagons_per_day, "wagons_per_day"},
    {figure::inspected, "inspected"},
    {figure::inspection, "inspection"},
    {figure::crossings, "crossings"},
    {figure::reversals, "reversals"},
    {figure::occupied_share, "occupied_share"},
    {figure::trains, "trains"},
    {figure::tonnes, "tonnes"},
    {figure::work, "work"},
    {figure::wagons_in_yard_max, "wagons_in_yard_max"},
    {figure::stable_by_losing, "stable_by_losing"},
    {figure::stopped_early, "stopped_early"},
    {figure::wait_with_unserved, "wait_with_unserved"},
    {figure::growth_per_day, "growth_per_day"},
    {figure::backlog_at_end, "backlog_at_end"},
    {figure::lost_share, "lost_share"},
};

constexpr std::pair<statistic, std::string_view> statistic_words[] = {
    {statistic::mean, "mean"}, {statistic::p50, "p50"}, {statistic::p90, "p90"},
    {statistic::p95, "p95"},   {statistic::p99, "p99"}, {statistic::max, "max"}};

std::optional<figure> figure_of(std::string_view word) {
  for (const auto& [f, w] : figure_words)
    if (w == word) return f;
  return std::nullopt;
}

std::optional<statistic> statistic_of(std::string_view word) {
  for (const auto& [s, w] : statistic_words)
    if (w == word) return s;
  return std::nullopt;
}

std::vector<std::string_view> split(std::string_view name) {
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  for (;;) {
    const auto dot = name.find('.', from);
    if (dot == std::string_view::npos) {
      parts.push_back(name.substr(from));
      return parts;
    }
    parts.push_back(name.substr(from, dot - from));
    from = dot + 1;
  }
}

std::string join(const std::vector<std::string_view>& parts, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += '.';
    out += parts[i];
  }
  return out;
}

// The figure at the end of `parts` for an element of `kind`, read from the right: the parts it
// takes (1 … 3) and the metric with only its figure, statistic and hour set. nullopt when the
// parts end in no figure of that kind or leave nothing before it.
std::optional<std::pair<std::size_t, metric_name>> figure_at_end(
    element_kind kind, const std::vector<std::string_view>& parts, std::size_t first) {
  const std::size_t n = parts.size();
  metric_name m;
  m.kind = kind;
  // hourly.<series>.<HH>
  const auto last = parts[n - 1];
  if (n >= first + 3 && parts[n - 3] == "hourly" && last.size() == 2 &&
      std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const int hour = (last[0] - '0') * 10 + (last[1] - '0');
    const auto series = figure_of(parts[n - 2]);
    if (hour < 24 && series && find_spec(kind, *series, true)) {
      m.figure = *series;
      m.hour = hour;
      return std::pair{std::size_t{3}, m};
    }
    return std::nullopt;
  }
  // <figure>.<stat>
  if (const auto stat = statistic_of(last); stat && n >= first + 2) {
    const auto f = figure_of(parts[n - 2]);
    const auto* spec = f ? find_spec(kind, *f, false) : nullptr;
    if (!spec || std::find(spec->stats.begin(), spec->stats.end(), *stat) == spec->stats.end())
      return std::nullopt;
    m.figure = *f;
    m.statistic = *stat;
    return std::pair{std::size_t{2}, m};
  }
  // <figure>
  const auto f = figure_of(last);
  const auto* spec = f ? find_spec(kind, *f, false) : nullptr;
  if (!spec || !spec->stats.empty() || n < first + 1) return std::nullopt;
  m.figure = *f;
  return std::pair{std::size_t{1}, m};
}

// A figure with nothing before it (crossing-wide, all_modes.*, rail.*).
std::optional<metric_name> lone_figure(element_kind kind, std::string_view word) {
  const auto f = figure_of(word);
  const auto* spec = f ? find_spec(kind, *f, false) : nullptr;
  if (!spec || !spec->stats.empty()) return std::nullopt;
  metric_name m;
  m.kind = kind;
  m.figure = *f;
  return m;
}

}  // namespace

metric_name metric_name::crossing(results::figure f) {
  metric_name m;
  m.figure = f;
  return m;
}

metric_name metric_name::all_modes(results::figure f) {
  metric_name m = crossing(f);
  m.kind = element_kind::all_modes;
  return m;
}

metric_name metric_name::element(element_kind of, std::string id, results::figure f,
                                 results::statistic s) {
  metric_name m;
  m.kind = of;
  m.id = std::move(id);
  m.figure = f;
  m.statistic = s;
  return m;
}

metric_name metric_name::stage(std::string id, results::figure f, results::statistic s) {
  return element(element_kind::stage, std::move(id), f, s);
}

metric_name metric_name::yard(std::string id, results::figure f, results::statistic s) {
  return element(element_kind::yard, std::move(id), f, s);
}

metric_name metric_name::of_class(element_kind of, std::string id, std::string vehicle_class,
                                  results::figure f, results::statistic s) {
  metric_name m = element(of, std::move(id), f, s);
  m.vehicle_class = std::move(vehicle_class);
  return m;
}

metric_name metric_name::hourly(element_kind of, std::string id, results::figure series, int hour) {
  metric_name m = element(of, std::move(id), series);
  m.hour = hour;
  return m;
}

metric_name metric_name::flow(std::string route, std::string vehicle_class, std::string origin,
                              results::figure f, results::statistic s) {
  metric_name m;
  m.kind = element_kind::flow;
  m.route = std::move(route);
  m.vehicle_class = std::move(vehicle_class);
  m.origin = std::move(origin);
  m.figure = f;
  m.statistic = s;
  return m;
}

metric_name metric_name::rail(results::figure f) {
  metric_name m = crossing(f);
  m.kind = element_kind::rail;
  return m;
}

metric_name metric_name::rail_direction(std::string from, std::string to, results::figure f) {
  metric_name m = crossing(f);
  m.kind = element_kind::rail_direction;
  m.from = std::move(from);
  m.to = std::move(to);
  return m;
}

metric_name metric_name::rail_flow(std::string route, std::string kind, results::figure f,
                                   results::statistic s) {
  metric_name m;
  m.kind = element_kind::rail_flow;
  m.route = std::move(route);
  m.vehicle_class = std::move(kind);
  m.figure = f;
  m.statistic = s;
  return m;
}

metric_unit unit_of(figure f) {
  for (const auto& s : grammar())
    if (s.figure == f) return s.unit;
  return metric_unit::count;
}

metric_unit metric_name::unit() const {
  const auto* spec = find_spec(kind, figure, hour.has_value());
  return spec ? spec->unit : unit_of(figure);
}

std::optional<figure> parse_figure(std::string_view word) {
  return figure_of(word);
}

std::string_view to_string(figure f) {
  for (const auto& [x, w] : figure_words)
    if (x == f) return w;
  return "?";
}

std::string_view to_string(statistic s) {
  for (const auto& [x, w] : statistic_words)
    if (x == s) return w;
  return "";
}

std::string figure_part(const metric_name& m) {
  std::string out;
  if (m.hour) {
    const int h = *m.hour;
    out = "hourly.";
    out += to_string(m.figure);
    out += '.';
    out += static_cast<char>('0' + h / 10 % 10);
    out += static_cast<char>('0' + h % 10);
    return out;
  }
  out = to_string(m.figure);
  if (m.statistic != statistic::none) {
    out += '.';
    out += to_string(m.statistic);
  }
  return out;
}

std::string to_string(const metric_name& m) {
  std::string prefix;
  switch (m.kind) {
    case element_kind::crossing: return figure_part(m);
    case element_kind::all_modes: prefix = "all_modes"; break;
    case element_kind::stage: prefix = "stage." + m.id; break;
    case element_kind::holding: prefix = "holding." + m.id; break;
    case element_kind::yard: prefix = "yard." + m.id; break;
    case element_kind::stage_class: prefix = "stage_class." + m.id + "." + m.vehicle_class; break;
    case element_kind::yard_class: prefix = "yard_class." + m.id + "." + m.vehicle_class; break;
    case element_kind::flow:
      prefix = "flow." + m.route + "." + m.vehicle_class + "." + m.origin;
      break;
    case element_kind::rail: prefix = "rail"; break;
    case element_kind::rail_direction: prefix = "rail." + m.from + "_to_" + m.to; break;
    case element_kind::rail_station: prefix = "rail.station." + m.id; break;
    case element_kind::rail_bridge: prefix = "rail.bridge." + m.id; break;
    case element_kind::rail_gauge: prefix = "rail.gauge." + m.id; break;
    case element_kind::rail_flow: prefix = "rail.flow." + m.route + "." + m.vehicle_class; break;
  }
  return prefix + "." + figure_part(m);
}

std::optional<metric_name> parse_metric_name(std::string_view name) {
  const auto parts = split(name);
  const std::size_t n = parts.size();
  if (n == 1) return lone_figure(element_kind::crossing, parts[0]);
  const auto head = parts[0];
  if (head == "all_modes")
    return n == 2 ? lone_figure(element_kind::all_modes, parts[1]) : std::nullopt;

  // <kind>.<id>.<figure…>: the id is whatever lies between, dots and all; it is not empty.
  auto element = [&](element_kind kind, std::size_t first) -> std::optional<metric_name> {
    auto tail = figure_at_end(kind, parts, first);
    if (!tail || n - tail->first <= first) return std::nullopt;
    auto m = std::move(tail->second);
    m.id = join(parts, first, n - tail->first);
    if (m.id.empty()) return std::nullopt;
    return m;
  };
  if (head == "stage") return element(element_kind::stage, 1);
  if (head == "holding") return element(element_kind::holding, 1);
  if (head == "yard") return element(element_kind::yard, 1);
  if (head == "stage_class" || head == "yard_class") {
    // <head>.<element>.<class>.<figure…>: the element first, the class the rest.
    const auto kind = head == "stage_class" ? element_kind::stage_class : element_kind::yard_class;
    auto tail = figure_at_end(kind, parts, 3);
    if (!tail || tail->second.hour || n - tail->first < 3) return std::nullopt;
    auto m = std::move(tail->second);
    m.id = std::string(parts[1]);
    m.vehicle_class = join(parts, 2, n - tail->first);
    if (m.id.empty() || m.vehicle_class.empty()) return std::nullopt;
    return m;
  }
  if (head == "flow") {
    // flow.<route>.<class>.<origin>.<figure…>: route first, origin last, the class between.
    auto tail = figure_at_end(element_kind::flow, parts, 4);
    if (!tail || tail->second.hour || n - tail->first < 4) return std::nullopt;
    const std::size_t end = n - tail->first;  // one past the origin
    auto m = std::move(tail->second);
    m.route = std::string(parts[1]);
    m.vehicle_class = join(parts, 2, end - 1);
    m.origin = std::string(parts[end - 1]);
    if (m.route.empty() || m.vehicle_class.empty()) return std::nullopt;
    return m;
  }
  if (head != "rail") return std::nullopt;
  if (n == 2) return lone_figure(element_kind::rail, parts[1]);
  const auto sub = parts[1];
  if (sub == "station") return element(element_kind::rail_station, 2);
  if (sub == "bridge") return element(element_kind::rail_bridge, 2);
  if (sub == "gauge") return element(element_kind::rail_gauge, 2);
  if (sub == "flow") {
    // rail.flow.<rail route>.<kind>.<figure…>
    auto tail = figure_at_end(element_kind::rail_flow, parts, 4);
    if (!tail || tail->second.hour || n - tail->first < 4) return std::nullopt;
    auto m = std::move(tail->second);
    m.route = std::string(parts[2]);
    m.vehicle_class = join(parts, 3, n - tail->first);
    if (m.route.empty() || m.vehicle_class.empty()) return std::nullopt;
    return m;
  }
  // rail.<from>_to_<to>.<figure>
  auto direction = element(element_kind::rail_direction, 1);
  if (!direction) return std::nullopt;
  const std::string text = std::move(direction->id);
  direction->id.clear();
  const auto cut = text.find("_to_");
  if (cut == std::string::npos || cut == 0 || cut + 4 == text.size()) return std::nullopt;
  direction->from = text.substr(0, cut);
  direction->to = text.substr(cut + 4);
  return direction;
}

const std::vector<figure>& hourly_series(element_kind kind) {
  static const auto by_kind = [] {
    std::vector<std::pair<element_kind, std::vector<figure>>> out;
    for (const auto& s : grammar()) {
      if (!s.hourly) continue;
      auto it =
          std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == s.kind; });
      if (it != out.end()) {
        it->second.push_back(s.figure);
      } else {
        out.emplace_back(s.kind, std::vector<figure>{s.figure});
      }
    }
    return out;
  }();
  static const std::vector<figure> none;
  for (const auto& [k, series] : by_kind)
    if (k == kind) return series;
  return none;
}

}  // namespace tumen::results
