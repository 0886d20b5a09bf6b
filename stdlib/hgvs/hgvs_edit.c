/* hgvs_edit.c: the edits of DNA and RNA descriptions (c. g. m. n. o. r.):
** substitution, del, dup, ins, delins, inv, con, copyN, repeats, '='.
** Each edit sets the variant's type, ref, alt, edit span and lengths. */
#include "hgvs_internal.h"

/* --------------------------------------------------------- sequences */

/* An IUPAC nucleotide code, upper case; `t` is 'T' for DNA, 'U' for RNA. */
static int is_base(char c, char t) {
  switch (c) {
  case 'A':
  case 'C':
  case 'G':
  case 'N':
  case 'R':
  case 'Y':
  case 'S':
  case 'W':
  case 'K':
  case 'M':
  case 'B':
  case 'D':
  case 'H':
  case 'V':
    return 1;
  default:
    return c == t;
  }
}

/* DNA is upper case (lower case only when lenient, and noted); RNA is
** written lower case but read in either case. */
size_t hgvs_na_seq(hgvs_parser *p) {
  int rna = p->coord == HGVS_COORD_R;
  size_t k = 0;
  for (;; k++) {
    char c = hgvs_peek(p);
    char up = hgvs_is_lower(c) ? (char)(c - 'a' + 'A') : c;
    if (!is_base(up, rna ? 'U' : 'T'))
      break;
    if (!rna && c != up) {
      if (!p->lower_ok)
        break;
      p->saw_lower = 1;
    }
    hgvs_putc(p, rna ? (char)(up - 'A' + 'a') : up);
    p->i++;
  }
  return k;
}

/* ----------------------------------------------------------- lengths */

static int64_t len_add(int64_t a, int64_t b) {
  return a < 0 || b < 0 || a + b > HGVS_MAX_NUMBER ? -1 : a + b;
}

static int64_t len_mul(int64_t a, int64_t b) {
  if (a < 0 || b < 0 || (b != 0 && a > HGVS_MAX_NUMBER / b))
    return -1;
  return a * b;
}

/* The edit span: `word` followed by the alt span. */
static void set_edit(hgvs_parser *p, hgvs_variant *v, const char *word) {
  uint32_t m = hgvs_mark(p);
  hgvs_puts(p, word);
  hgvs_put_span(p, v->alt);
  v->edit = hgvs_end(p, m);
}

/* ------------------------------------------------ inserted material */

/* A located piece: a range of coordinate c, optionally inverted ("inv"),
** copied as written; *len its length or -1. */
static int located(hgvs_parser *p, hgvs_coord c, int64_t *len) {
  size_t start = p->i;
  hgvs_bound a, b;
  unsigned char is_range;
  if (!hgvs_range(p, c, &a, &b, &is_range, 0))
    return 0;
  *len = hgvs_range_length(&a, &b, is_range);
  hgvs_accept(p, "inv");
  hgvs_put(p, p->s + start, p->i - start);
  return 1;
}

/* "REF:" and an optional "g." before a located piece, copied; *c is the
** coordinate of the positions that follow (g. rules without a letter).
** Returns 0 (consuming nothing) when there is no reference. */
static int foreign_reference(hgvs_parser *p, hgvs_coord *c) {
  size_t k = hgvs_reference_len(p);
  if (k == 0 || hgvs_peek_at(p, k) != ':')
    return 0;
  size_t start = p->i;
  p->i += k + 1;
  *c = HGVS_COORD_G;
  char l = hgvs_peek(p);
  if ((l == 'c' || l == 'g' || l == 'm' || l == 'n' || l == 'o' || l == 'r') &&
      hgvs_peek_at(p, 1) == '.') {
    *c = (hgvs_coord)l;
    p->i += 2;
  }
  hgvs_put(p, p->s + start, p->i - start);
  return 1;
}

/* A length in parentheses: (N), (N_M) or (?). */
static int paren_length(hgvs_parser *p, int64_t *len) {
  int64_t lo, hi;
  p->i++;
  hgvs_putc(p, '(');
  *len = -1;
  if (hgvs_accept_char(p, '?')) {
    hgvs_putc(p, '?');
  } else {
    if (!hgvs_number(p, &lo, "expected a length or '?'"))
      return 0;
    hgvs_put_int(p, lo);
    if (hgvs_accept_char(p, '_')) {
      size_t at = p->i;
      if (!hgvs_number(p, &hi, "expected a length"))
        return 0;
      if (hi < lo)
        return hgvs_fail(p, at, "the range ends before it starts");
      hgvs_putc(p, '_');
      hgvs_put_int(p, hi);
    } else {
      *len = lo;
    }
  }
  if (!hgvs_accept_char(p, ')'))
    return hgvs_fail(p, p->i, "expected ')'");
  hgvs_putc(p, ')');
  return 1;
}

