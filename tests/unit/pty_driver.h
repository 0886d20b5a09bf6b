/* pty_driver.h: drive an interactive program through a pseudo-terminal, for
 * the Criterion tests (the REPL under libedit, a shell, cat).
 *
 *   const char *const argv[] = {"/bin/sh", NULL};
 *   const char *const env[] = {"TERM=xterm", "PS1=$ ", NULL};
 *   pty_session *s = pty_spawn(argv, env, 80, 24);
 *   cr_assert(pty_expect(s, "$ ", 10) == 0, "no prompt; screen: %s",
 *             pty_tail(s, 400));
 *   pty_send(s, "echo $((6*7))\r");
 *   pty_expect(s, "echo $((6*7))", 10);   // the terminal's echo first
 *   pty_expect(s, "42", 10);              // then the output
 *   pty_send(s, "\x04");                  // Ctrl-D
 *   cr_assert_eq(pty_wait(s, 10), 0);
 *   pty_close(s);
 *
 * Matching is against *cleaned* text: escape sequences are interpreted or
 * dropped and each output line is modelled as a row of cells with a cursor,
 * so `\r`, `\b`, CSI C/D/G/H (cursor moves), CSI K/J/X/P/@ (erase, delete,
 * insert), insert mode (CSI 4 h/l) and save/restore cursor act as on a
 * screen: a line that libedit redraws reads as it finally looks. `\n`
 * commits the row to the transcript. Not modelled: rows above the cursor
 * (CSI A, cursor-up redraws of wrapped lines) and automatic wrapping at the
 * right margin; use wide terminals (cols >= 120) for long input lines.
 *
 * Header-only: the unit-test CMake builds one executable per test_*.c, so
 * everything here is `static` and marked unused. Times are in seconds and
 * are deadlines against hangs, not performance assertions.
 *
 * Debugging: with PTY_DRIVER_LOG=/some/file in the test's environment, the
 * raw bytes the child wrote (escapes and all) are appended to that file.
 *
 * Needs only POSIX plus forkpty(3) (in libc since glibc 2.34; older glibc
 * needs -lutil).
 */
#ifndef PW_TEST_PTY_DRIVER_H
#define PW_TEST_PTY_DRIVER_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PTY_FN static __attribute__((unused))

/* One cell of the current output row: one UTF-8 character. */
typedef struct pty_cell {
  char b[4];
  unsigned char n;
} pty_cell;

typedef struct pty_session {
  pid_t pid;
  int fd;        /* master side, O_NONBLOCK */
  int eof;       /* the master read EOF/EIO: no slave left open */
  int reaped;    /* waitpid done; status below */
  int status;    /* exit code, or 128+signal */
  /* committed text: every finished row, each ending in '\n' */
  char *text;
  size_t tlen, tcap;
  /* the current row and its cursor (cell index) */
  pty_cell *line;
  size_t llen, lcap, cur, saved_cur;
  int insert_mode;
  int utf8_more; /* continuation bytes still expected for cell cur-1 */
  /* where the next expect starts: a byte offset into text, or (mark_in_line)
   * a cell index into the current row */
  size_t mark;
  int mark_in_line;
  /* escape-sequence parser */
  int st;
  char par[32]; /* CSI parameter bytes */
  size_t plen;
  int par_private;
  FILE *log; /* raw output, when PTY_DRIVER_LOG names a file */
  /* rendered transcript (text + current row) for matching and tails */
  char *view;
  size_t vlen, vcap;
} pty_session;

enum { PTY_S_TEXT, PTY_S_ESC, PTY_S_ESC_INT, PTY_S_CSI, PTY_S_STR,
       PTY_S_STR_ESC };

#define PTY_MAX_COL 4096 /* cursor clamp, against absurd CSI counts */

/* ---- time ---- */

static inline double pty__now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static inline int pty__ms_left(double deadline) {
  double left = deadline - pty__now();
  if (left <= 0)
    return 0;
  if (left > 1e6)
    left = 1e6;
  return (int)(left * 1000.0) + 1;
}

