/* exec_str.c: string kernels. On a dictionary-encoded column a test of the
** string (==, <, in, ~) runs once per distinct entry, at bind time, into a
** table the rows then index by code; other strings are compared per row. */
#include <stdio.h>
#include <string.h>

#include "exec_int.h"

/* Entries of a per-dictionary-entry table. */
enum {
  T_FALSE = 0,   /* the test is false for this string */
  T_TRUE = 1,    /* true */
  T_NA = 2       /* unknown: `in` a list with na, or not UTF-8 for ~ */
};

static const char empty[] = "";

/* Bytewise comparison, shorter first on a common prefix (as strcmp). */
static int str_cmp(const char *a, size_t la, const char *b, size_t lb) {
  int c = memcmp(a, b, la < lb ? la : lb);
  return c ? c : (la > lb) - (la < lb);
}

static int cmp_holds(expr_cmp op, int c) {
  switch (op) {
  case EXPR_EQ: return c == 0;
  case EXPR_NE: return c != 0;
  case EXPR_LT: return c < 0;
  case EXPR_LE: return c <= 0;
  case EXPR_GT: return c > 0;
  default: return c >= 0;
  }
}

const char *exec_regex_error(int rc, char *buf, size_t size) {
  if (pcre2_get_error_message(rc, (PCRE2_UCHAR *)buf, size) < 0)
    snprintf(buf, size, "PCRE2 error %d", rc);
  return buf;
}

/* One match: T_TRUE, T_FALSE, or T_NA for a subject that is not UTF-8;
** any other PCRE2 failure (match limit, JIT stack) fails the run. */
static int match(exec_state *x, uint32_t ri, const char *s, size_t len) {
  const expr_regex *re = &x->p->regexes[ri];
  int rc = pcre2_match(re->code, (PCRE2_SPTR)(len ? s : empty), len, 0, 0, x->md, NULL);
  if (rc >= 0)
    return T_TRUE;
  if (rc == PCRE2_ERROR_NOMATCH)
    return T_FALSE;
  if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
    return T_NA;
  char msg[128];
  exec_fail(x, EXEC_EREGEX, "expression:%d:%d: regular expression failed on '%.*s': %s",
            re->line, re->col, (int)(len > 40 ? 40 : len), s, exec_regex_error(rc, msg, sizeof msg));
  return T_NA;
}

/* ------------------------------------------------------------ binding */

/* The table of predicate k over its column's dictionary: one entry per
** distinct string, plus one (false) for codes out of range. */
static int build_table(exec_state *x, uint32_t k) {
  const expr_pred *pr = &x->p->preds[k];
  const frame_dict *d = x->f->cols[pr->column]->dict;
  uint32_t n = d->n;
  uint8_t *t = exec_alloc(x, (size_t)n + 1);
  if (t == NULL)
    return -1;
  x->tables[k] = t;
  x->ntables[k] = n + 1;
  t[n] = T_FALSE;
  if (pr->kind == EXPR_PRED_IN) {
    const expr_set *s = &x->p->sets[pr->arg];
    memset(t, s->has_na ? T_NA : T_FALSE, n);
    for (uint32_t m = 0; m < s->n; m++) {   /* one lookup per member, not per entry */
      const expr_const *c = &x->p->consts[s->first + m];
      int64_t code = frame_dict_find(d, x->p->pool + c->v.s.off, c->v.s.len);
      if (code >= 0)
        t[code] = T_TRUE;
    }
  } else if (pr->kind == EXPR_PRED_HGVS) {
    for (uint32_t c = 0; c < n && x->status == EXEC_OK; c++) {
      size_t len;
      const char *s = frame_dict_str(d, c, &len);
      t[c] = exec_hgvs_value(x, (expr_hgvs_fn)pr->arg, s, len);
    }
    if (pr->arg == EXPR_HGVS_TYPE || pr->arg == EXPR_HGVS_CONSEQUENCE) {
      t[n] = 255;   /* names (CODE_NAME reads them): out of range is NA */
      return x->status == EXEC_OK ? 0 : -1;
    }
  } else {
    for (uint32_t c = 0; c < n && x->status == EXEC_OK; c++) {
      size_t len;
      const char *s = frame_dict_str(d, c, &len);
      if (pr->kind == EXPR_PRED_MATCH) {
        t[c] = (uint8_t)match(x, pr->arg, s, len);
      } else {
        const expr_const *lit = &x->p->consts[pr->arg];
        t[c] = (uint8_t)cmp_holds((expr_cmp)pr->cmp,
                                  str_cmp(s, len, x->p->pool + lit->v.s.off, lit->v.s.len));
      }
    }
  }
  uint8_t has_na = 0;
  for (uint32_t c = 0; c < n; c++) {
    if (pr->negate && t[c] != T_NA)
      t[c] ^= 1;
    has_na |= t[c] == T_NA;
  }
  x->table_na[k] = has_na;
  return x->status == EXEC_OK ? 0 : -1;
}

