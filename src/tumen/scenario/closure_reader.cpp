// Reading [[closures]]: what closes (an element, some of its lanes, or the whole crossing) and
// when, and the rule that closures of one target do not overlap (see detail/section_readers.hpp).
#include "tumen/scenario/detail/section_readers.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace tumen::scenario::detail {

void read_closures(build_context& cx) {
  struct located {
    closure c;
    source_location where;
    key_path path;
  };
  std::vector<located> all;
  for (const auto& e : cx.access.array_entries(cx.top("closures"))) {
    closure c;
    bool ok = true;
    const auto target = cx.get(e, "target");
    const auto t = cx.access.string(target);
    if (t && *t != "all") {
      const auto k =
          cx.access.reference(target, cx.element_ids, "link, holding area, stage or yard");
      if (k) {
        c.target = cx.element_refs[static_cast<std::size_t>(*k)];
        if (c.target->kind == element_kind::holding) {
          cx.access.error(target.where, target.path, "a holding area cannot be closed",
                          "close the stage or yard after it");
          ok = false;
        }
      } else {
        ok = false;
      }
    } else if (!t) {
      ok = false;
    }
    const auto day_field = cx.get(e, "day");
    const auto from_field = cx.get(e, "from");
    const auto to_field = cx.get(e, "to");
    const auto day = cx.access.integer(day_field, 1, 36500);
    std::optional<double> from, to;
    if (day_field.node) {
      const double base = (static_cast<double>(day.value_or(1)) - 1) * tumen::days;
      from = from_field.node ? cx.access.time_of_day(from_field) : std::optional<double>{0.0};
      to = to_field.node ? cx.access.time_of_day(to_field) : std::optional<double>{tumen::days};
      if (from) *from += base;
      if (to) *to += base;
      ok = ok && day.has_value();
    } else {
      if (!from_field.node || !to_field.node)
        cx.access.error(e.where, e.path, "needs a day, or both from and to",
                        "day = 3 (a whole day), day = 3 with from = \"08:00\", to = \"12:00\", or "
                        "from = \"day 3 08:00\", to = \"day 4 06:00\"");
      for (const auto* f : {&from_field, &to_field}) {
        if (!f->node) continue;
        const auto s = cx.access.string(*f);
        if (!s) continue;
        const auto r = parse_run_time(*s);
        if (!r)
          cx.access.error(f->where, f->path, r.error,
                          "\"day N HH:MM\", or give day = N and times of day");
        (f == &from_field ? from : to) = r.value;
      }
    }
    if (from && to && !(*from < *to)) {
      cx.access.error(to_field.node ? to_field.where : e.where, child(e.path, "to"),
                      "must be after from", "a closure that ends after it starts");
      ok = false;
    }
    const auto lanes_field = cx.get(e, "lanes");
    if (lanes_field.node) {
      const auto lanes = cx.access.integer(lanes_field, 1, max_lanes);
      if (lanes && c.target &&
          (c.target->kind == element_kind::link || c.target->kind == element_kind::stage)) {
        int most = 0;
        if (c.target->kind == element_kind::link)
          most = cx.sc.links[static_cast<std::size_t>(c.target->index)].lanes;
        else
          for (const auto& g : cx.sc.stages[static_cast<std::size_t>(c.target->index)].lanes)
            most = std::max(most, g.count);
        if (*lanes > most)
          cx.access.error(
              lanes_field.where, lanes_field.path,
              fmt::format("closes {} lanes but the element has {}", *lanes, most),
              fmt::format("a whole number from 1 to {}, or leave lanes out to close it all", most));
        c.lanes = static_cast<int>(*lanes);
      } else if (lanes) {
        cx.access.error(lanes_field.where, lanes_field.path,
                        "lanes can be closed only on a link or a stage",
                        "leave lanes out, or target a link or stage");
      }
    }
    c.reason = cx.access.string(cx.get(e, "reason")).value_or("");
    if (!from || !to || !ok) continue;
    c.from = *from;
    c.to = *to;
    if (c.from >= cx.sc.run.length())
      cx.access.warning(e.where, e.path,
                        fmt::format("starts after the run ends (run.days = {})", cx.sc.run.days));
    all.push_back({c, e.where, e.path});
  }
  const auto key = [](const located& l) {
    return std::tuple{l.c.target.has_value(), l.c.target ? static_cast<int>(l.c.target->kind) : -1,
                      l.c.target ? l.c.target->index : -1, l.c.from};
  };
  std::stable_sort(all.begin(), all.end(),
                   [&](const located& x, const located& y) { return key(x) < key(y); });
  for (std::size_t i = 1; i < all.size(); ++i) {
    const auto& p = all[i - 1];
    const auto& q = all[i];
    if (p.c.target == q.c.target && q.c.from < p.c.to)
      cx.access.error(q.where, q.path,
                      fmt::format("overlaps the closure at {}:{} of the same target", p.where.file,
                                  p.where.line),
                      "closures of one target that do not overlap (merge them into one)");
  }
  for (auto& l : all) cx.sc.closures.push_back(std::move(l.c));
}

}  // namespace tumen::scenario::detail
