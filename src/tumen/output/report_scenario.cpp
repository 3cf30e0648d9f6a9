// Reading a stored run's scenario once for its report (see tumen/output/report_scenario.hpp).
#include "tumen/output/report_scenario.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tumen/base/error.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::output {

namespace {

constexpr const char* demand_scale_key = "run.demand_scale";

// The scale of a capacity search's point: its one variable, run.demand_scale, a plain number as
// the search wrote it. Anything else is read with the point's variables like any point.
std::optional<double> scaled_point(const report_point& p) {
  if (p.variables.size() != 1 || p.variables[0].first != demand_scale_key) return std::nullopt;
  const std::string& text = p.variables[0].second;
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(x) || x < 0)
    return std::nullopt;
  return x;
}

// The stored scenario with the run's overrides and `variables`; the model, or why not.
struct read_result {
  std::optional<scenario::scenario> model;
  std::string problem;
};
read_result read_stored(const report_input& in,
                        const std::vector<std::pair<std::string, std::string>>& variables) {
  read_result out;
  try {
    std::vector<scenario::override_spec> overrides;
    for (const auto& o : in.overrides) overrides.push_back(scenario::parse_override(o));
    for (const auto& [k, v] : variables) overrides.push_back({k, v});
    auto reading = scenario::read(in.attributes.scenario_text, in.attributes.scenario_source,
                                  overrides, in.variant);
    if (reading.model)
      out.model = std::move(reading.model);
    else
      out.problem = "the stored scenario no longer reads: " + reading.problems.to_string();
  } catch (const std::exception& e) {
    out.problem = std::string("the stored scenario no longer reads: ") + e.what();
  }
  return out;
}

}  // namespace

void read_report_scenario(report_input& in, int point) {
  if (in.attributes.scenario_text.empty()) return;
  const auto chosen = std::find_if(in.points.begin(), in.points.end(),
                                   [&](const report_point& p) { return p.point == point; });
  if (chosen == in.points.end()) return;
  const auto& variables = chosen->variables;
  in.model.reset();
  in.scenario_problem.clear();
  in.base_demand_scale = 1;

  // A capacity search's answer is relative to the scenario's own scale: read it without the
  // point's variables. Its point is then that scenario with the point's scale set, as the search
  // made it; other variables need a read of their own.
  std::optional<read_result> own;
  if (in.capacity && !variables.empty()) own = read_stored(in, {});
  if (own && own->model) {
    in.base_demand_scale = own->model->run.demand_scale;
    if (const auto scale = scaled_point(*chosen)) {
      in.model = std::move(own->model);
      in.model->run.demand_scale = *scale;
      in.model->overrides.push_back(std::string(demand_scale_key) + "=" + variables[0].second);
      return;
    }
  }

  auto at_point = read_stored(in, variables);
  in.model = std::move(at_point.model);
  in.scenario_problem = std::move(at_point.problem);
  if (in.capacity && variables.empty() && in.model)
    in.base_demand_scale = in.model->run.demand_scale;
}

void check_report_trace(const report_input& in) {
  if (!in.model || in.trace.empty()) return;
  const auto& sc = *in.model;
  auto has = [](const auto& items, const std::string& id) {
    return std::any_of(items.begin(), items.end(), [&](const auto& x) { return x.id == id; });
  };
  for (std::size_t i = 0; i < in.trace.size(); ++i) {
    const auto& r = in.trace[i];
    const bool rail = r.mode == "rail";
    const bool element = rail ? has(sc.rail_stations, r.stage) || has(sc.rail_bridges, r.stage) ||
                                    has(sc.gauge_changes, r.stage)
                              : has(sc.stages, r.stage) || has(sc.yards, r.stage);
    const bool kind =
        rail ? has(sc.train_kinds, r.vehicle_class) : has(sc.classes, r.vehicle_class);
    if (element && kind) continue;
    throw tumen::input_error(
        "--trace",
        fmt::format("{}: row {} names {} '{}', which the run's scenario '{}' does not have: the "
                    "trace is of another scenario",
                    in.trace_source, i + 2,
                    !element ? (rail ? "the rail element" : "the stage or yard")
                             : (rail ? "the train kind" : "the class"),
                    !element ? r.stage : r.vehicle_class, sc.name),
        "a trace written by `tumen run --trace` of the same scenario");
  }
}

}  // namespace tumen::output
