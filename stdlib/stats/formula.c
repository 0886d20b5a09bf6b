/* formula.c: the model formula parser (formula.h): a lexer, a recursive
** descent parser of R's term algebra over arithmetic expressions, and R's
** deparse of those expressions into term labels. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/formula.h"

/* --------------------------------------------------------------- lexing */

typedef enum tok_kind {
  T_END, T_NAME, T_NUM, T_OP   /* end, identifier (or `quoted`), number, one-char operator */
} tok_kind;

/* A token: the current one of the parser. */
typedef struct token {
  tok_kind kind;    /* what it is */
  char op;          /* T_OP: the character */
  size_t pos;       /* byte offset of its first character */
  size_t len;       /* its length in bytes (for names, inside backquotes) */
  size_t name;      /* T_NAME: offset of the name's bytes */
  int quoted;       /* T_NAME: written `like this` */
  double num;       /* T_NUM: the value */
} token;

/* One set of terms being built, with an intercept literal when it is one. */
typedef struct tset {
  int n;                               /* terms */
  int lit;                             /* -1; or 0 / 1 when the operand is that number */
  uint64_t t[PW_FORMULA_MAX_TERMS];    /* variable sets */
} tset;

/* Parser state. */
typedef struct parser {
  formula *f;       /* what is built */
  token tok;        /* current token */
  size_t at;        /* lexer position in f->src */
  int depth;        /* nesting, against PW_FORMULA_MAX_DEPTH */
  int failed;       /* an error is recorded */
} parser;

static void fail(parser *p, size_t pos, const char *fmt, ...) {
  if (p->failed)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(p->f->error, sizeof p->f->error, fmt, ap);
  va_end(ap);
  p->f->error_pos = pos;
  p->failed = 1;
}

static int name_start(int c) {
  return isalpha(c) || c == '.' || c == '_' || c >= 0x80;
}
static int name_char(int c) {
  return isalnum(c) || c == '.' || c == '_' || c >= 0x80;
}

/* Read the next token into p->tok. */
static void next(parser *p) {
  const char *s = p->f->src;
  size_t n = p->f->len, i = p->at;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  token *t = &p->tok;
  memset(t, 0, sizeof *t);
  t->pos = i;
  unsigned char c = i < n ? (unsigned char)s[i] : 0;
  if (i >= n) {
    t->kind = T_END;
  } else if (isdigit(c) || (c == '.' && i + 1 < n && isdigit((unsigned char)s[i + 1]))) {
    char *end;
    t->kind = T_NUM;
    t->num = strtod(s + i, &end);
    i = (size_t)(end - s);
    if (i < n && name_char((unsigned char)s[i]))
      fail(p, t->pos, "malformed number");
  } else if (name_start(c)) {
    t->kind = T_NAME;
    t->name = i;
    while (i < n && name_char((unsigned char)s[i]))
      i++;
    t->len = i - t->name;
  } else if (c == '`') {
    const char *close = memchr(s + i + 1, '`', n - i - 1);
    if (close == NULL || close == s + i + 1) {
      fail(p, i, close ? "empty `name`" : "unclosed `name`");
      t->kind = T_END;
      p->at = n;
      return;
    }
    t->kind = T_NAME;
    t->quoted = 1;
    t->name = i + 1;
    t->len = (size_t)(close - (s + i + 1));
    i = (size_t)(close - s) + 1;
  } else if (strchr("+-*/^:()~,", c) != NULL) {
    t->kind = T_OP;
    t->op = (char)c;
    i++;
  } else {
    if (c >= 32 && c < 127)
      fail(p, i, "unexpected character '%c'", c);
    else
      fail(p, i, "unexpected byte 0x%02X", c);
    t->kind = T_END;
    i = n;
  }
  p->at = i;
}

static int is_op(const parser *p, char op) {
  return p->tok.kind == T_OP && p->tok.op == op;
}

