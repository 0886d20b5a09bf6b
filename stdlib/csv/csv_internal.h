/* csv_internal.h: what the reader's files share (csv_*.c only). */
#ifndef PW_STDLIB_CSV_INTERNAL_H
#define PW_STDLIB_CSV_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* libcsv. Angle brackets: with -Istdlib this finds /usr/include/csv.h,
** never our own stdlib/csv/csv.h (which is included with quotes). */
#include <csv.h>
#if !defined(LIBCSV_H__)
#error "<csv.h> is not libcsv's: keep stdlib/csv off the include path (use -Istdlib)"
#endif

#include "csv.h"

/* Type of a column builder that has seen only NA so far. */
#define CB_NONE (-1)

/* Bytes read from the source per csv_parse call. */
#define CSV_BLOCK ((size_t)1 << 18)

/* ------------------------------------------------------------- values */

/* Exact powers of ten: every one up to 1e22 is a double without rounding,
** which the fast paths depend on. */
extern const double csv_pow10[23];

/* An integer written the way csv_format_int writes it: -?(0|[1-9][0-9]*)
** within int64, and not "-0". Anything else ("08123", "+5") would not
** print back the same, so inference leaves it to other types. Inline:
** it runs once per field of an int column. */
static inline int csv_infer_int(const char *s, size_t n, int64_t *out) {
  size_t i = (n > 0 && s[0] == '-');
  size_t nd = n - i;
  if (nd == 0 || nd > 19 || (s[i] == '0' && (nd > 1 || i == 1)))
    return 0;
  uint64_t v = 0;
  for (; i < n; i++) {
    unsigned d = (unsigned)((unsigned char)s[i] - '0');
    if (d > 9)
      return 0;
    v = v * 10 + d; /* 19 digits fit in uint64 */
  }
  if (s[0] == '-') {
    if (v > (uint64_t)INT64_MAX + 1)
      return 0;
    *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
  } else {
    if (v > (uint64_t)INT64_MAX)
      return 0;
    *out = (int64_t)v;
  }
  return 1;
}

int csv_infer_num_slow(const char *s, size_t n, double *out);

/* A number in inference: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
** whose decimal value the double keeps (its shortest text has the same
** digits and scale), or "NaN", "Inf", "-Inf". Inline, the plain decimals
** of data ("78.22"): at most 15 digits, so m / 10^k is exact in its
** operands and, IEEE division rounding correctly, equal to strtod's. */
static inline int csv_infer_num(const char *s, size_t n, double *out) {
  const char *p = s, *e = s + n;
  int neg = p < e && *p == '-';
  p += neg;
  const char *d0 = p;
  uint64_t m = 0;
  while (p < e && (unsigned)(*p - '0') < 10)
    m = m * 10 + (unsigned)(*p++ - '0');
  size_t nint = (size_t)(p - d0), frac = 0;
  if (nint == 0 || nint > 15 || (*d0 == '0' && nint > 1))
    return csv_infer_num_slow(s, n, out);
  if (p < e && *p == '.') {
    const char *f0 = ++p;
    while (p < e && (unsigned)(*p - '0') < 10)
      m = m * 10 + (unsigned)(*p++ - '0');
    frac = (size_t)(p - f0);
    if (frac == 0 || nint + frac > 15)
      return csv_infer_num_slow(s, n, out);
  }
  if (p != e)
    return csv_infer_num_slow(s, n, out);
  double v = (double)m / csv_pow10[frac];
  *out = neg ? -v : v;
  return 1;
}
int csv_parse_int_lenient(const char *s, size_t n, int64_t *out);
int csv_parse_num_lenient(const char *s, size_t n, double *out);
int csv_parse_bool(const char *s, size_t n, uint8_t *out, int *lower);
size_t csv_utf8_check(const char *s, size_t n);

/* ------------------------------------------------------------- source */

/* Where the bytes come from: a regular file read with pread (no mmap: a
** file truncated while mapped would crash the process), or memory. */
typedef struct csv_source {
  int fd;           /* open file, or -1 */
  const char *data; /* the bytes when fd is -1 */
  uint64_t size;    /* bytes in all */
} csv_source;

/* Up to n bytes at `off`: *out points at them (in buf for a file).
** Returns the count, 0 at the end, SIZE_MAX on a read error (errno). */
size_t csv_source_read(const csv_source *src, uint64_t off, char *buf, size_t n,
                       const char **out);

/* -------------------------------------------------------- string table */

