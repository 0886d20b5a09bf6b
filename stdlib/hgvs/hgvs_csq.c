/* hgvs_csq.c: the consequence a description implies without sequence
** (docs/hgvs.md § Consequence rules), and the names of types,
** consequences and regions. */
#include <string.h>

#include "hgvs_internal.h"

/* ------------------------------------------------------------- names */

static const char *const type_names[HGVS_NTYPES] = {
    "substitution", "deletion",   "duplication", "insertion", "delins",
    "inversion",    "conversion", "repeat",      "copy",      "identity",
    "unknown",      "no_protein", "frameshift",  "extension"};

static const char *const csq_names[HGVS_NCSQ] = {"unknown",
                                                 "coding",
                                                 "missense",
                                                 "nonsense",
                                                 "synonymous",
                                                 "frameshift",
                                                 "start_loss",
                                                 "stop_loss",
                                                 "inframe_deletion",
                                                 "inframe_insertion",
                                                 "inframe_delins",
                                                 "splice_site",
                                                 "intronic",
                                                 "utr5",
                                                 "utr3",
                                                 "noncoding",
                                                 "no_change",
                                                 "no_protein",
                                                 "n_terminal_extension"};

const char *hgvs_type_name(hgvs_type t) {
  return (unsigned)t < HGVS_NTYPES ? type_names[t] : "";
}

const char *hgvs_consequence_name(hgvs_csq c) {
  return (unsigned)c < HGVS_NCSQ ? csq_names[c] : "";
}

const char *hgvs_region_name(hgvs_region g) {
  switch (g) {
  case HGVS_REGION_CDS:
    return "cds";
  case HGVS_REGION_UTR5:
    return "utr5";
  case HGVS_REGION_UTR3:
    return "utr3";
  case HGVS_REGION_UPSTREAM:
    return "upstream";
  case HGVS_REGION_DOWNSTREAM:
    return "downstream";
  default:
    return "";
  }
}

/* ------------------------------------------------------ DNA and RNA */

/* The four ends of a change (an uncertain bound gives two). */
static void ends_of(const hgvs_variant *v, const hgvs_pos *e[4]) {
  e[0] = &v->start.lo;
  e[1] = &v->start.hi;
  e[2] = &v->stop.lo;
  e[3] = &v->stop.hi;
}

static int has_offset(const hgvs_pos *a) {
  return a->offset != 0 || a->offset_unknown;
}

/* The intron a position with an offset lies in, named by the exonic
** position before it: c.88+5 and c.89-5 are both in intron "88" (exons
** are numbered without gaps, and c.-1 precedes c.1). 0 when it cannot be
** named (c.*1-5 follows the unnumbered last coding base, or '?'). */
static int intron_of(const hgvs_pos *a, hgvs_region *g, int64_t *pos) {
  *g = a->region;
  *pos = a->pos;
  if (a->pos_unknown)
    return 0;
  if (a->offset > 0)
    return 1;
  int after_end = a->region == HGVS_REGION_UTR3 || a->region == HGVS_REGION_DOWNSTREAM;
  if (after_end && a->pos == 1)
    return 0; /* the base before c.*1 has no number of its own */
  if (a->pos == 1 && !after_end) {
    *pos = -1;
    if (a->region == HGVS_REGION_CDS)
      *g = HGVS_REGION_UTR5;
    else if (a->region == HGVS_REGION_NONE)
      *g = HGVS_REGION_UPSTREAM;
  } else {
    *pos = a->pos - 1;
  }
  return 1;
}

/* splice_site, intronic, or UNKNOWN when no end is in an intron. */
static hgvs_csq intron_rule(const hgvs_variant *v) {
  const hgvs_pos *e[4];
  ends_of(v, e);
  int inside = 0, exonic = 0, same = 1, have = 0;
  hgvs_region g0 = HGVS_REGION_NONE;
  int64_t p0 = 0;
  for (int k = 0; k < 4; k++) {
    if (!has_offset(e[k])) {
      exonic += !e[k]->pos_unknown;
      continue;
    }
    inside = 1;
    if (!e[k]->offset_unknown && e[k]->offset >= -2 && e[k]->offset <= 2)
      return HGVS_CSQ_SPLICE_SITE;
    hgvs_region g;
    int64_t pos;
    if (!intron_of(e[k], &g, &pos))
      same = 0;
    else if (!have)
      g0 = g, p0 = pos, have = 1;
    else if (g != g0 || pos != p0)
      same = 0;
  }
  if (!inside)
    return HGVS_CSQ_UNKNOWN;
  return exonic || !same ? HGVS_CSQ_SPLICE_SITE : HGVS_CSQ_INTRONIC;
}

/* utr5 / utr3 when every known end is in that UTR; else UNKNOWN. */
static hgvs_csq utr_rule(const hgvs_variant *v) {
  const hgvs_pos *e[4];
  ends_of(v, e);
  int n5 = 0, n3 = 0, known = 0;
  for (int k = 0; k < 4; k++) {
    if (e[k]->pos_unknown)
      continue;
    known++;
    n5 += e[k]->region == HGVS_REGION_UTR5;
    n3 += e[k]->region == HGVS_REGION_UTR3;
  }
  if (known > 0 && n5 == known)
    return HGVS_CSQ_UTR5;
  if (known > 0 && n3 == known)
    return HGVS_CSQ_UTR3;
  return HGVS_CSQ_UNKNOWN;
}

