/* exec_frame.c: the frame operations the expression methods need (rows by
** mask, group ids by key columns), until stdlib/frame's kernels replace
** them. */
#include <string.h>

#include "exec_int.h"

/* ------------------------------------------------------------ take */

static size_t value_width(frame_type t) {
  switch (t) {
  case FRAME_INT: case FRAME_NUM: return 8;
  case FRAME_BOOL: return 1;
  default: return 4;   /* date (int32), codes (uint32) */
  }
}

/* Plain strings of rows[0..n) of c into the new column o. */
static int take_plain(const frame_column *c, const size_t *rows, size_t n, frame_column *o) {
  uint64_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += c->offsets[rows[i] + 1] - c->offsets[rows[i]];
  if (total == 0)
    return 0;
  o->bytes = frame_mem_alloc(&o->mem, (size_t)total);
  if (o->bytes == NULL)
    return -1;
  uint64_t at = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t from = c->offsets[rows[i]], len = c->offsets[rows[i] + 1] - from;
    memcpy(o->bytes + at, c->bytes + from, (size_t)len);
    o->offsets[i] = at;
    at += len;
  }
  o->offsets[n] = at;
  return 0;
}

frame_column *exec_column_take(const frame_column *c, const size_t *rows, size_t n,
                               const frame_mem *m) {
  frame_column *o = frame_column_new(m, c->type, n, c->dict);
  if (o == NULL)
    return NULL;
  if (c->type == FRAME_STR && c->dict == NULL) {
    if (take_plain(c, rows, n, o) != 0)
      goto fail;
  } else {
    size_t w = value_width(c->type);
    const char *src = c->data;
    char *dst = o->data;
    switch (w) {
    case 8:
      for (size_t i = 0; i < n; i++)
        memcpy(dst + i * 8, src + rows[i] * 8, 8);
      break;
    case 4:
      for (size_t i = 0; i < n; i++)
        memcpy(dst + i * 4, src + rows[i] * 4, 4);
      break;
    default:
      for (size_t i = 0; i < n; i++)
        dst[i] = src[rows[i]];
    }
  }
  if (c->valid)
    for (size_t i = 0; i < n; i++)
      if (frame_is_na(c, rows[i]) && frame_column_set_na(o, i) != 0)
        goto fail;
  return o;
fail:
  frame_column_unref(o);
  return NULL;
}

frame *exec_frame_filter(const frame *f, const uint8_t *mask, const frame_mem *m) {
  size_t k = 0;
  for (size_t i = 0; i < f->nrow; i++)
    k += mask[i] != 0;
  size_t *rows = frame_mem_alloc(m, (k ? k : 1) * sizeof *rows);
  frame *out = rows ? frame_new(m, k) : NULL;
  if (out == NULL)
    goto fail;
  for (size_t i = 0, j = 0; i < f->nrow; i++)
    if (mask[i])
      rows[j++] = i;
  for (size_t c = 0; c < f->ncol; c++) {
    frame_column *col = f->cols[c];
    if (k == f->nrow)
      frame_column_ref(col);   /* every row kept: share */
    else if ((col = exec_column_take(f->cols[c], rows, k, m)) == NULL)
      goto fail;
    int rc = frame_add(out, f->names[c], col);
    frame_column_unref(col);
    if (rc != 0)
      goto fail;
  }
  frame_mem_free(m, rows, (k ? k : 1) * sizeof *rows);
  return out;
fail:
  frame_mem_free(m, rows, (k ? k : 1) * sizeof *rows);
  frame_free(out);
  return NULL;
}

/* ------------------------------------------------------------ groups */

/* Hash of row r's key tuple; NA hashes as itself. */
static uint64_t row_hash(const frame *f, const size_t *keys, size_t nkeys, size_t r) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t k = 0; k < nkeys; k++) {
    const frame_column *c = f->cols[keys[k]];
    uint64_t v = 0x5bd1e995;   /* NA */
    if (!frame_is_na(c, r)) {
      if (c->type == FRAME_STR && c->dict == NULL) {
        v = 1469598103934665603ULL;
        for (uint64_t i = c->offsets[r]; i < c->offsets[r + 1]; i++)
          v = (v ^ (unsigned char)c->bytes[i]) * 1099511628211ULL;
      } else if (c->type == FRAME_NUM) {
        double d = ((const double *)c->data)[r];
        if (d == 0)
          d = 0;
        memcpy(&v, &d, sizeof v);
      } else if (c->type == FRAME_INT) {
        v = (uint64_t)((const int64_t *)c->data)[r];
      } else if (c->type == FRAME_BOOL) {
        v = ((const uint8_t *)c->data)[r];
      } else {
        v = value_width(c->type) == 4 ? ((const uint32_t *)c->data)[r] : 0;
      }
    }
    h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 31;
  }
  return h;
}

