/* test_hgvs_parse.c: Criterion tests of the HGVS parser core: grammar,
** fields, lengths, normal forms, genotypes and errors (docs/hgvs.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "test_hgvs_helpers.h"

/* ------------------------------------------------------- substitutions */

Test(hgvs_parse, substitution_fields) {
  const hgvs_variant *v = parse_ok("NM_001875.5:c.1003C>T");
  cr_assert_eq(R.kind, HGVS_KIND_VARIANT);
  cr_assert_eq(R.nvariants, 1);
  cr_assert_eq(v->coord, HGVS_COORD_C);
  cr_assert_eq(v->type, HGVS_SUBSTITUTION);
  cr_assert_str_eq(str(v->reference), "NM_001875.5");
  cr_assert_str_eq(str(v->raw), "NM_001875.5:c.1003C>T");
  cr_assert_str_eq(str(v->hgvs), "NM_001875.5:c.1003C>T");
  cr_assert_str_eq(str(v->edit), "C>T");
  cr_assert_eq(v->start.lo.pos, 1003);
  cr_assert_eq(v->start.lo.offset, 0);
  cr_assert_eq(v->start.lo.region, HGVS_REGION_CDS);
  cr_assert_eq(v->stop.lo.pos, 1003);
  cr_assert(!v->is_range && !v->predicted && !v->start.uncertain && !v->no_position);
  cr_assert_str_eq(str(v->ref), "C");
  cr_assert_str_eq(str(v->alt), "T");
  cr_assert_eq(v->ref_length, 1);
  cr_assert_eq(v->alt_length, 1);
  cr_assert(v->has_length_change);
  cr_assert_eq(v->length_change, 0);
  cr_assert_eq(v->consequence, HGVS_CSQ_CODING);
  cr_assert_eq(v->allele, 0);
  cr_assert_str_eq(R.correction, "");
}

Test(hgvs_parse, every_coordinate) {
  static const struct {
    const char *s;
    hgvs_coord c;
  } cases[] = {{"g.123A>G", HGVS_COORD_G},  {"o.123A>G", HGVS_COORD_O},
               {"m.123A>G", HGVS_COORD_M},  {"c.123A>G", HGVS_COORD_C},
               {"n.123A>G", HGVS_COORD_N},  {"r.123a>g", HGVS_COORD_R},
               {"p.Arg12Trp", HGVS_COORD_P}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    cr_assert_eq(parse_ok(cases[i].s)->coord, cases[i].c, "%s", cases[i].s);
}

Test(hgvs_parse, references) {
  static const char *const refs[] = {"NM_001875.5",
                                     "NC_000002.12",
                                     "NG_012232.1",
                                     "NP_000062.1",
                                     "ENST00000366560.3",
                                     "LRG_199t1",
                                     "LRG_199",
                                     "AC_01234.5",
                                     "U14680.1",
                                     "NG_012232.1(NM_004006.1)",
                                     "NM_023035.2(CACNA1A)",
                                     "NM_004006"};
  for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
    char s[96];
    strcpy(s, refs[i]);
    strcat(s, ":c.93+1G>T");
    cr_assert_str_eq(str(parse_ok(s)->reference), refs[i]);
    cr_assert_str_eq(str(R.hgvs), s);
  }
}

Test(hgvs_parse, positions_intron_utr_unknown) {
  const hgvs_variant *v = parse_ok("c.1066-11G>A");
  cr_assert_eq(v->start.lo.pos, 1066);
  cr_assert_eq(v->start.lo.offset, -11);
  v = parse_ok("c.1005+1G>A");
  cr_assert_eq(v->start.lo.offset, 1);
  v = parse_ok("c.-15C>T");
  cr_assert_eq(v->start.lo.pos, -15);
  cr_assert_eq(v->start.lo.region, HGVS_REGION_UTR5);
  v = parse_ok("c.*12del");
  cr_assert_eq(v->start.lo.pos, 12);
  cr_assert_eq(v->start.lo.region, HGVS_REGION_UTR3);
  v = parse_ok("c.-136-75952del");
  cr_assert_eq(v->start.lo.pos, -136);
  cr_assert_eq(v->start.lo.offset, -75952);
  v = parse_ok("c.88+?_89-?del");
  cr_assert(v->start.lo.offset_unknown && v->start.lo.offset == 1);
  cr_assert(v->stop.lo.offset_unknown && v->stop.lo.offset == -1);
  v = parse_ok("c.?_100del");
  cr_assert(v->start.lo.pos_unknown && v->start.lo.pos == 0);
  v = parse_ok("n.-5_*7del");
  cr_assert_eq(v->start.lo.region, HGVS_REGION_UPSTREAM);
  cr_assert_eq(v->stop.lo.region, HGVS_REGION_DOWNSTREAM);
  v = parse_ok("g.pter_100del");
  cr_assert(v->start.lo.pter && !v->stop.lo.qter);
  v = parse_ok("g.100_qterdel");
  cr_assert(v->stop.lo.qter);
  cr_assert_eq(parse_ok("c.1_?del")->stop.lo.pos_unknown, 1);
}

