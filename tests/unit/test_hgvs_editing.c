/* test_hgvs_editing.c: Criterion tests of the base-editing chemistry
** (hgvs_editing_of) and the protospacer search (editing_sites), without
** the parser. Every expected site below was worked out by hand. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "hgvs/hgvs.h"
#include "test_hgvs_build.h"

/* ------------------------------------------------------------ helpers */

/* A fresh result holding one substitution coord.100 ref>alt (a test then
** bends it into what it needs). */
static hgvs_result *substitution(char coord, const char *ref, const char *alt) {
  hgvs_result *r = calloc(1, sizeof *r);
  cr_assert_not_null(r);
  r->nvariants = 1;
  hgvs_variant *v = &r->variants[0];
  v->coord = (hgvs_coord)coord;
  v->type = HGVS_SUBSTITUTION;
  v->start.lo.pos = 100;
  v->start.lo.region = coord == 'c' || coord == 'r' ? HGVS_REGION_CDS : HGVS_REGION_NONE;
  v->start.hi = v->start.lo;
  v->stop = v->start;
  v->ref = put(r, ref);
  v->alt = put(r, alt);
  v->ref_length = v->alt_length = (int64_t)strlen(ref);
  return r;
}

/* hgvs_editing_of of r's variant; r is freed. */
static hgvs_editing classify(hgvs_result *r) {
  hgvs_editing e = hgvs_editing_of(&r->variants[0], r);
  free(r);
  return e;
}

static void expect_none(hgvs_editing e, const char *what) {
  cr_assert_eq(e.snv + e.transition + e.transversion + e.abe_correctable +
                   e.cbe_correctable,
               0, "%s", what);
}

/* Parameters with every field given. */
static editing_params params(const char *pam, int len, int lo, int hi,
                             editing_editor ed) {
  editing_params p;
  memset(&p, 0, sizeof p);
  p.pam = pam;
  p.protospacer_len = len;
  p.window_lo = lo;
  p.window_hi = hi;
  p.editor = ed;
  return p;
}

/* Sites of seq at pos; expect `want` of them, all written (cap 8). */
static long sites(const char *seq, int64_t pos, const editing_params *p,
                  editing_site out[8], long want) {
  char msg[HGVS_MSG_SIZE];
  long n = editing_sites(seq, strlen(seq), pos, p, out, 8, msg);
  cr_assert_eq(n, want, "%s at %lld: %ld sites (%s)", seq, (long long)pos, n, msg);
  cr_assert_str_eq(msg, "");
  return n;
}

/* One site, field by field. */
static void expect_site(const editing_site *s, char strand, int64_t start,
                        int64_t pam_start, int index, const char *protospacer,
                        const char *pam, char base, int editable, int nby,
                        const int *by) {
  cr_assert_eq(s->strand, strand);
  cr_assert_eq(s->start, start, "start %lld", (long long)s->start);
  cr_assert_eq(s->pam_start, pam_start, "pam_start %lld", (long long)s->pam_start);
  cr_assert_eq(s->target_index, index);
  cr_assert_str_eq(s->protospacer, protospacer);
  cr_assert_str_eq(s->pam, pam);
  cr_assert_eq(s->target_base, base);
  cr_assert_eq(s->editable, editable);
  cr_assert_eq(s->bystanders, nby);
  for (int i = 0; i < nby && i < 32; i++)
    cr_assert_eq(s->bystander_index[i], by[i], "bystander %d", i);
}

/* editing_sites must fail with exactly `want`. */
static void expect_error(const char *seq, size_t len, int64_t pos,
                         const editing_params *p, const char *want) {
  editing_site out[2];
  char msg[HGVS_MSG_SIZE];
  cr_assert_eq(editing_sites(seq, len, pos, p, out, 2, msg), -1, "want: %s", want);
  cr_assert_str_eq(msg, want);
}

/* ---------------------------------------------------------- chemistry */

