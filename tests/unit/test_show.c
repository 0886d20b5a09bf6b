/* test_show.c: how pw_eval shows values (lang/show.lua, docs/repl.md), through
** the public API: an engine whose stdout is captured, pw_set_display, and
** pw_eval of an expression. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "pathway.h"

/* What the engine wrote to stdout (a frame at width 160 needs more room
** than helpers.h's buffer). */
typedef struct shown {
  char out[32768]; /* PW_STDOUT, NUL-terminated */
  size_t n;        /* bytes in out */
} shown;

static void capture(void *ud, pw_stream stream, const char *s, size_t n) {
  shown *c = ud;
  if (stream != PW_STDOUT)
    return;
  size_t room = sizeof c->out - 1 - c->n;
  if (n > room)
    n = room;
  memcpy(c->out + c->n, s, n);
  c->n += n;
  c->out[c->n] = '\0';
}

static shown c;

/* A sandboxed engine writing into `c`, showing at width x height. */
static pw_engine *open_display(int width, int height, int color) {
  pw_config cfg;
  pw_config_init(&cfg);
  cfg.write = capture;
  cfg.write_ud = &c;
  pw_engine *e = NULL;
  cr_assert_eq(pw_open(&cfg, &e), PW_OK);
  pw_display d = {width, height, color};
  cr_assert_eq(pw_set_display(e, &d), PW_OK, "%s", pw_errmsg(e));
  return e;
}

static void run(pw_engine *e, const char *code) {
  cr_assert_eq(pw_load_string(e, code, "=setup"), PW_OK, "%s", pw_errmsg(e));
}

/* pw_eval(input) shows exactly `want`. */
static void expect_shown(pw_engine *e, const char *input, const char *want) {
  c.n = 0;
  c.out[0] = '\0';
  cr_assert_eq(pw_eval(e, input), PW_OK, "%s: %s", input, pw_errmsg(e));
  cr_expect_str_eq(c.out, want, "%s\n--- shown:\n%s", input, c.out);
}

/* 20 visits, 8 columns: str with NA and the text "NA", num, int, bool, date. */
static const char *const visits =
    "local id, patient, treated, site, note = {}, {}, {}, {}, {n = 20}\n"
    "local towns = {'Boston', 'Lyon', 'Boston', 'Madrid', 'Lyon', 'Boston', 'Madrid',\n"
    "               'Lyon', 'Boston', 'Lyon'}\n"
    "for i = 1, 20 do\n"
    "  id[i], patient[i] = i, string.format('P%02d', i)\n"
    "  treated[i] = (i % 2 == 1) == (i < 4 or i > 10)\n"
    "  site[i], note[i] = towns[(i - 1) % 10 + 1], 'stable'\n"
    "end\n"
    "site[13], site[14], site[17] = 'Madrid', 'Boston', 'Madrid'\n"
    "note[1], note[3] = 'protein intake doubled after dosing', nil\n"
    "note[4], note[7] = 'missed visit', 'hyperammonemic episode'\n"
    "visits = frame.new({\n"
    "  {'id', 'int', id}, {'patient', 'str', patient},\n"
    "  {'gene', 'str', {'CPS1', 'OTC', 'NA', nil, 'CPS1', 'OTC', 'ASS1', 'CPS1', 'OTC',\n"
    "                   'NAGS', 'CPS1', 'OTC', nil, 'ASS1', 'CPS1', 'OTC', 'ARG1',\n"
    "                   'CPS1', 'OTC', 'CPS1', n = 20}},\n"
    "  {'ammonia', 'num', {180.5, 95, 210, nil, 64.25, 120, 88, 300.125, 45, 99,\n"
    "                      150, 77, 130, 60, 240, 110, 85, 190, 70, 105, n = 20}},\n"
    "  {'treated', 'bool', treated},\n"
    "  {'visit', 'date', {'2024-01-05', '2024-01-12', '2024-02-01', '2024-02-15',\n"
    "                     '2024-03-01', '2024-03-09', '2024-03-30', '2024-04-02',\n"
    "                     '2024-04-20', '2024-05-01', '2024-05-11', '2024-06-01',\n"
    "                     '2024-06-15', '2024-07-01', '2024-07-04', '2024-08-01',\n"
    "                     '2024-08-15', '2024-09-01', '2024-09-30', '2024-10-01'}},\n"
    "  {'site', 'str', site}, {'note', 'str', note},\n"
    "})\n";

