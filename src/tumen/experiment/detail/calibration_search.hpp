// One derivative-free search of a calibration: NLopt's BOBYQA (Sbplx for one parameter) over
// the parameters scaled to [0, 1], minimising the evaluator's objective. NLopt is included here
// only; no exception crosses its C code (an evaluation's failure, or Ctrl-C, stops the search and
// is rethrown after it).
#pragma once

#include <string>
#include <vector>

#include "calibration_objective.hpp"

namespace tumen::experiment::detail {

// Searches from `start` (in the parameters' units) with an initial step `step` (a share of each
// range) for at most `budget` evaluations; says why it stopped, in words ("the parameters
// settled …"). Throws what an evaluation threw; tumen::runtime_error when NLopt fails.
std::string search(const calibration_problem& p, evaluator& eval, const std::vector<double>& start,
                   double step, int budget);

}  // namespace tumen::experiment::detail