/* Per run: the predicate tables, and for each CODE_EQ/CODE_NE the code of
** its literal in the dictionary of the column it compares with. Which
** column a register holds codes of is followed through the row program. */
int exec_str_bind(exec_state *x) {
  const expr_plan *p = x->p;
  if (p->npreds) {
    x->tables = exec_alloc(x, p->npreds * sizeof *x->tables);
    x->ntables = exec_alloc(x, p->npreds * sizeof *x->ntables);
    x->table_na = exec_alloc(x, p->npreds);
    if (x->tables)   /* end() frees the tables made so far, and only those */
      memset(x->tables, 0, p->npreds * sizeof *x->tables);
    if (x->ntables)
      memset(x->ntables, 0, p->npreds * sizeof *x->ntables);
    if (x->status != EXEC_OK)
      return -1;
    for (uint32_t k = 0; k < p->npreds; k++)
      if (build_table(x, k) != 0)
        return -1;
  }
  if (p->nrow == 0)
    return 0;
  x->codes = exec_alloc(x, p->nrow * sizeof *x->codes);
  uint32_t *col_of = exec_alloc(x, (p->nregs ? p->nregs : 1) * sizeof *col_of);
  if (x->codes && col_of) {
    for (uint32_t pc = 0; pc < p->nrow; pc++) {
      const expr_ins *in = &p->row[pc];
      x->codes[pc] = UINT32_MAX;
      if (in->op == EXPR_OP_LOAD_C) {
        col_of[in->dst] = in->aux;
      } else if (in->op == EXPR_OP_CODE_EQ || in->op == EXPR_OP_CODE_NE) {
        const expr_const *lit = &p->consts[in->aux];
        int64_t code = frame_dict_find(x->f->cols[col_of[in->a]]->dict,
                                       p->pool + lit->v.s.off, lit->v.s.len);
        if (code >= 0)
          x->codes[pc] = (uint32_t)code;
      }
    }
  }
  exec_free(x, col_of, (p->nregs ? p->nregs : 1) * sizeof *col_of);
  return x->status == EXEC_OK ? 0 : -1;
}

/* ------------------------------------------------------------ kernels */

static void code_test(exec_state *x, const expr_ins *in, exec_reg *d, const exec_reg *a) {
  const uint32_t *codes = a->data;
  uint8_t *out = d->buf;
  size_t n = x->n;
  if (in->op != EXPR_OP_CODE_TEST) {
    uint32_t want = x->codes[in - x->p->row];
    if (in->op == EXPR_OP_CODE_EQ)
      for (size_t i = 0; i < n; i++) out[i] = codes[i] == want;
    else
      for (size_t i = 0; i < n; i++) out[i] = codes[i] != want;
    exec_valid_copy(x, d, a);
    return;
  }
  const uint8_t *t = x->tables[in->aux];
  uint32_t last = x->ntables[in->aux] - 1;   /* the out-of-range entry */
  for (size_t i = 0; i < n; i++)
    out[i] = t[codes[i] < last ? codes[i] : last] & 1;
  exec_valid_copy(x, d, a);
  if (!x->table_na[in->aux])
    return;
  if (d->valid == NULL)
    memset(d->vbuf, 1, n);
  for (size_t i = 0; i < n; i++)
    d->vbuf[i] &= t[codes[i] < last ? codes[i] : last] != T_NA;
  d->valid = d->vbuf;
}

