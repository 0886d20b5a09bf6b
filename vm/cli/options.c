/* options.c: parse pathway's command line (DESIGN.md §4.1). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

/* "512M", "4G", "1.5G", "1048576": bytes, binary units, optional "iB"/"B". */
int cli_parse_size(const char *s, size_t *bytes) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (end == s || errno || !(v >= 0) || *s == '-' || *s == '+')
    return -1;
  double unit = 1;
  switch (*end) {
  case 'k': case 'K': unit = 1024.0; end++; break;
  case 'm': case 'M': unit = 1024.0 * 1024; end++; break;
  case 'g': case 'G': unit = 1024.0 * 1024 * 1024; end++; break;
  case 't': case 'T': unit = 1024.0 * 1024 * 1024 * 1024; end++; break;
  default: break;
  }
  if (unit > 1 && *end == 'i')
    end++;
  if (*end == 'B')
    end++;
  if (*end != '\0')
    return -1;
  v *= unit;
  if (v >= 18446744073709551615.0)
    return -1;
  *bytes = (size_t)v;
  return 0;
}

/* A positive, finite number of seconds. */
int cli_parse_seconds(const char *s, double *seconds) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (end == s || *end != '\0' || errno || !(v > 0) || isinf(v))
    return -1;
  *seconds = v;
  return 0;
}

int cli_parse_seed(const char *s, int64_t *seed) {
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (end == s || *end != '\0' || errno)
    return -1;
  *seed = (int64_t)v;
  return 0;
}

/* The value of an option given as "--opt VALUE" or "--opt=VALUE"; NULL if
** argv[*i] is not `name`. Advances *i past a separate value. */
static const char *option_value(int argc, char **argv, int *i, const char *name,
                                int *missing) {
  size_t n = strlen(name);
  const char *a = argv[*i];
  if (strncmp(a, name, n) != 0)
    return NULL;
  if (a[n] == '=')
    return a + n + 1;
  if (a[n] != '\0')
    return NULL;
  if (*i + 1 >= argc) {
    *missing = 1;
    return NULL;
  }
  return argv[++*i];
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return 2; } while (0)

/* Try the options every command accepts at argv[*i]; 1 if it was one, 0 if
** not, 2 on a bad value (message in err). */
static int common_option(int argc, char **argv, int *i, cli_options *opt,
                         char *err, size_t errlen) {
  int missing = 0;
  const char *v;
  if (strcmp(argv[*i], "--unsafe") == 0) {
    opt->config.unsafe = 1;
    return 1;
  }
  if ((v = option_value(argc, argv, i, "--max-memory", &missing))) {
    size_t bytes;
    if (cli_parse_size(v, &bytes) != 0)
      FAIL("pathway: --max-memory: invalid size '%s' (expected e.g. 512M or 4G)", v);
    if (bytes < (size_t)1 << 20)
      FAIL("pathway: --max-memory: %s is below the minimum of 1M", v);
    opt->config.max_memory = bytes;
    return 1;
  }
  if ((v = option_value(argc, argv, i, "--timeout", &missing))) {
    if (cli_parse_seconds(v, &opt->config.timeout) != 0)
      FAIL("pathway: --timeout: invalid number of seconds '%s' (expected a positive number)", v);
    return 1;
  }
  if ((v = option_value(argc, argv, i, "--seed", &missing))) {
    if (cli_parse_seed(v, &opt->config.seed) != 0)
      FAIL("pathway: --seed: invalid seed '%s' (expected an integer)", v);
    return 1;
  }
  if (missing)
    FAIL("pathway: %s needs a value", argv[*i]);
  return 0;
}

static const struct { const char *name; cli_command command; } commands[] = {
  {"test", CMD_TEST}, {"help", CMD_HELP}, {"review", CMD_REVIEW},
  {"lock", CMD_LOCK}, {NULL, CMD_RUN}
};

