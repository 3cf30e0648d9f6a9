// Reading [routes.ID]: the sides a route joins and the path of element ids it passes, in order
// (see detail/section_readers.hpp).
#include "tumen/scenario/detail/section_readers.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tumen::scenario::detail {

void read_routes(build_context& cx) {
  for (const auto& e : cx.route_entries) {
    auto r = cx.named<route>(e);
    r.from_side = cx.optional_reference(e, "from", cx.side_ids, "side");
    r.to_side = cx.optional_reference(e, "to", cx.side_ids, "side");
    const auto path = cx.get(e, "path");
    if (path.node) {
      if (const auto* arr = path.node->as_array()) {
        if (arr->empty())
          cx.access.error(path.where, path.path, "is empty",
                          "the ids of the elements passed, in order");
        for (std::size_t i = 0; i < arr->size(); ++i) {
          const field f = cx.access.element(path, i);
          if (const auto k =
                  cx.access.reference(f, cx.element_ids, "link, holding area, stage or yard")) {
            const auto ref = cx.element_refs[static_cast<std::size_t>(*k)];
            if (std::find(r.path.begin(), r.path.end(), ref) != r.path.end())
              cx.access.warning(f.where, f.path,
                                fmt::format("the route passes \"{}\" twice",
                                            cx.element_ids[static_cast<std::size_t>(*k)]));
            r.path.push_back(ref);
          }
        }
        for (std::size_t i = 0; i < r.path.size(); ++i) {
          if (r.path[i].kind != element_kind::holding) continue;
          const bool ok = i + 1 < r.path.size() && (r.path[i + 1].kind == element_kind::stage ||
                                                    r.path[i + 1].kind == element_kind::yard);
          if (!ok)
            cx.access.error(
                path.where, path.path,
                fmt::format("holding area \"{}\" must be followed by a stage or a yard",
                            cx.sc.holding[static_cast<std::size_t>(r.path[i].index)].id),
                "…, holding area, stage, …");
        }
      } else {
        cx.access.error(
            path.where, path.path,
            fmt::format("must be an array of element ids, got {}", describe(*path.node)),
            "e.g. [\"approach\", \"ru_primary\", \"bridge\"]");
      }
    }
    cx.sc.routes.push_back(std::move(r));
  }
}

}  // namespace tumen::scenario::detail
