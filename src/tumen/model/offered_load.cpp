// Offered load per lane group, stage, yard, holding area and link, from the scenario alone (see
// tumen/model/offered_load.hpp).
//
// Expected flows are pushed along routes hour by hour of the day: each demand's mean vehicles in
// each hour (weekday factors averaged over the week, demand scale applied) walk its path; at a
// stage they add vehicles × mean service time to their class's work (in that hour of the week:
// the lane groups' service_scale or processing rate per hour; averaged over the groups that serve
// the class, weighted by their lanes, when those differ), then branch shares send
// part of them through further stages; at a yard, transshipping classes end their trip: the
// loaded share adds transfer work and continues as receiving trucks on the onward route (or the
// rest of the path), all of them as empty trucks on the empty-truck route if one is set. Flows
// keep the hour they entered the crossing (travel and waiting times are not added).
//
// A stage's work is then split by the lanes each class may use. The lanes are stable only if,
// for every set of lane groups, the work of the classes that can use no other lanes fits in
// their open time (the condition for flexible servers; a class may use any lane of its groups).
// One row is made per distinct set of groups a class may use, and one more for the tightest set
// of groups when that is tighter than every such row.
#include "tumen/model/offered_load.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

#include "detail/opening.hpp"

namespace tumen::model {

namespace {

// A figure per hour of the week: slot weekday × 24 + hour, weekday 0 = Monday.
using profile = std::array<double, 168>;

profile scaled(const profile& p, double f) {
  profile out{};
  for (std::size_t h = 0; h < out.size(); ++h) out[h] = p[h] * f;
  return out;
}

void add(profile& to, const profile& p) {
  for (std::size_t h = 0; h < to.size(); ++h) to[h] += p[h];
}

profile product(const profile& a, const profile& b) {
  profile out{};
  for (std::size_t h = 0; h < out.size(); ++h) out[h] = a[h] * b[h];
  return out;
}

// The mean service time of class c at a stage in each hour of the week, or nullopt without one.
std::optional<profile> service_means(const scenario::stage& st, std::size_t c) {
  profile out{};
  double lanes = 0;
  for (const auto& g : st.lanes) {
    if (!g.serves(static_cast<int>(c))) continue;
    const auto& service = g.service ? g.service : st.service_by_class[c];
    if (!service) return std::nullopt;
    const double mean = service->mean();
    for (std::size_t slot = 0; slot < out.size(); ++slot)
      out[slot] +=
          g.count * mean * g.scale.at(static_cast<int>(slot % 24), static_cast<int>(slot / 24));
    lanes += g.count;
  }
  if (lanes <= 0) return std::nullopt;
  return scaled(out, 1 / lanes);
}

double sum(const profile& p) {
  double s = 0;
  for (const double x : p) s += x;
  return s;
}

// The share of the run's days that fall on each weekday.
std::array<double, 7> weekday_shares(const scenario::scenario& sc) {
  std::array<double, 7> out{};
  for (int d = 0; d < sc.run.days; ++d)
    out[static_cast<std::size_t>(detail::weekday_of(sc, d * tumen::days))] += 1.0 / sc.run.days;
  return out;
}

// Units (lanes, bays) × seconds open in each hour of the week, averaged over the run's days that
// fall on that weekday: open_at is constant between consecutive change times, so the integral is
// exact.
profile open_units_by_hour(const scenario::scenario& sc, const detail::opening& o, int units) {
  const sim_time length = sc.run.length();
  profile out{};
  // weekday_of(sc, a) for the a of one day, a run of pieces: every a in [day_from, day_until)
  // has the same day index (floor(a / days), which is monotonic in a), so its weekday is looked
  // up once a day instead of once an hour.
  sim_time day_from = 0, day_until = 0;
  int weekday = 0;
  const auto weekday_at = [&](sim_time a) {
    if (a >= day_from && a < day_until) return weekday;
    const double day = std::floor(a / tumen::days);
    weekday = detail::weekday_of(sc, a);
    day_from = a;
    day_until = (day + 1) * tumen::days;
    const sim_time below = std::nextafter(day_until, -std::numeric_limits<sim_time>::infinity());
    if (!(std::floor(below / tumen::days) == day)) day_until = day_from;  // no window: look up
    return weekday;
  };
  auto add_segment = [&](sim_time a, sim_time b) {
    const double v = o.open_at(a, units);
    while (a < b) {
      const auto k = static_cast<long long>(std::floor(a / tumen::hours));
      sim_time end = static_cast<double>(k + 1) * tumen::hours;
      if (end <= a) end = a + tumen::hours;
      const sim_time c = std::min(b, end);
      out[static_cast<std::size_t>(weekday_at(a) * 24 + k % 24)] += v * (c - a);
      a = c;
    }
  };
  sim_time from = 0;
  for (const sim_time to : o.changes()) {
    if (to > length) break;
    add_segment(from, to);
    from = to;
  }
  if (from < length) add_segment(from, length);
  const auto shares = weekday_shares(sc);
  for (std::size_t slot = 0; slot < out.size(); ++slot) {
    const double days = shares[slot / 24] * sc.run.days;
    out[slot] = days > 0 ? out[slot] / days : 0;
  }
  return out;
}

double ratio(double work, double capacity) {
  if (capacity > 0) return work / capacity;
  return work > 0 ? std::numeric_limits<double>::infinity() : 0;
}

// What flowed into one stage or yard, per class.
struct inflow {
  std::vector<profile> arrivals, work;
  std::vector<double> unbounded;  // vehicles a day not coming through a turn-away holding area
  explicit inflow(std::size_t classes) : arrivals(classes), work(classes), unbounded(classes) {}
};

// What passed a holding area or link.
struct passage {
  profile arrivals{};
  std::vector<bool> classes;
  std::vector<scenario::element_ref> feeds;
  explicit passage(std::size_t n) : classes(n) {}
};

// One row. Arrivals and work are per hour of a week of demand; capacity per hour of the week on
// the run's days; `shares` weighs each weekday by its share of the run's days.
results::element_load make_row(std::string element, std::string kind, std::string lane_group,
                               int lanes, std::vector<std::string> classes, const profile& arrivals,
                               const profile& work, const profile& capacity,
                               const std::array<double, 7>& shares) {
  results::element_load l;
  l.element = std::move(element);
  l.kind = std::move(kind);
  l.lane_group = std::move(lane_group);
  l.lanes = lanes;
  l.classes = std::move(classes);
  std::array<double, 24> work_h{}, capacity_h{};
  for (std::size_t slot = 0; slot < 168; ++slot) {
    work_h[slot % 24] += work[slot] / 7;
    capacity_h[slot % 24] += capacity[slot] * shares[slot / 24];
  }
  l.arrivals_per_day = sum(arrivals) / 7;
  for (std::size_t h = 0; h < 24; ++h) {
    l.work_per_day += work_h[h];
    l.capacity_per_day += capacity_h[h];
    l.rho_by_hour[h] = ratio(work_h[h], capacity_h[h]);
  }
  l.rho = ratio(l.work_per_day, l.capacity_per_day);
  for (std::size_t slot = 0; slot < 168; ++slot) {
    if (shares[slot / 24] <= 0 || capacity[slot] <= 0) continue;
    const double r = work[slot] / capacity[slot];
    if (r > l.peak_rho) {
      l.peak_rho = r;
      l.peak_weekday = static_cast<int>(slot / 24);
      l.peak_hour = static_cast<int>(slot % 24);
    }
  }
  return l;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : "+") + w;
  return out;
}

// "patience", "turn_away", "patience+turn_away" or "": what bounds the queue of every class in
// `classes` at a stage (patience may be null for yards).
std::string kept_stable_by(const std::vector<int>& classes, const inflow& in,
                           const std::vector<std::optional<random::distribution>>* patience) {
  if (classes.empty()) return "";
  bool any_patience = false, any_turned = false;
  for (const int c : classes) {
    const auto ci = static_cast<std::size_t>(c);
    const bool patient = patience && (*patience)[ci].has_value();
    const bool turned = in.unbounded[ci] <= 0;
    if (!patient && !turned) return "";
    any_patience = any_patience || patient;
    any_turned = any_turned || (turned && !patient);
  }
  if (any_patience && any_turned) return "patience+turn_away";
  return any_patience ? "patience" : "turn_away";
}

void settle_note(results::element_load& l, std::string kept) {
  if (l.rho >= 1 || l.peak_rho >= 1) l.kept_stable_by = std::move(kept);
}

// The rows of stage `s`: one for the whole stage when every class may use every lane, else one
// per set of lane groups a class may use (and the tightest set of groups if tighter still).
void stage_rows(const scenario::scenario& sc, std::size_t s, const inflow& in,
                std::vector<results::element_load>& out) {
  const auto& st = sc.stages[s];
  const std::size_t n = st.lanes.size();
  const scenario::element_ref me{scenario::element_kind::stage, static_cast<int>(s)};
  std::vector<profile> cap(n);
  for (std::size_t g = 0; g < n; ++g) {
    detail::opening o(sc, &st.hours, &st.lanes[g].open_lanes, me);
    cap[g] = open_units_by_hour(sc, o, st.lanes[g].count);
  }
  std::vector<int> reaching;
  std::vector<unsigned> mask(sc.classes.size(), 0);
  const unsigned full = n >= 32 ? ~0u : (1u << n) - 1;
  for (std::size_t c = 0; c < sc.classes.size(); ++c) {
    if (sum(in.arrivals[c]) <= 0) continue;
    reaching.push_back(static_cast<int>(c));
    for (std::size_t g = 0; g < n && g < 32; ++g)
      if (st.lanes[g].serves(static_cast<int>(c))) mask[c] |= 1u << g;
  }
  const bool split = n > 1 && n < 32 && std::any_of(reaching.begin(), reaching.end(), [&](int c) {
                       return mask[static_cast<std::size_t>(c)] != full;
                     });

  auto row_for = [&](unsigned groups, std::string label) {
    profile arrivals{}, work{}, capacity{};
    std::vector<std::string> names;
    std::vector<int> classes;
    int lanes = 0;
    for (std::size_t g = 0; g < n; ++g)
      if (groups & (1u << g)) {
        add(capacity, cap[g]);
        lanes += st.lanes[g].count;
      }
    for (const int c : reaching) {
      const auto ci = static_cast<std::size_t>(c);
      if (mask[ci] == 0 || (mask[ci] & ~groups) != 0) continue;
      add(arrivals, in.arrivals[ci]);
      add(work, in.work[ci]);
      names.push_back(sc.classes[ci].id);
      classes.push_back(c);
    }
    if (label.empty() && split) label = join(names);
    auto l = make_row(st.id, "stage", std::move(label), lanes, std::move(names), arrivals, work,
                      capacity, weekday_shares(sc));
    settle_note(l, kept_stable_by(classes, in, &st.patience_by_class));
    return l;
  };

  if (!split) {
    out.push_back(row_for(full, ""));
    return;
  }
  std::vector<unsigned> sets;
  for (const int c : reaching) {
    const unsigned m = mask[static_cast<std::size_t>(c)];
    if (m != 0 && std::find(sets.begin(), sets.end(), m) == sets.end()) sets.push_back(m);
  }
  double worst_row = 0;
  for (const unsigned m : sets) {
    out.push_back(row_for(m, ""));
    worst_row = std::max(worst_row, out.back().rho);
  }
  if (n > 12) return;  // 4,096 sets of groups at most
  std::vector<double> work_by_class(sc.classes.size());
  for (const int c : reaching)
    work_by_class[static_cast<std::size_t>(c)] = sum(in.work[static_cast<std::size_t>(c)]) / 7;
  std::vector<double> cap_by_group(n);
  const auto shares = weekday_shares(sc);
  for (std::size_t g = 0; g < n; ++g)
    for (std::size_t slot = 0; slot < 168; ++slot)
      cap_by_group[g] += cap[g][slot] * shares[slot / 24];
  unsigned tightest = 0;
  double tightest_rho = worst_row;
  for (unsigned groups = 1; groups <= full; ++groups) {
    double work = 0, capacity = 0;
    for (const int c : reaching) {
      const auto ci = static_cast<std::size_t>(c);
      if (mask[ci] != 0 && (mask[ci] & ~groups) == 0) work += work_by_class[ci];
    }
    for (std::size_t g = 0; g < n; ++g)
      if (groups & (1u << g)) capacity += cap_by_group[g];
    const double r = ratio(work, capacity);
    if (r > tightest_rho * (1 + 1e-9) + 1e-12) {
      tightest = groups;
      tightest_rho = r;
    }
  }
  if (tightest != 0) out.push_back(row_for(tightest, ""));
}

}  // namespace

