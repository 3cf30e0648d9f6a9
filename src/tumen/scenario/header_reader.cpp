// Reading [scenario], [run] and [design]: the scenario's name, the run's length, warm-up, start
// weekday, seed and limits, and the design figures results are compared with (see
// detail/section_readers.hpp).
#include "tumen/scenario/detail/section_readers.hpp"

#include <climits>

#include <fmt/format.h>

namespace tumen::scenario::detail {

void read_header(build_context& cx) {
  const auto s = cx.top("scenario");
  const auto& st = cx.access.table_or_empty(s);
  const auto name = cx.access.string(cx.get(st, {"scenario"}, s.where, "name"));
  if (name)
    cx.sc.name = *name;
  else {
    std::string stem = cx.access.file();
    if (const auto slash = stem.find_last_of('/'); slash != std::string::npos)
      stem = stem.substr(slash + 1);
    if (const auto dot = stem.rfind('.'); dot != std::string::npos && dot > 0)
      stem = stem.substr(0, dot);
    cx.sc.name = stem;
  }
  cx.sc.description =
      cx.access.string(cx.get(st, {"scenario"}, s.where, "description")).value_or("");
  cx.access.integer(cx.get(st, {"scenario"}, s.where, "format"), 1, 1);

  const auto r = cx.top("run");
  const auto& rt = cx.access.table_or_empty(r);
  const key_path rp{"run"};
  const auto days = cx.access.integer(cx.get(rt, rp, r.where, "days"), 1, 36500);
  cx.sc.run.days = as_int(days, 1);
  const auto warmup = cx.get(rt, rp, r.where, "warmup");
  cx.sc.run.warmup = cx.access.quantity(warmup, dimension::time, false).value_or(0);
  if (days && cx.sc.run.warmup >= cx.sc.run.length())  // a bad run.days is reported already
    cx.access.error(warmup.where, warmup.path,
                    fmt::format("the warm-up ({} s) is not shorter than the run ({} days)",
                                cx.sc.run.warmup, cx.sc.run.days),
                    "a warm-up shorter than run.days");
  cx.sc.run.start_weekday = cx.access.weekday(cx.get(rt, rp, r.where, "start_weekday")).value_or(0);
  cx.sc.run.seed = static_cast<std::uint64_t>(
      cx.access.integer(cx.get(rt, rp, r.where, "seed"), 0, INT64_MAX).value_or(1));
  cx.sc.run.max_vehicles_inside = static_cast<std::uint64_t>(
      cx.access.integer(cx.get(rt, rp, r.where, "max_vehicles_inside"), 1, INT64_MAX)
          .value_or(1'000'000));
  cx.sc.run.demand_scale =
      cx.access.number(cx.get(rt, rp, r.where, "demand_scale"), 0, 1e6).value_or(1.0);

  const auto d = cx.top("design");
  const auto& dt = cx.access.table_or_empty(d);
  const key_path dp{"design"};
  cx.sc.design.vehicles_per_day =
      cx.access.number(cx.get(dt, dp, d.where, "vehicles_per_day"), 0, 1e9);
  cx.sc.design.persons_per_day =
      cx.access.number(cx.get(dt, dp, d.where, "persons_per_day"), 0, 1e9);
  cx.sc.design.tonnes_per_day = cx.access.number(cx.get(dt, dp, d.where, "tonnes_per_day"), 0, 1e9);
}

}  // namespace tumen::scenario::detail