static const char *tok_text(const parser *p, char *buf, size_t size) {
  const token *t = &p->tok;
  if (t->kind == T_END)
    return "end of formula";
  size_t len = p->at - t->pos;
  if (len > size - 3)
    len = size - 3;
  snprintf(buf, size, "'%.*s'", (int)len, p->f->src + t->pos);
  return buf;
}

static void unexpected(parser *p, const char *expected) {
  char buf[40];
  fail(p, p->tok.pos, "unexpected %s; expected %s", tok_text(p, buf, sizeof buf), expected);
}

/* ---------------------------------------------------------- expressions */

static int new_node(parser *p, formula_op op, size_t pos, int a, int b) {
  formula *f = p->f;
  if (f->nnodes >= PW_FORMULA_MAX_NODES) {
    fail(p, pos, "formula too long (at most %d operands and operators)", PW_FORMULA_MAX_NODES);
    return -1;
  }
  formula_node *nd = &f->nodes[f->nnodes];
  memset(nd, 0, sizeof *nd);
  nd->op = op;
  nd->a = a;
  nd->b = b;
  nd->pos = (uint32_t)pos;
  return f->nnodes++;
}

static const char *const fn_names[] = {"log", "log2", "log10", "log1p", "exp", "sqrt",
                                       "abs", "I", "factor", "offset"};

const char *formula_fn_name(formula_fn fn) {
  return fn_names[fn];
}

static int lookup_fn(const char *s, size_t len) {
  for (int i = 0; i < (int)(sizeof fn_names / sizeof fn_names[0]); i++)
    if (strlen(fn_names[i]) == len && memcmp(fn_names[i], s, len) == 0)
      return i;
  return -1;
}

static int arith(parser *p);

static int enter(parser *p) {
  if (++p->depth > PW_FORMULA_MAX_DEPTH) {
    fail(p, p->tok.pos, "formula nested too deeply (at most %d levels)", PW_FORMULA_MAX_DEPTH);
    return 0;
  }
  return 1;
}

/* fn '(' arith ')' with `name` read and the current token '('; term 0:
** arithmetic (no factor or offset), 1: a whole term. */
static int call(parser *p, token name, int term) {
  int fn = lookup_fn(p->f->src + name.name, name.len);
  if (fn < 0 || name.quoted) {
    fail(p, name.pos, "unknown function '%.*s' (formulas know log, log2, log10, log1p, exp, "
         "sqrt, abs, I, factor, offset)", (int)name.len, p->f->src + name.name);
    return -1;
  }
  if (!term && (fn == FN_FACTOR || fn == FN_OFFSET)) {
    fail(p, name.pos, "%s() is a whole term, not part of arithmetic", fn_names[fn]);
    return -1;
  }
  if (!enter(p))
    return -1;
  next(p);   /* past '(' */
  int a = arith(p);
  p->depth--;
  if (a < 0)
    return -1;
  if (is_op(p, ',')) {
    fail(p, p->tok.pos, "%s() takes one argument", fn_names[fn]);
    return -1;
  }
  if (!is_op(p, ')')) {
    unexpected(p, "')'");
    return -1;
  }
  next(p);
  int nd = new_node(p, FX_CALL, name.pos, a, -1);
  if (nd >= 0)
    p->f->nodes[nd].fn = (formula_fn)fn;
  return nd;
}

/* A number, a column, a call or a parenthesised expression. */
static int primary(parser *p) {
  token t = p->tok;
  if (t.kind == T_NUM) {
    next(p);
    int nd = new_node(p, FX_NUM, t.pos, -1, -1);
    if (nd >= 0)
      p->f->nodes[nd].num = t.num;
    return nd;
  }
  if (t.kind == T_NAME) {
    next(p);
    if (is_op(p, '('))
      return call(p, t, 0);
    int nd = new_node(p, FX_COL, t.pos, -1, -1);
    if (nd >= 0) {
      p->f->nodes[nd].name = (uint32_t)t.name;
      p->f->nodes[nd].name_len = (uint32_t)t.len;
    }
    return nd;
  }
  if (is_op(p, '(')) {
    if (!enter(p))
      return -1;
    next(p);
    int a = arith(p);
    p->depth--;
    if (a < 0)
      return -1;
    if (!is_op(p, ')')) {
      unexpected(p, "')'");
      return -1;
    }
    next(p);
    return new_node(p, FX_PAREN, t.pos, a, -1);
  }
  unexpected(p, "a number, a column or '('");
  return -1;
}

