/* codegen.c: the typed tree into a plan: flat instructions over registers,
** choosing the fast form of each operation (codes for dictionary columns,
** per-entry tables for patterns) where the types allow it. */
#include <string.h>

#include "expr_int.h"

#define NODE(i) (&cx->nodes[(i)])
#define B (&cx->b)

static int gen(compiler *cx, int32_t i);
static int gen_const(compiler *cx, const node *n, int type);

/* ------------------------------------------------------------ registers */

static int width_of(int type) {
  return type == EXPR_BOOL ? EXPR_W_BOOL : type == EXPR_STR ? EXPR_W_VIEW : EXPR_W_WORD;
}

/* Register r, newly appended, for values `width` bytes wide. */
static int append_reg(compiler *cx, int width) {
  if (B->nregs >= EXPR_NOREG - 1)
    return cx_error(cx, 1, 1, "expression too long (out of registers)");
  reg_info *regs = cx_grow(cx, B->regs, sizeof *regs, &B->capregs, B->nregs + 1);
  if (regs == NULL)
    return -1;
  B->regs = regs;
  B->regs[B->nregs] = (reg_info){(uint8_t)width, 1, -1};
  return (int)B->nregs++;
}

/* A free register able to hold values `width` bytes wide. Registers are
** reused once their value is consumed, so a plan needs about as many as
** the tree is deep, not as many as it has nodes. */
static int new_reg(compiler *cx, int width) {
  uint32_t r = 0;
  while (r < B->nregs && B->regs[r].busy)
    r++;
  if (r == B->nregs)
    return append_reg(cx, width);
  if (B->regs[r].width < width)
    B->regs[r].width = (uint8_t)width;
  B->regs[r].busy = 1;
  B->regs[r].codes_col = -1;
  return (int)r;
}

static void free_reg(compiler *cx, int r) {
  if (r >= 0 && B->regs[r].busy == 1)
    B->regs[r].busy = 0;
}

/* Append an instruction to the program being generated. */
static int emit(compiler *cx, expr_op op, int type, int dst, int a, int b, int c, uint32_t aux) {
  expr_ins **prog = B->in_group ? &B->group : &B->row;
  uint32_t *n = B->in_group ? &B->ngroup : &B->nrow;
  uint32_t *cap = B->in_group ? &B->capgroup : &B->caprow;
  expr_ins *p = cx_grow(cx, *prog, sizeof *p, cap, *n + 1);
  if (p == NULL)
    return -1;
  *prog = p;
  p[(*n)++] = (expr_ins){(uint8_t)op, (uint8_t)type, (uint16_t)dst,
                         a < 0 ? EXPR_NOREG : (uint16_t)a, b < 0 ? EXPR_NOREG : (uint16_t)b,
                         c < 0 ? EXPR_NOREG : (uint16_t)c, aux};
  return 0;
}

/* dst = op(a, b, c) in a new register; the operands are freed. */
static int emit_new(compiler *cx, expr_op op, int type, int a, int b, int c, uint32_t aux) {
  int dst = new_reg(cx, width_of(type));
  if (dst < 0 || emit(cx, op, type, dst, a, b, c, aux) != 0)
    return -1;
  free_reg(cx, a);
  free_reg(cx, b);
  free_reg(cx, c);
  return dst;
}

/* Register r (of type `from`) converted to `to` (int to num only). */
static int cast(compiler *cx, int r, int from, int to) {
  if (r < 0 || from == to || !(from == EXPR_INT && to == EXPR_NUM))
    return r;
  return emit_new(cx, EXPR_OP_I2N, EXPR_NUM, r, -1, -1, 0);
}

/* A str register as string views, decoding dictionary codes if needed. */
static int views(compiler *cx, int r) {
  if (r < 0 || B->regs[r].codes_col < 0)
    return r;
  return emit_new(cx, EXPR_OP_DECODE, EXPR_STR, r, -1, -1, 0);
}

/* Node i's value as `type` in views form when str. */
static int gen_as(compiler *cx, int32_t i, int type) {
  if (NODE(i)->kind == N_CONST)
    return gen_const(cx, NODE(i), type == EXPR_NUM ? EXPR_NUM : NODE(i)->type);
  int r = gen(cx, i);
  if (type == EXPR_STR)
    return views(cx, r);
  return cast(cx, r, NODE(i)->type, type);
}

/* ------------------------------------------------------------ constants */

