// Small queries on the validated scenario (see tumen/scenario/scenario.hpp).
#include "tumen/scenario/scenario.hpp"

#include <algorithm>
#include <stdexcept>

namespace tumen::scenario {

weekly_hours weekly_hours::always() {
  weekly_hours h;
  for (auto& day : h.by_weekday) day = {time_interval{0, tumen::days}};
  return h;
}

bool weekly_hours::always_open() const {
  return std::all_of(by_weekday.begin(), by_weekday.end(), [](const auto& day) {
    return day.size() == 1 && day.front().from <= 0 && day.front().to >= tumen::days;
  });
}

bool weekly_hours::is_open(int weekday, sim_time time_of_day) const {
  const auto& day = by_weekday.at(static_cast<std::size_t>(weekday));
  return std::any_of(day.begin(), day.end(), [&](const time_interval& i) {
    return i.from <= time_of_day && time_of_day < i.to;
  });
}

std::optional<sim_time> weekly_hours::next_change(int weekday, sim_time time_of_day) const {
  for (const auto& i : by_weekday.at(static_cast<std::size_t>(weekday))) {
    if (i.from > time_of_day) return i.from;
    if (i.to > time_of_day && i.to < tumen::days) return i.to;
  }
  return std::nullopt;
}

int lane_schedule::open_at(sim_time time_of_day, int all) const {
  for (const auto& s : steps)
    if (s.from <= time_of_day && time_of_day < s.to) return s.lanes;
  return all;
}

bool lane_group::serves(int vehicle_class) const {
  return classes.empty() ||
         std::find(classes.begin(), classes.end(), vehicle_class) != classes.end();
}

bool service_scale::varies() const {
  const auto one = [](double x) { return x == 1.0; };
  return !std::all_of(by_hour.begin(), by_hour.end(), one) ||
         !std::all_of(by_weekday.begin(), by_weekday.end(), one);
}

double service_scale::mean_at(int hour) const {
  double sum = 0;
  for (const double w : by_weekday) sum += w;
  return by_hour[static_cast<std::size_t>(hour)] * sum / 7.0;
}

int stage::total_lanes() const {
  int n = 0;
  for (const auto& g : lanes) n += g.count;
  return n;
}

double demand::per_day() const {
  double sum = 0;
  for (double x : per_hour) sum += x;
  return sum;
}

namespace {
template <class T>
std::optional<int> find_in(const std::vector<T>& items, std::string_view id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return std::nullopt;
}
}  // namespace

std::optional<int> scenario::find_side(std::string_view id) const {
  return find_in(sides, id);
}
std::optional<int> scenario::find_class(std::string_view id) const {
  return find_in(classes, id);
}
std::optional<int> scenario::find_link(std::string_view id) const {
  return find_in(links, id);
}
std::optional<int> scenario::find_holding(std::string_view id) const {
  return find_in(holding, id);
}
std::optional<int> scenario::find_stage(std::string_view id) const {
  return find_in(stages, id);
}
std::optional<int> scenario::find_yard(std::string_view id) const {
  return find_in(yards, id);
}
std::optional<int> scenario::find_route(std::string_view id) const {
  return find_in(routes, id);
}

std::optional<element_ref> scenario::find_element(std::string_view id) const {
  if (auto i = find_link(id)) return element_ref{element_kind::link, *i};
  if (auto i = find_holding(id)) return element_ref{element_kind::holding, *i};
  if (auto i = find_stage(id)) return element_ref{element_kind::stage, *i};
  if (auto i = find_yard(id)) return element_ref{element_kind::yard, *i};
  return std::nullopt;
}

const std::string& scenario::element_id(element_ref e) const {
  const auto i = static_cast<std::size_t>(e.index);
  switch (e.kind) {
    case element_kind::link: return links.at(i).id;
    case element_kind::holding: return holding.at(i).id;
    case element_kind::stage: return stages.at(i).id;
    case element_kind::yard: return yards.at(i).id;
  }
  throw std::out_of_range("element_ref with an unknown kind");
}

const std::string& scenario::rail_element_id(rail_element_ref e) const {
  const auto i = static_cast<std::size_t>(e.index);
  switch (e.kind) {
    case rail_element_kind::station: return rail_stations.at(i).id;
    case rail_element_kind::bridge: return rail_bridges.at(i).id;
    case rail_element_kind::gauge_change: return gauge_changes.at(i).id;
  }
  throw std::out_of_range("rail_element_ref with an unknown kind");
}

double train_service::expected(int weekday) const {
  const auto w = static_cast<std::size_t>(weekday);
  if (!runs_on[w]) return 0;
  if (per_day) return *per_day * weekday_factor[w];
  return static_cast<double>(timetable.size());
}

}  // namespace tumen::scenario
