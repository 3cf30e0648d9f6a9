// The crossing's structure for the report: directions of travel and the layout the page draws
// (see detail/report_parts.hpp).
#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <set>
#include <string_view>

#include "detail/report_parts.hpp"

namespace tumen::output::detail {

std::string short_side_name(const scenario::side& s) {
  std::string n = s.name.empty() ? s.id : s.name;
  for (const char* cut : {" — ", " - ", " (", ","}) {
    const auto at = n.find(cut);
    if (at != std::string::npos && at > 0) n.resize(at);
  }
  return n;
}

namespace {

// Routes that carry traffic: those of a demand and those a yard sends trucks on.
std::vector<bool> used_routes(const scenario::scenario& sc) {
  std::vector<bool> used(sc.routes.size(), false);
  for (const auto& d : sc.demands) used[static_cast<std::size_t>(d.route)] = true;
  for (const auto& y : sc.yards) {
    if (y.onward_route) used[static_cast<std::size_t>(*y.onward_route)] = true;
    if (y.empty_truck_route) used[static_cast<std::size_t>(*y.empty_truck_route)] = true;
  }
  if (std::none_of(used.begin(), used.end(), [](bool b) { return b; }))
    used.assign(used.size(), true);
  return used;
}

// The shape the replay draws a vehicle of class c as: "truck" when a word of its name or id says
// so (truck, lorry, freight, …), or it carries cargo or has it transferred; "bus" when a word says
// bus or coach, or it carries ten persons or more on average; else "car". The scenario has no
// vehicle kind, so this reads what it has: "Russian truck going out empty" is a truck though
// empty, and "Car (official, business, private)" is no bus.
std::string class_shape(const scenario::vehicle_class& c) {
  std::vector<std::string> words(1);
  for (const unsigned char ch : c.id + " " + c.name) {
    if (std::isalnum(ch)) {
      words.back() += static_cast<char>(std::tolower(ch));
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  const auto says = [&](std::initializer_list<std::string_view> any) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
      return std::any_of(any.begin(), any.end(), [&](std::string_view k) {
        return w == k || w == std::string(k) + "s" || w == std::string(k) + "es";
      });
    });
  };
  if (says({"truck", "lorry", "lorries", "freight", "hgv", "tanker"})) return "truck";
  if (says({"bus", "coach"})) return "bus";
  if (c.transship || c.loaded_share * c.cargo_tonnes.mean() > 0) return "truck";
  if (c.persons.mean() >= 10) return "bus";
  return "car";
}

std::pair<std::string, std::string> direction_of(const scenario::scenario& sc,
                                                 const scenario::route& r) {
  if (r.from_side && r.to_side && *r.from_side != *r.to_side) {
    const auto& a = sc.sides[static_cast<std::size_t>(*r.from_side)];
    const auto& b = sc.sides[static_cast<std::size_t>(*r.to_side)];
    return {a.id + ">" + b.id, short_side_name(a) + " → " + short_side_name(b)};
  }
  return {"route:" + r.id, r.name.empty() ? r.id : r.name};
}

// The stages a vehicle may visit from stage s through branches, s first, depth first.
void with_branches(const scenario::scenario& sc, int s, std::vector<int>& out) {
  if (std::find(out.begin(), out.end(), s) != out.end()) return;
  out.push_back(s);
  for (const auto& b : sc.stages[static_cast<std::size_t>(s)].next) with_branches(sc, b.stage, out);
}

}  // namespace

