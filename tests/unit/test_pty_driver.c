/* test_pty_driver.c: the pseudo-terminal driver of pty_driver.h, against
 * /bin/sh, /bin/cat and a few fixed byte streams (not against pathway). */
#include "pty_driver.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#define T 15.0 /* deadline against hangs, seconds */

static const char *const sh_env[] = {
    "HOME=/tmp", "XDG_STATE_HOME=/tmp", "TERM=xterm", "LANG=C.UTF-8",
    "PATH=/usr/local/bin:/usr/bin:/bin", "PS1=$ ", "PTYVAR=1", NULL};

static pty_session *spawn_sh(int cols, int rows) {
  const char *const argv[] = {"/bin/sh", NULL};
  pty_session *s = pty_spawn(argv, sh_env, cols, rows);
  cr_assert_not_null(s, "pty_spawn: %s", strerror(errno));
  cr_assert(pty_expect(s, "$ ", T) == 0, "no prompt; screen: %s",
            pty_tail(s, 400));
  return s;
}

/* Type a command, wait for its echo, then for `out`, then for the prompt. */
static void run(pty_session *s, const char *cmd, const char *out) {
  char line[256];
  snprintf(line, sizeof line, "%s\r", cmd);
  cr_assert_eq(pty_send(s, line), 0);
  cr_assert(pty_expect(s, cmd, T) == 0, "no echo of %s; screen: %s", cmd,
            pty_tail(s, 400));
  cr_assert(pty_expect(s, out, T) == 0, "no %s; screen: %s", out,
            pty_tail(s, 400));
  cr_assert(pty_expect(s, "$ ", T) == 0, "no prompt after %s; screen: %s",
            cmd, pty_tail(s, 400));
}

/* ---- against a shell ---- */

Test(pty, echo_through_the_terminal) {
  pty_session *s = spawn_sh(80, 24);
  run(s, "echo $((6*7))", "42\n");
  /* the transcript has both the terminal's echo and the output, in order,
   * with CRLF turned into plain newlines */
  const char *t = pty_transcript(s);
  cr_expect(strstr(t, "$ echo $((6*7))\n42\n$ ") != NULL, "%s", t);
  cr_expect(strchr(t, '\r') == NULL);
  pty_close(s);
}

Test(pty, child_has_a_terminal) {
  pty_session *s = spawn_sh(80, 24);
  /* T''TY in the command line, so only the output reads TTY */
  run(s, "test -t 0 && test -t 1 && test -t 2 && echo T''TY", "TTY");
  run(s, "tty", "/dev/pts/");
  pty_close(s);
}

Test(pty, window_size) {
  pty_session *s = spawn_sh(80, 24);
  run(s, "stty size", "24 80");
  pty_close(s);
  s = spawn_sh(132, 43);
  run(s, "stty size", "43 132");
  pty_close(s);
}

Test(pty, exact_environment) {
  pty_session *s = spawn_sh(80, 24);
  run(s, "env | sort | tr '\\n' ' '; echo E''ND",
      "HOME=/tmp LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin PS1=$  "
      "PTYVAR=1 PWD=");
  pty_close(s);
}

Test(pty, ctrl_c_reaches_the_foreground_job) {
  pty_session *s = spawn_sh(80, 24);
  /* READY is printed by the job itself, so when it shows, the job is the
   * terminal's foreground process group and ^C is for it, not the shell */
  cr_assert_eq(pty_send(s, "sh -c 'echo RE\"\"ADY; exec sleep 30'\r"), 0);
  cr_assert(pty_expect(s, "READY", T) == 0, "%s", pty_tail(s, 400));
  double t0 = pty__now();
  cr_assert_eq(pty_send(s, "\x03"), 0);
  cr_assert(pty_expect(s, "$ ", T) == 0, "no prompt; screen: %s",
            pty_tail(s, 400));
  cr_expect_lt(pty__now() - t0, 10.0);
  run(s, "echo $?", "130"); /* 128 + SIGINT */
  pty_close(s);
}

Test(pty, ctrl_d_and_exit_status) {
  pty_session *s = spawn_sh(80, 24);
  cr_assert_eq(pty_send(s, "\x04"), 0);
  cr_expect_eq(pty_wait(s, T), 0);
  cr_expect_eq(pty_wait(s, T), 0); /* again: the same answer */
  /* after exit, expect fails at once instead of waiting out its deadline */
  double t0 = pty__now();
  cr_expect_eq(pty_expect(s, "never", T), -1);
  cr_expect_lt(pty__now() - t0, 5.0);
  pty_close(s);

  s = spawn_sh(80, 24);
  cr_assert_eq(pty_send(s, "exit 7\r"), 0);
  cr_expect_eq(pty_wait(s, T), 7);
  pty_close(s);
}

Test(pty, escapes_are_stripped) {
  pty_session *s = spawn_sh(80, 24);
  /* the echo has the backslashes; only the output reads bold| */
  run(s, "printf '\\033[1mbold\\033[0m|\\n'", "\nbold|\n");
  run(s, "printf 'a\\033]0;title\\007b\\033(Bc\\033[31;1md\\n'", "\nabcd\n");
  run(s, "printf 'wrong\\rright\\n'", "\nright\n");
  run(s, "printf 'abcdef\\033[3D\\033[KXY\\n'", "\nabcXY\n");
  pty_close(s);
}