/* One piece of inserted material: bases, a length, a located range of
** this reference, or one of another reference. */
static int ins_item(hgvs_parser *p, int64_t *len) {
  size_t at = p->i;
  char c = hgvs_peek(p);
  hgvs_coord coord = p->coord;
  if (c == '(')
    return paren_length(p, len);
  if (foreign_reference(p, &coord))
    return located(p, coord, len);
  if (hgvs_is_digit(c) || c == '?' || (c == '-' && hgvs_is_digit(hgvs_peek_at(p, 1))) ||
      (c == '*' && p->coord != HGVS_COORD_P) || (c == 'p' && p->coord == HGVS_COORD_G) ||
      (c == 'q' && p->coord == HGVS_COORD_G))
    return located(p, coord, len);
  size_t k = hgvs_na_seq(p);
  if (k == 0)
    return hgvs_fail(p, at,
                     c == ']' || c == ';' || c == 0 ? "expected an inserted sequence"
                                                    : "expected a nucleotide");
  *len = (int64_t)k;
  return 1;
}

/* What "ins" inserts: an item, or "[item;item;...]". Sets v->alt and
** returns the inserted length in *len (-1 unknown). */
static int ins_content(hgvs_parser *p, hgvs_variant *v, int64_t *len) {
  uint32_t m = hgvs_mark(p);
  if (!hgvs_accept_char(p, '[')) {
    if (!ins_item(p, len))
      return 0;
    v->alt = hgvs_end(p, m);
    return 1;
  }
  hgvs_putc(p, '[');
  int64_t total = 0;
  for (;;) {
    int64_t one;
    if (!ins_item(p, &one))
      return 0;
    total = len_add(total, one);
    if (!hgvs_accept_char(p, ';'))
      break;
    hgvs_putc(p, ';');
  }
  if (!hgvs_accept_char(p, ']'))
    return hgvs_fail(p, p->i, "expected ']'");
  hgvs_putc(p, ']');
  *len = total;
  v->alt = hgvs_end(p, m);
  return 1;
}

/* ------------------------------------------------------------- edits */

/* delins after "delins" (or "del..." + "ins"); `given` is the length of
** a deleted sequence or number written between del and ins, or -1. */
static int delins(hgvs_parser *p, hgvs_variant *v, int64_t L, int64_t given) {
  int64_t alt;
  if (!ins_content(p, v, &alt))
    return 0;
  v->type = HGVS_DELINS;
  set_edit(p, v, "delins");
  return hgvs_set_lengths(v, L >= 0 ? L : given, alt);
}

/* The optional sequence or length after del / dup: ref span and length
** (-1 if absent); checked against the interval when both are known. */
static int stated_ref(hgvs_parser *p, hgvs_variant *v, int64_t L, int64_t *given) {
  size_t at = p->i;
  uint32_t m = hgvs_mark(p);
  size_t k = hgvs_na_seq(p);
  v->ref = hgvs_end(p, m);
  *given = k > 0 ? (int64_t)k : -1;
  if (k == 0 && hgvs_is_digit(hgvs_peek(p))) {
    if (!hgvs_number(p, given, "expected a length"))
      return 0;
    if (*given == 0)
      return hgvs_fail(p, at, "a length is at least 1");
  }
  if (*given >= 0 && L >= 0 && *given != L)
    return hgvs_fail(p, at, "the stated sequence or length does not match the interval");
  return 1;
}

static int deletion(hgvs_parser *p, hgvs_variant *v, int64_t L) {
  int64_t given;
  if (!stated_ref(p, v, L, &given))
    return 0;
  if (hgvs_accept(p, "ins"))
    return delins(p, v, L, given);
  v->type = HGVS_DELETION;
  set_edit(p, v, "del");
  return hgvs_set_lengths(v, L >= 0 ? L : given, 0);
}

static int duplication(hgvs_parser *p, hgvs_variant *v, int64_t L) {
  int64_t given;
  if (!stated_ref(p, v, L, &given))
    return 0;
  int64_t len = L >= 0 ? L : given;
  v->type = HGVS_DUPLICATION;
  set_edit(p, v, "dup");
  return hgvs_set_lengths(v, len, len_mul(len, 2));
}

static int insertion(hgvs_parser *p, hgvs_variant *v, size_t at) {
  int64_t alt;
  if (!v->is_range && !v->start.uncertain && !v->start.lo.pos_unknown)
    return hgvs_fail(p, at, "an insertion is written between two positions (a_b)");
  if (!ins_content(p, v, &alt))
    return 0;
  v->type = HGVS_INSERTION;
  set_edit(p, v, "ins");
  return hgvs_set_lengths(v, 0, alt);
}

/* con: the interval is replaced by a copy of another stretch. */
static int conversion(hgvs_parser *p, hgvs_variant *v, int64_t L) {
  uint32_t m = hgvs_mark(p);
  hgvs_coord c = p->coord;
  int64_t alt;
  foreign_reference(p, &c);
  if (!located(p, c, &alt))
    return 0;
  v->alt = hgvs_end(p, m);
  v->type = HGVS_CONVERSION;
  set_edit(p, v, "con");
  return hgvs_set_lengths(v, L, alt);
}

