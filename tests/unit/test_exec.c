/* test_exec.c: Criterion tests of the per-row interpreter (vm/exec): NA
** logic, arithmetic, comparisons, every scalar function, strings on
** dictionary and plain columns, batches, and allocation failures. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include "exec_fixtures.h"

/* Evaluate s per row of f (mutate) and compare with `want`. */
static void check(const frame *f, const char *s, const char *want) {
  expr_error e;
  exec_report rep;
  expr_plan *p = expr_compile(s, strlen(s), f, EXPR_MUTATE, NULL, &e);
  cr_assert_not_null(p, "%s: %s", s, e.msg);
  frame_column *c;
  cr_assert_eq(exec_mutate(p, f, NULL, &c, &rep), EXEC_OK, "%s: %s", s, rep.msg);
  char *got = render(c);
  cr_assert_str_eq(got, want, "for: %s\n got: %s\nwant: %s", s, got, want);
  free(got);
  frame_column_unref(c);
  expr_plan_free(p);
}

/* The filter mask of s over f as "1|0|...". */
static void check_filter(const frame *f, const char *s, const char *want) {
  expr_error e;
  exec_report rep;
  expr_plan *p = expr_compile(s, strlen(s), f, EXPR_FILTER, NULL, &e);
  cr_assert_not_null(p, "%s: %s", s, e.msg);
  uint8_t mask[64];
  cr_assert_eq(exec_filter(p, f, NULL, mask, &rep), EXEC_OK, "%s: %s", s, rep.msg);
  char got[256] = "";
  for (size_t i = 0; i < f->nrow; i++)
    snprintf(got + strlen(got), sizeof got - strlen(got), "%s%d", i ? "|" : "", mask[i]);
  cr_assert_str_eq(got, want, "for: %s\n got: %s\nwant: %s", s, got, want);
  expr_plan_free(p);
}

/* Counts of NA-making events for s. */
static exec_report report_of(const frame *f, const char *s) {
  expr_error e;
  exec_report rep;
  expr_plan *p = expr_compile(s, strlen(s), f, EXPR_MUTATE, NULL, &e);
  cr_assert_not_null(p, "%s: %s", s, e.msg);
  frame_column *c;
  cr_assert_eq(exec_mutate(p, f, NULL, &c, &rep), EXEC_OK);
  frame_column_unref(c);
  expr_plan_free(p);
  return rep;
}

/* ------------------------------------------------------------ NA logic */

/* Every pair of true, false and NA, row by row. */
#define TRUTH "a:bool=true|true|true|false|false|false|NA|NA|NA;" \
              "b:bool=true|false|NA|true|false|NA|true|false|NA"

Test(exec_logic, and_truth_table) {
  frame *f = mk(TRUTH);
  check(f, "a and b", "true|false|NA|false|false|false|NA|false|NA");
  frame_free(f);
}

Test(exec_logic, or_truth_table) {
  frame *f = mk(TRUTH);
  check(f, "a or b", "true|true|true|true|false|NA|true|NA|NA");
  frame_free(f);
}

Test(exec_logic, not_and_is_na) {
  frame *f = mk(TRUTH);
  check(f, "not a", "false|false|false|true|true|true|NA|NA|NA");
  check(f, "is_na(a)", "false|false|false|false|false|false|true|true|true");
  check(f, "not is_na(b)", "true|true|false|true|true|false|true|true|false");
  frame_free(f);
}

Test(exec_logic, na_literals) {
  frame *f = mk(TRUTH);
  check(f, "na and false", "false|false|false|false|false|false|false|false|false");
  check(f, "na or true", "true|true|true|true|true|true|true|true|true");
  check(f, "not na", "NA|NA|NA|NA|NA|NA|NA|NA|NA");
  check(f, "a == na", "NA|NA|NA|NA|NA|NA|NA|NA|NA");
  frame_free(f);
}

Test(exec_logic, filter_keeps_only_true) {
  frame *f = mk(TRUTH);
  check_filter(f, "a and b", "1|0|0|0|0|0|0|0|0");
  check_filter(f, "a or b", "1|1|1|1|0|0|1|0|0");
  check_filter(f, "not (a or b)", "0|0|0|0|1|0|0|0|0");
  check_filter(f, "a", "1|1|1|0|0|0|0|0|0");
  check_filter(f, "na", "0|0|0|0|0|0|0|0|0");
  frame_free(f);
}