std::vector<direction_group> direction_groups(const scenario::scenario& sc) {
  const auto used = used_routes(sc);
  std::vector<direction_group> groups;
  // element key ("s:<index>" / "y:<index>") → directions that pass it, and first-seen order
  std::map<std::string, std::set<std::string>> seen_in;
  std::vector<std::pair<std::string, std::string>> order;  // (element key, direction id)
  for (std::size_t r = 0; r < sc.routes.size(); ++r) {
    if (!used[r]) continue;
    // Named, not a structured binding: clang 14 cannot capture a binding in a lambda.
    const auto direction = direction_of(sc, sc.routes[r]);
    const auto& id = direction.first;
    const auto& label = direction.second;
    if (std::none_of(groups.begin(), groups.end(), [&](const auto& g) { return g.id == id; }))
      groups.push_back({id, label, {}, {}});
    for (const auto& e : sc.routes[r].path) {
      std::vector<std::string> keys;
      if (e.kind == scenario::element_kind::stage) {
        std::vector<int> stages;
        with_branches(sc, e.index, stages);
        for (int s : stages) keys.push_back("s:" + std::to_string(s));
      } else if (e.kind == scenario::element_kind::yard) {
        keys.push_back("y:" + std::to_string(e.index));
      }
      for (const auto& k : keys) {
        if (seen_in[k].insert(id).second) order.emplace_back(k, id);
      }
    }
  }
  direction_group shared{
      "shared", groups.size() == 2 ? "Both directions" : "Several directions", {}, {}};
  std::set<std::string> placed;
  for (const auto& [key, dir] : order) {
    if (!placed.insert(key).second) continue;
    const bool is_stage = key[0] == 's';
    const auto index = static_cast<std::size_t>(std::stoi(key.substr(2)));
    const std::string& element_id = is_stage ? sc.stages[index].id : sc.yards[index].id;
    direction_group* g = &shared;
    if (seen_in[key].size() == 1)
      for (auto& candidate : groups)
        if (candidate.id == dir) g = &candidate;
    (is_stage ? g->stages : g->yards).push_back(element_id);
  }
  // Stages no route reaches still have figures: list them so nothing is silently dropped.
  for (std::size_t s = 0; s < sc.stages.size(); ++s)
    if (!seen_in.count("s:" + std::to_string(s))) shared.stages.push_back(sc.stages[s].id);
  if (!shared.stages.empty() || !shared.yards.empty()) groups.push_back(std::move(shared));
  return groups;
}

namespace {

nlohmann::json hours_json(const scenario::weekly_hours& h) {
  if (h.always_open()) return nullptr;
  nlohmann::json week = nlohmann::json::array();
  for (const auto& day : h.by_weekday) {
    nlohmann::json spans = nlohmann::json::array();
    for (const auto& i : day) spans.push_back({i.from, i.to});
    week.push_back(std::move(spans));
  }
  return week;
}

nlohmann::json side_ref(const scenario::scenario& sc, const std::optional<int>& side) {
  return side ? nlohmann::json(sc.sides[static_cast<std::size_t>(*side)].id)
              : nlohmann::json(nullptr);
}

const char* kind_name(scenario::element_kind k) {
  switch (k) {
    case scenario::element_kind::link: return "link";
    case scenario::element_kind::holding: return "holding";
    case scenario::element_kind::stage: return "stage";
    case scenario::element_kind::yard: return "yard";
  }
  return "stage";
}

// The rail line beside the road, or null when the crossing has none.
nlohmann::json rail_layout_json(const scenario::scenario& sc) {
  if (sc.rail_routes.empty() && sc.rail_bridges.empty() && sc.rail_stations.empty() &&
      sc.gauge_changes.empty())
    return nullptr;
  nlohmann::json r;
  auto& bridges = r["bridges"] = nlohmann::json::array();
  for (const auto& b : sc.rail_bridges)
    bridges.push_back({{"id", b.id},
                       {"name", b.name.empty() ? b.id : b.name},
                       {"length_m", b.length_m},
                       {"single_track", b.single_track},
                       {"crossing_time", number(b.crossing_time())},
                       {"headway", b.headway},
                       {"clearance", b.clearance}});
  auto& stations = r["stations"] = nlohmann::json::array();
  for (const auto& s : sc.rail_stations)
    stations.push_back({{"id", s.id},
                        {"name", s.name.empty() ? s.id : s.name},
                        {"side", side_ref(sc, s.side)},
                        {"tracks", s.tracks},
                        {"hours", hours_json(s.hours)}});
  auto& gauges = r["gauge_changes"] = nlohmann::json::array();
  for (const auto& g : sc.gauge_changes)
    gauges.push_back(
        {{"id", g.id},
         {"name", g.name.empty() ? g.id : g.name},
         {"side", side_ref(sc, g.side)},
         {"method", g.method == scenario::gauge_method::transship ? "transship" : "bogie_exchange"},
         {"tracks", g.tracks},
         {"capacity_wagons",
          g.capacity_wagons ? nlohmann::json(*g.capacity_wagons) : nlohmann::json(nullptr)},
         {"hours", hours_json(g.hours)}});
  auto& kinds = r["kinds"] = nlohmann::json::array();
  for (const auto& k : sc.train_kinds)
    kinds.push_back({{"id", k.id}, {"name", k.name.empty() ? k.id : k.name}});
  auto& routes = r["routes"] = nlohmann::json::array();
  for (const auto& route : sc.rail_routes) {
    nlohmann::json path = nlohmann::json::array();
    for (const auto& e : route.path) {
      const char* kind = e.kind == scenario::rail_element_kind::station  ? "station"
                         : e.kind == scenario::rail_element_kind::bridge ? "bridge"
                                                                         : "gauge_change";
      path.push_back({{"kind", kind}, {"id", sc.rail_element_id(e)}});
    }
    routes.push_back({{"id", route.id},
                      {"name", route.name.empty() ? route.id : route.name},
                      {"from", side_ref(sc, route.from_side)},
                      {"to", side_ref(sc, route.to_side)},
                      {"path", std::move(path)}});
  }
  return r;
}

}  // namespace

