/* model_frame.c: a formula's variables evaluated against a frame (model.h):
** column lookup, the arithmetic of log(), I() and friends, R's na.omit and
** factor levels (sorted, unused levels dropped). model_matrix.c builds the
** design matrix from the result. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/model_int.h"

void mm_error(model_error *err, long pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  err->pos = pos;
}

double *mm_doubles(const frame_mem *m, size_t n) {
  return frame_mem_alloc(m, (n > 0 ? n : 1) * sizeof(double));
}

void mm_free_doubles(const frame_mem *m, double *p, size_t n) {
  if (p != NULL)
    frame_mem_free(m, p, (n > 0 ? n : 1) * sizeof(double));
}

const frame_column *mm_column(const frame *fr, const char *name, long pos, model_error *err) {
  long j = frame_find(fr, name);
  if (j >= 0)
    return fr->cols[j];
  const char *near = frame_suggest_column(fr, name);
  if (near != NULL)
    mm_error(err, pos, "unknown column '%s' (did you mean '%s'?)", name, near);
  else
    mm_error(err, pos, "unknown column '%s'", name);
  return NULL;
}

const frame_column *mm_node_column(const mm_ctx *cx, int nd) {
  const formula_node *x = &cx->f->nodes[nd];
  char name[256];
  size_t len = x->name_len < sizeof name - 1 ? x->name_len : sizeof name - 1;
  memcpy(name, cx->f->src + x->name, len);
  name[len] = 0;
  return mm_column(cx->fr, name, (long)x->pos, cx->err);
}

/* Column c as doubles (NA: NaN); str is an error naming `what`. */
static int column_doubles(const mm_ctx *cx, const frame_column *c, long pos, const char *what,
                          double *out) {
  size_t n = cx->fr->nrow;
  switch (c->type) {
  case FRAME_INT:
    for (size_t i = 0; i < n; i++)
      out[i] = (double)((const int64_t *)c->data)[i];
    break;
  case FRAME_NUM:
    memcpy(out, c->data, n * sizeof *out);
    break;
  case FRAME_BOOL:
    for (size_t i = 0; i < n; i++)
      out[i] = ((const uint8_t *)c->data)[i];
    break;
  case FRAME_DATE:
    for (size_t i = 0; i < n; i++)
      out[i] = ((const int32_t *)c->data)[i];
    break;
  default:
    mm_error(cx->err, pos, "%s is a str column; arithmetic needs numbers", what);
    return -1;
  }
  if (c->n_na > 0)
    for (size_t i = 0; i < n; i++)
      if (frame_is_na(c, i))
        out[i] = NAN;
  return 0;
}

static double apply_fn(formula_fn fn, double v) {
  switch (fn) {
  case FN_LOG: return log(v);
  case FN_LOG2: return log2(v);
  case FN_LOG10: return log10(v);
  case FN_LOG1P: return log1p(v);
  case FN_EXP: return exp(v);
  case FN_SQRT: return sqrt(v);
  case FN_ABS: return fabs(v);
  default: return v;   /* I() */
  }
}

/* Evaluate node nd over every row of the frame into out (NaN: NA). */
int mm_eval(const mm_ctx *cx, int nd, double *out) {
  const formula_node *x = &cx->f->nodes[nd];
  size_t n = cx->fr->nrow;
  if (x->op == FX_NUM) {
    for (size_t i = 0; i < n; i++)
      out[i] = x->num;
    return 0;
  }
  if (x->op == FX_COL) {
    const frame_column *c = mm_node_column(cx, nd);
    if (c == NULL)
      return -1;
    char what[300];
    snprintf(what, sizeof what, "'%.*s'", (int)x->name_len, cx->f->src + x->name);
    return column_doubles(cx, c, (long)x->pos, what, out);
  }
  if (mm_eval(cx, x->a, out) != 0)
    return -1;
  if (x->op == FX_PAREN)
    return 0;
  if (x->op == FX_NEG) {
    for (size_t i = 0; i < n; i++)
      out[i] = -out[i];
    return 0;
  }
  if (x->op == FX_CALL) {
    for (size_t i = 0; i < n; i++)
      out[i] = apply_fn(x->fn, out[i]);
    return 0;
  }
  double *b = mm_doubles(&cx->fr->mem, n);
  if (b == NULL) {
    mm_error(cx->err, -1, "not enough memory");
    return -1;
  }
  int status = mm_eval(cx, x->b, b);
  for (size_t i = 0; status == 0 && i < n; i++)
    switch (x->op) {
    case FX_ADD: out[i] += b[i]; break;
    case FX_SUB: out[i] -= b[i]; break;
    case FX_MUL: out[i] *= b[i]; break;
    case FX_DIV: out[i] /= b[i]; break;
    default: out[i] = pow(out[i], b[i]); break;
    }
  mm_free_doubles(&cx->fr->mem, b, n);
  return status;
}

