/* csv_parse.c: one byte range of the input through libcsv into column builders. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv_internal.h"

/* libcsv's parser state after a complete record (ROW_NOT_BEGUN in
** libcsv.c; the struct is public, the constant is not). */
#define LIBCSV_ROW_NOT_BEGUN 0

size_t csv_source_read(const csv_source *src, uint64_t off, char *buf, size_t n,
                       const char **out) {
  if (off >= src->size)
    return 0;
  if (n > src->size - off)
    n = (size_t)(src->size - off);
  if (src->fd < 0) {
    *out = src->data + off;
    return n;
  }
  size_t got = 0;
  while (got < n) {
    ssize_t r = pread(src->fd, buf + got, n - got, (off_t)(off + got));
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      return SIZE_MAX;
    if (r == 0)
      break;
    got += (size_t)r;
  }
  if (got == 0) { /* the file shrank while it was read */
    errno = EIO;
    return SIZE_MAX;
  }
  *out = buf;
  return got;
}

/* RFC 4180: "Spaces are considered part of a field and should not be
** ignored." libcsv trims blanks around unquoted fields unless told that
** nothing is a blank. */
static int never_blank(unsigned char c) {
  (void)c;
  return 0;
}

/* libcsv grows a field's buffer with this; refusing past the limit turns
** an unterminated quote in a big file into an error instead of a copy of
** the rest of the file. (libcsv's callback has no user data, so the limit
** is the compile-time constant.) */
static void *field_realloc(void *p, size_t n) {
  return n > PW_CSV_MAX_FIELD + 65536 ? NULL : realloc(p, n);
}

void csv_chunk_fail(csv_chunk *c, csv_errkind kind) {
  if (c->err.kind != CSV_ERR_NONE)
    return;
  c->err.kind = kind;
  c->err.record = c->records;
  c->err.field = c->field ? c->field - 1 : 0;
}

/* ------------------------------------------------------------ callbacks */

static int grow_rows(csv_chunk *c) {
  size_t cap = c->cap + c->cap / 2 + 1024;
  for (size_t k = 0; k < c->cfg->nslots; k++)
    if (csv_builder_grow(&c->cols[k], cap, c->cfg->mem))
      return -1;
  c->cap = cap;
  return 0;
}

/* End of a record. With CSV_REPALL_NL libcsv calls this for every
** unquoted CR or LF, so `records` counts terminators, as csv_scan_locate
** does; a LF right after a CR is the second half of CRLF. */
static void on_record(int term, void *ud) {
  csv_chunk *c = ud;
  const csv_config *cfg = c->cfg;
  size_t nf = c->field;
  int crlf = nf == 0 && term == '\n' && c->prev_cr;
  c->prev_cr = term == '\r';
  if (c->err.kind != CSV_ERR_NONE || crlf) {
    c->field = 0;
    c->records++;
    return;
  }
  if (nf == 0 && cfg->ncol != 1) {
    c->blank++;
  } else {
    if (nf == 0) { /* a one-column file: a blank line is an empty field */
      csv_on_field(NULL, 0, c);
      nf = 1;
    }
    if (nf < cfg->ncol && cfg->ragged_pad) {
      for (size_t j = nf; j < cfg->ncol; j++)
        if (cfg->slot[j] >= 0 &&
            csv_builder_na(&c->cols[cfg->slot[j]], c->rows, cfg->mem))
          csv_chunk_fail(c, CSV_ERR_NOMEM);
      c->padded++;
    } else if (nf != cfg->ncol) {
      csv_chunk_fail(c, CSV_ERR_RAGGED);
      c->err.expected = cfg->ncol;
      c->err.found = nf;
    }
    if (c->err.kind == CSV_ERR_NONE && ++c->rows == c->cap && grow_rows(c))
      csv_chunk_fail(c, CSV_ERR_NOMEM);
  }
  c->field = 0;
  c->records++;
}

/* ------------------------------------------------------------- filters */

/* Drop comment lines: a line whose first byte is the comment byte, when
** it starts outside quotes (quote parity is exact for input libcsv's
** strict mode accepts). The state carries across blocks. */
static size_t drop_comments(csv_chunk *c, const char *p, size_t n, char *out) {
  char mark = c->cfg->comment;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    char ch = p[i];
    if (c->in_comment == 1) {
      if (ch == '\n' || ch == '\r') {
        c->in_comment = ch == '\r' ? 2 : 0;
        c->at_line_start = 1;
      }
      continue;
    }
    if (c->in_comment == 2) { /* after a comment's CR: its LF belongs to it */
      c->in_comment = 0;
      if (ch == '\n')
        continue;
    }
    if (c->at_line_start && !c->in_quotes && ch == mark) {
      c->in_comment = 1;
      c->comments++;
      continue;
    }
    out[k++] = ch;
    c->in_quotes ^= ch == '"';
    c->at_line_start = ch == '\n' || ch == '\r';
  }
  return k;
}

/* Latin-1 is the first 256 code points: bytes >= 0x80 become two bytes. */
static size_t latin1_to_utf8(const char *p, size_t n, char *out) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)p[i];
    if (ch < 0x80) {
      out[k++] = (char)ch;
    } else {
      out[k++] = (char)(0xC0 | (ch >> 6));
      out[k++] = (char)(0x80 | (ch & 0x3F));
    }
  }
  return k;
}

