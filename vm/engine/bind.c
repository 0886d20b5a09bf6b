/* bind.c: pw_bind_csv and pw_bind_columns, data from the host as script
** globals; the engine's record of the host buffers its frames borrow. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "engine.h"
#include "host_data.h"
#include "csv/l_csv.h"
#include "json/l_json.h"
#include "frame/l_frame.h"

#define CHECK_ENGINE(e) do { if ((e) == NULL || (e)->L == NULL) return PW_EINVAL; } while (0)

/* ------------------------------------------------------- borrowed buffers */

pw_host_data *pw_host_data_of(pw_engine *e) {
  if (e->host_data == NULL)
    e->host_data = calloc(1, sizeof *e->host_data);
  return e->host_data;
}

void pw_host_data_close(pw_engine *e) {
  pw_host_data *h = e->host_data;
  if (h == NULL)
    return;
  pw_predicates_orphan(h);
  free(h->borrowed);
  free(h);
  e->host_data = NULL;
}

int pw_host_borrow(pw_host_data *h, const void *p) {
  if (h->nborrowed == h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 16;
    const void **b = realloc(h->borrowed, cap * sizeof *b);
    if (b == NULL)
      return -1;
    h->borrowed = b;
    h->cap = cap;
  }
  h->borrowed[h->nborrowed++] = p;
  return 0;
}

/* Whether p is a registered host buffer; a free (nsize 0) drops one
** registration. Linear: a host binds a few columns, not thousands. */
static int unborrow(pw_host_data *h, const void *p, size_t nsize) {
  for (size_t i = h->nborrowed; i-- > 0;) {
    if (h->borrowed[i] != p)
      continue;
    if (nsize == 0)
      h->borrowed[i] = h->borrowed[--h->nborrowed];
    return 1;
  }
  return 0;
}

/* frame_alloc_fn of borrowing columns (host_data.h). A host buffer is never
** freed and never grown (NULL: columns are immutable, nothing grows one). */
static void *borrow_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  pw_engine *e = ud;
  if (ptr != NULL && e->host_data != NULL && unborrow(e->host_data, ptr, nsize))
    return NULL;
  return pw_alloc(e, ptr, osize, nsize);
}

frame_mem pw_borrow_mem(pw_engine *e) {
  frame_mem m = {.alloc = borrow_alloc, .ud = e};
  return m;
}

/* ------------------------------------------------------------ pw_bind_csv */

/* What pw_bind_csv passes to its protected half. */
typedef struct csv_job {
  const char *name;      /* the global to set */
  const char *path;      /* the file */
  const char *options;   /* JSON text, or NULL */
  int stage;             /* out: how far it got (the STAGE_ values) */
} csv_job;

enum {
  STAGE_OPTIONS,   /* decoding the options: a failure is the host's misuse */
  STAGE_READ,      /* csv.read: bad arguments are misuse, the rest the file's */
  STAGE_DONE       /* the global is set */
};

/* name = csv.read(path, json.decode(options)) in the user's globals. */
static int do_bind_csv(lua_State *L) {
  csv_job *job = lua_touserdata(L, 1);
  luaL_requiref(L, "csv", luaopen_pathway_csv, 0);       /* stack: job csv */
  lua_getfield(L, -1, "read");                           /* stack: job csv read */
  lua_pushstring(L, job->path);
  int nargs = 1;
  if (job->options) {
    luaL_requiref(L, "json", luaopen_pathway_json, 0);   /* stack: ... path json */
    lua_getfield(L, -1, "decode");
    lua_remove(L, -2);
    lua_pushstring(L, job->options);
    lua_call(L, 1, 2);                                   /* stack: ... path v err */
    if (lua_isnil(L, -2))
      return luaL_error(L, "%s", luaL_optstring(L, -1, "invalid JSON"));
    lua_pop(L, 1);
    if (!lua_istable(L, -1))
      return luaL_error(L, "must be a JSON object, got %s", luaL_typename(L, -1));
    nargs = 2;
  }
  job->stage = STAGE_READ;
  lua_call(L, nargs, 1);                                 /* stack: job csv frame */
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);   /* stack: ... frame G */
  lua_insert(L, -2);
  lua_setfield(L, -2, job->name);
  job->stage = STAGE_DONE;
  return 0;
}

/* The reason inside "bad argument #2 to 'read' (REASON)", or NULL. */
static const char *bad_argument(const char *msg, size_t *len) {
  const char *open = strstr(msg, "bad argument #");
  const char *paren = open ? strchr(open, '(') : NULL;
  const char *close = paren ? strrchr(paren, ')') : NULL;
  if (close == NULL)
    return NULL;
  *len = (size_t)(close - paren - 1);
  return paren + 1;
}

