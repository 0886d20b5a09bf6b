/* test_hgvs_csq.c: Criterion tests of hgvs_consequence, one per rule of
** docs/hgvs.md § Consequence rules, and of the name functions. */
#include <criterion/criterion.h>

#include "test_hgvs_helpers.h"

/* Each description and the consequence its rule gives. */
typedef struct csq_case {
  const char *s;
  const char *csq;
} csq_case;

static void expect_all(const csq_case *cases, size_t n) {
  for (size_t i = 0; i < n; i++)
    cr_assert_str_eq(csq_of(cases[i].s), cases[i].csq, "%s", cases[i].s);
}

#define EXPECT_ALL(cases) expect_all(cases, sizeof cases / sizeof cases[0])

/* ------------------------------------------------------------ c. / r. */

Test(hgvs_csq, identity_and_unknown_first) {
  static const csq_case cases[] = {{"c.123=", "no_change"},
                                   {"c.=", "no_change"},
                                   {"g.19_29=", "no_change"},
                                   {"c.?", "unknown"},
                                   {"c.88+1=", "no_change"}};
  EXPECT_ALL(cases);
}

Test(hgvs_csq, splice_site_within_two_bases) {
  static const csq_case cases[] = {
      {"c.1066-2A>G", "splice_site"}, {"c.1005+1G>A", "splice_site"},
      {"c.1005+2del", "splice_site"}, {"c.1066-1_1066+5del", "splice_site"},
      {"r.89-2a>c", "splice_site"},   {"n.1068+1T>C", "splice_site"},
      {"c.-7+2T>C", "splice_site"}};
  EXPECT_ALL(cases);
}

Test(hgvs_csq, splice_site_when_a_range_crosses_an_exon_intron_boundary) {
  static const csq_case cases[] = {{"c.183_186+48del", "splice_site"},
                                   {"c.260_264+48dup", "splice_site"},
                                   {"c.100-30_105del", "splice_site"}};
  EXPECT_ALL(cases);
}

Test(hgvs_csq, splice_site_when_the_ends_lie_in_different_introns) {
  static const csq_case cases[] = {
      {"c.4072-1234_5155-246del", "splice_site"}, /* whole exons removed */
      {"c.88+10_200-10del", "splice_site"},
      {"c.(4071+1_4072-1)_(5154+1_5155-1)del", "splice_site"}};
  EXPECT_ALL(cases);
}

Test(hgvs_csq, intronic_beyond_two_bases_within_one_intron) {
  static const csq_case cases[] = {
      {"c.1066-11G>A", "intronic"},
      {"c.88+3A>G", "intronic"},
      {"c.88+10_89-10del", "intronic"}, /* c.88 and c.89 flank one intron */
      {"c.1210-33_1210-6GT[11]T[6]", "intronic"},
      {"c.-1+5_1-5del", "intronic"}, /* c.-1 precedes c.1: one intron */
      {"c.88+?_89-?del", "intronic"},
      {"c.88+?A>G", "intronic"},
      {"n.1069-424_1069-423insT", "intronic"},
      {"c.-7+30A>G", "intronic"}};
  EXPECT_ALL(cases);
}

Test(hgvs_csq, utr_when_entirely_in_a_utr) {
  static const csq_case cases[] = {{"c.-15C>T", "utr5"},
                                   {"c.-20_-10del", "utr5"},
                                   {"c.*12del", "utr3"},
                                   {"c.*1_*5dup", "utr3"},
                                   {"c.-1_1insA", "start_loss"}};
  EXPECT_ALL(cases);
}

Test(hgvs_csq, start_loss_when_touching_c1_to_c3) {
  static const csq_case cases[] = {
      {"c.1A>G", "start_loss"},       {"c.3G>A", "start_loss"},
      {"c.2del", "start_loss"},       {"c.-11_19del", "start_loss"},
      {"c.-1_1insGCC", "start_loss"}, {"c.3_4insA", "start_loss"},
      {"c.-20_*20del", "start_loss"}, {"c.4A>G", "coding"}};
  EXPECT_ALL(cases);
}

Test(hgvs_csq, stop_loss_when_a_deletion_reaches_the_3_utr) {
  static const csq_case cases[] = {{"c.13552_*36del57", "stop_loss"},
                                   {"c.100_*2delinsA", "stop_loss"},
                                   {"c.100_*2dup", "coding"}};
  EXPECT_ALL(cases);
}

Test(hgvs_csq, frameshift_when_the_length_change_is_not_a_multiple_of_3) {
  static const csq_case cases[] = {{"c.76del", "frameshift"},
                                   {"c.76_77insT", "frameshift"},
                                   {"c.77_78dup", "frameshift"},
                                   {"c.76_79delinsTT", "frameshift"},
                                   {"c.100_101ins(5)", "frameshift"}};
  EXPECT_ALL(cases);
}