static int feed(csv_chunk *c, const char *p, size_t n) {
  if (c->cfg->comment) {
    n = drop_comments(c, p, n, c->conv);
    p = c->conv;
  }
  if (c->cfg->latin1) {
    n = latin1_to_utf8(p, n, c->conv + CSV_BLOCK);
    p = c->conv + CSV_BLOCK;
  }
  /* libcsv grows a field's buffer by a fixed step; making the step the
     current size makes growth geometric for huge fields */
  size_t have = csv_get_buffer_size(&c->p);
  csv_set_blk_size(&c->p, have > 65536 ? have : 65536);
  size_t done = csv_parse(&c->p, p, n, csv_on_field, on_record, c);
  if (c->err.kind != CSV_ERR_NONE)
    return -1;
  if (done < n) {
    int e = csv_error(&c->p);
    csv_chunk_fail(c, e == CSV_EPARSE                                  ? CSV_ERR_SYNTAX
                      : csv_get_buffer_size(&c->p) >= PW_CSV_MAX_FIELD ? CSV_ERR_TOO_LONG
                                                                       : CSV_ERR_NOMEM);
    c->err.field = c->field; /* the field being read, not the last one ended */
    return -1;
  }
  return 0;
}

/* ------------------------------------------------------------- chunks */

int csv_chunk_init(csv_chunk *c, const csv_config *cfg, uint64_t begin, uint64_t end,
                   size_t rows_hint) {
  const frame_mem *m = cfg->mem;
  memset(c, 0, sizeof *c);
  c->cfg = cfg;
  c->begin = c->pos = begin;
  c->end = end;
  c->at_line_start = 1;
  if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL | CSV_REPALL_NL))
    return -1;
  c->p_ready = 1;
  csv_set_delim(&c->p, (unsigned char)cfg->sep);
  csv_set_space_func(&c->p, never_blank);
  csv_set_realloc_func(&c->p, field_realloc);
  csv_set_blk_size(&c->p, 65536);
  c->cols = frame_mem_alloc(m, cfg->nslots * sizeof *c->cols);
  if (c->cols == NULL)
    return -1;
  for (size_t k = 0; k < cfg->nslots; k++)
    csv_builder_init(&c->cols[k], cfg->types[k]);
  c->cap = rows_hint + 1024;
  for (size_t k = 0; k < cfg->nslots; k++)
    if (csv_builder_grow(&c->cols[k], c->cap, m))
      return -1;
  if (cfg->src->fd >= 0 && (c->buf = frame_mem_alloc(m, CSV_BLOCK)) == NULL)
    return -1;
  if ((cfg->comment || cfg->latin1) &&
      (c->conv = frame_mem_alloc(m, 3 * CSV_BLOCK)) == NULL)
    return -1;
  return 0;
}

int csv_chunk_run(csv_chunk *c, uint64_t stop, int last) {
  const csv_config *cfg = c->cfg;
  while (c->pos < stop && c->err.kind == CSV_ERR_NONE) {
    if (c->stop && atomic_load_explicit(c->stop, memory_order_relaxed)) {
      csv_chunk_fail(c, CSV_ERR_CANCEL);
      return -1;
    }
    uint64_t want = stop - c->pos < CSV_BLOCK ? stop - c->pos : CSV_BLOCK;
    const char *p;
    size_t n = csv_source_read(cfg->src, c->pos, c->buf, (size_t)want, &p);
    if (n == SIZE_MAX || n == 0) {
      csv_chunk_fail(c, CSV_ERR_IO);
      c->err.sys_errno = n == 0 ? EIO : errno;
      return -1;
    }
    if (feed(c, p, n))
      return -1;
    c->pos += n;
    if (c->done)
      atomic_store_explicit(c->done, c->pos - c->begin, memory_order_relaxed);
    if (c->tick && c->tick(c->tick_ud)) {
      csv_chunk_fail(c, CSV_ERR_CANCEL);
      return -1;
    }
  }
  if (last && c->err.kind == CSV_ERR_NONE &&
      csv_fini(&c->p, csv_on_field, on_record, c) != 0) {
    csv_chunk_fail(c, CSV_ERR_EOF_QUOTE);
    c->err.field = c->field;
  }
  return c->err.kind == CSV_ERR_NONE ? 0 : -1;
}

int csv_chunk_at_record_start(const csv_chunk *c) {
  return c->p.pstate == LIBCSV_ROW_NOT_BEGUN && c->field == 0;
}

void csv_chunk_free(csv_chunk *c) {
  const frame_mem *m = c->cfg ? c->cfg->mem : NULL;
  if (c->p_ready)
    csv_free(&c->p);
  if (c->cols)
    for (size_t k = 0; k < c->cfg->nslots; k++)
      csv_builder_free(&c->cols[k], m);
  frame_mem_free(m, c->cols, c->cfg ? c->cfg->nslots * sizeof *c->cols : 0);
  frame_mem_free(m, c->buf, CSV_BLOCK);
  frame_mem_free(m, c->conv, 3 * CSV_BLOCK);
  c->cols = NULL;
  c->buf = c->conv = NULL;
  c->p_ready = 0;
}
