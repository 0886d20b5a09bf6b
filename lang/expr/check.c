/* check.c: resolve names and type the tree: every type error is found
** here, before anything runs, with the position of the operator or name. */
#include <string.h>
#include <strings.h>

#include "expr_int.h"

#define NODE(i) (&cx->nodes[(i)])

static int check(compiler *cx, int32_t i, const char *agg);

static int is_na_lit(const node *n) { return n->kind == N_CONST && n->type == EXPR_NA; }
static int is_str_lit(const node *n) {
  return n->kind == N_CONST && n->type == EXPR_STR && !n->is_na;
}
static int numeric(int t) { return t == EXPR_INT || t == EXPR_NUM; }

/* A string literal where a date is expected becomes that date now, so a
** bad one fails at compile time. */
static int to_date(compiler *cx, node *n) {
  if (is_na_lit(n)) {
    n->type = EXPR_DATE;
    return 0;
  }
  int64_t days;
  if (expr_parse_date(cx_str(cx, n->v.s), n->v.s.len, &days) != 0)
    return cx_error(cx, n->line, n->col, "invalid date '%.*s' (expected YYYY-MM-DD)",
                    (int)(n->v.s.len > 40 ? 40 : n->v.s.len), cx_str(cx, n->v.s));
  n->type = EXPR_DATE;
  n->v.i = days;
  return 0;
}

/* The common type of two operands that must agree (comparisons,
** coalesce, if_else): na takes the other's type, int and num meet at num,
** a string literal meets a date as a date. -1 when they cannot agree. */
static int common_type(compiler *cx, node *a, node *b) {
  if (is_na_lit(a) && is_na_lit(b))
    return EXPR_NA;
  if (is_na_lit(a))
    a->type = b->type;
  if (is_na_lit(b))
    b->type = a->type;
  if (a->type == b->type)
    return a->type;
  if (numeric(a->type) && numeric(b->type))
    return EXPR_NUM;
  if (a->type == EXPR_DATE && is_str_lit(b))
    return to_date(cx, b) == 0 ? EXPR_DATE : -2;
  if (b->type == EXPR_DATE && is_str_lit(a))
    return to_date(cx, a) == 0 ? EXPR_DATE : -2;
  return -1;
}

static const char *bool_hint(int t) {
  return t == EXPR_BOOL ? " (a bool is not a number: write if_else(x, 1, 0))" : "";
}

/* Result type of arithmetic operator `op` on a and b, or an error. */
static int arith_type(compiler *cx, const node *n, node *a, node *b) {
  tok_kind op = (tok_kind)n->op;
  if (is_na_lit(a) && is_na_lit(b))
    a->type = b->type = EXPR_INT;
  if (is_na_lit(a))
    a->type = b->type == EXPR_DATE ? EXPR_INT : b->type;
  if (is_na_lit(b))
    b->type = a->type == EXPR_DATE ? EXPR_INT : a->type;
  if (op == TK_MINUS && a->type == EXPR_DATE && is_str_lit(b) && to_date(cx, b) != 0)
    return -1;
  int ta = a->type, tb = b->type;
  if (numeric(ta) && numeric(tb)) {
    if (op == TK_SLASH || op == TK_CARET || ta == EXPR_NUM || tb == EXPR_NUM)
      return EXPR_NUM;
    return EXPR_INT;
  }
  if (op == TK_PLUS && ((ta == EXPR_DATE && tb == EXPR_INT) || (ta == EXPR_INT && tb == EXPR_DATE)))
    return EXPR_DATE;
  if (op == TK_MINUS && ta == EXPR_DATE && tb == EXPR_INT)
    return EXPR_DATE;
  if (op == TK_MINUS && ta == EXPR_DATE && tb == EXPR_DATE)
    return EXPR_INT;
  return cx_error(cx, n->line, n->col, "cannot apply %s to %s and %s%s",
                  expr_token_text(op), expr_type_name(ta), expr_type_name(tb),
                  bool_hint(ta == EXPR_BOOL ? ta : tb));
}

