/* expr.c: expr_compile, the driver of the phases; their shared error and
** memory helpers; packing and freeing plans; dates; PCRE2's allocator. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "expr_int.h"
#include "frame/frame_ops.h"

#if !defined(PW_EXPR_MAX_LENGTH)
#define PW_EXPR_MAX_LENGTH (1 << 20)   /* bytes of expression text */
#endif

const char *expr_type_name(expr_type t) {
  static const char *const names[] = {"int", "num", "bool", "date", "str", "na"};
  return (unsigned)t <= EXPR_NA ? names[t] : "?";
}

/* ------------------------------------------------------------ errors */

int cx_error(compiler *cx, int line, int col, const char *fmt, ...) {
  if (cx->failed)
    return -1;   /* the first error is the one worth reading */
  cx->failed = 1;
  expr_error *e = cx->err;
  e->line = line;
  e->col = col;
  int n = snprintf(e->msg, sizeof e->msg, "expression:%d:%d: ", line, col);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->msg + n, sizeof e->msg - (size_t)n, fmt, ap);
  va_end(ap);
  for (char *c = e->msg; *c; c++)   /* quoted source text stays on one line */
    if ((unsigned char)*c < 0x20 || *c == 0x7f)
      *c = '?';
  return -1;
}

int cx_nomem(compiler *cx) {
  if (!cx->failed) {
    cx->failed = 1;
    cx->err->line = cx->err->col = 0;
    snprintf(cx->err->msg, sizeof cx->err->msg, "expression: not enough memory");
  }
  return -1;
}

/* ------------------------------------------------------------ memory */

/* p (an array of *cap elements) grown to hold at least `need`; NULL (p
** still valid and owned by the caller) when memory runs out. */
void *cx_grow(compiler *cx, void *p, size_t elem, uint32_t *cap, uint32_t need) {
  if (need <= *cap)
    return p;
  uint32_t n = *cap ? *cap * 2 : 8;
  if (n < need)
    n = need;
  void *q = frame_mem_realloc(&cx->mem, p, *cap * elem, n * elem);
  if (q == NULL) {
    cx_nomem(cx);
    return NULL;
  }
  *cap = n;
  return q;
}

/* Copy s[0..len) and a NUL into the pool. */
int cx_pool_add(compiler *cx, const char *s, size_t len, pool_str *out) {
  char *pool = cx_grow(cx, cx->pool, 1, &cx->cappool, cx->npool + (uint32_t)len + 1);
  if (pool == NULL)
    return -1;
  cx->pool = pool;
  if (len)
    memcpy(pool + cx->npool, s, len);
  pool[cx->npool + len] = '\0';
  out->off = cx->npool;
  out->len = (uint32_t)len;
  cx->npool += (uint32_t)len + 1;
  return 0;
}

/* PCRE2 frees without a size, and lua_Alloc needs one: each block
** carries its size in a 16-byte header (which keeps the alignment). */
static void *re_malloc(PCRE2_SIZE n, void *ud) {
  size_t *p = frame_mem_alloc(ud, n + 16);
  if (p == NULL)
    return NULL;
  p[0] = n + 16;
  return (char *)p + 16;
}

static void re_free(void *p, void *ud) {
  if (p == NULL)
    return;
  size_t *h = (size_t *)(void *)((char *)p - 16);
  frame_mem_free(ud, h, h[0]);
}

pcre2_general_context *expr_pcre2_context(frame_mem *mem) {
  return pcre2_general_context_create(re_malloc, re_free, mem);
}

/* ------------------------------------------------------------ dates */

/* The calendar is the frame module's (frame_date.c), shared with csv. */
void expr_civil(int64_t z, int64_t *year, int *month, int *day) {
  unsigned m, d;
  frame_date_civil(z, year, &m, &d);
  *month = (int)m;
  if (day)
    *day = (int)d;
}

int expr_parse_date(const char *s, size_t len, int64_t *days) {
  int32_t d;
  if (frame_date_parse(s, len, &d) != 0)
    return -1;
  *days = d;
  return 0;
}

/* ------------------------------------------------------------ plans */

#define ALIGN8(n) (((n) + 7) & ~(size_t)7)

