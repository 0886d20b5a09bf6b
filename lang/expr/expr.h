/* expr.h: the column-expression language (DESIGN.md §5): compile a string
** against a frame's columns into a typed plan that vm/exec runs in batches. */
#ifndef PW_LANG_EXPR_H
#define PW_LANG_EXPR_H

#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "frame/frame.h"

#if !defined(PW_EXPR_MAX_NODES)
#define PW_EXPR_MAX_NODES 4096   /* syntax-tree nodes of one expression */
#endif
#if !defined(PW_EXPR_MAX_DEPTH)
#define PW_EXPR_MAX_DEPTH 200    /* nesting of parentheses, calls and operators */
#endif

#define EXPR_ERRMSG_SIZE 320     /* room for "expression:L:C: " and a message */

/* Value types. The first five are frame_type's, in its order, so a plan's
** types and a frame's compare directly. */
typedef enum expr_type {
  EXPR_INT = FRAME_INT,    /* int64 */
  EXPR_NUM = FRAME_NUM,    /* double */
  EXPR_BOOL = FRAME_BOOL,  /* true/false (uint8 0/1) */
  EXPR_DATE = FRAME_DATE,  /* days since 1970-01-01; int64 inside a plan */
  EXPR_STR = FRAME_STR,    /* UTF-8 text */
  EXPR_NA                  /* the bare literal `na` before context types it */
} expr_type;

/* "int" "num" "bool" "date" "str" "na" */
const char *expr_type_name(expr_type t);

/* What an expression is compiled for: which constructs it may use and what
** its result must be. */
typedef enum expr_mode {
  EXPR_FILTER,     /* a bool predicate over rows; no aggregates */
  EXPR_MUTATE,     /* a value per row; no aggregates */
  EXPR_SUMMARISE,  /* a value per group; columns only inside aggregates */
  EXPR_INSPECT     /* expr.compile: per-row, or per-group when it aggregates */
} expr_mode;

/* Why compilation failed: msg is the whole "expression:L:C: what" text. */
typedef struct expr_error {
  int line;                     /* 1-based line of the offending token */
  int col;                      /* 1-based column, in characters */
  char msg[EXPR_ERRMSG_SIZE];   /* the message, NUL-terminated */
} expr_error;

/* ------------------------------------------------------------ plan format */

