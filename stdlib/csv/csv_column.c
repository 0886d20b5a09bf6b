/* csv_column.c: column builders: typed storage while loading, type promotion, the final
 * frame_column. */
#define _DEFAULT_SOURCE 1 /* madvise and MADV_DONTNEED, beside _XOPEN_SOURCE */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "csv_internal.h"

/* Bytes per value in a builder (str: a uint32 dictionary code). */
static size_t width_of(int type) {
  switch (type) {
  case FRAME_INT:
  case FRAME_NUM:
    return 8;
  case FRAME_BOOL:
    return 1;
  case FRAME_DATE:
  case FRAME_STR:
    return 4;
  default:
    return 0;
  }
}

static size_t words_of(size_t bits) {
  return (bits + 63) / 64;
}

static int is_valid(const csv_builder *b, size_t i) {
  return b->valid == NULL || ((b->valid[i >> 6] >> (i & 63)) & 1);
}

/* Give back to the system the whole pages of src[0..n), which the caller
** has copied and is about to free: merging two halves of a column would
** otherwise hold both copies of it at once, and peak memory is what
** decides whether a large file loads at all. */
static void release(const void *src, size_t n) {
#if defined(MADV_DONTNEED)
  long size = sysconf(_SC_PAGESIZE);   /* madvise rounds the length up to pages */
  if (size <= 0)
    return;
  const uintptr_t page = (uintptr_t)size;
  uintptr_t a = ((uintptr_t)src + page - 1) & ~(page - 1);
  uintptr_t b = ((uintptr_t)src + n) & ~(page - 1);
  if (b > a)
    madvise((void *)a, b - a, MADV_DONTNEED);
#else
  (void)src;
  (void)n;
#endif
}

/* memcpy in 4 MiB steps, releasing the source as it goes. */
static void move_bytes(void *dst, const void *src, size_t n) {
  const size_t step = (size_t)4 << 20;
  for (size_t done = 0; done < n; done += step) {
    size_t k = n - done < step ? n - done : step;
    memcpy((char *)dst + done, (const char *)src + done, k);
    if (n >= 2 * step)
      release((const char *)src + done, k);
  }
}

/* ------------------------------------------------------------- builders */

void csv_builder_init(csv_builder *b, int forced) {
  memset(b, 0, sizeof *b);
  b->type = forced;
  b->forced = forced != CB_NONE;
  b->promo_from = CB_NONE;
}

static void free_storage(csv_builder *b, const frame_mem *m) {
  if (b->plain) {
    frame_mem_free(m, b->offsets, (b->cap + 1) * 8);
    frame_mem_free(m, b->bytes, b->bcap);
  } else {
    frame_mem_free(m, b->data, b->cap * width_of(b->type));
  }
  csv_strtab_free(&b->tab, m);
  b->data = NULL;
  b->offsets = NULL;
  b->bytes = NULL;
  b->nbytes = b->bcap = 0;
  b->plain = 0;
}

void csv_builder_free(csv_builder *b, const frame_mem *m) {
  free_storage(b, m);
  frame_mem_free(m, b->valid, words_of(b->cap) * 8);
  b->valid = NULL;
}

/* Drop the values: the column is read again, as str, in a second pass.
** Its type becomes CB_NONE, which sends every later value past the fast
** path (put_fast) to put_any, where dead columns are handled. */
static void kill(csv_builder *b, const frame_mem *m) {
  csv_builder_free(b, m);
  b->dead = 1;
  b->type = CB_NONE;
}

/* A bitmap for cap rows, every row present. */
static int make_valid(csv_builder *b, const frame_mem *m) {
  size_t n = words_of(b->cap) * 8;
  b->valid = frame_mem_alloc(m, n);
  if (b->valid == NULL)
    return -1;
  memset(b->valid, 0xFF, n);
  return 0;
}

