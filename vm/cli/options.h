/* options.h: the command line of DESIGN.md §4.1, parsed. */
#ifndef PW_CLI_OPTIONS_H
#define PW_CLI_OPTIONS_H

#include "pathway.h"

#define PW_MAX_CHUNKS 64   /* -e may be given this many times */

typedef enum cli_command {
  CMD_RUN = 0,   /* run -e chunks and/or a script, maybe then the REPL */
  CMD_TEST,      /* pathway test [PATH...] */
  CMD_HELP,      /* pathway help [TOPIC] */
  CMD_REVIEW,    /* pathway review FILE.lua ... */
  CMD_LOCK       /* pathway lock FILE.lua */
} cli_command;

typedef struct cli_options {
  cli_command command;              /* what to do */
  pw_config config;                 /* engine settings from the common options */
  const char *chunks[PW_MAX_CHUNKS];/* the -e CODE arguments, in order */
  int nchunks;                      /* how many */
  int interactive;                  /* -i: enter the REPL after running */
  int script;                       /* argv index of FILE.lua, or 0 */
  int chunk_args;                   /* with -e: argv index of arg[1], or 0 */
  const char *positional[PW_MAX_CHUNKS]; /* a command's arguments */
  int npositional;                  /* how many */
  const char *format;               /* review --format: text md json html */
  const char *output;               /* review -o OUT, or NULL for stdout */
  int require_lock;                 /* review --require-lock */
  int version;                      /* --version */
  int help;                         /* --help */
} cli_options;

/* Parse argv. Returns 0, or 2 after writing "pathway: ..." into `err`. */
int cli_parse(int argc, char **argv, cli_options *opt, char *err, size_t errlen);

/* Parsers of option values; return 0 on success. Exposed for tests. */
int cli_parse_size(const char *s, size_t *bytes);
int cli_parse_seconds(const char *s, double *seconds);
int cli_parse_seed(const char *s, int64_t *seed);

#endif
