/* test_csv_write.c: Criterion tests of the CSV writer, value texts, round trips and
 * allocation failures (stdlib/csv, no Lua). */
#include <dirent.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "csv/csv.h"
#include "../frame_same.h"

/* ------------------------------------------------------------ helpers */

/* xorshift64*: seeded, so every run tests the same frames. */
static uint64_t rnd(uint64_t *s) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 0x2545F4914F6CDD1Dull;
}

/* Strings that break naive writers and readers. */
static const char *const awkward[] = {"",
                                      " ",
                                      "  lead",
                                      "trail ",
                                      "\t",
                                      "a,b",
                                      "say \"hi\"",
                                      "\"",
                                      "\"\"",
                                      "line1\nline2",
                                      "cr\rlf",
                                      "crlf\r\n",
                                      "NA",
                                      "na",
                                      "N/A",
                                      "#hash",
                                      "caf\xC3\xA9",
                                      "\xE6\x97\xA5\xE6\x9C\xAC",
                                      "\xF0\x9F\xA7\xAC",
                                      "08123",
                                      "1.50",
                                      "true",
                                      "2024-01-01",
                                      "-0",
                                      "NaN",
                                      ";",
                                      "|",
                                      "x|y;z",
                                      "plain",
                                      "c.1003C>T",
                                      "p.Gln335Ter"};
#define N_AWKWARD (sizeof awkward / sizeof *awkward)

/* A column of n random values of `type` (str: dictionary or plain). */
static frame_column *random_column(uint64_t *seed, frame_type type, int plain, size_t n) {
  static const int64_t ints[] = {0, 1, -1, INT64_MIN, INT64_MAX, 9007199254740993, 42};
  static const double nums[] = {0.1,       -0.0, 0.0,        1e300, 5e-324,
                                1.0 / 3,   1e-7, 123456.789, NAN,   INFINITY,
                                -INFINITY, 2.0,  DBL_MAX,    1e15,  1e16};
  static const int32_t days[] = {0, -719528, 2932896, 19782, -1, 11016}; /* 0000..9999 */
  frame_dict *dict = type == FRAME_STR && !plain ? frame_dict_new(NULL) : NULL;
  frame_column *c = frame_column_new(NULL, type, n, dict);
  const char *strs[4096];
  size_t total = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t r = rnd(seed);
    strs[i] = awkward[r % N_AWKWARD];
    switch (type) {
    case FRAME_INT:
      ((int64_t *)c->data)[i] = r % 3 ? ints[r % 7] : (int64_t)r;
      break;
    case FRAME_NUM:
      ((double *)c->data)[i] = r % 3 ? nums[r % 15] : (double)(int64_t)r / 1e5;
      break;
    case FRAME_BOOL:
      ((uint8_t *)c->data)[i] = (uint8_t)(r & 1);
      break;
    case FRAME_DATE:
      ((int32_t *)c->data)[i] = days[r % 6];
      break;
    default:
      if (dict)
        ((uint32_t *)c->data)[i] =
            (uint32_t)frame_dict_intern(dict, strs[i], strlen(strs[i]));
      total += strlen(strs[i]) + 1;
    }
  }
  if (type == FRAME_STR && plain) {
    c->bytes = frame_mem_alloc(NULL, total);
    for (size_t i = 0, off = 0; i < n; i++) {
      memcpy(c->bytes + off, strs[i], strlen(strs[i]) + 1);
      off += strlen(strs[i]) + 1;
      c->offsets[i + 1] = off;
    }
  }
  for (size_t i = 0; i < n; i++)
    if (rnd(seed) % 7 == 0)
      frame_column_set_na(c, i);
  frame_dict_unref(dict);
  return c;
}

/* A random frame; types[j] gets each column's type. Names are awkward too. */
static frame *random_frame(uint64_t *seed, size_t nrow, size_t ncol, csv_type_spec *types,
                           char names[][32]) {
  frame *f = frame_new(NULL, nrow);
  for (size_t j = 0; j < ncol; j++) {
    int kind = (int)(rnd(seed) % 6);
    frame_type t = kind == 5 ? FRAME_STR : (frame_type)kind;
    snprintf(names[j], 32, "c%zu %s", j, awkward[rnd(seed) % N_AWKWARD]);
    frame_column *c = random_column(seed, t, kind == 5, nrow);
    cr_assert_eq(frame_add(f, names[j], c), 0);
    frame_column_unref(c);
    types[j] = (csv_type_spec){names[j], t};
  }
  return f;
}