Test(hgvs_editing, all_twelve_substitutions) {
  static const struct {
    const char *ref, *alt;
    int transition, abe, cbe;
  } cases[] = {
      {"G", "A", 1, 1, 0}, /* pathogenic G>A: mutant A.T, ABE restores G.C */
      {"C", "T", 1, 1, 0}, /* the other strand's G>A: KJ's c.1003C>T */
      {"A", "G", 1, 0, 1}, /* mutant G.C where A.T was: CBE restores it */
      {"T", "C", 1, 0, 1}, {"A", "C", 0, 0, 0}, {"A", "T", 0, 0, 0},
      {"C", "A", 0, 0, 0}, {"C", "G", 0, 0, 0}, {"G", "C", 0, 0, 0},
      {"G", "T", 0, 0, 0}, {"T", "A", 0, 0, 0}, {"T", "G", 0, 0, 0},
  };
  const char coords[] = "cgnmo";
  for (size_t k = 0; k < sizeof coords - 1; k++) {
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
      hgvs_editing e = classify(substitution(coords[k], cases[i].ref, cases[i].alt));
      cr_assert_eq(e.snv, 1, "%c.%s>%s", coords[k], cases[i].ref, cases[i].alt);
      cr_assert_eq(e.transition, cases[i].transition, "%s>%s", cases[i].ref,
                   cases[i].alt);
      cr_assert_eq(e.transversion, !cases[i].transition, "%s>%s", cases[i].ref,
                   cases[i].alt);
      cr_assert_eq(e.abe_correctable, cases[i].abe, "%s>%s", cases[i].ref, cases[i].alt);
      cr_assert_eq(e.cbe_correctable, cases[i].cbe, "%s>%s", cases[i].ref, cases[i].alt);
    }
  }
}

Test(hgvs_editing, rna) {
  hgvs_editing e = classify(substitution('r', "g", "a"));
  cr_assert(e.snv && e.transition && e.abe_correctable && !e.cbe_correctable);
  e = classify(substitution('r', "c", "u"));
  cr_assert(e.snv && e.transition && e.abe_correctable && !e.cbe_correctable);
  e = classify(substitution('r', "u", "c"));
  cr_assert(e.snv && e.transition && e.cbe_correctable && !e.abe_correctable);
  e = classify(substitution('r', "a", "g"));
  cr_assert(e.cbe_correctable);
  e = classify(substitution('r', "u", "a"));
  cr_assert(e.snv && e.transversion && !e.abe_correctable && !e.cbe_correctable);
}

Test(hgvs_editing, everything_else_is_zero) {
  expect_none(classify(substitution('p', "Gln", "Ter")), "p.");
  expect_none(classify(substitution('p', "Q", "X")), "p. one-letter");
  expect_none(classify(substitution('c', "CA", "TT")), "two bases");
  expect_none(classify(substitution('c', "", "T")), "no ref");
  expect_none(classify(substitution('c', "C", "C")), "no change");
  expect_none(classify(substitution('c', "N", "T")), "N");
  expect_none(classify(substitution('c', "U", "C")), "U in DNA");
  hgvs_result *r = substitution('c', "C", "T");
  r->variants[0].type = HGVS_DELINS;
  expect_none(classify(r), "delins");
  r = substitution('c', "C", "T");
  r->variants[0].type = HGVS_DELETION;
  expect_none(classify(r), "del");
  r = substitution('c', "C", "T");
  r->variants[0].is_range = 1;
  expect_none(classify(r), "range");
}

Test(hgvs_editing, intronic_snvs_count) {
  hgvs_result *r = substitution('c', "G", "A");
  r->variants[0].start.lo.offset = 1; /* c.100+1G>A: chemistry, not position */
  hgvs_editing e = classify(r);
  cr_assert(e.snv && e.abe_correctable);
}

/* ---------------------------------------------------- editing sites */

