// Reading a scenario: TOML text in, an immutable validated `scenario` (or every problem) out.
//
// The reader runs the steps of docs/scenario-format.md in order:
//
//   1. guard   — the text is at most 4 MiB of valid UTF-8 without control characters or absurd
//                nesting (checked before the TOML parser ever sees it);
//   2. parse   — TOML syntax (a syntax error stops here: nothing else can be trusted);
//   3. override— the chosen `[variants.NAME]`, then each `--set key.path=value`, are applied to
//                the parsed tree, so they are validated exactly like the file;
//   4. check   — unknown keys (with "did you mean …?"), types, units, ranges, ids, shares,
//                schedules, closures; missing keys take their defaults from the key table;
//   5. build   — the `scenario` structs, ids resolved to indices, units in seconds/metres/tonnes.
//
// Every problem is collected, not just the first. Each names the file (or "--set"), line and
// column, the key path, what is wrong and what would be valid:
//
//   crossing.toml:14:9: error: stages.kp_customs.lanes: must be a whole number ≥ 1, got 0
//
// The reader does no file I/O: callers pass the text and the name to report it under.
//
//   auto sc = tumen::scenario::parse(text, "crossing.toml",
//                                    {tumen::scenario::parse_override("run.days=30")}, "rail");
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/base/diagnostic.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::scenario {

// One `--set key.path=value`. The value is TOML (6, 1.5, "12 min", [1, 2], { dist = … }); text
// that is not valid TOML is taken as a string, so `--set run.warmup=2 d` works unquoted.
// `demand.scale` is an alias of `run.demand_scale`. Array elements are addressed by position:
// `demand.0.per_day=120`.
struct override_spec {
  std::string path;
  std::string value;
  std::string origin =
      "--set";  // what problems are reported under: "--set", "--days", "--warmup" …
};

// Splits "key.path=value". Throws tumen::input_error (file "--set") when there is no '=' or the
// path is not a dot-separated list of names and positions.
override_spec parse_override(std::string_view text);

// What reading produced: the model when there were no errors, and every diagnostic (errors and
// warnings) in the order found.
struct reading {
  std::optional<scenario> model;
  diagnostics problems;
};

reading read(std::string_view text, std::string_view source_name,
             const std::vector<override_spec>& overrides = {},
             const std::optional<std::string>& variant = {});

// The model; throws tumen::input_error carrying every diagnostic when there is any error.
// Warnings are dropped: use read() or check() to show them.
scenario parse(std::string_view text, std::string_view source_name,
               const std::vector<override_spec>& overrides = {},
               const std::optional<std::string>& variant = {});

// Every diagnostic (errors and warnings), never throwing on bad input.
diagnostics check(std::string_view text, std::string_view source_name,
                  const std::vector<override_spec>& overrides = {},
                  const std::optional<std::string>& variant = {});

// Names of the `[variants.*]` of a scenario, in file order (empty when the text does not parse).
std::vector<std::string> variant_names(std::string_view text, std::string_view source_name);

// An override's value as TOML text, as the reader takes it: `2 d` (not TOML) → `"2 d"`, `6` →
// `6`; empty when the reader would refuse the value.
std::string toml_value_of(const override_spec& o);

// What `[variants.NAME]` sets, as overrides (key path, value as TOML text), in file order; empty
// when the text does not parse or has no such variant. Applying them as --set gives the variant.
std::vector<override_spec> variant_overrides(std::string_view text, std::string_view source_name,
                                             const std::string& variant);

}  // namespace tumen::scenario
