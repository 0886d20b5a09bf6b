/* frame_distinct.c: distinct rows, distinct values and counts per group. */
#include <string.h>

#include "frame_internal.h"

int frame_distinct(const frame *f, const size_t *cols, size_t ncols, frame **out) {
  size_t *all = NULL;
  if (ncols == 0) { /* every column */
    ncols = f->ncol;
    all = fi_alloc_array(&f->mem, ncols, sizeof *all);
    if (all == NULL)
      return FRAME_ENOMEM;
    for (size_t j = 0; j < ncols; j++)
      all[j] = j;
    cols = all;
  }
  frame *sub = NULL;
  frame_row *codes = fi_alloc_array(&f->mem, f->nrow, sizeof *codes);
  frame_row *first = NULL;
  size_t k = 0;
  int status = codes ? frame_select(f, cols, NULL, ncols, &sub) : FRAME_ENOMEM;
  if (status == FRAME_OK)
    status = frame_factorize(f, cols, ncols, codes, &k);
  if (status == FRAME_OK) {
    first = fi_alloc_array(&f->mem, k, sizeof *first);
    status = first ? FRAME_OK : FRAME_ENOMEM;
  }
  if (status == FRAME_OK) {
    fi_first_rows(codes, f->nrow, first, k);
    status = frame_take(sub, first, k, out);
  }
  if (first)
    fi_free_array(&f->mem, first, k, sizeof *first);
  fi_free_array(&f->mem, codes, f->nrow, sizeof *codes);
  frame_free(sub);
  if (all)
    fi_free_array(&f->mem, all, ncols, sizeof *all);
  return status;
}

/* "n", or as many n as make a name no key has (dplyr's rule). */
static int count_name(const frame *keys, char *name, size_t size) {
  size_t len = 1;
  name[0] = 'n';
  name[1] = '\0';
  while (frame_find(keys, name) >= 0) {
    if (len + 2 > size)
      return FRAME_EEXIST;
    name[len++] = 'n';
    name[len] = '\0';
  }
  return FRAME_OK;
}

int frame_count(const frame *f, const size_t *keys, size_t nkeys, frame **out) {
  frame_groups *g;
  int status = frame_group(f, keys, nkeys, &g);
  if (status != FRAME_OK)
    return status;
  frame *r = NULL;
  frame_column *n = NULL;
  char name[64];
  status = frame_group_keys(f, g, &r);
  if (status == FRAME_OK)
    status = count_name(r, name, sizeof name);
  if (status == FRAME_OK) {
    n = frame_column_new(&f->mem, FRAME_INT, g->ngroups, NULL);
    status = n ? FRAME_OK : FRAME_ENOMEM;
  }
  if (status == FRAME_OK) {
    int64_t *v = n->data;
    for (size_t i = 0; i < g->ngroups; i++)
      v[i] = (int64_t)(g->start[i + 1] - g->start[i]);
    status = frame_add(r, name, n);
  }
  frame_column_unref(n);
  frame_groups_free(g);
  if (status != FRAME_OK) {
    frame_free(r);
    return status;
  }
  *out = r;
  return FRAME_OK;
}

int frame_column_unique(const frame_column *c, frame_column **out) {
  size_t n = c->n, k = 0;
  frame_row *codes = fi_alloc_array(&c->mem, n, sizeof *codes);
  if (codes == NULL)
    return FRAME_ENOMEM;
  frame_row *first = NULL;
  int status = fi_key_codes(&c->mem, 1, &n, &c, 1, 0, codes, &k);
  if (status == FRAME_OK) {
    first = fi_alloc_array(&c->mem, k, sizeof *first);
    status = first ? FRAME_OK : FRAME_ENOMEM;
  }
  if (status == FRAME_OK) {
    fi_first_rows(codes, n, first, k);
    status = frame_column_take(c, first, k, out);
  }
  if (first)
    fi_free_array(&c->mem, first, k, sizeof *first);
  fi_free_array(&c->mem, codes, n, sizeof *codes);
  return status;
}