static int unary(parser *p);

/* primary ['^' unary]: right-associative, binds tighter than unary minus. */
static int power(parser *p) {
  int a = primary(p);
  if (a < 0 || !is_op(p, '^'))
    return a;
  size_t pos = p->tok.pos;
  next(p);
  if (!enter(p))
    return -1;
  int b = unary(p);
  p->depth--;
  return b < 0 ? -1 : new_node(p, FX_POW, pos, a, b);
}

static int unary(parser *p) {
  if (!is_op(p, '-') && !is_op(p, '+'))
    return power(p);
  token t = p->tok;
  next(p);
  if (!enter(p))
    return -1;
  int a = unary(p);
  p->depth--;
  if (a < 0 || t.op == '+')
    return a;
  return new_node(p, FX_NEG, t.pos, a, -1);
}

static int product(parser *p) {
  int a = unary(p);
  while (a >= 0 && (is_op(p, '*') || is_op(p, '/'))) {
    token t = p->tok;
    next(p);
    int b = unary(p);
    a = b < 0 ? -1 : new_node(p, t.op == '*' ? FX_MUL : FX_DIV, t.pos, a, b);
  }
  return a;
}

/* Arithmetic: sums of products of powers. */
static int arith(parser *p) {
  int a = product(p);
  while (a >= 0 && (is_op(p, '+') || is_op(p, '-'))) {
    token t = p->tok;
    next(p);
    int b = product(p);
    a = b < 0 ? -1 : new_node(p, t.op == '+' ? FX_ADD : FX_SUB, t.pos, a, b);
  }
  return a;
}

/* -------------------------------------------------------------- deparse */

typedef struct outbuf {
  char *buf;     /* destination */
  size_t size;   /* its size */
  size_t len;    /* length needed so far */
} outbuf;

static void put(outbuf *o, const char *s, size_t n) {
  if (o->len < o->size) {
    size_t room = o->size - 1 - o->len;
    memcpy(o->buf + o->len, s, n < room ? n : room);
  }
  o->len += n;
  if (o->size > 0)
    o->buf[o->len < o->size ? o->len : o->size - 1] = 0;
}

static int syntactic(const char *s, size_t n) {
  if (n == 0 || !name_start((unsigned char)s[0]) || s[0] == '_')
    return 0;
  if (s[0] == '.' && n > 1 && isdigit((unsigned char)s[1]))
    return 0;
  for (size_t i = 1; i < n; i++)
    if (!name_char((unsigned char)s[i]))
      return 0;
  return 1;
}

static void deparse(const formula *f, int nd, outbuf *o) {
  static const char *const bin[] = {[FX_ADD] = " + ", [FX_SUB] = " - ", [FX_MUL] = " * ",
                                    [FX_DIV] = "/", [FX_POW] = "^"};
  const formula_node *x = &f->nodes[nd];
  char num[40];
  switch (x->op) {
  case FX_NUM:
    put(o, num, (size_t)snprintf(num, sizeof num, "%.15g", x->num));
    break;
  case FX_COL: {
    const char *s = f->src + x->name;
    int plain = syntactic(s, x->name_len);
    if (!plain)
      put(o, "`", 1);
    put(o, s, x->name_len);
    if (!plain)
      put(o, "`", 1);
    break;
  }
  case FX_NEG:
    put(o, "-", 1);
    deparse(f, x->a, o);
    break;
  case FX_PAREN:
    put(o, "(", 1);
    deparse(f, x->a, o);
    put(o, ")", 1);
    break;
  case FX_CALL:
    put(o, fn_names[x->fn], strlen(fn_names[x->fn]));
    put(o, "(", 1);
    deparse(f, x->a, o);
    put(o, ")", 1);
    break;
  default:
    deparse(f, x->a, o);
    put(o, bin[x->op], strlen(bin[x->op]));
    deparse(f, x->b, o);
  }
}

