/* test_frame_helpers.h: a checking allocator and column makers for the frame tests. */
#ifndef PW_TEST_FRAME_HELPERS_H
#define PW_TEST_FRAME_HELPERS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "frame/frame.h"
#include "frame/frame_ops.h"

/* The allocator every test uses: it checks that each block is freed with
** the size it was allocated with (what pw_alloc's accounting relies on),
** counts live blocks (a leak shows as a count above zero), and fails the
** allocation it is told to, as lua:ltests.c does. */

#define TRACK_SLOTS (1u << 17) /* open-addressing table of live blocks */

typedef struct tracker {
  long fail_at;  /* the allocation number that fails; -1: none */
  int sticky;    /* every allocation from fail_at on fails (Lua
                    retries a failed one after a collection) */
  long count;    /* allocations (growths included) so far */
  size_t live;   /* live blocks */
  size_t bytes;  /* their bytes */
  void **ptrs;   /* TRACK_SLOTS live pointers (NULL empty, 1 deleted) */
  size_t *sizes; /* their sizes */
} tracker;

static inline size_t track_slot(const void *p) {
  uintptr_t h = (uintptr_t)p;
  h ^= h >> 17;
  h *= 0x9E3779B97F4A7C15u;
  return (size_t)(h >> 20) & (TRACK_SLOTS - 1);
}

static inline void track_put(tracker *t, void *p, size_t n) {
  size_t i = track_slot(p);
  while (t->ptrs[i] != NULL && t->ptrs[i] != (void *)1)
    i = (i + 1) & (TRACK_SLOTS - 1);
  t->ptrs[i] = p;
  t->sizes[i] = n;
  t->live++;
  t->bytes += n;
}

static inline void track_take(tracker *t, void *p, size_t n) {
  size_t i = track_slot(p);
  while (t->ptrs[i] != p) {
    cr_assert_not_null(t->ptrs[i], "free of a block the allocator never gave: %p", p);
    i = (i + 1) & (TRACK_SLOTS - 1);
  }
  cr_assert_eq(t->sizes[i], n, "block %p of %zu bytes freed as %zu bytes", p, t->sizes[i],
               n);
  t->ptrs[i] = (void *)1;
  t->live--;
  t->bytes -= n;
}

/* frame_alloc_fn (lua_Alloc's contract). */
static inline void *track_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  tracker *t = ud;
  if (ptr == NULL)
    osize = 0;
  if (nsize == 0) {
    if (ptr)
      track_take(t, ptr, osize);
    free(ptr);
    return NULL;
  }
  if (nsize > osize) {
    long n = t->count++;
    if (n == t->fail_at || (t->sticky && t->fail_at >= 0 && n >= t->fail_at))
      return NULL;
  }
  void *q = malloc(nsize);
  if (q == NULL)
    return NULL;
  if (ptr) {
    memcpy(q, ptr, osize < nsize ? osize : nsize);
    track_take(t, ptr, osize);
    free(ptr);
  }
  track_put(t, q, nsize);
  return q;
}

static inline frame_mem track_init(tracker *t) {
  memset(t, 0, sizeof *t);
  t->fail_at = -1;
  t->ptrs = calloc(TRACK_SLOTS, sizeof *t->ptrs);
  t->sizes = calloc(TRACK_SLOTS, sizeof *t->sizes);
  cr_assert(t->ptrs && t->sizes);
  return (frame_mem){.alloc = track_alloc, .ud = t};
}

/* Everything allocated has been freed; then the table goes. */
static inline void track_done(tracker *t) {
  cr_assert_eq(t->live, 0, "%zu blocks (%zu bytes) leaked", t->live, t->bytes);
  free(t->ptrs);
  free(t->sizes);
}

/* Fail allocation k for k = 0, 1, ... while `run` fails with FRAME_ENOMEM;
** each failure must leave the live blocks as they were. `run` frees its
** result itself when it succeeds. Returns how many runs failed. */
typedef int (*track_run_fn)(const frame_mem *m, void *arg);

static inline long track_failures(tracker *t, const frame_mem *m, track_run_fn run,
                                  void *arg) {
  for (long k = 0;; k++) {
    size_t live = t->live;
    t->count = 0;
    t->fail_at = k;
    int status = run(m, arg);
    t->fail_at = -1;
    if (status == FRAME_OK) {
      cr_assert_eq(t->live, live, "the successful run leaked");
      return k;
    }
    cr_assert_eq(status, FRAME_ENOMEM, "allocation %ld failed: status %d", k, status);
    cr_assert_eq(t->live, live, "failing allocation %ld leaked %zu blocks", k,
                 t->live - live);
    cr_assert(k < 100000, "no end to the failures");
  }
}

/* ----------------------------------------------------------- columns */

/* na: NULL, or a string with 'x' at each NA row. */
static inline void mark_na(frame_column *c, const char *na) {
  for (size_t i = 0; na && na[i]; i++)
    if (na[i] == 'x')
      cr_assert_eq(frame_column_set_na(c, i), 0);
}

static inline frame_column *col_int(const frame_mem *m, size_t n, const int64_t *v,
                                    const char *na) {
  frame_column *c = frame_column_new(m, FRAME_INT, n, NULL);
  cr_assert_not_null(c);
  if (n)
    memcpy(c->data, v, n * sizeof *v);
  mark_na(c, na);
  return c;
}

static inline frame_column *col_num(const frame_mem *m, size_t n, const double *v,
                                    const char *na) {
  frame_column *c = frame_column_new(m, FRAME_NUM, n, NULL);
  cr_assert_not_null(c);
  if (n)
    memcpy(c->data, v, n * sizeof *v);
  mark_na(c, na);
  return c;
}

