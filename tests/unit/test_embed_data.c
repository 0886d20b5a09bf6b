/* test_embed_data.c: data from the host through pathway.h only: pw_bind_csv,
** pw_bind_columns (every type, NA, zero copy, validation) and predicates
** over host batches (NA logic, regular expressions, misuse, lifetime). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "helpers.h"

/* Run `code`; the test fails with the engine's message if it raises. */
static void lua_ok(pw_engine *e, const char *code) {
  pw_status s = pw_load_string(e, code, "=test");
  cr_assert_eq(s, PW_OK, "%s\n-> %s", code, pw_errmsg(e));
}

static pw_engine *engine(captured *c) { return open_engine(c, 0, 0, 0); }

/* Mark row i missing in a validity bitmap. */
static void clear_bit(uint64_t *bits, size_t i) { bits[i / 64] &= ~((uint64_t)1 << (i % 64)); }

/* ------------------------------------------------------------ binding */

Test(bind_columns, every_type_with_na) {
  captured cap;
  pw_engine *e = engine(&cap);
  int64_t i64[3] = {10, 20, 30};
  double dbl[3] = {1.5, 2.5, 3.5};
  uint8_t bl[3] = {1, 0, 1};
  int32_t dt[3] = {0, 1, 19000};
  const char *str[3] = {"a", NULL, "c"};
  uint32_t codes[3] = {1, 0, 7};   /* 7 is on an NA row: never read */
  const char *dict[2] = {"CPS1", "OTC"};
  uint64_t v1[1] = {~(uint64_t)0}, v2[1] = {~(uint64_t)0}, v3[1] = {~(uint64_t)0};
  clear_bit(v1, 1);   /* row 2 missing */
  clear_bit(v2, 0);   /* row 1 missing */
  clear_bit(v3, 2);   /* row 3 missing */
  pw_column cols[] = {
      {"i", PW_INT64, i64, v1, NULL, 0},   {"d", PW_DOUBLE, dbl, v2, NULL, 0},
      {"b", PW_BOOL, bl, v3, NULL, 0},     {"t", PW_DATE, dt, v1, NULL, 0},
      {"s", PW_STRING, str, v1, NULL, 0},  {"g", PW_DICT, codes, v3, dict, 2},
  };
  cr_assert_eq(pw_bind_columns(e, "t", cols, 6, 3), PW_OK, "%s", pw_errmsg(e));
  lua_ok(e, "assert(t:nrow() == 3 and t:ncol() == 6)\n"
            "assert(table.concat(t:types(), ',') == 'int,num,bool,date,str,str')\n"
            "assert(t:col('i')[1] == 10 and t:col('i')[2] == nil and t:col('i')[3] == 30)\n"
            "assert(t:col('d')[1] == nil and t:col('d')[2] == 2.5)\n"
            "assert(t:col('b')[1] == true and t:col('b')[2] == false and t:col('b')[3] == nil)\n"
            "assert(t:col('t')[1] == '1970-01-01' and t:col('t')[2] == nil)\n"
            "assert(t:col('t')[3] == '2022-01-08')\n"
            "assert(t:col('s')[1] == 'a' and t:col('s')[2] == nil and t:col('s')[3] == 'c')\n"
            "assert(t:col('g')[1] == 'OTC' and t:col('g')[2] == 'CPS1' and t:col('g')[3] == nil)\n"
            "for _, n in ipairs{'i', 'd', 'b', 't', 's', 'g'} do\n"
            "  assert(t:col(n):n_na() == 1, n) end\n"
            "assert(t:col('i'):sum() == 40 and t:col('d'):mean() == 3)\n");
  pw_close(&e);
}

