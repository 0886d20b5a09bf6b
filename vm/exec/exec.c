/* exec.c: the interpreter's driver: bind a plan to a frame, run its
** programs batch by batch, and turn the result register into a filter
** mask, a column, or a column of per-group values. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "exec_int.h"

#define ARENA_BLOCK 65536   /* bytes of a batch arena block, at least */

/* ------------------------------------------------------------ memory */

exec_status exec_fail(exec_state *x, exec_status s, const char *fmt, ...) {
  if (x->status != EXEC_OK)
    return x->status;
  x->status = s;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(x->rep->msg, sizeof x->rep->msg, fmt, ap);
  va_end(ap);
  return s;
}

void *exec_alloc(exec_state *x, size_t n) {
  void *p = frame_mem_alloc(&x->mem, n);
  if (p == NULL)
    exec_fail(x, EXEC_ENOMEM, "expression: not enough memory");
  return p;
}

void exec_free(exec_state *x, void *p, size_t n) { frame_mem_free(&x->mem, p, n); }

/* n bytes that stay valid until the next batch starts. Blocks are kept
** and reused, so a steady run allocates nothing per batch. */
char *exec_arena(exec_state *x, size_t n) {
  arena_block *b = x->cur;
  while (b && b->size - b->used < n)
    b = b->next;
  if (b == NULL) {
    size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    b = exec_alloc(x, sizeof *b + size);
    if (b == NULL)
      return NULL;
    b->size = size;
    b->used = 0;
    b->next = x->arena;   /* new blocks go first; reset walks them all */
    x->arena = b;
  }
  x->cur = b;
  char *p = b->data + b->used;
  b->used += n;
  return p;
}

static void arena_reset(exec_state *x) {
  for (arena_block *b = x->arena; b; b = b->next)
    b->used = 0;
  x->cur = x->arena;
}

/* ------------------------------------------------------------ binding */

/* Fill constant registers with a whole batch of their value, once. */
static void fill_const(exec_state *x, const expr_const *k, size_t batch) {
  exec_reg *r = REG(x, k->reg);
  for (size_t i = 0; i < batch; i++) {
    switch (k->type) {
    case EXPR_NUM: ((double *)r->buf)[i] = k->v.d; break;
    case EXPR_BOOL: ((uint8_t *)r->buf)[i] = (uint8_t)k->v.i; break;
    case EXPR_STR:
      ((exec_view *)r->buf)[i] = (exec_view){x->p->pool + k->v.s.off, k->v.s.len};
      break;
    default: ((int64_t *)r->buf)[i] = k->v.i; break;
    }
  }
  r->data = r->buf;
  r->valid = NULL;
  if (k->is_na) {
    memset(r->vbuf, 0, batch);
    r->valid = r->vbuf;
  }
}

/* Check the frame against the plan's record of its columns: a plan is
** compiled for one frame's columns and must not read others. */
static exec_status check_frame(exec_state *x) {
  for (uint32_t i = 0; i < x->p->ncolumns; i++) {
    const expr_column *c = &x->p->columns[i];
    const frame_column *fc = c->index < x->f->ncol ? x->f->cols[c->index] : NULL;
    if (fc == NULL || fc->type != (frame_type)c->type || (fc->dict != NULL) != c->dict ||
        strcmp(x->f->names[c->index], x->p->pool + c->name) != 0)
      return exec_fail(x, EXEC_EFRAME, "expression: the frame does not match the "
                       "compiled expression (column '%s')", x->p->pool + c->name);
  }
  return EXEC_OK;
}

/* What each entry point runs: per-row plans (filter: bool ones) or
** per-group plans. */
enum { RUN_FILTER, RUN_ROWS, RUN_GROUPS };

