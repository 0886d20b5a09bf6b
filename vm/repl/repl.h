/* repl.h: the interactive loop (docs/repl.md). */
#ifndef PW_REPL_H
#define PW_REPL_H

#include "pathway.h"

/* Read inputs and pass them to pw_eval until end of input, Ctrl-D or
** .quit. `terminal`: stdin is a terminal, so edit lines with libedit, show
** prompts and a banner, keep history, and let Ctrl-C cancel a line or
** interrupt a computation; otherwise read plain lines without prompts, as
** sqlite3 does. Returns the process exit status (0). */
int repl_run(pw_engine *e, int terminal);

#endif