static int check_binary(compiler *cx, node *n) {
  node *a = NODE(n->first), *b = NODE(NODE(n->first)->next);
  tok_kind op = (tok_kind)n->op;
  if (op == TK_AND || op == TK_OR) {
    node *both[2] = {a, b};
    for (int k = 0; k < 2; k++) {
      if (is_na_lit(both[k]))
        both[k]->type = EXPR_BOOL;
      if (both[k]->type != EXPR_BOOL)
        return cx_error(cx, n->line, n->col, "'%s' needs bool operands, got %s%s",
                        op == TK_AND ? "and" : "or", expr_type_name(both[k]->type),
                        numeric(both[k]->type) ? " (write x != 0)" : "");
    }
    n->type = EXPR_BOOL;
    return 0;
  }
  if (op >= TK_EQ && op <= TK_GE) {
    int t = common_type(cx, a, b);
    if (t == -2)
      return -1;
    if (t < 0)
      return cx_error(cx, n->line, n->col, "cannot compare %s with %s",
                      expr_type_name(a->type), expr_type_name(b->type));
    if (t == EXPR_NA)
      a->type = b->type = EXPR_BOOL;
    n->type = EXPR_BOOL;
    return 0;
  }
  int t = arith_type(cx, n, a, b);
  if (t < 0)
    return -1;
  n->type = (uint8_t)t;
  return 0;
}

static int check_unary(compiler *cx, node *n) {
  node *a = NODE(n->first);
  if (n->op == TK_NOT) {
    if (is_na_lit(a))
      a->type = EXPR_BOOL;
    if (a->type != EXPR_BOOL)
      return cx_error(cx, n->line, n->col, "'not' needs a bool, got %s", expr_type_name(a->type));
    n->type = EXPR_BOOL;
    return 0;
  }
  if (is_na_lit(a))
    a->type = EXPR_INT;
  if (!numeric(a->type))
    return cx_error(cx, n->line, n->col, "cannot apply '-' to %s%s",
                    expr_type_name(a->type), bool_hint(a->type));
  n->type = a->type;
  return 0;
}

/* x [not] in (literals): the literals take x's type (int meets num at
** num; strings meet dates as dates); v.i records the type compared in. */
static int check_in(compiler *cx, node *n) {
  node *x = NODE(n->first);
  int t = x->type;
  for (int32_t k = x->next; k >= 0; k = NODE(k)->next) {
    node *lit = NODE(k);
    if (t == EXPR_NA && !is_na_lit(lit))
      t = lit->type;
  }
  if (t == EXPR_NA)
    t = EXPR_BOOL;
  if (is_na_lit(x))
    x->type = (uint8_t)t;
  if (t == EXPR_BOOL)
    return cx_error(cx, n->line, n->col, "'in' needs int, num, date or str on its left, got bool");
  for (int32_t k = x->next; k >= 0; k = NODE(k)->next) {
    node *lit = NODE(k);
    if (is_na_lit(lit)) {
      lit->type = (uint8_t)t;
      continue;
    }
    if (t == EXPR_DATE && is_str_lit(lit)) {
      if (to_date(cx, lit) != 0)
        return -1;
    } else if (numeric(t) && numeric(lit->type)) {
      if (lit->type == EXPR_NUM)
        t = EXPR_NUM;   /* x compares as num when a member is one */
    } else if (lit->type != t) {
      return cx_error(cx, lit->line, lit->col, "cannot compare %s with %s",
                      expr_type_name(t), expr_type_name(lit->type));
    }
  }
  n->v.i = t;
  n->type = EXPR_BOOL;
  return 0;
}

static int check_match(compiler *cx, node *n) {
  node *x = NODE(n->first);
  if (is_na_lit(x))
    x->type = EXPR_STR;
  if (x->type != EXPR_STR)
    return cx_error(cx, n->line, n->col, "'%s' needs a str on its left, got %s",
                    n->negate ? "!~" : "~", expr_type_name(x->type));
  n->type = EXPR_BOOL;
  return 0;
}

