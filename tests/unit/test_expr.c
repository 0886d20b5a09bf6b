/* test_expr.c: Criterion tests of the expression compiler (lang/expr):
** lexer, parser, checker and code generator, and every error message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "expr/expr.h"

/* ------------------------------------------------------------ helpers */

static frame *schema;   /* the columns every test compiles against */

/* A column of `t` with one row (the compiler reads only names, types and
** whether a str column has a dictionary). */
static void add(const char *name, frame_type t, int dict) {
  frame_dict *d = dict ? frame_dict_new(NULL) : NULL;
  frame_column *c = frame_column_new(NULL, t, 1, d);
  frame_dict_unref(d);
  cr_assert_eq(frame_add(schema, name, c), 0);
  frame_column_unref(c);
}

static void setup(void) {
  schema = frame_new(NULL, 1);
  add("gene", FRAME_STR, 1);
  add("variant", FRAME_STR, 1);
  add("notes", FRAME_STR, 0);
  add("ammonia", FRAME_NUM, 0);
  add("visit_day", FRAME_INT, 0);
  add("first_day", FRAME_INT, 0);
  add("crisis", FRAME_INT, 0);
  add("treated", FRAME_BOOL, 0);
  add("visit_date", FRAME_DATE, 0);
  add("age (days)", FRAME_INT, 0);
}

static void teardown(void) { frame_free(schema); }

TestSuite(expr, .init = setup, .fini = teardown);

static expr_plan *compile(const char *s, expr_mode mode, expr_error *e) {
  return expr_compile(s, strlen(s), schema, mode, NULL, e);
}

static expr_type type_of(const char *s, expr_mode mode) {
  expr_error e;
  expr_plan *p = compile(s, mode, &e);
  cr_assert_not_null(p, "%s: %s", s, e.msg);
  expr_type t = p->type;
  expr_plan_free(p);
  return t;
}

static void fails(const char *s, expr_mode mode, const char *want) {
  expr_error e;
  expr_plan *p = compile(s, mode, &e);
  cr_assert_null(p, "%s compiled", s);
  cr_assert_str_eq(e.msg, want, "for: %s", s);
}

#define ROW EXPR_MUTATE
#define GROUP EXPR_SUMMARISE

/* Growable text for expr_explain. */
typedef struct text {
  char buf[4096];   /* the listing */
  size_t n;         /* bytes in it */
} text;

static void to_text(void *ud, const char *s, size_t n) {
  text *t = ud;
  cr_assert_lt(t->n + n, sizeof t->buf);
  memcpy(t->buf + t->n, s, n);
  t->n += n;
  t->buf[t->n] = '\0';
}

static void explain(const char *s, expr_mode mode, text *t) {
  expr_error e;
  expr_plan *p = compile(s, mode, &e);
  cr_assert_not_null(p, "%s: %s", s, e.msg);
  t->n = 0;
  t->buf[0] = '\0';
  expr_explain(p, to_text, t);
  expr_plan_free(p);
}

static int uses_op(const char *s, expr_mode mode, expr_op op) {
  expr_error e;
  expr_plan *p = compile(s, mode, &e);
  cr_assert_not_null(p, "%s: %s", s, e.msg);
  int found = 0;
  for (uint32_t i = 0; i < p->nrow; i++)
    found |= p->row[i].op == op;
  for (uint32_t i = 0; i < p->ngroup; i++)
    found |= p->group[i].op == op;
  expr_plan_free(p);
  return found;
}

/* ------------------------------------------------------------ lexer */

Test(expr, numbers_keep_int_and_num_apart) {
  cr_assert_eq(type_of("1", ROW), EXPR_INT);
  cr_assert_eq(type_of("1.0", ROW), EXPR_NUM);
  cr_assert_eq(type_of("1e3", ROW), EXPR_NUM);
  cr_assert_eq(type_of(".5", ROW), EXPR_NUM);
  cr_assert_eq(type_of("2.", ROW), EXPR_NUM);
  cr_assert_eq(type_of("9223372036854775807", ROW), EXPR_INT);
  fails("9223372036854775808", ROW, "expression:1:1: integer 9223372036854775808 is too "
        "large (at most 9223372036854775807; write 9223372036854775808.0 for a num)");
  fails("12abc", ROW, "expression:1:1: malformed number '12abc'");
}

