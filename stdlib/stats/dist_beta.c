/* dist_beta.c: the regularized incomplete beta function I_x(a, b) and the
** beta law (d/p/q). I_x by the continued fraction of Abramowitz & Stegun
** 26.5.8 (modified Lentz), on the side of the mode where it converges,
** with the prefix x^a y^b / B(a, b) by Loader's saddle point; a power
** series when a shape is tiny. docs/methods.md (Distributions). */
#include "stats/dist.h"
#include "stats/dist_internal.h"

/* log of the continued fraction 1/(1+ d1/(1+ d2/(1+ ...))) of I_x(a, b),
** d_{2m+1} = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1)),
** d_{2m} = m (b-m) x / ((a+2m-1)(a+2m)). Converges fast for x < (a+1)/(a+b+2). */
static double beta_fraction(double x, double a, double b) {
  const double tiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (fabs(d) < tiny)
    d = tiny;
  d = 1 / d;
  double h = d;
  long maxit = 10000 + (long)(20 * sqrt(fmin(fmax(a, b), 1e12)));
  for (long m = 1; m < maxit; m++) {
    double dm = (double)m, m2 = 2 * dm;
    double even = dm * (b - dm) * x / ((a + m2 - 1) * (a + m2));
    double odd = -(a + dm) * (a + b + dm) * x / ((a + m2) * (a + m2 + 1));
    h *= dist_lentz_step(even, 1, &c, &d);
    double del = dist_lentz_step(odd, 1, &c, &d);
    h *= del;
    if (fabs(del - 1) < 1e-16)
      break;
  }
  return log(h);
}

/* log I_x(a, b) by the fraction: log(x^a y^b / (a B(a, b))) + log fraction. */
static double log_ibeta_cf(double x, double y, double a, double b) {
  return dist_lbeta_kernel(x, y, a, b) - log(a) + beta_fraction(x, a, b);
}

/* Tiny a (a <= 1e-3 here) with x <= 1/2 and b x small (the series
** alternates when b > 1): I_x(a, b) = x^a/(a B(a,b)) (1 + a S),
** S = sum_{n>=1} (1-b)_n x^n / (n! (a+n)), and 1 - I_x = -expm1(u) - e^u a S
** with u = a log x - log(a B(a, b)), a B(a, b) = Gamma(1+a) Gamma(b) /
** Gamma(a+b): the upper tail keeps its digits as a -> 0 (the power series
** of DiDonato & Morris 1992, BPSER). */
static double small_a(double x, double a, double b, int lower, int log_p) {
  double s = 0, t = 1;
  for (int n = 1; n < 5000; n++) {
    t *= (n - b) * x / n;
    double term = t / (a + n);
    s += term;
    if (fabs(term) <= 1e-17 * fabs(s) || t == 0)
      break;
  }
  double labeta = dist_lgamma1p(a) - dist_lgamma_ratio(b, a);
  double u = a * log(x) - labeta, lp = u + log1p(a * s);
  if (lower || lp < -PW_LN2)
    return dist_tail(lp, 1, lower, log_p);
  double q = -expm1(u) - exp(u) * a * s;
  return log_p ? log(q) : q;
}

double dist_pbeta_raw(double x, double y, double a, double b, int lower, int log_p) {
  if (x <= 0)
    return dist_t0(lower, log_p);
  if (y <= 0)
    return dist_t1(lower, log_p);
  if (a <= 1e-3 && x <= 0.5 && (b <= 1 || b * x <= 0.7))
    return small_a(x, a, b, lower, log_p);
  if (b <= 1e-3 && y <= 0.5 && (a <= 1 || a * y <= 0.7))
    return small_a(y, b, a, !lower, log_p);
  if (a == b && x == 0.5) /* exactly 1/2 by symmetry */
    return dist_tail(-PW_LN2, 1, lower, log_p);
  if (x < (a + 1) / (a + b + 2))
    return dist_tail(log_ibeta_cf(x, y, a, b), 1, lower, log_p);
  return dist_tail(log_ibeta_cf(y, x, b, a), 0, lower, log_p);
}

/* ----------------------------------------------------------------- beta */

/* The limits R gives a zero or infinite shape: point masses at 0, 1 or 1/2.
** Returns the mass point (0, 0.5 or 1), or -1 for the two-point 0/1 case. */
static double beta_point(double a, double b) {
  if (a == 0 && b == 0)
    return -1;
  if (a == 0 || b / a == INFINITY)
    return 0;
  if (b == 0 || a / b == INFINITY)
    return 1;
  return 0.5; /* both infinite */
}

