/* test_frame_join.c: Criterion tests of frame_join.c (inner, left, right, full). */
#include "test_frame_helpers.h"

/* x: id = 1 2 2 NA 3, v = a b c d e; y: id = 2 4 2 NA 1, w, v = p q r s t */
typedef struct pair {
  frame *x; /* left */
  frame *y; /* right */
} pair;

static pair make_pair(const frame_mem *m) {
  static const int64_t xid[] = {1, 2, 2, 0, 3};
  static const char *const xv[] = {"a", "b", "c", "d", "e"};
  static const int64_t yid[] = {2, 4, 2, 0, 1};
  static const double w[] = {20, 40, 21, 99, 10};
  static const char *const yv[] = {"p", "q", "r", "s", "t"};
  pair p;
  p.x = frame_new(m, 5);
  add(p.x, "id", col_int(m, 5, xid, "...x."));
  add(p.x, "v", col_str(m, 5, xv));
  p.y = frame_new(m, 5);
  add(p.y, "id", col_int(m, 5, yid, "...x."));
  add(p.y, "w", col_num(m, 5, w, NULL));
  add(p.y, "v", col_plain(m, 5, yv));
  return p;
}

static void free_pair(pair *p) {
  frame_free(p->x);
  frame_free(p->y);
}

static const size_t key0[] = {0};

static void expect_rows(const pair *p, frame_join_how how, const char *want_x,
                        const char *want_y) {
  frame_join_spec spec = {key0, key0, 1, how, NULL, NULL};
  frame_row *xr, *yr;
  size_t n;
  char buf[128];
  cr_assert_eq(frame_join_rows(p->x, p->y, &spec, &xr, &yr, &n), FRAME_OK);
  cr_assert_str_eq(rows_text(xr, n, buf, sizeof buf), want_x, "how %d", how);
  cr_assert_str_eq(rows_text(yr, n, buf, sizeof buf), want_y, "how %d", how);
  frame_mem_free(&p->x->mem, xr, n * sizeof *xr);
  frame_mem_free(&p->x->mem, yr, n * sizeof *yr);
}

Test(frame_join, row_pairs_of_each_how) {
  tracker t;
  frame_mem m = track_init(&t);
  pair p = make_pair(&m);
  expect_rows(&p, FRAME_JOIN_INNER, "0,1,1,2,2", "4,0,2,0,2");
  expect_rows(&p, FRAME_JOIN_LEFT, "0,1,1,2,2,3,4", "4,0,2,0,2,NONE,NONE");
  expect_rows(&p, FRAME_JOIN_RIGHT, "0,1,1,2,2,NONE,NONE", "4,0,2,0,2,1,3");
  expect_rows(&p, FRAME_JOIN_FULL, "0,1,1,2,2,3,4,NONE,NONE", "4,0,2,0,2,NONE,NONE,1,3");
  free_pair(&p);
  track_done(&t);
}

Test(frame_join, full_join_columns_keys_coalesced_and_suffixes) {
  tracker t;
  frame_mem m = track_init(&t);
  pair p = make_pair(&m);
  frame_join_spec spec = {key0, key0, 1, FRAME_JOIN_FULL, "_x", "_y"};
  frame *r;
  char buf[128];
  cr_assert_eq(frame_join(p.x, p.y, &spec, &r), FRAME_OK);
  cr_assert_eq(r->ncol, 4);
  cr_assert_str_eq(r->names[0], "id");
  cr_assert_str_eq(r->names[1], "v_x");
  cr_assert_str_eq(r->names[2], "w");
  cr_assert_str_eq(r->names[3], "v_y");
  cr_assert_str_eq(ints_text(r->cols[0], buf, sizeof buf), "1,2,2,2,2,NA,3,4,NA");
  cr_assert_str_eq(strs_text(r->cols[1], buf, sizeof buf), "a,b,b,c,c,d,e,NA,NA");
  cr_assert_str_eq(strs_text(r->cols[3], buf, sizeof buf), "t,p,r,p,r,NA,NA,q,s");
  cr_assert(frame_is_na(r->cols[2], 5));
  cr_assert_float_eq(num_at(r->cols[2], 7), 40, 0);
  frame_free(r);
  spec.how = FRAME_JOIN_INNER;
  cr_assert_eq(frame_join(p.x, p.y, &spec, &r), FRAME_OK);
  cr_assert_eq(r->nrow, 5);
  cr_assert_eq(r->cols[1]->dict, p.x->cols[1]->dict, "x's columns keep their dictionary");
  frame_free(r);
  free_pair(&p);
  track_done(&t);
}

Test(frame_join, int_and_num_keys_compare_by_value) {
  tracker t;
  frame_mem m = track_init(&t);
  static const int64_t a[] = {1, 2, 3};
  static const double b[] = {2.0, 2.5, 1.0, 7.0};
  frame *x = frame_new(&m, 3), *y = frame_new(&m, 4);
  add(x, "k", col_int(&m, 3, a, NULL));
  add(y, "k", col_num(&m, 4, b, NULL));
  frame_join_spec spec = {key0, key0, 1, FRAME_JOIN_FULL, NULL, NULL};
  frame *r;
  cr_assert_eq(frame_join(x, y, &spec, &r), FRAME_OK);
  cr_assert_eq(r->nrow, 5);
  cr_assert_eq(r->cols[0]->type, FRAME_NUM, "the common type of int and num");
  double want[] = {1, 2, 3, 2.5, 7};
  for (size_t i = 0; i < 5; i++)
    cr_assert_float_eq(num_at(r->cols[0], i), want[i], 0);
  frame_free(r);
  frame_free(x);
  frame_free(y);
  track_done(&t);
}

