/* frame_join.c: hash joins (inner, left, right, full) on one or more keys. */
#include <string.h>

#include "frame_internal.h"

/* Both frames' key rows are factorized into one code space (frame_key.c),
** NA keys getting no code, so they never match (as SQL). y's rows are
** bucketed by code with a counting sort, which keeps them in y order; each
** x row then finds its matches by code in O(1). */

/* Key columns: x's keys then y's, at most this many on the C stack. */
#define JOIN_STACK_KEYS 16

/* The codes of x's rows then y's rows. */
static int join_codes(const frame *x, const frame *y, const frame_join_spec *spec,
                      frame_row *codes, size_t *k) {
  const frame_column *local[2 * JOIN_STACK_KEYS] = {NULL};
  const frame_column **cols = local;
  size_t nk = spec->nkeys;
  if (nk > JOIN_STACK_KEYS) {
    cols = fi_alloc_array(&x->mem, 2 * nk, sizeof *cols);
    if (cols == NULL)
      return FRAME_ENOMEM;
  }
  for (size_t j = 0; j < nk; j++) {
    cols[j] = x->cols[spec->xkeys[j]];
    cols[nk + j] = y->cols[spec->ykeys[j]];
  }
  size_t rows[2] = {x->nrow, y->nrow};
  int status = fi_key_codes(&x->mem, 2, rows, cols, nk, 0, codes, k);
  if (cols != local)
    fi_free_array(&x->mem, (void *)cols, 2 * nk, sizeof *cols);
  return status;
}

/* Scratch of frame_join_rows. */
typedef struct matcher {
  const frame_mem *m; /* allocator */
  size_t k;           /* number of key codes */
  frame_row *codes;   /* x->nrow + y->nrow codes */
  frame_row *ystart;  /* k + 1: y rows of code c are yby[ystart[c] .. ystart[c+1]) */
  frame_row *yby;     /* y rows ordered by code, in y order within */
  uint8_t *xhas;      /* k: some x row has code c */
  size_t nrows;       /* x->nrow + y->nrow */
  size_t ny;          /* y->nrow */
} matcher;

static void matcher_free(matcher *mt) {
  fi_free_array(mt->m, mt->codes, mt->nrows, sizeof *mt->codes);
  fi_free_array(mt->m, mt->ystart, mt->k + 1, sizeof *mt->ystart);
  fi_free_array(mt->m, mt->yby, mt->ny, sizeof *mt->yby);
  fi_free_array(mt->m, mt->xhas, mt->k, sizeof *mt->xhas);
}

/* Codes, y's buckets and x's code flags. */
static int matcher_init(matcher *mt, const frame *x, const frame *y,
                        const frame_join_spec *spec) {
  memset(mt, 0, sizeof *mt);
  mt->m = &x->mem;
  mt->ny = y->nrow;
  mt->nrows = x->nrow + y->nrow;
  if (mt->nrows > PW_FRAME_MAX_ROWS || mt->nrows < x->nrow)
    return FRAME_ETOOBIG;
  mt->codes = fi_alloc_array(mt->m, mt->nrows, sizeof *mt->codes);
  if (mt->codes == NULL)
    return FRAME_ENOMEM;
  size_t k;
  int status = join_codes(x, y, spec, mt->codes, &k);
  if (status != FRAME_OK)
    return status;
  mt->k = k;
  mt->ystart = fi_alloc_array(mt->m, k + 1, sizeof *mt->ystart);
  mt->yby = fi_alloc_array(mt->m, mt->ny, sizeof *mt->yby);
  mt->xhas = fi_alloc_array(mt->m, k, sizeof *mt->xhas);
  if (!mt->ystart || !mt->yby || !mt->xhas)
    return FRAME_ENOMEM;
  const frame_row *yc = mt->codes + x->nrow;
  memset(mt->ystart, 0, (k + 1) * sizeof *mt->ystart);
  for (size_t j = 0; j < mt->ny; j++)
    if (yc[j] != FRAME_ROW_NONE)
      mt->ystart[yc[j] + 1]++;
  for (size_t c = 0; c < k; c++)
    mt->ystart[c + 1] += mt->ystart[c];
  for (size_t j = 0; j < mt->ny; j++)
    if (yc[j] != FRAME_ROW_NONE)
      mt->yby[mt->ystart[yc[j]]++] = (frame_row)j;
  for (size_t c = k; c > 0; c--) /* each start was moved to its end */
    mt->ystart[c] = mt->ystart[c - 1];
  mt->ystart[0] = 0;
  memset(mt->xhas, 0, k * sizeof *mt->xhas);
  return FRAME_OK;
}

