/* test_frame_build.c: Criterion tests of frame_build.c and frame_date.c. */
#include <math.h>

#include "test_frame_helpers.h"

Test(frame_builder, infers_int_and_promotes_to_num) {
  tracker t;
  frame_mem m = track_init(&t);
  frame_builder b;
  cr_assert_eq(frame_builder_init(&b, &m, -1, 0), FRAME_OK);
  cr_assert_eq(frame_builder_na(&b), FRAME_OK);
  cr_assert_eq(frame_builder_int(&b, 2), FRAME_OK);
  cr_assert_eq(b.type, FRAME_INT);
  for (int i = 0; i < 40; i++) /* past the first growth */
    cr_assert_eq(frame_builder_int(&b, i), FRAME_OK);
  cr_assert_eq(frame_builder_num(&b, 0.5), FRAME_OK);
  cr_assert_eq(frame_builder_int(&b, 7), FRAME_OK);
  cr_assert_eq(frame_builder_num(&b, NAN), FRAME_OK, "NaN is stored as NA");
  frame_column *c;
  cr_assert_eq(frame_builder_finish(&b, &c), FRAME_OK);
  cr_assert_eq(c->type, FRAME_NUM);
  cr_assert_eq(c->n, 45);
  cr_assert_eq(c->n_na, 2);
  cr_assert(frame_is_na(c, 0));
  cr_assert_float_eq(num_at(c, 1), 2, 0);
  cr_assert_float_eq(num_at(c, 42), 0.5, 0);
  cr_assert_float_eq(num_at(c, 43), 7, 0);
  cr_assert(frame_is_na(c, 44));
  frame_column_unref(c);
  frame_builder_free(&b);
  track_done(&t);
}

Test(frame_builder, mixed_kinds_are_refused) {
  tracker t;
  frame_mem m = track_init(&t);
  frame_builder b;
  cr_assert_eq(frame_builder_init(&b, &m, -1, 4), FRAME_OK);
  cr_assert_eq(frame_builder_str(&b, "a", 1), FRAME_OK);
  cr_assert_eq(frame_builder_int(&b, 1), FRAME_ETYPE);
  cr_assert_eq(frame_builder_bool(&b, 1), FRAME_ETYPE);
  cr_assert_eq(frame_builder_str(&b, "a", 1), FRAME_OK);
  frame_column *c;
  cr_assert_eq(frame_builder_finish(&b, &c), FRAME_OK);
  cr_assert_eq(c->n, 2);
  cr_assert_eq(c->dict->n, 1, "strings are dictionary-encoded");
  cr_assert_null(c->valid);
  frame_column_unref(c);
  cr_assert_eq(frame_builder_init(&b, &m, -1, 0), FRAME_OK);
  cr_assert_eq(frame_builder_na(&b), FRAME_OK);
  cr_assert_eq(frame_builder_finish(&b, &c), FRAME_ETYPE, "all NA: no type to infer");
  frame_builder_free(&b);
  track_done(&t);
}

