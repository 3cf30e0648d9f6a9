// Verdicts: whether each queueing element of a crossing kept up with its work in one replication,
// decided from the run itself (not from the safety cap, not from the offered load).
//
// An element is *stable* when its backlog did not grow over the measured days, *saturated* when
// it did (more work arrived than it could do: the backlog grows by about `growth_per_day`
// vehicles a day, from `since_day` on), and *stable_by_losing* when its backlog stayed bounded
// only because vehicles left it unserved (abandoned, turned away): `lost_share` of those that
// arrived. The crossing's verdict is the worst of its elements' (saturated > stable_by_losing >
// stable). How growth is tested is described in docs/modelling-assumptions.md.
//
//   for (const auto& v : result.verdicts)
//     if (v.verdict == tumen::results::verdict_kind::saturated)
//       warn(v.element, v.growth_per_day);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tumen::results {

enum class verdict_kind {
  stable,            // the backlog did not grow
  stable_by_losing,  // bounded only because vehicles left unserved (abandoned, turned away)
  saturated,         // the backlog grew over the measured days
};

// "stable", "stable_by_losing", "saturated": the words JSON and the results database use.
std::string_view to_string(verdict_kind v);

// The worse of two verdicts (saturated > stable_by_losing > stable).
verdict_kind worst(verdict_kind a, verdict_kind b);

// The verdict on one element of one replication.
struct element_verdict {
  std::string kind;        // "stage" | "holding" | "yard"
  std::string element;     // its id
  std::string lane_group;  // a stage's lane group when the stage has several: the classes it
                           // serves ("truck", "car+bus"); empty for the element as a whole
  verdict_kind verdict = verdict_kind::stable;
  double growth_per_day = 0;         // fitted backlog growth, vehicles per day
  double growth_half_width = 0;      // its 95 % half-width
  std::optional<int> since_day;      // saturated: the day (1-based) the growth began
  double lost_share = 0;             // abandoned + turned away, over arrived
  std::uint64_t backlog_at_end = 0;  // vehicles still waiting when the run ended
  // A stage's lane group: the load its arrivals offered over the measured period (vehicles
  // joining per second × mean service ÷ mean lanes open); 0 for holding areas and yards.
  double load = 0;
};

// The verdict on a whole replication.
struct run_verdict {
  verdict_kind verdict = verdict_kind::stable;  // the worst element's
  std::vector<element_verdict> elements;        // every queueing element (and lane group)
  // Why the run ended: "end" (all days simulated), "saturated" (the verdict was certain),
  // "memory" (the memory budget was reached), "cap" (run.max_vehicles_inside).
  std::string stopped_because = "end";
};

}  // namespace tumen::results