/* ---- growable buffers (abort on OOM: this is test code) ---- */

static inline void *pty__grow(void *p, size_t *cap, size_t need,
                              size_t elem) {
  if (need <= *cap)
    return p;
  size_t c = *cap ? *cap : 64;
  while (c < need)
    c *= 2;
  void *q = realloc(p, c * elem);
  if (!q)
    abort();
  *cap = c;
  return q;
}

static inline void pty__text_add(pty_session *s, const char *b, size_t n) {
  s->text = pty__grow(s->text, &s->tcap, s->tlen + n + 1, 1);
  memcpy(s->text + s->tlen, b, n);
  s->tlen += n;
  s->text[s->tlen] = '\0';
}

/* ---- the screen model of the current row ---- */

/* Output touched cell c: later output is "after the last expect" again. */
static inline void pty__touch(pty_session *s, size_t c) {
  if (s->mark_in_line && c < s->mark)
    s->mark = c;
}

static inline void pty__line_reserve(pty_session *s, size_t n) {
  s->line = pty__grow(s->line, &s->lcap, n, sizeof *s->line);
}

/* Blank cells up to the cursor, so that there is something to write on. */
static inline void pty__pad_to(pty_session *s, size_t n) {
  if (n <= s->llen)
    return;
  pty__line_reserve(s, n);
  for (size_t i = s->llen; i < n; i++) {
    s->line[i].b[0] = ' ';
    s->line[i].n = 1;
  }
  s->llen = n;
}

static inline void pty__insert_blanks(pty_session *s, size_t n) {
  if (s->cur >= s->llen)
    return;
  if (n > PTY_MAX_COL)
    n = PTY_MAX_COL;
  pty__touch(s, s->cur);
  pty__line_reserve(s, s->llen + n);
  memmove(s->line + s->cur + n, s->line + s->cur,
          (s->llen - s->cur) * sizeof *s->line);
  for (size_t i = 0; i < n; i++) {
    s->line[s->cur + i].b[0] = ' ';
    s->line[s->cur + i].n = 1;
  }
  s->llen += n;
}

static inline void pty__delete_cells(pty_session *s, size_t n) {
  if (s->cur >= s->llen)
    return;
  if (n > s->llen - s->cur)
    n = s->llen - s->cur;
  pty__touch(s, s->cur);
  memmove(s->line + s->cur, s->line + s->cur + n,
          (s->llen - s->cur - n) * sizeof *s->line);
  s->llen -= n;
}

/* Erase in line: 0 cursor to end, 1 start to cursor, 2 all. */
static inline void pty__erase(pty_session *s, int how) {
  if (how == 0) {
    if (s->cur < s->llen) {
      pty__touch(s, s->cur);
      s->llen = s->cur;
    }
  } else if (how == 1) {
    pty__touch(s, 0);
    for (size_t i = 0; i <= s->cur && i < s->llen; i++) {
      s->line[i].b[0] = ' ';
      s->line[i].n = 1;
    }
  } else if (how == 2) {
    pty__touch(s, 0);
    s->llen = 0;
  }
}

static inline void pty__put(pty_session *s, unsigned char c) {
  if (c >= 0x80 && c < 0xC0 && s->utf8_more > 0 && s->cur > 0 &&
      s->cur - 1 < s->llen && s->line[s->cur - 1].n < 4) {
    pty_cell *cell = &s->line[s->cur - 1];
    cell->b[cell->n++] = (char)c;
    s->utf8_more--;
    return;
  }
  s->utf8_more = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 && c < 0xF0 ? 2
                 : c >= 0xC0 && c < 0xE0 ? 1 : 0;
  if (s->insert_mode)
    pty__insert_blanks(s, 1);
  pty__pad_to(s, s->cur + 1);
  pty__touch(s, s->cur);
  s->line[s->cur].b[0] = (char)c;
  s->line[s->cur].n = 1;
  if (s->cur < PTY_MAX_COL)
    s->cur++;
}

