// A replication's trace as JSON rows and back (see trace_rows.hpp).
#include "trace_rows.hpp"

#include <fmt/format.h>
#include <cstdlib>
#include <string>

#include "tumen/base/error.hpp"

namespace tumen::engine {

namespace {
// Times to the millisecond, the very numbers a trace file holds and the report reads back from
// it (output::trace_csv_writer writes "{:.3f}").
double as_written(double t) {
  const auto text = fmt::format("{:.3f}", t);
  return std::strtod(text.c_str(), nullptr);
}
}  // namespace

void trace_collector::add(const results::visit_record& v, std::string_view mode) {
  rows_.push_back({v.vehicle, v.vehicle_class, v.route, v.element,
                   v.lane >= 0 ? nlohmann::json(v.lane) : nlohmann::json(nullptr),
                   as_written(v.queue_join), as_written(v.service_start), as_written(v.service_end),
                   v.outcome, mode});
}

std::vector<output::trace_row> trace_from_json(const nlohmann::json& rows) {
  if (!rows.is_array()) throw input_error("request.trace", "must be an array of trace rows");
  std::vector<output::trace_row> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const bool ok = r.is_array() && r.size() == 10 && r[0].is_number_unsigned() &&
                    r[1].is_string() && r[2].is_string() && r[3].is_string() &&
                    (r[4].is_null() || r[4].is_number_integer()) && r[5].is_number() &&
                    r[6].is_number() && r[7].is_number() && r[8].is_string() && r[9].is_string();
    if (!ok)
      throw input_error("request.trace." + std::to_string(i), "is not a trace row",
                        "[vehicle, class, direction, stage, lane or null, queue_join, "
                        "service_start, service_end, outcome, mode]");
    output::trace_row t;
    t.vehicle = r[0].get<std::uint64_t>();
    t.vehicle_class = r[1].get<std::string>();
    t.direction = r[2].get<std::string>();
    t.stage = r[3].get<std::string>();
    if (!r[4].is_null()) t.lane = r[4].get<int>();
    t.queue_join = r[5].get<double>();
    t.service_start = r[6].get<double>();
    t.service_end = r[7].get<double>();
    t.outcome = r[8].get<std::string>();
    t.mode = r[9].get<std::string>();
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace tumen::engine
