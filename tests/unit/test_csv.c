/* test_csv.c: Criterion tests of the CSV reader core (stdlib/csv), without Lua. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>

#include "csv/csv.h"

/* ------------------------------------------------------------ helpers */

/* tests/data/csv/NAME under the source tree: ctest sets PW_SOURCE_DIR;
** run by hand, from the root or from a build directory below it. */
static void data_path(const char *name, char *buf, size_t size) {
  const char *root = getenv("PW_SOURCE_DIR");
  struct stat st;
  if (root == NULL)
    root = stat("tests/data/csv", &st) == 0 ? "." : "..";
  snprintf(buf, size, "%s/tests/data/csv/%s", root, name);
}

static long col_index(const frame *f, const char *name) {
  long j = frame_find(f, name);
  cr_assert_geq(j, 0, "no column %s", name);
  return j;
}

static const char *type_of(const frame *f, const char *name) {
  return frame_type_name(f->cols[col_index(f, name)]->type);
}

/* Row i of column j as text: "NA", "\"\"" for an empty string, else the
** value as csv.write prints it (strings as they are). */
static const char *cell(const frame *f, size_t j, size_t i, char *buf, size_t size) {
  const frame_column *c = f->cols[j];
  if (frame_is_na(c, i))
    return "NA";
  switch (c->type) {
  case FRAME_INT:
    csv_format_int(((const int64_t *)c->data)[i], buf);
    return buf;
  case FRAME_NUM:
    csv_format_num(((const double *)c->data)[i], buf);
    return buf;
  case FRAME_BOOL:
    return ((const uint8_t *)c->data)[i] ? "true" : "false";
  case FRAME_DATE:
    csv_format_date(((const int32_t *)c->data)[i], buf);
    return buf;
  default: {
    size_t len;
    const char *s = frame_str(c, i, &len);
    if (len == 0)
      return "\"\"";
    snprintf(buf, size, "%.*s", (int)len, s);
    return buf;
  }
  }
}

/* The cells of column `name`, row by row; the list ends with NULL. */
static void expect_cells(const frame *f, const char *name, ...) {
  long j = col_index(f, name);
  va_list ap;
  va_start(ap, name);
  size_t i = 0;
  for (const char *want; (want = va_arg(ap, const char *)) != NULL; i++) {
    char buf[256];
    cr_assert_lt(i, f->nrow, "column %s has only %zu rows", name, f->nrow);
    cr_assert_str_eq(cell(f, (size_t)j, i, buf, sizeof buf), want, "%s row %zu", name,
                     i + 1);
  }
  va_end(ap);
  cr_assert_eq(i, f->nrow, "column %s: %zu rows, %zu expected", name, f->nrow, i);
}

/* Two loads gave the same frame: names, types, every value (strings byte
** for byte), and the same counts and warnings. */
static void expect_same(const csv_result *a, const csv_result *b) {
  const frame *x = a->frame, *y = b->frame;
  cr_assert_eq(x->ncol, y->ncol);
  cr_assert_eq(x->nrow, y->nrow);
  for (size_t j = 0; j < x->ncol; j++) {
    cr_assert_str_eq(x->names[j], y->names[j]);
    cr_assert_eq(x->cols[j]->type, y->cols[j]->type, "column %s", x->names[j]);
    cr_assert_eq(x->cols[j]->n_na, y->cols[j]->n_na, "column %s", x->names[j]);
    for (size_t i = 0; i < x->nrow; i++) {
      size_t la, lb;
      const char *sa, *sb;
      char ba[256], bb[256];
      if (x->cols[j]->type == FRAME_STR && !frame_is_na(x->cols[j], i) &&
          !frame_is_na(y->cols[j], i)) {
        sa = frame_str(x->cols[j], i, &la);
        sb = frame_str(y->cols[j], i, &lb);
        cr_assert(la == lb && memcmp(sa, sb, la) == 0, "%s row %zu", x->names[j], i + 1);
      } else {
        cr_assert_str_eq(cell(x, j, i, ba, sizeof ba), cell(y, j, i, bb, sizeof bb),
                         "%s row %zu", x->names[j], i + 1);
      }
    }
  }
  cr_assert_eq(a->info.blank_lines, b->info.blank_lines);
  cr_assert_eq(a->info.padded_rows, b->info.padded_rows);
  cr_assert_eq(a->info.comment_lines, b->info.comment_lines);
  cr_assert_eq(a->info.n_warnings, b->info.n_warnings);
  for (size_t i = 0; i < a->info.n_warnings; i++)
    cr_assert_str_eq(a->info.warnings[i], b->info.warnings[i]);
}