Test(pty, timeout_is_quick_and_tail_usable) {
  pty_session *s = spawn_sh(80, 24);
  double t0 = pty__now();
  cr_expect_eq(pty_expect(s, "no such text", 0.3), -1);
  double dt = pty__now() - t0;
  cr_expect(dt >= 0.25 && dt < 3.0, "took %g s", dt);
  const char *tail = pty_tail(s, 400);
  cr_expect_str_eq(tail, "$ ");
  cr_expect_str_eq(pty_tail(s, 1), " ");
  /* a failed expect consumes nothing */
  run(s, "echo hi", "hi");
  pty_close(s);
}

/* ---- other children ---- */

Test(pty, cat) {
  const char *const argv[] = {"/bin/cat", NULL};
  pty_session *s = pty_spawn(argv, sh_env, 80, 24);
  cr_assert_not_null(s);
  cr_assert_eq(pty_send(s, "hello\r"), 0);
  /* canonical mode: the terminal echoes the line, then cat writes it */
  cr_assert(pty_expect(s, "hello\nhello\n", T) == 0, "%s", pty_tail(s, 400));
  cr_assert_eq(pty_send(s, "\x04"), 0);
  cr_expect_eq(pty_wait(s, T), 0);
  cr_expect_str_eq(pty_transcript(s), "hello\nhello\n");
  pty_close(s);
}

Test(pty, exec_failure) {
  const char *const argv[] = {"/nonexistent/program", NULL};
  errno = 0;
  cr_expect_null(pty_spawn(argv, sh_env, 80, 24));
  cr_expect_eq(errno, ENOENT);
}

Test(pty, wait_timeout_kills) {
  const char *const argv[] = {"/bin/sleep", "30", NULL};
  pty_session *s = pty_spawn(argv, sh_env, 80, 24);
  cr_assert_not_null(s);
  double t0 = pty__now();
  cr_expect_eq(pty_wait(s, 0.3), -1);
  cr_expect_lt(pty__now() - t0, 5.0);
  cr_expect_eq(kill(s->pid, 0), -1); /* reaped: gone */
  pty_close(s);
}

Test(pty, close_kills_a_running_child) {
  pty_session *s = spawn_sh(80, 24);
  pid_t pid = s->pid;
  pty_close(s);
  cr_expect_eq(kill(pid, 0), -1);
}

/* ---- the screen model, fed fixed bytes ---- */

static pty_session *model(void) {
  pty_session *s = calloc(1, sizeof *s);
  cr_assert_not_null(s);
  s->fd = -1;
  s->eof = 1;
  s->reaped = 1;
  return s;
}

static void feed(pty_session *s, const char *bytes) {
  pty__feed(s, bytes, strlen(bytes));
}

Test(pty_model, split_sequences_and_utf8) {
  pty_session *s = model();
  const char *in = "\033[1;3" "1mr\xc3\xa9" "d\033]0;t\033\\x\033[0m\r\n";
  for (const char *p = in; *p; p++)
    pty__feed(s, p, 1); /* one byte at a time */
  cr_expect_str_eq(pty_transcript(s), "r\xc3\xa9" "dx\n");
  pty_close(s);
}

Test(pty_model, libedit_style_redraws) {
  pty_session *s = model();
  /* typed "1+1", history Up replaces it with "2*3" */
  feed(s, "> 1+1\b\b\b2*3\033[K");
  cr_expect_str_eq(pty_transcript(s), "> 2*3");
  /* cursor left twice, insert X in insert mode, then with ICH */
  feed(s, "\033[2D\033[4hX\033[4l\033[@Y");
  cr_expect_str_eq(pty_transcript(s), "> 2XY*3");
  /* delete a char, erase the line, redraw from column 0 */
  feed(s, "\033[P\r\033[2K> done\r\n");
  cr_expect_str_eq(pty_transcript(s), "> done\n");
  /* a Tab moves to the next stop; backspace-space-backspace erases */
  feed(s, "a\tb\n" "xy\b \b\n");
  cr_expect_str_eq(pty_transcript(s), "> done\na       b\nx \n");
  pty_close(s);
}

Test(pty_model, expect_consumes_and_redraws_count_again) {
  pty_session *s = model();
  feed(s, "> ");
  cr_expect_eq(pty_expect(s, "> ", 0), 0);
  cr_expect_eq(pty_expect(s, "> ", 0), -1); /* consumed */
  /* libedit redraws the line from column 0: that is new output */
  feed(s, "\r> ab");
  cr_expect_eq(pty_expect(s, "> ab", 0), 0);
  feed(s, "c\r\n1\n> ");
  cr_expect_eq(pty_expect(s, "ab", 0), -1);
  cr_expect_eq(pty_expect(s, "c\n1\n", 0), 0);
  cr_expect_eq(pty_expect(s, "> ", 0), 0);
  pty_close(s);
}