Test(hgvs_parse, uncertain_bounds) {
  const hgvs_variant *v =
      parse_ok("NG_012232.1(NM_004006.1):c.(4071+1_4072-1)_(5154+1_5155-1)del");
  cr_assert(v->is_range && v->start.uncertain && v->stop.uncertain);
  cr_assert_eq(v->start.lo.pos, 4071);
  cr_assert_eq(v->start.lo.offset, 1);
  cr_assert_eq(v->start.hi.pos, 4072);
  cr_assert_eq(v->start.hi.offset, -1);
  cr_assert_eq(v->stop.hi.pos, 5155);
  v = parse_ok("c.(?_-245)_(31+1_32-1)del");
  cr_assert(v->start.lo.pos_unknown);
  cr_assert_eq(v->start.hi.pos, -245);
  v = parse_ok("c.(1_10)A>C");
  cr_assert(!v->is_range && v->start.uncertain);
  cr_assert_eq(v->start.hi.pos, 10);
  v = parse_ok("c.(222_226)insG");
  cr_assert_eq(v->type, HGVS_INSERTION);
}

/* ---------------------------------------------------------- DNA edits */

Test(hgvs_parse, edit_types) {
  static const struct {
    const char *s;
    hgvs_type t;
  } cases[] = {{"c.76_78del", HGVS_DELETION},
               {"c.76_78delACT", HGVS_DELETION},
               {"c.77_79dup", HGVS_DUPLICATION},
               {"c.76_77insT", HGVS_INSERTION},
               {"c.76_77delinsTT", HGVS_DELINS},
               {"c.1A>T", HGVS_SUBSTITUTION},
               {"c.203_506inv", HGVS_INVERSION},
               {"c.812_829con908_925", HGVS_CONVERSION},
               {"g.123_124[4]", HGVS_REPEAT},
               {"c.6955CAG[26]", HGVS_REPEAT},
               {"c.2557_2694copy2", HGVS_COPY},
               {"c.123=", HGVS_IDENTITY},
               {"c.?", HGVS_UNKNOWN},
               {"c.=", HGVS_IDENTITY},
               {"c.5delinsT", HGVS_DELINS},
               {"g.19_29=", HGVS_IDENTITY}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const hgvs_variant *v = parse_ok(cases[i].s);
    cr_assert_eq(v->type, cases[i].t, "%s: %s", cases[i].s, hgvs_type_name(v->type));
  }
  cr_assert_str_eq(hgvs_type_name(HGVS_DELINS), "delins");
  cr_assert_str_eq(hgvs_type_name(HGVS_NO_PROTEIN), "no_protein");
}

Test(hgvs_parse, deleted_sequence_and_lengths_kept_in_fields) {
  const hgvs_variant *v = parse_ok("c.76_78delACT");
  cr_assert_str_eq(str(v->ref), "ACT");
  cr_assert_eq(v->ref_length, 3);
  v = parse_ok("c.77_79dupCTG");
  cr_assert_str_eq(str(v->ref), "CTG");
  cr_assert_eq(v->ref_length, 3);
  cr_assert_eq(v->alt_length, 6);
  cr_assert_eq(v->length_change, 3);
  v = parse_ok("c.13552_*36del57"); /* the positions cannot say: the 57 does */
  cr_assert_eq(v->ref_length, 57);
  cr_assert_eq(v->length_change, -57);
  v = parse_ok("c.76_77delAAinsC");
  cr_assert_str_eq(str(v->ref), "AA");
  cr_assert_str_eq(str(v->alt), "C");
  cr_assert_eq(v->ref_length, 2);
  cr_assert_eq(v->length_change, -1);
  v = parse_ok("g.(1_10)_(20_30)del5insA");
  cr_assert_eq(v->ref_length, 5);
  cr_assert_eq(v->alt_length, 1);
}

