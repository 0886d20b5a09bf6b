/* test_frame_group.c: Criterion tests of frame_group.c and frame_key.c. */
#include <math.h>

#include "test_frame_helpers.h"

static frame_groups *group(const frame *f, const size_t *keys, size_t nkeys) {
  frame_groups *g = NULL;
  cr_assert_eq(frame_group(f, keys, nkeys, &g), FRAME_OK);
  return g;
}

Test(frame_group, str_key_in_ascending_order_na_last) {
  tracker t;
  frame_mem m = track_init(&t);
  static const char *const s[] = {"b", "a", NULL, "b", "a", "c"};
  frame *f = frame_new(&m, 6);
  add(f, "s", col_str(&m, 6, s));
  size_t key = 0;
  frame_groups *g = group(f, &key, 1);
  char buf[128];
  cr_assert_eq(g->ngroups, 4);
  cr_assert_str_eq(rows_text(g->gid, 6, buf, sizeof buf), "1,0,3,1,0,2");
  cr_assert_str_eq(rows_text(g->first, 4, buf, sizeof buf), "1,0,5,2");
  cr_assert_str_eq(rows_text(g->start, 5, buf, sizeof buf), "0,2,4,5,6");
  cr_assert_str_eq(rows_text(g->rows, 6, buf, sizeof buf), "1,4,0,3,5,2");
  frame *keys;
  cr_assert_eq(frame_group_keys(f, g, &keys), FRAME_OK);
  cr_assert_str_eq(strs_text(keys->cols[0], buf, sizeof buf), "a,b,c,NA");
  frame_free(keys);
  frame_groups_free(g);
  frame_free(f);
  track_done(&t);
}

Test(frame_group, two_keys_with_na_in_each) {
  tracker t;
  frame_mem m = track_init(&t);
  static const int64_t x[] = {2, 1, 2, 0, 1, 2};
  static const uint8_t b[] = {1, 0, 1, 0, 1, 0};
  frame *f = frame_new(&m, 6);
  add(f, "x", col_int(&m, 6, x, "...x.."));
  add(f, "b", col_bool(&m, 6, b, "..x..."));
  size_t keys[] = {0, 1};
  frame_groups *g = group(f, keys, 2);
  char buf[128];
  /* (1,F) (1,T) (2,F) (2,T) (2,NA) (NA,F) */
  cr_assert_eq(g->ngroups, 6);
  cr_assert_str_eq(rows_text(g->gid, 6, buf, sizeof buf), "3,0,4,5,1,2");
  frame_groups_free(g);
  frame_free(f);
  track_done(&t);
}

Test(frame_group, no_keys_is_one_group_even_when_empty) {
  tracker t;
  frame_mem m = track_init(&t);
  static const int64_t x[] = {5, 6, 7};
  frame *f = frame_new(&m, 3);
  add(f, "x", col_int(&m, 3, x, NULL));
  frame_groups *g = group(f, NULL, 0);
  cr_assert_eq(g->ngroups, 1);
  cr_assert_eq(g->start[1], 3);
  frame_groups_free(g);
  frame *empty;
  cr_assert_eq(frame_slice(f, 0, 0, &empty), FRAME_OK);
  g = group(empty, NULL, 0);
  cr_assert_eq(g->ngroups, 1, "a summary of no rows is one row");
  cr_assert_eq(g->first[0], FRAME_ROW_NONE);
  frame_groups_free(g);
  size_t key = 0;
  g = group(empty, &key, 1);
  cr_assert_eq(g->ngroups, 0, "no rows, no groups");
  frame_groups_free(g);
  frame_free(empty);
  frame_free(f);
  track_done(&t);
}

Test(frame_group, numbers_group_by_value) {
  tracker t;
  frame_mem m = track_init(&t);
  const double v[] = {0.0, -0.0, NAN, 1e15, NAN, 2.5, 0, 1e15};
  static const int64_t w[] = {1000000000000000, -5, 1000000000000000, 0, -5, 7};
  frame *f = frame_new(&m, 8);
  add(f, "v", col_num(&m, 8, v, "......x."));
  frame *h = frame_new(&m, 6);
  add(h, "w", col_int(&m, 6, w, "...x.."));
  size_t key = 0;
  char buf[128];
  frame_groups *g = group(f, &key, 1);
  /* 0 (rows 0, 1), 2.5, 1e15, NaN, NA */
  cr_assert_eq(g->ngroups, 5);
  cr_assert_str_eq(rows_text(g->gid, 8, buf, sizeof buf), "0,0,3,2,3,1,4,2");
  frame_groups_free(g);
  g = group(h, &key, 1); /* a range too wide for a direct table */
  cr_assert_str_eq(rows_text(g->gid, 6, buf, sizeof buf), "2,0,2,3,0,1");
  frame_groups_free(g);
  frame_free(h);
  frame_free(f);
  track_done(&t);
}