int csv_builder_grow(csv_builder *b, size_t cap, const frame_mem *m) {
  if (!b->dead && b->type != CB_NONE) {
    if (b->plain) {
      if (csv_resize(m, &b->offsets, (b->cap + 1) * 8, (cap + 1) * 8))
        return -1;
    } else if (csv_resize(m, &b->data, b->cap * width_of(b->type), cap * width_of(b->type))) {
      return -1;
    }
  }
  if (b->valid) {
    size_t old = words_of(b->cap), new = words_of(cap);
    if (csv_resize(m, &b->valid, old * 8, new * 8))
      return -1;
    memset(b->valid + old, 0xFF, (new - old) * 8);
  }
  b->cap = cap;
  return 0;
}

/* Give a column of only NA so far its first type: storage for cap rows,
** the `rows` before marked missing. */
static int set_type(csv_builder *b, int type, size_t rows, const frame_mem *m) {
  b->data = frame_mem_alloc(m, b->cap * width_of(type));
  if (b->data == NULL)
    return -1;
  memset(b->data, 0, rows * width_of(type));
  b->type = type;
  if (rows > 0 && b->valid == NULL) {
    if (make_valid(b, m))
      return -1;
    memset(b->valid, 0, (rows / 64) * 8);
    if (rows % 64)
      b->valid[rows / 64] &= ~(((uint64_t)1 << (rows % 64)) - 1);
  }
  return 0;
}

int csv_builder_na(csv_builder *b, size_t row, const frame_mem *m) {
  if (b->dead)
    return 0;
  b->n_na++;
  if (b->type == CB_NONE)
    return 0;
  if (b->valid == NULL && make_valid(b, m))
    return -1;
  b->valid[row >> 6] &= ~((uint64_t)1 << (row & 63));
  if (!b->plain) {
    memset((char *)b->data + row * width_of(b->type), 0, width_of(b->type));
    return 0;
  }
  if (b->nbytes + 1 > b->bcap) { /* an NA row holds an empty string */
    if (csv_resize(m, &b->bytes, b->bcap, b->bcap * 2))
      return -1;
    b->bcap *= 2;
  }
  b->bytes[b->nbytes++] = '\0';
  b->offsets[row + 1] = b->nbytes;
  return 0;
}

/* ------------------------------------------------------------ promotion */

/* int -> num in place, unless some value is beyond 2^53 and would change. */
static int int_to_num(csv_builder *b, size_t rows) {
  int64_t *v = b->data;
  for (size_t i = 0; i < rows; i++)
    if (v[i] > (int64_t)1 << 53 || v[i] < -((int64_t)1 << 53))
      return -1;
  double *d = b->data;
  for (size_t i = 0; i < rows; i++)
    d[i] = (double)v[i]; /* same 8 bytes, read before written */
  b->type = FRAME_NUM;
  return 0;
}

/* The text csv.write would give row i of an int, date or bool column. */
static size_t value_text(const csv_builder *b, size_t i, char *buf) {
  switch (b->type) {
  case FRAME_INT:
    return csv_format_int(((int64_t *)b->data)[i], buf);
  case FRAME_DATE:
    return csv_format_date(((int32_t *)b->data)[i], buf);
  default:
    return (size_t)(((uint8_t *)b->data)[i] ? (memcpy(buf, "true", 5), 4)
                                            : (memcpy(buf, "false", 6), 5));
  }
}

/* Make the column str. The values so far are turned back into text when
** that text is what the file said (ints, dates, bools spelled true/false);
** otherwise ("1.50" read as 1.5, "" read as NA) the column is killed and
** read again as str in a second pass, rather than printed differently. */
static int to_str(csv_builder *b, size_t rows, const frame_mem *m) {
  if (b->type == FRAME_STR)
    return 0;
  if (b->type == FRAME_NUM || (b->type == FRAME_BOOL && b->bool_odd) || b->qe_na) {
    kill(b, m);
    return 0;
  }
  if (b->type == CB_NONE)
    return set_type(b, FRAME_STR, rows, m);
  uint32_t *codes = frame_mem_alloc(m, b->cap * 4);
  if (codes == NULL || csv_strtab_init(&b->tab, m)) {
    frame_mem_free(m, codes, b->cap * 4);
    return -1;
  }
  for (size_t i = 0; i < rows; i++) {
    char buf[CSV_VALUE_BUFSIZE];
    int is_new;
    int64_t code = is_valid(b, i) ? csv_strtab_intern(&b->tab, buf, value_text(b, i, buf),
                                                      m, &is_new)
                                  : 0;
    if (code < 0) {
      frame_mem_free(m, codes, b->cap * 4);
      return -1;
    }
    codes[i] = (uint32_t)code;
  }
  frame_mem_free(m, b->data, b->cap * width_of(b->type));
  b->data = codes;
  b->type = FRAME_STR;
  return 0;
}

