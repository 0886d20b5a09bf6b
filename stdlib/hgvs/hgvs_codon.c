/* hgvs_codon.c: hgvs_annotate, the protein effect of a coding substitution
** read off the coding sequence (docs/base-editing.md § Annotation). */
#include "hgvs_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The one sentence every "cannot annotate this kind" message starts with;
** the reason follows it. */
#define ONLY_SUBSTITUTIONS                                                               \
  "hgvs: only coding substitutions c.N X>Y with N inside the CDS and no intron "         \
  "offset can be annotated"

/* Why v is not a change hgvs_annotate can read against the CDS, or NULL
** when it is one: c., a substitution, one position (not a range, not
** uncertain, not '?'), in the CDS, no intron offset, one base each side. */
static const char *not_annotatable(const hgvs_variant *v) {
  const hgvs_pos *p = &v->start.lo;
  if (v->coord != HGVS_COORD_C)
    return "this description is not c.";
  if (v->type != HGVS_SUBSTITUTION)
    return "this change is not a substitution";
  if (v->is_range || v->start.uncertain)
    return "this change spans more than one position";
  if (p->pos_unknown)
    return "this position is unknown";
  if (p->region == HGVS_REGION_UTR5)
    return "this position is in the 5' UTR";
  if (p->region == HGVS_REGION_UTR3)
    return "this position is in the 3' UTR";
  if (p->region != HGVS_REGION_CDS)
    return "this position has no coding anchor";
  if (p->offset != 0 || p->offset_unknown)
    return "this position is intronic";
  if (v->ref.len != 1 || v->alt.len != 1)
    return "this change is not one base for one base";
  return NULL;
}

/* A base as A/C/G/T (upper case, U read as T), or 0 when it is none. */
static char dna_base(char b) {
  char u = (char)toupper((unsigned char)b);
  if (u == 'U')
    return 'T';
  return (u == 'A' || u == 'C' || u == 'G' || u == 'T') ? u : 0;
}

/* Checks of the sequence around c.pos: whole codons, pos inside, the
** codon's bases all A/C/G/T. Returns 1, or 0 with msg set. */
static int check_cds(const char *cds, size_t len, int64_t pos, char *msg) {
  if (cds == NULL || len == 0) {
    snprintf(msg, HGVS_MSG_SIZE, "hgvs: the coding sequence is empty");
    return 0;
  }
  if (len % 3 != 0) {
    snprintf(msg, HGVS_MSG_SIZE,
             "hgvs: the coding sequence has %zu bases, not a whole number of codons "
             "(the last codon is incomplete)",
             len);
    return 0;
  }
  if (pos < 1 || (uint64_t)pos > len) {
    snprintf(msg, HGVS_MSG_SIZE,
             "hgvs: c.%lld is outside the coding sequence (c.1 to c.%zu)", (long long)pos,
             len);
    return 0;
  }
  size_t first = (size_t)(pos - 1) / 3 * 3; /* 0-based index of the codon */
  for (size_t i = first; i < first + 3; i++) {
    if (dna_base(cds[i]) == 0) {
      char shown[16];
      hgvs_show_byte(shown, (unsigned char)cds[i]);
      snprintf(msg, HGVS_MSG_SIZE,
               "hgvs: the coding sequence has %s at c.%zu, not A, C, G or T", shown,
               i + 1);
      return 0;
    }
  }
  return 1;
}

/* The consequence of codon `codon` changing from amino acid ref to alt
** (one-letter, '*' for a stop). Start loss first: any change of the
** initiator Met, whatever it becomes, leaves the start unknown. */
static hgvs_csq classify(int64_t codon, char ref, char alt) {
  if (codon == 1 && ref == 'M' && alt != 'M')
    return HGVS_CSQ_START_LOSS;
  if (ref == alt)
    return HGVS_CSQ_SYNONYMOUS;
  if (alt == '*')
    return HGVS_CSQ_NONSENSE;
  if (ref == '*')
    return HGVS_CSQ_STOP_LOSS;
  return HGVS_CSQ_MISSENSE;
}

/* The predicted protein change, in parentheses because it is inferred
** from the DNA: p.(Gln335Ter), p.(Gln335=), p.(Met1?) (HGVS: the effect of
** a start-codon change cannot be predicted), p.(Ter110GlnextTer?) (the new
** stop is past the end of the CDS, so its distance is unknown). */
static void format_p(hgvs_protein *out) {
  long long n = (long long)out->codon;
  switch (out->consequence) {
  case HGVS_CSQ_START_LOSS:
    snprintf(out->hgvs_p, sizeof out->hgvs_p, "p.(%s%lld?)", out->ref_aa, n);
    break;
  case HGVS_CSQ_SYNONYMOUS:
    snprintf(out->hgvs_p, sizeof out->hgvs_p, "p.(%s%lld=)", out->ref_aa, n);
    break;
  case HGVS_CSQ_STOP_LOSS:
    snprintf(out->hgvs_p, sizeof out->hgvs_p, "p.(%s%lld%sextTer?)", out->ref_aa, n,
             out->alt_aa);
    break;
  default:
    snprintf(out->hgvs_p, sizeof out->hgvs_p, "p.(%s%lld%s)", out->ref_aa, n,
             out->alt_aa);
    break;
  }
}

int hgvs_annotate(const hgvs_variant *v, const hgvs_result *r, const char *cds,
                  size_t len, hgvs_protein *out, char msg[HGVS_MSG_SIZE]) {
  char scratch[HGVS_MSG_SIZE];
  if (msg == NULL)
    msg = scratch;
  msg[0] = '\0';
  memset(out, 0, sizeof *out);
  const char *why = not_annotatable(v);
  if (why != NULL) {
    snprintf(msg, HGVS_MSG_SIZE, "%s; %s", ONLY_SUBSTITUTIONS, why);
    return 0;
  }
  int64_t pos = v->start.lo.pos;
  if (!check_cds(cds, len, pos, msg))
    return 0;
  char ref = dna_base(hgvs_str(r, v->ref)[0]);
  char alt = dna_base(hgvs_str(r, v->alt)[0]);
  if (ref == 0 || alt == 0) {
    snprintf(msg, HGVS_MSG_SIZE, "hgvs: c.%lld%s>%s: the bases must be A, C, G or T",
             (long long)pos, hgvs_str(r, v->ref), hgvs_str(r, v->alt));
    return 0;
  }
  char have = dna_base(cds[pos - 1]);
  if (have != ref) {
    snprintf(msg, HGVS_MSG_SIZE,
             "hgvs: reference base mismatch at c.%lld: the description says %c, the "
             "sequence has %c",
             (long long)pos, ref, have);
    return 0;
  }
  size_t first = (size_t)(pos - 1) / 3 * 3;
  for (int i = 0; i < 3; i++)
    out->ref_codon[i] = out->alt_codon[i] = dna_base(cds[first + (size_t)i]);
  out->alt_codon[(pos - 1) % 3] = alt;
  out->codon = (pos - 1) / 3 + 1;
  char ref_aa = hgvs_translate_codon(out->ref_codon);
  char alt_aa = hgvs_translate_codon(out->alt_codon);
  /* both are A/C/G/T, so both translate and have three-letter codes */
  strcpy(out->ref_aa, hgvs_aa3(ref_aa));
  strcpy(out->alt_aa, hgvs_aa3(alt_aa));
  out->consequence = classify(out->codon, ref_aa, alt_aa);
  format_p(out);
  return 1;
}
