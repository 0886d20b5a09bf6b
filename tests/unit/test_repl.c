/* test_repl.c: the interactive REPL, driven through a pseudo-terminal as a
** user at a terminal drives it (pty_driver.h): line editing, completion,
** multi-line input, Ctrl-C, history, dot-commands, frames wider than the
** terminal, and a first session with the 1M-row benchmark file. */
#include "pty_driver.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define T 20.0   /* deadline against hangs, in seconds; never a measurement */

/* A session's home: a fresh directory holding the history. */
typedef struct home {
  char dir[64];        /* the directory */
  char env_home[96];   /* HOME=dir */
  char env_state[96];  /* XDG_STATE_HOME=dir/state */
} home;

/* The homes this test process made, removed when it exits (Criterion runs
** each test in a process of its own). */
static char made[4][64];
static int nmade;

static void remove_homes(void) {
  for (int i = 0; i < nmade; i++) {
    char cmd[320];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", made[i]);   /* a mkdtemp name: no quotes in it */
    if (system(cmd) != 0)
      fprintf(stderr, "test_repl: could not remove %s\n", made[i]);
  }
}

static void make_home(home *h) {
  strcpy(h->dir, "/tmp/pw_repl_XXXXXX");
  cr_assert_not_null(mkdtemp(h->dir));
  if (nmade == 0)
    atexit(remove_homes);
  if (nmade < 4)
    strcpy(made[nmade++], h->dir);
  snprintf(h->env_home, sizeof h->env_home, "HOME=%s", h->dir);
  snprintf(h->env_state, sizeof h->env_state, "XDG_STATE_HOME=%s/state", h->dir);
}

static const char *binary(void) {
  const char *b = getenv("PW_BINARY");
  cr_assert_not_null(b, "PW_BINARY is not set (run through ctest)");
  return b;
}

/* Start `pathway` (and extra arguments) in a terminal of cols x rows and
** wait for its banner. Inputs are typed only at a prompt (type, more):
** what is typed earlier is echoed twice, by the terminal and by libedit. */
static pty_session *start(const home *h, int cols, int rows, const char *arg1) {
  const char *const argv[] = {binary(), arg1, NULL};
  const char *const env[] = {h->env_home, h->env_state, "TERM=xterm", "LANG=C.UTF-8",
                             "PATH=/usr/bin:/bin", NULL};
  pty_session *s = pty_spawn(argv, env, cols, rows);
  cr_assert_not_null(s, "cannot start %s", binary());
  cr_assert(pty_expect(s, "Ctrl-D to leave", T) == 0, "no banner; screen: %s", pty_tail(s, 600));
  return s;
}

static void expect(pty_session *s, const char *text) {
  cr_assert(pty_expect(s, text, T) == 0, "expected \"%s\"; screen: %s", text, pty_tail(s, 800));
}

/* At `prompt`, type an input and Enter; wait for its echo. */
static void type_at(pty_session *s, const char *prompt, const char *input) {
  char line[512];
  expect(s, prompt);
  snprintf(line, sizeof line, "%s\r", input);
  cr_assert_eq(pty_send(s, line), 0);
  expect(s, input);
}

static void type(pty_session *s, const char *input) { type_at(s, "> ", input); }
static void more(pty_session *s, const char *input) { type_at(s, ".. ", input); }

/* At the prompt, send keys without Enter. */
static void keys(pty_session *s, const char *bytes) {
  expect(s, "> ");
  cr_assert_eq(pty_send(s, bytes), 0);
}

/* Leave with Ctrl-D on an empty line; the exit status must be 0. */
static void leave(pty_session *s) {
  expect(s, "> ");
  pty_send(s, "\x04");
  cr_assert_eq(pty_wait(s, T), 0, "exit status; screen: %s", pty_tail(s, 400));
  pty_close(s);
}

Test(repl, an_expression_shows_its_value) {
  home h;
  make_home(&h);
  pty_session *s = start(&h, 80, 24, NULL);
  type(s, "x = 41");
  type(s, "x + 1");
  expect(s, "42\n");
  type(s, "'a', 2, nil");   /* tab-separated; the terminal shows tabs as spaces */
  expect(s, "\na       2       nil\n");
  leave(s);
}

