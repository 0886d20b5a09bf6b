/* htest.h: hypothesis tests, intervals, p-value adjustment, resampling and
** conjugate posteriors without Lua, each matching the R function it names
** (docs/methods.md (Tests)). Results mirror R's "htest" objects. Thread-safe:
** no mutable state outside the caller's structs. */
#ifndef PW_STDLIB_STATS_HTEST_H
#define PW_STDLIB_STATS_HTEST_H

#include <stddef.h>
#include <stdint.h>

/* The alternative hypothesis, R's `alternative` argument. */
typedef enum {
  HT_TWO_SIDED, /* "two.sided" */
  HT_LESS,      /* "less" */
  HT_GREATER    /* "greater" */
} ht_alternative;

/* One test's result, R's htest fields. Absent numbers are NAN; absent
** names are NULL. Names and method point to static strings. */
typedef struct {
  double statistic;             /* the test statistic (x, t, V, W, ...) */
  double parameter;             /* df, trials, time base or expected count */
  double p_value;               /* the p-value, in [0, 1] */
  double conf_int[2];           /* confidence interval {lo, hi} */
  double conf_level;            /* the interval's level (may be lowered, as R) */
  double estimate[2];           /* the estimate(s) */
  int n_estimate;               /* how many of estimate[] are set: 0, 1 or 2 */
  double null_value;            /* the value under the null hypothesis */
  double stderr_;               /* standard error (t tests), else NAN */
  ht_alternative alternative;   /* as given */
  const char *method;           /* R's method line, e.g. "Welch Two Sample t-test" */
  const char *statistic_name;   /* R's names(statistic), e.g. "t" */
  const char *parameter_name;   /* R's names(parameter), e.g. "df" */
  const char *estimate_name[2]; /* R's names(estimate) */
  const char *null_name;        /* R's names(null.value), e.g. "difference in means" */
  const char *warning;          /* R's warning when it gives one, else NULL */
} htest;

/* Clear r for a test: every number NAN, every name NULL. */
void ht_clear(htest *r, ht_alternative alt, double conf_level);

/* Every test returns NULL on success or R's error text (a static string,
** e.g. "not enough 'x' observations") with *out unspecified. */

/* binom.test(x, n, p, alternative, conf.level): exact, Clopper-Pearson. */
const char *ht_binom(double x, double n, double p, ht_alternative alt, double conf_level,
                     htest *out);

/* poisson.test(x, T, r, ...): one sample (k = 1) or two (k = 2, x[] and t[]). */
const char *ht_poisson(const double *x, const double *t, int k, double r,
                       ht_alternative alt, double conf_level, htest *out);

/* fisher.test on the 2x2 table {{a, b}, {c, d}} (rows first), with the null
** odds ratio `or`; conditional MLE and exact interval as R (uniroot). */
const char *ht_fisher2x2(const double tab[4], double or, ht_alternative alt,
                         double conf_level, htest *out);

/* t.test: y == NULL for one sample; paired uses x - y. NaN entries are NA
** and removed as R does (pairwise for paired). */
const char *ht_t(const double *x, size_t nx, const double *y, size_t ny, int paired,
                 int var_equal, double mu, ht_alternative alt, double conf_level,
                 htest *out);

/* wilcox.test. exact: -1 for R's default (n < 50 and no ties or zeros).
** conf_int: compute the interval and estimate. */
const char *ht_wilcox(const double *x, size_t nx, const double *y, size_t ny, int paired,
                      int exact, int correct, double mu, int conf_int,
                      ht_alternative alt, double conf_level, htest *out);

/* ------------------------------------------------ exact rank distributions */

/* psignrank(q, n) and the upper tail P(V > q): counts of subsets of 1..n. */
double ht_psignrank(double q, int n, int lower_tail);
/* qsignrank(p, n), R's definition (smallest q with P(V <= q) >= p). */
double ht_qsignrank(double p, int n);
/* pwilcox(q, m, n) of the Mann-Whitney statistic W = U. */
double ht_pwilcox(double q, int m, int n, int lower_tail);
/* qwilcox(p, m, n). */
double ht_qwilcox(double p, int m, int n);

/* Limits of the exact distributions (work grows as n^3 and m n min(m, n)). */
#if !defined(PW_MAX_EXACT_SIGNRANK)
#define PW_MAX_EXACT_SIGNRANK 1000 /* observations */
#endif
#if !defined(PW_MAX_EXACT_RANKSUM)
#define PW_MAX_EXACT_RANKSUM 2e8 /* m n min(m, n) */
#endif
/* 1 when the exact distribution of n (signed rank, n == 0) or of m and n
** (rank sum) observations is over the limits above. */
int ht_rank_too_large(int m, int n);