/* The distinct strings of one column while loading: an open-addressing
** index with the hash kept beside each code, so most probes compare one
** word. Turned into a frame_dict at the end. */
typedef struct csv_strtab {
  uint32_t n;        /* distinct strings */
  uint32_t ocap;     /* capacity of offsets, in strings */
  uint64_t *offsets; /* n + 1 offsets into bytes */
  char *bytes;       /* the strings, each followed by a NUL */
  size_t nbytes;     /* bytes used */
  size_t bcap;       /* bytes allocated */
  uint64_t *slots;   /* (hash >> 32) << 32 | (code + 1); 0 = empty */
  uint32_t nslots;   /* power of two, at least 2n */
  uint32_t last;     /* code of the previous value: runs skip the hash */
} csv_strtab;

/* ------------------------------------------------------------- columns */

/* One column of one chunk while loading. Values are stored as they are
** read, in the type inferred so far; a value the type cannot hold
** promotes the column (int -> num -> str; bool, date -> str). */
typedef struct csv_builder {
  int type;            /* frame_type, or CB_NONE while every value is NA */
  int forced;          /* the type was given: a bad value is an error */
  int dead;            /* to be read again as str (second pass); no storage */
  int plain;           /* str: plain storage, else dictionary codes */
  int bool_odd;        /* bool: some value was not spelled true/false */
  int qe_na;           /* a quoted empty field was read as NA while not str */
  size_t cap;          /* rows allocated */
  void *data;          /* cap values of the type (str: uint32 codes) */
  uint64_t *valid;     /* NULL while nothing is NA, else cap bits, 1 = present */
  size_t n_na;         /* rows missing */
  size_t n_values;     /* rows present */
  csv_strtab tab;      /* str, dictionary: the distinct strings */
  uint64_t *offsets;   /* str, plain: cap + 1 offsets into bytes */
  char *bytes;         /* str, plain: the strings, each NUL-terminated */
  size_t nbytes;       /* str, plain: bytes used */
  size_t bcap;         /* str, plain: bytes allocated */
  int promo_set;       /* a value made the column str (the fields below) */
  int promo_from;      /* the type it had then (CB_NONE: only NAs before) */
  size_t promo_row;    /* that value's row in the chunk */
  char promo_text[12]; /* that value when it looks like an NA spelling, else "" */
} csv_builder;

/* ---------------------------------------------------------------- errors */

/* What went wrong in a chunk; turned into a message by csv_read.c, which
** alone can find lines and columns in the file. */
typedef enum csv_errkind {
  CSV_ERR_NONE = 0,  /* no error */
  CSV_ERR_NOMEM,     /* an allocation failed */
  CSV_ERR_IO,        /* reading failed: sys_errno */
  CSV_ERR_CANCEL,    /* the progress callback asked to stop */
  CSV_ERR_SYNTAX,    /* libcsv's strict mode refused a quote */
  CSV_ERR_EOF_QUOTE, /* the input ends inside a quoted field */
  CSV_ERR_TOO_LONG,  /* a field longer than PW_CSV_MAX_FIELD */
  CSV_ERR_RAGGED,    /* a record with the wrong number of fields */
  CSV_ERR_UTF8,      /* invalid UTF-8 at `offset` in the field */
  CSV_ERR_VALUE      /* a value of a forced column does not parse */
} csv_errkind;

typedef struct csv_fault {
  csv_errkind kind; /* what */
  uint64_t record;  /* 0-based record of the chunk (terminators seen) */
  size_t field;     /* 0-based field of the record */
  size_t offset;    /* CSV_ERR_UTF8: offset of the bad byte in the field's text */
  size_t expected;  /* CSV_ERR_RAGGED: fields wanted */
  size_t found;     /* CSV_ERR_RAGGED: fields present */
  int slot;         /* CSV_ERR_VALUE: the builder */
  int sys_errno;    /* CSV_ERR_IO: errno */
  char value[48];   /* CSV_ERR_VALUE: the start of the value */
  size_t value_len; /* its full length */
} csv_fault;

/* ---------------------------------------------------------------- chunks */

