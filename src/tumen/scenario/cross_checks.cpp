// The rules that span sections, checked once every section is read: branches between stages
// form no cycle, and every class that can reach a stage (by demand, transshipment or branching)
// has a service time and a lane there; what no demand or route uses is warned about (see
// detail/section_readers.hpp).
#include "tumen/scenario/detail/section_readers.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace tumen::scenario::detail {

void check_branches(build_context& cx) {
  // A cycle in `next` would send a vehicle round for ever.
  const std::size_t n = cx.sc.stages.size();
  std::vector<int> state(n, 0);  // 0 new, 1 on the stack, 2 done
  std::vector<int> stack;
  std::function<bool(int)> visit = [&](int s) {
    state[static_cast<std::size_t>(s)] = 1;
    stack.push_back(s);
    for (const auto& b : cx.sc.stages[static_cast<std::size_t>(s)].next) {
      if (state[static_cast<std::size_t>(b.stage)] == 1) {
        std::string cycle;
        const auto start = std::find(stack.begin(), stack.end(), b.stage);
        for (auto it = start; it != stack.end(); ++it)
          cycle += cx.sc.stages[static_cast<std::size_t>(*it)].id + " → ";
        cycle += cx.sc.stages[static_cast<std::size_t>(b.stage)].id;
        const auto& f = cx.next_fields[static_cast<std::size_t>(s)];
        cx.access.error(f.where, f.path, "branches form a cycle: " + cycle,
                        "branches that always lead onwards");
        return true;
      }
      if (state[static_cast<std::size_t>(b.stage)] == 0 && visit(b.stage)) return true;
    }
    stack.pop_back();
    state[static_cast<std::size_t>(s)] = 2;
    return false;
  };
  for (std::size_t s = 0; s < n; ++s) {
    if (state[s] == 0 && visit(static_cast<int>(s))) return;
  }
}

// Transshipment must come to an end. From a class on a route (from some position), the first
// yard it passes where it transships hands its cargo to the yard's receiving class (on the onward
// route, or on along the same route) and may send the truck back empty (on the empty-truck
// route). Should these steps ever lead back to a class on a route (and position) met before, the
// cargo, or the empty trucks, would go round for ever and none would clear: that is an error,
// whichever chain of classes and yards closes the loop.
void check_transshipment(build_context& cx) {
  if (cx.access.out().has_errors()) return;         // indices may be placeholders
  using state = std::tuple<int, std::size_t, int>;  // (route, from position, class)
  struct step {
    state to;
    int yard;
    std::string_view key;  // the yard's key that makes this step
  };
  const auto steps_from = [&](const state& s) {
    std::vector<step> out;
    const auto [r, from, c] = s;
    if (!cx.sc.classes[static_cast<std::size_t>(c)].transship) return out;
    const auto& path = cx.sc.routes[static_cast<std::size_t>(r)].path;
    for (std::size_t i = from; i < path.size(); ++i) {
      if (path[i].kind != element_kind::yard) continue;
      const auto& y = cx.sc.yards[static_cast<std::size_t>(path[i].index)];
      if (y.onward_route)
        out.push_back({{*y.onward_route, 0, y.receiving_class}, path[i].index, "onward_route"});
      else
        out.push_back({{r, i + 1, y.receiving_class}, path[i].index, "receiving_class"});
      if (y.empty_truck_route)
        out.push_back({{*y.empty_truck_route, 0, c}, path[i].index, "empty_truck_route"});
      break;
    }
    return out;
  };
  const auto describe_state = [&](const state& s) {
    return fmt::format("'{}' on route '{}'",
                       cx.sc.classes[static_cast<std::size_t>(std::get<2>(s))].id,
                       cx.sc.routes[static_cast<std::size_t>(std::get<0>(s))].id);
  };
  std::map<state, int> mark;                 // 1 on the current chain, 2 done
  std::vector<std::pair<state, int>> chain;  // the states so far, and the yard each left by
  std::function<bool(const state&)> visit = [&](const state& s) {
    mark[s] = 1;
    for (const auto& st : steps_from(s)) {
      chain.emplace_back(s, st.yard);
      const auto m = mark.find(st.to);
      if (m != mark.end() && m->second == 1) {
        std::string loop;
        auto it = std::find_if(chain.begin(), chain.end(),
                               [&](const auto& p) { return p.first == st.to; });
        for (; it != chain.end(); ++it)
          loop += describe_state(it->first) + " → yard '" +
                  cx.sc.yards[static_cast<std::size_t>(it->second)].id + "' → ";
        loop += describe_state(st.to);
        const auto& e = cx.yard_entries[static_cast<std::size_t>(st.yard)];
        const auto f = cx.get(e, st.key);
        cx.access.error(
            f.where, f.path,
            st.key == "empty_truck_route"
                ? fmt::format("empty trucks go round for ever: {}; each sends the next", loop)
                : fmt::format("transshipment goes round for ever: {}; the cargo never clears",
                              loop),
            st.key == "empty_truck_route"
                ? "an empty-truck route that does not lead back to a yard that empties the truck "
                  "onto it again"
                : "a receiving class that does not transship, or an onward route that does not "
                  "lead back to a yard already passed");
        return true;
      }
      if (m == mark.end() && visit(st.to)) return true;
      chain.pop_back();
    }
    mark[s] = 2;
    return false;
  };
  for (const auto& d : cx.sc.demands) {
    const state start{d.route, 0, d.vehicle_class};
    if (mark.count(start) == 0 && visit(start)) return;
  }
}

