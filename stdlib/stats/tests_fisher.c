/* tests_fisher.c: Fisher's exact test of a 2x2 table, R's fisher.test. */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "stats/dist.h"
#include "stats/htest.h"

/* The noncentral hypergeometric distribution of the table's [1, 1] cell
** given its margins (R's dnhyper, mnhyper, pnhyper). */
typedef struct {
  double m, n, k;  /* column 1 total, column 2 total, row 1 total */
  double x;        /* the observed [1, 1] cell */
  int lo, hi;      /* the support lo..hi */
  double *logdc;   /* log dhyper over the support (hi - lo + 1 values) */
  double *d;       /* scratch: the normalized density at one ncp */
  double target;   /* what a root-finding function subtracts */
  int upper;       /* pnhyper's upper.tail in root finding */
} nhyper;

/* d[] = the density at ncp, normalized as R does (exp(d - max d) / sum). */
static void dnhyper(nhyper *h, double ncp) {
  int len = h->hi - h->lo + 1;
  double lncp = log(ncp), mx = -INFINITY;
  for (int i = 0; i < len; i++) {
    h->d[i] = h->logdc[i] + lncp * (h->lo + i);
    mx = fmax(mx, h->d[i]);
  }
  long double sum = 0;
  for (int i = 0; i < len; i++)
    sum += h->d[i] = exp(h->d[i] - mx);
  for (int i = 0; i < len; i++)
    h->d[i] /= (double)sum;
}

static double mnhyper(nhyper *h, double ncp) {
  if (ncp == 0)
    return h->lo;
  if (ncp == INFINITY)
    return h->hi;
  dnhyper(h, ncp);
  long double s = 0;
  for (int i = 0; i <= h->hi - h->lo; i++)
    s += (h->lo + i) * h->d[i];
  return (double)s;
}

static double pnhyper(nhyper *h, double q, double ncp, int upper) {
  if (ncp == 1)
    return upper ? stats_phyper(h->x - 1, h->m, h->n, h->k, 0, 0)
                 : stats_phyper(h->x, h->m, h->n, h->k, 1, 0);
  if (ncp == 0)
    return upper ? q <= h->lo : q >= h->lo;
  if (ncp == INFINITY)
    return upper ? q <= h->hi : q >= h->hi;
  dnhyper(h, ncp);
  long double s = 0;
  for (int i = 0; i <= h->hi - h->lo; i++)
    if (upper ? h->lo + i >= q : h->lo + i <= q)
      s += h->d[i];
  return (double)s;
}

/* The functions R's fisher.test hands to uniroot. */
static double f_mean(double t, void *c) {
  nhyper *h = c;
  return mnhyper(h, t) - h->target;
}
static double f_mean_inv(double t, void *c) {
  nhyper *h = c;
  return mnhyper(h, 1 / t) - h->target;
}
static double f_p(double t, void *c) {
  nhyper *h = c;
  return pnhyper(h, h->x, t, h->upper) - h->target;
}
static double f_p_inv(double t, void *c) {
  nhyper *h = c;
  return pnhyper(h, h->x, 1 / t, h->upper) - h->target;
}

/* uniroot(f, c(lo, 1)) with R's default tolerance. */
static double root(double (*f)(double, void *), nhyper *h, double lo) {
  double tol = pow(DBL_EPSILON, 0.25);
  return ht_uniroot(f, h, lo, 1, f(lo, h), f(1, h), tol);
}

/* Cornfield's conditional maximum-likelihood odds ratio (R's mle). */
static double mle(nhyper *h) {
  if (h->x == h->lo)
    return 0;
  if (h->x == h->hi)
    return INFINITY;
  double mu = mnhyper(h, 1);
  h->target = h->x;
  if (mu > h->x)
    return root(f_mean, h, 0);
  if (mu < h->x)
    return 1 / root(f_mean_inv, h, DBL_EPSILON);
  return 1;
}

/* R's ncp.U (upper = 0) and ncp.L (upper = 1): the exact confidence bound
** at tail probability alpha. */
static double ncp_bound(nhyper *h, double alpha, int upper) {
  if (h->x == (upper ? h->lo : h->hi))
    return upper ? 0 : INFINITY;
  double p = pnhyper(h, h->x, 1, upper);
  h->target = alpha;
  h->upper = upper;
  if (upper ? p > alpha : p < alpha)
    return root(f_p, h, 0);
  if (upper ? p < alpha : p > alpha)
    return 1 / root(f_p_inv, h, DBL_EPSILON);
  return 1;
}

static double two_sided_p(nhyper *h, double or) {
  if (or == 0)
    return h->x == h->lo;
  if (or == INFINITY)
    return h->x == h->hi;
  dnhyper(h, or);
  double dx = h->d[(int)h->x - h->lo] * (1 + 1e-7);
  long double s = 0;
  for (int i = 0; i <= h->hi - h->lo; i++)
    if (h->d[i] <= dx)
      s += h->d[i];
  return (double)s;
}

/* Fill out's fields from the distribution h of the observed table. */
static void fisher_fill(nhyper *h, double or, ht_alternative alt, double level,
                        htest *out) {
  ht_clear(out, alt, level);
  if (alt == HT_LESS)
    out->p_value = pnhyper(h, h->x, or, 0);
  else if (alt == HT_GREATER)
    out->p_value = pnhyper(h, h->x, or, 1);
  else
    out->p_value = two_sided_p(h, or);
  out->estimate[0] = mle(h);
  out->n_estimate = 1;
  double alpha = alt == HT_TWO_SIDED ? (1 - level) / 2 : 1 - level;
  out->conf_int[0] = alt == HT_LESS ? 0 : ncp_bound(h, alpha, 1);
  out->conf_int[1] = alt == HT_GREATER ? INFINITY : ncp_bound(h, alpha, 0);
  out->null_value = or;
  out->method = "Fisher's Exact Test for Count Data";
  out->estimate_name[0] = out->null_name = "odds ratio";
}

const char *ht_fisher2x2(const double tab[4], double or, ht_alternative alt,
                         double conf_level, htest *out) {
  double t[4];
  for (int i = 0; i < 4; i++) {
    if (!isfinite(tab[i]) || tab[i] < 0)
      return "all entries of 'x' must be nonnegative and finite";
    if (tab[i] > 2147483647.0)
      return "'x' has entries too large to be integer";
    t[i] = round(tab[i]); /* R rounds (and warns when that changed x) */
  }
  if (!(isfinite(conf_level) && conf_level > 0 && conf_level < 1))
    return "'conf.level' must be a single number between 0 and 1";
  if (isnan(or) || or < 0)
    return "'or' must be a single number between 0 and Inf";
  nhyper h = {.m = t[0] + t[2], .n = t[1] + t[3], .k = t[0] + t[1], .x = t[0]};
  h.lo = (int)fmax(0, h.k - h.n);
  h.hi = (int)fmin(h.k, h.m);
  int len = h.hi - h.lo + 1;
  h.logdc = malloc(2 * (size_t)len * sizeof(double));
  if (h.logdc == NULL)
    return "out of memory";
  h.d = h.logdc + len;
  for (int i = 0; i < len; i++)
    h.logdc[i] = stats_dhyper(h.lo + i, h.m, h.n, h.k, 1);
  fisher_fill(&h, or, alt, conf_level, out);
  free(h.logdc);
  for (int i = 0; i < 4; i++)
    if (t[i] != tab[i])
      out->warning = "'x' has been rounded to integer";
  return NULL;
}
