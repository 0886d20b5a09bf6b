/* expr_int.h: what the compiler's phases share (lexer, parser, checker,
** code generator); not part of the module's interface. */
#ifndef PW_LANG_EXPR_INT_H
#define PW_LANG_EXPR_INT_H

#include "expr.h"

/* Tokens. */
typedef enum tok_kind {
  TK_EOF,      /* end of the text */
  TK_NAME,     /* identifier: a column or, before '(', a function */
  TK_QNAME,    /* `backquoted name`: always a column */
  TK_INT,      /* integer literal */
  TK_NUM,      /* number literal with '.' or an exponent */
  TK_STR,      /* '...' or "..." */
  TK_AND,      /* and */
  TK_OR,       /* or */
  TK_NOT,      /* not */
  TK_IN,       /* in */
  TK_TRUE,     /* true */
  TK_FALSE,    /* false */
  TK_NA,       /* na */
  TK_EQ,       /* == */
  TK_NE,       /* != */
  TK_LT,       /* < */
  TK_LE,       /* <= */
  TK_GT,       /* > */
  TK_GE,       /* >= */
  TK_MATCH,    /* ~ */
  TK_NMATCH,   /* !~ */
  TK_PLUS,     /* + */
  TK_MINUS,    /* - */
  TK_STAR,     /* * */
  TK_SLASH,    /* / */
  TK_PERCENT,  /* % */
  TK_CARET,    /* ^ */
  TK_LPAREN,   /* ( */
  TK_RPAREN,   /* ) */
  TK_COMMA     /* , */
} tok_kind;

/* A string's bytes in the compiler's pool. */
typedef struct pool_str {
  uint32_t off;   /* offset in the pool */
  uint32_t len;   /* length in bytes (a NUL follows) */
} pool_str;

typedef struct token {
  tok_kind kind;   /* what it is */
  int line;        /* where it starts: line, 1-based */
  int col;         /*   and column in characters, 1-based */
  size_t pos;      /* byte offset of its first byte in the source */
  size_t end;      /* byte offset just past it */
  union {
    int64_t i;     /* TK_INT */
    double d;      /* TK_NUM */
    pool_str s;    /* TK_STR, TK_NAME, TK_QNAME: the decoded text */
  } v;             /* the value, per kind */
} token;

/* Syntax-tree nodes, kept in one array and linked by index. */
typedef enum node_kind {
  N_COLUMN,   /* a column; v.column is its index in the frame */
  N_CONST,    /* a literal of type `type` (EXPR_NA: untyped na) */
  N_UNARY,    /* op (TK_MINUS or TK_NOT) applied to the first child */
  N_BINARY,   /* op applied to the first child and its sibling */
  N_CALL,     /* function `func` applied to the children */
  N_IN,       /* the first child in the literal children that follow */
  N_MATCH     /* the first child ~ the pattern v.s (negate: !~) */
} node_kind;

typedef struct node {
  uint8_t kind;     /* a node_kind */
  uint8_t op;       /* tok_kind of an operator; function id of a call */
  uint8_t type;     /* expr_type, set by the parser for literals and by
                       the checker for the rest */
  uint8_t negate;   /* `not in`, `!~` */
  uint8_t has_agg;  /* checker: the subtree contains an aggregate call */
  uint8_t is_na;    /* N_CONST: the literal is na */
  int line;         /* position of the token that names the node: */
  int col;          /*   the operator, function name, literal or column */
  int32_t first;    /* first child, or -1 */
  int32_t next;     /* next sibling, or -1 */
  uint32_t nkids;   /* number of children */
  union {
    int64_t i;        /* int, bool and date literals */
    double d;         /* num literals */
    pool_str s;       /* str literals; the pattern of N_MATCH; a call's name */
    uint32_t column;  /* N_COLUMN */
  } v;              /* payload, per kind */
} node;

/* Function ids, in the order of expr_funcs: scalar functions first, then
** aggregates. */
typedef enum func_id {
  F_ABS,           /* abs(x) */
  F_LOG,           /* log(x), natural */
  F_EXP,           /* exp(x) */
  F_SQRT,          /* sqrt(x) */
  F_ROUND,         /* round(x [, digits]) */
  F_FLOOR,         /* floor(x) */
  F_CEIL,          /* ceil(x) */
  F_IS_NA,         /* is_na(x) */
  F_COALESCE,      /* coalesce(a, b, ...) */
  F_IF_ELSE,       /* if_else(cond, a, b) */
  F_LOWER,         /* lower(s) */
  F_UPPER,         /* upper(s) */
  F_LEN,           /* len(s), in characters */
  F_SUBSTR,        /* substr(s, start [, length]) */
  F_YEAR,          /* year(d) */
  F_MONTH,         /* month(d) */
  F_DAYS_BETWEEN,  /* days_between(a, b) */
  F_HGVS_VALID,    /* hgvs_valid(s): s parses as HGVS (strict) */
  F_HGVS_TYPE,     /* hgvs_type(s): "substitution", "deletion", ... */
  F_HGVS_CONSEQUENCE, /* hgvs_consequence(s): "missense", "splice_site", ... */
  F_ABE_CORRECTABLE,  /* abe_correctable(s): an adenine base editor reverts s */
  F_FIRST_AGG,     /* not a function: aggregates start here */
  F_COUNT = F_FIRST_AGG,  /* count() */
  F_SUM,           /* sum(x) */
  F_MEAN,          /* mean(x) */
  F_MEDIAN,        /* median(x) */
  F_SD,            /* sd(x) */
  F_VAR,           /* var(x) */
  F_MIN,           /* min(x) */
  F_MAX,           /* max(x) */
  F_N_DISTINCT,    /* n_distinct(x) */
  F_FIRST,         /* first(x) */
  F_LAST,          /* last(x) */
  F_QUANTILE,      /* quantile(x, p) */
  F_NFUNCS         /* not a function: their number */
} func_id;