Test(exec_logic, comparisons_propagate_na) {
  frame *f = mk("x:int=1|2|NA|4;y:num=1.5|NA|3|4");
  check(f, "x < y", "true|NA|NA|false");
  check(f, "x == 4", "false|false|NA|true");
  check(f, "x != y", "true|NA|NA|false");
  check(f, "x >= 2", "false|true|NA|true");
  check(f, "x + y", "2.5|NA|NA|8");
  frame_free(f);
}

/* ------------------------------------------------------------ numbers */

Test(exec_num, precedence) {
  frame *f = mk("x:int=2");
  check(f, "1 + 2 * 3", "7");
  check(f, "(1 + 2) * 3", "9");
  check(f, "-x ^ 2", "-4");
  check(f, "2 ^ 3 ^ 2", "512");
  check(f, "2 ^ -1", "0.5");
  check(f, "-x % 3", "1");
  check(f, "10 - 4 - 3", "3");
  check(f, "12 / 3 / 2", "2");
  check(f, "not x > 1 or true", "true");
  check(f, "not (x > 1 and false)", "true");
  check(f, "(x > 1) == true", "true");
  check(f, "x in (1, 2) and x not in (3)", "true");
  frame_free(f);
}

Test(exec_num, int_arithmetic_stays_int_and_overflow_is_na) {
  frame *f = mk("x:int=9223372036854775807|-9223372036854775807|3|NA;y:int=1|-2|0|1");
  check(f, "x + y", "NA|NA|3|NA");
  check(f, "x - y", "9223372036854775806|-9223372036854775805|3|NA");
  check(f, "x * y", "9223372036854775807|NA|0|NA");
  check(f, "x % y", "0|-1|NA|NA");
  check(f, "-(x - 1)", "-9223372036854775806|NA|-2|NA");
  check(f, "x / y", "9.22337203685478e+18|4.61168601842739e+18|inf|NA");
  exec_report rep = report_of(f, "x + y");
  cr_assert_eq(rep.overflow, 2);
  rep = report_of(f, "x % y");
  cr_assert_eq(rep.overflow, 0);   /* % 0 is NA by definition, not an overflow */
  frame_free(f);
  f = mk("x:int=-9223372036854775807");
  check(f, "abs(x - 1)", "NA");
  check(f, "-(x - 1)", "NA");
  frame_free(f);
}

Test(exec_num, modulo_is_floored) {
  frame *f = mk("x:int=7|-7|7|-7;y:int=3|3|-3|-3;u:num=7.5|-7.5|7.5|-7.5");
  check(f, "x % y", "1|2|-2|-1");
  check(f, "u % y", "1.5|1.5|-1.5|-1.5");
  frame_free(f);
}

Test(exec_num, nan_becomes_na_and_is_counted) {
  frame *f = mk("x:num=0|1|-1|NA");
  check(f, "x / 0", "NA|inf|-inf|NA");
  check(f, "log(x)", "-inf|0|NA|NA");
  check(f, "sqrt(x)", "0|1|NA|NA");
  exec_report rep = report_of(f, "x / 0");
  cr_assert_eq(rep.nan, 1);
  rep = report_of(f, "log(x)");
  cr_assert_eq(rep.nan, 1);
  frame_free(f);
}

Test(exec_num, math_functions) {
  frame *f = mk("x:num=-2.5|0.5|1.5|NA;i:int=-3|0|4|NA");
  check(f, "abs(x)", "2.5|0.5|1.5|NA");
  check(f, "abs(i)", "3|0|4|NA");
  check(f, "floor(x)", "-3|0|1|NA");
  check(f, "ceil(x)", "-2|1|2|NA");
  check(f, "floor(i)", "-3|0|4|NA");
  check(f, "exp(i * 0)", "1|1|1|NA");
  check(f, "sqrt(i * i)", "3|0|4|NA");
  check(f, "log(exp(x))", "-2.5|0.5|1.5|NA");
  frame_free(f);
}