Test(show, scalars_share_one_line) {
  pw_engine *e = open_display(80, 24, 0);
  expect_shown(e, "1", "1\n");
  expect_shown(e, "1, 'a b', nil, true, 2.5, 1e100", "1\ta b\tnil\ttrue\t2.5\t1e+100\n");
  expect_shown(e, "'two\\nlines'", "two\nlines\n");
  expect_shown(e, "nil", "nil\n");
  pw_close(&e);
}

Test(show, several_values_one_after_the_other) {
  pw_engine *e = open_display(80, 24, 0);
  expect_shown(e, "1, {1, 2}, 'a', print", "1\n{1, 2}\na\n<function>\n");
  expect_shown(e, "{}", "{}\n");
  pw_close(&e);
}

Test(show, a_frame_fits_width_40) {
  pw_engine *e = open_display(40, 24, 0);
  run(e, visits);
  expect_shown(e, "visits",
               "┌─────┬─────────┬──────┬─────────┐\n"
               "│ id  │ patient │ gene │ ammonia │\n"
               "│ int │   str   │ str  │   num   │\n"
               "├─────┼─────────┼──────┼─────────┤\n"
               "│   1 │ P01     │ CPS1 │   180.5 │\n"
               "│   2 │ P02     │ OTC  │      95 │\n"
               "│   3 │ P03     │ NA   │     210 │\n"
               "│   4 │ P04     │ <NA> │      NA │\n"
               "│   5 │ P05     │ CPS1 │   64.25 │\n"
               "│   6 │ P06     │ OTC  │     120 │\n"
               "│   … │ …       │ …    │       … │\n"
               "│  15 │ P15     │ CPS1 │     240 │\n"
               "│  16 │ P16     │ OTC  │     110 │\n"
               "│  17 │ P17     │ ARG1 │      85 │\n"
               "│  18 │ P18     │ CPS1 │     190 │\n"
               "│  19 │ P19     │ OTC  │      70 │\n"
               "│  20 │ P20     │ CPS1 │     105 │\n"
               "└─────┴─────────┴──────┴─────────┘\n"
               "… 8 more rows\n"
               "… 4 more columns: treated, visit, …\n"
               "20 rows × 8 columns\n");
  pw_close(&e);
}

Test(show, a_frame_fits_width_80) {
  pw_engine *e = open_display(80, 24, 0);
  run(e, visits);
  expect_shown(e, "visits",
               "┌─────┬─────────┬──────┬─────────┬─────────┬────────────┬────────┐\n"
               "│ id  │ patient │ gene │ ammonia │ treated │   visit    │  site  │\n"
               "│ int │   str   │ str  │   num   │  bool   │    date    │  str   │\n"
               "├─────┼─────────┼──────┼─────────┼─────────┼────────────┼────────┤\n"
               "│   1 │ P01     │ CPS1 │   180.5 │ true    │ 2024-01-05 │ Boston │\n"
               "│   2 │ P02     │ OTC  │      95 │ false   │ 2024-01-12 │ Lyon   │\n"
               "│   3 │ P03     │ NA   │     210 │ true    │ 2024-02-01 │ Boston │\n"
               "│   4 │ P04     │ <NA> │      NA │ true    │ 2024-02-15 │ Madrid │\n"
               "│   5 │ P05     │ CPS1 │   64.25 │ false   │ 2024-03-01 │ Lyon   │\n"
               "│   6 │ P06     │ OTC  │     120 │ true    │ 2024-03-09 │ Boston │\n"
               "│   … │ …       │ …    │       … │ …       │ …          │ …      │\n"
               "│  15 │ P15     │ CPS1 │     240 │ true    │ 2024-07-04 │ Lyon   │\n"
               "│  16 │ P16     │ OTC  │     110 │ false   │ 2024-08-01 │ Boston │\n"
               "│  17 │ P17     │ ARG1 │      85 │ true    │ 2024-08-15 │ Madrid │\n"
               "│  18 │ P18     │ CPS1 │     190 │ false   │ 2024-09-01 │ Lyon   │\n"
               "│  19 │ P19     │ OTC  │      70 │ true    │ 2024-09-30 │ Boston │\n"
               "│  20 │ P20     │ CPS1 │     105 │ false   │ 2024-10-01 │ Lyon   │\n"
               "└─────┴─────────┴──────┴─────────┴─────────┴────────────┴────────┘\n"
               "… 8 more rows\n"
               "… 1 more column: note\n"
               "20 rows × 8 columns\n");
  pw_close(&e);
}

