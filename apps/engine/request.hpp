// A page's request, as the engine's calls take it (docs/workbench-engine.md):
//
//   {"variant": "booking" | null, "set": ["stages.ru_xray.lanes=2", …], "seed": 7,
//    "replication": 0, "trace": false, "replications": 10, "source_name": "scenario.toml",
//    "label": "more lanes"}
//
// For report(), "trace" may instead hold the trace rows of one replication (trace_rows.hpp) and
// "trace_replication" its index among the replications (default 0, the first).
//
// Every field may be left out: no variant, no overrides, the scenario's run.seed, replication 0,
// no trace, one replication, and the scenario named "scenario.toml" in messages. read_design()
// reads the scenario with the variant and the overrides exactly as `tumen run --variant V --set
// …` does (scenario::read), throwing tumen::input_error with every problem.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/scenario/reader.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::engine {

struct request {
  std::optional<std::string> variant;
  std::vector<std::string> sets;  // "key.path=value", in order
  std::optional<std::uint64_t> seed;
  std::uint64_t replication = 0;
  bool trace = false;                        // run_replication: collect the trace
  std::optional<nlohmann::json> trace_rows;  // report: "trace" as rows (trace_rows.hpp)
  std::size_t trace_index = 0;               // report: which replication the rows are of
  std::size_t replications = 1;
  std::string source_name = "scenario.toml";
  std::optional<std::string> label;  // compare: how the side is named on the page
};

// Throws tumen::input_error naming the field when a field has the wrong type.
request parse_request(std::string_view json_text);

// The request's overrides, parsed; throws tumen::input_error listing every malformed one.
std::vector<scenario::override_spec> overrides_of(const request& r);

// The scenario as run: the text with the request's variant and overrides. Warnings are dropped
// (check() shows them).
scenario::scenario read_design(std::string_view text, const request& r);

// The seed a request runs with: its own, else the scenario's run.seed.
std::uint64_t seed_of(const request& r, const scenario::scenario& sc);

// Parses JSON text; throws tumen::input_error naming `what` when it is not JSON.
nlohmann::json parse_json(std::string_view text, const std::string& what);

}  // namespace tumen::engine
