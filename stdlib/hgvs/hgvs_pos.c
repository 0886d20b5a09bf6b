/* hgvs_pos.c: positions (c.1066-2, c.-15, c.*12, g.pter, ?), uncertain
** bounds "(a_b)", intervals, their order and their length. */
#include <string.h>

#include "hgvs_internal.h"

/* ---------------------------------------------------------- positions */

/* An intron offset after a position: +N, -N, +?, -?. */
static int offset(hgvs_parser *p, hgvs_pos *pos) {
  char sign = hgvs_peek(p);
  if (sign != '+' && sign != '-')
    return 1;
  p->i++;
  if (hgvs_accept_char(p, '?')) {
    pos->offset_unknown = 1;
    pos->offset = sign == '+' ? 1 : -1;
    return 1;
  }
  size_t at = p->i;
  int64_t v;
  if (!hgvs_number(p, &v, "expected an intron offset (a number or '?')"))
    return 0;
  if (v == 0)
    return hgvs_fail(p, at, "an intron offset is never 0");
  pos->offset = sign == '+' ? v : -v;
  return 1;
}

int hgvs_position(hgvs_parser *p, hgvs_coord c, hgvs_pos *pos) {
  memset(pos, 0, sizeof *pos);
  int coding = c == HGVS_COORD_C || c == HGVS_COORD_R;
  int transcript = coding || c == HGVS_COORD_N;
  if (c == HGVS_COORD_G) {
    if (hgvs_accept(p, "pter"))
      return pos->pter = 1;
    if (hgvs_accept(p, "qter"))
      return pos->qter = 1;
  }
  pos->region = coding ? HGVS_REGION_CDS : HGVS_REGION_NONE;
  int negative = 0;
  if (transcript && hgvs_peek(p) == '-' && hgvs_is_digit(hgvs_peek_at(p, 1))) {
    p->i++;
    negative = 1;
    pos->region = coding ? HGVS_REGION_UTR5 : HGVS_REGION_UPSTREAM;
  } else if (transcript && hgvs_peek(p) == '*') {
    p->i++;
    pos->region = coding ? HGVS_REGION_UTR3 : HGVS_REGION_DOWNSTREAM;
  }
  if (!negative && hgvs_accept_char(p, '?')) {
    pos->pos_unknown = 1;
  } else {
    size_t at = p->i;
    if (!hgvs_number(p, &pos->pos, "expected a position"))
      return 0;
    if (pos->pos == 0)
      return hgvs_fail(p, at, "there is no position 0");
    if (negative)
      pos->pos = -pos->pos;
  }
  return transcript ? offset(p, pos) : 1;
}

/* ------------------------------------------------------------- order */

/* Rank of a position's region in transcript order (pter first, qter last). */
static int rank(const hgvs_pos *a) {
  if (a->pter)
    return -1;
  if (a->qter)
    return 3;
  switch (a->region) {
  case HGVS_REGION_UTR5:
  case HGVS_REGION_UPSTREAM:
    return 0;
  case HGVS_REGION_UTR3:
  case HGVS_REGION_DOWNSTREAM:
    return 2;
  default:
    return 1;
  }
}

int hgvs_pos_cmp(const hgvs_pos *a, const hgvs_pos *b, int *cmp) {
  if (a->pos_unknown || b->pos_unknown)
    return 0;
  int ra = rank(a), rb = rank(b);
  if (ra != rb || a->pos != b->pos) {
    *cmp = ra != rb ? (ra < rb ? -1 : 1) : (a->pos < b->pos ? -1 : 1);
    return 1;
  }
  if (a->offset_unknown || b->offset_unknown)
    return a->offset == b->offset && a->offset_unknown == b->offset_unknown
               ? (*cmp = 0, 1)
               : 0;
  *cmp = a->offset < b->offset ? -1 : a->offset > b->offset;
  return 1;
}