static void expect_same_frame(const frame *x, const frame *y) {
  cr_assert_eq(x->ncol, y->ncol);
  cr_assert_eq(x->nrow, y->nrow);
  for (size_t j = 0; j < x->ncol; j++) {
    cr_assert_str_eq(x->names[j], y->names[j]);
    cr_assert_eq(x->cols[j]->type, y->cols[j]->type, "column '%s'", x->names[j]);
    for (size_t i = 0; i < x->nrow; i++)
      cr_assert(frame_same_value(x->cols[j], y->cols[j], i), "column '%s' row %zu", x->names[j],
                i + 1);
  }
}

/* The text csv_write_stream gives f with options o. */
static char *write_text(const frame *f, const csv_write_opts *o, size_t *len) {
  char *buf = NULL;
  FILE *fp = open_memstream(&buf, len);
  char msg[CSV_MSG_SIZE];
  cr_assert_eq(csv_write_stream(f, fp, o, msg, sizeof msg), CSV_OK, "%s", msg);
  fclose(fp);
  return buf;
}

/* A small frame of every type, with NA and awkward strings. */
static frame *sample_frame(void) {
  frame *f = frame_new(NULL, 3);
  frame_column *id = frame_column_new(NULL, FRAME_INT, 3, NULL);
  int64_t ids[] = {1, -20, 0};
  memcpy(id->data, ids, sizeof ids);
  frame_column_set_na(id, 2);
  frame_column *x = frame_column_new(NULL, FRAME_NUM, 3, NULL);
  double xs[] = {1.5, 2.0, 0.1 + 0.2};
  memcpy(x->data, xs, sizeof xs);
  frame_dict *d = frame_dict_new(NULL);
  frame_column *s = frame_column_new(NULL, FRAME_STR, 3, d);
  const char *ss[] = {"a,b", "say \"hi\"", ""};
  for (int i = 0; i < 3; i++)
    ((uint32_t *)s->data)[i] = (uint32_t)frame_dict_intern(d, ss[i], strlen(ss[i]));
  frame_column *b = frame_column_new(NULL, FRAME_BOOL, 3, NULL);
  ((uint8_t *)b->data)[0] = 1;
  frame_column *t = frame_column_new(NULL, FRAME_DATE, 3, NULL);
  ((int32_t *)t->data)[1] = 19782;
  frame_column_set_na(t, 2);
  frame_add(f, "id", id);
  frame_add(f, "x", x);
  frame_add(f, "note, text", s);
  frame_add(f, "ok", b);
  frame_add(f, "day", t);
  frame_column *cols[] = {id, x, s, b, t};
  for (int i = 0; i < 5; i++)
    frame_column_unref(cols[i]);
  frame_dict_unref(d);
  return f;
}

/* ------------------------------------------------------------- values */

