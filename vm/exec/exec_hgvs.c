/* exec_hgvs.c: the variant functions of expressions (hgvs_valid, hgvs_type,
** hgvs_consequence, abe_correctable) over the hgvs core. On a dictionary
** column each distinct string is parsed once, at bind time; on plain text,
** once per row. Parsing is strict: an author mistake is not a valid variant. */
#include <string.h>

#include "exec_int.h"

/* Values of a per-entry table of a name-valued function. */
enum {
  NAME_GENOTYPE = 254,   /* hgvs_type of a genotype description */
  NAME_NA = 255          /* no value: NA, invalid, or a genotype's consequence */
};

/* Table values of bool functions, as exec_str.c's T_FALSE/T_TRUE/T_NA. */
enum { B_FALSE = 0, B_TRUE = 1, B_NA = 2 };

/* The run's parse scratch, made on first use (13 KiB, not per row). */
static hgvs_result *scratch(exec_state *x) {
  if (x->hgvs == NULL)
    x->hgvs = exec_alloc(x, sizeof *x->hgvs);
  return x->hgvs;
}

uint8_t exec_hgvs_value(exec_state *x, expr_hgvs_fn fn, const char *s, size_t len) {
  hgvs_result *r = scratch(x);
  if (r == NULL)
    return fn == EXPR_HGVS_VALID || fn == EXPR_HGVS_ABE ? B_NA : NAME_NA;
  hgvs_options opt = {0};
  int ok = hgvs_parse(s, len, &opt, r);
  int single = ok && r->kind == HGVS_KIND_VARIANT;
  switch (fn) {
  case EXPR_HGVS_VALID:
    return ok ? B_TRUE : B_FALSE;
  case EXPR_HGVS_ABE:
    return !single ? B_NA : hgvs_editing_of(&r->variants[0], r).abe_correctable ? B_TRUE : B_FALSE;
  case EXPR_HGVS_TYPE:
    return !ok ? NAME_NA : !single ? NAME_GENOTYPE : (uint8_t)r->variants[0].type;
  default:
    return !single ? NAME_NA : (uint8_t)r->variants[0].consequence;
  }
}

/* The text of a name-valued table entry (NULL for NA). */
static const char *name_of(expr_hgvs_fn fn, uint8_t v) {
  if (v == NAME_NA)
    return NULL;
  if (v == NAME_GENOTYPE)
    return "genotype";
  return fn == EXPR_HGVS_TYPE ? hgvs_type_name((hgvs_type)v) : hgvs_consequence_name((hgvs_csq)v);
}

/* Mark row i of d NA, making its validity buffer on first use. */
static void set_na(exec_state *x, exec_reg *d, size_t i) {
  if (d->valid == NULL) {
    memset(d->vbuf, 1, x->n);
    d->valid = d->vbuf;
  }
  d->vbuf[i] = 0;
}

/* EXPR_OP_HGVS: one parse per row of views a. Every row gets a value,
** NA rows too, because later kernels read every row. */
static void per_row(exec_state *x, const expr_ins *in, exec_reg *d, const exec_reg *a) {
  expr_hgvs_fn fn = (expr_hgvs_fn)in->aux;
  int names = fn == EXPR_HGVS_TYPE || fn == EXPR_HGVS_CONSEQUENCE;
  const exec_view *v = a->data;
  exec_valid_copy(x, d, a);
  for (size_t i = 0; i < x->n && x->status == EXEC_OK; i++) {
    int na = a->valid && !a->valid[i];
    uint8_t val = na ? (names ? NAME_NA : B_NA) : exec_hgvs_value(x, fn, v[i].s, v[i].len);
    if (names) {
      const char *name = name_of(fn, val);
      ((exec_view *)d->buf)[i] = (exec_view){name ? name : "", name ? strlen(name) : 0};
      na = name == NULL;
    } else {
      ((uint8_t *)d->buf)[i] = val == B_TRUE;
      na = val == B_NA;
    }
    if (na)
      set_na(x, d, i);
  }
}

/* EXPR_OP_CODE_NAME: the names of the per-entry table, by code. */
static void by_code(exec_state *x, const expr_ins *in, exec_reg *d, const exec_reg *a) {
  const uint32_t *codes = a->data;
  const uint8_t *t = x->tables[in->aux];
  uint32_t last = x->ntables[in->aux] - 1;
  expr_hgvs_fn fn = (expr_hgvs_fn)x->p->preds[in->aux].arg;
  exec_view *out = d->buf;
  exec_valid_copy(x, d, a);
  for (size_t i = 0; i < x->n; i++) {
    const char *name = name_of(fn, t[codes[i] < last ? codes[i] : last]);
    out[i] = (exec_view){name ? name : "", name ? strlen(name) : 0};
    if (name == NULL && (a->valid == NULL || a->valid[i]))
      set_na(x, d, i);
  }
}

void exec_op_hgvs(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a);
  if (in->op == EXPR_OP_HGVS)
    per_row(x, in, d, a);
  else
    by_code(x, in, d, a);
  d->data = d->buf;
}
