/* test_json.c: Criterion tests of the JSON core and, through Lua, its binding. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "json/json.h"
#include "json/l_json.h"

/* ------------------------------------------------------------ helpers */

/* The text a sequence of writer calls produced; the writer is freed. */
static char *finish_copy(json_writer *w) {
  const char *out;
  size_t len;
  int status = json_writer_finish(w, &out, &len);
  cr_assert_eq(status, JSON_OK, "finish: %s", w->errmsg);
  char *copy = strdup(out);
  json_writer_free(w);
  return copy;
}

static void expect_string_encoding(const char *s, size_t n, const char *want) {
  json_writer w;
  json_writer_init(&w, 0, NULL, NULL);
  cr_assert_eq(json_write_string(&w, s, n), JSON_OK, "%s", w.errmsg);
  char *got = finish_copy(&w);
  cr_assert_str_eq(got, want);
  free(got);
}

static void expect_number(double d, int mark_float, const char *want) {
  char buf[JSON_NUMBER_BUFSIZE];
  size_t len = json_format_number(d, mark_float, buf);
  cr_assert_eq(len, strlen(want), "%.17g gave %s", d, buf);
  cr_assert_str_eq(buf, want);
}

/* Parse text (exactly strlen bytes) and expect failure with message `want`. */
static void expect_parse_error(const char *text, int status, const char *want) {
  cJSON *root = (cJSON *)1;
  char msg[JSON_ERRMSG_SIZE];
  int got = json_parse(text, strlen(text), &root, msg, sizeof msg);
  cr_assert_eq(got, status, "%s: status %d, message %s", text, got, msg);
  cr_assert_null(root);
  cr_assert_str_eq(msg, want, "input: %s", text);
}

static cJSON *parse_ok(const char *text, size_t n) {
  cJSON *root = NULL;
  char msg[JSON_ERRMSG_SIZE];
  int status = json_parse(text, n, &root, msg, sizeof msg);
  cr_assert_eq(status, JSON_OK, "%s: %s", text, msg);
  return root;
}

static int utf8_bad(const char *s, size_t n) {
  size_t bad = (size_t)-1;
  return json_utf8_check(s, n, &bad) ? -1 : (int)bad;
}

/* ------------------------------------------------------------- UTF-8 */

Test(json_utf8, accepts_well_formed) {
  const char *ok[] = {"",
                      "plain",
                      "\xC2\x80",
                      "\xDF\xBF",
                      "\xE0\xA0\x80",
                      "\xED\x9F\xBF",
                      "\xEE\x80\x80",
                      "\xEF\xBF\xBF",
                      "\xF0\x90\x80\x80",
                      "\xF4\x8F\xBF\xBF",
                      "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"};
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
    cr_assert(json_utf8_check(ok[i], strlen(ok[i]), NULL), "case %zu", i);
  cr_assert(json_utf8_check("a\0b", 3, NULL), "NUL is a valid character");
}

Test(json_utf8, rejects_with_offset) {
  cr_assert_eq(utf8_bad("ab\x80", 3), 2, "lone continuation byte");
  cr_assert_eq(utf8_bad("\xC0\x80", 2), 0, "overlong NUL");
  cr_assert_eq(utf8_bad("\xC1\xBF", 2), 0, "overlong 2-byte");
  cr_assert_eq(utf8_bad("x\xE0\x80\x80", 4), 1, "overlong 3-byte");
  cr_assert_eq(utf8_bad("\xF0\x80\x80\x80", 4), 0, "overlong 4-byte");
  cr_assert_eq(utf8_bad("\xED\xA0\x80", 3), 0, "high surrogate U+D800");
  cr_assert_eq(utf8_bad("\xED\xBF\xBF", 3), 0, "low surrogate U+DFFF");
  cr_assert_eq(utf8_bad("\xF4\x90\x80\x80", 4), 0, "above U+10FFFF");
  cr_assert_eq(utf8_bad("\xF5\x80\x80\x80", 4), 0, "F5 lead");
  cr_assert_eq(utf8_bad("\xFF", 1), 0, "FF");
  cr_assert_eq(utf8_bad("ok\xE2\x82", 4), 2, "truncated at end");
  cr_assert_eq(utf8_bad("\xE2\x82z", 3), 0, "bad continuation");
  cr_assert_eq(utf8_bad("\xF0\x9F\x98", 3), 0, "truncated 4-byte");
}

/* ------------------------------------------------------------ writer */

