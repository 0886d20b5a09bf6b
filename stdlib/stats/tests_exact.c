/* tests_exact.c: exact tests on counts: binom.test and poisson.test as R. */
#include <math.h>
#include <string.h>

#include "stats/dist.h"
#include "stats/htest.h"

/* R's relative fuzz when comparing point probabilities in two-sided tests. */
#define REL_ERR (1 + 1e-7)

static const char *const BAD_CONF = "'conf.level' must be a single number between 0 and 1";

void ht_clear(htest *r, ht_alternative alt, double conf_level) {
  memset(r, 0, sizeof *r);
  r->statistic = r->parameter = r->p_value = r->null_value = r->stderr_ = NAN;
  r->conf_int[0] = r->conf_int[1] = NAN;
  r->estimate[0] = r->estimate[1] = NAN;
  r->conf_level = conf_level;
  r->alternative = alt;
}

/* The two-sided exact binomial p-value, R's rule: the probability of every
** outcome no more likely than x (with a 1e-7 relative fuzz). */
static double binom_two_sided(double x, double n, double p) {
  if (p == 0)
    return x == 0;
  if (p == 1)
    return x == n;
  double d = stats_dbinom(x, n, p, 0), m = n * p;
  if (x == m)
    return 1;
  double y = 0;
  if (x < m) {
    for (double i = ceil(m); i <= n; i++)
      y += stats_dbinom(i, n, p, 0) <= d * REL_ERR;
    return stats_pbinom(x, n, p, 1, 0) + stats_pbinom(n - y, n, p, 0, 0);
  }
  for (double i = 0; i <= floor(m); i++)
    y += stats_dbinom(i, n, p, 0) <= d * REL_ERR;
  return stats_pbinom(y - 1, n, p, 1, 0) + stats_pbinom(x - 1, n, p, 0, 0);
}

/* Clopper-Pearson bounds: the beta quantiles of R's p.L and p.U. */
static void clopper_pearson(double x, double n, ht_alternative alt, double level,
                            double ci[2]) {
  double alpha = alt == HT_TWO_SIDED ? (1 - level) / 2 : 1 - level;
  double lo = x == 0 ? 0 : stats_qbeta(alpha, x, n - x + 1, 1, 0);
  double hi = x == n ? 1 : stats_qbeta(1 - alpha, x + 1, n - x, 1, 0);
  ci[0] = alt == HT_LESS ? 0 : lo;
  ci[1] = alt == HT_GREATER ? 1 : hi;
}

static int not_integer(double v) {
  return fabs(v - round(v)) > 1e-7;
}

const char *ht_binom(double x, double n, double p, ht_alternative alt, double conf_level,
                     htest *out) {
  if (isnan(x) || x < 0 || not_integer(x))
    return "'x' must be nonnegative and integer";
  x = round(x);
  if (isnan(n) || n < 1 || not_integer(n) || x > round(n))
    return "'n' must be a positive integer >= 'x'";
  n = round(n);
  if (isnan(p) || p < 0 || p > 1)
    return "'p' must be a single number between 0 and 1";
  if (!(isfinite(conf_level) && conf_level > 0 && conf_level < 1))
    return BAD_CONF;
  ht_clear(out, alt, conf_level);
  if (alt == HT_LESS)
    out->p_value = stats_pbinom(x, n, p, 1, 0);
  else if (alt == HT_GREATER)
    out->p_value = stats_pbinom(x - 1, n, p, 0, 0);
  else
    out->p_value = binom_two_sided(x, n, p);
  out->p_value = fmin(1, out->p_value);
  clopper_pearson(x, n, alt, conf_level, out->conf_int);
  out->statistic = x;
  out->parameter = n;
  out->estimate[0] = x / n;
  out->n_estimate = 1;
  out->null_value = p;
  out->method = "Exact binomial test";
  out->statistic_name = "number of successes";
  out->parameter_name = "number of trials";
  out->estimate_name[0] = out->null_name = "probability of success";
  return NULL;
}