/* The table is wider than the lines of the code. */
// clang-format off
Test(show, a_frame_fits_width_160) {
  pw_engine *e = open_display(160, 24, 0);
  run(e, visits);
  expect_shown(e, "visits",
    "┌─────┬─────────┬──────┬─────────┬─────────┬────────────┬────────┬──────────────────────────┐\n"
    "│ id  │ patient │ gene │ ammonia │ treated │   visit    │  site  │           note           │\n"
    "│ int │   str   │ str  │   num   │  bool   │    date    │  str   │           str            │\n"
    "├─────┼─────────┼──────┼─────────┼─────────┼────────────┼────────┼──────────────────────────┤\n"
    "│   1 │ P01     │ CPS1 │   180.5 │ true    │ 2024-01-05 │ Boston │ protein intake doubled … │\n"
    "│   2 │ P02     │ OTC  │      95 │ false   │ 2024-01-12 │ Lyon   │ stable                   │\n"
    "│   3 │ P03     │ NA   │     210 │ true    │ 2024-02-01 │ Boston │ <NA>                     │\n"
    "│   4 │ P04     │ <NA> │      NA │ true    │ 2024-02-15 │ Madrid │ missed visit             │\n"
    "│   5 │ P05     │ CPS1 │   64.25 │ false   │ 2024-03-01 │ Lyon   │ stable                   │\n"
    "│   6 │ P06     │ OTC  │     120 │ true    │ 2024-03-09 │ Boston │ stable                   │\n"
    "│   … │ …       │ …    │       … │ …       │ …          │ …      │ …                        │\n"
    "│  15 │ P15     │ CPS1 │     240 │ true    │ 2024-07-04 │ Lyon   │ stable                   │\n"
    "│  16 │ P16     │ OTC  │     110 │ false   │ 2024-08-01 │ Boston │ stable                   │\n"
    "│  17 │ P17     │ ARG1 │      85 │ true    │ 2024-08-15 │ Madrid │ stable                   │\n"
    "│  18 │ P18     │ CPS1 │     190 │ false   │ 2024-09-01 │ Lyon   │ stable                   │\n"
    "│  19 │ P19     │ OTC  │      70 │ true    │ 2024-09-30 │ Boston │ stable                   │\n"
    "│  20 │ P20     │ CPS1 │     105 │ false   │ 2024-10-01 │ Lyon   │ stable                   │\n"
    "└─────┴─────────┴──────┴─────────┴─────────┴────────────┴────────┴──────────────────────────┘\n"
    "… 8 more rows\n"
    "20 rows × 8 columns\n");
  pw_close(&e);
}
// clang-format on

/* height 10 leaves room for no more than the minimum of 6 rows. */
Test(show, a_short_terminal_still_shows_six_rows) {
  pw_engine *e = open_display(80, 10, 0);
  run(e, visits);
  expect_shown(e, "visits",
               "┌─────┬─────────┬──────┬─────────┬─────────┬────────────┬────────┐\n"
               "│ id  │ patient │ gene │ ammonia │ treated │   visit    │  site  │\n"
               "│ int │   str   │ str  │   num   │  bool   │    date    │  str   │\n"
               "├─────┼─────────┼──────┼─────────┼─────────┼────────────┼────────┤\n"
               "│   1 │ P01     │ CPS1 │   180.5 │ true    │ 2024-01-05 │ Boston │\n"
               "│   2 │ P02     │ OTC  │      95 │ false   │ 2024-01-12 │ Lyon   │\n"
               "│   3 │ P03     │ NA   │     210 │ true    │ 2024-02-01 │ Boston │\n"
               "│   … │ …       │ …    │       … │ …       │ …          │ …      │\n"
               "│  18 │ P18     │ CPS1 │     190 │ false   │ 2024-09-01 │ Lyon   │\n"
               "│  19 │ P19     │ OTC  │      70 │ true    │ 2024-09-30 │ Boston │\n"
               "│  20 │ P20     │ CPS1 │     105 │ false   │ 2024-10-01 │ Lyon   │\n"
               "└─────┴─────────┴──────┴─────────┴─────────┴────────────┴────────┘\n"
               "… 14 more rows\n"
               "… 1 more column: note\n"
               "20 rows × 8 columns\n");
  pw_close(&e);
}

