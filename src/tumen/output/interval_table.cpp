// Tables of across-replication figures (see tumen/output/interval_table.hpp).
#include "tumen/output/interval_table.hpp"

#include <fmt/format.h>
#include <cmath>
#include <map>

#include "tumen/output/format.hpp"
#include "tumen/results/metric_name.hpp"
#include "tumen/results/metric_units.hpp"

namespace tumen::output {

namespace {
std::string value(const std::string& name, double v) {
  return results::is_duration_metric(name) ? format_duration(v) : format_number(v);
}
std::string hw(const std::string& name, double h) {
  if (!std::isfinite(h)) return "± ∞";
  return "± " + value(name, h);
}
}  // namespace

std::string format_interval(const results::interval_row& r) {
  return value(r.name, r.mean) + " " + hw(r.name, r.half_width);
}

std::string replications_text(const scenario::scenario& sc,
                              const std::vector<results::interval_row>& rows,
                              std::size_t replications) {
  std::map<std::string, const results::interval_row*> by;
  for (const auto& r : rows) by[r.name] = &r;
  auto cell = [&](const results::metric_name& m) -> std::string {
    auto it = by.find(results::to_string(m));
    return it == by.end() ? "-" : format_interval(*it->second);
  };
  using results::figure;
  using results::metric_name;
  using results::statistic;
  std::string out = fmt::format("{}\n{} replications · mean ± 95% half-width (Student t)\n",
                                sc.name, replications);
  // The verdicts first: the share of replications in which each element was saturated or held
  // only by losing vehicles (docs/modelling-assumptions.md, "Verdicts").
  auto share_of = [&](const metric_name& m) {
    auto it = by.find(results::to_string(m));
    return it == by.end() ? 0.0 : it->second->mean;
  };
  std::string verdicts;
  auto element_lines = [&](results::element_kind kind, const std::string& id,
                           const std::string& word) {
    const double sat = share_of(metric_name::element(kind, id, figure::saturated));
    if (sat > 0)
      verdicts += fmt::format(
          "SATURATED in {:.0f}% of replications: {} {} (backlog growth {} a "
          "day)\n",
          100 * sat, word, id, cell(metric_name::element(kind, id, figure::growth_per_day)));
    const double losing = share_of(metric_name::element(kind, id, figure::stable_by_losing));
    if (losing > 0)
      verdicts += fmt::format(
          "STABLE ONLY BY LOSING VEHICLES in {:.0f}% of replications: {} {} ({} of arrivals "
          "lost)\n",
          100 * losing, word, id, cell(metric_name::element(kind, id, figure::lost_share)));
  };
  for (const auto& s : sc.stages) element_lines(results::element_kind::stage, s.id, "stage");
  for (const auto& h : sc.holding) element_lines(results::element_kind::holding, h.id, "holding");
  for (const auto& y : sc.yards) element_lines(results::element_kind::yard, y.id, "yard");
  out += verdicts.empty()
             ? "Verdict: stable in every replication (no backlog grew; none kept up only by "
               "losing vehicles)\n"
             : verdicts;
  if (const double early = share_of(metric_name::crossing(figure::stopped_early)); early > 0)
    out += fmt::format(
        "{:.0f}% of replications stopped early (verdict certain, memory budget or "
        "run.max_vehicles_inside)\n",
        100 * early);
  out += "\n";
  const bool saturated = share_of(metric_name::crossing(figure::saturated)) > 0;
  out += fmt::format("Cleared per day       {:>22} {:>10}\n", "simulated", "design");
  if (saturated)
    out += "  (saturated: what was cleared while a backlog grew, not a share of the design)\n";
  auto design = [](const std::optional<double>& d) { return d ? format_number(*d) : "-"; };
  out += fmt::format("  vehicles            {:>22} {:>10}\n",
                     cell(metric_name::crossing(figure::vehicles_per_day)),
                     design(sc.design.vehicles_per_day));
  out += fmt::format("  persons             {:>22} {:>10}\n",
                     cell(metric_name::crossing(figure::persons_per_day)),
                     design(sc.design.persons_per_day));
  out += fmt::format("  tonnes              {:>22} {:>10}\n\n",
                     cell(metric_name::crossing(figure::tonnes_per_day)),
                     design(sc.design.tonnes_per_day));
  out += fmt::format("Stages               {:>22} {:>22} {:>18} {:>16}\n", "wait*: mean",
                     "served: p95", "queue mean", "utilisation");
  for (const auto& s : sc.stages) {
    out += fmt::format("  {:<19} {:>22} {:>22} {:>18} {:>16}\n", s.id,
                       cell(metric_name::stage(s.id, figure::wait_with_unserved, statistic::mean)),
                       cell(metric_name::stage(s.id, figure::wait, statistic::p95)),
                       cell(metric_name::stage(s.id, figure::queue_mean)),
                       cell(metric_name::stage(s.id, figure::utilisation)));
  }
  if (!sc.yards.empty()) {
    out += fmt::format("\nYards                {:>22} {:>22} {:>18} {:>16}\n", "wait: mean", "p95",
                       "transfers", "utilisation");
    for (const auto& y : sc.yards) {
      out += fmt::format("  {:<19} {:>22} {:>22} {:>18} {:>16}\n", y.id,
                         cell(metric_name::yard(y.id, figure::wait, statistic::mean)),
                         cell(metric_name::yard(y.id, figure::wait, statistic::p95)),
                         cell(metric_name::yard(y.id, figure::transfers)),
                         cell(metric_name::yard(y.id, figure::utilisation)));
    }
  }
  out +=
      "  wait*: everyone who queued, those still waiting at the end with their wait so far (a "
      "lower bound)\n";
  return out;
}

std::string differences_text(const std::vector<results::difference_row>& rows,
                             const std::string& label_a, const std::string& label_b,
                             bool only_significant) {
  std::string out = fmt::format("{:<44} {:>12} {:>12} {:>26}\n", "metric", label_a, label_b,
                                "B − A (95% interval)");
  for (const auto& r : rows) {
    if (only_significant && !r.significant()) continue;
    const std::string d = value(r.name, r.mean) + " " + hw(r.name, r.half_width);
    out += fmt::format("{:<44} {:>12} {:>12} {:>26} {}\n", r.name, value(r.name, r.mean_a),
                       value(r.name, r.mean_b), d, r.significant() ? "*" : "");
  }
  out += "* the interval excludes zero: the difference is significant at 95%\n";
  return out;
}

}  // namespace tumen::output
