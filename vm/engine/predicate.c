/* predicate.c: per-record rules compiled once, evaluated in C over the
** host's batches through a frame view of their buffers, never calling Lua. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "exec.h"
#include "host_data.h"

/* Memory: the plan and every buffer here come from malloc, not from the
** engine's Lua allocator, because a predicate may outlive its engine (it
** can still be freed after pw_close) and because eval runs outside Lua. */

static const char *const type_names[] = {"PW_INT64", "PW_DOUBLE", "PW_BOOL",
                                         "PW_DATE", "PW_STRING", "PW_DICT"};
static const frame_type frame_types[] = {FRAME_INT, FRAME_NUM, FRAME_BOOL,
                                         FRAME_DATE, FRAME_STR, FRAME_STR};

/* One column of the schema and the frame column exec reads for it, which
** each call points at the batch's buffers (or at a per-call conversion). */
typedef struct pred_col {
  char *name;                   /* the schema's name (malloc'd) */
  pw_type type;                 /* the schema's type */
  int read;                     /* the plan reads it; the others are not set up */
  frame_column view;            /* what exec reads: data, valid, n, dict or
                                   offsets/bytes; never freed as a column */
  frame_dict *dict;             /* PW_DICT: the copy of the host's dictionary */
  const char *const *dict_src;  /* the host array `dict` was copied from, so
                                   an unchanged dictionary is copied once */
  uint64_t *own_valid;          /* PW_DOUBLE with NaN: the bitmap with NaN cleared */
  size_t valid_words;           /* capacity of own_valid, in words */
  uint64_t *offsets;            /* PW_STRING: nrows + 1 offsets into bytes */
  size_t offsets_cap;           /* capacity of offsets, in entries */
  char *bytes;                  /* PW_STRING: the batch's strings, each with a NUL */
  size_t bytes_cap;             /* capacity of bytes */
} pred_col;

struct pw_predicate {
  pw_engine *e;                 /* the engine; NULL once pw_close orphaned it */
  struct pw_predicate *prev;    /* the engine's live predicates (host_data.h) */
  struct pw_predicate *next;    /*   ... */
  expr_plan *plan;              /* the compiled filter (malloc'd) */
  size_t ncols;                 /* columns of the schema */
  pred_col *cols;               /* ncols columns */
  char **names;                 /* view.names: cols[j].name */
  frame_column **colp;          /* view.cols: &cols[j].view */
  frame view;                   /* exec's frame over the batch */
};

/* ------------------------------------------------------------ lifetime */

void pw_predicates_orphan(pw_host_data *h) {
  for (pw_predicate *p = h->predicates, *next; p; p = next) {
    next = p->next;
    p->e = NULL;
    p->prev = p->next = NULL;
  }
  h->predicates = NULL;
}

static void destroy(pw_predicate *p) {
  for (size_t j = 0; p->cols && j < p->ncols; j++) {
    pred_col *c = &p->cols[j];
    free(c->name);
    frame_dict_unref(c->dict);
    free(c->own_valid);
    free(c->offsets);
    free(c->bytes);
  }
  expr_plan_free(p->plan);
  free(p->cols);
  free(p->names);
  free(p->colp);
  free(p);
}

pw_status pw_predicate_free(pw_predicate **pp) {
  if (pp == NULL || *pp == NULL)
    return PW_EINVAL;
  pw_predicate *p = *pp;
  if (p->e && p->e->host_data) {   /* unlink from the engine's list */
    if (p->prev)
      p->prev->next = p->next;
    else
      p->e->host_data->predicates = p->next;
    if (p->next)
      p->next->prev = p->prev;
  }
  destroy(p);
  *pp = NULL;
  return PW_OK;
}

/* ------------------------------------------------------------- compile */

