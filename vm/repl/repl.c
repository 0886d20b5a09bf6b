/* repl.c: read-eval-print on stdin, as lua.c's loop: an expression prints
** its values, an unfinished chunk continues on the next line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repl.h"

#define PROMPT "> "
#define PROMPT2 ">> "

/* Session state, one per loop. */
typedef struct repl_state {
  char *chunk;       /* the lines of the unfinished chunk so far */
  size_t len;        /* its length */
  char *line;        /* getline's buffer */
  size_t cap;        /* its capacity */
} repl_state;

/* Append `line` (and a newline if chunk is not empty) to the chunk. */
static int append(repl_state *s, const char *line, size_t n) {
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

int repl_run(pw_engine *e, int banner) {
  repl_state s = {NULL, 0, NULL, 0};
  if (banner)
    printf("pathway %s (%s)  Ctrl-D to leave\n", pw_version(), pw_lua_release());
  for (;;) {
    fputs(s.len ? PROMPT2 : PROMPT, stdout);
    fflush(stdout);
    ssize_t n = getline(&s.line, &s.cap, stdin);
    if (n < 0)
      break;
    if (n > 0 && s.line[n - 1] == '\n')
      s.line[--n] = '\0';
    if (append(&s, s.line, (size_t)n) != 0) {
      fputs("pathway: out of memory\n", stderr);
      break;
    }
    pw_status st = pw_eval(e, s.chunk);
    fflush(stdout);
    if (st == PW_EINCOMPLETE)
      continue;
    if (st != PW_OK)
      fprintf(stderr, "pathway: %s\n", pw_errmsg(e));
    s.len = 0;
  }
  fputs("\n", stdout);
  free(s.chunk);
  free(s.line);
  return 0;
}
