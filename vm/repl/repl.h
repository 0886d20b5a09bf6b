/* repl.h: the interactive loop (a plain line reader for now). */
#ifndef PW_REPL_H
#define PW_REPL_H

#include "pathway.h"

/* Read, evaluate and print lines from stdin until end of file. Returns the
** process exit status (0). `banner`: print the version line first. */
int repl_run(pw_engine *e, int banner);

#endif
