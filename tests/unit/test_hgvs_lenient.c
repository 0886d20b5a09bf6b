/* test_hgvs_lenient.c: Criterion tests of the author-mistake corrections
** (docs/hgvs.md § Author mistakes): each one rejected with a hint in
** strict mode and accepted, with its correction text, in lenient mode. */
#include <criterion/criterion.h>

#include "test_hgvs_helpers.h"

/* Strict: the exact error (hint included). Lenient: the normal form and
** the exact correction. */
static void expect_corrected(const char *s, const char *error, const char *normal,
                             const char *correction) {
  expect_error(s, error);
  parse_as(s, 1);
  cr_assert_str_eq(str(R.hgvs), normal, "%s", s);
  cr_assert_str_eq(R.correction, correction, "%s", s);
  cr_assert_str_eq(str(R.raw), s);
}

Test(hgvs_lenient, legacy_dna) {
  expect_corrected(
      "C1003T",
      "hgvs: 'C1003T' at 0: expected 'c.', 'g.', 'm.', 'n.', 'o.', 'p.' or 'r.' "
      "(did you mean 'c.1003C>T'?)",
      "c.1003C>T", "legacy notation C1003T written as c.1003C>T");
  /* both letters A/C/G/T: DNA, although A123G could also be Ala123Gly */
  parse_as("A123G", 1);
  cr_assert_str_eq(str(R.hgvs), "c.123A>G");
  parse_as("NM_001875.5:C1003T", 1);
  cr_assert_str_eq(str(R.hgvs), "NM_001875.5:c.1003C>T");
}

Test(hgvs_lenient, protein_without_p) {
  expect_corrected(
      "Q335X",
      "hgvs: 'Q335X' at 0: expected 'c.', 'g.', 'm.', 'n.', 'o.', 'p.' or 'r.' "
      "(did you mean 'p.Gln335Ter'?)",
      "p.Gln335Ter", "protein without 'p.' Q335X written as p.Gln335Ter");
  expect_corrected(
      "R408W",
      "hgvs: 'R408W' at 0: expected 'c.', 'g.', 'm.', 'n.', 'o.', 'p.' or 'r.' "
      "(did you mean 'p.Arg408Trp'?)",
      "p.Arg408Trp", "protein without 'p.' R408W written as p.Arg408Trp");
  expect_corrected(
      "Arg408Trp",
      "hgvs: 'Arg408Trp' at 0: expected 'c.', 'g.', 'm.', 'n.', 'o.', 'p.' or "
      "'r.' (did you mean 'p.Arg408Trp'?)",
      "p.Arg408Trp", "protein without 'p.' Arg408Trp written as p.Arg408Trp");
  parse_as("(Arg97Profs*23)", 1);
  cr_assert_str_eq(str(R.hgvs), "p.(Arg97ProfsTer23)");
}

Test(hgvs_lenient, whitespace) {
  expect_corrected(
      "c.1003 C>T",
      "hgvs: 'c.1003 C>T' at 6: expected a nucleotide or an edit (did you mean "
      "'c.1003C>T'?)",
      "c.1003C>T", "whitespace 'c.1003 C>T' written as c.1003C>T");
  expect_corrected(
      " c.1003C>T ",
      "hgvs: ' c.1003C>T ' at 0: expected 'c.', 'g.', 'm.', 'n.', 'o.', 'p.' or "
      "'r.' (did you mean 'c.1003C>T'?)",
      "c.1003C>T", "whitespace ' c.1003C>T ' written as c.1003C>T");
  parse_as(" NC_000023.10 : g . 33038255 C > A ", 1);
  cr_assert_str_eq(str(R.hgvs), "NC_000023.10:g.33038255C>A");
  parse_as("c.1003\tC>T\n", 1);
  cr_assert_str_eq(R.correction, "whitespace 'c.1003\\x09C>T\\x0A' written as c.1003C>T");
}

Test(hgvs_lenient, lower_case_bases) {
  expect_corrected(
      "c.1003c>t",
      "hgvs: 'c.1003c>t' at 6: expected a nucleotide or an edit (did you mean "
      "'c.1003C>T'?)",
      "c.1003C>T", "lower-case bases c.1003c>t written as c.1003C>T");
  parse_as("g.76_78delact", 1);
  cr_assert_str_eq(str(R.hgvs), "g.76_78del");
  cr_assert_str_eq(str(R.variants[0].ref), "ACT");
  /* r. is written lower case: nothing to correct */
  parse_ok("r.76a>c");
  cr_assert_str_eq(R.correction, "");
}

