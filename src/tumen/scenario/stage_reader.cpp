// Reading [stages.ID]: lanes (one count or lane groups per class, with their schedules of open
// lanes: steps, or 24 hourly counts), queue discipline, service, priority and patience per class,
// service that varies by hour and weekday (service_scale, or a processing rate per lane and hour),
// branches to further stages with their shares, and opening hours (see detail/section_readers.hpp).
#include "tumen/scenario/detail/section_readers.hpp"

#include <algorithm>
#include <array>
#include <exception>

#include <fmt/format.h>

#include "tumen/scenario/detail/weekly_hours.hpp"
#include "tumen/scenario/suggest.hpp"

namespace tumen::scenario::detail {

namespace {

lane_schedule read_schedule(build_context& cx, const field& f, int count) {
  lane_schedule s;
  // 24 whole numbers (or a CSV column): the lanes open in each hour, as 24 one-hour steps.
  if (const auto* arr = f.node ? f.node->as_array() : nullptr;
      arr && !arr->empty() && !arr->get(0)->is_table()) {
    if (arr->size() != 24) {
      cx.access.error(
          f.where, f.path,
          fmt::format("must have 24 entries (one per hour from 00:00), got {}", arr->size()),
          "24 whole numbers from 0 to the lane count, or steps { from, to, lanes }");
      return s;
    }
    for (std::size_t h = 0; h < 24; ++h) {
      const auto lanes = cx.access.integer(cx.access.element(f, h), 0, count);
      const auto from = static_cast<sim_time>(h) * 3600.0;
      if (lanes) s.steps.push_back({from, from + 3600.0, static_cast<int>(*lanes)});
    }
    return s;
  }
  for (const auto& step_entry : cx.access.array_entries(f)) {
    const auto from = cx.access.time_of_day(cx.get(step_entry, "from"));
    const auto to_field = cx.get(step_entry, "to");
    const auto to = cx.access.time_of_day(to_field);
    const auto lanes = cx.access.integer(cx.get(step_entry, "lanes"), 0, count);
    if (!from || !to || !lanes) continue;
    if (!(*from < *to)) {
      cx.access.error(to_field.where, to_field.path, "must be after from",
                      "from < to within one day; split a step past midnight into two");
      continue;
    }
    s.steps.push_back({*from, *to, static_cast<int>(*lanes)});
  }
  std::sort(s.steps.begin(), s.steps.end(),
            [](const auto& x, const auto& y) { return x.from < y.from; });
  for (std::size_t i = 1; i < s.steps.size(); ++i)
    if (s.steps[i].from < s.steps[i - 1].to)
      cx.access.error(f.where, f.path, "schedule steps overlap",
                      "steps whose [from, to) do not overlap");
  return s;
}

std::optional<int> class_key(build_context& cx, const toml::key& k, const field& f) {
  const auto it = std::find(cx.class_ids.begin(), cx.class_ids.end(), k.str());
  if (it != cx.class_ids.end()) return static_cast<int>(it - cx.class_ids.begin());
  auto msg = fmt::format("no class has the id \"{}\"", k.str());
  if (auto hint = did_you_mean(k.str(), cx.class_ids); !hint.empty()) msg += "; " + hint;
  cx.access.error(f.where, f.path, msg, "one of " + list_names(cx.class_ids));
  return std::nullopt;
}

// The entry's optional table `key` of CLASS = value: each value read by `value` (which reports
// what is wrong with it) lands at its class's place in `by_class`.
template <class T, class Read>
void read_by_class(build_context& cx, const entry& e, std::string_view key,
                   std::vector<T>& by_class, Read value) {
  const auto table = cx.get(e, key);
  for (auto&& [k, v] : cx.access.table_or_empty(table)) {
    const auto f = cx.item(k, v, table.path, table.where);
    const auto c = class_key(cx, k, f);
    const auto x = value(f);
    if (c && x) by_class[static_cast<std::size_t>(*c)] = static_cast<T>(*x);
  }
}

// A number > 0 for every hour, or 24 of them (hour 0 = 00:00–01:00).
std::optional<std::array<double, 24>> hourly(build_context& cx, const field& f, double hi,
                                             std::string_view example) {
  std::array<double, 24> out{};
  if (const auto* arr = f.node->as_array()) {
    if (arr->size() != 24) {
      cx.access.error(
          f.where, f.path,
          fmt::format("must have 24 entries (one per hour from 00:00), got {}", arr->size()),
          std::string(example));
      return std::nullopt;
    }
    bool ok = true;
    for (std::size_t h = 0; h < 24; ++h) {
      const auto x = cx.access.number(cx.access.element(f, h), 0, hi, true);
      if (x)
        out[h] = *x;
      else
        ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
  }
  const auto x = cx.access.number(f, 0, hi, true);
  if (!x) return std::nullopt;
  out.fill(*x);
  return out;
}

// The service keys a stage and each of its lane groups may carry: service_scale (by hour),
// service_scale_weekday, and rate_per_lane with rate_cv (a processing rate that replaces the
// service time). `scale` starts as what the group inherits; `service` is set by a rate.
void read_service_keys(build_context& cx, const entry& e, service_scale& scale,
                       std::optional<distribution>& service) {
  const auto by_hour = cx.get(e, "service_scale");
  const auto weekday = cx.get(e, "service_scale_weekday");
  const auto rate = cx.get(e, "rate_per_lane");
  const auto cv = cx.get(e, "rate_cv");
  std::array<double, 24> own_scale;
  own_scale.fill(1.0);
  if (by_hour.node)
    if (const auto xs = hourly(cx, by_hour, 1e6, "24 factors > 0, e.g. 1.3 at night, 1 by day")) {
      scale.by_hour = *xs;
      own_scale = *xs;
    }
  if (weekday.node && weekday.node->is_table()) {
    for_each_weekday(cx.access, weekday, [&](int day, const field& f) {
      if (const auto x = cx.access.number(f, 0, 1e6, true))
        scale.by_weekday[static_cast<std::size_t>(day)] = *x;
    });
  } else if (weekday.node) {
    const auto* arr = weekday.node->as_array();
    if (!arr || arr->size() != 7) {
      cx.access.error(weekday.where, weekday.path,
                      "must be 7 factors > 0 (Monday first) or a table of weekday → factor",
                      "[1, 1, 1, 1, 1.2, 1.4, 1.4] or { sat = 1.4, sun = 1.4 }");
    } else {
      for (std::size_t d = 0; d < 7; ++d)
        if (const auto x = cx.access.number(cx.access.element(weekday, d), 0, 1e6, true))
          scale.by_weekday[d] = *x;
    }
  }
  if (cv.node && !rate.node)
    cx.access.error(cv.where, cv.path, "goes with rate_per_lane", "rate_per_lane = …, rate_cv = …");
  if (!rate.node) return;
  const auto rates = hourly(cx, rate, 1e6, "vehicles per hour per lane: 40, or 24 numbers > 0");
  const double c = cv.node ? cx.access.number(cv, 0, 10).value_or(1.0) : 1.0;
  if (!rates) return;
  // A draw of mean 1 s with the stated shape, stretched to the hour's mean 3600 / rate.
  if (c == 0)
    service = distribution::constant(1.0);
  else if (c == 1)
    service = distribution::exponential(1.0);
  else
    try {
      service = distribution::gamma(1.0, c);
    } catch (const std::exception& ex) {
      cx.access.error(cv.where, cv.path, ex.what(), "a coefficient of variation in [0, 10]");
    }
  // A service_scale beside the rate multiplies its times (a factor to calibrate the rate by).
  for (std::size_t h = 0; h < 24; ++h) scale.by_hour[h] = own_scale[h] * tumen::hours / (*rates)[h];
}

}  // namespace

void read_stages(build_context& cx) {
  const std::size_t nc = cx.class_ids.size();
  for (const auto& e : cx.stage_entries) {
    auto s = cx.named<stage>(e);
    s.side = cx.optional_reference(e, "side", cx.side_ids, "side");
    service_scale stage_scale;
    std::optional<distribution> stage_rate;
    read_service_keys(cx, e, stage_scale, stage_rate);

    const auto lanes = cx.get(e, "lanes");
    const auto open_lanes = cx.get(e, "open_lanes");
    if (lanes.node && lanes.node->is_array()) {
      if (open_lanes.node)
        cx.access.error(open_lanes.where, open_lanes.path,
                        "with lane groups, give open_lanes inside each group",
                        fmt::format("{}.N.open_lanes", join(lanes.path)));
      const auto groups = cx.access.array_entries(lanes);
      if (groups.empty() && lanes.node->as_array()->empty())
        cx.access.error(lanes.where, lanes.path, "has no lane group",
                        "at least one { count = …, classes = […] }");
      for (const auto& g : groups) {
        lane_group group;
        group.count = as_int(cx.access.integer(cx.get(g, "count"), 1, max_lanes), 1);
        const auto classes = cx.get(g, "classes");
        if (classes.node) {
          if (const auto* arr = classes.node->as_array()) {
            for (std::size_t i = 0; i < arr->size(); ++i) {
              const field f = cx.access.element(classes, i);
              if (const auto c = cx.access.reference(f, cx.class_ids, "class"))
                group.classes.push_back(*c);
            }
            if (arr->empty())
              cx.access.error(classes.where, classes.path,
                              "is empty: the lanes would serve no class",
                              "class ids, or leave classes out to serve every class");
          } else {
            cx.access.error(
                classes.where, classes.path,
                fmt::format("must be an array of class ids, got {}", describe(*classes.node)),
                "e.g. [\"truck\", \"bus\"]");
          }
        }
        group.open_lanes = read_schedule(cx, cx.get(g, "open_lanes"), group.count);
        group.scale = stage_scale;
        group.service = stage_rate;
        // A group's own rate replaces the stage's hourly factors, not its weekday factors.
        if (cx.get(g, "rate_per_lane").node) {
          group.scale.by_hour = service_scale{}.by_hour;
        } else if (const auto own = cx.get(g, "service_scale"); own.node && stage_rate) {
          cx.access.error(own.where, own.path,
                          "the stage's rate_per_lane sets this group's hourly times",
                          "a rate_per_lane of the group's own, or no service_scale");
        }
        read_service_keys(cx, g, group.scale, group.service);
        s.lanes.push_back(std::move(group));
      }
    } else {
      lane_group group;
      if (lanes.node && !lanes.node->is_number())
        cx.access.error(lanes.where, lanes.path,
                        fmt::format("must be a whole number ≥ 1 or an array of lane groups, got {}",
                                    describe(*lanes.node)),
                        "e.g. 3, or [{ count = 2, classes = [\"car\"] }, { count = 1 }]");
      else
        group.count = as_int(cx.access.integer(lanes, 1, max_lanes), 1);
      group.open_lanes = read_schedule(cx, open_lanes, group.count);
      group.scale = stage_scale;
      group.service = stage_rate;
      s.lanes.push_back(std::move(group));
    }
    const auto queue = cx.access.choice(cx.get(e, "queue"), {"shared", "per_lane"});
    s.queue = queue && *queue == 1 ? queue_discipline::per_lane : queue_discipline::shared;

    const auto service = cx.get(e, "service");
    if (service.node && stage_rate)
      cx.access.error(service.where, service.path, "give service or rate_per_lane, not both",
                      "rate_per_lane (vehicles per hour per lane) replaces the service time");
    const auto default_service = cx.access.distribution(service, dimension::time);
    s.service_by_class.assign(nc, default_service);
    if (const auto by_class = cx.get(e, "service_by_class"); by_class.node && stage_rate)
      cx.access.error(by_class.where, by_class.path,
                      "has no effect: rate_per_lane sets the service of every class here",
                      "rate_per_lane in each lane group instead, or service_by_class without it");
    read_by_class(cx, e, "service_by_class", s.service_by_class,
                  [&](const field& f) { return cx.access.distribution(f, dimension::time); });

    s.priority_by_class.assign(nc, 0);
    read_by_class(cx, e, "priority_by_class", s.priority_by_class,
                  [&](const field& f) { return cx.access.integer(f, -1000, 1000); });

    const auto patience = cx.access.distribution(cx.get(e, "patience"), dimension::time);
    s.patience_by_class.assign(nc, patience);
    read_by_class(cx, e, "patience_by_class", s.patience_by_class,
                  [&](const field& f) { return cx.access.distribution(f, dimension::time); });

    const auto next = cx.get(e, "next");
    cx.next_fields.push_back(next);
    for (const auto& be : cx.access.array_entries(next)) {
      branch b;
      const auto target = cx.get(be, "stage");
      const auto t = cx.access.reference(target, cx.stage_ids, "stage");
      if (t && cx.stage_ids[static_cast<std::size_t>(*t)] == e.id)
        cx.access.error(target.where, target.path, "a stage cannot send vehicles on to itself",
                        "another stage");
      else if (t)
        b.stage = *t;
      else
        continue;
      b.share_by_class.assign(nc, 0.0);
      const auto share = cx.get(be, "share");
      if (share.node && share.node->is_table()) {
        for (auto&& [k, v] : *share.node->as_table()) {
          const auto f = cx.item(k, v, share.path, share.where);
          const auto c = class_key(cx, k, f);
          const auto x = cx.access.number(f, 0, 1);
          if (c && x) b.share_by_class[static_cast<std::size_t>(*c)] = *x;
        }
      } else if (share.node) {
        const auto x = cx.access.number(share, 0, 1);
        if (x) b.share_by_class.assign(nc, *x);
      }
      s.next.push_back(std::move(b));
    }
    for (std::size_t c = 0; c < nc; ++c) {
      double sum = 0;
      for (const auto& b : s.next) sum += b.share_by_class[c];
      if (sum > 1 + 1e-9)
        cx.access.error(
            next.where, next.path,
            fmt::format("the shares for class '{}' sum to {}, more than 1", cx.class_ids[c], sum),
            "shares per class summing to at most 1");
    }
    s.hours = read_weekly_hours(cx.access, e);
    cx.sc.stages.push_back(std::move(s));
  }
}

}  // namespace tumen::scenario::detail
