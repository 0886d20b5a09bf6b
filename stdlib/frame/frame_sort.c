/* frame_sort.c: stable multi-key sorting of row numbers (radix and merge sort). */
#include <string.h>

#include "frame_internal.h"

/* Rows are sorted one key at a time, least significant first; every pass
** is stable, so the result is ordered by all keys and ties keep their
** input order. Numbers, dates, booleans and dictionary strings become
** order-preserving 64-bit keys sorted by an LSD radix sort that skips the
** bytes all keys share; plain strings (and dictionaries much larger than
** the rows sorted) go through a merge sort on an 8-byte prefix. */

#define SIGN64 ((uint64_t)1 << 63)

/* Scratch shared by the passes of one sort, allocated on first need. */
typedef struct sorter {
  const frame_mem *m;  /* where the scratch comes from */
  size_t n;            /* rows sorted: every array below holds n entries */
  uint64_t *keys;      /* the radix keys of the rows being sorted */
  uint64_t *keys2;     /* radix scatter target */
  frame_row *rows2;    /* partition and radix scatter target */
  struct strkey *str;  /* merge-sort entries (n) */
  struct strkey *str2; /* merge-sort scratch (n) */
} sorter;

/* A string to merge-sort: its first bytes, where to find it, its length. */
typedef struct strkey {
  uint64_t prefix; /* the first 8 bytes, big-endian, zero-padded */
  frame_row idx;   /* a row of the column, or a code of the dictionary */
  uint32_t len;    /* length, saturated at UINT32_MAX */
} strkey;

/* Where merge-sorted strings come from: a dictionary's codes or a column's rows. */
typedef struct strsrc {
  const frame_column *c; /* when d is NULL */
  const frame_dict *d;   /* when sorting dictionary codes */
  int desc;              /* descending */
} strsrc;

static const char *src_str(const strsrc *s, frame_row idx, size_t *len) {
  if (s->d)
    return frame_dict_str(s->d, idx, len);
  return frame_str(s->c, idx, len);
}

static uint64_t prefix_of(const char *s, size_t len) {
  uint64_t p = 0;
  for (size_t i = 0; i < 8; i++)
    p = (p << 8) | (i < len ? (unsigned char)s[i] : 0);
  return p;
}

static int strkey_cmp(const strkey *a, const strkey *b, const strsrc *s) {
  int c;
  if (a->prefix != b->prefix) {
    c = a->prefix < b->prefix ? -1 : 1;
  } else if (a->len <= 8 && b->len <= 8) { /* the prefixes hold both strings */
    c = a->len < b->len ? -1 : a->len > b->len;
  } else {
    size_t la, lb;
    const char *x = src_str(s, a->idx, &la), *y = src_str(s, b->idx, &lb);
    c = memcmp(x, y, la < lb ? la : lb);
    if (c == 0)
      c = la < lb ? -1 : la > lb;
  }
  return s->desc ? -c : c;
}

/* Stable top-down merge sort of a[0..n) with tmp of n/2 entries. */
static void merge_sort(strkey *a, strkey *tmp, size_t n, const strsrc *s) {
  if (n <= 16) {
    for (size_t i = 1; i < n; i++) {
      strkey x = a[i];
      size_t j = i;
      for (; j > 0 && strkey_cmp(&a[j - 1], &x, s) > 0; j--)
        a[j] = a[j - 1];
      a[j] = x;
    }
    return;
  }
  size_t h = n / 2;
  merge_sort(a, tmp, h, s);
  merge_sort(a + h, tmp, n - h, s);
  if (strkey_cmp(&a[h - 1], &a[h], s) <= 0)
    return;
  memcpy(tmp, a, h * sizeof *a);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n)
    a[k++] = strkey_cmp(&a[j], &tmp[i], s) < 0 ? a[j++] : tmp[i++];
  while (i < h)
    a[k++] = tmp[i++];
}

/* Make sure the merge-sort arrays exist. */
static int need_str(sorter *st) {
  if (st->str == NULL)
    st->str = fi_alloc_array(st->m, st->n, sizeof *st->str);
  if (st->str2 == NULL)
    st->str2 = fi_alloc_array(st->m, st->n, sizeof *st->str2);
  return st->str && st->str2 ? FRAME_OK : FRAME_ENOMEM;
}

/* Sort idx[0..n) (rows of s->c, or codes of s->d) by their strings. */
static int sort_strings(sorter *st, const strsrc *s, frame_row *idx, size_t n) {
  if (need_str(st) != FRAME_OK)
    return FRAME_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    size_t len;
    const char *str = src_str(s, idx[i], &len);
    st->str[i].prefix = prefix_of(str, len);
    st->str[i].idx = idx[i];
    st->str[i].len = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
  }
  merge_sort(st->str, st->str2, n, s);
  for (size_t i = 0; i < n; i++)
    idx[i] = st->str[i].idx;
  return FRAME_OK;
}

