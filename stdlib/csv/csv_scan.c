/* csv_scan.c: byte-level scans of the input for what libcsv does not tell: record bounds,
 * error positions, the separator. */
#include <string.h>

#include "csv_internal.h"

/* ---------------------------------------------------------------- cursor */

/* Sequential reading of the source one byte at a time, in blocks. */
typedef struct cursor {
  const csv_source *src; /* the input */
  uint64_t base;         /* offset of p[0] */
  const char *p;         /* current block */
  size_t n;              /* its length */
  size_t i;              /* next byte in it */
  int failed;            /* a read error happened */
  char buf[65536];       /* block storage for a file */
} cursor;

static void cur_init(cursor *k, const csv_source *src, uint64_t off) {
  k->src = src;
  k->base = off;
  k->p = NULL;
  k->n = k->i = 0;
  k->failed = 0;
}

static uint64_t cur_pos(const cursor *k) {
  return k->base + k->i;
}

/* The next byte, or -1 at the end (or on a read error: k->failed). */
static int cur_get(cursor *k) {
  if (k->i == k->n) {
    k->base += k->n;
    k->i = 0;
    k->n = csv_source_read(k->src, k->base, k->buf, sizeof k->buf, &k->p);
    if (k->n == SIZE_MAX) {
      k->failed = 1;
      k->n = 0;
    }
    if (k->n == 0)
      return -1;
  }
  return (unsigned char)k->p[k->i++];
}

static int cur_peek(cursor *k) {
  int c = cur_get(k);
  if (c >= 0)
    k->i--;
  return c;
}

/* Consume the rest of a line whose terminator is `c` (CR takes its LF). */
static void cur_end_line(cursor *k, int c) {
  if (c == '\r' && cur_peek(k) == '\n')
    cur_get(k);
}

/* ------------------------------------------------------------------ lines */

uint64_t csv_scan_skip_lines(const csv_source *src, uint64_t off, size_t n,
                             size_t *done) {
  cursor k;
  cur_init(&k, src, off);
  *done = 0;
  while (*done < n) {
    int c = cur_get(&k);
    if (c < 0)
      break;
    if (c == '\n' || c == '\r') {
      cur_end_line(&k, c);
      ++*done;
    }
  }
  return cur_pos(&k);
}

void csv_scan_line_col(const csv_source *src, uint64_t off, uint64_t *line,
                       uint64_t *col) {
  cursor k;
  cur_init(&k, src, 0);
  uint64_t ln = 1, start = 0;
  while (cur_pos(&k) < off) {
    int c = cur_get(&k);
    if (c < 0)
      break;
    if (c == '\n' || (c == '\r' && cur_peek(&k) != '\n')) {
      ln++;
      start = cur_pos(&k);
    }
  }
  *line = ln;
  *col = off - start + 1;
  if (ln == 1 && off >= 3 && src->size >= 3) { /* a BOM is not a column */
    char b[3];
    const char *p;
    if (csv_source_read(src, 0, b, 3, &p) == 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
      *col -= 3;
  }
}

uint64_t csv_scan_record(const csv_scan *s, uint64_t off, uint64_t *start, size_t *blank,
                         size_t *comments) {
  cursor k;
  cur_init(&k, s->src, off);
  int c = cur_get(&k);
  for (;;) { /* blank and comment lines before the record */
    if (c == '\n' || c == '\r') {
      cur_end_line(&k, c);
      ++*blank;
    } else if (c >= 0 && s->comment && c == (unsigned char)s->comment) {
      while (c >= 0 && c != '\n' && c != '\r')
        c = cur_get(&k);
      cur_end_line(&k, c);
      ++*comments;
    } else {
      break;
    }
    c = cur_get(&k);
  }
  *start = c < 0 ? cur_pos(&k) : cur_pos(&k) - 1;
  int quoted = 0;
  for (; c >= 0; c = cur_get(&k)) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      cur_end_line(&k, c);
      break;
    }
  }
  return k.failed ? UINT64_MAX : cur_pos(&k);
}

/* ------------------------------------------------------------- sniffing */

/* Fields per record for separator `sep` in the first records of p[0..n)
** (quote-aware; blank and comment lines left out). Returns the count of
** records, at most `max`; the last one is dropped when cut by the sample. */
static int count_fields(const char *p, size_t n, int complete, char sep, char comment,
                        size_t *counts, int max) {
  int nrec = 0, quoted = 0, line_start = 1;
  size_t fields = 1;
  for (size_t i = 0; i < n && nrec < max; i++) {
    char c = p[i];
    if (line_start && !quoted && (c == '\n' || c == '\r' || (comment && c == comment))) {
      while (i < n && p[i] != '\n') /* a blank or comment line */
        i++;
      continue;
    }
    line_start = 0;
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == sep) {
      fields++;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
        i++;
      counts[nrec++] = fields;
      fields = 1;
      line_start = 1;
    }
  }
  if (!line_start && complete && nrec < max)
    counts[nrec++] = fields;
  return nrec;
}