/* ------------------------------------------------------------- factors */

/* One distinct value while levels are sorted. */
typedef struct level_key {
  const char *s;   /* str: the bytes (NUL-terminated) */
  size_t len;      /* str: length */
  double v;        /* numeric factor: the value */
  uint32_t id;     /* dictionary code, or row, of the value */
} level_key;

static int cmp_str(const void *a, const void *b) {
  const level_key *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->s, y->s, n);
  if (c != 0)
    return c;
  return (x->len > y->len) - (x->len < y->len);
}

static int cmp_num(const void *a, const void *b) {
  const level_key *x = a, *y = b;
  return (x->v > y->v) - (x->v < y->v);
}

/* Copy the labels of keys[0..k) into v->levels. */
static int set_levels(model_var *v, const level_key *keys, uint32_t k, int numeric) {
  char buf[40];
  size_t bytes = 0;
  for (uint32_t j = 0; j < k; j++)
    bytes += (numeric ? (size_t)snprintf(buf, sizeof buf, "%.15g", keys[j].v) : keys[j].len) + 1;
  v->levels = malloc((k > 0 ? k : 1) * sizeof *v->levels + bytes);
  if (v->levels == NULL)
    return -1;
  char *at = (char *)(v->levels + (k > 0 ? k : 1));
  for (uint32_t j = 0; j < k; j++) {
    v->levels[j] = at;
    if (numeric) {
      at += snprintf(at, 40, "%.15g", keys[j].v) + 1;
    } else {
      memcpy(at, keys[j].s, keys[j].len);
      at[keys[j].len] = 0;
      at += keys[j].len + 1;
    }
  }
  v->nlevels = k;
  v->levels_size = (k > 0 ? k : 1) * sizeof *v->levels + bytes;
  return 0;
}

/* Levels of the used rows of a str column (sorted by bytes) and codes. */
static int str_levels(const frame_column *c, const uint32_t *rows, size_t n, model_var *v) {
  size_t nk = c->dict ? c->dict->n : n;
  level_key *keys = malloc((nk > 0 ? nk : 1) * sizeof *keys);
  uint32_t *map = malloc((nk > 0 ? nk : 1) * sizeof *map);
  int status = -1;
  if (keys == NULL || map == NULL)
    goto done;
  uint32_t k = 0;
  if (c->dict) {   /* the dictionary codes in use */
    memset(map, 0, nk * sizeof *map);
    for (size_t i = 0; i < n; i++)
      map[((const uint32_t *)c->data)[rows[i]]] = 1;
    for (uint32_t d = 0; d < c->dict->n; d++)
      if (map[d]) {
        keys[k].s = frame_dict_str(c->dict, d, &keys[k].len);
        keys[k++].id = d;
      }
  } else {
    for (size_t i = 0; i < n; i++) {
      keys[k].s = frame_str(c, rows[i], &keys[k].len);
      keys[k++].id = (uint32_t)i;
    }
  }
  qsort(keys, k, sizeof *keys, cmp_str);
  uint32_t distinct = 0;
  for (uint32_t j = 0; j < k; j++) {
    if (j > 0 && cmp_str(&keys[j - 1], &keys[j]) == 0) {
      map[keys[j].id] = distinct - 1;   /* plain: by used-row position */
      continue;
    }
    map[keys[j].id] = distinct;
    keys[distinct++] = keys[j];
  }
  if (!c->dict) {   /* keys[d].id is some row of level d; map is by row */
    for (size_t i = 0; i < n; i++)
      v->code[i] = map[i];
  } else {
    for (uint32_t d = 0; d < distinct; d++)
      map[keys[d].id] = d;
    for (size_t i = 0; i < n; i++)
      v->code[i] = map[((const uint32_t *)c->data)[rows[i]]];
  }
  status = set_levels(v, keys, distinct, 0);
done:
  free(keys);
  free(map);
  return status;
}