Test(bind_columns, every_type_without_na) {
  captured cap;
  pw_engine *e = engine(&cap);
  int64_t i64[2] = {-1, 1};
  double dbl[2] = {0.25, -0.5};
  uint8_t bl[2] = {0, 1};
  int32_t dt[2] = {-1, 365};
  const char *str[2] = {"x", "y"};
  uint32_t codes[2] = {0, 0};
  const char *dict[1] = {"only"};
  uint64_t all[1] = {~(uint64_t)0};   /* a bitmap with nothing missing is as NULL */
  pw_column cols[] = {
      {"i", PW_INT64, i64, NULL, NULL, 0}, {"d", PW_DOUBLE, dbl, all, NULL, 0},
      {"b", PW_BOOL, bl, NULL, NULL, 0},   {"t", PW_DATE, dt, NULL, NULL, 0},
      {"s", PW_STRING, str, all, NULL, 0}, {"g", PW_DICT, codes, NULL, dict, 1},
  };
  cr_assert_eq(pw_bind_columns(e, "t", cols, 6, 2), PW_OK, "%s", pw_errmsg(e));
  lua_ok(e, "for _, n in ipairs(t:names()) do assert(t:col(n):n_na() == 0, n) end\n"
            "assert(t:col('i'):sum() == 0 and t:col('d')[2] == -0.5)\n"
            "assert(t:col('b')[2] == true and t:col('t')[1] == '1969-12-31')\n"
            "assert(t:col('s')[2] == 'y' and t:col('g')[2] == 'only')\n");
  pw_close(&e);
}

Test(bind_columns, zero_rows_and_long_bitmaps) {
  captured cap;
  pw_engine *e = engine(&cap);
  int64_t none[1] = {0};
  pw_column empty[] = {{"x", PW_INT64, none, NULL, NULL, 0}};
  cr_assert_eq(pw_bind_columns(e, "z", empty, 1, 0), PW_OK, "%s", pw_errmsg(e));
  enum { N = 200 };
  double v[N];
  uint64_t valid[(N + 63) / 64];
  memset(valid, 0xff, sizeof valid);
  for (int i = 0; i < N; i++)
    v[i] = i;
  clear_bit(valid, 64);
  clear_bit(valid, 199);
  valid[3] &= ~((uint64_t)0xff << 56);   /* bits past nrows are not rows */
  pw_column col[] = {{"v", PW_DOUBLE, v, valid, NULL, 0}};
  cr_assert_eq(pw_bind_columns(e, "f", col, 1, 190), PW_OK, "%s", pw_errmsg(e));
  lua_ok(e, "assert(z:nrow() == 0 and z:ncol() == 1)\n"
            "assert(f:nrow() == 190 and f:col('v'):n_na() == 1 and f:col('v')[65] == nil)\n"
            "assert(f:col('v')[190] == 189)\n");
  pw_close(&e);
}

/* The host's values are used in place: changing one after binding (which
** the ownership rule forbids a real host to do) shows in the script. */
Test(bind_columns, zero_copy_is_in_place) {
  captured cap;
  pw_engine *e = engine(&cap);
  int64_t x[3] = {10, 20, 30};
  double d[3] = {1, 2, 3};
  uint32_t codes[3] = {0, 1, 0};
  const char *dict[2] = {"a", "b"};
  uint64_t valid[1] = {~(uint64_t)0};
  clear_bit(valid, 2);
  pw_column cols[] = {{"x", PW_INT64, x, NULL, NULL, 0},
                      {"d", PW_DOUBLE, d, valid, NULL, 0},
                      {"g", PW_DICT, codes, NULL, dict, 2}};
  cr_assert_eq(pw_bind_columns(e, "t", cols, 3, 3), PW_OK, "%s", pw_errmsg(e));
  lua_ok(e, "assert(t:col('x')[2] == 20 and t:col('g')[2] == 'b' and t:col('d')[3] == nil)");
  x[1] = 99;
  codes[1] = 0;
  valid[0] |= 4;   /* the bitmap too (n_na, counted at bind time, is not) */
  lua_ok(e, "assert(t:col('x')[2] == 99 and t:col('g')[2] == 'a' and t:col('d')[3] == 3)");
  pw_close(&e);
}

/* PW_STRING values and PW_DICT dictionaries are copied during the call. */
Test(bind_columns, strings_are_copied) {
  captured cap;
  pw_engine *e = engine(&cap);
  char a[] = "alpha", b[] = "beta";
  const char *str[2] = {a, b};
  uint32_t codes[2] = {1, 0};
  char d0[] = "CPS1", d1[] = "OTC";
  const char *dict[2] = {d0, d1};
  pw_column cols[] = {{"s", PW_STRING, str, NULL, NULL, 0},
                      {"g", PW_DICT, codes, NULL, dict, 2}};
  cr_assert_eq(pw_bind_columns(e, "t", cols, 2, 2), PW_OK, "%s", pw_errmsg(e));
  a[0] = 'A';
  str[1] = "other";
  d1[0] = 'X';
  dict[0] = "changed";
  lua_ok(e, "assert(t:col('s')[1] == 'alpha' and t:col('s')[2] == 'beta')\n"
            "assert(t:col('g')[1] == 'OTC' and t:col('g')[2] == 'CPS1')");
  pw_close(&e);
}