static void decode(exec_state *x, exec_reg *d, const exec_reg *a) {
  const uint32_t *codes = a->data;
  const frame_dict *dict = a->dict;
  exec_view *out = d->buf;
  for (size_t i = 0; i < x->n; i++) {
    uint32_t c = codes[i];
    if (c < dict->n) {
      out[i].s = dict->bytes + dict->offsets[c];
      out[i].len = (size_t)(dict->offsets[c + 1] - dict->offsets[c] - 1);
    } else {
      out[i] = (exec_view){empty, 0};
    }
  }
  exec_valid_copy(x, d, a);
}

/* Rows of views a against views b (CMP_S), a set (IN_S) or a pattern
** (MATCH_S). */
static void test_views(exec_state *x, const expr_ins *in, exec_reg *d, const exec_reg *a) {
  const exec_view *v = a->data;
  uint8_t *out = d->buf;
  size_t n = x->n;
  if (in->op == EXPR_OP_CMP_S) {
    const exec_reg *b = REG(x, in->b);
    const exec_view *w = b->data;
    for (size_t i = 0; i < n; i++)
      out[i] = (uint8_t)cmp_holds((expr_cmp)in->aux, str_cmp(v[i].s, v[i].len, w[i].s, w[i].len));
    exec_valid_and(x, d, a, b);
    return;
  }
  exec_valid_copy(x, d, a);
  if (in->op == EXPR_OP_IN_S) {
    const expr_set *s = &x->p->sets[in->aux];
    for (size_t i = 0; i < n; i++) {
      out[i] = 0;
      for (uint32_t k = 0; k < s->n && !out[i]; k++) {
        const expr_const *c = &x->p->consts[s->first + k];
        out[i] = c->v.s.len == v[i].len && memcmp(x->p->pool + c->v.s.off, v[i].s, v[i].len) == 0;
      }
    }
    if (s->has_na) {
      if (d->valid == NULL)
        memset(d->vbuf, 1, n);
      for (size_t i = 0; i < n; i++)
        d->vbuf[i] &= out[i];
      d->valid = d->vbuf;
    }
    return;
  }
  int any_na = 0;
  for (size_t i = 0; i < n && x->status == EXEC_OK; i++) {
    out[i] = 0;
    if (a->valid && !a->valid[i])
      continue;
    int m = match(x, in->aux, v[i].s, v[i].len);
    out[i] = m == T_TRUE;
    any_na |= m == T_NA;
  }
  if (any_na) {   /* rare: a subject that is not UTF-8 */
    if (d->valid == NULL)
      memset(d->vbuf, 1, n);
    for (size_t i = 0; i < n; i++)
      if (d->vbuf[i] && match(x, in->aux, v[i].s, v[i].len) == T_NA)
        d->vbuf[i] = 0;
    d->valid = d->vbuf;
  }
}

