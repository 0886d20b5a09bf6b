/* explain.c: a readable listing of a plan (expr.compile(...):explain() in
** the REPL), and the names of ops, aggregates and comparisons. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "expr.h"

const char *expr_op_name(expr_op op) {
  static const char *const names[EXPR_OP_COUNT] = {
    "load_i", "load_n", "load_b", "load_d", "load_c", "load_s", "load_agg", "decode",
    "i2n", "add_i", "sub_i", "mul_i", "mod_i", "neg_i", "add_n", "sub_n", "mul_n",
    "div_n", "mod_n", "pow_n", "neg_n", "cmp_i", "cmp_n", "cmp_b", "cmp_s", "code_eq",
    "code_ne", "code_test", "in_i", "in_n", "in_s", "match_s", "and", "or", "not",
    "is_na", "abs_i", "abs_n", "log", "exp", "sqrt", "round", "floor", "ceil", "lower",
    "upper", "len", "substr", "year", "month", "if_else", "coalesce", "hgvs",
    "code_name"};
  return (unsigned)op < EXPR_OP_COUNT ? names[op] : "?";
}

const char *expr_agg_name(expr_agg_kind k) {
  static const char *const names[] = {"count", "sum", "mean", "median", "sd", "var", "min",
                                      "max", "n_distinct", "first", "last", "quantile"};
  return (unsigned)k <= EXPR_AGG_QUANTILE ? names[k] : "?";
}

const char *expr_cmp_name(expr_cmp c) {
  static const char *const names[] = {"==", "!=", "<", "<=", ">", ">="};
  return (unsigned)c <= EXPR_GE ? names[c] : "?";
}

/* Where the listing goes. */
typedef struct out {
  expr_write_fn write;   /* the caller's sink */
  void *ud;              /* its argument */
  const expr_plan *p;    /* the plan being listed */
} out;

static void put(out *o, const char *s) { o->write(o->ud, s, strlen(s)); }