Test(csv_value, shortest_numbers) {
  static const struct {
    double v;
    const char *text;
  } cases[] = {{0.1, "0.1"},
               {0.1 + 0.2, "0.30000000000000004"},
               {1.0 / 3, "0.3333333333333333"},
               {1.0, "1.0"},
               {100.0, "100.0"},
               {-0.0, "-0.0"},
               {123.456, "123.456"},
               {1e15, "1e+15"},
               {999999999999999.9, "999999999999999.9"},
               {1e21, "1e+21"},
               {1e-5, "0.00001"},
               {1e-7, "1e-07"},
               {5e-324, "5e-324"},
               {DBL_MAX, "1.7976931348623157e+308"},
               {NAN, "NaN"},
               {-INFINITY, "-Inf"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char buf[CSV_VALUE_BUFSIZE];
    size_t n = csv_format_num(cases[i].v, buf);
    cr_assert_str_eq(buf, cases[i].text);
    cr_assert_eq(n, strlen(cases[i].text));
  }
}

Test(csv_value, every_double_prints_back) {
  uint64_t seed = 7;
  for (int i = 0; i < 200000; i++) {
    uint64_t bits = rnd(&seed);
    double v;
    memcpy(&v, &bits, sizeof v);
    if (!isfinite(v))
      continue;
    char buf[CSV_VALUE_BUFSIZE];
    csv_format_num(v, buf);
    double back = strtod(buf, NULL);
    cr_assert(memcmp(&v, &back, sizeof v) == 0, "%s", buf);
  }
}

Test(csv_value, ints_and_dates) {
  char buf[CSV_VALUE_BUFSIZE];
  csv_format_int(INT64_MIN, buf);
  cr_assert_str_eq(buf, "-9223372036854775808");
  csv_format_int(0, buf);
  cr_assert_str_eq(buf, "0");
  static const char *const dates[] = {"1970-01-01", "2024-02-29", "0000-01-01",
                                      "9999-12-31", "1969-12-31", "2000-03-01"};
  for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
    int32_t d;
    cr_assert(csv_parse_date(dates[i], 10, &d), "%s", dates[i]);
    csv_format_date(d, buf);
    cr_assert_str_eq(buf, dates[i]);
  }
  int32_t d;
  cr_assert(csv_parse_date("2024-03-01", 10, &d) && d == 19783);
  cr_assert(!csv_parse_date("2024-04-31", 10, &d));
  cr_assert(!csv_parse_date("2024-4-30", 9, &d));
  cr_assert(!csv_parse_date("2024/04/30", 10, &d));
}

/* -------------------------------------------------------------- writer */

Test(csv_write, quotes_only_where_needed) {
  frame *f = sample_frame();
  size_t len;
  char *text = write_text(f, NULL, &len);
  cr_assert_str_eq(text, "id,x,\"note, text\",ok,day\n"
                         "1,1.5,\"a,b\",true,1970-01-01\n"
                         "-20,2.0,\"say \"\"hi\"\"\",false,2024-02-29\n"
                         ",0.30000000000000004,\"\",false,\n");
  free(text);
  csv_write_opts o;
  csv_write_opts_init(&o);
  o.sep = ';';
  o.na = "NA";
  o.crlf = 1;
  o.header = 0;
  text = write_text(f, &o, &len);
  cr_assert_str_eq(text, "1;1.5;a,b;true;1970-01-01\r\n"
                         "-20;2.0;\"say \"\"hi\"\"\";false;2024-02-29\r\n"
                         "NA;0.30000000000000004;\"\";false;NA\r\n");
  free(text);
  frame_free(f);
}

Test(csv_write, awkward_strings_are_quoted) {
  static const char *const quoted[] = {"",    " ",  "  lead",       "trail ", "\t",
                                       "a,b", "\"", "line1\nline2", "cr\rlf", "NA"};
  static const char *const bare[] = {"na",          "N/A",   "#hash",
                                     "caf\xC3\xA9", "x|y;z", "08123"};
  for (int q = 0; q < 2; q++) {
    const char *const *set = q ? bare : quoted;
    size_t n = q ? sizeof bare / sizeof *bare : sizeof quoted / sizeof *quoted;
    for (size_t i = 0; i < n; i++) {
      frame *f = frame_new(NULL, 1);
      frame_dict *d = frame_dict_new(NULL);
      frame_column *c = frame_column_new(NULL, FRAME_STR, 1, d);
      frame_dict_intern(d, set[i], strlen(set[i]));
      frame_add(f, "s", c);
      frame_column_unref(c);
      frame_dict_unref(d);
      size_t len;
      char *text = write_text(f, NULL, &len);
      cr_assert_eq(text[2] == '"', !q, "%s gave %s", set[i], text);
      free(text);
      frame_free(f);
    }
  }
}

Test(csv_write, bad_options) {
  frame *f = sample_frame();
  csv_write_opts o;
  csv_write_opts_init(&o);
  o.na = "a,b";
  char msg[CSV_MSG_SIZE];
  FILE *fp = fopen("/dev/null", "w");
  cr_assert_eq(csv_write_stream(f, fp, &o, msg, sizeof msg), CSV_EUSAGE);
  cr_assert_str_eq(msg, "na must not contain a quote, the separator or a line end");
  fclose(fp);
  frame_free(f);
}