Test(json_writer, compact_structure) {
  json_writer w;
  json_writer_init(&w, 0, NULL, NULL);
  json_begin_object(&w);
  json_write_key(&w, "a", 1);
  json_begin_array(&w);
  json_write_integer(&w, 1);
  json_write_number(&w, 2.5);
  json_write_boolean(&w, 1);
  json_write_boolean(&w, 0);
  json_write_null(&w);
  json_begin_object(&w);
  json_end_object(&w);
  json_begin_array(&w);
  json_end_array(&w);
  json_end_array(&w);
  json_write_key(&w, "b", 1);
  json_write_raw(&w, "{\"x\":1}", 7);
  json_end_object(&w);
  char *got = finish_copy(&w);
  cr_assert_str_eq(got, "{\"a\":[1,2.5,true,false,null,{},[]],\"b\":{\"x\":1}}");
  free(got);
}

Test(json_writer, indented) {
  json_writer w;
  json_writer_init(&w, 2, NULL, NULL);
  json_begin_object(&w);
  json_write_key(&w, "a", 1);
  json_write_integer(&w, 1);
  json_write_key(&w, "b", 1);
  json_begin_array(&w);
  json_write_string(&w, "x", 1);
  json_begin_object(&w);
  json_end_object(&w);
  json_end_array(&w);
  json_write_key(&w, "c", 1);
  json_begin_array(&w);
  json_end_array(&w);
  json_end_object(&w);
  char *got = finish_copy(&w);
  cr_assert_str_eq(
      got, "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    {}\n  ],\n  \"c\": []\n}");
  free(got);
}

Test(json_writer, escapes) {
  expect_string_encoding("say \"hi\"\\", 9, "\"say \\\"hi\\\"\\\\\"");
  expect_string_encoding("\n\r\t\b\f", 5, "\"\\n\\r\\t\\b\\f\"");
  expect_string_encoding("\x01\x1f\x7f", 3, "\"\\u0001\\u001f\x7f\"");
  expect_string_encoding("a\0b", 3, "\"a\\u0000b\"");
  expect_string_encoding("a/b", 3, "\"a/b\"");
  expect_string_encoding("caf\xC3\xA9 \xF0\x9F\x98\x80", 10,
                         "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
  expect_string_encoding("", 0, "\"\"");
}

Test(json_writer, invalid_utf8_is_sticky) {
  json_writer w;
  json_writer_init(&w, 0, NULL, NULL);
  json_begin_array(&w);
  cr_assert_eq(json_write_string(&w, "ab\xFF", 3), JSON_EUTF8);
  cr_assert_eq(w.err_offset, 2);
  cr_assert_str_eq(w.errmsg, "invalid UTF-8 at byte 3");
  cr_assert_eq(json_write_integer(&w, 1), JSON_EUTF8, "errors stick");
  json_writer w2;
  json_writer_init(&w2, 0, NULL, NULL);
  json_begin_object(&w2);
  cr_assert_eq(json_write_key(&w2, "\xC0\x80", 2), JSON_EUTF8);
  json_writer_free(&w);
  json_writer_free(&w2);
  json_writer_free(&w2); /* twice is safe */
}

Test(json_writer, number_forms) {
  expect_number(0.1, 0, "0.1");
  expect_number(1.0 / 3.0, 0, "0.3333333333333333");
  expect_number(2.0 / 3.0, 0, "0.6666666666666666");
  expect_number(1e20, 0, "1e+20");
  expect_number(3.0, 0, "3");
  expect_number(-0.0, 0, "-0");
  expect_number(123456789012345678.0, 0, "1.2345678901234568e+17");
  expect_number(5e-324, 0, "4.94065645841247e-324");
  expect_number(DBL_MAX, 0, "1.7976931348623157e+308");
  expect_number(2.0, 1, "2.0");
  expect_number(-0.0, 1, "-0.0");
  expect_number(1e20, 1, "1e+20");
  expect_number(2.5, 1, "2.5");
}

Test(json_writer, numbers_round_trip) {
  unsigned long long x = 88172645463325252ULL; /* xorshift64: any bit pattern */
  for (int i = 0; i < 20000; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    double d;
    memcpy(&d, &x, sizeof d);
    char buf[JSON_NUMBER_BUFSIZE];
    size_t len = json_format_number(d, 0, buf);
    if (!isfinite(d)) {
      cr_assert_eq(len, 0);
      continue;
    }
    cr_assert(len > 0 && strtod(buf, NULL) == d, "%s", buf);
    cr_assert(len < 25);
  }
}

Test(json_writer, integers_exact) {
  json_writer w;
  json_writer_init(&w, 0, NULL, NULL);
  json_begin_array(&w);
  json_write_integer(&w, INT64_MAX);
  json_write_integer(&w, INT64_MIN);
  json_write_integer(&w, 0);
  json_end_array(&w);
  char *got = finish_copy(&w);
  cr_assert_str_eq(got, "[9223372036854775807,-9223372036854775808,0]");
  free(got);
}

Test(json_writer, nan_and_inf_are_errors) {
  const double bad[] = {NAN, INFINITY, -INFINITY};
  const char *msg[] = {"NaN cannot be encoded", "inf cannot be encoded",
                       "-inf cannot be encoded"};
  for (int i = 0; i < 3; i++) {
    json_writer w;
    json_writer_init(&w, 0, NULL, NULL);
    cr_assert_eq(json_write_number(&w, bad[i]), JSON_ENUMBER);
    cr_assert_str_eq(w.errmsg, msg[i]);
    json_writer_free(&w);
    json_writer_init(&w, 0, NULL, NULL);
    cr_assert_eq(json_write_float(&w, bad[i]), JSON_ENUMBER);
    json_writer_free(&w);
  }
}

Test(json_writer, usage_errors) {
  json_writer w;
  const char *out;
  size_t len;
  json_writer_init(&w, 0, NULL, NULL);
  cr_assert_eq(json_write_key(&w, "a", 1), JSON_EUSAGE, "key at top level");
  json_writer_free(&w);
  json_writer_init(&w, 0, NULL, NULL);
  json_begin_object(&w);
  cr_assert_eq(json_write_integer(&w, 1), JSON_EUSAGE, "value without key");
  json_writer_free(&w);
  json_writer_init(&w, 0, NULL, NULL);
  json_begin_array(&w);
  cr_assert_eq(json_end_object(&w), JSON_EUSAGE, "mismatched end");
  json_writer_free(&w);
  json_writer_init(&w, 0, NULL, NULL);
  json_write_null(&w);
  cr_assert_eq(json_write_null(&w), JSON_EUSAGE, "two top-level values");
  json_writer_free(&w);
  json_writer_init(&w, 0, NULL, NULL);
  json_begin_array(&w);
  cr_assert_eq(json_writer_finish(&w, &out, &len), JSON_EUSAGE, "incomplete");
  cr_assert_null(out);
  json_writer_free(&w);
}

Test(json_writer, depth_limit) {
  json_writer w;
  json_writer_init(&w, 0, NULL, NULL);
  for (int i = 0; i < PW_JSON_MAX_DEPTH; i++)
    cr_assert_eq(json_begin_array(&w), JSON_OK);
  cr_assert_eq(json_begin_array(&w), JSON_EDEPTH);
  cr_assert_str_eq(w.errmsg, "nesting deeper than 1000");
  json_writer_free(&w);
}

/* An allocator that refuses every request after `budget` of them. */
typedef struct counting_alloc {
  int budget;  /* allocations still allowed */
  size_t live; /* bytes held right now */
} counting_alloc;

static void *test_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  counting_alloc *a = ud;
  if (nsize == 0) {
    a->live -= osize;
    free(ptr);
    return NULL;
  }
  if (a->budget-- <= 0)
    return NULL;
  void *p = realloc(ptr, nsize);
  if (p != NULL)
    a->live = a->live - (ptr ? osize : 0) + nsize;
  return p;
}

