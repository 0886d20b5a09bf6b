/* surv.h: survival analysis without Lua, as R's survival package computes it
** (docs/methods.md (Survival analysis)): Kaplan–Meier curves, the log-rank test and Cox
** proportional hazards. Every buffer is the caller's (sizes documented per
** function), so the cores never allocate and cannot leak. Thread-safe. */
#ifndef PW_STDLIB_STATS_SURV_H
#define PW_STDLIB_STATS_SURV_H

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ ordering */

/* Order subjects by stratum (0 .. nstrata-1), then by time ascending
** (stable; -0 equals 0). order[n] receives subject indices; start[nstrata
** + 1] the first position of each stratum in order. scratch: n uint32_t,
** keys: 2 * n + 2 uint64_t (nstrata <= n). `stratum` NULL means one stratum. */
void surv_order(size_t n, const double *time, const uint32_t *stratum, uint32_t nstrata,
                uint32_t *order, size_t *start, uint32_t *scratch, uint64_t *keys);

/* -------------------------------------------------------- Kaplan–Meier */

/* One curve at its distinct times (event and censoring times alike, as
** survfit keeps them). Arrays of at least `m` entries. */
typedef struct surv_curve {
  size_t m;          /* distinct times */
  double *time;      /* ascending */
  double *n_risk;    /* subjects with time >= time[i] */
  double *n_event;   /* deaths at time[i] */
  double *n_censor;  /* censorings at time[i] */
  double *surv;      /* Kaplan–Meier product up to and including time[i] */
  double *varh;      /* Greenwood sum d / (n (n - d)): the variance of log surv
                        (R's survfit std.err squared); Inf once surv is 0 */
} surv_curve;

/* The curve of the subjects idx[0..k) (sorted by time): writes c->m and
** the first c->m entries of each array (each must hold k). */
void surv_km(size_t k, const uint32_t *idx, const double *time, const uint8_t *dead,
             surv_curve *c);

/* Pointwise confidence limits, R's survfit_confint with logse. */
typedef enum surv_ci {
  SURV_CI_LOG = 0,  /* exp(log S -+ z se): survfit's default */
  SURV_CI_LOGLOG,   /* on log(-log S) */
  SURV_CI_PLAIN     /* S -+ z S se, clipped to [0, 1] */
} surv_ci;

/* lower/upper of curve c at each of its times; NaN where R has NA (log
** of 0, log-log at 0 or 1) or NaN. z is qnorm(1 - (1 - level) / 2). */
void surv_confint(const surv_curve *c, surv_ci type, double z, double *lower, double *upper);

/* R's minmin: the first time the step function y falls below 0.5 (the
** midpoint of two times when it sits at 0.5 exactly), NaN when never;
** NaN entries of y are skipped. The median (y = surv) and its confidence
** limits (y = lower for the lower limit, y = upper for the upper), as
** survmean does. */
double surv_median(size_t m, const double *time, const double *y);

/* Restricted mean survival up to tau and its standard error, as
** survival:::survmean (print(fit, rmean = tau)); start is min(0, every time
** of the fit). */
void surv_rmst(const surv_curve *c, double start, double tau, double *mean, double *se);

/* The step function at time t, as summary(fit, times = t, extend). */
typedef struct surv_point {
  int present;      /* 0: t beyond the last time without extend, or not finite */
  double surv;      /* S(t) */
  double std_err;   /* S(t) * sqrt(varh): NaN once S is 0 */
  size_t row;       /* row of c holding t (for lower/upper); SIZE_MAX: before
                       the first time (surv 1, limits 1) */
  double n_risk;    /* at risk at t: n_risk of the first time >= t; 0 after */
  double n_event;   /* deaths up to and including t */
} surv_point;

surv_point surv_at(const surv_curve *c, double t, int extend);

/* ------------------------------------------------------------- log-rank */

/* The log-rank test (survdiff, rho = 0) of k groups, within strata: subjects
** order[start[s] .. start[s+1]) are stratum s, sorted by time. Adds to
** observed[k], expected[k] and var[k * k] (zeroed by the caller). work: k
** doubles. */
void surv_logrank(const double *time, const uint8_t *dead, const uint32_t *group, uint32_t k,
                  const uint32_t *order, const size_t *start, size_t nstrata, double *observed,
                  double *expected, double *var, double *work);

