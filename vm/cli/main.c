/* main.c: the pathway command, a thin client of pathway.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "pathway.h"
#include "repl.h"

/* Exit statuses of DESIGN.md §4.1. */
enum {
  EXIT_OK = 0,        /* success */
  EXIT_NOT_MET = 1,   /* a review criterion not met, or a test failed */
  EXIT_USAGE = 2,     /* usage, script or input error */
  EXIT_INTERNAL = 70  /* internal error (EX_SOFTWARE) */
};

static const char usage[] =
  "usage: pathway [options] [FILE.lua [ARGS...]]\n"
  "       pathway [options] -e CODE [-e CODE...] [ARGS...]\n"
  "       pathway [options] -i [FILE.lua [ARGS...]]\n"
  "       pathway review FILE.lua [--format text|md|json|html] [-o OUT]\n"
  "                      [--require-lock]\n"
  "       pathway lock FILE.lua\n"
  "       pathway test [PATH...]\n"
  "       pathway help [TOPIC]\n"
  "\n"
  "With no FILE, pathway starts the REPL when stdin is a terminal and runs\n"
  "stdin as a script otherwise. FILE \"-\" is stdin. ARGS are in `arg`;\n"
  "with -e there is no FILE: the words after the options are ARGS.\n"
  "\n"
  "options:\n"
  "  -e CODE             run CODE (may be repeated)\n"
  "  -i                  enter the REPL after running\n"
  "  --unsafe            lift the sandbox: full Lua standard library\n"
  "  --max-memory SIZE   limit the script's memory (default 4G; e.g. 512M)\n"
  "  --timeout SECONDS   limit the wall time of each run (default none)\n"
  "  --seed N            seed of math.random (default 1)\n"
  "  --version           print the version and exit\n"
  "  --help              print this and exit\n"
  "\n"
  "review writes the report to stdout or, atomically, to OUT; --require-lock\n"
  "makes a script that changed after `pathway lock` an error. The report's\n"
  "time is SOURCE_DATE_EPOCH when set.\n"
  "\n"
  "exit status: 0 success, 1 a criterion not met or a test failed,\n"
  "2 usage, script or input error, 70 internal error.\n";

static int exit_status(pw_status s) {
  switch (s) {
  case PW_OK:       return EXIT_OK;
  case PW_ETESTS:   return EXIT_NOT_MET;
  case PW_EINTERNAL: return EXIT_INTERNAL;
  default:          return EXIT_USAGE;
  }
}

/* Print the engine's message for a failed call; return the exit status. */
static int report(pw_engine *e, pw_status s) {
  if (s != PW_OK && s != PW_ETESTS)
    fprintf(stderr, "pathway: %s\n", pw_errmsg(e));
  return exit_status(s);
}

/* Append `word` to buf, in single quotes when the shell would need them. */
static void append_word(char *buf, size_t size, const char *word) {
  size_t n = strlen(buf);
  int plain = *word != '\0' && word[strspn(word, "abcdefghijklmnopqrstuvwxyz"
                                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                 "0123456789-_./=:,+@%")] == '\0';
  n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s", n ? " " : "");
  if (plain) {
    snprintf(buf + n, n < size ? size - n : 0, "%s", word);
    return;
  }
  n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "'");
  for (const char *c = word; *c && n + 5 < size; c++)
    n += (size_t)snprintf(buf + n, size - n, *c == '\'' ? "'\\''" : "%c", *c);
  snprintf(buf + n, n < size ? size - n : 0, "'");
}

/* The command line of the provenance: "pathway" and the arguments as
** typed (not argv[0], which names where the binary happens to be). */
static void command_line(char *buf, size_t size, int argc, char **argv) {
  buf[0] = '\0';
  append_word(buf, size, "pathway");
  for (int i = 1; i < argc; i++)
    append_word(buf, size, argv[i]);
}

/* SOURCE_DATE_EPOCH (reproducible builds) fixes the report's time. */
static int64_t report_time(void) {
  const char *s = getenv("SOURCE_DATE_EPOCH");
  char *end;
  if (s == NULL || *s == '\0')
    return -1;
  long long t = strtoll(s, &end, 10);
  return *end == '\0' && t >= 0 ? (int64_t)t : -1;
}

/* Load the one script of `review`/`lock`; 0 or the exit status. */
static int load_review_script(pw_engine *e, const cli_options *opt, const char *what) {
  if (opt->npositional != 1) {
    fprintf(stderr, "pathway: %s needs one script: pathway %s FILE.lua\n", what, what);
    return EXIT_USAGE;
  }
  const char *script = opt->positional[0];
  pw_status s = pw_set_args(e, 1, &script, 0);
  if (s == PW_OK)
    s = pw_load_file(e, script);
  return s == PW_OK ? 0 : report(e, s);
}