/* Instructions. A plan is two flat programs over numbered registers; each
** register holds one batch (up to PW_EXEC_BATCH rows) of one type. The
** suffix says the representation: I int64 (int, date), N double, B uint8
** (bool), S string views (pointer, length), C dictionary codes. */
typedef enum expr_op {
  EXPR_OP_LOAD_I,    /* dst = int column aux (zero-copy) */
  EXPR_OP_LOAD_N,    /* dst = num column aux (zero-copy) */
  EXPR_OP_LOAD_B,    /* dst = bool column aux (zero-copy) */
  EXPR_OP_LOAD_D,    /* dst = date column aux, widened to int64 */
  EXPR_OP_LOAD_C,    /* dst = codes of the dictionary-encoded str column aux */
  EXPR_OP_LOAD_S,    /* dst = views of the plain str column aux */
  EXPR_OP_LOAD_AGG,  /* group program: dst = result of aggregate aux */
  EXPR_OP_DECODE,    /* dst = views of the codes in a */
  EXPR_OP_I2N,       /* dst = (double)a */
  EXPR_OP_ADD_I,     /* int64 a + b; overflow gives NA */
  EXPR_OP_SUB_I,     /* int64 a - b; overflow gives NA */
  EXPR_OP_MUL_I,     /* int64 a * b; overflow gives NA */
  EXPR_OP_MOD_I,     /* int64 a % b, floored; b == 0 gives NA */
  EXPR_OP_NEG_I,     /* int64 -a; overflow gives NA */
  EXPR_OP_ADD_N,     /* double a + b */
  EXPR_OP_SUB_N,     /* double a - b */
  EXPR_OP_MUL_N,     /* double a * b */
  EXPR_OP_DIV_N,     /* double a / b */
  EXPR_OP_MOD_N,     /* double a % b, floored */
  EXPR_OP_POW_N,     /* double a ^ b */
  EXPR_OP_NEG_N,     /* double -a */
  EXPR_OP_CMP_I,     /* bool: int64 a <aux> b, aux an expr_cmp */
  EXPR_OP_CMP_N,     /* bool: double a <aux> b */
  EXPR_OP_CMP_B,     /* bool: bool a <aux> b (false < true) */
  EXPR_OP_CMP_S,     /* bool: views a <aux> b, bytewise */
  EXPR_OP_CODE_EQ,   /* bool: codes a == string constant aux (one code compare) */
  EXPR_OP_CODE_NE,   /* bool: codes a != string constant aux */
  EXPR_OP_CODE_TEST, /* bool: table[code of a], predicate aux (per dictionary entry) */
  EXPR_OP_IN_I,      /* bool: int64 a in set aux */
  EXPR_OP_IN_N,      /* bool: double a in set aux */
  EXPR_OP_IN_S,      /* bool: views a in set aux */
  EXPR_OP_MATCH_S,   /* bool: views a ~ regex aux (one match per row) */
  EXPR_OP_AND,       /* bool: a and b, three-valued */
  EXPR_OP_OR,        /* bool: a or b, three-valued */
  EXPR_OP_NOT,       /* bool: not a */
  EXPR_OP_IS_NA,     /* bool: a is NA (never NA itself) */
  EXPR_OP_ABS_I,     /* int64 |a|; overflow gives NA */
  EXPR_OP_ABS_N,     /* double |a| */
  EXPR_OP_LOG,       /* double log(a) */
  EXPR_OP_EXP,       /* double exp(a) */
  EXPR_OP_SQRT,      /* double sqrt(a) */
  EXPR_OP_ROUND,     /* double round(a, digits b), as R; b EXPR_NOREG: 0 */
  EXPR_OP_FLOOR,     /* double floor(a) */
  EXPR_OP_CEIL,      /* double ceil(a) */
  EXPR_OP_LOWER,     /* views: ASCII lower case of a */
  EXPR_OP_UPPER,     /* views: ASCII upper case of a */
  EXPR_OP_LEN,       /* int64: characters (code points) of a */
  EXPR_OP_SUBSTR,    /* views: substr(a, start b, length c); c EXPR_NOREG: rest */
  EXPR_OP_YEAR,      /* int64: year of date a */
  EXPR_OP_MONTH,     /* int64: month (1-12) of date a */
  EXPR_OP_IF_ELSE,   /* dst = a ? b : c (NA when a is NA); aux: value width */
  EXPR_OP_COALESCE,  /* dst = a unless NA, else b; aux: value width */
  EXPR_OP_HGVS,      /* bool or views: HGVS function aux (an expr_hgvs_fn) of
                        views a, parsing each row */
  EXPR_OP_CODE_NAME, /* views: the name table[code of a] of str predicate aux
                        (an EXPR_PRED_HGVS), one parse per dictionary entry */
  EXPR_OP_COUNT      /* number of opcodes */
} expr_op;

/* Comparison kinds, the aux of EXPR_OP_CMP_* and of a predicate. */
typedef enum expr_cmp {
  EXPR_EQ,  /* == */
  EXPR_NE,  /* != */
  EXPR_LT,  /* < */
  EXPR_LE,  /* <= */
  EXPR_GT,  /* > */
  EXPR_GE   /* >= */
} expr_cmp;

#define EXPR_NOREG UINT16_MAX   /* an absent operand register */

/* One instruction: dst = op(a, b, c) with one immediate. */
typedef struct expr_ins {
  uint8_t op;      /* an expr_op */
  uint8_t type;    /* expr_type of dst (for explain and output) */
  uint16_t dst;    /* destination register */
  uint16_t a;      /* first operand register, or EXPR_NOREG */
  uint16_t b;      /* second operand register, or EXPR_NOREG */
  uint16_t c;      /* third operand register, or EXPR_NOREG */
  uint32_t aux;    /* column, constant, set, predicate, regex or aggregate
                      index, comparison kind or value width, per op */
} expr_ins;