/* Bytes of the first n cells of the current row. */
static inline size_t pty__cell_bytes(const pty_session *s, size_t n) {
  size_t b = 0;
  for (size_t i = 0; i < n && i < s->llen; i++)
    b += s->line[i].n;
  return b;
}

static inline void pty__newline(pty_session *s) {
  if (s->mark_in_line) {
    s->mark = s->tlen + pty__cell_bytes(s, s->mark);
    s->mark_in_line = 0;
  }
  for (size_t i = 0; i < s->llen; i++)
    pty__text_add(s, s->line[i].b, s->line[i].n);
  pty__text_add(s, "\n", 1);
  s->llen = s->cur = 0;
}

static inline void pty__control(pty_session *s, unsigned char c) {
  s->utf8_more = 0;
  switch (c) {
  case '\n': case '\v': case '\f': pty__newline(s); break;
  case '\r': s->cur = 0; break;
  case '\b': if (s->cur > 0) s->cur--; break;
  case '\t':
    s->cur = (s->cur / 8 + 1) * 8;
    if (s->cur > PTY_MAX_COL)
      s->cur = PTY_MAX_COL;
    break;
  default: break; /* BEL, NUL, SO/SI, ...: nothing on screen */
  }
}

/* The i-th numeric CSI parameter, or dflt if absent or 0. */
static inline size_t pty__param(const pty_session *s, int i, size_t dflt) {
  size_t v = 0;
  int k = 0, any = 0;
  for (size_t j = 0; j < s->plen; j++) {
    char ch = s->par[j];
    if (ch == ';') {
      if (k == i)
        break;
      k++;
      v = 0;
      any = 0;
    } else if (ch >= '0' && ch <= '9' && k == i) {
      if (v < 100000)
        v = v * 10 + (size_t)(ch - '0');
      any = 1;
    }
  }
  if (k < i || !any || v == 0)
    return dflt;
  return v;
}

static inline void pty__csi(pty_session *s, unsigned char final) {
  if (s->par_private)
    return; /* ?25l (cursor), ?2004h (bracketed paste), ...: no text */
  size_t n = pty__param(s, 0, 1);
  if (n > PTY_MAX_COL)
    n = PTY_MAX_COL;
  size_t raw = pty__param(s, 0, 0); /* for K and J, where 0 is meaningful */
  switch (final) {
  case 'C': case 'a':
    s->cur = s->cur + n > PTY_MAX_COL ? PTY_MAX_COL : s->cur + n;
    break;
  case 'D': s->cur = n > s->cur ? 0 : s->cur - n; break;
  case 'G': case '`': s->cur = n - 1; break;
  case 'H': case 'f': {
    size_t col = pty__param(s, 1, 1);
    s->cur = (col > PTY_MAX_COL ? PTY_MAX_COL : col) - 1;
    break;
  }
  case 'K': pty__erase(s, (int)(raw > 2 ? 0 : raw)); break;
  case 'J': pty__erase(s, (int)(raw >= 2 ? 2 : raw)); break;
  case 'P': pty__delete_cells(s, n); break;
  case '@': pty__insert_blanks(s, n); break;
  case 'X':
    for (size_t i = s->cur; i < s->cur + n && i < s->llen; i++) {
      pty__touch(s, i);
      s->line[i].b[0] = ' ';
      s->line[i].n = 1;
    }
    break;
  case 'h': case 'l':
    if (raw == 4)
      s->insert_mode = final == 'h';
    break;
  case 's': s->saved_cur = s->cur; break;
  case 'u': s->cur = s->saved_cur; break;
  default: break; /* m (colours), A/B (rows), r, t, ...: no text */
  }
}