static void putf(out *o, const char *fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n > 0)
    o->write(o->ud, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* A string as the literal that reads back as it: ' is written \', and a
** backslash is doubled only where the lexer would take it as an escape. */
static void put_quoted(out *o, const char *s, size_t len) {
  put(o, "'");
  size_t from = 0;
  for (size_t i = 0; i < len; i++) {
    int next = i + 1 < len ? s[i + 1] : -1;
    if (s[i] == '\'' || (s[i] == '\\' && (next == '\'' || next == '"' || next == '\\' || next < 0))) {
      o->write(o->ud, s + from, i - from);
      put(o, "\\");
      from = i;
    }
  }
  o->write(o->ud, s + from, len - from);
  put(o, "'");
}

static void put_const(out *o, const expr_const *k) {
  if (k->is_na) {
    put(o, "na");
    return;
  }
  switch (k->type) {
  case EXPR_INT: putf(o, "%" PRId64, k->v.i); break;
  case EXPR_NUM: putf(o, "%.17g", k->v.d); break;
  case EXPR_BOOL: put(o, k->v.i ? "true" : "false"); break;
  case EXPR_DATE: {
    int64_t y;
    int m, d;
    expr_civil(k->v.i, &y, &m, &d);
    putf(o, "date '%04" PRId64 "-%02d-%02d'", y, m, d);
    break;
  }
  default: put_quoted(o, o->p->pool + k->v.s.off, k->v.s.len); break;
  }
}

static void put_set(out *o, const expr_set *s) {
  put(o, "(");
  for (uint32_t i = 0; i < s->n; i++) {
    if (i)
      put(o, ", ");
    put_const(o, &o->p->consts[s->first + i]);
  }
  if (s->has_na)
    put(o, s->n ? ", na" : "na");
  put(o, ")");
}

static void put_regex(out *o, uint32_t i) {
  const expr_regex *re = &o->p->regexes[i];
  put_quoted(o, o->p->pool + re->off, re->len);
  put(o, re->jit ? " [pcre2 jit]" : " [pcre2]");
}

static const char *column_name(const expr_plan *p, uint32_t index) {
  for (uint32_t i = 0; i < p->ncolumns; i++)
    if (p->columns[i].index == index)
      return p->pool + p->columns[i].name;
  return "?";
}

static void put_pred(out *o, uint16_t a, const expr_pred *pr) {
  putf(o, "r%u ", a);
  if (pr->kind == EXPR_PRED_CMP) {
    putf(o, "%s ", expr_cmp_name((expr_cmp)pr->cmp));
    put_const(o, &o->p->consts[pr->arg]);
  } else if (pr->kind == EXPR_PRED_IN) {
    put(o, pr->negate ? "not in " : "in ");
    put_set(o, &o->p->sets[pr->arg]);
  } else {
    put(o, pr->negate ? "!~ " : "~ ");
    put_regex(o, pr->arg);
  }
  putf(o, "  (one test per entry of %s's dictionary)", column_name(o->p, pr->column));
}

static void put_ins(out *o, uint32_t pc, const expr_ins *in) {
  const expr_plan *p = o->p;
  putf(o, "  %3u  r%u = %-9s ", pc, in->dst, expr_op_name((expr_op)in->op));
  switch (in->op) {
  case EXPR_OP_LOAD_I: case EXPR_OP_LOAD_N: case EXPR_OP_LOAD_B: case EXPR_OP_LOAD_D:
  case EXPR_OP_LOAD_C: case EXPR_OP_LOAD_S:
    put(o, column_name(p, in->aux));
    break;
  case EXPR_OP_LOAD_AGG:
    putf(o, "a%u", in->aux);
    break;
  case EXPR_OP_CMP_I: case EXPR_OP_CMP_N: case EXPR_OP_CMP_B: case EXPR_OP_CMP_S:
    putf(o, "r%u %s r%u", in->a, expr_cmp_name((expr_cmp)in->aux), in->b);
    break;
  case EXPR_OP_CODE_EQ: case EXPR_OP_CODE_NE:
    putf(o, "r%u %s ", in->a, in->op == EXPR_OP_CODE_EQ ? "==" : "!=");
    put_const(o, &p->consts[in->aux]);
    break;
  case EXPR_OP_CODE_TEST:
    put_pred(o, in->a, &p->preds[in->aux]);
    break;
  case EXPR_OP_IN_I: case EXPR_OP_IN_N: case EXPR_OP_IN_S:
    putf(o, "r%u in ", in->a);
    put_set(o, &p->sets[in->aux]);
    break;
  case EXPR_OP_MATCH_S:
    putf(o, "r%u ~ ", in->a);
    put_regex(o, in->aux);
    break;
  case EXPR_OP_IF_ELSE:
    putf(o, "r%u ? r%u : r%u", in->a, in->b, in->c);
    break;
  default:
    putf(o, "r%u", in->a);
    if (in->b != EXPR_NOREG)
      putf(o, ", r%u", in->b);
    if (in->c != EXPR_NOREG)
      putf(o, ", r%u", in->c);
  }
  putf(o, "  : %s\n", expr_type_name((expr_type)in->type));
}

void expr_explain(const expr_plan *p, expr_write_fn write, void *ud) {
  out o = {write, ud, p};
  put(&o, "expression  ");
  put(&o, p->pool + p->source);
  putf(&o, "\ntype        %s, one value per %s\n", expr_type_name(p->type),
       p->aggregates ? "group" : "row");
  if (p->column_ref >= 0)
    putf(&o, "shares      column %s (no copy)\n", column_name(p, (uint32_t)p->column_ref));
  for (uint32_t i = 0; i < p->nconsts; i++) {
    if (p->consts[i].reg == EXPR_NOREG)
      continue;
    putf(&o, "constant    r%u = ", p->consts[i].reg);
    put_const(&o, &p->consts[i]);
    put(&o, "\n");
  }
  if (p->nrow)
    put(&o, "per batch of rows:\n");
  for (uint32_t i = 0; i < p->nrow; i++)
    put_ins(&o, i, &p->row[i]);
  for (uint32_t i = 0; i < p->naggs; i++) {
    const expr_agg *a = &p->aggs[i];
    putf(&o, "aggregate   a%u = %s(", i, expr_agg_name((expr_agg_kind)a->kind));
    if (a->arg != EXPR_NOREG)
      putf(&o, "r%u", a->arg);
    if (a->kind == EXPR_AGG_QUANTILE)
      putf(&o, ", %.17g", a->p);
    putf(&o, ")  : %s -> %s\n", a->arg == EXPR_NOREG ? "rows" : expr_type_name((expr_type)a->in_type),
         expr_type_name((expr_type)a->out_type));
  }
  if (p->ngroup)
    put(&o, "per batch of groups:\n");
  for (uint32_t i = 0; i < p->ngroup; i++)
    put_ins(&o, i, &p->group[i]);
  putf(&o, "result      r%u\n", p->result);
}