static int copy(hgvs_parser *p, hgvs_variant *v, int64_t L) {
  size_t at = p->i;
  if (!hgvs_number(p, &v->repeat_count, "expected the number of copies"))
    return 0;
  if (v->repeat_count == 0)
    return hgvs_fail(p, at, "a number of copies is at least 1");
  uint32_t m = hgvs_mark(p);
  hgvs_puts(p, "copy");
  hgvs_put_int(p, v->repeat_count);
  v->edit = hgvs_end(p, m);
  v->type = HGVS_COPY;
  return hgvs_set_lengths(v, L, len_mul(L, v->repeat_count));
}

/* '=' (the deleted-sequence form "ACG=" keeps ACG in ref). */
static int identity(hgvs_parser *p, hgvs_variant *v, int64_t L) {
  p->i++; /* '=' */
  if (hgvs_peek(p) == '/')
    return hgvs_fail(p, p->i - 1,
                     "mosaic and chimeric descriptions (=/ and =//) are not supported");
  uint32_t m = hgvs_mark(p);
  hgvs_putc(p, '=');
  v->edit = hgvs_end(p, m);
  v->type = HGVS_IDENTITY;
  hgvs_set_lengths(v, L, L);
  v->has_length_change = 1;
  return 1;
}

/* A repeat: UNIT[N] (UNIT[N]...), or [N] alone after an interval. The
** first unit, if any, is already written at mark m, unit_len bases. */
static int repeat(hgvs_parser *p, hgvs_variant *v, int64_t L, uint32_t m,
                  size_t unit_len) {
  int64_t total = 0, count;
  int first = 1, units = unit_len > 0;
  for (;;) {
    if (!hgvs_accept_char(p, '['))
      return hgvs_fail(p, p->i, "expected '['");
    hgvs_putc(p, '[');
    if (!hgvs_number(p, &count, "expected a repeat count"))
      return 0;
    hgvs_put_int(p, count);
    if (!hgvs_accept_char(p, ']'))
      return hgvs_fail(p, p->i, "expected ']'");
    hgvs_putc(p, ']');
    if (first)
      v->repeat_count = count;
    first = 0;
    total = len_add(total, len_mul(units ? (int64_t)unit_len : L, count));
    if (!units || (unit_len = hgvs_na_seq(p)) == 0)
      break;
  }
  v->type = HGVS_REPEAT;
  v->edit = hgvs_end(p, m);
  if (units)
    v->alt = v->edit;
  return hgvs_set_lengths(v, v->is_range || !units ? L : -1, total);
}

/* A change that starts with bases: X>Y, X=, UNIT[N]. */
static int based(hgvs_parser *p, hgvs_variant *v, int64_t L, size_t at) {
  uint32_t m = hgvs_mark(p);
  size_t k = hgvs_na_seq(p);
  if (k == 0)
    return hgvs_fail(p, at, "expected a nucleotide or an edit");
  if (hgvs_peek(p) == '[')
    return repeat(p, v, L, m, k);
  v->ref = hgvs_end(p, m);
  if (hgvs_peek(p) == '=')
    return identity(p, v, L);
  if (!hgvs_accept_char(p, '>'))
    return hgvs_fail(p, p->i, "expected '>'");
  size_t alt_at = p->i;
  m = hgvs_mark(p);
  size_t k2 = hgvs_na_seq(p);
  v->alt = hgvs_end(p, m);
  if (k2 == 0)
    return hgvs_fail(p, alt_at, "expected a nucleotide");
  if (k != 1)
    return hgvs_fail(p, at + 1, "a substitution replaces one base (write delins)");
  if (k2 != 1)
    return hgvs_fail(p, alt_at + 1, "a substitution replaces one base (write delins)");
  const char *r = p->r->text;
  if (r[v->ref.off] == r[v->alt.off])
    return hgvs_fail(p, alt_at, "a substitution changes the base (write '=')");
  m = hgvs_mark(p);
  hgvs_put_span(p, v->ref);
  hgvs_putc(p, '>');
  hgvs_put_span(p, v->alt);
  v->edit = hgvs_end(p, m);
  v->type = HGVS_SUBSTITUTION;
  return hgvs_set_lengths(v, 1, 1);
}

int hgvs_na_edit(hgvs_parser *p, hgvs_variant *v) {
  int64_t L = hgvs_interval_length(v);
  size_t at = p->i;
  if (hgvs_accept(p, "delins"))
    return delins(p, v, L, -1);
  if (hgvs_accept(p, "del"))
    return deletion(p, v, L);
  if (hgvs_accept(p, "dup"))
    return duplication(p, v, L);
  if (hgvs_accept(p, "ins"))
    return insertion(p, v, at);
  if (hgvs_accept(p, "inv")) {
    uint32_t m = hgvs_mark(p);
    hgvs_puts(p, "inv");
    v->edit = hgvs_end(p, m);
    v->type = HGVS_INVERSION;
    hgvs_set_lengths(v, L, L);
    v->has_length_change = 1;
    return 1;
  }
  if (hgvs_accept(p, "con"))
    return conversion(p, v, L);
  if (hgvs_accept(p, "copy"))
    return copy(p, v, L);
  if (hgvs_peek(p) == '=')
    return identity(p, v, L);
  if (hgvs_peek(p) == '[')
    return repeat(p, v, L, hgvs_mark(p), 0);
  return based(p, v, L, at);
}
