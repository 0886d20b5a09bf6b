/* frame.h: columnar frames without Lua (DESIGN.md §6). A frame is a set of
** equal-length immutable columns; operations return new frames that share
** the untouched columns by reference count. */
#ifndef PW_STDLIB_FRAME_H
#define PW_STDLIB_FRAME_H

#include <stddef.h>
#include <stdint.h>

/* Same signature as lua_Alloc, so the binding can pass lua_getallocf() and
** column buffers count against the engine's --max-memory. `osize` is the
** block's size (0 for a new block); `nsize` 0 frees. NULL alloc: malloc. */
typedef void *(*frame_alloc_fn)(void *ud, void *ptr, size_t osize, size_t nsize);

/* Where a frame's memory comes from; copied into every object it makes. */
typedef struct frame_mem {
  frame_alloc_fn alloc;   /* NULL: realloc/free */
  void *ud;               /* first argument of alloc */
  int (*stop)(void *);    /* NULL, or nonzero when the run must stop (a time
                             limit, an interrupt): long kernels ask it
                             between batches */
  void *stop_ud;          /* argument of stop */
} frame_mem;

void *frame_mem_alloc(const frame_mem *m, size_t n);          /* NULL on failure */
void *frame_mem_realloc(const frame_mem *m, void *p, size_t osize, size_t nsize);
void frame_mem_free(const frame_mem *m, void *p, size_t n);

/* Column types. The order is the promotion order of type inference for the
** first two (int -> num -> str). */
typedef enum frame_type {
  FRAME_INT = 0,   /* int64_t */
  FRAME_NUM,       /* double */
  FRAME_BOOL,      /* uint8_t, 0 or 1 */
  FRAME_DATE,      /* int32_t, days since 1970-01-01 (proleptic Gregorian) */
  FRAME_STR        /* UTF-8 text, dictionary-encoded or plain */
} frame_type;

/* "int", "num", "bool", "date", "str" */
const char *frame_type_name(frame_type t);

/* The distinct strings of a dictionary-encoded column. Several columns
** (a column and the ones filtered from it) share one dictionary; it is
** immutable once a column refers to it. Code c's string is
** bytes[offsets[c] .. offsets[c+1]), followed by a NUL. */
typedef struct frame_dict {
  size_t refcount;     /* columns (and builders) holding it */
  uint32_t n;          /* number of distinct strings */
  uint32_t cap;        /* capacity of offsets, in strings */
  uint64_t *offsets;   /* n + 1 byte offsets into bytes */
  char *bytes;         /* the strings, each followed by a NUL */
  size_t nbytes;       /* bytes used */
  size_t bytes_cap;    /* bytes allocated */
  uint32_t *slots;     /* open-addressing hash index: code + 1, 0 = empty */
  uint32_t nslots;     /* power of two, kept above 2 * n */
  frame_mem mem;       /* allocator of all of the above */
} frame_dict;

/* A column. Immutable after construction; shared by reference count. */
typedef struct frame_column {
  size_t refcount;     /* frames (and other holders) referring to it */
  frame_type type;     /* what `data` holds */
  size_t n;            /* number of rows */
  size_t n_na;         /* number of missing values */
  uint64_t *valid;     /* bit i (valid[i/64] >> i%64 & 1) set: row i present;
                          NULL when n_na == 0 */
  void *data;          /* int64_t[n], double[n], uint8_t[n], int32_t[n], or
                          for a dictionary-encoded str column uint32_t codes[n];
                          NULL for a plain str column */
  frame_dict *dict;    /* str, dictionary-encoded: what the codes index */
  uint64_t *offsets;   /* str, plain: n + 1 offsets into `bytes` (an NA
                          row holds an empty string) */
  char *bytes;         /* str, plain: the strings, each followed by a NUL;
                          allocated with exactly offsets[n] bytes */
  frame_mem mem;       /* allocator of the buffers above */
} frame_column;

/* A frame: named columns of equal length. Owned by one holder (a Lua
** userdata); its columns are shared. */
typedef struct frame {
  size_t nrow;            /* rows */
  size_t ncol;            /* columns */
  size_t cap;             /* capacity of names and cols */
  char **names;           /* column names, unique, NUL-terminated */
  frame_column **cols;    /* one reference each */
  frame_mem mem;          /* allocator of the frame and its name strings */
} frame;

/* ---------------------------------------------------------------- values */

static inline int frame_is_na(const frame_column *c, size_t i) {
  return c->valid != NULL && !((c->valid[i >> 6] >> (i & 63)) & 1);
}

/* The string at row i of a str column (NULL for NA); *len its length. */
const char *frame_str(const frame_column *c, size_t i, size_t *len);

/* ---------------------------------------------------------------- columns */

/* A new column of n rows, all present, data zeroed (for str: all codes 0
** into `dict`, which gains a reference; dict NULL makes a plain column
** with offsets zeroed and no bytes). NULL when memory runs out. */
frame_column *frame_column_new(const frame_mem *m, frame_type t, size_t n,
                               frame_dict *dict);
void frame_column_ref(frame_column *c);
void frame_column_unref(frame_column *c);   /* frees at zero; NULL is a no-op */

/* Mark row i missing (allocates the bitmap on first use). -1 on failure. */
int frame_column_set_na(frame_column *c, size_t i);

/* --------------------------------------------------------------- dictionary */

frame_dict *frame_dict_new(const frame_mem *m);
void frame_dict_ref(frame_dict *d);
void frame_dict_unref(frame_dict *d);
/* The code of s[0..len), adding it when new. -1 (as int64) on failure. */
int64_t frame_dict_intern(frame_dict *d, const char *s, size_t len);
/* The code of s[0..len), or -1 when absent. */
int64_t frame_dict_find(const frame_dict *d, const char *s, size_t len);
static inline const char *frame_dict_str(const frame_dict *d, uint32_t code, size_t *len) {
  if (len) *len = (size_t)(d->offsets[code + 1] - d->offsets[code] - 1);
  return d->bytes + d->offsets[code];
}

/* ------------------------------------------------------------------ frames */

frame *frame_new(const frame_mem *m, size_t nrow);
void frame_free(frame *f);
/* Append column `c` (gains a reference) named `name` (copied). -1 when out
** of memory, -2 when the name exists, -3 when c->n != f->nrow. */
int frame_add(frame *f, const char *name, frame_column *c);
/* Index of the column named `name`, or -1. */
long frame_find(const frame *f, const char *name);
/* The column name nearest to `name` when it is near (at most two edits,
** fewer than name's length), else NULL: every "did you mean" about a
** column of a frame. */
const char *frame_suggest_column(const frame *f, const char *name);

#endif
