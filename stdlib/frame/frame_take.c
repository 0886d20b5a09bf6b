/* frame_take.c: new columns and frames from chosen rows: gather, filter, slice. */
#include <string.h>

#include "frame_internal.h"

/* Typed gathers: the switch on the type is outside the loops. A NONE row
** reads as 0 (it is marked NA afterwards); returns how many rows were NONE. */
static size_t gather(const frame_column *c, const frame_row *rows, size_t n, void *dst) {
  size_t nones = 0;
  switch (c->type) {
  case FRAME_INT:
  case FRAME_NUM: { /* both 8 bytes: copied as bits */
    const uint64_t *s = c->data;
    uint64_t *d = dst;
    for (size_t i = 0; i < n; i++) {
      frame_row r = rows[i];
      nones += r == FRAME_ROW_NONE;
      d[i] = r == FRAME_ROW_NONE ? 0 : s[r];
    }
    break;
  }
  case FRAME_BOOL: {
    const uint8_t *s = c->data;
    uint8_t *d = dst;
    for (size_t i = 0; i < n; i++) {
      frame_row r = rows[i];
      nones += r == FRAME_ROW_NONE;
      d[i] = r == FRAME_ROW_NONE ? 0 : s[r];
    }
    break;
  }
  default: { /* date (int32) and dictionary codes (uint32): 4 bytes */
    const uint32_t *s = c->data;
    uint32_t *d = dst;
    for (size_t i = 0; i < n; i++) {
      frame_row r = rows[i];
      nones += r == FRAME_ROW_NONE;
      d[i] = r == FRAME_ROW_NONE ? 0 : s[r];
    }
    break;
  }
  }
  return nones;
}

/* Validity of the gathered column out: NA where the row is NONE or the
** source row is NA. */
static int gather_validity(const frame_column *c, const frame_row *rows, size_t n,
                           frame_column *out) {
  size_t bytes = fi_bitmap_bytes(n);
  uint64_t *valid = frame_mem_alloc(&out->mem, bytes);
  if (valid == NULL)
    return FRAME_ENOMEM;
  memset(valid, 0xff, bytes);
  size_t n_na = 0;
  for (size_t i = 0; i < n; i++) {
    frame_row r = rows[i];
    if (r == FRAME_ROW_NONE || frame_is_na(c, r)) {
      fi_bit_clear(valid, i);
      n_na++;
    }
  }
  out->valid = valid;
  out->n_na = n_na;
  fi_drop_empty_bitmap(out);
  return FRAME_OK;
}

/* Length of a plain column's string at row r (an NA row holds ""). */
static size_t plain_len(const frame_column *c, size_t r) {
  return (size_t)(c->offsets[r + 1] - c->offsets[r] - 1);
}

/* Gather a plain str column: measure, allocate once, copy. */
static int take_plain(const frame_column *c, const frame_row *rows, size_t n,
                      frame_column *out) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += (rows[i] == FRAME_ROW_NONE ? 0 : plain_len(c, rows[i])) + 1;
  if (n == 0)
    return FRAME_OK;
  char *bytes = frame_mem_alloc(&out->mem, total);
  if (bytes == NULL)
    return FRAME_ENOMEM;
  size_t pos = 0;
  for (size_t i = 0; i < n; i++) {
    frame_row r = rows[i];
    size_t len = r == FRAME_ROW_NONE ? 0 : plain_len(c, r);
    out->offsets[i] = pos;
    if (len)
      memcpy(bytes + pos, c->bytes + c->offsets[r], len);
    bytes[pos + len] = '\0';
    pos += len + 1;
  }
  out->offsets[n] = pos;
  out->bytes = bytes;
  return FRAME_OK;
}

int frame_column_take(const frame_column *c, const frame_row *rows, size_t n,
                      frame_column **out) {
  if (n > PW_FRAME_MAX_ROWS)
    return FRAME_ETOOBIG;
  frame_column *r = frame_column_new(&c->mem, c->type, n, c->dict);
  if (r == NULL)
    return FRAME_ENOMEM;
  int status = FRAME_OK;
  size_t nones = 0;
  if (c->type == FRAME_STR && c->dict == NULL) {
    status = take_plain(c, rows, n, r);
    for (size_t i = 0; i < n && nones == 0; i++)
      nones += rows[i] == FRAME_ROW_NONE;
  } else {
    nones = gather(c, rows, n, r->data);
  }
  if (status == FRAME_OK && (c->valid != NULL || nones > 0))
    status = gather_validity(c, rows, n, r);
  if (status != FRAME_OK) {
    frame_column_unref(r);
    return status;
  }
  *out = r;
  return FRAME_OK;
}

