/* frame.c: columns, dictionaries and frames: construction, sharing, freeing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"

/* ------------------------------------------------------------- memory */

void *frame_mem_realloc(const frame_mem *m, void *p, size_t osize, size_t nsize) {
  if (m && m->alloc)
    return m->alloc(m->ud, p, p ? osize : 0, nsize);
  if (nsize == 0) {
    free(p);
    return NULL;
  }
  return realloc(p, nsize);
}

void *frame_mem_alloc(const frame_mem *m, size_t n) {
  return frame_mem_realloc(m, NULL, 0, n ? n : 1);
}

void frame_mem_free(const frame_mem *m, void *p, size_t n) {
  if (p)
    frame_mem_realloc(m, p, n ? n : 1, 0);
}

const char *frame_type_name(frame_type t) {
  static const char *const names[] = {"int", "num", "bool", "date", "str"};
  return (unsigned)t < 5 ? names[t] : "?";
}

/* Bytes per value of each type's data array (str: a uint32_t code). */
static size_t width(frame_type t) {
  switch (t) {
  case FRAME_INT: return sizeof(int64_t);
  case FRAME_NUM: return sizeof(double);
  case FRAME_BOOL: return sizeof(uint8_t);
  case FRAME_DATE: return sizeof(int32_t);
  default: return sizeof(uint32_t);
  }
}

static size_t bitmap_bytes(size_t n) { return ((n + 63) / 64) * sizeof(uint64_t); }

/* --------------------------------------------------------- dictionaries */