/* One entry of the function table. */
typedef struct func_info {
  const char *name;   /* as written in expressions */
  uint8_t min;        /* fewest arguments */
  uint8_t max;        /* most arguments (255: any number) */
} func_info;

extern const func_info expr_funcs[F_NFUNCS];

/* What the code generator knows about one register. */
typedef struct reg_info {
  uint8_t width;      /* largest value width it holds (1, 4, 8 or 16 bytes) */
  uint8_t busy;       /* 0 free, 1 holds a live value, 2 pinned for the run */
  int32_t codes_col;  /* it holds the codes of this column now, or -1 */
} reg_info;

/* The plan under construction, in growable arrays; packed into one block
** when generation succeeds. Each array has its length and capacity. */
typedef struct plan_builder {
  expr_ins *row;          /* row program */
  uint32_t nrow;          /*   its length */
  uint32_t caprow;        /*   and capacity */
  expr_ins *group;        /* group program */
  uint32_t ngroup;        /*   its length */
  uint32_t capgroup;      /*   and capacity */
  reg_info *regs;         /* registers */
  uint32_t nregs;         /*   how many */
  uint32_t capregs;       /*   and capacity */
  expr_const *consts;     /* literals */
  uint32_t nconsts;       /*   how many */
  uint32_t capconsts;     /*   and capacity */
  expr_set *sets;         /* `in` lists */
  uint32_t nsets;         /*   how many */
  uint32_t capsets;       /*   and capacity */
  expr_pred *preds;       /* per-dictionary-entry predicates */
  uint32_t npreds;        /*   how many */
  uint32_t cappreds;      /*   and capacity */
  expr_regex *regexes;    /* compiled patterns (owned until packed) */
  uint32_t nregexes;      /*   how many */
  uint32_t capregexes;    /*   and capacity */
  expr_agg *aggs;         /* aggregates */
  uint32_t naggs;         /*   how many */
  uint32_t capaggs;       /*   and capacity */
  expr_column *columns;   /* columns read */
  uint32_t ncolumns;      /*   how many */
  uint32_t capcolumns;    /*   and capacity */
  int32_t *colreg;        /* per frame column: the pinned register it is
                             loaded into, or -1 (each column loads once) */
  uint32_t capcolreg;     /*   capacity (the frame's column count) */
  int in_group;           /* emitting into the group program */
} plan_builder;

/* The state of one compilation. Everything it allocates is reachable from
** here, so a failure at any point frees all of it in expr_compile. */
typedef struct compiler {
  const char *src;       /* the text */
  size_t len;            /* its length */
  size_t pos;            /* lexer: next byte */
  int line;              /* lexer: line of src[pos] */
  int col;               /* lexer: column of src[pos] */
  token tok;             /* the current token */
  const frame *schema;   /* columns that names resolve to */
  expr_mode mode;        /* what the expression is for */
  frame_mem mem;         /* allocator */
  expr_error *err;       /* where the first error goes */
  int failed;            /* an error has been recorded */
  int depth;             /* parser recursion depth */
  node *nodes;           /* the tree */
  uint32_t nnodes;       /* nodes used */
  uint32_t capnodes;     /* nodes allocated */
  char *pool;            /* strings: literals, names, patterns */
  uint32_t npool;        /* bytes used */
  uint32_t cappool;      /* bytes allocated */
  expr_plan *plan;       /* the plan's header, allocated first (regexes
                            allocate through its `mem`), filled at the end */
  plan_builder b;        /* the plan's contents while generating */
} compiler;

/* expr.c: errors and memory shared by the phases. */
int cx_error(compiler *cx, int line, int col, const char *fmt, ...);
int cx_nomem(compiler *cx);
int cx_pool_add(compiler *cx, const char *s, size_t len, pool_str *out);
void *cx_grow(compiler *cx, void *p, size_t elem, uint32_t *cap, uint32_t need);
static inline const char *cx_str(const compiler *cx, pool_str s) {
  return cx->pool + s.off;
}

/* lex.c */
void expr_lex_init(compiler *cx, const char *src, size_t len);
int expr_lex_next(compiler *cx);                 /* 0, or -1 after an error */
const char *expr_token_text(tok_kind k);     /* "'=='", "end of expression" */

/* parse.c: the whole text into a tree; the root's index, or -1. */
int32_t expr_parse(compiler *cx);

/* check.c: resolve and type the tree for cx->mode; 0 or -1. */
int expr_check(compiler *cx, int32_t root);

/* names.c: functions, keywords and spelling suggestions. */
int expr_func_lookup(const char *name, size_t len);            /* func_id or -1 */
const char *expr_suggest_func(const char *name, size_t len);   /* or NULL */
const char *expr_suggest_column(const frame *f, const char *name, size_t len);

/* codegen.c: the typed tree into cx->b and cx->plan's scalars; 0 or -1. */
int expr_codegen(compiler *cx, int32_t root);

#endif
