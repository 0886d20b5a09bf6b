/* test_embed_rules.c: pathway.h's variant groups (pw_group_set_classify*)
** and host functions (pw_register_function, pw_call_*), through the public
** API only (vm/engine/classify.c, host_fn.c). */
#include <stdio.h>
#include <string.h>

#include "helpers.h"

static captured c;

/* The group set of tests/lang/variants_test.lua: first match in order. */
static const char *const GROUPS =
  "groups = variants.group {\n"
  "  rule 'splice' { where = \"consequence == 'splice_site'\" },\n"
  "  rule 'ABE substitutions' { where = \"type == 'substitution' and abe_correctable\" },\n"
  "  rule 'coding substitutions' { where = \"type == 'substitution' and region == 'cds'\" },\n"
  "}\n";

static pw_engine *engine_with_groups(void) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_load_string(e, GROUPS, "=groups"), PW_OK, "%s", pw_errmsg(e));
  return e;
}

/* The group of `v` under global `set`, asserting the call succeeds. */
static const char *group_of(pw_engine *e, const char *set, const char *v) {
  const char *g = NULL;
  pw_status s = pw_group_set_classify(e, set, v, &g);
  cr_assert_eq(s, PW_OK, "%s: %s", v, pw_errmsg(e));
  cr_assert_not_null(g);
  return g;
}

/* ---------------------------------------------------------------- groups */

Test(classify, valid_unassigned_and_invalid) {
  pw_engine *e = engine_with_groups();
  cr_expect_str_eq(group_of(e, "groups", "c.1003C>T"), "ABE substitutions");
  cr_expect_str_eq(group_of(e, "groups", "c.1066-2A>G"), "splice");
  cr_expect_str_eq(group_of(e, "groups", "c.-15C>T"), "ABE substitutions");
  cr_expect_str_eq(group_of(e, "groups", "c.500del"), "unassigned");
  cr_expect_str_eq(group_of(e, "groups", "c.1003 C>T"), "invalid");
  cr_expect_str_eq(group_of(e, "groups", ""), "invalid");
  cr_expect_str_eq(group_of(e, "groups", "not a variant"), "invalid");
  pw_close(&e);
}

Test(classify, same_as_the_script_sees) {
  pw_engine *e = engine_with_groups();
  const char *vs[] = {"c.1222C>T", "c.1066+1G>A", "c.500del", "c.1003C>"};
  for (size_t i = 0; i < 4; i++) {
    char code[256];
    snprintf(code, sizeof code, "print((groups:classify('%s')))", vs[i]);
    c.nout = 0;
    cr_assert_eq(pw_load_string(e, code, "=t"), PW_OK, "%s", pw_errmsg(e));
    char expect[128];
    snprintf(expect, sizeof expect, "%s\n", group_of(e, "groups", vs[i]));
    cr_expect_str_eq(c.out, expect, "%s", vs[i]);
  }
  pw_close(&e);
}

Test(classify, cache_returns_the_same_pointer) {
  pw_engine *e = engine_with_groups();
  const char *a = group_of(e, "groups", "c.1003C>T");
  const char *b = group_of(e, "groups", "c.1003C>T");
  const char *d = group_of(e, "groups", "c.1222C>T");
  cr_expect_eq(a, b, "a repeated value is a cache hit");
  cr_expect_eq(a, d, "group names are interned");
  cr_expect_eq(group_of(e, "groups", "x"), group_of(e, "groups", "y"));
  pw_close(&e);
}

Test(classify, pointers_survive_later_calls) {
  pw_engine *e = engine_with_groups();
  const char *first = group_of(e, "groups", "c.1066-2A>G");
  char v[32];
  for (int i = 1; i <= 3000; i++) {   /* grows the cache and its arena */
    snprintf(v, sizeof v, "c.%dC>T", i);
    group_of(e, "groups", v);
  }
  cr_expect_eq(pw_load_string(e, "collectgarbage() collectgarbage()", "=gc"), PW_OK);
  cr_expect_str_eq(first, "splice");
  cr_expect_eq(group_of(e, "groups", "c.1066-2A>G"), first);
  pw_close(&e);
}