/* A protospacer CTACAAGAATTTTTTTTTTT (indexes 4..8 are C A A G A) and the
** PAM AGG: the only site of NGG on either strand for targets 4..8. */
#define SEQ1 "CTACAAGAATTTTTTTTTTTAGG"
/* SEQ1's reverse complement: the same site, read on the '-' strand. */
#define SEQ1_RC "CCTAAAAAAAAAAATTCTTGTAG"

Test(editing_sites, plus_strand_ngg) {
  editing_site out[8];
  sites(SEQ1, 6, NULL, out, 1);
  const int by[] = {5, 8};
  expect_site(&out[0], '+', 1, 21, 6, "CTACAAGAATTTTTTTTTTT", "AGG", 'A', 1, 2, by);
}

Test(editing_sites, minus_strand_ngg) {
  editing_site out[8];
  sites(SEQ1_RC, 18, NULL, out, 1); /* position 6 of SEQ1 is 24 - 6 here */
  const int by[] = {5, 8};
  /* 5' end of the protospacer at 23 (its highest coordinate), PAM AGG read
  ** from 3 down to 1; the target is T on '+', A on '-'. */
  expect_site(&out[0], '-', 23, 3, 6, "CTACAAGAATTTTTTTTTTT", "AGG", 'A', 1, 2, by);
}

Test(editing_sites, window_edges) {
  editing_site out[8];
  sites(SEQ1, 4, NULL, out, 1);
  cr_assert_eq(out[0].target_index, 4);
  cr_assert_eq(out[0].target_base, 'C');
  cr_assert_eq(out[0].editable, 0);
  sites(SEQ1, 8, NULL, out, 1);
  cr_assert_eq(out[0].target_index, 8);
  const int by[] = {5, 6};
  expect_site(&out[0], '+', 1, 21, 8, "CTACAAGAATTTTTTTTTTT", "AGG", 'A', 1, 2, by);
  sites(SEQ1, 3, NULL, out, 0); /* index 3: before the window */
  sites(SEQ1, 9, NULL, out, 0); /* index 9: after it */
  editing_params p = params(NULL, 0, 3, 9, EDITING_ABE);
  sites(SEQ1, 3, &p, out, 1);
  sites(SEQ1, 9, &p, out, 1);
}

/* TA CC A GATTACAGATTACAATGACCATTGATCA T GGGG TT (40 bases), target 20:
** GGGG at 35..38 gives '+' sites starting at 14, 15, 16 (PAMs TGG, GGG,
** GGG), and CC at 3..4 a '-' site whose protospacer starts at 25. */
#define SEQ3 "TACCAGATTACAGATTACAATGACCATTGATCATGGGGTT"

Test(editing_sites, both_strands_in_order) {
  editing_site out[8];
  sites(SEQ3, 20, NULL, out, 4);
  const int by14[] = {4, 6}, by15[] = {5}, by16[] = {4, 8}, bym[] = {5};
  expect_site(&out[0], '+', 14, 34, 7, "ATTACAATGACCATTGATCA", "TGG", 'A', 1, 2, by14);
  expect_site(&out[1], '+', 15, 35, 6, "TTACAATGACCATTGATCAT", "GGG", 'A', 1, 1, by15);
  expect_site(&out[2], '+', 16, 36, 5, "TACAATGACCATTGATCATG", "GGG", 'A', 1, 2, by16);
  expect_site(&out[3], '-', 25, 5, 6, "GGTCATTGTAATCTGTAATC", "TGG", 'T', 0, 1, bym);
}

