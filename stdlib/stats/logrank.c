/* logrank.c: the log-rank test of k groups within strata (Mantel–Haenszel,
** survdiff with rho = 0): observed and expected deaths per group, their
** variance matrix, and the chi-squared statistic as survdiff forms it. */
#include <math.h>
#include <string.h>

#include "stats/surv.h"

/* One stratum, walked from its last time back, so the risk set of each
** time is the running count of everyone at that time or later. */
static void logrank_stratum(const double *time, const uint8_t *dead, const uint32_t *group,
                            uint32_t k, const uint32_t *idx, size_t len, double *observed,
                            double *expected, double *var, double *risk) {
  memset(risk, 0, k * sizeof *risk);
  double n = 0;
  size_t i = len;
  while (i > 0) {
    double t = time[idx[i - 1]], d = 0;
    size_t j = i;
    for (; j > 0 && time[idx[j - 1]] == t; j--) {
      uint32_t g = group[idx[j - 1]];
      risk[g]++;
      n++;
      if (dead[idx[j - 1]]) {
        d++;
        observed[g]++;
      }
    }
    i = j;
    if (d == 0)
      continue;
    /* V_ab = d (n - d) / (n - 1) * (n_a / n) (delta_ab - n_b / n) */
    double c = n > 1 ? d * (n - d) / (n * (n - 1)) : 0;
    for (uint32_t a = 0; a < k; a++) {
      if (risk[a] == 0)
        continue;
      expected[a] += d * risk[a] / n;
      double ca = c * risk[a];
      for (uint32_t b = 0; b < k; b++)
        var[(size_t)a * k + b] += ca * ((a == b) - risk[b] / n);
    }
  }
}

void surv_logrank(const double *time, const uint8_t *dead, const uint32_t *group, uint32_t k,
                  const uint32_t *order, const size_t *start, size_t nstrata, double *observed,
                  double *expected, double *var, double *work) {
  for (size_t s = 0; s < nstrata; s++)
    logrank_stratum(time, dead, group, k, order + start[s], start[s + 1] - start[s], observed,
                    expected, var, work);
}

/* Solve A x = b (A m * m, row-major, overwritten) by Gaussian elimination
** with partial pivoting; -1 when A is singular. */
static int solve(size_t m, double *a, double *b) {
  for (size_t c = 0; c < m; c++) {
    size_t piv = c;
    for (size_t r = c + 1; r < m; r++)
      if (fabs(a[r * m + c]) > fabs(a[piv * m + c]))
        piv = r;
    if (a[piv * m + c] == 0 || !isfinite(a[piv * m + c]))
      return -1;
    if (piv != c) {
      for (size_t j = 0; j < m; j++) {
        double tmp = a[c * m + j];
        a[c * m + j] = a[piv * m + j];
        a[piv * m + j] = tmp;
      }
      double tmp = b[c];
      b[c] = b[piv];
      b[piv] = tmp;
    }
    for (size_t r = c + 1; r < m; r++) {
      double f = a[r * m + c] / a[c * m + c];
      for (size_t j = c; j < m; j++)
        a[r * m + j] -= f * a[c * m + j];
      b[r] -= f * b[c];
    }
  }
  for (size_t c = m; c-- > 0;) {
    for (size_t j = c + 1; j < m; j++)
      b[c] -= a[c * m + j] * b[j];
    b[c] /= a[c * m + c];
  }
  return 0;
}

double surv_logrank_chisq(uint32_t k, const double *observed, const double *expected,
                          const double *var, int *df, double *work) {
  uint32_t *keep = (uint32_t *)(void *)(work + (size_t)k * k + 2 * (size_t)k);
  uint32_t kept = 0;
  for (uint32_t g = 0; g < k; g++)
    if (expected[g] > 0)
      keep[kept++] = g;
  *df = (int)kept - 1;
  if (kept < 2)
    return 0;
  size_t m = kept - 1;   /* the first kept group is dropped */
  double *a = work, *d = work + (size_t)k * k;
  for (size_t r = 0; r < m; r++) {
    uint32_t gr = keep[r + 1];
    d[r] = observed[gr] - expected[gr];
    for (size_t c = 0; c < m; c++)
      a[r * m + c] = var[(size_t)gr * k + keep[c + 1]];
  }
  double *x = d + m;   /* solve in place, keep d */
  memcpy(x, d, m * sizeof *x);
  if (solve(m, a, x) != 0)
    return -1;
  double chi = 0;
  for (size_t r = 0; r < m; r++)
    chi += x[r] * d[r];
  return chi;
}