/* Read `text` as "t.csv" twice, on one thread and split between two even
** though it is small, and check that both agree. Returns the status; r
** holds the one-thread result. */
static int read_text_status(const char *text, const csv_read_opts *o, csv_result *r) {
  csv_read_opts one, two;
  if (o)
    one = *o;
  else
    csv_read_opts_init(&one);
  two = one;
  one.threads = 1;
  two.threads = 2;
  two.parallel_min = 1;
  csv_result r2;
  int s1 = csv_read_buffer(text, strlen(text), "t.csv", &one, r);
  int s2 = csv_read_buffer(text, strlen(text), "t.csv", &two, &r2);
  cr_assert_eq(s1, s2, "one thread: %s; two: %s", r->msg, r2.msg);
  if (s1 == CSV_OK)
    expect_same(r, &r2);
  else
    cr_assert_str_eq(r->msg, r2.msg);
  csv_result_free(&r2);
  return s1;
}

static void read_text(const char *text, const csv_read_opts *o, csv_result *r) {
  int status = read_text_status(text, o, r);
  cr_assert_eq(status, CSV_OK, "%s", r->msg);
}

static void csv_fault_expect(const char *text, const csv_read_opts *o, int status,
                             const char *msg) {
  csv_result r;
  cr_assert_eq(read_text_status(text, o, &r), status, "%s", r.msg);
  cr_assert_str_eq(r.msg, msg);
  cr_assert_null(r.frame);
  csv_result_free(&r);
}

static int read_file_status(const char *name, const csv_read_opts *o, csv_result *r) {
  char path[4096];
  data_path(name, path, sizeof path);
  csv_read_opts one;
  if (o)
    one = *o;
  else
    csv_read_opts_init(&one);
  one.parallel_min = 1; /* small fixtures: split them anyway */
  return csv_read_file(path, name, &one, r);
}

static void read_file(const char *name, const csv_read_opts *o, csv_result *r) {
  cr_assert_eq(read_file_status(name, o, r), CSV_OK, "%s", r->msg);
}

static void expect_file_error(const char *name, const csv_read_opts *o, int status,
                              const char *msg) {
  csv_result r;
  cr_assert_eq(read_file_status(name, o, &r), status, "%s", r.msg);
  cr_assert_str_eq(r.msg, msg);
  csv_result_free(&r);
}

static int count_progress(void *ud, uint64_t done, uint64_t total) {
  cr_assert_leq(done, total);
  ++*(int *)ud;
  return 0;
}

static int cancel_progress(void *ud, uint64_t done, uint64_t total) {
  (void)ud;
  (void)done;
  (void)total;
  return 1;
}

/* head, then `row` n times, then tail, as one malloc'd string. */
static char *repeat_rows(const char *head, const char *row, size_t n, const char *tail) {
  size_t lh = strlen(head), lr = strlen(row), lt = strlen(tail);
  char *s = malloc(lh + lr * n + lt + 1);
  memcpy(s, head, lh);
  for (size_t i = 0; i < n; i++)
    memcpy(s + lh + i * lr, row, lr);
  memcpy(s + lh + n * lr, tail, lt + 1);
  return s;
}

/* xorshift64*: a seeded generator, so every run tests the same inputs. */
static uint64_t rnd(uint64_t *s) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 0x2545F4914F6CDD1Dull;
}

/* Random CSV text: awkward tokens, quoted and not, LF or CRLF, blank
** lines, sometimes a malformed field. */
static char *random_csv(uint64_t *seed, int rows) {
  static const char *const tokens[] = {"1",
                                       "-2",
                                       "007",
                                       "1.50",
                                       "2.5e3",
                                       "NA",
                                       "",
                                       "true",
                                       "FALSE",
                                       "2024-02-29",
                                       "2024-02-30",
                                       "x",
                                       "a b",
                                       " pad ",
                                       "\"q,uo\"\"ted\"",
                                       "\"l1\nl2\"",
                                       "\"\"",
                                       "\"c\r\nd\"",
                                       "N/A",
                                       "caf\xC3\xA9",
                                       "\xF0\x9F\xA7\xAC",
                                       "9007199254740993",
                                       "-0",
                                       "NaN",
                                       "1e400"};
  size_t ntok = sizeof tokens / sizeof *tokens;
  int ncol = 1 + (int)(rnd(seed) % 5);
  size_t cap = 64 + (size_t)rows * (size_t)ncol * 24, n = 0;
  char *s = malloc(cap);
  const char *eol = rnd(seed) % 2 ? "\r\n" : "\n";
  for (int r = -1; r < rows; r++) {
    if (r >= 0 && rnd(seed) % 50 == 0)
      n += (size_t)sprintf(s + n, "%s", eol); /* a blank line */
    for (int c = 0; c < ncol; c++) {
      const char *t = r < 0 ? "h" : tokens[rnd(seed) % ntok];
      if (r >= 0 && rnd(seed) % 3000 == 0)
        t = "bad\"quote";
      n += (size_t)sprintf(s + n, "%s%s%s", c ? "," : "", t, r < 0 ? (c ? "x" : "") : "");
    }
    n += (size_t)sprintf(s + n, "%s", eol);
  }
  s[n] = '\0';
  return s;
}