/* Turn a failed csv job's status and message into the call's. */
static pw_status csv_failure(pw_engine *e, const csv_job *job, pw_status s) {
  if (s != PW_ESCRIPT)
    return s;   /* a limit, an interruption: their message stands */
  char *msg = strdup(pw_errmsg(e));
  if (msg == NULL)
    return PW_EINTERNAL;
  size_t len;
  const char *reason = bad_argument(msg, &len);
  if (job->stage == STAGE_OPTIONS) {
    pw_set_errorf(e, "pw_bind_csv: bad options: %s", msg);
    s = PW_EINVAL;
  } else if (reason) {
    pw_set_errorf(e, "pw_bind_csv: bad options: %.*s", (int)len, reason);
    s = PW_EINVAL;
  } else {
    pw_set_errorf(e, "pw_bind_csv: %s", msg);
    s = PW_EIO;   /* the file could not be read as CSV */
  }
  free(msg);
  return s;
}

pw_status pw_bind_csv(pw_engine *e, const char *name, const char *path,
                      const char *options) {
  CHECK_ENGINE(e);
  if (name == NULL || *name == '\0' || path == NULL) {
    pw_set_error(e, name == NULL || *name == '\0' ? "pw_bind_csv: no global name"
                                                  : "pw_bind_csv: no path");
    return PW_EINVAL;
  }
  FILE *probe = fopen(path, "rb");   /* a clear PW_EIO before any parsing */
  if (probe == NULL) {
    pw_set_errorf(e, "pw_bind_csv: cannot open '%s': %s", path, strerror(errno));
    return PW_EIO;
  }
  fclose(probe);
  csv_job job = {name, path, options, STAGE_OPTIONS};
  lua_pushcfunction(e->L, do_bind_csv);
  lua_pushlightuserdata(e->L, &job);
  pw_status s = pw_pcall(e, 1, 0);
  return s == PW_OK ? PW_OK : csv_failure(e, &job, s);
}

/* -------------------------------------------------------- pw_bind_columns */

/* The values of one column that a frame may not hold: a code not below
** ndict, a bool other than 0/1, a NULL string, on a present row. PW_OK or
** PW_EINVAL with the message. */
static pw_status check_values(pw_engine *e, const pw_column *c, size_t nrows) {
  if (c->type != PW_DICT && c->type != PW_BOOL && c->type != PW_STRING)
    return PW_OK;   /* every int64, double and int32 is a value */
  for (size_t i = 0; i < nrows; i++) {
    if (!pw_host_present(c->validity, i))
      continue;
    if (c->type == PW_DICT && ((const uint32_t *)c->data)[i] >= c->ndict) {
      pw_set_errorf(e, "pw_bind_columns: column '%s': code %u at row %zu is not below "
                    "ndict (%zu)", c->name, ((const uint32_t *)c->data)[i], i, c->ndict);
      return PW_EINVAL;
    }
    if (c->type == PW_BOOL && ((const uint8_t *)c->data)[i] > 1) {
      pw_set_errorf(e, "pw_bind_columns: column '%s': bool value %u at row %zu (must be "
                    "0 or 1)", c->name, ((const uint8_t *)c->data)[i], i);
      return PW_EINVAL;
    }
    if (c->type == PW_STRING && ((const char *const *)c->data)[i] == NULL) {
      pw_set_errorf(e, "pw_bind_columns: column '%s': NULL string at row %zu (mark a "
                    "missing value in validity)", c->name, i);
      return PW_EINVAL;
    }
  }
  return PW_OK;
}

/* Everything about one column that can be checked before building. */
static pw_status check_column(pw_engine *e, const pw_column *cols, size_t j, size_t nrows) {
  const pw_column *c = &cols[j];
  if (c->name == NULL || *c->name == '\0') {
    pw_set_errorf(e, "pw_bind_columns: column %zu has no name", j + 1);
    return PW_EINVAL;
  }
  for (size_t k = 0; k < j; k++)
    if (strcmp(cols[k].name, c->name) == 0) {
      pw_set_errorf(e, "pw_bind_columns: duplicate column name '%s'", c->name);
      return PW_EINVAL;
    }
  const char *why = NULL;
  if ((unsigned)c->type > PW_DICT)
    why = "unknown type";
  else if (c->data == NULL && nrows > 0)
    why = "data is NULL";
  else if (c->type != PW_DICT && (c->dict != NULL || c->ndict != 0))
    why = "dict is set but the type is not PW_DICT";
  else if (c->type == PW_DICT && c->ndict > 0 && c->dict == NULL)
    why = "dict is NULL";
  else if (c->type == PW_DICT && c->ndict >= UINT32_MAX)
    why = "more than 2^32 - 2 dictionary strings";
  for (size_t k = 0; why == NULL && c->type == PW_DICT && k < c->ndict; k++)
    if (c->dict[k] == NULL)
      why = "a dictionary string is NULL";
  if (why) {
    pw_set_errorf(e, "pw_bind_columns: column '%s': %s", c->name, why);
    return PW_EINVAL;
  }
  return nrows > 0 ? check_values(e, c, nrows) : PW_OK;
}

