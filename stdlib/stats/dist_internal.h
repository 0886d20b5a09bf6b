/* dist_internal.h: helpers shared by the dist*.c files (not for the other
** cores: they use dist.h). Tail conventions, saddle-point pieces (Loader
** 2000), the incomplete gamma and beta ratios and the quantile searches.
** docs/methods.md (Distributions) cites the published algorithm behind each. */
#ifndef PW_STDLIB_STATS_DIST_INTERNAL_H
#define PW_STDLIB_STATS_DIST_INTERNAL_H

#include <float.h>
#include <math.h>

#define PW_LN_SQRT_2PI 0.918938533204672741780329736406 /* log(sqrt(2 pi)) */
#define PW_LN_2PI 1.837877066409345483560659472811      /* log(2 pi) */
#define PW_LN2 0.693147180559945309417232121458         /* log(2) */
#define PW_PI 3.141592653589793238462643383280          /* pi */

/* R's tolerance for "is an integer" (x within 1e-7 relative of one) and
** the fuzz its discrete p-functions add before flooring. */
#define DIST_NONINT(x) (fabs((x)-nearbyint(x)) > 1e-7 * fmax(1.0, fabs(x)))
#define DIST_FLOOR_FUZZ 1e-7

/* 0 and 1 on the scale asked for (log_p), and the ends of a tail. */
static inline double dist_zero(int log_p) {
  return log_p ? -INFINITY : 0.0;
}
static inline double dist_one(int log_p) {
  return log_p ? 0.0 : 1.0;
}
static inline double dist_t0(int lower, int log_p) {
  return lower ? dist_zero(log_p) : dist_one(log_p);
}
static inline double dist_t1(int lower, int log_p) {
  return lower ? dist_one(log_p) : dist_zero(log_p);
}
/* a density value on the asked scale from its log */
static inline double dist_dexp(double lv, int give_log) {
  return give_log ? lv : exp(lv);
}

/* log(1 - exp(x)) for x <= 0, accurate on both sides of log 2
** (Maechler 2012, "Accurately computing log(1 - exp(-|a|))"). */
double dist_log1mexp(double x);

/* A tail probability known as its log `lt` (of the lower tail when
** is_lower, else the upper) returned as tail `lower` on scale `log_p`. */
double dist_tail(double lt, int is_lower, int lower, int log_p);

/* The target of a quantile function: the log of the smaller tail that p
** (with lower, log_p) states, and which tail it is. Returns 0 when p is not a
** probability (NaN), else 1; *lt is -Inf for the support's ends. */
int dist_target(double p, int lower, int log_p, double *lt, int *is_lower);

/* Special functions (dist_special.c). */
double dist_lgamma1p(double a);       /* log Gamma(1 + a), accurate for small a */
double dist_stirlerr(double n);       /* log(n! e^n / (n^(n+1/2) sqrt(2 pi))) */
double dist_bd0(double x, double np); /* x log(x/np) + np - x, stably */
double dist_sinpi(double x);          /* sin(pi x) with exact reduction */
double dist_stirling_tail(double z);  /* stirlerr for z >= 10 (Stirling series) */
/* log Gamma(b + a) - log Gamma(b) for b > 0, a >= 0, without cancellation
** when a is small against b */
double dist_lgamma_ratio(double b, double a);
/* log(x^a y^b / B(a, b)) with y = 1 - x given separately: Loader's form
** (stirlerr, bd0) when a, b >= 1, else directly */
double dist_lbeta_kernel(double x, double y, double a, double b);
/* Loader's saddle-point binomial and Poisson densities, real arguments:
** n!/(x!(n-x)!) p^x q^(n-x) and lambda^x e^-lambda / x!. */
double dist_dbinom_raw(double x, double n, double p, double q, int give_log);
double dist_dpois_raw(double x, double lambda, int give_log);

/* The regularized incomplete gamma P(a, x) / Q(a, x) (dist_gamma.c) and
** beta I_x(a, b) with y = 1 - x given separately (dist_beta.c). */
double dist_pgamma_raw(double x, double a, int lower, int log_p);
double dist_pbeta_raw(double x, double y, double a, double b, int lower, int log_p);

/* Quantile search for a continuous law on a positive support (dist_quantile.c):
** the x in (0, hi] where log cdf(x; is_lower) = lt. cdf and lpdf take the
** parameters in par; x0 is a starting guess (any positive value works). */
typedef double (*dist_cdf_fn)(double x, const double *par, int lower, int log_p);
typedef double (*dist_lpdf_fn)(double x, const double *par);
double dist_qsolve(dist_cdf_fn cdf, dist_lpdf_fn lpdf, const double *par, double lt,
                   int is_lower, double x0, double hi);

/* The condition a discrete quantile x must meet, P(X <= x) >= p for a
** lower-tail p or P(X > x) <= p for an upper-tail one, with R's fuzz for
** left continuity (p (1 -+ 8 eps), a log p times (1 +- 2 eps)), restated on
** the smaller tail: log P(X <= x) >= *lt when *is_lower, else
** log P(X > x) <= *lt. With hyper_style, p is first turned into a
** lower-tail probability and multiplied by 1 - 1000 eps, as R's qhyper
** does. p must be valid (dist_target). */
void dist_discrete_target(double p, int lower, int log_p, int hyper_style, double *lt,
                          int *is_lower);

/* Quantile search for a discrete law on the integers [lo, hi]
** (dist_quantile.c): the smallest x meeting the condition (lt, is_lower)
** of dist_discrete_target. start is a first guess. */
typedef double (*dist_pmf_cdf_fn)(double x, const double *par, int lower, int log_p);
double dist_qdiscrete(dist_pmf_cdf_fn cdf, const double *par, double lt, int is_lower,
                      double start, double lo, double hi);

/* One step of the modified Lentz algorithm (Thompson & Barnett 1986) for
** a continued fraction b0 + a1/(b1 + a2/(b2 + ...)): takes the term a/b,
** updates the running C and D (kept away from 0) and returns C*D, the
** factor by which the value changes. */
static inline double dist_lentz_step(double a, double b, double *c, double *d) {
  const double tiny = 1e-300;
  *d = b + a * *d;
  if (fabs(*d) < tiny)
    *d = tiny;
  *c = b + a / *c;
  if (fabs(*c) < tiny)
    *c = tiny;
  *d = 1 / *d;
  return *d * *c;
}

#endif