Test(hgvs_parse, insertion_forms) {
  static const struct {
    const char *s, *alt;
    int64_t len;
  } cases[] = {
      {"c.240_241insAGG", "AGG", 3},
      {"c.761_762insN", "N", 1},
      {"c.761_762insNNNNN", "NNNNN", 5},
      {"c.761_762ins(5)", "(5)", 5},
      {"g.32717298_32717299ins(80_120)", "(80_120)", -1},
      {"g.32717298_32717299ins(?)", "(?)", -1},
      {"c.849_850ins850_900inv", "850_900inv", 51},
      {"c.419_420ins[T;401_419]", "[T;401_419]", 20},
      {"g.32867907_32867908insL37425.1:23_361", "L37425.1:23_361", 339},
      {"c.940_941ins[885_940inv;A;851_883inv]", "[885_940inv;A;851_883inv]", 90},
      {"g.1_2ins[NC_000011.10:g.pter_15825272]", "[NC_000011.10:g.pter_15825272]", -1},
      {"g.(3076562_3076732)ins(12)", "(12)", 12}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const hgvs_variant *v = parse_ok(cases[i].s);
    cr_assert_eq(v->type, HGVS_INSERTION, "%s", cases[i].s);
    cr_assert_str_eq(str(v->alt), cases[i].alt, "%s", cases[i].s);
    cr_assert_eq(v->alt_length, cases[i].len, "%s: %lld", cases[i].s,
                 (long long)v->alt_length);
    cr_assert_eq(v->ref_length, 0);
    cr_assert_eq(v->has_length_change, cases[i].len >= 0);
  }
}

Test(hgvs_parse, delins_from_other_references) {
  const hgvs_variant *v =
      parse_ok("NC_000016.9:g.pter_2140661delins[NC_000001.10:g.188411550_pterinv]");
  cr_assert_eq(v->type, HGVS_DELINS);
  cr_assert_str_eq(str(v->alt), "[NC_000001.10:g.188411550_pterinv]");
  v = parse_ok("NC_000002.12:g.pter_8247756delinspter_qter");
  cr_assert_str_eq(str(v->alt), "pter_qter");
  v = parse_ok("NC_000012.11:g.6128892_6128954conNC_000022.10:17179029_17179091");
  cr_assert_str_eq(str(v->alt), "NC_000022.10:17179029_17179091");
  cr_assert_eq(v->alt_length, 63);
  cr_assert_eq(v->ref_length, 63);
}

Test(hgvs_parse, repeats) {
  const hgvs_variant *v = parse_ok("NM_023035.2(CACNA1A):c.6955CAG[26]");
  cr_assert_eq(v->repeat_count, 26);
  cr_assert_str_eq(str(v->alt), "CAG[26]");
  cr_assert_eq(v->alt_length, 78);
  cr_assert_eq(v->ref_length, -1);
  cr_assert(!v->has_length_change);
  v = parse_ok("NM_000492.3:c.1210-33_1210-6GT[11]T[6]");
  cr_assert_eq(v->repeat_count, 11);
  cr_assert_str_eq(str(v->alt), "GT[11]T[6]");
  cr_assert_eq(v->ref_length, 28);
  cr_assert_eq(v->alt_length, 28);
  v = parse_ok("NC_000023.11:g.(32381076_32382698)_(32430031_32456357)[3]");
  cr_assert_eq(v->repeat_count, 3);
  cr_assert_eq(v->alt.len, 0);
  cr_assert_str_eq(str(v->edit), "[3]");
  v = parse_ok("g.123_124[4]");
  cr_assert_eq(v->alt_length, 8);
  v = parse_ok("NM_002024.5:c.-128GGM[108]");
  cr_assert_eq(v->start.lo.region, HGVS_REGION_UTR5);
  v = parse_ok("NC_000012.11:g.112036755_112036823CTG[9]TTG[1]CTG[13]");
  cr_assert_eq(v->alt_length, 69);
  cr_assert_eq(v->ref_length, 69);
  v = parse_ok("c.2557_2694copy2");
  cr_assert_eq(v->repeat_count, 2);
  cr_assert_eq(v->alt_length, 276);
}