double stats_dbeta(double x, double a, double b, int give_log) {
  if (isnan(x) || isnan(a) || isnan(b))
    return x + a + b;
  if (a < 0 || b < 0)
    return NAN;
  if (x < 0 || x > 1)
    return dist_zero(give_log);
  if (a == 0 || b == 0 || isinf(a) || isinf(b)) {
    double m = beta_point(a, b);
    if (m < 0)
      return (x == 0 || x == 1) ? INFINITY : dist_zero(give_log);
    return x == m ? INFINITY : dist_zero(give_log);
  }
  if (x == 0 || x == 1) {
    double s = x == 0 ? a : b, o = x == 0 ? b : a;
    if (s > 1)
      return dist_zero(give_log);
    if (s < 1)
      return INFINITY;
    return give_log ? log(o) : o;
  }
  double lv;
  if (fmin(a, b) <= 2) /* directly: no large terms cancel */
    lv = (a - 1) * log(x) + (b - 1) * log1p(-x) - stats_lbeta(a, b);
  else
    lv = dist_lbeta_kernel(x, 1 - x, a, b) - log(x) - log1p(-x);
  return dist_dexp(lv, give_log);
}

double stats_pbeta(double q, double a, double b, int lower_tail, int log_p) {
  if (isnan(q) || isnan(a) || isnan(b))
    return q + a + b;
  if (a < 0 || b < 0)
    return NAN;
  if (q <= 0)
    return dist_t0(lower_tail, log_p);
  if (a == 0 || b == 0 || isinf(a) || isinf(b)) {
    /* R's limits: mass 1/2 at 0 and 1 gives 1/2, mass at 0 gives 1 and
    ** mass at 1 gives 0 (even at q >= 1), mass at 1/2 a step there */
    double m = beta_point(a, b);
    if (m < 0)
      return dist_tail(-PW_LN2, 1, lower_tail, log_p);
    if (m != 0.5)
      return m == 0 ? dist_t1(lower_tail, log_p) : dist_t0(lower_tail, log_p);
    return q < m ? dist_t0(lower_tail, log_p) : dist_t1(lower_tail, log_p);
  }
  if (q >= 1)
    return dist_t1(lower_tail, log_p);
  return dist_pbeta_raw(q, 0.5 - q + 0.5, a, b, lower_tail, log_p);
}

static double qb_cdf(double x, const double *par, int lower, int log_p) {
  return dist_pbeta_raw(x, 0.5 - x + 0.5, par[0], par[1], lower, log_p);
}

static double qb_lpdf(double x, const double *par) {
  return stats_dbeta(x, par[0], par[1], 1);
}

/* The root on (0, 1/2] of log I_x(a, b) (tail is_lower) = lt. Start from
** I_x ~ x^a / (a B(a, b)) near 0. */
static double qbeta_left(double a, double b, double lt, int is_lower) {
  double lower_lt = is_lower ? lt : dist_log1mexp(lt);
  double x0 = exp((lower_lt + log(a) + stats_lbeta(a, b)) / a);
  if (!(x0 > 0 && x0 <= 0.5))
    x0 = 0.25;
  double par[2] = {a, b};
  return dist_qsolve(qb_cdf, qb_lpdf, par, lt, is_lower, x0, 0.5);
}

double stats_qbeta(double p, double a, double b, int lower_tail, int log_p) {
  if (isnan(p) || isnan(a) || isnan(b))
    return p + a + b;
  double lt;
  int is_lower;
  if (!dist_target(p, lower_tail, log_p, &lt, &is_lower) || a < 0 || b < 0)
    return NAN;
  if (lt == -INFINITY)
    return is_lower ? 0 : 1;
  if (a == 0 || b == 0 || isinf(a) || isinf(b)) {
    double m = beta_point(a, b);
    if (m >= 0)
      return m;
    /* masses 1/2 at 0 and 1: as R, p itself (whatever its tail) below 1/2
    ** gives 0, above gives 1 */
    double half = log_p ? -PW_LN2 : 0.5;
    return p < half ? 0 : (p > half ? 1 : 0.5);
  }
  /* Which half holds the root: compare with the tail at 1/2. */
  double at_half = dist_pbeta_raw(0.5, 0.5, a, b, is_lower, 1);
  int left = is_lower ? lt <= at_half : lt >= at_half;
  if (left)
    return qbeta_left(a, b, lt, is_lower);
  return 0.5 - qbeta_left(b, a, lt, !is_lower) + 0.5; /* 1 - X ~ beta(b, a) */
}
