// Greedy hour-by-hour lane staffing (see tumen/experiment/staffing_search.hpp).
#include "tumen/experiment/staffing_search.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <set>

#include "detail/evaluation.hpp"
#include "tumen/base/error.hpp"
#include "tumen/scenario/suggest.hpp"

namespace tumen::experiment {

scenario::override_spec lanes_override(const std::string& stage, int group, bool grouped,
                                       const hourly_lanes& lanes) {
  std::string steps;
  for (int from = 0; from < 24;) {
    int to = from + 1;
    while (to < 24 && lanes[static_cast<std::size_t>(to)] == lanes[static_cast<std::size_t>(from)])
      ++to;
    steps +=
        fmt::format("{}{{ from = \"{:02}:00\", to = \"{:02}:00\", lanes = {} }}",
                    steps.empty() ? "" : ", ", from, to, lanes[static_cast<std::size_t>(from)]);
    from = to;
  }
  const std::string path = grouped ? fmt::format("stages.{}.lanes.{}.open_lanes", stage, group)
                                   : fmt::format("stages.{}.open_lanes", stage);
  return {path, "[" + steps + "]"};
}

namespace {

constexpr const char* hour_key = "{}.{:02}";

// The figures of a stage (metrics.hpp: stage.<id>.<field>…) that a target may name without the
// stage's prefix: "wait.p95" means stage.<id>.wait.p95. Any other name is taken as written.
constexpr std::array<std::string_view, 9> stage_fields = {
    "wait",    "service", "queue_mean", "queue_max", "open_lanes_mean",
    "arrived", "served",  "abandoned",  "hourly"};

struct resolved_target {
  const target* t = nullptr;
  bool hourly = false;
  std::string metric;  // hourly: stage.<id>.hourly.<series> (the hour is appended)
};

resolved_target resolve(const target& t, const std::string& stage) {
  const std::string& w = t.written;
  const std::string prefix = "stage." + stage + ".";
  if (w == "wait_mean" || w == "mean_wait") return {&t, true, prefix + "hourly.wait_mean"};
  if (w == "queue_mean" || w == "utilisation" || w == "utilization")
    return {&t, true, prefix + "hourly." + (w == "queue_mean" ? "queue_mean" : "utilisation")};
  if (w == "p95_wait") return {&t, false, prefix + "wait.p95"};
  const auto head = w.substr(0, w.find('.'));
  const bool relative =
      std::find(stage_fields.begin(), stage_fields.end(), head) != stage_fields.end();
  return {&t, false, relative ? prefix + w : w};
}

bool open_in_hour(const scenario::weekly_hours& hours, int h) {
  const double from = h * 3600.0, to = from + 3600.0;
  for (const auto& day : hours.by_weekday)
    for (const auto& iv : day)
      if (iv.from < to && from < iv.to) return true;
  return false;
}

class search {
 public:
  search(const scenario_input& in, const std::vector<target>& targets, executor& ex,
         const staffing_options& o)
      : in_(in), ex_(ex), o_(o) {
    detail::check_common_options(o.replications, o.confidence);
    if (o.max_evaluations < 2)
      throw input_error("--max-evaluations", "must be at least 2", "e.g. 200");
    const auto base = scenario::parse(in.text, in.source_name, in.overrides, in.variant);
    find_stage(base);
    for (const auto& t : targets) {
      if (!t.upper())
        throw input_error(
            "--target",
            fmt::format("\"{}\": a staffing target must cap its figure from above (<= or <)",
                        t.text),
            "more lanes only lower waits, queues and utilisation, e.g. \"wait_mean <= 20 min\"");
      auto r = resolve(t, o.stage);
      order_.push_back(r);
      (r.hourly ? hourly_ : overall_).push_back(std::move(r));
    }
    if (targets.empty())
      throw input_error("--target", "a staffing search needs at least one target",
                        "e.g. --target \"wait_mean <= 20 min\"");
    std::vector<target_metric> wanted;
    for (const auto& r : hourly_) wanted.push_back({r.t, fmt::format(hour_key, r.metric, 0)});
    for (const auto& r : overall_) wanted.push_back({r.t, r.metric});
    check_metrics_known(wanted, base);
    grouped_ = stage_->lanes.size() > 1 || written_as_groups();
  }

