// The accounting identities of a replication (see tumen/results/checks.hpp).
#include "tumen/results/checks.hpp"

#include <cmath>
#include <string>

namespace tumen::results {

std::vector<std::string> conservation_problems(const replication_result& r) {
  std::vector<std::string> problems;
  for (const auto& f : r.flows) {
    const std::string name = f.route + "/" + f.vehicle_class + "/" + f.origin;
    const auto out = f.cleared + f.transferred + f.inside + f.turned_away + f.abandoned;
    if (f.arrived != out)
      problems.push_back(name + ": " + std::to_string(f.arrived) + " vehicles arrived but " +
                         std::to_string(out) + " are accounted for");
    const double t_out = f.tonnes_cleared + f.tonnes_transferred + f.tonnes_inside +
                         f.tonnes_turned_away + f.tonnes_abandoned;
    if (std::abs(f.tonnes_arrived - t_out) > 1e-9 * std::max(1.0, f.tonnes_arrived))
      problems.push_back(name + ": " + std::to_string(f.tonnes_arrived) + " t arrived but " +
                         std::to_string(t_out) + " t are accounted for");
  }
  return problems;
}

}  // namespace tumen::results
