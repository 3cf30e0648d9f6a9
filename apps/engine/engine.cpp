// The browser engine's calls (see engine.hpp): each reads its JSON, wires the layers together
// the way the native command it mirrors does, and writes JSON. Where the native command and the
// engine could differ, the native code is named, so the two stay one.
#include "engine.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "levers.hpp"
#include "request.hpp"
#include "trace_rows.hpp"
#include "tumen/base/error.hpp"
#include "tumen/experiment/metrics.hpp"
#include "tumen/experiment/summary.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/model/offered_load.hpp"
#include "tumen/output/command_line.hpp"
#include "tumen/output/report.hpp"
#include "tumen/output/report_scenario.hpp"
#include "tumen/scenario/reader.hpp"

#ifndef TUMEN_VERSION
#error "TUMEN_VERSION is defined by apps/engine/CMakeLists.txt"
#endif

namespace tumen::engine {

namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;  // scalars keep the order the model names them in

json diagnostic_json(const diagnostic& d) {
  return {{"file", d.where.file},
          {"line", d.where.line},
          {"column", d.where.column},
          {"severity", d.level == severity::error ? "error" : "warning"},
          {"key", d.key_path.empty() ? json(nullptr) : json(d.key_path)},
          {"message", d.message},
          {"valid", d.valid.empty() ? json(nullptr) : json(d.valid)},
          {"text", format(d)}};
}

json diagnostics_json(const diagnostics& all) {
  json out = json::array();
  for (const auto& d : all.items()) out.push_back(diagnostic_json(d));
  return out;
}

// The command line that would make the same figures natively (the report shows it).
std::string native_command(const std::string& verb, const request& r, std::uint64_t seed) {
  std::string out = "tumen " + verb + " " + output::shell_quote(r.source_name);
  if (r.variant) out += " --variant " + output::shell_quote(*r.variant);
  for (const auto& s : r.sets) out += " --set " + output::shell_quote(s);
  out += fmt::format(" --seed {}", seed);
  if (r.replications > 1) out += fmt::format(" -r {}", r.replications);
  if (r.replication != 0) out += fmt::format(" --replication {}", r.replication);
  return out;
}

// The page's replications: a JSON array of {name: number | null} objects, in replication order
// (null: not a number, as the results database stores it).
std::vector<output::named_scalars> parse_replications(std::string_view text,
                                                      const std::string& what) {
  ordered j;
  try {
    j = ordered::parse(text);
  } catch (const ordered::parse_error& e) {
    throw input_error(what, std::string("is not JSON: ") + e.what());
  }
  if (!j.is_array() || j.empty())
    throw input_error(what, "must be a non-empty array of the replications' scalars",
                      "[{\"vehicles_per_day\": 301.2, …}, …] as run_replication returns them");
  std::vector<output::named_scalars> out;
  for (std::size_t k = 0; k < j.size(); ++k) {
    const auto& rep = j[k];
    if (!rep.is_object()) throw input_error(fmt::format("{}.{}", what, k), "must be an object");
    output::named_scalars s;
    s.reserve(rep.size());
    for (const auto& [name, v] : rep.items()) {
      if (!v.is_number() && !v.is_null())
        throw input_error(fmt::format("{}.{}.{}", what, k, name), "must be a number or null");
      s.emplace_back(name,
                     v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>());
    }
    out.push_back(std::move(s));
  }
  return out;
}

// One design's point of the report: its replications (numbered from the request's first
// replication, as `tumen run --replication K -r N` numbers them) and their summary, worked out as
// the native run works it out (experiment::summarise over the same scalars).
output::report_point point_of(int index, const request& r,
                              std::vector<output::named_scalars> reps) {
  output::report_point p;
  p.point = index;
  for (std::size_t k = 0; k < reps.size(); ++k) p.replication_numbers.push_back(r.replication + k);
  p.summary = experiment::summarise_scalars(reps).rows();
  p.replications = std::move(reps);
  return p;
}

results::run_attributes attributes(const std::string& kind, std::string_view text, const request& r,
                                   const scenario::scenario& sc, std::uint64_t seed) {
  results::run_attributes a;
  a.kind = kind;
  a.scenario_name = sc.name;
  a.scenario_source = r.source_name;
  a.scenario_text = std::string(text);
  a.version = TUMEN_VERSION;
  a.seed = seed;
  a.command_line = native_command(kind == "compare" ? "compare" : "run", r, seed);
  return a;
}

output::report_options options() {
  output::report_options o;
  o.generator = std::string("tumen ") + TUMEN_VERSION + " (workbench)";
  return o;
}

}  // namespace

std::string check(std::string_view text) {
  return check_design(text, "");
}