Test(editing_sites, cbe_substrate_and_bystanders) {
  editing_site out[8];
  editing_params p = params(NULL, 0, 0, 0, EDITING_CBE);
  sites(SEQ3, 20, &p, out, 4);
  const int by14[] = {5}, by15[] = {4}, bym[] = {4};
  expect_site(&out[0], '+', 14, 34, 7, "ATTACAATGACCATTGATCA", "TGG", 'A', 0, 1, by14);
  expect_site(&out[1], '+', 15, 35, 6, "TTACAATGACCATTGATCAT", "GGG", 'A', 0, 1, by15);
  expect_site(&out[2], '+', 16, 36, 5, "TACAATGACCATTGATCATG", "GGG", 'A', 0, 0, NULL);
  expect_site(&out[3], '-', 25, 5, 6, "GGTCATTGTAATCTGTAATC", "TGG", 'T', 0, 1, bym);
  sites(SEQ1, 4, &p, out, 1);
  cr_assert_eq(out[0].editable, 1);
  cr_assert_eq(out[0].bystanders, 0);
}

Test(editing_sites, cap_smaller_than_count) {
  editing_site out[3];
  char msg[HGVS_MSG_SIZE];
  memset(out, 0x5A, sizeof out);
  cr_assert_eq(editing_sites(SEQ3, 40, 20, NULL, out, 2, msg), 4);
  cr_assert_eq(out[0].start, 14);
  cr_assert_eq(out[1].start, 15);
  cr_assert_eq(out[2].strand, 0x5A, "nothing written past cap");
  cr_assert_eq(editing_sites(SEQ3, 40, 20, NULL, NULL, 0, msg), 4);
  cr_assert_eq(editing_sites(SEQ3, 40, 20, NULL, NULL, 5, msg), 4, "NULL out: count");
}

Test(editing_sites, pam_ng) {
  editing_site out[8];
  editing_params p = params("NG", 0, 0, 0, EDITING_ABE);
  sites(SEQ1, 6, &p, out, 2);
  const int by1[] = {5, 8}, by2[] = {4, 7, 8};
  expect_site(&out[0], '+', 1, 21, 6, "CTACAAGAATTTTTTTTTTT", "AG", 'A', 1, 2, by1);
  expect_site(&out[1], '+', 2, 22, 5, "TACAAGAATTTTTTTTTTTA", "GG", 'A', 1, 3, by2);
}

Test(editing_sites, pam_nrn) {
  editing_site out[8];
  editing_params nrn = params("NRN", 0, 0, 0, EDITING_ABE);
  editing_params nyn = params("nyn", 0, 0, 0, EDITING_ABE);
  sites(SEQ1, 6, &nrn, out, 1); /* AGG: G is R */
  cr_assert_str_eq(out[0].pam, "AGG");
  sites("CTACAAGAATTTTTTTTTTTACG", 6, &nrn, out, 0); /* C is not R */
  sites("CTACAAGAATTTTTTTTTTTACG", 6, &nyn, out, 1);
  cr_assert_str_eq(out[0].pam, "ACG");
}

Test(editing_sites, pam_nngrrt_lower_case_and_custom_length) {
  editing_site out[8];
  editing_params p = params("nngrrt", 21, 3, 12, EDITING_ABE); /* SaCas9-like */
  sites("taattttttataatttttttt"
        "cagagt",
        10, &p, out, 1);
  const int by[] = {3, 12};
  expect_site(&out[0], '+', 1, 22, 10, "TAATTTTTTATAATTTTTTTT", "CAGAGT", 'A', 1, 2, by);
  sites("taattttttataatttttttt"
        "cagact",
        10, &p, out, 0); /* C is not R */
  sites("taattttttataatttttttt"
        "cagaga",
        10, &p, out, 0); /* A is not T */
}

