/* frame_select.c: frames that share columns: select, rename, copy, set. */
#include <string.h>

#include "frame_internal.h"

int frame_select(const frame *f, const size_t *cols, const char *const *names, size_t n,
                 frame **out) {
  frame *r = frame_new(&f->mem, f->nrow);
  if (r == NULL)
    return FRAME_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    const char *name = names ? names[i] : f->names[cols[i]];
    int status = frame_add(r, name, f->cols[cols[i]]);
    if (status != FRAME_OK) {
      frame_free(r);
      return status;
    }
  }
  *out = r;
  return FRAME_OK;
}

int frame_copy(const frame *f, frame **out) {
  frame *r = frame_new(&f->mem, f->nrow);
  if (r == NULL)
    return FRAME_ENOMEM;
  for (size_t j = 0; j < f->ncol; j++) {
    int status = frame_add(r, f->names[j], f->cols[j]);
    if (status != FRAME_OK) {
      frame_free(r);
      return status;
    }
  }
  *out = r;
  return FRAME_OK;
}

int frame_set(frame *f, const char *name, frame_column *c) {
  if (c->n != f->nrow)
    return FRAME_ELENGTH;
  long j = frame_find(f, name);
  if (j < 0)
    return frame_add(f, name, c);
  frame_column_ref(c); /* before the unref: c may be the column it replaces */
  frame_column_unref(f->cols[j]);
  f->cols[j] = c;
  return FRAME_OK;
}
