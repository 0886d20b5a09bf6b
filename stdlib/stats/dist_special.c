/* dist_special.c: log-gamma, log-beta, log-choose and the saddle-point
** pieces (stirlerr, bd0, Loader's binomial and Poisson densities) that the
** distributions rest on. Algorithms and references: docs/methods.md (Distributions). */
#include "stats/dist.h"
#include "stats/dist_internal.h"

/* ------------------------------------------------------ tails, targets */

double dist_log1mexp(double x) {
  return x > -PW_LN2 ? log(-expm1(x)) : log1p(-exp(x));
}

double dist_tail(double lt, int is_lower, int lower, int log_p) {
  if (is_lower == lower)
    return log_p ? lt : exp(lt);
  return log_p ? dist_log1mexp(lt) : -expm1(lt);
}

int dist_target(double p, int lower, int log_p, double *lt, int *is_lower) {
  if (isnan(p) || (log_p && p > 0) || (!log_p && (p < 0 || p > 1)))
    return 0;
  if (log_p ? p > -PW_LN2 : p > 0.5) {
    *lt = log_p ? dist_log1mexp(p) : log1p(-p);
    *is_lower = !lower;
  } else {
    *lt = log_p ? p : log(p);
    *is_lower = lower;
  }
  return 1;
}

/* ------------------------------------------------------------- lgamma */

/* Coefficients of log Gamma(2 + a) = sum_k c_k a^k, c_1 = 1 - Euler's
** gamma, c_k = (-1)^k (zeta(k) - 1) / k (Abramowitz & Stegun 6.1.33,
** shifted to 2); values computed with mpmath at 40 digits. */
static const double lg2_coef[] = {
    4.22784335098467139e-01,  3.22467033424113203e-01,  -6.73523010531981020e-02,
    2.05808084277845464e-02,  -7.38555102867398568e-03, 2.89051033074152336e-03,
    -1.19275391170326102e-03, 5.09669524743042450e-04,  -2.23154758453579386e-04,
    9.94575127818085310e-05,  -4.49262367381331420e-05, 2.05072127756706911e-05,
    -9.43948827526839672e-06, 4.37486678990748817e-06,  -2.03921575380136619e-06,
    9.55141213040741935e-07,  -4.49246919876456619e-07, 2.12071848055546646e-07,
    -1.00432248239680991e-07, 4.76981016936398040e-08,  -2.27110946089431635e-08,
    1.08386592148969546e-08,  -5.18347504197004664e-09, 2.48367454380247848e-09,
    -1.19214014058609115e-09, 5.73136724167886225e-10,  -2.75952288512423336e-10,
    1.33047643742444888e-10,  -6.42296456383809960e-11, 3.10442477473222756e-11,
    -1.50213840807541417e-11, 7.27597448023907917e-12,  -3.52774247657591507e-12,
    1.71199179055961798e-12,  -8.31538584142028498e-13, 4.04220052528944019e-13,
    -1.96647563109661653e-13, 9.57363038783855557e-14,  -4.66407602642837444e-14,
    2.27373696006597242e-14};

/* log Gamma(2 + a) for |a| <= 0.5, by the series above (Horner). */
static double lgamma2p(double a) {
  int n = (int)(sizeof lg2_coef / sizeof lg2_coef[0]);
  double s = 0;
  for (int k = n - 1; k >= 0; k--)
    s = s * a + lg2_coef[k];
  return s * a;
}

/* omega(z) = log Gamma(z) - ((z - 1/2) log z - z + log sqrt(2 pi)) by the
** Stirling series with Bernoulli numbers, for z >= 10 (error < 1e-17). */
double dist_stirling_tail(double z) {
  static const double b[] = {1.0 / 12,   -1.0 / 360,      1.0 / 1260, -1.0 / 1680,
                             1.0 / 1188, -691.0 / 360360, 1.0 / 156,  -3617.0 / 122400};
  if (z > 1e17)
    return 1 / (12 * z);
  double r = 1 / (z * z), s = 0;
  for (int k = 7; k >= 0; k--)
    s = s * r + b[k];
  return s / z;
}

