/* lm.c: least squares by QR as R's lm.fit and lm.wfit (model.h): the
** design scaled by sqrt(weights), Householder QR with tolerance 1e-7,
** aliased columns NaN, residuals from the QR as R computes them. */
#include <math.h>
#include <string.h>

#include "stats/linalg.h"
#include "stats/model_int.h"

#define LM_TOL 1e-7   /* lm.fit's tol: rank deficiency as R decides it */

void model_fit_free(model_fit *fit, const frame_mem *mem) {
  size_t n = fit->n, p = fit->p;
  mm_free_doubles(mem, fit->coef, p);
  mm_free_doubles(mem, fit->cov, p * p);
  mm_free_doubles(mem, fit->fitted, n);
  mm_free_doubles(mem, fit->eta, n);
  mm_free_doubles(mem, fit->wwork, n);
  memset(fit, 0, sizeof *fit);
}

/* Allocate the result arrays of a fit of mf. -1 when out of memory. */
int mm_fit_alloc(const model_frame *mf, model_fit *fit, model_error *err) {
  fit->n = mf->n;
  fit->p = mf->p;
  fit->coef = mm_doubles(&mf->mem, mf->p);
  fit->cov = mm_doubles(&mf->mem, mf->p * mf->p);
  fit->fitted = mm_doubles(&mf->mem, mf->n);
  fit->eta = mm_doubles(&mf->mem, mf->n);
  fit->wwork = mm_doubles(&mf->mem, mf->n);
  if (!fit->coef || !fit->cov || !fit->fitted || !fit->eta || !fit->wwork) {
    model_fit_free(fit, &mf->mem);
    mm_error(err, -1, "not enough memory");
    return -1;
  }
  for (size_t j = 0; j < mf->p * mf->p; j++)
    fit->cov[j] = NAN;
  for (size_t j = 0; j < mf->p; j++)
    fit->coef[j] = NAN;
  return 0;
}

/* Scatter the estimates (pivoted order) and (R'R)^-1 into design order. */
void mm_fit_unpivot(const linalg_qr *q, const double *b, model_fit *fit, double *covk,
                    double *work) {
  size_t k = q->rank, p = fit->p;
  fit->rank = k;
  linalg_qr_unscaled_cov(q, covk, work);
  for (size_t i = 0; i < k; i++) {
    fit->coef[q->pivot[i]] = b[i];
    for (size_t j = 0; j < k; j++)
      fit->cov[(size_t)q->pivot[j] * p + (size_t)q->pivot[i]] = covk[j * k + i];
  }
}

/* Work arrays of one QR fit. */
typedef struct lm_work {
  double *a;      /* n x p: the scaled design, then its QR */
  double *z;      /* n: the scaled response, then Q'z, then residuals */
  double *sw;     /* n: sqrt(weights) */
  double *small;  /* qraux (p), work (2p), b (p), cov (p*p), inverse (p*p) */
  int *pivot;     /* p */
} lm_work;

static void work_free(const frame_mem *m, lm_work *w, size_t n, size_t p) {
  mm_free_doubles(m, w->a, n * p);
  mm_free_doubles(m, w->z, n);
  mm_free_doubles(m, w->sw, n);
  mm_free_doubles(m, w->small, 4 * p + 2 * p * p);
  if (w->pivot)
    frame_mem_free(m, w->pivot, (p > 0 ? p : 1) * sizeof *w->pivot);
}

static int work_alloc(const frame_mem *m, lm_work *w, size_t n, size_t p) {
  memset(w, 0, sizeof *w);
  w->a = mm_doubles(m, n * p);
  w->z = mm_doubles(m, n);
  w->sw = mm_doubles(m, n);
  w->small = mm_doubles(m, 4 * p + 2 * p * p);
  w->pivot = frame_mem_alloc(m, (p > 0 ? p : 1) * sizeof *w->pivot);
  if (w->a && w->z && w->sw && w->small && w->pivot)
    return 0;
  work_free(m, w, n, p);
  memset(w, 0, sizeof *w);
  return -1;
}

int model_lm(const model_frame *mf, model_fit *fit, model_error *err) {
  memset(fit, 0, sizeof *fit);
  size_t n = mf->n, p = mf->p;
  if (n == 0) {
    mm_error(err, -1, "no rows to fit (0 rows without NA)");
    return -1;
  }
  lm_work w;
  if (work_alloc(&mf->mem, &w, n, p) != 0) {
    mm_error(err, -1, "not enough memory");
    return -1;
  }
  if (mm_fit_alloc(mf, fit, err) != 0) {
    work_free(&mf->mem, &w, n, p);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    double wi = mf->weights ? mf->weights[i] : 1;
    w.sw[i] = sqrt(wi);
    w.z[i] = (mf->y[i] - (mf->offset ? mf->offset[i] : 0)) * w.sw[i];
    fit->wwork[i] = wi;
    fit->n_ok += wi != 0;
  }
  for (size_t j = 0; j < p; j++)
    for (size_t i = 0; i < n; i++)
      w.a[j * n + i] = mf->X[j * n + i] * w.sw[i];
  double *qraux = w.small, *qwork = qraux + p, *b = qwork + 2 * p, *covk = b + p;
  linalg_qr q;
  linalg_qr_decompose(&q, w.a, n, p, LM_TOL, qraux, w.pivot, qwork);
  linalg_qr_qty(&q, w.z);
  linalg_qr_coef(&q, w.z, b);
  mm_fit_unpivot(&q, b, fit, covk, covk + p * p);
  for (size_t j = 0; j < q.rank; j++)   /* residuals: Q (0, (Q'z)[rank..]) */
    w.z[j] = 0;
  linalg_qr_qy(&q, w.z);
  double rss = 0;
  for (size_t i = 0; i < n; i++) {
    double r;
    if (w.sw[i] > 0) {
      r = w.z[i] / w.sw[i];
    } else {   /* zero weight: not in the fit; R predicts it */
      double f = mf->offset ? mf->offset[i] : 0;
      for (size_t j = 0; j < p; j++)
        if (!isnan(fit->coef[j]))
          f += mf->X[j * n + i] * fit->coef[j];
      r = mf->y[i] - f;
    }
    fit->fitted[i] = fit->eta[i] = mf->y[i] - r;
    rss += w.z[i] * w.z[i];
  }
  fit->rss = rss;
  work_free(&mf->mem, &w, n, p);
  return 0;
}