std::string check_design(std::string_view text, std::string_view request_text) {
  const auto r = parse_request(request_text);
  // A malformed override is a problem of the design, listed like the file's own.
  std::vector<scenario::override_spec> overrides;
  try {
    overrides = overrides_of(r);
  } catch (const input_error& e) {
    return json({{"ok", false},
                 {"diagnostics", diagnostics_json(e.problems())},
                 {"levers", nullptr}})
        .dump();
  }
  auto reading = scenario::read(text, r.source_name, overrides, r.variant);
  json out = {{"ok", reading.model.has_value()},
              {"diagnostics", diagnostics_json(reading.problems)},
              {"levers", nullptr}};
  if (reading.model)
    out["levers"] = levers(*reading.model, text, r.source_name, overrides, r.variant);
  return out.dump();
}

std::string run_replication(std::string_view text, std::string_view request_text) {
  const auto r = parse_request(request_text);
  const auto sc = read_design(text, r);
  // As `tumen run --seed S --replication K` (apps/tumen/cmd_run.cpp): the scenario's seed unless
  // given, the default memory budget, stopping a saturated run early.
  model::run_options opts;
  opts.seed = seed_of(r, sc);
  std::optional<trace_collector> trace;
  if (r.trace) opts.trace = &trace.emplace();
  const auto result = model::run_replication(sc, r.replication, opts);
  ordered scalars = ordered::object();
  for (const auto& [name, value] : experiment::scalars(result, true)) scalars[name] = value;
  ordered out;
  out["scalars"] = std::move(scalars);
  out["trace"] = trace ? ordered(trace->rows()) : ordered(nullptr);
  out["events"] = result.events;
  out["seed"] = std::to_string(result.seed);
  out["replication"] = result.replication;
  return out.dump();
}

std::string report(std::string_view text, std::string_view request_text,
                   std::string_view replications) {
  const auto r = parse_request(request_text);
  const auto sc = read_design(text, r);
  const auto seed = seed_of(r, sc);
  auto reps = parse_replications(replications, "replications");
  // As `tumen run -r N --report` (cmd_run.cpp, cmd_report.cpp: report_input_from_runs,
  // write_report): kind "run", one point, the scenario as run and its offered load.
  output::report_input in;
  in.attributes = attributes("run", text, r, sc, seed);
  in.overrides = r.sets;
  in.variant = r.variant;
  in.model = sc;
  in.offered_load = model::offered_load(sc);
  const std::size_t n = reps.size();
  in.points.push_back(point_of(0, r, std::move(reps)));
  if (r.trace_rows) {
    if (r.trace_index >= n)
      throw input_error("request.trace_replication",
                        fmt::format("{} is not one of the {} replications", r.trace_index, n),
                        fmt::format("a number from 0 to {}", n - 1));
    in.trace = trace_from_json(*r.trace_rows);
    in.trace_source = "the workbench's trace";
    output::check_report_trace(in);
    if (n > 1) in.trace_replication = r.replication + r.trace_index;
  }
  return output::report_document(in, options()).dump();
}

std::string compare(std::string_view text_a, std::string_view request_a,
                    std::string_view replications_a, std::string_view text_b,
                    std::string_view request_b, std::string_view replications_b) {
  const auto ra = parse_request(request_a);
  const auto rb = parse_request(request_b);
  const auto sa = read_design(text_a, ra);
  read_design(text_b, rb);  // B must read; the document's layout and names are A's, as natively
  auto reps_a = parse_replications(replications_a, "replications_a");
  auto reps_b = parse_replications(replications_b, "replications_b");
  // As `tumen compare` records it and `tumen report` reads it back (cmd_compare.cpp,
  // report_db.cpp): kind "compare", point 0 is A and point 1 is B, each named by its label and
  // holding its own overrides as variables; the scenario detailed is A's; each replication's
  // figures in the order the results database gives them back (by name), which is the order of
  // the comparison's rows.
  for (auto* reps : {&reps_a, &reps_b})
    for (auto& rep : *reps)
      std::stable_sort(rep.begin(), rep.end(),
                       [](const auto& x, const auto& y) { return x.first < y.first; });
  output::report_input in;
  in.attributes = attributes("compare", text_a, ra, sa, seed_of(ra, sa));
  in.attributes.extra = {{"replications", std::to_string(reps_a.size())},
                         {"a", ra.label.value_or("A")},
                         {"b", rb.label.value_or("B")}};
  in.variant = ra.variant;
  in.overrides = ra.sets;
  in.model = sa;
  in.offered_load = model::offered_load(sa);
  for (const auto* side : {&ra, &rb}) {
    auto p =
        point_of(side == &ra ? 0 : 1, *side, side == &ra ? std::move(reps_a) : std::move(reps_b));
    p.label = side->label.value_or(side == &ra ? "A" : "B");
    for (const auto& s : side->sets) {
      const auto o = scenario::parse_override(s);
      p.variables.emplace_back(o.path, o.value);
    }
    in.points.push_back(std::move(p));
  }
  return output::report_document(in, options()).dump();
}

std::string version() {
  return json({{"version", TUMEN_VERSION}}).dump();
}

}  // namespace tumen::engine