Test(classify, rebinding_the_global_gives_the_new_sets_answers) {
  pw_engine *e = engine_with_groups();
  cr_expect_str_eq(group_of(e, "groups", "c.1003C>T"), "ABE substitutions");
  cr_assert_eq(pw_load_string(e,
    "old = groups\n"
    "groups = variants.group { rule 'any substitution' { where = \"type == 'substitution'\" } }",
    "=rebind"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(group_of(e, "groups", "c.1003C>T"), "any substitution");
  cr_expect_str_eq(group_of(e, "groups", "c.1066-2A>G"), "any substitution");
  cr_expect_str_eq(group_of(e, "old", "c.1066-2A>G"), "splice", "the old set kept its answers");
  cr_assert_eq(pw_load_string(e, "groups = old", "=back"), PW_OK);
  cr_expect_str_eq(group_of(e, "groups", "c.1003C>T"), "ABE substitutions");
  /* the same set under two names shares one cache */
  cr_expect_eq(group_of(e, "groups", "c.1003C>T"), group_of(e, "old", "c.1003C>T"));
  pw_close(&e);
}

Test(classify, rebinding_to_something_else_is_caught) {
  pw_engine *e = engine_with_groups();
  group_of(e, "groups", "c.1003C>T");
  cr_assert_eq(pw_load_string(e, "groups = { rules = {} }", "=t"), PW_OK);
  const char *g = "untouched";
  cr_expect_eq(pw_group_set_classify(e, "groups", "c.1003C>T", &g), PW_EINVAL);
  cr_expect_str_eq(pw_errmsg(e),
    "'groups' is not a variant group set (variants.group {...}); it is table");
  cr_assert_eq(pw_load_string(e, "groups = nil", "=t"), PW_OK);
  cr_expect_eq(pw_group_set_classify(e, "groups", "c.1003C>T", &g), PW_EINVAL);
  cr_expect(strstr(pw_errmsg(e), "it is nil") != NULL, "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(classify, multiple_true_gives_the_first_in_declared_order) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_load_string(e,
    "all = variants.group {\n"
    "  rule 'ABE' { where = \"type == 'substitution' and abe_correctable\" },\n"
    "  rule 'substitution' { where = \"type == 'substitution'\" },\n"
    "  multiple = true }", "=t"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(group_of(e, "all", "c.1003C>T"), "ABE");
  cr_expect_str_eq(group_of(e, "all", "c.1066-2A>G"), "substitution");
  cr_expect_str_eq(group_of(e, "all", "c.500del"), "unassigned");
  pw_close(&e);
}

Test(classify, batch_equals_singles) {
  pw_engine *e = engine_with_groups();
  pw_engine *f = engine_with_groups();
  const char *vs[] = {"c.1003C>T", "c.500del", "c.1003C>T", "bad", "c.1066-2A>G",
                      "c.1222C>T", "bad", "c.-15C>T", "c.500del", "c.1003C>T"};
  size_t n = sizeof vs / sizeof *vs;
  const char *out[10];
  cr_assert_eq(pw_group_set_classify_batch(e, "groups", vs, n, out), PW_OK, "%s", pw_errmsg(e));
  for (size_t i = 0; i < n; i++)
    cr_expect_str_eq(out[i], group_of(f, "groups", vs[i]), "%s", vs[i]);
  cr_expect_eq(out[0], out[2]);
  /* a second batch is all hits, and agrees with singles on the same engine */
  const char *again[10];
  cr_assert_eq(pw_group_set_classify_batch(e, "groups", vs, n, again), PW_OK);
  for (size_t i = 0; i < n; i++)
    cr_expect_eq(again[i], group_of(e, "groups", vs[i]));
  cr_expect_eq(pw_group_set_classify_batch(e, "groups", NULL, 0, NULL), PW_OK);
  pw_close(&e);
  pw_close(&f);
}

Test(classify, batch_calls_lua_once_for_the_distinct_misses) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_load_string(e,
    "calls = 0\n"
    "counting = variants.group { rule 'any' { where = function(v) calls = calls + 1; return true end } }\n",
    "=t"), PW_OK, "%s", pw_errmsg(e));
  const char *vs[] = {"c.1A>G", "c.2A>G", "c.1A>G", "c.3A>G", "c.2A>G"};
  const char *out[5];
  cr_assert_eq(pw_group_set_classify_batch(e, "counting", vs, 5, out), PW_OK, "%s", pw_errmsg(e));
  cr_assert_eq(pw_group_set_classify_batch(e, "counting", vs, 5, out), PW_OK);
  cr_assert_eq(pw_group_set_classify(e, "counting", "c.2A>G", &out[0]), PW_OK);
  c.nout = 0;
  cr_assert_eq(pw_load_string(e, "print(calls)", "=t"), PW_OK);
  cr_expect_str_eq(c.out, "3\n", "each distinct string once, hits never reach Lua");
  pw_close(&e);
}

Test(classify, a_raising_rule_is_a_script_error) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_load_string(e,
    "boom = variants.group { rule 'r' { where = function(v) error('no data') end } }", "=t"),
    PW_OK, "%s", pw_errmsg(e));
  const char *g = NULL;
  cr_expect_eq(pw_group_set_classify(e, "boom", "c.1A>G", &g), PW_ESCRIPT);
  cr_expect(strstr(pw_errmsg(e), "rule \"r\"") != NULL, "%s", pw_errmsg(e));
  cr_expect(strstr(pw_errmsg(e), "no data") != NULL, "%s", pw_errmsg(e));
  cr_expect_eq(pw_group_set_classify(e, "boom", "bad", &g), PW_OK, "invalid: no rule runs");
  cr_expect_str_eq(g, "invalid");
  pw_close(&e);
}