static inline frame_column *col_bool(const frame_mem *m, size_t n, const uint8_t *v,
                                     const char *na) {
  frame_column *c = frame_column_new(m, FRAME_BOOL, n, NULL);
  cr_assert_not_null(c);
  if (n)
    memcpy(c->data, v, n);
  mark_na(c, na);
  return c;
}

/* Dates from "YYYY-MM-DD" strings; NULL is NA. */
static inline frame_column *col_date(const frame_mem *m, size_t n, const char *const *v) {
  frame_column *c = frame_column_new(m, FRAME_DATE, n, NULL);
  cr_assert_not_null(c);
  for (size_t i = 0; i < n; i++) {
    if (v[i] == NULL) {
      cr_assert_eq(frame_column_set_na(c, i), 0);
      continue;
    }
    cr_assert_eq(frame_date_parse(v[i], strlen(v[i]), &((int32_t *)c->data)[i]), 0);
  }
  return c;
}

/* A dictionary-encoded str column; NULL strings are NA. dict: share it
** (NULL: a new one). */
static inline frame_column *col_str_dict(const frame_mem *m, size_t n,
                                         const char *const *v, frame_dict *dict) {
  frame_dict *d = dict ? dict : frame_dict_new(m);
  cr_assert_not_null(d);
  frame_column *c = frame_column_new(m, FRAME_STR, n, d);
  cr_assert_not_null(c);
  if (dict == NULL)
    frame_dict_unref(d);
  for (size_t i = 0; i < n; i++) {
    if (v[i] == NULL) {
      cr_assert_eq(frame_column_set_na(c, i), 0);
      continue;
    }
    int64_t code = frame_dict_intern(c->dict, v[i], strlen(v[i]));
    cr_assert_geq(code, 0);
    ((uint32_t *)c->data)[i] = (uint32_t)code;
  }
  return c;
}

static inline frame_column *col_str(const frame_mem *m, size_t n, const char *const *v) {
  return col_str_dict(m, n, v, NULL);
}

/* A plain (not dictionary-encoded) str column. */
static inline frame_column *col_plain(const frame_mem *m, size_t n,
                                      const char *const *v) {
  frame_column *c = frame_column_new(m, FRAME_STR, n, NULL);
  cr_assert_not_null(c);
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += (v[i] ? strlen(v[i]) : 0) + 1;
  if (n) {
    c->bytes = frame_mem_alloc(m, total);
    cr_assert_not_null(c->bytes);
  }
  size_t pos = 0;
  for (size_t i = 0; i < n; i++) {
    size_t len = v[i] ? strlen(v[i]) : 0;
    c->offsets[i] = pos;
    memcpy(c->bytes + pos, v[i] ? v[i] : "", len + 1);
    pos += len + 1;
  }
  if (n)
    c->offsets[n] = pos;
  for (size_t i = 0; i < n; i++)
    if (v[i] == NULL)
      cr_assert_eq(frame_column_set_na(c, i), 0);
  return c;
}

/* Add c to f (the frame takes over the test's reference). */
static inline void add(frame *f, const char *name, frame_column *c) {
  cr_assert_eq(frame_add(f, name, c), 0);
  frame_column_unref(c);
}

/* ------------------------------------------------------------ reading */

static inline frame_column *col_of(const frame *f, const char *name) {
  long j = frame_find(f, name);
  cr_assert_geq(j, 0, "no column %s", name);
  return f->cols[j];
}

static inline int64_t int_at(const frame_column *c, size_t i) {
  cr_assert_eq(c->type, FRAME_INT);
  cr_assert(!frame_is_na(c, i), "row %zu is NA", i);
  return ((const int64_t *)c->data)[i];
}

static inline double num_at(const frame_column *c, size_t i) {
  cr_assert_eq(c->type, FRAME_NUM);
  cr_assert(!frame_is_na(c, i), "row %zu is NA", i);
  return ((const double *)c->data)[i];
}

/* The string at row i, or "NA". */
static inline const char *str_at(const frame_column *c, size_t i) {
  const char *s = frame_str(c, i, NULL);
  return s ? s : "NA";
}

/* Rows of an int column as text, "1,NA,3", into buf. */
static inline const char *ints_text(const frame_column *c, char *buf, size_t size) {
  size_t at = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < c->n && at < size; i++) {
    if (frame_is_na(c, i))
      at += (size_t)snprintf(buf + at, size - at, "%sNA", i ? "," : "");
    else
      at += (size_t)snprintf(buf + at, size - at, "%s%lld", i ? "," : "",
                             (long long)((const int64_t *)c->data)[i]);
  }
  return buf;
}

/* Rows of a str column as text, "a,NA,b". */
static inline const char *strs_text(const frame_column *c, char *buf, size_t size) {
  size_t at = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < c->n && at < size; i++)
    at += (size_t)snprintf(buf + at, size - at, "%s%s", i ? "," : "", str_at(c, i));
  return buf;
}

/* Row numbers as text, "0,2,NONE". */
static inline const char *rows_text(const frame_row *r, size_t n, char *buf,
                                    size_t size) {
  size_t at = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n && at < size; i++) {
    if (r[i] == FRAME_ROW_NONE)
      at += (size_t)snprintf(buf + at, size - at, "%sNONE", i ? "," : "");
    else
      at += (size_t)snprintf(buf + at, size - at, "%s%u", i ? "," : "", r[i]);
  }
  return buf;
}

#endif