/* Dictionary codes -> plain strings, for near-unique text whose
** dictionary would cost more than it saves. */
static int to_plain(csv_builder *b, size_t rows, const frame_mem *m) {
  size_t total = 0, len;
  const uint32_t *codes = b->data;
  for (size_t i = 0; i < rows; i++)
    total += (is_valid(b, i) ? (csv_strtab_str(&b->tab, codes[i], &len), len) : 0) + 1;
  size_t bcap = total + total / 2 + 64;
  uint64_t *offsets = frame_mem_alloc(m, (b->cap + 1) * 8);
  char *bytes = frame_mem_alloc(m, bcap);
  if (offsets == NULL || bytes == NULL) {
    frame_mem_free(m, offsets, (b->cap + 1) * 8);
    frame_mem_free(m, bytes, bcap);
    return -1;
  }
  size_t n = 0;
  offsets[0] = 0;
  for (size_t i = 0; i < rows; i++) {
    const char *s =
        is_valid(b, i) ? csv_strtab_str(&b->tab, codes[i], &len) : (len = 0, "");
    memcpy(bytes + n, s, len + 1);
    n += len + 1;
    offsets[i + 1] = n;
  }
  free_storage(b, m);
  b->plain = 1;
  b->offsets = offsets;
  b->bytes = bytes;
  b->nbytes = n;
  b->bcap = bcap;
  return 0;
}

/* ---------------------------------------------------------------- values */

/* The value as `type`, if the type can hold it: inference's strict forms,
** or the lenient numeric forms when the user forced the type. */
static int parse_as(int type, int forced, const char *s, size_t len, void *out,
                    int *lower) {
  switch (type) {
  case FRAME_INT:
    return forced ? csv_parse_int_lenient(s, len, out) : csv_infer_int(s, len, out);
  case FRAME_NUM:
    return forced ? csv_parse_num_lenient(s, len, out) : csv_infer_num(s, len, out);
  case FRAME_BOOL:
    return csv_parse_bool(s, len, out, lower);
  case FRAME_DATE:
    return csv_parse_date(s, len, out);
  default:
    return 0;
  }
}

/* Spellings of a missing value worth a hint when they make a column str. */
static int looks_missing(const char *s, size_t len) {
  static const char *const spell[] = {"N/A",  "n/a",  "NA",  "na", "NULL", "null",
                                      "None", "none", "-",   ".",  "?",    "missing",
                                      "#N/A", "nan",  "NAN", "--", "n.a.", "#NA"};
  for (size_t k = 0; k < sizeof spell / sizeof *spell; k++)
    if (strlen(spell[k]) == len && memcmp(spell[k], s, len) == 0)
      return 1;
  return 0;
}

static int value_error(csv_chunk *c, csv_builder *b, const char *s, size_t len) {
  csv_chunk_fail(c, CSV_ERR_VALUE);
  c->err.slot = (int)(b - c->cols);
  c->err.value_len = len;
  size_t n = len < sizeof c->err.value - 1 ? len : sizeof c->err.value - 1;
  memcpy(c->err.value, s, n);
  c->err.value[n] = '\0';
  return -1;
}

static int put_str(csv_chunk *c, csv_builder *b, size_t row, const char *s, size_t len);

