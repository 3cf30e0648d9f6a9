// Summaries across replications: every named scalar as a mean with a Student-t interval.
//
//   auto s = tumen::experiment::summarise(results);          // one row per metric name
//   s.at("stage.ru_customs.wait.p95").half_width;
//
// Paired comparison of two sets of replications run with the same seeds and replication
// numbers (common random numbers): the interval of the differences B − A per metric, and
// whether it excludes zero.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tumen/results/interval_rows.hpp"
#include "tumen/results/replication_result.hpp"

namespace tumen::experiment {

class summary {
 public:
  summary() = default;
  explicit summary(std::vector<results::interval_row> rows);
  const std::vector<results::interval_row>& rows() const { return rows_; }
  const results::interval_row& at(const std::string& name) const;  // throws input_error if unknown
  bool contains(const std::string& name) const { return index_.count(name) > 0; }

 private:
  std::vector<results::interval_row> rows_;
  std::map<std::string, std::size_t> index_;
};

summary summarise(const std::vector<results::replication_result>& runs, double confidence = 0.95,
                  bool hourly = true);
// The same from stored scalars: one (name, value) list per replication.
summary summarise_scalars(const std::vector<std::vector<std::pair<std::string, double>>>& runs,
                          double confidence = 0.95);

// a[k] and b[k] must be replication k of each side. Metrics present in only one side are skipped.
std::vector<results::difference_row> compare(const std::vector<results::replication_result>& a,
                                             const std::vector<results::replication_result>& b,
                                             double confidence = 0.95, bool hourly = false);

}  // namespace tumen::experiment
