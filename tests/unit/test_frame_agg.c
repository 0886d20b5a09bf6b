/* test_frame_agg.c: Criterion tests of frame_agg.c against values computed as R does. */
#include <math.h>

#include "test_frame_helpers.h"

/* Aggregate a of c over g (NULL: the whole column), one column back. */
static frame_column *agg(const frame_column *c, const frame_groups *g, frame_agg a,
                         double p) {
  frame_column *r = NULL;
  int status = frame_aggregate(c, g, a, p, &r);
  cr_assert_eq(status, FRAME_OK, "%s: %s", frame_agg_name(a), frame_strerror(status));
  return r;
}

/* The single num value of aggregate a of c. */
static double num1(const frame_column *c, frame_agg a, double p) {
  frame_column *r = agg(c, NULL, a, p);
  double v = num_at(r, 0);
  frame_column_unref(r);
  return v;
}

/* The "R:" values in this file were checked on 2026-11-23 with Debian's
** R (r-base-core) by
**   Rscript -e 'x <- c(1,2,3,4,10); cat(sum(x), mean(x), median(x), var(x),
**     sprintf("%.17g", sd(x))); print(quantile(x, c(0,.3,.5,.9,1)), digits = 17);
**     print(quantile(c(3,1,1,1,2,7,7,10), c(.25,.6,.75,.99)), digits = 17);
**     cat(median(c(4,1,3,2)), var(c(1e9+1,1e9+2,1e9+3)), var(c(1,3)))'
** which printed 20 4 3 12.5 3.5355339059327378; 1 2.2 3 7.6 10;
** 1 3.8 7 9.79; 2.5 1 2. */
Test(frame_agg, whole_column_r_reference_values) {
  tracker t;
  frame_mem m = track_init(&t);
  static const double x[] = {10, 2, 4, 1, 3, 99};
  frame_column *c = col_num(&m, 6, x, ".....x"); /* x = c(10, 2, 4, 1, 3, NA) */
  /* R: sum(x, na.rm = TRUE) = 20; mean = 4; median = 3 */
  cr_assert_float_eq(num1(c, FRAME_AGG_SUM, 0), 20, 0);
  cr_assert_float_eq(num1(c, FRAME_AGG_MEAN, 0), 4, 0);
  cr_assert_float_eq(num1(c, FRAME_AGG_MEDIAN, 0), 3, 0);
  /* R: var(x, na.rm = TRUE) = 12.5; sd = 3.5355339059327378 */
  cr_assert_float_eq(num1(c, FRAME_AGG_VAR, 0), 12.5, 1e-15);
  cr_assert_float_eq(num1(c, FRAME_AGG_SD, 0), 3.5355339059327378, 1e-15);
  /* R: quantile(c(1,2,3,4,10), c(0, 0.3, 0.5, 0.9, 1)) = 1, 2.2, 3, 7.6, 10
     (type 7: h = 1 + (n - 1) p; 2.2 = x[2] + 0.2 (x[3] - x[2])) */
  cr_assert_float_eq(num1(c, FRAME_AGG_QUANTILE, 0), 1, 0);
  cr_assert_float_eq(num1(c, FRAME_AGG_QUANTILE, 0.3), 2.2, 1e-12);
  cr_assert_float_eq(num1(c, FRAME_AGG_QUANTILE, 0.5), 3, 0);
  cr_assert_float_eq(num1(c, FRAME_AGG_QUANTILE, 0.9), 7.6, 1e-12);
  cr_assert_float_eq(num1(c, FRAME_AGG_QUANTILE, 1), 10, 0);
  frame_column *r = agg(c, NULL, FRAME_AGG_COUNT, 0);
  cr_assert_eq(int_at(r, 0), 6);
  frame_column_unref(r);
  r = agg(c, NULL, FRAME_AGG_N, 0);
  cr_assert_eq(int_at(r, 0), 5);
  frame_column_unref(r);
  r = agg(c, NULL, FRAME_AGG_MIN, 0);
  cr_assert_float_eq(num_at(r, 0), 1, 0);
  frame_column_unref(r);
  r = agg(c, NULL, FRAME_AGG_MAX, 0);
  cr_assert_float_eq(num_at(r, 0), 10, 0, "the NA row's 99 is not a value");
  frame_column_unref(r);
  frame_column_unref(c);
  track_done(&t);
}

