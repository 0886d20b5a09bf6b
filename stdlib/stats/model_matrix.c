/* model_matrix.c: model_frame_build (model.h): the variables of a formula
** on the rows without NA (R's model.frame with na.omit and
** drop.unused.levels) and the design matrix with treatment contrasts and
** R's column names (model.matrix). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/model_int.h"

/* Per-variable raw values over all frame rows, while rows are chosen. */
typedef struct raw_vars {
  double *x[PW_FORMULA_MAX_VARS];            /* numeric values (NaN: NA), or NULL */
  const frame_column *col[PW_FORMULA_MAX_VARS]; /* a str/bool factor's column, or NULL */
  double *y, *w, *off;                       /* response, weights, offset sum */
} raw_vars;

static void raw_free(const frame_mem *m, raw_vars *r, size_t n) {
  for (int v = 0; v < PW_FORMULA_MAX_VARS; v++)
    mm_free_doubles(m, r->x[v], n);
  mm_free_doubles(m, r->y, n);
  mm_free_doubles(m, r->w, n);
  mm_free_doubles(m, r->off, n);
}

static void drop_nan(const double *x, size_t n, uint8_t *keep) {
  for (size_t i = 0; i < n; i++)
    if (isnan(x[i]))
      keep[i] = 0;
}

/* Evaluate node nd into a new array (NaN rows unkept). */
static double *eval_new(const mm_ctx *cx, int nd, uint8_t *keep) {
  double *x = mm_doubles(&cx->fr->mem, cx->fr->nrow);
  if (x == NULL) {
    mm_error(cx->err, -1, "not enough memory");
    return NULL;
  }
  if (mm_eval(cx, nd, x) != 0) {
    mm_free_doubles(&cx->fr->mem, x, cx->fr->nrow);
    return NULL;
  }
  drop_nan(x, cx->fr->nrow, keep);
  return x;
}

/* Evaluate each variable: a str/bool column (bare or in factor()) is a
** factor by its column; anything else is evaluated as numbers. */
static int eval_vars(const mm_ctx *cx, raw_vars *r, uint8_t *keep) {
  const formula *f = cx->f;
  for (int v = 0; v < f->nvars; v++) {
    int nd = f->var_node[v];
    const formula_node *x = &f->nodes[nd];
    if (x->op == FX_CALL && x->fn == FN_FACTOR)
      nd = x->a;
    if (f->nodes[nd].op == FX_COL) {
      const frame_column *c = mm_node_column(cx, nd);
      if (c == NULL)
        return -1;
      if (c->type == FRAME_STR || c->type == FRAME_BOOL) {
        r->col[v] = c;
        for (size_t i = 0; c->n_na > 0 && i < cx->fr->nrow; i++)
          if (frame_is_na(c, i))
            keep[i] = 0;
        continue;
      }
    }
    if ((r->x[v] = eval_new(cx, nd, keep)) == NULL)
      return -1;
  }
  return 0;
}

static int eval_response(const mm_ctx *cx, raw_vars *r, uint8_t *keep) {
  const formula *f = cx->f;
  const formula_node *x = &f->nodes[f->response];
  if (x->op == FX_COL) {
    const frame_column *c = mm_node_column(cx, f->response);
    if (c == NULL)
      return -1;
    if (c->type == FRAME_STR) {
      mm_error(cx->err, (long)x->pos,
               "the response '%s' is a str column; a model needs numbers (bool counts as 0/1)",
               f->response_label);
      return -1;
    }
  }
  r->y = eval_new(cx, f->response, keep);
  return r->y == NULL ? -1 : 0;
}

static int eval_weights(const mm_ctx *cx, const char *name, raw_vars *r, uint8_t *keep) {
  const frame_column *c = mm_column(cx->fr, name, -1, cx->err);
  if (c == NULL) {
    memmove(cx->err->msg + 9, cx->err->msg, sizeof cx->err->msg - 9);
    memcpy(cx->err->msg, "weights: ", 9);
    cx->err->msg[sizeof cx->err->msg - 1] = 0;
    return -1;
  }
  if (c->type == FRAME_STR) {
    mm_error(cx->err, -1, "weights: '%s' is a str column; weights are numbers", name);
    return -1;
  }
  r->w = mm_doubles(&cx->fr->mem, cx->fr->nrow);
  if (r->w == NULL)
    return mm_error(cx->err, -1, "not enough memory"), -1;
  for (size_t i = 0; i < cx->fr->nrow; i++) {
    double v = c->type == FRAME_NUM ? ((const double *)c->data)[i]
             : c->type == FRAME_INT ? (double)((const int64_t *)c->data)[i]
             : c->type == FRAME_BOOL ? ((const uint8_t *)c->data)[i]
             : ((const int32_t *)c->data)[i];
    r->w[i] = frame_is_na(c, i) ? NAN : v;
  }
  drop_nan(r->w, cx->fr->nrow, keep);
  return 0;
}