double dist_lgamma1p(double a) {
  if (fabs(a) <= 0.5)
    return lgamma2p(a) - log1p(a);
  return stats_lgamma(1 + a);
}

double dist_sinpi(double x) {
  double r = fmod(x, 2.0);
  if (r <= -1)
    r += 2;
  else if (r > 1)
    r -= 2;
  if (r == 0 || r == 1)
    return 0;
  if (r == 0.5)
    return 1;
  if (r == -0.5)
    return -1;
  return sin(PW_PI * r);
}

double stats_lgamma(double x) {
  if (isnan(x))
    return x;
  if (isinf(x) || (x <= 0 && x == nearbyint(x)))
    return INFINITY;
  if (x < 0) /* reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x) */
    return log(PW_PI / fabs(dist_sinpi(x))) - stats_lgamma(1 - x);
  if (x < 0.5)
    return dist_lgamma1p(x) - log(x);
  if (x < 1.5)
    return lgamma2p(x - 1) - log(x);
  if (x <= 2.5)
    return lgamma2p(x - 2);
  if (x < 10) {
    double prod = 1;
    while (x > 2.5) {
      x -= 1;
      prod *= x;
    }
    return log(prod) + lgamma2p(x - 2);
  }
  if (x > 2.5e305)
    return INFINITY;
  return (x - 0.5) * log(x) - x + PW_LN_SQRT_2PI + dist_stirling_tail(x);
}

/* ------------------------------------------------------ lbeta, lchoose */

double stats_lbeta(double a, double b) {
  if (isnan(a) || isnan(b))
    return a + b;
  double p = fmin(a, b), q = fmax(a, b); /* p <= q */
  if (p < 0)
    return NAN;
  if (p == 0)
    return INFINITY;
  if (isinf(q))
    return -INFINITY;
  if (p >= 10) { /* both large: Stirling for all three, merged */
    double n = p + q,
           corr = dist_stirling_tail(p) + dist_stirling_tail(q) - dist_stirling_tail(n);
    return -0.5 * log(q) + PW_LN_SQRT_2PI + corr + (p - 0.5) * log(p / n) +
           q * log1p(-p / n);
  }
  if (q >= 10) { /* log Gamma(q) - log Gamma(p + q) without cancellation */
    double n = p + q, corr = dist_stirling_tail(q) - dist_stirling_tail(n);
    return stats_lgamma(p) + corr + p - p * log(n) + (q - 0.5) * log1p(-p / n);
  }
  return stats_lgamma(p) + stats_lgamma(q) - stats_lgamma(p + q);
}

double stats_lchoose(double n, double k) {
  if (isnan(n) || isnan(k))
    return n + k;
  k = nearbyint(k);
  if (k < 0)
    return -INFINITY;
  if (k == 0)
    return 0;
  if (k == 1)
    return log(fabs(n));
  if (n < 0) /* choose(n, k) = (-1)^k choose(k - n - 1, k) */
    return stats_lchoose(k - n - 1, k);
  if (!DIST_NONINT(n)) {
    n = nearbyint(n);
    if (n < k)
      return -INFINITY;
    if (n - k < 2) /* symmetry: k' = n - k is 0 or 1, exactly */
      return stats_lchoose(n, n - k);
    return -log1p(n) - stats_lbeta(n - k + 1, k + 1);
  }
  if (n < k - 1) /* n - k + 1 < 0, not an integer: log |Gamma| */
    return stats_lgamma(n + 1) - stats_lgamma(k + 1) - stats_lgamma(n - k + 1);
  return -log1p(n) - stats_lbeta(n - k + 1, k + 1);
}

/* -------------------------------------------------- saddle-point parts */

double dist_stirlerr(double n) {
  if (n <= 0)
    return 0;
  if (n <= 15)
    return stats_lgamma(n + 1) - (n + 0.5) * log(n) + n - PW_LN_SQRT_2PI;
  return dist_stirling_tail(n);
}