/* ------------------------------------------------------------ inference */

Test(csv_infer, types_from_the_data) {
  csv_result r;
  read_text("i,n,b,d,s\n1,1.5,true,2024-02-29,x\n-7,2,FALSE,1970-01-01,y\n", NULL, &r);
  const frame *f = r.frame;
  cr_assert_eq(f->nrow, 2);
  cr_assert_str_eq(type_of(f, "i"), "int");
  cr_assert_str_eq(type_of(f, "n"), "num");
  cr_assert_str_eq(type_of(f, "b"), "bool");
  cr_assert_str_eq(type_of(f, "d"), "date");
  cr_assert_str_eq(type_of(f, "s"), "str");
  expect_cells(f, "i", "1", "-7", NULL);
  expect_cells(f, "n", "1.5", "2.0", NULL);
  expect_cells(f, "b", "true", "false", NULL);
  expect_cells(f, "d", "2024-02-29", "1970-01-01", NULL);
  int32_t day = ((const int32_t *)f->cols[3]->data)[1];
  cr_assert_eq(day, 0, "1970-01-01 is day 0");
  csv_result_free(&r);
}

/* Inference never keeps a value whose text it could not print back:
** ids with leading zeros and signed numbers stay text. */
Test(csv_infer, text_that_would_not_print_back_stays_str) {
  static const char *const cases[][2] = {{"08123", "str"},
                                         {"+5", "str"},
                                         {"0x1F", "str"},
                                         {"1e5", "num"},
                                         {".5", "str"},
                                         {"5.", "str"},
                                         {"00", "str"},
                                         {"-0", "num"},
                                         {"1.50", "num"},
                                         {"NaN", "num"},
                                         {"-Inf", "num"},
                                         {"nan", "str"},
                                         {"T", "str"},
                                         {"yes", "str"},
                                         {"0", "int"},
                                         {"2024-02-30", "str"},
                                         {"2023-02-29", "str"},
                                         {"2000-02-29", "date"},
                                         {"1900-02-29", "str"},
                                         {"9223372036854775807", "int"},
                                         {"9223372036854775808", "str"},
                                         {"-9223372036854775808", "int"},
                                         {"12345678901234567890123", "str"},
                                         {"0.1000000000000000055511151231257827", "str"},
                                         {"0.10000000000000000", "num"},
                                         {"0.12345678901234567", "str"},
                                         {"1e400", "str"},
                                         {"1e-400", "str"},
                                         {"true", "bool"},
                                         {"True", "bool"},
                                         {"TRUE", "bool"},
                                         {"tRUE", "str"},
                                         {" 1", "str"},
                                         {"1 ", "str"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char text[128];
    snprintf(text, sizeof text, "x\n%s\n", cases[i][0]);
    csv_result r;
    read_text(text, NULL, &r);
    cr_assert_str_eq(type_of(r.frame, "x"), cases[i][1], "%s", cases[i][0]);
    csv_result_free(&r);
  }
}

Test(csv_infer, promotion_int_num_str) {
  csv_result r;
  read_text("a,b,c,d\n1,1,1,1\n2,2.5,x,2.5\n3,3,3,y\n", NULL, &r);
  cr_assert_str_eq(type_of(r.frame, "a"), "int");
  cr_assert_str_eq(type_of(r.frame, "b"), "num");
  expect_cells(r.frame, "b", "1.0", "2.5", "3.0", NULL);
  cr_assert_str_eq(type_of(r.frame, "c"), "str");
  expect_cells(r.frame, "c", "1", "x", "3", NULL);
  cr_assert_str_eq(type_of(r.frame, "d"), "str");
  expect_cells(r.frame, "d", "1", "2.5", "y", NULL);
  cr_assert_eq(r.info.passes, 2, "d was num before y: read again as text");
  csv_result_free(&r);
}

/* A num column that turns out to be text keeps the file's text ("1.50",
** not "1.5"): the column is read a second time as str. */
Test(csv_infer, num_then_text_keeps_the_original_text) {
  csv_result r;
  read_text("x,y\n1.50,TRUE\n1e3,abc\nabc,x\n", NULL, &r);
  expect_cells(r.frame, "x", "1.50", "1e3", "abc", NULL);
  expect_cells(r.frame, "y", "TRUE", "abc", "x", NULL);
  cr_assert_eq(r.info.passes, 2);
  csv_result_free(&r);
}

Test(csv_infer, big_ints_do_not_become_lossy_doubles) {
  csv_result r;
  read_text("x\n9007199254740993\n0.5\n", NULL, &r);
  cr_assert_str_eq(type_of(r.frame, "x"), "str");
  expect_cells(r.frame, "x", "9007199254740993", "0.5", NULL);
  csv_result_free(&r);
  read_text("x\n9007199254740992\n0.5\n", NULL, &r);
  cr_assert_str_eq(type_of(r.frame, "x"), "num");
  csv_result_free(&r);
}

Test(csv_infer, date_and_bool_columns_become_str) {
  csv_result r;
  read_text("d,b\n2024-01-01,true\n2024-13-01,false\nx,maybe\n", NULL, &r);
  expect_cells(r.frame, "d", "2024-01-01", "2024-13-01", "x", NULL);
  expect_cells(r.frame, "b", "true", "false", "maybe", NULL);
  cr_assert_eq(r.info.passes, 1, "canonical text prints back: no second pass");
  csv_result_free(&r);
}

Test(csv_infer, types_str_and_overrides) {
  csv_read_opts o;
  csv_read_opts_init(&o);
  o.all_str = 1;
  csv_result r;
  read_text("a,b\n1,2024-01-01\n", &o, &r);
  cr_assert_str_eq(type_of(r.frame, "a"), "str");
  cr_assert_str_eq(type_of(r.frame, "b"), "str");
  csv_result_free(&r);
  csv_read_opts_init(&o);
  csv_type_spec types[] = {{"a", FRAME_NUM}, {"b", FRAME_STR}, {"c", FRAME_INT}};
  o.types = types;
  o.n_types = 3;
  read_text("a,b,c\n1,2024-01-01,007\n2,x,+8\n", &o, &r);
  cr_assert_str_eq(type_of(r.frame, "a"), "num");
  cr_assert_str_eq(type_of(r.frame, "b"), "str");
  cr_assert_str_eq(type_of(r.frame, "c"), "int");
  expect_cells(r.frame, "c", "7", "8", NULL);
  csv_result_free(&r);
}

/* ------------------------------------------------------------------- NA */

Test(csv_na, defaults_empty_and_NA) {
  csv_result r;
  read_text("a,b,c\n1,NA,\n,x,\"\"\n3,\"\",y\n", NULL, &r);
  expect_cells(r.frame, "a", "1", "NA", "3", NULL);
  expect_cells(r.frame, "b", "NA", "x", "\"\"", NULL);
  expect_cells(r.frame, "c", "NA", "\"\"", "y", NULL);
  cr_assert_eq(r.frame->cols[0]->n_na, 1);
  csv_result_free(&r);
}

Test(csv_na, quoted_empty_is_na_in_a_number_column) {
  csv_result r;
  read_text("a\n1\n\"\"\n3\n", NULL, &r);
  cr_assert_str_eq(type_of(r.frame, "a"), "int");
  expect_cells(r.frame, "a", "1", "NA", "3", NULL);
  csv_result_free(&r);
  read_text("a,b\n\"\",1\n,2\n", NULL, &r); /* only "" and NA: text */
  expect_cells(r.frame, "a", "\"\"", "NA", NULL);
  csv_result_free(&r);
}

Test(csv_na, custom_and_none) {
  csv_read_opts o;
  csv_read_opts_init(&o);
  const char *na[] = {"-", "n/a"};
  o.na = na;
  o.n_na = 2;
  csv_result r;
  read_text("a,b\n-,NA\nn/a,\n5,x\n", &o, &r);
  cr_assert_str_eq(type_of(r.frame, "a"), "int");
  expect_cells(r.frame, "a", "NA", "NA", "5", NULL);
  expect_cells(r.frame, "b", "NA", "\"\"", "x", NULL); /* "" is not in na: text */
  csv_result_free(&r);
  o.na = na;
  o.n_na = 0;
  read_text("a,b\n,NA\n", &o, &r);
  expect_cells(r.frame, "a", "\"\"", NULL);
  expect_cells(r.frame, "b", "NA", NULL); /* the string "NA" */
  cr_assert_eq(r.frame->cols[1]->n_na, 0);
  csv_result_free(&r);
}

Test(csv_na, all_na_column_is_str) {
  csv_result r;
  read_text("a,b\n1,\n2,NA\n", NULL, &r);
  cr_assert_str_eq(type_of(r.frame, "b"), "str");
  cr_assert_eq(r.frame->cols[1]->n_na, 2);
  csv_result_free(&r);
}

Test(csv_na, hint_when_an_na_spelling_makes_a_column_text) {
  csv_result r;
  read_text("dose\n1.5\n2\nN/A\n", NULL, &r);
  cr_assert_str_eq(type_of(r.frame, "dose"), "str");
  cr_assert_eq(r.info.n_warnings, 1);
  cr_assert_str_eq(r.info.warnings[0],
                   "t.csv: column 'dose' is str because data row 3 has 'N/A' (the rows "
                   "before are num); add 'N/A' to na to read it as num");
  csv_result_free(&r);
}

/* --------------------------------------------------------------- syntax */

Test(csv_syntax, rfc4180_quoting) {
  csv_result r;
  read_text("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"l1\nl2\",\"c\r\nd\"\n", NULL, &r);
  expect_cells(r.frame, "a", "x,y", "l1\nl2", NULL);
  expect_cells(r.frame, "b", "say \"hi\"", "c\r\nd", NULL);
  csv_result_free(&r);
}

Test(csv_syntax, crlf_cr_and_no_final_newline) {
  csv_result r;
  read_text("a,b\r\n1,2\r\n3,4", NULL, &r);
  expect_cells(r.frame, "b", "2", "4", NULL);
  csv_result_free(&r);
  read_text("a,b\r1,2\r3,4\r", NULL, &r);
  expect_cells(r.frame, "a", "1", "3", NULL);
  csv_result_free(&r);
}

Test(csv_syntax, spaces_are_data) {
  csv_result r;
  read_text("a,b\n x ,\" y\"\n", NULL, &r);
  expect_cells(r.frame, "a", " x ", NULL);
  expect_cells(r.frame, "b", " y", NULL);
  csv_result_free(&r);
  /* a quote after a blank is inside an unquoted field */
  csv_fault_expect("a,b\n1, \"y\"\n", NULL, CSV_EDATA,
                   "t.csv:2:4: quote inside an unquoted field (quote the whole field and "
                   "double the quote: \"a \"\"b\"\"\")");
  csv_fault_expect("a,b\n1,\"y\" \n", NULL, CSV_EDATA,
                   "t.csv:2:6: text after the closing quote of a field");
}

Test(csv_syntax, bom_is_skipped) {
  csv_result r;
  read_text("\xEF\xBB\xBF"
            "id,v\n1,2\n",
            NULL, &r);
  cr_assert_str_eq(r.frame->names[0], "id");
  csv_result_free(&r);
}

Test(csv_syntax, blank_lines_are_skipped_and_counted) {
  csv_result r;
  read_text("\na,b\n\n1,2\r\n\r\n3,4\n\n", NULL, &r);
  cr_assert_eq(r.frame->nrow, 2);
  cr_assert_eq(r.info.blank_lines, 4);
  cr_assert_str_eq(r.info.warnings[0], "t.csv: 4 blank lines skipped");
  csv_result_free(&r);
}

/* In a one-column file a blank line is the row's one empty field. */
Test(csv_syntax, one_column_blank_line_is_na) {
  csv_result r;
  read_text("v\n1\n\n3\n", NULL, &r);
  expect_cells(r.frame, "v", "1", "NA", "3", NULL);
  cr_assert_eq(r.info.blank_lines, 0);
  csv_result_free(&r);
}

Test(csv_syntax, empty_and_header_only) {
  csv_result r;
  read_text("", NULL, &r);
  cr_assert_eq(r.frame->ncol, 0);
  cr_assert_eq(r.frame->nrow, 0);
  csv_result_free(&r);
  read_text("\n\n", NULL, &r);
  cr_assert_eq(r.frame->ncol, 0);
  csv_result_free(&r);
  read_text("gene,variant\n", NULL, &r);
  cr_assert_eq(r.frame->ncol, 2);
  cr_assert_eq(r.frame->nrow, 0);
  cr_assert_str_eq(type_of(r.frame, "variant"), "str");
  csv_result_free(&r);
}

Test(csv_syntax, header_false_names_V1_Vn) {
  csv_read_opts o;
  csv_read_opts_init(&o);
  o.header = 0;
  csv_result r;
  read_text("1,a\n2,b\n", &o, &r);
  cr_assert_str_eq(r.frame->names[0], "V1");
  cr_assert_str_eq(r.frame->names[1], "V2");
  expect_cells(r.frame, "V1", "1", "2", NULL);
  csv_result_free(&r);
}

Test(csv_syntax, duplicate_and_empty_names) {
  csv_result r;
  read_text("x,x,,x_2,V3\n1,2,3,4,5\n", NULL, &r);
  const char *want[] = {"x", "x_3", "V3_2", "x_2", "V3"};
  for (int i = 0; i < 5; i++)
    cr_assert_str_eq(r.frame->names[i], want[i]);
  cr_assert_eq(r.info.n_renames, 2);
  cr_assert_eq(r.info.renames[0].column, 2);
  cr_assert_str_eq(r.info.renames[0].from, "x");
  cr_assert_str_eq(r.info.renames[1].from, "");
  cr_assert_str_eq(r.info.warnings[0],
                   "t.csv:1: duplicate column name 'x' renamed 'x_3'");
  cr_assert_str_eq(r.info.warnings[1], "t.csv:1: column 3 has no name; named 'V3_2'");
  csv_result_free(&r);
}

/* ------------------------------------------------------------- options */

Test(csv_opts, sep_given_and_sniffed) {
  static const char *const texts[] = {"a;b\n1;\"x;y\"\n", "a\tb\n1\t2\n", "a|b\n1|2\n",
                                      "a,b\n1,2\n",
                                      "one|two,two|three\nfour|five,five|six\n"};
  static const char want[] = {';', '\t', '|', ',', '|'};
  for (int i = 0; i < 5; i++) {
    csv_read_opts o;
    csv_read_opts_init(&o);
    o.sep = 0;
    csv_result r;
    read_text(texts[i], &o, &r);
    cr_assert_eq(r.info.sep, want[i], "case %d: %c", i, r.info.sep);
    cr_assert_eq(r.frame->ncol, i == 4 ? 3 : 2);
    csv_result_free(&r);
  }
  csv_read_opts o;
  csv_read_opts_init(&o);
  o.sep = ';';
  csv_result r;
  read_text("a;b\n1,5;2\n", &o, &r);
  expect_cells(r.frame, "a", "1,5", NULL);
  csv_result_free(&r);
}

Test(csv_opts, skip_comment_columns) {
  csv_read_opts o;
  csv_read_opts_init(&o);
  o.skip = 1;
  o.comment = '#';
  const char *cols[] = {"site", "id"};
  o.columns = cols;
  o.n_columns = 2;
  csv_result r;
  read_file("comments.csv", &o, &r);
  cr_assert_eq(r.frame->ncol, 2);
  cr_assert_str_eq(r.frame->names[0], "site");
  cr_assert_str_eq(r.frame->names[1], "id");
  expect_cells(r.frame, "site", "S01", "S02", NULL);
  expect_cells(r.frame, "id", "1", "2", NULL);
  cr_assert_eq(r.info.comment_lines, 3);
  cr_assert_eq(r.info.skipped_lines, 1);
  csv_result_free(&r);
}

Test(csv_opts, comment_inside_quotes_is_data) {
  csv_read_opts o;
  csv_read_opts_init(&o);
  o.comment = '#';
  csv_result r;
  read_text("a,b\n1,\"x\n#not a comment\"\n#c\n2,y\n", &o, &r);
  expect_cells(r.frame, "b", "x\n#not a comment", "y", NULL);
  csv_result_free(&r);
}

Test(csv_opts, unknown_columns_are_errors) {
  csv_read_opts o;
  csv_read_opts_init(&o);
  const char *cols[] = {"id", "sitee"};
  o.columns = cols;
  o.n_columns = 2;
  csv_fault_expect("id,site\n1,2\n", &o, CSV_EUSAGE,
                   "t.csv: no column 'sitee' (columns: id, site)");
  const char *twice[] = {"id", "id"};
  o.columns = twice;
  csv_fault_expect("id,site\n1,2\n", &o, CSV_EUSAGE,
                   "t.csv: column 'id' is listed twice in columns");
  csv_read_opts_init(&o);
  csv_type_spec types[] = {{"visit", FRAME_DATE}};
  o.types = types;
  o.n_types = 1;
  csv_fault_expect("id,site\n1,2\n", &o, CSV_EUSAGE,
                   "t.csv: types names no column 'visit' (columns: id, site)");
}

Test(csv_opts, ragged_pad_counts) {
  csv_read_opts o;
  csv_read_opts_init(&o);
  o.ragged_pad = 1;
  csv_result r;
  read_text("a,b,c\n1,2,3\n4\n5,6\n", &o, &r);
  expect_cells(r.frame, "b", "2", "NA", "6", NULL);
  expect_cells(r.frame, "c", "3", "NA", "NA", NULL);
  cr_assert_eq(r.info.padded_rows, 2);
  cr_assert_str_eq(r.info.warnings[0],
                   "t.csv: 2 short rows padded with NA (ragged = \"pad\")");
  csv_result_free(&r);
  csv_fault_expect("a,b\n1,2,3\n", &o, CSV_EDATA, "t.csv:2: expected 2 fields, found 3");
}

Test(csv_opts, latin1) {
  csv_read_opts o;
  csv_read_opts_init(&o);
  o.latin1 = 1;
  csv_result r;
  read_file("latin1.csv", &o, &r);
  expect_cells(r.frame, "name", "Jos\xC3\xA9", NULL);
  expect_cells(r.frame, "city", "M\xC3\xBCnchen", NULL);
  csv_result_free(&r);
}

Test(csv_opts, progress_and_cancel) {
  size_t n = 3 * ((size_t)1 << 20) / 8;
  char *text = malloc(n * 8 + 8);
  strcpy(text, "a,b\n");
  for (size_t i = 0; i < n; i++)
    memcpy(text + 4 + i * 8, "123,456\n", 8);
  text[4 + n * 8] = '\0';
  csv_read_opts o;
  csv_read_opts_init(&o);
  o.threads = 1;
  int calls = 0;
  o.progress = count_progress;
  o.progress_ud = &calls;
  csv_result r;
  cr_assert_eq(csv_read_buffer(text, strlen(text), "big.csv", &o, &r), CSV_OK, "%s",
               r.msg);
  cr_assert_eq(r.frame->nrow, n);
  cr_assert_gt(calls, 0);
  csv_result_free(&r);
  o.progress = cancel_progress;
  cr_assert_eq(csv_read_buffer(text, strlen(text), "big.csv", &o, &r), CSV_ECANCEL);
  cr_assert_str_eq(r.msg, "big.csv: interrupted");
  csv_result_free(&r);
  free(text);
}

/* -------------------------------------------------- bad input, by class */

Test(csv_errors, unterminated_quote) {
  expect_file_error("unterminated.csv", NULL, CSV_EDATA,
                    "unterminated.csv:3:14: unterminated quoted field starting here");
  csv_fault_expect("a\n\"abc", NULL, CSV_EDATA,
                   "t.csv:2:1: unterminated quoted field starting here");
}

Test(csv_errors, ragged_row) {
  expect_file_error(
      "ragged.csv", NULL, CSV_EDATA,
      "ragged.csv:3: expected 5 fields, found 4 (ragged = \"pad\" fills short "
      "rows with NA)");
}

Test(csv_errors, invalid_utf8) {
  expect_file_error("invalid_utf8.csv", NULL, CSV_EDATA,
                    "invalid_utf8.csv:3:4: invalid UTF-8 (byte offset 19)");
  csv_fault_expect("a\n\"x\ny\xC0\x80\"\n", NULL, CSV_EDATA,
                   "t.csv:3:2: invalid UTF-8 (byte offset 6)"); /* overlong */
  csv_fault_expect("\xED\xA0\x80\n1\n", NULL, CSV_EDATA,
                   "t.csv:1:1: invalid UTF-8 (byte offset 0)"); /* surrogate, header */
}

Test(csv_errors, typed_column_value) {
  csv_read_opts o;
  csv_read_opts_init(&o);
  csv_type_spec types[] = {{"visit", FRAME_DATE}};
  o.types = types;
  o.n_types = 1;
  expect_file_error("bad_date.csv", &o, CSV_EDATA,
                    "bad_date.csv:3:3: column 'visit' (date): '2024-13-01' is not a date "
                    "(YYYY-MM-DD)");
  csv_type_spec ints[] = {{"n", FRAME_INT}};
  o.types = ints;
  csv_fault_expect("n\n1\n1.5\n", &o, CSV_EDATA,
                   "t.csv:3:1: column 'n' (int): '1.5' is not an integer");
  csv_type_spec bools[] = {{"n", FRAME_BOOL}};
  o.types = bools;
  csv_fault_expect(
      "n\n\"it's\nodd\"\n", &o, CSV_EDATA,
      "t.csv:2:1: column 'n' (bool): 'it\\'s\\nodd' is not a boolean (true or "
      "false)");
}

Test(csv_errors, stray_quotes) {
  csv_fault_expect("a,b\n1,x\"y\n", NULL, CSV_EDATA,
                   "t.csv:2:4: quote inside an unquoted field (quote the whole field and "
                   "double the quote: \"a \"\"b\"\"\")");
  csv_fault_expect("a,b\n1,\"x\"y\n", NULL, CSV_EDATA,
                   "t.csv:2:6: text after the closing quote of a field");
}

Test(csv_errors, missing_file_and_directory) {
  csv_result r;
  cr_assert_eq(csv_read_file("no/such/trial.csv", "trial.csv", NULL, &r), CSV_EOPEN);
  cr_assert_str_eq(r.msg, "cannot open trial.csv: No such file or directory");
  csv_result_free(&r);
  char dir[4096];
  data_path("", dir, sizeof dir);
  cr_assert_eq(csv_read_file(dir, "data", NULL, &r), CSV_EOPEN);
  cr_assert_str_eq(r.msg, "cannot open data: Is a directory");
  csv_result_free(&r);
}

Test(csv_errors, field_too_long) {
  size_t n = PW_CSV_MAX_FIELD + 200000;
  char *text = malloc(n + 16);
  memcpy(text, "a\n\"", 3);
  memset(text + 3, 'x', n);
  csv_read_opts o;
  csv_read_opts_init(&o);
  o.threads = 1;
  csv_result r;
  cr_assert_eq(csv_read_buffer(text, n + 3, "t.csv", &o, &r), CSV_EDATA);
  cr_assert_str_eq(r.msg, "t.csv:2:1: field starting here is longer than 64 MiB (an "
                          "unterminated quote?)");
  csv_result_free(&r);
  free(text);
}

Test(csv_errors, files_from_fixtures) {
  csv_result r;
  /* sep is ',' unless told: then "a;b" is a quote inside an unquoted field */
  expect_file_error("bom_crlf.csv", NULL, CSV_EDATA,
                    "bom_crlf.csv:2:3: quote inside an unquoted field (quote the whole "
                    "field and double the quote: \"a \"\"b\"\"\")");
  csv_read_opts o;
  csv_read_opts_init(&o);
  o.sep = 0;
  read_file("bom_crlf.csv", &o, &r);
  cr_assert_str_eq(r.frame->names[0], "id");
  expect_cells(r.frame, "name", "a;b", "x\r\ny", NULL);
  csv_result_free(&r);
  read_file("empty.csv", NULL, &r);
  cr_assert_eq(r.frame->ncol, 0);
  csv_result_free(&r);
  read_file("header_only.csv", NULL, &r);
  cr_assert_eq(r.frame->ncol, 3);
  csv_result_free(&r);
  read_file("dup_header.csv", NULL, &r);
  cr_assert_str_eq(r.frame->names[1], "id_2");
  cr_assert_str_eq(r.frame->names[2], "V3");
  csv_result_free(&r);
}

/* ------------------------------------------------- two threads, one answer */

/* Errors found by the second thread name the right line; a split guessed
** inside a quoted field (quote parity fooled by a comment-free stray
** structure) still gives the same frame. */
Test(csv_threads, errors_in_the_second_half) {
  char *text = repeat_rows("a,b\n", "1,\"x\"\n", 5000, "2,\"y\n");
  char want[128];
  snprintf(want, sizeof want, "t.csv:%d:3: unterminated quoted field starting here",
           5002);
  csv_fault_expect(text, NULL, CSV_EDATA, want);
  free(text);
  text = repeat_rows("a,b\n", "1,2\n", 5000, "3\n");
  snprintf(want, sizeof want,
           "t.csv:%d: expected 2 fields, found 1 (ragged = \"pad\" fills "
           "short rows with NA)",
           5002);
  csv_fault_expect(text, NULL, CSV_EDATA, want);
  free(text);
}

Test(csv_threads, split_inside_quotes_is_caught) {
  /* the middle of this file is inside one long quoted field full of line breaks */
  char *text = repeat_rows("a,b\n1,\"", "line\n", 4000, "\"\n2,x\n");
  csv_result r;
  read_text(text, NULL, &r);
  cr_assert_eq(r.frame->nrow, 2);
  free(text);
  csv_result_free(&r);
}

Test(csv_threads, random_files_parse_alike) {
  uint64_t seed = 20240601;
  for (int round = 0; round < 60; round++) {
    char *text = random_csv(&seed, 1 + (int)(rnd(&seed) % 400));
    csv_result r;
    int st = read_text_status(text, NULL, &r); /* compares one and two threads */
    csv_result_free(&r);
    (void)st;
    free(text);
  }
}
