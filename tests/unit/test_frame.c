/* test_frame.c: Criterion tests of frame.c and frame_select.c (the data model). */
#include "test_frame_helpers.h"

Test(frame_dict, interns_finds_and_grows) {
  tracker t;
  frame_mem m = track_init(&t);
  frame_dict *d = frame_dict_new(&m);
  char key[32];
  for (int i = 0; i < 1000; i++) {
    snprintf(key, sizeof key, "gene-%d", i);
    cr_assert_eq(frame_dict_intern(d, key, strlen(key)), i);
  }
  cr_assert_eq(frame_dict_intern(d, "gene-7", 6), 7, "an existing string keeps its code");
  cr_assert_eq(frame_dict_find(d, "gene-999", 8), 999);
  cr_assert_eq(frame_dict_find(d, "gene-1000", 9), -1);
  cr_assert_eq(frame_dict_intern(d, "a\0b", 3), 1000, "strings may hold NUL");
  cr_assert_eq(frame_dict_find(d, "a", 1), -1);
  size_t len;
  cr_assert_eq(memcmp(frame_dict_str(d, 1000, &len), "a\0b", 3), 0);
  cr_assert_eq(len, 3);
  frame_dict_unref(d);
  track_done(&t);
}

Test(frame_column, na_bitmap_and_counts) {
  tracker t;
  frame_mem m = track_init(&t);
  frame_column *c = frame_column_new(&m, FRAME_INT, 130, NULL);
  cr_assert_null(c->valid);
  cr_assert_eq(frame_column_set_na(c, 129), 0);
  cr_assert_eq(frame_column_set_na(c, 129), 0);
  cr_assert_eq(frame_column_set_na(c, 0), 0);
  cr_assert_eq(c->n_na, 2, "marking a row twice counts once");
  cr_assert(frame_is_na(c, 0) && frame_is_na(c, 129) && !frame_is_na(c, 64));
  frame_column_ref(c);
  frame_column_unref(c);
  cr_assert_eq(c->refcount, 1);
  frame_column_unref(c);
  frame_column_unref(NULL);
  track_done(&t);
}

Test(frame, add_find_and_their_errors) {
  tracker t;
  frame_mem m = track_init(&t);
  static const int64_t v[] = {1, 2, 3};
  frame *f = frame_new(&m, 3);
  frame_column *c = col_int(&m, 3, v, NULL), *short_c = col_int(&m, 2, v, NULL);
  for (int i = 0; i < 20; i++) { /* past the first growth of the name arrays */
    char name[16];
    snprintf(name, sizeof name, "c%d", i);
    cr_assert_eq(frame_add(f, name, c), 0);
  }
  cr_assert_eq(frame_add(f, "c3", c), FRAME_EEXIST);
  cr_assert_eq(frame_add(f, "x", short_c), FRAME_ELENGTH);
  cr_assert_eq(frame_find(f, "c19"), 19);
  cr_assert_eq(frame_find(f, "c20"), -1);
  cr_assert_eq(c->refcount, 21);
  frame_free(f);
  cr_assert_eq(c->refcount, 1);
  frame_column_unref(c);
  frame_column_unref(short_c);
  track_done(&t);
}

Test(frame, the_default_allocator_is_malloc) {
  frame *f = frame_new(NULL, 2);
  frame_column *c = frame_column_new(NULL, FRAME_STR, 2, NULL);
  cr_assert_not_null(c->offsets);
  frame_dict *d = frame_dict_new(NULL);
  frame_column *s = frame_column_new(NULL, FRAME_STR, 2, d);
  frame_dict_unref(d);
  cr_assert_eq(frame_dict_intern(s->dict, "x", 1), 0);
  cr_assert_eq(frame_add(f, "s", s), 0);
  frame_column_unref(s);
  frame_column_unref(c);
  frame_free(f);
}