Test(hgvs_parse, rna_is_lower_case) {
  const hgvs_variant *v = parse_ok("r.76A>U");
  cr_assert_str_eq(str(v->ref), "a");
  cr_assert_str_eq(str(v->alt), "u");
  cr_assert_str_eq(str(R.hgvs), "r.76a>u");
  v = parse_ok("r.(5g>u)");
  cr_assert(v->predicted);
  v = parse_ok("r.((1_10)a>c)");
  cr_assert(v->predicted && v->start.uncertain);
  v = parse_ok("r.(1_10)a>c");
  cr_assert(!v->predicted && v->start.uncertain);
  expect_normal("r.1_2delAAinsC", "r.1_2delinsc");
}

/* ------------------------------------------------------------ protein */

Test(hgvs_parse, protein_substitution_and_codes) {
  const hgvs_variant *v = parse_ok("p.Arg408Trp");
  cr_assert_str_eq(v->start.lo.aa, "Arg");
  cr_assert_eq(v->start.lo.pos, 408);
  cr_assert_str_eq(str(v->ref), "Arg");
  cr_assert_str_eq(str(v->alt), "Trp");
  cr_assert_eq(v->consequence, HGVS_CSQ_MISSENSE);
  expect_normal("p.R408W", "p.Arg408Trp");
  expect_normal("p.Q335X", "p.Gln335Ter");
  expect_normal("p.Gln335*", "p.Gln335Ter");
  expect_normal("p.*110Glnext*17", "p.Ter110GlnextTer17");
  expect_normal("p.(Arg408Trp)", "p.(Arg408Trp)");
  cr_assert(parse_ok("p.(Arg408Trp)")->predicted);
}

