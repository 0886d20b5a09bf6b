/* hgvs_parse.c: hgvs_parse, the entry point: input checks, the reference
** and coordinate, one change's body, and the strict-then-corrected order
** of docs/hgvs.md. */
#include <string.h>

#include "hgvs_internal.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static const char COORD_EXPECTED[] =
    "expected 'c.', 'g.', 'm.', 'n.', 'o.', 'p.' or 'r.'";

void hgvs_parser_init(hgvs_parser *p, hgvs_result *r, const char *s, size_t n) {
  p->s = s;
  p->n = n;
  p->i = 0;
  p->r = r;
  p->coord = HGVS_COORD_G;
  p->reference.off = p->reference.len = 0;
  p->lower_ok = p->saw_lower = p->overflow = 0;
  p->err_pos = 0;
  p->err = NULL;
  r->kind = HGVS_KIND_VARIANT;
  r->phase = HGVS_PHASE_NONE;
  r->nalleles = 0;
  r->nvariants = 0;
  r->hgvs.off = r->hgvs.len = 0;
  r->textlen = r->raw.off + r->raw.len + 1; /* keep "" and the raw input */
}

void hgvs_variant_init(hgvs_parser *p, hgvs_variant *v) {
  memset(v, 0, sizeof *v);
  v->reference = p->reference;
  v->coord = p->coord;
  v->ref_length = v->alt_length = -1;
}

/* ------------------------------------------------------------- bodies */

/* A DNA/RNA change at a located interval. */
static int located(hgvs_parser *p, hgvs_variant *v) {
  return hgvs_interval(p, v) && hgvs_na_edit(p, v);
}

/* The end of a change: the input's end, or what follows it in an allele. */
static int at_change_end(const hgvs_parser *p, size_t k) {
  char c = hgvs_peek_at(p, k);
  return p->i + k >= p->n || c == ']' || c == ';' ||
         (c == '(' && hgvs_peek_at(p, k + 1) == ';');
}

/* r.(...): a predicted change. The '(' may also open an uncertain bound
** ("r.(1_10)A>C"), so that reading is tried first; when both fail the
** error is the one that read further. */
static int predicted_rna(hgvs_parser *p, hgvs_variant *v) {
  size_t start = p->i;
  uint32_t mark = hgvs_mark(p);
  if (located(p, v))
    return 1;
  size_t err_pos = p->err_pos;
  const char *err = p->err;
  p->i = start + 1;
  p->r->textlen = mark;
  hgvs_variant_init(p, v);
  if (located(p, v)) {
    if (hgvs_accept_char(p, ')')) {
      v->predicted = 1;
      return 1;
    }
    hgvs_fail(p, p->i, "expected ')'");
  }
  return p->err_pos > err_pos ? 0 : hgvs_fail(p, err_pos, err);
}

int hgvs_body(hgvs_parser *p, hgvs_variant *v) {
  if (p->coord == HGVS_COORD_P)
    return hgvs_protein_body(p, v);
  char c = hgvs_peek(p);
  if ((c == '=' || c == '?') && at_change_end(p, 1)) {
    uint32_t m = hgvs_mark(p);
    p->i++;
    hgvs_putc(p, c);
    v->edit = hgvs_end(p, m);
    v->no_position = 1;
    v->start.lo.pos_unknown = v->start.hi.pos_unknown = 1;
    v->stop = v->start;
    v->type = c == '=' ? HGVS_IDENTITY : HGVS_UNKNOWN;
    v->has_length_change = c == '=';
    return 1;
  }
  if (c == '=' && hgvs_peek_at(p, 1) == '/')
    return hgvs_fail(p, p->i,
                     "mosaic and chimeric descriptions (=/ and =//) are not supported");
  if (c == '(' && p->coord == HGVS_COORD_R)
    return predicted_rna(p, v);
  return located(p, v);
}

/* ------------------------------------------------ reference, coordinate */

static int is_coord_letter(char c) {
  return c == 'c' || c == 'g' || c == 'm' || c == 'n' || c == 'o' || c == 'p' || c == 'r';
}