/* Pairs the join makes; FRAME_ETOOBIG past PW_FRAME_MAX_ROWS. */
static int count_pairs(matcher *mt, size_t nx, frame_join_how how, size_t *total) {
  int keep_x = how == FRAME_JOIN_LEFT || how == FRAME_JOIN_FULL;
  size_t n = 0;
  for (size_t i = 0; i < nx; i++) {
    frame_row c = mt->codes[i];
    size_t m = c == FRAME_ROW_NONE ? 0 : mt->ystart[c + 1] - mt->ystart[c];
    if (m > 0)
      mt->xhas[c] = 1;
    n += m == 0 && keep_x ? 1 : m;
    if (n > PW_FRAME_MAX_ROWS)
      return FRAME_ETOOBIG;
  }
  if (how == FRAME_JOIN_RIGHT || how == FRAME_JOIN_FULL) {
    const frame_row *yc = mt->codes + nx;
    for (size_t j = 0; j < mt->ny; j++)
      n += yc[j] == FRAME_ROW_NONE || !mt->xhas[yc[j]];
    if (n > PW_FRAME_MAX_ROWS)
      return FRAME_ETOOBIG;
  }
  *total = n;
  return FRAME_OK;
}

static void fill_pairs(const matcher *mt, size_t nx, frame_join_how how, frame_row *xr,
                       frame_row *yr) {
  int keep_x = how == FRAME_JOIN_LEFT || how == FRAME_JOIN_FULL;
  size_t at = 0;
  for (size_t i = 0; i < nx; i++) {
    frame_row c = mt->codes[i];
    size_t from = c == FRAME_ROW_NONE ? 0 : mt->ystart[c];
    size_t to = c == FRAME_ROW_NONE ? 0 : mt->ystart[c + 1];
    if (from == to && keep_x) {
      xr[at] = (frame_row)i;
      yr[at++] = FRAME_ROW_NONE;
    }
    for (size_t k = from; k < to; k++) {
      xr[at] = (frame_row)i;
      yr[at++] = mt->yby[k];
    }
  }
  if (how == FRAME_JOIN_RIGHT || how == FRAME_JOIN_FULL) {
    const frame_row *yc = mt->codes + nx;
    for (size_t j = 0; j < mt->ny; j++)
      if (yc[j] == FRAME_ROW_NONE || !mt->xhas[yc[j]]) {
        xr[at] = FRAME_ROW_NONE;
        yr[at++] = (frame_row)j;
      }
  }
}

int frame_join_rows(const frame *x, const frame *y, const frame_join_spec *spec,
                    frame_row **xrows, frame_row **yrows, size_t *n) {
  if (spec->nkeys == 0 || (unsigned)spec->how > FRAME_JOIN_FULL)
    return FRAME_EARG;
  matcher mt;
  size_t total = 0;
  int status = matcher_init(&mt, x, y, spec);
  if (status == FRAME_OK)
    status = count_pairs(&mt, x->nrow, spec->how, &total);
  frame_row *xr = NULL, *yr = NULL;
  if (status == FRAME_OK) {
    xr = fi_alloc_array(&x->mem, total, sizeof *xr);
    yr = fi_alloc_array(&x->mem, total, sizeof *yr);
    if (xr == NULL || yr == NULL) {
      fi_free_array(&x->mem, xr, total, sizeof *xr);
      fi_free_array(&x->mem, yr, total, sizeof *yr);
      status = FRAME_ENOMEM;
    }
  }
  if (status == FRAME_OK) {
    fill_pairs(&mt, x->nrow, spec->how, xr, yr);
    *xrows = xr;
    *yrows = yr;
    *n = total;
  }
  matcher_free(&mt);
  return status;
}