Test(hgvs_parse, protein_edits) {
  static const struct {
    const char *s;
    hgvs_type t;
    const char *normal;
  } cases[] = {{"p.Lys23_Val25del", HGVS_DELETION, "p.Lys23_Val25del"},
               {"p.Ala3dup", HGVS_DUPLICATION, "p.Ala3dup"},
               {"p.Lys2_Gly3insGlnSerLys", HGVS_INSERTION, "p.Lys2_Gly3insGlnSerLys"},
               {"p.G10_F11insMM", HGVS_INSERTION, "p.Gly10_Phe11insMetMet"},
               {"p.Arg78_Gly79ins23", HGVS_INSERTION, "p.Arg78_Gly79ins23"},
               {"p.Cys28delinsTrpVal", HGVS_DELINS, "p.Cys28delinsTrpVal"},
               {"p.C200_Y205delinsILQ", HGVS_DELINS, "p.Cys200_Tyr205delinsIleLeuGln"},
               {"p.Arg97Profs*23", HGVS_FRAMESHIFT, "p.Arg97ProfsTer23"},
               {"p.Arg97ProfsTer23", HGVS_FRAMESHIFT, "p.Arg97ProfsTer23"},
               {"p.Arg97fs", HGVS_FRAMESHIFT, "p.Arg97fs"},
               {"p.Arg97fs*?", HGVS_FRAMESHIFT, "p.Arg97fsTer?"},
               {"p.Arg97Glyfs*", HGVS_FRAMESHIFT, "p.Arg97GlyfsTer"},
               {"p.Ter110GlnextTer17", HGVS_EXTENSION, "p.Ter110GlnextTer17"},
               {"p.Ter314Trpext*45", HGVS_EXTENSION, "p.Ter314TrpextTer45"},
               {"p.Ter110Glnext*?", HGVS_EXTENSION, "p.Ter110GlnextTer?"},
               {"p.Met1ext-5", HGVS_EXTENSION, "p.Met1ext-5"},
               {"p.Met1Valext-10", HGVS_EXTENSION, "p.Met1Valext-10"},
               {"p.=", HGVS_IDENTITY, "p.="},
               {"p.(=)", HGVS_IDENTITY, "p.(=)"},
               {"p.Arg408=", HGVS_IDENTITY, "p.Arg408="},
               {"p.?", HGVS_UNKNOWN, "p.?"},
               {"p.Met1?", HGVS_UNKNOWN, "p.Met1?"},
               {"p.0", HGVS_NO_PROTEIN, "p.0"},
               {"p.0?", HGVS_NO_PROTEIN, "p.0?"},
               {"p.Gln18[23]", HGVS_REPEAT, "p.Gln18[23]"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const hgvs_variant *v = parse_ok(cases[i].s);
    cr_assert_eq(v->type, cases[i].t, "%s: %s", cases[i].s, hgvs_type_name(v->type));
    expect_normal(cases[i].s, cases[i].normal);
  }
}

Test(hgvs_parse, protein_terms_and_lengths) {
  const hgvs_variant *v = parse_ok("p.Arg97Profs*23");
  cr_assert_eq(v->term, 23);
  cr_assert_str_eq(str(v->alt), "Pro");
  cr_assert(!v->has_length_change);
  v = parse_ok("p.Arg97fs*?");
  cr_assert(v->term_unknown);
  v = parse_ok("p.Met1ext-5");
  cr_assert_eq(v->term, -5);
  cr_assert_eq(v->length_change, 5);
  v = parse_ok("p.Ter110GlnextTer17");
  cr_assert_eq(v->term, 17);
  cr_assert_eq(v->length_change, 17);
  v = parse_ok("p.Lys23_Val25del");
  cr_assert_eq(v->ref_length, 3);
  cr_assert_eq(v->length_change, -3);
  v = parse_ok("p.Cys28_Lys29delinsTrp");
  cr_assert_eq(v->ref_length, 2);
  cr_assert_eq(v->alt_length, 1);
  v = parse_ok("p.=");
  cr_assert(v->no_position && v->start.lo.pos_unknown);
}

/* ---------------------------------------------------------- lengths */

Test(hgvs_parse, interval_lengths) {
  static const struct {
    const char *s;
    int64_t ref;
  } cases[] = {{"c.76_78del", 3},        {"c.-1_1del", 2},
               {"c.-15_-10del", 6},      {"c.*1_*5del", 5},
               {"c.88+1_88+5del", 5},    {"c.1210-33_1210-6del", 28},
               {"c.88+10_89-10del", -1}, {"c.183_186+48del", -1},
               {"c.1500_*2del", -1},     {"c.(1_10)_(20_30)del", -1},
               {"g.pter_100del", -1},    {"c.?_10del", -1},
               {"n.-2_3del", 5},         {"g.19del", 1},
               {"c.88+?_88+5del", -1}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const hgvs_variant *v = parse_ok(cases[i].s);
    cr_assert_eq(v->ref_length, cases[i].ref, "%s: %lld", cases[i].s,
                 (long long)v->ref_length);
    cr_assert_eq(v->has_length_change, cases[i].ref >= 0, "%s", cases[i].s);
  }
  const hgvs_variant *v = parse_ok("c.203_506inv");
  cr_assert_eq(v->ref_length, 304);
  cr_assert_eq(v->length_change, 0);
  v = parse_ok("c.76_77insT");
  cr_assert_eq(v->length_change, 1);
  v = parse_ok("c.(1_10)_(20_30)inv"); /* unknown length, yet no change */
  cr_assert(v->has_length_change && v->length_change == 0);
}

/* -------------------------------------------------------- genotypes */

Test(hgvs_parse, genotype_trans) {
  parse_ok("NM_000277.3:c.[1222C>T];[842C>T]");
  cr_assert_eq(R.kind, HGVS_KIND_GENOTYPE);
  cr_assert_eq(R.phase, HGVS_PHASE_TRANS);
  cr_assert_eq(R.nalleles, 2);
  cr_assert_eq(R.nvariants, 2);
  cr_assert_eq(R.variants[0].allele, 1);
  cr_assert_eq(R.variants[1].allele, 2);
  cr_assert_str_eq(str(R.variants[0].hgvs), "NM_000277.3:c.1222C>T");
  cr_assert_str_eq(str(R.variants[1].hgvs), "NM_000277.3:c.842C>T");
  cr_assert_str_eq(str(R.variants[1].raw), "842C>T");
  cr_assert_str_eq(str(R.variants[1].reference), "NM_000277.3");
  cr_assert_str_eq(str(R.hgvs), "NM_000277.3:c.[1222C>T];[842C>T]");
}

Test(hgvs_parse, genotype_cis_and_unknown_phase) {
  parse_ok("c.[1222C>T;1238G>C]");
  cr_assert_eq(R.kind, HGVS_KIND_GENOTYPE);
  cr_assert_eq(R.phase, HGVS_PHASE_NONE);
  cr_assert_eq(R.nalleles, 1);
  cr_assert_eq(R.nvariants, 2);
  cr_assert_eq(R.variants[1].allele, 1);
  parse_ok("c.[76A>C(;)283G>C]");
  cr_assert_eq(R.phase, HGVS_PHASE_UNKNOWN);
  cr_assert_eq(R.nalleles, 2);
  cr_assert_eq(R.variants[1].allele, 2);
  expect_normal("c.[76A>C(;)283G>C]", "c.[76A>C(;)283G>C]");
  expect_normal("LRG_199t1:c.[296T>G;476T>C;1083A>C];[296T>G;1083A>C]",
                "LRG_199t1:c.[296T>G;476T>C;1083A>C];[296T>G;1083A>C]");
  cr_assert_eq(R.nvariants, 5);
  cr_assert_eq(R.variants[3].allele, 2);
}

Test(hgvs_parse, genotype_identity_unknown_and_no_protein) {
  parse_ok("c.[1222C>T];[=]");
  const hgvs_variant *v = &R.variants[1];
  cr_assert_eq(v->type, HGVS_IDENTITY);
  cr_assert(v->no_position && v->start.lo.pos_unknown);
  cr_assert_str_eq(str(v->hgvs), "c.=");
  parse_ok("c.[842C>T];[?]");
  cr_assert_eq(R.variants[1].type, HGVS_UNKNOWN);
  cr_assert(R.variants[1].start.lo.pos_unknown);
  parse_ok("NP_000268.1:p.[Arg2Trp];[0]");
  cr_assert_eq(R.variants[1].type, HGVS_NO_PROTEIN);
  expect_normal("p.[(Ser73Arg)];[(Asn594del)]", "p.[(Ser73Arg)];[(Asn594del)]");
  cr_assert(R.variants[0].predicted);
  expect_normal("p.[Q335X];[R408W]", "p.[Gln335Ter];[Arg408Trp]");
}

Test(hgvs_parse, genotype_errors) {
  expect_error("c.[1222C>T];[842C>T", "hgvs: 'c.[1222C>T];[842C>T' at 19: expected ']'");
  expect_error("c.[=;1A>G]",
               "hgvs: 'c.[=;1A>G]' at 4: an allele written '=', '?' or '0' has no other "
               "change");
  expect_error("c.[1A>G;2A>G];[3A>G(;)4A>G]",
               "hgvs: 'c.[1A>G;2A>G];[3A>G(;)4A>G]' at 19: '(;)' cannot be combined with "
               "alleles in trans");
  expect_error("c.[1A>G];3A>G", "hgvs: 'c.[1A>G];3A>G' at 9: expected '['");
  char s[512] = "c.[";
  for (int i = 1; i <= PW_HGVS_MAX_VARIANTS + 1; i++) {
    char one[16];
    snprintf(one, sizeof one, "%s%dA>G", i > 1 ? ";" : "", i);
    strcat(s, one);
  }
  strcat(s, "]");
  hgvs_options opt = {0};
  cr_assert(!hgvs_parse(s, strlen(s), &opt, &R));
  cr_assert(strstr(R.error, "more than 16 changes") != NULL, "%s", R.error);
}

Test(hgvs_parse, mosaic_is_rejected) {
  expect_error(
      "LRG_199t1:c.85=/T>C",
      "hgvs: 'LRG_199t1:c.85=/T>C' at 14: mosaic and chimeric descriptions (=/ and "
      "=//) are not supported");
  expect_error(
      "NG_012232.1:g.19_21=//del",
      "hgvs: 'NG_012232.1:g.19_21=//del' at 19: mosaic and chimeric descriptions "
      "(=/ and =//) are not supported");
  expect_error(
      "c.[=/83G>C]",
      "hgvs: 'c.[=/83G>C]' at 3: mosaic and chimeric descriptions (=/ and =//) are "
      "not supported");
}

/* ------------------------------------------------------- normal forms */

Test(hgvs_parse, normal_forms) {
  static const char *const cases[][2] = {
      {"c.76_78delACT", "c.76_78del"},
      {"c.76_78del3", "c.76_78del"},
      {"g.99511133_99511137del5", "g.99511133_99511137del"},
      {"c.77_79dupCTG", "c.77_79dup"},
      {"c.1_2delAAinsC", "c.1_2delinsC"},
      {"g.(1_10)_(20_30)del5insA", "g.(1_10)_(20_30)delinsA"},
      {"c.123T=", "c.123="},
      {"c.0076A>G", "c.76A>G"},
      {"p.Ile4452Asnfs*4", "p.Ile4452AsnfsTer4"},
      {"p.Arg2852*", "p.Arg2852Ter"},
      {"p.A3_Y6del", "p.Ala3_Tyr6del"},
      {"NP_000040.1:p.Ter314Trpext*45", "NP_000040.1:p.Ter314TrpextTer45"},
      {"r.76A>U", "r.76a>u"},
      {"NG_012232.1(NM_004006.1):c.93+1G>T", "NG_012232.1(NM_004006.1):c.93+1G>T"},
      {"c.88+?_923+?del", "c.88+?_923+?del"},
      {"c.(?_-245)_(31+1_32-1)del", "c.(?_-245)_(31+1_32-1)del"},
      {"NC_000002.12:g.pter_qterdel", "NC_000002.12:g.pter_qterdel"},
      {"c.-136-75952ATTTT[15]", "c.-136-75952ATTTT[15]"},
      {"LRG_199t1:c.54G>H", "LRG_199t1:c.54G>H"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    expect_normal(cases[i][0], cases[i][1]);
}

/* ----------------------------------------------------------- errors */

Test(hgvs_parse, errors_name_the_offset_and_what_was_expected) {
  expect_error("c.1003C>", "hgvs: 'c.1003C>' at 8: expected a nucleotide");
  expect_error("", "hgvs: '' at 0: empty description");
  expect_error(
      "x.123A>G",
      "hgvs: 'x.123A>G' at 0: expected 'c.', 'g.', 'm.', 'n.', 'o.', 'p.' or 'r.'");
  expect_error("c.", "hgvs: 'c.' at 2: expected a position");
  expect_error("c.1003", "hgvs: 'c.1003' at 6: expected a nucleotide or an edit");
  expect_error("c.1003C", "hgvs: 'c.1003C' at 7: expected '>'");
  expect_error(
      "c.1003C>TG",
      "hgvs: 'c.1003C>TG' at 9: a substitution replaces one base (write delins)");
  expect_error("c.1003C>C",
               "hgvs: 'c.1003C>C' at 8: a substitution changes the base (write '=')");
  expect_error("c.1003C>T;",
               "hgvs: 'c.1003C>T;' at 9: unexpected text after the variant");
  expect_error("p.Arg", "hgvs: 'p.Arg' at 5: expected a position");
  expect_error("p.408Trp", "hgvs: 'p.408Trp' at 2: expected an amino acid");
  expect_error("p.Arg408", "hgvs: 'p.Arg408' at 8: expected an amino acid or an edit");
  expect_error("p.Cys28delins", "hgvs: 'p.Cys28delins' at 13: expected an amino acid");
  expect_error("p.Arg97fs2",
               "hgvs: 'p.Arg97fs2' at 9: unexpected text after the variant");
  expect_error("c.10_5del", "hgvs: 'c.10_5del' at 5: the range ends before it starts");
  expect_error("c.0del", "hgvs: 'c.0del' at 2: there is no position 0");
  expect_error("c.88+0del", "hgvs: 'c.88+0del' at 5: an intron offset is never 0");
  expect_error(
      "c.5insA",
      "hgvs: 'c.5insA' at 3: an insertion is written between two positions (a_b)");
  expect_error(
      "c.76_78delACTG",
      "hgvs: 'c.76_78delACTG' at 10: the stated sequence or length does not match "
      "the interval");
  expect_error("c.(1_10A>C)", "hgvs: 'c.(1_10A>C)' at 7: expected ')'");
  expect_error("c.1_2ins[A;", "hgvs: 'c.1_2ins[A;' at 11: expected an inserted sequence");
  expect_error("NM_001875.5",
               "hgvs: 'NM_001875.5' at 11: expected ':' after the reference");
  expect_error(
      "c.1234567890123456del",
      "hgvs: 'c.1234567890123456del' at 2: number too large (at most 15 digits)");
  expect_error("c.1A>U", "hgvs: 'c.1A>U' at 5: expected a nucleotide");
  expect_error("r.1a>t", "hgvs: 'r.1a>t' at 5: expected a nucleotide");
}

Test(hgvs_parse, errors_escape_and_truncate_the_input) {
  expect_error("c.1\x01G", "hgvs: 'c.1\\x01G' at 3: expected a nucleotide or an edit");
  expect_error("c.1\xc3\xa9",
               "hgvs: 'c.1\\xC3\\xA9' at 3: expected a nucleotide or an edit");
  char s[200];
  memset(s, 'A', sizeof s - 1);
  s[sizeof s - 1] = 0;
  memcpy(s, "c.1_2ins", 8);
  s[150] = 'x';
  hgvs_options opt = {0};
  cr_assert(!hgvs_parse(s, strlen(s), &opt, &R));
  cr_assert_eq(R.error_pos, 150);
  cr_assert(strstr(R.error, "AAA...' at 150: unexpected text after the variant") != NULL,
            "%s", R.error);
  cr_assert(strlen(R.error) < HGVS_MSG_SIZE);
}

Test(hgvs_parse, overlong_input_is_an_error) {
  size_t n = PW_HGVS_MAX_INPUT + 1;
  char *s = malloc(n);
  memset(s, '1', n);
  memcpy(s, "c.", 2);
  hgvs_options opt = {0};
  cr_assert(!hgvs_parse(s, n, &opt, &R));
  cr_assert_eq(R.error_pos, PW_HGVS_MAX_INPUT);
  cr_assert(strstr(R.error, "' at 1024: description longer than 1024 bytes") != NULL,
            "%s", R.error);
  cr_assert(hgvs_parse(s, 9, &opt, &R) == 0); /* c.1111111: no edit */
  free(s);
}

Test(hgvs_parse, input_need_not_be_nul_terminated) {
  char buf[16];
  memcpy(buf, "c.1003C>TXXXXXXX", 16); /* no NUL anywhere */
  hgvs_options opt = {0};
  cr_assert(hgvs_parse(buf, 9, &opt, &R), "%s", R.error);
  cr_assert_str_eq(str(R.hgvs), "c.1003C>T");
  cr_assert(!hgvs_parse(buf, 8, &opt, &R));
  cr_assert_str_eq(R.error, "hgvs: 'c.1003C>' at 8: expected a nucleotide");
  char *exact = malloc(6); /* exactly the bytes: ASan sees a read past them */
  memcpy(exact, "c.1_2d", 6);
  cr_assert(!hgvs_parse(exact, 6, &opt, &R));
  free(exact);
  cr_assert(!hgvs_parse("c.1A>G\0", 7, &opt, &R)); /* a NUL byte is not valid text */
  cr_assert_eq(R.error_pos, 6);
}

Test(hgvs_parse, result_is_reusable) {
  parse_ok("NM_000277.3:c.[1222C>T];[842C>T]");
  const hgvs_variant *v = parse_ok("c.1A>G");
  cr_assert_eq(R.kind, HGVS_KIND_VARIANT);
  cr_assert_eq(R.nvariants, 1);
  cr_assert_eq(v->allele, 0);
  cr_assert_eq(v->reference.len, 0);
  cr_assert_str_eq(str(v->reference), "");
  hgvs_options opt = {0};
  cr_assert(!hgvs_parse("c.1A>", 5, &opt, &R));
  cr_assert_eq(R.nvariants, 0);
  parse_ok("c.1A>G");
  cr_assert_str_eq(R.error, "");
}
