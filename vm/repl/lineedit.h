/* lineedit.h: line editing for the REPL with libedit: Emacs keys, history
** kept in a file, reverse search, tab completion through pw_complete. */
#ifndef PW_REPL_LINEEDIT_H
#define PW_REPL_LINEEDIT_H

#include <signal.h>

#include "pathway.h"

typedef struct lineedit lineedit;

/* What lineedit_read got. */
typedef enum lineedit_status {
  LINEEDIT_LINE = 0,    /* a line (without its newline) */
  LINEEDIT_EOF,         /* Ctrl-D on an empty line, or the terminal closed */
  LINEEDIT_CANCEL       /* Ctrl-C: the line was dropped */
} lineedit_status;

/* Start editing on the terminal of stdin/stdout. `history` is the history
** file (NULL: none); `e` completes words; `*sigint` is set by the caller's
** SIGINT handler, which must be installed without SA_RESTART. Returns NULL
** when libedit cannot start. */
lineedit *lineedit_open(pw_engine *e, const char *history,
                        volatile sig_atomic_t *sigint);

/* Read one line after `prompt`. *line stays valid until the next call. */
lineedit_status lineedit_read(lineedit *le, const char *prompt, const char **line);

/* Add an input (a chunk, perhaps several lines) to the history and save the
** history file. Returns 0, or -1 when the file could not be written (once
** per session the caller may say so). */
int lineedit_remember(lineedit *le, const char *input);

/* Stop editing: restore the terminal, free everything. */
void lineedit_close(lineedit *le);

#endif