Test(frame_agg, even_counts_ints_and_quantile_steps) {
  tracker t;
  frame_mem m = track_init(&t);
  static const double e[] = {4, 1, 3, 2};
  static const int64_t i[] = {1, 0, 3, 5};
  static const double q[] = {3, 1, 1, 1, 2, 7, 7, 10}; /* ties */
  frame_column *ce = col_num(&m, 4, e, NULL);
  frame_column *ci = col_int(&m, 4, i, ".x..");
  frame_column *cq = col_num(&m, 8, q, NULL);
  /* R: median(c(4, 1, 3, 2)) = 2.5 */
  cr_assert_float_eq(num1(ce, FRAME_AGG_MEDIAN, 0), 2.5, 0);
  /* R: x <- c(1L, NA, 3L, 5L); median(x, na.rm = TRUE) = 3; mean = 3; var = 4 */
  cr_assert_float_eq(num1(ci, FRAME_AGG_MEDIAN, 0), 3, 0);
  cr_assert_float_eq(num1(ci, FRAME_AGG_MEAN, 0), 3, 0);
  cr_assert_float_eq(num1(ci, FRAME_AGG_VAR, 0), 4, 0);
  cr_assert_float_eq(num1(ci, FRAME_AGG_SD, 0), 2, 0);
  frame_column *r = agg(ci, NULL, FRAME_AGG_SUM, 0);
  cr_assert_eq(r->type, FRAME_INT, "an int sum stays int");
  cr_assert_eq(int_at(r, 0), 9);
  frame_column_unref(r);
  /* R: quantile(c(3,1,1,1,2,7,7,10), c(0.25, 0.6, 0.75, 0.99)) = 1, 3.8, 7, 9.79
     (sorted 1 1 1 2 3 7 7 10; 0.6: h = 1 + 7 * 0.6 = 5.2, x[5] = 3, x[6] = 7,
     3 + 0.2 * 4 = 3.8; 0.99: h = 7.93, 7 + 0.93 * 3 = 9.79) */
  cr_assert_float_eq(num1(cq, FRAME_AGG_QUANTILE, 0.25), 1, 0);
  cr_assert_float_eq(num1(cq, FRAME_AGG_QUANTILE, 0.6), 3.8, 1e-12);
  cr_assert_float_eq(num1(cq, FRAME_AGG_QUANTILE, 0.75), 7, 0);
  cr_assert_float_eq(num1(cq, FRAME_AGG_QUANTILE, 0.99), 9.79, 1e-12);
  frame_column_unref(ce);
  frame_column_unref(ci);
  frame_column_unref(cq);
  track_done(&t);
}

Test(frame_agg, long_double_sums_and_mean_as_r) {
  tracker t;
  frame_mem m = track_init(&t);
  static const double x[] = {1e16, 1, -1e16};
  static const double y[] = {1e9 + 1, 1e9 + 2, 1e9 + 3};
  frame_column *cx = col_num(&m, 3, x, NULL);
  frame_column *cy = col_num(&m, 3, y, NULL);
  /* R (x86-64, long double accumulation): sum(c(1e16, 1, -1e16)) = 1, where
     a double loop gives 0. mean(c(1e16, 1, -1e16)): R's real_mean
     (summary.c) divides the long double sum, then adds the mean of the
     residuals summed in long double; that computation gives
     0.33365885416666669 on x86-64, and so must ours. */
  cr_assert_float_eq(num1(cx, FRAME_AGG_SUM, 0), 1, 0);
  cr_assert_float_eq(num1(cx, FRAME_AGG_MEAN, 0), 0.33365885416666669, 1e-17);
  /* R: var(c(1e9 + 1, 1e9 + 2, 1e9 + 3)) = 1 */
  cr_assert_float_eq(num1(cy, FRAME_AGG_VAR, 0), 1, 0);
  frame_column_unref(cx);
  frame_column_unref(cy);
  track_done(&t);
}

/* A frame g = a b a b c c, x = 1 NA 3 NA 5 NA, grouped by g. */
typedef struct grouped {
  frame *f;        /* the frame */
  frame_groups *g; /* its groups: a, b, c */
} grouped;

static grouped make_grouped(const frame_mem *m) {
  static const char *const g[] = {"a", "b", "a", "b", "c", "c"};
  static const int64_t x[] = {1, 0, 3, 0, 5, 0};
  grouped gr;
  gr.f = frame_new(m, 6);
  add(gr.f, "g", col_str(m, 6, g));
  add(gr.f, "x", col_int(m, 6, x, ".x.x.x"));
  size_t key = 0;
  cr_assert_eq(frame_group(gr.f, &key, 1, &gr.g), FRAME_OK);
  return gr;
}