double dist_bd0(double x, double np) {
  if (!isfinite(x) || !isfinite(np) || np == 0)
    return NAN;
  if (fabs(x - np) < 0.1 * (x + np)) {
    /* log(x/np) = 2 atanh(v), v = (x - np)/(x + np): odd series in v */
    double v = (x - np) / (x + np), s = (x - np) * v;
    if (fabs(s) < DBL_MIN)
      return s;
    double ej = 2 * x * v, v2 = v * v;
    for (int j = 1; j < 1000; j++) {
      ej *= v2;
      double s1 = s + ej / (2 * j + 1);
      if (s1 == s)
        return s1;
      s = s1;
    }
  }
  return x * log(x / np) + np - x;
}

double dist_dbinom_raw(double x, double n, double p, double q, int give_log) {
  double lc;
  if (p == 0)
    return x == 0 ? dist_one(give_log) : dist_zero(give_log);
  if (q == 0)
    return x == n ? dist_one(give_log) : dist_zero(give_log);
  if (x == 0) {
    if (n == 0)
      return dist_one(give_log);
    lc = p < 0.1 ? -dist_bd0(n, n * q) - n * p : n * log(q);
    return dist_dexp(lc, give_log);
  }
  if (x == n) {
    lc = q < 0.1 ? -dist_bd0(n, n * p) - n * q : n * log(p);
    return dist_dexp(lc, give_log);
  }
  if (x < 0 || x > n)
    return dist_zero(give_log);
  lc = dist_stirlerr(n) - dist_stirlerr(x) - dist_stirlerr(n - x) - dist_bd0(x, n * p) -
       dist_bd0(n - x, n * q);
  double lf = PW_LN_2PI + log(x) + log1p(-x / n);
  return dist_dexp(lc - 0.5 * lf, give_log);
}

double dist_dpois_raw(double x, double lambda, int give_log) {
  if (lambda == 0)
    return x == 0 ? dist_one(give_log) : dist_zero(give_log);
  if (!isfinite(lambda) || x < 0)
    return dist_zero(give_log);
  if (x <= lambda * DBL_MIN)
    return dist_dexp(-lambda, give_log);
  if (lambda < x * DBL_MIN) {
    if (!isfinite(x))
      return dist_zero(give_log);
    return dist_dexp(-lambda + x * log(lambda) - stats_lgamma(x + 1), give_log);
  }
  if (x < 1) /* direct: no cancellation for a small exponent */
    return dist_dexp(x * log(lambda) - lambda - dist_lgamma1p(x), give_log);
  return dist_dexp(-dist_stirlerr(x) - dist_bd0(x, lambda) - 0.5 * (PW_LN_2PI + log(x)),
                   give_log);
}

double dist_lgamma_ratio(double b, double a) {
  if (a == 0)
    return 0;
  if (b >= 10) /* Stirling for both, the leading terms merged */
    return (b - 0.5) * log1p(a / b) + a * log(a + b) - a - dist_stirling_tail(b) +
           dist_stirling_tail(a + b);
  if (a < 1) { /* shift b to 10 and above: Gamma(b + 1) = b Gamma(b) */
    double s = 0;
    while (b < 10) {
      s += log1p(a / b);
      b += 1;
    }
    return dist_lgamma_ratio(b, a) - s;
  }
  return stats_lgamma(b + a) - stats_lgamma(b);
}

double dist_lbeta_kernel(double x, double y, double a, double b) {
  if (a >= 1 && b >= 1) {
    /* x^a y^b Gamma(n+1)/(Gamma(a+1) Gamma(b+1)) by Stirling with n = a + b:
    ** the leading terms collapse to -bd0(a, n x) - bd0(b, n y) */
    double n = a + b;
    return 0.5 * log(a * (b / n)) - PW_LN_SQRT_2PI + dist_stirlerr(n) - dist_stirlerr(a) -
           dist_stirlerr(b) - dist_bd0(a, n * x) - dist_bd0(b, n * y);
  }
  double lx = x < 0.5 ? log(x) : log1p(-y), ly = y < 0.5 ? log(y) : log1p(-x);
  return a * lx + b * ly - stats_lbeta(a, b);
}
