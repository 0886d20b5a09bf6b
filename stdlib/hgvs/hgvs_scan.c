/* hgvs_scan.c: the parser's lowest layer: tokens (numbers, keywords,
** accessions) and the append-only string store of hgvs_result.text. */
#include <string.h>

#include "hgvs_internal.h"

/* ------------------------------------------------------------- tokens */

int hgvs_fail(hgvs_parser *p, size_t pos, const char *what) {
  p->err_pos = pos;
  p->err = what;
  return 0;
}

int hgvs_accept(hgvs_parser *p, const char *word) {
  size_t k = 0;
  while (word[k] != 0) {
    if (p->i + k >= p->n || p->s[p->i + k] != word[k])
      return 0;
    k++;
  }
  p->i += k;
  return 1;
}

int hgvs_accept_char(hgvs_parser *p, char c) {
  if (hgvs_peek(p) != c || c == 0)
    return 0;
  p->i++;
  return 1;
}

int hgvs_number(hgvs_parser *p, int64_t *out, const char *what) {
  size_t start = p->i;
  int64_t v = 0;
  if (!hgvs_is_digit(hgvs_peek(p)))
    return hgvs_fail(p, p->i, what);
  while (hgvs_is_digit(hgvs_peek(p))) {
    v = v * 10 + (hgvs_peek(p) - '0');
    if (v > HGVS_MAX_NUMBER)
      return hgvs_fail(p, start, "number too large (at most 15 digits)");
    p->i++;
  }
  *out = v;
  return 1;
}

static int is_alnum(char c) {
  return hgvs_is_digit(c) || hgvs_is_upper(c) || hgvs_is_lower(c);
}

size_t hgvs_accession_len(const hgvs_parser *p) {
  size_t k = 0;
  char c = hgvs_peek(p);
  if (!hgvs_is_upper(c) && !hgvs_is_lower(c))
    return 0;
  for (;;) { /* letters and digits, '_' only between them */
    c = hgvs_peek_at(p, k);
    if (is_alnum(c))
      k++;
    else if (c == '_' && is_alnum(hgvs_peek_at(p, k + 1)))
      k += 2;
    else
      break;
  }
  if (hgvs_peek_at(p, k) == '.' && hgvs_is_digit(hgvs_peek_at(p, k + 1))) {
    k++;
    while (hgvs_is_digit(hgvs_peek_at(p, k)))
      k++;
  }
  return k;
}

/* Length of a selector inside "(...)" starting k bytes past the cursor:
** an accession or a gene symbol (letters, digits, '_', '-', '.'), then
** ')'. 0 if there is none. */
static size_t selector_len(const hgvs_parser *p, size_t k) {
  size_t j = k;
  char c = hgvs_peek_at(p, j);
  if (!hgvs_is_upper(c) && !hgvs_is_lower(c))
    return 0;
  for (;;) {
    c = hgvs_peek_at(p, j);
    if (!is_alnum(c) && c != '_' && c != '-' && c != '.')
      break;
    j++;
  }
  return hgvs_peek_at(p, j) == ')' ? j + 1 - k : 0;
}

size_t hgvs_reference_len(const hgvs_parser *p) {
  size_t k = hgvs_accession_len(p);
  if (k == 0)
    return 0;
  if (hgvs_peek_at(p, k) == '(') {
    size_t sel = selector_len(p, k + 1);
    if (sel > 0)
      k += 1 + sel;
  }
  return k;
}

/* ------------------------------------------------------- string store */

void hgvs_put(hgvs_parser *p, const char *s, size_t n) {
  hgvs_result *r = p->r;
  if (n >= HGVS_TEXT_SIZE - r->textlen) { /* keep a byte for the NUL */
    p->overflow = 1;
    return;
  }
  memcpy(r->text + r->textlen, s, n);
  r->textlen += (uint32_t)n;
}

void hgvs_putc(hgvs_parser *p, char c) {
  hgvs_result *r = p->r;
  if (r->textlen + 1 >= HGVS_TEXT_SIZE) {
    p->overflow = 1;
    return;
  }
  r->text[r->textlen++] = c;
}

void hgvs_puts(hgvs_parser *p, const char *s) {
  hgvs_put(p, s, strlen(s));
}

void hgvs_put_int(hgvs_parser *p, int64_t v) {
  char buf[24];
  size_t k = sizeof buf;
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    buf[--k] = (char)('0' + u % 10);
    u /= 10;
  } while (u > 0);
  if (v < 0)
    buf[--k] = '-';
  hgvs_put(p, buf + k, sizeof buf - k);
}

hgvs_span hgvs_end(hgvs_parser *p, uint32_t start) {
  hgvs_result *r = p->r;
  hgvs_span sp = {0, 0};
  if (r->textlen == start)
    return sp;
  if (r->textlen >= HGVS_TEXT_SIZE) { /* cannot happen: hgvs_put keeps a byte */
    p->overflow = 1;
    r->textlen = HGVS_TEXT_SIZE - 1;
  }
  r->text[r->textlen] = 0;
  sp.off = start;
  sp.len = r->textlen - start;
  r->textlen++;
  return sp;
}

void hgvs_put_span(hgvs_parser *p, hgvs_span sp) {
  if (sp.len > 0)
    hgvs_put(p, p->r->text + sp.off, sp.len);
}