Test(frame_agg, groups_all_na_group_is_na_but_counts_are_zero) {
  tracker t;
  frame_mem m = track_init(&t);
  grouped gr = make_grouped(&m);
  const frame_column *x = col_of(gr.f, "x");
  char buf[128];
  struct {
    frame_agg a;      /* aggregate */
    const char *want; /* per group a, b, c */
  } cases[] = {
      {FRAME_AGG_COUNT, "2,2,2"},  {FRAME_AGG_N, "2,0,1"},
      {FRAME_AGG_SUM, "4,NA,5"},   {FRAME_AGG_MIN, "1,NA,5"},
      {FRAME_AGG_MAX, "3,NA,5"},   {FRAME_AGG_N_DISTINCT, "2,0,1"},
      {FRAME_AGG_FIRST, "1,NA,5"}, {FRAME_AGG_LAST, "3,NA,5"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    frame_column *r = agg(x, gr.g, cases[i].a, 0);
    cr_assert_str_eq(ints_text(r, buf, sizeof buf), cases[i].want, "%s",
                     frame_agg_name(cases[i].a));
    frame_column_unref(r);
  }
  frame_column *r = agg(x, gr.g, FRAME_AGG_MEAN, 0);
  cr_assert_float_eq(num_at(r, 0), 2, 0);
  cr_assert(frame_is_na(r, 1), "all-NA group: NA");
  cr_assert_float_eq(num_at(r, 2), 5, 0);
  frame_column_unref(r);
  r = agg(x, gr.g, FRAME_AGG_VAR, 0);
  cr_assert_float_eq(num_at(r, 0), 2, 0); /* R: var(c(1, 3)) = 2 */
  cr_assert(frame_is_na(r, 1));
  cr_assert(frame_is_na(r, 2), "one value: no variance (R gives NA)");
  frame_column_unref(r);
  r = agg(x, gr.g, FRAME_AGG_QUANTILE, 0.5);
  cr_assert_float_eq(num_at(r, 0), 2, 0);
  cr_assert(frame_is_na(r, 1));
  frame_column_unref(r);
  frame_groups_free(gr.g);
  frame_free(gr.f);
  track_done(&t);
}

Test(frame_agg, strings_bools_and_dates) {
  tracker t;
  frame_mem m = track_init(&t);
  static const char *const s[] = {"pear", NULL, "apple", "fig", "apple"};
  static const uint8_t b[] = {1, 0, 1, 0, 1};
  static const char *const d[] = {"2024-05-01", "2023-01-31", NULL, "2024-06-30",
                                  "2020-02-29"};
  frame_column *cs = col_str(&m, 5, s);
  frame_column *cp = col_plain(&m, 5, s);
  frame_column *cb = col_bool(&m, 5, b, "....x");
  frame_column *cd = col_date(&m, 5, d);
  frame_column *r = agg(cs, NULL, FRAME_AGG_MIN, 0);
  cr_assert_str_eq(str_at(r, 0), "apple");
  cr_assert_eq(r->dict, cs->dict, "min shares the dictionary");
  frame_column_unref(r);
  r = agg(cp, NULL, FRAME_AGG_MAX, 0);
  cr_assert_str_eq(str_at(r, 0), "pear");
  frame_column_unref(r);
  r = agg(cs, NULL, FRAME_AGG_N_DISTINCT, 0);
  cr_assert_eq(int_at(r, 0), 3);
  frame_column_unref(r);
  r = agg(cs, NULL, FRAME_AGG_LAST, 0);
  cr_assert_str_eq(str_at(r, 0), "apple");
  frame_column_unref(r);
  /* R: sum(c(TRUE, FALSE, TRUE, FALSE, NA), na.rm = TRUE) = 2L; mean = 0.5 */
  r = agg(cb, NULL, FRAME_AGG_SUM, 0);
  cr_assert_eq(int_at(r, 0), 2);
  frame_column_unref(r);
  cr_assert_float_eq(num1(cb, FRAME_AGG_MEAN, 0), 0.5, 0);
  r = agg(cd, NULL, FRAME_AGG_MIN, 0);
  char buf[FRAME_DATE_BUFSIZE];
  frame_date_format(((int32_t *)r->data)[0], buf);
  cr_assert_str_eq(buf, "2020-02-29");
  frame_column_unref(r);
  r = agg(cd, NULL, FRAME_AGG_MAX, 0);
  frame_date_format(((int32_t *)r->data)[0], buf);
  cr_assert_str_eq(buf, "2024-06-30");
  frame_column_unref(r);
  frame_column_unref(cs);
  frame_column_unref(cp);
  frame_column_unref(cb);
  frame_column_unref(cd);
  track_done(&t);
}

Test(frame_agg, errors_overflow_type_and_range) {
  tracker t;
  frame_mem m = track_init(&t);
  static const int64_t big[] = {INT64_MAX, 1};
  static const int64_t low[] = {INT64_MIN, -1};
  static const char *const s[] = {"a"};
  static const char *const d[] = {"2024-01-01"};
  frame_column *cb = col_int(&m, 2, big, NULL);
  frame_column *cl = col_int(&m, 2, low, NULL);
  frame_column *cs = col_str(&m, 1, s);
  frame_column *cd = col_date(&m, 1, d);
  frame_column *r = NULL;
  cr_assert_eq(frame_aggregate(cb, NULL, FRAME_AGG_SUM, 0, &r), FRAME_EOVERFLOW);
  cr_assert_eq(frame_aggregate(cl, NULL, FRAME_AGG_SUM, 0, &r), FRAME_EOVERFLOW);
  cr_assert_eq(frame_aggregate(cs, NULL, FRAME_AGG_MEAN, 0, &r), FRAME_ETYPE);
  cr_assert_eq(frame_aggregate(cd, NULL, FRAME_AGG_SUM, 0, &r), FRAME_ETYPE);
  cr_assert_eq(frame_aggregate(cb, NULL, FRAME_AGG_QUANTILE, 1.5, &r), FRAME_EARG);
  cr_assert_eq(frame_aggregate(cb, NULL, FRAME_AGG_QUANTILE, NAN, &r), FRAME_EARG);
  cr_assert_null(r, "no output on failure");
  frame_type ty;
  cr_assert_eq(frame_agg_type(FRAME_AGG_MEDIAN, FRAME_INT, &ty), FRAME_OK);
  cr_assert_eq(ty, FRAME_NUM);
  cr_assert_eq(frame_agg_type(FRAME_AGG_SUM, FRAME_BOOL, &ty), FRAME_OK);
  cr_assert_eq(ty, FRAME_INT);
  cr_assert_eq(frame_agg_type(FRAME_AGG_VAR, FRAME_DATE, &ty), FRAME_ETYPE);
  frame_column_unref(cb);
  frame_column_unref(cl);
  frame_column_unref(cs);
  frame_column_unref(cd);
  track_done(&t);
}

Test(frame_agg, nan_is_skipped_like_na) {
  tracker t;
  frame_mem m = track_init(&t);
  const double x[] = {1, NAN, 3};
  frame_column *c = col_num(&m, 3, x, NULL);
  /* R: mean(c(1, NaN, 3), na.rm = TRUE) = 2 */
  cr_assert_float_eq(num1(c, FRAME_AGG_MEAN, 0), 2, 0);
  cr_assert_float_eq(num1(c, FRAME_AGG_MAX, 0), 3, 0);
  frame_column *r = agg(c, NULL, FRAME_AGG_N, 0);
  cr_assert_eq(int_at(r, 0), 2);
  frame_column_unref(r);
  frame_column_unref(c);
  track_done(&t);
}

Test(frame_agg, empty_column_gives_na_and_zero_counts) {
  tracker t;
  frame_mem m = track_init(&t);
  frame_column *c = col_num(&m, 0, NULL, NULL);
  frame_column *r = agg(c, NULL, FRAME_AGG_MEAN, 0);
  cr_assert_eq(r->n, 1);
  cr_assert(frame_is_na(r, 0));
  frame_column_unref(r);
  r = agg(c, NULL, FRAME_AGG_COUNT, 0);
  cr_assert_eq(int_at(r, 0), 0);
  frame_column_unref(r);
  r = agg(c, NULL, FRAME_AGG_MEDIAN, 0);
  cr_assert(frame_is_na(r, 0));
  frame_column_unref(r);
  frame_column_unref(c);
  track_done(&t);
}

typedef struct agg_case {
  grouped gr; /* the grouped input */
} agg_case;

static int run_aggs(const frame_mem *m, void *arg) {
  (void)m;
  agg_case *ac = arg;
  for (int a = 0; a < FRAME_NAGG; a++) {
    for (int col = 0; col < 2; col++) {
      frame_column *r;
      const frame_column *c = ac->gr.f->cols[col];
      frame_type ty;
      if (frame_agg_type((frame_agg)a, c->type, &ty) != FRAME_OK)
        continue;
      int status = frame_aggregate(c, ac->gr.g, (frame_agg)a, 0.25, &r);
      if (status != FRAME_OK)
        return status;
      frame_column_unref(r);
    }
  }
  return FRAME_OK;
}

Test(frame_agg, allocation_failures_leak_nothing) {
  tracker t;
  frame_mem m = track_init(&t);
  agg_case ac = {make_grouped(&m)};
  cr_assert_gt(track_failures(&t, &m, run_aggs, &ac), 10);
  frame_groups_free(ac.gr.g);
  frame_free(ac.gr.f);
  track_done(&t);
}