Test(bind_columns, nan_is_na) {
  captured cap;
  pw_engine *e = engine(&cap);
  double d[4] = {1, NAN, 3, NAN};
  uint64_t valid[1] = {~(uint64_t)0};
  clear_bit(valid, 3);
  pw_column cols[] = {{"d", PW_DOUBLE, d, valid, NULL, 0}};
  cr_assert_eq(pw_bind_columns(e, "t", cols, 1, 4), PW_OK, "%s", pw_errmsg(e));
  lua_ok(e, "assert(t:col('d'):n_na() == 2 and t:col('d')[2] == nil)\n"
            "assert(t:filter('is_na(d)'):nrow() == 2 and t:col('d'):sum() == 4)");
  pw_close(&e);
}

/* Frames derived by the script share the host's buffers and outlive the
** bound global; pw_close frees them all (LeakSanitizer checks the rest). */
Test(bind_columns, derived_frames_and_rebinding) {
  captured cap;
  pw_engine *e = engine(&cap);
  int64_t x[4] = {1, 2, 3, 4};
  uint32_t codes[4] = {0, 1, 1, 0};
  const char *dict[2] = {"a", "b"};
  pw_column cols[] = {{"x", PW_INT64, x, NULL, NULL, 0},
                      {"g", PW_DICT, codes, NULL, dict, 2}};
  cr_assert_eq(pw_bind_columns(e, "t", cols, 2, 4), PW_OK, "%s", pw_errmsg(e));
  lua_ok(e, "kept = t:filter(\"g == 'b'\"):mutate{y = 'x * 2'}\n"
            "all = t:select('x')\n"
            "sums = t:summarise({s = 'sum(x)'}, {by = 'g'})\n"
            "assert(kept:nrow() == 2 and kept:col('y')[2] == 6)");
  cr_assert_eq(pw_bind_columns(e, "t", cols, 2, 3), PW_OK, "%s", pw_errmsg(e));
  lua_ok(e, "collectgarbage() assert(t:nrow() == 3 and all:nrow() == 4)\n"
            "assert(sums:col('s')[1] == 5 and all:col('x')[4] == 4)");
  pw_close(&e);
}

/* Borrowed buffers are not charged to the engine's memory limit. */
Test(bind_columns, borrowed_buffers_are_not_charged) {
  captured cap;
  pw_engine *e = open_engine(&cap, 0, 64u << 20, 0);
  size_t n = 16u << 20;   /* 128 MiB of int64 against a 64 MiB limit */
  int64_t *x = malloc(n * sizeof *x);
  cr_assert_not_null(x);
  for (size_t i = 0; i < n; i++)
    x[i] = 1;
  pw_column cols[] = {{"x", PW_INT64, x, NULL, NULL, 0}};
  cr_assert_eq(pw_bind_columns(e, "t", cols, 1, n), PW_OK, "%s", pw_errmsg(e));
  lua_ok(e, "assert(t:col('x'):sum() == 16 * 1024 * 1024)");
  pw_close(&e);
  free(x);
}

Test(bind_columns, bad_dict_codes) {
  captured cap;
  pw_engine *e = engine(&cap);
  uint32_t codes[3] = {0, 2, 1};
  const char *dict[2] = {"a", "b"};
  pw_column cols[] = {{"gene", PW_DICT, codes, NULL, dict, 2}};
  cr_assert_eq(pw_bind_columns(e, "t", cols, 1, 3), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "column 'gene'") && strstr(pw_errmsg(e), "row 1"),
            "%s", pw_errmsg(e));
  const char *dup[2] = {"a", "a"};
  codes[1] = 0;
  pw_column dcol[] = {{"gene", PW_DICT, codes, NULL, dup, 2}};
  cr_assert_eq(pw_bind_columns(e, "t", dcol, 1, 3), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "'gene'") && strstr(pw_errmsg(e), "distinct"), "%s",
            pw_errmsg(e));
  const char *holes[2] = {"a", NULL};
  pw_column hcol[] = {{"gene", PW_DICT, codes, NULL, holes, 2}};
  cr_assert_eq(pw_bind_columns(e, "t", hcol, 1, 3), PW_EINVAL);
  lua_ok(e, "assert(rawget(_ENV, 't') == nil)");   /* nothing was bound */
  pw_close(&e);
}

