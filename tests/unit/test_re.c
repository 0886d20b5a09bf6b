/* test_re.c: Criterion tests of the regular-expression core (stdlib/re/re.c)
** and, through Lua, the binding's pattern cache (stdlib/re/l_re.c). */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "counting_alloc.h"
#include "re/l_re.h"
#include "re/re.h"

/* ------------------------------------------------------------ helpers */

static void compile_ok(re_regex *re, const char *pat, size_t n, unsigned flags) {
  char msg[RE_ERRMSG_SIZE];
  size_t off;
  int rc = re_compile(re, NULL, pat, n, flags, msg, sizeof msg, &off, NULL);
  cr_assert_eq(rc, 0, "compile /%s/: %s at %zu", pat, msg, off);
}

static re_regex compile_str(const char *pat, unsigned flags) {
  re_regex re;
  compile_ok(&re, pat, strlen(pat), flags);
  return re;
}

/* Group i of the last match as [start, end), or -1, -1. */
static void expect_span(const re_regex *re, uint32_t i, long start, long end) {
  size_t a, b;
  if (start < 0) {
    cr_assert_eq(re_span(re, i, &a, &b), 0, "group %u should be unset", i);
    return;
  }
  cr_assert_eq(re_span(re, i, &a, &b), 1, "group %u should be set", i);
  cr_assert_eq((long)a, start, "group %u starts at %zu, not %ld", i, a, start);
  cr_assert_eq((long)b, end, "group %u ends at %zu, not %ld", i, b, end);
}

static int exec(re_regex *re, const char *s, size_t n, size_t start) {
  char msg[RE_ERRMSG_SIZE];
  int rc = re_exec(re, s, n, start, 0, msg, sizeof msg);
  cr_assert_neq(rc, RE_ERROR, "%s", msg);
  return rc;
}

/* The matches of re_next over s as "start-end," pairs. */
static void expect_iteration(const char *pat, const char *s, const char *want) {
  re_regex re = compile_str(pat, 0);
  char got[256] = "", msg[RE_ERRMSG_SIZE];
  size_t pos = 0, n = strlen(s);
  int after = 0;
  while (re_next(&re, s, n, &pos, &after, msg, sizeof msg) == RE_MATCH) {
    size_t a, b;
    re_span(&re, 0, &a, &b);
    snprintf(got + strlen(got), sizeof got - strlen(got), "%zu-%zu,", a, b);
  }
  cr_assert_str_eq(got, want, "/%s/ on \"%s\"", pat, s);
  re_close(&re);
}

/* Expansion of template t after matching pat on s. */
static void expect_expand(const char *pat, const char *s, const char *t,
                          const char *want);

typedef struct sink {
  char buf[256];
  size_t len;
} sink;

static void emit_sink(void *ud, const char *p, size_t len) {
  sink *k = ud;
  cr_assert_lt(k->len + len, sizeof k->buf);
  memcpy(k->buf + k->len, p, len);
  k->len += len;
  k->buf[k->len] = '\0';
}

static void expect_expand(const char *pat, const char *s, const char *t,
                          const char *want) {
  re_regex re = compile_str(pat, 0);
  cr_assert_eq(exec(&re, s, strlen(s), 0), RE_MATCH);
  sink k = {.len = 0};
  char msg[RE_ERRMSG_SIZE];
  cr_assert_eq(re_expand(&re, NULL, t, strlen(t), NULL, NULL, msg, sizeof msg), 0,
               "check: %s", msg);
  cr_assert_eq(re_expand(&re, s, t, strlen(t), emit_sink, &k, msg, sizeof msg), 0, "%s",
               msg);
  cr_assert_str_eq(k.buf, want);
  re_close(&re);
}

static void expect_expand_error(const char *pat, const char *t, const char *want) {
  re_regex re = compile_str(pat, 0);
  char msg[RE_ERRMSG_SIZE];
  cr_assert_eq(re_expand(&re, NULL, t, strlen(t), NULL, NULL, msg, sizeof msg), -1);
  cr_assert_str_eq(msg, want);
  re_close(&re);
}

/* ------------------------------------------------------------ compile */

Test(re_compile, reports_message_and_offset) {
  re_regex re;
  char msg[RE_ERRMSG_SIZE];
  size_t off;
  int nomem = -1;
  cr_assert_eq(re_compile(&re, NULL, "(ab", 3, 0, msg, sizeof msg, &off, &nomem), -1);
  cr_assert_str_eq(msg, "missing closing parenthesis");
  cr_assert_eq(off, 3);
  cr_assert_eq(nomem, 0);
  cr_assert_null(re.code, "a failed compile leaves the regex closed");
  re_close(&re); /* harmless on a closed one */
  cr_assert_eq(re_compile(&re, NULL, "a{2,1}", 6, 0, msg, sizeof msg, &off, NULL), -1);
  cr_assert_str_eq(msg, "numbers out of order in {} quantifier");
  cr_assert_eq(off, 5);
}

