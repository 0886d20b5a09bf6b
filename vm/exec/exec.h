/* exec.h: run compiled expression plans (lang/expr) over frames, a batch
** of rows at a time, in C: filter masks, new columns, per-group values. */
#ifndef PW_VM_EXEC_H
#define PW_VM_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include "expr/expr.h"
#include "frame/frame.h"

#if !defined(PW_EXEC_BATCH)
#define PW_EXEC_BATCH 2048   /* rows per batch: a multiple of 64 (bitmap words) */
#endif

/* Status of a run. */
typedef enum exec_status {
  EXEC_OK = 0,        /* done */
  EXEC_ENOMEM = -1,   /* an allocation failed; nothing was produced */
  EXEC_EFRAME = -2,   /* the frame is not the one the plan was compiled for */
  EXEC_EREGEX = -3,   /* PCRE2 failed on a subject (match or JIT stack limit) */
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

/* --------------------------------------------- frame helpers (temporary) */
/* Small stand-ins for stdlib/frame's kernels (frame_filter, frame_group,
** frame_column_take), written before those existed; the binding uses them
** for filter and summarise's `by`. To be replaced by the frame kernels. */

/* A new frame with the rows of f where mask[i] != 0, sharing dictionaries
** (and whole columns when every row is kept). NULL when out of memory. */
frame *exec_frame_filter(const frame *f, const uint8_t *mask, const frame_mem *m);

/* Group ids of f's rows by the columns keys[0..nkeys): gid[i] (f->nrow
** entries, caller-allocated) numbers the distinct key tuples in order of
** first appearance; *ngroups gets their number and *first (allocated
** through m; free it with (*ngroups ? *ngroups : 1) * sizeof(size_t)
** bytes) the first row of each. NA is a key value like any other. 0, or -1
** when out of memory. */
int exec_group_ids(const frame *f, const size_t *keys, size_t nkeys, const frame_mem *m,
                   uint32_t *gid, size_t *ngroups, size_t **first);

/* A new column made of rows rows[0..n) of c (shares c's dictionary). */
frame_column *exec_column_take(const frame_column *c, const size_t *rows, size_t n,
                               const frame_mem *m);

#endif
