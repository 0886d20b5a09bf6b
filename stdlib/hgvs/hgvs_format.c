/* hgvs_format.c: the normal form of a parsed description (docs/hgvs.md
** § Normal form) and the text of error messages. */
#include <stdio.h>
#include <string.h>

#include "hgvs_internal.h"

/* -------------------------------------------------------- normal form */

static void put_pos(hgvs_parser *p, const hgvs_pos *pos) {
  hgvs_puts(p, pos->aa);
  if (pos->pter || pos->qter) {
    hgvs_puts(p, pos->pter ? "pter" : "qter");
    return;
  }
  if (pos->region == HGVS_REGION_UTR3 || pos->region == HGVS_REGION_DOWNSTREAM)
    hgvs_putc(p, '*');
  if (pos->pos_unknown)
    hgvs_putc(p, '?');
  else
    hgvs_put_int(p, pos->pos);
  if (pos->offset_unknown) {
    hgvs_puts(p, pos->offset > 0 ? "+?" : "-?");
  } else if (pos->offset != 0) {
    if (pos->offset > 0)
      hgvs_putc(p, '+');
    hgvs_put_int(p, pos->offset);
  }
}

static void put_bound(hgvs_parser *p, const hgvs_bound *b) {
  if (!b->uncertain) {
    put_pos(p, &b->lo);
    return;
  }
  hgvs_putc(p, '(');
  put_pos(p, &b->lo);
  hgvs_putc(p, '_');
  put_pos(p, &b->hi);
  hgvs_putc(p, ')');
}

void hgvs_format_body(hgvs_parser *p, const hgvs_variant *v) {
  if (v->predicted)
    hgvs_putc(p, '(');
  if (!v->no_position) {
    put_bound(p, &v->start);
    if (v->is_range) {
      hgvs_putc(p, '_');
      put_bound(p, &v->stop);
    }
  }
  hgvs_put_span(p, v->edit);
  if (v->predicted)
    hgvs_putc(p, ')');
}

void hgvs_format_prefix(hgvs_parser *p) {
  if (p->reference.len > 0) {
    hgvs_put_span(p, p->reference);
    hgvs_putc(p, ':');
  }
  hgvs_putc(p, (char)p->coord);
  hgvs_putc(p, '.');
}

/* The separator written before member k of a genotype. */
static const char *separator(const hgvs_result *r, int k) {
  if (r->variants[k].allele == r->variants[k - 1].allele)
    return ";";
  return r->phase == HGVS_PHASE_TRANS ? "];[" : "(;)";
}

void hgvs_format_result(hgvs_parser *p) {
  hgvs_result *r = p->r;
  for (int k = 0; k < r->nvariants; k++) {
    uint32_t m = hgvs_mark(p);
    hgvs_format_prefix(p);
    hgvs_format_body(p, &r->variants[k]);
    r->variants[k].hgvs = hgvs_end(p, m);
  }
  if (r->kind == HGVS_KIND_VARIANT) {
    r->hgvs = r->variants[0].hgvs;
    return;
  }
  uint32_t m = hgvs_mark(p);
  hgvs_format_prefix(p);
  hgvs_putc(p, '[');
  for (int k = 0; k < r->nvariants; k++) {
    if (k > 0)
      hgvs_puts(p, separator(r, k));
    hgvs_format_body(p, &r->variants[k]);
  }
  hgvs_putc(p, ']');
  r->hgvs = hgvs_end(p, m);
}

/* ------------------------------------------------------------- errors */

/* Input bytes shown in a message; longer input ends in "...". */
#define SHOWN_BYTES 64

/* Longest hint shown: a longer corrected form is left out. */
#define HINT_BYTES 96

void hgvs_escape(char *out, size_t cap, const char *s, size_t n) {
  static const char hex[] = "0123456789ABCDEF";
  size_t o = 0;
  for (size_t k = 0; k < n && k < SHOWN_BYTES && o + 5 < cap; k++) {
    unsigned char c = (unsigned char)s[k];
    if (c < 0x20 || c >= 0x7f) {
      out[o++] = '\\';
      out[o++] = 'x';
      out[o++] = hex[c >> 4];
      out[o++] = hex[c & 15];
    } else {
      out[o++] = (char)c;
    }
  }
  if (n > SHOWN_BYTES && o + 4 < cap) {
    memcpy(out + o, "...", 3);
    o += 3;
  }
  out[o] = 0;
}

void hgvs_show_byte(char out[16], unsigned char c) {
  if (c >= 0x20 && c < 0x7f)
    snprintf(out, 16, "'%c'", c);
  else
    snprintf(out, 16, "byte 0x%02X", (unsigned)c);
}

void hgvs_format_error(hgvs_result *r, const char *input, size_t n, size_t pos,
                       const char *what, const char *hint) {
  char shown[128]; /* room for SHOWN_BYTES, some of them escaped */
  hgvs_escape(shown, sizeof shown, input, n);
  if (what == NULL)
    what = "invalid description";
  int wrote =
      snprintf(r->error, HGVS_MSG_SIZE, "hgvs: '%s' at %zu: %s", shown, pos, what);
  if (hint == NULL || strlen(hint) > HINT_BYTES || wrote < 0 ||
      (size_t)wrote + strlen(hint) + 20 >= HGVS_MSG_SIZE)
    return;
  snprintf(r->error + wrote, HGVS_MSG_SIZE - (size_t)wrote, " (did you mean '%s'?)",
           hint);
}
