/* maxsprt.c: the Poisson MaxSPRT's log-likelihood ratio, the exact type I
** error of a critical value under continuous monitoring, and the critical
** value for a given alpha (Kulldorff et al. 2011; docs/rwe.md). Written
** from the paper's mathematics; no code of R's Sequential package (GPL)
** was used. */
#include "stats/maxsprt.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "stats/dist.h"
#include "stats/htest.h"

/* Masses below this are dropped: the lowest count states once they fall
** under it, and Poisson increments past the mode once they do. Each state
** is dropped at most once, so with at most ~1e4 states the type I error
** is off by less than 1e-25 absolute (docs/rwe.md). */
#define NEGLIGIBLE 1e-30
#define NEGLIGIBLE_JUMP 1e-40

/* The smallest critical value tried: the supremum of the type I error is
** reached as cv -> 0+ (at cv = 0 every look would signal). */
#define CV_FLOOR 1e-9

double maxsprt_llr(double observed, double expected) {
  if (!(observed >= 0) || !(expected > 0))
    return NAN;
  if (observed <= expected)
    return 0.0;
  if (isinf(observed))
    return INFINITY;
  /* log1p keeps the digits when observed is just above expected */
  return observed * log1p((observed - expected) / expected) - (observed - expected);
}

/* e^v - 1 - v, without cancellation near v = 0 (the Taylor series there). */
static double expm1_minus(double v) {
  if (fabs(v) >= 0.05)
    return expm1(v) - v;
  double term = v * v / 2, sum = 0;
  for (int n = 3; n < 40 && fabs(term) > 1e-18 * fabs(sum); n++) {
    sum += term;
    term *= v / n;
  }
  return sum + term;
}

/* tau_k: the expected count by which the k-th event signals, the root
** tau < k of (tau - k) + k log(k / tau) = cv. With tau = k e^v that is
** e^v - 1 - v = cv / k, v < 0: convex and decreasing in v, so Newton's
** method started left of the root climbs to it monotonically. Both
** starts are left of the root: v = -(1 + c) since e^v > 0, and
** log(1 - sqrt(2c)) since e^v - 1 - v >= (1 - e^v)^2 / 2. Solving for v
** rather than tau keeps tau's relative precision when tau is tiny. */
static double boundary_time(int k, double cv) {
  double c = cv / k, v = -(1.0 + c), s = sqrt(2.0 * c);
  if (s < 1.0 && log1p(-s) > v)
    v = log1p(-s);
  for (int i = 0; i < 200; i++) {
    double step = (expm1_minus(v) - c) / expm1(v);
    v -= step;
    if (!(fabs(step) > 1e-16 * fabs(v)))
      break;
  }
  return k * exp(v);
}

/* Work arrays of one type I error evaluation, each of n doubles. */
typedef struct {
  double *lfact; /* lfact[m] = log m! */
  double *cur;   /* P(N(t) = j, no signal yet), j in [lo, hi] */
  double *next;  /* the distribution being built */
  double *pmf;   /* the Poisson increment's probabilities */
  double *tail;  /* its upper tail, tail[m] = P(X >= m) */
  int lo, hi;    /* the live states of cur */
} counts;

/* Move the count distribution forward by dt expected events, keep the
** states 0..cap (cap >= hi) and return the mass that went above cap: the
** probability that an event signals in this interval. The increment's
** probabilities are taken in log space (m log dt - dt - log m!), its tail
** summed from the top so that small tails keep their digits. */
static double advance(counts *s, double dt, int cap) {
  int span = cap + 1 - s->lo, mtop = span, mconv;
  double ldt = log(dt), signal = 0;
  for (int m = 0; m <= span; m++) {
    s->pmf[m] = exp(m * ldt - dt - s->lfact[m]);
    if (m > dt && s->pmf[m] == 0) {
      mtop = m - 1;
      break;
    }
  }
  /* past span every jump signals: the rest of the tail in one piece */
  s->tail[mtop + 1] = mtop == span ? stats_ppois(span, dt, 0, 0) : 0;
  for (int m = mtop; m >= 0; m--)
    s->tail[m] = s->tail[m + 1] + s->pmf[m];
  for (mconv = mtop; mconv > dt && s->pmf[mconv] < NEGLIGIBLE_JUMP; mconv--)
    ;
  for (int j = s->lo; j <= s->hi; j++)
    if (cap + 1 - j <= mtop)
      signal += s->cur[j] * s->tail[cap + 1 - j];
  for (int n = s->lo; n <= cap; n++) {
    int jlo = n - mconv > s->lo ? n - mconv : s->lo, jhi = n < s->hi ? n : s->hi;
    double p = 0;
    for (int j = jlo; j <= jhi; j++)
      p += s->cur[j] * s->pmf[n - j];
    s->next[n] = p;
  }
  for (int n = s->lo; n <= cap; n++)
    s->cur[n] = s->next[n];
  s->hi = cap;
  while (s->lo < cap && s->cur[s->lo] < NEGLIGIBLE)
    s->cur[s->lo++] = 0;
  return signal;
}

