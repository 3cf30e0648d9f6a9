// JSON rendering of results, for scripts and other programs. Field names follow the C++ structs
// of tumen/results/replication_result.hpp one to one; times are seconds, masses tonnes.
//
//   nlohmann::json j = tumen::output::to_json(result);
//   tumen::output::write_json("out.json", j);     // or "-" for standard output
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tumen/results/interval_rows.hpp"
#include "tumen/results/offered_load.hpp"
#include "tumen/results/replication_result.hpp"

namespace tumen::output {

nlohmann::json to_json(const results::replication_result& r);
nlohmann::json to_json(const std::vector<results::element_load>& loads);  // offered load rows

// A number, or null when it is not finite (JSON has no NaN or infinity).
nlohmann::json number_or_null(double x);

// A figure across replications: {mean, half_width, low, high, n, min, max}, null where it is not
// a finite number (the half-width of a single replication). Every interval in every command's
// JSON is written by this one function; a list of rows adds each row's "name".
nlohmann::json to_json(const results::interval_row& r);
nlohmann::json to_json(const std::vector<results::interval_row>& rows);
// A paired difference B − A: {metric, mean_a, mean_b, difference, half_width, low, high, n,
// significant}.
nlohmann::json to_json(const results::difference_row& d);

// Writes `j` indented by two, to FILE atomically (see atomic_file.hpp), or to standard output
// when the path is "-": what every command's --json option does.
void write_json(const std::string& path, const nlohmann::json& j);

}  // namespace tumen::output