/* pw_errmsg for a compile error: the compiler's message, then the line of
** the expression with a caret under the column, as frame:filter shows it. */
static void set_compile_error(pw_engine *e, const char *src, const expr_error *err) {
  size_t len = strlen(src), at = 0;
  for (int line = 1; line < err->line && at < len; at++)
    line += src[at] == '\n';
  size_t end = at;
  while (end < len && src[end] != '\n')
    end++;
  if (err->line == 0 || end - at > 200) {   /* no caret under a line nobody reads */
    pw_set_error(e, err->msg);
    return;
  }
  char caret[256];
  size_t k = 0;
  int col = 1;   /* columns count characters; a tab stays a tab to line up */
  for (size_t i = at; i < end && col < err->col && k < sizeof caret - 2; i++) {
    if (((unsigned char)src[i] & 0xC0) == 0x80)
      continue;
    caret[k++] = src[i] == '\t' ? '\t' : ' ';
    col++;
  }
  caret[k++] = '^';
  caret[k] = '\0';
  pw_set_errorf(e, "%s\n    %.*s\n    %s", err->msg, (int)(end - at), src + at, caret);
}

/* Check the schema's names and types: PW_OK or PW_EINVAL with the message. */
static pw_status check_schema(pw_engine *e, const pw_schema *s) {
  if (s->columns == NULL && s->ncols > 0) {
    pw_set_error(e, "pw_predicate_compile: schema columns is NULL");
    return PW_EINVAL;
  }
  for (size_t j = 0; j < s->ncols; j++) {
    const pw_column *c = &s->columns[j];
    if (c->name == NULL || *c->name == '\0') {
      pw_set_errorf(e, "pw_predicate_compile: schema column %zu has no name", j + 1);
      return PW_EINVAL;
    }
    if ((unsigned)c->type > PW_DICT) {
      pw_set_errorf(e, "pw_predicate_compile: column '%s': unknown type %d", c->name,
                    (int)c->type);
      return PW_EINVAL;
    }
    for (size_t k = 0; k < j; k++)
      if (strcmp(s->columns[k].name, c->name) == 0) {
        pw_set_errorf(e, "pw_predicate_compile: duplicate column name '%s'", c->name);
        return PW_EINVAL;
      }
  }
  return PW_OK;
}

/* The predicate's columns and its frame view, with no rows: what the
** compiler checks names and types against. -1 when out of memory. */
static int make_view(pw_predicate *p, const pw_schema *s) {
  size_t n = s->ncols ? s->ncols : 1;
  p->ncols = s->ncols;
  p->cols = calloc(n, sizeof *p->cols);
  p->names = calloc(n, sizeof *p->names);
  p->colp = calloc(n, sizeof *p->colp);
  if (!p->cols || !p->names || !p->colp)
    return -1;
  for (size_t j = 0; j < s->ncols; j++) {
    pred_col *c = &p->cols[j];
    c->type = s->columns[j].type;
    c->name = strdup(s->columns[j].name);
    if (c->name == NULL)
      return -1;
    c->view.refcount = 1;
    c->view.type = frame_types[c->type];
    if (c->type == PW_DICT && (c->dict = frame_dict_new(NULL)) == NULL)
      return -1;
    c->view.dict = c->dict;   /* dictionary-encoded in the plan; PW_STRING is plain */
    p->names[j] = c->name;
    p->colp[j] = &c->view;
  }
  p->view.ncol = p->view.cap = s->ncols;
  p->view.names = p->names;
  p->view.cols = p->colp;
  return 0;
}

