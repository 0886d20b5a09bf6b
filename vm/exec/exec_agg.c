/* exec_agg.c: aggregate kernels over (values, validity, group id) batches:
** streaming state per group for most, collected values for the order
** statistics. NA (and NaN) values are skipped, as SQL and na.rm = TRUE. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exec_int.h"
#include "frame/frame_ops.h"

struct agg_state {
  const expr_agg *a;      /* what to compute */
  int64_t *cnt;           /* per group: values seen (rows, for count()) */
  int64_t *ival;          /* per group: int/date/bool value or sum; str code */
  double *dval;           /* per group: num value, sum, or running mean */
  double *comp;           /* per group: Neumaier compensation, or Welford M2 */
  uint8_t *ovf;           /* per group: the int sum overflowed */
  double *vals;           /* median/quantile: collected values */
  uint32_t *vgid;         /*   and their groups */
  size_t nvals;           /*   how many */
  size_t capvals;         /*   and room for */
  uint64_t *hkey;         /* n_distinct: hash set of (group, key) */
  uint32_t *hgid;         /*   the group half of each slot */
  uint8_t *hused;         /*   slot in use */
  size_t hslots;          /*   slots, a power of two */
  size_t hcount;          /*   entries */
  frame_dict *dict;       /* str results (first/last), or n_distinct's
                             strings, interned here */
  const frame_dict *src;  /* codes input: the dictionary of the codes */
  void *out;              /* results, one per group (int64, double, uint8 or views) */
  uint8_t *ok;            /* results present */
};

#define K(s) ((expr_agg_kind)(s)->a->kind)

/* Bytes per result of an aggregate. */
static size_t out_width(const expr_agg *a) {
  return a->out_type == EXPR_BOOL ? 1 : a->out_type == EXPR_STR ? sizeof(exec_view) : 8;
}

static void *zalloc(exec_state *x, size_t n) {
  void *p = exec_alloc(x, n ? n : 1);
  if (p)
    memset(p, 0, n ? n : 1);
  return p;
}

int exec_agg_begin(exec_state *x) {
  size_t g = x->ngroups;
  if (x->gid)   /* a bad id would write outside every per-group array */
    for (size_t i = 0; i < x->f->nrow; i++)
      if (x->gid[i] >= g)
        return exec_fail(x, EXEC_EFRAME, "expression: group id %u of row %zu is out of "
                         "range (%zu groups)", x->gid[i], i + 1, g), -1;
  if (x->gid == NULL && g != 1 && x->f->nrow > 0)
    return exec_fail(x, EXEC_EFRAME, "expression: no group ids for %zu groups", g), -1;
  x->aggs = zalloc(x, x->p->naggs * sizeof *x->aggs);
  if (x->aggs == NULL)
    return -1;
  for (uint32_t k = 0; k < x->p->naggs; k++)   /* first, so exec_agg_end can read them */
    x->aggs[k].a = &x->p->aggs[k];
  for (uint32_t k = 0; k < x->p->naggs; k++) {
    agg_state *s = &x->aggs[k];
    s->cnt = zalloc(x, g * sizeof *s->cnt);
    s->ival = zalloc(x, g * sizeof *s->ival);
    s->dval = zalloc(x, g * sizeof *s->dval);
    s->comp = zalloc(x, g * sizeof *s->comp);
    s->ovf = zalloc(x, g);
    if (s->ovf == NULL)
      return -1;
    if (s->a->out_type == EXPR_STR || K(s) == EXPR_AGG_N_DISTINCT) {
      s->dict = frame_dict_new(&x->mem);
      if (s->dict == NULL)
        return exec_fail(x, EXEC_ENOMEM, "expression: not enough memory"), -1;
    }
  }
  return 0;
}

void exec_agg_end(exec_state *x) {
  if (x->aggs == NULL)
    return;
  size_t g = x->ngroups;
  for (uint32_t k = 0; k < x->p->naggs; k++) {
    agg_state *s = &x->aggs[k];
    exec_free(x, s->cnt, g ? g * sizeof *s->cnt : 1);
    exec_free(x, s->ival, g ? g * sizeof *s->ival : 1);
    exec_free(x, s->dval, g ? g * sizeof *s->dval : 1);
    exec_free(x, s->comp, g ? g * sizeof *s->comp : 1);
    exec_free(x, s->ovf, g ? g : 1);
    exec_free(x, s->vals, s->capvals * sizeof *s->vals);
    exec_free(x, s->vgid, s->capvals * sizeof *s->vgid);
    exec_free(x, s->hkey, s->hslots * sizeof *s->hkey);
    exec_free(x, s->hgid, s->hslots * sizeof *s->hgid);
    exec_free(x, s->hused, s->hslots);
    exec_free(x, s->out, g ? g * out_width(s->a) : 1);
    exec_free(x, s->ok, g ? g : 1);
    frame_dict_unref(s->dict);
  }
  exec_free(x, x->aggs, x->p->naggs ? x->p->naggs * sizeof *x->aggs : 1);
  x->aggs = NULL;
}