char csv_scan_sniff(const csv_source *src, uint64_t off, char comment) {
  static const char cand[] = {',', '\t', ';', '|'};
  char buf[65536];
  const char *p;
  size_t n = csv_source_read(src, off, buf, sizeof buf, &p);
  if (n == SIZE_MAX || n == 0)
    return ',';
  int complete = off + n >= src->size;
  char best = ',';
  size_t best_fields = 1, best_agree = 0;
  for (int k = 0; k < 4; k++) {
    size_t counts[32];
    int nrec = count_fields(p, n, complete, cand[k], comment, counts, 32);
    size_t agree = 0;
    for (int r = 0; r < nrec; r++)
      agree += counts[r] == counts[0];
    /* every record alike beats a majority; then more fields wins */
    int consistent = nrec > 0 && agree == (size_t)nrec;
    size_t score = consistent ? counts[0] : 0;
    if (nrec > 0 && counts[0] > 1 &&
        (score > best_fields || (best_fields == 1 && agree > best_agree))) {
      best = cand[k];
      best_fields = score > 1 ? score : 1;
      best_agree = agree;
    }
  }
  return best;
}

/* ---------------------------------------------------------- splitting */

/* Quote parity from a record start decides whether a byte is inside a
** quoted field: every quote toggles it, a doubled quote twice. (Exact
** for input libcsv's strict mode accepts; the caller checks the result by
** parsing up to it.) */
uint64_t csv_scan_split(const csv_source *src, uint64_t begin, uint64_t mid) {
  char buf[65536];
  size_t quotes = 0;
  uint64_t off = begin;
  while (off < mid) {
    const char *p;
    size_t want = mid - off < sizeof buf ? (size_t)(mid - off) : sizeof buf;
    size_t n = csv_source_read(src, off, buf, want, &p);
    if (n == SIZE_MAX || n == 0)
      return 0;
    for (const char *q = p, *e = p + n; (q = memchr(q, '"', (size_t)(e - q))) != NULL;
         q++)
      quotes++;
    off += n;
  }
  cursor k;
  cur_init(&k, src, mid);
  int odd = quotes & 1;
  for (int c = cur_get(&k); c >= 0; c = cur_get(&k)) {
    if (c == '"')
      odd = !odd;
    else if (c == '\n' && !odd)
      return cur_pos(&k) < src->size ? cur_pos(&k) : 0;
  }
  return 0;
}

/* ----------------------------------------------------------- locating */

/* Scanner states, as libcsv's (strict, no blank trimming). */
enum { AT_FIELD, IN_PLAIN, IN_QUOTED, QUOTE_SEEN };

uint64_t csv_scan_locate(const csv_scan *s, uint64_t begin, uint64_t record, size_t field,
                         size_t content, int want) {
  cursor k;
  cur_init(&k, s->src, begin);
  uint64_t rec = 0;
  size_t fld = 0, idx = 0;
  int state = AT_FIELD, line_start = 1;
  for (int c = cur_get(&k); c >= 0; c = cur_get(&k)) {
    uint64_t pos = cur_pos(&k) - 1;
    int here = rec == record && fld == field && want != 'x';
    int end = c == '\n' || c == '\r';
    if (state == AT_FIELD && line_start && s->comment && c == (unsigned char)s->comment) {
      while (c >= 0 && c != '\n' && c != '\r') /* a comment line: not a record */
        c = cur_get(&k);
      cur_end_line(&k, c);
      continue;
    }
    line_start = 0;
    if (state == AT_FIELD && here && want == 'f')
      return pos;
    if (here && want == 'c' && idx == content &&
        (state == IN_QUOTED ? c != '"'
                            : state != QUOTE_SEEN && c != s->sep && !end &&
                                  (state == IN_PLAIN || c != '"')))
      return pos;
    if (state == AT_FIELD || state == IN_PLAIN || state == QUOTE_SEEN) {
      if (c == s->sep || end) {
        state = AT_FIELD;
        idx = 0;
        fld++;
        if (end) {
          rec++;
          fld = 0;
          line_start = 1;
        }
        continue;
      }
    }
    if (state == AT_FIELD) {
      state = c == '"' ? IN_QUOTED : IN_PLAIN;
      idx = state == IN_PLAIN;
    } else if (state == IN_QUOTED) {
      if (c == '"')
        state = QUOTE_SEEN;
      else
        idx++;
    } else if (c == '"' && state == QUOTE_SEEN) {
      state = IN_QUOTED;
      idx++;
    } else if (c == '"' || state == QUOTE_SEEN) { /* strict RFC 4180 refuses */
      if (want == 'x')
        return pos;
      state = IN_PLAIN;
      idx++;
    } else {
      idx++;
    }
  }
  return cur_pos(&k);
}