Test(show, a_frame_wider_than_the_display_names_what_it_leaves_out) {
  pw_engine *e = open_display(40, 24, 0);
  run(e, visits);
  expect_shown(
      e, "visits:select('ammonia', 'visit', 'gene', 'patient', 'treated', 'id'):head(3)",
      "┌─────────┬────────────┬──────┐\n"
      "│ ammonia │   visit    │ gene │\n"
      "│   num   │    date    │ str  │\n"
      "├─────────┼────────────┼──────┤\n"
      "│   180.5 │ 2024-01-05 │ CPS1 │\n"
      "│      95 │ 2024-01-12 │ OTC  │\n"
      "│     210 │ 2024-02-01 │ NA   │\n"
      "└─────────┴────────────┴──────┘\n"
      "… 3 more columns: patient, treated, id\n"
      "3 rows × 6 columns\n");
  pw_close(&e);
}

Test(show, str_na_differs_from_the_string_na) {
  pw_engine *e = open_display(80, 24, 0);
  expect_shown(e, "frame.new{s = {'NA', nil, 'x', n = 3}}",
               "┌──────┐\n"
               "│  s   │\n"
               "│ str  │\n"
               "├──────┤\n"
               "│ NA   │\n"
               "│ <NA> │\n"
               "│ x    │\n"
               "└──────┘\n"
               "3 rows × 1 column\n");
  pw_close(&e);
}

Test(show, colour_makes_na_and_types_dim) {
  pw_engine *e = open_display(80, 24, 1);
  run(e, visits);
  expect_shown(e, "visits:select('id', 'gene', 'ammonia'):head(4)",
               "┌─────┬──────┬─────────┐\n"
               "│ id  │ gene │ ammonia │\n"
               "│ \x1b[2mint\x1b[0m │ \x1b[2mstr\x1b[0m  │   \x1b[2mnum\x1b[0m   │\n"
               "├─────┼──────┼─────────┤\n"
               "│   1 │ CPS1 │   180.5 │\n"
               "│   2 │ OTC  │      95 │\n"
               "│   3 │ NA   │     210 │\n"
               "│   4 │ \x1b[2m<NA>\x1b[0m │      \x1b[2mNA\x1b[0m │\n"
               "└─────┴──────┴─────────┘\n"
               "4 rows × 3 columns\n");
  pw_display off = {80, 24, 0};
  cr_assert_eq(pw_set_display(e, &off), PW_OK);
  expect_shown(e, "visits:select('id', 'gene', 'ammonia'):head(4)",
               "┌─────┬──────┬─────────┐\n"
               "│ id  │ gene │ ammonia │\n"
               "│ int │ str  │   num   │\n"
               "├─────┼──────┼─────────┤\n"
               "│   1 │ CPS1 │   180.5 │\n"
               "│   2 │ OTC  │      95 │\n"
               "│   3 │ NA   │     210 │\n"
               "│   4 │ <NA> │      NA │\n"
               "└─────┴──────┴─────────┘\n"
               "4 rows × 3 columns\n");
  pw_close(&e);
}

Test(show, a_grouped_frame_says_its_groups) {
  pw_engine *e = open_display(80, 24, 0);
  run(e, visits);
  expect_shown(e, "visits:head(5):group_by('gene')",
               "grouped by gene: 4 groups\n"
               "┌─────┬─────────┬──────┬─────────┬─────────┬────────────┬────────┐\n"
               "│ id  │ patient │ gene │ ammonia │ treated │   visit    │  site  │\n"
               "│ int │   str   │ str  │   num   │  bool   │    date    │  str   │\n"
               "├─────┼─────────┼──────┼─────────┼─────────┼────────────┼────────┤\n"
               "│   1 │ P01     │ CPS1 │   180.5 │ true    │ 2024-01-05 │ Boston │\n"
               "│   2 │ P02     │ OTC  │      95 │ false   │ 2024-01-12 │ Lyon   │\n"
               "│   3 │ P03     │ NA   │     210 │ true    │ 2024-02-01 │ Boston │\n"
               "│   4 │ P04     │ <NA> │      NA │ true    │ 2024-02-15 │ Madrid │\n"
               "│   5 │ P05     │ CPS1 │   64.25 │ false   │ 2024-03-01 │ Lyon   │\n"
               "└─────┴─────────┴──────┴─────────┴─────────┴────────────┴────────┘\n"
               "… 1 more column: note\n"
               "5 rows × 8 columns\n");
  pw_close(&e);
}