static int eval_offsets(const mm_ctx *cx, raw_vars *r, uint8_t *keep) {
  size_t n = cx->fr->nrow;
  for (int k = 0; k < cx->f->noffsets; k++) {
    double *x = eval_new(cx, cx->f->offset_node[k], keep);
    if (x == NULL)
      return -1;
    if (r->off == NULL) {
      r->off = x;
      continue;
    }
    for (size_t i = 0; i < n; i++)
      r->off[i] += x[i];
    mm_free_doubles(&cx->fr->mem, x, n);
  }
  return 0;
}

/* R's lm.fit and glm.fit refuse infinite values left after na.omit. */
static int check_finite(const mm_ctx *cx, const double *x, const uint8_t *keep,
                        const char *what, long pos) {
  for (size_t i = 0; x != NULL && i < cx->fr->nrow; i++)
    if (keep[i] && isinf(x[i])) {
      mm_error(cx->err, pos, "%s is infinite at row %zu (R: NA/NaN/Inf in the data)", what, i + 1);
      return -1;
    }
  return 0;
}

/* Copy the kept rows of x into a new n-array (or NULL when x is). */
static int compact(const model_frame *mf, const double *x, const uint32_t *rows, double **out,
                   model_error *err) {
  *out = NULL;
  if (x == NULL)
    return 0;
  if ((*out = mm_doubles(&mf->mem, mf->n)) == NULL)
    return mm_error(err, -1, "not enough memory"), -1;
  for (size_t i = 0; i < mf->n; i++)
    (*out)[i] = x[rows[i]];
  return 0;
}

static int check_all_finite(const mm_ctx *cx, const raw_vars *r, const uint8_t *keep) {
  const formula *f = cx->f;
  for (int v = 0; v < f->nvars; v++)
    if (check_finite(cx, r->x[v], keep, f->var_label[v], (long)f->nodes[f->var_node[v]].pos))
      return -1;
  if (r->y && check_finite(cx, r->y, keep, "the response", (long)f->nodes[f->response].pos))
    return -1;
  if (check_finite(cx, r->w, keep, "a weight", -1) || check_finite(cx, r->off, keep, "the offset", -1))
    return -1;
  for (size_t i = 0; r->w != NULL && i < cx->fr->nrow; i++)
    if (keep[i] && r->w[i] < 0) {
      mm_error(cx->err, -1, "weights: negative weight at row %zu", i + 1);
      return -1;
    }
  return 0;
}

/* The used rows, the compact response, weights, offset and variables. */
static int choose_rows(const mm_ctx *cx, const raw_vars *r, const uint8_t *keep,
                       const model_frame *like, model_frame *mf) {
  size_t N = cx->fr->nrow, n = 0;
  for (size_t i = 0; i < N; i++)
    n += keep[i];
  mf->n = n;
  mf->n_dropped = N - n;
  uint32_t *rows = frame_mem_alloc(&mf->mem, (n > 0 ? n : 1) * sizeof *rows);
  if (rows == NULL)
    return mm_error(cx->err, -1, "not enough memory"), -1;
  for (size_t i = 0, k = 0; i < N; i++)
    if (keep[i])
      rows[k++] = (uint32_t)i;
  mf->rows = rows;
  int status = compact(mf, r->y, rows, &mf->y, cx->err) ||
               compact(mf, r->w, rows, &mf->weights, cx->err) ||
               compact(mf, r->off, rows, &mf->offset, cx->err);
  for (int v = 0; status == 0 && v < cx->f->nvars; v++) {
    const formula_node *x = &cx->f->nodes[cx->f->var_node[v]];
    int factor = r->col[v] != NULL || (x->op == FX_CALL && x->fn == FN_FACTOR);
    if (!factor) {
      status = compact(mf, r->x[v], rows, &mf->vars[v].x, cx->err);
      continue;
    }
    double *xv = NULL;
    status = compact(mf, r->x[v], rows, &xv, cx->err);
    if (status == 0)
      status = mm_factor(cx, v, r->col[v], xv, rows, n, like, &mf->vars[v]);
    mm_free_doubles(&mf->mem, xv, n);
  }
  return status;
}