/* The byte after ESC. */
static inline void pty__esc(pty_session *s, unsigned char c) {
  s->utf8_more = 0;
  if (c == '[') {
    s->st = PTY_S_CSI;
    s->plen = 0;
    s->par_private = 0;
  } else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
    s->st = PTY_S_STR; /* OSC, DCS, SOS, PM, APC: up to BEL or ST */
  } else if (c >= 0x20 && c <= 0x2f) {
    s->st = PTY_S_ESC_INT; /* ESC ( B and friends */
  } else if (c == 0x1b) {
    s->st = PTY_S_ESC;
  } else if (c < 0x20) {
    pty__control(s, c); /* executed; still in the escape */
  } else {
    if (c == '7')
      s->saved_cur = s->cur;
    else if (c == '8')
      s->cur = s->saved_cur;
    s->st = PTY_S_TEXT; /* two-byte ESC x */
  }
}

/* Feed raw terminal output through the parser and the screen model. */
static inline void pty__feed(pty_session *s, const char *buf, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)buf[i];
    switch (s->st) {
    case PTY_S_TEXT:
      if (c == 0x1b)
        s->st = PTY_S_ESC;
      else if (c < 0x20 || c == 0x7f)
        pty__control(s, c);
      else
        pty__put(s, c);
      break;
    case PTY_S_ESC:
      pty__esc(s, c);
      break;
    case PTY_S_ESC_INT:
      if (c == 0x1b)
        s->st = PTY_S_ESC;
      else if (c < 0x20 || c > 0x2f)
        s->st = PTY_S_TEXT; /* final byte (or garbage): sequence done */
      break;
    case PTY_S_CSI:
      if (c >= 0x40 && c <= 0x7e) {
        pty__csi(s, c);
        s->st = PTY_S_TEXT;
      } else if (c >= 0x30 && c <= 0x3f) {
        if (c >= 0x3c && s->plen == 0)
          s->par_private = 1; /* < = > ? */
        if (s->plen < sizeof s->par)
          s->par[s->plen++] = (char)c;
      } else if (c == 0x1b) {
        s->st = PTY_S_ESC;
      } else if (c == 0x18 || c == 0x1a) {
        s->st = PTY_S_TEXT; /* CAN, SUB abort */
      } else if (c < 0x20) {
        pty__control(s, c); /* C0 inside CSI is executed */
      }
      /* intermediates 0x20-0x2f and DEL: ignored */
      break;
    case PTY_S_STR:
      if (c == 0x07 || c == 0x18 || c == 0x1a)
        s->st = PTY_S_TEXT;
      else if (c == 0x1b)
        s->st = PTY_S_STR_ESC;
      break;
    case PTY_S_STR_ESC:
      if (c == '\\') {
        s->st = PTY_S_TEXT;
      } else { /* not ST: the string ended, a new escape begins */
        pty__esc(s, c);
      }
      break;
    default:
      s->st = PTY_S_TEXT;
      break;
    }
  }
}

/* Render text + current row into s->view; return the mark's byte offset. */
static inline size_t pty__render(pty_session *s) {
  size_t lb = pty__cell_bytes(s, s->llen);
  s->view = pty__grow(s->view, &s->vcap, s->tlen + lb + 1, 1);
  if (s->tlen)
    memcpy(s->view, s->text, s->tlen);
  size_t o = s->tlen;
  for (size_t i = 0; i < s->llen; i++) {
    memcpy(s->view + o, s->line[i].b, s->line[i].n);
    o += s->line[i].n;
  }
  s->view[o] = '\0';
  s->vlen = o;
  return s->mark_in_line ? s->tlen + pty__cell_bytes(s, s->mark) : s->mark;
}

/* Set the mark at byte offset off of the rendered view. */
static inline void pty__set_mark(pty_session *s, size_t off) {
  if (off <= s->tlen) {
    s->mark = off;
    s->mark_in_line = 0;
    return;
  }
  size_t want = off - s->tlen, b = 0, i = 0;
  while (i < s->llen && b < want)
    b += s->line[i++].n;
  s->mark = i;
  s->mark_in_line = 1;
}

/* ---- I/O ---- */

