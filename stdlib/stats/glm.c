/* glm.c: generalized linear models by iteratively reweighted least squares,
** step for step as R's glm.fit (model.h): R's starting values, the QR of
** the weighted design each iteration (tolerance 1e-11), convergence when
** |dev - devold| / (|dev| + 0.1) < 1e-8, at most 25 iterations, step
** halving when the deviance is not finite or mu leaves its range.
** McCullagh & Nelder (1989), Generalized Linear Models, 2nd ed., ch. 2. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "stats/dist.h"
#include "stats/model_int.h"

#define GLM_EPSILON 1e-8   /* glm.control()$epsilon */
#define GLM_MAXIT 25       /* glm.control()$maxit */
#define GLM_TOL 1e-11      /* glm.fit's QR tolerance: min(1e-7, epsilon / 1000) */
#define LOGIT_THRESH 30.0  /* R's logit link clamps exp() beyond +-30 */

/* ------------------------------------------------------------ families */

static double linkinv(model_family fam, double eta) {
  switch (fam) {
  case MODEL_BINOMIAL: {
    double t = eta < -LOGIT_THRESH ? DBL_EPSILON : eta > LOGIT_THRESH ? 1 / DBL_EPSILON : exp(eta);
    return t / (1 + t);
  }
  case MODEL_POISSON: return fmax(exp(eta), DBL_EPSILON);
  default: return eta;
  }
}

static double mu_eta(model_family fam, double eta) {
  switch (fam) {
  case MODEL_BINOMIAL: {
    double opexp = 1 + exp(eta);
    return eta > LOGIT_THRESH || eta < -LOGIT_THRESH ? DBL_EPSILON : exp(eta) / (opexp * opexp);
  }
  case MODEL_POISSON: return fmax(exp(eta), DBL_EPSILON);
  default: return 1;
  }
}

static double linkfun(model_family fam, double mu) {
  switch (fam) {
  case MODEL_BINOMIAL: return log(mu / (1 - mu));
  case MODEL_POISSON: return log(mu);
  default: return mu;
  }
}

static double variance(model_family fam, double mu) {
  switch (fam) {
  case MODEL_BINOMIAL: return mu * (1 - mu);
  case MODEL_POISSON: return mu;
  default: return 1;
  }
}

static double ylogy(double y, double mu) {
  return y != 0 ? y * log(y / mu) : 0;
}

/* One observation's deviance contribution (R's dev.resids). */
static double dev_resid(model_family fam, double y, double mu, double wt) {
  switch (fam) {
  case MODEL_BINOMIAL: return 2 * wt * (ylogy(y, mu) + ylogy(1 - y, 1 - mu));
  case MODEL_POISSON: return y > 0 ? 2 * wt * (y * log(y / mu) - (y - mu)) : 2 * mu * wt;
  default: return wt * (y - mu) * (y - mu);
  }
}

static int valid_mu(model_family fam, double mu) {
  switch (fam) {
  case MODEL_BINOMIAL: return isfinite(mu) && mu > 0 && mu < 1;
  case MODEL_POISSON: return isfinite(mu) && mu > 0;
  default: return 1;
  }
}

/* ---------------------------------------------------------------- IRLS */

/* One IRLS problem: the design, the data and where results go. */
typedef struct irls {
  model_family fam;      /* family */
  const double *X;       /* n x p design */
  const double *y, *w, *off; /* response, prior weights (NULL: 1), offset (NULL: 0) */
  const double *mustart; /* starting mu, NULL: the family's */
  size_t n, p;           /* dimensions */
  const frame_mem *mem;  /* allocator */
  double *a, *z;         /* work: n x p weighted design (its QR at the end), n */
  double *small;         /* work: qraux p, qwork 2p, b p, start p, coefold p */
  int *pivot;            /* work: p */
  linalg_qr q;           /* the last iteration's QR */
  double *mu, *eta, *wt; /* out, n: fitted, linear predictor, working weights */
  double dev;            /* out: deviance */
  int iter, conv, boundary; /* out */
} irls;

static double pw(const irls *s, size_t i) {
  return s->w ? s->w[i] : 1;
}
static double po(const irls *s, size_t i) {
  return s->off ? s->off[i] : 0;
}

