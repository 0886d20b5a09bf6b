/* frame_agg.c: aggregates of a column over groups, computed as R computes them. */
#include <math.h>
#include <string.h>

#include "frame_internal.h"

/* The arithmetic follows R (src/main/summary.c, cov.c, quantile.default) so
** that a reviewer re-running a figure in R gets the same digits: sums in
** long double, mean with R's second correcting pass, var around that mean
** with an n - 1 denominator, quantile type 7. NA and NaN are skipped
** (R's na.rm = TRUE). */

static const char *const agg_names[FRAME_NAGG] = {
    "count", "n",   "sum",        "mean",  "median", "var",     "sd",
    "min",   "max", "n_distinct", "first", "last",   "quantile"};

const char *frame_agg_name(frame_agg a) {
  return (unsigned)a < FRAME_NAGG ? agg_names[a] : NULL;
}

int frame_agg_type(frame_agg a, frame_type t, frame_type *out) {
  int numeric = t == FRAME_INT || t == FRAME_NUM || t == FRAME_BOOL;
  switch (a) {
  case FRAME_AGG_COUNT:
  case FRAME_AGG_N:
  case FRAME_AGG_N_DISTINCT:
    *out = FRAME_INT;
    return FRAME_OK;
  case FRAME_AGG_SUM:
    if (!numeric)
      return FRAME_ETYPE;
    *out = t == FRAME_NUM ? FRAME_NUM : FRAME_INT;
    return FRAME_OK;
  case FRAME_AGG_MEAN:
  case FRAME_AGG_MEDIAN:
  case FRAME_AGG_VAR:
  case FRAME_AGG_SD:
  case FRAME_AGG_QUANTILE:
    if (!numeric)
      return FRAME_ETYPE;
    *out = FRAME_NUM;
    return FRAME_OK;
  case FRAME_AGG_MIN:
  case FRAME_AGG_MAX:
  case FRAME_AGG_FIRST:
  case FRAME_AGG_LAST:
    *out = t;
    return FRAME_OK;
  }
  return FRAME_EARG;
}

/* The groups being aggregated: g's, or the whole column as one group. */
typedef struct groups_view {
  size_t n;               /* rows */
  size_t ngroups;         /* groups (1 without g) */
  const frame_row *gid;   /* group of each row; NULL: all 0 */
  const frame_row *start; /* NULL: the one group is rows 0..n */
  const frame_row *rows;  /* NULL: row k of the group is k */
} groups_view;

static frame_row gv_gid(const groups_view *v, size_t i) {
  return v->gid ? v->gid[i] : 0;
}
static size_t gv_start(const groups_view *v, size_t g) {
  return v->start ? v->start[g] : g * v->n;
}
static size_t gv_row(const groups_view *v, size_t k) {
  return v->rows ? v->rows[k] : k;
}

/* A column's values as doubles: its own data for num, else a converted copy
** in *owned (n doubles from c->mem, the caller frees). */
static const double *num_view(const frame_column *c, double **owned) {
  *owned = NULL;
  if (c->type == FRAME_NUM)
    return c->data;
  double *x = fi_alloc_array(&c->mem, c->n, sizeof *x);
  if (x == NULL)
    return NULL;
  for (size_t i = 0; i < c->n; i++)
    x[i] = fi_num_at(c, i);
  *owned = x;
  return x;
}

/* Per-group scratch of the arithmetic aggregates. */
typedef struct accum {
  const frame_mem *m; /* allocator */
  size_t ngroups;     /* entries of each array */
  long double *a;     /* sums, then means */
  long double *b;     /* residual sums, then sums of squares */
  size_t *has;        /* values per group */
} accum;

static int accum_init(accum *ac, const frame_mem *m, size_t ngroups) {
  ac->m = m;
  ac->ngroups = ngroups;
  ac->a = fi_alloc_array(m, ngroups, sizeof *ac->a);
  ac->b = fi_alloc_array(m, ngroups, sizeof *ac->b);
  ac->has = fi_alloc_array(m, ngroups, sizeof *ac->has);
  if (ac->a == NULL || ac->b == NULL || ac->has == NULL)
    return FRAME_ENOMEM;
  for (size_t g = 0; g < ngroups; g++) {
    ac->a[g] = ac->b[g] = 0;
    ac->has[g] = 0;
  }
  return FRAME_OK;
}

static void accum_free(accum *ac) {
  fi_free_array(ac->m, ac->a, ac->ngroups, sizeof *ac->a);
  fi_free_array(ac->m, ac->b, ac->ngroups, sizeof *ac->b);
  fi_free_array(ac->m, ac->has, ac->ngroups, sizeof *ac->has);
}