size_t formula_deparse(const formula *f, int node, char *buf, size_t size) {
  outbuf o = {buf, size, 0};
  if (size > 0)
    buf[0] = 0;
  deparse(f, node, &o);
  return o.len;
}

size_t formula_term_label(const formula *f, int t, char *buf, size_t size) {
  outbuf o = {buf, size, 0};
  if (size > 0)
    buf[0] = 0;
  int first = 1;
  for (int v = 0; v < f->nvars; v++) {
    if (!((f->terms[t] >> v) & 1))
      continue;
    if (!first)
      put(&o, ":", 1);
    put(&o, f->var_label[v], strlen(f->var_label[v]));
    first = 0;
  }
  return o.len;
}

static char *deparse_alloc(parser *p, int nd) {
  size_t n = formula_deparse(p->f, nd, NULL, 0);
  char *s = malloc(n + 1);
  if (s == NULL) {
    fail(p, 0, "not enough memory");
    return NULL;
  }
  formula_deparse(p->f, nd, s, n + 1);
  return s;
}

/* ---------------------------------------------------------------- terms */

/* The variable of expression nd (interned by label), or -1. */
static int variable(parser *p, int nd) {
  formula *f = p->f;
  char *label = deparse_alloc(p, nd);
  if (label == NULL)
    return -1;
  for (int v = 0; v < f->nvars; v++)
    if (strcmp(f->var_label[v], label) == 0) {
      free(label);
      return v;
    }
  if (f->nvars >= PW_FORMULA_MAX_VARS) {
    free(label);
    fail(p, f->nodes[nd].pos, "too many variables (at most %d)", PW_FORMULA_MAX_VARS);
    return -1;
  }
  f->var_node[f->nvars] = nd;
  f->var_label[f->nvars] = label;
  return f->nvars++;
}

static int has_term(const tset *s, uint64_t t) {
  for (int i = 0; i < s->n; i++)
    if (s->t[i] == t)
      return 1;
  return 0;
}

static void add_term(parser *p, tset *s, uint64_t t, size_t pos) {
  if (has_term(s, t))
    return;
  if (s->n >= PW_FORMULA_MAX_TERMS) {
    fail(p, pos, "too many terms (at most %d)", PW_FORMULA_MAX_TERMS);
    return;
  }
  s->t[s->n++] = t;
}

/* a:b for every pair, left terms outermost (R's InteractTerms). */
static void interact(parser *p, tset *a, const tset *b, size_t pos) {
  tset *r = malloc(sizeof *r);
  if (r == NULL) {
    fail(p, pos, "not enough memory");
    return;
  }
  r->n = 0;
  r->lit = -1;
  for (int i = 0; i < a->n; i++)
    for (int j = 0; j < b->n; j++)
      add_term(p, r, a->t[i] | b->t[j], pos);
  *a = *r;
  free(r);
}

static void check_operand(parser *p, const tset *s, size_t pos) {
  if (s->lit >= 0)
    fail(p, pos, "the intercept (%d) can only be added or removed, not crossed", s->lit);
}

static void term_sum(parser *p, tset *out, int top);