Test(re_compile, rejects_a_pattern_that_is_not_utf8) {
  re_regex re;
  char msg[RE_ERRMSG_SIZE];
  size_t off;
  cr_assert_eq(re_compile(&re, NULL, "ab\xff", 3, 0, msg, sizeof msg, &off, NULL), -1);
  cr_assert(strstr(msg, "UTF-8 error") != NULL, "%s", msg);
  cr_assert_eq(off, 2);
}

Test(re_compile, counts_groups_and_names) {
  re_regex re = compile_str("(?<year>\\d+)-(\\d+)(?:x)(?<day>\\d+)?", 0);
  cr_assert_eq(re.ncap, 3);
  cr_assert_eq(re_name_count(&re), 2);
  uint32_t g0, g1;
  const char *n0 = re_name_at(&re, 0, &g0), *n1 = re_name_at(&re, 1, &g1);
  /* the name table is sorted by name */
  cr_assert_str_eq(n0, "day");
  cr_assert_eq(g0, 3);
  cr_assert_str_eq(n1, "year");
  cr_assert_eq(g1, 1);
  re_close(&re);
  cr_assert_null(re.code);
}

Test(re_compile, flags_parse_and_print) {
  unsigned f;
  char bad = 0, text[5];
  cr_assert_eq(re_parse_flags("xsmi", 4, &f, &bad), 0);
  cr_assert_eq(f, RE_CASELESS | RE_MULTILINE | RE_DOTALL | RE_EXTENDED);
  re_flags_string(f | RE_NOJIT, text);
  cr_assert_str_eq(text, "imsx");
  cr_assert_eq(re_parse_flags("", 0, &f, &bad), 0);
  cr_assert_eq(f, 0);
  cr_assert_eq(re_parse_flags("iq", 2, &f, &bad), -1);
  cr_assert_eq(bad, 'q');
}

Test(re_compile, the_allocator_sees_every_byte_and_failures_are_clean) {
  counting c = {.budget = -1, .live = 0};
  re_mem mem = {counting_alloc, &c};
  re_regex re;
  char msg[RE_ERRMSG_SIZE];
  size_t off;
  int nomem;
  cr_assert_eq(
      re_compile(&re, &mem, "(\\w+)@(\\w+)", 11, RE_NOJIT, msg, sizeof msg, &off, &nomem),
      0);
  cr_assert_gt(c.live, 0);
  cr_assert_eq(exec(&re, "me@host", 7, 0), RE_MATCH);
  re_close(&re);
  cr_assert_eq(c.live, 0, "%ld bytes leaked", c.live);
  /* fail each allocation in turn: out of memory, nothing leaked */
  for (long budget = 0; budget < 4; budget++) {
    c.budget = budget;
    int rc = re_compile(&re, &mem, "(\\w+)@(\\w+)", 11, 0, msg, sizeof msg, &off, &nomem);
    if (rc == 0) {
      re_close(&re);
    } else {
      cr_assert_eq(nomem, 1, "budget %ld: %s", budget, msg);
      cr_assert_str_eq(msg, "out of memory");
      cr_assert_null(re.code);
    }
    cr_assert_eq(c.live, 0, "budget %ld: %ld bytes leaked", budget, c.live);
  }
}

/* ------------------------------------------------------------ match */

Test(re_exec, spans_of_groups) {
  re_regex re = compile_str("(a)|(b)", 0);
  cr_assert_eq(exec(&re, "xb", 2, 0), RE_MATCH);
  expect_span(&re, 0, 1, 2);
  expect_span(&re, 1, -1, -1);
  expect_span(&re, 2, 1, 2);
  cr_assert_eq(exec(&re, "xyz", 3, 0), RE_NOMATCH);
  re_close(&re);
}

Test(re_exec, from_an_offset) {
  re_regex re = compile_str("a", 0);
  cr_assert_eq(exec(&re, "aXa", 3, 1), RE_MATCH);
  expect_span(&re, 0, 2, 3);
  cr_assert_eq(exec(&re, "aXa", 3, 3), RE_NOMATCH);
  re_close(&re);
  re = compile_str("$", 0);
  cr_assert_eq(exec(&re, "ab", 2, 2), RE_MATCH);
  expect_span(&re, 0, 2, 2);
  cr_assert_eq(exec(&re, "", 0, 0), RE_MATCH);
  re_close(&re);
}

