/* dist_hyper.c: the hypergeometric law (d/p/q). The density as a ratio of
** three binomial densities (Loader 2000, sec. 4); the distribution
** function as the density times the sum of ratios of successive terms,
** summed from the tail below the mean; quantiles by search.
** docs/methods.md (Distributions). */
#include "stats/dist.h"
#include "stats/dist_internal.h"

/* A count argument: non-negative and an integer (R's tolerance). */
static int bad_count(double v) {
  return v < 0 || DIST_NONINT(v) || !isfinite(v);
}

double stats_dhyper(double x, double m, double n, double k, int give_log) {
  if (isnan(x) || isnan(m) || isnan(n) || isnan(k))
    return x + m + n + k;
  if (bad_count(m) || bad_count(n) || bad_count(k) || k > m + n)
    return NAN;
  if (x < 0 || DIST_NONINT(x))
    return dist_zero(give_log); /* R warns for a non-integer x */
  x = nearbyint(x);
  m = nearbyint(m);
  n = nearbyint(n);
  k = nearbyint(k);
  if (k < x || m < x || k - x > n)
    return dist_zero(give_log);
  if (k == 0)
    return x == 0 ? dist_one(give_log) : dist_zero(give_log);
  /* choose(m,x) choose(n,k-x) / choose(m+n,k) = b(x; m, p) b(k-x; n, p) / b(k; m+n, p)
  ** for any p; p = k/(m+n) keeps each factor near its mode */
  double p = k / (m + n), q = (m + n - k) / (m + n);
  double p1 = dist_dbinom_raw(x, m, p, q, give_log);
  double p2 = dist_dbinom_raw(k - x, n, p, q, give_log);
  double p3 = dist_dbinom_raw(k, m + n, p, q, give_log);
  return give_log ? p1 + p2 - p3 : p1 * p2 / p3;
}

/* log of 1 + sum_{i>=1} d(x - i)/d(x): each ratio from the previous by
** d(j-1)/d(j) = j (n - k + j) / ((k + 1 - j)(m + 1 - j)). */
static double log_tail_ratio(double x, double m, double n, double k) {
  double sum = 0, term = 1;
  while (x > 0 && term >= DBL_EPSILON * sum) {
    term *= x * (n - k + x) / (k + 1 - x) / (m + 1 - x);
    sum += term;
    x--;
  }
  return log1p(sum);
}

double stats_phyper(double q, double m, double n, double k, int lower_tail, int log_p) {
  if (isnan(q) || isnan(m) || isnan(n) || isnan(k))
    return q + m + n + k;
  if (bad_count(m) || bad_count(n) || bad_count(k) || k > m + n)
    return NAN;
  double x = floor(q + DIST_FLOOR_FUZZ);
  m = nearbyint(m);
  n = nearbyint(n);
  k = nearbyint(k);
  if (x * (m + n) > k * m) { /* sum the other tail, the one below the mean */
    double t = n;
    n = m;
    m = t;
    x = k - x - 1;
    lower_tail = !lower_tail;
  }
  if (x < 0 || x < k - n)
    return dist_t0(lower_tail, log_p);
  if (x >= m || x >= k)
    return dist_t1(lower_tail, log_p);
  double lt = stats_dhyper(x, m, n, k, 1) + log_tail_ratio(x, m, n, k);
  return dist_tail(lt, 1, lower_tail, log_p);
}

static double qh_cdf(double x, const double *par, int lower, int log_p) {
  return stats_phyper(x, par[0], par[1], par[2], lower, log_p);
}

double stats_qhyper(double p, double m, double n, double k, int lower_tail, int log_p) {
  if (isnan(p) || isnan(m) || isnan(n) || isnan(k))
    return p + m + n + k;
  double lt;
  int is_lower;
  if (!dist_target(p, lower_tail, log_p, &lt, &is_lower) || bad_count(m) ||
      bad_count(n) || bad_count(k) || k > m + n)
    return NAN;
  m = nearbyint(m);
  n = nearbyint(n);
  k = nearbyint(k);
  double lo = fmax(0, k - n), hi = fmin(k, m);
  if (lt == -INFINITY)
    return is_lower ? lo : hi;
  double par[3] = {m, n, k};
  dist_discrete_target(p, lower_tail, log_p, 1, &lt, &is_lower);
  return dist_qdiscrete(qh_cdf, par, lt, is_lower, floor(k * m / (m + n)), lo, hi);
}