/* A term operand: a column, a call, 0/1 or a parenthesised sum. */
static void term_atom(parser *p, tset *out) {
  token t = p->tok;
  out->n = 0;
  out->lit = -1;
  if (t.kind == T_NUM) {
    if (t.num != 0 && t.num != 1) {
      fail(p, t.pos, "a number in a formula must be 0 or 1 (the intercept); use I() for arithmetic");
      return;
    }
    out->lit = (int)t.num;
    next(p);
    return;
  }
  if (is_op(p, '(')) {
    if (!enter(p))
      return;
    next(p);
    term_sum(p, out, 0);
    p->depth--;
    if (!p->failed && !is_op(p, ')'))
      unexpected(p, "')'");
    if (!p->failed)
      next(p);
    return;
  }
  if (t.kind == T_NAME && !t.quoted && t.len == 1 && p->f->src[t.name] == '.') {
    fail(p, t.pos, "'.' (every other column) is not supported; name the columns");
    return;
  }
  if (t.kind != T_NAME) {
    unexpected(p, "a term (a column, a call, 0 or 1)");
    return;
  }
  int nd;
  next(p);
  if (is_op(p, '(')) {
    nd = call(p, t, 1);
  } else {
    nd = new_node(p, FX_COL, t.pos, -1, -1);
    if (nd >= 0) {
      p->f->nodes[nd].name = (uint32_t)t.name;
      p->f->nodes[nd].name_len = (uint32_t)t.len;
    }
  }
  if (nd < 0)
    return;
  formula_node *x = &p->f->nodes[nd];
  if (x->op == FX_CALL && x->fn == FN_OFFSET) {
    if (p->f->noffsets >= PW_FORMULA_MAX_OFFSETS) {
      fail(p, t.pos, "too many offset() terms (at most %d)", PW_FORMULA_MAX_OFFSETS);
      return;
    }
    p->f->offset_node[p->f->noffsets++] = x->a;
    return;   /* an offset is no term */
  }
  int v = variable(p, nd);
  if (v >= 0)
    add_term(p, out, (uint64_t)1 << v, t.pos);
}

/* atom ['^' integer]: every interaction of up to that many terms. */
static void term_power(parser *p, tset *out) {
  term_atom(p, out);
  if (p->failed || !is_op(p, '^'))
    return;
  size_t pos = p->tok.pos;
  check_operand(p, out, pos);
  next(p);
  if (p->tok.kind != T_NUM || p->tok.num < 1 || p->tok.num > 64 ||
      p->tok.num != floor(p->tok.num)) {
    fail(p, p->tok.pos, "'^' in a formula needs a whole number of at least 1 (crossing degree)");
    return;
  }
  int k = (int)p->tok.num;
  next(p);
  tset *base = malloc(2 * sizeof *base);
  if (base == NULL) {
    fail(p, pos, "not enough memory");
    return;
  }
  tset *cross = base + 1;
  base[0] = *out;
  for (int i = 1; i < k && !p->failed; i++) {
    *cross = *out;
    interact(p, cross, base, pos);
    for (int j = 0; j < cross->n; j++)
      add_term(p, out, cross->t[j], pos);
  }
  free(base);
}

/* power {':' power} */
static void term_inter(parser *p, tset *out) {
  term_power(p, out);
  while (!p->failed && is_op(p, ':')) {
    size_t pos = p->tok.pos;
    next(p);
    tset *b = malloc(sizeof *b);
    if (b == NULL) {
      fail(p, pos, "not enough memory");
      return;
    }
    term_power(p, b);
    check_operand(p, out, pos);
    check_operand(p, b, pos);
    if (!p->failed)
      interact(p, out, b, pos);
    free(b);
  }
}

/* inter {'*' inter}: a*b is a + b + a:b. */
static void term_cross(parser *p, tset *out) {
  term_inter(p, out);
  while (!p->failed && (is_op(p, '*') || is_op(p, '/'))) {
    size_t pos = p->tok.pos;
    if (p->tok.op == '/') {
      fail(p, pos, "nesting with '/' is not supported; write a + a:b");
      return;
    }
    next(p);
    tset *b = malloc(2 * sizeof *b);
    if (b == NULL) {
      fail(p, pos, "not enough memory");
      return;
    }
    term_inter(p, b);
    check_operand(p, out, pos);
    check_operand(p, b, pos);
    b[1] = *out;
    if (!p->failed)
      interact(p, &b[1], &b[0], pos);
    for (int j = 0; j < b[0].n && !p->failed; j++)
      add_term(p, out, b[0].t[j], pos);
    for (int j = 0; j < b[1].n && !p->failed; j++)
      add_term(p, out, b[1].t[j], pos);
    free(b);
  }
}

