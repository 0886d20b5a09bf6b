/* tests_wilcox.c: Wilcoxon signed-rank and rank-sum tests, R's wilcox.test. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/dist.h"
#include "stats/htest.h"

/* R's tol.root for the approximate interval and estimate. */
#define TOL_ROOT 1e-4

/* The data and scratch of the normal-approximation statistic W(d), whose
** roots in d give R's approximate interval and estimate. */
typedef struct {
  const double *x;   /* x (signed rank: the differences, zeros kept) */
  size_t nx;         /* length of x */
  const double *y;   /* y (rank sum), else NULL */
  size_t ny;         /* length of y */
  double *v;         /* scratch: nx + ny values */
  double *a;         /* scratch: nx + ny values to rank */
  double *rank;      /* scratch: nx + ny ranks */
  int correct;       /* continuity correction */
  ht_alternative alt;/* the alternative, for the correction's sign */
  double zq;         /* the normal quantile a root is sought for */
} wz;

static double correction(const wz *w, double z) {
  if (!w->correct)
    return 0;
  if (w->alt == HT_TWO_SIDED)
    return z > 0 ? 0.5 : z < 0 ? -0.5 : 0;
  return w->alt == HT_GREATER ? 0.5 : -0.5;
}

/* The signed-rank z of x - d (R's W(d) in the one-sample branch). */
static double signed_z(double d, void *ctx) {
  wz *w = ctx;
  size_t k = 0;
  double ts, s = 0;
  for (size_t i = 0; i < w->nx; i++)
    if (w->x[i] - d != 0) {
      w->v[k] = w->x[i] - d;
      w->a[k] = fabs(w->v[k]);
      k++;
    }
  if (ht_rank(w->a, k, w->rank, &ts, NULL) != 0)
    return NAN;
  for (size_t i = 0; i < k; i++)
    if (w->v[i] > 0)
      s += w->rank[i];
  double n = (double)k, z = s - n * (n + 1) / 4;
  double sigma = sqrt(n * (n + 1) * (2 * n + 1) / 24 - ts / 48);
  return (z - correction(w, z)) / sigma;
}

/* The rank-sum z of x - d against y (R's W(d) in the two-sample branch). */
static double ranksum_z(double d, void *ctx) {
  wz *w = ctx;
  size_t n = w->nx + w->ny;
  double ts, s = 0, fx = (double)w->nx, fy = (double)w->ny;
  for (size_t i = 0; i < w->nx; i++)
    w->a[i] = w->x[i] - d;
  memcpy(w->a + w->nx, w->y, w->ny * sizeof(double));
  if (ht_rank(w->a, n, w->rank, &ts, NULL) != 0)
    return NAN;
  for (size_t i = 0; i < w->nx; i++)
    s += w->rank[i];
  double z = s - fx * (fx + 1) / 2 - fx * fy / 2;
  double sigma = sqrt((fx * fy / 12) * ((fx + fy + 1) - ts / ((fx + fy) * (fx + fy - 1))));
  return (z - correction(w, z)) / sigma;
}

static double wdiff(double d, void *ctx) {
  wz *w = ctx;
  return (w->y ? ranksum_z(d, ctx) : signed_z(d, ctx)) - w->zq;
}