  staffing_result run() {
    result_.stage = o_.stage;
    result_.group = group_;
    result_.group_lanes = count_;
    for (const auto& r : order_) result_.metrics.push_back({r.hourly, r.metric});

    // 0. Every lane open: the reference, and what each hour can reach at best.
    hourly_lanes all{};
    for (int h = 0; h < 24; ++h) all[idx(h)] = open_[idx(h)] ? count_ : 0;
    auto reference = evaluate(all, "all open", true);
    result_.all_open = reference.first;
    const auto& figures = reference.second;
    for (int h = 0; h < 24; ++h)
      pinned_[idx(h)] = open_[idx(h)] && !result_.all_open.hours[idx(h)].met;
    for (std::size_t i = 0; i < overall_.size(); ++i)
      overall_reachable_.push_back(result_.all_open.overall[i].met);

    // 1. Start at the offered load's floor.
    const std::string p = "stage." + o_.stage + ".";
    const double service = figures.at(p + "service.mean").mean;
    const double share = static_cast<double>(count_) / stage_->total_lanes();
    hourly_lanes lanes{};
    for (int h = 0; h < 24; ++h) {
      if (!open_[idx(h)]) continue;
      if (pinned_[idx(h)]) {
        lanes[idx(h)] = count_;
        continue;
      }
      const double arrivals =
          figures.at(fmt::format(hour_key, p + "hourly.arrivals_per_day", h)).mean;
      const double load = arrivals * service / 3600.0 * share;
      int n = static_cast<int>(std::floor(load));
      if (arrivals > 0) n = std::max(n, 1);
      lanes[idx(h)] = std::clamp(n, 0, count_);
    }

    // 2. Add lanes where hours fail.
    staffing_evaluation current;
    std::set<int> failed_before;
    for (const char* phase = "start";; phase = "add") {
      if (!budget_left()) {
        result_.exhausted = true;
        break;
      }
      auto e = evaluate(lanes, phase).first;
      current = e;
      if (passes(e)) break;
      hourly_lanes next = lanes;
      std::set<int> failing;
      for (int h = 0; h < 24; ++h)
        if (!pinned_[idx(h)] && e.hours[idx(h)].assessed && !e.hours[idx(h)].met) failing.insert(h);
      for (const int h : failing) {
        const bool full = lanes[idx(h)] >= count_;
        if (!full) next[idx(h)] = std::max(next[idx(h)], lanes[idx(h)] + 1);
        const int before = (h + 23) % 24;
        if ((full || failed_before.count(h)) && open_[idx(before)] && !pinned_[idx(before)] &&
            lanes[idx(before)] < count_)
          next[idx(before)] = std::max(next[idx(before)], lanes[idx(before)] + 1);
      }
      if (overall_fails(e)) {
        // A whole-run figure fails: help the hour whose arrivals wait longest.
        int worst = -1;
        double longest = -1;
        for (int h = 0; h < 24; ++h) {
          if (!open_[idx(h)] || pinned_[idx(h)] || next[idx(h)] >= count_) continue;
          const double w = e.hours[idx(h)].targets.empty()
                               ? wait_by_hour_[idx(h)]
                               : e.hours[idx(h)].targets[0].estimate.mean;
          if (w > longest) {
            longest = w;
            worst = h;
          }
        }
        if (worst >= 0) ++next[idx(worst)];
      }
      if (next == lanes) {
        result_.exhausted = true;
        break;
      }
      lanes = next;
      failed_before = failing;
    }

    // 3. Trim lanes that are not needed.
    if (passes(current)) {
      for (bool changed = true; changed && budget_left();) {
        changed = false;
        for (int h = 0; h < 24 && budget_left(); ++h) {
          if (!open_[idx(h)] || pinned_[idx(h)] || lanes[idx(h)] == 0) continue;
          hourly_lanes trial = lanes;
          --trial[idx(h)];
          auto e = evaluate(trial, "trim").first;
          if (passes(e)) {
            lanes = trial;
            current = e;
            changed = true;
          }
        }
      }
    }

    result_.lanes = lanes;
    result_.final_point = current;
    result_.met = current.met;
    result_.schedule = lanes_override(o_.stage, group_, grouped_, lanes);
    for (int h = 0; h < 24; ++h) {
      if (!open_[idx(h)]) continue;
      result_.lane_hours += lanes[idx(h)];
      result_.all_open_lane_hours += count_;
    }
    return std::move(result_);
  }

 private:
  static std::size_t idx(int h) { return static_cast<std::size_t>(h); }
  bool budget_left() const { return static_cast<int>(result_.history.size()) < o_.max_evaluations; }

  void find_stage(const scenario::scenario& sc) {
    std::vector<std::string> ids;
    for (const auto& s : sc.stages) ids.push_back(s.id);
    const auto i = sc.find_stage(o_.stage);
    if (!i) {
      std::string msg = fmt::format("no stage is called \"{}\"", o_.stage);
      if (auto hint = scenario::did_you_mean(o_.stage, ids); !hint.empty()) msg += "; " + hint;
      throw input_error("--stage", msg, "one of " + scenario::list_names(ids, 40));
    }
    stage_copy_ = sc.stages[static_cast<std::size_t>(*i)];
    stage_ = &stage_copy_;
    const auto groups = static_cast<int>(stage_->lanes.size());
    auto describe_groups = [&] {
      std::string out;
      for (int g = 0; g < groups; ++g) {
        const auto& lg = stage_->lanes[static_cast<std::size_t>(g)];
        std::string classes;
        for (const int c : lg.classes)
          classes += (classes.empty() ? "" : ", ") + sc.classes[static_cast<std::size_t>(c)].id;
        out += fmt::format("{}{} = {} lane{} ({})", out.empty() ? "" : "; ", g, lg.count,
                           lg.count == 1 ? "" : "s", classes.empty() ? "every class" : classes);
      }
      return out;
    };
    if (!o_.group && groups > 1)
      throw input_error(
          "--group",
          fmt::format("stage {} has {} lane groups: say which one to staff", o_.stage, groups),
          "--group N with N one of " + describe_groups());
    group_ = o_.group.value_or(0);
    if (group_ < 0 || group_ >= groups)
      throw input_error(
          "--group", fmt::format("stage {} has no lane group {}", o_.stage, group_),
          groups == 1 ? std::string("0 (its only group)") : "one of " + describe_groups());
    count_ = stage_->lanes[static_cast<std::size_t>(group_)].count;
    for (int h = 0; h < 24; ++h) open_[idx(h)] = open_in_hour(stage_->hours, h);
  }