/* The two-sided exact Poisson p-value (x events, mean m), R's rule. */
static double poisson_two_sided(double x, double m) {
  if (m == 0)
    return x == 0;
  double d = stats_dpois(x, m, 0);
  if (x == m)
    return 1;
  double y = 0;
  if (x < m) {
    double top = ceil(2 * m - x);
    while (stats_dpois(top, m, 0) > d)
      top *= 2;
    for (double i = ceil(m); i <= top; i++)
      y += stats_dpois(i, m, 0) <= d * REL_ERR;
    return stats_ppois(x, m, 1, 0) + stats_ppois(top - y, m, 0, 0);
  }
  for (double i = 0; i <= floor(m); i++)
    y += stats_dpois(i, m, 0) <= d * REL_ERR;
  return stats_ppois(y - 1, m, 1, 0) + stats_ppois(x - 1, m, 0, 0);
}

/* Two rates: binom.test of x1 in x1 + x2 at r T1 / (r T1 + T2), mapped
** back to the rate ratio as R's poisson.test does. */
static const char *poisson_two(const double *x, const double *t, double r,
                               ht_alternative alt, double conf_level, htest *out) {
  double n = x[0] + x[1];
  const char *err;
  if (n < 1) { /* binom.test's own n check does not apply to x = c(0, 0) */
    if (!(isfinite(conf_level) && conf_level > 0 && conf_level < 1))
      return BAD_CONF;
    ht_clear(out, alt, conf_level);
    out->p_value = 1;
    out->conf_int[0] = 0;
    out->conf_int[1] = 1;
  } else if ((err = ht_binom(x[0], n, r * t[0] / (r * t[0] + t[1]), alt, conf_level,
                             out)) != NULL)
    return err;
  for (int i = 0; i < 2; i++) {
    double pp = out->conf_int[i];
    out->conf_int[i] = pp / (1 - pp) * t[1] / t[0];
  }
  out->statistic = x[0];
  out->parameter = n * r * t[0] / (t[0] + r * t[1]);
  out->estimate[0] = (x[0] / t[0]) / (x[1] / t[1]);
  out->n_estimate = 1;
  out->null_value = r;
  out->method = "Comparison of Poisson rates";
  out->statistic_name = "count1";
  out->parameter_name = "expected count1";
  out->estimate_name[0] = out->null_name = "rate ratio";
  return NULL;
}

const char *ht_poisson(const double *x, const double *t, int k, double r,
                       ht_alternative alt, double conf_level, htest *out) {
  if (k < 1)
    return "not enough data";
  if (k > 2)
    return "the case k > 2 is unimplemented";
  for (int i = 0; i < k; i++) {
    if (!isfinite(x[i]) || x[i] < 0 || not_integer(x[i]))
      return "'x' must be finite, nonnegative, and integer";
    if (isnan(t[i]) || t[i] < 0)
      return "'T' must be nonnegative";
  }
  if (isnan(r) || r < 0)
    return "'r' must be a single positive number";
  double xs[2] = {round(x[0]), k == 2 ? round(x[1]) : 0};
  if (k == 2)
    return poisson_two(xs, t, r, alt, conf_level, out);
  if (!(isfinite(conf_level) && conf_level > 0 && conf_level < 1))
    return BAD_CONF;
  ht_clear(out, alt, conf_level);
  double m = r * t[0], x0 = xs[0];
  if (alt == HT_LESS)
    out->p_value = stats_ppois(x0, m, 1, 0);
  else if (alt == HT_GREATER)
    out->p_value = stats_ppois(x0 - 1, m, 0, 0);
  else
    out->p_value = poisson_two_sided(x0, m);
  /* Garwood (1936): gamma quantiles, R's qgamma(alpha, x) with scale 1 */
  double alpha = alt == HT_TWO_SIDED ? (1 - conf_level) / 2 : 1 - conf_level;
  double lo = x0 == 0 ? 0 : stats_qgamma(alpha, x0, 1, 1, 0);
  double hi = stats_qgamma(1 - alpha, x0 + 1, 1, 1, 0);
  out->conf_int[0] = (alt == HT_LESS ? 0 : lo) / t[0];
  out->conf_int[1] = (alt == HT_GREATER ? INFINITY : hi) / t[0];
  out->statistic = x0;
  out->parameter = t[0];
  out->estimate[0] = x0 / t[0];
  out->n_estimate = 1;
  out->null_value = r;
  out->method = "Exact Poisson test";
  out->statistic_name = "number of events";
  out->parameter_name = "time base";
  out->estimate_name[0] = out->null_name = "event rate";
  return NULL;
}