/* Read everything available now into the model; 0 if nothing came. */
static inline int pty__drain(pty_session *s) {
  char buf[4096];
  int got = 0;
  while (!s->eof) {
    ssize_t r = read(s->fd, buf, sizeof buf);
    if (r > 0) {
      if (s->log)
        fwrite(buf, 1, (size_t)r, s->log);
      pty__feed(s, buf, (size_t)r);
      got = 1;
    } else if (r < 0 && errno == EINTR) {
      continue;
    } else if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      break;
    } else {
      s->eof = 1; /* Linux: EIO once no process holds the slave open */
    }
  }
  return got;
}

/* Wait up to ms for output, then read what there is. */
static inline void pty__pump(pty_session *s, int ms) {
  if (s->eof) {
    return;
  }
  struct pollfd p = {.fd = s->fd, .events = POLLIN};
  int r = poll(&p, 1, ms);
  if (r > 0)
    pty__drain(s);
}

static inline int pty__status(int st) {
  if (WIFEXITED(st))
    return WEXITSTATUS(st);
  if (WIFSIGNALED(st))
    return 128 + WTERMSIG(st);
  return -1;
}

/* ---- the API ---- */

/* Start argv[0] (a path: no PATH search) on a new pseudo-terminal of the
 * given size, with exactly the environment env (NULL: an empty one). The
 * child is a session leader whose controlling terminal is the pty; signal
 * dispositions and mask are reset to defaults. NULL with errno set if the
 * pty cannot be made or the exec fails. */
PTY_FN pty_session *pty_spawn(const char *const argv[], const char *const env[],
                              int cols, int rows) {
  static const char *const empty_env[] = {NULL};
  if (!argv || !argv[0]) {
    errno = EINVAL;
    return NULL;
  }
  if (!env)
    env = empty_env;
  struct winsize ws;
  memset(&ws, 0, sizeof ws);
  ws.ws_col = (unsigned short)(cols > 0 ? cols : 80);
  ws.ws_row = (unsigned short)(rows > 0 ? rows : 24);

  /* exec-failure report: a close-on-exec pipe stays silent on success */
  int ep[2];
  if (pipe(ep) != 0)
    return NULL;
  fcntl(ep[0], F_SETFD, FD_CLOEXEC);
  fcntl(ep[1], F_SETFD, FD_CLOEXEC);
  long maxfd = sysconf(_SC_OPEN_MAX);
  if (maxfd < 0 || maxfd > 65536)
    maxfd = 65536;

  int fd = -1;
  pid_t pid = forkpty(&fd, NULL, NULL, &ws);
  if (pid < 0) {
    int e = errno;
    close(ep[0]);
    close(ep[1]);
    errno = e;
    return NULL;
  }
  if (pid == 0) { /* child: async-signal-safe calls only */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    for (int sig = 1; sig < 65; sig++)
      sigaction(sig, &sa, NULL); /* fails harmlessly for KILL, STOP, ... */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int i = 3; i < (int)maxfd; i++)
      if (i != ep[1])
        close(i); /* Criterion's pipes must not outlive the test */
    /* execve's prototype predates const; it does not write either list */
    union { const char *const *c; char *const *m; } av = {argv}, ev = {env};
    execve(argv[0], av.m, ev.m);
    int e = errno;
    ssize_t w = write(ep[1], &e, sizeof e);
    (void)w;
    _exit(127);
  }
  close(ep[1]);
  int e = 0;
  ssize_t r;
  do
    r = read(ep[0], &e, sizeof e);
  while (r < 0 && errno == EINTR);
  close(ep[0]);
  if (r == (ssize_t)sizeof e) { /* exec failed */
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    close(fd);
    errno = e;
    return NULL;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  pty_session *s = calloc(1, sizeof *s);
  if (!s)
    abort();
  s->pid = pid;
  s->fd = fd;
  const char *log = getenv("PTY_DRIVER_LOG");
  if (log && *log)
    s->log = fopen(log, "a");
  return s;
}

