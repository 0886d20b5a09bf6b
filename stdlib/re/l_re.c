/* l_re.c: the `re` module (DESIGN.md §4.2): thin bindings over re.c, the
** regex userdata ("pathway.regex") and the cache of patterns given as
** strings. Semantics, replacement syntax and the cache: docs/re.md. */
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "l_re.h"
#include "re.h"

/* Patterns given as strings are compiled once and kept in two generations
** of RE_CACHE_SIZE entries: a hit in the old generation moves the regex to
** the new one; when the new one is full it becomes the old one (an
** approximate LRU: at most 2 * RE_CACHE_SIZE patterns stay alive). */
#define RE_CACHE_SIZE 64

/* The cache table's fields (upvalue 1 of the module's functions). */
#define CACHE_NEW 1   /* pattern -> regex, the current generation */
#define CACHE_OLD 2   /* pattern -> regex, the previous generation */
#define CACHE_COUNT 3 /* entries in CACHE_NEW */

typedef struct lre_box {
  re_regex re; /* closed (code NULL) until compiled, and after __close */
} lre_box;

/* ------------------------------------------------------------ userdata */

static lre_box *lre_checkbox(lua_State *L, int idx) {
  lre_box *box = luaL_checkudata(L, idx, PW_REGEX_MT);
  if (box->re.code == NULL)
    luaL_argerror(L, idx, "regex is closed");
  return box;
}

static re_regex *lre_check(lua_State *L, int idx) {
  return &lre_checkbox(L, idx)->re;
}

/* Compile the pattern at pidx with flags into a new regex userdata, which
** keeps the pattern string in its user value (for __tostring). A bad
** pattern raises "FNAME: bad pattern at offset N: why". [-0, +1, e] */
static re_regex *lre_new(lua_State *L, int pidx, unsigned flags, const char *fname) {
  size_t n;
  const char *pat = lua_tolstring(L, pidx, &n);
  lre_box *box = lua_newuserdatauv(L, sizeof *box, 1);
  memset(box, 0, sizeof *box); /* closed until compiled (STYLE.md §3) */
  luaL_setmetatable(L, PW_REGEX_MT);
  lua_pushvalue(L, pidx);
  lua_setiuservalue(L, -2, 1);
  re_mem mem;
  mem.alloc = lua_getallocf(L, &mem.ud);
  char msg[RE_ERRMSG_SIZE];
  size_t off;
  int nomem;
  if (re_compile(&box->re, &mem, pat, n, flags, msg, sizeof msg, &off, &nomem) != 0) {
    if (nomem)
      luaL_error(L, "%s: not enough memory", fname);
    luaL_error(L, "%s: bad pattern at offset %d: %s", fname, (int)off, msg);
  }
  return &box->re;
}

/* The regex at idx: a regex userdata, or a pattern string compiled through
** the cache (upvalue 1). Pushes the regex userdata, so that it stays alive
** while the caller uses it (a gsub function may push it out of the cache).
** [-0, +1, e] */
static re_regex *lre_get(lua_State *L, int idx, const char *fname) {
  if (lua_type(L, idx) == LUA_TUSERDATA) {
    re_regex *re = lre_check(L, idx);
    lua_pushvalue(L, idx);
    return re;
  }
  luaL_checkstring(L, idx);
  int cache = lua_upvalueindex(1);
  lua_rawgeti(L, cache, CACHE_NEW); /* stack: new */
  lua_pushvalue(L, idx);
  if (lua_rawget(L, -2) == LUA_TUSERDATA) { /* stack: new rx */
    lua_remove(L, -2);
    return lre_check(L, -1);
  }
  lua_pop(L, 2);
  lua_rawgeti(L, cache, CACHE_OLD); /* stack: old */
  lua_pushvalue(L, idx);
  if (lua_rawget(L, -2) != LUA_TUSERDATA) { /* stack: old rx? */
    lua_pop(L, 1);
    lre_new(L, idx, 0, fname);
  }
  lua_remove(L, -2); /* stack: rx */
  re_regex *re = lre_check(L, -1);
  lua_rawgeti(L, cache, CACHE_COUNT);
  lua_Integer count = lua_tointeger(L, -1);
  lua_pop(L, 1);
  if (count >= RE_CACHE_SIZE) { /* new becomes old */
    lua_rawgeti(L, cache, CACHE_NEW);
    lua_rawseti(L, cache, CACHE_OLD);
    lua_newtable(L);
    lua_rawseti(L, cache, CACHE_NEW);
    count = 0;
  }
  lua_rawgeti(L, cache, CACHE_NEW); /* stack: rx new */
  lua_pushvalue(L, idx);
  lua_pushvalue(L, -3);
  lua_rawset(L, -3); /* new[pattern] = rx */
  lua_pop(L, 1);
  lua_pushinteger(L, count + 1);
  lua_rawseti(L, cache, CACHE_COUNT);
  return re;
}

