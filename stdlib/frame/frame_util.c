/* frame_util.c: status texts and the small helpers of frame_internal.h. */
#include <stdint.h>
#include <string.h>

#include "frame_internal.h"

const char *frame_strerror(int status) {
  switch (status) {
  case FRAME_OK:
    return "no error";
  case FRAME_ENOMEM:
    return "not enough memory";
  case FRAME_EEXIST:
    return "duplicate column name";
  case FRAME_ELENGTH:
    return "column length differs from the frame's";
  case FRAME_ETYPE:
    return "column type does not allow this operation";
  case FRAME_EOVERFLOW:
    return "integer overflow";
  case FRAME_ETOOBIG:
    return "result has too many rows";
  case FRAME_EARG:
    return "argument out of range";
  default:
    return "unknown error";
  }
}

size_t fi_type_width(frame_type t) {
  switch (t) {
  case FRAME_INT:
    return sizeof(int64_t);
  case FRAME_NUM:
    return sizeof(double);
  case FRAME_BOOL:
    return sizeof(uint8_t);
  case FRAME_DATE:
    return sizeof(int32_t);
  default:
    return sizeof(uint32_t);
  }
}

void *fi_alloc_array(const frame_mem *m, size_t n, size_t size) {
  if (size != 0 && n > SIZE_MAX / size)
    return NULL;
  return frame_mem_alloc(m, n * size);
}

void fi_free_array(const frame_mem *m, void *p, size_t n, size_t size) {
  frame_mem_free(m, p, n * size);
}

double fi_num_at(const frame_column *c, size_t i) {
  switch (c->type) {
  case FRAME_INT:
    return (double)((const int64_t *)c->data)[i];
  case FRAME_NUM:
    return ((const double *)c->data)[i];
  case FRAME_BOOL:
    return ((const uint8_t *)c->data)[i];
  case FRAME_DATE:
    return ((const int32_t *)c->data)[i];
  default:
    return 0;
  }
}

void fi_drop_empty_bitmap(frame_column *c) {
  if (c->valid != NULL && c->n_na == 0) {
    frame_mem_free(&c->mem, c->valid, fi_bitmap_bytes(c->n));
    c->valid = NULL;
  }
}

void fi_first_rows(const frame_row *codes, size_t n, frame_row *first, size_t ncodes) {
  for (size_t g = 0; g < ncodes; g++)
    first[g] = FRAME_ROW_NONE;
  for (size_t i = 0; i < n; i++)
    if (codes[i] != FRAME_ROW_NONE && first[codes[i]] == FRAME_ROW_NONE)
      first[codes[i]] = (frame_row)i;
}

/* Edit distance (Levenshtein) of two short strings; over 64 bytes: far. */
static size_t edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b), row[65];
  if (la > 64 || lb > 64)
    return SIZE_MAX;
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t sub = prev + (a[i - 1] != b[j - 1]), cur = row[j];
      size_t best = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1 : row[j - 1] + 1;
      row[j] = sub < best ? sub : best;
      prev = cur;
    }
  }
  return row[lb];
}

const char *frame_suggest_column(const frame *f, const char *name) {
  size_t best = SIZE_MAX, at = 0;
  for (size_t j = 0; j < f->ncol; j++) {
    size_t d = edit_distance(name, f->names[j]);
    if (d < best) {
      best = d;
      at = j;
    }
  }
  return best <= 2 && best < strlen(name) ? f->names[at] : NULL;
}