/* ------------------------------------------------------------ updates */

/* Neumaier's compensated sum: exact to about one rounding for any order
** of magnitudes; infinities skip the compensation (it would be NaN). */
static void add_num(double *s, double *c, double v) {
  double t = *s + v;
  if (isfinite(t))
    *c += fabs(*s) >= fabs(v) ? (*s - t) + v : (v - t) + *s;
  *s = t;
}

/* Value i of a register as a double (int, num or bool). */
static double as_num(const agg_state *s, const void *data, size_t i) {
  switch (s->a->in_type) {
  case EXPR_NUM: return ((const double *)data)[i];
  case EXPR_BOOL: return ((const uint8_t *)data)[i];
  default: return (double)((const int64_t *)data)[i];
  }
}

/* Value i as an int64 (int, date, bool, codes). */
static int64_t as_int(const agg_state *s, const void *data, size_t i) {
  if (s->a->in_codes)
    return ((const uint32_t *)data)[i];
  if (s->a->in_type == EXPR_BOOL)
    return ((const uint8_t *)data)[i];
  return ((const int64_t *)data)[i];
}

/* The key of value i for n_distinct, or -1 when out of memory. */
static int distinct_key(exec_state *x, agg_state *s, const void *data, size_t i, uint64_t *key) {
  if (s->a->in_type == EXPR_NUM) {
    double d = ((const double *)data)[i];
    if (d == 0)
      d = 0;   /* -0 and 0 are one value */
    memcpy(key, &d, sizeof d);
  } else if (s->a->in_type == EXPR_STR && !s->a->in_codes) {
    const exec_view *v = data;
    int64_t code = frame_dict_intern(s->dict, v[i].s, v[i].len);
    if (code < 0)
      return exec_fail(x, EXEC_ENOMEM, "expression: not enough memory"), -1;
    *key = (uint64_t)code;
  } else {
    *key = (uint64_t)as_int(s, data, i);
  }
  return 0;
}

static uint64_t mix(uint64_t k, uint32_t g) {
  uint64_t h = (k ^ ((uint64_t)g << 32 | g)) * 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29);
}

/* Add (g, key) to the set; count it for g when new. */
static int distinct_add(exec_state *x, agg_state *s, uint32_t g, uint64_t key) {
  if ((s->hcount + 1) * 2 > s->hslots) {
    size_t n = s->hslots ? s->hslots * 2 : 1024;
    uint64_t *k = exec_alloc(x, n * sizeof *k);
    uint32_t *gg = exec_alloc(x, n * sizeof *gg);
    uint8_t *u = zalloc(x, n);
    if (k == NULL || gg == NULL || u == NULL) {
      exec_free(x, k, n * sizeof *k);
      exec_free(x, gg, n * sizeof *gg);
      exec_free(x, u, n);
      return -1;
    }
    for (size_t i = 0; i < s->hslots; i++) {
      if (!s->hused[i])
        continue;
      size_t j = mix(s->hkey[i], s->hgid[i]) & (n - 1);
      while (u[j])
        j = (j + 1) & (n - 1);
      k[j] = s->hkey[i];
      gg[j] = s->hgid[i];
      u[j] = 1;
    }
    exec_free(x, s->hkey, s->hslots * sizeof *s->hkey);
    exec_free(x, s->hgid, s->hslots * sizeof *s->hgid);
    exec_free(x, s->hused, s->hslots);
    s->hkey = k, s->hgid = gg, s->hused = u, s->hslots = n;
  }
  size_t j = mix(key, g) & (s->hslots - 1);
  for (; s->hused[j]; j = (j + 1) & (s->hslots - 1))
    if (s->hkey[j] == key && s->hgid[j] == g)
      return 0;
  s->hkey[j] = key;
  s->hgid[j] = g;
  s->hused[j] = 1;
  s->hcount++;
  s->cnt[g]++;
  return 0;
}

static int collect(exec_state *x, agg_state *s, uint32_t g, double v) {
  if (s->nvals == s->capvals) {
    size_t n = s->capvals ? s->capvals * 2 : 4096;
    double *nv = frame_mem_realloc(&x->mem, s->vals, s->capvals * sizeof *nv, n * sizeof *nv);
    if (nv == NULL)
      return exec_fail(x, EXEC_ENOMEM, "expression: not enough memory"), -1;
    s->vals = nv;
    uint32_t *ng = frame_mem_realloc(&x->mem, s->vgid, s->capvals * sizeof *ng, n * sizeof *ng);
    if (ng == NULL) {   /* keep both arrays the same capacity for freeing */
      s->vals = frame_mem_realloc(&x->mem, nv, n * sizeof *nv, s->capvals * sizeof *nv);
      return exec_fail(x, EXEC_ENOMEM, "expression: not enough memory"), -1;
    }
    s->vgid = ng;
    s->capvals = n;
  }
  s->vals[s->nvals] = v;
  s->vgid[s->nvals++] = g;
  return 0;
}