Test(json_writer, custom_allocator_and_failure) {
  counting_alloc a = {1000, 0};
  json_writer w;
  json_writer_init(&w, 0, test_alloc, &a);
  json_begin_array(&w);
  for (int i = 0; i < 500; i++)
    json_write_string(&w, "0123456789", 10);
  json_end_array(&w);
  const char *out;
  size_t len;
  cr_assert_eq(json_writer_finish(&w, &out, &len), JSON_OK);
  cr_assert_eq(len, 2 + 500 * 13 - 1);
  cr_assert(a.live >= len);
  json_writer_free(&w);
  cr_assert_eq(a.live, 0, "everything returned");
  a.budget = 1;
  json_writer_init(&w, 0, test_alloc, &a);
  json_begin_array(&w);
  for (int i = 0; i < 100 && w.status == JSON_OK; i++)
    json_write_string(&w, "0123456789", 10);
  cr_assert_eq(w.status, JSON_ENOMEM);
  cr_assert_str_eq(w.errmsg, "not enough memory");
  json_writer_free(&w);
  cr_assert_eq(a.live, 0);
}

/* ------------------------------------------------------------- parser */

Test(json_parse, values_and_types) {
  const char *text =
      " {\"s\": \"caf\\u00e9 \\ud83d\\ude00\", \"i\": -42, \"f\": 2.0, \"e\": 1e2,"
      " \"b\": [true, false, null], \"big\": 9007199254740993,"
      " \"min\": -9223372036854775808, \"over\": 9223372036854775808} ";
  cJSON *root = parse_ok(text, strlen(text));
  int64_t i;
  size_t len;
  cr_assert_str_eq(json_string_value(cJSON_GetObjectItem(root, "s"), &len),
                   "caf\xC3\xA9 \xF0\x9F\x98\x80");
  cr_assert(json_number_integer(cJSON_GetObjectItem(root, "i"), &i) && i == -42);
  cr_assert(!json_number_integer(cJSON_GetObjectItem(root, "f"), &i),
            "2.0 stays a float");
  cr_assert(!json_number_integer(cJSON_GetObjectItem(root, "e"), &i),
            "1e2 stays a float");
  cr_assert(json_number_integer(cJSON_GetObjectItem(root, "big"), &i) &&
            i == 9007199254740993LL);
  cr_assert(json_number_integer(cJSON_GetObjectItem(root, "min"), &i) && i == INT64_MIN);
  cr_assert(!json_number_integer(cJSON_GetObjectItem(root, "over"), &i),
            "beyond int64: float");
  cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(root, "b")), 3);
  cJSON_Delete(root);
}

