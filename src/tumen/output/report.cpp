// The report document (see tumen/output/report.hpp): stored figures in, one JSON value out.
//
// This file puts the document together for the design point asked for: the run's attributes,
// the scenario as run at that point (read once, before, by read_report_scenario: the stored text
// with the run's overrides and the point's variables; for names, design figures and the layout),
// each point's figures as a
// table, and then the sections, worked out in report_study.cpp (the point's own figures),
// report_sweep.cpp and report_compare.cpp (several points), report_words.cpp (summary and
// warnings) and report_trace_sample.cpp (the animation's sample).
#include "tumen/output/report.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "detail/report_parts.hpp"
#include "detail/report_sections.hpp"
#include "tumen/base/error.hpp"

namespace tumen::output {

namespace {
using detail::metric_table;
using json = nlohmann::json;

// ", one of replications 0–2": the replications a point ran, for naming the one traced.
std::string replications_run(const report_point& p) {
  const auto& n = p.replication_numbers;
  if (n.size() < 2) return {};
  const auto [lo, hi] = std::minmax_element(n.begin(), n.end());
  return fmt::format(", one of replications {}–{}", *lo, *hi);
}
}  // namespace

nlohmann::json report_document(const report_input& in, const report_options& options) {
  if (in.points.empty()) throw tumen::input_error("report", "the run holds no results yet");
  const auto chosen = std::find_if(in.points.begin(), in.points.end(),
                                   [&](const report_point& p) { return p.point == options.point; });
  if (chosen == in.points.end())
    throw tumen::input_error("--point", fmt::format("the run has no point {}", options.point),
                             fmt::format("a point from 0 to {}", in.points.back().point));
  const report_point& point = *chosen;

  // The scenario as run at that point, for names, design figures and the layout.
  const scenario::scenario* sc = in.model ? &*in.model : nullptr;

  std::vector<metric_table> tables;
  tables.reserve(in.points.size());
  for (const auto& p : in.points) tables.emplace_back(p, options.confidence);
  const metric_table& figures = tables[static_cast<std::size_t>(chosen - in.points.begin())];

  json doc;
  doc["format"] = 1;
  doc["generator"] = options.generator;
  const auto& at = in.attributes;
  doc["run"] = {{"id", in.run_id ? json(*in.run_id) : json(nullptr)},
                {"kind", at.kind.empty() ? "run" : at.kind},
                {"status", in.status},
                {"scenario", at.scenario_name},
                {"source", at.scenario_source},
                {"seed", at.seed},
                {"version", at.version},
                {"command_line", at.command_line},
                {"started_at", in.created},
                {"overrides", in.overrides},
                {"variant", in.variant ? json(*in.variant) : json(nullptr)},
                {"points", in.points.size()},
                {"replications", point.replications.size()},
                {"days", sc ? json(sc->run.days) : json(nullptr)},
                {"warmup", sc ? json(sc->run.warmup) : json(nullptr)},
                {"confidence", options.confidence}};
  json vars = json::array();
  for (const auto& [k, v] : point.variables) vars.push_back({k, v});
  doc["point"] = {{"index", point.point}, {"label", point.label}, {"variables", std::move(vars)}};
  doc["scenario"] = sc ? detail::layout_json(*sc) : json(nullptr);
  doc["layout_problem"] = in.scenario_problem;
  doc["headline"] = detail::headline_json(figures, sc);
  doc["throughput"] = detail::throughput_json(figures, sc);
  doc["stages"] = detail::stages_json(figures, sc);
  doc["yards"] = detail::yards_json(figures, sc);
  doc["time_in_system"] = detail::time_in_system_json(figures, sc);
  doc["rail"] = detail::rail_json(figures, sc);

  const std::string& kind = at.kind;
  const bool is_capacity = kind == "capacity" || in.capacity.has_value();
  const bool is_compare = kind == "compare" && in.points.size() >= 2;
  const bool is_calibration = kind == "calibrate" || in.calibration.has_value();
  doc["sweep"] = !is_capacity && !is_compare && !is_calibration && in.points.size() > 1
                     ? detail::sweep_json(in, tables, sc)
                     : json(nullptr);
  doc["capacity"] =
      is_capacity ? detail::capacity_json(in, tables, sc, in.base_demand_scale) : json(nullptr);
  doc["compare"] =
      is_compare ? detail::compare_json(in, tables, options.confidence, sc) : json(nullptr);
  // A calibration's evaluations are not a design to compare: the page shows its fit (the point
  // detailed is, by default, the best evaluation).
  doc["calibration"] = in.calibration ? *in.calibration : json(nullptr);

  auto words = detail::summary_and_warnings(in, sc, figures, point.point);
  // A sweep's other points warn too, each naming its point: a saturated point must not pass
  // unseen because the page details another.
  if (!doc["sweep"].is_null())
    for (std::size_t i = 0; i < in.points.size(); ++i) {
      const auto& p = in.points[i];
      if (p.point == point.point) continue;
      auto other = detail::summary_and_warnings(in, sc, tables[i], p.point);
      for (auto& w : other.warnings) {
        w["point"] = p.point;
        w["text"] = fmt::format("At point {}{}: {}", p.point,
                                p.label.empty() ? std::string() : " (" + p.label + ")",
                                w["text"].get<std::string>());
        words.warnings.push_back(std::move(w));
      }
    }
  doc["summary"] = words.summary;
  doc["warnings"] = std::move(words.warnings);
  auto limits = options.trace;
  if (sc) limits.from = sc->run.warmup;  // replay what the statistics count
  json trace = in.trace.empty() ? json(nullptr) : trace_sample(in.trace, limits);
  if (!trace.is_null()) {
    trace["source"] = in.trace_source;
    trace["replication"] = in.trace_replication ? json(*in.trace_replication) : json(nullptr);
    // The page says where its replay comes from; of a study, which of its replications.
    if (in.trace_replication)
      trace["source"] = fmt::format("{} (replication {}{})", in.trace_source, *in.trace_replication,
                                    replications_run(point));
  }
  doc["trace"] = std::move(trace);
  return doc;
}

}  // namespace tumen::output