Test(editing_sites, every_iupac_code) {
  /* Protospacer of one base (window 1..1), PAM of one code: the '+' site
  ** exists when the base after the target matches; '-' never (the base
  ** before the target is off the sequence). */
  static const struct {
    char code;
    const char *bases;
  } iupac[] = {{'A', "A"},   {'C', "C"},   {'G', "G"},   {'T', "T"},   {'R', "AG"},
               {'Y', "CT"},  {'S', "CG"},  {'W', "AT"},  {'K', "GT"},  {'M', "AC"},
               {'B', "CGT"}, {'D', "AGT"}, {'H', "ACT"}, {'V', "ACG"}, {'N', "ACGT"}};
  for (size_t i = 0; i < sizeof iupac / sizeof iupac[0]; i++) {
    for (const char *b = "ACGT"; *b; b++) {
      char pam[2] = {iupac[i].code, '\0'}, seq[3] = {'A', *b, '\0'};
      editing_params p = params(pam, 1, 1, 1, EDITING_ABE);
      editing_site out[8];
      char msg[HGVS_MSG_SIZE];
      long want = strchr(iupac[i].bases, *b) != NULL;
      cr_assert_eq(editing_sites(seq, 2, 1, &p, out, 8, msg), want, "%c vs %c: %s",
                   iupac[i].code, *b, msg);
    }
  }
}

Test(editing_sites, n_in_the_sequence) {
  editing_site out[8];
  sites(SEQ1 "N", 6, NULL, out, 1);                  /* N outside the site */
  sites("CTACAAGAATTTTNTTTTTTAGG", 6, NULL, out, 0); /* in the protospacer */
  sites("CTACAAGAATTTTTTTTTTTANG", 6, NULL, out, 0); /* in the PAM */
  sites("CTACANGAATTTTTTTTTTTAGG", 6, NULL, out, 0); /* the target itself */
  editing_params ng = params("NN", 0, 0, 0, EDITING_ABE);
  sites("ctacaagaatttttttttttnn", 6, &ng, out, 0); /* N never matches, even N */
}

Test(editing_sites, longest_protospacer_and_many_bystanders) {
  char seq[64], ps[61];
  memset(seq, 'A', 60);
  memcpy(seq + 60, "AGG", 4);
  memcpy(ps, seq, 60);
  ps[60] = '\0';
  editing_site out[8];
  editing_params p = params(NULL, 60, 1, 60, EDITING_ABE);
  sites(seq, 30, &p, out, 1);
  cr_assert_eq(strlen(out[0].protospacer), 60);
  cr_assert_eq(out[0].bystanders, 59, "all counted");
  int by[32];
  for (int i = 0; i < 32; i++)
    by[i] = i < 29 ? i + 1 : i + 2; /* 1..29, 31..33: the first 32 stored */
  expect_site(&out[0], '+', 1, 61, 30, ps, "AGG", 'A', 1, 59, by);
}

Test(editing_sites, defaults_from_zero_fields) {
  editing_site a[8], b[8];
  editing_params zero;
  memset(&zero, 0, sizeof zero);
  sites(SEQ3, 20, NULL, a, 4);
  sites(SEQ3, 20, &zero, b, 4);
  cr_assert_eq(memcmp(a, b, 4 * sizeof a[0]), 0);
  editing_params ngg = params("NGG", 20, 4, 8, EDITING_ABE);
  sites(SEQ3, 20, &ngg, b, 4);
  cr_assert_eq(memcmp(a, b, 4 * sizeof a[0]), 0);
}

/* ------------------------------------------------------- validation */

Test(editing_sites, sequence_and_position_errors) {
  expect_error("", 0, 1, NULL, "editing: the sequence is empty");
  expect_error(NULL, 0, 1, NULL, "editing: the sequence is empty");
  expect_error(SEQ1, 23, 0, NULL,
               "editing: position 0 is outside the sequence (1 to 23)");
  expect_error(SEQ1, 23, 24, NULL,
               "editing: position 24 is outside the sequence (1 to 23)");
  expect_error(SEQ1, 23, -5, NULL,
               "editing: position -5 is outside the sequence (1 to 23)");
  expect_error("CTU", 3, 1, NULL,
               "editing: the sequence has 'U' at position 3, not A, C, G, T or N");
  expect_error("CT-A", 4, 1, NULL,
               "editing: the sequence has '-' at position 3, not A, C, G, T or N");
  expect_error("CT\0A", 4, 1, NULL,
               "editing: the sequence has byte 0x00 at position 3, not A, C, G, T or N");
  expect_error("CR", 2, 1, NULL,
               "editing: the sequence has 'R' at position 2, not A, C, G, T or N");
}

