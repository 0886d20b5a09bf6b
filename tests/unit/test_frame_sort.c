/* test_frame_sort.c: Criterion tests of frame_sort.c (stable multi-key order). */
#include <math.h>

#include "test_frame_helpers.h"

/* The order of f by keys (desc as given), as text. */
static const char *order_text(const frame *f, const size_t *keys, const uint8_t *desc,
                              size_t nkeys, char *buf, size_t size) {
  frame_row order[64];
  cr_assert_leq(f->nrow, 64);
  cr_assert_eq(frame_order(f, keys, desc, nkeys, order), FRAME_OK);
  return rows_text(order, f->nrow, buf, size);
}

Test(frame_sort, ints_ascending_descending_na_last_ties_stable) {
  tracker t;
  frame_mem m = track_init(&t);
  static const int64_t v[] = {3, 1, 0, 1, 2, 3, INT64_MIN, INT64_MAX};
  frame *f = frame_new(&m, 8);
  add(f, "a", col_int(&m, 8, v, "..x....."));
  size_t key = 0;
  uint8_t down = 1;
  char buf[128];
  cr_assert_str_eq(order_text(f, &key, NULL, 1, buf, sizeof buf), "6,1,3,4,0,5,7,2");
  cr_assert_str_eq(order_text(f, &key, &down, 1, buf, sizeof buf), "7,0,5,4,1,3,6,2");
  frame_free(f);
  track_done(&t);
}

Test(frame_sort, nums_with_nan_zero_signs_and_infinities) {
  tracker t;
  frame_mem m = track_init(&t);
  const double v[] = {2.0, NAN, -0.0, 0.0, -INFINITY, 0, 1e300, INFINITY};
  frame *f = frame_new(&m, 8);
  add(f, "x", col_num(&m, 8, v, ".....x.."));
  size_t key = 0;
  uint8_t down = 1;
  char buf[128];
  /* -0 and 0 are equal, so they keep their order; NaN before NA */
  cr_assert_str_eq(order_text(f, &key, NULL, 1, buf, sizeof buf), "4,2,3,0,6,7,1,5");
  cr_assert_str_eq(order_text(f, &key, &down, 1, buf, sizeof buf), "7,6,0,2,3,4,1,5");
  frame_free(f);
  track_done(&t);
}

Test(frame_sort, strings_in_byte_order_dict_and_plain) {
  tracker t;
  frame_mem m = track_init(&t);
  static const char *const v[] = {"b",         "a",         "B",  "\xc3\xa9", "z", "",
                                  "abcdefghX", "abcdefghA", NULL, "abcdefgh", "ab"};
  frame *f = frame_new(&m, 11);
  add(f, "d", col_str(&m, 11, v));
  add(f, "p", col_plain(&m, 11, v));
  char buf[128];
  const char *want = "5,2,1,10,9,7,6,0,4,3,8";
  for (size_t key = 0; key < 2; key++)
    cr_assert_str_eq(order_text(f, &key, NULL, 1, buf, sizeof buf), want, "column %zu",
                     key);
  uint8_t down = 1;
  for (size_t key = 0; key < 2; key++)
    cr_assert_str_eq(order_text(f, &key, &down, 1, buf, sizeof buf),
                     "3,4,0,6,7,9,10,1,2,5,8", "column %zu", key);
  frame_free(f);
  track_done(&t);
}

Test(frame_sort, several_keys_each_with_its_direction) {
  tracker t;
  frame_mem m = track_init(&t);
  static const char *const g[] = {"b", "a", "b", "a", NULL, "a"};
  static const int64_t x[] = {1, 2, 3, 2, 5, 1};
  static const uint8_t bv[] = {1, 0, 1, 1, 0, 0};
  static const char *const d[] = {"2024-02-01", "2024-01-01", NULL,
                                  "2023-12-31", "2024-01-01", "2024-01-01"};
  frame *f = frame_new(&m, 6);
  add(f, "g", col_str(&m, 6, g));
  add(f, "x", col_int(&m, 6, x, NULL));
  add(f, "b", col_bool(&m, 6, bv, NULL));
  add(f, "d", col_date(&m, 6, d));
  char buf[128];
  size_t keys[] = {0, 1};
  uint8_t desc[] = {0, 1};
  cr_assert_str_eq(order_text(f, keys, desc, 2, buf, sizeof buf), "1,3,5,2,0,4");
  size_t keys2[] = {2, 3};
  cr_assert_str_eq(order_text(f, keys2, NULL, 2, buf, sizeof buf), "1,4,5,3,0,2");
  frame_free(f);
  track_done(&t);
}

