/* frame_print.c: a frame as a UTF-8 box table for people to read. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frame_internal.h"

/* The layout follows DuckDB's shell: names and types centred in a box,
** numbers right-aligned, long tables as their first and last rows. Widths
** count code points, so a name with accents lines up; control characters
** and invalid UTF-8 are escaped (\n, \x01) so that no cell can break the
** box or the terminal. A missing value is `NA`, and `<NA>` in a str column
** (as R's tibble prints it) so that it cannot be taken for the text "NA".
** With colour, NA and the type row are dim; widths never count the escape
** sequences. Counts in the footers carry thousands separators (9,990). */

/* The widest a cell (or name) is shown, in code points, "…" included. */
#if !defined(PW_FRAME_CELL_MAX)
#define PW_FRAME_CELL_MAX 24
#endif

#define ELLIPSIS "\xe2\x80\xa6" /* … */
#define DIM "\x1b[2m"           /* ANSI: faint */
#define RESET "\x1b[0m"         /* ANSI: back to normal */

/* A growing text buffer; after a failed allocation it only counts. */
typedef struct sbuf {
  const frame_mem *m; /* allocator */
  char *p;            /* the text (not NUL-terminated until the end) */
  size_t n;           /* bytes used */
  size_t cap;         /* bytes allocated */
  int failed;         /* an allocation failed */
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n) {
  if (b->failed)
    return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + n + 1)
      cap *= 2;
    char *p = frame_mem_realloc(b->m, b->p, b->cap, cap);
    if (p == NULL) {
      b->failed = 1;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
}

static void sb_str(sbuf *b, const char *s) {
  sb_add(b, s, strlen(s));
}

static void sb_rep(sbuf *b, const char *s, size_t times) {
  size_t len = strlen(s);
  for (size_t i = 0; i < times; i++)
    sb_add(b, s, len);
}

static void sb_free(sbuf *b) {
  frame_mem_free(b->m, b->p, b->cap);
  b->p = NULL;
  b->n = b->cap = 0;
}

/* The length of the valid UTF-8 sequence at s[0..len), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t len) {
  unsigned char c = s[0];
  size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (c >= 0xF5 || n == 0 || n > len)
    return 0;
  for (size_t i = 1; i < n; i++)
    if ((s[i] & 0xC0) != 0x80)
      return 0;
  if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
      (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
    return 0; /* overlong, surrogate or past U+10FFFF */
  return n;
}

