/* csv_read.c: csv_read_file and csv_read_buffer: options, header, column names, the frame
 * and its summary. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csv_internal.h"

void csv_read_opts_init(csv_read_opts *o) {
  memset(o, 0, sizeof *o);
  o->sep = ',';
  o->header = 1;
}

static char *copy_str(const frame_mem *m, const char *s, size_t n) {
  char *p = frame_mem_alloc(m, n + 1);
  if (p) {
    memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

/* Append a warning line to the summary. -1: out of memory. */
static int warn(csv_reader *rd, const char *fmt, ...) {
  csv_summary *s = &rd->r->info;
  char line[CSV_MSG_SIZE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  char *copy = copy_str(&rd->mem, line, strlen(line));
  char **w = copy ? frame_mem_realloc(&rd->mem, s->warnings, s->n_warnings * sizeof *w,
                                      (s->n_warnings + 1) * sizeof *w)
                  : NULL;
  if (w == NULL) { /* the array keeps its size: csv_result_free frees it by count */
    frame_mem_free(&rd->mem, copy, strlen(line) + 1);
    return -1;
  }
  s->warnings = w;
  w[s->n_warnings++] = copy;
  return 0;
}

static int fail(csv_reader *rd, int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(rd->r->msg, CSV_MSG_SIZE, fmt, ap);
  va_end(ap);
  return status;
}

static int nomem(csv_reader *rd) {
  return fail(rd, CSV_EMEM, "%s: not enough memory", rd->name);
}

/* --------------------------------------------------------------- header */

/* The header's fields as libcsv gives them. */
typedef struct header {
  csv_reader *rd; /* the load */
  char **v;       /* field texts */
  size_t n;       /* how many */
  size_t cap;     /* capacity of v */
  csv_fault err;  /* the first problem */
} header;

static void header_field(void *s, size_t len, void *ud) {
  header *h = ud;
  const char *text = s ? s : "";
  if (h->err.kind != CSV_ERR_NONE)
    return;
  size_t bad = h->rd->o->latin1 ? len : csv_utf8_check(text, len);
  if (bad < len) {
    h->err = (csv_fault){.kind = CSV_ERR_UTF8, .field = h->n, .offset = bad};
    return;
  }
  const frame_mem *m = &h->rd->mem;
  if (h->n == h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 16;
    char **v = frame_mem_realloc(m, h->v, h->cap * sizeof *v, cap * sizeof *v);
    if (v == NULL) {
      h->err.kind = CSV_ERR_NOMEM;
      return;
    }
    h->v = v;
    h->cap = cap;
  }
  if ((h->v[h->n] = copy_str(m, text, len)) == NULL)
    h->err.kind = CSV_ERR_NOMEM;
  else
    h->n++;
}

static void header_end(int c, void *ud) {
  (void)c;
  (void)ud;
}

static void header_free(header *h) {
  for (size_t i = 0; i < h->n; i++)
    frame_mem_free(&h->rd->mem, h->v[i], strlen(h->v[i]) + 1);
  frame_mem_free(&h->rd->mem, h->v, h->cap * sizeof *h->v);
}

static int never_blank(unsigned char c) {
  (void)c;
  return 0;
}

/* Parse the record at [start, end) with libcsv into h. */
static int parse_header(csv_reader *rd, uint64_t start, uint64_t end, header *h) {
  struct csv_parser p;
  char buf[8192], conv[16384];
  csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL);
  csv_set_delim(&p, (unsigned char)rd->sep);
  csv_set_space_func(&p, never_blank);
  uint64_t off = start;
  while (off < end && h->err.kind == CSV_ERR_NONE) {
    const char *q;
    size_t want = end - off < sizeof buf ? (size_t)(end - off) : sizeof buf;
    size_t n = csv_source_read(&rd->src, off, buf, want, &q);
    if (n == SIZE_MAX || n == 0) {
      h->err = (csv_fault){.kind = CSV_ERR_IO, .sys_errno = n ? errno : EIO};
      break;
    }
    off += n;
    if (rd->o->latin1) {
      size_t k = 0;
      for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)q[i];
        if (c >= 0x80)
          conv[k++] = (char)(0xC0 | (c >> 6));
        conv[k++] = (char)(c >= 0x80 ? 0x80 | (c & 0x3F) : c);
      }
      q = conv;
      n = k;
    }
    if (csv_parse(&p, q, n, header_field, header_end, h) < n &&
        h->err.kind == CSV_ERR_NONE)
      h->err = (csv_fault){.kind = csv_error(&p) == CSV_EPARSE ? CSV_ERR_SYNTAX
                                                               : CSV_ERR_NOMEM,
                           .field = h->n};
  }
  if (h->err.kind == CSV_ERR_NONE && csv_fini(&p, header_field, header_end, h) != 0)
    h->err = (csv_fault){.kind = CSV_ERR_EOF_QUOTE, .field = h->n};
  csv_free(&p);
  if (h->err.kind == CSV_ERR_NONE)
    return CSV_OK;
  csv_describe_error(rd, &h->err, start);
  return h->err.kind == CSV_ERR_NOMEM ? CSV_EMEM
         : h->err.kind == CSV_ERR_IO  ? CSV_EOPEN
                                      : CSV_EDATA;
}