// Which classes can reach each stage; each such class needs a service time and a lane.
void check_reach(build_context& cx) {
  if (cx.access.out().has_errors()) return;  // indices may be placeholders
  const std::size_t nc = cx.sc.classes.size();
  std::vector<std::set<int>> at_stage(cx.sc.stages.size()), at_yard(cx.sc.yards.size());
  std::vector<bool> element_used_link(cx.sc.links.size()),
      element_used_holding(cx.sc.holding.size()), element_used_yard(cx.sc.yards.size());
  std::set<std::tuple<int, std::size_t, int>> done;  // (route, from index, class)
  std::vector<std::tuple<int, std::size_t, int>> work;
  std::vector<bool> class_has_demand(nc, false);
  for (const auto& d : cx.sc.demands) {
    work.emplace_back(d.route, 0, d.vehicle_class);
    class_has_demand[static_cast<std::size_t>(d.vehicle_class)] = true;
    if (cx.sc.classes[static_cast<std::size_t>(d.vehicle_class)].transship) {
      bool has_yard = false;
      for (const auto& el : cx.sc.routes[static_cast<std::size_t>(d.route)].path)
        has_yard = has_yard || el.kind == element_kind::yard;
      if (!has_yard)
        cx.access.warning(
            cx.root_where, {"demand"},
            fmt::format("class '{}' has transship = true but route '{}' passes no yard",
                        cx.sc.classes[static_cast<std::size_t>(d.vehicle_class)].id,
                        cx.sc.routes[static_cast<std::size_t>(d.route)].id));
    }
  }
  std::function<void(int, int)> reach_stage = [&](int s, int c) {
    if (!at_stage[static_cast<std::size_t>(s)].insert(c).second) return;
    for (const auto& b : cx.sc.stages[static_cast<std::size_t>(s)].next)
      if (b.share_by_class[static_cast<std::size_t>(c)] > 0) reach_stage(b.stage, c);
  };
  while (!work.empty()) {
    const auto [r, from, c] = work.back();
    work.pop_back();
    if (!done.insert({r, from, c}).second) continue;
    const auto& path = cx.sc.routes[static_cast<std::size_t>(r)].path;
    for (std::size_t i = from; i < path.size(); ++i) {
      const auto el = path[i];
      const auto idx = static_cast<std::size_t>(el.index);
      if (el.kind == element_kind::link)
        element_used_link[idx] = true;
      else if (el.kind == element_kind::holding)
        element_used_holding[idx] = true;
      else if (el.kind == element_kind::stage)
        reach_stage(el.index, c);
      else {
        element_used_yard[idx] = true;
        if (!cx.sc.classes[static_cast<std::size_t>(c)].transship) continue;
        at_yard[idx].insert(c);
        const auto& y = cx.sc.yards[idx];
        if (y.onward_route)
          work.emplace_back(*y.onward_route, 0, y.receiving_class);
        else
          work.emplace_back(r, i + 1, y.receiving_class);
        if (y.empty_truck_route) work.emplace_back(*y.empty_truck_route, 0, c);
        break;
      }
    }
  }
  for (std::size_t s = 0; s < cx.sc.stages.size(); ++s)
    cx.sc.stages[s].reaching_classes.assign(at_stage[s].begin(), at_stage[s].end());
  for (std::size_t y = 0; y < cx.sc.yards.size(); ++y)
    cx.sc.yards[y].reaching_classes.assign(at_yard[y].begin(), at_yard[y].end());
  for (std::size_t s = 0; s < cx.sc.stages.size(); ++s) {
    const auto& st = cx.sc.stages[s];
    const source_location& at = cx.stage_entries[s].where;
    if (at_stage[s].empty() && !cx.sc.demands.empty())
      cx.access.warning(at, cx.stage_entries[s].path, "no demand reaches this stage");
    for (int c : at_stage[s]) {
      const auto& cid = cx.sc.classes[static_cast<std::size_t>(c)].id;
      // Lane groups with a processing rate of their own serve every class at it.
      const bool rated = std::any_of(st.lanes.begin(), st.lanes.end(),
                                     [&](const lane_group& g) { return g.serves(c); }) &&
                         std::all_of(st.lanes.begin(), st.lanes.end(), [&](const lane_group& g) {
                           return !g.serves(c) || g.service.has_value();
                         });
      if (!st.service_by_class[static_cast<std::size_t>(c)] && !rated)
        cx.access.error(
            at, child(cx.stage_entries[s].path, "service"),
            fmt::format("class '{}' reaches this stage but has no service time here", cid),
            fmt::format("service = \"…\" for every class, or service_by_class.{} = \"…\"", cid));
      const bool served = std::any_of(st.lanes.begin(), st.lanes.end(),
                                      [&](const lane_group& g) { return g.serves(c); });
      if (!served)
        cx.access.error(
            at, child(cx.stage_entries[s].path, "lanes"),
            fmt::format("class '{}' reaches this stage but no lane group serves it", cid),
            fmt::format("add '{}' to a group's classes, or a group without classes", cid));
    }
  }
  for (std::size_t c = 0; c < nc; ++c)
    if (!class_has_demand[c] &&
        std::none_of(cx.sc.yards.begin(), cx.sc.yards.end(),
                     [&](const yard& y) { return y.receiving_class == static_cast<int>(c); }))
      cx.access.warning(cx.class_entries[c].where, cx.class_entries[c].path,
                        "no demand uses this class");
  auto warn_unused = [&](const std::vector<bool>& used, const std::vector<entry>& entries,
                         std::string_view message) {
    for (std::size_t i = 0; i < used.size(); ++i)
      if (!used[i]) cx.access.warning(entries[i].where, entries[i].path, std::string(message));
  };
  warn_unused(element_used_link, cx.link_entries, "no route passes this link");
  warn_unused(element_used_holding, cx.holding_entries, "no route passes this holding area");
  warn_unused(element_used_yard, cx.yard_entries, "no route passes this yard");
}

}  // namespace tumen::scenario::detail