Test(bind_columns, invalid_columns) {
  captured cap;
  pw_engine *e = engine(&cap);
  int64_t x[2] = {1, 2};
  uint8_t b[2] = {0, 2};
  const char *s[2] = {"a", NULL};
  const char *dict[1] = {"a"};
  pw_column dup[] = {{"x", PW_INT64, x, NULL, NULL, 0}, {"x", PW_INT64, x, NULL, NULL, 0}};
  cr_assert_eq(pw_bind_columns(e, "t", dup, 2, 2), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "duplicate column name 'x'"), "%s", pw_errmsg(e));
  struct { pw_column col; const char *want; } bad[] = {
      {{"", PW_INT64, x, NULL, NULL, 0}, "no name"},
      {{NULL, PW_INT64, x, NULL, NULL, 0}, "no name"},
      {{"u", (pw_type)42, x, NULL, NULL, 0}, "'u': unknown type"},
      {{"n", PW_INT64, NULL, NULL, NULL, 0}, "'n': data is NULL"},
      {{"b", PW_BOOL, b, NULL, NULL, 0}, "'b': bool value 2 at row 1"},
      {{"s", PW_STRING, s, NULL, NULL, 0}, "'s': NULL string at row 1"},
      {{"k", PW_INT64, x, NULL, dict, 1}, "'k': dict is set"},
      {{"g", PW_DICT, x, NULL, NULL, 1}, "'g': dict is NULL"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    cr_assert_eq(pw_bind_columns(e, "t", &bad[i].col, 1, 2), PW_EINVAL, "case %zu", i);
    cr_assert(strstr(pw_errmsg(e), bad[i].want), "case %zu: %s", i, pw_errmsg(e));
  }
  uint64_t valid[1] = {1};   /* row 2 missing: its NULL string is not read */
  pw_column ok[] = {{"s", PW_STRING, s, valid, NULL, 0}};
  cr_assert_eq(pw_bind_columns(e, "t", ok, 1, 2), PW_OK, "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(bind_columns, null_arguments) {
  captured cap;
  pw_engine *e = engine(&cap);
  int64_t x[1] = {1};
  pw_column col[] = {{"x", PW_INT64, x, NULL, NULL, 0}};
  cr_assert_eq(pw_bind_columns(NULL, "t", col, 1, 1), PW_EINVAL);
  cr_assert_eq(pw_bind_columns(e, NULL, col, 1, 1), PW_EINVAL);
  cr_assert_eq(pw_bind_columns(e, "", col, 1, 1), PW_EINVAL);
  cr_assert_eq(pw_bind_columns(e, "t", NULL, 1, 1), PW_EINVAL);
  cr_assert_eq(pw_bind_csv(NULL, "t", "x.csv", NULL), PW_EINVAL);
  cr_assert_eq(pw_bind_csv(e, NULL, "x.csv", NULL), PW_EINVAL);
  cr_assert_eq(pw_bind_csv(e, "t", NULL, NULL), PW_EINVAL);
  cr_assert_eq(pw_bind_columns(e, "none", NULL, 0, 5), PW_OK);   /* no columns, 5 rows */
  lua_ok(e, "assert(none:nrow() == 5 and none:ncol() == 0)");
  pw_close(&e);
}

/* ------------------------------------------------------------ CSV */

Test(bind_csv, reads_with_options_and_reports_failures) {
  captured cap;
  pw_engine *e = engine(&cap);
  char path[] = "/tmp/pw_bind_csv_XXXXXX";
  int fd = mkstemp(path);
  cr_assert(fd >= 0);
  const char text[] = "gene,ammonia\nCPS1,120\nOTC,-\n";
  cr_assert_eq(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
  close(fd);
  cr_assert_eq(pw_bind_csv(e, "trial", path, NULL), PW_OK, "%s", pw_errmsg(e));
  lua_ok(e, "assert(trial:nrow() == 2 and trial:types()[2] == 'str')");
  cr_assert_eq(pw_bind_csv(e, "trial", path, "{\"na\": [\"-\"]}"), PW_OK, "%s",
               pw_errmsg(e));
  lua_ok(e, "assert(trial:types()[2] == 'int' and trial:col('ammonia')[2] == nil)");
  cr_assert_eq(pw_bind_csv(e, "x", path, "{\"na\": [\"-\"],}"), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "bad options") && strstr(pw_errmsg(e), "json.decode"),
            "%s", pw_errmsg(e));
  cr_assert_eq(pw_bind_csv(e, "x", path, "[1]"), PW_EINVAL);
  cr_assert_eq(pw_bind_csv(e, "x", path, "{\"nope\": 1}"), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "unknown option 'nope'"), "%s", pw_errmsg(e));
  unlink(path);
  cr_assert_eq(pw_bind_csv(e, "x", path, NULL), PW_EIO);
  cr_assert(strstr(pw_errmsg(e), path) && strstr(pw_errmsg(e), "No such file"), "%s",
            pw_errmsg(e));
  pw_close(&e);
}

