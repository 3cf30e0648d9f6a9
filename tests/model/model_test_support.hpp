// What the model tests share: reading a scenario written inline as TOML, running it with a trace
// that keeps every stage and yard visit, and small questions about those visits.
//
//   const auto sc = model_test::parse(R"(... TOML ...)", {"run.days=3"});
//   model_test::recorder trace;
//   const auto r = model_test::run(sc, &trace);
//   for (const auto& v : trace.at("booth")) EXPECT_GE(v.service_start, v.queue_join);
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tumen/model/crossing.hpp"
#include "tumen/results/replication_result.hpp"
#include "tumen/results/trace.hpp"
#include "tumen/scenario/builtin.hpp"
#include "tumen/scenario/reader.hpp"

namespace model_test {

// Exact timestamps are compared to this many seconds (they are sums of a few exact numbers).
inline constexpr double exact = 1e-9;

// One visit, with its strings copied (the model's string_views die with the run).
struct visit {
  std::uint64_t vehicle = 0;
  std::string vehicle_class, route, element;
  int lane = -1;
  double queue_join = 0, service_start = 0, service_end = 0;
  std::string outcome;

  double wait() const { return service_start - queue_join; }
  double service() const { return service_end - service_start; }
};

class recorder : public tumen::results::trace_observer {
 public:
  void visit(const tumen::results::visit_record& v) override {
    visits.push_back({v.vehicle, std::string(v.vehicle_class), std::string(v.route),
                      std::string(v.element), v.lane, v.queue_join, v.service_start, v.service_end,
                      std::string(v.outcome)});
  }

  // The visits to one element, in the order they ended.
  std::vector<model_test::visit> at(std::string_view element) const {
    std::vector<model_test::visit> out;
    for (const auto& v : visits)
      if (v.element == element) out.push_back(v);
    return out;
  }
  // The same, sorted by the time service started (ties: by vehicle id).
  std::vector<model_test::visit> by_start(std::string_view element) const {
    auto out = at(element);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.service_start != b.service_start ? a.service_start < b.service_start
                                                : a.vehicle < b.vehicle;
    });
    return out;
  }
  std::size_t count(std::string_view element, std::string_view outcome) const {
    return static_cast<std::size_t>(std::count_if(visits.begin(), visits.end(), [&](const auto& v) {
      return v.element == element && v.outcome == outcome;
    }));
  }

  std::vector<model_test::visit> visits;
};

inline tumen::scenario::scenario parse(std::string_view toml,
                                       const std::vector<std::string>& sets = {},
                                       const std::optional<std::string>& variant = {}) {
  std::vector<tumen::scenario::override_spec> overrides;
  for (const auto& s : sets) overrides.push_back(tumen::scenario::parse_override(s));
  return tumen::scenario::parse(toml, "test.toml", overrides, variant);
}

inline tumen::scenario::scenario builtin(std::string_view name,
                                         const std::vector<std::string>& sets = {},
                                         const std::optional<std::string>& variant = {}) {
  const auto b = tumen::scenario::find_builtin(name);
  if (!b) throw std::invalid_argument("no built-in scenario " + std::string(name));
  std::vector<tumen::scenario::override_spec> overrides;
  for (const auto& s : sets) overrides.push_back(tumen::scenario::parse_override(s));
  return tumen::scenario::parse(b->text, b->file_name(), overrides, variant);
}

inline tumen::results::replication_result run(const tumen::scenario::scenario& sc,
                                              recorder* trace = nullptr,
                                              std::uint64_t replication = 0) {
  tumen::model::run_options options;
  options.trace = trace;
  return tumen::model::run_replication(sc, replication, options);
}

// The figures of the stage, holding area, yard, link or flow with this id; throws if absent.
template <class T>
const T& named(const std::vector<T>& items, std::string_view id) {
  for (const auto& i : items)
    if (i.id == id) return i;
  throw std::invalid_argument("no result for " + std::string(id));
}
inline const tumen::results::flow_result& flow(const tumen::results::replication_result& r,
                                               std::string_view route,
                                               std::string_view vehicle_class,
                                               std::string_view origin = "demand") {
  for (const auto& f : r.flows)
    if (f.route == route && f.vehicle_class == vehicle_class && f.origin == origin) return f;
  throw std::invalid_argument("no flow " + std::string(route) + "/" + std::string(vehicle_class));
}

// Seconds since midnight of a point in the run, and its day (0-based).
inline double time_of_day(double t) {
  return t - std::floor(t / 86400.0) * 86400.0;
}
inline int day_of(double t) {
  return static_cast<int>(std::floor(t / 86400.0));
}

// How many of `visits` are in service at time t (started at or before t, ending after t).
inline int in_service_at(const std::vector<visit>& visits, double t) {
  int n = 0;
  for (const auto& v : visits)
    if (v.outcome != "abandoned" && v.service_start <= t && t < v.service_end) ++n;
  return n;
}

// The first i for which visits[i].queue_join - visits[i - lag].queue_join < gap (less 1e-9), or
// nullopt: with visits sorted by time, whether any lag + 1 in a row came closer than `gap`.
inline std::optional<std::size_t> first_gap_below(const std::vector<visit>& visits, std::size_t lag,
                                                  double gap) {
  for (std::size_t i = lag; i < visits.size(); ++i)
    if (visits[i].queue_join - visits[i - lag].queue_join < gap - exact) return i;
  return std::nullopt;
}

// Distinct vehicles seen in the trace.
inline std::set<std::uint64_t> vehicles(const std::vector<visit>& visits) {
  std::set<std::uint64_t> out;
  for (const auto& v : visits) out.insert(v.vehicle);
  return out;
}

// A flat per-hour profile written as the 24-number array TOML wants, with `n` in hour `hour`.
inline std::string one_hour(int hour, double n) {
  std::string s = "[";
  for (int h = 0; h < 24; ++h) {
    if (h) s += ", ";
    s += h == hour ? std::to_string(n) : std::string("0");
  }
  return s + "]";
}

}  // namespace model_test