/* A literal. Constant registers are filled with it once per run. */
typedef struct expr_const {
  uint8_t type;    /* expr_type; EXPR_NA is never stored (na is typed) */
  uint8_t is_na;   /* the literal na of this type */
  uint16_t reg;    /* the register holding it, or EXPR_NOREG (used by an
                      op's aux only) */
  union {
    int64_t i;     /* int, date, bool */
    double d;      /* num */
    struct {
      uint32_t off;  /* offset in the plan's string pool */
      uint32_t len;  /* length in bytes */
    } s;           /* str */
  } v;             /* the value, unless is_na */
} expr_const;

/* The literal list of `x in (...)`: constants first .. first + n - 1. */
typedef struct expr_set {
  uint32_t first;  /* index of the first member in the constant table */
  uint32_t n;      /* number of members that are not na */
  uint8_t has_na;  /* the list contains na (a miss then gives NA, as SQL) */
} expr_set;

/* A compiled regular expression (the right side of ~ or !~). */
typedef struct expr_regex {
  pcre2_code *code;  /* compiled with PCRE2_UTF, JIT-compiled when possible */
  uint8_t jit;       /* pcre2_jit_compile succeeded */
  uint32_t off;      /* pattern text in the string pool (for explain) */
  uint32_t len;      /* its length */
  int line;          /* where the pattern literal starts, for run-time */
  int col;           /*   errors such as "match limit exceeded" */
} expr_regex;

/* What a per-dictionary-entry predicate computes for one string. */
typedef enum expr_pred_kind {
  EXPR_PRED_CMP,     /* s <cmp> string constant arg */
  EXPR_PRED_IN,      /* s in set arg */
  EXPR_PRED_MATCH,   /* s ~ regex arg */
  EXPR_PRED_HGVS     /* HGVS function arg (an expr_hgvs_fn) of s */
} expr_pred_kind;

/* The variant functions of expressions (docs/expressions.md). */
typedef enum expr_hgvs_fn {
  EXPR_HGVS_VALID,        /* hgvs_valid: bool */
  EXPR_HGVS_ABE,          /* abe_correctable: bool, NA unless a single variant */
  EXPR_HGVS_TYPE,         /* hgvs_type: str, NA when invalid */
  EXPR_HGVS_CONSEQUENCE   /* hgvs_consequence: str, NA unless a single variant */
} expr_hgvs_fn;

/* A predicate of EXPR_OP_CODE_TEST, evaluated once per dictionary entry
** of `column` into a table that the op then indexes by code. */
typedef struct expr_pred {
  uint8_t kind;      /* an expr_pred_kind */
  uint8_t cmp;       /* expr_cmp, for EXPR_PRED_CMP */
  uint8_t negate;    /* !~ : the table holds the complement */
  uint32_t column;   /* frame column whose dictionary the table covers */
  uint32_t arg;      /* constant, set or regex index */
} expr_pred;

/* Aggregate functions. */
typedef enum expr_agg_kind {
  EXPR_AGG_COUNT,       /* count(): rows in the group */
  EXPR_AGG_SUM,         /* sum of non-NA values */
  EXPR_AGG_MEAN,        /* arithmetic mean */
  EXPR_AGG_MEDIAN,      /* quantile 0.5, type 7 */
  EXPR_AGG_SD,          /* standard deviation, n - 1 denominator */
  EXPR_AGG_VAR,         /* variance, n - 1 denominator */
  EXPR_AGG_MIN,         /* smallest */
  EXPR_AGG_MAX,         /* largest */
  EXPR_AGG_N_DISTINCT,  /* distinct non-NA values */
  EXPR_AGG_FIRST,       /* first non-NA value in row order */
  EXPR_AGG_LAST,        /* last non-NA value in row order */
  EXPR_AGG_QUANTILE     /* quantile p, R type 7 */
} expr_agg_kind;

/* One aggregate of a summarise plan: the row program leaves its argument
** in register `arg` for every batch; the group program reads the result
** with EXPR_OP_LOAD_AGG. */
typedef struct expr_agg {
  uint8_t kind;      /* an expr_agg_kind */
  uint8_t in_type;   /* expr_type of the argument (int for count()) */
  uint8_t out_type;  /* expr_type of the result */
  uint8_t in_codes;  /* the argument is dictionary codes of column `column` */
  uint16_t arg;      /* register of the argument, EXPR_NOREG for count() */
  uint32_t column;   /* for in_codes: the column */
  double p;          /* quantile's probability (median: 0.5) */
} expr_agg;

