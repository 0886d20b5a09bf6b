/* repl.c: the read-eval-print loop, as lua.c's: an expression shows its
** values, an unfinished chunk continues after the ".. " prompt, errors
** never end the session. pw_eval does the evaluating, the showing and the
** dot-commands; this file reads lines and handles the terminal. */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lineedit.h"
#include "repl.h"

#define PROMPT "> "
#define PROMPT2 ".. "

/* The session, one per loop. */
typedef struct repl_state {
  pw_engine *e;          /* evaluates the inputs */
  lineedit *le;          /* the line editor; NULL when stdin is not a terminal */
  char *chunk;           /* the lines of the unfinished input so far */
  size_t len;            /* its length */
  char *line;            /* getline's buffer (no terminal) */
  size_t cap;            /* its capacity */
  char *history;         /* the history file (malloc'd), or NULL: none */
  int history_warned;    /* said once that the history file cannot be written */
} repl_state;

/* The signal handler's view of the session. A process-wide global, as
** lua.c's globalL: a handler has no other way to find the engine. */
static volatile sig_atomic_t sigint_seen;   /* Ctrl-C since the last input */
static pw_engine *volatile running;         /* the engine while it evaluates */

/* Ctrl-C while editing: read(2) fails with EINTR and the line is dropped.
** While evaluating: ask the engine to stop; a third Ctrl-C before it does
** (a long C kernel cannot stop halfway) ends the process. */
static void on_sigint(int sig) {
  if (running && sigint_seen >= 2) {
    signal(sig, SIG_DFL);
    raise(sig);
  }
  sigint_seen++;
  if (running)
    pw_interrupt(running);
}

static void on_sigwinch(int sig) {
  (void)sig;   /* only to interrupt read(2); the size is read before each input */
}

static void install_handlers(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = on_sigint;   /* no SA_RESTART: read(2) must see EINTR */
  sigaction(SIGINT, &sa, NULL);
  sa.sa_handler = on_sigwinch;
  sigaction(SIGWINCH, &sa, NULL);
}

/* COLUMNS/LINES when set (tests, pipes), else the terminal's size. */
static void set_display(repl_state *s, int terminal) {
  pw_display d = {80, 24, 0};
  const char *cols = getenv("COLUMNS"), *lines = getenv("LINES");
  struct winsize ws;
  if (terminal && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    d.width = ws.ws_col;
    d.height = ws.ws_row;
  }
  if (cols && atoi(cols) > 0)
    d.width = atoi(cols);
  if (lines && atoi(lines) > 0)
    d.height = atoi(lines);
  const char *term = getenv("TERM");
  d.color = terminal && isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL &&
            !(term && strcmp(term, "dumb") == 0);
  pw_set_display(s->e, &d);
}

/* Make directory `dir` unless it exists; 0, or -1 after saying why. */
static int make_dir(const char *dir) {
  if (mkdir(dir, 0700) == 0 || errno == EEXIST)
    return 0;
  fprintf(stderr, "pathway: no history this session: cannot make %s: %s\n", dir, strerror(errno));
  return -1;
}

/* $XDG_STATE_HOME/pathway/history, else ~/.pathway_history; NULL when
** neither can be named or the directory cannot be made (said on stderr).
** The directories are made when missing (0700, as the XDG base directory
** specification asks). */
static char *history_path(void) {
  const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
  char buf[4096];
  if (state && *state == '/') {
    snprintf(buf, sizeof buf, "%s/pathway", state);
    if (make_dir(state) != 0 || make_dir(buf) != 0)
      return NULL;
    snprintf(buf, sizeof buf, "%s/pathway/history", state);
  } else if (home && *home) {
    snprintf(buf, sizeof buf, "%s/.pathway_history", home);
  } else {
    return NULL;
  }
  return strdup(buf);
}