/* ---------------------------------------------------------------- names */

static int name_taken(char **names, size_t n, const header *h, size_t self,
                      const char *s) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(names[i], s) == 0)
      return 1;
  for (size_t i = self + 1; h && i < h->n; i++) /* a later name keeps its own */
    if (strcmp(h->v[i], s) == 0)
      return 1;
  return 0;
}

static int add_rename(csv_reader *rd, size_t column, const char *from, const char *to) {
  csv_summary *s = &rd->r->info;
  csv_rename *v = frame_mem_realloc(&rd->mem, s->renames, s->n_renames * sizeof *v,
                                    (s->n_renames + 1) * sizeof *v);
  if (v == NULL)
    return -1;
  s->renames = v;
  v[s->n_renames] = (csv_rename){column, copy_str(&rd->mem, from, strlen(from)),
                                 copy_str(&rd->mem, to, strlen(to))};
  s->n_renames++;
  return v[s->n_renames - 1].from && v[s->n_renames - 1].to ? 0 : -1;
}

/* The name column i gets: `want`, or want_2, want_3, ... when taken. */
static char *unique_name(csv_reader *rd, const header *h, size_t i, const char *want,
                         int given) {
  size_t n = strlen(want), size = n + 24;
  char *cand = frame_mem_alloc(&rd->mem, size);
  if (cand == NULL)
    return NULL;
  memcpy(cand, want, n + 1);
  /* a name given in the file stays unless an earlier column has it; a
     made-up one must not take a name that a later column has */
  const header *later = given ? NULL : h;
  for (size_t k = 2; name_taken(rd->names, i, later, i, cand); k++) {
    snprintf(cand + n, 24, "_%zu", k);
    later = h;
  }
  char *name = copy_str(&rd->mem, cand, strlen(cand));
  frame_mem_free(&rd->mem, cand, size);
  return name;
}

/* Column names: the header's, or V1..Vn. An empty name becomes V<n> (its
** position); a name already taken gets _2, _3, ... (skipping names used
** anywhere in the header), each with a warning. */
static int make_names(csv_reader *rd, const header *h, uint64_t line) {
  rd->names = frame_mem_alloc(&rd->mem, (rd->ncol ? rd->ncol : 1) * sizeof *rd->names);
  if (rd->names == NULL)
    return -1;
  memset(rd->names, 0, (rd->ncol ? rd->ncol : 1) * sizeof *rd->names);
  for (size_t i = 0; i < rd->ncol; i++) {
    char base[32], b1[64], b2[64];
    const char *given = h ? h->v[i] : "";
    snprintf(base, sizeof base, "V%zu", i + 1);
    char *name = unique_name(rd, h, i, given[0] ? given : base, given[0] != 0);
    if ((rd->names[i] = name) == NULL)
      return -1;
    if (h == NULL || strcmp(given, name) == 0)
      continue;
    if (add_rename(rd, i + 1, given, name) ||
        (given[0]
             ? warn(rd, "%s:%llu: duplicate column name '%s' renamed '%s'", rd->name,
                    (unsigned long long)line, csv_shown(given, b1), csv_shown(name, b2))
             : warn(rd, "%s:%llu: column %zu has no name; named '%s'", rd->name,
                    (unsigned long long)line, i + 1, csv_shown(name, b2))))
      return -1;
  }
  return 0;
}