Test(classify, misuse) {
  pw_engine *e = engine_with_groups();
  const char *g = NULL;
  const char *vs[] = {"c.1003C>T", NULL};
  const char *out[2];
  cr_expect_eq(pw_group_set_classify(NULL, "groups", "c.1A>G", &g), PW_EINVAL);
  cr_expect_eq(pw_group_set_classify(e, NULL, "c.1A>G", &g), PW_EINVAL);
  cr_expect_eq(pw_group_set_classify(e, "groups", NULL, &g), PW_EINVAL);
  cr_expect_eq(pw_group_set_classify(e, "groups", "c.1A>G", NULL), PW_EINVAL);
  cr_expect_eq(pw_group_set_classify_batch(NULL, "groups", vs, 1, out), PW_EINVAL);
  cr_expect_eq(pw_group_set_classify_batch(e, NULL, vs, 1, out), PW_EINVAL);
  cr_expect_eq(pw_group_set_classify_batch(e, "groups", NULL, 1, out), PW_EINVAL);
  cr_expect_eq(pw_group_set_classify_batch(e, "groups", vs, 1, NULL), PW_EINVAL);
  cr_expect_eq(pw_group_set_classify_batch(e, "groups", vs, 2, out), PW_EINVAL);
  cr_expect_str_eq(pw_errmsg(e), "variants[1] is NULL");
  cr_expect_eq(pw_group_set_classify(e, "missing", "c.1A>G", &g), PW_EINVAL,
               "a missing global is not an error of the strict environment");
  cr_expect_str_eq(pw_errmsg(e),
    "'missing' is not a variant group set (variants.group {...}); it is nil");
  cr_expect_eq(pw_group_set_classify(e, "print", "c.1A>G", &g), PW_EINVAL,
               "library globals are not the script's sets");
  cr_assert_eq(pw_load_string(e, "n = 3  fake = setmetatable({}, {__index = {}})", "=t"), PW_OK);
  cr_expect_eq(pw_group_set_classify(e, "n", "c.1A>G", &g), PW_EINVAL);
  cr_expect_str_eq(pw_errmsg(e),
    "'n' is not a variant group set (variants.group {...}); it is number");
  cr_expect_eq(pw_group_set_classify(e, "fake", "c.1A>G", &g), PW_EINVAL);
  cr_expect_eq(pw_group_set_classify_batch(e, "n", vs, 0, out), PW_EINVAL);
  /* still usable */
  cr_expect_str_eq(group_of(e, "groups", "c.1003C>T"), "ABE substitutions");
  pw_close(&e);
}