Test(json_parse, syntax_errors_with_position) {
  expect_parse_error("{\"a\": 1,}", JSON_ESYNTAX,
                     "1:9: invalid JSON near '}' (trailing comma)");
  expect_parse_error("[1,]", JSON_ESYNTAX, "1:4: invalid JSON near ']' (trailing comma)");
  expect_parse_error("[1,\n  2,\n  x]", JSON_ESYNTAX, "3:3: invalid JSON near 'x'");
  expect_parse_error("[1 2]", JSON_ESYNTAX, "1:4: invalid JSON near '2'");
  expect_parse_error("{a: 1}", JSON_ESYNTAX,
                     "1:2: invalid JSON near 'a' (object keys must be strings)");
  expect_parse_error("[1", JSON_ESYNTAX, "1:3: invalid JSON near end of input");
  expect_parse_error("\"abc", JSON_ESYNTAX,
                     "1:5: invalid JSON near end of input (unterminated string)");
  expect_parse_error("[\xC3\xA9]", JSON_ESYNTAX, "1:2: invalid JSON near '\xC3\xA9'");
  expect_parse_error("nul", JSON_ESYNTAX, "1:4: invalid JSON near end of input");
  expect_parse_error("trUe", JSON_ESYNTAX, "1:3: invalid JSON near 'U'");
}

Test(json_parse, stricter_than_cjson) {
  expect_parse_error("[01]", JSON_ESYNTAX, "1:3: invalid JSON near '1'");
  expect_parse_error("[1.]", JSON_ESYNTAX,
                     "1:4: invalid JSON near ']' (digits must follow '.')");
  expect_parse_error("[.5]", JSON_ESYNTAX, "1:2: invalid JSON near '.'");
  expect_parse_error("+1", JSON_ESYNTAX, "1:1: invalid JSON near '+'");
  expect_parse_error(
      "1e", JSON_ESYNTAX,
      "1:3: invalid JSON near end of input (digits must follow the exponent)");
  expect_parse_error("-", JSON_ESYNTAX, "1:2: invalid JSON near end of input");
  expect_parse_error("NaN", JSON_ESYNTAX, "1:1: invalid JSON near 'N'");
  expect_parse_error("[Infinity]", JSON_ESYNTAX, "1:2: invalid JSON near 'I'");
  expect_parse_error(
      "\"a\tb\"", JSON_ESYNTAX,
      "1:3: invalid JSON near byte 0x09 (control characters in strings must be escaped)");
  expect_parse_error("[1,\x0b"
                     "2]",
                     JSON_ESYNTAX, "1:4: invalid JSON near byte 0x0B");
  expect_parse_error("\"\\x\"", JSON_ESYNTAX,
                     "1:2: invalid JSON near '\\' (invalid escape)");
  expect_parse_error("\"\\u12\"", JSON_ESYNTAX,
                     "1:2: invalid JSON near '\\' (\\u needs 4 hex digits)");
  expect_parse_error("\"\\ud800\"", JSON_ESYNTAX,
                     "1:2: invalid JSON near '\\' (unpaired UTF-16 surrogate)");
  expect_parse_error("\"\\udc00\\ud800\"", JSON_ESYNTAX,
                     "1:2: invalid JSON near '\\' (unpaired UTF-16 surrogate)");
  expect_parse_error("1e999", JSON_ESYNTAX, "1:1: number out of range");
  char longnum[80];
  memset(longnum, '1', 64);
  longnum[64] = '\0';
  expect_parse_error(longnum, JSON_ESYNTAX, "1:1: number longer than 63 characters");
}

