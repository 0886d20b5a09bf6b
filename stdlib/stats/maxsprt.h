/* maxsprt.h: the Poisson maximized sequential probability ratio test
** (MaxSPRT, Kulldorff et al. 2011) for post-market safety surveillance:
** the log-likelihood ratio and the exact critical value for continuous
** monitoring (docs/rwe.md). Pure C, no Lua; thread-safe (no state outside
** the caller's variables). */
#ifndef PW_STDLIB_STATS_MAXSPRT_H
#define PW_STDLIB_STATS_MAXSPRT_H

/* Limits. The work of one type I error evaluation grows as about
** T * sqrt(T); the critical value takes some 10 to 60 of them. */
#if !defined(PW_MAX_MAXSPRT_LENGTH)
#define PW_MAX_MAXSPRT_LENGTH 5000.0 /* upper limit T, in expected events */
#endif
#if !defined(PW_MAX_MAXSPRT_MIN_EVENTS)
#define PW_MAX_MAXSPRT_MIN_EVENTS 1000 /* minimum events M before a signal */
#endif
#if !defined(PW_MIN_MAXSPRT_ALPHA)
#define PW_MIN_MAXSPRT_ALPHA 1e-100 /* smallest significance level solved for */
#endif

/* Statuses of maxsprt_cv. */
enum {
  MAXSPRT_OK = 0,          /* *cv holds the critical value */
  MAXSPRT_BAD_LENGTH = 1,  /* T is not a finite number in (0, PW_MAX_MAXSPRT_LENGTH] */
  MAXSPRT_BAD_ALPHA = 2,   /* alpha is not in [PW_MIN_MAXSPRT_ALPHA, 1) */
  MAXSPRT_BAD_MIN = 3,     /* M is not in [1, PW_MAX_MAXSPRT_MIN_EVENTS] */
  MAXSPRT_UNREACHABLE = 4, /* no critical value > 0 gives a type I error as large as alpha */
  MAXSPRT_NOMEM = 5        /* out of memory */
};

/* The log-likelihood ratio of `observed` events against `expected` under
** H0, maximized over a relative risk RR >= 1:
**   (expected - observed) + observed * log(observed / expected)
** when observed > expected, else 0 (the maximum is at RR = 1). NaN when
** observed < 0, expected <= 0 or either is NaN. Why maximized: the
** alternative RR is not known in advance, and one-sided because the
** surveillance looks for excess risk only. */
double maxsprt_llr(double observed, double expected);

/* The exact probability, under H0, that continuous monitoring with
** critical value cv signals by the upper limit T (expected events), when
** no signal is allowed before the M-th event: the type I error of cv.
** The k-th event (k >= M) signals iff it arrives by tau_k, where tau_k < k
** solves (tau - k) + k log(k / tau) = cv; the probability is propagated
** through the Poisson counts between successive boundary times
** (docs/rwe.md gives the algorithm and its error bound, below 1e-20
** absolute). NaN for bad arguments (as maxsprt_cv's, and cv <= 0 or not
** finite) or when out of memory. */
double maxsprt_alpha(double T, int M, double cv);

/* The critical value for continuous monitoring up to T expected events,
** signals from the M-th event on, such that maxsprt_alpha(T, M, *cv) ==
** alpha (Brent's method on log alpha, to 1e-13 in cv: the type I error
** agrees to better than 1e-10 relative). This is what R's
** Sequential::CV.Poisson(SampleSize = T, D = 0, M = M, alpha = alpha)
** computes. Returns MAXSPRT_OK or one of the statuses above, leaving *cv
** unchanged on failure. MAXSPRT_UNREACHABLE when even a critical value
** near 0 signals with probability below alpha (e.g. T = 1, M = 4,
** alpha = 0.05: P(N(1) >= 4) = 0.019). */
int maxsprt_cv(double T, int M, double alpha, double *cv);

/* A short English explanation of a maxsprt_cv status (a static string). */
const char *maxsprt_strerror(int status);

#endif