int model_frame_build(const formula *f, const frame *fr, const char *weights,
                      const model_frame *like, int need_response, model_frame *mf,
                      model_error *err) {
  memset(mf, 0, sizeof *mf);
  mf->mem = fr->mem;
  mf->nrow_in = fr->nrow;
  mf->nvars = f->nvars;
  mf->intercept = f->intercept;
  err->pos = -1;
  err->msg[0] = 0;
  if (need_response && f->response < 0) {
    mm_error(err, 0, "the formula has no response; write response ~ terms");
    return -1;
  }
  mm_ctx cx = {f, fr, err};
  raw_vars r;
  memset(&r, 0, sizeof r);
  uint8_t *keep = frame_mem_alloc(&fr->mem, fr->nrow > 0 ? fr->nrow : 1);
  if (keep == NULL)
    return mm_error(err, -1, "not enough memory"), -1;
  memset(keep, 1, fr->nrow);
  int status = eval_vars(&cx, &r, keep);
  if (status == 0 && need_response)
    status = eval_response(&cx, &r, keep);
  if (status == 0 && weights != NULL)
    status = eval_weights(&cx, weights, &r, keep);
  if (status == 0)
    status = eval_offsets(&cx, &r, keep);
  if (status == 0)
    status = check_all_finite(&cx, &r, keep);
  if (status == 0)
    status = choose_rows(&cx, &r, keep, like, mf);
  raw_free(&fr->mem, &r, fr->nrow);
  frame_mem_free(&fr->mem, keep, fr->nrow > 0 ? fr->nrow : 1);
  if (status == 0)
    status = mm_design(&cx, mf, like);
  if (status != 0)
    model_frame_free(mf);
  return status;
}

void model_frame_free(model_frame *mf) {
  size_t n = mf->n;
  mm_free_doubles(&mf->mem, mf->y, n);
  mm_free_doubles(&mf->mem, mf->weights, n);
  mm_free_doubles(&mf->mem, mf->offset, n);
  for (int v = 0; v < PW_FORMULA_MAX_VARS; v++) {
    model_var *x = &mf->vars[v];
    mm_free_doubles(&mf->mem, x->x, n);
    if (x->code)
      frame_mem_free(&mf->mem, x->code, (n > 0 ? n : 1) * sizeof *x->code);
    free(x->levels);
  }
  if (mf->X)
    mm_free_doubles(&mf->mem, mf->X, n * mf->p);
  if (mf->rows)
    frame_mem_free(&mf->mem, mf->rows, (n > 0 ? n : 1) * sizeof *mf->rows);
  for (size_t j = 0; mf->colnames && j < mf->p; j++)
    free(mf->colnames[j]);
  free(mf->colnames);
  free(mf->assign);
  memset(mf, 0, sizeof *mf);
}

/* --------------------------------------------------------------- design */

/* R's TermCode: a factor in a term is coded by contrasts (1) when the term
** without it is empty or within an earlier term, else by indicators (2). */
static int term_code(const formula *f, int t, int v) {
  uint64_t rest = f->terms[t] & ~((uint64_t)1 << v);
  if (rest == 0)
    return 1;
  for (int s = 0; s < t; s++)
    if ((rest & ~f->terms[s]) == 0)
      return 1;
  return 2;
}

/* The coding of every (term, variable): 0 absent, 1 numeric or contrasts,
** 2 all indicators. Without an intercept the first factor of the first
** term with one is coded by indicators (R's model.matrix). */
static void codings(const formula *f, const model_frame *mf, uint8_t code[][PW_FORMULA_MAX_VARS]) {
  int adjusted = mf->intercept;
  for (int t = 0; t < f->nterms; t++)
    for (int v = 0; v < f->nvars; v++) {
      code[t][v] = 0;
      if (!((f->terms[t] >> v) & 1))
        continue;
      code[t][v] = mf->vars[v].factor ? (uint8_t)term_code(f, t, v) : 1;
      if (!adjusted && mf->vars[v].factor) {
        code[t][v] = 2;
        adjusted = 1;
      }
    }
}

/* Columns of term t under its codings. */
static size_t term_columns(const formula *f, const model_frame *mf, const uint8_t *code) {
  size_t k = 1;
  for (int v = 0; v < f->nvars; v++)
    if (code[v] && mf->vars[v].factor)
      k *= mf->vars[v].nlevels - (code[v] == 1);
  return k;
}

