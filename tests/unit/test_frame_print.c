/* test_frame_print.c: Criterion tests of frame_print.c (the box table). */
#include <math.h>

#include "test_frame_helpers.h"

/* The expected tables, exactly. */
static const char *const want_every_type =
    "┌─────┬─────────────┬───────┬────────────┬──────┐\n"
    "│ id  │    score    │  ok   │   visit    │ gène │\n"
    "│ int │     num     │ bool  │    date    │ str  │\n"
    "├─────┼─────────────┼───────┼────────────┼──────┤\n"
    "│   1 │ 1.23457e+06 │ true  │ 2024-01-01 │ CPS1 │\n"
    "│ -20 │          NA │ false │ NA         │ café │\n"
    "│ 300 │        -Inf │ NA    │ 1999-12-31 │ <NA> │\n"
    "└─────┴─────────────┴───────┴────────────┴──────┘\n"
    "3 rows × 5 columns";

/* The same with colour: NA and the type row dim, the widths unchanged. */
#define D(s) "\x1b[2m" s "\x1b[0m"
// clang-format off
static const char *const want_every_type_color =
    "┌─────┬─────────────┬───────┬────────────┬──────┐\n"
    "│ id  │    score    │  ok   │   visit    │ gène │\n"
    "│ " D("int") " │     " D("num") "     │ " D("bool") "  │    " D("date")
    "    │ " D("str") "  │\n"
    "├─────┼─────────────┼───────┼────────────┼──────┤\n"
    "│   1 │ 1.23457e+06 │ true  │ 2024-01-01 │ CPS1 │\n"
    "│ -20 │          " D("NA") " │ false │ " D("NA") "         │ café │\n"
    "│ 300 │        -Inf │ " D("NA") "    │ 1999-12-31 │ " D("<NA>") " │\n"
    "└─────┴─────────────┴───────┴────────────┴──────┘\n"
    "3 rows × 5 columns";
// clang-format on
#undef D

static const char *const want_narrow = "┌─────┬─────────────┬───────┐\n"
                                       "│ id  │    score    │  ok   │\n"
                                       "│ int │     num     │ bool  │\n"
                                       "├─────┼─────────────┼───────┤\n"
                                       "│   1 │ 1.23457e+06 │ true  │\n"
                                       "│ -20 │          NA │ false │\n"
                                       "│ 300 │        -Inf │ NA    │\n"
                                       "└─────┴─────────────┴───────┘\n"
                                       "… 2 more columns: visit, gène\n"
                                       "3 rows × 5 columns";

static const char *const want_long = "┌───────┬──────────────────────────┐\n"
                                     "│   n   │           text           │\n"
                                     "│  int  │           str            │\n"
                                     "├───────┼──────────────────────────┤\n"
                                     "│     0 │ short                    │\n"
                                     "│  1000 │ a rather long string th… │\n"
                                     "│  2000 │ tab\\there                │\n"
                                     "│  3000 │ line\\nbreak              │\n"
                                     "│  4000 │ bad\\xFF                  │\n"
                                     "│     … │ …                        │\n"
                                     "│ 20000 │ short                    │\n"
                                     "│ 21000 │ a rather long string th… │\n"
                                     "│ 22000 │ tab\\there                │\n"
                                     "│ 23000 │ line\\nbreak              │\n"
                                     "│ 24000 │ bad\\xFF                  │\n"
                                     "└───────┴──────────────────────────┘\n"
                                     "… 15 more rows\n"
                                     "25 rows × 2 columns";

static const char *const want_three_rows = "┌───────┬──────────────────────────┐\n"
                                           "│   n   │           text           │\n"
                                           "│  int  │           str            │\n"
                                           "├───────┼──────────────────────────┤\n"
                                           "│     0 │ short                    │\n"
                                           "│  1000 │ a rather long string th… │\n"
                                           "│     … │ …                        │\n"
                                           "│ 24000 │ bad\\xFF                  │\n"
                                           "└───────┴──────────────────────────┘\n"
                                           "… 22 more rows\n"
                                           "25 rows × 2 columns";