pw_status pw_predicate_compile(pw_engine *e, const char *expr, const pw_schema *schema,
                               pw_predicate **out) {
  if (e == NULL || e->L == NULL)
    return PW_EINVAL;
  if (out)
    *out = NULL;
  if (expr == NULL || schema == NULL || out == NULL) {
    pw_set_error(e, "pw_predicate_compile: NULL argument");
    return PW_EINVAL;
  }
  pw_status s = check_schema(e, schema);
  if (s != PW_OK)
    return s;
  pw_host_data *h = pw_host_data_of(e);
  pw_predicate *p = h ? calloc(1, sizeof *p) : NULL;
  if (p == NULL || make_view(p, schema) != 0) {
    if (p)
      destroy(p);
    pw_set_error(e, "pw_predicate_compile: not enough memory");
    return PW_EINTERNAL;
  }
  expr_error err;
  p->plan = expr_compile(expr, strlen(expr), &p->view, EXPR_FILTER, NULL, &err);
  if (p->plan == NULL) {
    int nomem = strcmp(err.msg, "expression: not enough memory") == 0;
    set_compile_error(e, expr, &err);
    destroy(p);
    return nomem ? PW_EINTERNAL : PW_ESYNTAX;
  }
  for (uint32_t i = 0; i < p->plan->ncolumns; i++)
    p->cols[p->plan->columns[i].index].read = 1;
  p->e = e;
  p->next = h->predicates;
  if (p->next)
    p->next->prev = p;
  h->predicates = p;
  *out = p;
  return PW_OK;
}

/* ---------------------------------------------------------------- eval */

/* Grow a malloc'd array to at least `need` elements of `size` bytes. */
static int reserve(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return 0;
  size_t n = *cap ? *cap : 64;
  while (n < need)
    n *= 2;
  void *q = realloc(*p, n * size);
  if (q == NULL)
    return -1;
  *p = q;
  *cap = n;
  return 0;
}

/* PW_DOUBLE: NaN is NA (as in frames, docs/embedding.md), so a batch with a
** NaN gets a bitmap of our own. One branch-free pass finds whether any. */
static pw_status set_double(pw_predicate *p, pred_col *c, const pw_column *b, size_t n) {
  const double *d = b->data;
  int any = 0;
  for (size_t i = 0; i < n; i++)
    any |= d[i] != d[i];
  c->view.data = (void *)(uintptr_t)d;
  if (!any)
    return PW_OK;
  size_t words = (n + 63) / 64;
  if (reserve((void **)&c->own_valid, &c->valid_words, words, sizeof(uint64_t)) != 0) {
    pw_set_error(p->e, "pw_predicate_eval: not enough memory");
    return PW_EINTERNAL;
  }
  if (c->view.valid)
    memcpy(c->own_valid, c->view.valid, words * sizeof(uint64_t));
  else
    memset(c->own_valid, 0xff, words * sizeof(uint64_t));
  for (size_t i = 0; i < n; i++)
    if (d[i] != d[i])
      c->own_valid[i >> 6] &= ~((uint64_t)1 << (i & 63));
  c->view.valid = c->own_valid;
  return PW_OK;
}

/* PW_BOOL: values must be 0 or 1 where present; the common case is one
** branch-free pass. */
static pw_status set_bool(pw_predicate *p, pred_col *c, const pw_column *b, size_t n) {
  const uint8_t *v = b->data;
  uint8_t bits = 0;
  for (size_t i = 0; i < n; i++)
    bits |= v[i];
  for (size_t i = 0; bits > 1 && i < n; i++)
    if (v[i] > 1 && pw_host_present(b->validity, i)) {
      pw_set_errorf(p->e, "pw_predicate_eval: column '%s': bool value %u at row %zu (must "
                    "be 0 or 1)", c->name, v[i], i);
      return PW_EINVAL;
    }
  c->view.data = (void *)(uintptr_t)v;
  return PW_OK;
}