/* Settings every chunk of one load shares, read-only while parsing. */
typedef struct csv_config {
  const csv_source *src; /* the input */
  char sep;              /* field separator */
  char comment;          /* comment byte, or 0 */
  int ragged_pad;        /* pad short records instead of failing */
  int latin1;            /* convert Latin-1 to UTF-8 */
  size_t ncol;           /* fields per record */
  const int *slot;       /* ncol entries: field -> builder, or -1 */
  size_t nslots;         /* builders per chunk */
  const int *types;      /* nslots entries: forced frame_type, or CB_NONE */
  const char *const *na; /* non-empty NA strings */
  const size_t *na_len;  /* their lengths */
  size_t n_na;           /* how many */
  int na_empty;          /* an empty field is NA */
  uint64_t na_lens;      /* bit n (n < 63): an NA string has n bytes;
                            bit 63: one has more; so most fields skip
                            the comparisons */
  const frame_mem *mem;  /* allocator (locked when two threads run) */
} csv_config;

/* One byte range parsed by one thread into its own builders. */
typedef struct csv_chunk {
  const csv_config *cfg;      /* shared settings */
  uint64_t begin;             /* first byte (a record start) */
  uint64_t end;               /* one past the last byte */
  uint64_t pos;               /* next byte to read */
  struct csv_parser p;        /* libcsv state */
  int p_ready;                /* p was initialized */
  csv_builder *cols;          /* cfg->nslots builders */
  size_t cap;                 /* rows allocated in every builder */
  size_t rows;                /* data rows stored */
  size_t field;               /* fields of the current record so far */
  uint64_t records;           /* records ended (terminators, blank lines too) */
  int prev_cr;                /* the last record ended with CR: a LF now is CRLF */
  size_t padded;              /* short records padded */
  size_t blank;               /* blank lines skipped */
  size_t comments;            /* comment lines skipped */
  int at_line_start;          /* comment filter: next byte starts a line */
  int in_quotes;              /* comment filter: inside a quoted field */
  int in_comment;             /* comment filter: 1 in a comment, 2 after its CR */
  char *buf;                  /* read buffer (CSV_BLOCK) */
  char *conv;                 /* filter / Latin-1 output (2 * CSV_BLOCK) */
  atomic_uint_fast64_t *done; /* where to report bytes consumed, or NULL */
  atomic_int *stop;           /* set by another thread to stop this chunk */
  int (*tick)(void *ud);      /* called after each block; nonzero cancels */
  void *tick_ud;              /* its argument */
  csv_fault err;              /* the first error; kind NONE if none */
} csv_chunk;

/* csv_parse.c */
int csv_chunk_init(csv_chunk *c, const csv_config *cfg, uint64_t begin, uint64_t end,
                   size_t rows_hint);
/* Parse [pos, stop) of the chunk; `last` says stop is its end (finish
** libcsv there). 0, or -1 with c->err set. */
int csv_chunk_run(csv_chunk *c, uint64_t stop, int last);
/* Whether the chunk stopped exactly at a record boundary. */
int csv_chunk_at_record_start(const csv_chunk *c);
void csv_chunk_free(csv_chunk *c);
/* Set err from a builder failure: out of memory unless already set. */
void csv_chunk_fail(csv_chunk *c, csv_errkind kind);

/* csv_column.c */
void csv_builder_init(csv_builder *b, int forced);
int csv_builder_grow(csv_builder *b, size_t cap, const frame_mem *m);
void csv_builder_free(csv_builder *b, const frame_mem *m);
int csv_builder_put(csv_chunk *c, csv_builder *b, size_t row, const char *s, size_t len);
/* libcsv's field callback (ud: the chunk): the field goes to its builder. */
void csv_on_field(void *s, size_t len, void *ud);
int csv_builder_na(csv_builder *b, size_t row, const frame_mem *m);
/* Append b's rows to a's; b is freed. -1: out of memory. a->dead may be
** set when the two halves need the second pass. */
int csv_builder_append(csv_builder *a, size_t arows, csv_builder *b, size_t brows,
                       const frame_mem *m);
/* After the last row: a column of only NAs that held quoted empty fields
** ("") becomes str, where those are empty strings: it is marked dead, to
** be read again in the second pass. */
void csv_builder_settle(csv_builder *b, const frame_mem *m);
/* Give the column the final shape; NULL when out of memory. */
frame_column *csv_builder_finish(csv_builder *b, size_t rows, const frame_mem *m);
/* csv_strtab.c */
int csv_strtab_init(csv_strtab *t, const frame_mem *m);
void csv_strtab_free(csv_strtab *t, const frame_mem *m);
/* The code of s[0..len), added when new (*is_new set). -1: out of memory
** or more than 2^32 - 2 distinct strings. */
int64_t csv_strtab_intern(csv_strtab *t, const char *s, size_t len, const frame_mem *m,
                          int *is_new);