/* A value the column's type cannot hold: the first type that takes it
** (int, num, bool, date, str) for a column of NAs; num for an int column
** when the value is a number; str otherwise. */
static int promote(csv_chunk *c, csv_builder *b, size_t row, const char *s, size_t len) {
  const frame_mem *m = c->cfg->mem;
  int64_t iv;
  double dv;
  uint8_t bv;
  int32_t tv;
  int lower, target = csv_infer_int(s, len, &iv)            ? FRAME_INT
                      : csv_infer_num(s, len, &dv)          ? FRAME_NUM
                      : csv_parse_bool(s, len, &bv, &lower) ? FRAME_BOOL
                      : csv_parse_date(s, len, &tv)         ? FRAME_DATE
                                                            : FRAME_STR;
  if (b->type == CB_NONE && target != FRAME_STR) {
    if (set_type(b, target, row, m))
      return -1;
  } else if (b->type == FRAME_INT && target <= FRAME_NUM && int_to_num(b, row) == 0) {
    /* now num */
  } else {
    if (!b->promo_set) {
      b->promo_set = 1;
      b->promo_from = b->type;
      b->promo_row = row;
      if (looks_missing(s, len))
        memcpy(b->promo_text, s, len + 1 < sizeof b->promo_text ? len : 0);
    }
    if (to_str(b, row, m))
      return -1;
    if (b->dead)
      return csv_builder_put(c, b, row, s, len); /* only checks the text */
    return put_str(c, b, row, s, len);
  }
  return csv_builder_put(c, b, row, s, len);
}

/* memcmp(a, b, n) == 0 for the short strings of a column, without a call. */
static int same_bytes(const char *a, const char *b, size_t n) {
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    uint64_t x, y;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    if (x != y)
      return 0;
  }
  while (n--)
    if (*a++ != *b++)
      return 0;
  return 1;
}

static int put_str(csv_chunk *c, csv_builder *b, size_t row, const char *s, size_t len) {
  const frame_mem *m = c->cfg->mem;
  if (b->plain) {
    if (!c->cfg->latin1 && csv_utf8_check(s, len) < len)
      goto bad_utf8;
    if (b->nbytes + len + 1 > b->bcap) {
      size_t cap = b->bcap * 2;
      while (cap < b->nbytes + len + 1)
        cap *= 2;
      if (csv_resize(m, &b->bytes, b->bcap, cap))
        return -1;
      b->bcap = cap;
    }
    memcpy(b->bytes + b->nbytes, s, len);
    b->bytes[b->nbytes + len] = '\0';
    b->nbytes += len + 1;
    b->offsets[row + 1] = b->nbytes;
    b->n_values++;
    return 0;
  }
  csv_strtab *t = &b->tab;
  if (t->slots == NULL && csv_strtab_init(t, m))
    return -1;
  size_t l;
  const char *last = t->n ? csv_strtab_str(t, t->last, &l) : (l = 0, NULL);
  uint32_t code = t->last;
  if (last == NULL || l != len || !same_bytes(last, s, len)) {
    int is_new;
    int64_t k = csv_strtab_intern(t, s, len, m, &is_new);
    if (k < 0)
      return -1;
    if (is_new && !c->cfg->latin1 && csv_utf8_check(s, len) < len)
      goto bad_utf8;
    code = t->last = (uint32_t)k;
  }
  ((uint32_t *)b->data)[row] = code;
  /* near-unique text: past 16384 values, more than half distinct */
  if ((++b->n_values & 0x3FFF) == 0 && t->n > b->n_values / 2)
    return to_plain(b, row + 1, m);
  return 0;
bad_utf8:
  csv_chunk_fail(c, CSV_ERR_UTF8);
  c->err.offset = csv_utf8_check(s, len);
  return -1;
}