/* The copy of a PW_DICT batch's dictionary, made again only when the
** host's array or its strings changed since the last call (comparing is
** far cheaper than hashing every string again). */
static pw_status set_dict_strings(pw_predicate *p, pred_col *c, const pw_column *b) {
  frame_dict *d = c->dict;
  int same = c->dict_src == b->dict && d->n == b->ndict;
  for (size_t k = 0; same && k < b->ndict; k++)
    same = b->dict[k] != NULL && strcmp(b->dict[k], frame_dict_str(d, (uint32_t)k, NULL)) == 0;
  if (same)
    return PW_OK;
  c->dict_src = NULL;
  if (b->ndict > 0 && b->dict == NULL) {
    pw_set_errorf(p->e, "pw_predicate_eval: column '%s': dict is NULL", c->name);
    return PW_EINVAL;
  }
  if ((d = frame_dict_new(NULL)) == NULL) {
    pw_set_error(p->e, "pw_predicate_eval: not enough memory");
    return PW_EINTERNAL;
  }
  for (size_t k = 0; k < b->ndict; k++) {
    int64_t code = b->dict[k] ? frame_dict_intern(d, b->dict[k], strlen(b->dict[k])) : -2;
    if (code == (int64_t)k)
      continue;
    if (code == -1)
      pw_set_error(p->e, "pw_predicate_eval: not enough memory");
    else if (code == -2)
      pw_set_errorf(p->e, "pw_predicate_eval: column '%s': dictionary string %zu is NULL",
                    c->name, k);
    else
      pw_set_errorf(p->e, "pw_predicate_eval: column '%s': dictionary string '%s' is both "
                    "entry %lld and entry %zu (dictionary strings must be distinct)",
                    c->name, b->dict[k], (long long)code, k);
    frame_dict_unref(d);
    return code == -1 ? PW_EINTERNAL : PW_EINVAL;
  }
  frame_dict_unref(c->dict);
  c->dict = c->view.dict = d;
  c->dict_src = b->dict;
  return PW_OK;
}

/* PW_DICT: the codes are used in place once every present one is below
** ndict (one branch-free pass for the maximum, rows only when it fails). */
static pw_status set_dict(pw_predicate *p, pred_col *c, const pw_column *b, size_t n) {
  if (b->ndict >= UINT32_MAX) {
    pw_set_errorf(p->e, "pw_predicate_eval: column '%s': more than 2^32 - 2 dictionary "
                  "strings", c->name);
    return PW_EINVAL;
  }
  pw_status s = set_dict_strings(p, c, b);
  if (s != PW_OK)
    return s;
  const uint32_t *codes = b->data;
  uint32_t most = 0;
  for (size_t i = 0; i < n; i++)
    most = codes[i] > most ? codes[i] : most;
  for (size_t i = 0; most >= b->ndict && i < n; i++)
    if (codes[i] >= b->ndict && pw_host_present(b->validity, i)) {
      pw_set_errorf(p->e, "pw_predicate_eval: column '%s': code %u at row %zu is not below "
                    "ndict (%zu)", c->name, codes[i], i, b->ndict);
      return PW_EINVAL;
    }
  c->view.data = (void *)(uintptr_t)codes;
  return PW_OK;
}

/* PW_STRING: copied into a plain str column, the per-call cost of text that
** is not dictionary-encoded (a strlen and a memcpy per row, and then every
** string test runs per row). */
static pw_status set_string(pw_predicate *p, pred_col *c, const pw_column *b, size_t n) {
  const char *const *s = b->data;
  if (reserve((void **)&c->offsets, &c->offsets_cap, n + 1, sizeof(uint64_t)) != 0)
    goto nomem;
  uint64_t total = 0;
  c->offsets[0] = 0;
  for (size_t i = 0; i < n; i++) {
    int present = pw_host_present(b->validity, i);
    if (present && s[i] == NULL) {
      pw_set_errorf(p->e, "pw_predicate_eval: column '%s': NULL string at row %zu (mark a "
                    "missing value in validity)", c->name, i);
      return PW_EINVAL;
    }
    total += (present ? strlen(s[i]) : 0) + 1;   /* an NA row holds "" */
    c->offsets[i + 1] = total;
  }
  if (reserve((void **)&c->bytes, &c->bytes_cap, total ? total : 1, 1) != 0)
    goto nomem;
  for (size_t i = 0; i < n; i++) {
    size_t len = (size_t)(c->offsets[i + 1] - c->offsets[i]);
    if (len > 1)
      memcpy(c->bytes + c->offsets[i], s[i], len);   /* with its NUL */
    else
      c->bytes[c->offsets[i]] = '\0';
  }
  c->view.offsets = c->offsets;
  c->view.bytes = c->bytes;
  return PW_OK;
nomem:
  pw_set_error(p->e, "pw_predicate_eval: not enough memory");
  return PW_EINTERNAL;
}