/* A match error (match limit, out of memory) raises. */
static int lre_fail(lua_State *L, const char *fname, const char *msg) {
  return luaL_error(L, "%s: %s", fname, msg);
}

/* Push group i of the last match of re on s: the text, or false when the
** group did not take part. [-0, +1, m] */
static void push_group(lua_State *L, const re_regex *re, const char *s, uint32_t i) {
  size_t a, b;
  if (re_span(re, i, &a, &b))
    lua_pushlstring(L, s + a, b - a);
  else
    lua_pushboolean(L, 0);
}

/* Push the captures of the last match, or the whole match when the pattern
** has none (whole: 1); with whole 0, only the captures. Returns how many.
** [-0, +k, m] */
static int push_captures(lua_State *L, const re_regex *re, const char *s, int whole) {
  if (re->ncap == 0) {
    if (!whole)
      return 0;
    push_group(L, re, s, 0);
    return 1;
  }
  luaL_checkstack(L, (int)re->ncap, "too many captures");
  for (uint32_t i = 1; i <= re->ncap; i++)
    push_group(L, re, s, i);
  return (int)re->ncap;
}

/* string.find's rule for init: negative counts from the end; 0 is 1. */
static size_t init_offset(lua_State *L, int idx, size_t len) {
  lua_Integer init = luaL_optinteger(L, idx, 1);
  if (init > 0)
    return (size_t)init - 1;
  if (init == 0 || (size_t)-init > len)
    return 0;
  return len - (size_t)-init;
}

/* ------------------------------------------------------------ operations */

/* The operations take the subject at sidx (1 for re.f(s, pattern, ...), 2
** for rx:f(s, ...)) and their other arguments from index 3 on. */

/* match and find: init at 3. */
/* The first match of the subject at sidx from init (argument 3): 1, or 0
** after pushing fail (no match, or init past the end); raises on a PCRE2
** error. *s and *n are the subject. [-0, +(0|1), v] */
static int first_match(lua_State *L, re_regex *re, int sidx, const char *fname,
                       const char **s, size_t *n) {
  *s = luaL_checklstring(L, sidx, n);
  size_t init = init_offset(L, 3, *n);
  char msg[RE_ERRMSG_SIZE];
  int rc = init > *n ? RE_NOMATCH : re_exec(re, *s, *n, init, 0, msg, sizeof msg);
  if (rc == RE_ERROR)
    lre_fail(L, fname, msg);
  if (rc == RE_NOMATCH) {
    luaL_pushfail(L);
    return 0;
  }
  return 1;
}

static int do_match(lua_State *L, re_regex *re, int sidx, int find, const char *fname) {
  size_t n;
  const char *s;
  if (!first_match(L, re, sidx, fname, &s, &n))
    return 1;
  if (!find)
    return push_captures(L, re, s, 1);
  size_t a, b;
  re_span(re, 0, &a, &b);
  lua_pushinteger(L, (lua_Integer)a + 1);
  lua_pushinteger(L, (lua_Integer)b);
  return 2 + push_captures(L, re, s, 0);
}

/* The state of a gmatch iterator (upvalue 3; 1 is the subject, 2 the regex). */
typedef struct lre_iter {
  size_t pos;
  int after;
} lre_iter;

