/* hgvs_allele.c: allele and genotype descriptions: c.[a;b] (one allele,
** cis), c.[a];[b] (two alleles, trans), c.[a(;)b] (phase unknown), and
** the position-less alleles [=], [?] and p.[0]. */
#include "hgvs_internal.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* One change inside brackets, stored as the next variant. `first`: it
** opens its bracket (a position-less allele must be alone in it). */
static int member(hgvs_parser *p, int allele, int first) {
  hgvs_result *r = p->r;
  size_t start = p->i;
  if (r->nvariants >= PW_HGVS_MAX_VARIANTS)
    return hgvs_fail(p, start, "more than " STR(PW_HGVS_MAX_VARIANTS) " changes");
  hgvs_variant *v = &r->variants[r->nvariants];
  hgvs_variant_init(p, v);
  v->allele = (unsigned char)allele;
  if (!hgvs_body(p, v))
    return 0;
  if (v->no_position && (!first || hgvs_peek(p) != ']'))
    return hgvs_fail(p, first ? p->i : start,
                     "an allele written '=', '?' or '0' has no other change");
  uint32_t m = hgvs_mark(p);
  hgvs_put(p, p->s + start, p->i - start);
  v->raw = hgvs_end(p, m);
  r->nvariants++;
  return 1;
}

int hgvs_alleles(hgvs_parser *p) {
  hgvs_result *r = p->r;
  int allele = 1, brackets = 0, unknown_phase = 0;
  for (;;) {
    if (!hgvs_accept_char(p, '['))
      return hgvs_fail(p, p->i, "expected '['");
    brackets++;
    for (int first = 1;; first = 0) {
      if (!member(p, allele, first))
        return 0;
      if (hgvs_peek(p) == '(' && hgvs_accept(p, "(;)")) {
        if (brackets > 1)
          return hgvs_fail(p, p->i - 3, "'(;)' cannot be combined with alleles in trans");
        unknown_phase = 1;
        allele++;
      } else if (!hgvs_accept_char(p, ';')) {
        break;
      }
    }
    if (!hgvs_accept_char(p, ']'))
      return hgvs_fail(p, p->i, "expected ']'");
    if (hgvs_peek(p) != ';')
      break;
    if (unknown_phase)
      return hgvs_fail(p, p->i, "'(;)' cannot be combined with alleles in trans");
    p->i++;
    allele++;
  }
  r->kind = HGVS_KIND_GENOTYPE;
  r->nalleles = allele;
  r->phase = brackets > 1    ? HGVS_PHASE_TRANS
             : unknown_phase ? HGVS_PHASE_UNKNOWN
                             : HGVS_PHASE_NONE;
  return 1;
}
