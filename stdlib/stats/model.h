/* model.h: linear and generalized linear models without Lua: a formula and
** a frame become a design matrix (model_matrix.c), fitted by least squares
** (lm.c) or iteratively reweighted least squares (glm.c), and summarised as
** R's summary.lm / summary.glm do (model_stats.c). docs/methods.md (Linear and generalized linear models). */
#ifndef PW_STDLIB_STATS_MODEL_H
#define PW_STDLIB_STATS_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "frame/frame.h"
#include "stats/formula.h"

/* The error of a model function: a message and, when it is about a place
** in the formula, that place. */
typedef struct model_error {
  char msg[256];   /* the message, without position */
  long pos;        /* byte offset in the formula, -1: not about a place */
} model_error;

/* How a variable enters the design matrix. */
typedef struct model_var {
  int factor;         /* 1: a factor (str, bool, factor()); 0: numeric */
  double *x;          /* numeric: n values */
  uint32_t *code;     /* factor: n level numbers */
  uint32_t nlevels;   /* factor: number of levels */
  char **levels;      /* factor: level labels in level order (sorted) */
  size_t levels_size; /* factor: bytes of all labels (for freeing) */
} model_var;

/* A formula evaluated against a frame: the used rows, the response and the
** design matrix. Build with model_frame_build, free with model_frame_free. */
typedef struct model_frame {
  frame_mem mem;      /* allocator of the n-sized arrays (the frame's) */
  size_t nrow_in;     /* rows of the input frame */
  size_t n;           /* rows used: no NA in any variable, weight or offset */
  size_t n_dropped;   /* rows dropped for NA (R's na.omit) */
  uint32_t *rows;     /* n: the input row of each used row */
  double *y;          /* n: the response; NULL without one */
  double *weights;    /* n: prior weights; NULL: all 1 */
  double *offset;     /* n: the sum of the offsets; NULL: none */
  int nvars;          /* variables (as the formula's) */
  model_var vars[PW_FORMULA_MAX_VARS]; /* their values on the used rows */
  int intercept;      /* the design has an "(Intercept)" column first */
  size_t p;           /* columns of the design matrix */
  double *X;          /* n x p, column-major */
  char **colnames;    /* p names, as R's model.matrix */
  int *assign;        /* p: the term of each column, -1 for the intercept */
} model_frame;

/* Evaluate `f` against `fr`. weights: a column name or NULL. like: NULL, or
** a fitted model's frame whose factor levels are reused (predict: a level
** it does not know is an error); need_response: 0 ignores the response.
** 0 on success; -1 with err set (mf is then empty, nothing to free). */
int model_frame_build(const formula *f, const frame *fr, const char *weights,
                      const model_frame *like, int need_response, model_frame *mf,
                      model_error *err);
void model_frame_free(model_frame *mf);

/* The error families of glm. */
typedef enum model_family {
  MODEL_GAUSSIAN,   /* identity link, variance 1 */
  MODEL_BINOMIAL,   /* logit link, variance mu(1 - mu) */
  MODEL_POISSON     /* log link, variance mu */
} model_family;

/* A fitted model (lm or glm). Arrays of p are in design-column order;
** aliased columns have NaN coefficients. Free with model_fit_free. */
typedef struct model_fit {
  int glm;            /* 0: lm, 1: glm */
  model_family family;/* glm: the family (lm: MODEL_GAUSSIAN) */
  size_t n, p;        /* rows, columns */
  size_t rank;        /* columns estimated */
  size_t n_ok;        /* rows with a non-zero weight */
  double *coef;       /* p: estimates, NaN when aliased */
  double *cov;        /* p x p: (X'WX)^-1 (unscaled), NaN on aliased rows and columns */
  double *fitted;     /* n: fitted values (glm: mu) */
  double *eta;        /* n: linear predictor (lm: = fitted) */
  double *wwork;      /* n: working weights of the last iteration (lm: prior weights) */
  double rss;         /* lm: weighted residual sum of squares; glm: deviance */
  double null_deviance; /* glm */
  double aic_family;  /* glm: the family's aic() (without 2 * rank) */
  int iterations;     /* glm: IRLS iterations */
  int converged;      /* glm: the deviance converged */
  int boundary;       /* glm: step-halving reached a boundary */
  int warn_fitted01;  /* glm: fitted probabilities 0 or 1 / rates 0 occurred */
  int warn_nonint;    /* glm: non-integer binomial successes */
} model_fit;

/* Least squares (R's lm.fit / lm.wfit, QR tolerance 1e-7). 0, or -1 with
** err (out of memory, no rows, non-finite values). */
int model_lm(const model_frame *mf, model_fit *fit, model_error *err);

/* IRLS as R's glm.fit (epsilon 1e-8, maxit 25, R's starting values and
** step-halving). 0, or -1 with err (invalid response, no convergence
** possible). Warnings are flags in fit. */
int model_glm(const model_frame *mf, model_family fam, model_fit *fit, model_error *err);
void model_fit_free(model_fit *fit, const frame_mem *mem);

/* Residuals as R's residuals(fit, type): response y - mu; working
** (y - mu) / (dmu/deta); pearson (y - mu) sqrt(w / V(mu)); deviance
** sign(y - mu) sqrt(d_i). For lm, deviance and pearson are sqrt(w) (y - mu). */
typedef enum model_resid {
  MODEL_RESID_DEVIANCE, MODEL_RESID_PEARSON, MODEL_RESID_WORKING, MODEL_RESID_RESPONSE
} model_resid;
void model_residuals(const model_frame *mf, const model_fit *fit, model_resid type, double *out);

/* The inverse link of a family (R's family$linkinv). */
double model_linkinv(model_family fam, double eta);

/* Per coefficient, what summary() and confint() print. */
typedef struct model_coef {
  double estimate;    /* NaN when aliased */
  double std_err;     /* standard error */
  double statistic;   /* t (lm, gaussian glm) or z (binomial, poisson) */
  double p_value;     /* two-sided */
  double lo, hi;      /* confidence interval at the level asked */
} model_coef;

/* Model-level statistics; fields that do not apply are NaN. */
typedef struct model_summary {
  double df_residual, df_null;   /* residual and null degrees of freedom */
  double sigma;                  /* lm: residual standard error */
  double r_squared, adj_r_squared; /* lm */
  double fstatistic, numdf, dendf, f_p_value; /* lm (NaN without a regressor) */
  double dispersion;             /* glm: 1, or Pearson chi^2 / df (gaussian) */
  double loglik, aic, bic;       /* logLik, AIC, BIC as R's */
  double df_loglik;              /* the df of logLik */
} model_summary;

/* Fill coefs (p) and s; `level` the confidence level (0.95). lm: t tests
** and confint(); glm: z (t for gaussian) and confint.default (Wald). */
void model_summarise(const model_frame *mf, const model_fit *fit, double level,
                     model_coef *coefs, model_summary *s);

#endif
