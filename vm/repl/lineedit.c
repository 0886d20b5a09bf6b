/* lineedit.c: the REPL's line editor on libedit's native interface
** (histedit.h). Characters are read by our own function so that Ctrl-C,
** which interrupts read(2) with EINTR, can drop the line being edited. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include <histedit.h>

#include "lineedit.h"

#if !defined(PW_HISTORY_SIZE)
#define PW_HISTORY_SIZE 1000   /* entries kept in the history file */
#endif

#if !defined(PW_POLL_MS)
#define PW_POLL_MS 100   /* longest wait for a key before looking for Ctrl-C */
#endif

#if !defined(PW_COMPLETIONS_SHOWN)
#define PW_COMPLETIONS_SHOWN 120   /* candidates listed before "… N more" */
#endif

struct lineedit {
  EditLine *el;                     /* the editor */
  History *hist;                    /* its history */
  char *history_path;               /* where the history is kept, or NULL */
  pw_engine *e;                     /* completes words */
  volatile sig_atomic_t *sigint;    /* set by the host's SIGINT handler */
  const char *prompt;               /* shown by prompt_of */
  char *line;                       /* the last line read, without its newline */
  size_t cap;                       /* bytes allocated for line */
};

static char *prompt_of(EditLine *el) {
  lineedit *le;
  el_get(el, EL_CLIENTDATA, &le);
  return (char *)(uintptr_t)le->prompt;
}

/* libedit's character reader, with one change: after a SIGINT it returns
** -1 (el_gets then gives up the line) instead of reading on. The flag is
** looked at between polls of at most PW_POLL_MS, not only when read(2)
** fails with EINTR: a signal that lands while libedit redraws, just before
** read(2) would block, must not be lost. UTF-8 is decoded one byte at a
** time; a byte that is not UTF-8 passes through as itself. */
static int read_char(EditLine *el, wchar_t *wc) {
  lineedit *le;
  el_get(el, EL_CLIENTDATA, &le);
  mbstate_t state;
  memset(&state, 0, sizeof state);
  for (;;) {
    struct pollfd in = {STDIN_FILENO, POLLIN, 0};
    if (*le->sigint)
      return -1;
    int ready = poll(&in, 1, PW_POLL_MS);
    if (ready == 0 || (ready < 0 && errno == EINTR))
      continue;
    char c;
    ssize_t r = read(STDIN_FILENO, &c, 1);
    if (r < 0 && errno == EINTR) {
      if (*le->sigint)
        return -1;
      continue;   /* SIGWINCH and the like */
    }
    if (r <= 0)
      return (int)r;
    size_t k = mbrtowc(wc, &c, 1, &state);
    if (k == (size_t)-2)
      continue;
    if (k == (size_t)-1)
      *wc = (wchar_t)(unsigned char)c;
    return 1;
  }
}

static int terminal_width(void) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return 80;
}

/* List candidates in columns below the line, as shells do. */
static void list_candidates(size_t n, const char *const *items) {
  size_t widest = 0, shown = n < PW_COMPLETIONS_SHOWN ? n : PW_COMPLETIONS_SHOWN;
  for (size_t i = 0; i < shown; i++)
    if (strlen(items[i]) > widest)
      widest = strlen(items[i]);
  size_t cols = (size_t)terminal_width() / (widest + 2);
  if (cols == 0)
    cols = 1;
  size_t rows = (shown + cols - 1) / cols;
  fputc('\n', stdout);
  for (size_t r = 0; r < rows; r++) {
    for (size_t c = 0; c < cols && c * rows + r < shown; c++)
      printf("%-*s", (int)(widest + 2), items[c * rows + r]);
    fputc('\n', stdout);
  }
  if (shown < n)
    printf("\xe2\x80\xa6 %zu more\n", n - shown);
  fflush(stdout);
}