/* What pw_bind_columns passes to its protected half. */
typedef struct columns_job {
  pw_engine *e;               /* the engine */
  const char *name;           /* the global to set */
  const pw_column *cols;      /* the host's columns, checked */
  size_t ncols;               /* their number */
  size_t nrows;               /* rows in each */
  pw_status fail;             /* out: the status of a failure raised in Lua */
} columns_job;

/* A column of n rows whose data is the host's `data`, and whose bitmap is
** `valid` (the host's when host_valid, else one allocated through the
** borrowing allocator). NULL when memory runs out; valid is then freed. */
static frame_column *borrowed_column(pw_engine *e, frame_type t, const void *data,
                                     uint64_t *valid, int host_valid, size_t n,
                                     size_t n_na, frame_dict *dict) {
  frame_mem bm = pw_borrow_mem(e);
  pw_host_data *h = pw_host_data_of(e);
  frame_column *c = h ? frame_column_new(&bm, t, 0, dict) : NULL;
  size_t mark = h ? h->nborrowed : 0;
  if (c == NULL || pw_host_borrow(h, data) != 0 ||
      (valid && host_valid && pw_host_borrow(h, valid) != 0)) {
    if (h)
      h->nborrowed = mark;
    if (valid && !host_valid)
      frame_mem_free(&bm, valid, (n + 63) / 64 * sizeof *valid);
    frame_column_unref(c);
    return NULL;
  }
  frame_mem_free(&c->mem, c->data, 0);   /* the placeholder of a 0-row column */
  c->data = (void *)(uintptr_t)data;     /* never written: columns are immutable */
  c->valid = valid;
  c->n = n;
  c->n_na = n_na;
  return c;
}

/* PW_DOUBLE: NaN is NA, as in every frame made from Lua (docs/frames.md),
** so a column with NaN gets a bitmap of its own with those rows cleared;
** its values are still the host's. *valid, *host_valid and *n_na are
** updated when there is a NaN. -1 when out of memory. */
static int nan_as_na(pw_engine *e, const pw_column *c, size_t n, uint64_t **valid,
                     int *host_valid, size_t *n_na) {
  const double *d = c->data;
  size_t first = 0;
  while (first < n && !(isnan(d[first]) && pw_host_present(c->validity, first)))
    first++;
  if (first == n)
    return 0;
  frame_mem bm = pw_borrow_mem(e);
  size_t bytes = (n + 63) / 64 * sizeof(uint64_t);
  uint64_t *own = frame_mem_alloc(&bm, bytes);
  if (own == NULL)
    return -1;
  if (c->validity)
    memcpy(own, c->validity, bytes);
  else
    memset(own, 0xff, bytes);
  for (size_t i = first; i < n; i++)
    if (isnan(d[i]) && pw_host_present(own, i)) {
      own[i >> 6] &= ~((uint64_t)1 << (i & 63));
      (*n_na)++;
    }
  *valid = own;
  *host_valid = 0;
  return 0;
}

/* A copy of a PW_DICT column's strings, code-preserving: entry k is
** dict[k]. *dup is set (and NULL returned) when two entries are equal,
** which would make two codes one value. */
static frame_dict *copy_dict(pw_engine *e, const pw_column *c, size_t dup[2]) {
  frame_mem m = {.alloc = pw_alloc, .ud = e};
  frame_dict *d = frame_dict_new(&m);
  for (size_t k = 0; d && k < c->ndict; k++) {
    int64_t code = frame_dict_intern(d, c->dict[k], strlen(c->dict[k]));
    if (code < 0 || (size_t)code != k) {
      dup[0] = code < 0 ? SIZE_MAX : (size_t)code;
      dup[1] = k;
      frame_dict_unref(d);
      return NULL;
    }
  }
  return d;
}

/* PW_STRING: the values copied into a dictionary-encoded column (the
** frame code's builder), NA where validity says. */
static frame_column *copy_strings(pw_engine *e, const pw_column *c, size_t n) {
  frame_mem m = {.alloc = pw_alloc, .ud = e};
  frame_builder b;
  if (frame_builder_init(&b, &m, FRAME_STR, n) != FRAME_OK)
    return NULL;
  const char *const *s = c->data;
  int status = FRAME_OK;
  for (size_t i = 0; i < n && status == FRAME_OK; i++)
    status = pw_host_present(c->validity, i) ? frame_builder_str(&b, s[i], strlen(s[i]))
                                        : frame_builder_na(&b);
  frame_column *col = NULL;
  if (status == FRAME_OK && frame_builder_finish(&b, &col) == FRAME_OK)
    return col;
  frame_builder_free(&b);
  return NULL;
}