Test(repl, a_function_defined_over_several_lines) {
  home h;
  make_home(&h);
  pty_session *s = start(&h, 80, 24, NULL);
  type(s, "function sq(x)");
  more(s, "  return x * x");
  more(s, "end");
  type(s, "sq(7)");
  expect(s, "49\n");
  leave(s);
}

Test(repl, errors_name_where_and_the_session_goes_on) {
  home h;
  make_home(&h);
  pty_session *s = start(&h, 80, 24, NULL);
  type(s, "kept = 5");
  type(s, "for i = 1, 2 do");
  more(s, "  local y = i + nil");
  more(s, "end");
  expect(s, "pathway: stdin:2: attempt to perform arithmetic on a nil value");
  type(s, "f = frame.new({age = {1, 2}})");
  type(s, "f:filter('agee > 1')");
  expect(s, "unknown column 'agee' (did you mean 'age'?)");
  expect(s, "    agee > 1\n    ^");
  type(s, "kept");
  expect(s, "5\n");
  leave(s);
}

Test(repl, tab_completes_a_method_and_a_column) {
  home h;
  make_home(&h);
  pty_session *s = start(&h, 120, 24, NULL);
  type(s, "trial = frame.new({age_days = {10, 400, 900}, gene = {'CPS1', 'OTC', 'CPS1'}})");
  keys(s, "trial:fi\t");
  expect(s, "trial:filter");   /* one row: each expect looks after the last */
  pty_send(s, "(\"ge\t");
  expect(s, "(\"gene");
  pty_send(s, " == 'CPS1' and age_\t");
  expect(s, "and age_days");
  pty_send(s, " > 100\"):nrow()\r");
  expect(s, "\n1\n");
  keys(s, "stats.t_te\t");
  expect(s, "stats.t_test");
  pty_send(s, "\x15");   /* Ctrl-U: kill the line */
  leave(s);
}

Test(repl, ctrl_c_cancels_a_line_and_stops_a_loop) {
  home h;
  make_home(&h);
  pty_session *s = start(&h, 80, 24, NULL);
  type(s, "n = 0");
  keys(s, "print('never')");
  expect(s, "print('never')");
  pty_send(s, "\x03");
  expect(s, "^C\n");
  /* a loop that pcall cannot shield from the interrupt */
  /* RUNNING only once the loop has turned: Ctrl-C may land at once */
  type(s, "while true do n = n + 1; if n == 1000 then print('RUNNING') end; pcall(function() end) end");
  expect(s, "RUNNING\n");
  pty_send(s, "\x03");
  expect(s, "pathway: interrupted");
  type(s, "n >= 1000, 6 * 7");
  expect(s, "true    42\n");
  cr_expect_null(strstr(pty_transcript(s), "\nnever\n"), "the cancelled line ran");
  leave(s);
}

Test(repl, history_is_saved_and_reloaded) {
  home h;
  make_home(&h);
  pty_session *s = start(&h, 80, 24, NULL);
  type(s, "remembered = 12345");
  type(s, "for i = 1, 2 do");
  more(s, "end");
  leave(s);
  char path[160];
  snprintf(path, sizeof path, "%s/state/pathway/history", h.dir);
  struct stat st;
  cr_assert_eq(stat(path, &st), 0, "no history file at %s", path);

  s = start(&h, 80, 24, NULL);
  keys(s, "\x1b[A\x1b[A");   /* up twice: the input before the last */
  expect(s, "remembered = 12345");
  pty_send(s, "\r");
  keys(s, "\x12" "remem");   /* Ctrl-R: reverse search */
  expect(s, "remembered = 12345");
  pty_send(s, "\x07\x15");    /* Ctrl-G ends the search, Ctrl-U kills the line */
  type(s, "remembered + 1");
  expect(s, "12346\n");
  leave(s);
}