Test(json_parse, trailing_garbage_and_empty) {
  expect_parse_error("[1] x", JSON_ESYNTAX,
                     "1:5: invalid JSON near 'x' (text after the value)");
  expect_parse_error("{}{}", JSON_ESYNTAX,
                     "1:3: invalid JSON near '{' (text after the value)");
  expect_parse_error("1 2", JSON_ESYNTAX,
                     "1:3: invalid JSON near '2' (text after the value)");
  expect_parse_error("", JSON_ESYNTAX, "empty input");
  expect_parse_error(" \n\t ", JSON_ESYNTAX, "empty input");
  cJSON *root = NULL;
  char msg[JSON_ERRMSG_SIZE];
  cr_assert_eq(json_parse("[1]\0", 4, &root, msg, sizeof msg), JSON_ESYNTAX,
               "an embedded NUL is garbage");
  cr_assert_str_eq(msg, "1:4: invalid JSON near byte 0x00 (text after the value)");
}

Test(json_parse, invalid_utf8) {
  expect_parse_error("\"\xC0\x80\"", JSON_EUTF8, "invalid UTF-8 at byte 2");
  expect_parse_error("[\"ok\", \"\xED\xA0\x80\"]", JSON_EUTF8, "invalid UTF-8 at byte 9");
}

Test(json_parse, duplicate_keys) {
  expect_parse_error("{\"a\":1,\"a\":2}", JSON_EDUPKEY, "1:8: duplicate key 'a'");
  expect_parse_error("{\"a\":1,\"\\u0061\":2}", JSON_EDUPKEY, "1:8: duplicate key 'a'");
  expect_parse_error("{\"x\": {\"b\": 1,\n \"b\": 2}}", JSON_EDUPKEY,
                     "2:2: duplicate key 'b'");
  /* the repeat of "c" (inner) comes before the repeat of "a" (outer) */
  expect_parse_error("{\"a\":1, \"b\": {\"c\": 1, \"c\": 2}, \"a\": 3}", JSON_EDUPKEY,
                     "1:23: duplicate key 'c'");
  /* and here the outer repeat comes first, though the walk sees it last */
  expect_parse_error("{\"a\":1, \"a\": {\"c\": 1, \"c\": 2}}", JSON_EDUPKEY,
                     "1:9: duplicate key 'a'");
  expect_parse_error(
      "{\"k\":1,\"z\":1,\"y\":1,\"x\":1,\"w\":1,\"v\":1,\"u\":1,\"t\":1,\"s\":1,\"k\":1}",
      JSON_EDUPKEY, "1:56: duplicate key 'k'");
  cJSON *root = parse_ok("[{\"a\":1},{\"a\":2}]", 17);
  cJSON_Delete(root);
}

Test(json_parse, nul_in_strings) {
  const char *text = "[\"a\\u0000b\", \"\\u0000\"]";
  cJSON *root = parse_ok(text, strlen(text));
  size_t len;
  const char *s = json_string_value(cJSON_GetArrayItem(root, 0), &len);
  cr_assert_eq(len, 3);
  cr_assert(memcmp(s, "a\0b", 3) == 0);
  s = json_string_value(cJSON_GetArrayItem(root, 1), &len);
  cr_assert_eq(len, 1);
  cJSON_Delete(root);
  expect_parse_error("{\"a\\u0000\": 1}", JSON_ESYNTAX,
                     "1:2: \\u0000 in an object key is not supported");
}

Test(json_parse, exact_length_without_nul) {
  const char *text = "{\"key\": [1, 2.5, \"x\"]}   ";
  size_t n = strlen(text);
  char *copy = malloc(n); /* no terminator: ASan catches a read past the end */
  memcpy(copy, text, n);
  cJSON *root = parse_ok(copy, n);
  cJSON_Delete(root);
  char msg[JSON_ERRMSG_SIZE];
  cr_assert_eq(json_parse(copy, n - 5, &root, msg, sizeof msg), JSON_ESYNTAX);
  cr_assert_str_eq(msg, "1:21: invalid JSON near end of input");
  free(copy);
}

Test(json_parse, nesting_limit_and_bom) {
  char *deep = malloc(2 * PW_JSON_MAX_DEPTH + 3);
  memset(deep, '[', PW_JSON_MAX_DEPTH);
  memset(deep + PW_JSON_MAX_DEPTH, ']', PW_JSON_MAX_DEPTH);
  cJSON *root = parse_ok(deep, 2 * PW_JSON_MAX_DEPTH);
  cJSON_Delete(root);
  memset(deep, '[', PW_JSON_MAX_DEPTH + 1);
  memset(deep + PW_JSON_MAX_DEPTH + 1, ']', PW_JSON_MAX_DEPTH + 1);
  deep[2 * PW_JSON_MAX_DEPTH + 2] = '\0';
  expect_parse_error(deep, JSON_EDEPTH, "1:1001: nesting deeper than 1000");
  free(deep);
  root = parse_ok("\xEF\xBB\xBF[1]", 6);
  cr_assert_eq(cJSON_GetArraySize(root), 1);
  cJSON_Delete(root);
}