Test(exec_num, round_follows_r) {
  frame *f = mk("x:num=0.5|1.5|2.5|-1.5|0.15|2.675|1234.5678|-0.25");
  check(f, "round(x)", "0|2|2|-2|0|3|1235|-0");
  check(f, "round(x, 1)", "0.5|1.5|2.5|-1.5|0.1|2.7|1234.6|-0.2");
  check(f, "round(x, 2)", "0.5|1.5|2.5|-1.5|0.15|2.67|1234.57|-0.25");
  check(f, "round(x, -2)", "0|0|0|-0|0|0|1200|-0");
  check(f, "round(x, 400)", "0.5|1.5|2.5|-1.5|0.15|2.675|1234.5678|-0.25");
  frame_free(f);
  f = mk("i:int=1234|NA;d:int=-2|1");
  check(f, "round(i)", "1234|NA");
  check(f, "round(i, d)", "1200|NA");
  frame_free(f);
}

Test(exec_num, int_and_num_compare_and_mix) {
  frame *f = mk("i:int=1|2|3;x:num=1|2.5|2.9");
  check(f, "i == x", "true|false|false");
  check(f, "i > x", "false|false|true");
  check(f, "i in (1, 2.5)", "true|false|false");
  check(f, "x in (1, 2.5)", "true|true|false");
  check(f, "coalesce(na, i) + x", "2|4.5|5.9");
  frame_free(f);
}

/* ------------------------------------------------------------ dates */

Test(exec_date, arithmetic_and_parts) {
  frame *f = mk("d:date=2024-02-28|2024-03-01|1969-12-31|NA;e:date=2024-01-01|2024-01-01|1970-01-01|2024-01-01");
  check(f, "d + 1", "2024-02-29|2024-03-02|1970-01-01|NA");
  check(f, "d - 60", "2023-12-30|2024-01-01|1969-11-01|NA");
  check(f, "d - e", "58|60|-1|NA");
  check(f, "days_between(e, d)", "58|60|-1|NA");
  check(f, "days_between(d, '2024-12-25')", "301|299|20083|NA");
  check(f, "year(d)", "2024|2024|1969|NA");
  check(f, "month(d)", "2|3|12|NA");
  check(f, "d > '2024-02-28'", "false|true|false|NA");
  check(f, "d in ('2024-03-01', '1969-12-31')", "false|true|true|NA");
  check(f, "coalesce(d, '2000-01-01')", "2024-02-28|2024-03-01|1969-12-31|2000-01-01");
  check(f, "if_else(d < e, e, d)", "2024-02-28|2024-03-01|1970-01-01|NA");
  frame_free(f);
}

Test(exec_date, out_of_range_is_na) {
  frame *f = mk("d:date=2024-01-01;n:int=9000000000000");
  check(f, "d + n", "NA");
  check(f, "year(d + n * 1000000)", "NA");
  cr_assert_eq(report_of(f, "d + n").overflow, 1);
  frame_free(f);
}

/* ------------------------------------------------------------ strings */

/* The same strings dictionary-encoded (s) and plain (p). */
#define STRINGS "s:str=c.1003C>T|c.5del|NA|CPS1|c.12C>T|caf\xc3\xa9;" \
                "p:plain=c.1003C>T|c.5del|NA|CPS1|c.12C>T|caf\xc3\xa9"

Test(exec_str, equality_and_order_on_both_storages) {
  frame *f = mk(STRINGS);
  for (int k = 0; k < 2; k++) {
    char s[128];
    const char *c = k ? "p" : "s";
    snprintf(s, sizeof s, "%s == 'CPS1'", c);
    check(f, s, "false|false|NA|true|false|false");
    snprintf(s, sizeof s, "'CPS1' != %s", c);
    check(f, s, "true|true|NA|false|true|true");
    snprintf(s, sizeof s, "%s < 'c.2'", c);
    check(f, s, "true|false|NA|true|true|false");
    snprintf(s, sizeof s, "'c.2' <= %s", c);
    check(f, s, "false|true|NA|false|false|true");
    snprintf(s, sizeof s, "%s == 'absent'", c);
    check(f, s, "false|false|NA|false|false|false");
  }
  check(f, "s == p", "true|true|NA|true|true|true");
  check(f, "s > p", "false|false|NA|false|false|false");
  frame_free(f);
}

Test(exec_str, in_and_not_in_with_na) {
  frame *f = mk(STRINGS);
  for (int k = 0; k < 2; k++) {
    char s[128];
    const char *c = k ? "p" : "s";
    snprintf(s, sizeof s, "%s in ('CPS1', 'c.5del', 'zzz')", c);
    check(f, s, "false|true|NA|true|false|false");
    snprintf(s, sizeof s, "%s not in ('CPS1', 'c.5del')", c);
    check(f, s, "true|false|NA|false|true|true");
    snprintf(s, sizeof s, "%s in ('CPS1', na)", c);
    check(f, s, "NA|NA|NA|true|NA|NA");
    snprintf(s, sizeof s, "%s not in ('CPS1', na)", c);
    check(f, s, "NA|NA|NA|false|NA|NA");
  }
  frame_free(f);
}

