/* frame_group.c: grouping rows by key columns into ordered groups. */
#include <string.h>

#include "frame_internal.h"

/* Rows are factorized (frame_key.c), which gives groups in order of first
** appearance in O(n); only the groups' first rows are then sorted by key,
** O(g log g), and the rows are bucketed per group by a counting sort, which
** keeps each group's rows in frame order. */

void frame_groups_free(frame_groups *g) {
  if (g == NULL)
    return;
  frame_mem m = g->mem;
  fi_free_array(&m, g->keys, g->nkeys, sizeof *g->keys);
  fi_free_array(&m, g->gid, g->nrow, sizeof *g->gid);
  fi_free_array(&m, g->first, g->ngroups, sizeof *g->first);
  fi_free_array(&m, g->start, g->ngroups + 1, sizeof *g->start);
  fi_free_array(&m, g->rows, g->nrow, sizeof *g->rows);
  frame_mem_free(&m, g, sizeof *g);
}

/* Renumber the groups of g (codes in first-appearance order in g->gid,
** first rows in g->first) so that they follow the keys' order. */
static int order_groups(const frame *f, frame_groups *g) {
  size_t k = g->ngroups;
  frame_row *order = fi_alloc_array(&g->mem, k, sizeof *order);
  frame_row *rank = fi_alloc_array(&g->mem, k, sizeof *rank);
  int status = order && rank ? FRAME_OK : FRAME_ENOMEM;
  if (status == FRAME_OK) {
    memcpy(order, g->first, k * sizeof *order);
    status = frame_sort_rows(f, g->keys, NULL, g->nkeys, order, k);
  }
  if (status == FRAME_OK) {
    for (size_t pos = 0; pos < k; pos++)
      rank[g->gid[order[pos]]] = (frame_row)pos;
    memcpy(g->first, order, k * sizeof *order);
    for (size_t i = 0; i < g->nrow; i++)
      g->gid[i] = rank[g->gid[i]];
  }
  fi_free_array(&g->mem, order, k, sizeof *order);
  fi_free_array(&g->mem, rank, k, sizeof *rank);
  return status;
}

/* g->start and g->rows from g->gid: a stable counting sort. */
static void bucket_rows(frame_groups *g) {
  memset(g->start, 0, (g->ngroups + 1) * sizeof *g->start);
  for (size_t i = 0; i < g->nrow; i++)
    g->start[g->gid[i] + 1]++;
  for (size_t c = 0; c < g->ngroups; c++)
    g->start[c + 1] += g->start[c];
  for (size_t i = 0; i < g->nrow; i++)
    g->rows[g->start[g->gid[i]]++] = (frame_row)i;
  for (size_t c = g->ngroups; c > 0; c--) /* each start moved to its end */
    g->start[c] = g->start[c - 1];
  g->start[0] = 0;
}

int frame_group(const frame *f, const size_t *keys, size_t nkeys, frame_groups **out) {
  if (f->nrow > PW_FRAME_MAX_ROWS)
    return FRAME_ETOOBIG;
  frame_groups *g = frame_mem_alloc(&f->mem, sizeof *g);
  if (g == NULL)
    return FRAME_ENOMEM;
  memset(g, 0, sizeof *g);
  g->mem = f->mem;
  g->nrow = f->nrow;
  g->nkeys = nkeys; /* before the allocations: frame_groups_free needs the sizes */
  g->keys = fi_alloc_array(&g->mem, nkeys, sizeof *g->keys);
  g->gid = fi_alloc_array(&g->mem, g->nrow, sizeof *g->gid);
  g->rows = fi_alloc_array(&g->mem, g->nrow, sizeof *g->rows);
  int status = g->keys && g->gid && g->rows ? FRAME_OK : FRAME_ENOMEM;
  if (status == FRAME_OK) {
    if (nkeys)
      memcpy(g->keys, keys, nkeys * sizeof *keys);
    status = frame_factorize(f, keys, nkeys, g->gid, &g->ngroups);
  }
  if (status == FRAME_OK && nkeys == 0)
    g->ngroups = 1; /* even with no rows: a summary of nothing is one row */
  if (status == FRAME_OK) {
    size_t ng = g->ngroups;
    g->first = fi_alloc_array(&g->mem, ng, sizeof *g->first);
    g->start = fi_alloc_array(&g->mem, ng + 1, sizeof *g->start);
    if (g->first == NULL || g->start == NULL) {
      g->ngroups = 0; /* the sizes frame_groups_free uses */
      fi_free_array(&g->mem, g->first, ng, sizeof *g->first);
      fi_free_array(&g->mem, g->start, ng + 1, sizeof *g->start);
      g->first = g->start = NULL;
      status = FRAME_ENOMEM;
    }
  }
  if (status == FRAME_OK) {
    fi_first_rows(g->gid, g->nrow, g->first, g->ngroups);
    if (nkeys > 0 && g->ngroups > 1)
      status = order_groups(f, g);
  }
  if (status != FRAME_OK) {
    frame_groups_free(g);
    return status;
  }
  bucket_rows(g);
  *out = g;
  return FRAME_OK;
}

int frame_group_keys(const frame *f, const frame_groups *g, frame **out) {
  frame *r = frame_new(&f->mem, g->ngroups);
  if (r == NULL)
    return FRAME_ENOMEM;
  for (size_t k = 0; k < g->nkeys; k++) {
    frame_column *c;
    int status = frame_column_take(f->cols[g->keys[k]], g->first, g->ngroups, &c);
    if (status == FRAME_OK) {
      status = frame_add(r, f->names[g->keys[k]], c);
      frame_column_unref(c);
    }
    if (status != FRAME_OK) {
      frame_free(r);
      return status;
    }
  }
  *out = r;
  return FRAME_OK;
}