static void free_names(csv_reader *rd) {
  for (size_t i = 0; rd->names && i < rd->ncol; i++)
    if (rd->names[i])
      frame_mem_free(&rd->mem, rd->names[i], strlen(rd->names[i]) + 1);
  frame_mem_free(&rd->mem, rd->names, (rd->ncol ? rd->ncol : 1) * sizeof *rd->names);
  rd->names = NULL;
}

/* "a, b, c" (shortened) for messages about unknown columns. */
static void list_names(const csv_reader *rd, char *out, size_t size) {
  size_t k = 0;
  out[0] = '\0';
  char buf[64];
  for (size_t i = 0; i < rd->ncol && k + 8 < size; i++)
    k += (size_t)snprintf(out + k, size - k, "%s%s", i ? ", " : "",
                          csv_shown(rd->names[i], buf));
  if (k >= size - 8)
    snprintf(out + size - 8, 8, "...");
}

static long field_of(const csv_reader *rd, const char *name) {
  for (size_t i = 0; i < rd->ncol; i++)
    if (strcmp(rd->names[i], name) == 0)
      return (long)i;
  return -1;
}

/* ---------------------------------------------------------------- setup */

/* Where the header and the data start, the separator, the names. */
static int locate_header(csv_reader *rd, header *h) {
  const csv_read_opts *o = rd->o;
  csv_summary *s = &rd->r->info;
  uint64_t begin = 0;
  if (!o->latin1 && rd->src.size >= 3) {
    char b[3];
    const char *p;
    if (csv_source_read(&rd->src, 0, b, 3, &p) == 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
      begin = 3;
  }
  begin = csv_scan_skip_lines(&rd->src, begin, o->skip, &s->skipped_lines);
  rd->sep = o->sep ? o->sep : csv_scan_sniff(&rd->src, begin, o->comment);
  csv_scan scan = {&rd->src, rd->sep, o->comment};
  uint64_t end = csv_scan_record(&scan, begin, &rd->header_begin, &s->blank_lines,
                                 &s->comment_lines);
  if (end == UINT64_MAX)
    return fail(rd, CSV_EOPEN, "cannot read %s: %s", rd->name, strerror(errno));
  if (rd->header_begin >= rd->src.size) { /* nothing but blank lines: no columns */
    rd->data_begin = rd->src.size;
    return CSV_OK;
  }
  int status = parse_header(rd, rd->header_begin, end, h);
  if (status != CSV_OK)
    return status;
  rd->ncol = h->n;
  rd->data_begin = o->header ? end : rd->header_begin;
  uint64_t line, col;
  csv_scan_line_col(&rd->src, rd->header_begin, &line, &col);
  if (o->header ? make_names(rd, h, line) : make_names(rd, NULL, line))
    return nomem(rd);
  if (!o->header) { /* the first record is data: its blank lines count there */
    s->blank_lines = 0;
    s->comment_lines = 0;
    rd->data_begin = begin;
  }
  return CSV_OK;
}

/* Data rows expected, from the length of the first records. */
static size_t estimate_rows(const csv_reader *rd) {
  csv_scan scan = {&rd->src, rd->sep, rd->o->comment};
  uint64_t off = rd->data_begin, start;
  size_t n = 0, skipped = 0;
  while (n < 100 && off < rd->src.size) {
    uint64_t next = csv_scan_record(&scan, off, &start, &skipped, &skipped);
    if (next == UINT64_MAX || next <= off)
      break;
    off = next;
    n++;
  }
  if (n == 0 || off >= rd->src.size)
    return n;
  uint64_t rest = rd->src.size - rd->data_begin;
  return (size_t)((double)rest / ((double)(off - rd->data_begin) / (double)n) * 1.02);
}

/* The builders: field -> builder (slot), each builder's forced type, and
** the field each builder reads (order). */
typedef struct plan {
  int *slot;     /* ncol entries */
  int *types;    /* nslots entries */
  size_t *field; /* nslots entries */
  size_t nslots; /* builders */
} plan;

static int make_plan(csv_reader *rd, plan *pl) {
  const csv_read_opts *o = rd->o;
  const frame_mem *m = &rd->mem;
  char names[CSV_MSG_SIZE / 2];
  pl->nslots = o->columns ? o->n_columns : rd->ncol;
  pl->slot = frame_mem_alloc(m, (rd->ncol + 1) * sizeof *pl->slot);
  pl->types = frame_mem_alloc(m, (pl->nslots + 1) * sizeof *pl->types);
  pl->field = frame_mem_alloc(m, (pl->nslots + 1) * sizeof *pl->field);
  if (!pl->slot || !pl->types || !pl->field)
    return nomem(rd);
  for (size_t j = 0; j < rd->ncol; j++)
    pl->slot[j] = o->columns ? -1 : (int)j;
  for (size_t k = 0; k < pl->nslots; k++) {
    long j = o->columns ? field_of(rd, o->columns[k]) : (long)k;
    if (j < 0 || (o->columns && pl->slot[j] >= 0)) {
      list_names(rd, names, sizeof names);
      char buf[64];
      return j < 0 ? fail(rd, CSV_EUSAGE, "%s: no column '%s' (columns: %s)", rd->name,
                          csv_shown(o->columns[k], buf), names)
                   : fail(rd, CSV_EUSAGE, "%s: column '%s' is listed twice in columns",
                          rd->name, csv_shown(o->columns[k], buf));
    }
    pl->slot[j] = (int)k;
    pl->field[k] = (size_t)j;
    pl->types[k] = o->all_str ? FRAME_STR : CB_NONE;
  }
  for (size_t t = 0; t < o->n_types && !o->all_str; t++) {
    long j = field_of(rd, o->types[t].name);
    if (j < 0) {
      list_names(rd, names, sizeof names);
      char buf[64];
      return fail(rd, CSV_EUSAGE, "%s: types names no column '%s' (columns: %s)",
                  rd->name, csv_shown(o->types[t].name, buf), names);
    }
    if (pl->slot[j] >= 0)
      pl->types[pl->slot[j]] = (int)o->types[t].type;
  }
  return CSV_OK;
}

static void free_plan(csv_reader *rd, plan *pl) {
  frame_mem_free(&rd->mem, pl->slot, (rd->ncol + 1) * sizeof *pl->slot);
  frame_mem_free(&rd->mem, pl->types, (pl->nslots + 1) * sizeof *pl->types);
  frame_mem_free(&rd->mem, pl->field, (pl->nslots + 1) * sizeof *pl->field);
}

/* Columns whose text inference could not keep ("1.50" read as num before
** a word made the column str) are read again, as str, in a second pass. */
static int second_pass(csv_reader *rd, plan *pl, csv_pass *p1) {
  const frame_mem *m = &rd->mem;
  size_t ndead = 0;
  for (size_t k = 0; k < pl->nslots; k++) {
    csv_builder_settle(&p1->cols[k], m);
    ndead += p1->cols[k].dead;
  }
  if (ndead == 0)
    return CSV_OK;
  int *slot = frame_mem_alloc(m, (rd->ncol + 1) * sizeof *slot);
  int *types = frame_mem_alloc(m, ndead * sizeof *types);
  int status = CSV_EMEM;
  csv_pass p2;
  memset(&p2, 0, sizeof p2);
  if (slot && types) {
    for (size_t j = 0; j < rd->ncol; j++)
      slot[j] = -1;
    for (size_t k = 0, i = 0; k < pl->nslots; k++)
      if (p1->cols[k].dead) {
        types[i] = FRAME_STR;
        slot[pl->field[k]] = (int)i++;
      }
    status = csv_pass_run(rd, slot, types, ndead, &p2);
    if (status == CSV_OK && p2.rows != p1->rows)
      status = fail(rd, CSV_EOPEN, "cannot read %s: the file changed while it was read",
                    rd->name);
  } else {
    nomem(rd);
  }
  for (size_t k = 0, i = 0; status == CSV_OK && k < pl->nslots; k++)
    if (p1->cols[k].dead) {
      csv_builder *b = &p2.cols[i]; /* keeps where inference gave up */
      b->promo_set = p1->cols[k].promo_set;
      b->promo_from = p1->cols[k].promo_from;
      b->promo_row = p1->cols[k].promo_row;
      memcpy(b->promo_text, p1->cols[k].promo_text, sizeof b->promo_text);
      csv_builder_free(&p1->cols[k], m);
      p1->cols[k] = p2.cols[i];
      csv_builder_init(&p2.cols[i++], CB_NONE);
    }
  csv_pass_free(rd, &p2);
  frame_mem_free(m, slot, (rd->ncol + 1) * sizeof *slot);
  frame_mem_free(m, types, ndead * sizeof *types);
  rd->r->info.passes = 2;
  return status;
}

/* The hint for a column that became str because of a missing-value
** spelling the na option did not list. */
static int promotion_warnings(csv_reader *rd, const plan *pl, const csv_pass *p) {
  char buf[64];
  for (size_t k = 0; k < pl->nslots; k++) {
    const csv_builder *b = &p->cols[k];
    if (!b->promo_set || b->promo_from == CB_NONE || b->promo_text[0] == '\0' ||
        b->type != FRAME_STR)
      continue;
    if (warn(rd,
             "%s: column '%s' is str because data row %zu has '%s' (the rows before "
             "are %s); add '%s' to na to read it as %s",
             rd->name, csv_shown(rd->names[pl->field[k]], buf), b->promo_row + 1,
             b->promo_text, frame_type_name((frame_type)b->promo_from), b->promo_text,
             frame_type_name((frame_type)b->promo_from)))
      return -1;
  }
  return 0;
}

/* The frame from the builders, in plan order. */
static int assemble(csv_reader *rd, const plan *pl, csv_pass *p) {
  frame *f = frame_new(&rd->mem, p->rows);
  if (f == NULL)
    return nomem(rd);
  for (size_t k = 0; k < pl->nslots; k++) {
    frame_column *c = csv_builder_finish(&p->cols[k], p->rows, &rd->mem);
    int rc = c ? frame_add(f, rd->names[pl->field[k]], c) : -1;
    frame_column_unref(c);
    if (rc != 0) {
      frame_free(f);
      return nomem(rd);
    }
  }
  rd->r->frame = f;
  return CSV_OK;
}

static int summarize(csv_reader *rd, const csv_pass *p) {
  csv_summary *s = &rd->r->info;
  s->rows = p->rows;
  s->columns = rd->r->frame->ncol;
  s->bytes = rd->src.size;
  s->sep = rd->sep;
  s->threads = p->threads;
  s->padded_rows = p->padded;
  s->blank_lines += p->blank;
  s->comment_lines += p->comments;
  if (s->padded_rows && warn(rd, "%s: %zu short rows padded with NA (ragged = \"pad\")",
                             rd->name, s->padded_rows))
    return -1;
  if (s->blank_lines && warn(rd, "%s: %zu blank lines skipped", rd->name, s->blank_lines))
    return -1;
  return 0;
}

static int check_opts(csv_reader *rd) {
  const csv_read_opts *o = rd->o;
  if (o->sep && !strchr(",;\t|", o->sep))
    return fail(rd, CSV_EUSAGE, "sep must be one of , ; \\t | (or sniffed)");
  if (o->comment && (strchr(",;\t|\"\r\n", o->comment) || o->comment == o->sep))
    return fail(rd, CSV_EUSAGE, "comment must not be a separator, a quote or a line end");
  if (o->n_na > PW_CSV_MAX_NA)
    return fail(rd, CSV_EUSAGE, "more than %d na strings", PW_CSV_MAX_NA);
  static const char *const default_na[] = {"", "NA"};
  const char *const *na = o->na ? o->na : default_na;
  size_t n = o->na ? o->n_na : 2;
  for (size_t i = 0; i < n; i++) {
    if (na[i][0] == '\0') {
      rd->na_empty = 1;
      continue;
    }
    rd->na[rd->n_na] = na[i];
    rd->na_len[rd->n_na++] = strlen(na[i]);
  }
  return CSV_OK;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The whole load from a source. */
static int load(csv_reader *rd) {
  double t0 = now();
  header h = {rd, NULL, 0, 0, {0}};
  plan pl = {NULL, NULL, NULL, 0};
  csv_pass p;
  memset(&p, 0, sizeof p);
  rd->r->info.passes = 1;
  int status = check_opts(rd);
  if (status == CSV_OK)
    status = locate_header(rd, &h);
  if (status == CSV_OK)
    status = make_plan(rd, &pl);
  if (status == CSV_OK) {
    rd->rows_hint = estimate_rows(rd);
    status = csv_pass_run(rd, pl.slot, pl.types, pl.nslots, &p);
  }
  if (status == CSV_OK)
    status = second_pass(rd, &pl, &p);
  if (status == CSV_OK && promotion_warnings(rd, &pl, &p))
    status = nomem(rd);
  if (status == CSV_OK)
    status = assemble(rd, &pl, &p);
  if (status == CSV_OK && summarize(rd, &p))
    status = nomem(rd);
  rd->r->info.seconds = now() - t0;
  csv_pass_free(rd, &p);
  free_plan(rd, &pl);
  free_names(rd);
  header_free(&h);
  if (status != CSV_OK && rd->r->frame) {
    frame_free(rd->r->frame);
    rd->r->frame = NULL;
  }
  return status;
}

static void reader_init(csv_reader *rd, const csv_read_opts *o, const char *name,
                        csv_result *r) {
  memset(rd, 0, sizeof *rd);
  memset(r, 0, sizeof *r);
  rd->o = o;
  rd->name = name;
  rd->mem = o->mem;
  rd->r = r;
  r->mem = o->mem;
  rd->src.fd = -1;
}

int csv_read_buffer(const void *data, size_t len, const char *name,
                    const csv_read_opts *o, csv_result *r) {
  csv_read_opts defaults;
  if (o == NULL) {
    csv_read_opts_init(&defaults);
    o = &defaults;
  }
  csv_reader rd;
  reader_init(&rd, o, name ? name : "(buffer)", r);
  rd.src.data = data;
  rd.src.size = len;
  return load(&rd);
}

/* Everything from a pipe or device, which pread cannot read. */
static int slurp(csv_reader *rd, int fd, char **buf, size_t *cap) {
  size_t n = 0;
  *cap = 0;
  *buf = NULL;
  for (;;) {
    if (n == *cap) {
      size_t c = *cap ? *cap * 2 : 65536;
      char *b = frame_mem_realloc(&rd->mem, *buf, *cap, c);
      if (b == NULL)
        return nomem(rd);
      *buf = b;
      *cap = c;
    }
    ssize_t got = read(fd, *buf + n, *cap - n);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      return fail(rd, CSV_EOPEN, "cannot read %s: %s", rd->name, strerror(errno));
    if (got == 0)
      break;
    n += (size_t)got;
  }
  rd->src.data = *buf;
  rd->src.size = n;
  return CSV_OK;
}

int csv_read_file(const char *path, const char *name, const csv_read_opts *o,
                  csv_result *r) {
  csv_read_opts defaults;
  if (o == NULL) {
    csv_read_opts_init(&defaults);
    o = &defaults;
  }
  csv_reader rd;
  reader_init(&rd, o, name ? name : path, r);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(&rd, CSV_EOPEN, "cannot open %s: %s", rd.name, strerror(errno));
  struct stat st;
  char *buf = NULL;
  size_t cap = 0;
  int status;
  if (fstat(fd, &st) != 0) {
    status = fail(&rd, CSV_EOPEN, "cannot open %s: %s", rd.name, strerror(errno));
  } else if (S_ISDIR(st.st_mode)) {
    status = fail(&rd, CSV_EOPEN, "cannot open %s: %s", rd.name, strerror(EISDIR));
  } else if (S_ISREG(st.st_mode)) {
    rd.src.fd = fd;
    rd.src.size = (uint64_t)st.st_size;
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    status = load(&rd);
  } else {
    status = slurp(&rd, fd, &buf, &cap);
    if (status == CSV_OK)
      status = load(&rd);
  }
  frame_mem_free(&rd.mem, buf, cap);
  close(fd);
  return status;
}

void csv_result_free(csv_result *r) {
  csv_summary *s = &r->info;
  frame_free(r->frame);
  r->frame = NULL;
  for (size_t i = 0; i < s->n_renames; i++) {
    if (s->renames[i].from)
      frame_mem_free(&r->mem, s->renames[i].from, strlen(s->renames[i].from) + 1);
    if (s->renames[i].to)
      frame_mem_free(&r->mem, s->renames[i].to, strlen(s->renames[i].to) + 1);
  }
  frame_mem_free(&r->mem, s->renames, s->n_renames * sizeof *s->renames);
  for (size_t i = 0; i < s->n_warnings; i++)
    frame_mem_free(&r->mem, s->warnings[i], strlen(s->warnings[i]) + 1);
  frame_mem_free(&r->mem, s->warnings, s->n_warnings * sizeof *s->warnings);
  memset(s, 0, sizeof *s);
}
