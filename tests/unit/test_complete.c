/* test_complete.c: pw_complete (vm/engine/complete.c, lang/complete.lua),
** through the public API only. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static captured c;

/* The result of one completion. */
typedef struct result {
  pw_status status;            /* what pw_complete returned */
  size_t start;                /* *start */
  size_t n;                    /* *n */
  const char *const *items;    /* *items */
} result;

/* Complete `line` with the cursor at its end. */
static result complete_at(pw_engine *e, const char *line, size_t cursor) {
  result r = {PW_EINTERNAL, 0, 0, NULL};
  r.status = pw_complete(e, line, cursor, &r.start, &r.n, &r.items);
  return r;
}

static result complete(pw_engine *e, const char *line) {
  return complete_at(e, line, strlen(line));
}

static int has(result r, const char *item) {
  for (size_t i = 0; i < r.n; i++)
    if (strcmp(r.items[i], item) == 0)
      return 1;
  return 0;
}

/* The candidates as "a b c", for assertion messages. */
static const char *joined(result r) {
  static char buf[4096];
  size_t len = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < r.n && len < sizeof buf - 1; i++)
    len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? " " : "", r.items[i]);
  return buf;
}

static void expect_sorted_unique(result r) {
  for (size_t i = 1; i < r.n; i++)
    cr_expect(strcmp(r.items[i - 1], r.items[i]) < 0, "not sorted/unique: %s", joined(r));
}

/* An engine with a trial frame and a few globals. */
static pw_engine *open_with_data(int unsafe) {
  pw_engine *e = open_engine(&c, unsafe, 0, 0);
  pw_status s = pw_load_string(e,
    "trial = frame.new({age = {1, 2}, gene = {'a', 'b'}, ['first visit'] = {1, 2},"
    "                   crises = {0, 1}, ['and'] = {1, 1}})\n"
    "station = 'x'\n"
    "nested = { t = trial }\n"
    "grouped = trial:group_by('gene')\n"
    "config = { paths = { data = 'd', docs = 'e' }, level = 2,"
    "           greet = function() end }\n",
    "=setup");
  cr_assert_eq(s, PW_OK, "%s", pw_errmsg(e));
  return e;
}

Test(complete, misuse_is_a_status) {
  size_t start = 99, n = 99;
  const char *const *items = (const char *const *)&start;
  cr_expect_eq(pw_complete(NULL, "x", 1, &start, &n, &items), PW_EINVAL);
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_complete(e, NULL, 0, &start, &n, &items), PW_EINVAL);
  cr_expect_eq(n, 0);
  cr_expect_null(items);
  cr_expect_eq(pw_complete(e, "x", 1, NULL, &n, &items), PW_EINVAL);
  cr_expect_eq(pw_complete(e, "x", 1, &start, NULL, &items), PW_EINVAL);
  cr_expect_eq(pw_complete(e, "x", 1, &start, &n, NULL), PW_EINVAL);
  cr_expect_eq(pw_complete(e, "st", 3, &start, &n, &items), PW_EINVAL);
  cr_expect(strstr(pw_errmsg(e), "cursor") != NULL, "%s", pw_errmsg(e));
  cr_expect_eq(pw_complete(e, "", 0, &start, &n, &items), PW_OK, "the empty line is fine");
  pw_close(&e);
}

Test(complete, globals_and_keywords) {
  pw_engine *e = open_with_data(0);
  result r = complete(e, "st");
  cr_assert_eq(r.status, PW_OK, "%s", pw_errmsg(e));
  cr_expect_eq(r.start, 0);
  cr_expect(has(r, "stats") && has(r, "string") && has(r, "station"), "%s", joined(r));
  cr_expect_not(has(r, "trial"));
  expect_sorted_unique(r);
  r = complete(e, "x = wh");
  cr_expect_eq(r.start, 4);
  cr_expect(has(r, "while"), "%s", joined(r));
  r = complete(e, "print(tr");
  cr_expect(has(r, "trial") && has(r, "true"), "%s", joined(r));
  r = complete(e, "zzzqqq");
  cr_expect_eq(r.status, PW_OK);
  cr_expect_eq(r.n, 0, "%s", joined(r));
  pw_close(&e);
}