/* A column the plan reads, as it was when compiled; exec checks that the
** frame it runs on still has it at the same index with the same type. */
typedef struct expr_column {
  uint32_t index;    /* position in the frame */
  uint8_t type;      /* frame_type */
  uint8_t dict;      /* dictionary-encoded (str) */
  uint32_t name;     /* name in the string pool (NUL-terminated) */
} expr_column;

/* Width in bytes of a register value of each representation, the aux of
** IF_ELSE and COALESCE. */
#define EXPR_W_BOOL 1    /* uint8 */
#define EXPR_W_WORD 8    /* int64 or double */
#define EXPR_W_VIEW 16   /* string view */

/* A compiled expression. Immutable once built; owns everything it points
** to (allocated through `mem`). */
typedef struct expr_plan {
  frame_mem mem;            /* allocator of the plan and its regexes */
  expr_mode mode;           /* what it was compiled for */
  expr_type type;           /* type of the result (EXPR_NA never: bare na is bool) */
  uint8_t aggregates;       /* the result is per group (summarise) */
  uint16_t result;          /* register holding the result */
  long column_ref;          /* the whole expression is this column, or -1 */
  expr_ins *row;            /* row program, run per batch of frame rows */
  uint32_t nrow;            /* its length */
  expr_ins *group;          /* group program, run per batch of groups */
  uint32_t ngroup;          /* its length */
  uint8_t *width;           /* width[r]: largest value width register r holds */
  uint16_t nregs;           /* registers */
  expr_const *consts;       /* literals */
  uint32_t nconsts;         /* their number */
  expr_set *sets;           /* `in` lists */
  uint32_t nsets;           /* their number */
  expr_pred *preds;         /* per-dictionary-entry predicates */
  uint32_t npreds;          /* their number */
  expr_regex *regexes;      /* compiled patterns */
  uint32_t nregexes;        /* their number */
  expr_agg *aggs;           /* aggregates (summarise) */
  uint32_t naggs;           /* their number */
  expr_column *columns;     /* columns read */
  uint32_t ncolumns;        /* their number */
  char *pool;               /* string pool: literals, patterns, names, source */
  uint32_t npool;           /* bytes used */
  uint32_t source;          /* the expression text in the pool */
  void *block;              /* the one allocation holding all the arrays */
  size_t nblock;            /* its size in bytes */
} expr_plan;

/* ------------------------------------------------------------ functions */

/* Compile src[0..len) against the columns of `schema` for `mode`. Returns
** the plan, or NULL with *err filled ("expression:1:1: unknown column
** 'gnee' (did you mean 'gene'?)"; out of memory is "expression: not
** enough memory"). Never raises, never prints. */
expr_plan *expr_compile(const char *src, size_t len, const frame *schema,
                        expr_mode mode, const frame_mem *mem, expr_error *err);

void expr_plan_free(expr_plan *p);   /* NULL is a no-op */

/* Write a readable listing of the plan through `write`, in pieces. */
typedef void (*expr_write_fn)(void *ud, const char *s, size_t n);
void expr_explain(const expr_plan *p, expr_write_fn write, void *ud);

/* Name of an op ("add_i"), of an aggregate ("sum"), of a comparison ("=="). */
const char *expr_op_name(expr_op op);
const char *expr_agg_name(expr_agg_kind k);
const char *expr_cmp_name(expr_cmp c);

/* The i-th function of the language (0-based, in the table's order), with
** *aggregate set to 1 for an aggregate (summarise only) and 0 for a scalar
** function; NULL when i is past the last. For listing them (expr.functions). */
const char *expr_function_name(int i, int *aggregate);

/* A PCRE2 general context that allocates through *mem, so patterns and
** match data count against the engine's memory limit. *mem must outlive
** everything allocated with the context. NULL when out of memory. */
pcre2_general_context *expr_pcre2_context(frame_mem *mem);

/* Days since 1970-01-01 of "YYYY-MM-DD" (exactly 10 bytes, a real date),
** into *days; 0 on success, -1 when s is not such a date. */
int expr_parse_date(const char *s, size_t len, int64_t *days);
/* The civil date of a day number. */
void expr_civil(int64_t days, int64_t *year, int *month, int *day);

#endif
