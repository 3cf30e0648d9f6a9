// Reading the sections of plain elements: [sides.ID], [classes.ID], [links.ID] and
// [holding.ID], each a table of values with no reference to another element (see
// detail/section_readers.hpp).
#include "tumen/scenario/detail/section_readers.hpp"

namespace tumen::scenario::detail {

void read_sides(build_context& cx) {
  for (const auto& e : cx.side_entries) cx.sc.sides.push_back({e.id, cx.name_or_id(e)});
}

void read_classes(build_context& cx) {
  for (const auto& e : cx.class_entries) {
    auto c = cx.named<vehicle_class>(e);
    c.persons = cx.access.distribution(cx.get(e, "persons"), dimension::count)
                    .value_or(random::distribution::constant(1));
    c.cargo_tonnes = cx.access.distribution(cx.get(e, "cargo"), dimension::mass)
                         .value_or(random::distribution{});
    c.loaded_share = cx.access.number(cx.get(e, "loaded_share"), 0, 1).value_or(1.0);
    c.transship = cx.access.boolean(cx.get(e, "transship")).value_or(false);
    cx.sc.classes.push_back(std::move(c));
  }
}

void read_links(build_context& cx) {
  for (const auto& e : cx.link_entries) {
    auto l = cx.named<link>(e);
    l.length_m = cx.access.quantity(cx.get(e, "length"), dimension::length, true).value_or(1);
    l.speed_mps = cx.access.quantity(cx.get(e, "speed"), dimension::speed, true).value_or(1);
    l.lanes = as_int(cx.access.integer(cx.get(e, "lanes"), 1, max_lanes), 1);
    l.min_headway =
        cx.access.quantity(cx.get(e, "min_headway"), dimension::time, false).value_or(0);
    cx.sc.links.push_back(std::move(l));
  }
}

void read_holding(build_context& cx) {
  for (const auto& e : cx.holding_entries) {
    auto h = cx.named<holding_area>(e);
    h.capacity = as_int(cx.access.integer(cx.get(e, "capacity"), 1, 10'000'000), 1);
    const auto w = cx.access.choice(cx.get(e, "when_full"), {"spillback", "turn_away"});
    h.when_full = w && *w == 1 ? when_full_policy::turn_away : when_full_policy::spillback;
    cx.sc.holding.push_back(std::move(h));
  }
}

}  // namespace tumen::scenario::detail
