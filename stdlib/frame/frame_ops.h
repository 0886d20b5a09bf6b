/* frame_ops.h: the frame kernels (take, sort, group, aggregate, join, distinct,
** build, format), pure C without Lua. docs/frames.md states their semantics. */
#ifndef PW_STDLIB_FRAME_OPS_H
#define PW_STDLIB_FRAME_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"

/* What a kernel returns. The first three are frame_add's codes. On any
** failure a kernel has freed what it allocated and left its outputs unset. */
enum frame_status {
  FRAME_OK = 0,         /* done */
  FRAME_ENOMEM = -1,    /* an allocation failed */
  FRAME_EEXIST = -2,    /* a column name would appear twice */
  FRAME_ELENGTH = -3,   /* a column's length is not the frame's */
  FRAME_ETYPE = -4,     /* a column's type does not allow the operation */
  FRAME_EOVERFLOW = -5, /* an int sum left the int64 range */
  FRAME_ETOOBIG = -6,   /* a result would have more than PW_FRAME_MAX_ROWS rows */
  FRAME_EARG = -7       /* an argument out of its range (a quantile's p) */
};

/* A short English text for a status ("not enough memory"). */
const char *frame_strerror(int status);

/* Row numbers are 32-bit: index arrays of 10M-row frames then take half
** the memory and cache of size_t ones. */
typedef uint32_t frame_row;
#define FRAME_ROW_NONE UINT32_MAX /* "no row": take makes an NA there */

/* The most rows a kernel makes or reads. */
#if !defined(PW_FRAME_MAX_ROWS)
#define PW_FRAME_MAX_ROWS ((size_t)UINT32_MAX - 1)
#endif

/* ------------------------------------------------------ take (frame_take.c) */

/* Column of the rows `rows[0..n)` of c, in that order; FRAME_ROW_NONE gives
** NA. A dictionary-encoded column shares its dictionary. */
int frame_column_take(const frame_column *c, const frame_row *rows, size_t n,
                      frame_column **out);
/* Rows [start, start + n) of c (the caller keeps them in range). */
int frame_column_slice(const frame_column *c, size_t start, size_t n, frame_column **out);
/* frame_column_take on every column of f. */
int frame_take(const frame *f, const frame_row *rows, size_t n, frame **out);
/* The rows i of f with mask[i] != 0, in order. All rows: columns shared. */
int frame_filter(const frame *f, const uint8_t *mask, frame **out);
/* Rows [start, start + n) of f, clamped to its rows. The whole frame:
** columns shared. head and tail are slices. */
int frame_slice(const frame *f, size_t start, size_t n, frame **out);

/* -------------------------------------------------- columns (frame_select.c) */

/* A frame of f's columns cols[0..n) in that order, shared, named names[i]
** (NULL: their own names). FRAME_EEXIST when a name repeats. */
int frame_select(const frame *f, const size_t *cols, const char *const *names, size_t n,
                 frame **out);
/* A frame sharing all of f's columns. */
int frame_copy(const frame *f, frame **out);
/* Replace the column named `name` by c, or append c under that name (c
** gains a reference). Only for a frame nobody else sees yet. */
int frame_set(frame *f, const char *name, frame_column *c);

/* ------------------------------------------------------ sort (frame_sort.c) */

/* Sort rows[0..n) of f stably by the columns keys[0..nkeys), each
** descending where desc[k] != 0 (desc NULL: all ascending). NA sorts last
** whatever the direction, NaN just before NA; strings in byte order; ties
** keep their order in rows. */
int frame_sort_rows(const frame *f, const size_t *keys, const uint8_t *desc, size_t nkeys,
                    frame_row *rows, size_t n);
/* order[0..f->nrow): the permutation that sorts f (frame_sort_rows of 0..n-1). */
int frame_order(const frame *f, const size_t *keys, const uint8_t *desc, size_t nkeys,
                frame_row *order);

/* ----------------------------------------------------- group (frame_group.c) */

/* The groups of a frame's rows by key columns. Groups are numbered in key
** order: ascending, NA last (as dplyr's group_by); each group's rows keep
** their order in the frame. No keys: one group of all rows. */
typedef struct frame_groups {
  size_t nrow;      /* rows of the grouped frame */
  size_t ngroups;   /* number of groups */
  size_t nkeys;     /* number of key columns */
  size_t *keys;     /* nkeys column indices into the grouped frame */
  frame_row *gid;   /* nrow: the group of each row */
  frame_row *first; /* ngroups: each group's first row (NONE for the empty group) */
  frame_row *start; /* ngroups + 1: group g's rows are rows[start[g] .. start[g+1]) */
  frame_row *rows;  /* nrow: row numbers ordered by group, in frame order within */
  frame_mem mem;    /* allocator of all of the above */
} frame_groups;