static const char *const want_no_rows = "┌─────┬──────┐\n"
                                        "│  n  │ text │\n"
                                        "│ int │ str  │\n"
                                        "└─────┴──────┘\n"
                                        "0 rows × 2 columns";

static const char *const want_nothing = "0 rows × 0 columns";

/* Format f (colour as given) and compare with want. */
static void expect_format_color(const frame *f, size_t width, size_t max_rows, int color,
                                const char *want) {
  char *out;
  size_t len;
  frame_format_opts o = {width, max_rows, color};
  cr_assert_eq(frame_format(f, &o, &out, &len), FRAME_OK);
  cr_assert_eq(strlen(out), len);
  cr_assert_str_eq(out, want);
  frame_mem_free(&f->mem, out, len + 1);
}

static void expect_format(const frame *f, size_t width, size_t max_rows,
                          const char *want) {
  expect_format_color(f, width, max_rows, 0, want);
}

static frame *every_type(const frame_mem *m) {
  static const int64_t iv[] = {1, -20, 300};
  const double nv[] = {1234567.0, NAN, -INFINITY};
  static const uint8_t bv[] = {1, 0, 1};
  static const char *const dv[] = {"2024-01-01", NULL, "1999-12-31"};
  static const char *const sv[] = {"CPS1", "caf\xc3\xa9", NULL};
  frame *f = frame_new(m, 3);
  add(f, "id", col_int(m, 3, iv, NULL));
  add(f, "score", col_num(m, 3, nv, ".x."));
  add(f, "ok", col_bool(m, 3, bv, "..x"));
  add(f, "visit", col_date(m, 3, dv));
  add(f, "g\xc3\xa8ne", col_str(m, 3, sv));
  return f;
}

/* 25 rows of numbers and awkward strings: long, tab, newline, bad UTF-8. */
static frame *long_frame(const frame_mem *m) {
  static const char *const words[] = {"short", "a rather long string that will not fit",
                                      "tab\there", "line\nbreak", "bad\xff"};
  int64_t v[25];
  const char *s[25];
  for (int i = 0; i < 25; i++) {
    v[i] = i * 1000;
    s[i] = words[i % 5];
  }
  frame *f = frame_new(m, 25);
  add(f, "n", col_int(m, 25, v, NULL));
  add(f, "text", col_plain(m, 25, s));
  return f;
}

Test(frame_format, every_type_na_and_alignment) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = every_type(&m);
  expect_format(f, 100, 10, want_every_type);
  frame_free(f);
  track_done(&t);
}

Test(frame_format, colour_makes_na_and_types_dim_without_changing_widths) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = every_type(&m);
  expect_format_color(f, 100, 10, 1, want_every_type_color);
  frame_free(f);
  track_done(&t);
}

Test(frame_format, na_in_a_str_column_differs_from_the_text_na) {
  tracker t;
  frame_mem m = track_init(&t);
  static const char *const sv[] = {"NA", NULL};
  frame *f = frame_new(&m, 2);
  add(f, "s", col_str(&m, 2, sv));
  expect_format(f, 40, 10,
                "┌──────┐\n"
                "│  s   │\n"
                "│ str  │\n"
                "├──────┤\n"
                "│ NA   │\n"
                "│ <NA> │\n"
                "└──────┘\n"
                "2 rows × 1 column");
  frame_free(f);
  track_done(&t);
}