Test(expr, strings_have_three_escapes_and_keep_other_backslashes) {
  text t;
  explain("gene == 'it\\'s'", ROW, &t);
  cr_assert(strstr(t.buf, "'it\\'s'"), "%s", t.buf);
  explain("notes == \"say \\\"hi\\\" \\\\ \\d\"", ROW, &t);
  cr_assert(strstr(t.buf, "'say \"hi\" \\ \\d'"), "%s", t.buf);   /* reads back the same */
  explain("variant ~ '^c\\.[0-9]+'", ROW, &t);
  cr_assert(strstr(t.buf, "'^c\\.[0-9]+'"), "%s", t.buf);
  fails("gene == 'CPS1", ROW, "expression:1:9: unterminated string");
  fails("gene == \"x'", ROW, "expression:1:9: unterminated string");
}

Test(expr, backquotes_name_any_column) {
  cr_assert_eq(type_of("`age (days)` + 1", ROW), EXPR_INT);
  cr_assert_eq(type_of("`gene` == 'x'", ROW), EXPR_BOOL);
  fails("`age (days) + 1", ROW, "expression:1:1: unterminated `name` (no closing backquote)");
  fails("`` == 1", ROW, "expression:1:1: empty column name ``");
}

Test(expr, foreign_operators_get_a_hint) {
  fails("gene ~= 'x'", ROW, "expression:1:6: '~=' is not an operator here; write != for not equal");
  fails("gene <> 'x'", ROW, "expression:1:6: '<>' is not an operator here; write != for not equal");
  fails("gene = 'x'", ROW, "expression:1:6: '=' is not an operator here; write == to compare");
  fails("!treated", ROW, "expression:1:1: unexpected '!'; write not, != or !~");
  fails("treated && treated", ROW, "expression:1:9: unexpected '&'; write and");
  fails("treated || treated", ROW, "expression:1:9: unexpected '|'; write or");
  fails("visit_day # 2", ROW, "expression:1:11: unexpected character '#'");
  fails("gene == \xc3\xa9", ROW, "expression:1:9: unexpected character '\xc3\xa9'");
}

Test(expr, positions_count_lines_and_characters) {
  fails("visit_day > 1 and\n  gnee == 'x'", ROW,
        "expression:2:3: unknown column 'gnee' (did you mean 'gene'?)");
  fails("'caf\xc3\xa9' == gnee", ROW,
        "expression:1:11: unknown column 'gnee' (did you mean 'gene'?)");
  fails("\t\tfoo", ROW, "expression:1:3: unknown column 'foo'");
  fails("`a\nb` > 1", ROW, "expression:1:1: unknown column 'a?b'");   /* one line */
}

