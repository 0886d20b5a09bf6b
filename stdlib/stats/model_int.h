/* model_int.h: what the model cores (model_frame.c, model_matrix.c, lm.c,
** glm.c, model_stats.c) share and nothing else uses. */
#ifndef PW_STDLIB_STATS_MODEL_INT_H
#define PW_STDLIB_STATS_MODEL_INT_H

#include "stats/linalg.h"
#include "stats/model.h"

/* A formula being evaluated against a frame. */
typedef struct mm_ctx {
  const formula *f;     /* the formula */
  const frame *fr;      /* the data */
  model_error *err;     /* where errors go */
} mm_ctx;

#if defined(__GNUC__)
#define MM_PRINTF __attribute__((format(printf, 3, 4)))
#else
#define MM_PRINTF
#endif
void mm_error(model_error *err, long pos, const char *fmt, ...) MM_PRINTF;
double *mm_doubles(const frame_mem *m, size_t n);   /* NULL when out of memory */
void mm_free_doubles(const frame_mem *m, double *p, size_t n);

/* The column called name, or NULL with "unknown column ... (did you mean)". */
const frame_column *mm_column(const frame *fr, const char *name, long pos, model_error *err);

/* The column a FX_COL node names, or NULL with the error set. */
const frame_column *mm_node_column(const mm_ctx *cx, int nd);

/* Evaluate expression node nd over every frame row into out (NaN: NA). */
int mm_eval(const mm_ctx *cx, int nd, double *out);

/* Make variable `var` a factor on the used rows (see model_frame.c). */
int mm_factor(const mm_ctx *cx, int var, const frame_column *c, const double *x,
              const uint32_t *rows, size_t n, const model_frame *like, model_var *v);

/* Build mf->X, colnames and assign from the variables (model_matrix.c). */
int mm_design(const mm_ctx *cx, model_frame *mf, const model_frame *like);

/* Allocate a fit's arrays for mf (coef and cov NaN). -1: out of memory. */
int mm_fit_alloc(const model_frame *mf, model_fit *fit, model_error *err);

/* Scatter estimates b (pivoted order) and (R'R)^-1 into design order;
** covk holds rank^2 doubles, work rank^2. */
void mm_fit_unpivot(const linalg_qr *q, const double *b, model_fit *fit, double *covk,
                    double *work);

#endif
