/* test_frame_take.c: Criterion tests of frame_take.c (gather, filter, slice). */
#include "test_frame_helpers.h"

/* A frame of every kind of column: int, num, bool, date, dict str, plain str. */
static frame *sample(const frame_mem *m) {
  static const int64_t iv[] = {1, 2, 3, 4, 5};
  static const double nv[] = {1.5, 2.5, 3.5, 4.5, 5.5};
  static const uint8_t bv[] = {1, 0, 1, 0, 1};
  static const char *const dv[] = {"2024-01-01", NULL, "2024-03-01", "2024-04-01",
                                   "1969-12-31"};
  static const char *const sv[] = {"a", "b", NULL, "a", "c"};
  static const char *const pv[] = {"x1", NULL, "x333", "", "x5"};
  frame *f = frame_new(m, 5);
  add(f, "i", col_int(m, 5, iv, "..x.."));
  add(f, "n", col_num(m, 5, nv, NULL));
  add(f, "b", col_bool(m, 5, bv, "x...."));
  add(f, "d", col_date(m, 5, dv));
  add(f, "s", col_str(m, 5, sv));
  add(f, "p", col_plain(m, 5, pv));
  return f;
}

Test(frame_take, gathers_rows_and_makes_none_na) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = sample(&m);
  frame_row rows[] = {4, 0, FRAME_ROW_NONE, 2, 2};
  frame *r;
  char buf[128];
  cr_assert_eq(frame_take(f, rows, 5, &r), FRAME_OK);
  cr_assert_eq(r->nrow, 5);
  cr_assert_str_eq(ints_text(col_of(r, "i"), buf, sizeof buf), "5,1,NA,NA,NA");
  cr_assert_eq(col_of(r, "i")->n_na, 3);
  cr_assert_float_eq(num_at(col_of(r, "n"), 0), 5.5, 0);
  cr_assert(frame_is_na(col_of(r, "n"), 2));
  cr_assert(frame_is_na(col_of(r, "b"), 1), "source row 0 was NA");
  cr_assert_str_eq(strs_text(col_of(r, "s"), buf, sizeof buf), "c,a,NA,NA,NA");
  cr_assert_str_eq(strs_text(col_of(r, "p"), buf, sizeof buf), "x5,x1,NA,x333,x333");
  cr_assert_eq(col_of(r, "s")->dict, col_of(f, "s")->dict, "the dictionary is shared");
  char date[FRAME_DATE_BUFSIZE];
  frame_date_format(((int32_t *)col_of(r, "d")->data)[0], date);
  cr_assert_str_eq(date, "1969-12-31");
  frame_free(r);
  frame_free(f);
  track_done(&t);
}

Test(frame_take, no_na_means_no_bitmap) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = sample(&m);
  frame_row rows[] = {0, 1, 3};
  frame *r;
  cr_assert_eq(frame_take(f, rows, 3, &r), FRAME_OK);
  cr_assert_null(col_of(r, "i")->valid, "rows 0, 1, 3 of i are all present");
  cr_assert_eq(col_of(r, "i")->n_na, 0);
  cr_assert_not_null(col_of(r, "b")->valid);
  frame_free(r);
  frame_free(f);
  track_done(&t);
}

Test(frame_take, empty_selection_and_empty_frame) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = sample(&m);
  frame *r, *r2;
  cr_assert_eq(frame_take(f, NULL, 0, &r), FRAME_OK);
  cr_assert_eq(r->nrow, 0);
  cr_assert_eq(r->ncol, 6);
  uint8_t none[1] = {0};
  cr_assert_eq(frame_filter(r, none, &r2), FRAME_OK);
  cr_assert_eq(r2->nrow, 0);
  frame_free(r2);
  cr_assert_eq(frame_slice(r, 0, 10, &r2), FRAME_OK);
  cr_assert_eq(r2->nrow, 0);
  frame_free(r2);
  frame_free(r);
  frame_free(f);
  track_done(&t);
}

Test(frame_filter, keeps_masked_rows_in_order) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = sample(&m);
  uint8_t mask[] = {0, 1, 1, 0, 1};
  frame *r;
  char buf[64];
  cr_assert_eq(frame_filter(f, mask, &r), FRAME_OK);
  cr_assert_str_eq(ints_text(col_of(r, "i"), buf, sizeof buf), "2,NA,5");
  cr_assert_str_eq(strs_text(col_of(r, "p"), buf, sizeof buf), "NA,x333,x5");
  frame_free(r);
  frame_free(f);
  track_done(&t);
}

Test(frame_filter, all_rows_share_the_columns) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = sample(&m);
  uint8_t mask[] = {1, 1, 1, 1, 1};
  frame *r;
  cr_assert_eq(frame_filter(f, mask, &r), FRAME_OK);
  for (size_t j = 0; j < f->ncol; j++) {
    cr_assert_eq(r->cols[j], f->cols[j], "column %zu was copied", j);
    cr_assert_eq(f->cols[j]->refcount, 2);
  }
  frame_free(r);
  cr_assert_eq(f->cols[0]->refcount, 1);
  frame_free(f);
  track_done(&t);
}

Test(frame_slice, head_and_tail_ranges_clamp) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = sample(&m);
  frame *r;
  char buf[64];
  cr_assert_eq(frame_slice(f, 1, 3, &r), FRAME_OK);
  cr_assert_str_eq(ints_text(col_of(r, "i"), buf, sizeof buf), "2,NA,4");
  cr_assert_str_eq(strs_text(col_of(r, "p"), buf, sizeof buf), "NA,x333,");
  cr_assert_eq(col_of(r, "s")->dict, col_of(f, "s")->dict);
  frame_free(r);
  cr_assert_eq(frame_slice(f, 3, 100, &r), FRAME_OK);
  cr_assert_eq(r->nrow, 2);
  cr_assert_null(col_of(r, "i")->valid);
  frame_free(r);
  cr_assert_eq(frame_slice(f, 9, 1, &r), FRAME_OK);
  cr_assert_eq(r->nrow, 0);
  frame_free(r);
  cr_assert_eq(frame_slice(f, 0, 5, &r), FRAME_OK);
  cr_assert_eq(r->cols[0], f->cols[0], "the whole frame shares its columns");
  frame_free(r);
  frame_free(f);
  track_done(&t);
}

/* ------------------------------------------------ allocation failures */

typedef struct take_case {
  frame *f; /* input */
  int kind; /* 0 take, 1 filter, 2 slice */
} take_case;

static int run_take(const frame_mem *m, void *arg) {
  (void)m;
  take_case *tc = arg;
  frame_row rows[] = {3, FRAME_ROW_NONE, 1, 0};
  uint8_t mask[] = {1, 0, 1, 1, 0};
  frame *r = NULL;
  int status = tc->kind == 0   ? frame_take(tc->f, rows, 4, &r)
               : tc->kind == 1 ? frame_filter(tc->f, mask, &r)
                               : frame_slice(tc->f, 1, 3, &r);
  if (status == FRAME_OK)
    frame_free(r);
  return status;
}

Test(frame_take, allocation_failures_leak_nothing) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = sample(&m);
  for (int kind = 0; kind < 3; kind++) {
    take_case tc = {f, kind};
    cr_assert_gt(track_failures(&t, &m, run_take, &tc), 5);
  }
  frame_free(f);
  track_done(&t);
}
