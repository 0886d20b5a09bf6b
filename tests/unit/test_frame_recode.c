/* test_frame_recode.c: Criterion tests of frame_recode.c (str columns
** recoded through a lookup, by dictionary code or by row). */
#include "test_frame_helpers.h"

/* A dictionary {"one", "two"} to recode into. */
static frame_dict *targets(const frame_mem *m) {
  frame_dict *d = frame_dict_new(m);
  cr_assert(d != NULL);
  cr_assert_eq(frame_dict_intern(d, "one", 3), 0);
  cr_assert_eq(frame_dict_intern(d, "two", 3), 1);
  return d;
}

Test(frame_recode, dictionary_column_maps_codes_and_na) {
  tracker t;
  frame_mem m = track_init(&t);
  static const char *const v[] = {"a", "b", NULL, "a", "c"};
  frame_column *c = col_str(&m, 5, v);   /* codes: a 0, b 1, c 2 */
  frame_dict *d = targets(&m);
  const uint32_t map[] = {1, FRAME_RECODE_NA, 0};
  frame_column *r;
  char buf[64];
  cr_assert_eq(frame_column_recode(c, map, FRAME_RECODE_NA, d, &r), FRAME_OK);
  cr_assert_str_eq(strs_text(r, buf, sizeof buf), "two,NA,NA,two,one");
  cr_assert_eq(r->n_na, 2);
  cr_assert_eq(r->dict, d);
  frame_column_unref(r);
  cr_assert_eq(frame_column_recode(c, map, 0, d, &r), FRAME_OK);
  cr_assert_str_eq(strs_text(r, buf, sizeof buf), "two,NA,one,two,one", "NA rows take na_code");
  frame_column_unref(r);
  frame_dict_unref(d);
  frame_column_unref(c);
  track_done(&t);
}

Test(frame_recode, plain_column_maps_rows) {
  tracker t;
  frame_mem m = track_init(&t);
  static const char *const v[] = {"x", NULL, "y"};
  frame_column *c = col_plain(&m, 3, v);
  frame_dict *d = targets(&m);
  const uint32_t map[] = {0, 0, FRAME_RECODE_NA};   /* row 1's entry is never read */
  frame_column *r;
  char buf[64];
  cr_assert_eq(frame_column_recode(c, map, 1, d, &r), FRAME_OK);
  cr_assert_str_eq(strs_text(r, buf, sizeof buf), "one,two,NA");
  frame_column_unref(r);
  frame_dict_unref(d);
  frame_column_unref(c);
  track_done(&t);
}

Test(frame_recode, only_str_columns) {
  tracker t;
  frame_mem m = track_init(&t);
  static const int64_t iv[] = {1, 2};
  frame_column *c = col_int(&m, 2, iv, NULL);
  frame_dict *d = targets(&m);
  const uint32_t map[] = {0, 0};
  frame_column *r = (frame_column *)1;
  cr_assert_eq(frame_column_recode(c, map, 0, d, &r), FRAME_ETYPE);
  cr_assert_null(r);
  frame_dict_unref(d);
  frame_column_unref(c);
  track_done(&t);
}

typedef struct recode_case {
  frame_column *c;   /* the column to recode */
  frame_dict *d;     /* into */
} recode_case;

static int run_recode(const frame_mem *m, void *arg) {
  (void)m;
  recode_case *rc = arg;
  const uint32_t map[] = {1, FRAME_RECODE_NA, 0};
  frame_column *r;
  int status = frame_column_recode(rc->c, map, FRAME_RECODE_NA, rc->d, &r);
  if (status == FRAME_OK)
    frame_column_unref(r);
  return status;
}

Test(frame_recode, allocation_failures_leak_nothing) {
  tracker t;
  frame_mem m = track_init(&t);
  static const char *const v[] = {"a", "b", NULL, "a", "c"};
  recode_case rc = {col_str(&m, 5, v), targets(&m)};
  cr_assert_gt(track_failures(&t, &m, run_recode, &rc), 1);
  frame_dict_unref(rc.d);
  frame_column_unref(rc.c);
  track_done(&t);
}