/* One displayed unit of s at i: a code point, or an escape in esc.
** Returns the bytes of s it covers; *w its width, *elen the escape's length
** (0: show s's bytes as they are). */
static size_t text_unit(const char *s, size_t len, size_t i, char esc[8], size_t *elen,
                        size_t *w) {
  unsigned char c = (unsigned char)s[i];
  *elen = 0;
  *w = 1;
  if (c >= 0x20 && c < 0x7f)
    return 1;
  if (c == '\n' || c == '\t' || c == '\r') {
    esc[0] = '\\';
    esc[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
    *elen = *w = 2;
    return 1;
  }
  size_t seq = c >= 0x80 ? utf8_seq((const unsigned char *)s + i, len - i) : 0;
  if (seq)
    return seq;
  snprintf(esc, 8, "\\x%02X", c);
  *elen = *w = 4;
  return 1;
}

/* Append s[0..len) shown at most maxw wide (cut with …); returns its width. */
static size_t put_text(sbuf *b, const char *s, size_t len, size_t maxw) {
  char esc[8];
  size_t elen, w, total = 0;
  for (size_t i = 0; i < len && total <= maxw;) {
    i += text_unit(s, len, i, esc, &elen, &w);
    total += w;
  }
  int cut = total > maxw;
  size_t shown = 0;
  for (size_t i = 0; i < len;) {
    size_t step = text_unit(s, len, i, esc, &elen, &w);
    if (cut && shown + w > maxw - 1)
      break;
    sb_add(b, elen ? esc : s + i, elen ? elen : step);
    shown += w;
    i += step;
  }
  if (cut) {
    sb_str(b, ELLIPSIS);
    shown++;
  }
  return shown;
}

/* R's spellings of the special doubles, 6 significant digits otherwise. */
static void format_num(double d, char *buf, size_t size) {
  if (d != d)
    snprintf(buf, size, "NaN");
  else if (isinf(d))
    snprintf(buf, size, d > 0 ? "Inf" : "-Inf");
  else
    snprintf(buf, size, "%.6g", d);
}

/* n with a comma between groups of three digits (1,000,000). */
static const char *group_digits(size_t n, char buf[32]) {
  char digits[24];
  int len = snprintf(digits, sizeof digits, "%zu", n);
  char *p = buf;
  for (int i = 0; i < len; i++) {
    if (i > 0 && (len - i) % 3 == 0)
      *p++ = ',';
    *p++ = digits[i];
  }
  *p = '\0';
  return buf;
}

/* Append s, dim when `dim` (the escapes take no width); returns its width. */
static size_t put_dim(sbuf *b, const char *s, int dim) {
  if (dim)
    sb_str(b, DIM);
  size_t w = put_text(b, s, strlen(s), PW_FRAME_CELL_MAX);
  if (dim)
    sb_str(b, RESET);
  return w;
}

/* Append the cell at row of c; returns its width. */
static size_t put_cell(sbuf *b, const frame_column *c, size_t row, int color) {
  char buf[64];
  if (frame_is_na(c, row))
    return put_dim(b, c->type == FRAME_STR ? "<NA>" : "NA", color);
  switch (c->type) {
  case FRAME_INT:
    snprintf(buf, sizeof buf, "%lld", (long long)((const int64_t *)c->data)[row]);
    break;
  case FRAME_NUM:
    format_num(((const double *)c->data)[row], buf, sizeof buf);
    break;
  case FRAME_BOOL:
    snprintf(buf, sizeof buf, "%s", ((const uint8_t *)c->data)[row] ? "true" : "false");
    break;
  case FRAME_DATE:
    frame_date_format(((const int32_t *)c->data)[row], buf);
    break;
  case FRAME_STR: {
    size_t len;
    const char *s = frame_str(c, row, &len);
    return put_text(b, s, len, PW_FRAME_CELL_MAX);
  }
  }
  return put_text(b, buf, strlen(buf), PW_FRAME_CELL_MAX);
}

/* What is shown: which rows, which columns and how wide. */
typedef struct layout {
  size_t head; /* rows shown from the top */
  size_t tail; /* rows shown from the bottom */
  size_t ncol; /* columns shown (the first ncol) */
  size_t *w;   /* width of each shown column's content */
} layout;

static size_t row_at(const frame *f, const layout *lo, size_t k) {
  return k < lo->head ? k : f->nrow - lo->tail + (k - lo->head);
}

/* Content widths of the columns that fit in `width`; at least one. */
static int measure(const frame *f, const frame_format_opts *o, layout *lo,
                   sbuf *scratch) {
  size_t line = 1; /* the left border */
  for (size_t j = 0; j < f->ncol; j++) {
    const frame_column *c = f->cols[j];
    scratch->n = 0;
    size_t w = put_text(scratch, f->names[j], strlen(f->names[j]), PW_FRAME_CELL_MAX);
    size_t tw = strlen(frame_type_name(c->type));
    w = tw > w ? tw : w;
    for (size_t k = 0; k < lo->head + lo->tail; k++) {
      scratch->n = 0;
      size_t cw = put_cell(scratch, c, row_at(f, lo, k), o->color);
      w = cw > w ? cw : w;
    }
    if (j > 0 && line + w + 3 > o->width)
      break;
    lo->w[j] = w;
    line += w + 3;
    lo->ncol = j + 1;
  }
  return scratch->failed ? FRAME_ENOMEM : FRAME_OK;
}

/* A border line: left, fill, junction, right. */
static void put_rule(sbuf *b, const layout *lo, const char *l, const char *mid,
                     const char *r) {
  sb_str(b, l);
  for (size_t j = 0; j < lo->ncol; j++) {
    sb_rep(b, "\xe2\x94\x80", lo->w[j] + 2); /* ─ */
    sb_str(b, j + 1 < lo->ncol ? mid : r);
  }
  sb_str(b, "\n");
}

/* Text of width tw into a cell of width w: 'l'eft, 'r'ight or 'c'entred. */
static void put_aligned(sbuf *b, const char *text, size_t n, size_t tw, size_t w,
                        int align) {
  size_t pad = w - tw;
  size_t left = align == 'r' ? pad : align == 'c' ? pad / 2 : 0;
  sb_str(b, " ");
  sb_rep(b, " ", left);
  sb_add(b, text, n);
  sb_rep(b, " ", pad - left + 1);
}

static int right_aligned(const frame_column *c) {
  return c->type == FRAME_INT || c->type == FRAME_NUM;
}

/* The row of names, the row of types (dim with colour). */
static void put_header(sbuf *b, const frame *f, const layout *lo, int color,
                       sbuf *scratch) {
  put_rule(b, lo, "\xe2\x94\x8c", "\xe2\x94\xac", "\xe2\x94\x90"); /* ┌ ┬ ┐ */
  for (int line = 0; line < 2; line++) {
    sb_str(b, "\xe2\x94\x82"); /* │ */
    for (size_t j = 0; j < lo->ncol; j++) {
      scratch->n = 0;
      const char *s = line == 0 ? f->names[j] : frame_type_name(f->cols[j]->type);
      size_t tw = put_dim(scratch, s, line == 1 && color);
      put_aligned(b, scratch->p ? scratch->p : "", scratch->n, tw, lo->w[j], 'c');
      sb_str(b, "\xe2\x94\x82");
    }
    sb_str(b, "\n");
  }
}

/* One data row; row SIZE_MAX is the "…" row marking the rows left out. */
static void put_row(sbuf *b, const frame *f, const layout *lo, size_t row, int color,
                    sbuf *scratch) {
  sb_str(b, "\xe2\x94\x82");
  for (size_t j = 0; j < lo->ncol; j++) {
    scratch->n = 0;
    size_t tw = row == SIZE_MAX ? put_text(scratch, ELLIPSIS, 3, 1)
                                : put_cell(scratch, f->cols[j], row, color);
    put_aligned(b, scratch->p ? scratch->p : "", scratch->n, tw, lo->w[j],
                right_aligned(f->cols[j]) ? 'r' : 'l');
    sb_str(b, "\xe2\x94\x82");
  }
  sb_str(b, "\n");
}

/* "… 12 more columns: a, b, …": whole names while they fit in the width,
** then "…" for the rest. The line is cut at the width in any case (a
** width too small even for the count). */
static void put_more_columns(sbuf *b, const frame *f, const layout *lo, size_t width,
                             sbuf *scratch) {
  char buf[96], num[32];
  size_t more = f->ncol - lo->ncol;
  scratch->n = 0;
  snprintf(buf, sizeof buf, "%s more column%s: ", group_digits(more, num),
           more == 1 ? "" : "s");
  size_t used = 2 + put_text(scratch, buf, strlen(buf), SIZE_MAX); /* "… " first */
  for (size_t j = lo->ncol; j < f->ncol; j++) {
    size_t sep = j > lo->ncol ? 2 : 0, mark = scratch->n;
    if (sep)
      sb_str(scratch, ", ");
    size_t w = put_text(scratch, f->names[j], strlen(f->names[j]), SIZE_MAX);
    size_t reserve = j + 1 < f->ncol ? 3 : 0; /* room for ", …" after it */
    if (used + sep + w + reserve > width) {
      scratch->n = mark;
      sb_str(scratch, sep ? ", " ELLIPSIS : ELLIPSIS);
      break;
    }
    used += sep + w;
  }
  sb_str(b, ELLIPSIS " ");
  put_text(b, scratch->p ? scratch->p : "", scratch->failed ? 0 : scratch->n,
           width > 2 ? width - 2 : 1);
  sb_str(b, "\n");
}

static void put_table(sbuf *b, const frame *f, const layout *lo,
                      const frame_format_opts *o, sbuf *scratch) {
  char buf[128], n1[32], n2[32];
  if (lo->ncol > 0) {
    put_header(b, f, lo, o->color, scratch);
    if (lo->head + lo->tail > 0)
      put_rule(b, lo, "\xe2\x94\x9c", "\xe2\x94\xbc", "\xe2\x94\xa4"); /* ├ ┼ ┤ */
    for (size_t k = 0; k < lo->head + lo->tail; k++) {
      if (k == lo->head && lo->head + lo->tail < f->nrow)
        put_row(b, f, lo, SIZE_MAX, o->color, scratch);
      put_row(b, f, lo, row_at(f, lo, k), o->color, scratch);
    }
    if (lo->head + lo->tail == 0 && f->nrow > 0)
      put_row(b, f, lo, SIZE_MAX, o->color, scratch);
    put_rule(b, lo, "\xe2\x94\x94", "\xe2\x94\xb4", "\xe2\x94\x98"); /* └ ┴ ┘ */
  }
  size_t shown = lo->head + lo->tail;
  if (shown < f->nrow) {
    snprintf(buf, sizeof buf, ELLIPSIS " %s more row%s\n",
             group_digits(f->nrow - shown, n1), f->nrow - shown == 1 ? "" : "s");
    sb_str(b, buf);
  }
  if (lo->ncol < f->ncol && lo->ncol > 0)
    put_more_columns(b, f, lo, o->width, scratch);
  snprintf(buf, sizeof buf, "%s row%s \xc3\x97 %s column%s", group_digits(f->nrow, n1),
           f->nrow == 1 ? "" : "s", group_digits(f->ncol, n2),
           f->ncol == 1 ? "" : "s"); /* × */
  sb_str(b, buf);
}

int frame_format(const frame *f, const frame_format_opts *o, char **out, size_t *len) {
  layout lo = {0, 0, 0, NULL};
  if (f->nrow <= o->max_rows) {
    lo.head = f->nrow;
  } else {
    lo.head = (o->max_rows + 1) / 2;
    lo.tail = o->max_rows / 2;
  }
  lo.w = fi_alloc_array(&f->mem, f->ncol, sizeof *lo.w);
  if (lo.w == NULL)
    return FRAME_ENOMEM;
  sbuf scratch = {&f->mem, NULL, 0, 0, 0}, b = {&f->mem, NULL, 0, 0, 0};
  int status = measure(f, o, &lo, &scratch);
  if (status == FRAME_OK) {
    put_table(&b, f, &lo, o, &scratch);
    sb_add(&b, "", 0); /* room for the NUL, even when empty */
    status = b.failed || scratch.failed ? FRAME_ENOMEM : FRAME_OK;
  }
  if (status == FRAME_OK) { /* trim to exactly len + 1 bytes, as documented */
    char *p = frame_mem_realloc(&f->mem, b.p, b.cap, b.n + 1);
    if (p == NULL) {
      status = FRAME_ENOMEM;
    } else {
      p[b.n] = '\0';
      *out = p;
      *len = b.n;
      b.p = NULL;
      b.cap = 0;
    }
  }
  sb_free(&b);
  sb_free(&scratch);
  fi_free_array(&f->mem, lo.w, f->ncol, sizeof *lo.w);
  return status;
}
