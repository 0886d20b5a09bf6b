/* test_stats_linalg.c: Criterion tests of linalg.c (QR with R's limited
** pivoting, Q'y and Qy, coefficients, (R'R)^-1, rank deficiency). */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "stats/linalg.h"

/* Decompose a copy of the n x p matrix x (column-major) and solve for y. */
typedef struct qr_case {
  double a[64];        /* the decomposition */
  double qraux[8];
  int pivot[8];
  double work[16];
  linalg_qr q;
} qr_case;

static void decompose(qr_case *c, const double *x, size_t n, size_t p, double tol) {
  memcpy(c->a, x, n * p * sizeof *x);
  linalg_qr_decompose(&c->q, c->a, n, p, tol, c->qraux, c->pivot, c->work);
}

Test(linalg, least_squares_line) {
  /* y = 1 + 2x exactly at x = 0..4 */
  const double x[] = {1, 1, 1, 1, 1, 0, 1, 2, 3, 4};
  double y[] = {1, 3, 5, 7, 9}, b[2];
  qr_case c;
  decompose(&c, x, 5, 2, 1e-7);
  cr_assert_eq(c.q.rank, 2);
  linalg_qr_qty(&c.q, y);
  linalg_qr_coef(&c.q, y, b);
  cr_assert_float_eq(b[0], 1, 1e-13);
  cr_assert_float_eq(b[1], 2, 1e-13);
  cr_assert_float_eq(y[2] * y[2] + y[3] * y[3] + y[4] * y[4], 0, 1e-24, "no residual");
}

Test(linalg, qy_inverts_qty) {
  const double x[] = {2, -1, 0, 3, 1, 4, 1, 0, -2, 5, 1, 1};
  double v[] = {0.5, -1, 2, 7}, w[4];
  memcpy(w, v, sizeof v);
  qr_case c;
  decompose(&c, x, 4, 3, 1e-7);
  linalg_qr_qty(&c.q, w);
  linalg_qr_qy(&c.q, w);
  for (int i = 0; i < 4; i++)
    cr_assert_float_eq(w[i], v[i], 1e-13);
}

Test(linalg, unscaled_covariance_is_inverse_of_xtx) {
  /* X'X = [[4, 6], [6, 14]]; its inverse is [[14, -6], [-6, 4]] / 20 */
  const double x[] = {1, 1, 1, 1, 0, 1, 2, 3};
  double cov[4], work[4];
  qr_case c;
  decompose(&c, x, 4, 2, 1e-7);
  linalg_qr_unscaled_cov(&c.q, cov, work);
  cr_assert_float_eq(cov[0], 14.0 / 20, 1e-14);
  cr_assert_float_eq(cov[1], -6.0 / 20, 1e-14);
  cr_assert_float_eq(cov[2], -6.0 / 20, 1e-14);
  cr_assert_float_eq(cov[3], 4.0 / 20, 1e-14);
}

Test(linalg, collinear_column_moves_to_the_end) {
  /* columns: 1, x, 2x, z; the third is aliased, as R's lm gives NA */
  const double x[] = {1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 2, 4, 6, 8, 10, 1, 0, 1, 0, 0};
  qr_case c;
  decompose(&c, x, 5, 4, 1e-7);
  cr_assert_eq(c.q.rank, 3);
  cr_assert_eq(c.pivot[0], 0);
  cr_assert_eq(c.pivot[1], 1);
  cr_assert_eq(c.pivot[2], 3);
  cr_assert_eq(c.pivot[3], 2, "the aliased column is last");
}

Test(linalg, zero_column_and_tolerance) {
  const double x[] = {1, 1, 1, 0, 0, 0, 1, 2, 3 + 1e-9};
  qr_case c;
  decompose(&c, x, 3, 3, 1e-7);
  cr_assert_eq(c.q.rank, 2);
  cr_assert_eq(c.pivot[2], 1, "the zero column is moved");
  /* 1, x and a nearly collinear column: R's tolerance decides */
  const double y[] = {1, 1, 1, 1, 2, 3, 2, 4, 6 + 1e-10};
  decompose(&c, y, 3, 3, 1e-7);
  cr_assert_eq(c.q.rank, 2);
  decompose(&c, y, 3, 3, 1e-12);
  cr_assert_eq(c.q.rank, 3);
}

Test(linalg, more_columns_than_rows) {
  const double x[] = {1, 1, 1, 2, 5, 7, 0, 1};
  qr_case c;
  decompose(&c, x, 2, 4, 1e-7);
  cr_assert_eq(c.q.rank, 2);
}