/* ------------------------------------------------------------ predicates */

/* Four rows covering NA: x = 150, NA, 50, 200; flag = 1, 1, NA, 0. */
static double px[4] = {150, 0, 50, 200};
static uint8_t pflag[4] = {1, 1, 0, 0};
static uint64_t px_valid[1] = {~(uint64_t)0 ^ 2};
static uint64_t pflag_valid[1] = {~(uint64_t)0 ^ 4};

static pw_column pschema[] = {{"x", PW_DOUBLE, NULL, NULL, NULL, 0},
                              {"flag", PW_BOOL, NULL, NULL, NULL, 0}};

/* out for `expr` over the four rows, as a string of 0 and 1. */
static void run4(pw_engine *e, const char *expr, char *got) {
  pw_predicate *p = NULL;
  cr_assert_eq(pw_predicate_compile(e, expr, &(pw_schema){pschema, 2}, &p), PW_OK, "%s: %s",
               expr, pw_errmsg(e));
  pw_column cols[] = {{"x", PW_DOUBLE, px, px_valid, NULL, 0},
                      {"flag", PW_BOOL, pflag, pflag_valid, NULL, 0}};
  uint8_t out[4];
  memset(out, 7, sizeof out);
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){cols, 2, 4}, out), PW_OK, "%s", pw_errmsg(e));
  for (int i = 0; i < 4; i++)
    got[i] = (char)('0' + out[i]);
  got[4] = '\0';
  cr_assert_eq(pw_predicate_free(&p), PW_OK);
  cr_assert_null(p);
}

Test(predicate, na_logic) {
  captured cap;
  pw_engine *e = engine(&cap);
  struct { const char *expr, *want; } cases[] = {
      {"x > 100", "1001"},                /* NA > 100 is NA: 0 */
      {"not (x > 100)", "0010"},          /* not NA is NA: 0 */
      {"x > 100 and flag", "1000"},       /* NA and true is NA; 200 and false */
      {"x > 100 or flag", "1101"},        /* NA or true is true */
      {"x < 100 or flag", "1110"},        /* true or NA is true */
      {"x < 100 and not flag", "0000"},   /* true and NA is NA */
      {"is_na(x) or is_na(flag)", "0110"},
      {"coalesce(x, 0) == 0", "0100"},
      {"x in (50, na)", "0010"},          /* a miss against a list with na is NA */
  };
  char got[5];
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    run4(e, cases[i].expr, got);
    cr_assert_str_eq(got, cases[i].want, "%s", cases[i].expr);
  }
  pw_close(&e);
}

/* Eight variants as a dictionary (the codes reversed, one NA) and as plain
** strings; the same pattern gives the same answer either way. */
Test(predicate, regex_on_dict_and_string) {
  captured cap;
  pw_engine *e = engine(&cap);
  const char *dict[] = {"c.1003C>T", "c.1003C>G", "c.77C>T", "c.x", "p.Gln335Ter",
                        "c.12C>T", "C.1C>T", "c.5C>Tx"};
  uint32_t codes[8];
  const char *strs[8];
  for (uint32_t i = 0; i < 8; i++) {
    codes[i] = 7 - i;
    strs[i] = dict[7 - i];
  }
  uint64_t valid[1] = {0xff ^ 0x08};   /* row 3 (p.Gln335Ter) missing */
  const char *expr = "v ~ '^c\\.[0-9]+C>T$'";
  const char *want = "00100101", *want_not = "11001010";
  for (int plain = 0; plain < 2; plain++) {
    pw_column schema[] = {{"v", plain ? PW_STRING : PW_DICT, NULL, NULL, NULL, 0}};
    pw_column batch[] = {{"v", plain ? PW_STRING : PW_DICT, plain ? (const void *)strs
                          : (const void *)codes, valid, plain ? NULL : dict, plain ? 0 : 8}};
    const char *exprs[2] = {expr, "v !~ '^c\\.[0-9]+C>T$'"};
    for (int neg = 0; neg < 2; neg++) {
      pw_predicate *p = NULL;
      cr_assert_eq(pw_predicate_compile(e, exprs[neg], &(pw_schema){schema, 1}, &p), PW_OK,
                   "%s", pw_errmsg(e));
      uint8_t out[8];
      char got[9];
      for (int round = 0; round < 2; round++) {   /* a second call reuses the dictionary */
        cr_assert_eq(pw_predicate_eval(p, &(pw_batch){batch, 1, 8}, out), PW_OK, "%s",
                     pw_errmsg(e));
        for (int i = 0; i < 8; i++)
          got[i] = (char)('0' + out[i]);
        got[8] = '\0';
        cr_assert_str_eq(got, neg ? want_not : want, "plain %d neg %d", plain, neg);
      }
      pw_predicate_free(&p);
    }
  }
  pw_close(&e);
}