Test(expr, dates_parse_strictly_and_round_trip) {
  int64_t d;
  cr_assert_eq(expr_parse_date("1970-01-01", 10, &d), 0);
  cr_assert_eq(d, 0);
  cr_assert_eq(expr_parse_date("2000-02-29", 10, &d), 0);
  cr_assert_eq(d, 11016);
  cr_assert_eq(expr_parse_date("1969-12-31", 10, &d), 0);
  cr_assert_eq(d, -1);
  const char *bad[] = {"1900-02-29", "2023-02-29", "2024-04-31", "2024-00-10", "2024-13-01",
                       "2024-01-00", "2024-1-01", "2024/01/01", "20240101", "2024-01-01 ",
                       "+024-01-01"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    cr_assert_neq(expr_parse_date(bad[i], strlen(bad[i]), &d), 0, "%s", bad[i]);
  for (int64_t day = -800000; day < 800000; day += 7) {
    int64_t y;
    int m, dd;
    char buf[16];
    expr_civil(day, &y, &m, &dd);
    if (y < 0 || y > 9999)
      continue;
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", (int)y, m, dd);
    cr_assert_eq(expr_parse_date(buf, 10, &d), 0, "%s", buf);
    cr_assert_eq(d, day, "%s", buf);
  }
}

/* ------------------------------------------------------------ parser */

Test(expr, syntax_errors) {
  fails("", ROW, "expression:1:1: empty expression");
  fails("   ", ROW, "expression:1:1: empty expression");
  fails("visit_day +", ROW, "expression:1:12: unexpected end of expression; expected a value");
  fails("(visit_day + 1", ROW, "expression:1:15: unexpected end of expression; expected ')'");
  fails("visit_day + 1)", ROW, "expression:1:14: unexpected ')' (no '(' to close)");
  fails("visit_day visit_day", ROW, "expression:1:11: unexpected 'visit_day'; expected an operator");
  fails("abs(visit_day,)", ROW, "expression:1:15: unexpected ')'; expected a value");
  fails("abs(visit_day", ROW, "expression:1:14: unexpected end of expression; expected ',' "
        "or ')' in the arguments of a function");
  fails("* 2", ROW, "expression:1:1: unexpected '*'; expected a value");
  fails("treated not treated", ROW, "expression:1:9: unexpected 'not'; expected end of expression");
}

Test(expr, comparisons_do_not_chain) {
  fails("1 < visit_day < 3", ROW,
        "expression:1:15: comparisons cannot be chained; write a < b and b < c");
  fails("gene == 'a' == treated", ROW,
        "expression:1:13: comparisons cannot be chained; write a < b and b < c");
  cr_assert_eq(type_of("(1 < visit_day) == treated", ROW), EXPR_BOOL);
}

Test(expr, in_lists_hold_literals) {
  cr_assert_eq(type_of("gene in ('CPS1', 'OTC')", ROW), EXPR_BOOL);
  cr_assert_eq(type_of("gene not in ('CPS1')", ROW), EXPR_BOOL);
  cr_assert_eq(type_of("visit_day in (-1, 2, na)", ROW), EXPR_BOOL);
  fails("gene in ()", ROW, "expression:1:10: empty list after 'in'");
  fails("gene in 'CPS1'", ROW, "expression:1:9: unexpected ''CPS1''; expected '(' after 'in'");
  fails("gene in (variant)", ROW, "expression:1:10: unexpected 'variant'; expected a literal "
        "(number, string, true, false or na)");
  fails("gene in ('a' 'b')", ROW, "expression:1:14: unexpected ''b''; expected ',' or ')' "
        "in the list after 'in'");
  fails("visit_day in (- 'a')", ROW, "expression:1:17: unexpected ''a''; expected a number after '-'");
  fails("visit_day in (1, 'a')", ROW, "expression:1:18: cannot compare int with str");
  fails("treated in (true)", ROW, "expression:1:9: 'in' needs int, num, date or str on its "
        "left, got bool");
}

Test(expr, patterns_are_literals_checked_by_pcre2) {
  cr_assert_eq(type_of("variant ~ '^c\\.'", ROW), EXPR_BOOL);
  cr_assert_eq(type_of("variant !~ 'del$'", ROW), EXPR_BOOL);
  fails("variant ~ gene", ROW, "expression:1:11: the right side of ~ must be a string literal "
        "(a PCRE2 pattern)");
  fails("variant !~ 1", ROW, "expression:1:12: the right side of !~ must be a string literal "
        "(a PCRE2 pattern)");
  fails("variant ~ 'c.(12'", ROW, "expression:1:11: invalid regular expression: missing "
        "closing parenthesis (at offset 5 of the pattern)");
  fails("visit_day ~ '1'", ROW, "expression:1:13: '~' needs a str on its left, got int");
}

Test(expr, nesting_and_size_are_limited) {
  char deep[2 * PW_EXPR_MAX_DEPTH + 8];
  size_t n = 0;
  for (int i = 0; i <= PW_EXPR_MAX_DEPTH; i++)
    deep[n++] = '(';
  deep[n++] = '1';
  deep[n] = '\0';
  expr_error e;
  cr_assert_null(compile(deep, ROW, &e));
  cr_assert(strstr(e.msg, "nested too deeply"), "%s", e.msg);
  char *wide = malloc(4 * PW_EXPR_MAX_NODES + 8);
  strcpy(wide, "1");
  for (int i = 0; i < PW_EXPR_MAX_NODES; i++)
    strcat(wide, "+1");
  cr_assert_null(compile(wide, ROW, &e));
  cr_assert(strstr(e.msg, "expression too long"), "%s", e.msg);
  free(wide);
}

/* ------------------------------------------------------------ names */

Test(expr, unknown_columns_suggest_the_nearest) {
  fails("gnee == 'CPS1'", ROW, "expression:1:1: unknown column 'gnee' (did you mean 'gene'?)");
  fails("Gene == 'CPS1'", ROW, "expression:1:1: unknown column 'Gene' (did you mean 'gene'?)");
  fails("amonia > 1", ROW, "expression:1:1: unknown column 'amonia' (did you mean 'ammonia'?)");
  fails("visitday > 1", ROW,
        "expression:1:1: unknown column 'visitday' (did you mean 'visit_day'?)");
  fails("x > 1", ROW, "expression:1:1: unknown column 'x'");
  fails("patient > 1", ROW, "expression:1:1: unknown column 'patient'");
  /* too far to edit, but the one column it begins (units left out) */
  fails("first > 1", ROW, "expression:1:1: unknown column 'first' (did you mean 'first_day'?)");
  fails("visit > 1", ROW, "expression:1:1: unknown column 'visit'");   /* two begin so */
  fails("NA", ROW, "expression:1:1: unknown column 'NA' (did you mean na?)");
  fails("treated == TRUE", ROW, "expression:1:12: unknown column 'TRUE' (did you mean true?)");
  fails("gene == NULL", ROW, "expression:1:9: unknown column 'NULL' (write na for a missing value)");
}

Test(expr, unknown_functions_suggest_ours) {
  fails("foo(1)", ROW, "expression:1:1: unknown function 'foo'");
  fails("nchar(gene)", ROW, "expression:1:1: unknown function 'nchar' (did you mean 'len'?)");
  fails("ifelse(treated, 1, 2)", ROW,
        "expression:1:1: unknown function 'ifelse' (did you mean 'if_else'?)");
  fails("sqr(4)", ROW, "expression:1:1: unknown function 'sqr' (did you mean 'sqrt'?)");
  fails("avg(ammonia)", GROUP, "expression:1:1: unknown function 'avg' (did you mean 'mean'?)");
  fails("gene(1)", ROW, "expression:1:1: 'gene' is a column, not a function");
}

Test(expr, argument_counts) {
  fails("round(ammonia, 1, 2)", ROW, "expression:1:1: round takes 1 or 2 arguments, got 3");
  fails("abs()", ROW, "expression:1:1: abs takes 1 argument, got 0");
  fails("if_else(treated, 1)", ROW, "expression:1:1: if_else takes 3 arguments, got 2");
  fails("coalesce(ammonia)", ROW, "expression:1:1: coalesce takes at least 2 arguments, got 1");
  fails("count(crisis)", GROUP, "expression:1:1: count() takes no arguments; count the "
        "non-missing values of x with sum(not is_na(x))");
  fails("quantile(ammonia)", GROUP, "expression:1:1: quantile takes 2 arguments, got 1");
}

/* ------------------------------------------------------------ types */

Test(expr, arithmetic_types) {
  cr_assert_eq(type_of("visit_day + 1", ROW), EXPR_INT);
  cr_assert_eq(type_of("visit_day * 2 - 1 % 3", ROW), EXPR_INT);
  cr_assert_eq(type_of("visit_day / 2", ROW), EXPR_NUM);
  cr_assert_eq(type_of("visit_day ^ 2", ROW), EXPR_NUM);
  cr_assert_eq(type_of("visit_day + 0.5", ROW), EXPR_NUM);
  cr_assert_eq(type_of("-visit_day", ROW), EXPR_INT);
  cr_assert_eq(type_of("visit_date - visit_date", ROW), EXPR_INT);
  cr_assert_eq(type_of("visit_date + 7", ROW), EXPR_DATE);
  cr_assert_eq(type_of("7 + visit_date", ROW), EXPR_DATE);
  cr_assert_eq(type_of("visit_date - 7", ROW), EXPR_DATE);
  cr_assert_eq(type_of("visit_date - '2024-01-01'", ROW), EXPR_INT);
  cr_assert_eq(type_of("na + 1", ROW), EXPR_INT);
  cr_assert_eq(type_of("na", ROW), EXPR_BOOL);
}

Test(expr, arithmetic_type_errors) {
  fails("gene + 1", ROW, "expression:1:6: cannot apply '+' to str and int");
  fails("treated + 1", ROW, "expression:1:9: cannot apply '+' to bool and int (a bool is "
        "not a number: write if_else(x, 1, 0))");
  fails("visit_date + visit_date", ROW, "expression:1:12: cannot apply '+' to date and date");
  fails("visit_date * 2", ROW, "expression:1:12: cannot apply '*' to date and int");
  fails("visit_date + 0.5", ROW, "expression:1:12: cannot apply '+' to date and num");
  fails("-gene", ROW, "expression:1:1: cannot apply '-' to str");
  fails("-treated", ROW, "expression:1:1: cannot apply '-' to bool (a bool is not a number: "
        "write if_else(x, 1, 0))");
}

Test(expr, comparison_types) {
  cr_assert_eq(type_of("visit_day < ammonia", ROW), EXPR_BOOL);
  cr_assert_eq(type_of("visit_date > '2024-02-29'", ROW), EXPR_BOOL);
  cr_assert_eq(type_of("'2024-02-29' <= visit_date", ROW), EXPR_BOOL);
  cr_assert_eq(type_of("visit_date in ('2024-01-01', na)", ROW), EXPR_BOOL);
  cr_assert_eq(type_of("treated == false", ROW), EXPR_BOOL);
  cr_assert_eq(type_of("gene < notes", ROW), EXPR_BOOL);
  cr_assert_eq(type_of("gene == na", ROW), EXPR_BOOL);
  fails("visit_day == 'x'", ROW, "expression:1:11: cannot compare int with str");
  fails("gene == 1", ROW, "expression:1:6: cannot compare str with int");
  fails("ammonia > 'high'", ROW, "expression:1:9: cannot compare num with str");
  fails("treated == 1", ROW, "expression:1:9: cannot compare bool with int");
  fails("visit_date == gene", ROW, "expression:1:12: cannot compare date with str");
  fails("visit_date > '2023-02-29'", ROW,
        "expression:1:14: invalid date '2023-02-29' (expected YYYY-MM-DD)");
  fails("visit_date > '2024-1-1'", ROW,
        "expression:1:14: invalid date '2024-1-1' (expected YYYY-MM-DD)");
}

Test(expr, logic_types) {
  cr_assert_eq(type_of("treated and not treated or na", ROW), EXPR_BOOL);
  fails("treated and 1", ROW, "expression:1:9: 'and' needs bool operands, got int (write x != 0)");
  fails("gene or treated", ROW, "expression:1:6: 'or' needs bool operands, got str");
  fails("not crisis", ROW, "expression:1:1: 'not' needs a bool, got int");
}

Test(expr, scalar_function_types) {
  cr_assert_eq(type_of("abs(visit_day)", ROW), EXPR_INT);
  cr_assert_eq(type_of("abs(ammonia)", ROW), EXPR_NUM);
  cr_assert_eq(type_of("log(visit_day)", ROW), EXPR_NUM);
  cr_assert_eq(type_of("round(visit_day)", ROW), EXPR_INT);
  cr_assert_eq(type_of("round(ammonia)", ROW), EXPR_NUM);
  cr_assert_eq(type_of("round(visit_day, 1)", ROW), EXPR_NUM);
  cr_assert_eq(type_of("floor(visit_day)", ROW), EXPR_INT);
  cr_assert_eq(type_of("ceil(ammonia)", ROW), EXPR_NUM);
  cr_assert_eq(type_of("is_na(gene)", ROW), EXPR_BOOL);
  cr_assert_eq(type_of("coalesce(visit_day, na, 0)", ROW), EXPR_INT);
  cr_assert_eq(type_of("coalesce(visit_day, ammonia)", ROW), EXPR_NUM);
  cr_assert_eq(type_of("coalesce(visit_date, '2024-01-01')", ROW), EXPR_DATE);
  cr_assert_eq(type_of("if_else(treated, 1, 2.5)", ROW), EXPR_NUM);
  cr_assert_eq(type_of("if_else(treated, gene, na)", ROW), EXPR_STR);
  cr_assert_eq(type_of("lower(gene)", ROW), EXPR_STR);
  cr_assert_eq(type_of("len(notes)", ROW), EXPR_INT);
  cr_assert_eq(type_of("substr(gene, 1)", ROW), EXPR_STR);
  cr_assert_eq(type_of("year(visit_date) + month(visit_date)", ROW), EXPR_INT);
  cr_assert_eq(type_of("days_between('2024-01-01', visit_date)", ROW), EXPR_INT);
}

Test(expr, scalar_function_type_errors) {
  fails("abs(gene)", ROW, "expression:1:5: abs needs int or num, got str");
  fails("round(ammonia, 1.5)", ROW, "expression:1:16: round needs int digits, got num");
  fails("if_else(crisis, 1, 2)", ROW, "expression:1:9: if_else needs a bool condition, got int");
  fails("if_else(treated, 1, 'a')", ROW,
        "expression:1:21: if_else needs values of one type, got int and str");
  fails("coalesce(gene, 0)", ROW, "expression:1:16: coalesce needs values of one type, got str and int");
  fails("lower(visit_day)", ROW, "expression:1:7: lower needs str, got int");
  fails("substr(gene, 1.0)", ROW, "expression:1:14: substr needs an int start, got num");
  fails("year(visit_day)", ROW, "expression:1:6: year needs a date, got int");
  fails("days_between(visit_date, 'soon')", ROW,
        "expression:1:26: invalid date 'soon' (expected YYYY-MM-DD)");
}

Test(expr, aggregate_types) {
  cr_assert_eq(type_of("count()", GROUP), EXPR_INT);
  cr_assert_eq(type_of("sum(crisis)", GROUP), EXPR_INT);
  cr_assert_eq(type_of("sum(treated)", GROUP), EXPR_INT);
  cr_assert_eq(type_of("sum(ammonia)", GROUP), EXPR_NUM);
  cr_assert_eq(type_of("mean(crisis)", GROUP), EXPR_NUM);
  cr_assert_eq(type_of("mean(treated)", GROUP), EXPR_NUM);
  cr_assert_eq(type_of("median(visit_day)", GROUP), EXPR_NUM);
  cr_assert_eq(type_of("sd(ammonia) + var(ammonia)", GROUP), EXPR_NUM);
  cr_assert_eq(type_of("min(visit_date)", GROUP), EXPR_DATE);
  cr_assert_eq(type_of("max(visit_day) - min(visit_day)", GROUP), EXPR_INT);
  cr_assert_eq(type_of("(max(visit_day) - min(visit_day)) / 365.25", GROUP), EXPR_NUM);
  cr_assert_eq(type_of("n_distinct(gene)", GROUP), EXPR_INT);
  cr_assert_eq(type_of("first(gene)", GROUP), EXPR_STR);
  cr_assert_eq(type_of("last(treated)", GROUP), EXPR_BOOL);
  cr_assert_eq(type_of("quantile(ammonia, 0.9)", GROUP), EXPR_NUM);
  cr_assert_eq(type_of("sum(crisis) / count()", GROUP), EXPR_NUM);
  cr_assert_eq(type_of("sum(if_else(gene == 'CPS1', crisis, 0))", GROUP), EXPR_INT);
  cr_assert_eq(type_of("1", GROUP), EXPR_INT);
}

Test(expr, aggregates_only_in_summarise) {
  fails("sum(crisis) > 1", EXPR_FILTER,
        "expression:1:1: aggregate function 'sum' is only allowed in summarise");
  fails("visit_day - min(visit_day)", ROW,
        "expression:1:13: aggregate function 'min' is only allowed in summarise");
  fails("sum(max(crisis))", GROUP, "expression:1:5: aggregates cannot be nested: 'max' inside 'sum'");
  fails("max(visit_day) - visit_day", GROUP, "expression:1:18: column 'visit_day' is outside "
        "an aggregate; in summarise every column must be inside one (sum, mean, min, max, first, ...)");
  fails("sum(gene)", GROUP, "expression:1:5: sum needs int, num or bool, got str");
  fails("min(gene)", GROUP, "expression:1:5: min needs int, num or date, got str");
  fails("quantile(ammonia, 1.5)", GROUP,
        "expression:1:19: quantile needs a probability between 0 and 1, written as a number");
  fails("quantile(ammonia, crisis)", GROUP,
        "expression:1:19: quantile needs a probability between 0 and 1, written as a number");
}

Test(expr, filter_needs_bool) {
  fails("ammonia", EXPR_FILTER, "expression:1:1: filter needs a bool (true/false) expression, got num");
  fails("visit_day + 1", EXPR_FILTER,
        "expression:1:11: filter needs a bool (true/false) expression, got int");
  cr_assert_eq(type_of("treated", EXPR_FILTER), EXPR_BOOL);
  cr_assert_eq(type_of("na", EXPR_FILTER), EXPR_BOOL);
}

Test(expr, inspect_mode_takes_either_level) {
  cr_assert_eq(type_of("visit_day + 1", EXPR_INSPECT), EXPR_INT);
  cr_assert_eq(type_of("sum(crisis)", EXPR_INSPECT), EXPR_INT);
  fails("sum(crisis) + crisis", EXPR_INSPECT, "expression:1:15: column 'crisis' is outside an "
        "aggregate; in summarise every column must be inside one (sum, mean, min, max, first, ...)");
}

/* ------------------------------------------------------------ plans */

Test(expr, dictionary_columns_compare_codes) {
  cr_assert(uses_op("gene == 'CPS1'", ROW, EXPR_OP_CODE_EQ));
  cr_assert(uses_op("'CPS1' != gene", ROW, EXPR_OP_CODE_NE));
  cr_assert(uses_op("gene < 'D'", ROW, EXPR_OP_CODE_TEST));
  cr_assert(uses_op("gene in ('CPS1', 'OTC')", ROW, EXPR_OP_CODE_TEST));
  cr_assert(uses_op("variant ~ 'C>T$'", ROW, EXPR_OP_CODE_TEST));
  cr_assert(!uses_op("variant ~ 'C>T$'", ROW, EXPR_OP_MATCH_S));
  cr_assert(uses_op("notes == 'x'", ROW, EXPR_OP_CMP_S));
  cr_assert(uses_op("notes ~ 'x'", ROW, EXPR_OP_MATCH_S));
  cr_assert(uses_op("notes in ('x')", ROW, EXPR_OP_IN_S));
  cr_assert(uses_op("gene == variant", ROW, EXPR_OP_DECODE));
}

Test(expr, literals_are_typed_at_compile_time) {
  cr_assert(!uses_op("ammonia > 100", ROW, EXPR_OP_I2N));   /* 100 becomes 100.0 */
  cr_assert(uses_op("ammonia > visit_day", ROW, EXPR_OP_I2N));
  cr_assert(!uses_op("round(visit_day)", ROW, EXPR_OP_ROUND));
}

Test(expr, a_bare_column_is_shared) {
  expr_error e;
  expr_plan *p = compile("gene", ROW, &e);
  cr_assert_eq(p->column_ref, 0);
  expr_plan_free(p);
  p = compile("`age (days)`", ROW, &e);
  cr_assert_eq(p->column_ref, 9);
  expr_plan_free(p);
  p = compile("gene == 'x'", ROW, &e);
  cr_assert_eq(p->column_ref, -1);
  expr_plan_free(p);
}

Test(expr, explain_lists_the_plan) {
  text t;
  explain("gene == 'CPS1' and variant ~ '^c\\.[0-9]+C>T$'", EXPR_FILTER, &t);
  cr_assert(strstr(t.buf, "expression  gene == 'CPS1' and variant ~ '^c\\.[0-9]+C>T$'\n"), "%s", t.buf);
  cr_assert(strstr(t.buf, "type        bool, one value per row\n"), "%s", t.buf);
  cr_assert(strstr(t.buf, "r0 = load_c    gene  : str\n"), "%s", t.buf);
  cr_assert(strstr(t.buf, "code_eq   r0 == 'CPS1'"), "%s", t.buf);
  cr_assert(strstr(t.buf, "~ '^c\\.[0-9]+C>T$' [pcre2"), "%s", t.buf);
  cr_assert(strstr(t.buf, "(one test per entry of variant's dictionary)"), "%s", t.buf);
  explain("max(visit_day) - min(visit_day)", GROUP, &t);
  cr_assert(strstr(t.buf, "aggregate   a0 = max(r0)  : int -> int\n"), "%s", t.buf);
  cr_assert(strstr(t.buf, "per batch of groups:\n"), "%s", t.buf);
  explain("visit_date > '2024-03-01' and ammonia in (1.5, na)", ROW, &t);
  cr_assert(strstr(t.buf, "date '2024-03-01'"), "%s", t.buf);
  cr_assert(strstr(t.buf, "in (1.5, na)"), "%s", t.buf);
  explain("quantile(ammonia, 0.25) + count()", GROUP, &t);
  cr_assert(strstr(t.buf, "quantile(r0, 0.25)"), "%s", t.buf);
  cr_assert(strstr(t.buf, "count()  : rows -> int"), "%s", t.buf);
}

/* ------------------------------------------------------------ memory */

#include "counting_alloc.h"

Test(expr, every_allocation_failure_is_clean) {
  const char *s = "gene == 'CPS1' and variant ~ '^c\\.[0-9]+C>T$' and visit_day in (1, 2) "
                  "or round(ammonia / 3, 2) > 1 and `age (days)` > 0";
  const char *g = "first(gene) == 'x' and max(visit_day) - min(visit_day) > 3";
  const char *texts[] = {s, g};
  expr_mode modes[] = {EXPR_FILTER, GROUP};
  for (int k = 0; k < 2; k++) {
    int succeeded = 0;
    for (long n = 0; n < 2000 && !succeeded; n++) {
      counting c = {n, 0};
      frame_mem m = {.alloc = counting_alloc, .ud = &c};
      expr_error e;
      expr_plan *p = expr_compile(texts[k], strlen(texts[k]), schema, modes[k], &m, &e);
      if (p) {
        succeeded = 1;
        expr_plan_free(p);
      } else {
        cr_assert_str_eq(e.msg, "expression: not enough memory", "after %ld: %s", n, e.msg);
      }
      cr_assert_eq(c.live, 0, "%ld bytes left after %ld allocations", c.live, n);
    }
    cr_assert(succeeded);
  }
}
