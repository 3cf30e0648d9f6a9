// The levers of a scenario (see levers.hpp).
#include "levers.hpp"

#include <fmt/format.h>
#include <set>
#include <string>
#include <vector>

#include "tumen/scenario/reader.hpp"
#include "tumen/scenario/units.hpp"

namespace tumen::engine {

namespace {

using json = nlohmann::json;

// "09:00", "24:00" for the end of the day.
std::string clock(sim_time seconds_of_day) {
  const auto minutes = static_cast<long>(seconds_of_day / 60 + 0.5);
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string range_text(const scenario::time_interval& i) {
  return clock(i.from) + "-" + clock(i.to);
}

// Opening hours as the file writes them: `hours` (a range, a list of ranges, or "closed") for the
// open days, which `days` lists; the keys that change them. When the open days differ in their
// hours (hours_by_day), `hours` is null and `by_day` says each day's.
json opening_json(const scenario::weekly_hours& h, const std::string& key) {
  json by_day = json::object();
  std::vector<std::string> open_days;
  std::set<std::vector<std::string>> distinct;
  std::vector<std::string> first;
  for (int d = 0; d < 7; ++d) {
    std::vector<std::string> ranges;
    for (const auto& i : h.by_weekday[static_cast<std::size_t>(d)]) ranges.push_back(range_text(i));
    const std::string day(scenario::weekday_name(d));
    by_day[day] = ranges;
    if (ranges.empty()) continue;
    open_days.push_back(day);
    distinct.insert(ranges);
    first = ranges;
  }
  json hours;
  if (open_days.empty())
    hours = "closed";
  else if (distinct.size() == 1)
    hours = first.size() == 1 ? json(first.front()) : json(first);
  return {{"key", key + ".hours"},
          {"hours", hours},
          {"days_key", key + ".days"},
          {"days", open_days},
          {"hours_by_day_key", key + ".hours_by_day"},
          {"by_day", std::move(by_day)},
          {"always_open", h.always_open()}};
}

// The lanes open in each hour of the day (at the start of the hour), or null when all are.
json open_lanes_json(const scenario::lane_schedule& s, int all) {
  if (s.steps.empty()) return nullptr;
  json out = json::array();
  for (int h = 0; h < 24; ++h) out.push_back(s.open_at(h * 3600.0, all));
  return out;
}

std::vector<std::string> class_ids(const scenario::scenario& sc, const std::vector<int>& classes) {
  std::vector<std::string> out;
  for (int c : classes) out.push_back(sc.classes[static_cast<std::size_t>(c)].id);
  return out;
}

// The stages whose file writes `lanes` as an array of groups: a --set of every group's count to
// its own value reads cleanly for them, and is refused (stages.X.lanes is an integer) for others.
std::set<std::string> grouped_stages(const scenario::scenario& sc, std::string_view text,
                                     std::string_view source_name,
                                     const std::vector<scenario::override_spec>& overrides,
                                     const std::optional<std::string>& variant) {
  std::vector<scenario::override_spec> probe = overrides;
  for (const auto& st : sc.stages)
    for (std::size_t g = 0; g < st.lanes.size(); ++g)
      probe.push_back(
          {fmt::format("stages.{}.lanes.{}.count", st.id, g), std::to_string(st.lanes[g].count)});
  std::set<std::string> refused;
  const auto problems =
      scenario::check(text, source_name, probe, variant);  // kept: items() is a view
  for (const auto& d : problems.items())
    if (d.level == severity::error)
      for (const auto& st : sc.stages)
        if (d.key_path.rfind("stages." + st.id + ".lanes", 0) == 0) refused.insert(st.id);
  std::set<std::string> out;
  for (const auto& st : sc.stages)
    if (!refused.count(st.id)) out.insert(st.id);
  return out;
}

json stage_json(const scenario::scenario& sc, const scenario::stage& st, bool grouped) {
  const std::string key = "stages." + st.id;
  json groups = json::array();
  for (std::size_t g = 0; g < st.lanes.size(); ++g) {
    const auto& lg = st.lanes[g];
    const std::string gkey = fmt::format("{}.lanes.{}", key, g);
    groups.push_back({{"key", grouped ? json(gkey + ".count") : json(nullptr)},
                      {"id", std::to_string(g)},
                      {"lanes", lg.count},
                      {"classes", class_ids(sc, lg.classes)},
                      {"open_lanes", open_lanes_json(lg.open_lanes, lg.count)},
                      {"open_lanes_key", grouped ? json(gkey + ".open_lanes") : json(nullptr)}});
  }
  // One number for the whole stage: a stage written `lanes = N` (one group, every class).
  const bool single = !grouped && st.lanes.size() == 1;
  json open_lanes = nullptr;
  if (st.lanes.size() == 1) open_lanes = open_lanes_json(st.lanes[0].open_lanes, st.lanes[0].count);
  std::string side;
  if (st.side) side = sc.sides[static_cast<std::size_t>(*st.side)].id;
  return {{"key", key},
          {"id", st.id},
          {"name", st.name},
          {"side", st.side ? json(side) : json(nullptr)},
          {"lanes", single ? json(st.lanes[0].count) : json(nullptr)},
          {"lanes_key", single ? json(key + ".lanes") : json(nullptr)},
          {"lane_groups", std::move(groups)},
          {"open_lanes", open_lanes},
          {"open_lanes_key", single ? json(key + ".open_lanes") : json(nullptr)},
          {"opening", opening_json(st.hours, key)}};
}

}  // namespace

json levers(const scenario::scenario& sc, std::string_view text, std::string_view source_name,
            const std::vector<scenario::override_spec>& overrides,
            const std::optional<std::string>& variant) {
  json out;
  out["run"] = {{"days", sc.run.days},
                {"days_key", "run.days"},
                {"warmup_days", sc.run.warmup / tumen::days},
                {"warmup_key", "run.warmup"},
                {"warmup_format", "\"<days> d\", e.g. \"7 d\""},
                {"demand_scale", sc.run.demand_scale},
                {"demand_scale_key", "run.demand_scale"},
                {"seed", std::to_string(sc.run.seed)},
                {"seed_key", "run.seed"}};
  json variants = json::array();
  for (const auto& v : scenario::variant_names(text, source_name))
    variants.push_back({{"name", v}, {"description", nullptr}});
  out["variants"] = std::move(variants);

  const auto grouped = grouped_stages(sc, text, source_name, overrides, variant);
  json stages = json::array();
  for (const auto& st : sc.stages) stages.push_back(stage_json(sc, st, grouped.count(st.id) > 0));
  out["stages"] = std::move(stages);

  json yards = json::array();
  for (const auto& y : sc.yards) {
    const std::string key = "yards." + y.id;
    yards.push_back({{"key", key},
                     {"id", y.id},
                     {"name", y.name},
                     {"bays", y.bays},
                     {"bays_key", key + ".bays"},
                     {"opening", opening_json(y.hours, key)}});
  }
  out["yards"] = std::move(yards);

  // Opening hours by element, as the request sketched them (the same objects as under stages
  // and yards).
  json opening = json::array();
  for (const auto& st : out["stages"])
    opening.push_back({{"element", st["key"]}, {"name", st["name"]}, {"opening", st["opening"]}});
  for (const auto& y : out["yards"])
    opening.push_back({{"element", y["key"]}, {"name", y["name"]}, {"opening", y["opening"]}});
  out["opening"] = std::move(opening);

  json booking = json::array();
  for (std::size_t i = 0; i < sc.demands.size(); ++i) {
    const auto& d = sc.demands[i];
    if (!d.booked) continue;
    const std::string key = fmt::format("demand.{}.booking", i);
    booking.push_back({{"demand", i},
                       {"class", sc.classes[static_cast<std::size_t>(d.vehicle_class)].id},
                       {"route", sc.routes[static_cast<std::size_t>(d.route)].id},
                       {"key", key},
                       {"slots_per_hour", d.booked->slots_per_hour},
                       {"slots_per_hour_key", key + ".slots_per_hour"},
                       {"tolerance_s", d.booked->tolerance},
                       {"tolerance_key", key + ".tolerance"},
                       {"no_show", d.booked->no_show},
                       {"no_show_key", key + ".no_show"}});
  }
  out["booking"] = std::move(booking);
  return out;
}

}  // namespace tumen::engine