/* Type bytes at the terminal ("\r" Enter, "\t" Tab, "\x03" Ctrl-C, "\x04"
 * Ctrl-D, "\x12" Ctrl-R, "\x1b[A" Up). Output arriving meanwhile is read,
 * so a chatty child cannot block the write. 0, or -1 on error / 10 s. */
PTY_FN int pty_send(pty_session *s, const char *bytes) {
  size_t n = strlen(bytes), done = 0;
  double deadline = pty__now() + 10.0;
  while (done < n) {
    ssize_t w = write(s->fd, bytes + done, n - done);
    if (w > 0) {
      done += (size_t)w;
      continue;
    }
    if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
      return -1;
    int ms = pty__ms_left(deadline);
    if (ms == 0)
      return -1;
    struct pollfd p = {.fd = s->fd, .events = POLLOUT | POLLIN};
    if (poll(&p, 1, ms) > 0 && (p.revents & POLLIN))
      pty__drain(s);
  }
  return 0;
}

/* Wait until the cleaned output since the last successful expect contains
 * text; then consume up to the end of the match. 0, or -1 on timeout or
 * when the child is gone and the text never came. */
PTY_FN int pty_expect(pty_session *s, const char *text, double timeout_s) {
  double deadline = pty__now() + timeout_s;
  pty__drain(s);
  for (;;) {
    size_t from = pty__render(s);
    if (from > s->vlen)
      from = s->vlen;
    const char *hit = strstr(s->view + from, text);
    if (hit) {
      pty__set_mark(s, (size_t)(hit - s->view) + strlen(text));
      return 0;
    }
    int ms = pty__ms_left(deadline);
    if (s->eof || ms == 0)
      return -1;
    pty__pump(s, ms);
  }
}

/* Wait for the child to exit, reading its output meanwhile. Its exit code
 * (128+N if killed by signal N), or -1 on timeout after SIGKILLing it. */
PTY_FN int pty_wait(pty_session *s, double timeout_s) {
  double deadline = pty__now() + timeout_s;
  while (!s->reaped) {
    int st;
    pid_t r = waitpid(s->pid, &st, WNOHANG);
    if (r == s->pid) {
      s->reaped = 1;
      s->status = pty__status(st);
      break;
    }
    if (r < 0 && errno != EINTR) {
      s->reaped = 1; /* not our child any more: nothing to wait for */
      s->status = -1;
      break;
    }
    int ms = pty__ms_left(deadline);
    if (ms == 0) {
      kill(-s->pid, SIGKILL);
      kill(s->pid, SIGKILL);
      while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR) {
      }
      s->reaped = 1;
      s->status = -1;
      pty__drain(s);
      return -1;
    }
    if (ms > 20)
      ms = 20;
    if (s->eof) {
      struct timespec t = {0, (long)ms * 1000000L};
      nanosleep(&t, NULL);
    } else {
      pty__pump(s, ms);
    }
  }
  pty__drain(s);
  return s->status;
}

/* All cleaned output so far (valid until the next call on s). */
PTY_FN const char *pty_transcript(pty_session *s) {
  pty__drain(s);
  pty__render(s);
  return s->view;
}

/* The last n bytes of the cleaned output, for failure messages. */
PTY_FN const char *pty_tail(pty_session *s, size_t n) {
  const char *t = pty_transcript(s);
  const char *p = s->vlen > n ? t + (s->vlen - n) : t;
  while ((*p & 0xC0) == 0x80)
    p++; /* not in the middle of a UTF-8 character */
  return p;
}

/* Hang up, kill the child's process group if it is still running, reap,
 * free. NULL is fine. */
PTY_FN void pty_close(pty_session *s) {
  if (!s)
    return;
  close(s->fd); /* hangup: SIGHUP to the foreground job */
  if (!s->reaped) {
    int st;
    kill(-s->pid, SIGKILL);
    kill(s->pid, SIGKILL);
    while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR) {
    }
  }
  if (s->log)
    fclose(s->log);
  free(s->text);
  free(s->line);
  free(s->view);
  free(s);
}

#endif