/* Name and fill column `col` of term t, whose factor levels are the digits
** of `idx` (first variable fastest). */
static int fill_column(const mm_ctx *cx, model_frame *mf, const model_frame *like, int t,
                       const uint8_t *code, size_t idx, size_t col) {
  const formula *f = cx->f;
  char name[1024];
  size_t len = 0;
  double *x = mf->X + col * mf->n;
  for (size_t i = 0; i < mf->n; i++)
    x[i] = 1;
  for (int v = 0; v < f->nvars; v++) {
    if (!code[v])
      continue;
    const model_var *mv = &mf->vars[v];
    const char *label = f->var_label[v];
    const char *level = "";
    if (mv->factor) {
      uint32_t base = mv->nlevels - (code[v] == 1);
      uint32_t lv = (uint32_t)(idx % base) + (code[v] == 1);
      idx /= base;
      const model_var *named = like ? &like->vars[v] : mv;
      level = named->levels[lv];
      for (size_t i = 0; i < mf->n; i++)
        x[i] = mv->code[i] == lv ? x[i] : 0;
    } else {
      for (size_t i = 0; i < mf->n; i++)
        x[i] *= mv->x[i];
    }
    len += (size_t)snprintf(name + (len < sizeof name ? len : sizeof name - 1),
                            len < sizeof name ? sizeof name - len : 1, "%s%s%s",
                            len > 0 ? ":" : "", label, level);
  }
  mf->assign[col] = t;
  if ((mf->colnames[col] = strdup(name)) == NULL)
    return mm_error(cx->err, -1, "not enough memory"), -1;
  return 0;
}

static int check_levels(const mm_ctx *cx, const model_frame *mf, const uint8_t *code) {
  for (int v = 0; v < cx->f->nvars; v++)
    if (code[v] == 1 && mf->vars[v].factor && mf->vars[v].nlevels < 2) {
      mm_error(cx->err, (long)cx->f->nodes[cx->f->var_node[v]].pos,
               "'%s' has %s one level in the rows used; contrasts need 2 or more",
               cx->f->var_label[v], mf->vars[v].nlevels == 0 ? "not even" : "only");
      return -1;
    }
  return 0;
}

int mm_design(const mm_ctx *cx, model_frame *mf, const model_frame *like) {
  const formula *f = cx->f;
  for (int v = 0; like != NULL && v < f->nvars; v++)
    if (like->vars[v].factor != mf->vars[v].factor) {
      mm_error(cx->err, (long)f->nodes[f->var_node[v]].pos, "'%s' is %s here but was %s in the fit",
               f->var_label[v], mf->vars[v].factor ? "a factor" : "numeric",
               like->vars[v].factor ? "a factor" : "numeric");
      return -1;
    }
  uint8_t (*code)[PW_FORMULA_MAX_VARS] = malloc((f->nterms > 0 ? (size_t)f->nterms : 1) *
                                                sizeof *code);
  if (code == NULL)
    return mm_error(cx->err, -1, "not enough memory"), -1;
  codings(f, mf, code);
  size_t p = (size_t)mf->intercept;
  int status = 0;
  for (int t = 0; t < f->nterms && status == 0; t++) {
    status = check_levels(cx, mf, code[t]);
    p += term_columns(f, mf, code[t]);
    if (p > 100000)
      status = -1, mm_error(cx->err, -1, "the design matrix would have over 100000 columns");
  }
  if (status == 0 && mf->n > 0 && p > SIZE_MAX / sizeof(double) / mf->n)
    status = -1, mm_error(cx->err, -1, "the design matrix is too large");
  if (status == 0) {
    mf->p = p;
    mf->X = mm_doubles(&mf->mem, mf->n * p);
    mf->colnames = calloc(p > 0 ? p : 1, sizeof *mf->colnames);
    mf->assign = malloc((p > 0 ? p : 1) * sizeof *mf->assign);
    if (mf->X == NULL || mf->colnames == NULL || mf->assign == NULL)
      status = -1, mm_error(cx->err, -1, "not enough memory");
  }
  size_t col = 0;
  if (status == 0 && mf->intercept) {
    for (size_t i = 0; i < mf->n; i++)
      mf->X[i] = 1;
    mf->assign[col] = -1;
    if ((mf->colnames[col++] = strdup("(Intercept)")) == NULL)
      status = -1, mm_error(cx->err, -1, "not enough memory");
  }
  for (int t = 0; t < f->nterms && status == 0; t++) {
    size_t k = term_columns(f, mf, code[t]);
    for (size_t idx = 0; idx < k && status == 0; idx++)
      status = fill_column(cx, mf, like, t, code[t], idx, col++);
  }
  free(code);
  return status;
}