Test(frame_select, shares_renames_and_refuses_duplicates) {
  tracker t;
  frame_mem m = track_init(&t);
  static const int64_t v[] = {1, 2};
  frame *f = frame_new(&m, 2);
  add(f, "a", col_int(&m, 2, v, NULL));
  add(f, "b", col_int(&m, 2, v, ".x"));
  size_t cols[] = {1, 0};
  const char *names[] = {"x", "y"};
  frame *r;
  cr_assert_eq(frame_select(f, cols, NULL, 2, &r), FRAME_OK);
  cr_assert_str_eq(r->names[0], "b");
  cr_assert_eq(r->cols[0], f->cols[1], "selected columns are shared");
  frame_free(r);
  cr_assert_eq(frame_select(f, cols, names, 2, &r), FRAME_OK);
  cr_assert_str_eq(r->names[1], "y");
  frame_free(r);
  size_t twice[] = {0, 0};
  cr_assert_eq(frame_select(f, twice, NULL, 2, &r), FRAME_EEXIST);
  cr_assert_eq(frame_copy(f, &r), FRAME_OK);
  frame_column *n = col_int(&m, 2, v, NULL);
  cr_assert_eq(frame_set(r, "a", n), FRAME_OK);
  cr_assert_eq(r->cols[0], n, "replaced in place");
  cr_assert_eq(frame_set(r, "c", n), FRAME_OK);
  cr_assert_eq(r->ncol, 3, "a new name is appended");
  cr_assert_eq(frame_set(r, "c", r->cols[2]), FRAME_OK, "setting a column to itself");
  frame_column *shorter = col_int(&m, 1, v, NULL);
  cr_assert_eq(frame_set(r, "a", shorter), FRAME_ELENGTH);
  cr_assert_eq(f->cols[0]->refcount, 1, "the source frame is untouched");
  frame_column_unref(shorter);
  frame_column_unref(n);
  frame_free(r);
  frame_free(f);
  track_done(&t);
}

Test(frame, status_texts) {
  cr_assert_str_eq(frame_strerror(FRAME_ENOMEM), "not enough memory");
  cr_assert_str_eq(frame_strerror(FRAME_EOVERFLOW), "integer overflow");
  cr_assert_str_eq(frame_strerror(42), "unknown error");
  cr_assert_str_eq(frame_type_name(FRAME_DATE), "date");
  cr_assert_str_eq(frame_agg_name(FRAME_AGG_QUANTILE), "quantile");
  cr_assert_null(frame_agg_name((frame_agg)99));
}

/* Build a frame with a dictionary column and a plain one, the way a
** reader does, and copy it: every step of frame.c may fail. */
static int run_model(const frame_mem *m, void *arg) {
  (void)arg;
  int status = FRAME_ENOMEM;
  frame *f = frame_new(m, 40), *r = NULL;
  frame_dict *d = frame_dict_new(m);
  frame_column *c = d ? frame_column_new(m, FRAME_STR, 40, d) : NULL;
  frame_dict_unref(d);
  if (f == NULL || c == NULL)
    goto done;
  for (int i = 0; i < 40; i++) {
    char s[16];
    snprintf(s, sizeof s, "v%d", i % 30);
    int64_t code = frame_dict_intern(c->dict, s, strlen(s));
    if (code < 0 || (i % 9 == 0 && frame_column_set_na(c, (size_t)i) != 0))
      goto done;
    ((uint32_t *)c->data)[i] = (uint32_t)code;
  }
  for (int i = 0; i < 12; i++) {
    char name[16];
    snprintf(name, sizeof name, "col%d", i);
    if ((status = frame_add(f, name, c)) != FRAME_OK)
      goto done;
  }
  status = frame_copy(f, &r);
done:
  frame_free(r);
  frame_column_unref(c);
  frame_free(f);
  return status;
}

Test(frame, allocation_failures_leak_nothing) {
  tracker t;
  frame_mem m = track_init(&t);
  cr_assert_gt(track_failures(&t, &m, run_model, NULL), 5);
  track_done(&t);
}