/* The string of `code` and its length. */
static inline const char *csv_strtab_str(const csv_strtab *t, uint32_t code,
                                         size_t *len) {
  *len = (size_t)(t->offsets[code + 1] - t->offsets[code] - 1);
  return t->bytes + t->offsets[code];
}

/* csv_scan.c: quote-aware scanning of raw bytes, for what libcsv does
** not say: where records start, where an error is, the separator. */
typedef struct csv_scan {
  const csv_source *src; /* the input */
  char sep;              /* separator */
  char comment;          /* comment byte or 0 */
} csv_scan;

/* Offset just past the record starting at `off` (its terminator, CRLF
** whole), skipping comment and blank lines before it; *start gets where
** it starts, *blank and *comments count what was skipped. Returns
** src->size when the record runs to the end; UINT64_MAX on a read error. */
uint64_t csv_scan_record(const csv_scan *s, uint64_t off, uint64_t *start, size_t *blank,
                         size_t *comments);
/* Offset after `n` physical lines (LF, CRLF or CR) from `off`. */
uint64_t csv_scan_skip_lines(const csv_source *src, uint64_t off, size_t n, size_t *done);
/* The separator among , ; \t | that splits the first lines most evenly. */
char csv_scan_sniff(const csv_source *src, uint64_t off, char comment);
/* A record start near `mid` found by quote parity from `begin` (a record
** start), or 0 when there is none before the end. */
uint64_t csv_scan_split(const csv_source *src, uint64_t begin, uint64_t mid);
/* Where an error is: the offset of field `field` of record `record`
** counted from `begin` (want 'f': its first byte; 'c': byte `content` of
** its text; 'x': the first byte strict RFC 4180 refuses). */
uint64_t csv_scan_locate(const csv_scan *s, uint64_t begin, uint64_t record, size_t field,
                         size_t content, int want);
/* 1-based line and byte column of offset `off`. */
void csv_scan_line_col(const csv_source *src, uint64_t off, uint64_t *line,
                       uint64_t *col);

/* Resize the block at *(void **)pp from `old` to `new` bytes (a zero size
** counts as one, so a block always exists). 0, or -1 with *pp unchanged. */
int csv_resize(const frame_mem *m, void *pp, size_t old, size_t new);

/* ---------------------------------------------------------------- reader */

/* One load: what csv_read.c works out before parsing the data. */
typedef struct csv_reader {
  const csv_read_opts *o;        /* the caller's options */
  const char *name;              /* the file as messages call it */
  csv_source src;                /* the input */
  frame_mem mem;                 /* allocator of everything */
  char sep;                      /* separator (given or sniffed) */
  uint64_t header_begin;         /* first byte of the header record */
  uint64_t data_begin;           /* first byte of the data */
  size_t ncol;                   /* fields per record */
  char **names;                  /* ncol column names, made unique */
  size_t rows_hint;              /* data rows estimated from a sample */
  const char *na[PW_CSV_MAX_NA]; /* non-empty NA strings */
  size_t na_len[PW_CSV_MAX_NA];  /* their lengths */
  size_t n_na;                   /* how many */
  int na_empty;                  /* "" is an NA string */
  csv_result *r;                 /* output: frame, summary, message */
} csv_reader;

/* What one pass over the data produced. */
typedef struct csv_pass {
  csv_builder *cols; /* merged builders, one per slot */
  size_t nslots;     /* how many */
  size_t rows;       /* data rows */
  size_t padded;     /* short rows padded */
  size_t blank;      /* blank lines skipped */
  size_t comments;   /* comment lines skipped */
  int threads;       /* threads that parsed */
} csv_pass;

/* csv_pass.c: parse the data once for the builders that `slot` maps
** (field -> builder or -1) with `types` (per builder: forced type or
** CB_NONE). Returns a csv_status; on failure rd->r->msg says why. */
int csv_pass_run(csv_reader *rd, const int *slot, const int *types, size_t nslots,
                 csv_pass *out);
void csv_pass_free(csv_reader *rd, csv_pass *p);
/* s for a message: at most 60 bytes, cut at a character boundary, "..."
** when cut; buf holds 64 bytes. */
const char *csv_shown(const char *s, char *buf);
/* Write "name:line:col: what" for an error found from offset `begin`. */
void csv_describe_error(csv_reader *rd, const csv_fault *e, uint64_t begin);

#endif
