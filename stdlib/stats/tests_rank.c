/* tests_rank.c: exact null distributions of the signed-rank and rank-sum
** statistics, by counting, and average ranks with their tie counts. */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "stats/htest.h"

/* ------------------------------------------------------------ signed rank */

/* counts[s], s = 0..n(n+1)/2: how many subsets of {1..n} sum to s (each
** sign pattern of the ranks is equally likely under the null). The caller
** frees. Subset-sum counting: adding rank i shifts the counts by i. */
static double *signrank_counts(int n) {
  int top = n * (n + 1) / 2;
  double *c = calloc((size_t)top + 1, sizeof *c);
  if (c == NULL)
    return NULL;
  c[0] = 1;
  for (int i = 1; i <= n; i++)
    for (int s = top; s >= i; s--)
      c[s] += c[s - i];
  return c;
}

/* The sum of counts c[lo..hi], scaled by `scale`, smallest terms first. */
static double tail_sum(const double *c, int lo, int hi, double scale) {
  long double s = 0;
  for (int i = lo; i <= hi; i++)
    s += c[i];
  return (double)(s * scale);
}

int ht_rank_too_large(int m, int n) {
  if (n == 0) /* signed rank of m observations */
    return m > PW_MAX_EXACT_SIGNRANK;
  double small = m < n ? m : n;
  return (double)m * n * small > PW_MAX_EXACT_RANKSUM;
}

double ht_psignrank(double q, int n, int lower_tail) {
  int top = n * (n + 1) / 2;
  q = floor(q + 1e-7);
  if (q < 0)
    return lower_tail ? 0 : 1;
  if (q >= top)
    return lower_tail ? 1 : 0;
  double *c = signrank_counts(n);
  if (c == NULL)
    return NAN;
  int iq = (int)q;
  double p = lower_tail ? tail_sum(c, 0, iq, ldexp(1, -n))
                        : tail_sum(c, iq + 1, top, ldexp(1, -n));
  free(c);
  return p;
}

/* R's quantile rule for a discrete distribution of counts c[0..top] with
** total `total`: below p = 1/2, the smallest q with P(V <= q) >= p (less a
** 10 eps fuzz); above, the mirror image, as R's qsignrank and qwilcox. */
static double discrete_quantile(const double *c, int top, double total, double p) {
  double f = 1 / total, cum = 0;
  int q = 0;
  if (p <= 0.5) {
    p -= 10 * DBL_EPSILON;
    for (;; q++) {
      cum += c[q] * f;
      if (cum >= p || q == top)
        return q;
    }
  }
  p = 1 - p + 10 * DBL_EPSILON;
  for (;; q++) {
    cum += c[q] * f;
    if (cum > p || q == top)
      return top - q;
  }
}

double ht_qsignrank(double p, int n) {
  if (isnan(p) || p < 0 || p > 1)
    return NAN;
  int top = n * (n + 1) / 2;
  if (p == 0)
    return 0;
  if (p == 1)
    return top;
  double *c = signrank_counts(n);
  if (c == NULL)
    return NAN;
  double q = discrete_quantile(c, top, ldexp(1, n), p);
  free(c);
  return q;
}

/* --------------------------------------------------------------- rank sum */

/* counts[u], u = 0..m n: how many ways the x sample's labels can fall
** among m + n ordered values so that U (the number of (x, y) pairs with
** x above y) equals u. Walk the ordered values: dp[j][u] counts labellings
** of the first i values with j x's and U = u; a value taken as the j-th x
** adds the i - j y's below it. The distribution is symmetric in m and n,
** so j runs over the smaller sample. The caller frees. */
static double *wilcox_counts(int m, int n) {
  if (m > n) {
    int t = m;
    m = n;
    n = t;
  }
  size_t w = (size_t)m * (size_t)n + 1;
  double *dp = calloc((size_t)(m + 1) * w, sizeof *dp);
  if (dp == NULL)
    return NULL;
  dp[0] = 1;
  for (int i = 1; i <= m + n; i++) {
    for (int j = i < m ? i : m; j >= 1; j--) {
      int add = i - j; /* y's below the i-th value when it is the j-th x */
      if (add > n)
        continue;
      double *row = dp + (size_t)j * w, *prev = dp + (size_t)(j - 1) * w;
      for (size_t u = w; u-- > (size_t)add;)
        row[u] += prev[u - (size_t)add];
    }
  }
  double *c = malloc(w * sizeof *c);
  if (c != NULL)
    for (size_t u = 0; u < w; u++)
      c[u] = dp[(size_t)m * w + u];
  free(dp);
  return c;
}

/* choose(m + n, m) as a double: the number of labellings. */
static double labellings(int m, int n) {
  return round(exp(lgamma(m + n + 1.0) - lgamma(m + 1.0) - lgamma(n + 1.0)));
}

double ht_pwilcox(double q, int m, int n, int lower_tail) {
  int top = m * n;
  q = floor(q + 1e-7);
  if (q < 0)
    return lower_tail ? 0 : 1;
  if (q >= top)
    return lower_tail ? 1 : 0;
  double *c = wilcox_counts(m, n);
  if (c == NULL)
    return NAN;
  int iq = (int)q;
  double f = 1 / labellings(m, n);
  double p = lower_tail ? tail_sum(c, 0, iq, f) : tail_sum(c, iq + 1, top, f);
  free(c);
  return p;
}

double ht_qwilcox(double p, int m, int n) {
  if (isnan(p) || p < 0 || p > 1)
    return NAN;
  if (p == 0)
    return 0;
  if (p == 1)
    return (double)m * n;
  double *c = wilcox_counts(m, n);
  if (c == NULL)
    return NAN;
  double q = discrete_quantile(c, m * n, labellings(m, n), p);
  free(c);
  return q;
}

/* ------------------------------------------------------------------ ranks */

/* One value and where it came from, for sorting. */
typedef struct {
  double v; /* the value */
  size_t i; /* its index in the input */
} ranked;

static int by_value(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->v != y->v)
    return x->v < y->v ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

int ht_rank(const double *v, size_t n, double *rank, double *tie_sum, int *ties) {
  ranked *s = malloc((n ? n : 1) * sizeof *s);
  if (s == NULL)
    return -1;
  for (size_t i = 0; i < n; i++)
    s[i] = (ranked){v[i], i};
  qsort(s, n, sizeof *s, by_value);
  double ts = 0;
  int any = 0;
  for (size_t lo = 0, hi; lo < n; lo = hi) {
    for (hi = lo + 1; hi < n && s[hi].v == s[lo].v; hi++) {
    }
    double t = (double)(hi - lo), avg = ((double)lo + 1 + (double)hi) / 2;
    for (size_t k = lo; k < hi; k++)
      rank[s[k].i] = avg;
    ts += t * t * t - t;
    any |= hi - lo > 1;
  }
  free(s);
  if (tie_sum)
    *tie_sum = ts;
  if (ties)
    *ties = any;
  return 0;
}
