// The uncertainty of a calibration's fitted values (see detail/calibration_uncertainty.hpp).
#include "detail/calibration_uncertainty.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace tumen::experiment::detail {

namespace {

// (JᵀJ)⁻¹ by Gauss–Jordan with partial pivoting; nullopt when singular.
std::optional<std::vector<std::vector<double>>> invert(std::vector<std::vector<double>> a) {
  const std::size_t n = a.size();
  std::vector<std::vector<double>> inv(n, std::vector<double>(n, 0));
  for (std::size_t i = 0; i < n; ++i) inv[i][i] = 1;
  double largest = 0;
  for (const auto& row : a)
    for (double x : row) largest = std::max(largest, std::abs(x));
  if (largest == 0) return std::nullopt;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[piv][c])) piv = r;
    if (std::abs(a[piv][c]) <= 1e-12 * largest) return std::nullopt;
    std::swap(a[piv], a[c]);
    std::swap(inv[piv], inv[c]);
    const double d = a[c][c];
    for (std::size_t k = 0; k < n; ++k) {
      a[c][k] /= d;
      inv[c][k] /= d;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      const double f = a[r][c];
      for (std::size_t k = 0; k < n; ++k) {
        a[r][k] -= f * a[c][k];
        inv[r][k] -= f * inv[c][k];
      }
    }
  }
  return inv;
}

}  // namespace

linearisation linearise(const calibration_problem& p, evaluator& eval, evaluation at) {
  const std::size_t n = p.parameters.size();
  linearisation lin;
  const auto x = at.values;
  lin.residuals = eval.residuals(at.simulated);
  const std::size_t m = lin.residuals.size();
  lin.jacobian.assign(m, std::vector<double>(n, 0));
  for (std::size_t j = 0; j < n; ++j) {
    const auto& f = p.parameters[j];
    const double uj = to_unit(f, x[j]);
    auto xp = x, xm = x;
    xp[j] = to_value(f, std::min(1.0, uj + 0.02));
    xm[j] = to_value(f, std::max(0.0, uj - 0.02));
    const auto rp = eval.residuals(eval.run(xp, evaluation_role::uncertainty).simulated);
    const auto rm = eval.residuals(eval.run(xm, evaluation_role::uncertainty).simulated);
    for (std::size_t i = 0; i < m; ++i) {
      const double d = (rp[i] - rm[i]) / (xp[j] - xm[j]);
      lin.jacobian[i][j] = std::isfinite(d) ? d : 0;
    }
  }
  std::vector<std::vector<double>> jtj(n, std::vector<double>(n, 0));
  std::vector<double> jtr(n, 0);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t a = 0; a < n; ++a) {
      jtr[a] += lin.jacobian[i][a] * (std::isfinite(lin.residuals[i]) ? lin.residuals[i] : 0);
      for (std::size_t b = 0; b < n; ++b) jtj[a][b] += lin.jacobian[i][a] * lin.jacobian[i][b];
    }
  if (m > n) lin.inverse = invert(jtj);
  lin.step.assign(n, 0);
  if (lin.inverse)
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b) lin.step[a] -= (*lin.inverse)[a][b] * jtr[b];
  return lin;
}

std::vector<fitted_parameter> fitted_parameters(const calibration_problem& p, const evaluator& eval,
                                                const evaluation& best, const linearisation& lin) {
  const auto& r0 = lin.residuals;
  const auto& jac = lin.jacobian;
  const auto& inv = lin.inverse;
  const std::size_t n = p.parameters.size();
  const auto& x = best.values;
  std::vector<fitted_parameter> out;
  const std::size_t m = r0.size();
  double rss = 0;
  for (double v : r0) rss += std::isfinite(v) ? v * v : 0;
  const double dof = static_cast<double>(m) - static_cast<double>(n);
  const double s2 = dof > 0 ? rss / dof : inf;
  const double t =
      dof > 0 ? boost::math::quantile(boost::math::complement(boost::math::students_t(dof), 0.025))
              : inf;
  // From the replications: the spread of Jᵀz over replications z (the simulation's own noise,
  // with its correlation from hour to hour), through (JᵀJ)⁻¹, doubled for observations taken to
  // be as noisy as the simulated means.
  std::vector<double> from_replications(n, 0.0);
  const std::size_t reps = best.replicates.size();
  if (inv && eval.weighted() && reps >= 2) {
    const auto z = eval.scaled_replicates(best);
    std::vector<std::vector<double>> g(reps, std::vector<double>(n, 0));
    for (std::size_t k = 0; k < reps; ++k)
      for (std::size_t i = 0; i < m; ++i)
        for (std::size_t a = 0; a < n; ++a) g[k][a] += jac[i][a] * z[k][i];
    std::vector<double> mean(n, 0);
    for (const auto& gk : g)
      for (std::size_t a = 0; a < n; ++a) mean[a] += gk[a] / static_cast<double>(reps);
    std::vector<std::vector<double>> c(n, std::vector<double>(n, 0));
    for (const auto& gk : g)
      for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b)
          c[a][b] += (gk[a] - mean[a]) * (gk[b] - mean[b]) / static_cast<double>(reps - 1);
    for (std::size_t j = 0; j < n; ++j) {
      double v = 0;
      for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) v += (*inv)[j][a] * c[a][b] * (*inv)[b][j];
      from_replications[j] = std::sqrt(std::max(0.0, 2 * v / static_cast<double>(reps)));
    }
  }
  for (std::size_t j = 0; j < n; ++j) {
    const auto& f = p.parameters[j];
    fitted_parameter fp;
    fp.key = f.key;
    fp.value = x[j];
    fp.std_error_residuals = inv && (*inv)[j][j] > 0 ? std::sqrt(s2 * (*inv)[j][j]) : inf;
    fp.std_error_replications = from_replications[j];
    fp.search_precision = lin.inverse ? std::abs(lin.step[j]) : inf;
    fp.std_error =
        std::sqrt(std::pow(std::max(fp.std_error_residuals, fp.std_error_replications), 2) +
                  std::pow(fp.search_precision, 2));
    fp.low = std::max(f.lo, x[j] - t * fp.std_error);
    fp.high = std::min(f.hi, x[j] + t * fp.std_error);
    const double tol = 1e-3 * (f.hi - f.lo);
    fp.at_bound = x[j] - f.lo < tol || f.hi - x[j] < tol;
    out.push_back(fp);
  }

  return out;
}

}  // namespace tumen::experiment::detail