/* NA in r wherever has[g] < min. */
static int mark_short(frame_column *r, const size_t *has, size_t min) {
  for (size_t g = 0; g < r->n; g++)
    if (has[g] < min && frame_column_set_na(r, g) != 0)
      return FRAME_ENOMEM;
  return FRAME_OK;
}

/* count and n: never NA. */
static void agg_counts(const frame_column *c, const groups_view *v, int values_only,
                       int64_t *out) {
  memset(out, 0, v->ngroups * sizeof *out);
  for (size_t i = 0; i < v->n; i++)
    if (!values_only || !fi_is_na_or_nan(c, i))
      out[gv_gid(v, i)]++;
}

/* Exact sums of an int or bool column; FRAME_EOVERFLOW past int64. */
static int agg_int_sum(const frame_column *c, const groups_view *v, accum *ac,
                       frame_column *r) {
  int64_t *sum = r->data;
  for (size_t i = 0; i < v->n; i++) {
    if (frame_is_na(c, i))
      continue;
    int64_t b = c->type == FRAME_INT ? ((const int64_t *)c->data)[i]
                                     : ((const uint8_t *)c->data)[i];
    frame_row g = gv_gid(v, i);
    if ((b > 0 && sum[g] > INT64_MAX - b) || (b < 0 && sum[g] < INT64_MIN - b))
      return FRAME_EOVERFLOW; /* an error, never a wrapped total */
    sum[g] += b;
    ac->has[g]++;
  }
  return mark_short(r, ac->has, 1);
}

/* Sums (long double, as R's rsum) and, for mean, var and sd, R's mean: sum
** / n, corrected by the mean of the residuals. */
static void sums_and_means(const frame_column *c, const double *x, const groups_view *v,
                           accum *ac, int want_mean) {
  for (size_t i = 0; i < v->n; i++)
    if (!fi_is_na_or_nan(c, i)) {
      frame_row g = gv_gid(v, i);
      ac->a[g] += x[i];
      ac->has[g]++;
    }
  if (!want_mean)
    return;
  for (size_t g = 0; g < v->ngroups; g++)
    if (ac->has[g])
      ac->a[g] /= (long double)ac->has[g];
  for (size_t i = 0; i < v->n; i++)
    if (!fi_is_na_or_nan(c, i)) {
      frame_row g = gv_gid(v, i);
      ac->b[g] += x[i] - ac->a[g];
    }
  for (size_t g = 0; g < v->ngroups; g++)
    if (ac->has[g] && isfinite((double)ac->a[g]))
      ac->a[g] += ac->b[g] / (long double)ac->has[g];
}

/* sum (num), mean, var, sd into the num column r. */
static int agg_moments(const frame_column *c, const double *x, const groups_view *v,
                       frame_agg a, accum *ac, frame_column *r) {
  double *out = r->data;
  sums_and_means(c, x, v, ac, a != FRAME_AGG_SUM);
  if (a == FRAME_AGG_SUM || a == FRAME_AGG_MEAN) {
    for (size_t g = 0; g < v->ngroups; g++)
      out[g] = (double)ac->a[g];
    return mark_short(r, ac->has, 1);
  }
  /* var as R's cov.c: the mean rounded to double, products in double,
     their sum in long double, divided by n - 1 */
  for (size_t g = 0; g < v->ngroups; g++) {
    out[g] = (double)ac->a[g];
    ac->b[g] = 0;
  }
  for (size_t i = 0; i < v->n; i++)
    if (!fi_is_na_or_nan(c, i)) {
      frame_row g = gv_gid(v, i);
      double d = x[i] - out[g];
      ac->b[g] += d * d;
    }
  for (size_t g = 0; g < v->ngroups; g++) {
    double var = ac->has[g] > 1 ? (double)(ac->b[g] / (long double)(ac->has[g] - 1)) : 0;
    out[g] = a == FRAME_AGG_SD ? sqrt(var) : var;
  }
  return mark_short(r, ac->has, 2);
}

/* Rearrange x[0..n) so that x[k] is its k-th smallest value, with no
** larger value before it and no smaller one after (Hoare's selection). */
static double select_kth(double *x, size_t n, size_t k) {
  ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;
  while (hi > lo) {
    ptrdiff_t mid = lo + (hi - lo) / 2;
    double t;
    if (x[mid] < x[lo]) {
      t = x[mid];
      x[mid] = x[lo];
      x[lo] = t;
    }
    if (x[hi] < x[lo]) {
      t = x[hi];
      x[hi] = x[lo];
      x[lo] = t;
    }
    if (x[hi] < x[mid]) {
      t = x[hi];
      x[hi] = x[mid];
      x[mid] = t;
    }
    double pivot = x[mid];
    ptrdiff_t i = lo, j = hi;
    while (i <= j) {
      while (x[i] < pivot)
        i++;
      while (x[j] > pivot)
        j--;
      if (i <= j) {
        t = x[i];
        x[i] = x[j];
        x[j] = t;
        i++;
        j--;
      }
    }
    if (kk <= j)
      hi = j;
    else if (kk >= i)
      lo = i;
    else
      break; /* x[j+1 .. i-1] all equal the pivot */
  }
  return x[k];
}