/* cJSON's allocations fail after `cjson_budget` of them (hooks are global,
** but Criterion runs each test in its own process). */
static int cjson_budget;
static void *failing_malloc(size_t n) {
  return cjson_budget-- > 0 ? malloc(n) : NULL;
}

Test(json_parse, allocation_failures_are_clean) {
  cJSON_Hooks hooks = {failing_malloc, free};
  cJSON_InitHooks(&hooks);
  const char *text =
      "{\"a\": [1, 9007199254740993, \"x\\u0000y\"], \"b\": {\"c\": null}}";
  int ok = 0;
  for (int budget = 0; budget < 200 && !ok; budget++) {
    cjson_budget = budget;
    cJSON *root = NULL;
    char msg[JSON_ERRMSG_SIZE];
    int status = json_parse(text, strlen(text), &root, msg, sizeof msg);
    if (status == JSON_OK) {
      ok = 1;
      cJSON_Delete(root);
    } else {
      cr_assert_eq(status, JSON_ENOMEM, "budget %d: %s", budget, msg);
      cr_assert_null(root);
    }
  }
  cr_assert(ok, "parse succeeds once memory suffices");
  cJSON_InitHooks(NULL);
}

/* ------------------------------------------------------------ binding */

static lua_State *new_state(void) {
  lua_State *L = luaL_newstate();
  cr_assert_not_null(L);
  luaL_openlibs(L);
  luaL_requiref(L, "json", luaopen_pathway_json, 1);
  lua_pop(L, 1);
  return L;
}

/* Run `code`, which returns one string, and compare it with `want`. */
static void expect_lua(const char *code, const char *want) {
  lua_State *L = new_state();
  int rc = luaL_dostring(L, code);
  cr_assert_eq(rc, LUA_OK, "%s\n-> %s", code, lua_tostring(L, -1));
  cr_assert_str_eq(lua_tostring(L, -1), want, "%s\n-> %s", code, lua_tostring(L, -1));
  lua_close(L);
}

/* Run `code`, which returns the results of a pcall, and expect the call
** to have failed with exactly `want`. Through pcall the message has no
** "chunk:line:" prefix and argument errors name the function as
** 'json.encode' on every Lua 5.4 release. */
static void expect_lua_error(const char *code, const char *want) {
  lua_State *L = new_state();
  int rc = luaL_dostring(L, code);
  cr_assert_eq(rc, LUA_OK, "%s\n-> %s", code, lua_tostring(L, -1));
  cr_assert_eq(lua_gettop(L), 2, "%s: expected pcall's two results", code);
  cr_assert(!lua_toboolean(L, 1), "%s did not raise", code);
  cr_assert_str_eq(lua_tostring(L, 2), want, "%s\n-> %s", code, lua_tostring(L, 2));
  lua_close(L);
}

Test(json_binding, encode_basics) {
  expect_lua("return json.encode({b = 1, a = 2, c = {3, 4}})",
             "{\"a\":2,\"b\":1,\"c\":[3,4]}");
  expect_lua("return json.encode({['\\xc3\\xa9'] = 1, B = 2, a = 3, [''] = 4})",
             "{\"\":4,\"B\":2,\"a\":3,\"\xC3\xA9\":1}");
  expect_lua("return json.encode({1, 2.0, 0.1, -0.0, 1e20, math.maxinteger})",
             "[1,2.0,0.1,-0.0,1e+20,9223372036854775807]");
  expect_lua("return json.encode({true, false, json.null, 'a/b\\n'})",
             "[true,false,null,\"a/b\\n\"]");
  expect_lua("return json.encode({}) .. json.encode(json.array()) .. "
             "json.encode(json.object({}))",
             "{}[]{}");
  expect_lua("return json.encode('x') .. json.encode(7) .. json.encode(nil)",
             "\"x\"7null");
  expect_lua("return json.encode({a = {1, {}}, b = json.array()}, {indent = true})",
             "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}");
  expect_lua("return json.encode({a = 1}, {indent = false})", "{\"a\":1}");
  expect_lua("local s = {1}; return json.encode({s, s, {x = s}})",
             "[[1],[1],{\"x\":[1]}]");
}

Test(json_binding, markers) {
  expect_lua("return json.encode(setmetatable({}, {__jsontype = 'array'}))", "[]");
  expect_lua("return getmetatable(json.object()).__jsontype", "object");
  expect_lua("local t = json.array({1, 2}); assert(json.object(t) == t); return "
             "getmetatable(t).__jsontype",
             "object");
  expect_lua("return getmetatable(json.decode('[1]')).__jsontype", "array");
  expect_lua("return tostring(getmetatable(json.decode('{}')))", "nil");
  expect_lua("return tostring(json.null) .. tostring(json.decode('null') == json.null)",
             "json.nulltrue");
  expect_lua_error("return pcall(json.array, json.null)",
                   "bad argument #1 to 'json.array' (table already has a metatable)");
  expect_lua_error("return pcall(json.object, setmetatable({}, {}))",
                   "bad argument #1 to 'json.object' (table already has a metatable)");
  expect_lua_error("return pcall(json.array, 1)",
                   "bad argument #1 to 'json.array' (table expected, got number)");
  expect_lua_error("return pcall(function() json.null.x = 1 end)",
                   "[string \"return pcall(function() json.null.x = 1 end)\"]:1: "
                   "json.null is read-only");
}