/* xorshift: a fixed sequence, so failures reproduce. */
static uint64_t next_rand(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

/* order must be sorted by (value, row): values compared by cmp. */
static void expect_sorted(const frame_row *order, size_t n,
                          int (*cmp)(const void *ctx, frame_row a, frame_row b),
                          const void *ctx) {
  uint8_t *seen = calloc(n, 1);
  for (size_t i = 0; i < n; i++) {
    cr_assert_lt(order[i], n);
    cr_assert(!seen[order[i]], "row %u twice", order[i]);
    seen[order[i]] = 1;
    if (i == 0)
      continue;
    int c = cmp(ctx, order[i - 1], order[i]);
    cr_assert(c < 0 || (c == 0 && order[i - 1] < order[i]), "out of order at %zu", i);
  }
  free(seen);
}

static int cmp_int_col(const void *ctx, frame_row a, frame_row b) {
  const frame_column *c = ctx;
  int na = frame_is_na(c, a), nb = frame_is_na(c, b);
  if (na || nb)
    return na - nb;
  int64_t x = ((const int64_t *)c->data)[a], y = ((const int64_t *)c->data)[b];
  return x < y ? -1 : x > y;
}

static int cmp_str_col(const void *ctx, frame_row a, frame_row b) {
  const frame_column *c = ctx;
  const char *x = frame_str(c, a, NULL), *y = frame_str(c, b, NULL);
  if (!x || !y)
    return (x == NULL) - (y == NULL);
  return strcmp(x, y);
}

Test(frame_sort, random_ints_match_a_stable_reference) {
  tracker t;
  frame_mem m = track_init(&t);
  enum { N = 5000 };
  int64_t *v = malloc(N * sizeof *v);
  char na[N + 1];
  uint64_t s = 88172645463325252u;
  for (size_t i = 0; i < N; i++) {
    uint64_t r = next_rand(&s);
    v[i] = i % 3 ? (int64_t)(r % 50) - 25 : (int64_t)r; /* duplicates and a wide range */
    na[i] = r % 17 == 0 ? 'x' : '.';
  }
  na[N] = '\0';
  frame *f = frame_new(&m, N);
  add(f, "v", col_int(&m, N, v, na));
  frame_row *order = malloc(N * sizeof *order);
  size_t key = 0;
  cr_assert_eq(frame_order(f, &key, NULL, 1, order), FRAME_OK);
  expect_sorted(order, N, cmp_int_col, f->cols[0]);
  free(order);
  free(v);
  frame_free(f);
  track_done(&t);
}

Test(frame_sort, random_strings_plain_and_large_dictionary) {
  tracker t;
  frame_mem m = track_init(&t);
  enum { N = 3000 };
  char(*text)[16] = malloc(N * sizeof *text);
  const char **v = malloc(N * sizeof *v);
  uint64_t s = 1234567;
  for (size_t i = 0; i < N; i++) {
    uint64_t r = next_rand(&s);
    snprintf(text[i], sizeof text[i], "k%llu", (unsigned long long)(r % 700));
    v[i] = r % 23 == 0 ? NULL : text[i];
  }
  /* a dictionary far larger than the rows sorted goes by strings too */
  frame_dict *big = frame_dict_new(&m);
  for (int i = 0; i < 10000; i++) {
    char k[16];
    snprintf(k, sizeof k, "z%d", i);
    cr_assert_geq(frame_dict_intern(big, k, strlen(k)), 0);
  }
  frame *f = frame_new(&m, N);
  add(f, "plain", col_plain(&m, N, v));
  add(f, "dict", col_str(&m, N, v));
  add(f, "big", col_str_dict(&m, N, v, big));
  frame_dict_unref(big);
  frame_row *order = malloc(N * sizeof *order);
  for (size_t key = 0; key < 3; key++) {
    cr_assert_eq(frame_order(f, &key, NULL, 1, order), FRAME_OK);
    expect_sorted(order, N, cmp_str_col, f->cols[key]);
  }
  free(order);
  free(v);
  free(text);
  frame_free(f);
  track_done(&t);
}

typedef struct sort_case {
  const frame *f; /* input */
} sort_case;

static int run_sort(const frame_mem *m, void *arg) {
  (void)m;
  const frame *f = ((sort_case *)arg)->f;
  frame_row order[200];
  size_t keys[] = {0, 1, 2};
  uint8_t desc[] = {1, 0, 1};
  return frame_order(f, keys, desc, 3, order);
}

Test(frame_sort, allocation_failures_leak_nothing) {
  tracker t;
  frame_mem m = track_init(&t);
  enum { N = 200 };
  int64_t v[N];
  const char *s[N];
  static const char *const words[] = {"delta", "alpha", "charlie", "bravo"};
  for (size_t i = 0; i < N; i++) {
    v[i] = (int64_t)(i * 7919 % 31);
    s[i] = words[i % 4];
  }
  frame *f = frame_new(&m, N);
  add(f, "s", col_str(&m, N, s));
  add(f, "p", col_plain(&m, N, s));
  add(f, "v", col_int(&m, N, v, NULL));
  sort_case sc = {f};
  cr_assert_gt(track_failures(&t, &m, run_sort, &sc), 3);
  frame_free(f);
  track_done(&t);
}