/* The smallest of x[from..n), after select_kth put it there. */
static double min_after(const double *x, size_t from, size_t n) {
  double m = x[from];
  for (size_t i = from + 1; i < n; i++)
    if (x[i] < m)
      m = x[i];
  return m;
}

double frame_order_stat(double *x, size_t n, int median, double p) {
  if (median) {
    size_t half = (n + 1) / 2; /* 1-based */
    double lo = select_kth(x, n, half - 1);
    if (n % 2 == 1)
      return lo;
    double hi = min_after(x, half, n);
    return (double)(((long double)lo + (long double)hi) / 2);
  }
  double index = 1 + (double)(n - 1) * p;
  double lo = floor(index);
  double q = select_kth(x, n, (size_t)lo - 1);
  if (index > lo) {
    double xhi = min_after(x, (size_t)lo, n);
    if (xhi != q) {
      double h = index - lo;
      q = (1 - h) * q + h * xhi;
    }
  }
  return q;
}

/* median and quantile: each group's values gathered, then selected. */
static int agg_order(const frame_column *c, const double *x, const groups_view *v,
                     frame_agg a, double p, frame_column *r) {
  size_t most = 0;
  for (size_t g = 0; g < v->ngroups; g++) {
    size_t size = gv_start(v, g + 1) - gv_start(v, g);
    most = size > most ? size : most;
  }
  double *buf = fi_alloc_array(&c->mem, most, sizeof *buf);
  if (buf == NULL)
    return FRAME_ENOMEM;
  double *out = r->data;
  int status = FRAME_OK;
  for (size_t g = 0; g < v->ngroups && status == FRAME_OK; g++) {
    size_t m = 0;
    for (size_t k = gv_start(v, g); k < gv_start(v, g + 1); k++) {
      size_t i = gv_row(v, k);
      if (!fi_is_na_or_nan(c, i))
        buf[m++] = x[i];
    }
    if (m == 0)
      status = frame_column_set_na(r, g) == 0 ? FRAME_OK : FRAME_ENOMEM;
    else
      out[g] = frame_order_stat(buf, m, a == FRAME_AGG_MEDIAN, p);
  }
  fi_free_array(&c->mem, buf, most, sizeof *buf);
  return status;
}

static int str_cmp(const frame_column *c, size_t i, size_t j) {
  size_t li, lj;
  const char *a = frame_str(c, i, &li), *b = frame_str(c, j, &lj);
  int d = memcmp(a, b, li < lj ? li : lj);
  return d != 0 ? d : li < lj ? -1 : li > lj;
}

/* pick[g]: the row min, max, first or last chooses in each group (NONE
** when the group has no value). Ties keep the first such row. */
static int pick_rows(const frame_column *c, const groups_view *v, frame_agg a,
                     frame_row *pick) {
  for (size_t g = 0; g < v->ngroups; g++)
    pick[g] = FRAME_ROW_NONE;
  int want_max = a == FRAME_AGG_MAX;
  if (a == FRAME_AGG_FIRST || a == FRAME_AGG_LAST) {
    for (size_t i = 0; i < v->n; i++) {
      if (fi_is_na_or_nan(c, i))
        continue;
      frame_row g = gv_gid(v, i);
      if (a == FRAME_AGG_LAST || pick[g] == FRAME_ROW_NONE)
        pick[g] = (frame_row)i;
    }
  } else if (c->type == FRAME_INT) { /* as int64: doubles lose digits past 2^53 */
    const int64_t *x = c->data;
    for (size_t i = 0; i < v->n; i++) {
      frame_row g = gv_gid(v, i);
      if (frame_is_na(c, i))
        continue;
      if (pick[g] == FRAME_ROW_NONE || (want_max ? x[i] > x[pick[g]] : x[i] < x[pick[g]]))
        pick[g] = (frame_row)i;
    }
  } else if (c->type == FRAME_STR) {
    for (size_t i = 0; i < v->n; i++) {
      frame_row g = gv_gid(v, i);
      if (frame_is_na(c, i))
        continue;
      if (pick[g] == FRAME_ROW_NONE) {
        pick[g] = (frame_row)i;
        continue;
      }
      int d = str_cmp(c, i, pick[g]);
      if (want_max ? d > 0 : d < 0)
        pick[g] = (frame_row)i;
    }
  } else {
    double *owned;
    const double *x = num_view(c, &owned);
    if (x == NULL)
      return FRAME_ENOMEM;
    for (size_t i = 0; i < v->n; i++) {
      frame_row g = gv_gid(v, i);
      if (fi_is_na_or_nan(c, i))
        continue;
      if (pick[g] == FRAME_ROW_NONE || (want_max ? x[i] > x[pick[g]] : x[i] < x[pick[g]]))
        pick[g] = (frame_row)i;
    }
    fi_free_array(&c->mem, owned, owned ? c->n : 0, sizeof *owned);
  }
  return FRAME_OK;
}