/* ['-'|'+'] cross {('+'|'-') cross}, left to right; at the top level 0 and
** 1 set the intercept. */
static void term_sum(parser *p, tset *out, int top) {
  out->n = 0;
  out->lit = -1;
  int sign = '+';
  if (is_op(p, '-') || is_op(p, '+')) {
    sign = p->tok.op;
    next(p);
  }
  tset *b = malloc(sizeof *b);
  if (b == NULL) {
    fail(p, p->tok.pos, "not enough memory");
    return;
  }
  for (;;) {
    size_t pos = p->tok.pos;
    term_cross(p, b);
    if (p->failed)
      break;
    if (b->lit >= 0) {
      if (!top) {
        fail(p, pos, "the intercept (%d) can only be added or removed at the top level", b->lit);
        break;
      }
      p->f->intercept = (sign == '+') == (b->lit == 1);
    } else if (sign == '+') {
      for (int j = 0; j < b->n; j++)
        add_term(p, out, b->t[j], pos);
    } else {
      int k = 0;
      for (int j = 0; j < out->n; j++)
        if (!has_term(b, out->t[j]))
          out->t[k++] = out->t[j];
      out->n = k;
    }
    if (!is_op(p, '+') && !is_op(p, '-'))
      break;
    sign = p->tok.op;
    next(p);
  }
  free(b);
}

/* --------------------------------------------------------------- driver */

static int popcount64(uint64_t x) {
  int n = 0;
  for (; x; x &= x - 1)
    n++;
  return n;
}

/* Terms by order (number of variables), stable: R's model term order. */
static void order_terms(formula *f, const tset *s) {
  f->nterms = 0;
  for (int order = 1; order <= PW_FORMULA_MAX_VARS; order++)
    for (int i = 0; i < s->n; i++)
      if (popcount64(s->t[i]) == order)
        f->terms[f->nterms++] = s->t[i];
}

static void parse_formula(parser *p) {
  formula *f = p->f;
  next(p);
  if (!is_op(p, '~')) {
    int r = arith(p);
    if (p->failed)
      return;
    if (!is_op(p, '~')) {
      unexpected(p, "'~' after the response");
      return;
    }
    f->response = r;
    f->response_label = deparse_alloc(p, r);
  }
  next(p);
  if (p->tok.kind == T_END && !p->failed) {
    fail(p, p->tok.pos, "nothing after '~'; write the terms (or 1 for the mean)");
    return;
  }
  tset *s = malloc(sizeof *s);
  if (s == NULL) {
    fail(p, 0, "not enough memory");
    return;
  }
  term_sum(p, s, 1);
  if (!p->failed && p->tok.kind != T_END)
    unexpected(p, "'+', '-', '*', ':' or the end");
  if (!p->failed)
    order_terms(f, s);
  free(s);
}

int formula_parse(const char *s, size_t n, formula *f) {
  memset(f, 0, sizeof *f);
  f->response = -1;
  f->intercept = 1;
  parser p = {f, {0}, 0, 0, 0};
  f->src = malloc(n + 1);
  f->nodes = malloc(PW_FORMULA_MAX_NODES * sizeof *f->nodes);
  if (f->src == NULL || f->nodes == NULL) {
    fail(&p, 0, "not enough memory");
    return -1;
  }
  memcpy(f->src, s, n);
  f->src[n] = 0;
  f->len = n;
  if (memchr(s, 0, n) != NULL) {
    fail(&p, (size_t)((const char *)memchr(s, 0, n) - s), "unexpected NUL byte");
    return -1;
  }
  parse_formula(&p);
  return p.failed ? -1 : 0;
}

void formula_free(formula *f) {
  for (int v = 0; v < f->nvars; v++)
    free(f->var_label[v]);
  free(f->response_label);
  free(f->src);
  free(f->nodes);
  f->src = NULL;
  f->nodes = NULL;
  f->response_label = NULL;
  f->nvars = 0;
}