/* Stable LSD radix sort of (keys, rows)[0..n), one byte per pass over the
** low `nbytes` bytes (the others are zero), passes skipped where every key
** has the same byte. */
static void radix_sort(uint64_t *keys, frame_row *rows, uint64_t *k2, frame_row *r2,
                       size_t n, int nbytes) {
  if (n < 48) {
    for (size_t i = 1; i < n; i++) {
      uint64_t k = keys[i];
      frame_row r = rows[i];
      size_t j = i;
      for (; j > 0 && keys[j - 1] > k; j--) {
        keys[j] = keys[j - 1];
        rows[j] = rows[j - 1];
      }
      keys[j] = k;
      rows[j] = r;
    }
    return;
  }
  size_t count[8][256];
  memset(count, 0, sizeof count);
  for (size_t i = 0; i < n; i++) {
    uint64_t k = keys[i];
    for (int b = 0; b < nbytes; b++)
      count[b][(k >> (8 * b)) & 255]++;
  }
  uint64_t *ks = keys, *kd = k2;
  frame_row *rs = rows, *rd = r2;
  for (int b = 0; b < nbytes; b++) {
    if (count[b][(ks[0] >> (8 * b)) & 255] == n)
      continue; /* every key has this byte */
    size_t pos = 0;
    for (int d = 0; d < 256; d++) {
      size_t c = count[b][d];
      count[b][d] = pos;
      pos += c;
    }
    for (size_t i = 0; i < n; i++) {
      size_t at = count[b][(ks[i] >> (8 * b)) & 255]++;
      kd[at] = ks[i];
      rd[at] = rs[i];
    }
    uint64_t *kt = ks;
    ks = kd;
    kd = kt;
    frame_row *rt = rs;
    rs = rd;
    rd = rt;
  }
  if (ks != keys) {
    memcpy(keys, ks, n * sizeof *keys);
    memcpy(rows, rs, n * sizeof *rows);
  }
}

/* An order-preserving unsigned image of a double: -0 as 0; NaN is never
** keyed (it was partitioned out). */
static uint64_t num_key(double d) {
  if (d == 0)
    d = 0; /* -0.0 sorts with 0.0, so the two stay in input order */
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  return bits & SIGN64 ? ~bits : bits | SIGN64;
}

/* Fill st->keys with the radix key of each row. */
static void make_keys(const frame_column *c, const uint32_t *rank, const frame_row *rows,
                      size_t n, uint64_t *keys) {
  switch (c->type) {
  case FRAME_INT: {
    const int64_t *v = c->data;
    for (size_t i = 0; i < n; i++)
      keys[i] = (uint64_t)v[rows[i]] ^ SIGN64;
    break;
  }
  case FRAME_NUM: {
    const double *v = c->data;
    for (size_t i = 0; i < n; i++)
      keys[i] = num_key(v[rows[i]]);
    break;
  }
  case FRAME_BOOL: {
    const uint8_t *v = c->data;
    for (size_t i = 0; i < n; i++)
      keys[i] = v[rows[i]];
    break;
  }
  case FRAME_DATE: {
    const int32_t *v = c->data;
    for (size_t i = 0; i < n; i++)
      keys[i] = (uint64_t)(int64_t)v[rows[i]] ^ SIGN64;
    break;
  }
  case FRAME_STR: {
    const uint32_t *v = c->data;
    for (size_t i = 0; i < n; i++)
      keys[i] = rank[v[rows[i]]];
    break;
  }
  }
}

/* rank[code]: the position of each dictionary string in byte order. */
static int dict_ranks(sorter *st, const frame_dict *d, uint32_t **out) {
  uint32_t *codes = fi_alloc_array(st->m, d->n, sizeof *codes);
  uint32_t *rank = fi_alloc_array(st->m, d->n, sizeof *rank);
  sorter sub = {st->m, d->n, NULL, NULL, NULL, NULL, NULL};
  int status = codes && rank ? FRAME_OK : FRAME_ENOMEM;
  if (status == FRAME_OK) {
    for (uint32_t i = 0; i < d->n; i++)
      codes[i] = i;
    strsrc s = {NULL, d, 0};
    status = sort_strings(&sub, &s, codes, d->n);
  }
  if (status == FRAME_OK)
    for (uint32_t i = 0; i < d->n; i++)
      rank[codes[i]] = i;
  fi_free_array(st->m, sub.str, sub.n, sizeof *sub.str);
  fi_free_array(st->m, sub.str2, sub.n, sizeof *sub.str2);
  fi_free_array(st->m, codes, d->n, sizeof *codes);
  if (status != FRAME_OK) {
    fi_free_array(st->m, rank, d->n, sizeof *rank);
    return status;
  }
  *out = rank;
  return FRAME_OK;
}

