// Distributions as written in scenario files, turned into `random::distribution` values.
//
// A key that takes a distribution accepts three spellings (docs/scenario-format.md):
//
//   service = "45 s"                                   a constant
//   service = "10 min + exp(mean 5 min)"               the short string form, optionally shifted
//   service = { dist = "lognormal", mean = "12 min", cv = 0.6, shift = "1 min" }   a table
//
// Each parameter is checked against the key's dimension (a service time needs a time unit,
// cargo a mass unit, persons a bare number) and against the distribution's own rules (mean > 0,
// low ≤ high, CDF from 0 to 1 …). Problems become diagnostics at the parameter's position, with
// the key path (e.g. `stages.customs.service.cv`), and the function returns nullopt.
//
// This file does not know TOML: the reader converts a TOML table into `distribution_field`s.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tumen/base/diagnostic.hpp"
#include "tumen/random/distribution.hpp"
#include "tumen/scenario/units.hpp"

namespace tumen::scenario {

// One key of a distribution table, converted from TOML. std::monostate stands for a value of a
// type a distribution table never takes (a boolean, a date, a nested table).
struct distribution_field {
  using scalar = std::variant<std::monostate, double, std::string>;
  std::string name;
  std::variant<std::monostate, double, std::string, std::vector<scalar>> value;
  source_location where;
};

// Where a distribution was written, for diagnostics.
struct value_origin {
  source_location where;
  std::string key_path;
};

// The short string form, or a plain quantity (a constant).
std::optional<random::distribution> distribution_from_text(std::string_view text, dimension d,
                                                           const value_origin& origin,
                                                           diagnostics& out);

// The table form.
std::optional<random::distribution> distribution_from_table(
    const std::vector<distribution_field>& fields, dimension d, const value_origin& origin,
    diagnostics& out);

// A bare TOML number: a constant, accepted only for dimensionless keys.
std::optional<random::distribution> distribution_from_number(double value, dimension d,
                                                             const value_origin& origin,
                                                             diagnostics& out);

// The kinds of distribution the language knows, for messages and the reference page.
struct distribution_form {
  std::string_view name;                     // "lognormal"
  std::vector<std::string_view> aliases;     // short names accepted in the string form
  std::vector<std::string_view> parameters;  // in positional order
  std::string_view string_example;           // empty when there is no string form
  std::string_view table_example;
  std::string_view meaning;
};
const std::vector<distribution_form>& distribution_forms();

}  // namespace tumen::scenario