Test(hgvs_lenient, missing_c_dot) {
  expect_corrected(
      "1003C>T",
      "hgvs: '1003C>T' at 0: expected 'c.', 'g.', 'm.', 'n.', 'o.', 'p.' or 'r.' "
      "(did you mean 'c.1003C>T'?)",
      "c.1003C>T", "missing 'c.' 1003C>T written as c.1003C>T");
  expect_corrected(
      "1066-11G>A",
      "hgvs: '1066-11G>A' at 0: expected 'c.', 'g.', 'm.', 'n.', 'o.', 'p.' or "
      "'r.' (did you mean 'c.1066-11G>A'?)",
      "c.1066-11G>A", "missing 'c.' 1066-11G>A written as c.1066-11G>A");
  parse_as("*12del", 1);
  cr_assert_str_eq(str(R.hgvs), "c.*12del");
}

Test(hgvs_lenient, missing_coordinate_letter_from_the_accession) {
  expect_corrected(
      "NM_000277.3:1222C>T",
      "hgvs: 'NM_000277.3:1222C>T' at 12: expected 'c.', 'g.', 'm.', 'n.', 'o.', "
      "'p.' or 'r.' (did you mean 'NM_000277.3:c.1222C>T'?)",
      "NM_000277.3:c.1222C>T",
      "missing coordinate letter NM_000277.3:1222C>T written as "
      "NM_000277.3:c.1222C>T");
  static const char *const cases[][2] = {
      {"NC_000023.10:33038255C>A", "NC_000023.10:g.33038255C>A"},
      {"NG_012232.1:19del", "NG_012232.1:g.19del"},
      {"NG_012232.1(NM_004006.1):93+1G>T", "NG_012232.1(NM_004006.1):c.93+1G>T"},
      {"NR_111984.1:44G>A", "NR_111984.1:n.44G>A"},
      {"NP_000062.1:Arg408Trp", "NP_000062.1:p.Arg408Trp"},
      {"ENST00000366560.3:100del", "ENST00000366560.3:c.100del"},
      {"LRG_199t1:79_80delinsTT", "LRG_199t1:c.79_80delinsTT"},
      {"LRG_199:19del", "LRG_199:g.19del"},
      {"NC_012920.1:3243A>G", "NC_012920.1:m.3243A>G"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    parse_as(cases[i][0], 1);
    cr_assert_str_eq(str(R.hgvs), cases[i][1]);
  }
  hgvs_options opt = {.lenient = 1};
  cr_assert(!hgvs_parse("XY_1:12A>G", 10, &opt, &R)); /* unknown prefix: no guess */
}

Test(hgvs_lenient, corrections_combine) {
  parse_as(" C1003T ", 1);
  cr_assert_str_eq(R.correction,
                   "whitespace and legacy notation ' C1003T ' written as c.1003C>T");
  parse_as("NM_000277.3: 1222c>t", 1);
  cr_assert_str_eq(str(R.hgvs), "NM_000277.3:c.1222C>T");
  cr_assert_str_eq(R.correction,
                   "whitespace and missing coordinate letter and lower-case bases "
                   "'NM_000277.3: 1222c>t' written as NM_000277.3:c.1222C>T");
  parse_as("[1222C>T];[842C>T]", 1);
  cr_assert_eq(R.kind, HGVS_KIND_GENOTYPE);
  cr_assert_str_eq(str(R.variants[1].raw), "842C>T");
}

Test(hgvs_lenient, valid_input_is_never_corrected) {
  parse_as("c.1003C>T", 1);
  cr_assert_str_eq(R.correction, "");
  expect_error("c.1003C>", "hgvs: 'c.1003C>' at 8: expected a nucleotide");
  hgvs_options opt = {.lenient = 1};
  cr_assert(!hgvs_parse("c.1003C>", 8, &opt, &R));
  cr_assert_str_eq(R.error, "hgvs: 'c.1003C>' at 8: expected a nucleotide");
}