static int rows_equal(const frame *f, const size_t *keys, size_t nkeys, size_t a, size_t b) {
  for (size_t k = 0; k < nkeys; k++) {
    const frame_column *c = f->cols[keys[k]];
    int na = frame_is_na(c, a), nb = frame_is_na(c, b);
    if (na || nb) {
      if (na != nb)
        return 0;
      continue;
    }
    if (c->type == FRAME_STR && c->dict == NULL) {
      size_t la, lb;
      const char *sa = frame_str(c, a, &la), *sb = frame_str(c, b, &lb);
      if (la != lb || memcmp(sa, sb, la) != 0)
        return 0;
    } else if (c->type == FRAME_NUM) {
      if (((const double *)c->data)[a] != ((const double *)c->data)[b])
        return 0;
    } else {
      size_t w = value_width(c->type);
      if (memcmp((const char *)c->data + a * w, (const char *)c->data + b * w, w) != 0)
        return 0;
    }
  }
  return 1;
}

/* Hash table from key tuple to group, grown as groups appear. */
typedef struct group_table {
  uint32_t *slots;   /* group + 1, 0 empty */
  size_t nslots;     /* a power of two */
  size_t *first;     /* first row of each group */
  size_t ngroups;    /* groups so far */
  size_t cap;        /* room in first */
} group_table;

static int grow_groups(group_table *t, const frame *f, const size_t *keys, size_t nkeys,
                       const frame_mem *m) {
  size_t n = t->nslots * 2;
  uint32_t *s = frame_mem_alloc(m, n * sizeof *s);
  if (s == NULL)
    return -1;
  memset(s, 0, n * sizeof *s);
  for (size_t g = 0; g < t->ngroups; g++) {
    size_t j = row_hash(f, keys, nkeys, t->first[g]) & (n - 1);
    while (s[j])
      j = (j + 1) & (n - 1);
    s[j] = (uint32_t)g + 1;
  }
  frame_mem_free(m, t->slots, t->nslots * sizeof *t->slots);
  t->slots = s;
  t->nslots = n;
  return 0;
}

int exec_group_ids(const frame *f, const size_t *keys, size_t nkeys, const frame_mem *m,
                   uint32_t *gid, size_t *ngroups, size_t **first) {
  group_table t = {NULL, 1024, NULL, 0, 1024};
  int rc = -1;
  *first = NULL;
  *ngroups = 0;
  t.slots = frame_mem_alloc(m, t.nslots * sizeof *t.slots);
  t.first = frame_mem_alloc(m, t.cap * sizeof *t.first);
  if (t.slots == NULL || t.first == NULL)
    goto done;
  memset(t.slots, 0, t.nslots * sizeof *t.slots);
  for (size_t r = 0; r < f->nrow; r++) {
    size_t j = row_hash(f, keys, nkeys, r) & (t.nslots - 1);
    uint32_t g1;
    while ((g1 = t.slots[j]) != 0 && !rows_equal(f, keys, nkeys, t.first[g1 - 1], r))
      j = (j + 1) & (t.nslots - 1);
    if (g1 == 0) {
      if (t.ngroups == UINT32_MAX - 1)
        goto done;
      if (t.ngroups == t.cap) {
        size_t *nf = frame_mem_realloc(m, t.first, t.cap * sizeof *nf, t.cap * 2 * sizeof *nf);
        if (nf == NULL)
          goto done;
        t.first = nf;
        t.cap *= 2;
      }
      t.first[t.ngroups] = r;
      g1 = (uint32_t)++t.ngroups;
      t.slots[j] = g1;
      if (t.ngroups * 2 > t.nslots && grow_groups(&t, f, keys, nkeys, m) != 0)
        goto done;
    }
    gid[r] = g1 - 1;
  }
  *first = frame_mem_alloc(m, (t.ngroups ? t.ngroups : 1) * sizeof **first);
  if (*first == NULL)
    goto done;
  memcpy(*first, t.first, t.ngroups * sizeof **first);
  *ngroups = t.ngroups;
  rc = 0;
done:
  frame_mem_free(m, t.slots, t.nslots * sizeof *t.slots);
  frame_mem_free(m, t.first, t.cap * sizeof *t.first);
  return rc;
}
