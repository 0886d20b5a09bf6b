/* parse.c: recursive-descent parser from tokens to the syntax tree; one
** function per precedence level, lowest first (docs/expressions.md). */
#include <stdio.h>
#include <string.h>

#include "expr_int.h"

static int32_t parse_or(compiler *cx);
static int32_t parse_unary(compiler *cx);

static int32_t new_node(compiler *cx, node_kind kind, const token *at) {
  if (cx->nnodes >= PW_EXPR_MAX_NODES) {
    cx_error(cx, at->line, at->col, "expression too long (more than %d parts)",
             PW_EXPR_MAX_NODES);
    return -1;
  }
  node *nodes = cx_grow(cx, cx->nodes, sizeof *nodes, &cx->capnodes, cx->nnodes + 1);
  if (nodes == NULL)
    return -1;
  cx->nodes = nodes;
  node *n = &nodes[cx->nnodes];
  memset(n, 0, sizeof *n);
  n->kind = (uint8_t)kind;
  n->line = at->line;
  n->col = at->col;
  n->first = n->next = -1;
  return (int32_t)cx->nnodes++;
}

/* Append `kid` to the children of `parent`. */
static void add_kid(compiler *cx, int32_t parent, int32_t kid) {
  node *p = &cx->nodes[parent];
  p->nkids++;
  if (p->first < 0) {
    p->first = kid;
    return;
  }
  int32_t k = p->first;
  while (cx->nodes[k].next >= 0)
    k = cx->nodes[k].next;
  cx->nodes[k].next = kid;
}

/* A node for operator `at` over one or two operands. */
static int32_t op_node(compiler *cx, node_kind kind, const token *at, int32_t a, int32_t b) {
  int32_t n = new_node(cx, kind, at);
  if (n < 0)
    return -1;
  cx->nodes[n].op = (uint8_t)at->kind;
  add_kid(cx, n, a);
  if (b >= 0)
    add_kid(cx, n, b);
  return n;
}

/* "'gene'", "number 12", "end of expression": the current token as the
** user wrote it, for "unexpected ..." messages. */
static const char *describe(const compiler *cx, char *buf, size_t size) {
  const token *t = &cx->tok;
  if (t->kind == TK_EOF)
    return "end of expression";
  size_t n = t->end - t->pos;
  snprintf(buf, size, "'%.*s%s'", (int)(n > 30 ? 30 : n), cx->src + t->pos, n > 30 ? "..." : "");
  return buf;
}

static int unexpected(compiler *cx, const char *expected) {
  char buf[48];
  const char *what = describe(cx, buf, sizeof buf);
  if (expected)
    return cx_error(cx, cx->tok.line, cx->tok.col, "unexpected %s; expected %s", what, expected);
  return cx_error(cx, cx->tok.line, cx->tok.col, "unexpected %s", what);
}

/* The token after the current one, without consuming anything. */
static tok_kind peek_kind(compiler *cx) {
  compiler saved = *cx;
  tok_kind k = expr_lex_next(cx) == 0 ? cx->tok.kind : TK_EOF;
  expr_error *err = cx->err;
  int failed = cx->failed;
  char *pool = cx->pool;
  uint32_t cap = cx->cappool;
  *cx = saved;
  cx->pool = pool;        /* the pool may have moved; its length is restored */
  cx->cappool = cap;
  if (failed && !saved.failed) {  /* a lexing error ahead is reported later */
    cx->failed = 0;
    memset(err, 0, sizeof *err);
  }
  return k;
}

static int expect_tok(compiler *cx, tok_kind k, const char *what) {
  if (cx->tok.kind != k)
    return unexpected(cx, what);
  return expr_lex_next(cx);
}

/* A literal: number, string, true, false, na; `-` before a number. */
static int32_t parse_literal(compiler *cx) {
  token t = cx->tok;
  int neg = 0;
  if (t.kind == TK_MINUS) {
    neg = 1;
    if (expr_lex_next(cx) != 0)
      return -1;
    if (cx->tok.kind != TK_INT && cx->tok.kind != TK_NUM)
      return unexpected(cx, "a number after '-'");
  }
  int32_t n = new_node(cx, N_CONST, &t);
  if (n < 0)
    return -1;
  node *nd = &cx->nodes[n];
  switch (cx->tok.kind) {
  case TK_INT: nd->type = EXPR_INT; nd->v.i = neg ? -cx->tok.v.i : cx->tok.v.i; break;
  case TK_NUM: nd->type = EXPR_NUM; nd->v.d = neg ? -cx->tok.v.d : cx->tok.v.d; break;
  case TK_STR: nd->type = EXPR_STR; nd->v.s = cx->tok.v.s; break;
  case TK_TRUE: nd->type = EXPR_BOOL; nd->v.i = 1; break;
  case TK_FALSE: nd->type = EXPR_BOOL; nd->v.i = 0; break;
  case TK_NA: nd->type = EXPR_NA; nd->is_na = 1; break;
  default: return unexpected(cx, "a literal (number, string, true, false or na)");
  }
  return expr_lex_next(cx) == 0 ? n : -1;
}

