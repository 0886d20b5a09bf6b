/* test_hgvs_helpers.h: parse-and-check helpers shared by the hgvs tests. */
#ifndef PW_TEST_HGVS_HELPERS_H
#define PW_TEST_HGVS_HELPERS_H

#include <string.h>

#include <criterion/criterion.h>

#include "hgvs/hgvs.h"

/* One result per test process (Criterion forks each test). */
static hgvs_result R;

/* Parse s strictly (or leniently) and expect success. */
static inline const hgvs_variant *parse_as(const char *s, int lenient) {
  hgvs_options opt = {0};
  opt.lenient = (unsigned char)lenient;
  int ok = hgvs_parse(s, strlen(s), &opt, &R);
  cr_assert(ok, "%s: %s", s, R.error);
  return &R.variants[0];
}

static inline const hgvs_variant *parse_ok(const char *s) {
  return parse_as(s, 0);
}

/* A span as a C string. */
static inline const char *str(hgvs_span sp) {
  return hgvs_str(&R, sp);
}

/* s parses strictly, its normal form is `want`, and `want` is a fixed point. */
static inline void expect_normal(const char *s, const char *want) {
  parse_ok(s);
  cr_assert_str_eq(str(R.hgvs), want, "normal form of %s", s);
  parse_ok(want);
  cr_assert_str_eq(str(R.hgvs), want, "normal form of %s (again)", want);
}

/* s fails strictly with exactly the message `want`. */
static inline void expect_error(const char *s, const char *want) {
  hgvs_options opt = {0};
  int ok = hgvs_parse(s, strlen(s), &opt, &R);
  cr_assert(!ok, "%s parsed as %s", s, str(R.hgvs));
  cr_assert_str_eq(R.error, want);
}

/* The consequence name of s (strict). */
static inline const char *csq_of(const char *s) {
  return hgvs_consequence_name(parse_ok(s)->consequence);
}

#endif