static exec_status begin(exec_state *x, const expr_plan *p, const frame *f,
                         const frame_mem *m, exec_report *rep, int use) {
  memset(x, 0, sizeof *x);
  memset(rep, 0, sizeof *rep);
  x->p = p;
  x->f = f;
  x->mem = m ? *m : (frame_mem){.alloc = NULL};
  x->rep = rep;
  if ((use == RUN_GROUPS) != (p->aggregates != 0) || (use == RUN_FILTER && p->type != EXPR_BOOL))
    return exec_fail(x, EXEC_EPLAN, "expression: the plan is not a %s plan",
                     use == RUN_FILTER ? "filter" : use == RUN_ROWS ? "per-row" : "per-group");
  if (check_frame(x) != EXEC_OK)
    return x->status;
  x->regs = exec_alloc(x, (p->nregs ? p->nregs : 1) * sizeof *x->regs);
  if (x->regs == NULL)
    return x->status;
  memset(x->regs, 0, (p->nregs ? p->nregs : 1) * sizeof *x->regs);
  for (uint16_t r = 0; r < p->nregs; r++) {
    x->regs[r].buf = exec_alloc(x, PW_EXEC_BATCH * (size_t)p->width[r]);
    x->regs[r].vbuf = exec_alloc(x, PW_EXEC_BATCH);
    if (x->status != EXEC_OK)
      return x->status;
  }
  for (uint32_t k = 0; k < p->nconsts; k++)
    if (p->consts[k].reg != EXPR_NOREG)
      fill_const(x, &p->consts[k], PW_EXEC_BATCH);
  if (p->nregexes > 0) {
    x->gctx = expr_pcre2_context(&x->mem);
    x->md = x->gctx ? pcre2_match_data_create(1, x->gctx) : NULL;
    if (x->md == NULL)
      return exec_fail(x, EXEC_ENOMEM, "expression: not enough memory");
  }
  if (exec_str_bind(x) != 0)
    return x->status;
  return EXEC_OK;
}

static void end(exec_state *x) {
  const expr_plan *p = x->p;
  exec_agg_end(x);
  if (x->regs)
    for (uint16_t r = 0; r < p->nregs; r++) {
      exec_free(x, x->regs[r].buf, PW_EXEC_BATCH * (size_t)p->width[r]);
      exec_free(x, x->regs[r].vbuf, PW_EXEC_BATCH);
    }
  exec_free(x, x->regs, (p->nregs ? p->nregs : 1) * sizeof *x->regs);
  if (x->tables && x->ntables)
    for (uint32_t i = 0; i < p->npreds; i++)
      exec_free(x, x->tables[i], x->ntables[i]);
  exec_free(x, x->tables, p->npreds * sizeof *x->tables);
  exec_free(x, x->ntables, p->npreds * sizeof *x->ntables);
  exec_free(x, x->table_na, p->npreds);
  exec_free(x, x->codes, p->nrow * sizeof *x->codes);
  while (x->arena) {
    arena_block *next = x->arena->next;
    exec_free(x, x->arena, sizeof *x->arena + x->arena->size);
    x->arena = next;
  }
  pcre2_match_data_free(x->md);
  pcre2_general_context_free(x->gctx);
  exec_free(x, x->hgvs, sizeof *x->hgvs);
}

/* ------------------------------------------------------------ running */

/* Read one batch of a column into register dst, without copying where the
** representation is the same (int, num, bool, codes). */
static void load(exec_state *x, const expr_ins *in) {
  const frame_column *c = x->f->cols[in->aux];
  exec_reg *d = REG(x, in->dst);
  size_t s = x->start, n = x->n;
  d->valid = NULL;
  if (c->valid) {
    exec_expand_bits(d->vbuf, c->valid, s, n);
    d->valid = d->vbuf;
  }
  switch (in->op) {
  case EXPR_OP_LOAD_I: d->data = (const int64_t *)c->data + s; break;
  case EXPR_OP_LOAD_N: d->data = (const double *)c->data + s; break;
  case EXPR_OP_LOAD_B: d->data = (const uint8_t *)c->data + s; break;
  case EXPR_OP_LOAD_C:
    d->data = (const uint32_t *)c->data + s;
    d->dict = c->dict;
    break;
  case EXPR_OP_LOAD_D: {
    const int32_t *src = (const int32_t *)c->data + s;
    int64_t *out = d->buf;
    for (size_t i = 0; i < n; i++)
      out[i] = src[i];
    d->data = out;
    break;
  }
  default: { /* EXPR_OP_LOAD_S: views of a plain column */
    exec_view *out = d->buf;
    for (size_t i = 0; i < n; i++) {
      uint64_t from = c->offsets[s + i], to = c->offsets[s + i + 1];
      out[i] = (exec_view){c->bytes + from, (size_t)(to - from - 1)};
    }
    d->data = out;
  }
  }
}

