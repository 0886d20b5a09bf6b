/* csv.h: CSV files to frames and back, without Lua (DESIGN.md §6, docs/csv.md). */
#ifndef PW_STDLIB_CSV_H
#define PW_STDLIB_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "frame/frame.h"

/* Longest field the reader accepts. libcsv buffers a whole field, so an
** unterminated quote near the top of a large file would otherwise take
** the rest of the file into memory before it is reported. */
#if !defined(PW_CSV_MAX_FIELD)
#define PW_CSV_MAX_FIELD ((size_t)64 << 20)
#endif

/* Most strings in the `na` option. */
#if !defined(PW_CSV_MAX_NA)
#define PW_CSV_MAX_NA 32
#endif

/* Size of csv_result.msg and of csv_write_file's message buffer. */
#define CSV_MSG_SIZE 512

/* Status of every core call. */
typedef enum csv_status {
  CSV_OK = 0,  /* success */
  CSV_EOPEN,   /* the file cannot be opened or read (msg says why) */
  CSV_EDATA,   /* the input is malformed; msg is "file:line[:col]: what" */
  CSV_EUSAGE,  /* the options do not fit the file (unknown column, ...) */
  CSV_EMEM,    /* an allocation failed (libcsv owns CSV_ENOMEM) */
  CSV_ECANCEL, /* the progress callback asked to stop */
  CSV_EWRITE   /* the writer could not create, write or rename its file */
} csv_status;

/* Progress of a load: `done` of `total` input bytes. Called from the
** thread that called csv_read_*, about every 4 MiB. Nonzero stops the load
** with CSV_ECANCEL. */
typedef int (*csv_progress_fn)(void *ud, uint64_t done, uint64_t total);

/* A per-column type override (the `types = {col = "date"}` option). */
typedef struct csv_type_spec {
  const char *name; /* column name, after renaming duplicates */
  frame_type type;  /* the type to read it as; values that do not
                       parse are errors instead of promotions */
} csv_type_spec;

/* Options of csv_read_*. csv_read_opts_init gives the defaults. All
** pointers are borrowed for the duration of the call. */
typedef struct csv_read_opts {
  char sep;                   /* ',' ';' '\t' '|', or 0: sniff the first lines */
  int header;                 /* nonzero: the first record names the columns */
  const char *const *na;      /* strings read as NA; NULL: {"", "NA"} */
  size_t n_na;                /* how many in na (na non-NULL, 0: no NA strings) */
  int all_str;                /* nonzero: every column is str, no inference */
  const csv_type_spec *types; /* per-column overrides, or NULL */
  size_t n_types;             /* how many in types */
  size_t skip;                /* physical lines skipped before anything is read */
  char comment;               /* lines starting with this byte are ignored; 0: none */
  const char *const *columns; /* load only these, in this order; NULL: all */
  size_t n_columns;           /* how many in columns */
  int ragged_pad;             /* nonzero: short rows are padded with NA (counted) */
  int latin1;                 /* nonzero: the input is Latin-1, converted to UTF-8 */
  int threads;                /* 1: one thread; 0 or 2: two for large inputs */
  size_t parallel_min;        /* smallest input split across threads (0: 8 MiB);
                                 tests set 1 to exercise the split on small data */
  csv_progress_fn progress;   /* or NULL */
  void *progress_ud;          /* first argument of progress */
  frame_mem mem;              /* allocator of the frame and all scratch memory;
                                 with two threads it is called from both, but
                                 never at once (the reader holds a lock) */
} csv_read_opts;

void csv_read_opts_init(csv_read_opts *o);

/* A header name the reader changed. */
typedef struct csv_rename {
  size_t column; /* 1-based position in the file */
  char *from;    /* the name in the file (may be "") */
  char *to;      /* the name given */
} csv_rename;

/* What a load did: the frame's load summary (frame:load_info()). Owned by
** the csv_result; strings are NUL-terminated. */
typedef struct csv_summary {
  size_t rows;          /* data rows in the frame */
  size_t columns;       /* columns in the frame */
  uint64_t bytes;       /* input size in bytes */
  double seconds;       /* wall time of the load */
  char sep;             /* separator used (sniffed or given) */
  int passes;           /* 1, or 2 when some columns were read again as str */
  int threads;          /* threads that parsed the data */
  size_t padded_rows;   /* short rows padded with NA (ragged_pad) */
  size_t blank_lines;   /* empty lines skipped */
  size_t comment_lines; /* lines skipped as comments */
  size_t skipped_lines; /* lines skipped by the skip option */
  csv_rename *renames;  /* header names changed, in column order */
  size_t n_renames;     /* how many */
  char **warnings;      /* one line each, "file:line: what", no prefix */
  size_t n_warnings;    /* how many */
} csv_summary;

/* The outcome of a load. Zero it (or let csv_read_* do so) before use;
** free it with csv_result_free whatever the status. */
typedef struct csv_result {
  frame *frame;           /* the frame, on success; set to NULL to take it */
  csv_summary info;       /* filled on success */
  char msg[CSV_MSG_SIZE]; /* why, on failure */
  frame_mem mem;          /* allocator of everything above */
} csv_result;

/* Read the file at `path`; `name` is how messages call it (NULL: path).
** Returns a csv_status; on failure r->msg says why. The rules (types,
** NA, errors) are in docs/csv.md. Reentrant: no global state. */
int csv_read_file(const char *path, const char *name, const csv_read_opts *o,
                  csv_result *r);
/* Read `len` bytes at `data` (not NUL-terminated) as a file called `name`. */
int csv_read_buffer(const void *data, size_t len, const char *name,
                    const csv_read_opts *o, csv_result *r);
void csv_result_free(csv_result *r);

/* ------------------------------------------------------------ writing */

/* Options of csv_write_*. csv_write_opts_init gives the defaults. */
typedef struct csv_write_opts {
  char sep;       /* ',' ';' '\t' '|' */
  const char *na; /* text written for NA (default ""); a string value
                     equal to it is quoted */
  int header;     /* nonzero: write the column names first */
  int crlf;       /* nonzero: end records with "\r\n" instead of "\n" */
} csv_write_opts;

void csv_write_opts_init(csv_write_opts *o);

/* Write `f` to `path` through a temporary file in the same directory that
** is renamed over `path` at the end, so a failed write leaves no partial
** file. `name` is how messages call the path (NULL: path). */
int csv_write_file(const frame *f, const char *path, const char *name,
                   const csv_write_opts *o, char *msg, size_t msgsize);
/* Write `f` to an open stream (tests, pipes). */
int csv_write_stream(const frame *f, FILE *fp, const csv_write_opts *o, char *msg,
                     size_t msgsize);

/* ------------------------------------------------------------- values */

/* Size of a buffer that holds any formatted value, NUL included. */
#define CSV_VALUE_BUFSIZE 40

/* The text csv_write gives a value: the exact integer; the shortest
** decimal that reads back to the same double, with ".0" when it would
** otherwise look like an integer ("NaN", "Inf", "-Inf" for those); ISO
** dates. Each returns the length written (no NUL). */
size_t csv_format_int(int64_t v, char *buf);
size_t csv_format_num(double v, char *buf);
size_t csv_format_date(int32_t days, char *buf);

/* Days since 1970-01-01 of an ISO date "YYYY-MM-DD"; 0 when s[0..n) is
** not a valid date. */
int csv_parse_date(const char *s, size_t n, int32_t *days);

#endif