Test(re_exec, utf8_offsets_are_bytes) {
  re_regex re = compile_str("\\w+", 0);
  const char *s = "\xc3\xa9t\xc3\xa9!"; /* été! */
  cr_assert_eq(exec(&re, s, strlen(s), 0), RE_MATCH);
  expect_span(&re, 0, 0, 5);
  re_close(&re);
  re = compile_str("^.$", 0);
  cr_assert_eq(exec(&re, "\xce\xb1", 2, 0), RE_MATCH, "one character, two bytes");
  re_close(&re);
  re = compile_str("\xc3\xa9", RE_CASELESS);
  cr_assert_eq(exec(&re, "\xc3\x89", 2, 0), RE_MATCH, "caseless beyond ASCII");
  re_close(&re);
}

Test(re_exec, nul_bytes_in_subject_and_pattern) {
  re_regex re;
  compile_ok(&re, "b\0c", 3, 0);
  cr_assert_eq(exec(&re, "ab\0cd", 5, 0), RE_MATCH);
  expect_span(&re, 0, 1, 4);
  re_close(&re);
  re = compile_str("a.b", 0);
  cr_assert_eq(exec(&re, "a\0b", 3, 0), RE_MATCH);
  re_close(&re);
}

Test(re_exec, bytes_that_are_not_utf8_match_nothing) {
  re_regex re = compile_str("\\w+", 0);
  cr_assert_eq(exec(&re,
                    "\xff\xfe"
                    "ab",
                    4, 0),
               RE_MATCH);
  expect_span(&re, 0, 2, 4);
  re_close(&re);
  re = compile_str(".", 0);
  cr_assert_eq(exec(&re, "\xff", 1, 0), RE_NOMATCH);
  re_close(&re);
}

Test(re_exec, flags) {
  re_regex re = compile_str("^b$", RE_MULTILINE);
  cr_assert_eq(exec(&re, "a\nb", 3, 0), RE_MATCH);
  re_close(&re);
  re = compile_str("a.b", RE_DOTALL);
  cr_assert_eq(exec(&re, "a\nb", 3, 0), RE_MATCH);
  re_close(&re);
  re = compile_str("a.b", 0);
  cr_assert_eq(exec(&re, "a\nb", 3, 0), RE_NOMATCH);
  re_close(&re);
  re = compile_str(" a b # c", RE_EXTENDED);
  cr_assert_eq(exec(&re, "ab", 2, 0), RE_MATCH);
  re_close(&re);
}

Test(re_exec, match_limit_is_an_error) {
  re_regex re = compile_str("^(a|a?)+$", 0);
  char s[64], msg[RE_ERRMSG_SIZE];
  memset(s, 'a', 40);
  s[40] = 'b';
  cr_assert_eq(re_exec(&re, s, 41, 0, 0, msg, sizeof msg), RE_ERROR);
  cr_assert_str_eq(msg, "match limit exceeded");
  re_close(&re);
}

/* The JIT and the interpreter agree (when the JIT is there at all). */
Test(re_exec, jit_and_interpreter_agree) {
  static const char *const pats[] = {"(\\w+)@(\\w+)\\.(com|org)",
                                     "^(a|b)*?c",
                                     "(?i)stra\\x{df}e",
                                     "(\\d+)(?=px)",
                                     "(?<=\\$)\\d+",
                                     "x*",
                                     "[^\\s,]+"};
  static const char *const subjects[] = {"mail me@host.org now",
                                         "ababc",
                                         "STRASSE stra\xc3\x9f"
                                         "e",
                                         "w 100px h 20em",
                                         "cost $42",
                                         "",
                                         "a, b,,c"};
  for (size_t i = 0; i < sizeof pats / sizeof *pats; i++) {
    re_regex jit = compile_str(pats[i], 0), interp = compile_str(pats[i], RE_NOJIT);
    cr_assert_eq(interp.jit, 0);
    const char *s = subjects[i];
    size_t n = strlen(s);
    for (size_t start = 0; start <= n; start++) {
      int a = exec(&jit, s, n, start), b = exec(&interp, s, n, start);
      cr_assert_eq(a, b, "/%s/ at %zu", pats[i], start);
      for (uint32_t g = 0; a == RE_MATCH && g <= jit.ncap; g++) {
        size_t s1 = 0, e1 = 0, s2 = 0, e2 = 0;
        cr_assert_eq(re_span(&jit, g, &s1, &e1), re_span(&interp, g, &s2, &e2));
        cr_assert(s1 == s2 && e1 == e2, "/%s/ at %zu group %u", pats[i], start, g);
      }
    }
    re_close(&jit);
    re_close(&interp);
  }
}

/* ------------------------------------------------------------ iteration */

