// One NLopt search of a calibration (see detail/calibration_search.hpp).
#include "detail/calibration_search.hpp"

#include <fmt/format.h>
#include <nlopt.h>
#include <algorithm>
#include <exception>

#include "tumen/base/error.hpp"

namespace tumen::experiment::detail {

namespace {

struct search_state {
  const calibration_problem* problem;
  evaluator* eval;
  nlopt_opt opt;
  std::exception_ptr failure;  // what stopped an evaluation (an error, Ctrl-C), rethrown after
};

double nlopt_objective(unsigned n, const double* u, double* /*grad*/, void* data) {
  auto& st = *static_cast<search_state*>(data);
  try {
    std::vector<double> values(n);
    for (unsigned i = 0; i < n; ++i) values[i] = to_value(st.problem->parameters[i], u[i]);
    const auto& e = st.eval->run(values, evaluation_role::search);
    const double f = st.eval->objective(e.simulated);
    return std::isfinite(f) ? f : 1e30;
  } catch (...) {
    // No exception may cross NLopt's C code: keep it, stop the search, rethrow after.
    st.failure = std::current_exception();
    nlopt_force_stop(st.opt);
    return 0;
  }
}

std::string stop_reason(nlopt_result r, int max_evaluations) {
  switch (r) {
    case NLOPT_XTOL_REACHED: return "the parameters settled (change below 0.1 % of the bounds)";
    case NLOPT_FTOL_REACHED: return "the objective settled (relative change below 0.01 %)";
    case NLOPT_MAXEVAL_REACHED:
      return fmt::format("its last stage had used all {} evaluations it was given",
                         max_evaluations);
    case NLOPT_SUCCESS:
    case NLOPT_STOPVAL_REACHED: return "the optimiser's trust region shrank to its end";
    case NLOPT_ROUNDOFF_LIMITED: return "round-off limited the search";
    default: return fmt::format("the optimiser stopped (NLopt code {})", static_cast<int>(r));
  }
}

}  // namespace

std::string search(const calibration_problem& p, evaluator& eval, const std::vector<double>& start,
                   double step, int budget) {
  const unsigned n = static_cast<unsigned>(p.parameters.size());
  nlopt_opt opt = nlopt_create(n >= 2 ? NLOPT_LN_BOBYQA : NLOPT_LN_SBPLX, n);
  struct closer {
    nlopt_opt o;
    ~closer() { nlopt_destroy(o); }
  } close{opt};
  search_state st{&p, &eval, opt, nullptr};
  std::vector<double> lo(n, 0.0), hi(n, 1.0), u(n), steps(n, step);
  for (unsigned i = 0; i < n; ++i) u[i] = std::clamp(to_unit(p.parameters[i], start[i]), 0.0, 1.0);
  nlopt_set_lower_bounds(opt, lo.data());
  nlopt_set_upper_bounds(opt, hi.data());
  nlopt_set_initial_step(opt, steps.data());
  nlopt_set_min_objective(opt, nlopt_objective, &st);
  nlopt_set_xtol_abs1(opt, 1e-3);
  nlopt_set_ftol_rel(opt, 1e-4);
  nlopt_set_maxeval(opt, std::max(1, budget));
  double fmin = 0;
  const nlopt_result code = nlopt_optimize(opt, u.data(), &fmin);
  if (st.failure) std::rethrow_exception(st.failure);
  if (code < 0 && code != NLOPT_ROUNDOFF_LIMITED)
    throw runtime_error(
        fmt::format("the optimiser failed (NLopt code {})", static_cast<int>(code)));
  return stop_reason(code, budget);
}

}  // namespace tumen::experiment::detail