/* The same dictionary array with other strings in it is not mistaken for
** the one the predicate saw before. */
Test(predicate, dictionary_changed_in_place) {
  captured cap;
  pw_engine *e = engine(&cap);
  pw_column schema[] = {{"gene", PW_DICT, NULL, NULL, NULL, 0}};
  pw_predicate *p = NULL;
  cr_assert_eq(pw_predicate_compile(e, "gene == 'CPS1'", &(pw_schema){schema, 1}, &p), PW_OK);
  const char *dict[2] = {"CPS1", "OTC"};
  uint32_t codes[3] = {0, 1, 0};
  pw_column batch[] = {{"gene", PW_DICT, codes, NULL, dict, 2}};
  uint8_t out[3];
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){batch, 1, 3}, out), PW_OK);
  cr_assert(out[0] == 1 && out[1] == 0 && out[2] == 1);
  dict[0] = "OTC";
  dict[1] = "CPS1";
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){batch, 1, 3}, out), PW_OK);
  cr_assert(out[0] == 0 && out[1] == 1 && out[2] == 0);
  codes[1] = 2;
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){batch, 1, 3}, out), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "'gene': code 2 at row 1"), "%s", pw_errmsg(e));
  pw_predicate_free(&p);
  pw_close(&e);
}

/* Every type in one predicate, over several batches cut from longer
** columns (validity offset by whole words, as a host would slice). */
Test(predicate, every_type_in_batches) {
  captured cap;
  pw_engine *e = engine(&cap);
  enum { N = 1000, B = 128 };
  static int64_t id[N];
  static double amm[N];
  static uint8_t tr[N];
  static int32_t day[N];
  static uint32_t gene[N];
  static uint64_t valid[(N + 63) / 64];
  const char *dict[3] = {"CPS1", "OTC", "ASS1"};
  memset(valid, 0xff, sizeof valid);
  size_t want = 0;
  for (int i = 0; i < N; i++) {
    id[i] = i;
    amm[i] = i % 2 ? NAN : (double)(i % 300);
    tr[i] = (uint8_t)(i % 3 == 0);
    day[i] = 19000 + i;
    gene[i] = (uint32_t)(i % 3);
    if (i % 7 == 0)
      clear_bit(valid, (size_t)i);
    int ok = i % 7 != 0 && i % 2 == 0 && i % 300 > 100 && i % 3 == 0 && 19000 + i >= 19500;
    want += ok && id[i] % 2 == 0;
  }
  pw_column schema[] = {{"id", PW_INT64, NULL, NULL, NULL, 0},
                        {"ammonia", PW_DOUBLE, NULL, NULL, NULL, 0},
                        {"treated", PW_BOOL, NULL, NULL, NULL, 0},
                        {"day", PW_DATE, NULL, NULL, NULL, 0},
                        {"gene", PW_DICT, NULL, NULL, NULL, 0}};
  pw_predicate *p = NULL;
  cr_assert_eq(pw_predicate_compile(e, "gene == 'CPS1' and ammonia > 100 and treated and "
                                    "day >= '2023-05-23' and id % 2 == 0",
                                    &(pw_schema){schema, 5}, &p), PW_OK, "%s", pw_errmsg(e));
  size_t got = 0;
  uint8_t out[B];
  for (size_t at = 0; at < N; at += B) {
    size_t n = N - at < B ? N - at : B;
    pw_column cols[] = {{"id", PW_INT64, id + at, NULL, NULL, 0},
                        {"ammonia", PW_DOUBLE, amm + at, valid + at / 64, NULL, 0},
                        {"treated", PW_BOOL, tr + at, NULL, NULL, 0},
                        {"day", PW_DATE, day + at, NULL, NULL, 0},
                        {"gene", PW_DICT, gene + at, NULL, dict, 3}};
    cr_assert_eq(pw_predicate_eval(p, &(pw_batch){cols, 5, n}, out), PW_OK, "%s",
                 pw_errmsg(e));
    for (size_t i = 0; i < n; i++)
      got += out[i];
  }
  cr_assert_eq(got, want);
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){schema, 5, 0}, NULL), PW_OK, "%s",
               pw_errmsg(e));   /* no rows: nothing read, nothing written */
  pw_predicate_free(&p);
  pw_close(&e);
}

