/* padjust.c: multiple-comparison adjustment of p-values, R's p.adjust. */
#include <math.h>
#include <stdlib.h>

#include "stats/htest.h"

/* A p-value and its position, sorted stably as R's order(). */
typedef struct {
  double p; /* the p-value */
  size_t i; /* its position among the non-NA values */
} pos_p;

static int ascending(const void *a, const void *b) {
  const pos_p *x = a, *y = b;
  if (x->p != y->p)
    return x->p < y->p ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

static int descending(const void *a, const void *b) {
  const pos_p *x = a, *y = b;
  if (x->p != y->p)
    return x->p > y->p ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

/* Step-down (holm) or step-up (hochberg, BH, BY) adjustment of the n values
** o[] sorted by `order`: a running max or min of factor(i) * p, capped at 1. */
static void step(pos_p *o, size_t n, padj_method m, double *adj) {
  double q = 0, run = m == PADJ_HOLM ? 0 : INFINITY, fn = (double)n;
  if (m == PADJ_BY)
    for (size_t i = 1; i <= n; i++)
      q += 1 / (double)i;
  for (size_t k = 0; k < n; k++) {
    double rank = m == PADJ_HOLM ? (double)k + 1 : fn - (double)k; /* R's i */
    double v;
    if (m == PADJ_HOLM || m == PADJ_HOCHBERG)
      v = (fn + 1 - rank) * o[k].p;
    else if (m == PADJ_BH)
      v = fn / rank * o[k].p;
    else
      v = q * fn / rank * o[k].p;
    run = m == PADJ_HOLM ? fmax(run, v) : fmin(run, v);
    adj[o[k].i] = fmin(1, run);
  }
}

/* Hommel (1988) as R computes it, on p[] sorted ascending (1-based
** arithmetic kept from R's code to make the comparison line by line). */
static void hommel(const pos_p *o, size_t n, double *adj, double *q, double *pa) {
  double mn = INFINITY;
  for (size_t i = 1; i <= n; i++)
    mn = fmin(mn, (double)n * o[i - 1].p / (double)i);
  for (size_t i = 0; i < n; i++)
    q[i] = pa[i] = mn;
  for (size_t j = n - 1; j >= 2; j--) {
    double q1 = INFINITY;
    for (size_t i2 = n - j + 2, d = 2; i2 <= n; i2++, d++) /* i2 over (n-j+2):n */
      q1 = fmin(q1, (double)j * o[i2 - 1].p / (double)d);
    for (size_t i = 1; i <= n - j + 1; i++)
      q[i - 1] = fmin((double)j * o[i - 1].p, q1);
    for (size_t i2 = n - j + 2; i2 <= n; i2++)
      q[i2 - 1] = q[n - j];
    for (size_t i = 0; i < n; i++)
      pa[i] = fmax(pa[i], q[i]);
  }
  for (size_t i = 0; i < n; i++)
    adj[o[i].i] = fmax(pa[i], o[i].p);
}

int padjust(const double *p, size_t n, padj_method method, double *out) {
  size_t k = 0;
  pos_p *o = malloc((n + 1) * sizeof *o);
  double *adj = malloc((3 * n + 1) * sizeof *adj);
  if (o == NULL || adj == NULL) {
    free(o);
    free(adj);
    return -1;
  }
  for (size_t i = 0; i < n; i++)
    if (!isnan(p[i]))
      o[k] = (pos_p){p[i], k}, k++;
  if (k == 2 && method == PADJ_HOMMEL)
    method = PADJ_HOCHBERG;
  for (size_t i = 0; i < k; i++)
    adj[i] = o[i].p; /* "none", and n <= 1 */
  if (k > 1 && method == PADJ_BONFERRONI)
    for (size_t i = 0; i < k; i++)
      adj[i] = fmin(1, (double)k * o[i].p);
  else if (k > 1 && method == PADJ_HOMMEL) {
    qsort(o, k, sizeof *o, ascending);
    hommel(o, k, adj, adj + n, adj + 2 * n);
  } else if (k > 1 && method != PADJ_NONE) {
    qsort(o, k, sizeof *o, method == PADJ_HOLM ? ascending : descending);
    step(o, k, method, adj);
  }
  for (size_t i = 0, j = 0; i < n; i++)
    out[i] = isnan(p[i]) ? p[i] : adj[j++];
  free(o);
  free(adj);
  return 0;
}