static double qnorm_(double p, int lower) {
  return stats_qnorm(p, 0, 1, lower, 0);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* R's median of x[0..n) (sorts x). */
static double median_of(double *x, size_t n) {
  if (n == 0)
    return NAN;
  qsort(x, n, sizeof *x, cmp_double);
  return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

/* R's signif(x, 2). */
static double signif2(double x) {
  if (x == 0 || !isfinite(x))
    return x;
  double scale = pow(10, 1 - floor(log10(fabs(x))));
  return round(x * scale) / scale;
}

/* The exact interval from the sorted candidate estimates diffs[0..nd):
** R's qsignrank/qwilcox index rule; sets the achieved level when lower. */
static void exact_interval(htest *r, const double *diffs, size_t nd, int m, int n,
                           int signed_rank) {
  double level = r->conf_level, alpha = 1 - level, top = (double)nd;
  double a = r->alternative == HT_TWO_SIDED ? alpha / 2 : alpha;
  double qu = signed_rank ? ht_qsignrank(a, m) : ht_qwilcox(a, m, n);
  if (qu == 0)
    qu = 1;
  double ql = top - qu;
  double achieved = signed_rank ? ht_psignrank(trunc(qu) - 1, m, 1)
                                : ht_pwilcox(trunc(qu) - 1, m, n, 1);
  if (r->alternative == HT_TWO_SIDED)
    achieved *= 2;
  r->conf_int[0] = r->alternative == HT_LESS ? -INFINITY : diffs[(size_t)qu - 1];
  r->conf_int[1] = r->alternative == HT_GREATER ? INFINITY : diffs[(size_t)ql];
  if (achieved - alpha > alpha / 2) {
    r->warning = signed_rank ? "requested conf.level not achievable"
                             : "Requested conf.level not achievable";
    r->conf_level = 1 - (signed_rank ? signif2(achieved) : achieved);
  }
}

/* The exact p-value of statistic s with null mean `center`. */
static double exact_p(double s, double center, int m, int n, int signed_rank,
                      ht_alternative alt) {
  double lo = signed_rank ? ht_psignrank(s, m, 1) : ht_pwilcox(s, m, n, 1);
  double hi = signed_rank ? ht_psignrank(s - 1, m, 0) : ht_pwilcox(s - 1, m, n, 0);
  if (alt == HT_LESS)
    return lo;
  if (alt == HT_GREATER)
    return hi;
  return fmin(2 * (s > center ? hi : lo), 1);
}

/* The normal-approximation p-value of z (already corrected). */
static double approx_p(double z, ht_alternative alt) {
  double lo = stats_pnorm(z, 0, 1, 1, 0), hi = stats_pnorm(z, 0, 1, 0, 0);
  return alt == HT_LESS ? lo : alt == HT_GREATER ? hi : 2 * fmin(lo, hi);
}

/* uniroot(wdiff, mumin, mumax, f.lower, f.upper, tol = 1e-4) at zq. */
static double w_root(wz *w, double zq, double lo, double hi, double wlo, double whi) {
  w->zq = zq;
  return ht_uniroot(wdiff, w, lo, hi, wlo - zq, whi - zq, TOL_ROOT);
}

/* R's approximate signed-rank interval: alpha doubles until the range of
** the data brackets both quantiles; x holds the n differences (mu added). */
static void signed_interval_approx(htest *r, wz *w, double *x, size_t n) {
  double alpha = 1 - r->conf_level, lo = INFINITY, hi = -INFINITY, wlo, whi = NAN;
  ht_alternative alt = r->alternative;
  for (size_t i = 0; i < n; i++)
    lo = fmin(lo, x[i]), hi = fmax(hi, x[i]);
  if (n > 0 && isfinite(wlo = signed_z(lo, w)))
    whi = signed_z(hi, w);
  if (n == 0 || !isfinite(whi)) {
    r->conf_int[0] = alt == HT_LESS ? -INFINITY : NAN;
    r->conf_int[1] = alt == HT_GREATER ? INFINITY : NAN;
    r->conf_level = 0;
    r->estimate[0] = n > 0 ? (lo + hi) / 2 : NAN;
    r->estimate_name[0] = "midrange";
    return;
  }
  double a1 = alt == HT_GREATER ? alpha : alpha / 2;
  for (;;) { /* R's repeat loops, one per alternative */
    a1 = alt == HT_GREATER ? alpha : alpha / 2;
    int widen = (alt != HT_LESS && wlo - qnorm_(a1, 0) < 0) ||
                (alt != HT_GREATER && whi - qnorm_(alpha / 2, 1) > 0);
    if (!widen)
      break;
    alpha *= 2;
  }
  if (alpha >= 1 || 1 - r->conf_level < alpha * 0.75) {
    r->conf_level = 1 - fmin(1, alpha);
    r->warning = "requested conf.level not achievable";
  }
  double med = median_of(x, n);
  r->conf_int[0] = alt == HT_LESS      ? -INFINITY
                   : alpha < 1         ? w_root(w, qnorm_(a1, 0), lo, hi, wlo, whi)
                                       : med;
  r->conf_int[1] = alt == HT_GREATER ? INFINITY
                   : alpha < 1
                       ? w_root(w, qnorm_(alt == HT_LESS ? alpha : alpha / 2, 1), lo, hi,
                                wlo, whi)
                       : med;
  w->correct = 0; /* R sets correct <- FALSE before the estimate */
  r->estimate[0] = w_root(w, 0, lo, hi, signed_z(lo, w), signed_z(hi, w));
}

/* R's approximate rank-sum interval: each bound is the data's range end
** when the quantile lies outside it. */
static void ranksum_interval_approx(htest *r, wz *w) {
  double alpha = 1 - r->conf_level, lo = INFINITY, hi = -INFINITY, ylo = INFINITY,
         yhi = -INFINITY;
  for (size_t i = 0; i < w->nx; i++)
    lo = fmin(lo, w->x[i]), hi = fmax(hi, w->x[i]);
  for (size_t i = 0; i < w->ny; i++)
    ylo = fmin(ylo, w->y[i]), yhi = fmax(yhi, w->y[i]);
  double mumin = lo - yhi, mumax = hi - ylo;
  double wlo = ranksum_z(mumin, w), whi = ranksum_z(mumax, w);
  ht_alternative alt = r->alternative;
  double zq[2] = {qnorm_(alt == HT_TWO_SIDED ? alpha / 2 : alpha, 0),
                  qnorm_(alt == HT_TWO_SIDED ? alpha / 2 : alpha, 1)};
  for (int b = 0; b < 2; b++) {
    if ((b == 0 && alt == HT_LESS) || (b == 1 && alt == HT_GREATER)) {
      r->conf_int[b] = b == 0 ? -INFINITY : INFINITY;
      continue;
    }
    r->conf_int[b] = wlo - zq[b] <= 0   ? mumin
                     : whi - zq[b] >= 0 ? mumax
                                        : w_root(w, zq[b], mumin, mumax, wlo, whi);
  }
  w->correct = 0;
  r->estimate[0] = w_root(w, 0, mumin, mumax, ranksum_z(mumin, w), ranksum_z(mumax, w));
}

/* The Walsh averages (x_i + x_j) / 2, i <= j, sorted; NULL out of memory. */
static double *walsh_averages(const double *x, size_t n, size_t *nd) {
  double *d = malloc((n * (n + 1) / 2 + 1) * sizeof *d);
  size_t k = 0;
  if (d == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i; j < n; j++)
      d[k++] = (x[i] + x[j]) / 2;
  qsort(d, k, sizeof *d, cmp_double);
  *nd = k;
  return d;
}

/* The pairwise differences x_i - y_j, sorted; NULL out of memory. */
static double *pair_differences(const double *x, size_t nx, const double *y, size_t ny,
                                size_t *nd) {
  double *d = malloc((nx * ny + 1) * sizeof *d);
  size_t k = 0;
  if (d == NULL)
    return NULL;
  for (size_t i = 0; i < nx; i++)
    for (size_t j = 0; j < ny; j++)
      d[k++] = x[i] - y[j];
  qsort(d, k, sizeof *d, cmp_double);
  *nd = k;
  return d;
}

/* The exact branch's interval and estimate (Hodges-Lehmann). */
static const char *exact_estimate(htest *r, double *diffs, size_t nd, int m, int n,
                                  int signed_rank) {
  if (diffs == NULL)
    return "out of memory";
  exact_interval(r, diffs, nd, m, n, signed_rank);
  r->estimate[0] = median_of(diffs, nd);
  free(diffs);
  return NULL;
}

/* One-sample (or paired) test on the n differences in x, which it may
** modify; w's scratch is sized for n. */
static const char *signed_rank(htest *r, wz *w, double *x, size_t n, double mu,
                               int exact, int conf_int) {
  size_t k = 0;
  int zeroes = 0, ties;
  for (size_t i = 0; i < n; i++) {
    zeroes |= x[i] - mu == 0;
    if (x[i] - mu != 0)
      x[k++] = x[i] - mu;
  }
  double fk = (double)k, ts, v = 0;
  if (exact < 0)
    exact = k < 50;
  for (size_t i = 0; i < k; i++)
    w->a[i] = fabs(x[i]);
  if (ht_rank(w->a, k, w->rank, &ts, &ties) != 0)
    return "out of memory";
  for (size_t i = 0; i < k; i++)
    v += x[i] > 0 ? w->rank[i] : 0;
  r->statistic = v;
  r->statistic_name = "V";
  r->estimate_name[0] = "(pseudo)median";
  for (size_t i = 0; i < k; i++)
    x[i] += mu;
  w->x = x;
  w->nx = k;
  if (exact && !ties && !zeroes) {
    if (ht_rank_too_large((int)k, 0))
      return "too many observations for the exact signed-rank distribution";
    r->method = "Wilcoxon signed rank exact test";
    r->p_value = exact_p(v, fk * (fk + 1) / 4, (int)k, 0, 1, r->alternative);
    size_t nd = 0;
    double *diffs = conf_int ? walsh_averages(x, k, &nd) : NULL;
    return conf_int ? exact_estimate(r, diffs, nd, (int)k, 0, 1) : NULL;
  }
  double z = v - fk * (fk + 1) / 4;
  double sigma = sqrt(fk * (fk + 1) * (2 * fk + 1) / 24 - ts / 48);
  r->method = w->correct ? "Wilcoxon signed rank test with continuity correction"
                         : "Wilcoxon signed rank test";
  r->p_value = approx_p((z - correction(w, z)) / sigma, r->alternative);
  if (conf_int)
    signed_interval_approx(r, w, x, k);
  if (exact && ties)
    r->warning = "cannot compute exact p-value with ties";
  else if (exact && zeroes)
    r->warning = "cannot compute exact p-value with zeroes";
  return NULL;
}

/* Two-sample test of x (nx) against y (ny), both without NA. */
static const char *rank_sum(htest *r, wz *w, double mu, int exact, int conf_int) {
  size_t nx = w->nx, ny = w->ny;
  double fx = (double)nx, fy = (double)ny, ts, s = 0;
  int ties;
  for (size_t i = 0; i < nx; i++)
    w->a[i] = w->x[i] - mu;
  memcpy(w->a + nx, w->y, ny * sizeof(double));
  if (ht_rank(w->a, nx + ny, w->rank, &ts, &ties) != 0)
    return "out of memory";
  for (size_t i = 0; i < nx; i++)
    s += w->rank[i];
  double stat = s - fx * (fx + 1) / 2;
  r->statistic = stat;
  r->statistic_name = "W";
  r->estimate_name[0] = "difference in location";
  if (exact < 0)
    exact = nx < 50 && ny < 50;
  if (exact && !ties) {
    if (ht_rank_too_large((int)nx, (int)ny))
      return "too many observations for the exact rank-sum distribution";
    r->method = "Wilcoxon rank sum exact test";
    r->p_value = exact_p(stat, fx * fy / 2, (int)nx, (int)ny, 0, r->alternative);
    size_t nd = 0;
    double *diffs = conf_int ? pair_differences(w->x, nx, w->y, ny, &nd) : NULL;
    return conf_int ? exact_estimate(r, diffs, nd, (int)nx, (int)ny, 0) : NULL;
  }
  double z = stat - fx * fy / 2;
  double sigma = sqrt((fx * fy / 12) * ((fx + fy + 1) - ts / ((fx + fy) * (fx + fy - 1))));
  r->method = w->correct ? "Wilcoxon rank sum test with continuity correction"
                         : "Wilcoxon rank sum test";
  r->p_value = approx_p((z - correction(w, z)) / sigma, r->alternative);
  if (conf_int)
    ranksum_interval_approx(r, w);
  if (exact && ties)
    r->warning = "cannot compute exact p-value with ties";
  return NULL;
}

/* Copy the non-NaN entries of x (x - y pairwise when paired) into out. */
static size_t drop_na(const double *x, const double *y, size_t n, double *out) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (!isnan(x[i]) && (y == NULL || !isnan(y[i])))
      out[k++] = y ? x[i] - y[i] : x[i];
  return k;
}

const char *ht_wilcox(const double *x, size_t nx, const double *y, size_t ny, int paired,
                      int exact, int correct, double mu, int conf_int,
                      ht_alternative alt, double conf_level, htest *out) {
  if (!isfinite(mu))
    return "'mu' must be a single number";
  if (conf_int && !(isfinite(conf_level) && conf_level > 0 && conf_level < 1))
    return "'conf.level' must be a single number between 0 and 1";
  if (paired && y == NULL)
    return "'y' is missing for paired test";
  if (paired && nx != ny)
    return "'x' and 'y' must have the same length";
  size_t n = nx + (y ? ny : 0) + 1;
  double *buf = malloc(4 * n * sizeof(double));
  if (buf == NULL)
    return "out of memory";
  wz w = {.v = buf + n, .a = buf + 2 * n, .rank = buf + 3 * n, .correct = correct,
          .alt = alt};
  ht_clear(out, alt, conf_int ? conf_level : NAN);
  out->null_value = mu;
  out->null_name = paired || y ? "location shift" : "location";
  out->n_estimate = conf_int ? 1 : 0;
  const char *err = NULL;
  size_t kx = drop_na(x, paired ? y : NULL, nx, buf);
  if (kx < 1)
    err = "not enough (non-missing) 'x' observations";
  else if (paired || y == NULL)
    err = signed_rank(out, &w, buf, kx, mu, exact, conf_int);
  else {
    w.x = buf;
    w.nx = kx;
    w.y = buf + kx;
    w.ny = drop_na(y, NULL, ny, buf + kx);
    err = w.ny < 1 ? "not enough 'y' observations" : rank_sum(out, &w, mu, exact, conf_int);
  }
  free(buf);
  return err;
}