/* 1,234,567 rows of one int column, and 1,002 columns of 2 rows. */
Test(frame_format, counts_have_thousands_separators) {
  tracker t;
  frame_mem m = track_init(&t);
  size_t n = 1234567;
  int64_t *v = malloc(n * sizeof *v);
  cr_assert_not_null(v);
  for (size_t i = 0; i < n; i++)
    v[i] = (int64_t)i;
  frame *f = frame_new(&m, n);
  add(f, "i", col_int(&m, n, v, NULL));
  free(v);
  expect_format(f, 80, 2,
                "┌─────────┐\n"
                "│    i    │\n"
                "│   int   │\n"
                "├─────────┤\n"
                "│       0 │\n"
                "│       … │\n"
                "│ 1234566 │\n"
                "└─────────┘\n"
                "… 1,234,565 more rows\n"
                "1,234,567 rows × 1 column");
  frame_free(f);
  static const int64_t two[] = {1, 2};
  f = frame_new(&m, 2);
  for (int j = 0; j < 1002; j++) {
    char name[16];
    snprintf(name, sizeof name, "c%d", j);
    add(f, name, col_int(&m, 2, two, NULL));
  }
  expect_format(f, 44, 10,
                "┌─────┬─────┬─────┬─────┬─────┬─────┬─────┐\n"
                "│ c0  │ c1  │ c2  │ c3  │ c4  │ c5  │ c6  │\n"
                "│ int │ int │ int │ int │ int │ int │ int │\n"
                "├─────┼─────┼─────┼─────┼─────┼─────┼─────┤\n"
                "│   1 │   1 │   1 │   1 │   1 │   1 │   1 │\n"
                "│   2 │   2 │   2 │   2 │   2 │   2 │   2 │\n"
                "└─────┴─────┴─────┴─────┴─────┴─────┴─────┘\n"
                "… 995 more columns: c7, c8, c9, c10, c11, …\n"
                "2 rows × 1,002 columns");
  frame_free(f);
  track_done(&t);
}

/* The "more columns" line stops at a whole name; a name that would not
** leave room for ", …" is left out, the last one needs no such room. */
Test(frame_format, the_more_columns_line_fits_the_width) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = every_type(&m);
  expect_format(f, 28, 10,
                "┌─────┬─────────────┐\n"
                "│ id  │    score    │\n"
                "│ int │     num     │\n"
                "├─────┼─────────────┤\n"
                "│   1 │ 1.23457e+06 │\n"
                "│ -20 │          NA │\n"
                "│ 300 │        -Inf │\n"
                "└─────┴─────────────┘\n"
                "… 3 more columns: ok, …\n"
                "3 rows × 5 columns");
  expect_format(f, 21, 10,
                "┌─────┬─────────────┐\n"
                "│ id  │    score    │\n"
                "│ int │     num     │\n"
                "├─────┼─────────────┤\n"
                "│   1 │ 1.23457e+06 │\n"
                "│ -20 │          NA │\n"
                "│ 300 │        -Inf │\n"
                "└─────┴─────────────┘\n"
                "… 3 more columns: …\n"
                "3 rows × 5 columns");
  frame_free(f);
  track_done(&t);
}

Test(frame_format, columns_that_do_not_fit_are_named_below) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = every_type(&m);
  expect_format(f, 30, 10, want_narrow);
  frame_free(f);
  track_done(&t);
}

Test(frame_format, long_frames_show_head_and_tail_strings_cut_and_escaped) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = long_frame(&m);
  expect_format(f, 100, 10, want_long);
  expect_format(f, 100, 3, want_three_rows);
  frame_free(f);
  track_done(&t);
}

Test(frame_format, empty_frames) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = long_frame(&m), *e;
  cr_assert_eq(frame_slice(f, 0, 0, &e), FRAME_OK);
  expect_format(e, 100, 10, want_no_rows);
  frame_free(e);
  e = frame_new(&m, 0);
  expect_format(e, 100, 10, want_nothing);
  frame_free(e);
  frame_free(f);
  track_done(&t);
}

static int run_format(const frame_mem *m, void *arg) {
  const frame *f = arg;
  char *out;
  size_t len;
  frame_format_opts o = {40, 4, 1};
  int status = frame_format(f, &o, &out, &len);
  if (status == FRAME_OK)
    frame_mem_free(m, out, len + 1);
  return status;
}

Test(frame_format, allocation_failures_leak_nothing) {
  tracker t;
  frame_mem m = track_init(&t);
  frame *f = long_frame(&m);
  cr_assert_gt(track_failures(&t, &m, run_format, f), 2);
  frame_free(f);
  track_done(&t);
}