/* FNV-1a: short strings, cheap, good enough spread for open addressing. */
static uint32_t hash_bytes(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

frame_dict *frame_dict_new(const frame_mem *m) {
  frame_dict *d = frame_mem_alloc(m, sizeof *d);
  if (d == NULL)
    return NULL;
  memset(d, 0, sizeof *d);
  d->mem = m ? *m : (frame_mem){.alloc = NULL};
  d->refcount = 1;
  d->cap = 16;
  d->nslots = 64;
  d->bytes_cap = 256;
  d->offsets = frame_mem_alloc(&d->mem, (d->cap + 1) * sizeof *d->offsets);
  d->slots = frame_mem_alloc(&d->mem, d->nslots * sizeof *d->slots);
  d->bytes = frame_mem_alloc(&d->mem, d->bytes_cap);
  if (!d->offsets || !d->slots || !d->bytes) {
    frame_dict_unref(d);
    return NULL;
  }
  memset(d->slots, 0, d->nslots * sizeof *d->slots);
  d->offsets[0] = 0;
  return d;
}

void frame_dict_ref(frame_dict *d) {
  if (d)
    d->refcount++;
}

void frame_dict_unref(frame_dict *d) {
  if (d == NULL || --d->refcount > 0)
    return;
  frame_mem_free(&d->mem, d->offsets, d->offsets ? (d->cap + 1) * sizeof *d->offsets : 0);
  frame_mem_free(&d->mem, d->slots, d->slots ? d->nslots * sizeof *d->slots : 0);
  frame_mem_free(&d->mem, d->bytes, d->bytes ? d->bytes_cap : 0);
  frame_mem m = d->mem;
  frame_mem_free(&m, d, sizeof *d);
}

static int64_t find_slot(const frame_dict *d, const char *s, size_t len, uint32_t *slot) {
  uint32_t mask = d->nslots - 1;
  for (uint32_t i = hash_bytes(s, len) & mask;; i = (i + 1) & mask) {
    uint32_t code1 = d->slots[i];
    if (code1 == 0) {
      *slot = i;
      return -1;
    }
    size_t l;
    const char *t = frame_dict_str(d, code1 - 1, &l);
    if (l == len && memcmp(t, s, len) == 0)
      return code1 - 1;
  }
}

int64_t frame_dict_find(const frame_dict *d, const char *s, size_t len) {
  uint32_t slot;
  return find_slot(d, s, len, &slot);
}

/* Double the hash index and re-insert every string. */
static int rehash(frame_dict *d) {
  if (d->nslots > UINT32_MAX / 2)
    return -1; /* the index cannot double again: 2^31 strings at most */
  uint32_t nslots = d->nslots * 2;
  uint32_t *slots = frame_mem_alloc(&d->mem, nslots * sizeof *slots);
  if (slots == NULL)
    return -1;
  memset(slots, 0, nslots * sizeof *slots);
  for (uint32_t c = 0; c < d->n; c++) {
    size_t l;
    const char *s = frame_dict_str(d, c, &l);
    uint32_t i = hash_bytes(s, l) & (nslots - 1);
    while (slots[i])
      i = (i + 1) & (nslots - 1);
    slots[i] = c + 1;
  }
  frame_mem_free(&d->mem, d->slots, d->nslots * sizeof *d->slots);
  d->slots = slots;
  d->nslots = nslots;
  return 0;
}

/* Make room for one more string of `len` bytes. */
static int reserve(frame_dict *d, size_t len) {
  if (d->n == UINT32_MAX - 1)
    return -1;
  if (d->n + 1 > d->cap) {
    uint32_t cap = d->cap > UINT32_MAX / 2 ? UINT32_MAX - 1 : d->cap * 2;
    uint64_t *o = frame_mem_realloc(&d->mem, d->offsets, (d->cap + 1) * sizeof *o,
                                    ((size_t)cap + 1) * sizeof *o);
    if (o == NULL)
      return -1;
    d->offsets = o;
    d->cap = cap;
  }
  if (d->nbytes + len + 1 > d->bytes_cap) {
    size_t cap = d->bytes_cap * 2;
    while (cap < d->nbytes + len + 1)
      cap *= 2;
    char *b = frame_mem_realloc(&d->mem, d->bytes, d->bytes_cap, cap);
    if (b == NULL)
      return -1;
    d->bytes = b;
    d->bytes_cap = cap;
  }
  if ((size_t)(d->n + 1) * 2 > d->nslots)
    return rehash(d);
  return 0;
}

int64_t frame_dict_intern(frame_dict *d, const char *s, size_t len) {
  uint32_t slot;
  int64_t code = find_slot(d, s, len, &slot);
  if (code >= 0)
    return code;
  if (reserve(d, len) != 0)
    return -1;
  if (find_slot(d, s, len, &slot) >= 0)   /* the index may have been rebuilt */
    return -1;
  memcpy(d->bytes + d->nbytes, s, len);
  d->bytes[d->nbytes + len] = '\0';
  d->nbytes += len + 1;
  d->offsets[d->n + 1] = d->nbytes;
  d->slots[slot] = d->n + 1;
  return d->n++;
}

/* -------------------------------------------------------------- columns */

frame_column *frame_column_new(const frame_mem *m, frame_type t, size_t n,
                               frame_dict *dict) {
  if (n >= SIZE_MAX / sizeof(uint64_t))
    return NULL; /* the buffer sizes below would wrap around */
  frame_column *c = frame_mem_alloc(m, sizeof *c);
  if (c == NULL)
    return NULL;
  memset(c, 0, sizeof *c);
  c->mem = m ? *m : (frame_mem){.alloc = NULL};
  c->refcount = 1;
  c->type = t;
  c->n = n;
  if (t == FRAME_STR && dict == NULL) {
    c->offsets = frame_mem_alloc(&c->mem, (n + 1) * sizeof *c->offsets);
    if (c->offsets == NULL)
      goto fail;
    memset(c->offsets, 0, (n + 1) * sizeof *c->offsets);
    return c;
  }
  c->data = frame_mem_alloc(&c->mem, n * width(t));
  if (c->data == NULL)
    goto fail;
  memset(c->data, 0, n * width(t));
  if (t == FRAME_STR) {
    c->dict = dict;
    frame_dict_ref(dict);
  }
  return c;
fail:
  frame_column_unref(c);
  return NULL;
}

void frame_column_ref(frame_column *c) {
  if (c)
    c->refcount++;
}

/* Size of a plain column's byte buffer: what its last offset says. */
static size_t plain_bytes(const frame_column *c) {
  return c->offsets ? (size_t)c->offsets[c->n] : 0;
}

void frame_column_unref(frame_column *c) {
  if (c == NULL || --c->refcount > 0)
    return;
  frame_mem_free(&c->mem, c->valid, c->valid ? bitmap_bytes(c->n) : 0);
  frame_mem_free(&c->mem, c->data, c->data ? c->n * width(c->type) : 0);
  frame_mem_free(&c->mem, c->bytes, plain_bytes(c));
  frame_mem_free(&c->mem, c->offsets, c->offsets ? (c->n + 1) * sizeof *c->offsets : 0);
  frame_dict_unref(c->dict);
  frame_mem m = c->mem;
  frame_mem_free(&m, c, sizeof *c);
}

int frame_column_set_na(frame_column *c, size_t i) {
  if (c->valid == NULL) {
    c->valid = frame_mem_alloc(&c->mem, bitmap_bytes(c->n));
    if (c->valid == NULL)
      return -1;
    memset(c->valid, 0xff, bitmap_bytes(c->n));
  }
  uint64_t bit = (uint64_t)1 << (i & 63);
  if (c->valid[i >> 6] & bit) {
    c->valid[i >> 6] &= ~bit;
    c->n_na++;
  }
  return 0;
}

const char *frame_str(const frame_column *c, size_t i, size_t *len) {
  if (frame_is_na(c, i)) {
    if (len)
      *len = 0;
    return NULL;
  }
  if (c->dict)
    return frame_dict_str(c->dict, ((const uint32_t *)c->data)[i], len);
  if (len)
    *len = (size_t)(c->offsets[i + 1] - c->offsets[i] - 1);
  return c->bytes + c->offsets[i];
}

/* --------------------------------------------------------------- frames */

frame *frame_new(const frame_mem *m, size_t nrow) {
  frame *f = frame_mem_alloc(m, sizeof *f);
  if (f == NULL)
    return NULL;
  memset(f, 0, sizeof *f);
  f->mem = m ? *m : (frame_mem){.alloc = NULL};
  f->nrow = nrow;
  return f;
}

void frame_free(frame *f) {
  if (f == NULL)
    return;
  for (size_t i = 0; i < f->ncol; i++) {
    frame_mem_free(&f->mem, f->names[i], strlen(f->names[i]) + 1);
    frame_column_unref(f->cols[i]);
  }
  frame_mem_free(&f->mem, f->names, f->cap * sizeof *f->names);
  frame_mem_free(&f->mem, f->cols, f->cap * sizeof *f->cols);
  frame_mem m = f->mem;
  frame_mem_free(&m, f, sizeof *f);
}

long frame_find(const frame *f, const char *name) {
  for (size_t i = 0; i < f->ncol; i++)
    if (strcmp(f->names[i], name) == 0)
      return (long)i;
  return -1;
}

/* Double the capacity of names and cols (new blocks, then free the old). */
static int grow(frame *f) {
  size_t cap = f->cap ? f->cap * 2 : 8;
  char **names = frame_mem_alloc(&f->mem, cap * sizeof *names);
  frame_column **cols = frame_mem_alloc(&f->mem, cap * sizeof *cols);
  if (names == NULL || cols == NULL) {
    frame_mem_free(&f->mem, names, cap * sizeof *names);
    frame_mem_free(&f->mem, cols, cap * sizeof *cols);
    return -1;
  }
  if (f->ncol) {
    memcpy(names, f->names, f->ncol * sizeof *names);
    memcpy(cols, f->cols, f->ncol * sizeof *cols);
  }
  frame_mem_free(&f->mem, f->names, f->cap * sizeof *names);
  frame_mem_free(&f->mem, f->cols, f->cap * sizeof *cols);
  f->names = names;
  f->cols = cols;
  f->cap = cap;
  return 0;
}

int frame_add(frame *f, const char *name, frame_column *c) {
  if (c->n != f->nrow)
    return -3;
  if (frame_find(f, name) >= 0)
    return -2;
  if (f->ncol == f->cap && grow(f) != 0)
    return -1;
  size_t len = strlen(name);
  char *copy = frame_mem_alloc(&f->mem, len + 1);
  if (copy == NULL)
    return -1;
  memcpy(copy, name, len + 1);
  f->names[f->ncol] = copy;
  f->cols[f->ncol] = c;
  frame_column_ref(c);
  f->ncol++;
  return 0;
}