/* Argument k (0-based) of call n. */
static node *arg(compiler *cx, const node *n, int k) {
  int32_t i = n->first;
  while (k-- > 0)
    i = NODE(i)->next;
  return NODE(i);
}

/* The argument must have one of the types in `mask` (bit per expr_type);
** na takes the first of them. */
static int want(compiler *cx, const node *call, node *a, unsigned mask, const char *what) {
  if (is_na_lit(a)) {
    int t = 0;
    while (!(mask & (1u << t)))
      t++;
    a->type = (uint8_t)t;
  }
  if (mask & (1u << a->type))
    return 0;
  return cx_error(cx, a->line, a->col, "%s needs %s, got %s", expr_funcs[call->op].name,
                  what, expr_type_name(a->type));
}

#define M(t) (1u << (t))
#define NUMS (M(EXPR_INT) | M(EXPR_NUM))

/* coalesce and if_else: the values share one type. */
static int same_type_args(compiler *cx, node *n, int from) {
  int t = EXPR_NA;
  node *first = NULL;
  for (int k = from; k < (int)n->nkids; k++) {
    node *a = arg(cx, n, k);
    if (first == NULL) {
      first = a;
      t = a->type;
      continue;
    }
    int u = common_type(cx, first, a);
    if (u == -2)
      return -1;
    if (u < 0)
      return cx_error(cx, a->line, a->col, "%s needs values of one type, got %s and %s",
                      expr_funcs[n->op].name, expr_type_name(t), expr_type_name(a->type));
    t = u;
  }
  if (t == EXPR_NA)
    t = EXPR_BOOL;
  for (int k = from; k < (int)n->nkids; k++)   /* every na gets the final type */
    if (is_na_lit(arg(cx, n, k)))
      arg(cx, n, k)->type = (uint8_t)t;
  return t;
}

/* Type of call n from its (checked) arguments. */
static int call_type(compiler *cx, node *n) {
  node *a = n->nkids > 0 ? arg(cx, n, 0) : NULL;
  switch (n->op) {
  case F_ABS: case F_FLOOR: case F_CEIL:
    return want(cx, n, a, NUMS, "int or num") ? -1 : a->type;
  case F_LOG: case F_EXP: case F_SQRT:
    return want(cx, n, a, NUMS, "int or num") ? -1 : EXPR_NUM;
  case F_ROUND:
    if (want(cx, n, a, NUMS, "int or num"))
      return -1;
    if (n->nkids == 2)
      return want(cx, n, arg(cx, n, 1), M(EXPR_INT), "int digits") ? -1 : EXPR_NUM;
    return a->type;
  case F_IS_NA:
    if (is_na_lit(a))
      a->type = EXPR_BOOL;
    return EXPR_BOOL;
  case F_COALESCE:
    return same_type_args(cx, n, 0);
  case F_IF_ELSE:
    return want(cx, n, a, M(EXPR_BOOL), "a bool condition") ? -1 : same_type_args(cx, n, 1);
  case F_LOWER: case F_UPPER:
    return want(cx, n, a, M(EXPR_STR), "str") ? -1 : EXPR_STR;
  case F_LEN:
    return want(cx, n, a, M(EXPR_STR), "str") ? -1 : EXPR_INT;
  case F_HGVS_VALID: case F_ABE_CORRECTABLE:
    return want(cx, n, a, M(EXPR_STR), "a str variant") ? -1 : EXPR_BOOL;
  case F_HGVS_TYPE: case F_HGVS_CONSEQUENCE:
    return want(cx, n, a, M(EXPR_STR), "a str variant") ? -1 : EXPR_STR;
  case F_SUBSTR:
    if (want(cx, n, a, M(EXPR_STR), "str") || want(cx, n, arg(cx, n, 1), M(EXPR_INT), "an int start"))
      return -1;
    if (n->nkids == 3 && want(cx, n, arg(cx, n, 2), M(EXPR_INT), "an int length"))
      return -1;
    return EXPR_STR;
  case F_YEAR: case F_MONTH:
    return want(cx, n, a, M(EXPR_DATE), "a date") ? -1 : EXPR_INT;
  case F_DAYS_BETWEEN:
    for (int k = 0; k < 2; k++) {
      node *d = arg(cx, n, k);
      if ((is_str_lit(d) || is_na_lit(d)) && to_date(cx, d) != 0)
        return -1;
      if (want(cx, n, d, M(EXPR_DATE), "dates"))
        return -1;
    }
    return EXPR_INT;
  case F_COUNT:
    return EXPR_INT;
  case F_SUM:
    if (want(cx, n, a, NUMS | M(EXPR_BOOL), "int, num or bool"))
      return -1;
    return a->type == EXPR_NUM ? EXPR_NUM : EXPR_INT;
  case F_MEAN: case F_MEDIAN: case F_SD: case F_VAR:
    return want(cx, n, a, NUMS | M(EXPR_BOOL), "int, num or bool") ? -1 : EXPR_NUM;
  case F_QUANTILE: {
    node *p = arg(cx, n, 1);
    if (want(cx, n, a, NUMS | M(EXPR_BOOL), "int, num or bool"))
      return -1;
    double v = p->kind != N_CONST || p->is_na ? -1 : p->type == EXPR_INT ? (double)p->v.i
             : p->type == EXPR_NUM ? p->v.d : -1;
    if (!(v >= 0 && v <= 1))
      return cx_error(cx, p->line, p->col,
                      "quantile needs a probability between 0 and 1, written as a number");
    p->type = EXPR_NUM;
    p->v.d = v;
    return EXPR_NUM;
  }
  case F_MIN: case F_MAX:
    if (want(cx, n, a, NUMS | M(EXPR_DATE), "int, num or date"))
      return -1;
    return a->type;
  case F_N_DISTINCT:
    if (is_na_lit(a))
      a->type = EXPR_BOOL;
    return EXPR_INT;
  default: /* F_FIRST, F_LAST */
    if (is_na_lit(a))
      a->type = EXPR_BOOL;
    return a->type;
  }
}