/* The file appears whole or not at all: a temporary file beside it is
** renamed over it, and a failure leaves nothing behind. */
Test(csv_write, file_by_rename) {
  char dir[512];
  const char *tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/pw_csv_test_XXXXXX", tmp && *tmp ? tmp : "/tmp");
  cr_assert_not_null(mkdtemp(dir));
  char path[600], msg[CSV_MSG_SIZE];
  snprintf(path, sizeof path, "%s/out.csv", dir);
  frame *f = sample_frame();
  cr_assert_eq(csv_write_file(f, path, "out.csv", NULL, msg, sizeof msg), CSV_OK, "%s",
               msg);
  cr_assert_eq(csv_write_file(f, path, "out.csv", NULL, msg, sizeof msg), CSV_OK, "%s",
               msg);
  csv_result r;
  cr_assert_eq(csv_read_file(path, "out.csv", NULL, &r), CSV_OK, "%s", r.msg);
  cr_assert_eq(r.frame->nrow, 3);
  csv_result_free(&r);
  snprintf(path, sizeof path, "%s/missing/out.csv", dir);
  cr_assert_eq(csv_write_file(f, path, "missing/out.csv", NULL, msg, sizeof msg),
               CSV_EWRITE);
  cr_assert_str_eq(msg, "cannot write missing/out.csv: No such file or directory");
  DIR *d = opendir(dir);
  int entries = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;)
    entries += e->d_name[0] != '.';
  closedir(d);
  cr_assert_eq(entries, 1, "only out.csv, no temporary file");
  snprintf(path, sizeof path, "%s/out.csv", dir);
  unlink(path);
  rmdir(dir);
  frame_free(f);
}

/* ---------------------------------------------------------- round trips */

/* Property: for random frames of every type with awkward strings and
** names, write then read with the same types gives the same frame. */
Test(csv_roundtrip, random_frames) {
  uint64_t seed = 20260219;
  for (int round = 0; round < 300; round++) {
    size_t nrow = rnd(&seed) % 40, ncol = 1 + rnd(&seed) % 6;
    csv_type_spec types[8];
    char names[8][32];
    frame *f = random_frame(&seed, nrow, ncol, types, names);
    size_t len;
    char *text = write_text(f, NULL, &len);
    csv_read_opts o;
    csv_read_opts_init(&o);
    const char *na[] = {""}; /* "NA" is a string here, as written */
    o.na = na;
    o.n_na = 1;
    o.types = types;
    o.n_types = ncol;
    o.threads = (int)(1 + round % 2);
    o.parallel_min = 1;
    csv_result r;
    cr_assert_eq(csv_read_buffer(text, len, "rt.csv", &o, &r), CSV_OK, "%s\n%s", r.msg,
                 text);
    expect_same_frame(f, r.frame);
    csv_result_free(&r);
    free(text);
    frame_free(f);
  }
}

/* Property: read (with inference) -> write -> read gives the same types
** and values, for text full of values inference must be careful with. */
Test(csv_roundtrip, inferred_types_survive) {
  static const char *const tokens[] = {
      "1",         "-2",         "007",   "1.50",
      "2.5e3",     "NA",         "",      "true",
      "FALSE",     "2024-02-29", "x",     "\"a,b\"",
      "\" pad \"", "\"\"",       "N/A",   "9007199254740993",
      "-0",        "NaN",        "1e400", "0.30000000000000004",
      "\"l1\nl2\""};
  size_t ntok = sizeof tokens / sizeof *tokens;
  uint64_t seed = 99;
  for (int round = 0; round < 300; round++) {
    int ncol = 1 + (int)(rnd(&seed) % 4), nrow = (int)(rnd(&seed) % 30);
    char text[8192];
    size_t n = 0;
    for (int c = 0; c < ncol; c++)
      n += (size_t)sprintf(text + n, "%sv%d", c ? "," : "", c);
    n += (size_t)sprintf(text + n, "\n");
    for (int r = 0; r < nrow; r++) {
      size_t pick = rnd(&seed); /* columns draw from a few tokens each */
      for (int c = 0; c < ncol; c++)
        n += (size_t)sprintf(text + n, "%s%s", c ? "," : "",
                             tokens[(pick >> (8 * c)) % (c % 2 ? 4 : ntok)]);
      n += (size_t)sprintf(text + n, "\n");
    }
    csv_result a, b;
    cr_assert_eq(csv_read_buffer(text, n, "a.csv", NULL, &a), CSV_OK, "%s", a.msg);
    size_t len;
    char *again = write_text(a.frame, NULL, &len);
    cr_assert_eq(csv_read_buffer(again, len, "b.csv", NULL, &b), CSV_OK, "%s", b.msg);
    expect_same_frame(a.frame, b.frame);
    csv_result_free(&a);
    csv_result_free(&b);
    free(again);
  }
}

