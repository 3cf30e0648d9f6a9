// Consistency checks on a replication's figures: the accounting identities every run must
// satisfy (see replication_result.hpp). Used by tests and by `tumen run` as a self-check; an
// empty list means all identities hold.
//
//   for (const auto& problem : tumen::results::conservation_problems(r)) warn(problem);
#pragma once

#include <string>
#include <vector>

#include "tumen/results/replication_result.hpp"

namespace tumen::results {

// arrived = cleared + transferred + inside + turned_away + abandoned, for vehicles and tonnes,
// in every flow. Tonnes are compared with a relative tolerance of 1e-9.
std::vector<std::string> conservation_problems(const replication_result& r);

}  // namespace tumen::results