/* The statistic as survdiff computes it: groups with expected > 0 kept,
** the first of them dropped, chisq = d' V^-1 d. *df = kept - 1; returns
** chisq (0 when fewer than two groups are kept, -1 when V is singular).
** work: k * k + 3 * k doubles. */
double surv_logrank_chisq(uint32_t k, const double *observed, const double *expected,
                          const double *var, int *df, double *work);

/* ------------------------------------------------------------------ Cox */

typedef enum surv_ties { SURV_EFRON = 0, SURV_BRESLOW } surv_ties;

/* A Cox model to fit (coxph.fit / coxfit6). */
typedef struct surv_cox_in {
  size_t n;               /* subjects */
  size_t p;               /* covariates, >= 1 */
  const double *time;     /* n, in `order`'s order */
  const uint8_t *dead;    /* n, 1 = event */
  const size_t *start;    /* nstrata + 1 stratum boundaries in that order */
  size_t nstrata;         /* strata, >= 1 */
  double *x;              /* p * n covariates, column j at x + j * n, in the
                             same order; centered and scaled in place */
  surv_ties ties;         /* Efron or Breslow */
  int max_iter;           /* R: 20 */
  double eps;             /* R: 1e-9 */
  double toler_chol;      /* R: .Machine$double.eps^0.75 */
} surv_cox_in;

/* What the fit gives. */
typedef struct surv_cox_out {
  double *beta;           /* p coefficients */
  double *var;            /* p * p inverse information at beta */
  double *u;              /* p score at beta (for the infinite-coefficient check) */
  double loglik[2];       /* at 0 and at beta */
  double score;           /* score test at 0 */
  int iter;               /* Newton iterations */
  int converged;          /* 0: ran out of iterations */
  int singular;           /* 0, or 1 + the first covariate found collinear */
} surv_cox_out;

/* Fit; work: 6 * p + 3 * p * p doubles. Returns 0, or -1 when the
** information is singular (out->singular says which covariate). */
int surv_cox(const surv_cox_in *in, surv_cox_out *out, double *work);

/* beta' V^-1 beta with V p * p (Wald test); NaN when V is singular.
** work: p * p + p doubles. */
double surv_wald(size_t p, const double *beta, const double *var, double *work);

/* Harrell's concordance of risk score lp (higher risk, earlier death) as
** coxph reports it: (concordant + tied / 2) / (concordant + discordant +
** tied) over comparable pairs within strata; NaN without any. Subjects in
** the fit's order (time, dead, lp indexed by position). work: 3 * n
** doubles, iwork: 3 * n uint32_t. */
double surv_concordance(size_t n, const double *time, const uint8_t *dead, const double *lp,
                        const size_t *start, size_t nstrata, double *work, uint32_t *iwork);

/* --------------------------------------------- proportional hazards test */

/* The time transform of cox.zph. */
typedef enum surv_zph_transform {
  SURV_ZPH_KM = 0,      /* 1 - the left-continuous Kaplan–Meier of the pooled data */
  SURV_ZPH_RANK,        /* rank of the time among all subjects (ties averaged) */
  SURV_ZPH_IDENTITY,    /* the time */
  SURV_ZPH_LOG          /* log of the time */
} surv_zph_transform;

/* g(t) of every subject, centered by its mean over the deaths (cox.zph's
** gtime). pooled[n]: all subjects sorted by time (surv_order without
** strata); g[i] is subject i's value (indexed as time and dead). */
void surv_zph_g(size_t n, const double *time, const uint8_t *dead, const uint32_t *pooled,
                surv_zph_transform kind, double *g);

/* The score test of cox.zph (Grambsch & Therneau 1994) for adding
** theta * g(t) to each coefficient of a fitted Cox model. */
typedef struct surv_zph_in {
  size_t n, p;              /* subjects and coefficients */
  const double *time;       /* n, sorted as surv_cox wants */
  const uint8_t *dead;      /* n */
  const size_t *start;      /* nstrata + 1 */
  size_t nstrata;
  const double *x;          /* p * n original covariates, column j at x + j * n */
  const double *beta;       /* p fitted coefficients */
  const double *g;          /* n centered transform (surv_zph_g), same order */
  surv_ties ties;           /* the fit's */
  size_t nterms;            /* terms; coefficient j belongs to term[j] < nterms */
  const size_t *term;       /* p */
} surv_zph_in;

/* chisq[nterms + 1]: per term, then global (all coefficients); df[nterms
** + 1] likewise. NaN where the information is not positive definite.
** work: 9 * p * p + 7 * p doubles. */
void surv_zph(const surv_zph_in *in, double *chisq, size_t *df, double *work);

#endif
