/* exec.h: run compiled expression plans (lang/expr) over frames, a batch
** of rows at a time, in C: filter masks, new columns, per-group values. */
#ifndef PW_VM_EXEC_H
#define PW_VM_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include "expr/expr.h"
#include "frame/frame.h"

#if !defined(PW_EXEC_STOP_EVERY)
#define PW_EXEC_STOP_EVERY 8   /* batches between two looks at the stop hook */
#endif

#if !defined(PW_EXEC_BATCH)
#define PW_EXEC_BATCH 2048   /* rows per batch: a multiple of 64 (bitmap words) */
#endif

/* Status of a run. */
typedef enum exec_status {
  EXEC_OK = 0,        /* done */
  EXEC_ENOMEM = -1,   /* an allocation failed; nothing was produced */
  EXEC_EFRAME = -2,   /* the frame is not the one the plan was compiled for */
  EXEC_EREGEX = -3,   /* PCRE2 failed on a subject (match or JIT stack limit) */
  EXEC_ESTOP = -5,    /* the allocator's stop hook asked to stop (frame_mem) */
  EXEC_EPLAN = -4     /* the plan was compiled for another use (a per-group
                         plan given to exec_filter, ...) */
} exec_status;

/* What a run has to say beyond its status: the error message, and counts
** of values that became NA, which the caller reports as warnings. */
typedef struct exec_report {
  char msg[EXPR_ERRMSG_SIZE];  /* why the run failed, "" on success */
  size_t overflow;             /* int results out of int64 (or date) range */
  size_t nan;                  /* num results that were NaN (0/0, log(-1), ...) */
} exec_report;

/* Evaluate a filter plan (EXPR_FILTER) over every row of f: mask[i] is 1
** where the predicate is true, 0 where it is false or NA (SQL's WHERE).
** mask has f->nrow bytes; working memory comes from m. */
exec_status exec_filter(const expr_plan *p, const frame *f, const frame_mem *m,
                        uint8_t *mask, exec_report *rep);

/* Evaluate a per-row plan (EXPR_MUTATE or a per-row EXPR_INSPECT) into a
** new column of f->nrow rows, allocated through m (a str result is
** interned into a new dictionary). A plan that is just a column returns
** that column with one more reference. */
exec_status exec_mutate(const expr_plan *p, const frame *f, const frame_mem *m,
                        frame_column **out, exec_report *rep);

/* Evaluate a per-group plan (EXPR_SUMMARISE) over f's rows, where row i
** belongs to group gid[i] < ngroups (gid NULL: every row is group 0 and
** ngroups must be 1), into a new column of ngroups rows. */
exec_status exec_summarise(const expr_plan *p, const frame *f, const uint32_t *gid,
                           size_t ngroups, const frame_mem *m, frame_column **out,
                           exec_report *rep);

#endif