static int add_const(compiler *cx, const node *n, int type, uint32_t *index) {
  expr_const *k = cx_grow(cx, B->consts, sizeof *k, &B->capconsts, B->nconsts + 1);
  if (k == NULL)
    return -1;
  B->consts = k;
  k = &B->consts[B->nconsts];
  memset(k, 0, sizeof *k);
  k->type = (uint8_t)type;
  k->is_na = n->is_na;
  k->reg = EXPR_NOREG;
  if (!n->is_na) {
    if (type == EXPR_STR) {
      k->v.s.off = n->v.s.off;
      k->v.s.len = n->v.s.len;
    } else if (type == EXPR_NUM) {
      k->v.d = n->type == EXPR_INT ? (double)n->v.i : n->v.d;
    } else {
      k->v.i = n->v.i;
    }
  }
  *index = B->nconsts++;
  return 0;
}

/* A literal as `type` in a pinned register, filled once per run before
** any instruction: so the register is a new one, never written by the
** programs. */
static int gen_const(compiler *cx, const node *n, int type) {
  uint32_t k;
  int r = append_reg(cx, width_of(type));
  if (r < 0 || add_const(cx, n, type, &k) != 0)
    return -1;
  B->regs[r].busy = 2;
  B->consts[k].reg = (uint16_t)r;
  return r;
}

/* ------------------------------------------------------------ leaves */

/* A column's register. Each column is loaded once, at its first use, into
** a register pinned for the run: a second use reads the same batch. */
static int gen_column(compiler *cx, const node *n) {
  const frame_column *c = cx->schema->cols[n->v.column];
  if (B->colreg[n->v.column] >= 0)
    return B->colreg[n->v.column];
  uint32_t k = 0;
  while (k < B->ncolumns && B->columns[k].index != n->v.column)
    k++;
  if (k == B->ncolumns) {
    expr_column *cols = cx_grow(cx, B->columns, sizeof *cols, &B->capcolumns, k + 1);
    pool_str name;
    if (cols == NULL)
      return -1;
    B->columns = cols;
    const char *nm = cx->schema->names[n->v.column];
    if (cx_pool_add(cx, nm, strlen(nm), &name) != 0)
      return -1;
    cols[k] = (expr_column){n->v.column, (uint8_t)c->type, c->dict != NULL, name.off};
    B->ncolumns++;
  }
  static const expr_op load[] = {EXPR_OP_LOAD_I, EXPR_OP_LOAD_N, EXPR_OP_LOAD_B,
                                 EXPR_OP_LOAD_D, EXPR_OP_LOAD_S};
  expr_op op = c->type == FRAME_STR && c->dict ? EXPR_OP_LOAD_C : load[c->type];
  int r = new_reg(cx, op == EXPR_OP_LOAD_C ? 4 : width_of(c->type));
  if (r < 0 || emit(cx, op, c->type, r, -1, -1, -1, n->v.column) != 0)
    return -1;
  if (op == EXPR_OP_LOAD_C)
    B->regs[r].codes_col = (int32_t)n->v.column;
  B->regs[r].busy = 2;
  B->colreg[n->v.column] = r;
  return r;
}

/* ------------------------------------------------------------ predicates */

static int add_pred(compiler *cx, expr_pred_kind kind, int cmp, int negate, int codes, uint32_t arg) {
  expr_pred *p = cx_grow(cx, B->preds, sizeof *p, &B->cappreds, B->npreds + 1);
  if (p == NULL)
    return -1;
  B->preds = p;
  B->preds[B->npreds] = (expr_pred){(uint8_t)kind, (uint8_t)cmp, (uint8_t)negate,
                                    (uint32_t)B->regs[codes].codes_col, arg};
  return (int)B->npreds++;
}

/* The comparison seen from the other side: 'a' < x is x > 'a'. */
static expr_cmp flip(expr_cmp c) {
  static const expr_cmp f[] = {EXPR_EQ, EXPR_NE, EXPR_GT, EXPR_GE, EXPR_LT, EXPR_LE};
  return f[c];
}

static expr_cmp cmp_of(int tok) { return (expr_cmp)(tok - TK_EQ); }

