// A sample of a trace for the report's animation (see tumen/output/report.hpp, trace_sample):
// whole vehicles in order of their first queue join, up to a number of days and of visits, in
// compact columns (indices into name lists, times in whole tenths of a second); the trains of a
// rail line, numbered apart from road trips, sampled over the same window.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tumen/output/report.hpp"

namespace tumen::output {

using json = nlohmann::json;

namespace {

// The trains of a trace (mode "rail") still running at `from` or after, that began before
// `until`, in columns like the road's:
// indices into name lists, queue_join in whole tenths of a second from the run's start, wait
// and service as durations in tenths. Null when there are none.
json rail_trace_json(const std::vector<trace_row>& rail, double from, double until) {
  if (rail.empty()) return nullptr;
  std::map<std::uint64_t, double> first, last;
  for (const auto& r : rail) {
    auto [it, added] = first.try_emplace(r.vehicle, r.queue_join);
    if (!added) it->second = std::min(it->second, r.queue_join);
    auto [jt, added_last] = last.try_emplace(r.vehicle, r.service_end);
    if (!added_last) jt->second = std::max(jt->second, r.service_end);
  }
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < rail.size(); ++i)
    if (first.at(rail[i].vehicle) < until && last.at(rail[i].vehicle) >= from) kept.push_back(i);
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
    double first, last;
    std::uint64_t id;
    const std::vector<std::size_t>* visits;
  };
  std::vector<vehicle> vehicles;
  vehicles.reserve(by_vehicle.size());
  double trace_end = 0;
  for (const auto& [id, idx] : by_vehicle) {
    double first = rows[idx.front()].queue_join, last = rows[idx.front()].service_end;
    for (auto i : idx) {
      first = std::min(first, rows[i].queue_join);
      last = std::max(last, rows[i].service_end);
    }
    trace_end = std::max(trace_end, last);
    vehicles.push_back({first, last, id, &idx});
  }
  // The window starts at `from`, unless the trace ends before it.
  const double from = trace_end > limits.from ? limits.from : 0;
  std::sort(vehicles.begin(), vehicles.end(), [](const vehicle& a, const vehicle& b) {
    return a.first != b.first ? a.first < b.first : a.id < b.id;
  });
  const double cutoff = from + limits.days * 86400.0;
  std::vector<std::size_t> kept;
  std::size_t kept_vehicles = 0;
  double window_end = 0;
  bool cut = false;  // vehicles were left out at the window's end
  for (const auto& v : vehicles) {
    if (v.last < from) continue;  // gone before the window
    if (v.first >= cutoff || kept.size() + v.visits->size() > limits.max_visits) {
      cut = true;
      window_end = std::min(cutoff, v.first);
      break;
    }
    kept.insert(kept.end(), v.visits->begin(), v.visits->end());
    ++kept_vehicles;
  }
  if (!cut) window_end = trace_end;
  const bool truncated = cut || from > 0;

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
          {"window_start", from},
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
  const double from = out["window_start"].get<double>();
  const double until =
      out["truncated"].get<bool>() ? out["window_end"].get<double>() : from + limits.days * 86400.0;
  out["rail"] = rail_trace_json(rail, from, until);
  return out;
}

}  // namespace tumen::output