Test(exec_str, regex_per_entry_and_per_row_agree) {
  frame *f = mk(STRINGS);
  for (int k = 0; k < 2; k++) {
    char s[128];
    const char *c = k ? "p" : "s";
    snprintf(s, sizeof s, "%s ~ '^c\\.[0-9]+C>T$'", c);
    check(f, s, "true|false|NA|false|true|false");
    snprintf(s, sizeof s, "%s !~ '^c\\.[0-9]+C>T$'", c);
    check(f, s, "false|true|NA|true|false|true");
    snprintf(s, sizeof s, "%s ~ '^caf.$'", c);   /* UTF mode: é is one character */
    check(f, s, "false|false|NA|false|false|true");
    snprintf(s, sizeof s, "%s ~ ''", c);
    check(f, s, "true|true|NA|true|true|true");
  }
  frame_free(f);
}

Test(exec_str, the_t2_predicate) {
  frame *f = mk("gene:str=CPS1|CPS1|OTC|CPS1|NA;variant:str=c.1003C>T|c.1003del|c.1003C>T|NA|c.1C>T;"
                "ammonia:num=1|2|3|4|NA");
  check_filter(f, "gene == 'CPS1' and variant ~ '^c\\.[0-9]+C>T$' and not is_na(ammonia)",
               "1|0|0|0|0");
  check_filter(f, "gene == 'CPS1' or variant ~ 'C>T'", "1|1|1|1|1");
  frame_free(f);
}

Test(exec_str, case_length_and_substrings) {
  frame *f = mk(STRINGS);
  check(f, "upper(s)", "C.1003C>T|C.5DEL|NA|CPS1|C.12C>T|CAF\xc3\xa9");
  check(f, "lower(p)", "c.1003c>t|c.5del|NA|cps1|c.12c>t|caf\xc3\xa9");
  check(f, "len(s)", "9|6|NA|4|7|4");
  check(f, "substr(p, 3)", "1003C>T|5del|NA|S1|12C>T|f\xc3\xa9");
  check(f, "substr(s, 4, 1)", "0|d|NA|1|2|\xc3\xa9");
  check(f, "substr(s, 0, 2)", "c|c|NA|C|c|c");
  check(f, "substr(s, -5, 3)", "||NA|||");
  check(f, "substr(s, 2, 0)", "||NA|||");
  check(f, "substr(s, 50)", "||NA|||");
  check(f, "substr(s, 1, -1)", "NA|NA|NA|NA|NA|NA");
  check(f, "substr(lower(s), 1, 3) == 'caf'", "false|false|NA|false|false|true");
  frame_free(f);
}

Test(exec_str, choices_of_strings) {
  frame *f = mk("s:str=a|NA|c;p:plain=x|y|NA;b:bool=true|false|NA");
  check(f, "if_else(b, s, p)", "a|y|NA");
  check(f, "coalesce(s, p, 'none')", "a|y|c");
  check(f, "coalesce(p, s)", "x|y|c");
  check(f, "if_else(b, 'yes', 'no')", "yes|no|NA");
  frame_free(f);
}

/* ------------------------------------------------------------ results */

Test(exec_result, a_bare_column_is_shared) {
  frame *f = mk("s:str=a|b;x:int=1|2");
  expr_error e;
  exec_report rep;
  expr_plan *p = expr_compile("s", 1, f, EXPR_MUTATE, NULL, &e);
  frame_column *c;
  cr_assert_eq(exec_mutate(p, f, NULL, &c, &rep), EXEC_OK);
  cr_assert_eq(c, f->cols[0]);
  frame_column_unref(c);
  expr_plan_free(p);
  frame_free(f);
}