/* str comparison: codes against a literal compare codes (== !=) or read a
** per-entry table; anything else compares views. */
static int gen_cmp_str(compiler *cx, const node *n, int32_t ia, int32_t ib) {
  expr_cmp cmp = cmp_of(n->op);
  const node *a = NODE(ia), *b = NODE(ib);
  if (b->kind == N_COLUMN && a->kind == N_CONST) {
    const node *t = a;
    a = b;
    b = t;
    cmp = flip(cmp);
    int32_t ti = ia;
    ia = ib;
    ib = ti;
  }
  if (a->kind == N_COLUMN && b->kind == N_CONST && !b->is_na &&
      cx->schema->cols[a->v.column]->dict) {
    int r = gen(cx, ia);
    uint32_t k;
    if (r < 0 || add_const(cx, b, EXPR_STR, &k) != 0)
      return -1;
    if (cmp == EXPR_EQ || cmp == EXPR_NE)
      return emit_new(cx, cmp == EXPR_EQ ? EXPR_OP_CODE_EQ : EXPR_OP_CODE_NE, EXPR_BOOL,
                      r, -1, -1, k);
    int p = add_pred(cx, EXPR_PRED_CMP, cmp, 0, r, k);
    return p < 0 ? -1 : emit_new(cx, EXPR_OP_CODE_TEST, EXPR_BOOL, r, -1, -1, (uint32_t)p);
  }
  int ra = gen_as(cx, ia, EXPR_STR), rb = ra < 0 ? -1 : gen_as(cx, ib, EXPR_STR);
  if (rb < 0)
    return -1;
  return emit_new(cx, EXPR_OP_CMP_S, EXPR_BOOL, ra, rb, -1, cmp);
}

static int gen_compare(compiler *cx, const node *n) {
  int32_t ia = n->first, ib = NODE(ia)->next;
  int ta = NODE(ia)->type, tb = NODE(ib)->type;
  if (ta == EXPR_STR)
    return gen_cmp_str(cx, n, ia, ib);
  int t = (ta == EXPR_NUM || tb == EXPR_NUM) ? EXPR_NUM : ta;
  int ra = gen_as(cx, ia, t), rb = ra < 0 ? -1 : gen_as(cx, ib, t);
  if (rb < 0)
    return -1;
  expr_op op = t == EXPR_NUM ? EXPR_OP_CMP_N : t == EXPR_BOOL ? EXPR_OP_CMP_B : EXPR_OP_CMP_I;
  return emit_new(cx, op, EXPR_BOOL, ra, rb, -1, cmp_of(n->op));
}

static int gen_arith(compiler *cx, const node *n) {
  int32_t ia = n->first, ib = NODE(ia)->next;
  int t = n->type;
  int operand = t == EXPR_NUM ? EXPR_NUM : EXPR_INT;
  int ra = gen_as(cx, ia, operand), rb = ra < 0 ? -1 : gen_as(cx, ib, operand);
  if (rb < 0)
    return -1;
  expr_op op;
  switch (n->op) {
  case TK_PLUS: op = t == EXPR_NUM ? EXPR_OP_ADD_N : EXPR_OP_ADD_I; break;
  case TK_MINUS: op = t == EXPR_NUM ? EXPR_OP_SUB_N : EXPR_OP_SUB_I; break;
  case TK_STAR: op = t == EXPR_NUM ? EXPR_OP_MUL_N : EXPR_OP_MUL_I; break;
  case TK_PERCENT: op = t == EXPR_NUM ? EXPR_OP_MOD_N : EXPR_OP_MOD_I; break;
  case TK_SLASH: op = EXPR_OP_DIV_N; break;
  default: op = EXPR_OP_POW_N; break;
  }
  return emit_new(cx, op, t, ra, rb, -1, 0);
}

/* x [not] in (literals). Members are constants without registers. */
static int gen_in(compiler *cx, const node *n) {
  int t = (int)n->v.i;
  expr_set set = {B->nconsts, 0, 0};
  for (int32_t k = NODE(n->first)->next; k >= 0; k = NODE(k)->next) {
    uint32_t idx;
    if (NODE(k)->is_na) {
      set.has_na = 1;
    } else if (add_const(cx, NODE(k), t, &idx) != 0) {
      return -1;
    } else {
      set.n++;
    }
  }
  expr_set *s = cx_grow(cx, B->sets, sizeof *s, &B->capsets, B->nsets + 1);
  if (s == NULL)
    return -1;
  B->sets = s;
  uint32_t si = B->nsets++;
  s[si] = set;
  int x = gen(cx, n->first);
  if (x < 0)
    return -1;
  if (t == EXPR_STR && B->regs[x].codes_col >= 0) {
    int p = add_pred(cx, EXPR_PRED_IN, 0, n->negate, x, si);
    return p < 0 ? -1 : emit_new(cx, EXPR_OP_CODE_TEST, EXPR_BOOL, x, -1, -1, (uint32_t)p);
  }
  x = t == EXPR_STR ? views(cx, x) : cast(cx, x, NODE(n->first)->type, t);
  expr_op op = t == EXPR_STR ? EXPR_OP_IN_S : t == EXPR_NUM ? EXPR_OP_IN_N : EXPR_OP_IN_I;
  int r = x < 0 ? -1 : emit_new(cx, op, EXPR_BOOL, x, -1, -1, si);
  return r < 0 || !n->negate ? r : emit_new(cx, EXPR_OP_NOT, EXPR_BOOL, r, -1, -1, 0);
}