/* eta := X start + offset, mu := linkinv(eta); the deviance. */
static double predict(irls *s, const double *start) {
  size_t n = s->n;
  for (size_t i = 0; i < n; i++)
    s->eta[i] = po(s, i);
  for (size_t j = 0; j < s->p; j++) {
    double b = start[j];
    const double *x = s->X + j * n;
    if (b != 0)
      for (size_t i = 0; i < n; i++)
        s->eta[i] += x[i] * b;
  }
  double dev = 0;
  for (size_t i = 0; i < n; i++) {
    s->mu[i] = linkinv(s->fam, s->eta[i]);
    dev += dev_resid(s->fam, s->y[i], s->mu[i], pw(s, i));
  }
  return dev;
}

static int all_valid(const irls *s) {
  for (size_t i = 0; i < s->n; i++)
    if (!valid_mu(s->fam, s->mu[i]))
      return 0;
  return 1;
}

/* The weighted least-squares step of one iteration; b gets the estimates
** in design order (0 for aliased columns, as R's Cdqrls leaves them). */
static int wls_step(irls *s, double *start, model_error *err) {
  size_t n = s->n, p = s->p;
  for (size_t i = 0; i < n; i++) {
    double me = mu_eta(s->fam, s->eta[i]), var = variance(s->fam, s->mu[i]);
    if (isnan(var) || var == 0) {
      mm_error(err, -1, isnan(var) ? "NAs in V(mu)" : "0s in V(mu)");
      return -1;
    }
    int good = pw(s, i) > 0 && me != 0;
    s->wt[i] = good ? sqrt(pw(s, i) * me * me / var) : 0;
    s->z[i] = good ? (s->eta[i] - po(s, i) + (s->y[i] - s->mu[i]) / me) * s->wt[i] : 0;
  }
  for (size_t j = 0; j < p; j++)
    for (size_t i = 0; i < n; i++)
      s->a[j * n + i] = s->X[j * n + i] * s->wt[i];
  double *qraux = s->small, *qwork = qraux + p, *b = qwork + 2 * p;
  linalg_qr_decompose(&s->q, s->a, n, p, GLM_TOL, qraux, s->pivot, qwork);
  linalg_qr_qty(&s->q, s->z);
  linalg_qr_coef(&s->q, s->z, b);
  for (size_t j = 0; j < p; j++)
    start[j] = 0;
  for (size_t j = 0; j < s->q.rank; j++) {
    if (!isfinite(b[j])) {
      mm_error(err, -1, "non-finite coefficients at iteration %d", s->iter);
      return -1;
    }
    start[s->pivot[j]] = b[j];
  }
  return 0;
}

/* Halve the step towards coefold until ok(s) (R's inner loops). */
static int halve(irls *s, double *start, const double *coefold, int finite, model_error *err) {
  for (int ii = 1;; ii++) {
    if (finite ? isfinite(s->dev) : all_valid(s))
      return 0;
    if (coefold == NULL) {
      mm_error(err, -1, finite ? "no valid set of coefficients has been found"
                               : "cannot find valid starting values");
      return -1;
    }
    if (ii > GLM_MAXIT) {
      mm_error(err, -1, "inner loop %d; cannot correct step size", finite ? 1 : 2);
      return -1;
    }
    for (size_t j = 0; j < s->p; j++)
      start[j] = (start[j] + coefold[j]) / 2;
    s->dev = predict(s, start);
    s->boundary = 1;
  }
}

/* glm.fit's loop. The final QR stays in s->q, the estimates in start. */
static int irls_run(irls *s, model_error *err) {
  size_t n = s->n, p = s->p;
  double *start = s->small + 4 * p, *coefold = start + p;
  int have_old = 0;
  for (size_t i = 0; i < n; i++) {
    double w = pw(s, i), y = s->y[i];
    double m = s->mustart ? s->mustart[i]
             : s->fam == MODEL_BINOMIAL ? (w * y + 0.5) / (w + 1)
             : s->fam == MODEL_POISSON ? y + 0.1 : y;
    s->eta[i] = linkfun(s->fam, m);
    s->mu[i] = linkinv(s->fam, s->eta[i]);
  }
  double devold = 0;
  for (size_t i = 0; i < n; i++)
    devold += dev_resid(s->fam, s->y[i], s->mu[i], pw(s, i));
  s->conv = s->boundary = 0;
  for (s->iter = 1; s->iter <= GLM_MAXIT; s->iter++) {
    if (wls_step(s, start, err) != 0)
      return -1;
    s->dev = predict(s, start);
    if (halve(s, start, have_old ? coefold : NULL, 1, err) != 0 ||
        halve(s, start, have_old ? coefold : NULL, 0, err) != 0)
      return -1;
    if (fabs(s->dev - devold) / (fabs(s->dev) + 0.1) < GLM_EPSILON) {
      s->conv = 1;
      break;
    }
    devold = s->dev;
    memcpy(coefold, start, p * sizeof *start);
    have_old = 1;
  }
  if (s->iter > GLM_MAXIT)
    s->iter = GLM_MAXIT;
  return 0;
}