/* Append `line` to the chunk, after a newline when it is not empty. */
static int append(repl_state *s, const char *line) {
  size_t n = strlen(line);
  char *grown = realloc(s->chunk, s->len + n + 2);
  if (grown == NULL)
    return -1;
  s->chunk = grown;
  if (s->len > 0)
    s->chunk[s->len++] = '\n';
  memcpy(s->chunk + s->len, line, n);
  s->len += n;
  s->chunk[s->len] = '\0';
  return 0;
}

/* The next line: 1, or 0 at the end of input; -1 when Ctrl-C dropped it. */
static int next_line(repl_state *s, const char **line) {
  if (s->le) {
    switch (lineedit_read(s->le, s->len ? PROMPT2 : PROMPT, line)) {
    case LINEEDIT_LINE:   return 1;
    case LINEEDIT_CANCEL: return -1;
    default:              return 0;
    }
  }
  ssize_t n = getline(&s->line, &s->cap, stdin);
  if (n < 0)
    return 0;
  if (n > 0 && s->line[n - 1] == '\n')
    s->line[--n] = '\0';
  *line = s->line;
  return 1;
}

/* An error of the session. A traceback that says only "stdin:N: in main
** chunk" repeats the message's own position, so it is left out. */
static void print_error(const char *msg) {
  static const char tb[] = "\nstack traceback:\n\tstdin:";
  static const char main_chunk[] = "in main chunk";
  const char *at = strstr(msg, tb);
  size_t keep = strlen(msg);
  if (at && strchr(at + sizeof tb - 1, '\n') == NULL && keep >= sizeof main_chunk &&
      strcmp(msg + keep - (sizeof main_chunk - 1), main_chunk) == 0)
    keep = (size_t)(at - msg);
  fprintf(stderr, "pathway: %.*s\n", (int)keep, msg);
}

/* Evaluate the chunk; 1 when the session should end. */
static int eval_chunk(repl_state *s) {
  sigint_seen = 0;
  running = s->e;
  pw_status st = pw_eval(s->e, s->chunk);
  running = NULL;
  fflush(stdout);
  if (st == PW_EINCOMPLETE)
    return 0;
  if (s->le && lineedit_remember(s->le, s->chunk) != 0 && !s->history_warned) {
    fprintf(stderr, "pathway: cannot write the history file %s: %s\n", s->history,
            strerror(errno));
    s->history_warned = 1;
  }
  s->len = 0;
  if (st == PW_QUIT)
    return 1;
  if (st == PW_EINTERRUPTED && s->le)
    fputs("\n", stderr);   /* after the ^C the terminal echoed */
  if (st != PW_OK)
    print_error(pw_errmsg(s->e));
  return 0;
}

int repl_run(pw_engine *e, int terminal) {
  repl_state s = {e, NULL, NULL, 0, NULL, 0, NULL, 0};
  if (terminal) {
    setlocale(LC_CTYPE, "");   /* libedit decodes UTF-8 by the locale */
    install_handlers();
    s.history = history_path();
    s.le = lineedit_open(e, s.history, &sigint_seen);
    if (s.le == NULL)
      fputs("pathway: line editing unavailable; reading plain lines\n", stderr);
    printf("pathway %s (%s)  .help for help, Ctrl-D to leave\n", pw_version(), pw_lua_release());
  }
  for (;;) {
    set_display(&s, terminal);
    const char *line;
    sigint_seen = 0;
    int got = next_line(&s, &line);
    if (got == 0) {
      if (terminal)
        fputs("\n", stdout);   /* after the prompt Ctrl-D left */
      break;
    }
    if (got < 0) {   /* Ctrl-C: drop the line and the unfinished chunk */
      fputs("^C\n", stdout);
      s.len = 0;
      continue;
    }
    if (append(&s, line) != 0) {
      fputs("pathway: out of memory\n", stderr);
      break;
    }
    if (eval_chunk(&s))
      break;
  }
  lineedit_close(s.le);
  free(s.history);
  free(s.chunk);
  free(s.line);
  return 0;
}
