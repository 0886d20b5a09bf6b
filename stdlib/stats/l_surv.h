/* l_surv.h: what the survival bindings share: the small formula language
** of km, logrank and cox, and the frame's columns turned into the cores'
** arrays (NA rows dropped and counted). Private to l_stats_surv*.c. */
#ifndef PW_STDLIB_L_SURV_H
#define PW_STDLIB_L_SURV_H

#include <lua.h>
#include <stddef.h>
#include <stdint.h>

#include "frame/frame.h"

#if !defined(PW_SURV_MAX_TERMS)
#define PW_SURV_MAX_TERMS 32   /* terms on a formula's right-hand side */
/* stats.cox (l_stats_cox.c). */
int pw_surv_lcox(lua_State *L);

#endif

/* How a right-hand-side term enters. */
typedef enum surv_term_kind {
  SURV_TERM_PLAIN = 0,   /* a column: numeric covariate, or a factor (str, bool) */
  SURV_TERM_FACTOR,      /* factor(x): levels of any column */
  SURV_TERM_STRATA       /* strata(x): a stratum, never a covariate */
} surv_term_kind;

/* One right-hand-side term. */
typedef struct surv_term {
  surv_term_kind kind;   /* how it enters */
  size_t col;            /* its column in the frame */
  const char *name;      /* the column's name (the frame's string) */
} surv_term;

/* A parsed formula, its columns found in the frame. */
typedef struct surv_formula {
  size_t time_col;       /* Surv(time, ...) */
  size_t event_col;      /* Surv(..., event) */
  size_t nterms;         /* 0 for `~ 1` */
  surv_term terms[PW_SURV_MAX_TERMS];   /* in formula order */
} surv_formula;

/* Parse the formula at argument `arg` against frame f; a bad argument
** error on any problem. `fname` names the function in messages. */
void pw_surv_formula(lua_State *L, int arg, const frame *f, const char *fname,
                     surv_formula *fm);

/* The rows a model uses: those with no NA in any column of the formula. */
typedef struct surv_rows {
  size_t n;              /* rows kept */
  size_t dropped;        /* rows with an NA (counted, as R's na.action) */
  uint32_t *row;         /* n frame rows, ascending */
  double *time;          /* n times */
  uint8_t *dead;         /* n events (1 = death), from 0/1, bool or 1/2 */
} surv_rows;

/* Fill r from the formula's time and event columns; buffers are userdata
** left on the stack (+1). Raises on a non-numeric time, an event coding
** that is not 0/1, bool or 1/2, or no rows left. [-0, +1, v] */
void pw_surv_rows(lua_State *L, const frame *f, const surv_formula *fm, const char *fname,
                  surv_rows *r);

/* Codes of column c over the kept rows: codes[i] in 0 .. nlev-1 in R's
** factor level order (numbers ascending, strings by bytes, FALSE before
** TRUE), and a Lua array of the level labels as R prints them pushed.
** Returns nlev. [-0, +1, m] */
uint32_t pw_surv_levels(lua_State *L, const frame_column *c, const surv_rows *r,
                        uint32_t *codes);

/* Combine the terms `which` (array of term indices, count k) into one
** grouping: codes[n] dense 0 .. ngroups-1 in R's strata() order (first
** term slowest), and an array of R's labels ("sex=1, ph.ecog=0") pushed.
** k = 0 gives one group labelled "all". Returns ngroups. [-0, +1, m] */
uint32_t pw_surv_groups(lua_State *L, const frame *f, const surv_formula *fm,
                        const size_t *which, size_t k, const surv_rows *r, uint32_t *codes);

/* A userdata buffer of n * size bytes (at least 1), pushed. Raises when
** the size overflows. [-0, +1, m] */
void *pw_surv_buffer(lua_State *L, size_t n, size_t size);

/* options[idx].conf_level (default 0.95); raises unless in (0, 1). The
** options table at idx is already checked to be a table. [-0, +0, v] */
double pw_surv_conf_level(lua_State *L, int idx);

/* Push a double array as a Lua array (n set); NaN as nil when na_nil. */
void pw_surv_push_array(lua_State *L, const double *v, size_t n, int na_nil);

/* stats.cox (l_stats_cox.c). */
int pw_surv_lcox(lua_State *L);

#endif