Test(hgvs_csq, inframe_when_the_length_change_is_a_multiple_of_3) {
  static const csq_case cases[] = {
      {"c.76_78del", "inframe_deletion"},     {"c.76_78delACT", "inframe_deletion"},
      {"c.76_77insTTT", "inframe_insertion"}, {"c.77_79dup", "inframe_insertion"},
      {"c.76_78delinsGGG", "inframe_delins"}, {"c.76_77delinsTTTAA", "inframe_delins"}};
  EXPECT_ALL(cases);
}

Test(hgvs_csq, coding_when_the_effect_needs_the_sequence) {
  static const csq_case cases[] = {{"c.1003C>T", "coding"},
                                   {"c.100_101ins(80_120)", "coding"},
                                   {"c.203_506inv", "coding"},
                                   {"c.6955CAG[26]", "coding"},
                                   {"c.2557_2694copy2", "coding"},
                                   {"c.812_829con908_925", "coding"},
                                   {"c.(100_110)_(200_210)del", "coding"},
                                   {"r.76a>u", "coding"}};
  EXPECT_ALL(cases);
}

Test(hgvs_csq, noncoding_and_genomic) {
  static const csq_case cases[] = {{"n.44G>A", "noncoding"}, {"n.*1121C>A", "noncoding"},
                                   {"n.-5del", "noncoding"}, {"g.33038255C>A", "unknown"},
                                   {"m.3243A>G", "unknown"}, {"o.12del", "unknown"}};
  EXPECT_ALL(cases);
}

/* ---------------------------------------------------------------- p. */

Test(hgvs_csq, protein_rules) {
  static const csq_case cases[] = {{"p.Gln335Ter", "nonsense"},
                                   {"p.Q335X", "nonsense"},
                                   {"p.Arg2852*", "nonsense"},
                                   {"p.Arg408=", "synonymous"},
                                   {"p.=", "synonymous"},
                                   {"p.(=)", "synonymous"},
                                   {"p.Met1Val", "start_loss"},
                                   {"p.Met1?", "start_loss"},
                                   {"p.Ter110Gln", "stop_loss"},
                                   {"p.Ter110GlnextTer17", "stop_loss"},
                                   {"p.*110Glnext*?", "stop_loss"},
                                   {"p.Met1ext-5", "n_terminal_extension"},
                                   {"p.Met1Valext-10", "n_terminal_extension"},
                                   {"p.Arg97Profs*23", "frameshift"},
                                   {"p.Arg97fs", "frameshift"},
                                   {"p.Lys23_Val25del", "inframe_deletion"},
                                   {"p.Met1_Lys5del", "start_loss"},
                                   {"p.Lys2_Gly3insGlnSerLys", "inframe_insertion"},
                                   {"p.Ala3dup", "inframe_insertion"},
                                   {"p.Cys28delinsTrpVal", "inframe_delins"},
                                   {"p.Cys28delinsTrpTer", "nonsense"},
                                   {"p.Lys2_Gly3insGlnTer", "nonsense"},
                                   {"p.0", "no_protein"},
                                   {"p.0?", "no_protein"},
                                   {"p.?", "unknown"},
                                   {"p.Arg408Trp", "missense"},
                                   {"p.(Arg408Trp)", "missense"},
                                   {"p.Leu2490_Ter2496del", "stop_loss"},
                                   {"p.Gln18[23]", "unknown"}};
  EXPECT_ALL(cases);
}

/* ------------------------------------------------------------- names */

Test(hgvs_csq, names) {
  cr_assert_str_eq(hgvs_consequence_name(HGVS_CSQ_SPLICE_SITE), "splice_site");
  cr_assert_str_eq(hgvs_consequence_name(HGVS_CSQ_N_EXTENSION), "n_terminal_extension");
  cr_assert_str_eq(hgvs_consequence_name(HGVS_CSQ_INFRAME_INS), "inframe_insertion");
  cr_assert_str_eq(hgvs_consequence_name((hgvs_csq)HGVS_NCSQ), "");
  cr_assert_str_eq(hgvs_type_name(HGVS_EXTENSION), "extension");
  cr_assert_str_eq(hgvs_type_name((hgvs_type)HGVS_NTYPES), "");
  cr_assert_str_eq(hgvs_region_name(HGVS_REGION_NONE), "");
  cr_assert_str_eq(hgvs_region_name(HGVS_REGION_UTR5), "utr5");
  cr_assert_str_eq(hgvs_region_name(HGVS_REGION_DOWNSTREAM), "downstream");
}

Test(hgvs_csq, genotype_members_get_their_own) {
  parse_ok("c.[1A>G];[76_78del]");
  cr_assert_eq(R.variants[0].consequence, HGVS_CSQ_START_LOSS);
  cr_assert_eq(R.variants[1].consequence, HGVS_CSQ_INFRAME_DEL);
  cr_assert_eq(hgvs_consequence(&R.variants[1], &R), HGVS_CSQ_INFRAME_DEL);
}