/* Point column j's view at the batch's column b. */
static pw_status set_column(pw_predicate *p, pred_col *c, const pw_column *b, size_t n) {
  c->view.n = n;
  c->view.valid = NULL;
  c->view.n_na = b->validity && n ? pw_host_count_na(b->validity, n) : 0;
  if (c->view.n_na)   /* exec expands a bitmap per batch: none when nothing is missing */
    c->view.valid = (uint64_t *)(uintptr_t)b->validity;
  if (n == 0)
    return c->type == PW_DICT ? set_dict(p, c, b, 0) : PW_OK;
  if (b->data == NULL) {
    pw_set_errorf(p->e, "pw_predicate_eval: column '%s': data is NULL", c->name);
    return PW_EINVAL;
  }
  switch (c->type) {
  case PW_DOUBLE: return set_double(p, c, b, n);
  case PW_BOOL: return set_bool(p, c, b, n);
  case PW_DICT: return set_dict(p, c, b, n);
  case PW_STRING: return set_string(p, c, b, n);
  default:   /* PW_INT64, PW_DATE: every value is one */
    c->view.data = (void *)(uintptr_t)b->data;
    return PW_OK;
  }
}

/* The batch has the schema's columns: same count, names and types. */
static pw_status check_batch(pw_predicate *p, const pw_batch *batch) {
  if (batch->ncols != p->ncols) {
    pw_set_errorf(p->e, "pw_predicate_eval: the batch has %zu columns, the schema %zu",
                  batch->ncols, p->ncols);
    return PW_EINVAL;
  }
  for (size_t j = 0; j < p->ncols; j++) {
    const pw_column *b = &batch->columns[j];
    const pred_col *c = &p->cols[j];
    if (b->name == NULL || strcmp(b->name, c->name) != 0) {
      pw_set_errorf(p->e, "pw_predicate_eval: batch column %zu is '%s', the schema's is '%s'",
                    j + 1, b->name ? b->name : "(NULL)", c->name);
      return PW_EINVAL;
    }
    if (b->type != c->type) {
      pw_set_errorf(p->e, "pw_predicate_eval: column '%s' is %s in the batch, %s in the "
                    "schema", c->name, (unsigned)b->type <= PW_DICT ? type_names[b->type]
                    : "an unknown type", type_names[c->type]);
      return PW_EINVAL;
    }
  }
  return PW_OK;
}

pw_status pw_predicate_eval(pw_predicate *p, const pw_batch *batch, uint8_t *out) {
  if (p == NULL || p->e == NULL)
    return PW_EINVAL;   /* an orphan has no engine to hold a message */
  if (batch == NULL || (out == NULL && batch->nrows > 0) ||
      (batch->columns == NULL && batch->ncols > 0)) {
    pw_set_error(p->e, "pw_predicate_eval: NULL argument");
    return PW_EINVAL;
  }
  pw_status s = check_batch(p, batch);
  p->view.nrow = batch->nrows;
  for (size_t j = 0; s == PW_OK && j < p->ncols; j++)
    if (p->cols[j].read)
      s = set_column(p, &p->cols[j], &batch->columns[j], batch->nrows);
  if (s != PW_OK)
    return s;
  exec_report rep;
  exec_status x = exec_filter(p->plan, &p->view, NULL, out, &rep);
  if (x == EXEC_OK)
    return PW_OK;
  pw_set_errorf(p->e, "pw_predicate_eval: %s", rep.msg);
  return x == EXEC_EREGEX ? PW_ESCRIPT : PW_EINTERNAL;
}