Test(show, tables_sorted_quoted_and_nested_to_depth_four) {
  pw_engine *e = open_display(80, 24, 0);
  expect_shown(
      e, "{3, 'x', z = 1, a = 'say \"hi\"\\n', [10] = true, [false] = 0, ['end'] = 1}",
      "{3, \"x\", [false] = 0, [10] = true, a = \"say \\\"hi\\\"\\n\", [\"end\"] = 1, z "
      "= 1}\n");
  expect_shown(e, "{a = {b = {c = {d = {e = 1}}}}, f = frame.new{x = {1, 2}}}",
               "{a = {b = {c = {d = {…}}}}, f = <frame 2 rows × 1 column>}\n");
  expect_shown(e, "{{{{{1}}}}}", "{{{{{…}}}}}\n");
  pw_close(&e);
}

Test(show, a_table_too_wide_for_one_line_takes_one_entry_per_line) {
  pw_engine *e = open_display(30, 24, 0);
  expect_shown(e, "{patient = 'P01', gene = 'CPS1', doses = {1, 2, 3}}",
               "{\n"
               "  doses = {1, 2, 3},\n"
               "  gene = \"CPS1\",\n"
               "  patient = \"P01\"\n"
               "}\n");
  pw_close(&e);
}

Test(show, a_long_array_stops_after_fifty_entries) {
  pw_engine *e = open_display(400, 24, 0);
  run(e, "long = {} for i = 1, 1234 do long[i] = i end");
  expect_shown(e, "long",
               "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, "
               "21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, "
               "39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, … 1,184 more}\n");
  pw_close(&e);
}

Test(show, a_cycle_is_named) {
  pw_engine *e = open_display(80, 24, 0);
  run(e, "t = {1, sub = {}}; t.sub.up = t; t.me = t; shared = {}; u = {shared, shared}");
  expect_shown(e, "t", "{1, me = <cycle>, sub = {up = <cycle>}}\n");
  expect_shown(e, "u", "{{}, {}}\n");
  pw_close(&e);
}

Test(show, a_test_result_shows_its_summary) {
  pw_engine *e = open_display(80, 24, 0);
  expect_shown(e, "stats.t_test{x = {1, 2, 3}, y = {2, 3, 5}}",
               "\n"
               "\tWelch Two Sample t-test\n"
               "\n"
               "t = -1.2649, df = 3.4483, p-value = 0.2846\n"
               "alternative hypothesis: true difference in means is not equal to 0\n"
               "95 percent confidence interval:\n"
               " -4.454217 1.787551\n"
               "sample estimates:\n"
               "mean of x mean of y \n"
               "        2  3.333333 \n");
  pw_close(&e);
}

Test(show, verdicts_with_reason_and_evidence) {
  pw_engine *e = open_display(80, 24, 0);
  expect_shown(e, "met{n = 3, ratio = 0.5}", "[met]\n  {n = 3, ratio = 0.5}\n");
  expect_shown(e, "not_met('ammonia above 100 in 2 of 3', {above = 2, n = 3})",
               "[not met] ammonia above 100 in 2 of 3\n  {above = 2, n = 3}\n");
  expect_shown(e, "insufficient('too few patients')",
               "[insufficient] too few patients\n");
  pw_display color = {80, 24, 1};
  cr_assert_eq(pw_set_display(e, &color), PW_OK);
  expect_shown(e, "met(), not_met('no')",
               "\x1b[32m[met]\x1b[0m\n\x1b[31m[not met]\x1b[0m no\n");
  expect_shown(e, "insufficient('few')", "\x1b[33m[insufficient]\x1b[0m few\n");
  pw_close(&e);
}