/* ---------------------------------------------------------------- host functions */

/* Echo every argument back with its kind: "nil", "bool", ... then the value. */
static pw_status describe(pw_call *call, void *ud) {
  (void)ud;
  static const char *const kinds[] = {"nil", "bool", "int", "number", "string", "other"};
  for (size_t i = 0; i < pw_call_argc(call); i++) {
    pw_value_type t = pw_call_arg_type(call, i);
    if (pw_call_return_string(call, kinds[t], strlen(kinds[t])) != PW_OK)
      return PW_EINTERNAL;
  }
  return PW_OK;
}

/* Sum its number arguments; strings by length. */
static pw_status accessors(pw_call *call, void *ud) {
  int *seen = ud;
  int64_t i;
  double d;
  int b;
  const char *s;
  size_t len;
  cr_expect_eq(pw_call_argc(call), 5);
  cr_expect_eq(pw_call_arg_int(call, 0, &i), PW_OK);
  cr_expect_eq(i, 42);
  cr_expect_eq(pw_call_arg_double(call, 0, &d), PW_OK, "any number is a double");
  cr_expect_eq(d, 42.0);
  cr_expect_eq(pw_call_arg_int(call, 1, &i), PW_OK, "an integer-valued float is an int");
  cr_expect_eq(i, 3);
  cr_expect_eq(pw_call_arg_type(call, 1), PW_VALUE_NUMBER);
  cr_expect_eq(pw_call_arg_double(call, 2, &d), PW_OK);
  cr_expect_eq(d, 2.5);
  cr_expect_eq(pw_call_arg_int(call, 2, &i), PW_EINVAL, "2.5 is not an int");
  cr_expect_eq(pw_call_arg_bool(call, 3, &b), PW_OK);
  cr_expect_eq(b, 1);
  cr_expect_eq(pw_call_arg_string(call, 4, &s, &len), PW_OK);
  cr_expect_eq(len, 3);
  cr_expect(memcmp(s, "a\0b", 3) == 0, "embedded NUL kept");
  cr_expect_eq(pw_call_arg_string(call, 4, &s, NULL), PW_OK, "len may be NULL");
  /* wrong kinds, absent arguments and NULL outputs */
  cr_expect_eq(pw_call_arg_string(call, 0, &s, &len), PW_EINVAL, "a number is not a string");
  cr_expect_eq(pw_call_arg_int(call, 4, &i), PW_EINVAL, "a string is not a number");
  cr_expect_eq(pw_call_arg_bool(call, 0, &b), PW_EINVAL);
  cr_expect_eq(pw_call_arg_double(call, 3, &d), PW_EINVAL);
  cr_expect_eq(pw_call_arg_int(call, 5, &i), PW_EINVAL);
  cr_expect_eq(pw_call_arg_type(call, 5), PW_VALUE_NIL);
  cr_expect_eq(pw_call_arg_type(call, (size_t)-1), PW_VALUE_NIL);
  cr_expect_eq(pw_call_arg_int(call, 0, NULL), PW_EINVAL);
  cr_expect_eq(pw_call_arg_double(call, 0, NULL), PW_EINVAL);
  cr_expect_eq(pw_call_arg_bool(call, 3, NULL), PW_EINVAL);
  cr_expect_eq(pw_call_arg_string(call, 4, NULL, &len), PW_EINVAL);
  cr_expect_eq(pw_call_arg_int(NULL, 0, &i), PW_EINVAL);
  cr_expect_eq(pw_call_argc(NULL), 0);
  cr_expect_eq(pw_call_arg_type(NULL, 0), PW_VALUE_NIL);
  *seen += 1;
  return PW_OK;
}