/* csv_builder_put for every case: NA, dead columns, promotion, errors. */
static int put_any(csv_chunk *c, csv_builder *b, size_t row, const char *s, size_t len) {
  const csv_config *cfg = c->cfg;
  if (b->dead) { /* still checked: errors must not depend on where a thread began */
    if (s && !cfg->latin1 && csv_utf8_check(s, len) < len) {
      csv_chunk_fail(c, CSV_ERR_UTF8);
      c->err.offset = csv_utf8_check(s, len);
      return -1;
    }
    return 0;
  }
  if (s == NULL) {
    if (cfg->na_empty)
      return csv_builder_na(b, row, cfg->mem);
    s = "";
  } else if (len == 0) {
    if (b->type != FRAME_STR && cfg->na_empty) {
      b->qe_na |= !b->forced;
      return csv_builder_na(b, row, cfg->mem);
    }
  } else if ((cfg->na_lens >> (len < 63 ? len : 63)) & 1) {
    for (size_t k = 0; k < cfg->n_na; k++)
      if (cfg->na_len[k] == len && memcmp(cfg->na[k], s, len) == 0)
        return csv_builder_na(b, row, cfg->mem);
  }
  if (b->type == FRAME_STR)
    return put_str(c, b, row, s, len);
  if (b->type != CB_NONE) {
    int lower = 1;
    void *slot = (char *)b->data + row * width_of(b->type);
    if (parse_as(b->type, b->forced, s, len, slot, &lower)) {
      b->bool_odd |= !lower;
      b->n_values++;
      return 0;
    }
    if (b->forced)
      return value_error(c, b, s, len);
  }
  return promote(c, b, row, s, len);
}

/* ---------------------------------------------------------- two halves */

/* Turn b into `type` (a join of types, so always a widening). 1 when an
** int column cannot become num (values beyond 2^53): then str. */
static int become(csv_builder *b, int type, size_t rows, const frame_mem *m) {
  if (b->dead || b->type == type)
    return 0;
  if (type == FRAME_STR)
    return to_str(b, rows, m);
  if (b->type == CB_NONE)
    return set_type(b, type, rows, m);
  if (b->type == FRAME_INT && type == FRAME_NUM)
    return int_to_num(b, rows) ? 1 : 0;
  return 1;
}

/* The narrowest type that holds values of both types. */
static int join_type(int x, int y) {
  return x == CB_NONE                       ? y
         : y == CB_NONE || x == y           ? x
         : x <= FRAME_NUM && y <= FRAME_NUM ? FRAME_NUM
                                            : FRAME_STR;
}

/* Where the joined column became str, as one thread reading both halves
** would have found it: in a, or at b's promotion when the type a ended
** with was still narrower than str there. */
static void join_promotion(csv_builder *a, int ta, size_t arows, const csv_builder *b) {
  if (ta == FRAME_STR || a->promo_set || !b->promo_set)
    return;
  int from = join_type(ta, b->promo_from);
  if (from == FRAME_STR)
    return;
  a->promo_set = 1;
  a->promo_from = from;
  a->promo_row = arows + b->promo_row;
  memcpy(a->promo_text, b->promo_text, sizeof a->promo_text);
}

/* Bring both halves of a column to the join of their types. */
static int harmonize(csv_builder *a, size_t arows, csv_builder *b, size_t brows,
                     const frame_mem *m) {
  int target = join_type(a->type, b->type);
  int rc = become(a, target, arows, m);
  if (rc == 0)
    rc = become(b, target, brows, m);
  if (rc == 1) {
    target = FRAME_STR;
    rc = become(a, target, arows, m);
    if (rc == 0)
      rc = become(b, target, brows, m);
  }
  if (rc < 0)
    return -1;
  if (target == FRAME_STR && !a->dead && !b->dead && a->plain != b->plain)
    return a->plain ? to_plain(b, brows, m) : to_plain(a, arows, m);
  return 0;
}