int frame_group(const frame *f, const size_t *keys, size_t nkeys, frame_groups **out);
void frame_groups_free(frame_groups *g); /* NULL is a no-op */
/* The key columns of g's groups: one row per group, in group order. */
int frame_group_keys(const frame *f, const frame_groups *g, frame **out);

/* Dense codes 0..*ncodes-1 of f's rows by the columns keys[0..nkeys), in
** order of first occurrence; equal keys get equal codes, NA equals NA. */
int frame_factorize(const frame *f, const size_t *keys, size_t nkeys, frame_row *codes,
                    size_t *ncodes);

/* ---------------------------------------------- distinct (frame_distinct.c) */

/* The first row of each distinct combination of cols[0..ncols) (all
** columns when ncols is 0), in order of first occurrence; only those
** columns are kept (as dplyr's distinct). */
int frame_distinct(const frame *f, const size_t *cols, size_t ncols, frame **out);
/* group + count: the key columns, one row per group in group order, and an
** int column `n` (`nn`, `nnn`... when a key is already named n). */
int frame_count(const frame *f, const size_t *keys, size_t nkeys, frame **out);
/* The distinct non-NA values of c in order of first occurrence. */
int frame_column_unique(const frame_column *c, frame_column **out);

/* ------------------------------------------------- recode (frame_recode.c) */

#define FRAME_RECODE_NA UINT32_MAX   /* a map entry that gives NA */

/* A str column over dictionary d (which gains a reference): row i is
** d's string map[code of row i] (dictionary column c) or map[i] (plain c),
** and na_code where c is NA; NA where that is FRAME_RECODE_NA. FRAME_ETYPE
** unless c is str. Every other entry must be a code of d. */
int frame_column_recode(const frame_column *c, const uint32_t *map, uint32_t na_code,
                        frame_dict *d, frame_column **out);

/* ---------------------------------------------------- aggregate (frame_agg.c) */

/* Aggregates. All skip NA (and NaN, as R's na.rm = TRUE does). */
typedef enum frame_agg {
  FRAME_AGG_COUNT = 0,  /* rows, NA or not (int) */
  FRAME_AGG_N,          /* non-NA values (int) */
  FRAME_AGG_SUM,        /* int and bool: int, overflow an error; num: num */
  FRAME_AGG_MEAN,       /* num */
  FRAME_AGG_MEDIAN,     /* num */
  FRAME_AGG_VAR,        /* num, n - 1 denominator; NA under 2 values */
  FRAME_AGG_SD,         /* num, sqrt(var) */
  FRAME_AGG_MIN,        /* the column's type */
  FRAME_AGG_MAX,        /* the column's type */
  FRAME_AGG_N_DISTINCT, /* distinct non-NA values (int) */
  FRAME_AGG_FIRST,      /* first non-NA value, the column's type */
  FRAME_AGG_LAST,       /* last non-NA value, the column's type */
  FRAME_AGG_QUANTILE    /* R's type 7 quantile at p (num) */
} frame_agg;
#define FRAME_NAGG 13 /* number of frame_agg values */

/* "count", "n", "sum", ..., "quantile"; NULL out of range. */
const char *frame_agg_name(frame_agg a);
/* The type of aggregate a of a column of type t, or FRAME_ETYPE when a
** does not apply (mean of str, sum of date, ...). For a checker. */
int frame_agg_type(frame_agg a, frame_type t, frame_type *out);
/* Aggregate a of c over the groups g (NULL: c is one group), p for
** FRAME_AGG_QUANTILE in [0, 1]. One row per group; an empty or all-NA
** group gives NA, except count, n and n_distinct, which give 0. */
int frame_aggregate(const frame_column *c, const frame_groups *g, frame_agg a, double p,
                    frame_column **out);
/* R's median.default (median nonzero) or quantile(type = 7) at p of
** x[0..n), n >= 1, no NA or NaN; x is reordered (selection, not a sort).
** The one implementation: col:median() and the expression language's
** median() and quantile() both use it. */
double frame_order_stat(double *x, size_t n, int median, double p);

/* ------------------------------------------------------ join (frame_join.c) */