/* name '(' [expr {',' expr}] ')' */
static int32_t parse_call(compiler *cx) {
  token name = cx->tok;
  int32_t n = new_node(cx, N_CALL, &name);
  if (n < 0 || expr_lex_next(cx) != 0 || expr_lex_next(cx) != 0)   /* name, '(' */
    return -1;
  cx->nodes[n].v.s = name.v.s;
  if (cx->tok.kind == TK_RPAREN)
    return expr_lex_next(cx) == 0 ? n : -1;
  for (;;) {
    int32_t arg = parse_or(cx);
    if (arg < 0)
      return -1;
    add_kid(cx, n, arg);
    if (cx->tok.kind == TK_COMMA) {
      if (expr_lex_next(cx) != 0)
        return -1;
      continue;
    }
    if (expect_tok(cx, TK_RPAREN, "',' or ')' in the arguments of a function") != 0)
      return -1;
    return n;
  }
}

static int32_t parse_primary(compiler *cx) {
  token t = cx->tok;
  switch (t.kind) {
  case TK_INT: case TK_NUM: case TK_STR: case TK_TRUE: case TK_FALSE: case TK_NA:
    return parse_literal(cx);
  case TK_NAME:
    if (peek_kind(cx) == TK_LPAREN)
      return parse_call(cx);
    /* fall through */
  case TK_QNAME: {
    int32_t n = new_node(cx, N_COLUMN, &t);
    if (n < 0)
      return -1;
    cx->nodes[n].v.s = t.v.s;   /* resolved by the checker */
    return expr_lex_next(cx) == 0 ? n : -1;
  }
  case TK_LPAREN: {
    if (expr_lex_next(cx) != 0)
      return -1;
    int32_t e = parse_or(cx);
    if (e < 0 || expect_tok(cx, TK_RPAREN, "')'") != 0)
      return -1;
    return e;
  }
  default:
    return unexpected(cx, "a value");
  }
}

/* primary ['^' unary]: right-associative, and its right side may carry a
** sign (2 ^ -1), as in Lua. */
static int32_t parse_pow(compiler *cx) {
  int32_t a = parse_primary(cx);
  if (a < 0 || cx->tok.kind != TK_CARET)
    return a;
  token op = cx->tok;
  if (expr_lex_next(cx) != 0)
    return -1;
  int32_t b = parse_unary(cx);
  return b < 0 ? -1 : op_node(cx, N_BINARY, &op, a, b);
}

/* '-' unary | pow. A minus before a number literal folds into it. */
static int32_t parse_unary(compiler *cx) {
  if (++cx->depth > PW_EXPR_MAX_DEPTH)
    return cx_error(cx, cx->tok.line, cx->tok.col,
                    "expression nested too deeply (more than %d levels)", PW_EXPR_MAX_DEPTH);
  int32_t r;
  if (cx->tok.kind == TK_MINUS) {
    token op = cx->tok;
    if (expr_lex_next(cx) != 0 || (r = parse_unary(cx)) < 0) {
      r = -1;
    } else {
      node *n = &cx->nodes[r];
      if (n->kind == N_CONST && (n->type == EXPR_INT || n->type == EXPR_NUM) &&
          !(n->type == EXPR_INT && n->v.i == INT64_MIN)) {
        if (n->type == EXPR_INT) n->v.i = -n->v.i; else n->v.d = -n->v.d;
        n->line = op.line;
        n->col = op.col;
      } else {
        r = op_node(cx, N_UNARY, &op, r, -1);
      }
    }
  } else {
    r = parse_pow(cx);
  }
  cx->depth--;
  return r;
}

static int32_t parse_binary_level(compiler *cx, int32_t (*next)(compiler *),
                                  tok_kind k1, tok_kind k2, tok_kind k3) {
  int32_t a = next(cx);
  while (a >= 0 && (cx->tok.kind == k1 || cx->tok.kind == k2 || cx->tok.kind == k3)) {
    token op = cx->tok;
    int32_t b;
    if (expr_lex_next(cx) != 0 || (b = next(cx)) < 0)
      return -1;
    a = op_node(cx, N_BINARY, &op, a, b);
  }
  return a;
}

static int32_t parse_mul(compiler *cx) {
  return parse_binary_level(cx, parse_unary, TK_STAR, TK_SLASH, TK_PERCENT);
}

static int32_t parse_add(compiler *cx) {
  return parse_binary_level(cx, parse_mul, TK_PLUS, TK_MINUS, TK_MINUS);
}

static int is_comparison(tok_kind k) { return k >= TK_EQ && k <= TK_GE; }