  // `lanes = N` takes stages.<id>.open_lanes; an array of groups takes it inside each group.
  bool written_as_groups() const {
    auto overrides = in_.overrides;
    overrides.push_back({"stages." + o_.stage + ".open_lanes", "[]"});
    const auto reading = scenario::read(in_.text, in_.source_name, overrides, in_.variant);
    return !reading.model.has_value();
  }

  bool overall_fails(const staffing_evaluation& e) const {
    for (std::size_t i = 0; i < e.overall.size(); ++i)
      if (overall_reachable_[i] && !e.overall[i].met) return true;
    return false;
  }

  // Every hour and whole-run target that can be met is met.
  bool passes(const staffing_evaluation& e) const {
    if (e.saturated > 0 || e.hours.size() != 24) return false;
    for (int h = 0; h < 24; ++h)
      if (!pinned_[idx(h)] && !e.hours[idx(h)].met) return false;
    return !overall_fails(e);
  }

  std::pair<staffing_evaluation, summary> evaluate(const hourly_lanes& lanes, const char* phase,
                                                   bool first = false) {
    auto overrides = in_.overrides;
    const auto schedule = lanes_override(o_.stage, group_, grouped_, lanes);
    overrides.push_back(schedule);
    const auto sc = scenario::parse(in_.text, in_.source_name, overrides, in_.variant);
    auto point = detail::run_point(sc, o_.replications, ex_, o_.replication, o_.confidence, true,
                                   o_.on_replication);
    if (first) {
      std::vector<target_metric> wanted;
      for (const auto& r : hourly_) wanted.push_back({r.t, fmt::format(hour_key, r.metric, 0)});
      for (const auto& r : overall_) wanted.push_back({r.t, r.metric});
      check_metrics_known(wanted, detail::metric_names(point.figures));
    }
    staffing_evaluation e;
    e.phase = phase;
    e.lanes = lanes;
    e.schedule = schedule;
    e.saturated = point.saturation.failing;
    e.saturation = point.saturation;
    bool all_met = !point.saturation.fails();
    const std::string wait_series = "stage." + o_.stage + ".hourly.wait_mean";
    for (int h = 0; h < 24; ++h) {
      staffing_hour row;
      row.hour = h;
      row.open = open_[idx(h)];
      row.assessed = row.open;
      row.lanes = lanes[idx(h)];
      for (const auto& r : hourly_)
        row.targets.push_back(assess(*r.t, point.figures.at(fmt::format(hour_key, r.metric, h))));
      if (row.assessed)
        for (const auto& t : row.targets) row.met = row.met && t.met;
      all_met = all_met && row.met;
      wait_by_hour_[idx(h)] = point.figures.at(fmt::format(hour_key, wait_series, h)).mean;
      e.hours.push_back(std::move(row));
    }
    for (const auto& r : overall_) {
      e.overall.push_back(assess(*r.t, point.figures.at(r.metric)));
      all_met = all_met && e.overall.back().met;
    }
    e.met = all_met;
    // The reference never becomes the schedule; a trimmed schedule only when it still passes.
    e.accepted = e.phase == "start" || e.phase == "add" || (e.phase == "trim" && passes(e));
    result_.history.push_back(e);
    if (o_.on_evaluation) o_.on_evaluation(result_.history.back());
    return {std::move(e), std::move(point.figures)};
  }

  const scenario_input& in_;
  executor& ex_;
  const staffing_options& o_;
  scenario::stage stage_copy_;
  const scenario::stage* stage_ = nullptr;
  int group_ = 0, count_ = 0;
  bool grouped_ = false;
  std::array<bool, 24> open_{}, pinned_{};
  std::array<double, 24> wait_by_hour_{};
  std::vector<resolved_target> order_, hourly_, overall_;
  std::vector<bool> overall_reachable_;
  staffing_result result_;
};

}  // namespace

staffing_result find_staffing(const scenario_input& in, const std::vector<target>& targets,
                              executor& ex, const staffing_options& options) {
  return search(in, targets, ex, options).run();
}

}  // namespace tumen::experiment