static int gmatch_step(lua_State *L) {
  size_t n;
  const char *s = lua_tolstring(L, lua_upvalueindex(1), &n);
  lre_box *box = lua_touserdata(L, lua_upvalueindex(2));
  if (box->re.code == NULL)
    return luaL_error(L, "re.gmatch: regex is closed");
  re_regex *re = &box->re;
  lre_iter *g = lua_touserdata(L, lua_upvalueindex(3));
  char msg[RE_ERRMSG_SIZE];
  int rc = re_next(re, s, n, &g->pos, &g->after, msg, sizeof msg);
  if (rc == RE_ERROR)
    return lre_fail(L, "re.gmatch", msg);
  if (rc == RE_NOMATCH) {
    g->pos = n + 1; /* done for good */
    return 0;
  }
  return push_captures(L, re, s, 1);
}

/* gmatch: the subject at sidx, the regex userdata at ridx. */
static int do_gmatch(lua_State *L, int sidx, int ridx) {
  luaL_checkstring(L, sidx);
  lua_pushvalue(L, sidx);
  lua_pushvalue(L, ridx);
  lre_iter *g = lua_newuserdatauv(L, sizeof *g, 0);
  g->pos = 0;
  g->after = 0;
  lua_pushcclosure(L, gmatch_step, 3);
  return 1;
}

/* luaL_Buffer as an re_emit_fn. */
static void emit_buffer(void *ud, const char *p, size_t len) {
  luaL_addlstring(ud, p, len);
}

/* Add the replacement of the match [ms, me) of s: repl (at ridx) is a
** template string, a table or a function, as in string.gsub. */
static void add_value(lua_State *L, luaL_Buffer *b, re_regex *re, const char *s,
                      size_t ms, size_t me, int ridx, const char *fname) {
  int t = lua_type(L, ridx);
  if (t == LUA_TSTRING || t == LUA_TNUMBER) {
    size_t tn;
    const char *tpl = lua_tolstring(L, ridx, &tn);
    char msg[RE_ERRMSG_SIZE];
    if (re_expand(re, s, tpl, tn, emit_buffer, b, msg, sizeof msg) != 0)
      luaL_error(L, "%s: %s", fname, msg);
    return;
  }
  if (t == LUA_TFUNCTION) {
    lua_pushvalue(L, ridx);
    int k = push_captures(L, re, s, 1);
    lua_call(L, k, 1); /* may match re again: [ms, me) are already saved */
  } else {
    if (re->ncap > 0)
      push_group(L, re, s, 1);
    else
      lua_pushlstring(L, s + ms, me - ms);
    lua_gettable(L, ridx);
  }
  if (!lua_toboolean(L, -1)) { /* nil or false: keep the match */
    lua_pop(L, 1);
    luaL_addlstring(b, s + ms, me - ms);
    return;
  }
  if (!lua_isstring(L, -1))
    luaL_error(L, "%s: invalid replacement value (a %s)", fname, luaL_typename(L, -1));
  luaL_addvalue(b);
}

/* gsub: repl at 3, n at 4. */
static int do_gsub(lua_State *L, re_regex *re, int sidx, const char *fname) {
  size_t n;
  const char *s = luaL_checklstring(L, sidx, &n);
  int ridx = 3;
  int t = lua_type(L, ridx);
  luaL_argexpected(
      L, t == LUA_TNUMBER || t == LUA_TSTRING || t == LUA_TFUNCTION || t == LUA_TTABLE,
      ridx, "string/function/table");
  lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)n + 1);
  char msg[RE_ERRMSG_SIZE];
  if (t == LUA_TSTRING || t == LUA_TNUMBER) { /* a bad template raises before any work */
    size_t tn;
    const char *tpl = lua_tolstring(L, ridx, &tn);
    if (re_expand(re, NULL, tpl, tn, NULL, NULL, msg, sizeof msg) != 0)
      return luaL_error(L, "%s: %s", fname, msg);
  }
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  size_t pos = 0, copied = 0;
  int after = 0;
  lua_Integer count = 0;
  while (count < max) {
    int rc = re_next(re, s, n, &pos, &after, msg, sizeof msg);
    if (rc == RE_ERROR)
      return lre_fail(L, fname, msg);
    if (rc == RE_NOMATCH)
      break;
    size_t ms, me;
    re_span(re, 0, &ms, &me);
    luaL_addlstring(&b, s + copied, ms - copied);
    add_value(L, &b, re, s, ms, me, ridx, fname);
    copied = me;
    count++;
  }
  luaL_addlstring(&b, s + copied, n - copied);
  luaL_pushresult(&b);
  lua_pushinteger(L, count);
  return 2;
}