/* "REF:" before the coordinate, if any, into p->reference. */
static int reference(hgvs_parser *p) {
  if (is_coord_letter(hgvs_peek(p)) && hgvs_peek_at(p, 1) == '.')
    return 1;
  size_t k = hgvs_reference_len(p);
  if (k > 0 && hgvs_peek_at(p, k) == ':') {
    uint32_t m = hgvs_mark(p);
    hgvs_put(p, p->s, k);
    p->reference = hgvs_end(p, m);
    p->i = k + 1;
    return 1;
  }
  size_t acc = hgvs_accession_len(p);
  if (acc > 0 && memchr(p->s, '_', acc) != NULL)
    return hgvs_fail(p, k, "expected ':' after the reference");
  return hgvs_fail(p, 0, COORD_EXPECTED);
}

/* Normal forms and consequences of a successful parse. */
static int finish(hgvs_parser *p) {
  hgvs_result *r = p->r;
  for (int k = 0; k < r->nvariants; k++)
    r->variants[k].consequence = hgvs_consequence(&r->variants[k], r);
  hgvs_format_result(p);
  if (p->overflow)
    return hgvs_fail(p, 0, "description too long to write its normal form");
  return 1;
}

int hgvs_parse_text(hgvs_parser *p) {
  hgvs_result *r = p->r;
  if (!reference(p))
    return 0;
  char c = hgvs_peek(p);
  if (!is_coord_letter(c) || hgvs_peek_at(p, 1) != '.')
    return hgvs_fail(p, p->i, COORD_EXPECTED);
  p->coord = (hgvs_coord)c;
  p->i += 2;
  if (hgvs_peek(p) == '[') {
    if (!hgvs_alleles(p))
      return 0;
  } else {
    hgvs_variant *v = &r->variants[0];
    hgvs_variant_init(p, v);
    if (!hgvs_body(p, v))
      return 0;
    v->raw = r->raw;
    r->nvariants = 1;
  }
  if (p->i < p->n)
    return hgvs_fail(p, p->i, "unexpected text after the variant");
  return finish(p);
}

/* -------------------------------------------------------- entry point */

/* The raw input at r->text + 1 (r->text[0] stays "" for empty spans). */
static void store_input(hgvs_result *r, const char *s, size_t n) {
  r->text[0] = 0;
  memcpy(r->text + 1, s, n);
  r->text[n + 1] = 0;
  r->raw.off = 1;
  r->raw.len = (uint32_t)n;
}

static int failed(hgvs_result *r, const char *s, size_t n, size_t pos, const char *what,
                  const char *hint) {
  r->nvariants = 0;
  r->nalleles = 0;
  r->error_pos = pos;
  hgvs_format_error(r, s, n, pos, what, hint);
  return 0;
}

int hgvs_parse(const char *s, size_t n, const hgvs_options *opt, hgvs_result *r) {
  r->correction[0] = 0;
  r->error[0] = 0;
  r->error_pos = 0;
  if (n > PW_HGVS_MAX_INPUT) {
    r->raw.off = r->raw.len = 0;
    return failed(r, s, n, PW_HGVS_MAX_INPUT,
                  "description longer than " STR(PW_HGVS_MAX_INPUT) " bytes", NULL);
  }
  store_input(r, s, n);
  if (n == 0)
    return failed(r, s, n, 0, "empty description", NULL);
  hgvs_parser p;
  hgvs_parser_init(&p, r, s, n);
  if (hgvs_parse_text(&p))
    return 1;
  size_t err_pos = p.err_pos;
  const char *err = p.err;
  if (hgvs_try_corrections(s, n, r)) {
    if (opt != NULL && opt->lenient)
      return 1;
    char hint[HGVS_MSG_SIZE];
    size_t len = r->hgvs.len < sizeof hint - 1 ? r->hgvs.len : sizeof hint - 1;
    memcpy(hint, hgvs_str(r, r->hgvs), len);
    hint[len] = 0;
    r->correction[0] = 0;
    return failed(r, s, n, err_pos, err, hint);
  }
  r->correction[0] = 0;
  return failed(r, s, n, err_pos, err, NULL);
}