/* The options of `pathway review`; 1 if argv[*i] was one, 0 if not, 2 on
** a bad value. */
static int review_option(int argc, char **argv, int *i, cli_options *opt,
                         char *err, size_t errlen) {
  static const char *const formats[] = {"text", "md", "json", "html", NULL};
  int missing = 0;
  const char *v;
  if (strcmp(argv[*i], "--require-lock") == 0) {
    opt->require_lock = 1;
    return 1;
  }
  if ((v = option_value(argc, argv, i, "--format", &missing))) {
    for (int f = 0; formats[f]; f++)
      if (strcmp(v, formats[f]) == 0) {
        opt->format = formats[f];
        return 1;
      }
    FAIL("pathway: --format: unknown format '%s' (text, md, json, html)", v);
  }
  if ((v = option_value(argc, argv, i, "-o", &missing)) ||
      (!missing && (v = option_value(argc, argv, i, "--output", &missing)))) {
    opt->output = v;
    return 1;
  }
  if (missing)
    FAIL("pathway: %s needs a value", argv[*i]);
  return 0;
}

/* `pathway COMMAND ...`: common options anywhere, the rest positional. */
static int parse_command(int argc, char **argv, cli_options *opt, char *err,
                         size_t errlen) {
  for (int i = 2; i < argc; i++) {
    int r = common_option(argc, argv, &i, opt, err, errlen);
    if (r == 2)
      return 2;
    if (r == 1)
      continue;
    if (opt->command == CMD_REVIEW) {
      r = review_option(argc, argv, &i, opt, err, errlen);
      if (r == 2)
        return 2;
      if (r == 1)
        continue;
    }
    if (argv[i][0] == '-' && argv[i][1] != '\0' && strcmp(argv[i], "--") != 0 &&
        !(opt->command == CMD_TEST && argv[i][1] != '-'))
      FAIL("pathway: unknown option '%s' (see pathway --help)", argv[i]);
    if (opt->npositional == PW_MAX_CHUNKS)
      FAIL("pathway: too many arguments (at most %d)", PW_MAX_CHUNKS);
    opt->positional[opt->npositional++] = argv[i];
  }
  return 0;
}

/* The first word that is not an option: with -e chunks, the first of
** their arguments (as perl -e and python -c have it); otherwise the script
** FILE.lua, followed by its arguments. */
static void positional_start(cli_options *opt, int i) {
  if (opt->nchunks > 0)
    opt->chunk_args = i;
  else
    opt->script = i;
}

int cli_parse(int argc, char **argv, cli_options *opt, char *err, size_t errlen) {
  memset(opt, 0, sizeof *opt);
  pw_config_init(&opt->config);
  opt->format = "text";
  if (argc > 1)
    for (int c = 0; commands[c].name; c++)
      if (strcmp(argv[1], commands[c].name) == 0) {
        opt->command = commands[c].command;
        return parse_command(argc, argv, opt, err, errlen);
      }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int r = common_option(argc, argv, &i, opt, err, errlen);
    if (r == 2)
      return 2;
    if (r == 1)
      continue;
    if (strcmp(a, "-e") == 0) {
      if (i + 1 >= argc)
        FAIL("pathway: -e needs a chunk of code");
      if (opt->nchunks == PW_MAX_CHUNKS)
        FAIL("pathway: too many -e options (at most %d)", PW_MAX_CHUNKS);
      opt->chunks[opt->nchunks++] = argv[++i];
    } else if (strcmp(a, "-i") == 0) {
      opt->interactive = 1;
    } else if (strcmp(a, "--version") == 0 || strcmp(a, "-v") == 0) {
      opt->version = 1;
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      opt->help = 1;
    } else if (strcmp(a, "--") == 0) {
      if (i + 1 < argc)
        positional_start(opt, i + 1);
      return 0;
    } else if (a[0] == '-' && a[1] != '\0') {
      FAIL("pathway: unknown option '%s' (see pathway --help)", a);
    } else {
      positional_start(opt, i);   /* the rest belongs to the script or chunks */
      return 0;
    }
  }
  return 0;
}
