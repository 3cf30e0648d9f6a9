// Building one replication of a crossing, running it, and collecting its figures
// (see tumen/model/crossing.hpp and detail/crossing.hpp).
#include "detail/crossing.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "tumen/base/stop.hpp"

namespace tumen::model {

results::replication_result run_replication(const scenario::scenario& sc, std::uint64_t replication,
                                            const run_options& options) {
  detail::crossing c(sc, options.seed.value_or(sc.run.seed), replication, options.trace, options);
  return c.run(options.stop);
}

namespace detail {

// A trip counts as live from new_trip() (so a trip started but not yet running at the end of a
// run is inside) until its frame ends, whichever way it ends.
crossing::live_guard::live_guard(crossing* cr, const trip* tr) : c(cr), t(tr) {}

crossing::live_guard::~live_guard() {
  auto& f = c->flows_[static_cast<std::size_t>(t->flow)];
  --f.live;
  f.live_tonnes -= t->tonnes;
  --c->live_total_;
}

crossing::crossing(const scenario::scenario& sc, std::uint64_t seed, std::uint64_t replication,
                   results::trace_observer* trace, const run_options& options)
    : sc_(sc),
      seed_(seed),
      replication_(replication),
      trace_(trace),
      stop_when_saturated_(options.stop_when_saturated),
      max_live_for_memory_(
          static_cast<std::int64_t>(options.memory_budget / run_options::bytes_per_vehicle)) {
  for (int i = 0; i < static_cast<int>(sc.stages.size()); ++i)
    stages_.emplace_back(sim_, sc, i, seed, replication);
  for (const auto& h : sc.holding) holding_.emplace_back(sim_, h);
  for (int i = 0; i < static_cast<int>(sc.yards.size()); ++i)
    yards_.emplace_back(sim_, sc, i, seed, replication);
  for (int i = 0; i < static_cast<int>(sc.links.size()); ++i) links_.emplace_back(sc, i);
  for (auto& st : stages_) stage_at_.push_back(&st);
  for (auto& h : holding_) holding_at_.push_back(&h);
  for (auto& y : yards_) yard_at_.push_back(&y);
  for (auto& l : links_) link_at_.push_back(&l);
  for (std::size_t d = 0; d < sc.demands.size(); ++d) {
    const auto n = std::to_string(d);
    demand_rngs_.push_back({{seed, replication, "arrivals/" + n},
                            {seed, replication, "persons/" + n},
                            {seed, replication, "loaded/" + n},
                            {seed, replication, "cargo/" + n},
                            {seed, replication, "booking/" + n}});
  }
  if (sc.has_rail()) rail_ = std::make_unique<rail_line>(sim_, sc, seed, replication, trace);
  for (const auto& st : sc.stages) {
    stage_records_.push_back(records_.size());
    if (st.lanes.size() == 1) {
      records_.emplace_back("stage", st.id);
      continue;
    }
    for (const auto& g : st.lanes) {
      std::string classes;
      for (std::size_t c = 0; c < sc.classes.size(); ++c)
        if (g.serves(static_cast<int>(c)))
          classes += (classes.empty() ? "" : "+") + sc.classes[c].id;
      records_.emplace_back("stage", st.id, classes);
    }
  }
  for (const auto& h : sc.holding) records_.emplace_back("holding", h.id);
  for (const auto& y : sc.yards) records_.emplace_back("yard", y.id);
  const auto first_measured = static_cast<std::size_t>(std::ceil(sc.run.warmup / tumen::days));
  for (auto& r : records_) r.first_measured = first_measured;
  // Demand flows first, in scenario order, so result rows are stable.
  for (const auto& d : sc.demands)
    demand_flow_.push_back(flow_index(d.route, d.vehicle_class, origin::demand));
}

int crossing::flow_index(int route, int vehicle_class, origin o) {
  const auto key = std::make_tuple(route, vehicle_class, static_cast<int>(o));
  auto it = flow_by_key_.find(key);
  if (it != flow_by_key_.end()) return it->second;
  flow_state f;
  f.figures.route = sc_.routes[static_cast<std::size_t>(route)].id;
  f.figures.vehicle_class = sc_.classes[static_cast<std::size_t>(vehicle_class)].id;
  f.figures.origin = o == origin::demand ? "demand" : o == origin::transfer ? "transfer" : "empty";
  flows_.push_back(std::move(f));
  const int index = static_cast<int>(flows_.size()) - 1;
  flow_by_key_.emplace(key, index);
  return index;
}

sim::process<> crossing::stage_controller(int stage) {
  auto& st = stages_[static_cast<std::size_t>(stage)];
  // The next change of any group, from the time of the last one (not from now(), which the
  // timeout may have rounded): the sorted union of the groups' change times.
  const auto next_after = [&st](sim_time after) {
    std::optional<sim_time> next;
    for (std::size_t g = 0; g < st.group_count(); ++g)
      if (const auto t = st.group_opening(static_cast<int>(g)).next_change(after))
        if (!next || *t < *next) next = t;
    return next;
  };
  for (auto t = next_after(0); t; t = next_after(*t)) {
    co_await sim_.timeout(*t - sim_.now(), sim::priority::urgent);
    st.apply_opening(sim_.now());
  }
}

sim::process<> crossing::yard_controller(int yard) {
  auto& y = yards_[static_cast<std::size_t>(yard)];
  for (auto t = y.hours().next_change(0); t; t = y.hours().next_change(*t)) {
    co_await sim_.timeout(*t - sim_.now(), sim::priority::urgent);
    y.apply_opening(sim_.now());
  }
}

sim::process<> crossing::warmup_reset() {
  co_await sim_.timeout(sc_.run.warmup, sim::priority::late);
  const sim_time now = sim_.now();
  for (auto& s : stages_) s.reset(now);
  for (auto& h : holding_) h.reset(now);
  for (auto& y : yards_) y.reset(now);
  if (rail_) rail_->reset(now);
}

void crossing::check_saturation() {
  if (max_live_for_memory_ > 0 && live_total_ > max_live_for_memory_ && stopped_because_.empty()) {
    stopped_because_ = "memory";
    sim_.stop();
    return;
  }
  if (live_total_ <= static_cast<std::int64_t>(sc_.run.max_vehicles_inside) || saturated_) return;
  results::saturation s;
  s.at = sim_.now();
  s.day = static_cast<int>(std::floor(sim_.now() / tumen::days)) + 1;
  double longest = -1;
  for (const auto& st : stages_)
    if (st.queue_level() > longest) {
      longest = st.queue_level();
      s.stage = st.def().id;
    }
  for (const auto& h : holding_)
    if (h.waiting_outside() > longest) {
      longest = h.waiting_outside();
      s.stage = h.def().id;
    }
  for (const auto& y : yards_)
    if (y.queue_level() > longest) {
      longest = y.queue_level();
      s.stage = y.def().id;
    }
  saturated_ = s;
  if (stopped_because_.empty()) stopped_because_ = "cap";
  sim_.stop();
}

sim::process<> crossing::backlog_sampler() {
  for (;;) {
    for (int h = 0; h < 24; ++h) {
      co_await sim_.timeout(tumen::hours, sim::priority::late);
      std::size_t i = 0;
      for (const auto& st : stages_) {
        if (st.group_count() == 1)
          records_[i++].sample(st.queue_level());
        else
          for (std::size_t g = 0; g < st.group_count(); ++g)
            records_[i++].sample(static_cast<double>(st.group_backlog(static_cast<int>(g))));
      }
      for (const auto& ho : holding_) records_[i++].sample(ho.waiting_outside());
      for (const auto& y : yards_) records_[i++].sample(static_cast<double>(y.backlog()));
    }
    if (!stop_when_saturated_ || !stopped_because_.empty()) continue;
    const double measured_days = (sim_.now() - sc_.run.warmup) / tumen::days;
    refresh_records(sim_.now());
    for (const auto& r : records_)
      if (certainly_saturated(r, measured_days)) {
        stopped_because_ = "saturated";
        sim_.stop();
        co_return;
      }
  }
}

void crossing::refresh_records(sim_time now) {
  for (std::size_t s = 0; s < stages_.size(); ++s) {
    const auto& st = stages_[s];
    for (std::size_t g = 0; g < st.group_count(); ++g) {
      auto& r = records_[stage_records_[s] + g];
      const int gi = static_cast<int>(g);
      r.arrived = st.group_joined(gi);
      r.lost = st.group_abandoned(gi);
      r.backlog_at_end = st.group_backlog(gi);
      r.load = st.group_load(gi, now);
    }
  }
  std::size_t i = stages_.empty() ? 0 : stage_records_.back() + stages_.back().group_count();
  for (const auto& h : holding_) {
    auto& r = records_[i++];
    r.arrived = h.entered() + h.turned_away();
    r.lost = h.turned_away();
    r.backlog_at_end = static_cast<std::uint64_t>(h.waiting_outside());
    r.load = std::numeric_limits<double>::infinity();
  }
  for (const auto& y : yards_) {
    auto& r = records_[i++];
    r.arrived = y.trucks_arrived();
    r.backlog_at_end = y.backlog();
  }
}

results::run_verdict crossing::verdict(double measured_days) {
  refresh_records(sim_.now());
  results::run_verdict v;
  const overflow full{static_cast<std::uint64_t>(live_total_), sim_.now() / tumen::days};
  const bool stopped_full = stopped_because_ == "memory" || stopped_because_ == "cap";
  for (const auto& r : records_) {
    v.elements.push_back(judge(r, measured_days, stopped_full ? &full : nullptr));
    v.verdict = results::worst(v.verdict, v.elements.back().verdict);
  }
  v.stopped_because = stopped_because_.empty() ? "end" : stopped_because_;
  return v;
}

results::replication_result crossing::run(const std::atomic<bool>* stop) {
  for (int i = 0; i < static_cast<int>(stages_.size()); ++i)
    sim_.start(stage_controller(i), "opening of " + sc_.stages[static_cast<std::size_t>(i)].id);
  for (int i = 0; i < static_cast<int>(yards_.size()); ++i)
    sim_.start(yard_controller(i), "opening of " + sc_.yards[static_cast<std::size_t>(i)].id);
  if (sc_.run.warmup > 0) sim_.start(warmup_reset(), "warm-up");
  sim_.start(backlog_sampler(), "backlog sampler");
  place_initial_queues();
  if (rail_) rail_->start();
  for (int d = 0; d < static_cast<int>(sc_.demands.size()); ++d) {
    const auto& dm = sc_.demands[static_cast<std::size_t>(d)];
    const std::string name = "demand " + std::to_string(d);
    if (dm.booked)
      sim_.start(booked_source(d), name);
    else if (dm.arrivals == scenario::arrival_process::even)
      sim_.start(even_source(d), name);
    else
      sim_.start(poisson_source(d), name);
  }
  // An hour of simulated time at a time, so that a stop request is seen within one; the events
  // and their order are the same as in one call (a saturated run stops itself: saturated_).
  for (sim_time until = 0; until < sc_.run.length() && stopped_because_.empty();) {
    throw_if_stopped(stop);
    until = std::min(until + tumen::hours, sc_.run.length());
    sim_.run(until);
  }
  return collect();
}

results::replication_result crossing::collect() {
  results::replication_result r;
  const sim_time now = sim_.now();
  r.scenario = sc_.name;
  r.seed = seed_;
  r.replication = replication_;
  r.days = sc_.run.days;
  r.warmup = sc_.run.warmup;
  r.ended_at = now;
  r.measured = std::max(0.0, now - sc_.run.warmup);
  r.events = sim_.dispatched();
  r.saturated = saturated_;
  const double measured_days = r.measured / tumen::days;

  auto& t = r.totals;
  for (auto& f : flows_) {
    auto fr = f.figures;
    fr.inside = static_cast<std::uint64_t>(f.live);
    fr.tonnes_inside = f.live_tonnes;
    fr.time_in_system = f.time_in_system.summary();
    if (measured_days > 0) {
      t.vehicles_per_day += static_cast<double>(fr.cleared_measured) / measured_days;
      t.persons_per_day += fr.persons_cleared_measured / measured_days;
      t.tonnes_per_day += fr.tonnes_cleared_measured / measured_days;
    }
    t.vehicles_inside_at_end += fr.inside;
    r.flows.push_back(std::move(fr));
  }
  t.design_vehicles_per_day = sc_.design.vehicles_per_day;
  t.design_persons_per_day = sc_.design.persons_per_day;
  t.design_tonnes_per_day = sc_.design.tonnes_per_day;
  t.peak_vehicles_inside = static_cast<std::uint64_t>(peak_live_);

  for (const auto& s : stages_) r.stages.push_back(s.result(sc_, now));
  for (const auto& h : holding_) r.holding.push_back(h.result(now));
  for (const auto& y : yards_) r.yards.push_back(y.result(sc_, now));
  for (const auto& l : links_) r.links.push_back(l.result());
  if (rail_) rail_->collect(r);
  t.all_modes_persons_per_day = t.persons_per_day + t.rail_persons_per_day;
  t.all_modes_tonnes_per_day = t.tonnes_per_day + t.rail_tonnes_per_day;

  r.verdict = verdict(measured_days);
  for (const auto& v : r.verdict.elements) {
    const std::string name =
        v.kind + " " + v.element + (v.lane_group.empty() ? "" : " (" + v.lane_group + " lanes)");
    if (v.verdict == results::verdict_kind::saturated)
      r.warnings.push_back(fmt::format(
          "saturated: {}: the backlog grows by {:.0f}{} vehicles a day from day {}; {} "
          "waiting at the end",
          name, v.growth_per_day,
          std::isfinite(v.growth_half_width) ? fmt::format(" ± {:.0f}", v.growth_half_width)
                                             : std::string(" (too few days for an interval)"),
          v.since_day.value_or(1), v.backlog_at_end));
    else if (v.verdict == results::verdict_kind::stable_by_losing)
      r.warnings.push_back(fmt::format(
          "stable only by losing vehicles: {}: {:.1f} % of arrivals abandoned or were turned away",
          name, 100 * v.lost_share));
  }
  if (r.verdict.stopped_because == "saturated")
    r.warnings.push_back(fmt::format(
        "the run stopped on day {}: its backlog growth was certain (it would only have grown)",
        static_cast<int>(std::ceil(now / tumen::days))));
  else if (r.verdict.stopped_because == "memory")
    r.warnings.push_back(
        fmt::format("the run stopped on day {}: {} vehicles inside reached the memory budget",
                    static_cast<int>(std::floor(now / tumen::days)) + 1, live_total_));
  if (!records_.empty() && records_.front().days() < min_days_for_trend)
    r.warnings.push_back(fmt::format(
        "{:.1f} days simulated: too few to test whether backlogs grow (at least {} needed)",
        now / tumen::days, min_days_for_trend));
  else if (measured_days < static_cast<double>(min_days_for_trend))
    r.warnings.push_back(
        fmt::format("{:.1f} days measured: backlog growth judged over every day, warm-up included",
                    measured_days));
  if (saturated_)
    r.warnings.push_back(
        fmt::format("saturated at day {} at stage {}: {} vehicles inside reached the cap "
                    "(run.max_vehicles_inside); the run stopped early",
                    saturated_->day, saturated_->stage, sc_.run.max_vehicles_inside));
  for (const auto& s : r.stages)
    if (s.waiting_at_end > 0)
      r.warnings.push_back(fmt::format("{}: {} vehicles still waiting at the end of the run", s.id,
                                       s.waiting_at_end));
  return r;
}

}  // namespace detail
}  // namespace tumen::model