/* One result of every kind, then a string too long for the C stack. */
static pw_status every_result(pw_call *call, void *ud) {
  (void)ud;
  static char big[4096];
  memset(big, 'x', sizeof big);
  cr_expect_eq(pw_call_return_nil(call), PW_OK);
  cr_expect_eq(pw_call_return_bool(call, 7), PW_OK);
  cr_expect_eq(pw_call_return_int(call, INT64_MIN), PW_OK);
  cr_expect_eq(pw_call_return_double(call, 0.25), PW_OK);
  cr_expect_eq(pw_call_return_string(call, "a\0b", 3), PW_OK);
  cr_expect_eq(pw_call_return_string(call, big, sizeof big), PW_OK);
  cr_expect_eq(pw_call_return_string(call, "", 0), PW_OK);
  cr_expect_eq(pw_call_return_string(call, NULL, 0), PW_EINVAL);
  cr_expect_eq(pw_call_return_nil(NULL), PW_EINVAL);
  cr_expect_eq(pw_call_return_bool(NULL, 1), PW_EINVAL);
  cr_expect_eq(pw_call_return_int(NULL, 1), PW_EINVAL);
  cr_expect_eq(pw_call_return_double(NULL, 1), PW_EINVAL);
  cr_expect_eq(pw_call_return_string(NULL, "x", 1), PW_EINVAL);
  return PW_OK;
}

/* As many results as it is given in argument 0, counting refusals. */
static pw_status many_results(pw_call *call, void *ud) {
  int *refused = ud;
  int64_t n = 0;
  pw_call_arg_int(call, 0, &n);
  for (int64_t i = 0; i < n; i++)
    if (pw_call_return_int(call, i + 1) != PW_OK)
      ++*refused;
  return PW_OK;
}

/* Fails: with a message when argument 0 is true, else with a bare status. */
static pw_status failing(pw_call *call, void *ud) {
  (void)ud;
  int with_message = 0;
  pw_call_arg_bool(call, 0, &with_message);
  if (!with_message)
    return PW_EIO;
  cr_expect_eq(pw_call_error(NULL, "x"), PW_EINVAL);
  cr_expect_eq(pw_call_error(call, NULL), PW_EINVAL);
  pw_call_return_string(call, "discarded", 9);
  char longmsg[600];
  memset(longmsg, 'm', sizeof longmsg - 1);
  longmsg[sizeof longmsg - 1] = '\0';
  pw_call_error(call, longmsg);              /* replaced below; forces the heap */
  pw_call_error(call, "the lab system is down");
  return PW_OK;   /* the recorded error wins */
}

/* Increment the integer argument. */
static pw_status increment(pw_call *call, void *ud) {
  long *calls = ud;
  int64_t v;
  if (pw_call_arg_int(call, 0, &v) != PW_OK) {
    pw_call_error(call, "expected an integer");
    return PW_EINVAL;
  }
  ++*calls;
  return pw_call_return_int(call, v + 1);
}

static pw_status answer(pw_call *call, void *ud) {
  return pw_call_return_int(call, (int64_t)(intptr_t)ud);
}

