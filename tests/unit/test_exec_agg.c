/* test_exec_agg.c: Criterion tests of the aggregates (vm/exec/exec_agg.c)
** with NA and all-NA groups, and of summarise plans that combine them. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include "exec_fixtures.h"
#include "frame/frame_ops.h"

/* Column indices of the comma-separated names. */
static size_t key_columns(const frame *f, const char *by, size_t *keys) {
  char *copy = strdup(by), *save = NULL;
  size_t n = 0;
  for (char *k = strtok_r(copy, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
    long at = frame_find(f, k);
    cr_assert_geq(at, 0, "no column %s", k);
    keys[n++] = (size_t)at;
  }
  free(copy);
  return n;
}

/* Evaluate summarise plan s over f grouped by `by` (NULL: one group). */
static exec_report summary(const frame *f, const char *by, const char *s, char **got) {
  uint32_t gid[256];
  size_t ngroups = 1, keys[8];
  if (by) {   /* groups in order of first appearance, as the expected values list them */
    size_t nkeys = key_columns(f, by, keys);
    cr_assert_eq(frame_factorize(f, keys, nkeys, gid, &ngroups), FRAME_OK);
  }
  expr_error e;
  exec_report rep;
  expr_plan *p = expr_compile(s, strlen(s), f, EXPR_SUMMARISE, NULL, &e);
  cr_assert_not_null(p, "%s: %s", s, e.msg);
  frame_column *c;
  cr_assert_eq(exec_summarise(p, f, by ? gid : NULL, ngroups, NULL, &c, &rep), EXEC_OK,
               "%s: %s", s, rep.msg);
  *got = render(c);
  frame_column_unref(c);
  expr_plan_free(p);
  return rep;
}

static void check(const frame *f, const char *by, const char *s, const char *want) {
  char *got;
  summary(f, by, s, &got);
  cr_assert_str_eq(got, want, "for: %s\n got: %s\nwant: %s", s, got, want);
  free(got);
}

/* Three groups: a (two rows), b (three), c (one, all NA). */
#define GROUPS "g:str=a|a|b|b|b|c;x:int=1|NA|3|4|NA|NA;y:num=1.5|2.5|NA|1|2|NA;" \
               "t:bool=true|false|true|true|NA|NA;d:date=2024-01-05|2024-01-01|NA|2023-12-31|2024-02-01|NA;" \
               "s:str=p|NA|q|r|q|NA;u:plain=p|NA|q|r|q|NA"

/* ------------------------------------------------------------ aggregates */

Test(exec_agg, count_counts_rows) {
  frame *f = mk(GROUPS);
  check(f, "g", "count()", "2|3|1");
  check(f, NULL, "count()", "6");
  frame_free(f);
}

Test(exec_agg, sum_skips_na_and_all_na_is_na) {
  frame *f = mk(GROUPS);
  check(f, "g", "sum(x)", "1|7|NA");
  check(f, "g", "sum(y)", "4|3|NA");
  check(f, "g", "sum(t)", "1|2|NA");
  check(f, NULL, "sum(x)", "8");
  frame_free(f);
}

Test(exec_agg, sum_overflow_is_na) {
  frame *f = mk("g:int=1|1|2;x:int=9223372036854775807|1|5");
  char *got;
  exec_report rep = summary(f, "g", "sum(x)", &got);
  cr_assert_str_eq(got, "NA|5");
  cr_assert_eq(rep.overflow, 1);
  free(got);
  frame_free(f);
}

Test(exec_agg, sums_are_compensated) {
  frame *f = mk("x:num=1e16|1|1|-1e16|1|1");
  check(f, NULL, "sum(x)", "4");
  check(f, NULL, "mean(x)", "0.666666666666667");
  frame_free(f);
}

Test(exec_agg, mean_of_numbers_and_proportions) {
  frame *f = mk(GROUPS);
  check(f, "g", "mean(x)", "1|3.5|NA");
  check(f, "g", "mean(y)", "2|1.5|NA");
  check(f, "g", "mean(t)", "0.5|1|NA");
  frame_free(f);
}

Test(exec_agg, sd_and_var_divide_by_n_minus_1) {
  frame *f = mk(GROUPS);
  check(f, "g", "var(x)", "NA|0.5|NA");
  check(f, "g", "sd(y)", "0.707106781186548|0.707106781186548|NA");
  frame_free(f);
  f = mk("x:num=2|4|4|4|5|5|7|9");
  check(f, NULL, "var(x)", "4.57142857142857");
  check(f, NULL, "sd(x)", "2.1380899352994");
  frame_free(f);
}

Test(exec_agg, median_and_quantile_are_r_type_7) {
  frame *f = mk("v:int=10|1|NA|3|2|4");
  check(f, NULL, "median(v)", "3");
  check(f, NULL, "quantile(v, 0.1)", "1.4");
  check(f, NULL, "quantile(v, 0.9)", "7.6");
  check(f, NULL, "quantile(v, 0)", "1");
  check(f, NULL, "quantile(v, 1)", "10");
  check(f, NULL, "quantile(v, 0.5) == median(v)", "true");
  frame_free(f);
  f = mk("g:int=1|1|1|1|2|2;v:num=4|1|3|2|NA|NA");
  check(f, "g", "median(v)", "2.5|NA");
  check(f, "g", "quantile(v, 0.25)", "1.75|NA");
  frame_free(f);
}

Test(exec_agg, min_and_max_keep_the_type) {
  frame *f = mk(GROUPS);
  check(f, "g", "min(x)", "1|3|NA");
  check(f, "g", "max(y)", "2.5|2|NA");
  check(f, "g", "min(d)", "2024-01-01|2023-12-31|NA");
  check(f, "g", "max(d)", "2024-01-05|2024-02-01|NA");
  check(f, "g", "max(d) - min(d)", "4|32|NA");
  frame_free(f);
}

Test(exec_agg, first_and_last_skip_na) {
  frame *f = mk(GROUPS);
  check(f, "g", "first(x)", "1|3|NA");
  check(f, "g", "last(x)", "1|4|NA");
  check(f, "g", "first(s)", "p|q|NA");
  check(f, "g", "last(s)", "p|q|NA");
  check(f, "g", "last(u)", "p|q|NA");
  check(f, "g", "first(lower(upper(u)))", "p|q|NA");
  check(f, "g", "first(t)", "true|true|NA");
  check(f, "g", "last(y)", "2.5|2|NA");
  check(f, "g", "last(d)", "2024-01-01|2024-02-01|NA");
  frame_free(f);
}

Test(exec_agg, n_distinct_counts_present_values) {
  frame *f = mk(GROUPS);
  check(f, "g", "n_distinct(s)", "1|2|0");
  check(f, "g", "n_distinct(u)", "1|2|0");
  check(f, "g", "n_distinct(x)", "1|2|0");
  check(f, "g", "n_distinct(t)", "2|1|0");
  check(f, NULL, "n_distinct(g)", "3");
  frame_free(f);
  f = mk("x:num=0|-0|1.5|1.5|NA");
  check(f, NULL, "n_distinct(x)", "2");
  frame_free(f);
}

Test(exec_agg, aggregates_combine_in_expressions) {
  frame *f = mk("pid:str=P1|P1|P1|P2|P2|P3;day:int=0|100|400|0|730|0;crisis:int=1|0|1|0|0|1");
  check(f, "pid", "sum(crisis)", "2|0|1");
  check(f, "pid", "(max(day) - min(day)) / 365.25", "1.09514031485284|1.99863107460643|0");
  check(f, "pid", "sum(crisis) / count()", "0.666666666666667|0|1");
  check(f, "pid", "if_else(sum(crisis) > 0, 'yes', 'no')", "yes|no|yes");
  check(f, "pid", "round(mean(day), 1)", "166.7|365|0");
  check(f, "pid", "sum(if_else(day > 0, crisis, 0))", "1|0|0");
  check(f, "pid", "42", "42|42|42");
  frame_free(f);
}

Test(exec_agg, an_empty_frame_has_one_empty_group) {
  frame *f = mk("x:int=1");
  frame *g = frame_new(NULL, 0);
  frame_column *c = frame_column_new(NULL, FRAME_INT, 0, NULL);
  frame_add(g, "x", c);
  frame_column_unref(c);
  check(g, NULL, "count()", "0");
  check(g, NULL, "sum(x)", "NA");
  check(g, NULL, "n_distinct(x)", "0");
  check(g, NULL, "median(x)", "NA");
  frame_free(g);
  frame_free(f);
}

Test(exec_agg, bad_group_ids_are_refused) {
  frame *f = mk("x:int=1|2");
  uint32_t gid[2] = {0, 7};
  expr_error e;
  exec_report rep;
  expr_plan *p = expr_compile("sum(x)", 6, f, EXPR_SUMMARISE, NULL, &e);
  frame_column *c;
  cr_assert_eq(exec_summarise(p, f, gid, 2, NULL, &c, &rep), EXEC_EFRAME);
  cr_assert_str_eq(rep.msg, "expression: group id 7 of row 2 is out of range (2 groups)");
  cr_assert_null(c);
  expr_plan_free(p);
  frame_free(f);
}

/* ------------------------------------------------------------ memory */

#include "counting_alloc.h"

Test(exec_agg_memory, every_allocation_failure_is_clean) {
  frame *f = mk(GROUPS);
  size_t keys[1] = {0}, ng;
  uint32_t gid[6];
  cr_assert_eq(frame_factorize(f, keys, 1, gid, &ng), FRAME_OK);
  const char *s = "median(y) + quantile(x, 0.3) + n_distinct(u) + n_distinct(s) + sd(y) "
                  "+ if_else(first(u) == last(s), 1, 0) + sum(x) + count()";
  expr_error e;
  expr_plan *p = expr_compile(s, strlen(s), f, EXPR_SUMMARISE, NULL, &e);
  cr_assert_not_null(p, "%s", e.msg);
  int succeeded = 0;
  for (long n = 0; n < 500 && !succeeded; n++) {
    counting c = {n, 0};
    frame_mem m = {.alloc = counting_alloc, .ud = &c};
    exec_report rep;
    frame_column *col;
    exec_status st = exec_summarise(p, f, gid, ng, &m, &col, &rep);
    if (st == EXEC_OK) {
      succeeded = 1;
      frame_column_unref(col);
    } else {
      cr_assert_eq(st, EXEC_ENOMEM, "%s", rep.msg);
    }
    cr_assert_eq(c.live, 0, "%ld bytes left after %ld allocations", c.live, n);
  }
  cr_assert(succeeded);
  expr_plan_free(p);
  frame_free(f);
}