Test(exec_result, strings_are_interned_in_a_new_dictionary) {
  frame *f = mk("s:str=a|b|a|NA");
  expr_error e;
  exec_report rep;
  expr_plan *p = expr_compile("upper(s)", 8, f, EXPR_MUTATE, NULL, &e);
  frame_column *c;
  cr_assert_eq(exec_mutate(p, f, NULL, &c, &rep), EXEC_OK);
  cr_assert_not_null(c->dict);
  cr_assert_neq(c->dict, f->cols[0]->dict);
  cr_assert_eq(c->dict->n, 2);
  cr_assert_eq(c->n_na, 1);
  frame_column_unref(c);
  expr_plan_free(p);
  frame_free(f);
}

Test(exec_result, constants_fill_every_row) {
  frame *f = mk("x:int=1|2|3");
  check(f, "7", "7|7|7");
  check(f, "'k'", "k|k|k");
  check(f, "na", "NA|NA|NA");
  check(f, "'2024-01-01' < '2024-01-02'", "true|true|true");
  frame_free(f);
}

/* Rows across several batches, with NA in the bitmaps at the edges. */
Test(exec_result, batches_join_up) {
  size_t n = 3 * PW_EXEC_BATCH + 17;
  frame *f = frame_new(NULL, n);
  frame_column *x = frame_column_new(NULL, FRAME_INT, n, NULL);
  for (size_t i = 0; i < n; i++) {
    ((int64_t *)x->data)[i] = (int64_t)i;
    if (i % 7 == 0 || i == PW_EXEC_BATCH - 1 || i == PW_EXEC_BATCH)
      frame_column_set_na(x, i);
  }
  frame_add(f, "x", x);
  frame_column_unref(x);
  expr_error e;
  exec_report rep;
  const char *s = "x % 3 == 0 or x > 5000";
  expr_plan *p = expr_compile(s, strlen(s), f, EXPR_FILTER, NULL, &e);
  uint8_t *mask = malloc(n);
  cr_assert_eq(exec_filter(p, f, NULL, mask, &rep), EXEC_OK);
  for (size_t i = 0; i < n; i++) {
    int na = i % 7 == 0 || i == PW_EXEC_BATCH - 1 || i == PW_EXEC_BATCH;
    int want = !na && (i % 3 == 0 || i > 5000);   /* NA or NA is NA: dropped */
    cr_assert_eq(mask[i], want, "row %zu", i);
  }
  free(mask);
  expr_plan_free(p);
  frame_free(f);
}

Test(exec_result, an_empty_frame) {
  frame *f = mk("x:int=1");
  frame *g = frame_new(NULL, 0);
  frame_column *c = frame_column_new(NULL, FRAME_INT, 0, NULL);
  frame_add(g, "x", c);
  frame_column_unref(c);
  expr_error e;
  exec_report rep;
  expr_plan *p = expr_compile("x + 1", 5, g, EXPR_MUTATE, NULL, &e);
  cr_assert_eq(exec_mutate(p, g, NULL, &c, &rep), EXEC_OK);
  cr_assert_eq(c->n, 0);
  frame_column_unref(c);
  expr_plan_free(p);
  frame_free(g);
  frame_free(f);
}

Test(exec_result, a_plan_runs_only_on_its_frame) {
  frame *f = mk("x:int=1|2;s:str=a|b");
  frame *g = mk("x:num=1|2;s:str=a|b");
  frame *h = mk("s:str=a|b;x:int=1|2");
  expr_error e;
  exec_report rep;
  expr_plan *p = expr_compile("x > 1", 5, f, EXPR_FILTER, NULL, &e);
  uint8_t mask[2];
  cr_assert_eq(exec_filter(p, g, NULL, mask, &rep), EXEC_EFRAME);
  cr_assert_str_eq(rep.msg, "expression: the frame does not match the compiled expression (column 'x')");
  cr_assert_eq(exec_filter(p, h, NULL, mask, &rep), EXEC_EFRAME);
  expr_plan_free(p);
  p = expr_compile("x + 1", 5, f, EXPR_MUTATE, NULL, &e);   /* not bool, not per group */
  cr_assert_eq(exec_filter(p, f, NULL, mask, &rep), EXEC_EPLAN);
  cr_assert_str_eq(rep.msg, "expression: the plan is not a filter plan");
  frame_column *c;
  cr_assert_eq(exec_summarise(p, f, NULL, 1, NULL, &c, &rep), EXEC_EPLAN);
  expr_plan_free(p);
  p = expr_compile("sum(x)", 6, f, EXPR_SUMMARISE, NULL, &e);
  cr_assert_eq(exec_mutate(p, f, NULL, &c, &rep), EXEC_EPLAN);
  cr_assert_str_eq(rep.msg, "expression: the plan is not a per-row plan");
  expr_plan_free(p);
  frame_free(f);
  frame_free(g);
  frame_free(h);
}

