// JSON rendering of results, for scripts and other programs. Field names follow the C++ structs
// of tumen/results/replication_result.hpp one to one; times are seconds, masses tonnes.
//
//   nlohmann::json j = tumen::output::to_json(result);
//   tumen::output::write_file_atomically("out.json", j.dump(2) + "\n");
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "tumen/model/offered_load.hpp"
#include "tumen/results/replication_result.hpp"

namespace tumen::output {

nlohmann::json to_json(const results::replication_result& r);
nlohmann::json to_json(const std::vector<model::element_load>& loads);

}  // namespace tumen::output
