// `tumen staff [SCENARIO] --stage ID --target "wait_mean <= 20 min"`: the fewest open lanes of
// one stage in each hour of the day that meet the target hour by hour (see
// tumen/experiment/staffing_search.hpp for the rules), as a 24-row table and an override that
// applies the schedule.
//
// A schedule that cannot meet the target in some hours, even with every lane open, is an
// answer, not a failure: those hours are named and the exit status is 0 ("met": false in --json).
#include <fmt/format.h>
#include <unistd.h>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "decision_support.hpp"
#include "interruption.hpp"
#include "output_paths.hpp"
#include "progress.hpp"
#include "results_store.hpp"
#include "scenario_source.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/metrics.hpp"
#include "tumen/experiment/staffing_search.hpp"
#include "tumen/output/text_columns.hpp"

namespace tumen::app {

namespace {

struct staff_args : decision_options {
  std::string stage;
  std::optional<int> group;
  int max_evaluations = 200;
};

std::string hours_list(const std::vector<int>& hours) {
  std::string out;
  for (const int h : hours) out += fmt::format("{}{:02}", out.empty() ? "" : ", ", h);
  return out;
}

std::string lanes_text(const experiment::hourly_lanes& lanes) {
  std::string out;
  for (const int n : lanes) out += std::to_string(n);
  return out;
}

std::string result_text(const scenario::scenario& sc, const staff_args& a,
                        const std::vector<experiment::target>& targets,
                        const experiment::staffing_result& r, const std::string& how) {
  const auto& st = sc.stages[static_cast<std::size_t>(*sc.find_stage(r.stage))];
  std::vector<const experiment::target*> hourly, overall;
  for (std::size_t i = 0; i < targets.size() && i < r.metrics.size(); ++i)
    (r.metrics[i].hourly ? hourly : overall).push_back(&targets[i]);
  std::string out = fmt::format("{}: staffing of {} ({})\n", sc.name, r.stage, st.name);
  out += st.lanes.size() == 1
             ? fmt::format("{} lane{}, 0 to {} open in each hour\n", r.group_lanes,
                           r.group_lanes == 1 ? "" : "s", r.group_lanes)
             : fmt::format(
                   "lane group {} of {}: {} lane{}, 0 to {} open in each hour; the other "
                   "groups keep their lanes\n",
                   r.group, st.lanes.size(), r.group_lanes, r.group_lanes == 1 ? "" : "s",
                   r.group_lanes);
  out += fmt::format(
      "{} replications per schedule, {} schedules simulated (common random numbers, {})\n"
      "A target is met when the whole 95% interval of its mean is below the bound (\"high\" is "
      "that end).\n\n",
      a.replications, r.history.size(), how);

  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head = {"hour", "lanes"};
  for (std::size_t i = 0; i < hourly.size(); ++i) {
    head.push_back(hourly[i]->text);
    head.push_back("high");
  }
  head.push_back("met");
  if (!hourly.empty()) head.push_back("all lanes open");
  rows.push_back(head);
  std::vector<int> pinned;
  for (const auto& h : r.final_point.hours) {
    std::vector<std::string> row = {fmt::format("{:02}", h.hour)};
    if (!h.open) {
      row.push_back("closed");
      rows.push_back(std::move(row));
      continue;
    }
    row.push_back(std::to_string(h.lanes));
    for (const auto& o : h.targets) {
      row.push_back(output::format_interval(o.estimate));
      row.push_back(value_text(o.estimate.name, o.compared));
    }
    row.push_back(h.met ? "yes" : "NO");
    if (!h.targets.empty())
      row.push_back(output::format_interval(
          r.all_open.hours[static_cast<std::size_t>(h.hour)].targets[0].estimate));
    if (!r.all_open.hours[static_cast<std::size_t>(h.hour)].met) pinned.push_back(h.hour);
    rows.push_back(std::move(row));
  }
  out += output::aligned(rows);
  std::vector<std::string> unreachable;
  for (std::size_t i = 0; i < overall.size() && i < r.final_point.overall.size(); ++i) {
    const auto& o = r.final_point.overall[i];
    const auto& open = r.all_open.overall[i];
    out += fmt::format("\nWhole run: {} ({}): {}, high {}: {}; with every lane open: {}",
                       overall[i]->text, o.metric, output::format_interval(o.estimate),
                       value_text(o.metric, o.compared), o.met ? "met" : "NOT met",
                       output::format_interval(open.estimate));
    if (!open.met) unreachable.push_back(overall[i]->text);
  }
  if (!overall.empty()) out += "\n";

  const double saved = r.all_open_lane_hours - r.lane_hours;
  out += fmt::format("\nLane-hours a day: {:.0f} of {:.0f} with every lane open in the open hours",
                     r.lane_hours, r.all_open_lane_hours);
  out += r.all_open_lane_hours > 0 ? fmt::format(" ({:.0f} fewer, {:.0f}%).\n", saved,
                                                 100 * saved / r.all_open_lane_hours)
                                   : ".\n";
  if (r.met) {
    out += "Every target is met in every open hour.\n";
  } else {
    if (!pinned.empty())
      out += fmt::format(
          "Hours {} fail even with every lane open: this group's lanes alone cannot "
          "meet the target there; they keep every lane.\n",
          hours_list(pinned));
    for (const auto& t : unreachable)
      out += fmt::format(
          "\"{}\" fails even with every lane open, so it did not steer the search.\n", t);
    if (r.exhausted)
      out += "The search ran out of lanes (or evaluations) before every other hour passed.\n";
    if (r.all_open.saturation.fails())
      out += fmt::format("Even with every lane open, no schedule can meet the targets: {}.\n",
                         experiment::describe(r.all_open.saturation));
    if (r.final_point.saturation.fails())
      out += fmt::format("The schedule found is not met: {}.\n",
                         experiment::describe(r.final_point.saturation));
  }
  out += fmt::format("\nThe schedule as an override:\n  --set '{}={}'\n", r.schedule.path,
                     r.schedule.value);
  return out;
}

nlohmann::json evaluation_json(const experiment::staffing_evaluation& e) {
  nlohmann::json j = {{"phase", e.phase},
                      {"lanes", e.lanes},
                      {"met", e.met},
                      {"accepted", e.accepted},
                      {"saturated", e.saturated},
                      {"saturation", saturation_json(e.saturation)}};
  j["hours"] = nlohmann::json::array();
  for (const auto& h : e.hours) {
    nlohmann::json hj = {{"hour", h.hour}, {"open", h.open}, {"lanes", h.lanes}, {"met", h.met}};
    hj["targets"] = nlohmann::json::array();
    for (const auto& o : h.targets) hj["targets"].push_back(outcome_json(o));
    j["hours"].push_back(std::move(hj));
  }
  j["overall"] = nlohmann::json::array();
  for (const auto& o : e.overall) j["overall"].push_back(outcome_json(o));
  return j;
}

nlohmann::json result_json(const scenario::scenario& sc, const scenario_text& source,
                           const staff_args& a, const std::vector<experiment::target>& targets,
                           const experiment::staffing_result& r, const output::db_sink* record) {
  auto j = search_json("staff", sc, source, a, targets);
  j["stage"] = r.stage;
  j["group"] = r.group;
  j["group_lanes"] = r.group_lanes;
  j["target_metrics"] = nlohmann::json::array();
  for (const auto& m : r.metrics)
    j["target_metrics"].push_back(
        {{"metric", m.hourly ? m.metric + ".<HH>" : m.metric}, {"hourly", m.hourly}});
  j["met"] = r.met;
  j["exhausted"] = r.exhausted;
  j["lanes"] = r.lanes;
  j["lane_hours_per_day"] = r.lane_hours;
  j["all_open_lane_hours_per_day"] = r.all_open_lane_hours;
  j["override"] = {{"path", r.schedule.path}, {"value", r.schedule.value}};
  j["final"] = evaluation_json(r.final_point);
  j["all_open"] = evaluation_json(r.all_open);
  j["history"] = nlohmann::json::array();
  for (const auto& e : r.history) j["history"].push_back(evaluation_json(e));
  add_record_json(j, record);
  return j;
}

int staff(const staff_args& a) {
  const auto input = read_decision_input(a);
  check_study_paths({a.scenario}, a.no_db ? std::nullopt : std::optional(a.db), a.json);
  const auto& source = input.source;
  const auto& sc = input.model;
  const auto& targets = input.targets;

  const std::uint64_t seed = a.seed.value_or(sc.run.seed);
  std::string design = fmt::format("staff stage={} group={} replications={}", a.stage,
                                   a.group ? std::to_string(*a.group) : "auto", a.replications) +
                       memory_budget_design(a.memory_budget_mb);
  std::vector<std::pair<std::string, std::string>> own = {{"stage", a.stage}};
  if (a.group) own.emplace_back("group", std::to_string(*a.group));
  const auto record = decision_record(
      a.no_db, a.db,
      decision_attributes("staff", input, seed, std::move(design), a.replications, std::move(own)));
  experiment::point_recorder rec(record.get());

  experiment::scenario_input in{source.text, source.source_name, input.overrides, a.variant};
  auto ex = experiment::make_executor(a.jobs);
  const bool chatty = !a.quiet && ::isatty(2);
  std::optional<progress> bar;
  int point = 0;
  const std::string own_hourly = "stage." + a.stage + ".hourly.";
  experiment::staffing_options o;
  o.stage = a.stage;
  o.group = a.group;
  o.replications = a.replications;
  o.max_evaluations = a.max_evaluations;
  o.replication.seed = seed;
  o.replication.stop = stop_flag();
  o.replication.memory_budget = memory_budget_bytes(a.memory_budget_mb);
  o.on_replication = [&](std::size_t k, const results::replication_result& r) {
    if (!bar) bar.emplace(a.replications, "replications", a.quiet);
    bar->step();
    if (!rec.enabled()) return;
    results::named_scalars kept;
    for (auto& [name, v] : experiment::scalars(r, true))
      if (name.find(".hourly.") == std::string::npos || name.rfind(own_hourly, 0) == 0)
        kept.emplace_back(std::move(name), v);
    rec.replication(k, seed, std::move(kept));
  };
  o.on_evaluation = [&](const experiment::staffing_evaluation& e) {
    bar.reset();
    rec.point(point++, {{e.schedule.path, e.schedule.value}});
    if (chatty) {
      std::size_t failing = 0;
      for (const auto& h : e.hours) failing += h.met ? 0 : 1;
      std::fprintf(
          stderr, "tumen: %-8s lanes %s: %s\n", e.phase.c_str(), lanes_text(e.lanes).c_str(),
          e.met ? "met" : fmt::format("{} hour{} fail", failing, failing == 1 ? "" : "s").c_str());
    }
  };
  const auto r = experiment::find_staffing(in, targets, *ex, o);
  return finish_search(
      a, record.get(), *ex,
      {{"staff.override", r.schedule.path + "=" + r.schedule.value},
       {"staff.met", r.met ? "true" : "false"}},
      [&](const std::string& how) { return result_text(sc, a, targets, r, how); },
      [&] { return result_json(sc, source, a, targets, r, record.get()); });
}

}  // namespace

command add_staff_command(CLI::App& app) {
  auto a = std::make_shared<staff_args>();
  auto* cmd = app.add_subcommand(
      "staff", "Find the fewest open lanes of a stage, hour by hour, that meet a waiting target");
  cmd->footer(
      "\nTargets cap a figure of the stage from above: wait_mean, queue_mean and utilisation are\n"
      "held hour by hour (stage.<id>.hourly.<series>.<HH>: wait_mean is the mean wait of the\n"
      "vehicles that joined in that hour); p95_wait and wait.<stat> are whole-run figures of the\n"
      "stage (there are no hourly quantiles). A stage with several lane groups needs --group N\n"
      "(its position in `lanes`, from 0). Hours the stage is closed are not assessed. Each\n"
      "schedule runs the same replications; a target is met when the whole 95% interval is\n"
      "below the bound. Exit status 0 also when some hours cannot meet the target.\n\n"
      "Examples:\n"
      "  tumen staff --stage ru_exit_customs --target \"wait_mean <= 20 min\" -r 10 -j 4\n"
      "  tumen staff --stage ru_exit_passport --group 0 --target \"wait_mean <= 30 min\"");
  cmd->add_option("scenario", a->scenario,
                  "scenario file or built-in name (default: khasan-tumangang)");
  cmd->add_option("--stage", a->stage, "the stage to staff")->required();
  cmd->add_option("--group", a->group,
                  "lane group of the stage, from 0 (needed with several groups)")
      ->check(CLI::Range(0, 1000));
  add_search_options(cmd, *a, "a target METRIC OP VALUE [UNIT], OP <= or < (repeatable)",
                     "replications per schedule (at least 2; default 10)");
  cmd->add_option("--max-evaluations", a->max_evaluations,
                  "most schedules to simulate (default 200)");
  add_run_options(cmd, *a);
  return [a] { return staff(*a); };
}

}  // namespace tumen::app