nlohmann::json layout_json(const scenario::scenario& sc) {
  nlohmann::json j;
  j["name"] = sc.name;
  j["start_weekday"] = sc.run.start_weekday;
  j["days"] = sc.run.days;
  j["warmup"] = sc.run.warmup;
  auto& sides = j["sides"] = nlohmann::json::array();
  for (const auto& s : sc.sides)
    sides.push_back({{"id", s.id}, {"name", s.name}, {"short", short_side_name(s)}});
  auto& classes = j["classes"] = nlohmann::json::array();
  for (const auto& c : sc.classes)
    classes.push_back(
        {{"id", c.id}, {"name", c.name.empty() ? c.id : c.name}, {"shape", class_shape(c)}});
  auto& links = j["links"] = nlohmann::json::array();
  for (const auto& l : sc.links)
    links.push_back({{"id", l.id},
                     {"name", l.name.empty() ? l.id : l.name},
                     {"length_m", l.length_m},
                     {"travel_time", number(l.travel_time())},
                     {"lanes", l.lanes}});
  auto& holding = j["holding"] = nlohmann::json::array();
  for (const auto& h : sc.holding)
    holding.push_back(
        {{"id", h.id}, {"name", h.name.empty() ? h.id : h.name}, {"capacity", h.capacity}});
  auto& stages = j["stages"] = nlohmann::json::array();
  auto& branches = j["branches"] = nlohmann::json::array();
  for (const auto& s : sc.stages) {
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& g : s.lanes) {
      nlohmann::json cls = nlohmann::json::array();
      for (int c : g.classes) cls.push_back(sc.classes[static_cast<std::size_t>(c)].id);
      groups.push_back({{"count", g.count}, {"classes", std::move(cls)}});
    }
    stages.push_back(
        {{"id", s.id},
         {"name", s.name.empty() ? s.id : s.name},
         {"side", side_ref(sc, s.side)},
         {"lanes", s.total_lanes()},
         {"groups", std::move(groups)},
         {"queue", s.queue == scenario::queue_discipline::shared ? "shared" : "per_lane"},
         {"hours", hours_json(s.hours)}});
    for (const auto& b : s.next)
      branches.push_back({{"from", s.id}, {"to", sc.stages[static_cast<std::size_t>(b.stage)].id}});
  }
  auto& yards = j["yards"] = nlohmann::json::array();
  for (const auto& y : sc.yards)
    yards.push_back(
        {{"id", y.id},
         {"name", y.name.empty() ? y.id : y.name},
         {"side", side_ref(sc, y.side)},
         {"bays", y.bays},
         {"at_once", y.transfers_at_once()},
         {"parking", y.parking},
         // the trucks that take the cargo on start their trips here: the replay
         // draws them leaving the yard, not driving in from the route's far end
         {"receiving_class", sc.classes[static_cast<std::size_t>(y.receiving_class)].id},
         {"onward_route",
          y.onward_route ? nlohmann::json(sc.routes[static_cast<std::size_t>(*y.onward_route)].id)
                         : nlohmann::json(nullptr)},
         {"hours", hours_json(y.hours)}});
  auto& routes = j["routes"] = nlohmann::json::array();
  const auto used = used_routes(sc);
  for (std::size_t r = 0; r < sc.routes.size(); ++r) {
    const auto& route = sc.routes[r];
    nlohmann::json path = nlohmann::json::array();
    for (const auto& e : route.path)
      path.push_back({{"kind", kind_name(e.kind)}, {"id", sc.element_id(e)}});
    routes.push_back({{"id", route.id},
                      {"name", route.name.empty() ? route.id : route.name},
                      {"from", side_ref(sc, route.from_side)},
                      {"to", side_ref(sc, route.to_side)},
                      {"direction", direction_of(sc, route).first},
                      {"used", static_cast<bool>(used[r])},
                      {"path", std::move(path)}});
  }
  auto& directions = j["directions"] = nlohmann::json::array();
  for (const auto& g : direction_groups(sc))
    directions.push_back(
        {{"id", g.id}, {"label", g.label}, {"stages", g.stages}, {"yards", g.yards}});
  j["rail"] = rail_layout_json(sc);
  return j;
}

}  // namespace tumen::output::detail