/* ------------------------------------------------------------ memory */

#include "counting_alloc.h"
#include "frame/frame_ops.h"

Test(exec_memory, every_allocation_failure_is_clean) {
  frame *f = mk(STRINGS ";x:int=1|2|3|NA|5|6;d:date=2024-01-01|NA|2024-01-03|2024-01-04|2024-01-05|2024-01-06");
  const char *texts[] = {"lower(p) == 'cps1' or s ~ 'C>T$' and s in ('x', na)",
                         "if_else(x > 2, upper(s), substr(p, 2)) ",
                         "d + x"};
  for (int k = 0; k < 3; k++) {
    expr_error e;
    expr_plan *p = expr_compile(texts[k], strlen(texts[k]), f, EXPR_MUTATE, NULL, &e);
    cr_assert_not_null(p, "%s", e.msg);
    int succeeded = 0;
    for (long n = 0; n < 500 && !succeeded; n++) {
      counting c = {n, 0};
      frame_mem m = {.alloc = counting_alloc, .ud = &c};
      exec_report rep;
      frame_column *col;
      exec_status st = exec_mutate(p, f, &m, &col, &rep);
      if (st == EXEC_OK) {
        succeeded = 1;
        frame_column_unref(col);
      } else {
        cr_assert_eq(st, EXEC_ENOMEM, "%s", rep.msg);
        cr_assert_null(col);
      }
      cr_assert_eq(c.live, 0, "%s: %ld bytes left after %ld allocations", texts[k], c.live, n);
    }
    cr_assert(succeeded);
    expr_plan_free(p);
  }
  frame_free(f);
}

/* ------------------------------------------------------------ stopping */

/* A stop hook that says "stop" from its `after`-th question on. */
typedef struct stopper {
  int asked;   /* questions so far */
  int after;   /* answer yes from this one */
} stopper;

static int stop_after(void *ud) {
  stopper *s = ud;
  return s->asked++ >= s->after;
}

/* A long run asks the hook between batches and stops cleanly when told:
** nothing is produced, nothing leaks, the message says why. */
Test(exec_stop, a_run_stops_between_batches_when_the_hook_says_so) {
  size_t n = (size_t)PW_EXEC_BATCH * PW_EXEC_STOP_EVERY * 4;
  frame *f = frame_new(NULL, n);
  frame_builder b;
  cr_assert_eq(frame_builder_init(&b, NULL, FRAME_INT, n), FRAME_OK);
  for (size_t i = 0; i < n; i++)
    cr_assert_eq(frame_builder_int(&b, (int64_t)i), FRAME_OK);
  frame_column *x;
  cr_assert_eq(frame_builder_finish(&b, &x), FRAME_OK);
  cr_assert_eq(frame_add(f, "x", x), 0);
  frame_column_unref(x);
  expr_error e;
  expr_plan *p = expr_compile("x * 2 + 1", 9, f, EXPR_MUTATE, NULL, &e);
  cr_assert_not_null(p, "%s", e.msg);
  for (int after = 0; after < 4; after++) {
    stopper s = {0, after};
    counting c = {-1, 0};
    frame_mem m = {.alloc = counting_alloc, .ud = &c, .stop = stop_after, .stop_ud = &s};
    exec_report rep;
    frame_column *col;
    cr_assert_eq(exec_mutate(p, f, &m, &col, &rep), EXEC_ESTOP);
    cr_expect_null(col);
    cr_expect_str_eq(rep.msg, "expression: stopped (a time limit or an interrupt)");
    cr_expect_eq(s.asked, after + 1, "asked once every %d batches", PW_EXEC_STOP_EVERY);
    cr_expect_eq(c.live, 0);
  }
  stopper never = {0, 1 << 30};
  frame_mem m = {.alloc = NULL, .stop = stop_after, .stop_ud = &never};
  exec_report rep;
  frame_column *col;
  cr_assert_eq(exec_mutate(p, f, &m, &col, &rep), EXEC_OK, "%s", rep.msg);
  cr_expect_eq(never.asked, 4);
  frame_column_unref(col);
  expr_plan_free(p);
  frame_free(f);
}