Test(complete, globals_unsafe) {
  pw_engine *e = open_with_data(1);
  result r = complete(e, "st");
  cr_assert_eq(r.status, PW_OK, "%s", pw_errmsg(e));
  cr_expect(has(r, "stats") && has(r, "string") && has(r, "station"), "%s", joined(r));
  expect_sorted_unique(r);
  pw_close(&e);
}

Test(complete, the_cursor_ends_the_word) {
  pw_engine *e = open_with_data(0);
  result r = complete_at(e, "st = 1", 2);
  cr_expect_eq(r.start, 0);
  cr_expect(has(r, "stats"), "%s", joined(r));
  pw_close(&e);
}

Test(complete, module_members) {
  pw_engine *e = open_with_data(0);
  result r = complete(e, "x = stats.p");
  cr_assert_eq(r.status, PW_OK, "%s", pw_errmsg(e));
  cr_expect_eq(r.start, 10, "the candidates replace the member only");
  cr_expect(has(r, "pnorm") && has(r, "pt"), "%s", joined(r));
  cr_expect_not(has(r, "qnorm"));
  expect_sorted_unique(r);
  r = complete(e, "config.paths.d");
  cr_expect_eq(r.start, 13);
  cr_expect(has(r, "data") && has(r, "docs") && r.n == 2, "%s", joined(r));
  r = complete(e, "config.");
  cr_expect(has(r, "paths") && has(r, "level") && has(r, "greet"), "%s", joined(r));
  r = complete(e, "nosuch.x");
  cr_expect_eq(r.n, 0, "%s", joined(r));
  r = complete(e, "x = 1.5");
  cr_expect_eq(r.n, 0, "%s", joined(r));
  pw_close(&e);
}

Test(complete, methods) {
  pw_engine *e = open_with_data(0);
  result r = complete(e, "trial:fi");
  cr_assert_eq(r.status, PW_OK, "%s", pw_errmsg(e));
  cr_expect_eq(r.start, 6);
  cr_expect(has(r, "filter") && r.n == 1, "%s", joined(r));
  r = complete(e, "trial:");
  cr_expect(has(r, "mutate") && has(r, "names") && !has(r, "__gc"), "%s", joined(r));
  r = complete(e, "config:g");
  cr_expect(has(r, "greet") && r.n == 1, "only function fields: %s", joined(r));
  r = complete(e, "station:up");
  cr_expect(has(r, "upper"), "string methods: %s", joined(r));
  r = complete(e, "trial:filter('age > 1'):he");
  cr_expect(has(r, "head"), "after a frame method: %s", joined(r));
  r = complete(e, "trial:group_by('gene'):su");
  cr_expect(has(r, "summarise") && r.n == 1, "a grouped frame's methods: %s", joined(r));
  cr_assert_eq(pw_load_string(e, "obj = setmetatable({}, {__index = {walk = 1, __x = 2}})",
                               "=t"), PW_OK);
  r = complete(e, "obj:");
  cr_expect(has(r, "walk") && !has(r, "__x"), "%s", joined(r));
  r = complete(e, "config.paths:");
  cr_expect_eq(r.n, 0, "%s", joined(r));
  pw_close(&e);
}