Test(host_fn, every_argument_kind) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_register_function(e, "describe", describe, NULL), PW_OK, "%s", pw_errmsg(e));
  cr_assert_eq(pw_load_string(e,
    "print(describe(nil, true, 1, 1.5, 's', {}, print, 2^53, 3.0))", "=t"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.out, "nil\tbool\tint\tnumber\tstring\tother\tother\tnumber\tnumber\n");
  int seen = 0;
  cr_assert_eq(pw_register_function(e, "acc", accessors, &seen), PW_OK);
  cr_assert_eq(pw_load_string(e, "acc(42, 3.0, 2.5, true, 'a\\0b')", "=t"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_eq(seen, 1);
  pw_close(&e);
}

Test(host_fn, every_result_kind) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_register_function(e, "results", every_result, NULL), PW_OK);
  cr_assert_eq(pw_load_string(e,
    "local n, b, i, d, s, big, empty = results()\n"
    "assert(select('#', results()) == 7)\n"
    "assert(n == nil and b == true and i == math.mininteger and math.type(i) == 'integer')\n"
    "assert(d == 0.25 and math.type(d) == 'float')\n"
    "assert(s == 'a\\0b' and #big == 4096 and big == string.rep('x', 4096) and empty == '')\n",
    "=t"), PW_OK, "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(host_fn, at_most_16_results) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  int refused = 0;
  cr_assert_eq(pw_register_function(e, "many", many_results, &refused), PW_OK);
  cr_assert_eq(pw_load_string(e,
    "assert(select('#', many(16)) == 16)\n"
    "local r = {many(20)}\n"
    "assert(#r == 16 and r[16] == 16)\n", "=t"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_eq(refused, 4);
  pw_close(&e);
}

Test(host_fn, an_error_reaches_the_script_and_the_engine_stays_usable) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_register_function(e, "lab", failing, NULL), PW_OK);
  cr_assert_eq(pw_load_string(e,
    "local ok, err = pcall(lab, true)\n"
    "print(ok, err)\n"
    "ok, err = pcall(lab, false)\n"
    "print(ok, err)\n", "=t"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.out,
    "false\tlab: the lab system is down\n"
    "false\tlab: failed (status 5)\n");
  cr_expect_eq(pw_load_string(e, "lab(true)", "=script"), PW_ESCRIPT);
  cr_expect(strncmp(pw_errmsg(e), "script:1: lab: the lab system is down", 37) == 0,
            "%s", pw_errmsg(e));
  c.nout = 0;
  cr_expect_eq(pw_eval(e, "1 + 1"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.out, "2\n");
  pw_close(&e);
}

Test(host_fn, registering_twice_replaces) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_register_function(e, "answer", answer, (void *)(intptr_t)1), PW_OK);
  cr_assert_eq(pw_load_string(e, "first = answer", "=t"), PW_OK);
  cr_assert_eq(pw_register_function(e, "answer", answer, (void *)(intptr_t)2), PW_OK);
  cr_assert_eq(pw_load_string(e, "print(answer(), first())", "=t"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.out, "2\t1\n");
  /* a library global is shadowed for scripts, not changed for the DSL */
  cr_assert_eq(pw_register_function(e, "print", answer, (void *)(intptr_t)3), PW_OK);
  c.nout = 0;
  cr_expect_eq(pw_eval(e, "print()"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.out, "3\n");
  pw_close(&e);
}

Test(host_fn, misuse) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_register_function(NULL, "f", answer, NULL), PW_EINVAL);
  cr_expect_eq(pw_register_function(e, NULL, answer, NULL), PW_EINVAL);
  cr_expect_eq(pw_register_function(e, "", answer, NULL), PW_EINVAL);
  cr_expect_eq(pw_register_function(e, "f", NULL, NULL), PW_EINVAL);
  pw_close(&e);
}

Test(host_fn, unsafe_engines_too) {
  pw_engine *e = open_engine(&c, 1, 0, 0);
  cr_assert_eq(pw_register_function(e, "answer", answer, (void *)(intptr_t)9), PW_OK);
  cr_expect_eq(pw_eval(e, "answer()"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.out, "9\n");
  pw_close(&e);
}

Test(host_fn, called_100000_times) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  long calls = 0;
  cr_assert_eq(pw_register_function(e, "inc", increment, &calls), PW_OK);
  cr_assert_eq(pw_load_string(e,
    "local x = 0\n"
    "for i = 1, 100000 do x = inc(x) end\n"
    "print(x)\n"
    "print(pcall(inc, 'x'))\n", "=t"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.out, "100000\nfalse\tinc: expected an integer\n");
  cr_expect_eq(calls, 100000);
  pw_close(&e);
}
