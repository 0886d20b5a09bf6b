/* helpers.h: an engine whose output is captured, for the Criterion tests. */
#ifndef PW_TEST_HELPERS_H
#define PW_TEST_HELPERS_H

#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "pathway.h"

/* What the engine wrote, per stream. */
typedef struct captured {
  char out[8192];   /* PW_STDOUT */
  size_t nout;
  char err[8192];   /* PW_STDERR */
  size_t nerr;
} captured;

static void capture(void *ud, pw_stream stream, const char *s, size_t n) {
  captured *c = ud;
  char *buf = stream == PW_STDOUT ? c->out : c->err;
  size_t *len = stream == PW_STDOUT ? &c->nout : &c->nerr;
  size_t room = sizeof c->out - 1 - *len;
  if (n > room)
    n = room;
  memcpy(buf + *len, s, n);
  *len += n;
  buf[*len] = '\0';
}

/* Open an engine with output into `c`; `unsafe`, limits as given. */
static inline pw_engine *open_engine(captured *c, int unsafe, size_t max_memory,
                                     double timeout) {
  pw_config cfg;
  pw_config_init(&cfg);
  cfg.unsafe = unsafe;
  if (max_memory)
    cfg.max_memory = max_memory;
  cfg.timeout = timeout;
  cfg.write = capture;
  cfg.write_ud = c;
  memset(c, 0, sizeof *c);
  pw_engine *e = NULL;
  cr_assert_eq(pw_open(&cfg, &e), PW_OK);
  cr_assert_not_null(e);
  return e;
}

#endif