/* lower/upper: ASCII letters only; other bytes (UTF-8) are kept. The
** batch's results go into one arena block. */
static void change_case(exec_state *x, const expr_ins *in, exec_reg *d, const exec_reg *a) {
  const exec_view *v = a->data;
  exec_view *out = d->buf;
  size_t total = 0;
  for (size_t i = 0; i < x->n; i++)
    total += v[i].len;
  char *p = exec_arena(x, total ? total : 1);
  if (p == NULL)
    return;
  int up = in->op == EXPR_OP_UPPER;
  for (size_t i = 0; i < x->n; i++) {
    out[i] = (exec_view){p, v[i].len};
    for (size_t k = 0; k < v[i].len; k++) {
      char c = v[i].s[k];
      if (up && c >= 'a' && c <= 'z') c = (char)(c - 32);
      if (!up && c >= 'A' && c <= 'Z') c = (char)(c + 32);
      *p++ = c;
    }
  }
  exec_valid_copy(x, d, a);
}

static int64_t utf8_len(const char *s, size_t n) {
  int64_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

/* Byte offset of character `ch` (0-based) in s, or n when past the end. */
static size_t utf8_offset(const char *s, size_t n, int64_t ch) {
  size_t i = 0;
  for (int64_t k = 0; i < n; i++) {
    if (((unsigned char)s[i] & 0xC0) != 0x80 && k++ == ch)
      return i;
  }
  return n;
}

/* substr(s, start [, length]): characters start .. start+length-1
** (1-based) that exist; as SQL, a start before 1 still counts toward
** length. A negative length is NA. Results are views into s. */
static void substr(exec_state *x, const expr_ins *in, exec_reg *d, const exec_reg *a) {
  const exec_reg *b = REG(x, in->b), *c = in->c != EXPR_NOREG ? REG(x, in->c) : NULL;
  const exec_view *v = a->data;
  const int64_t *start = b->data, *len = c ? c->data : NULL;
  exec_view *out = d->buf;
  exec_valid_and(x, d, a, b);
  if (c && c->valid) {   /* and with the length's mask too */
    if (d->valid == NULL)
      memset(d->vbuf, 1, x->n);
    for (size_t i = 0; i < x->n; i++)
      d->vbuf[i] &= c->valid[i];
    d->valid = d->vbuf;
  }
  for (size_t i = 0; i < x->n; i++) {
    int64_t from = start[i] - (start[i] > INT64_MIN), to = INT64_MAX;
    if (len && len[i] < 0) {
      out[i] = (exec_view){empty, 0};
      if (d->valid == NULL) {
        memset(d->vbuf, 1, x->n);
        d->valid = d->vbuf;
      }
      d->vbuf[i] = 0;
      continue;
    }
    if (len && __builtin_add_overflow(from, len[i], &to))
      to = INT64_MAX;
    if (from < 0)
      from = 0;
    if (to <= from) {
      out[i] = (exec_view){empty, 0};
      continue;
    }
    size_t b0 = utf8_offset(v[i].s, v[i].len, from);
    size_t b1 = to == INT64_MAX ? v[i].len : utf8_offset(v[i].s, v[i].len, to);
    out[i] = (exec_view){v[i].s + b0, b1 > b0 ? b1 - b0 : 0};
  }
}

void exec_op_str(exec_state *x, const expr_ins *in) {
  exec_reg *d = REG(x, in->dst);
  const exec_reg *a = REG(x, in->a);
  switch (in->op) {
  case EXPR_OP_CODE_EQ: case EXPR_OP_CODE_NE: case EXPR_OP_CODE_TEST:
    code_test(x, in, d, a);
    break;
  case EXPR_OP_DECODE:
    decode(x, d, a);
    break;
  case EXPR_OP_CMP_S: case EXPR_OP_IN_S: case EXPR_OP_MATCH_S:
    test_views(x, in, d, a);
    break;
  case EXPR_OP_LOWER: case EXPR_OP_UPPER:
    change_case(x, in, d, a);
    break;
  case EXPR_OP_LEN: {
    const exec_view *v = a->data;
    int64_t *out = d->buf;
    for (size_t i = 0; i < x->n; i++)
      out[i] = utf8_len(v[i].s, v[i].len);
    exec_valid_copy(x, d, a);
    break;
  }
  default:
    substr(x, in, d, a);
  }
  d->data = d->buf;
}