/* Tab: insert what all candidates share; when that adds nothing, list them. */
static unsigned char complete(EditLine *el, int ch) {
  (void)ch;
  lineedit *le;
  el_get(el, EL_CLIENTDATA, &le);
  const LineInfo *li = el_line(el);
  size_t len = (size_t)(li->lastchar - li->buffer);
  size_t cursor = (size_t)(li->cursor - li->buffer);
  char *line = malloc(len + 1);
  if (line == NULL)
    return CC_ERROR;
  memcpy(line, li->buffer, len);
  line[len] = '\0';
  size_t start, n;
  const char *const *items;
  pw_status s = pw_complete(le->e, line, cursor, &start, &n, &items);
  free(line);
  if (s != PW_OK || n == 0)
    return CC_REFRESH_BEEP;
  size_t typed = cursor - start, common = strlen(items[0]);
  for (size_t i = 1; i < n; i++) {
    size_t k = 0;
    while (k < common && items[i][k] == items[0][k])
      k++;
    common = k;
  }
  if (common > typed) {
    char *more = strndup(items[0] + typed, common - typed);
    int bad = more == NULL || el_insertstr(el, more) != 0;
    free(more);
    return bad ? CC_ERROR : CC_REFRESH;
  }
  if (n == 1)
    return CC_REFRESH;
  list_candidates(n, items);
  return CC_REDISPLAY;
}

lineedit *lineedit_open(pw_engine *e, const char *history_file,
                        volatile sig_atomic_t *sigint) {
  lineedit *le = calloc(1, sizeof *le);
  if (le == NULL)
    return NULL;
  le->e = e;
  le->sigint = sigint;
  le->prompt = "";
  le->el = el_init("pathway", stdin, stdout, stderr);
  le->hist = history_init();
  if (le->el == NULL || le->hist == NULL || (history_file && !(le->history_path = strdup(history_file)))) {
    lineedit_close(le);
    return NULL;
  }
  HistEvent ev;
  history(le->hist, &ev, H_SETSIZE, PW_HISTORY_SIZE);
  history(le->hist, &ev, H_SETUNIQUE, 1);
  if (le->history_path)
    history(le->hist, &ev, H_LOAD, le->history_path);   /* absent at first: fine */
  el_set(le->el, EL_CLIENTDATA, le);
  el_set(le->el, EL_EDITOR, "emacs");
  el_set(le->el, EL_HIST, history, le->hist);
  el_set(le->el, EL_PROMPT, prompt_of);
  el_set(le->el, EL_GETCFN, read_char);
  /* el_wset: el_set would copy the names, and el_end never frees the copies */
  el_wset(le->el, EL_ADDFN, L"pw-complete", L"complete the word before the cursor", complete);
  el_set(le->el, EL_BIND, "^I", "pw-complete", NULL);
  el_set(le->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
  el_source(le->el, NULL);   /* the user's ~/.editrc, if any */
  return le;
}

lineedit_status lineedit_read(lineedit *le, const char *prompt, const char **line) {
  le->prompt = prompt;
  /* Raw mode before the prompt: el_gets sets it only when no input is
     waiting, so keys typed ahead were echoed twice and a Ctrl-D typed
     right after the prompt was taken by the terminal's cooked mode. */
  el_set(le->el, EL_PREP_TERM, 1);
  int count = 0;
  const char *got = el_gets(le->el, &count);
  if (got == NULL || count <= 0) {
    if (*le->sigint)
      return LINEEDIT_CANCEL;
    return LINEEDIT_EOF;
  }
  size_t n = (size_t)count;
  if (got[n - 1] == '\n')
    n--;
  if (n + 1 > le->cap) {
    char *grown = realloc(le->line, n + 1);
    if (grown == NULL)
      return LINEEDIT_EOF;
    le->line = grown;
    le->cap = n + 1;
  }
  memcpy(le->line, got, n);
  le->line[n] = '\0';
  *line = le->line;
  return LINEEDIT_LINE;
}

int lineedit_remember(lineedit *le, const char *input) {
  HistEvent ev;
  if (input[strspn(input, " \t\n")] == '\0')
    return 0;
  history(le->hist, &ev, H_ENTER, input);
  if (le->history_path == NULL)
    return 0;
  return history(le->hist, &ev, H_SAVE, le->history_path) < 0 ? -1 : 0;
}

void lineedit_close(lineedit *le) {
  if (le == NULL)
    return;
  if (le->el)
    el_end(le->el);
  if (le->hist)
    history_end(le->hist);
  free(le->history_path);
  free(le->line);
  free(le);
}
