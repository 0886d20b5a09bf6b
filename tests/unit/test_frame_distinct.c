/* test_frame_distinct.c: Criterion tests of frame_distinct.c (distinct, count, unique).
 */
#include <math.h>

#include "test_frame_helpers.h"

static frame *sample(const frame_mem *m) {
  static const char *const g[] = {"b", "a", "b", NULL, "a", "b", NULL};
  static const int64_t x[] = {1, 2, 1, 3, 2, 9, 3};
  frame *f = frame_new(m, 7);
  add(f, "g", col_str(m, 7, g));
  add(f, "x", col_int(m, 7, x, NULL));
  return f;
}

Test(frame_distinct, first_occurrences_in_order) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = sample(&m);
  frame *r;
  char buf[64];
  cr_assert_eq(frame_distinct(f, NULL, 0, &r), FRAME_OK);
  cr_assert_eq(r->ncol, 2);
  cr_assert_str_eq(strs_text(r->cols[0], buf, sizeof buf), "b,a,NA,b");
  cr_assert_str_eq(ints_text(r->cols[1], buf, sizeof buf), "1,2,3,9");
  frame_free(r);
  size_t g = 0;
  cr_assert_eq(frame_distinct(f, &g, 1, &r), FRAME_OK);
  cr_assert_eq(r->ncol, 1, "only the columns asked for");
  cr_assert_str_eq(strs_text(r->cols[0], buf, sizeof buf), "b,a,NA");
  frame_free(r);
  frame_free(f);
  track_done(&t);
}

Test(frame_count, groups_in_key_order_with_n) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = sample(&m);
  frame *r;
  char buf[64];
  size_t g = 0;
  cr_assert_eq(frame_count(f, &g, 1, &r), FRAME_OK);
  cr_assert_str_eq(r->names[1], "n");
  cr_assert_str_eq(strs_text(r->cols[0], buf, sizeof buf), "a,b,NA");
  cr_assert_str_eq(ints_text(r->cols[1], buf, sizeof buf), "2,3,2");
  frame_free(r);
  cr_assert_eq(frame_count(f, NULL, 0, &r), FRAME_OK);
  cr_assert_eq(r->ncol, 1);
  cr_assert_eq(int_at(r->cols[0], 0), 7);
  frame_free(r);
  frame_free(f);
  track_done(&t);
}

Test(frame_count, a_key_named_n_makes_the_count_nn) {
  tracker t;
  frame_mem m = track_init(&t);
  static const int64_t x[] = {1, 1, 2};
  frame *f = frame_new(&m, 3);
  add(f, "n", col_int(&m, 3, x, NULL));
  frame *r;
  size_t k = 0;
  cr_assert_eq(frame_count(f, &k, 1, &r), FRAME_OK);
  cr_assert_str_eq(r->names[1], "nn");
  frame_free(r);
  frame_free(f);
  track_done(&t);
}

Test(frame_unique, values_without_na_first_seen_first) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = sample(&m);
  frame_column *u;
  char buf[64];
  cr_assert_eq(frame_column_unique(f->cols[0], &u), FRAME_OK);
  cr_assert_str_eq(strs_text(u, buf, sizeof buf), "b,a");
  frame_column_unref(u);
  const double v[] = {2, NAN, 2, -0.0, 0.0, 1};
  frame_column *c = col_num(&m, 6, v, NULL);
  cr_assert_eq(frame_column_unique(c, &u), FRAME_OK);
  cr_assert_eq(u->n, 3, "2, 0 (either sign), 1; NaN is not a value");
  frame_column_unref(u);
  frame_column_unref(c);
  frame_free(f);
  track_done(&t);
}

typedef struct distinct_case {
  frame *f; /* input */
} distinct_case;

static int run_distinct(const frame_mem *m, void *arg) {
  (void)m;
  frame *f = ((distinct_case *)arg)->f, *r;
  size_t keys[] = {1, 0};
  int status = frame_distinct(f, NULL, 0, &r);
  if (status != FRAME_OK)
    return status;
  frame_free(r);
  status = frame_count(f, keys, 2, &r);
  if (status != FRAME_OK)
    return status;
  frame_free(r);
  frame_column *u;
  status = frame_column_unique(f->cols[0], &u);
  if (status == FRAME_OK)
    frame_column_unref(u);
  return status;
}

Test(frame_distinct, allocation_failures_leak_nothing) {
  tracker t;
  frame_mem m = track_init(&t);
  distinct_case dc = {sample(&m)};
  cr_assert_gt(track_failures(&t, &m, run_distinct, &dc), 5);
  frame_free(dc.f);
  track_done(&t);
}