/* ------------------------------------------------------ out of memory */

/* An allocator that refuses growth after `left` more calls, and counts the
** bytes held so that a leak or a wrong size shows at the end. */
typedef struct failing {
  long left;      /* allocations still granted; < 0: all */
  long long live; /* bytes held */
} failing;

static void *failing_alloc(void *ud, void *p, size_t osize, size_t nsize) {
  failing *f = ud;
  if (nsize == 0) {
    free(p);
    f->live -= (long long)osize;
    return NULL;
  }
  if (nsize > osize && f->left >= 0 && f->left-- == 0)
    return NULL;
  void *q = realloc(p, nsize);
  if (q)
    f->live += (long long)nsize - (long long)osize;
  return q;
}

/* Every allocation in turn fails; each failure must come back as
** CSV_EMEM with nothing leaked, until the load succeeds. */
static void fail_each_allocation(const char *text, int threads) {
  for (long n = 0;; n++) {
    cr_assert_lt(n, 20000, "no success after 20000 allocations");
    failing fa = {n, 0};
    csv_read_opts o;
    csv_read_opts_init(&o);
    o.mem = (frame_mem){.alloc = failing_alloc, .ud = &fa};
    o.threads = threads;
    o.parallel_min = 1;
    csv_result r;
    int status = csv_read_buffer(text, strlen(text), "t.csv", &o, &r);
    if (status == CSV_OK) {
      cr_assert_gt(r.frame->nrow, 0);
      csv_result_free(&r);
      cr_assert_eq(fa.live, 0, "leak after success");
      return;
    }
    cr_assert_eq(status, CSV_EMEM, "allocation %ld: %s", n, r.msg);
    cr_assert_str_eq(r.msg, "t.csv: not enough memory");
    csv_result_free(&r);
    cr_assert_eq(fa.live, 0, "allocation %ld: %lld bytes leaked", n, fa.live);
  }
}

static char *mixed_text(size_t rows) {
  char *s = malloc(64 + rows * 48);
  size_t n = (size_t)sprintf(s, "id,dup,dup,x,y,note\n");
  for (size_t i = 0; i < rows; i++)
    n += (size_t)sprintf(s + n, "P%06zu,%zu,,%s,%s,\"n %zu\"\n", i, i % 7,
                         i == rows - 1 ? "oops" : "1.50", i % 3 ? "NA" : "true", i);
  return s;
}

Test(csv_memory, every_failure_is_clean_one_thread) {
  char *text = mixed_text(50);
  fail_each_allocation(text, 1);
  free(text);
}

Test(csv_memory, every_failure_is_clean_two_threads) {
  char *text = mixed_text(50);
  fail_each_allocation(text, 2);
  free(text);
}

/* Near-unique text switches to plain storage past 16384 values. */
Test(csv_memory, plain_storage_and_failures) {
  char *text = mixed_text(20000);
  csv_result r;
  cr_assert_eq(csv_read_buffer(text, strlen(text), "t.csv", NULL, &r), CSV_OK);
  cr_assert_null(r.frame->cols[0]->dict, "ids are near-unique: plain");
  cr_assert_not_null(r.frame->cols[3]->dict);
  csv_result_free(&r);
  fail_each_allocation(text, 1);
  free(text);
}