/* split: n at 3. */
static int do_split(lua_State *L, re_regex *re, int sidx, const char *fname) {
  size_t n;
  const char *s = luaL_checklstring(L, sidx, &n);
  lua_Integer max = luaL_optinteger(L, 3, LUA_MAXINTEGER);
  luaL_argcheck(L, max >= 1, 3, "at least 1 piece expected");
  lua_newtable(L);
  lua_Integer k = 0;
  size_t pos = 0, piece = 0;
  int after = 0;
  char msg[RE_ERRMSG_SIZE];
  while (k + 1 < max) {
    int rc = re_next(re, s, n, &pos, &after, msg, sizeof msg);
    if (rc == RE_ERROR)
      return lre_fail(L, fname, msg);
    if (rc == RE_NOMATCH)
      break;
    size_t ms, me;
    re_span(re, 0, &ms, &me);
    if (ms == me && (ms == 0 || ms == n))
      continue; /* an empty match at either end splits nothing */
    lua_pushlstring(L, s + piece, ms - piece);
    lua_rawseti(L, -2, ++k);
    piece = me;
  }
  lua_pushlstring(L, s + piece, n - piece);
  lua_rawseti(L, -2, ++k);
  return 1;
}

/* exec: init at 3; a table or fail. */
static int do_exec(lua_State *L, re_regex *re, int sidx, const char *fname) {
  size_t n;
  const char *s;
  if (!first_match(L, re, sidx, fname, &s, &n))
    return 1;
  uint32_t names = re_name_count(re);
  lua_createtable(L, (int)re->ncap, (int)names + 3);
  size_t a, b;
  re_span(re, 0, &a, &b);
  lua_pushinteger(L, (lua_Integer)a + 1);
  lua_setfield(L, -2, "start");
  lua_pushinteger(L, (lua_Integer)b);
  lua_setfield(L, -2, "stop");
  push_group(L, re, s, 0);
  lua_setfield(L, -2, "match");
  for (uint32_t i = 1; i <= re->ncap; i++) {
    push_group(L, re, s, i);
    lua_rawseti(L, -2, (lua_Integer)i);
  }
  for (uint32_t i = 0; i < names; i++) {
    uint32_t g;
    const char *name = re_name_at(re, i, &g);
    push_group(L, re, s, g);
    lua_setfield(L, -2, name);
  }
  return 1;
}

/* ------------------------------------------------------------ re.* */

/* re.compile(pattern [, flags]) -> regex */
static int lre_compile(lua_State *L) {
  luaL_checkstring(L, 1);
  size_t fn;
  const char *fs = luaL_optlstring(L, 2, "", &fn);
  unsigned flags;
  char badflag;
  if (re_parse_flags(fs, fn, &flags, &badflag) != 0) {
    const char *why =
        lua_pushfstring(L, "unknown flag '%c': flags are i, m, s and x", badflag);
    return luaL_argerror(L, 2, why);
  }
  lre_new(L, 1, flags, "re.compile");
  return 1;
}

/* The functions fix their argument count first: lre_get pushes the regex
** above the arguments, where it stays referenced until they return. */

/* re.find(s, pattern [, init]) -> start, stop, captures... | fail */
static int lre_find(lua_State *L) {
  lua_settop(L, 3);
  return do_match(L, lre_get(L, 2, "re.find"), 1, 1, "re.find");
}

