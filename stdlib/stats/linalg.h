/* linalg.h: the dense linear algebra of lm and glm, column-major, without
** Lua: Householder QR with R's limited column pivoting (LINPACK dqrdc as
** modified for R's dqrdc2), Q'y, back-substitution and (R'R)^-1. */
#ifndef PW_STDLIB_STATS_LINALG_H
#define PW_STDLIB_STATS_LINALG_H

#include <stddef.h>

/* A QR decomposition of an n x p matrix, in place of the matrix. */
typedef struct linalg_qr {
  double *qr;      /* n x p, column-major: R on and above the diagonal,
                      the Householder vectors below it */
  double *qraux;   /* p: the first component of each Householder vector */
  int *pivot;      /* p: original column (0-based) of each column of qr */
  size_t n, p;     /* dimensions */
  size_t rank;     /* columns before the ones moved to the end */
} linalg_qr;

/* Decompose a (n x p, overwritten: it becomes q->qr) with qraux and pivot
** of p entries and work of 2p doubles. A column whose norm, after the
** projections of the columns before it, falls below tol times its original
** norm is moved to the end (R: tol 1e-7 in lm, min(1e-7, epsilon/1000) in
** glm), so rank deficiency and the aliased columns match R's. */
void linalg_qr_decompose(linalg_qr *q, double *a, size_t n, size_t p, double tol,
                         double *qraux, int *pivot, double *work);

/* y (n) := Q'y, using the first `rank` reflections (R's qr.qty). */
void linalg_qr_qty(const linalg_qr *q, double *y);

/* y (n) := Q y (R's qr.qy). */
void linalg_qr_qy(const linalg_qr *q, double *y);

/* Solve R[0:k, 0:k] b = qty[0:k] for k = rank; b has rank entries, in
** pivoted order. */
void linalg_qr_coef(const linalg_qr *q, const double *qty, double *b);

/* cov (k x k, column-major, k = rank) := (R'R)^-1 of the leading block,
** R's chol2inv(qr$qr[1:k, 1:k]); work holds k*k doubles. */
void linalg_qr_unscaled_cov(const linalg_qr *q, double *cov, double *work);

#endif
