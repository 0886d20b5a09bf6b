/* test_hgvs_codon.c: Criterion tests of the genetic code, the amino-acid
** codes (hgvs_aa.c) and hgvs_annotate (hgvs_codon.c), without the parser. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "hgvs/hgvs.h"
#include "test_hgvs_build.h"

/* ------------------------------------------------------------ helpers */

/* A fresh result holding one variant: a coding substitution c.pos ref>alt
** in the CDS, which a test then bends into what it needs. */
static hgvs_result *substitution(int64_t pos, const char *ref, const char *alt) {
  hgvs_result *r = calloc(1, sizeof *r);
  cr_assert_not_null(r);
  r->nvariants = 1;
  hgvs_variant *v = &r->variants[0];
  v->coord = HGVS_COORD_C;
  v->type = HGVS_SUBSTITUTION;
  v->start.lo.pos = pos;
  v->start.lo.region = HGVS_REGION_CDS;
  v->start.hi = v->start.lo;
  v->stop = v->start;
  v->ref = put(r, ref);
  v->alt = put(r, alt);
  v->ref_length = v->alt_length = 1;
  return r;
}

/* Number of codons of the synthetic CDS (c.1 to c.1020). */
#define KJ_CODONS 340

/* A synthetic coding sequence shaped like KJ's CPS1 case (illustrative, not
** the CPS1 sequence): ATG, then GCT (Ala) repeats, CAG (Gln) as codon 335 so
** c.1003C>T makes TAG, and TAA as the stop codon 340 (c.1018-c.1020). */
static void kj_cds(char cds[3 * KJ_CODONS + 1]) {
  for (int i = 0; i < KJ_CODONS; i++)
    memcpy(cds + 3 * i, "GCT", 3);
  memcpy(cds, "ATG", 3);
  memcpy(cds + 3 * 334, "CAG", 3);
  memcpy(cds + 3 * 339, "TAA", 3);
  cds[3 * KJ_CODONS] = '\0';
}

/* Annotate c.pos ref>alt against the KJ-like CDS; expect success. */
static hgvs_protein annotate_ok(int64_t pos, const char *ref, const char *alt) {
  char cds[3 * KJ_CODONS + 1], msg[HGVS_MSG_SIZE];
  kj_cds(cds);
  hgvs_result *r = substitution(pos, ref, alt);
  hgvs_protein p;
  int ok = hgvs_annotate(&r->variants[0], r, cds, strlen(cds), &p, msg);
  cr_assert_eq(ok, 1, "c.%lld%s>%s: %s", (long long)pos, ref, alt, msg);
  cr_assert_str_eq(msg, "");
  free(r);
  return p;
}

/* Annotate r's variant against seq; expect failure with exactly `want`. */
static void expect_annotate_error(hgvs_result *r, const char *seq, size_t len,
                                  const char *want) {
  hgvs_protein p;
  char msg[HGVS_MSG_SIZE];
  memset(&p, 0x5A, sizeof p);
  cr_assert_eq(hgvs_annotate(&r->variants[0], r, seq, len, &p, msg), 0);
  cr_assert_str_eq(msg, want);
  cr_assert_eq(p.consequence, HGVS_CSQ_UNKNOWN, "out is cleared on failure");
  cr_assert_str_eq(p.hgvs_p, "");
  free(r);
}

/* --------------------------------------------------- the genetic code */

/* NCBI translation table 1, as published at
** https://www.ncbi.nlm.nih.gov/Taxonomy/Utils/wprintgc.cgi#SG1 . The test
** reads the codons off these lines, independently of hgvs_aa.c's order. */
static const char ncbi_aas[] =
    "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";
static const char ncbi_base1[] =
    "TTTTTTTTTTTTTTTTCCCCCCCCCCCCCCCCAAAAAAAAAAAAAAAAGGGGGGGGGGGGGGGG";
static const char ncbi_base2[] =
    "TTTTCCCCAAAAGGGGTTTTCCCCAAAAGGGGTTTTCCCCAAAAGGGGTTTTCCCCAAAAGGGG";
static const char ncbi_base3[] =
    "TCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAG";

Test(hgvs_code, all_64_codons_match_ncbi_table_1) {
  cr_assert_eq(strlen(ncbi_aas), 64);
  for (int i = 0; i < 64; i++) {
    char codon[3] = {ncbi_base1[i], ncbi_base2[i], ncbi_base3[i]};
    cr_assert_eq(hgvs_translate_codon(codon), ncbi_aas[i], "%.3s", codon);
  }
}