static int review_command(pw_engine *e, const cli_options *opt, int argc, char **argv) {
  char command[4096];
  command_line(command, sizeof command, argc, argv);
  int status = load_review_script(e, opt, "review");
  if (status != 0)
    return status;
  pw_review_result *r = NULL;
  pw_status s = pw_set_provenance(e, command, report_time());
  if (s == PW_OK)
    s = pw_review(e, &r);
  if (s != PW_OK)
    return report(e, s);
  pw_review_info info;
  pw_review_info_get(r, &info);
  if (opt->require_lock && info.prespecified != PW_PRESPEC_YES) {
    fprintf(stderr, "pathway: %s: %s (--require-lock)\n", opt->positional[0], info.prespec_line);
    pw_review_free(&r);
    return EXIT_USAGE;
  }
  pw_format format = strcmp(opt->format, "md") == 0     ? PW_FORMAT_MD
                   : strcmp(opt->format, "json") == 0   ? PW_FORMAT_JSON
                   : strcmp(opt->format, "html") == 0   ? PW_FORMAT_HTML
                   : opt->output == NULL && isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL
                       ? PW_FORMAT_TEXT_COLOR : PW_FORMAT_TEXT;
  if (opt->output) {
    s = pw_review_write(e, r, format, opt->output);
  } else {
    const char *text;
    size_t len;
    pw_review_report(r, format, &text, &len);
    fflush(stdout);  /* after what the script printed */
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
      perror("pathway: writing the report");
      pw_review_free(&r);
      return EXIT_USAGE;
    }
  }
  pw_review_free(&r);
  if (s != PW_OK)
    return report(e, s);
  return info.passed ? EXIT_OK : EXIT_NOT_MET;
}

static int lock_command(pw_engine *e, const cli_options *opt) {
  int status = load_review_script(e, opt, "lock");
  if (status != 0)
    return status;
  const char *path;
  size_t n;
  pw_status s = pw_set_provenance(e, NULL, report_time());
  if (s == PW_OK)
    s = pw_lock(e, &path, &n);
  if (s != PW_OK)
    return report(e, s);
  printf("pathway: locked %zu criteri%s of %s in %s\n", n, n == 1 ? "on" : "a",
         opt->positional[0], path);
  return EXIT_OK;
}

static int run_command(pw_engine *e, const cli_options *opt, int argc, char **argv) {
  switch (opt->command) {
  case CMD_TEST: {
    static const char *const here[] = {"."};
    int n = opt->npositional;
    const char *const *paths = n ? opt->positional : here;
    return report(e, pw_run_tests(e, n ? n : 1, paths, NULL));
  }
  case CMD_HELP:
    if (opt->npositional > 1) {
      fputs("pathway: help takes one topic (see pathway help)\n", stderr);
      return EXIT_USAGE;
    }
    return report(e, pw_help(e, opt->npositional ? opt->positional[0] : NULL));
  case CMD_REVIEW:
    return review_command(e, opt, argc, argv);
  default:
    return lock_command(e, opt);
  }
}

/* -e chunks, then the script, then maybe the REPL. */
static int run_scripts(pw_engine *e, const cli_options *opt, int argc, char **argv) {
  pw_status s;
  if (opt->chunk_args) {
    /* arg[0] is "-e" and arg[1..] the words after the options */
    int n = argc - opt->chunk_args + 1;
    const char **args = malloc((size_t)n * sizeof *args);
    if (args == NULL) {
      fputs("pathway: out of memory\n", stderr);
      return EXIT_INTERNAL;
    }
    args[0] = "-e";
    for (int i = 1; i < n; i++)
      args[i] = argv[opt->chunk_args + i - 1];
    s = pw_set_args(e, n, args, 0);
    free(args);
  } else {
    s = pw_set_args(e, argc, (const char *const *)argv, opt->script);
  }
  if (s != PW_OK)
    return report(e, s);
  for (int i = 0; i < opt->nchunks; i++) {
    s = pw_load_string(e, opt->chunks[i], "=(command line)");
    if (s != PW_OK)
      return report(e, s);
  }
  if (opt->script) {
    s = pw_load_file(e, argv[opt->script]);
    if (s != PW_OK)
      return report(e, s);
  }
  int tty = isatty(STDIN_FILENO);
  if (opt->interactive)
    return repl_run(e, tty);
  if (opt->script || opt->nchunks)
    return EXIT_OK;
  if (tty)
    return repl_run(e, 1);
  return report(e, pw_load_file(e, "-"));
}

int main(int argc, char **argv) {
  cli_options opt;
  char err[512];
  if (cli_parse(argc, argv, &opt, err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return EXIT_USAGE;
  }
  if (opt.version) {
    printf("pathway %s (%s)\n", pw_version(), pw_lua_release());
    return EXIT_OK;
  }
  if (opt.help) {
    fputs(usage, stdout);
    return EXIT_OK;
  }
  pw_engine *e = NULL;
  pw_status s = pw_open(&opt.config, &e);
  if (s != PW_OK) {
    fprintf(stderr, "pathway: cannot start the engine (%s)\n",
            s == PW_EMEMORY ? "memory limit too small" : "out of memory");
    return s == PW_EMEMORY ? EXIT_USAGE : EXIT_INTERNAL;
  }
  int status = opt.command == CMD_RUN ? run_scripts(e, &opt, argc, argv)
                                      : run_command(e, &opt, argc, argv);
  pw_close(&e);
  fflush(stdout);
  return status;
}
