/* tests_t.c: Student's and Welch's t tests, R's t.test. */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "stats/dist.h"
#include "stats/htest.h"

/* R's mean: a long double sum, then one correction pass. */
static double mean_of(const double *x, size_t n) {
  long double s = 0, t = 0;
  for (size_t i = 0; i < n; i++)
    s += x[i];
  s /= (long double)n;
  for (size_t i = 0; i < n; i++)
    t += x[i] - s;
  return (double)(s + t / (long double)n);
}

/* The sample variance about mean m (NA for n < 2, as R's var). */
static double var_of(const double *x, size_t n, double m) {
  if (n < 2)
    return NAN;
  long double s = 0;
  for (size_t i = 0; i < n; i++)
    s += (x[i] - m) * (x[i] - m);
  return (double)(s / (long double)(n - 1));
}

/* Copy the non-NaN entries of x (or of x - y, pairwise, when y) into out. */
static size_t complete(const double *x, const double *y, size_t n, double *out) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (!isnan(x[i]) && (y == NULL || !isnan(y[i])))
      out[k++] = y ? x[i] - y[i] : x[i];
  return k;
}

/* The two-sample standard error and df, pooled or Welch's. */
static void two_sample_se(size_t nx, double vx, size_t ny, double vy, int var_equal,
                          double *se, double *df) {
  double fx = (double)nx, fy = (double)ny;
  if (var_equal) {
    double v = 0;
    *df = fx + fy - 2;
    if (nx > 1)
      v += (fx - 1) * vx;
    if (ny > 1)
      v += (fy - 1) * vy;
    *se = sqrt(v / *df * (1 / fx + 1 / fy));
  } else {
    double sx = sqrt(vx / fx), sy = sqrt(vy / fy);
    *se = sqrt(sx * sx + sy * sy);
    *df = pow(*se, 4) / (pow(sx, 4) / (fx - 1) + pow(sy, 4) / (fy - 1));
  }
}

/* p-value and interval from t, df and the standard error. */
static void t_finish(htest *r, double t, double df, double se, double mu) {
  double level = r->conf_level;
  if (r->alternative == HT_LESS) {
    r->p_value = stats_pt(t, df, 1, 0);
    r->conf_int[0] = -INFINITY;
    r->conf_int[1] = t + stats_qt(level, df, 1, 0);
  } else if (r->alternative == HT_GREATER) {
    r->p_value = stats_pt(t, df, 0, 0);
    r->conf_int[0] = t - stats_qt(level, df, 1, 0);
    r->conf_int[1] = INFINITY;
  } else {
    double q = stats_qt(1 - (1 - level) / 2, df, 1, 0);
    r->p_value = 2 * stats_pt(-fabs(t), df, 1, 0);
    r->conf_int[0] = t - q;
    r->conf_int[1] = t + q;
  }
  r->conf_int[0] = mu + r->conf_int[0] * se;
  r->conf_int[1] = mu + r->conf_int[1] * se;
  r->statistic = t;
  r->parameter = df;
  r->stderr_ = se;
  r->null_value = mu;
  r->statistic_name = "t";
  r->parameter_name = "df";
}

static const char *t_one(const double *x, size_t nx, int paired, double mu, htest *r) {
  if (nx < 2)
    return "not enough 'x' observations";
  double mx = mean_of(x, nx), se = sqrt(var_of(x, nx, mx) / (double)nx);
  if (se < 10 * DBL_EPSILON * fabs(mx))
    return "data are essentially constant";
  r->method = paired ? "Paired t-test" : "One Sample t-test";
  r->estimate[0] = mx;
  r->n_estimate = 1;
  r->estimate_name[0] = paired ? "mean difference" : "mean of x";
  r->null_name = paired ? "mean difference" : "mean";
  t_finish(r, (mx - mu) / se, (double)nx - 1, se, mu);
  return NULL;
}

static const char *t_two(const double *x, size_t nx, const double *y, size_t ny,
                         int var_equal, double mu, htest *r) {
  if (nx < 1 || (!var_equal && nx < 2))
    return "not enough 'x' observations";
  if (ny < 1 || (!var_equal && ny < 2))
    return "not enough 'y' observations";
  if (var_equal && nx + ny < 3)
    return "not enough observations";
  double mx = mean_of(x, nx), my = mean_of(y, ny), se, df;
  two_sample_se(nx, var_of(x, nx, mx), ny, var_of(y, ny, my), var_equal, &se, &df);
  if (se < 10 * DBL_EPSILON * fmax(fabs(mx), fabs(my)))
    return "data are essentially constant";
  r->method = var_equal ? " Two Sample t-test" : "Welch Two Sample t-test";
  r->estimate[0] = mx;
  r->estimate[1] = my;
  r->n_estimate = 2;
  r->estimate_name[0] = "mean of x";
  r->estimate_name[1] = "mean of y";
  r->null_name = "difference in means";
  t_finish(r, (mx - my - mu) / se, df, se, mu);
  return NULL;
}

const char *ht_t(const double *x, size_t nx, const double *y, size_t ny, int paired,
                 int var_equal, double mu, ht_alternative alt, double conf_level,
                 htest *out) {
  if (!isfinite(mu))
    return "'mu' must be a single number";
  if (!(isfinite(conf_level) && conf_level > 0 && conf_level < 1))
    return "'conf.level' must be a single number between 0 and 1";
  if (paired && y == NULL)
    return "'y' is missing for paired test";
  if (paired && nx != ny)
    return "'x' and 'y' must have the same length";
  double *buf = malloc((nx + ny + 1) * sizeof(double));
  if (buf == NULL)
    return "out of memory";
  ht_clear(out, alt, conf_level);
  const char *err;
  if (paired || y == NULL) {
    err = t_one(buf, complete(x, paired ? y : NULL, nx, buf), paired, mu, out);
  } else {
    size_t kx = complete(x, NULL, nx, buf);
    size_t ky = complete(y, NULL, ny, buf + kx);
    err = t_two(buf, kx, buf + kx, ky, var_equal, mu, out);
  }
  free(buf);
  return err;
}