static int check_call(compiler *cx, int32_t i, const char *agg) {
  node *n = NODE(i);
  const char *name = cx_str(cx, n->v.s);
  int f = expr_func_lookup(name, n->v.s.len);
  if (f < 0) {
    const char *alt = expr_suggest_func(name, n->v.s.len);
    if (frame_find(cx->schema, name) >= 0)
      return cx_error(cx, n->line, n->col, "'%s' is a column, not a function", name);
    if (alt)
      return cx_error(cx, n->line, n->col, "unknown function '%s' (did you mean '%s'?)", name, alt);
    return cx_error(cx, n->line, n->col, "unknown function '%s'", name);
  }
  n->op = (uint8_t)f;
  const func_info *fi = &expr_funcs[f];
  if (n->nkids < fi->min || n->nkids > fi->max) {
    if (f == F_COUNT)
      return cx_error(cx, n->line, n->col, "count() takes no arguments; count the "
                      "non-missing values of x with sum(not is_na(x))");
    if (fi->max == 255)
      return cx_error(cx, n->line, n->col, "%s takes at least %d arguments, got %u",
                      fi->name, fi->min, n->nkids);
    if (fi->min == fi->max)
      return cx_error(cx, n->line, n->col, "%s takes %d argument%s, got %u", fi->name,
                      fi->min, fi->min == 1 ? "" : "s", n->nkids);
    return cx_error(cx, n->line, n->col, "%s takes %d or %d arguments, got %u", fi->name,
                    fi->min, fi->max, n->nkids);
  }
  int is_agg = f >= F_FIRST_AGG;
  if (is_agg && (cx->mode == EXPR_FILTER || cx->mode == EXPR_MUTATE))
    return cx_error(cx, n->line, n->col, "aggregate function '%s' is only allowed in summarise",
                    fi->name);
  if (is_agg && agg)
    return cx_error(cx, n->line, n->col, "aggregates cannot be nested: '%s' inside '%s'",
                    fi->name, agg);
  for (int32_t k = n->first; k >= 0; k = NODE(k)->next) {
    if (check(cx, k, is_agg ? fi->name : agg) != 0)
      return -1;
    n->has_agg |= NODE(k)->has_agg;
  }
  n->has_agg |= (uint8_t)is_agg;
  int t = call_type(cx, n);
  if (t < 0)
    return -1;
  n->type = (uint8_t)t;
  return 0;
}

