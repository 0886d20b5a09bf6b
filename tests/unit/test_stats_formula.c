/* test_stats_formula.c: Criterion tests of formula.c (R's term algebra,
** term order and labels, intercept control, error positions). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "stats/formula.h"

/* The term labels of a parse, joined by spaces; "ERR@pos: msg" on error. */
static const char *labels(const char *s, char *buf, size_t size) {
  formula f;
  if (formula_parse(s, strlen(s), &f) != 0) {
    snprintf(buf, size, "ERR@%zu: %s", f.error_pos, f.error);
    formula_free(&f);
    return buf;
  }
  size_t len = (size_t)snprintf(buf, size, "%s", f.intercept ? "1" : "0");
  for (int t = 0; t < f.nterms && len < size; t++) {
    buf[len++] = ' ';
    len += formula_term_label(&f, t, buf + len, size - len);
  }
  formula_free(&f);
  return buf;
}

#define EXPECT_TERMS(formula_text, expected)                                       \
  do {                                                                             \
    char b_[512];                                                                  \
    cr_assert_str_eq(labels(formula_text, b_, sizeof b_), expected, "%s", formula_text); \
  } while (0)

Test(formula, sums_and_intercept) {
  EXPECT_TERMS("len ~ dose + supp", "1 dose supp");
  EXPECT_TERMS("y ~ x - 1", "0 x");
  EXPECT_TERMS("y ~ 0 + x", "0 x");
  EXPECT_TERMS("y ~ -1 + x + 1", "1 x");
  EXPECT_TERMS("y ~ 1", "1");
  EXPECT_TERMS("y ~ a + b + a", "1 a b");
}

Test(formula, crossing_and_order_as_r_terms) {
  EXPECT_TERMS("y ~ a * b", "1 a b a:b");
  EXPECT_TERMS("y ~ (a + b):(c + d)", "1 a:c a:d b:c b:d");
  EXPECT_TERMS("y ~ (a + b + c)^2", "1 a b c a:b a:c b:c");
  EXPECT_TERMS("y ~ b:a + a + c:b", "1 a b:a b:c");   /* labels in variable order */
  EXPECT_TERMS("y ~ a*b*c - a:b", "1 a b c a:c b:c a:b:c");
  EXPECT_TERMS("y ~ a:b:c + a*b", "1 a b a:b a:b:c");
  EXPECT_TERMS("y ~ a:a", "1 a");
}

Test(formula, calls_deparse_as_r) {
  EXPECT_TERMS("y ~ log( x ) + I(x^2+a*b/c-1)", "1 log(x) I(x^2 + a * b/c - 1)");
  EXPECT_TERMS("y ~ I((a+b)^2) + factor(cyl) + sqrt(abs(-x))", "1 I((a + b)^2) factor(cyl) sqrt(abs(-x))");
  EXPECT_TERMS("y ~ `my col` + Solar.R", "1 `my col` Solar.R");
  EXPECT_TERMS("y ~ I(x * 2.50)", "1 I(x * 2.5)");
}

Test(formula, offsets_are_not_terms) {
  formula f;
  cr_assert_eq(formula_parse("n ~ t + offset(log(years))", 26, &f), 0);
  cr_assert_eq(f.nterms, 1);
  cr_assert_eq(f.noffsets, 1);
  char buf[64];
  formula_deparse(&f, f.offset_node[0], buf, sizeof buf);
  cr_assert_str_eq(buf, "log(years)");
  cr_assert_str_eq(f.response_label, "n");
  formula_free(&f);
}

Test(formula, errors_name_the_position) {
  EXPECT_TERMS("len ~ dose +", "ERR@12: unexpected end of formula; expected a term (a column, a call, 0 or 1)");
  EXPECT_TERMS("len dose", "ERR@4: unexpected 'dose'; expected '~' after the response");
  EXPECT_TERMS("y ~ foo(x)", "ERR@4: unknown function 'foo' (formulas know log, log2, log10, log1p, exp, sqrt, abs, I, factor, offset)");
  EXPECT_TERMS("y ~ x + 2", "ERR@8: a number in a formula must be 0 or 1 (the intercept); use I() for arithmetic");
  EXPECT_TERMS("y ~ a/b", "ERR@5: nesting with '/' is not supported; write a + a:b");
  EXPECT_TERMS("y ~ (a + 1)", "ERR@9: the intercept (1) can only be added or removed at the top level");
  EXPECT_TERMS("y ~ log(x, 2)", "ERR@9: log() takes one argument");
  EXPECT_TERMS("y ~ I(factor(x))", "ERR@6: factor() is a whole term, not part of arithmetic");
  EXPECT_TERMS("y ~ x $ z", "ERR@6: unexpected character '$'");
  EXPECT_TERMS("y ~ `x", "ERR@4: unclosed `name`");
  EXPECT_TERMS("y ~", "ERR@3: nothing after '~'; write the terms (or 1 for the mean)");
  EXPECT_TERMS("y ~ x^0", "ERR@6: '^' in a formula needs a whole number of at least 1 (crossing degree)");
}

Test(formula, limits_are_errors_not_crashes) {
  char s[400];
  strcpy(s, "y ~ ");
  for (int i = 0; i < 70; i++)
    strcat(s, "(");
  cr_assert_str_eq(labels(s, (char[128]){0}, 128), "ERR@68: formula nested too deeply (at most 64 levels)");
  char many[2000] = "y ~ v0";
  for (int i = 1; i < 70; i++)
    snprintf(many + strlen(many), sizeof many - strlen(many), " + v%d", i);
  char buf[256];
  cr_assert(strstr(labels(many, buf, sizeof buf), "too many variables (at most 64)") != NULL);
}
