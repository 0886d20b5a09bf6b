/* exec_int.h: the interpreter's state and kernels, shared by the files of
** vm/exec; not part of its interface. */
#ifndef PW_VM_EXEC_INT_H
#define PW_VM_EXEC_INT_H

#include "exec.h"
#include "hgvs/hgvs.h"

/* A string value in a register: bytes that stay put for the whole batch
** (column memory, the plan's pool, or the batch arena). */
typedef struct exec_view {
  const char *s;   /* first byte (not NUL-terminated in general) */
  size_t len;      /* length in bytes */
} exec_view;

/* One register: the current batch of one value. */
typedef struct exec_reg {
  const void *data;       /* the values: buf, column memory or an
                             aggregate's results (never another register's) */
  const uint8_t *valid;   /* 1 present / 0 NA per row; NULL: all present */
  void *buf;              /* own values, batch * width bytes */
  uint8_t *vbuf;          /* own validity, batch bytes */
  const frame_dict *dict; /* codes registers: the dictionary they index */
} exec_reg;

/* A block of the batch arena, where string results are written. */
typedef struct arena_block {
  struct arena_block *next;  /* the next block, or NULL */
  size_t size;               /* bytes in data */
  size_t used;               /* bytes handed out this batch */
  char data[];               /* the bytes */
} arena_block;

/* The running state of one aggregate (exec_agg.c). */
typedef struct agg_state agg_state;

/* Everything one run owns; freed by exec_end whatever happened. */
typedef struct exec_state {
  const expr_plan *p;      /* the plan */
  const frame *f;          /* the frame being read */
  frame_mem mem;           /* allocator of everything below */
  exec_report *rep;        /* errors and warning counts */
  exec_status status;      /* the first failure, or EXEC_OK */
  size_t start;            /* first row (or group) of the batch */
  size_t n;                /* rows (or groups) in the batch */
  exec_reg *regs;          /* plan->nregs registers */
  uint8_t **tables;        /* per predicate: 0/1/2 (false/true/NA) per dictionary code */
  uint32_t *ntables;       /* entries of each table (dictionary size + 1) */
  uint8_t *table_na;       /* per predicate: its table holds some NA (2) */
  uint32_t *codes;         /* per row instruction: the literal's code for
                              CODE_EQ/CODE_NE (UINT32_MAX: not in the dictionary) */
  arena_block *arena;      /* batch arena, reset per batch */
  arena_block *cur;        /* block being filled */
  pcre2_general_context *gctx;   /* PCRE2 allocations through mem */
  pcre2_match_data *md;    /* match data sized for every pattern of the plan */
  agg_state *aggs;         /* plan->naggs aggregates (summarise) */
  size_t ngroups;          /* groups (summarise) */
  const uint32_t *gid;     /* group of each row, or NULL: all in group 0 */
  hgvs_result *hgvs;       /* parse scratch of the variant functions, or NULL */
} exec_state;

#define REG(x, r) (&(x)->regs[(r)])

/* exec.c */
exec_status exec_fail(exec_state *x, exec_status s, const char *fmt, ...);
void *exec_alloc(exec_state *x, size_t n);          /* fails the run on NULL */
void exec_free(exec_state *x, void *p, size_t n);
char *exec_arena(exec_state *x, size_t n);          /* batch-lifetime bytes */

/* exec_ops.c: numeric, logical and comparison kernels. */
void exec_valid_and(exec_state *x, exec_reg *d, const exec_reg *a, const exec_reg *b);
void exec_valid_copy(exec_state *x, exec_reg *d, const exec_reg *a);
void exec_expand_bits(uint8_t *out, const uint64_t *bits, size_t start, size_t n);
void exec_op_num(exec_state *x, const expr_ins *in);    /* arithmetic, math, casts */
void exec_op_logic(exec_state *x, const expr_ins *in);  /* and or not is_na cmp in */
void exec_op_misc(exec_state *x, const expr_ins *in);   /* if_else coalesce year month */

/* exec_hgvs.c: the variant functions. exec_hgvs_value is one string's
** table entry: 0/1/2 (false/true/NA) for bool functions, else a type or
** consequence number (254 "genotype", 255 NA). */
uint8_t exec_hgvs_value(exec_state *x, expr_hgvs_fn fn, const char *s, size_t len);
void exec_op_hgvs(exec_state *x, const expr_ins *in);   /* HGVS, CODE_NAME */

/* exec_str.c: string kernels, dictionary tables, patterns. */
int exec_str_bind(exec_state *x);                       /* tables, literal codes */
void exec_op_str(exec_state *x, const expr_ins *in);
const char *exec_regex_error(int rc, char *buf, size_t size);

/* exec_agg.c */
int exec_agg_begin(exec_state *x);
void exec_agg_update(exec_state *x);                    /* after each row batch */
int exec_agg_finish(exec_state *x);                     /* results for LOAD_AGG */
void exec_agg_load(exec_state *x, const expr_ins *in);  /* LOAD_AGG */
void exec_agg_end(exec_state *x);

#endif