/* Average ranks of v[0..n) into rank (R's rank, ties.method "average");
** *tie_sum = sum over tie groups of t^3 - t, *ties = whether any (either
** pointer may be NULL). Returns -1 out of memory. */
int ht_rank(const double *v, size_t n, double *rank, double *tie_sum, int *ties);

/* Brent's zeroin as R's uniroot(f, c(lo, hi), f.lower, f.upper, tol,
** maxiter = 1000) computes it, step for step, so roots agree with R to the
** last bits rather than to `tol`. Returns the root, NAN when f does not
** change sign. */
double ht_uniroot(double (*f)(double, void *), void *ctx, double lo, double hi,
                  double flo, double fhi, double tol);

/* ------------------------------------------------------------- p.adjust */

/* The p.adjust methods, in R's order. */
typedef enum {
  PADJ_HOLM,       /* "holm" */
  PADJ_HOCHBERG,   /* "hochberg" */
  PADJ_HOMMEL,     /* "hommel" */
  PADJ_BONFERRONI, /* "bonferroni" */
  PADJ_BH,         /* "BH" (alias "fdr") */
  PADJ_BY,         /* "BY" */
  PADJ_NONE        /* "none" */
} padj_method;

/* p.adjust(p, method): adjust the n values of p into out (may alias p).
** NaN entries are NA: kept, and not counted in n. Returns 0, or -1 when
** out of memory. */
int padjust(const double *p, size_t n, padj_method method, double *out);

/* ------------------------------------------------------------ resampling */

/* xoshiro256** 1.0 (Blackman & Vigna), seeded by splitmix64. */
typedef struct {
  uint64_t s[4]; /* the generator's state, never all zero */
} pw_rng;

/* Seed: splitmix64 started at engine_seed XOR (seed * 0x9E3779B97F4A7C15)
** gives s[0..3], its first four outputs (docs/methods.md (Tests)). */
void rng_seed(pw_rng *g, uint64_t engine_seed, uint64_t seed);
/* The next 64-bit output. */
uint64_t rng_next(pw_rng *g);
/* A uniform integer in [0, n), 0 < n <= 2^32, without modulo bias
** (Lemire 2019 on the output's high 32 bits; rejection below 2^32 mod n). */
uint32_t rng_below(pw_rng *g, uint32_t n);
/* Move a uniformly random k-subset of z[0..n) into z[0..k) (the first k
** steps of a Fisher-Yates shuffle: swap z[i] and z[i + below(n - i)]). */
void rng_partial_shuffle(pw_rng *g, double *z, size_t n, size_t k);

/* Observed mean(x) - mean(y) and, over n_perm random relabellings of the
** pooled data, how many are at least as extreme (alt; two-sided: |t*| >=
** |t0|), with a relative tolerance of 1e-10. Returns -1 out of memory. */
int resample_perm_mean(const double *x, size_t nx, const double *y, size_t ny,
                       long n_perm, ht_alternative alt, pw_rng *g, double *t0,
                       long *count);

/* Named bootstrap statistics. */
typedef enum {
  BOOT_MEAN,  /* mean */
  BOOT_MEDIAN /* median (R's: mean of the two middle values) */
} boot_stat;

/* The statistic of x[0..n) (x is reordered by median). */
double boot_statistic(boot_stat s, double *x, size_t n);
/* n_boot bootstrap replicates of s on x into reps. -1 out of memory. */
int resample_bootstrap(const double *x, size_t n, boot_stat s, long n_boot, pw_rng *g,
                       double *reps);
/* R's quantile(x, p, type = 7) of sorted x[0..n). */
double quantile7(const double *sorted, size_t n, double p);

/* ------------------------------------------------- conjugate posteriors */

/* A Beta(a, b) or Gamma(shape, rate) posterior. */
typedef struct {
  int gamma; /* 0: Beta(a, b); 1: Gamma(shape = a, rate = b) */
  double a;  /* first shape parameter (shape for gamma) */
  double b;  /* second shape parameter (rate for gamma) */
} posterior;

/* Beta(a + s, b + n - s); NULL or the error text. */
const char *posterior_beta_binomial(double s, double n, double a, double b,
                                    posterior *out);
/* Gamma(shape + events, rate + exposure). */
const char *posterior_gamma_poisson(double events, double exposure, double shape,
                                    double rate, posterior *out);
double posterior_mean(const posterior *p);
/* P(theta > x) under the posterior. */
double posterior_prob_greater(const posterior *p, double x);
/* The equal-tailed interval of probability level into lohi[2]. */
void posterior_interval(const posterior *p, double level, double lohi[2]);

#endif