Test(frame_join, several_keys_and_strings_of_different_dictionaries) {
  tracker t;
  frame_mem m = track_init(&t);
  static const char *const xs[] = {"CPS1", "OTC", "CPS1", NULL};
  static const int64_t xn[] = {1, 1, 2, 1};
  static const char *const ys[] = {"OTC", "CPS1", "CPS1", "ASS1", NULL};
  static const int64_t yn[] = {1, 2, 2, 1, 1};
  static const int64_t yv[] = {10, 20, 21, 30, 40};
  frame *x = frame_new(&m, 4), *y = frame_new(&m, 5);
  add(x, "gene", col_str(&m, 4, xs));
  add(x, "n", col_int(&m, 4, xn, NULL));
  add(y, "n", col_int(&m, 5, yn, NULL));
  add(y, "symbol", col_plain(&m, 5, ys));
  add(y, "val", col_int(&m, 5, yv, NULL));
  size_t xk[] = {0, 1}, yk[] = {1, 0};
  frame_join_spec spec = {xk, yk, 2, FRAME_JOIN_FULL, NULL, NULL};
  frame *r;
  char buf[128];
  cr_assert_eq(frame_join(x, y, &spec, &r), FRAME_OK);
  cr_assert_eq(r->ncol, 3, "y's keys are not repeated");
  cr_assert_str_eq(strs_text(col_of(r, "gene"), buf, sizeof buf),
                   "CPS1,OTC,CPS1,CPS1,NA,ASS1,NA");
  cr_assert_str_eq(ints_text(col_of(r, "val"), buf, sizeof buf), "NA,10,20,21,NA,30,40");
  cr_assert_str_eq(ints_text(col_of(r, "n"), buf, sizeof buf), "1,1,2,2,1,1,1");
  frame_free(r);
  frame_free(x);
  frame_free(y);
  track_done(&t);
}

Test(frame_join, suffix_repeats_while_the_name_is_taken) {
  tracker t;
  frame_mem m = track_init(&t);
  static const int64_t k[] = {1};
  frame *x = frame_new(&m, 1), *y = frame_new(&m, 1);
  add(x, "k", col_int(&m, 1, k, NULL));
  add(x, "a", col_int(&m, 1, k, NULL));
  add(x, "a_y", col_int(&m, 1, k, NULL));
  add(y, "k", col_int(&m, 1, k, NULL));
  add(y, "a", col_int(&m, 1, k, NULL));
  frame_join_spec spec = {key0, key0, 1, FRAME_JOIN_INNER, "_x", "_y"};
  frame *r;
  cr_assert_eq(frame_join(x, y, &spec, &r), FRAME_OK);
  cr_assert_str_eq(r->names[1], "a_x");
  cr_assert_str_eq(r->names[2], "a_y");
  cr_assert_str_eq(r->names[3], "a_y_y");
  frame_free(r);
  frame_free(x);
  frame_free(y);
  track_done(&t);
}

Test(frame_join, errors_and_empty_sides) {
  tracker t;
  frame_mem m = track_init(&t);
  pair p = make_pair(&m);
  size_t vkey[] = {2}; /* y.v, a str */
  frame_join_spec spec = {key0, vkey, 1, FRAME_JOIN_INNER, NULL, NULL};
  frame *r = NULL;
  cr_assert_eq(frame_join(p.x, p.y, &spec, &r), FRAME_ETYPE,
               "int against num is fine, "
               "int against str is not");
  spec.nkeys = 0;
  cr_assert_eq(frame_join(p.x, p.y, &spec, &r), FRAME_EARG);
  cr_assert_null(r);
  frame *empty;
  cr_assert_eq(frame_slice(p.y, 0, 0, &empty), FRAME_OK);
  frame_join_spec left = {key0, key0, 1, FRAME_JOIN_LEFT, NULL, NULL};
  cr_assert_eq(frame_join(p.x, empty, &left, &r), FRAME_OK);
  cr_assert_eq(r->nrow, 5);
  cr_assert_eq(r->cols[2]->n_na, 5);
  frame_free(r);
  left.how = FRAME_JOIN_INNER;
  cr_assert_eq(frame_join(empty, p.x, &left, &r), FRAME_OK);
  cr_assert_eq(r->nrow, 0);
  frame_free(r);
  frame_free(empty);
  free_pair(&p);
  track_done(&t);
}

typedef struct join_case {
  pair p;             /* inputs */
  frame_join_how how; /* which join */
} join_case;

static int run_join(const frame_mem *m, void *arg) {
  (void)m;
  join_case *jc = arg;
  frame_join_spec spec = {key0, key0, 1, jc->how, NULL, NULL};
  frame *r;
  int status = frame_join(jc->p.x, jc->p.y, &spec, &r);
  if (status == FRAME_OK)
    frame_free(r);
  return status;
}

Test(frame_join, allocation_failures_leak_nothing) {
  tracker t;
  frame_mem m = track_init(&t);
  join_case jc = {make_pair(&m), FRAME_JOIN_INNER};
  for (int how = 0; how <= FRAME_JOIN_FULL; how++) {
    jc.how = (frame_join_how)how;
    cr_assert_gt(track_failures(&t, &m, run_join, &jc), 5);
  }
  free_pair(&jc.p);
  track_done(&t);
}