/* b's dictionary codes as codes of a's table, appended after arows. */
static int append_codes(csv_builder *a, size_t arows, csv_builder *b, size_t brows,
                        const frame_mem *m) {
  if (a->tab.slots == NULL && csv_strtab_init(&a->tab, m))
    return -1;
  size_t nmap = b->tab.n ? b->tab.n : 1;
  uint32_t *map = frame_mem_alloc(m, nmap * 4);
  if (map == NULL)
    return -1;
  for (uint32_t k = 0; k < b->tab.n; k++) {
    size_t len;
    const char *s = csv_strtab_str(&b->tab, k, &len);
    int is_new;
    int64_t code = csv_strtab_intern(&a->tab, s, len, m, &is_new);
    if (code < 0) {
      frame_mem_free(m, map, nmap * 4);
      return -1;
    }
    map[k] = (uint32_t)code;
  }
  uint32_t *to = (uint32_t *)a->data + arows;
  const uint32_t *from = b->data;
  const size_t step = (size_t)1 << 20;
  for (size_t i0 = 0; i0 < brows; i0 += step) {
    size_t i1 = brows - i0 < step ? brows : i0 + step;
    for (size_t i = i0; i < i1; i++)
      to[i] = is_valid(b, i) ? map[from[i]] : 0;
    if (brows >= 2 * step)
      release(from + i0, (i1 - i0) * 4);
  }
  frame_mem_free(m, map, nmap * 4);
  return 0;
}

static int append_plain(csv_builder *a, size_t arows, csv_builder *b, size_t brows,
                        const frame_mem *m) {
  if (a->nbytes + b->nbytes > a->bcap) {
    if (csv_resize(m, &a->bytes, a->bcap, a->nbytes + b->nbytes))
      return -1;
    a->bcap = a->nbytes + b->nbytes;
  }
  move_bytes(a->bytes + a->nbytes, b->bytes, b->nbytes);
  for (size_t i = 0; i < brows; i++)
    a->offsets[arows + i + 1] = a->nbytes + b->offsets[i + 1];
  a->nbytes += b->nbytes;
  return 0;
}

int csv_builder_append(csv_builder *a, size_t arows, csv_builder *b, size_t brows,
                       const frame_mem *m) {
  join_promotion(a, a->type, arows, b);
  int rc = harmonize(a, arows, b, brows, m);
  if (rc == 0 && (a->dead || b->dead)) {
    kill(a, m);
  } else if (rc == 0) {
    size_t w = width_of(a->type);
    if (a->cap < arows + brows)
      rc = csv_builder_grow(a, arows + brows, m);
    if (rc == 0 && a->type != CB_NONE) {
      if (a->plain)
        rc = append_plain(a, arows, b, brows, m);
      else if (a->type == FRAME_STR)
        rc = append_codes(a, arows, b, brows, m);
      else
        move_bytes((char *)a->data + arows * w, b->data, brows * w);
    }
    if (rc == 0 && b->valid && a->type != CB_NONE) {
      rc = a->valid == NULL ? make_valid(a, m) : 0;
      for (size_t i = 0; rc == 0 && i < words_of(brows); i++) {
        for (uint64_t na = ~b->valid[i]; na; na &= na - 1) { /* bits past brows are 1 */
          size_t r = arows + i * 64 + (size_t)__builtin_ctzll(na);
          a->valid[r >> 6] &= ~((uint64_t)1 << (r & 63));
        }
      }
    }
    a->n_na += b->n_na;
    a->n_values += b->n_values;
    a->qe_na |= b->qe_na;
    a->bool_odd |= b->bool_odd;
  }
  csv_builder_free(b, m);
  return rc;
}

/* ---------------------------------------------------------------- finish */

void csv_builder_settle(csv_builder *b, const frame_mem *m) {
  if (b->type == CB_NONE && b->qe_na)
    kill(b, m);
}

/* Shrink a block to its final size. Lua's allocator contract (which
** frame_mem follows) says shrinking never fails; if it did, the block
** keeps its size and the load fails. */
static int shrink(const frame_mem *m, void *pp, size_t old, size_t new) {
  return old == new ? 0 : csv_resize(m, pp, old, new);
}