/* ------------------------------------------------------- result columns */

/* The value of row i of a key column: x's row, or y's for a y-only row. */
static const frame_column *key_source(const frame_column *cx, const frame_column *cy,
                                      frame_row xr, frame_row yr, size_t *row) {
  if (xr != FRAME_ROW_NONE) {
    *row = xr;
    return cx;
  }
  *row = yr;
  return cy;
}

/* A str key with y-only rows: x's dictionary when both share it, else a
** new dictionary of the strings used. */
static int coalesce_str(const frame_column *cx, const frame_column *cy,
                        const frame_row *xr, const frame_row *yr, size_t n,
                        frame_column *r) {
  int shared = cx->dict != NULL && cx->dict == cy->dict;
  uint32_t *codes = r->data;
  for (size_t i = 0; i < n; i++) {
    size_t row, len;
    const frame_column *src = key_source(cx, cy, xr[i], yr[i], &row);
    if (frame_is_na(src, row)) {
      if (frame_column_set_na(r, i) != 0)
        return FRAME_ENOMEM;
      continue;
    }
    if (shared) {
      codes[i] = ((const uint32_t *)src->data)[row];
      continue;
    }
    const char *s = frame_str(src, row, &len);
    int64_t code = frame_dict_intern(r->dict, s, len);
    if (code < 0)
      return FRAME_ENOMEM;
    codes[i] = (uint32_t)code;
  }
  return FRAME_OK;
}

/* A numeric, bool or date key of type t from x's rows and y's. */
static int coalesce_value(const frame_column *cx, const frame_column *cy,
                          const frame_row *xr, const frame_row *yr, size_t n,
                          frame_column *r) {
  for (size_t i = 0; i < n; i++) {
    size_t row;
    const frame_column *src = key_source(cx, cy, xr[i], yr[i], &row);
    if (frame_is_na(src, row)) {
      if (frame_column_set_na(r, i) != 0)
        return FRAME_ENOMEM;
      continue;
    }
    switch (r->type) {
    case FRAME_NUM:
      ((double *)r->data)[i] = fi_num_at(src, row);
      break;
    case FRAME_INT:
      ((int64_t *)r->data)[i] = ((const int64_t *)src->data)[row];
      break;
    case FRAME_DATE:
      ((int32_t *)r->data)[i] = ((const int32_t *)src->data)[row];
      break;
    default:
      ((uint8_t *)r->data)[i] = ((const uint8_t *)src->data)[row];
      break;
    }
  }
  return FRAME_OK;
}

/* A key column: x's values, y's for y-only rows, in the common type (num
** when one side is int and the other num). */
static int key_column(const frame_column *cx, const frame_column *cy, const frame_row *xr,
                      const frame_row *yr, size_t n, int yonly, frame_column **out) {
  frame_type t = cx->type != cy->type ? FRAME_NUM : cx->type;
  if (!yonly && t == cx->type)
    return frame_column_take(cx, xr, n, out); /* shares the dictionary */
  frame_dict *d = NULL;
  if (t == FRAME_STR) {
    d = cx->dict != NULL && cx->dict == cy->dict ? cx->dict : frame_dict_new(&cx->mem);
    if (d == NULL)
      return FRAME_ENOMEM;
    if (d == cx->dict)
      frame_dict_ref(d);
  }
  frame_column *r = frame_column_new(&cx->mem, t, n, d);
  frame_dict_unref(d); /* the column holds it now */
  if (r == NULL)
    return FRAME_ENOMEM;
  int status = t == FRAME_STR ? coalesce_str(cx, cy, xr, yr, n, r)
                              : coalesce_value(cx, cy, xr, yr, n, r);
  if (status != FRAME_OK) {
    frame_column_unref(r);
    return status;
  }
  *out = r;
  return FRAME_OK;
}

