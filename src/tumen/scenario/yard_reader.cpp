// Reading [yards.ID]: bays and crews, transfer rate or time per truck, parking, the receiving
// class and its onward route, the empty trucks' route, and opening hours (see
// detail/section_readers.hpp).
#include "tumen/scenario/detail/section_readers.hpp"

#include <fmt/format.h>

#include "tumen/scenario/detail/weekly_hours.hpp"

namespace tumen::scenario::detail {

void read_yards(build_context& cx) {
  for (const auto& e : cx.yard_entries) {
    auto y = cx.named<yard>(e);
    y.side = cx.optional_reference(e, "side", cx.side_ids, "side");
    y.bays = as_int(cx.access.integer(cx.get(e, "bays"), 1, max_lanes), 1);
    const auto crews = cx.get(e, "crews");
    if (crews.node) {
      if (const auto c = cx.access.integer(crews, 1, max_lanes)) y.crews = static_cast<int>(*c);
    }
    const auto rate = cx.get(e, "rate");
    const auto time = cx.get(e, "time_per_truck");
    if (rate.node && time.node)
      cx.access.error(time.where, time.path, "give either rate or time_per_truck, not both",
                      "rate = \"30 t/h\" or time_per_truck = \"20 min\"");
    else if (!rate.node && !time.node)
      cx.access.error(e.where, e.path, "needs a transfer rate or a time per truck",
                      "rate = \"30 t/h\" or time_per_truck = \"20 min\"");
    if (rate.node) {
      if (const auto r = cx.access.quantity(rate, dimension::mass_rate, true))
        y.rate_tph = *r * 3600.0;
    }
    if (time.node) y.time_per_truck = cx.access.distribution(time, dimension::time);
    y.setup = cx.access.distribution(cx.get(e, "setup"), dimension::time)
                  .value_or(random::distribution{});
    y.parking = as_int(cx.access.integer(cx.get(e, "parking"), 1, 10'000'000), 1);
    y.receiving_class =
        cx.access.reference(cx.get(e, "receiving_class"), cx.class_ids, "class").value_or(0);
    y.onward_route = cx.optional_reference(e, "onward_route", cx.route_ids, "route");
    y.empty_truck_route = cx.optional_reference(e, "empty_truck_route", cx.route_ids, "route");
    y.hours = read_weekly_hours(cx.access, e);
    cx.sc.yards.push_back(std::move(y));
  }
}

}  // namespace tumen::scenario::detail