static int add_regex(compiler *cx, const node *n, uint32_t *index);

/* x ~ 'pattern': per dictionary entry on codes, per row on views. */
static int gen_match(compiler *cx, const node *n) {
  uint32_t re = 0;
  if (add_regex(cx, n, &re) != 0)
    return -1;
  int x = gen(cx, n->first);
  if (x < 0)
    return -1;
  if (B->regs[x].codes_col >= 0) {
    int p = add_pred(cx, EXPR_PRED_MATCH, 0, n->negate, x, re);
    return p < 0 ? -1 : emit_new(cx, EXPR_OP_CODE_TEST, EXPR_BOOL, x, -1, -1, (uint32_t)p);
  }
  int r = emit_new(cx, EXPR_OP_MATCH_S, EXPR_BOOL, views(cx, x), -1, -1, re);
  return r < 0 || !n->negate ? r : emit_new(cx, EXPR_OP_NOT, EXPR_BOOL, r, -1, -1, 0);
}

/* ------------------------------------------------------------ regexes */

/* Compile n's pattern with PCRE2 (UTF mode, JIT when available); a bad
** pattern is a compile-time error with PCRE2's message and offset. */
static int add_regex(compiler *cx, const node *n, uint32_t *index) {
  expr_regex *v = cx_grow(cx, B->regexes, sizeof *v, &B->capregexes, B->nregexes + 1);
  if (v == NULL)
    return -1;
  B->regexes = v;
  pcre2_general_context *gc = expr_pcre2_context(&cx->plan->mem);
  pcre2_compile_context *cc = gc ? pcre2_compile_context_create(gc) : NULL;
  if (cc == NULL) {
    pcre2_general_context_free(gc);
    return cx_nomem(cx);
  }
  int code;
  PCRE2_SIZE off;
  pcre2_code *re = pcre2_compile((PCRE2_SPTR)cx_str(cx, n->v.s), n->v.s.len, PCRE2_UTF,
                                 &code, &off, cc);
  pcre2_compile_context_free(cc);
  pcre2_general_context_free(gc);
  if (re == NULL) {
    if (code == PCRE2_ERROR_HEAP_FAILED)
      return cx_nomem(cx);
    PCRE2_UCHAR msg[160];
    if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
      strcpy((char *)msg, "unknown error");
    return cx_error(cx, n->line, n->col, "invalid regular expression: %s (at offset %zu of the pattern)",
                    (const char *)msg, (size_t)off);
  }
  expr_regex *x = &B->regexes[B->nregexes];
  x->code = re;
  x->jit = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
  x->off = n->v.s.off;
  x->len = n->v.s.len;
  x->line = n->line;
  x->col = n->col;
  *index = B->nregexes++;
  return 0;
}

/* ------------------------------------------------------------ calls */

static int nth(compiler *cx, const node *n, int k) {
  int32_t i = n->first;
  while (k-- > 0)
    i = NODE(i)->next;
  return i;
}