/* Order of an exonic position along the transcript (the 3' UTR after
** every coding position). */
static int64_t linear(const hgvs_pos *a) {
  return a->region == HGVS_REGION_UTR3 ? HGVS_MAX_NUMBER + a->pos : a->pos;
}

/* The change touches c.1..c.3 (its outermost known ends around them). */
static int touches_start(const hgvs_variant *v) {
  const hgvs_pos *lo = v->start.lo.pos_unknown ? &v->start.hi : &v->start.lo;
  const hgvs_pos *hi = v->stop.hi.pos_unknown ? &v->stop.lo : &v->stop.hi;
  if (lo->pos_unknown && hi->pos_unknown)
    return 0;
  if (lo->pos_unknown)
    lo = hi;
  if (hi->pos_unknown)
    hi = lo;
  return linear(lo) <= 3 && linear(hi) >= 1;
}

/* A deletion-like change from the coding sequence into the 3' UTR
** removes the stop codon. */
static int crosses_stop(const hgvs_variant *v) {
  return (v->type == HGVS_DELETION || v->type == HGVS_DELINS) && v->is_range &&
         !v->start.lo.pos_unknown && v->start.lo.region != HGVS_REGION_UTR3 &&
         v->stop.hi.region == HGVS_REGION_UTR3;
}

static hgvs_csq coding_rule(const hgvs_variant *v) {
  hgvs_csq c = intron_rule(v);
  if (c != HGVS_CSQ_UNKNOWN)
    return c;
  if ((c = utr_rule(v)) != HGVS_CSQ_UNKNOWN)
    return c;
  if (touches_start(v))
    return HGVS_CSQ_START_LOSS;
  if (crosses_stop(v))
    return HGVS_CSQ_STOP_LOSS;
  switch (v->type) {
  case HGVS_DELETION:
  case HGVS_INSERTION:
  case HGVS_DUPLICATION:
  case HGVS_DELINS:
    if (!v->has_length_change)
      return HGVS_CSQ_CODING;
    if (v->length_change % 3 != 0)
      return HGVS_CSQ_FRAMESHIFT;
    return v->type == HGVS_DELETION ? HGVS_CSQ_INFRAME_DEL
           : v->type == HGVS_DELINS ? HGVS_CSQ_INFRAME_DELINS
                                    : HGVS_CSQ_INFRAME_INS;
  default:
    return HGVS_CSQ_CODING;
  }
}

/* ------------------------------------------------------------ protein */

static int is_ter(const char *aa) {
  return strcmp(aa, "Ter") == 0;
}

/* The new residues (three-letter, concatenated) hold a stop. */
static int alt_has_ter(const hgvs_variant *v, const hgvs_result *r) {
  const char *a = hgvs_str(r, v->alt);
  for (uint32_t k = 0; k + 3 <= v->alt.len; k += 3)
    if (strncmp(a + k, "Ter", 3) == 0)
      return 1;
  return 0;
}

static hgvs_csq protein_rule(const hgvs_variant *v, const hgvs_result *r) {
  const hgvs_pos *a = &v->start.lo, *b = &v->stop.lo;
  int met1 = !v->no_position && a->pos == 1;
  int ter_ref = !v->no_position && (is_ter(a->aa) || is_ter(b->aa));
  switch (v->type) {
  case HGVS_IDENTITY:
    return HGVS_CSQ_SYNONYMOUS;
  case HGVS_UNKNOWN:
    return met1 ? HGVS_CSQ_START_LOSS : HGVS_CSQ_UNKNOWN;
  case HGVS_NO_PROTEIN:
    return HGVS_CSQ_NO_PROTEIN;
  case HGVS_FRAMESHIFT:
    return HGVS_CSQ_FRAMESHIFT;
  case HGVS_EXTENSION:
    return v->term < 0 ? HGVS_CSQ_N_EXTENSION : HGVS_CSQ_STOP_LOSS;
  default:
    break;
  }
  if (met1)
    return HGVS_CSQ_START_LOSS;
  if (ter_ref)
    return HGVS_CSQ_STOP_LOSS;
  switch (v->type) {
  case HGVS_SUBSTITUTION:
    return alt_has_ter(v, r) ? HGVS_CSQ_NONSENSE : HGVS_CSQ_MISSENSE;
  case HGVS_DELETION:
    return HGVS_CSQ_INFRAME_DEL;
  case HGVS_INSERTION:
  case HGVS_DUPLICATION:
    return alt_has_ter(v, r) ? HGVS_CSQ_NONSENSE : HGVS_CSQ_INFRAME_INS;
  case HGVS_DELINS:
    return alt_has_ter(v, r) ? HGVS_CSQ_NONSENSE : HGVS_CSQ_INFRAME_DELINS;
  default:
    return HGVS_CSQ_UNKNOWN;
  }
}

/* --------------------------------------------------------------- all */

hgvs_csq hgvs_consequence(const hgvs_variant *v, const hgvs_result *r) {
  if (v->coord == HGVS_COORD_P)
    return protein_rule(v, r);
  if (v->type == HGVS_IDENTITY)
    return HGVS_CSQ_NO_CHANGE;
  if (v->type == HGVS_UNKNOWN || v->no_position)
    return HGVS_CSQ_UNKNOWN;
  switch (v->coord) {
  case HGVS_COORD_C:
  case HGVS_COORD_R:
    return coding_rule(v);
  case HGVS_COORD_N: {
    hgvs_csq c = intron_rule(v);
    return c != HGVS_CSQ_UNKNOWN ? c : HGVS_CSQ_NONCODING;
  }
  default:
    return HGVS_CSQ_UNKNOWN;
  }
}