/* Fold value i of the argument (present, not NaN) into group g. */
static void fold(exec_state *x, agg_state *s, uint32_t g, const void *data, size_t i) {
  int is_num = s->a->in_type == EXPR_NUM;
  switch (K(s)) {
  case EXPR_AGG_SUM:
    if (is_num)
      add_num(&s->dval[g], &s->comp[g], ((const double *)data)[i]);
    else if (__builtin_add_overflow(s->ival[g], as_int(s, data, i), &s->ival[g]))
      s->ovf[g] = 1;
    break;
  case EXPR_AGG_MEAN:
    add_num(&s->dval[g], &s->comp[g], as_num(s, data, i));
    break;
  case EXPR_AGG_SD: case EXPR_AGG_VAR: {   /* Welford: stable in one pass */
    double v = as_num(s, data, i), delta = v - s->dval[g];
    s->dval[g] += delta / (double)(s->cnt[g] + 1);
    s->comp[g] += delta * (v - s->dval[g]);
    break;
  }
  case EXPR_AGG_MIN: case EXPR_AGG_MAX: {
    int mx = K(s) == EXPR_AGG_MAX;
    if (is_num) {
      double v = ((const double *)data)[i];
      if (s->cnt[g] == 0 || (mx ? v > s->dval[g] : v < s->dval[g]))
        s->dval[g] = v;
    } else {
      int64_t v = as_int(s, data, i);
      if (s->cnt[g] == 0 || (mx ? v > s->ival[g] : v < s->ival[g]))
        s->ival[g] = v;
    }
    break;
  }
  case EXPR_AGG_FIRST: case EXPR_AGG_LAST:
    if (K(s) == EXPR_AGG_FIRST && s->cnt[g] > 0)
      break;
    if (is_num) {
      s->dval[g] = ((const double *)data)[i];
    } else if (s->a->in_type == EXPR_STR && !s->a->in_codes) {
      const exec_view *v = data;   /* views die with the batch: intern now */
      int64_t code = frame_dict_intern(s->dict, v[i].s, v[i].len);
      if (code < 0)
        exec_fail(x, EXEC_ENOMEM, "expression: not enough memory");
      s->ival[g] = code;
    } else {
      s->ival[g] = as_int(s, data, i);   /* codes: translated at the end */
    }
    break;
  case EXPR_AGG_N_DISTINCT: {
    uint64_t key;
    if (distinct_key(x, s, data, i, &key) == 0)
      distinct_add(x, s, g, key);
    return;   /* counts only new values */
  }
  default: /* MEDIAN, QUANTILE */
    collect(x, s, g, as_num(s, data, i));
  }
  s->cnt[g]++;
}

/* Fold one batch of the argument into every group it touches. */
static void update_one(exec_state *x, agg_state *s) {
  const uint32_t *gid = x->gid ? x->gid + x->start : NULL;
  size_t n = x->n;
  if (K(s) == EXPR_AGG_COUNT) {
    for (size_t i = 0; i < n; i++)
      s->cnt[gid ? gid[i] : 0]++;
    return;
  }
  const exec_reg *r = REG(x, s->a->arg);
  const uint8_t *ok = r->valid;
  if (s->a->in_codes)
    s->src = r->dict;
  for (size_t i = 0; i < n && x->status == EXEC_OK; i++) {
    if ((ok && !ok[i]) || (s->a->in_type == EXPR_NUM && isnan(((const double *)r->data)[i])))
      continue;   /* NA, and NaN as NA */
    fold(x, s, gid ? gid[i] : 0, r->data, i);
  }
}

void exec_agg_update(exec_state *x) {
  for (uint32_t k = 0; k < x->p->naggs && x->status == EXEC_OK; k++)
    update_one(x, &x->aggs[k]);
}

/* ------------------------------------------------------------ results */