Test(complete, columns_in_expressions) {
  pw_engine *e = open_with_data(0);
  result r = complete(e, "trial:filter(\"ag");
  cr_assert_eq(r.status, PW_OK, "%s", pw_errmsg(e));
  cr_expect_eq(r.start, 14);
  cr_expect(has(r, "age") && r.n == 1, "%s", joined(r));
  r = complete(e, "trial:filter(\"age > 1 and fi");
  cr_expect_eq(r.start, 26);
  cr_expect(has(r, "`first visit`") && r.n == 1, "%s", joined(r));
  r = complete(e, "trial:filter(\"`fir");
  cr_expect_eq(r.start, 14, "from the backquote");
  cr_expect(has(r, "`first visit`"), "%s", joined(r));
  r = complete(e, "trial:filter(\"a");
  cr_expect(has(r, "age") && has(r, "`and`"), "keywords are backquoted: %s", joined(r));
  r = complete(e, "trial:filter('age > 1'):mutate(\"b = cr");
  cr_expect(has(r, "crises"), "the root of the chain: %s", joined(r));
  r = complete(e, "trial:group_by(\"gene\"):summarise{ n = \"sum(cri");
  cr_expect(has(r, "crises") && r.n == 1, "inside a table constructor: %s", joined(r));
  r = complete(e, "nested.t:filter(\"ag");
  cr_expect(has(r, "age"), "a frame in a field: %s", joined(r));
  r = complete(e, "grouped:summarise{ m = \"mean(ag");
  cr_expect(has(r, "age"), "a grouped frame: %s", joined(r));
  r = complete(e, "trial:filter \"ge");
  cr_expect(has(r, "gene"), "a string call: %s", joined(r));
  r = complete(e, "trial:filter(\"gene == 'ag");
  cr_expect_eq(r.n, 0, "inside the expression's own string: %s", joined(r));
  r = complete(e, "x = \"ag");
  cr_expect_eq(r.n, 0, "not an argument: %s", joined(r));
  r = complete(e, "t = { a = \"ag");
  cr_expect_eq(r.n, 0, "a table that is no argument: %s", joined(r));
  r = complete(e, "print(\"ag");
  cr_expect_eq(r.n, 0, "not a frame: %s", joined(r));
  r = complete(e, "-- trial:filter(\"ag");
  cr_expect_eq(r.n, 0, "in a comment: %s", joined(r));
  r = complete(e, "x = [[ trial:filter(\"ag");
  cr_expect_eq(r.n, 0, "in a long string: %s", joined(r));
  r = complete(e, "x = [[a]] .. 'q\\'' -- c\n trial:filter(\"ag");
  cr_expect(has(r, "age"), "after strings and comments: %s", joined(r));
  pw_close(&e);
}

Test(complete, column_names) {
  pw_engine *e = open_with_data(0);
  result r = complete(e, "trial:col(\"fir");
  cr_assert_eq(r.status, PW_OK, "%s", pw_errmsg(e));
  cr_expect_eq(r.start, 11);
  cr_expect(has(r, "first visit") && r.n == 1, "no backquotes: %s", joined(r));
  r = complete(e, "trial:select(\"age\", \"g");
  cr_expect(has(r, "gene") && r.n == 1, "%s", joined(r));
  r = complete(e, "trial:sort(\"");
  cr_expect_eq(r.n, 5, "%s", joined(r));
  pw_close(&e);
}

/* A directory with data.csv, data.lua, notes.md, .hidden, sub/ and cd into it. */
static void make_tree(void) {
  char tmpl[] = "/tmp/pw_complete_XXXXXX";
  cr_assert_not_null(mkdtemp(tmpl));
  cr_assert_eq(chdir(tmpl), 0);
  const char *files[] = {"data.csv", "data.lua", "notes.md", ".hidden", "sub/x.csv"};
  cr_assert_eq(mkdir("sub", 0700), 0);
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    FILE *f = fopen(files[i], "w");
    cr_assert_not_null(f);
    fclose(f);
  }
}

Test(complete, paths_in_csv_read) {
  make_tree();
  pw_engine *e = open_with_data(0);
  result r = complete(e, "d = csv.read(\"");
  cr_assert_eq(r.status, PW_OK, "%s", pw_errmsg(e));
  cr_expect_eq(r.start, 14);
  cr_expect_str_eq(joined(r), "data.csv data.lua notes.md sub/");
  r = complete(e, "d = csv.read(\"da");
  cr_expect_str_eq(joined(r), "data.csv data.lua");
  r = complete(e, "d = csv.read('.");
  cr_expect(has(r, ".hidden"), "%s", joined(r));
  r = complete(e, "d = csv.read(\"sub/");
  cr_expect_eq(r.start, 14);
  cr_expect_str_eq(joined(r), "sub/x.csv");
  r = complete(e, "csv.write(trial, \"no");
  cr_expect_str_eq(joined(r), "notes.md");
  r = complete(e, "d = csv.read(\"/nonexistent-dir/");
  cr_expect_eq(r.status, PW_OK);
  cr_expect_eq(r.n, 0);
  pw_close(&e);
}