/* History that cannot be kept is said once, with the file and why; the
** session goes on. */
Test(repl, history_problems_are_said_with_the_path) {
  home h;
  make_home(&h);
  snprintf(h.env_state, sizeof h.env_state, "XDG_STATE_HOME=/dev/null/state");
  pty_session *s = start(&h, 100, 24, NULL);
  cr_expect(strstr(pty_transcript(s),
                   "pathway: no history this session: cannot make /dev/null/state: Not a directory"),
            "%s", pty_tail(s, 400));
  type(s, "1 + 1");
  expect(s, "\n2\n");
  leave(s);

  make_home(&h);   /* the history file is a directory: it cannot be written */
  char dir[160];
  snprintf(dir, sizeof dir, "%s/state/pathway/history", h.dir);
  char cmd[200];
  snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
  cr_assert_eq(system(cmd), 0);
  s = start(&h, 160, 24, NULL);
  type(s, "x = 1");
  char want[240];
  snprintf(want, sizeof want, "pathway: cannot write the history file %s: Is a directory", dir);
  expect(s, want);
  type(s, "x + 1");
  expect(s, "\n2\n");
  cr_expect_null(strstr(strstr(pty_transcript(s), want) + strlen(want), "cannot write"), "said once");
  leave(s);
}

Test(repl, a_frame_wider_than_the_terminal_is_fitted) {
  home h;
  make_home(&h);
  pty_session *s = start(&h, 40, 24, NULL);
  type(s, "w = {} for i = 1, 12 do w['column_' .. i] = {i, i * 1000, i} end");
  type(s, "frame.new(w)");
  expect(s, "more columns");
  expect(s, "3 rows \xc3\x97 12 columns");
  /* every line of the table fits 40 columns (counting code points) */
  const char *t = strstr(pty_transcript(s), "frame.new(w)");
  cr_assert_not_null(t);
  for (const char *line = t; *line; ) {
    const char *end = strchr(line, '\n');
    size_t n = end ? (size_t)(end - line) : strlen(line), points = 0;
    for (size_t i = 0; i < n; i++)
      points += ((unsigned char)line[i] & 0xC0) != 0x80;
    cr_expect_leq(points, 40, "a line of %zu columns: %.*s", points, (int)n, line);
    line += n + (end != NULL);
  }
  leave(s);
}

/* A CSV file under the session's home. */
static void write_file(const home *h, const char *name, const char *text, char *path, size_t size) {
  snprintf(path, size, "%s/%s", h->dir, name);
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f);
  fputs(text, f);
  fclose(f);
}

Test(repl, load_schema_timer_save) {
  home h;
  make_home(&h);
  char csv[160], script[160], cmd[400];
  write_file(&h, "visits.csv",
             "patient,gene,ammonia\nP1,CPS1,80.5\nP2,OTC,\nP3,CPS1,120\nP3,CPS1,95\n", csv, sizeof csv);
  snprintf(script, sizeof script, "%s/explore.lua", h.dir);
  pty_session *s = start(&h, 100, 30, NULL);
  snprintf(cmd, sizeof cmd, ".load %s AS v", csv);
  type(s, cmd);
  expect(s, "v: 4 rows \xc3\x97 3 columns");
  type(s, ".schema v");
  expect(s, "\"CPS1\", \"OTC\"");
  expect(s, "ammonia");
  type(s, ".timer on");
  type(s, "high = v:filter('ammonia > 90')");
  expect(s, "rows read");
  type(s, "high:nrow()");
  expect(s, "2\n");
  snprintf(cmd, sizeof cmd, ".save %s", script);
  type(s, cmd);
  expect(s, "saved 3 inputs to ");
  leave(s);

  FILE *f = fopen(script, "r");
  cr_assert_not_null(f);
  char text[1024];
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = '\0';
  char want[1024];
  snprintf(want, sizeof want,
           "-- saved from a pathway session (.save)\n"
           "v = csv.read(\"%s\")\n"
           "high = v:filter('ammonia > 90')\n"
           "print(high:nrow())\n", csv);
  cr_expect_str_eq(text, want);
}