static int irls_alloc(irls *s) {
  size_t n = s->n, p = s->p;
  s->a = mm_doubles(s->mem, n * p);
  s->z = mm_doubles(s->mem, n);
  s->small = mm_doubles(s->mem, 6 * p);
  s->pivot = frame_mem_alloc(s->mem, (p > 0 ? p : 1) * sizeof *s->pivot);
  return s->a && s->z && s->small && s->pivot ? 0 : -1;
}

static void irls_free(irls *s) {
  mm_free_doubles(s->mem, s->a, s->n * s->p);
  mm_free_doubles(s->mem, s->z, s->n);
  mm_free_doubles(s->mem, s->small, 6 * s->p);
  if (s->pivot)
    frame_mem_free(s->mem, s->pivot, (s->p > 0 ? s->p : 1) * sizeof *s->pivot);
}

/* ------------------------------------------------------------- glm fit */

static int check_response(const model_frame *mf, model_family fam, model_fit *fit,
                          model_error *err) {
  for (size_t i = 0; i < mf->n; i++) {
    double y = mf->y[i], w = mf->weights ? mf->weights[i] : 1;
    if (fam == MODEL_BINOMIAL && (y < 0 || y > 1)) {
      mm_error(err, -1, "binomial: y values must be 0 <= y <= 1 (row %zu of the rows used has %g)",
               i + 1, y);
      return -1;
    }
    if (fam == MODEL_POISSON && y < 0) {
      mm_error(err, -1, "poisson: negative values not allowed (row %zu of the rows used has %g)",
               i + 1, y);
      return -1;
    }
    if (fam == MODEL_BINOMIAL && fabs(w * y - nearbyint(w * y)) > 1e-3)
      fit->warn_nonint = 1;
  }
  return 0;
}

/* The family's aic() of R (the model's AIC adds 2 * rank). */
static double family_aic(const model_frame *mf, model_family fam, const double *mu, double dev) {
  double s = 0;
  size_t n = mf->n;
  for (size_t i = 0; i < n; i++) {
    double w = mf->weights ? mf->weights[i] : 1, y = mf->y[i];
    if (fam == MODEL_BINOMIAL && w > 0)
      s += stats_dbinom(nearbyint(w * y), nearbyint(w), mu[i], 1);
    else if (fam == MODEL_POISSON)
      s += stats_dpois(y, mu[i], 1) * w;
    else if (fam == MODEL_GAUSSIAN)
      s += log(w);
  }
  if (fam != MODEL_GAUSSIAN)
    return -2 * s;
  return (double)n * (log(2 * M_PI * dev / (double)n) + 1) + 2 - s;
}

/* Null deviance: of the weighted mean, or with an offset and an intercept
** of the intercept-only fit started at mu (R refits glm(y ~ 1 + offset)). */
static int null_deviance(const model_frame *mf, model_family fam, model_fit *fit,
                         model_error *err) {
  size_t n = mf->n;
  if (mf->offset == NULL || !mf->intercept) {
    double sw = 0, swy = 0, dev = 0;
    for (size_t i = 0; i < n; i++) {
      double w = mf->weights ? mf->weights[i] : 1;
      sw += w;
      swy += w * mf->y[i];
    }
    for (size_t i = 0; i < n; i++) {
      double m = mf->intercept ? swy / sw : linkinv(fam, mf->offset ? mf->offset[i] : 0);
      dev += dev_resid(fam, mf->y[i], m, mf->weights ? mf->weights[i] : 1);
    }
    fit->null_deviance = dev;
    return 0;
  }
  double *ones = mm_doubles(&mf->mem, n), *mu = mm_doubles(&mf->mem, n),
         *eta = mm_doubles(&mf->mem, n), *wt = mm_doubles(&mf->mem, n);
  irls s = {fam, ones, mf->y, mf->weights, mf->offset, fit->fitted, n, 1, &mf->mem,
            NULL, NULL, NULL, NULL, {0}, mu, eta, wt, 0, 0, 0, 0};
  int status = -1;
  if (ones && mu && eta && wt && irls_alloc(&s) == 0) {
    for (size_t i = 0; i < n; i++)
      ones[i] = 1;
    status = irls_run(&s, err);
    fit->null_deviance = s.dev;
  } else {
    mm_error(err, -1, "not enough memory");
  }
  irls_free(&s);
  mm_free_doubles(&mf->mem, ones, n);
  mm_free_doubles(&mf->mem, mu, n);
  mm_free_doubles(&mf->mem, eta, n);
  mm_free_doubles(&mf->mem, wt, n);
  return status;
}