Test(hgvs_code, rna_and_lower_case) {
  for (int i = 0; i < 64; i++) {
    char rna[3], lower[3];
    for (int k = 0; k < 3; k++) {
      char b = (k == 0 ? ncbi_base1 : k == 1 ? ncbi_base2 : ncbi_base3)[i];
      rna[k] = b == 'T' ? 'U' : b;
      lower[k] = (char)(b == 'T' ? 'u' : b - 'A' + 'a');
    }
    cr_assert_eq(hgvs_translate_codon(rna), ncbi_aas[i], "%.3s", rna);
    cr_assert_eq(hgvs_translate_codon(lower), ncbi_aas[i], "%.3s", lower);
  }
  cr_assert_eq(hgvs_translate_codon("aTg"), 'M');
  cr_assert_eq(hgvs_translate_codon("uAg"), '*');
  cr_assert_eq(hgvs_translate_codon("tGa"), '*');
}

Test(hgvs_code, bad_bases_give_zero) {
  const char *bad[] = {"NGG", "ANG", "ATN", "AT-", "XYZ", "A G", "RTG", "atx"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    cr_assert_eq(hgvs_translate_codon(bad[i]), 0, "%s", bad[i]);
  char with_nul[3] = {'A', '\0', 'G'};
  cr_assert_eq(hgvs_translate_codon(with_nul), 0);
}

Test(hgvs_code, every_codon_has_a_three_letter_code) {
  for (int i = 0; i < 64; i++) {
    char codon[3] = {ncbi_base1[i], ncbi_base2[i], ncbi_base3[i]};
    cr_assert_not_null(hgvs_aa3(hgvs_translate_codon(codon)), "%.3s", codon);
  }
}

/* ------------------------------------------------ amino-acid codes */

/* The IUPAC-IUB one- and three-letter codes (IUPAC-IUB JCBN, 1983). */
static const struct {
  char one;
  const char *three;
} iupac_aa[] = {
    {'A', "Ala"}, {'R', "Arg"}, {'N', "Asn"}, {'D', "Asp"}, {'C', "Cys"}, {'Q', "Gln"},
    {'E', "Glu"}, {'G', "Gly"}, {'H', "His"}, {'I', "Ile"}, {'L', "Leu"}, {'K', "Lys"},
    {'M', "Met"}, {'F', "Phe"}, {'P', "Pro"}, {'S', "Ser"}, {'T', "Thr"}, {'W', "Trp"},
    {'Y', "Tyr"}, {'V', "Val"}, {'B', "Asx"}, {'Z', "Glx"}, {'U', "Sec"}, {'*', "Ter"},
};

Test(hgvs_aa, round_trips) {
  for (size_t i = 0; i < sizeof iupac_aa / sizeof iupac_aa[0]; i++) {
    const char *three = hgvs_aa3(iupac_aa[i].one);
    cr_assert_not_null(three, "%c", iupac_aa[i].one);
    cr_assert_str_eq(three, iupac_aa[i].three);
    cr_assert_eq(hgvs_aa1(iupac_aa[i].three), iupac_aa[i].one, "%s", iupac_aa[i].three);
    cr_assert_eq(hgvs_aa1(hgvs_aa3(iupac_aa[i].one)), iupac_aa[i].one);
  }
}

Test(hgvs_aa, x_is_a_stop_in_this_project) {
  cr_assert_str_eq(hgvs_aa3('X'), "Ter"); /* Q335X */
  cr_assert_str_eq(hgvs_aa3('*'), "Ter");
  cr_assert_eq(hgvs_aa1("Ter"), '*');
  cr_assert_eq(hgvs_aa1("Xaa"), 0, "unknown residue: no code that reads back as Ter");
}

Test(hgvs_aa, everything_else_is_rejected) {
  const char bad1[] = {'a', 'q', 'x', 'J', 'O', '?', '-', ' ', '\0', '1'};
  for (size_t i = 0; i < sizeof bad1; i++)
    cr_assert_null(hgvs_aa3(bad1[i]), "%d", bad1[i]);
  const char *bad3[] = {"ARG", "arg", "aRg", "Ar", "Argg", "", "Stop", "Xaa", "Pyl", "*"};
  for (size_t i = 0; i < sizeof bad3 / sizeof bad3[0]; i++)
    cr_assert_eq(hgvs_aa1(bad3[i]), 0, "%s", bad3[i]);
  cr_assert_eq(hgvs_aa1(NULL), 0);
}

/* ------------------------------------------------------- annotate */

Test(hgvs_annotate, nonsense_kj_q335x) {
  hgvs_protein p = annotate_ok(1003, "C", "T");
  cr_assert_eq(p.consequence, HGVS_CSQ_NONSENSE);
  cr_assert_eq(p.codon, 335);
  cr_assert_str_eq(p.ref_codon, "CAG");
  cr_assert_str_eq(p.alt_codon, "TAG");
  cr_assert_str_eq(p.ref_aa, "Gln");
  cr_assert_str_eq(p.alt_aa, "Ter");
  cr_assert_str_eq(p.hgvs_p, "p.(Gln335Ter)");
}

Test(hgvs_annotate, synonymous) {
  hgvs_protein p = annotate_ok(1005, "G", "A"); /* CAG -> CAA, both Gln */
  cr_assert_eq(p.consequence, HGVS_CSQ_SYNONYMOUS);
  cr_assert_str_eq(p.alt_codon, "CAA");
  cr_assert_str_eq(p.alt_aa, "Gln");
  cr_assert_str_eq(p.hgvs_p, "p.(Gln335=)");
  p = annotate_ok(1019, "A", "G"); /* TAA -> TGA: still a stop */
  cr_assert_eq(p.consequence, HGVS_CSQ_SYNONYMOUS);
  cr_assert_str_eq(p.hgvs_p, "p.(Ter340=)");
}

Test(hgvs_annotate, missense) {
  hgvs_protein p = annotate_ok(1004, "A", "G"); /* CAG -> CGG */
  cr_assert_eq(p.consequence, HGVS_CSQ_MISSENSE);
  cr_assert_eq(p.codon, 335);
  cr_assert_str_eq(p.alt_codon, "CGG");
  cr_assert_str_eq(p.ref_aa, "Gln");
  cr_assert_str_eq(p.alt_aa, "Arg");
  cr_assert_str_eq(p.hgvs_p, "p.(Gln335Arg)");
  p = annotate_ok(4, "G", "A"); /* codon 2: GCT -> ACT */
  cr_assert_eq(p.codon, 2);
  cr_assert_str_eq(p.hgvs_p, "p.(Ala2Thr)");
}

Test(hgvs_annotate, stop_loss) {
  hgvs_protein p = annotate_ok(1018, "T", "C"); /* TAA -> CAA */
  cr_assert_eq(p.consequence, HGVS_CSQ_STOP_LOSS);
  cr_assert_eq(p.codon, 340);
  cr_assert_str_eq(p.ref_aa, "Ter");
  cr_assert_str_eq(p.alt_aa, "Gln");
  cr_assert_str_eq(p.hgvs_p, "p.(Ter340GlnextTer?)");
}

Test(hgvs_annotate, start_loss) {
  hgvs_protein p = annotate_ok(1, "A", "G"); /* ATG -> GTG */
  cr_assert_eq(p.consequence, HGVS_CSQ_START_LOSS);
  cr_assert_eq(p.codon, 1);
  cr_assert_str_eq(p.ref_codon, "ATG");
  cr_assert_str_eq(p.alt_codon, "GTG");
  cr_assert_str_eq(p.ref_aa, "Met");
  cr_assert_str_eq(p.alt_aa, "Val");
  cr_assert_str_eq(p.hgvs_p, "p.(Met1?)");
  p = annotate_ok(3, "G", "A"); /* ATG -> ATA (Ile) */
  cr_assert_eq(p.consequence, HGVS_CSQ_START_LOSS);
  cr_assert_str_eq(p.alt_aa, "Ile");
  p = annotate_ok(2, "T", "A"); /* ATG -> AAG (Lys) */
  cr_assert_eq(p.consequence, HGVS_CSQ_START_LOSS);
}

Test(hgvs_annotate, lower_case_sequence_gives_upper_case_codons) {
  char cds[] = "atgcagtaa", msg[HGVS_MSG_SIZE];
  hgvs_result *r = substitution(4, "C", "T");
  hgvs_protein p;
  cr_assert_eq(hgvs_annotate(&r->variants[0], r, cds, 9, &p, msg), 1, "%s", msg);
  cr_assert_str_eq(p.ref_codon, "CAG");
  cr_assert_str_eq(p.alt_codon, "TAG");
  cr_assert_str_eq(p.hgvs_p, "p.(Gln2Ter)");
  free(r);
}

Test(hgvs_annotate, reference_mismatch_message) {
  char cds[3 * KJ_CODONS + 1];
  kj_cds(cds);
  cds[1002] = 'g'; /* c.1003 is now G (codon GAG); the case is not the point */
  expect_annotate_error(substitution(1003, "C", "T"), cds, strlen(cds),
                        "hgvs: reference base mismatch at c.1003: the description says "
                        "C, the sequence has G");
}

Test(hgvs_annotate, position_outside_the_cds) {
  char cds[3 * KJ_CODONS + 1];
  kj_cds(cds);
  expect_annotate_error(substitution(1021, "C", "T"), cds, strlen(cds),
                        "hgvs: c.1021 is outside the coding sequence (c.1 to c.1020)");
  expect_annotate_error(substitution(0, "C", "T"), cds, strlen(cds),
                        "hgvs: c.0 is outside the coding sequence (c.1 to c.1020)");
}

Test(hgvs_annotate, incomplete_last_codon_and_empty) {
  expect_annotate_error(substitution(1, "A", "G"), "ATGCA", 5,
                        "hgvs: the coding sequence has 5 bases, not a whole number of "
                        "codons (the last codon is incomplete)");
  expect_annotate_error(substitution(1, "A", "G"), "", 0,
                        "hgvs: the coding sequence is empty");
  expect_annotate_error(substitution(1, "A", "G"), NULL, 0,
                        "hgvs: the coding sequence is empty");
}

Test(hgvs_annotate, bad_bases) {
  expect_annotate_error(substitution(4, "C", "T"), "ATGCNGTAA", 9,
                        "hgvs: the coding sequence has 'N' at c.5, not A, C, G or T");
  expect_annotate_error(
      substitution(4, "C", "T"), "ATGC\tGTAA", 9,
      "hgvs: the coding sequence has byte 0x09 at c.5, not A, C, G or T");
  expect_annotate_error(substitution(4, "C", "N"), "ATGCAGTAA", 9,
                        "hgvs: c.4C>N: the bases must be A, C, G or T");
}

/* Every kind hgvs_annotate refuses, with the reason it gives. */
#define ONLY                                                                             \
  "hgvs: only coding substitutions c.N X>Y with N inside the CDS and no "                \
  "intron offset can be annotated; "

Test(hgvs_annotate, what_cannot_be_annotated) {
  const char *cds = "ATGCAGTAA";
  hgvs_result *r = substitution(4, "C", "T");
  r->variants[0].type = HGVS_DELETION;
  expect_annotate_error(r, cds, 9, ONLY "this change is not a substitution");

  r = substitution(4, "C", "T");
  r->variants[0].coord = HGVS_COORD_G;
  r->variants[0].start.lo.region = HGVS_REGION_NONE;
  expect_annotate_error(r, cds, 9, ONLY "this description is not c.");

  r = substitution(4, "C", "T");
  r->variants[0].coord = HGVS_COORD_P;
  expect_annotate_error(r, cds, 9, ONLY "this description is not c.");

  r = substitution(4, "C", "T");
  r->variants[0].is_range = 1;
  expect_annotate_error(r, cds, 9, ONLY "this change spans more than one position");

  r = substitution(4, "C", "T");
  r->variants[0].start.lo.offset = -2; /* c.4-2C>T */
  expect_annotate_error(r, cds, 9, ONLY "this position is intronic");

  r = substitution(4, "C", "T");
  r->variants[0].start.lo.offset_unknown = 1;
  r->variants[0].start.lo.offset = 1; /* c.4+? */
  expect_annotate_error(r, cds, 9, ONLY "this position is intronic");

  r = substitution(-15, "C", "T");
  r->variants[0].start.lo.region = HGVS_REGION_UTR5;
  expect_annotate_error(r, cds, 9, ONLY "this position is in the 5' UTR");

  r = substitution(12, "C", "T");
  r->variants[0].start.lo.region = HGVS_REGION_UTR3;
  expect_annotate_error(r, cds, 9, ONLY "this position is in the 3' UTR");

  r = substitution(0, "C", "T");
  r->variants[0].start.lo.pos_unknown = 1;
  expect_annotate_error(r, cds, 9, ONLY "this position is unknown");

  r = substitution(4, "CA", "TT");
  expect_annotate_error(r, cds, 9, ONLY "this change is not one base for one base");
}

Test(hgvs_annotate, null_msg_is_allowed) {
  hgvs_result *r = substitution(4, "G", "T");
  hgvs_protein p;
  cr_assert_eq(hgvs_annotate(&r->variants[0], r, "ATGCAGTAA", 9, &p, NULL), 0);
  free(r);
}
