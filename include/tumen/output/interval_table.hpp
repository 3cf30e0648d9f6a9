// Terminal tables of figures across replications (mean ± 95% half-width) and of paired
// differences between two designs.
//
//   std::cout << tumen::output::replications_text(sc, rows, 100);
//   std::cout << tumen::output::differences_text(diffs, "A", "B");
#pragma once

#include <string>
#include <vector>

#include "tumen/results/interval_rows.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::output {

// "12.3 min ± 0.4" for durations (metric names ending in a duration suffix), plain otherwise.
std::string format_interval(const results::interval_row& row);

// Headline throughput against design, then per stage / yard waits, queues and utilisation.
std::string replications_text(const scenario::scenario& sc,
                              const std::vector<results::interval_row>& rows,
                              std::size_t replications);

// One line per metric: A, B, B − A with its interval and a mark where it excludes zero. With
// only_significant, rows whose interval contains zero are left out.
std::string differences_text(const std::vector<results::difference_row>& rows,
                             const std::string& label_a, const std::string& label_b,
                             bool only_significant = false);

}  // namespace tumen::output