Test(re_next, empty_matches_follow_lua_5_4) {
  expect_iteration("", "abc", "0-0,1-1,2-2,3-3,");
  expect_iteration("\\w*", "abc", "0-3,");
  expect_iteration(",*", "a,b", "0-0,1-2,3-3,");
  expect_iteration("x*", "", "0-0,");
  expect_iteration("", "\xc3\xa9!", "0-0,2-2,3-3,"); /* by characters */
  expect_iteration("\\d", "a1b22", "1-2,3-4,4-5,");
  expect_iteration("z", "abc", "");
}

/* ------------------------------------------------------------ expand */

Test(re_expand, references) {
  expect_expand("(\\w+) (\\w+)", "hello world", "$2 $1", "world hello");
  expect_expand("(\\w+)", "abc", "[$0|${1}|$$]", "[abc|abc|$]");
  expect_expand("(?<y>\\d+)-(?<m>\\d+)", "2024-05", "${m}/${y}", "05/2024");
  expect_expand("(a)?b", "b", "<$1>", "<>");
  expect_expand("a", "a", "plain", "plain");
  expect_expand("a", "a", "", "");
}

Test(re_expand, errors) {
  expect_expand_error(
      "a", "$",
      "bad replacement at offset 0: '$' at the end (write $$ for a dollar sign)");
  expect_expand_error(
      "a", "x$y",
      "bad replacement at offset 1: '$' must be followed by a digit, '{' or '$'");
  expect_expand_error("(a)", "$2",
                      "bad replacement at offset 0: no group 2 (the pattern has 1)");
  expect_expand_error(
      "(a)", "${99999999999}",
      "bad replacement at offset 0: no group 99999999999 (the pattern has 1)");
  expect_expand_error("(a)", "${x}", "bad replacement at offset 0: no group named 'x'");
  expect_expand_error("(a)", "ok ${1", "bad replacement at offset 3: '${' without '}'");
  expect_expand_error("(a)", "${}", "bad replacement at offset 0: empty '${}'");
}

/* ------------------------------------------------------------ binding */

static lua_State *open_re(void) {
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  luaL_requiref(L, "re", luaopen_pathway_re, 1);
  lua_pop(L, 1);
  return L;
}

static void run(lua_State *L, const char *chunk) {
  if (luaL_dostring(L, chunk) != LUA_OK)
    cr_assert_fail("%s", lua_tostring(L, -1));
}

/* The regex re.match compiled for pattern (in the cache table, upvalue 1):
** its address, or NULL. */
static const void *cached(lua_State *L, const char *pattern) {
  lua_getglobal(L, "re");
  lua_getfield(L, -1, "match");
  cr_assert_not_null(lua_getupvalue(L, -1, 1));
  const void *found = NULL;
  for (int gen = 1; gen <= 2 && found == NULL; gen++) {
    lua_rawgeti(L, -1, gen);
    lua_getfield(L, -1, pattern);
    found = lua_touserdata(L, -1);
    lua_pop(L, 2);
  }
  lua_pop(L, 3);
  return found;
}

Test(re_binding, a_string_pattern_is_compiled_once) {
  lua_State *L = open_re();
  cr_assert_null(cached(L, "(\\d+)"));
  run(L, "for i = 1, 100 do assert(re.match('n' .. i, '(\\\\d+)') == tostring(i)) end");
  const void *rx = cached(L, "(\\d+)");
  cr_assert_not_null(rx);
  run(L, "assert(re.find('a1', '(\\\\d+)') == 2)");
  cr_assert_eq(cached(L, "(\\d+)"), rx, "the other functions share the cache");
  lua_close(L);
}

Test(re_binding, the_cache_is_bounded) {
  lua_State *L = open_re();
  run(L, "re.match('x', 'first')");
  run(L, "for i = 1, 127 do re.match('x', 'p' .. i) end");
  cr_assert_not_null(cached(L, "first"), "127 patterns later it is still cached");
  run(L, "for i = 128, 200 do re.match('x', 'p' .. i) end");
  cr_assert_null(cached(L, "first"), "200 patterns later it is gone");
  cr_assert_not_null(cached(L, "p200"));
  lua_close(L);
}

Test(re_binding, a_recent_old_pattern_is_kept) {
  lua_State *L = open_re();
  run(L, "re.match('x', 'keep')");
  /* used again after each generation turns over: it moves to the new one */
  run(L, "for i = 1, 300 do re.match('x', 'p' .. i); if i % 32 == 0 then re.match('x', "
         "'keep') end end");
  cr_assert_not_null(cached(L, "keep"));
  lua_close(L);
}

Test(re_binding, closing_a_regex_twice_is_harmless) {
  lua_State *L = open_re();
  run(L, "local rx = re.compile('a'); getmetatable(rx).__close(rx); "
         "getmetatable(rx).__gc(rx)\n"
         "assert(tostring(rx) == 'regex(closed)')\n"
         "assert(not pcall(rx.match, rx, 'a'))");
  lua_close(L);
}