Test(frame_builder, a_given_type_converts_or_refuses) {
  tracker t;
  frame_mem m = track_init(&t);
  frame_builder b;
  cr_assert_eq(frame_builder_init(&b, &m, FRAME_INT, 0), FRAME_OK);
  cr_assert_eq(frame_builder_num(&b, 3.0), FRAME_OK, "an integral float fits int");
  cr_assert_eq(frame_builder_num(&b, 3.5), FRAME_ETYPE, "a given int does not promote");
  frame_column *c;
  cr_assert_eq(frame_builder_finish(&b, &c), FRAME_OK);
  cr_assert_eq(int_at(c, 0), 3);
  frame_column_unref(c);
  cr_assert_eq(frame_builder_init(&b, &m, FRAME_STR, 0), FRAME_OK);
  cr_assert_eq(frame_builder_na(&b), FRAME_OK);
  cr_assert_eq(frame_builder_finish(&b, &c), FRAME_OK, "all NA of a given type");
  cr_assert_eq(c->type, FRAME_STR);
  cr_assert_eq(c->n_na, 1);
  frame_column_unref(c);
  cr_assert_eq(frame_builder_init(&b, &m, FRAME_DATE, 0), FRAME_OK);
  cr_assert_eq(frame_builder_date(&b, 19000), FRAME_OK);
  cr_assert_eq(frame_builder_str(&b, "x", 1), FRAME_ETYPE);
  cr_assert_eq(frame_builder_finish(&b, &c), FRAME_OK);
  cr_assert_eq(((int32_t *)c->data)[0], 19000);
  frame_column_unref(c);
  cr_assert_eq(frame_builder_init(&b, &m, -1, 0), FRAME_OK);
  cr_assert_eq(frame_builder_finish(&b, &c), FRAME_ETYPE);
  frame_builder_free(&b);
  track_done(&t);
}

static int run_build(const frame_mem *m, void *arg) {
  (void)arg;
  frame_builder b;
  int status = frame_builder_init(&b, m, -1, 3);
  for (int i = 0; i < 100 && status == FRAME_OK; i++)
    status = i % 7 == 0 ? frame_builder_na(&b) : frame_builder_int(&b, i);
  if (status == FRAME_OK)
    status = frame_builder_num(&b, 1.5);
  frame_column *c = NULL;
  if (status == FRAME_OK)
    status = frame_builder_finish(&b, &c);
  frame_builder_free(&b);
  frame_column_unref(c);
  if (status != FRAME_OK)
    return status;
  status = frame_builder_init(&b, m, -1, 0);
  for (int i = 0; i < 50 && status == FRAME_OK; i++) {
    char s[8];
    snprintf(s, sizeof s, "s%d", i % 9);
    status = i % 5 == 0 ? frame_builder_na(&b) : frame_builder_str(&b, s, strlen(s));
  }
  c = NULL;
  if (status == FRAME_OK)
    status = frame_builder_finish(&b, &c);
  frame_builder_free(&b);
  frame_column_unref(c);
  return status;
}

Test(frame_builder, allocation_failures_leak_nothing) {
  tracker t;
  frame_mem m = track_init(&t);
  cr_assert_gt(track_failures(&t, &m, run_build, NULL), 5);
  track_done(&t);
}

Test(frame_date, parse_and_format_round_trip) {
  struct {
    const char *text; /* ISO date */
    int32_t days;     /* days since 1970-01-01 */
  } cases[] = {{"1970-01-01", 0},     {"1969-12-31", -1},      {"2000-02-29", 11016},
               {"2024-03-01", 19783}, {"0000-01-01", -719528}, {"9999-12-31", 2932896}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int32_t d;
    char buf[FRAME_DATE_BUFSIZE];
    cr_assert_eq(frame_date_parse(cases[i].text, 10, &d), 0, "%s", cases[i].text);
    cr_assert_eq(d, cases[i].days, "%s: %d", cases[i].text, d);
    cr_assert_eq(frame_date_format(d, buf), 10);
    cr_assert_str_eq(buf, cases[i].text);
  }
}

Test(frame_date, invalid_dates_are_refused) {
  const char *bad[] = {"2024-13-01", "2023-02-29", "1900-02-29",
                       "2024-04-31", "2024-1-01",  "2024/01/01",
                       "2024-01-00", "20240101xx", "+2024-01-0"};
  int32_t d;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    cr_assert_eq(frame_date_parse(bad[i], strlen(bad[i]), &d), -1, "%s", bad[i]);
  char buf[FRAME_DATE_BUFSIZE];
  frame_date_format(-719529, buf);
  cr_assert_str_eq(buf, "-0001-12-31");
  frame_date_format(INT32_MAX, buf);
  cr_assert_str_eq(buf, "+5881580-07-11");
}