frame_column *csv_builder_finish(csv_builder *b, size_t rows, const frame_mem *m) {
  if (b->type == CB_NONE && set_type(b, FRAME_STR, rows, m)) /* all NA */
    return NULL;
  frame_column *col = frame_mem_alloc(m, sizeof *col);
  frame_dict *dict = NULL;
  if (col == NULL)
    return NULL;
  if (b->type == FRAME_STR && !b->plain) {
    dict = frame_dict_new(m);
    for (uint32_t k = 0; dict && k < b->tab.n; k++) {
      size_t len;
      const char *s = csv_strtab_str(&b->tab, k, &len);
      if (frame_dict_intern(dict, s, len) != (int64_t)k) {
        frame_dict_unref(dict);
        dict = NULL;
      }
    }
    if (dict == NULL)
      goto fail;
    csv_strtab_free(&b->tab, m);
  }
  size_t w = width_of(b->type);
  if (b->plain ? shrink(m, &b->offsets, (b->cap + 1) * 8, (rows + 1) * 8) ||
                     shrink(m, &b->bytes, b->bcap, b->nbytes)
               : shrink(m, &b->data, b->cap * w, rows * w))
    goto fail;
  b->bcap = b->nbytes;
  if (b->valid && (b->n_na == 0 || rows == 0)) {
    frame_mem_free(m, b->valid, words_of(b->cap) * 8);
    b->valid = NULL;
  } else if (b->valid) {
    if (shrink(m, &b->valid, words_of(b->cap) * 8, words_of(rows) * 8))
      goto fail;
    if (rows % 64) /* bits past the end read as present, as frame.c sets them */
      b->valid[rows / 64] |= ~(((uint64_t)1 << (rows % 64)) - 1);
  }
  b->cap = rows;
  /* frame.h's layout contract: data n * width bytes (1 when n is 0),
     bitmap ceil(n / 64) words, plain offsets n + 1 and bytes offsets[n] */
  memset(col, 0, sizeof *col);
  col->refcount = 1;
  col->type = (frame_type)b->type;
  col->n = rows;
  col->n_na = b->n_na;
  col->valid = b->valid;
  col->mem = *m;
  if (b->plain) {
    col->offsets = b->offsets;
    col->bytes = rows ? b->bytes : (frame_mem_free(m, b->bytes, 1), NULL);
  } else {
    col->data = b->data;
    col->dict = dict;
  }
  memset(b, 0, sizeof *b);
  b->type = CB_NONE;
  return col;
fail:
  frame_dict_unref(dict);
  frame_mem_free(m, col, sizeof *col);
  return NULL;
}

/* Inlining put_fast into the libcsv callback saves a fifth of the
** reader's own instructions; GCC and Clang otherwise decline. */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* The common cases of csv_builder_put: a value of the column's type, or
** text. Inline in csv_on_field: this runs once per field of the file. */
static ALWAYS_INLINE int put_fast(csv_chunk *c, csv_builder *b, size_t row, const char *s,
                                  size_t len) {
  if (s != NULL && len != 0 && !b->forced &&
      !((c->cfg->na_lens >> (len < 63 ? len : 63)) & 1)) {
    switch (b->type) {
    case FRAME_STR:
      return put_str(c, b, row, s, len);
    case FRAME_INT:
      if (csv_infer_int(s, len, (int64_t *)b->data + row)) {
        b->n_values++;
        return 0;
      }
      break;
    case FRAME_NUM:
      if (csv_infer_num(s, len, (double *)b->data + row)) {
        b->n_values++;
        return 0;
      }
      break;
    default:
      break;
    }
  }
  return put_any(c, b, row, s, len);
}

/* Store one field. s NULL is an unquoted empty field; len 0 with s set is
** a quoted one (""), which is an empty string in a str column and NA
** elsewhere. Returns -1 with the chunk's error set. */
int csv_builder_put(csv_chunk *c, csv_builder *b, size_t row, const char *s, size_t len) {
  return put_fast(c, b, row, s, len);
}

void csv_on_field(void *s, size_t len, void *ud) {
  csv_chunk *c = ud;
  size_t j = c->field++;
  if (c->err.kind != CSV_ERR_NONE || j >= c->cfg->ncol)
    return;
  int k = c->cfg->slot[j];
  if (k >= 0 && put_fast(c, &c->cols[k], c->rows, s, len) < 0)
    csv_chunk_fail(c, CSV_ERR_NOMEM); /* no-op when put set the error */
}