/* Levels of numeric values x[0..n) (sorted numerically) and codes. */
static int num_levels(const double *x, size_t n, model_var *v) {
  level_key *keys = malloc((n > 0 ? n : 1) * sizeof *keys);
  if (keys == NULL)
    return -1;
  for (size_t i = 0; i < n; i++) {
    keys[i].v = x[i];
    keys[i].id = (uint32_t)i;
  }
  qsort(keys, n, sizeof *keys, cmp_num);
  uint32_t distinct = 0;
  for (size_t j = 0; j < n; j++) {
    if (j == 0 || keys[j].v != keys[distinct - 1].v)
      keys[distinct++].v = keys[j].v;
    v->code[keys[j].id] = distinct - 1;
  }
  int status = set_levels(v, keys, distinct, 1);
  free(keys);
  return status;
}

/* Codes of the used rows against the levels of a fitted model (predict). */
static int like_levels(const mm_ctx *cx, const model_var *old, const char *label,
                       const frame_column *c, const double *x, const uint32_t *rows, size_t n,
                       model_var *v) {
  char buf[40];
  for (size_t i = 0; i < n; i++) {
    size_t len;
    const char *s;
    if (x != NULL) {
      len = (size_t)snprintf(buf, sizeof buf, "%.15g", x[i]);
      s = buf;
    } else if (c->type == FRAME_BOOL) {
      s = ((const uint8_t *)c->data)[rows[i]] ? "TRUE" : "FALSE";
      len = strlen(s);
    } else {
      s = frame_str(c, rows[i], &len);
    }
    uint32_t lo = 0, hi = old->nlevels;   /* binary search by bytes */
    while (lo < hi) {
      uint32_t mid = (lo + hi) / 2;
      level_key a = {s, len, 0, 0}, b = {old->levels[mid], strlen(old->levels[mid]), 0, 0};
      int cmp = x != NULL ? ((x[i] > atof(b.s)) - (x[i] < atof(b.s))) : cmp_str(&a, &b);
      if (cmp == 0) {
        lo = mid;
        break;
      }
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
    if (lo >= old->nlevels || strcmp(old->levels[lo], s) != 0) {
      mm_error(cx->err, -1, "factor %s has new level '%s' (not in the fitted model)", label, s);
      return -1;
    }
    v->code[i] = lo;
  }
  v->levels = NULL;   /* borrowed from `like` through mm_levels_of */
  v->nlevels = old->nlevels;
  return 0;
}

/* Factor variable v's levels and codes on the used rows. c: its column
** (str or bool), or NULL with x the numeric values (factor(expr)). */
int mm_factor(const mm_ctx *cx, int var, const frame_column *c, const double *x,
              const uint32_t *rows, size_t n, const model_frame *like, model_var *v) {
  v->factor = 1;
  v->code = frame_mem_alloc(&cx->fr->mem, (n > 0 ? n : 1) * sizeof *v->code);
  if (v->code == NULL)
    return mm_error(cx->err, -1, "not enough memory"), -1;
  if (like != NULL)
    return like_levels(cx, &like->vars[var], cx->f->var_label[var], c, x, rows, n, v);
  int status;
  if (x != NULL) {
    status = num_levels(x, n, v);
  } else if (c->type == FRAME_BOOL) {   /* R: factor(x, levels = c(FALSE, TRUE)) */
    level_key keys[2] = {{"FALSE", 5, 0, 0}, {"TRUE", 4, 0, 0}};
    for (size_t i = 0; i < n; i++)
      v->code[i] = ((const uint8_t *)c->data)[rows[i]];
    status = set_levels(v, keys, 2, 0);
  } else {
    status = str_levels(c, rows, n, v);
  }
  if (status != 0)
    mm_error(cx->err, -1, "not enough memory");
  return status;
}