Test(predicate, batch_that_does_not_match_the_schema) {
  captured cap;
  pw_engine *e = engine(&cap);
  pw_predicate *p = NULL;
  cr_assert_eq(pw_predicate_compile(e, "x > 1", &(pw_schema){pschema, 2}, &p), PW_OK);
  int64_t xi[4] = {1, 2, 3, 4};
  uint8_t out[4];
  pw_column wrong_type[] = {{"x", PW_INT64, xi, NULL, NULL, 0},
                            {"flag", PW_BOOL, pflag, NULL, NULL, 0}};
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){wrong_type, 2, 4}, out), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "column 'x' is PW_INT64 in the batch, PW_DOUBLE"), "%s",
            pw_errmsg(e));
  pw_column wrong_name[] = {{"y", PW_DOUBLE, px, NULL, NULL, 0},
                            {"flag", PW_BOOL, pflag, NULL, NULL, 0}};
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){wrong_name, 2, 4}, out), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "'y'") && strstr(pw_errmsg(e), "'x'"), "%s", pw_errmsg(e));
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){wrong_name, 1, 4}, out), PW_EINVAL);
  uint8_t two[4] = {0, 2, 0, 0};
  pw_column bad_bool[] = {{"x", PW_DOUBLE, px, NULL, NULL, 0},
                          {"flag", PW_BOOL, two, NULL, NULL, 0}};
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){bad_bool, 2, 4}, out), PW_OK,
               "flag is not read by 'x > 1'");
  cr_assert_eq(pw_predicate_eval(p, NULL, out), PW_EINVAL);
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){bad_bool, 2, 4}, NULL), PW_EINVAL);
  cr_assert_eq(pw_predicate_eval(NULL, &(pw_batch){bad_bool, 2, 4}, out), PW_EINVAL);
  pw_predicate_free(&p);
  cr_assert_eq(pw_predicate_compile(e, "flag", &(pw_schema){pschema, 2}, &p), PW_OK);
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){bad_bool, 2, 4}, out), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "'flag': bool value 2 at row 1"), "%s", pw_errmsg(e));
  pw_predicate_free(&p);
  pw_close(&e);
}