Test(editing_sites, pam_errors) {
  editing_params p = params("", 0, 0, 0, EDITING_ABE);
  expect_error(SEQ1, 23, 6, &p, "editing: the PAM must be 1 to 15 bases long, got 0");
  p.pam = "NNNNNNNNNNNNNNNN";
  expect_error(SEQ1, 23, 6, &p, "editing: the PAM must be 1 to 15 bases long, got 16");
  p.pam = "NGX";
  expect_error(SEQ1, 23, 6, &p,
               "editing: PAM 'NGX': character 3 is not an IUPAC nucleotide code "
               "(A C G T R Y S W K M B D H V N)");
  p.pam = "NGU";
  expect_error(SEQ1, 23, 6, &p,
               "editing: PAM 'NGU': character 3 is not an IUPAC nucleotide code "
               "(A C G T R Y S W K M B D H V N)");
  p.pam = "N-G";
  expect_error(SEQ1, 23, 6, &p,
               "editing: PAM 'N-G': character 2 is not an IUPAC nucleotide code "
               "(A C G T R Y S W K M B D H V N)");
  p.pam = "NNNNNNNNNNNNNNN"; /* 15: accepted, no room for it here */
  char msg[HGVS_MSG_SIZE];
  cr_assert_eq(editing_sites(SEQ1, 23, 6, &p, NULL, 0, msg), 0, "%s", msg);
}

Test(editing_sites, length_and_window_errors) {
  editing_params p = params(NULL, 61, 0, 0, EDITING_ABE);
  expect_error(SEQ1, 23, 6, &p,
               "editing: the protospacer length must be 1 to 60, got 61");
  p.protospacer_len = -1;
  expect_error(SEQ1, 23, 6, &p,
               "editing: the protospacer length must be 1 to 60, got -1");
  p = params(NULL, 0, 9, 8, EDITING_ABE);
  expect_error(SEQ1, 23, 6, &p,
               "editing: the editing window 9..8 must lie within the protospacer "
               "(1 <= lo <= hi <= 20)");
  p = params(NULL, 0, 10, 0, EDITING_ABE); /* hi defaults to 8 */
  expect_error(SEQ1, 23, 6, &p,
               "editing: the editing window 10..8 must lie within the protospacer "
               "(1 <= lo <= hi <= 20)");
  p = params(NULL, 0, -1, 8, EDITING_ABE);
  expect_error(SEQ1, 23, 6, &p,
               "editing: the editing window -1..8 must lie within the protospacer "
               "(1 <= lo <= hi <= 20)");
  p = params(NULL, 0, 4, 21, EDITING_ABE);
  expect_error(SEQ1, 23, 6, &p,
               "editing: the editing window 4..21 must lie within the protospacer "
               "(1 <= lo <= hi <= 20)");
  p = params(NULL, 6, 4, 8, EDITING_ABE);
  expect_error(SEQ1, 23, 6, &p,
               "editing: the editing window 4..8 must lie within the protospacer "
               "(1 <= lo <= hi <= 6)");
  p = params(NULL, 0, 0, 0, (editing_editor)2);
  expect_error(SEQ1, 23, 6, &p, "editing: unknown editor 2 (expected ABE or CBE)");
}

Test(editing_sites, null_msg_is_allowed) {
  cr_assert_eq(editing_sites("", 0, 1, NULL, NULL, 0, NULL), -1);
  cr_assert_eq(editing_sites(SEQ1, 23, 6, NULL, NULL, 0, NULL), 1);
}
