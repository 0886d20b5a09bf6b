/* test_hgvs_build.h: build hgvs results by hand, for tests of the cores
** that read variants (codon, editing) without going through the parser. */
#ifndef PW_TEST_HGVS_BUILD_H
#define PW_TEST_HGVS_BUILD_H

#include <string.h>

#include <criterion/criterion.h>

#include "hgvs/hgvs.h"

/* Copy s into r's text and return its span, as the parser would. */
static inline hgvs_span put(hgvs_result *r, const char *s) {
  size_t n = strlen(s);
  cr_assert_lt(r->textlen + n + 1, sizeof r->text);
  hgvs_span sp = {r->textlen, (uint32_t)n};
  memcpy(r->text + r->textlen, s, n + 1);
  r->textlen += (uint32_t)n + 1;
  return sp;
}

#endif