/* Run one program over the current batch. */
static exec_status run(exec_state *x, const expr_ins *prog, uint32_t nins) {
  /* a time limit or an interrupt stops a long run between batches */
  if ((x->start / PW_EXEC_BATCH) % PW_EXEC_STOP_EVERY == 0 && x->mem.stop &&
      x->mem.stop(x->mem.stop_ud))
    return exec_fail(x, EXEC_ESTOP, "expression: stopped (a time limit or an interrupt)");
  arena_reset(x);
  for (uint32_t pc = 0; pc < nins && x->status == EXEC_OK; pc++) {
    const expr_ins *in = &prog[pc];
    switch (in->op) {
    case EXPR_OP_LOAD_I: case EXPR_OP_LOAD_N: case EXPR_OP_LOAD_B: case EXPR_OP_LOAD_D:
    case EXPR_OP_LOAD_C: case EXPR_OP_LOAD_S:
      load(x, in);
      break;
    case EXPR_OP_LOAD_AGG:
      exec_agg_load(x, in);
      break;
    case EXPR_OP_DECODE: case EXPR_OP_CMP_S: case EXPR_OP_CODE_EQ: case EXPR_OP_CODE_NE:
    case EXPR_OP_CODE_TEST: case EXPR_OP_IN_S: case EXPR_OP_MATCH_S: case EXPR_OP_LOWER:
    case EXPR_OP_UPPER: case EXPR_OP_LEN: case EXPR_OP_SUBSTR:
      exec_op_str(x, in);
      break;
    case EXPR_OP_AND: case EXPR_OP_OR: case EXPR_OP_NOT: case EXPR_OP_IS_NA:
    case EXPR_OP_CMP_I: case EXPR_OP_CMP_N: case EXPR_OP_CMP_B: case EXPR_OP_IN_I:
    case EXPR_OP_IN_N:
      exec_op_logic(x, in);
      break;
    case EXPR_OP_IF_ELSE: case EXPR_OP_COALESCE: case EXPR_OP_YEAR: case EXPR_OP_MONTH:
      exec_op_misc(x, in);
      break;
    case EXPR_OP_HGVS: case EXPR_OP_CODE_NAME:
      exec_op_hgvs(x, in);
      break;
    default:
      exec_op_num(x, in);
    }
  }
  return x->status;
}

exec_status exec_filter(const expr_plan *p, const frame *f, const frame_mem *m,
                        uint8_t *mask, exec_report *rep) {
  exec_state x;
  if (begin(&x, p, f, m, rep, RUN_FILTER) == EXEC_OK) {
    for (x.start = 0; x.start < f->nrow; x.start += PW_EXEC_BATCH) {
      x.n = f->nrow - x.start < PW_EXEC_BATCH ? f->nrow - x.start : PW_EXEC_BATCH;
      if (run(&x, p->row, p->nrow) != EXEC_OK)
        break;
      const exec_reg *r = REG(&x, p->result);
      const uint8_t *v = r->data, *ok = r->valid;
      uint8_t *out = mask + x.start;
      if (ok)
        for (size_t i = 0; i < x.n; i++)
          out[i] = v[i] & ok[i];
      else
        memcpy(out, v, x.n);
    }
  }
  end(&x);
  return x.status;
}

/* ------------------------------------------------------------ output */

/* Mark the NA rows of one batch in column c's bitmap, made on first use. */
static void store_valid(exec_state *x, frame_column *c, size_t start, const uint8_t *ok, size_t n) {
  if (ok == NULL)
    return;
  for (size_t i = 0; i < n; i++) {
    if (ok[i])
      continue;
    if (c->valid == NULL) {
      size_t bytes = (c->n + 63) / 64 * sizeof(uint64_t);
      c->valid = exec_alloc(x, bytes);
      if (c->valid == NULL)
        return;
      memset(c->valid, 0xff, bytes);
    }
    size_t row = start + i;
    c->valid[row >> 6] &= ~((uint64_t)1 << (row & 63));
    c->n_na++;
  }
}