Test(json_binding, encode_errors) {
  expect_lua_error("return pcall(json.encode, {a = {1, 0/0}})",
                   "json.encode: NaN at $.a[2] cannot be encoded");
  expect_lua_error("return pcall(json.encode, {x = math.huge})",
                   "json.encode: inf at $.x cannot be encoded");
  expect_lua_error("return pcall(json.encode, -math.huge)",
                   "json.encode: -inf at $ cannot be encoded");
  expect_lua_error("return pcall(json.encode, {f = print})",
                   "json.encode: cannot encode a function at $.f");
  expect_lua_error("return pcall(json.encode, {c = coroutine.create(print)})",
                   "json.encode: cannot encode a thread at $.c");
  expect_lua_error("local t = {a = {b = {}}}; t.a.b.c = t; return pcall(json.encode, t)",
                   "json.encode: table cycle at $.a.b.c");
  expect_lua_error(
      "return pcall(json.encode, {1, 2, x = 3})",
      "json.encode: mixed or sparse keys at $ (keys must be 1..n or all strings)");
  expect_lua_error(
      "return pcall(json.encode, {a = {[1] = 1, [3] = 3}})",
      "json.encode: mixed or sparse keys at $.a (keys must be 1..n or all strings)");
  expect_lua_error(
      "return pcall(json.encode, {[1.5] = 1})",
      "json.encode: mixed or sparse keys at $ (keys must be 1..n or all strings)");
  expect_lua_error("return pcall(json.encode, {name = 'ok\\xff'})",
                   "json.encode: invalid UTF-8 at byte 3 of string at $.name");
  expect_lua_error("return pcall(json.encode, {['a b'] = {['\\xff'] = 1}})",
                   "json.encode: invalid UTF-8 at byte 1 of a key at $[\"a b\"]");
  expect_lua_error("return pcall(json.encode, {a = {['x\\0y'] = 1}})",
                   "json.encode: key containing a NUL byte at $.a cannot be encoded");
  expect_lua_error("return pcall(json.encode, json.array({x = 1}))",
                   "json.encode: array-marked table has keys other than 1..n at $");
  expect_lua_error("return pcall(json.encode, {o = json.object({1})})",
                   "json.encode: object-marked table has a non-string key at $.o");
  expect_lua_error("return pcall(json.encode, setmetatable({}, {__jsontype = 'list'}))",
                   "json.encode: __jsontype must be \"array\" or \"object\" at $");
  expect_lua_error("local t = {}; local c = t; for i = 1, 1000 do c[1] = {}; c = c[1] "
                   "end; return pcall(json.encode, t)",
                   "json.encode: nesting deeper than 1000 at "
                   "$[1][1][1][1][1][1][1][1]...[1][1][1][1][1][1][1][1]");
  expect_lua_error("return pcall(json.encode)",
                   "bad argument #1 to 'json.encode' (value expected)");
  expect_lua_error("return pcall(json.encode, 1, {ident = true})",
                   "bad argument #2 to 'json.encode' (unknown option 'ident')");
  expect_lua_error(
      "return pcall(json.encode, 1, {indent = 2})",
      "bad argument #2 to 'json.encode' (option 'indent' must be a boolean)");
}

Test(json_binding, decode_values) {
  expect_lua("local v = json.decode('{\"a\": [1, 2.0, 1e2, -0, 9007199254740993]}');"
             "local a = v.a; return table.concat({math.type(a[1]), math.type(a[2]), "
             "math.type(a[3]),"
             "math.type(a[4]), tostring(a[5])}, ' ')",
             "integer float float integer 9007199254740993");
  expect_lua("local v = json.decode('[\"a\\\\u0000b\", null, true]'); return #v[1] .. "
             "tostring(v[2]) .. tostring(v[3])",
             "3json.nulltrue");
  expect_lua("return json.encode(json.decode('[]')) .. json.encode(json.decode('{}')) .. "
             "json.encode(json.decode('[{}, []]'))",
             "[]{}[{},[]]");
  expect_lua("return json.decode('\"\\\\ud83d\\\\ude00\"')", "\xF0\x9F\x98\x80");
}