/* '(' literal {',' literal} ')' after `in`, as children of node n. */
static int parse_list(compiler *cx, int32_t n) {
  if (expect_tok(cx, TK_LPAREN, "'(' after 'in'") != 0)
    return -1;
  if (cx->tok.kind == TK_RPAREN)
    return cx_error(cx, cx->tok.line, cx->tok.col, "empty list after 'in'");
  for (;;) {
    int32_t lit = parse_literal(cx);
    if (lit < 0)
      return -1;
    add_kid(cx, n, lit);
    if (cx->tok.kind == TK_RPAREN)
      return expr_lex_next(cx);
    if (expect_tok(cx, TK_COMMA, "',' or ')' in the list after 'in'") != 0)
      return -1;
  }
}

/* add [cmp add | ['not'] 'in' list | ('~' | '!~') string]; not chained. */
static int32_t parse_cmp(compiler *cx) {
  int32_t a = parse_add(cx);
  if (a < 0)
    return -1;
  token op = cx->tok;
  int32_t r;
  if (is_comparison(op.kind)) {
    int32_t b;
    if (expr_lex_next(cx) != 0 || (b = parse_add(cx)) < 0)
      return -1;
    r = op_node(cx, N_BINARY, &op, a, b);
  } else if (op.kind == TK_IN || (op.kind == TK_NOT && peek_kind(cx) == TK_IN)) {
    if (op.kind == TK_NOT && expr_lex_next(cx) != 0)
      return -1;
    if ((r = op_node(cx, N_IN, &op, a, -1)) < 0 || expr_lex_next(cx) != 0 || parse_list(cx, r) != 0)
      return -1;
    cx->nodes[r].negate = op.kind == TK_NOT;
  } else if (op.kind == TK_MATCH || op.kind == TK_NMATCH) {
    if (expr_lex_next(cx) != 0)
      return -1;
    if (cx->tok.kind != TK_STR)
      return cx_error(cx, cx->tok.line, cx->tok.col,
                      "the right side of %s must be a string literal (a PCRE2 pattern)",
                      op.kind == TK_MATCH ? "~" : "!~");
    if ((r = op_node(cx, N_MATCH, &op, a, -1)) < 0)
      return -1;
    cx->nodes[r].negate = op.kind == TK_NMATCH;
    cx->nodes[r].v.s = cx->tok.v.s;
    cx->nodes[r].line = cx->tok.line;   /* regex errors point at the pattern */
    cx->nodes[r].col = cx->tok.col;
    if (expr_lex_next(cx) != 0)
      return -1;
  } else {
    return a;
  }
  tok_kind k = cx->tok.kind;
  if (is_comparison(k) || k == TK_IN || k == TK_MATCH || k == TK_NMATCH)
    return cx_error(cx, cx->tok.line, cx->tok.col,
                    "comparisons cannot be chained; write a < b and b < c");
  return r;
}

static int32_t parse_not(compiler *cx) {
  if (cx->tok.kind != TK_NOT)
    return parse_cmp(cx);
  if (++cx->depth > PW_EXPR_MAX_DEPTH)
    return cx_error(cx, cx->tok.line, cx->tok.col,
                    "expression nested too deeply (more than %d levels)", PW_EXPR_MAX_DEPTH);
  token op = cx->tok;
  int32_t a;
  if (expr_lex_next(cx) != 0 || (a = parse_not(cx)) < 0)
    return -1;
  cx->depth--;
  return op_node(cx, N_UNARY, &op, a, -1);
}

static int32_t parse_and(compiler *cx) {
  return parse_binary_level(cx, parse_not, TK_AND, TK_AND, TK_AND);
}

/* Nesting is counted in parse_unary and parse_not, which every
** parenthesis, call argument and prefix operator passes through. */
static int32_t parse_or(compiler *cx) {
  return parse_binary_level(cx, parse_and, TK_OR, TK_OR, TK_OR);
}

int32_t expr_parse(compiler *cx) {
  if (expr_lex_next(cx) != 0)
    return -1;
  if (cx->tok.kind == TK_EOF)
    return cx_error(cx, 1, 1, "empty expression");
  int32_t root = parse_or(cx);
  if (root < 0)
    return -1;
  if (cx->tok.kind != TK_EOF) {
    if (cx->tok.kind == TK_RPAREN)
      return cx_error(cx, cx->tok.line, cx->tok.col, "unexpected ')' (no '(' to close)");
    if (cx->tok.kind == TK_NAME || cx->tok.kind == TK_QNAME || cx->tok.kind == TK_INT ||
        cx->tok.kind == TK_NUM || cx->tok.kind == TK_STR || cx->tok.kind == TK_LPAREN)
      return unexpected(cx, "an operator");
    return unexpected(cx, "end of expression");
  }
  return root;
}