typedef enum frame_join_how {
  FRAME_JOIN_INNER = 0, /* matched pairs only */
  FRAME_JOIN_LEFT,      /* every x row; NA on y's side when unmatched */
  FRAME_JOIN_RIGHT,     /* matched pairs, then the unmatched y rows */
  FRAME_JOIN_FULL       /* every x row, then the unmatched y rows */
} frame_join_how;

/* What frame_join joins on and how. */
typedef struct frame_join_spec {
  const size_t *xkeys;  /* nkeys key columns of x */
  const size_t *ykeys;  /* the matching key columns of y */
  size_t nkeys;         /* at least 1 */
  frame_join_how how;   /* which unmatched rows are kept */
  const char *suffix_x; /* appended to x's non-key names that clash ("_x") */
  const char *suffix_y; /* appended to y's ("_y") */
} frame_join_spec;

/* The row pairs of a join: xrows[i], yrows[i] (FRAME_ROW_NONE where a side
** has no row), *n pairs, in the order: x rows in order, each followed by
** its matches in y order; for right and full, then the unmatched y rows in
** order. NA keys never match. Keys compare by value across int and num.
** The arrays come from x->mem, each *n (at least 1) frame_rows long. */
int frame_join_rows(const frame *x, const frame *y, const frame_join_spec *spec,
                    frame_row **xrows, frame_row **yrows, size_t *n);
/* The joined frame: x's columns (keys filled from y for y-only rows, of
** the common type of both keys), then y's non-key columns. */
int frame_join(const frame *x, const frame *y, const frame_join_spec *spec, frame **out);

/* ------------------------------------------------- building (frame_build.c) */

/* A column built value by value, with type inference: the type is set by
** the first non-NA value (or given), int promotes to num, anything else
** mixed is FRAME_ETYPE. Strings are dictionary-encoded. */
typedef struct frame_builder {
  frame_mem mem;    /* allocator of the buffers */
  int typed;        /* a type is set: given, or from a value */
  int fixed;        /* the type was given: int does not promote to num */
  frame_type type;  /* the type, once typed */
  size_t n;         /* values so far */
  size_t cap;       /* capacity of data, in values */
  size_t vcap;      /* capacity of valid, in values (it may lag behind cap) */
  void *data;       /* the values, in type's layout (str: codes) */
  uint64_t *valid;  /* validity bits, NULL while no NA was added */
  size_t n_na;      /* NA values so far */
  frame_dict *dict; /* str: the dictionary */
} frame_builder;

/* type < 0: infer. `hint` preallocates room for that many values. */
int frame_builder_init(frame_builder *b, const frame_mem *m, int type, size_t hint);
void frame_builder_free(frame_builder *b); /* safe on a zeroed or finished builder */
int frame_builder_na(frame_builder *b);
int frame_builder_int(frame_builder *b, int64_t v);
int frame_builder_num(frame_builder *b, double v); /* NaN is stored as NA */
int frame_builder_bool(frame_builder *b, int v);
int frame_builder_date(frame_builder *b, int32_t days);
int frame_builder_str(frame_builder *b, const char *s, size_t len);
/* The column (the builder is left empty). FRAME_ETYPE when no type was
** given and every value was NA. */
int frame_builder_finish(frame_builder *b, frame_column **out);

/* ---------------------------------------------------- dates (frame_date.c) */

#define FRAME_DATE_BUFSIZE 16 /* room for any formatted date and its NUL */
/* Parse exactly "YYYY-MM-DD" (a real calendar day). 0 on success, -1 not. */
int frame_date_parse(const char *s, size_t len, int32_t *days);
/* Write the date as "YYYY-MM-DD" (years outside 0..9999 with a sign, as
** ISO 8601's expanded form); returns the length. */
size_t frame_date_format(int32_t days, char buf[FRAME_DATE_BUFSIZE]);
/* The calendar date of a day number: year, month 1..12, day 1..31. The one
** implementation of the calendar: csv and the expression language use it. */
void frame_date_civil(int64_t days, int64_t *year, unsigned *month, unsigned *day);

/* -------------------------------------------------- printing (frame_print.c) */

/* How frame_format lays a frame out. */
typedef struct frame_format_opts {
  size_t width;    /* code points per line at most (the first column always shows) */
  size_t max_rows; /* data rows shown at most: the first and last halves */
  int color;       /* nonzero: NA and the type row dim (ANSI), escapes take no width */
} frame_format_opts;

/* The box table of f (docs/frames.md) laid out as `o` says. *out
** (NUL-terminated, *len bytes, allocated from f->mem with *len + 1 bytes)
** is the caller's. */
int frame_format(const frame *f, const frame_format_opts *o, char **out, size_t *len);

#endif
