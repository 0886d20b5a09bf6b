/* dist_quantile.c: the shared quantile searches. Continuous laws: Newton's
** method on log x for the log of one tail, kept inside a bracket that
** shrinks at every step (a safeguarded Newton/bisection hybrid, as in
** Press et al. "rtsafe", here on the log scale). Discrete laws: a
** Cornish-Fisher start, a doubling search for a bracket, then bisection on
** the integers. Both stop after a fixed number of steps whatever the input. */
#include "stats/dist_internal.h"

/* Step cap of the continuous search: 1,100 steps halve any bracket in
** log x to one ulp (2 * 1074 binary orders at most) with room to spare. */
#define QSOLVE_MAXIT 2400

/* The next trial point when Newton's step leaves the bracket (xl, xh):
** geometric bisection while the ends are far apart, arithmetic after. */
static double bisect(double xl, double xh) {
  if (isinf(xh))
    return xl > 0 ? xl * 16 : 1;
  if (xl == 0)
    return xh / 16;
  if (xh > 2 * xl)
    return sqrt(xl) * sqrt(xh);
  return xl + 0.5 * (xh - xl);
}

double dist_qsolve(dist_cdf_fn cdf, dist_lpdf_fn lpdf, const double *par, double lt,
                   int is_lower, double x0, double hi) {
  double xl = 0, xh = hi;
  double x = (x0 > 0 && x0 < hi && isfinite(x0)) ? x0 : fmin(1.0, hi / 2);
  for (int it = 0; it < QSOLVE_MAXIT; it++) {
    double F = cdf(x, par, is_lower, 1);
    if (isnan(F))
      return NAN;
    double h = is_lower ? F - lt : lt - F; /* increasing in x, 0 at the root */
    if (h == 0)
      return x;
    if (h < 0)
      xl = x;
    else
      xh = x;
    /* Newton on u = log x: dh/du = x f(x) / tail(x) */
    double lslope = lpdf(x, par) + log(x) - F, xn = NAN;
    if (isfinite(lslope) && isfinite(F))
      xn = x * exp(-h * exp(-lslope));
    if (!(xn > xl && xn < xh))
      xn = bisect(xl, xh);
    if (xn <= 0)
      return 0; /* below the smallest double */
    if (isinf(xn))
      return INFINITY;
    if (fabs(xn - x) <= 2 * DBL_EPSILON * x ||
        (isfinite(xh) && xh - xl <= 2 * DBL_EPSILON * xh))
      return xn;
    x = xn;
  }
  return x;
}

void dist_discrete_target(double p, int lower, int log_p, int hyper_style, double *lt,
                          int *is_lower) {
  double lp; /* the fuzzed log probability of the tail `lower` */
  if (hyper_style) {
    double lg = log_p ? p : log(p), lc = log_p ? dist_log1mexp(p) : log1p(-p);
    lp = (lower ? lg : lc) + log1p(-1000 * DBL_EPSILON);
    lower = 1;
  } else if (log_p) {
    lp = p * (lower ? 1 + 2 * DBL_EPSILON : 1 - 2 * DBL_EPSILON);
  } else {
    double e = 8 * DBL_EPSILON;
    lp = log(lower ? p * (1 - e) : (1 - p > 4 * e ? p * (1 + e) : p));
  }
  /* P >= t <=> Q <= 1 - t, and Q <= t <=> P >= 1 - t */
  *is_lower = lp <= -PW_LN2 ? lower : !lower;
  *lt = lp <= -PW_LN2 ? lp : dist_log1mexp(lp);
}

/* Whether x meets the condition (lt, is_lower) of dist_discrete_target. */
static int reaches(dist_pmf_cdf_fn cdf, const double *par, double x, double lt,
                   int is_lower) {
  double F = cdf(x, par, is_lower, 1);
  return is_lower ? F >= lt : F <= lt;
}

double dist_qdiscrete(dist_pmf_cdf_fn cdf, const double *par, double lt, int is_lower,
                      double start, double lo, double hi) {
  double a, b, step = 1, x = isfinite(start) ? fmin(fmax(start, lo), hi) : lo;
  /* invariant once bracketed: a fails (or is below lo), b succeeds */
  if (reaches(cdf, par, x, lt, is_lower)) {
    b = x;
    a = b - step;
    while (a >= lo && reaches(cdf, par, a, lt, is_lower)) {
      b = a;
      step *= 2;
      a = b - step;
    }
    if (a < lo)
      a = lo - 1;
  } else {
    a = x;
    b = a + step;
    while (b < hi && !reaches(cdf, par, b, lt, is_lower)) {
      a = b;
      step *= 2;
      b = a + step;
    }
    if (b >= hi)
      b = hi; /* the support's end always succeeds */
    if (isinf(b))
      return b;
  }
  while (b - a > 1) {
    double m = floor(a + 0.5 * (b - a));
    if (m <= a || m >= b)
      break; /* beyond 2^53 the integers are no longer all doubles */
    if (reaches(cdf, par, m, lt, is_lower))
      b = m;
    else
      a = m;
  }
  return b;
}