/* The index of column j among keys[0..nkeys), or -1. */
static long key_index(const size_t *keys, size_t nkeys, size_t j) {
  for (size_t k = 0; k < nkeys; k++)
    if (keys[k] == j)
      return (long)k;
  return -1;
}

/* Is `name` a non-key column of f? */
static int nonkey_named(const frame *f, const size_t *keys, size_t nkeys,
                        const char *name) {
  long j = frame_find(f, name);
  return j >= 0 && key_index(keys, nkeys, (size_t)j) < 0;
}

/* Add c to r as `name`, with `suffix` added once when `clash`, and again
** while the name is taken. */
static int add_named(frame *r, const char *name, int clash, const char *suffix,
                     frame_column *c) {
  size_t len = strlen(name), slen = strlen(suffix), cap = len + 1;
  char *buf = NULL;
  int status = FRAME_OK;
  if (clash || frame_find(r, name) >= 0) {
    for (size_t tries = 1;; tries++) {
      if (buf)
        frame_mem_free(&r->mem, buf, cap);
      cap = len + tries * slen + 1;
      buf = frame_mem_alloc(&r->mem, cap);
      if (buf == NULL)
        return FRAME_ENOMEM;
      memcpy(buf, name, len);
      for (size_t t = 0; t < tries; t++)
        memcpy(buf + len + t * slen, suffix, slen);
      buf[cap - 1] = '\0';
      if (frame_find(r, buf) < 0 || slen == 0)
        break;
    }
  }
  status = frame_add(r, buf ? buf : name, c);
  if (buf)
    frame_mem_free(&r->mem, buf, cap);
  return status;
}

static int build_joined(const frame *x, const frame *y, const frame_join_spec *spec,
                        const frame_row *xr, const frame_row *yr, size_t n, frame *r) {
  const char *sx = spec->suffix_x ? spec->suffix_x : "_x";
  const char *sy = spec->suffix_y ? spec->suffix_y : "_y";
  int yonly = 0;
  for (size_t i = 0; i < n && !yonly; i++)
    yonly = xr[i] == FRAME_ROW_NONE;
  for (size_t j = 0; j < x->ncol; j++) {
    long k = key_index(spec->xkeys, spec->nkeys, j);
    frame_column *c;
    int status =
        k >= 0 ? key_column(x->cols[j], y->cols[spec->ykeys[k]], xr, yr, n, yonly, &c)
               : frame_column_take(x->cols[j], xr, n, &c);
    if (status != FRAME_OK)
      return status;
    int clash = k < 0 && nonkey_named(y, spec->ykeys, spec->nkeys, x->names[j]);
    status = add_named(r, x->names[j], clash, sx, c);
    frame_column_unref(c);
    if (status != FRAME_OK)
      return status;
  }
  for (size_t j = 0; j < y->ncol; j++) {
    if (key_index(spec->ykeys, spec->nkeys, j) >= 0)
      continue;
    frame_column *c;
    int status = frame_column_take(y->cols[j], yr, n, &c);
    if (status != FRAME_OK)
      return status;
    int clash = frame_find(x, y->names[j]) >= 0;
    status = add_named(r, y->names[j], clash, sy, c);
    frame_column_unref(c);
    if (status != FRAME_OK)
      return status;
  }
  return FRAME_OK;
}

int frame_join(const frame *x, const frame *y, const frame_join_spec *spec, frame **out) {
  frame_row *xr, *yr;
  size_t n;
  int status = frame_join_rows(x, y, spec, &xr, &yr, &n);
  if (status != FRAME_OK)
    return status;
  frame *r = frame_new(&x->mem, n);
  status = r ? build_joined(x, y, spec, xr, yr, n, r) : FRAME_ENOMEM;
  fi_free_array(&x->mem, xr, n, sizeof *xr);
  fi_free_array(&x->mem, yr, n, sizeof *yr);
  if (status != FRAME_OK) {
    frame_free(r);
    return status;
  }
  *out = r;
  return FRAME_OK;
}