Test(complete, dot_commands) {
  pw_engine *e = open_with_data(0);
  result r = complete(e, ".");
  cr_assert_eq(r.status, PW_OK, "%s", pw_errmsg(e));
  if (!has(r, ".load"))
    cr_skip_test("the reference has no .load entry yet");
  r = complete(e, ".lo");
  cr_expect_eq(r.start, 0);
  cr_expect_str_eq(joined(r), ".load");
  r = complete(e, ".");
  cr_expect(has(r, ".help") && has(r, ".quit") && !has(r, "frame"), "%s", joined(r));
  expect_sorted_unique(r);
  pw_close(&e);
}

Test(complete, dot_command_arguments) {
  make_tree();
  pw_engine *e = open_with_data(0);
  result r = complete(e, ".load ");
  cr_assert_eq(r.status, PW_OK, "%s", pw_errmsg(e));
  cr_expect_eq(r.start, 6);
  cr_expect_str_eq(joined(r), "data.csv sub/");
  r = complete(e, ".run d");
  cr_expect_str_eq(joined(r), "data.lua");
  r = complete(e, ".schema t");
  cr_expect_eq(r.start, 8);
  cr_expect_str_eq(joined(r), "trial");
  r = complete(e, ".schema ");
  cr_expect_str_eq(joined(r), "trial", "only frames");
  r = complete(e, ".help fra");
  cr_expect(has(r, "frame"), "%s", joined(r));
  r = complete(e, ".load data.csv AS t");
  cr_expect_eq(r.n, 0, "%s", joined(r));
  pw_close(&e);
}

Test(complete, nothing_sensible) {
  pw_engine *e = open_with_data(0);
  const char *lines[] = {"print(x) ", "x = \"abc\"", "x = 12", "f(x)."};
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    result r = complete(e, lines[i]);
    cr_expect_eq(r.status, PW_OK, "%s", lines[i]);
    cr_expect_eq(r.n, 0, "%s: %s", lines[i], joined(r));
  }
  pw_close(&e);
}

Test(complete, runs_no_user_code) {
  pw_engine *e = open_with_data(0);
  cr_assert_eq(pw_load_string(e,
    "touched = false\n"
    "trap = setmetatable({}, {__index = function(t, k) touched = true; error('no') end,"
    "                         __pairs = function() touched = true; error('no') end})\n"
    "function fn() touched = true end\n"
    "getmetatable(trial).__index.names = function() touched = true; return {} end\n",
    "=t"), PW_OK, "%s", pw_errmsg(e));
  const char *lines[] = {"trap.", "trap.x.y", "trap:", "fn.", "fn:", "fn(\"a",
                         "trap:filter(\"a", "trial:filter(\"ag", "tr", ".schema "};
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    result r = complete(e, lines[i]);
    cr_expect_eq(r.status, PW_OK, "%s: %s", lines[i], pw_errmsg(e));
  }
  result r = complete(e, "trial:filter(\"ag");
  cr_expect(has(r, "age"), "columns still come from the frame: %s", joined(r));
  cr_assert_eq(pw_load_string(e, "assert(touched == false, 'user code ran')", "=t"), PW_OK,
               "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(complete, results_last_until_the_next_call) {
  pw_engine *e = open_with_data(0);
  result r = complete(e, "stats.p");
  cr_assert_eq(r.status, PW_OK);
  cr_assert_gt(r.n, 1);
  char first[64];
  snprintf(first, sizeof first, "%s", r.items[0]);
  cr_assert_eq(pw_load_string(e, "collectgarbage(); collectgarbage()", "=t"), PW_OK);
  cr_expect_str_eq(r.items[0], first, "kept across a collection");
  result r2 = complete(e, "trial:fi");
  cr_expect_str_eq(r2.items[0], "filter");
  pw_close(&e);
}