/* Move NaN rows, then NA rows, to the end of rows[0..n), stably; returns
** how many rows have a value. */
static size_t partition_missing(const frame_column *c, frame_row *rows, frame_row *tmp,
                                size_t n) {
  size_t nnan = 0, nna = 0;
  for (size_t i = 0; i < n; i++) {
    if (frame_is_na(c, rows[i]))
      nna++;
    else if (fi_is_na_or_nan(c, rows[i]))
      nnan++;
  }
  if (nnan + nna == 0)
    return n;
  size_t at[3] = {0, n - nnan - nna, n - nna}; /* values, NaN, NA */
  for (size_t i = 0; i < n; i++) {
    frame_row r = rows[i];
    int cls = frame_is_na(c, r) ? 2 : fi_is_na_or_nan(c, r) ? 1 : 0;
    tmp[at[cls]++] = r;
  }
  memcpy(rows, tmp, n * sizeof *rows);
  return n - nnan - nna;
}

/* One stable pass by column c. */
static int sort_pass(sorter *st, const frame_column *c, int desc, frame_row *rows,
                     size_t n) {
  size_t nv = partition_missing(c, rows, st->rows2, n);
  if (nv < 2)
    return FRAME_OK;
  int by_string = c->type == FRAME_STR && (c->dict == NULL || c->dict->n > 2 * nv + 64);
  if (by_string) {
    strsrc s = {c, NULL, desc};
    return sort_strings(st, &s, rows, nv);
  }
  uint32_t *rank = NULL;
  if (c->type == FRAME_STR && dict_ranks(st, c->dict, &rank) != FRAME_OK)
    return FRAME_ENOMEM;
  make_keys(c, rank, rows, nv, st->keys);
  if (rank)
    fi_free_array(st->m, rank, c->dict->n, sizeof *rank);
  uint64_t min = UINT64_MAX;
  for (size_t i = 0; i < nv; i++) {
    if (desc)
      st->keys[i] = ~st->keys[i];
    if (st->keys[i] < min)
      min = st->keys[i];
  }
  uint64_t max = 0;
  for (size_t i = 0; i < nv; i++) {
    st->keys[i] -= min; /* high bytes become zero: no pass, not even counted */
    max = st->keys[i] > max ? st->keys[i] : max;
  }
  int nbytes = 0;
  for (; nbytes < 8 && (max >> (8 * nbytes)) != 0; nbytes++)
    ;
  radix_sort(st->keys, rows, st->keys2, st->rows2, nv, nbytes);
  return FRAME_OK;
}

int fi_sort_rows(const frame_mem *m, const frame_column *const *cols, const uint8_t *desc,
                 size_t nkeys, frame_row *rows, size_t n) {
  if (n < 2 || nkeys == 0)
    return FRAME_OK;
  sorter st = {m, n, NULL, NULL, NULL, NULL, NULL};
  st.keys = fi_alloc_array(m, n, sizeof *st.keys);
  st.keys2 = fi_alloc_array(m, n, sizeof *st.keys2);
  st.rows2 = fi_alloc_array(m, n, sizeof *st.rows2);
  int status = st.keys && st.keys2 && st.rows2 ? FRAME_OK : FRAME_ENOMEM;
  for (size_t k = nkeys; k-- > 0 && status == FRAME_OK;)
    status = sort_pass(&st, cols[k], desc ? desc[k] : 0, rows, n);
  fi_free_array(m, st.keys, n, sizeof *st.keys);
  fi_free_array(m, st.keys2, n, sizeof *st.keys2);
  fi_free_array(m, st.rows2, n, sizeof *st.rows2);
  fi_free_array(m, st.str, n, sizeof *st.str);
  fi_free_array(m, st.str2, n, sizeof *st.str2);
  return status;
}

/* The columns of keys, at most this many on the C stack; more come from m. */
#define SORT_STACK_KEYS 16

int frame_sort_rows(const frame *f, const size_t *keys, const uint8_t *desc, size_t nkeys,
                    frame_row *rows, size_t n) {
  const frame_column *local[SORT_STACK_KEYS] = {NULL};
  const frame_column **cols = local;
  if (nkeys > SORT_STACK_KEYS) {
    cols = fi_alloc_array(&f->mem, nkeys, sizeof *cols);
    if (cols == NULL)
      return FRAME_ENOMEM;
  }
  for (size_t k = 0; k < nkeys; k++)
    cols[k] = f->cols[keys[k]];
  int status = fi_sort_rows(&f->mem, cols, desc, nkeys, rows, n);
  if (cols != local)
    fi_free_array(&f->mem, (void *)cols, nkeys, sizeof *cols);
  return status;
}

int frame_order(const frame *f, const size_t *keys, const uint8_t *desc, size_t nkeys,
                frame_row *order) {
  if (f->nrow > PW_FRAME_MAX_ROWS)
    return FRAME_ETOOBIG;
  for (size_t i = 0; i < f->nrow; i++)
    order[i] = (frame_row)i;
  return frame_sort_rows(f, keys, desc, nkeys, order, f->nrow);
}