Test(json_binding, decode_errors) {
  expect_lua_error("return pcall(json.decode, '{\"a\": 1,}')",
                   "json.decode: 1:9: invalid JSON near '}' (trailing comma)");
  expect_lua_error("return pcall(json.decode, '{\"a\":1,\"a\":2}')",
                   "json.decode: 1:8: duplicate key 'a'");
  expect_lua_error("return pcall(json.decode, '[1] 2')",
                   "json.decode: 1:5: invalid JSON near '2' (text after the value)");
  expect_lua_error("return pcall(json.decode, '')", "json.decode: empty input");
  expect_lua_error("return pcall(json.decode, '[\"\\xff\"]')",
                   "json.decode: invalid UTF-8 at byte 3");
  expect_lua_error("return pcall(json.decode, {})",
                   "bad argument #1 to 'json.decode' (string expected, got table)");
  expect_lua_error("return pcall(json.decode)",
                   "bad argument #1 to 'json.decode' (string expected, got no value)");
  /* called from a script, the message starts with the script's position */
  expect_lua("local ok, m = pcall(function()\n json.decode('[1,]') end) return m",
             "[string \"local ok, m = pcall(function()...\"]:2: json.decode: 1:4: "
             "invalid JSON near ']' (trailing comma)");
}

Test(json_binding, round_trip_awkward_values) {
  expect_lua(
      "local function same(a, b)\n"
      "  if type(a) ~= type(b) then return false end\n"
      "  if type(a) == 'number' then\n"
      "    return math.type(a) == math.type(b) and a == b and 1/a == 1/b end\n"
      "  if type(a) ~= 'table' or a == json.null then return a == b end\n"
      "  for k, v in pairs(a) do if not same(v, b[k]) then return false end end\n"
      "  for k in pairs(b) do if a[k] == nil then return false end end\n"
      "  return true\n"
      "end\n"
      "local v = {\n"
      "  strings = {'', '\\0', 'a\\0b', '\"\\\\/', '\\b\\f\\n\\r\\t', '\\1\\31\\127',\n"
      "             'caf\\u{E9} \\u{20AC} \\u{1F600}', '\\u{10FFFF}', '\\u{2028}', "
      "'</script>'},\n"
      "  numbers = {0, -0.0, 1.5, 2.0, -2^53, 2^53 + 0.0, math.maxinteger, "
      "math.mininteger,\n"
      "             1e300, 5e-324, 0.1, 1/3, -1e-7},\n"
      "  nested = {a = {b = {c = {json.null, true, false, {}, json.array()}}}},\n"
      "  ['key \"quoted\" \\\\ \\n'] = 1, [''] = 'empty key', ['\\u{1F600}'] = 'emoji "
      "key',\n"
      "}\n"
      "for _, indent in ipairs({false, true}) do\n"
      "  local s = json.encode(v, {indent = indent})\n"
      "  local back = json.decode(s)\n"
      "  assert(same(v, back), 'round trip changed the value')\n"
      "  assert(json.encode(back, {indent = indent}) == s, 'second encoding differs')\n"
      "end\n"
      "return 'ok'",
      "ok");
}

/* lua_Alloc that refuses everything once `left` requests have passed. */
static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  long *left = ud;
  (void)osize;
  if (nsize == 0) {
    free(ptr);
    return NULL;
  }
  if (nsize > (ptr ? osize : 0) && (*left)-- <= 0)
    return NULL;
  return realloc(ptr, nsize);
}

Test(json_binding, memory_errors_do_not_leak) {
  const char *code =
      "local t = {} for i = 1, 200 do t[i] = {k = ('x'):rep(i), n = i / 3} end\n"
      "local s = json.encode(t, {indent = true}) local v = json.decode(s)\n"
      "return json.encode(v) == json.encode(t)";
  int finished = 0;
  for (long budget = 0; budget < 20000 && !finished; budget += 37) {
    long left = 1L << 30;
    lua_State *L = lua_newstate(limited_alloc, &left);
    cr_assert_not_null(L);
    luaL_openlibs(L);
    luaL_requiref(L, "json", luaopen_pathway_json, 1);
    lua_pop(L, 1);
    cr_assert_eq(luaL_loadstring(L, code), LUA_OK);
    left = budget;
    int rc = lua_pcall(L, 0, 1, 0);
    left = 1L << 30;
    if (rc == LUA_OK) {
      cr_assert(lua_toboolean(L, -1));
      finished = 1;
    } else {
      cr_assert(rc == LUA_ERRMEM ||
                    strstr(lua_tostring(L, -1), "not enough memory") != NULL,
                "budget %ld: %s", budget, lua_tostring(L, -1));
    }
    lua_close(L); /* ASan's leak check fails the run if a box leaked */
  }
  cr_assert(finished, "the script runs once memory suffices");
}
