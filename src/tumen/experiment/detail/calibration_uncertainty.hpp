// The uncertainty of a calibration's fitted values (see tumen/experiment/calibration.hpp): the
// residuals linearised at an evaluation by central differences, the Gauss–Newton step they
// imply, and each parameter's standard error — the larger of the misfit's s² (JᵀJ)⁻¹ and the
// replications' own noise carried through (JᵀJ)⁻¹, with the Gauss–Newton step still left added
// in quadrature — and its Student-t interval, clipped to the bounds.
#pragma once

#include <optional>
#include <vector>

#include "calibration_objective.hpp"

namespace tumen::experiment::detail {

// The residuals at an evaluation, their Jacobian by central differences (±2 % of each range, one
// side at a bound), (JᵀJ)⁻¹ and the Gauss–Newton step −(JᵀJ)⁻¹ Jᵀ r.
struct linearisation {
  std::vector<double> residuals;
  std::vector<std::vector<double>> jacobian;  // residual × parameter, per unit of the parameter
  std::optional<std::vector<std::vector<double>>> inverse;
  std::vector<double> step;
};

// Evaluates 2 points per parameter around `at` (a copy: evaluating moves the history).
linearisation linearise(const calibration_problem& p, evaluator& eval, evaluation at);

// The fitted parameters at `best` (whose linearisation is `lin`) with their uncertainty.
std::vector<fitted_parameter> fitted_parameters(const calibration_problem& p, const evaluator& eval,
                                                const evaluation& best, const linearisation& lin);

}  // namespace tumen::experiment::detail
