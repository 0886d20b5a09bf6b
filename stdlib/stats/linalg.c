/* linalg.c: Householder QR with limited pivoting, Q'y, back-substitution and
** (R'R)^-1 (linalg.h). Written from the published algorithm (LINPACK dqrdc,
** Dongarra et al. 1979, ch. 9; Golub & Van Loan 2013, §5.2) with R's
** documented changes (dqrdc2): a column is moved to the end, not swapped
** to the front, when its remaining norm falls below tol times its original
** norm, and remaining norms are recomputed when they lose accuracy. */
#include <math.h>
#include <string.h>

#include "stats/linalg.h"

/* Euclidean norm of x[0..n) without overflow (scaled sum of squares). */
static double norm2(const double *x, size_t n) {
  double scale = 0, ssq = 1;
  for (size_t i = 0; i < n; i++) {
    if (x[i] == 0)
      continue;
    double a = fabs(x[i]);
    if (scale < a) {
      ssq = 1 + ssq * (scale / a) * (scale / a);
      scale = a;
    } else {
      ssq += (a / scale) * (a / scale);
    }
  }
  return scale * sqrt(ssq);
}

static double dot(const double *x, const double *y, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; i++)
    s += x[i] * y[i];
  return s;
}

/* Move column l of the n x p matrix (and its bookkeeping) to the end,
** shifting columns l+1.. one place left. */
static void move_to_end(double *a, size_t n, size_t p, size_t l, double *qraux, double *ref,
                        int *pivot, double *col) {
  memcpy(col, a + l * n, n * sizeof *col);
  double qa = qraux[l], rf = ref[l];
  int pv = pivot[l];
  memmove(a + l * n, a + (l + 1) * n, (p - l - 1) * n * sizeof *a);
  memmove(qraux + l, qraux + l + 1, (p - l - 1) * sizeof *qraux);
  memmove(ref + l, ref + l + 1, (p - l - 1) * sizeof *ref);
  memmove(pivot + l, pivot + l + 1, (p - l - 1) * sizeof *pivot);
  memcpy(a + (p - 1) * n, col, n * sizeof *col);
  qraux[p - 1] = qa;
  ref[p - 1] = rf;
  pivot[p - 1] = pv;
}

/* Apply reflection l (vector u = a[l.., l], u_l = its first entry) to the
** later columns and downdate their remaining norms. */
static void reflect_columns(double *a, size_t n, size_t p, size_t l, double *qraux) {
  const double *u = a + l * n + l;
  size_t m = n - l;
  for (size_t j = l + 1; j < p; j++) {
    double *x = a + j * n + l;
    double t = -dot(u, x, m) / u[0];
    for (size_t i = 0; i < m; i++)
      x[i] += t * u[i];
    if (qraux[j] == 0)
      continue;
    double r = fabs(x[0]) / qraux[j];
    double tt = 1 - r * r;
    if (tt < 0)
      tt = 0;
    if (fabs(tt) < 1e-6) {   /* the downdate lost accuracy: recompute */
      qraux[j] = norm2(x + 1, m - 1);
    } else {
      qraux[j] *= sqrt(tt);
    }
  }
}

void linalg_qr_decompose(linalg_qr *q, double *a, size_t n, size_t p, double tol,
                         double *qraux, int *pivot, double *work) {
  double *ref = work;   /* original norms (1 for a zero column) */
  double *col = work + p;
  q->qr = a;
  q->qraux = qraux;
  q->pivot = pivot;
  q->n = n;
  q->p = p;
  for (size_t j = 0; j < p; j++) {
    qraux[j] = norm2(a + j * n, n);
    ref[j] = qraux[j] > 0 ? qraux[j] : 1;
    pivot[j] = (int)j;
  }
  size_t k = p;                  /* columns not moved to the end */
  size_t lup = n < p ? n : p;
  for (size_t l = 0; l < lup; l++) {
    while (l < k && qraux[l] < ref[l] * tol) {
      move_to_end(a, n, p, l, qraux, ref, pivot, col);
      k--;
    }
    if (l + 1 == n)
      break;                     /* the last row: nothing to annihilate */
    double *u = a + l * n + l;
    double nrm = norm2(u, n - l);
    if (nrm == 0)
      continue;
    if (u[0] != 0)
      nrm = copysign(nrm, u[0]);
    for (size_t i = 0; i < n - l; i++)
      u[i] /= nrm;
    u[0] += 1;
    reflect_columns(a, n, p, l, qraux);
    qraux[l] = u[0];
    u[0] = -nrm;
  }
  q->rank = k < n ? k : n;
}

/* Apply reflection j to y. */
static void reflect(const linalg_qr *q, size_t j, double *y) {
  if (q->qraux[j] == 0)
    return;
  size_t n = q->n;
  const double *u = q->qr + j * n + j;   /* u[0] is stored in qraux */
  double u0 = q->qraux[j];
  double s = u0 * y[j];
  for (size_t i = 1; i < n - j; i++)
    s += u[i] * y[j + i];
  double t = -s / u0;
  y[j] += t * u0;
  for (size_t i = 1; i < n - j; i++)
    y[j + i] += t * u[i];
}

/* Reflections that exist: min(rank, n - 1) (none for the last row). */
static size_t nreflect(const linalg_qr *q) {
  size_t k = q->rank;
  return k < q->n - 1 ? k : (q->n > 0 ? q->n - 1 : 0);
}

void linalg_qr_qty(const linalg_qr *q, double *y) {
  size_t k = nreflect(q);
  for (size_t j = 0; j < k; j++)
    reflect(q, j, y);
}

void linalg_qr_qy(const linalg_qr *q, double *y) {
  for (size_t j = nreflect(q); j-- > 0;)
    reflect(q, j, y);
}

void linalg_qr_coef(const linalg_qr *q, const double *qty, double *b) {
  size_t k = q->rank, n = q->n;
  for (size_t i = k; i-- > 0;) {
    double s = qty[i];
    for (size_t j = i + 1; j < k; j++)
      s -= q->qr[j * n + i] * b[j];
    b[i] = s / q->qr[i * n + i];
  }
}

void linalg_qr_unscaled_cov(const linalg_qr *q, double *cov, double *work) {
  size_t k = q->rank, n = q->n;
  double *ri = work;   /* R^-1, upper triangular, column-major k x k */
  memset(ri, 0, k * k * sizeof *ri);
  for (size_t j = 0; j < k; j++) {   /* column j of R^-1: solve R x = e_j */
    ri[j * k + j] = 1 / q->qr[j * n + j];
    for (size_t i = j; i-- > 0;) {
      double s = 0;
      for (size_t l = i + 1; l <= j; l++)
        s += q->qr[l * n + i] * ri[j * k + l];
      ri[j * k + i] = -s / q->qr[i * n + i];
    }
  }
  for (size_t i = 0; i < k; i++)     /* (R'R)^-1 = R^-1 R^-T */
    for (size_t j = i; j < k; j++) {
      double s = 0;
      for (size_t l = j; l < k; l++)
        s += ri[l * k + i] * ri[l * k + j];
      cov[j * k + i] = cov[i * k + j] = s;
    }
}