static int agg_pick(const frame_column *c, const groups_view *v, frame_agg a,
                    frame_column **out) {
  frame_row *pick = fi_alloc_array(&c->mem, v->ngroups, sizeof *pick);
  if (pick == NULL)
    return FRAME_ENOMEM;
  int status = pick_rows(c, v, a, pick);
  if (status == FRAME_OK)
    status = frame_column_take(c, pick, v->ngroups, out);
  fi_free_array(&c->mem, pick, v->ngroups, sizeof *pick);
  return status;
}

/* Distinct values per group: the values are factorized once, then each
** group's rows mark their codes with the group's number. */
static int agg_n_distinct(const frame_column *c, const groups_view *v, int64_t *out) {
  frame_row *codes = fi_alloc_array(&c->mem, v->n, sizeof *codes);
  if (codes == NULL)
    return FRAME_ENOMEM;
  size_t k, n = v->n;
  int status = fi_key_codes(&c->mem, 1, &n, &c, 1, 0, codes, &k);
  frame_row *mark = NULL;
  if (status == FRAME_OK) {
    mark = fi_alloc_array(&c->mem, k, sizeof *mark);
    status = mark ? FRAME_OK : FRAME_ENOMEM;
  }
  if (status == FRAME_OK) {
    memset(mark, 0xff, k * sizeof *mark);
    for (size_t g = 0; g < v->ngroups; g++) {
      out[g] = 0;
      for (size_t j = gv_start(v, g); j < gv_start(v, g + 1); j++) {
        frame_row code = codes[gv_row(v, j)];
        if (code != FRAME_ROW_NONE && mark[code] != g) {
          mark[code] = (frame_row)g;
          out[g]++;
        }
      }
    }
  }
  if (mark)
    fi_free_array(&c->mem, mark, k, sizeof *mark);
  fi_free_array(&c->mem, codes, v->n, sizeof *codes);
  return status;
}

/* The aggregates whose result is a new int or num column. */
static int agg_arith(const frame_column *c, const groups_view *v, frame_agg a, double p,
                     frame_type rt, frame_column *r) {
  if (a == FRAME_AGG_COUNT || a == FRAME_AGG_N) {
    agg_counts(c, v, a == FRAME_AGG_N, r->data);
    return FRAME_OK;
  }
  if (a == FRAME_AGG_N_DISTINCT)
    return agg_n_distinct(c, v, r->data);
  accum ac;
  int status = accum_init(&ac, &c->mem, v->ngroups);
  if (status == FRAME_OK && a == FRAME_AGG_SUM && rt == FRAME_INT) {
    status = agg_int_sum(c, v, &ac, r);
  } else if (status == FRAME_OK) {
    double *owned;
    const double *x = num_view(c, &owned);
    if (x == NULL)
      status = FRAME_ENOMEM;
    else if (a == FRAME_AGG_MEDIAN || a == FRAME_AGG_QUANTILE)
      status = agg_order(c, x, v, a, p, r);
    else
      status = agg_moments(c, x, v, a, &ac, r);
    if (owned)
      fi_free_array(&c->mem, owned, c->n, sizeof *owned);
  }
  accum_free(&ac);
  return status;
}

int frame_aggregate(const frame_column *c, const frame_groups *g, frame_agg a, double p,
                    frame_column **out) {
  frame_type rt;
  int status = frame_agg_type(a, c->type, &rt);
  if (status != FRAME_OK)
    return status;
  if (a == FRAME_AGG_QUANTILE && !(p >= 0 && p <= 1))
    return FRAME_EARG;
  if (g != NULL && g->nrow != c->n)
    return FRAME_ELENGTH;
  groups_view v = {c->n, 1, NULL, NULL, NULL};
  if (g != NULL)
    v = (groups_view){g->nrow, g->ngroups, g->gid, g->start, g->rows};
  if (a == FRAME_AGG_MIN || a == FRAME_AGG_MAX || a == FRAME_AGG_FIRST ||
      a == FRAME_AGG_LAST)
    return agg_pick(c, &v, a, out);
  frame_column *r = frame_column_new(&c->mem, rt, v.ngroups, NULL);
  if (r == NULL)
    return FRAME_ENOMEM;
  status = agg_arith(c, &v, a, p, rt, r);
  if (status != FRAME_OK) {
    frame_column_unref(r);
    return status;
  }
  *out = r;
  return FRAME_OK;
}