Test(predicate, bad_expressions) {
  captured cap;
  pw_engine *e = engine(&cap);
  pw_predicate *p = (pw_predicate *)&cap;   /* set to NULL on failure */
  cr_assert_eq(pw_predicate_compile(e, "x >* 2", &(pw_schema){pschema, 2}, &p), PW_ESYNTAX);
  cr_assert_null(p);
  cr_assert_str_eq(pw_errmsg(e), "expression:1:4: unexpected '*'; expected a value\n"
                                 "    x >* 2\n"
                                 "       ^");
  cr_assert_eq(pw_predicate_compile(e, "flg and x > 1", &(pw_schema){pschema, 2}, &p),
               PW_ESYNTAX);
  cr_assert(strstr(pw_errmsg(e), "unknown column 'flg' (did you mean 'flag'?)"), "%s",
            pw_errmsg(e));
  cr_assert_eq(pw_predicate_compile(e, "x + 1", &(pw_schema){pschema, 2}, &p), PW_ESYNTAX);
  cr_assert(strstr(pw_errmsg(e), "bool"), "%s", pw_errmsg(e));
  cr_assert_eq(pw_predicate_compile(e, "x ~ '('", &(pw_schema){pschema, 2}, &p), PW_ESYNTAX);
  pw_column dup[] = {{"x", PW_DOUBLE, NULL, NULL, NULL, 0}, {"x", PW_BOOL, NULL, NULL, NULL, 0}};
  cr_assert_eq(pw_predicate_compile(e, "x > 1", &(pw_schema){dup, 2}, &p), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "duplicate column name 'x'"), "%s", pw_errmsg(e));
  pw_column unknown[] = {{"x", (pw_type)9, NULL, NULL, NULL, 0}};
  cr_assert_eq(pw_predicate_compile(e, "x > 1", &(pw_schema){unknown, 1}, &p), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "'x': unknown type"), "%s", pw_errmsg(e));
  cr_assert_eq(pw_predicate_compile(e, NULL, &(pw_schema){pschema, 2}, &p), PW_EINVAL);
  cr_assert_eq(pw_predicate_compile(e, "x > 1", NULL, &p), PW_EINVAL);
  cr_assert_eq(pw_predicate_compile(e, "x > 1", &(pw_schema){pschema, 2}, NULL), PW_EINVAL);
  cr_assert_eq(pw_predicate_compile(NULL, "x > 1", &(pw_schema){pschema, 2}, &p), PW_EINVAL);
  cr_assert_eq(pw_predicate_free(NULL), PW_EINVAL);
  p = NULL;
  cr_assert_eq(pw_predicate_free(&p), PW_EINVAL);
  pw_close(&e);
}

/* After pw_close a predicate can only be freed; predicates freed before
** and after the close, in any order, leave nothing behind. */
Test(predicate, use_after_close) {
  captured cap;
  pw_engine *e = engine(&cap);
  pw_predicate *a = NULL, *b = NULL, *c = NULL;
  pw_schema s = {pschema, 2};
  cr_assert_eq(pw_predicate_compile(e, "x > 100", &s, &a), PW_OK);
  cr_assert_eq(pw_predicate_compile(e, "flag", &s, &b), PW_OK);
  cr_assert_eq(pw_predicate_compile(e, "not flag", &s, &c), PW_OK);
  cr_assert_eq(pw_predicate_free(&b), PW_OK);   /* from the middle of the list */
  pw_column cols[] = {{"x", PW_DOUBLE, px, px_valid, NULL, 0},
                      {"flag", PW_BOOL, pflag, pflag_valid, NULL, 0}};
  uint8_t out[4];
  cr_assert_eq(pw_predicate_eval(a, &(pw_batch){cols, 2, 4}, out), PW_OK);
  cr_assert_eq(pw_close(&e), PW_OK);
  cr_assert_eq(pw_predicate_eval(a, &(pw_batch){cols, 2, 4}, out), PW_EINVAL);
  cr_assert_eq(pw_predicate_eval(c, &(pw_batch){cols, 2, 4}, out), PW_EINVAL);
  cr_assert_eq(pw_predicate_free(&c), PW_OK);
  cr_assert_eq(pw_predicate_free(&a), PW_OK);
  cr_assert_null(a);
}

/* A predicate does not depend on bound data: the host's batches are read
** only during pw_predicate_eval, and Lua is never called (the engine's
** time limit and heap are untouched). */
Test(predicate, string_batches_are_copied_per_call) {
  captured cap;
  pw_engine *e = engine(&cap);
  pw_column schema[] = {{"v", PW_STRING, NULL, NULL, NULL, 0}};
  pw_predicate *p = NULL;
  cr_assert_eq(pw_predicate_compile(e, "len(v) > 2 and lower(v) == 'abc'",
                                    &(pw_schema){schema, 1}, &p), PW_OK, "%s", pw_errmsg(e));
  char buf[] = "ABC";
  const char *v[3] = {buf, "ab", ""};
  pw_column batch[] = {{"v", PW_STRING, v, NULL, NULL, 0}};
  uint8_t out[3];
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){batch, 1, 3}, out), PW_OK);
  cr_assert(out[0] == 1 && out[1] == 0 && out[2] == 0);
  buf[0] = 'x';
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){batch, 1, 3}, out), PW_OK);
  cr_assert(out[0] == 0);
  v[1] = NULL;
  cr_assert_eq(pw_predicate_eval(p, &(pw_batch){batch, 1, 3}, out), PW_EINVAL);
  cr_assert(strstr(pw_errmsg(e), "'v': NULL string at row 1"), "%s", pw_errmsg(e));
  pw_predicate_free(&p);
  pw_close(&e);
}
