/* formula.h: R's model formula language (the subset reviewers use), parsed
** into variables, terms and offsets without Lua (docs/methods.md (Linear and generalized linear models)).
**   response ~ terms      terms: a + b, a:b, a*b, (a + b)^2, a - b, 0, 1, -1,
**   offset(e), I(e), factor(e), log(e), log2/log10/log1p/exp/sqrt/abs(e)
** Inside a call the arguments are arithmetic (+ - * / ^, unary -, numbers,
** columns, the same functions). Variables and terms are numbered as R's
** terms() numbers them: variables in order of first appearance, terms by
** order (main effects, then two-way interactions, ...), then appearance. */
#ifndef PW_STDLIB_STATS_FORMULA_H
#define PW_STDLIB_STATS_FORMULA_H

#include <stddef.h>
#include <stdint.h>

#if !defined(PW_FORMULA_MAX_VARS)
#define PW_FORMULA_MAX_VARS 64     /* variables: terms are 64-bit sets of them */
#endif
#if !defined(PW_FORMULA_MAX_TERMS)
#define PW_FORMULA_MAX_TERMS 128   /* terms after expansion */
#endif
#if !defined(PW_FORMULA_MAX_NODES)
#define PW_FORMULA_MAX_NODES 1024  /* expression nodes */
#endif
#if !defined(PW_FORMULA_MAX_DEPTH)
#define PW_FORMULA_MAX_DEPTH 64    /* nesting of parentheses and calls */
#endif
#if !defined(PW_FORMULA_MAX_OFFSETS)
#define PW_FORMULA_MAX_OFFSETS 8   /* offset() terms */
#endif

/* What an expression node computes. */
typedef enum formula_op {
  FX_NUM,     /* the constant `num` */
  FX_COL,     /* the column named src[name, name + name_len) */
  FX_NEG,     /* -a */
  FX_ADD,     /* a + b */
  FX_SUB,     /* a - b */
  FX_MUL,     /* a * b */
  FX_DIV,     /* a / b */
  FX_POW,     /* a ^ b */
  FX_PAREN,   /* (a): kept so labels deparse as R's */
  FX_CALL     /* fn(a) */
} formula_op;

/* The functions a formula may call. */
typedef enum formula_fn {
  FN_LOG, FN_LOG2, FN_LOG10, FN_LOG1P, FN_EXP, FN_SQRT, FN_ABS, /* numeric */
  FN_I,        /* I(e): e as arithmetic, inside a term */
  FN_FACTOR,   /* factor(e): e as a factor (levels: its sorted values) */
  FN_OFFSET    /* offset(e): a known part of the linear predictor */
} formula_fn;

/* One node of an expression tree; trees live in formula.nodes. */
typedef struct formula_node {
  formula_op op;      /* what it computes */
  formula_fn fn;      /* FX_CALL: which function */
  double num;         /* FX_NUM: the value */
  int a, b;           /* operands (node indexes), -1 when absent */
  uint32_t name;      /* FX_COL: offset of the name in src (inside backquotes) */
  uint32_t name_len;  /* FX_COL: its length in bytes */
  uint32_t pos;       /* byte offset in src where the node starts */
} formula_node;

/* A parsed formula. Make with formula_parse, free with formula_free. */
typedef struct formula {
  char *src;                                /* copy of the text, NUL-terminated */
  size_t len;                               /* its length in bytes */
  formula_node *nodes;                      /* expression nodes */
  int nnodes;                               /* nodes used */
  int response;                             /* node of the response, -1: none */
  int nvars;                                /* variables of the right-hand side */
  int var_node[PW_FORMULA_MAX_VARS];        /* each variable's expression */
  char *var_label[PW_FORMULA_MAX_VARS];     /* its deparsed text, as R labels it */
  int nterms;                               /* terms, in R's order */
  uint64_t terms[PW_FORMULA_MAX_TERMS];     /* each a set of variables (bit v) */
  int intercept;                            /* 1: the model has an intercept */
  int noffsets;                             /* offset() calls */
  int offset_node[PW_FORMULA_MAX_OFFSETS];  /* the expression inside each */
  char *response_label;                     /* deparsed response, NULL: none */
  char error[160];                          /* the message when parsing failed */
  size_t error_pos;                         /* byte offset the message is about */
} formula;

/* Parse s[0..n). 0 on success; -1 on a syntax error or when memory runs out,
** with f->error and f->error_pos set (the message has no position in it).
** Either way f must be released with formula_free. */
int formula_parse(const char *s, size_t n, formula *f);
void formula_free(formula *f);

/* The deparsed text of node `node` (R's deparse spacing: " + ", " - ",
** " * ", "/", "^"), written to buf (always NUL-terminated, cut at size - 1).
** Returns the length it needed. */
size_t formula_deparse(const formula *f, int node, char *buf, size_t size);

/* The label of term t ("dose:supp"): its variables' labels joined by ':'. */
size_t formula_term_label(const formula *f, int t, char *buf, size_t size);

/* The name of a function ("log"). */
const char *formula_fn_name(formula_fn fn);

#endif