/* The type I error of cv into *alpha (arguments already checked): the
** sum over the boundary times tau_M < tau_M+1 < ... < tau_K-1 < T (K the
** first k >= M with tau_k >= T) of the mass crossing each, where the
** state after tau_k keeps the counts 0..k-1 and after T the counts
** 0..K-1. Returns MAXSPRT_OK or MAXSPRT_NOMEM. */
static int type1_error(double T, int M, double cv, double *alpha) {
  int K = M;
  while (boundary_time(K, cv) < T)
    K++;
  size_t n = (size_t)K + 2;
  double *buf = calloc(5 * n, sizeof(double));
  if (buf == NULL)
    return MAXSPRT_NOMEM;
  counts s = {buf, buf + n, buf + 2 * n, buf + 3 * n, buf + 4 * n, 0, 0};
  for (size_t m = 0; m < n; m++)
    s.lfact[m] = stats_lgamma((double)m + 1.0);
  s.cur[0] = 1.0;
  double t = 0, signal = 0;
  for (int k = M; k <= K; k++) {
    double tk = k < K ? boundary_time(k, cv) : T;
    if (tk > t)
      signal += advance(&s, tk - t, k - 1);
    t = tk > t ? tk : t;
  }
  free(buf);
  *alpha = signal;
  return MAXSPRT_OK;
}

static int bad_length(double T) { return !(T > 0 && T <= PW_MAX_MAXSPRT_LENGTH); }
static int bad_min(int M) { return M < 1 || M > PW_MAX_MAXSPRT_MIN_EVENTS; }

double maxsprt_alpha(double T, int M, double cv) {
  double a;
  if (bad_length(T) || bad_min(M) || !(cv > 0 && cv < INFINITY))
    return NAN;
  return type1_error(T, M, cv, &a) == MAXSPRT_OK ? a : NAN;
}

/* The root-finder's view: log alpha(cv) - log(target). */
typedef struct {
  double T;         /* upper limit */
  int M;            /* minimum events */
  double log_alpha; /* log of the target alpha */
  int status;       /* MAXSPRT_NOMEM once an evaluation failed */
} cv_search;

static double cv_objective(double cv, void *ctx) {
  cv_search *c = ctx;
  double a;
  if (type1_error(c->T, c->M, cv, &a) != MAXSPRT_OK) {
    c->status = MAXSPRT_NOMEM;
    return NAN;
  }
  return log(a) - c->log_alpha;
}

/* The type I error falls with cv, steeply (about e^-cv) and smoothly, so
** log alpha is nearly linear in cv and Brent's method (ht_uniroot)
** converges in a few steps once the root is bracketed by doubling. */
int maxsprt_cv(double T, int M, double alpha, double *cv) {
  if (bad_length(T))
    return MAXSPRT_BAD_LENGTH;
  if (!(alpha >= PW_MIN_MAXSPRT_ALPHA && alpha < 1))
    return MAXSPRT_BAD_ALPHA;
  if (bad_min(M))
    return MAXSPRT_BAD_MIN;
  cv_search c = {T, M, log(alpha), MAXSPRT_OK};
  double lo = CV_FLOOR, flo = cv_objective(lo, &c);
  if (c.status != MAXSPRT_OK)
    return c.status;
  if (flo < 0)
    return MAXSPRT_UNREACHABLE;
  double hi = 1, fhi = cv_objective(hi, &c);
  while (c.status == MAXSPRT_OK && fhi > 0 && hi < 4096) {
    lo = hi, flo = fhi;
    hi *= 2;
    fhi = cv_objective(hi, &c);
  }
  if (c.status != MAXSPRT_OK)
    return c.status;
  double root = fhi == 0 ? hi : ht_uniroot(cv_objective, &c, lo, hi, flo, fhi, 1e-13);
  if (c.status != MAXSPRT_OK)
    return c.status;
  if (!(root > 0))
    return MAXSPRT_UNREACHABLE;
  *cv = root;
  return MAXSPRT_OK;
}

const char *maxsprt_strerror(int status) {
  switch (status) {
  case MAXSPRT_OK: return "ok";
  case MAXSPRT_BAD_LENGTH: return "the upper limit must be positive and at most PW_MAX_MAXSPRT_LENGTH";
  case MAXSPRT_BAD_ALPHA: return "alpha must be in (0, 1)";
  case MAXSPRT_BAD_MIN: return "the minimum events must be in [1, PW_MAX_MAXSPRT_MIN_EVENTS]";
  case MAXSPRT_UNREACHABLE: return "no critical value reaches this alpha with this length and minimum events";
  case MAXSPRT_NOMEM: return "out of memory";
  default: return "unknown status";
  }
}