/* One frame column over host column c. NULL when memory runs out, or with
** job->fail = PW_EINVAL (message set) for a dictionary with duplicates. */
static frame_column *build_column(columns_job *job, const pw_column *c) {
  pw_engine *e = job->e;
  size_t n = job->nrows;
  static const frame_type ftype[] = {FRAME_INT, FRAME_NUM, FRAME_BOOL, FRAME_DATE,
                                     FRAME_STR, FRAME_STR};
  if (c->type == PW_STRING)
    return copy_strings(e, c, n);
  frame_dict *dict = NULL;
  if (c->type == PW_DICT) {
    size_t dup[2] = {SIZE_MAX, 0};
    if ((dict = copy_dict(e, c, dup)) == NULL) {
      if (dup[0] != SIZE_MAX) {
        pw_set_errorf(e, "pw_bind_columns: column '%s': dictionary string '%s' is both "
                      "entry %zu and entry %zu (dictionary strings must be distinct)",
                      c->name, c->dict[dup[1]], dup[0], dup[1]);
        job->fail = PW_EINVAL;
      }
      return NULL;
    }
  }
  frame_column *col;
  if (n == 0) {   /* nothing to borrow; a column of its own has non-NULL data */
    frame_mem m = {.alloc = pw_alloc, .ud = e};
    col = frame_column_new(&m, ftype[c->type], 0, dict);
  } else {
    size_t n_na = pw_host_count_na(c->validity, n);
    uint64_t *valid = n_na ? (uint64_t *)(uintptr_t)c->validity : NULL;
    int host_valid = 1;
    if (c->type == PW_DOUBLE && nan_as_na(e, c, n, &valid, &host_valid, &n_na) != 0)
      col = NULL;
    else
      col = borrowed_column(e, ftype[c->type], c->data, valid, host_valid, n, n_na, dict);
  }
  frame_dict_unref(dict);   /* the column holds it, or nothing does */
  return col;
}

/* Build the frame, then name = frame in the user's globals. Everything C
** owns is freed before anything raises (STYLE.md practice 3). */
static int do_bind_columns(lua_State *L) {
  columns_job *job = lua_touserdata(L, 1);
  frame_mem m = {.alloc = pw_alloc, .ud = job->e};
  frame *f = frame_new(&m, job->nrows);
  for (size_t j = 0; f && j < job->ncols; j++) {
    frame_column *c = build_column(job, &job->cols[j]);
    int added = c ? frame_add(f, job->cols[j].name, c) : -1;
    frame_column_unref(c);   /* the frame holds it */
    if (added != 0) {
      frame_free(f);
      f = NULL;
    }
  }
  if (f == NULL) {
    if (job->fail == PW_EINVAL) {
      lua_pushstring(L, pw_errmsg(job->e));
      return lua_error(L);
    }
    job->fail = PW_EMEMORY;
    return luaL_error(L, "pw_bind_columns: not enough memory");
  }
  pw_frame_push(L, f);                                    /* stack: job frame */
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);    /* stack: job frame G */
  lua_insert(L, -2);
  lua_setfield(L, -2, job->name);
  return 0;
}

pw_status pw_bind_columns(pw_engine *e, const char *name, const pw_column *columns,
                          size_t ncols, size_t nrows) {
  CHECK_ENGINE(e);
  if (name == NULL || *name == '\0' || (columns == NULL && ncols > 0)) {
    pw_set_error(e, columns == NULL && ncols > 0 ? "pw_bind_columns: columns is NULL"
                                                 : "pw_bind_columns: no global name");
    return PW_EINVAL;
  }
  if (nrows > PW_FRAME_MAX_ROWS) {
    pw_set_errorf(e, "pw_bind_columns: %zu rows (a frame has at most %zu)", nrows,
                  (size_t)PW_FRAME_MAX_ROWS);
    return PW_EINVAL;
  }
  for (size_t j = 0; j < ncols; j++) {
    pw_status s = check_column(e, columns, j, nrows);
    if (s != PW_OK)
      return s;
  }
  columns_job job = {e, name, columns, ncols, nrows, PW_OK};
  lua_pushcfunction(e->L, do_bind_columns);
  lua_pushlightuserdata(e->L, &job);
  pw_status s = pw_pcall(e, 1, 0);
  if (s == PW_ESCRIPT && job.fail == PW_EINVAL)
    return PW_EINVAL;
  if (s == PW_ESCRIPT && job.fail == PW_EMEMORY)
    return PW_EINTERNAL;   /* no limit was hit (classify checks it first): real memory */
  return s;
}