double model_linkinv(model_family fam, double eta) {
  return linkinv(fam, eta);
}

void model_residuals(const model_frame *mf, const model_fit *fit, model_resid type, double *out) {
  for (size_t i = 0; i < fit->n; i++) {
    double y = mf->y[i], mu = fit->fitted[i], w = mf->weights ? mf->weights[i] : 1;
    double r = y - mu;
    if (type == MODEL_RESID_RESPONSE)
      out[i] = r;
    else if (!fit->glm || fit->family == MODEL_GAUSSIAN)
      out[i] = type == MODEL_RESID_WORKING ? r : sqrt(w) * r;
    else if (type == MODEL_RESID_WORKING)
      out[i] = r / mu_eta(fit->family, fit->eta[i]);
    else if (type == MODEL_RESID_PEARSON)
      out[i] = r * sqrt(w) / sqrt(variance(fit->family, mu));
    else
      out[i] = copysign(sqrt(fmax(dev_resid(fit->family, y, mu, w), 0)), r);
  }
}

/* R's warnings after the loop: fitted values at the boundary. */
static void boundary_warnings(const model_frame *mf, model_family fam, model_fit *fit) {
  double eps = 10 * DBL_EPSILON;
  for (size_t i = 0; i < mf->n; i++) {
    double mu = fit->fitted[i];
    if ((fam == MODEL_BINOMIAL && (mu > 1 - eps || mu < eps)) ||
        (fam == MODEL_POISSON && mu < eps))
      fit->warn_fitted01 = 1;
  }
}

int model_glm(const model_frame *mf, model_family fam, model_fit *fit, model_error *err) {
  memset(fit, 0, sizeof *fit);
  size_t n = mf->n, p = mf->p;
  if (n == 0) {
    mm_error(err, -1, "no rows to fit (0 rows without NA)");
    return -1;
  }
  if (check_response(mf, fam, fit, err) != 0)
    return -1;
  int nonint = fit->warn_nonint;
  if (mm_fit_alloc(mf, fit, err) != 0)
    return -1;
  fit->glm = 1;
  fit->family = fam;
  fit->warn_nonint = nonint;
  irls s = {fam, mf->X, mf->y, mf->weights, mf->offset, NULL, n, p, &mf->mem,
            NULL, NULL, NULL, NULL, {0}, fit->fitted, fit->eta, fit->wwork, 0, 0, 0, 0};
  double *covk = mm_doubles(&mf->mem, 2 * p * p);
  int status = -1;
  if (covk == NULL || irls_alloc(&s) != 0)
    mm_error(err, -1, "not enough memory");
  else
    status = irls_run(&s, err);
  if (status == 0) {
    for (size_t i = 0; i < n; i++)
      fit->wwork[i] *= fit->wwork[i];   /* R's $weights: the squares */
    mm_fit_unpivot(&s.q, s.small + 4 * p, fit, covk, covk + p * p);
    for (size_t j = 0; j < s.q.rank; j++)   /* unpivot took b from pivoted order */
      fit->coef[s.pivot[j]] = (s.small + 4 * p)[s.pivot[j]];
    fit->rss = s.dev;
    fit->iterations = s.iter;
    fit->converged = s.conv;
    fit->boundary = s.boundary;
    for (size_t i = 0; i < n; i++)
      fit->n_ok += !mf->weights || mf->weights[i] != 0;
    boundary_warnings(mf, fam, fit);
    fit->aic_family = family_aic(mf, fam, fit->fitted, s.dev);
    status = null_deviance(mf, fam, fit, err);
  }
  irls_free(&s);
  mm_free_doubles(&mf->mem, covk, 2 * p * p);
  if (status != 0)
    model_fit_free(fit, &mf->mem);
  return status;
}