/* Append the result register's batch to column c at row `start`. */
static void store(exec_state *x, frame_column *c, const exec_reg *r, size_t start) {
  size_t n = x->n;
  store_valid(x, c, start, r->valid, n);
  switch (x->p->type) {
  case EXPR_INT: memcpy((int64_t *)c->data + start, r->data, n * sizeof(int64_t)); break;
  case EXPR_NUM: memcpy((double *)c->data + start, r->data, n * sizeof(double)); break;
  case EXPR_BOOL: memcpy((uint8_t *)c->data + start, r->data, n); break;
  case EXPR_DATE: {
    const int64_t *v = r->data;
    int32_t *out = (int32_t *)c->data + start;
    for (size_t i = 0; i < n; i++) {
      int present = r->valid == NULL || r->valid[i];
      if (v[i] < INT32_MIN || v[i] > INT32_MAX) {
        out[i] = 0;
        if (present && frame_column_set_na(c, start + i) != 0)
          exec_fail(x, EXEC_ENOMEM, "expression: not enough memory");
        x->rep->overflow += (size_t)present;
      } else {
        out[i] = (int32_t)v[i];
      }
    }
    break;
  }
  default: {
    const exec_view *v = r->data;
    uint32_t *codes = (uint32_t *)c->data + start;
    for (size_t i = 0; i < n && x->status == EXEC_OK; i++) {
      if (r->valid && !r->valid[i]) {
        codes[i] = 0;
        continue;
      }
      int64_t code = frame_dict_intern(c->dict, v[i].s, v[i].len);
      if (code < 0)
        exec_fail(x, EXEC_ENOMEM, "expression: not enough memory");
      codes[i] = (uint32_t)code;
    }
  }
  }
}

/* A new empty column of the plan's type and n rows (str: with a new
** dictionary). */
static frame_column *new_column(exec_state *x, const frame_mem *m, size_t n) {
  frame_dict *d = NULL;
  frame_type t = x->p->type == EXPR_NA ? FRAME_BOOL : (frame_type)x->p->type;
  if (t == FRAME_STR && (d = frame_dict_new(m)) == NULL) {
    exec_fail(x, EXEC_ENOMEM, "expression: not enough memory");
    return NULL;
  }
  frame_column *c = frame_column_new(m, t, n, d);
  frame_dict_unref(d);   /* the column holds it now */
  if (c == NULL)
    exec_fail(x, EXEC_ENOMEM, "expression: not enough memory");
  return c;
}

exec_status exec_mutate(const expr_plan *p, const frame *f, const frame_mem *m,
                        frame_column **out, exec_report *rep) {
  exec_state x;
  frame_column *c = NULL;
  *out = NULL;
  if (begin(&x, p, f, m, rep, RUN_ROWS) == EXEC_OK) {
    if (p->column_ref >= 0) {
      c = f->cols[p->column_ref];
      frame_column_ref(c);
    } else if ((c = new_column(&x, m, f->nrow)) != NULL) {
      for (x.start = 0; x.start < f->nrow; x.start += PW_EXEC_BATCH) {
        x.n = f->nrow - x.start < PW_EXEC_BATCH ? f->nrow - x.start : PW_EXEC_BATCH;
        if (run(&x, p->row, p->nrow) != EXEC_OK)
          break;
        store(&x, c, REG(&x, p->result), x.start);
      }
    }
  }
  end(&x);
  if (x.status != EXEC_OK)
    frame_column_unref(c);
  else
    *out = c;
  return x.status;
}

exec_status exec_summarise(const expr_plan *p, const frame *f, const uint32_t *gid,
                           size_t ngroups, const frame_mem *m, frame_column **out,
                           exec_report *rep) {
  exec_state x;
  frame_column *c = NULL;
  *out = NULL;
  if (begin(&x, p, f, m, rep, RUN_GROUPS) == EXEC_OK) {
    x.ngroups = ngroups;
    x.gid = gid;
    if (exec_agg_begin(&x) == 0) {
      for (x.start = 0; x.start < f->nrow; x.start += PW_EXEC_BATCH) {
        x.n = f->nrow - x.start < PW_EXEC_BATCH ? f->nrow - x.start : PW_EXEC_BATCH;
        if (run(&x, p->row, p->nrow) != EXEC_OK)
          break;
        exec_agg_update(&x);
      }
    }
    if (x.status == EXEC_OK && exec_agg_finish(&x) == 0 &&
        (c = new_column(&x, m, ngroups)) != NULL) {
      for (x.start = 0; x.start < ngroups; x.start += PW_EXEC_BATCH) {
        x.n = ngroups - x.start < PW_EXEC_BATCH ? ngroups - x.start : PW_EXEC_BATCH;
        if (run(&x, p->group, p->ngroup) != EXEC_OK)
          break;
        store(&x, c, REG(&x, p->result), x.start);
      }
    }
  }
  end(&x);
  if (x.status != EXEC_OK)
    frame_column_unref(c);
  else
    *out = c;
  return x.status;
}