/* 1 if a comes after b (both known); positions that cannot be compared
** ('?', an unknown offset against the same anchor) are not out of order. */
static int after(const hgvs_pos *a, const hgvs_pos *b) {
  int cmp;
  return hgvs_pos_cmp(a, b, &cmp) && cmp > 0;
}

/* --------------------------------------------------------- intervals */

/* A bound: a position or an uncertain "(a_b)". */
static int bound(hgvs_parser *p, hgvs_coord c, hgvs_bound *b) {
  if (!hgvs_accept_char(p, '(')) {
    b->uncertain = 0;
    if (!hgvs_position(p, c, &b->lo))
      return 0;
    b->hi = b->lo;
    return 1;
  }
  b->uncertain = 1;
  if (!hgvs_position(p, c, &b->lo))
    return 0;
  if (!hgvs_accept_char(p, '_'))
    return hgvs_fail(p, p->i, "expected '_'");
  size_t at = p->i;
  if (!hgvs_position(p, c, &b->hi))
    return 0;
  if (after(&b->lo, &b->hi))
    return hgvs_fail(p, at, "the range ends before it starts");
  if (!hgvs_accept_char(p, ')'))
    return hgvs_fail(p, p->i, "expected ')'");
  return 1;
}

int hgvs_range(hgvs_parser *p, hgvs_coord c, hgvs_bound *start, hgvs_bound *stop,
               unsigned char *is_range, int ordered) {
  if (!bound(p, c, start))
    return 0;
  if (!hgvs_accept_char(p, '_')) {
    *stop = *start;
    *is_range = 0;
    return 1;
  }
  size_t at = p->i;
  if (!bound(p, c, stop))
    return 0;
  *is_range = 1;
  if (ordered && (after(&start->lo, &stop->lo) || after(&start->hi, &stop->hi)))
    return hgvs_fail(p, at, "the range ends before it starts");
  return 1;
}

int hgvs_interval(hgvs_parser *p, hgvs_variant *v) {
  return hgvs_range(p, p->coord, &v->start, &v->stop, &v->is_range, 1);
}

/* ------------------------------------------------------------ length */

/* Bases from a to b when both are exact exonic (or same-intron)
** positions; -1 otherwise. There is no c.0: c.-1_1 is 2 bases. */
static int64_t span_length(const hgvs_pos *a, const hgvs_pos *b) {
  if (a->pos_unknown || b->pos_unknown || a->pter || a->qter || b->pter || b->qter ||
      a->offset_unknown || b->offset_unknown)
    return -1;
  int64_t len = -1;
  if (a->offset == 0 && b->offset == 0) {
    if (a->region == b->region)
      len = b->pos - a->pos + 1 - (a->pos < 0 && b->pos > 0);
    else if (rank(a) == 0 && rank(b) == 1)
      len = b->pos - a->pos; /* c.-1_1: there is no c.0 */
  } else if (a->offset != 0 && b->offset != 0 && a->region == b->region &&
             a->pos == b->pos && (a->offset > 0) == (b->offset > 0)) {
    len = b->offset - a->offset + 1; /* both in the intron next to one anchor */
  }
  return len > 0 ? len : -1;
}

int64_t hgvs_range_length(const hgvs_bound *start, const hgvs_bound *stop, int is_range) {
  if (start->uncertain || stop->uncertain)
    return -1;
  if (!is_range)
    return start->lo.pos_unknown || start->lo.pter || start->lo.qter ? -1 : 1;
  return span_length(&start->lo, &stop->lo);
}

int64_t hgvs_interval_length(const hgvs_variant *v) {
  return v->no_position ? -1 : hgvs_range_length(&v->start, &v->stop, v->is_range);
}

int hgvs_set_lengths(hgvs_variant *v, int64_t ref, int64_t alt) {
  v->ref_length = ref;
  v->alt_length = alt;
  v->has_length_change = ref >= 0 && alt >= 0;
  v->length_change = v->has_length_change ? alt - ref : 0;
  return 1;
}