std::vector<results::element_load> offered_load(const scenario::scenario& sc) {
  const std::size_t nc = sc.classes.size();
  std::vector<inflow> stages(sc.stages.size(), inflow(nc)), yards(sc.yards.size(), inflow(nc));
  std::vector<passage> holding(sc.holding.size(), passage(nc)), links(sc.links.size(), passage(nc));

  // Each class's mean service time at each stage, hour by hour of the week, worked out once.
  std::vector<std::vector<std::optional<profile>>> means_by_stage;
  for (const auto& st : sc.stages) {
    auto& means = means_by_stage.emplace_back();
    for (std::size_t c = 0; c < nc; ++c) means.push_back(service_means(st, c));
  }

  std::function<void(int, const profile&, int, bool)> visit_stage = [&](int s, const profile& flow,
                                                                        int cls, bool bounded) {
    if (sum(flow) <= 0) return;
    auto& in = stages[static_cast<std::size_t>(s)];
    const auto ci = static_cast<std::size_t>(cls);
    const auto& st = sc.stages[static_cast<std::size_t>(s)];
    add(in.arrivals[ci], flow);
    if (const auto& means = means_by_stage[static_cast<std::size_t>(s)][ci])
      add(in.work[ci], product(flow, *means));
    if (!bounded) in.unbounded[ci] += sum(flow);
    for (const auto& b : st.next) {
      const double share = b.share_by_class[ci];
      if (share <= 0) continue;
      visit_stage(b.stage, scaled(flow, share), cls, false);
    }
  };

  std::function<void(int, std::size_t, const profile&, int, int)> walk =
      [&](int route, std::size_t from, const profile& flow, int cls, int depth) {
        if (depth > 8 || sum(flow) <= 0) return;
        const auto ci = static_cast<std::size_t>(cls);
        const auto& path = sc.routes[static_cast<std::size_t>(route)].path;
        bool via_turn_away = false;
        for (std::size_t p = from; p < path.size(); ++p) {
          const auto e = path[p];
          const auto ei = static_cast<std::size_t>(e.index);
          const bool bounded = via_turn_away;
          via_turn_away = false;
          if (e.kind == scenario::element_kind::link) {
            add(links[ei].arrivals, flow);
            links[ei].classes[ci] = true;
          } else if (e.kind == scenario::element_kind::holding) {
            auto& h = holding[ei];
            add(h.arrivals, flow);
            h.classes[ci] = true;
            if (p + 1 < path.size() &&
                std::find(h.feeds.begin(), h.feeds.end(), path[p + 1]) == h.feeds.end())
              h.feeds.push_back(path[p + 1]);
            via_turn_away = sc.holding[ei].when_full == scenario::when_full_policy::turn_away;
          } else if (e.kind == scenario::element_kind::stage) {
            visit_stage(e.index, flow, cls, bounded);
          } else if (e.kind == scenario::element_kind::yard && sc.classes[ci].transship) {
            const auto& y = sc.yards[ei];
            const auto& c = sc.classes[ci];
            const profile loaded = scaled(flow, c.loaded_share);
            const double tonnes = c.cargo_tonnes.mean();
            double per_truck = y.setup.mean();
            if (y.rate_tph)
              per_truck += tonnes / *y.rate_tph * tumen::hours;
            else if (y.time_per_truck)
              per_truck += y.time_per_truck->mean();
            auto& in = yards[ei];
            add(in.arrivals[ci], flow);
            add(in.work[ci], scaled(loaded, per_truck));
            if (!bounded) in.unbounded[ci] += sum(flow);
            if (y.onward_route)
              walk(*y.onward_route, 0, loaded, y.receiving_class, depth + 1);
            else
              walk(route, p + 1, loaded, y.receiving_class, depth + 1);
            if (y.empty_truck_route) walk(*y.empty_truck_route, 0, flow, cls, depth + 1);
            return;
          }
        }
      };

  for (const auto& d : sc.demands) {
    profile flow{};
    for (int h = 0; h < 24; ++h) {
      for (int wd = 0; wd < 7; ++wd)
        flow[static_cast<std::size_t>(wd * 24 + h)] = d.rate(h, wd, sc.run.demand_scale);
    }
    walk(d.route, 0, flow, d.vehicle_class, 0);
  }

  std::vector<results::element_load> all;
  for (std::size_t i = 0; i < sc.stages.size(); ++i) stage_rows(sc, i, stages[i], all);
  const std::size_t yard_rows = all.size();
  for (std::size_t i = 0; i < sc.yards.size(); ++i) {
    const auto& y = sc.yards[i];
    detail::opening o(sc, &y.hours, nullptr, {scenario::element_kind::yard, static_cast<int>(i)});
    profile arrivals{}, work{};
    std::vector<std::string> names;
    std::vector<int> classes;
    for (std::size_t c = 0; c < nc; ++c) {
      if (sum(yards[i].arrivals[c]) <= 0) continue;
      add(arrivals, yards[i].arrivals[c]);
      add(work, yards[i].work[c]);
      names.push_back(sc.classes[c].id);
      classes.push_back(static_cast<int>(c));
    }
    auto l = make_row(y.id, "yard", "", y.transfers_at_once(), std::move(names), arrivals, work,
                      open_units_by_hour(sc, o, y.transfers_at_once()), weekday_shares(sc));
    settle_note(l, kept_stable_by(classes, yards[i], nullptr));
    all.push_back(std::move(l));
  }

  auto class_names = [&](const passage& p) {
    std::vector<std::string> names;
    for (std::size_t c = 0; c < nc; ++c)
      if (p.classes[c]) names.push_back(sc.classes[c].id);
    return names;
  };
  const std::size_t element_rows = all.size();
  for (std::size_t i = 0; i < sc.holding.size(); ++i) {
    const auto& h = sc.holding[i];
    const auto& p = holding[i];
    // The busiest row of the elements it feeds that one of its classes makes.
    const results::element_load* worst = nullptr;
    std::vector<std::string> fed;
    for (const auto& f : p.feeds) {
      const auto fi = static_cast<std::size_t>(f.index);
      const std::string& id = f.kind == scenario::element_kind::yard    ? sc.yards[fi].id
                              : f.kind == scenario::element_kind::stage ? sc.stages[fi].id
                                                                        : std::string();
      if (id.empty()) continue;
      fed.push_back(id);
      for (std::size_t r = 0; r < element_rows; ++r) {
        const auto& row = all[r];
        if (row.element != id || (r < yard_rows) != (f.kind == scenario::element_kind::stage))
          continue;
        const bool ours = std::any_of(row.classes.begin(), row.classes.end(), [&](const auto& c) {
          for (std::size_t k = 0; k < nc; ++k)
            if (p.classes[k] && sc.classes[k].id == c) return true;
          return false;
        });
        if (ours && (!worst || row.rho > worst->rho)) worst = &row;
      }
    }
    results::element_load l;
    l.element = h.id;
    l.kind = "holding";
    l.lanes = h.capacity;
    l.classes = class_names(p);
    l.arrivals_per_day = sum(p.arrivals) / 7;
    l.feeds = join(fed);
    if (worst) {
      l.work_per_day = worst->work_per_day;
      l.capacity_per_day = worst->capacity_per_day;
      l.rho = worst->rho;
      l.rho_by_hour = worst->rho_by_hour;
      l.peak_rho = worst->peak_rho;
      l.peak_hour = worst->peak_hour;
      settle_note(l, h.when_full == scenario::when_full_policy::turn_away ? "turn_away"
                                                                          : worst->kept_stable_by);
    }
    all.push_back(std::move(l));
  }
  for (std::size_t i = 0; i < sc.links.size(); ++i) {
    const auto& k = sc.links[i];
    detail::opening o(sc, nullptr, nullptr, {scenario::element_kind::link, static_cast<int>(i)});
    const profile work = scaled(links[i].arrivals, k.min_headway);
    // Without a headway a link admits any flow: it has no load.
    const profile capacity = k.min_headway > 0 ? open_units_by_hour(sc, o, k.lanes) : profile{};
    all.push_back(make_row(k.id, "link", "", k.lanes, class_names(links[i]), links[i].arrivals,
                           work, capacity, weekday_shares(sc)));
  }
  return all;
}

}  // namespace tumen::model