/* The new user of the issue: .load the 1M-row benchmark file, .schema it,
** filter it with an expression (completing a column name), group and
** summarise, quit. The file is generated by ../shared/bench/gen_visits.py
** (kept in the build directory between runs: the generator is
** deterministic). */
Test(repl, a_first_session_with_the_benchmark_file, .timeout = 300) {
  const char *src = getenv("PW_SOURCE_DIR"), *build = getenv("PW_BUILD_DIR");
  char gen[400], data[400], cmd[2048];
  cr_assert(src && build, "run through ctest");
  snprintf(gen, sizeof gen, "%s/../shared/bench/gen_visits.py", src);
  snprintf(data, sizeof data, "%s/visits_1m.csv", build);
  if (access(gen, R_OK) != 0)
    cr_skip_test("../shared/bench/gen_visits.py not found (a clone without ../shared)");
  if (system("command -v python3 >/dev/null 2>&1") != 0)
    cr_skip_test("python3 not installed: cannot generate the benchmark file");
  struct stat st;
  if (stat(data, &st) != 0 || st.st_size < 70000000) {
    snprintf(cmd, sizeof cmd, "python3 '%s' 1000000 '%s.tmp' >/dev/null && mv '%s.tmp' '%s'",
             gen, data, data, data);
    cr_assert_eq(system(cmd), 0, "generating %s failed", data);
  }
  home h;
  make_home(&h);
  pty_session *s = start(&h, 120, 40, NULL);
  snprintf(cmd, sizeof cmd, ".load %s AS visits", data);
  type(s, cmd);
  expect(s, "visits: 1,000,000 rows \xc3\x97 13 columns");
  type(s, ".schema visits");
  expect(s, "ammonia_umol_l");
  expect(s, "39980");   /* its NA count */
  expect(s, "13 rows");
  keys(s, "visits:fil\t");
  expect(s, "visits:filter");
  pty_send(s, "(\"gene == 'CPS1' and ammo\t");
  expect(s, "and ammonia_umol_l");
  pty_send(s, " > 100\"):nrow()\r");
  expect(s, "\n7808\n");
  type(s, "visits:group_by('gene'):summarise{ n = 'count()', ammonia = 'mean(ammonia_umol_l)' }");
  expect(s, "OTC");
  expect(s, "327327");
  expect(s, "7 rows");
  type(s, ".quit");
  cr_assert_eq(pty_wait(s, T), 0, "exit status; screen: %s", pty_tail(s, 400));
  pty_close(s);
}

/* Not the REPL, but the same terminal: `pathway review` colours its text
** report on a terminal and not under NO_COLOR (vm/cli/main.c). The raw
** bytes, escapes included, come from the driver's log. */
static int review_colours(int no_color) {
  const char *src = getenv("PW_SOURCE_DIR");
  cr_assert_not_null(src);
  char script[512], log[64];
  snprintf(script, sizeof script, "%s/examples/cps1-base-editing/review.lua", src);
  strcpy(log, "/tmp/pw_review_tty_XXXXXX");
  int fd = mkstemp(log);
  cr_assert(fd >= 0);
  close(fd);
  setenv("PTY_DRIVER_LOG", log, 1);
  const char *const argv[] = {binary(), "review", script, NULL};
  const char *const env[] = {"TERM=xterm", "LANG=C.UTF-8", "PATH=/usr/bin:/bin",
                             no_color ? "NO_COLOR=1" : NULL, NULL};
  pty_session *s = pty_spawn(argv, env, 120, 40);
  unsetenv("PTY_DRIVER_LOG");
  cr_assert_not_null(s);
  cr_assert_eq(pty_wait(s, T), 0, "review exit status; screen: %s", pty_tail(s, 400));
  cr_expect(strstr(pty_transcript(s), "8 met, 0 not met") != NULL);
  pty_close(s);
  FILE *f = fopen(log, "rb");
  cr_assert_not_null(f);
  static char raw[1 << 20];
  size_t n = fread(raw, 1, sizeof raw - 1, f);
  fclose(f);
  unlink(log);
  raw[n] = '\0';
  return strstr(raw, "\x1b[") != NULL;
}

Test(repl, review_colours_a_terminal_unless_no_color) {
  cr_expect(review_colours(0), "no ANSI escapes on a terminal");
  cr_expect(!review_colours(1), "ANSI escapes under NO_COLOR");
}