/* An aggregate: its argument goes to the row program, its result is read
** in the group program. */
static int gen_agg(compiler *cx, const node *n) {
  static const expr_agg_kind kinds[] = {
    EXPR_AGG_COUNT, EXPR_AGG_SUM, EXPR_AGG_MEAN, EXPR_AGG_MEDIAN, EXPR_AGG_SD, EXPR_AGG_VAR,
    EXPR_AGG_MIN, EXPR_AGG_MAX, EXPR_AGG_N_DISTINCT, EXPR_AGG_FIRST, EXPR_AGG_LAST,
    EXPR_AGG_QUANTILE};
  expr_agg agg = {(uint8_t)kinds[n->op - F_FIRST_AGG], EXPR_INT, n->type, 0, EXPR_NOREG, 0, 0.5};
  if (n->nkids > 0) {
    int32_t ia = n->first;
    int saved = B->in_group;
    B->in_group = 0;
    int r = gen(cx, ia);
    B->in_group = saved;
    if (r < 0)
      return -1;
    B->regs[r].busy = 2;   /* read after the whole row program, every batch */
    agg.arg = (uint16_t)r;
    agg.in_type = NODE(ia)->type;
    agg.in_codes = B->regs[r].codes_col >= 0;
    agg.column = agg.in_codes ? (uint32_t)B->regs[r].codes_col : 0;
    if (n->op == F_QUANTILE)
      agg.p = NODE(NODE(ia)->next)->v.d;
  }
  expr_agg *v = cx_grow(cx, B->aggs, sizeof *v, &B->capaggs, B->naggs + 1);
  if (v == NULL)
    return -1;
  B->aggs = v;
  v[B->naggs] = agg;
  return emit_new(cx, EXPR_OP_LOAD_AGG, n->type, -1, -1, -1, B->naggs++);
}

/* coalesce(a, b, ...) as a chain of two-operand coalesces. */
static int gen_coalesce(compiler *cx, const node *n) {
  int t = n->type;
  int r = gen_as(cx, n->first, t);
  for (int32_t k = NODE(n->first)->next; r >= 0 && k >= 0; k = NODE(k)->next) {
    int b = gen_as(cx, k, t);
    r = b < 0 ? -1 : emit_new(cx, EXPR_OP_COALESCE, t, r, b, -1, (uint32_t)width_of(t));
  }
  return r;
}

/* A variant function: on dictionary codes, one parse per distinct string
** at bind time (CODE_TEST for bool results, CODE_NAME for names); on other
** strings, one parse per row. */
static int gen_hgvs(compiler *cx, const node *n) {
  static const expr_hgvs_fn fn_of[] = {EXPR_HGVS_VALID, EXPR_HGVS_TYPE, EXPR_HGVS_CONSEQUENCE,
                                       EXPR_HGVS_ABE};
  expr_hgvs_fn fn = fn_of[n->op - F_HGVS_VALID];
  int a = gen(cx, n->first);
  if (a < 0)
    return -1;
  if (B->regs[a].codes_col >= 0) {
    int p = add_pred(cx, EXPR_PRED_HGVS, 0, 0, a, (uint32_t)fn);
    return p < 0 ? -1 : emit_new(cx, n->type == EXPR_BOOL ? EXPR_OP_CODE_TEST : EXPR_OP_CODE_NAME,
                                 n->type, a, -1, -1, (uint32_t)p);
  }
  return emit_new(cx, EXPR_OP_HGVS, n->type, views(cx, a), -1, -1, (uint32_t)fn);
}