/* Copy bits [start, start + n) of a validity bitmap to a new one. */
static int slice_validity(const frame_column *c, size_t start, size_t n,
                          frame_column *out) {
  size_t bytes = fi_bitmap_bytes(n);
  uint64_t *valid = frame_mem_alloc(&out->mem, bytes);
  if (valid == NULL)
    return FRAME_ENOMEM;
  memset(valid, 0xff, bytes);
  size_t n_na = 0;
  for (size_t i = 0; i < n; i++)
    if (frame_is_na(c, start + i)) {
      fi_bit_clear(valid, i);
      n_na++;
    }
  out->valid = valid;
  out->n_na = n_na;
  fi_drop_empty_bitmap(out);
  return FRAME_OK;
}

int frame_column_slice(const frame_column *c, size_t start, size_t n,
                       frame_column **out) {
  frame_column *r = frame_column_new(&c->mem, c->type, n, c->dict);
  if (r == NULL)
    return FRAME_ENOMEM;
  int status = FRAME_OK;
  if (c->type == FRAME_STR && c->dict == NULL) {
    uint64_t base = c->offsets[start];
    size_t total = (size_t)(c->offsets[start + n] - base);
    if (n > 0) {
      r->bytes = frame_mem_alloc(&r->mem, total);
      if (r->bytes == NULL) {
        frame_column_unref(r);
        return FRAME_ENOMEM;
      }
      memcpy(r->bytes, c->bytes + base, total);
      for (size_t i = 0; i <= n; i++)
        r->offsets[i] = c->offsets[start + i] - base;
    }
  } else if (n > 0) {
    size_t w = fi_type_width(c->type);
    memcpy(r->data, (const char *)c->data + start * w, n * w);
  }
  if (c->valid != NULL)
    status = slice_validity(c, start, n, r);
  if (status != FRAME_OK) {
    frame_column_unref(r);
    return status;
  }
  *out = r;
  return FRAME_OK;
}

/* Add column c (whose reference passes to the frame) under name. */
static int add_owned(frame *f, const char *name, frame_column *c) {
  int status = frame_add(f, name, c);
  frame_column_unref(c);
  return status;
}

int frame_take(const frame *f, const frame_row *rows, size_t n, frame **out) {
  if (n > PW_FRAME_MAX_ROWS)
    return FRAME_ETOOBIG;
  frame *r = frame_new(&f->mem, n);
  if (r == NULL)
    return FRAME_ENOMEM;
  for (size_t j = 0; j < f->ncol; j++) {
    frame_column *c;
    int status = frame_column_take(f->cols[j], rows, n, &c);
    if (status == FRAME_OK)
      status = add_owned(r, f->names[j], c);
    if (status != FRAME_OK) {
      frame_free(r);
      return status;
    }
  }
  *out = r;
  return FRAME_OK;
}

int frame_filter(const frame *f, const uint8_t *mask, frame **out) {
  size_t kept = 0;
  for (size_t i = 0; i < f->nrow; i++)
    kept += mask[i] != 0;
  if (kept == f->nrow)
    return frame_copy(f, out);
  frame_row *rows = fi_alloc_array(&f->mem, kept, sizeof *rows);
  if (rows == NULL)
    return FRAME_ENOMEM;
  size_t j = 0;
  for (size_t i = 0; i < f->nrow; i++)
    if (mask[i])
      rows[j++] = (frame_row)i;
  int status = frame_take(f, rows, kept, out);
  fi_free_array(&f->mem, rows, kept, sizeof *rows);
  return status;
}

int frame_slice(const frame *f, size_t start, size_t n, frame **out) {
  if (start > f->nrow)
    start = f->nrow;
  if (n > f->nrow - start)
    n = f->nrow - start;
  if (start == 0 && n == f->nrow)
    return frame_copy(f, out);
  frame *r = frame_new(&f->mem, n);
  if (r == NULL)
    return FRAME_ENOMEM;
  for (size_t j = 0; j < f->ncol; j++) {
    frame_column *c;
    int status = frame_column_slice(f->cols[j], start, n, &c);
    if (status == FRAME_OK)
      status = add_owned(r, f->names[j], c);
    if (status != FRAME_OK) {
      frame_free(r);
      return status;
    }
  }
  *out = r;
  return FRAME_OK;
}