static int check_column(compiler *cx, node *n) {
  const char *name = cx_str(cx, n->v.s);
  long idx = frame_find(cx->schema, name);
  if (idx < 0) {
    static const char *const words[] = {"na", "true", "false", "and", "or", "not", "in"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
      if (n->v.s.len == strlen(words[k]) && strncasecmp(name, words[k], n->v.s.len) == 0)
        return cx_error(cx, n->line, n->col, "unknown column '%s' (did you mean %s?)", name, words[k]);
    if (!strcmp(name, "NULL") || !strcmp(name, "null") || !strcmp(name, "nil") ||
        !strcmp(name, "None") || !strcmp(name, "NaN"))
      return cx_error(cx, n->line, n->col, "unknown column '%s' (write na for a missing value)", name);
    const char *alt = expr_suggest_column(cx->schema, name, n->v.s.len);
    if (alt)
      return cx_error(cx, n->line, n->col, "unknown column '%s' (did you mean '%s'?)", name, alt);
    return cx_error(cx, n->line, n->col, "unknown column '%s'", name);
  }
  n->v.column = (uint32_t)idx;
  n->type = (uint8_t)cx->schema->cols[idx]->type;
  return 0;
}

/* Type node i and its subtree; `agg` names the enclosing aggregate. */
static int check(compiler *cx, int32_t i, const char *agg) {
  node *n = NODE(i);
  if (n->kind == N_COLUMN)
    return check_column(cx, n);
  if (n->kind == N_CONST)
    return 0;
  if (n->kind == N_CALL)
    return check_call(cx, i, agg);
  for (int32_t k = n->first; k >= 0; k = NODE(k)->next) {
    if (check(cx, k, agg) != 0)
      return -1;
    n->has_agg |= NODE(k)->has_agg;
  }
  switch (n->kind) {
  case N_UNARY: return check_unary(cx, n);
  case N_BINARY: return check_binary(cx, n);
  case N_IN: return check_in(cx, n);
  default: return check_match(cx, n);
  }
}

/* The first column read outside any aggregate, or -1. */
static int32_t bare_column(compiler *cx, int32_t i) {
  node *n = NODE(i);
  if (n->kind == N_COLUMN)
    return i;
  if (n->kind == N_CALL && n->op >= F_FIRST_AGG)
    return -1;
  for (int32_t k = n->first; k >= 0; k = NODE(k)->next) {
    int32_t c = bare_column(cx, k);
    if (c >= 0)
      return c;
  }
  return -1;
}

int expr_check(compiler *cx, int32_t root) {
  if (check(cx, root, NULL) != 0)
    return -1;
  node *r = NODE(root);
  if (r->type == EXPR_NA)
    r->type = EXPR_BOOL;   /* a bare na is R's logical NA */
  if (cx->mode == EXPR_FILTER && r->type != EXPR_BOOL)
    return cx_error(cx, r->line, r->col, "filter needs a bool (true/false) expression, got %s",
                    expr_type_name(r->type));
  if (cx->mode == EXPR_SUMMARISE || (cx->mode == EXPR_INSPECT && r->has_agg)) {
    int32_t c = bare_column(cx, root);
    if (c >= 0)
      return cx_error(cx, NODE(c)->line, NODE(c)->col,
                      "column '%s' is outside an aggregate; in summarise every column must "
                      "be inside one (sum, mean, min, max, first, ...)",
                      cx->schema->names[NODE(c)->v.column]);
  }
  return 0;
}