static int gen_call(compiler *cx, const node *n) {
  if (n->op >= F_FIRST_AGG)
    return gen_agg(cx, n);
  if (n->op == F_COALESCE)
    return gen_coalesce(cx, n);
  int32_t ia = n->first;
  int ta = NODE(ia)->type, t = n->type;
  int a, b = -1, c = -1;
  switch (n->op) {
  case F_ABS:
    a = gen(cx, ia);
    return a < 0 ? -1 : emit_new(cx, ta == EXPR_INT ? EXPR_OP_ABS_I : EXPR_OP_ABS_N, t, a, -1, -1, 0);
  case F_ROUND: case F_FLOOR: case F_CEIL:
    if (ta == EXPR_INT && n->nkids == 1)
      return gen(cx, ia);   /* already whole */
    a = gen_as(cx, ia, EXPR_NUM);
    if (a >= 0 && n->nkids == 2 && (b = gen(cx, nth(cx, n, 1))) < 0)
      return -1;
    return a < 0 ? -1 : emit_new(cx, n->op == F_ROUND ? EXPR_OP_ROUND : n->op == F_FLOOR
                                 ? EXPR_OP_FLOOR : EXPR_OP_CEIL, EXPR_NUM, a, b, -1, 0);
  case F_LOG: case F_EXP: case F_SQRT:
    a = gen_as(cx, ia, EXPR_NUM);
    return a < 0 ? -1 : emit_new(cx, n->op == F_LOG ? EXPR_OP_LOG : n->op == F_EXP ? EXPR_OP_EXP
                                 : EXPR_OP_SQRT, t, a, -1, -1, 0);
  case F_IS_NA:
    a = gen(cx, ia);
    return a < 0 ? -1 : emit_new(cx, EXPR_OP_IS_NA, t, a, -1, -1, 0);
  case F_IF_ELSE:
    a = gen(cx, ia);
    b = a < 0 ? -1 : gen_as(cx, nth(cx, n, 1), t);
    c = b < 0 ? -1 : gen_as(cx, nth(cx, n, 2), t);
    return c < 0 ? -1 : emit_new(cx, EXPR_OP_IF_ELSE, t, a, b, c, (uint32_t)width_of(t));
  case F_LOWER: case F_UPPER: case F_LEN:
    a = gen_as(cx, ia, EXPR_STR);
    return a < 0 ? -1 : emit_new(cx, n->op == F_LOWER ? EXPR_OP_LOWER : n->op == F_UPPER
                                 ? EXPR_OP_UPPER : EXPR_OP_LEN, t, a, -1, -1, 0);
  case F_HGVS_VALID: case F_HGVS_TYPE: case F_HGVS_CONSEQUENCE: case F_ABE_CORRECTABLE:
    return gen_hgvs(cx, n);
  case F_SUBSTR:
    a = gen_as(cx, ia, EXPR_STR);
    b = a < 0 ? -1 : gen(cx, nth(cx, n, 1));
    if (b >= 0 && n->nkids == 3 && (c = gen(cx, nth(cx, n, 2))) < 0)
      return -1;
    return b < 0 ? -1 : emit_new(cx, EXPR_OP_SUBSTR, t, a, b, c, 0);
  case F_YEAR: case F_MONTH:
    a = gen(cx, ia);
    return a < 0 ? -1 : emit_new(cx, n->op == F_YEAR ? EXPR_OP_YEAR : EXPR_OP_MONTH, t, a, -1, -1, 0);
  default: /* F_DAYS_BETWEEN(a, b) = b - a */
    a = gen(cx, ia);
    b = a < 0 ? -1 : gen(cx, nth(cx, n, 1));
    return b < 0 ? -1 : emit_new(cx, EXPR_OP_SUB_I, t, b, a, -1, 0);
  }
}

/* ------------------------------------------------------------ nodes */

/* Generate node i; its value's register, or -1. */
static int gen(compiler *cx, int32_t i) {
  const node *n = NODE(i);
  switch (n->kind) {
  case N_CONST: return gen_const(cx, n, n->type);
  case N_COLUMN: return gen_column(cx, n);
  case N_CALL: return gen_call(cx, n);
  case N_IN: return gen_in(cx, n);
  case N_MATCH: return gen_match(cx, n);
  case N_UNARY: {
    int a = gen(cx, n->first);
    if (a < 0)
      return -1;
    if (n->op == TK_NOT)
      return emit_new(cx, EXPR_OP_NOT, EXPR_BOOL, a, -1, -1, 0);
    return emit_new(cx, n->type == EXPR_INT ? EXPR_OP_NEG_I : EXPR_OP_NEG_N, n->type, a, -1, -1, 0);
  }
  default:
    if (n->op == TK_AND || n->op == TK_OR) {
      int a = gen(cx, n->first), b = a < 0 ? -1 : gen(cx, NODE(n->first)->next);
      return b < 0 ? -1 : emit_new(cx, n->op == TK_AND ? EXPR_OP_AND : EXPR_OP_OR, EXPR_BOOL,
                                   a, b, -1, 0);
    }
    if (n->op >= TK_EQ && n->op <= TK_GE)
      return gen_compare(cx, n);
    return gen_arith(cx, n);
  }
}

int expr_codegen(compiler *cx, int32_t root) {
  const node *r = NODE(root);
  expr_plan *p = cx->plan;
  uint32_t ncol = (uint32_t)cx->schema->ncol;
  if (ncol && (B->colreg = cx_grow(cx, B->colreg, sizeof *B->colreg, &B->capcolreg, ncol)) == NULL)
    return -1;
  for (uint32_t c = 0; c < ncol; c++)
    B->colreg[c] = -1;
  p->aggregates = cx->mode == EXPR_SUMMARISE || r->has_agg;
  B->in_group = p->aggregates;
  p->column_ref = r->kind == N_COLUMN && !p->aggregates ? (long)r->v.column : -1;
  int reg = gen(cx, root);
  if (reg >= 0 && r->type == EXPR_STR)
    reg = views(cx, reg);   /* results are views; only column_ref keeps codes */
  if (reg < 0)
    return -1;
  p->type = (expr_type)r->type;
  p->result = (uint16_t)reg;
  return 0;
}