/* Move the builder's arrays into one block owned by the plan. */
static int pack(compiler *cx) {
  plan_builder *b = &cx->b;
  expr_plan *p = cx->plan;
  size_t sz[10] = {
    b->nconsts * sizeof *b->consts, b->naggs * sizeof *b->aggs,
    b->nregexes * sizeof *b->regexes, b->nrow * sizeof *b->row,
    b->ngroup * sizeof *b->group, b->nsets * sizeof *b->sets,
    b->npreds * sizeof *b->preds, b->ncolumns * sizeof *b->columns,
    b->nregs, cx->npool};
  const void *src[10] = {b->consts, b->aggs, b->regexes, b->row, b->group, b->sets,
                         b->preds, b->columns, NULL, cx->pool};
  size_t total = 0, at[10];
  for (int i = 0; i < 10; i++) {
    at[i] = total;
    total += ALIGN8(sz[i]);
  }
  char *block = frame_mem_alloc(&p->mem, total);
  if (block == NULL)
    return cx_nomem(cx);
  for (int i = 0; i < 10; i++)
    if (src[i] && sz[i])
      memcpy(block + at[i], src[i], sz[i]);
  p->block = block;
  p->nblock = total;
  p->consts = (expr_const *)(void *)(block + at[0]);
  p->aggs = (expr_agg *)(void *)(block + at[1]);
  p->regexes = (expr_regex *)(void *)(block + at[2]);
  p->row = (expr_ins *)(void *)(block + at[3]);
  p->group = (expr_ins *)(void *)(block + at[4]);
  p->sets = (expr_set *)(void *)(block + at[5]);
  p->preds = (expr_pred *)(void *)(block + at[6]);
  p->columns = (expr_column *)(void *)(block + at[7]);
  p->width = (uint8_t *)(block + at[8]);
  p->pool = block + at[9];
  for (uint32_t r = 0; r < b->nregs; r++)
    p->width[r] = b->regs[r].width;
  p->nconsts = b->nconsts;
  p->naggs = b->naggs;
  p->nregexes = b->nregexes;
  p->nrow = b->nrow;
  p->ngroup = b->ngroup;
  p->nsets = b->nsets;
  p->npreds = b->npreds;
  p->ncolumns = b->ncolumns;
  p->nregs = (uint16_t)b->nregs;
  p->npool = cx->npool;
  b->nregexes = 0;   /* the plan owns the patterns now */
  return 0;
}

/* Free what the compiler holds; the plan is the caller's business. */
static void compiler_free(compiler *cx) {
  plan_builder *b = &cx->b;
  frame_mem *m = &cx->mem;
  for (uint32_t i = 0; i < b->nregexes; i++)
    pcre2_code_free(b->regexes[i].code);
  frame_mem_free(m, b->row, b->caprow * sizeof *b->row);
  frame_mem_free(m, b->group, b->capgroup * sizeof *b->group);
  frame_mem_free(m, b->regs, b->capregs * sizeof *b->regs);
  frame_mem_free(m, b->consts, b->capconsts * sizeof *b->consts);
  frame_mem_free(m, b->sets, b->capsets * sizeof *b->sets);
  frame_mem_free(m, b->preds, b->cappreds * sizeof *b->preds);
  frame_mem_free(m, b->regexes, b->capregexes * sizeof *b->regexes);
  frame_mem_free(m, b->aggs, b->capaggs * sizeof *b->aggs);
  frame_mem_free(m, b->columns, b->capcolumns * sizeof *b->columns);
  frame_mem_free(m, b->colreg, b->capcolreg * sizeof *b->colreg);
  frame_mem_free(m, cx->nodes, cx->capnodes * sizeof *cx->nodes);
  frame_mem_free(m, cx->pool, cx->cappool);
}

expr_plan *expr_compile(const char *src, size_t len, const frame *schema,
                        expr_mode mode, const frame_mem *mem, expr_error *err) {
  memset(err, 0, sizeof *err);
  compiler cx;
  memset(&cx, 0, sizeof cx);
  cx.mem = mem ? *mem : (frame_mem){.alloc = NULL};
  cx.err = err;
  cx.schema = schema;
  cx.mode = mode;
  if (len > PW_EXPR_MAX_LENGTH) {
    cx_error(&cx, 1, 1, "expression too long (more than %d bytes)", PW_EXPR_MAX_LENGTH);
    return NULL;
  }
  expr_plan *p = frame_mem_alloc(&cx.mem, sizeof *p);
  if (p == NULL) {
    cx_nomem(&cx);
    return NULL;
  }
  memset(p, 0, sizeof *p);
  p->mem = cx.mem;
  p->mode = mode;
  p->column_ref = -1;
  cx.plan = p;
  expr_lex_init(&cx, src, len);
  pool_str text;
  int32_t root = -1;
  if (cx_pool_add(&cx, src, len, &text) == 0 && (root = expr_parse(&cx)) >= 0 &&
      expr_check(&cx, root) == 0 && expr_codegen(&cx, root) == 0 && pack(&cx) == 0)
    p->source = text.off;
  compiler_free(&cx);
  if (cx.failed) {
    expr_plan_free(p);
    return NULL;
  }
  return p;
}

void expr_plan_free(expr_plan *p) {
  if (p == NULL)
    return;
  for (uint32_t i = 0; i < p->nregexes; i++)
    pcre2_code_free(p->regexes[i].code);   /* frees through p->mem */
  frame_mem m = p->mem;
  frame_mem_free(&m, p->block, p->nblock);
  frame_mem_free(&m, p, sizeof *p);
}