/* re.gmatch(s, pattern) -> iterator */
static int lre_gmatch(lua_State *L) {
  lua_settop(L, 2);
  lre_get(L, 2, "re.gmatch");
  return do_gmatch(L, 1, 3);
}

/* re.gsub(s, pattern, repl [, n]) -> string, count */
static int lre_gsub(lua_State *L) {
  lua_settop(L, 4);
  return do_gsub(L, lre_get(L, 2, "re.gsub"), 1, "re.gsub");
}

/* re.match(s, pattern [, init]) -> captures... | fail */
static int lre_match(lua_State *L) {
  lua_settop(L, 3);
  return do_match(L, lre_get(L, 2, "re.match"), 1, 0, "re.match");
}

/* re.split(s, pattern [, n]) -> pieces */
static int lre_split(lua_State *L) {
  lua_settop(L, 3);
  return do_split(L, lre_get(L, 2, "re.split"), 1, "re.split");
}

/* ------------------------------------------------------------ methods */

static int lrx_exec(lua_State *L) {
  return do_exec(L, lre_check(L, 1), 2, "regex:exec");
}
static int lrx_find(lua_State *L) {
  return do_match(L, lre_check(L, 1), 2, 1, "regex:find");
}
static int lrx_gmatch(lua_State *L) {
  lre_check(L, 1);
  return do_gmatch(L, 2, 1);
}
static int lrx_gsub(lua_State *L) {
  return do_gsub(L, lre_check(L, 1), 2, "regex:gsub");
}
static int lrx_match(lua_State *L) {
  return do_match(L, lre_check(L, 1), 2, 0, "regex:match");
}
static int lrx_split(lua_State *L) {
  return do_split(L, lre_check(L, 1), 2, "regex:split");
}

/* __gc and __close: free the compiled code; a closed regex raises when used. */
static int lrx_close(lua_State *L) {
  lre_box *box = luaL_checkudata(L, 1, PW_REGEX_MT);
  re_close(&box->re);
  return 0;
}

/* __tostring: regex(/pattern/flags), or regex(closed) */
static int lrx_tostring(lua_State *L) {
  lre_box *box = luaL_checkudata(L, 1, PW_REGEX_MT);
  if (box->re.code == NULL) {
    lua_pushliteral(L, "regex(closed)");
    return 1;
  }
  char flags[5];
  re_flags_string(box->re.flags, flags);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_addstring(&b, "regex(/");
  lua_getiuservalue(L, 1, 1);
  luaL_addvalue(&b);
  luaL_addchar(&b, '/');
  luaL_addstring(&b, flags);
  luaL_addchar(&b, ')');
  luaL_pushresult(&b);
  return 1;
}

int luaopen_pathway_re(lua_State *L) {
  static const luaL_Reg funcs[] = {{"compile", lre_compile},
                                   {"find", lre_find},
                                   {"gmatch", lre_gmatch},
                                   {"gsub", lre_gsub},
                                   {"match", lre_match},
                                   {"split", lre_split},
                                   {NULL, NULL}};
  static const luaL_Reg methods[] = {
      {"exec", lrx_exec}, {"find", lrx_find},   {"gmatch", lrx_gmatch},
      {"gsub", lrx_gsub}, {"match", lrx_match}, {"split", lrx_split},
      {NULL, NULL}};
  static const luaL_Reg metamethods[] = {{"__close", lrx_close},
                                         {"__gc", lrx_close},
                                         {"__tostring", lrx_tostring},
                                         {NULL, NULL}};
  if (luaL_newmetatable(L, PW_REGEX_MT)) { /* sets __name */
    luaL_setfuncs(L, metamethods, 0);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
  luaL_newlibtable(L, funcs);
  lua_createtable(L, 2, 1); /* the cache */
  lua_newtable(L);
  lua_rawseti(L, -2, CACHE_NEW);
  lua_newtable(L);
  lua_rawseti(L, -2, CACHE_OLD);
  lua_pushinteger(L, 0);
  lua_rawseti(L, -2, CACHE_COUNT);
  luaL_setfuncs(L, funcs, 1);
  return 1;
}