/* Order statistics: the values gathered by group (a counting sort on the
** ids), then each group's slice selected by frame_order_stat, the one
** implementation of R's median and type 7 quantile (col:median() uses it
** too). */
static int finish_quantile(exec_state *x, agg_state *s, double *out) {
  size_t g = x->ngroups;
  size_t *at = exec_alloc(x, (g + 1) * sizeof *at);
  double *sorted = exec_alloc(x, (s->nvals ? s->nvals : 1) * sizeof *sorted);
  if (at && sorted) {
    at[0] = 0;
    for (size_t k = 0; k < g; k++)
      at[k + 1] = at[k] + (size_t)s->cnt[k];
    for (size_t i = 0; i < s->nvals; i++)
      sorted[at[s->vgid[i]]++] = s->vals[i];
    for (size_t k = g; k > 0; k--)   /* at[k] ran to the end of group k */
      at[k] = at[k - 1];
    at[0] = 0;
    for (size_t k = 0; k < g; k++) {
      size_t n = (size_t)s->cnt[k];
      if (n == 0)
        continue;
      out[k] = frame_order_stat(sorted + at[k], n, K(s) == EXPR_AGG_MEDIAN, s->a->p);
    }
  }
  exec_free(x, at, (g + 1) * sizeof *at);
  exec_free(x, sorted, (s->nvals ? s->nvals : 1) * sizeof *sorted);
  return x->status == EXEC_OK ? 0 : -1;
}

/* str first/last: codes of the input's dictionary become strings of the
** result dictionary; then each group's result is a view of it. */
static int finish_str(exec_state *x, agg_state *s, exec_view *out) {
  for (size_t k = 0; k < x->ngroups; k++) {
    if (s->cnt[k] == 0) {
      out[k] = (exec_view){"", 0};
      continue;
    }
    if (s->a->in_codes) {
      size_t len;
      const char *str = frame_dict_str(s->src, (uint32_t)s->ival[k], &len);
      int64_t code = frame_dict_intern(s->dict, str, len);
      if (code < 0)
        return exec_fail(x, EXEC_ENOMEM, "expression: not enough memory"), -1;
      s->ival[k] = code;
    }
  }
  for (size_t k = 0; k < x->ngroups; k++)   /* after interning: the bytes may move */
    if (s->cnt[k] > 0) {
      size_t len;
      const char *str = frame_dict_str(s->dict, (uint32_t)s->ival[k], &len);
      out[k] = (exec_view){str, len};
    }
  return 0;
}

static int finish_one(exec_state *x, agg_state *s) {
  size_t g = x->ngroups;
  s->out = zalloc(x, g * out_width(s->a));
  s->ok = zalloc(x, g);
  if (s->ok == NULL)
    return -1;
  int64_t *iv = s->out;
  double *dv = s->out;
  for (size_t k = 0; k < g; k++) {
    int64_t n = s->cnt[k];
    s->ok[k] = n > 0;
    switch (K(s)) {
    case EXPR_AGG_COUNT: case EXPR_AGG_N_DISTINCT:
      iv[k] = n;
      s->ok[k] = 1;
      break;
    case EXPR_AGG_SUM:
      if (s->a->out_type == EXPR_NUM) {
        dv[k] = s->dval[k] + s->comp[k];
      } else {
        iv[k] = s->ival[k];
        if (s->ovf[k] && n > 0) {
          s->ok[k] = 0;
          x->rep->overflow++;
        }
      }
      break;
    case EXPR_AGG_MEAN:
      dv[k] = n ? (s->dval[k] + s->comp[k]) / (double)n : 0;
      break;
    case EXPR_AGG_SD: case EXPR_AGG_VAR:
      s->ok[k] = n > 1;   /* one value has no spread (R: NA) */
      dv[k] = n > 1 ? s->comp[k] / (double)(n - 1) : 0;
      if (K(s) == EXPR_AGG_SD)
        dv[k] = sqrt(dv[k]);
      break;
    case EXPR_AGG_MEDIAN: case EXPR_AGG_QUANTILE:
      break;   /* below, all groups at once */
    default: /* MIN MAX FIRST LAST */
      if (s->a->out_type == EXPR_NUM)
        dv[k] = s->dval[k];
      else if (s->a->out_type == EXPR_BOOL)
        ((uint8_t *)s->out)[k] = (uint8_t)s->ival[k];
      else if (s->a->out_type != EXPR_STR)
        iv[k] = s->ival[k];
    }
    if (s->a->out_type == EXPR_NUM && s->ok[k] && isnan(dv[k])) {
      s->ok[k] = 0;   /* Inf - Inf in a sum */
      x->rep->nan++;
    }
  }
  if (K(s) == EXPR_AGG_MEDIAN || K(s) == EXPR_AGG_QUANTILE)
    return finish_quantile(x, s, dv);
  if (s->a->out_type == EXPR_STR)
    return finish_str(x, s, s->out);
  return 0;
}

int exec_agg_finish(exec_state *x) {
  for (uint32_t k = 0; k < x->p->naggs; k++)
    if (finish_one(x, &x->aggs[k]) != 0)
      return -1;
  return 0;
}

void exec_agg_load(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const agg_state *s = &x->aggs[in->aux];
  d->data = (const char *)s->out + x->start * out_width(s->a);
  d->valid = s->ok + x->start;
}