Test(frame_factorize, codes_in_order_of_first_appearance) {
  tracker t;
  frame_mem m = track_init(&t);
  static const char *const s[] = {"q", "p", "q", NULL, "p", NULL};
  static const char *const d[] = {"2024-01-02", "2024-01-01", "2024-01-02",
                                  NULL,         "2024-01-01", "1999-01-01"};
  frame *f = frame_new(&m, 6);
  add(f, "s", col_plain(&m, 6, s));
  add(f, "d", col_date(&m, 6, d));
  frame_row codes[6];
  size_t k;
  char buf[64];
  size_t key = 0;
  cr_assert_eq(frame_factorize(f, &key, 1, codes, &k), FRAME_OK);
  cr_assert_eq(k, 3);
  cr_assert_str_eq(rows_text(codes, 6, buf, sizeof buf), "0,1,0,2,1,2");
  size_t keys[] = {0, 1};
  cr_assert_eq(frame_factorize(f, keys, 2, codes, &k), FRAME_OK);
  cr_assert_eq(k, 4);
  cr_assert_str_eq(rows_text(codes, 6, buf, sizeof buf), "0,1,0,2,1,3");
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

Test(frame_group, random_keys_groups_are_exact_and_ordered) {
  tracker t;
  frame_mem m = track_init(&t);
  enum { N = 3000 };
  int64_t *x = malloc(N * sizeof *x);
  const char **s = malloc(N * sizeof *s);
  static const char *const words[] = {"e", "b", "a", "d", "c", "f", NULL};
  uint64_t seed = 99;
  for (size_t i = 0; i < N; i++) {
    x[i] = (int64_t)(next_rand(&seed) % 13) * 1000003;
    s[i] = words[next_rand(&seed) % 7];
  }
  frame *f = frame_new(&m, N);
  add(f, "x", col_int(&m, N, x, NULL));
  add(f, "s", col_str(&m, N, s));
  size_t keys[] = {1, 0};
  frame_groups *g = group(f, keys, 2);
  cr_assert_leq(g->ngroups, 13 * 7);
  for (size_t gi = 0; gi < g->ngroups; gi++) {
    frame_row r0 = g->rows[g->start[gi]];
    cr_assert_eq(g->first[gi], r0);
    for (size_t k = g->start[gi]; k < g->start[gi + 1]; k++) {
      frame_row r = g->rows[k];
      cr_assert_eq(g->gid[r], gi);
      cr_assert_eq(x[r], x[r0]);
      cr_assert(s[r] == s[r0]);
      if (k > g->start[gi])
        cr_assert_gt(r, g->rows[k - 1], "rows in frame order");
    }
    if (gi == 0)
      continue;
    frame_row p = g->first[gi - 1]; /* the previous group's key is smaller */
    int c = s[p] == NULL || s[r0] == NULL ? (s[p] == NULL) - (s[r0] == NULL)
                                          : strcmp(s[p], s[r0]);
    cr_assert(c < 0 || (c == 0 && x[p] < x[r0]), "groups %zu and %zu out of order",
              gi - 1, gi);
  }
  frame_groups_free(g);
  free(x);
  free(s);
  frame_free(f);
  track_done(&t);
}

typedef struct group_case {
  const frame *f; /* input */
} group_case;

static int run_group(const frame_mem *m, void *arg) {
  (void)m;
  const frame *f = ((group_case *)arg)->f;
  size_t keys[] = {0, 1, 2};
  frame_groups *g;
  int status = frame_group(f, keys, 3, &g);
  if (status != FRAME_OK)
    return status;
  frame *k;
  status = frame_group_keys(f, g, &k);
  if (status == FRAME_OK)
    frame_free(k);
  frame_groups_free(g);
  return status;
}

Test(frame_group, allocation_failures_leak_nothing) {
  tracker t;
  frame_mem m = track_init(&t);
  enum { N = 300 };
  int64_t x[N];
  double y[N];
  const char *s[N];
  static const char *const words[] = {"b", "a", "c"};
  for (size_t i = 0; i < N; i++) {
    x[i] = (int64_t)(i % 5) * 1000000007;
    y[i] = (double)(i % 4) / 2;
    s[i] = words[i % 3];
  }
  frame *f = frame_new(&m, N);
  add(f, "s", col_plain(&m, N, s));
  add(f, "x", col_int(&m, N, x, NULL));
  add(f, "y", col_num(&m, N, y, NULL));
  group_case gc = {f};
  cr_assert_gt(track_failures(&t, &m, run_group, &gc), 5);
  frame_free(f);
  track_done(&t);
}
