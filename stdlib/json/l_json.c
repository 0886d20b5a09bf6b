/* l_json.c: the json module for scripts, a thin binding over json.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "json.h"
#include "l_json.h"

/* Registry names. The markers are the metatables json.decode gives arrays
** and json.array/json.object set; json.encode does not need them, it reads
** the `__jsontype` field of any metatable. */
#define PW_JSON_ARRAY_MT "pathway.json.array"
#define PW_JSON_OBJECT_MT "pathway.json.object"
#define PW_JSON_NULL_MT "pathway.json.null"        /* metatable of json.null */
#define PW_JSON_NULL_KEY "pathway.json.null.value" /* registry field: json.null */
#define PW_JSON_WRITER_MT "pathway.json.writer"    /* box owning encode's buffer */
#define PW_JSON_TREE_MT "pathway.json.tree"        /* box owning decode's cJSON tree */

/* Every function of the module shares these upvalues. */
#define NULL_IDX lua_upvalueindex(1)      /* json.null */
#define ARRAY_MT_IDX lua_upvalueindex(2)  /* the array marker metatable */
#define OBJECT_MT_IDX lua_upvalueindex(3) /* the object marker metatable */

/* ------------------------------------------------------------ C boxes */

/* The writer's buffer and the cJSON tree are C memory that must not leak
** when an error unwinds the stack (STYLE.md practice 3). Each lives in a
** userdata created empty before anything is allocated, marked
** to-be-closed so an error frees it at once, and with __gc as a backstop.
** Like lauxlib's UBox these boxes never reach scripts, so they carry only
** __gc and __close. */

static int writer_box_free(lua_State *L) {
  json_writer_free(lua_touserdata(L, 1));
  return 0;
}

static int tree_box_free(lua_State *L) {
  cJSON **tree = lua_touserdata(L, 1);
  cJSON_Delete(*tree); /* NULL-safe */
  *tree = NULL;
  return 0;
}

/* Create metatable `name` with __gc and __close set to `f`, once per
** state. [-0, +0, m] */
static void box_metatable(lua_State *L, const char *name, lua_CFunction f) {
  if (luaL_newmetatable(L, name)) {
    lua_pushcfunction(L, f);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, f);
    lua_setfield(L, -2, "__close");
  }
  lua_pop(L, 1);
}

/* ------------------------------------------------------------- encode */

/* One step from a container to the value inside it, for error paths. */
typedef struct path_step {
  int key;           /* stack index of the string key; 0 for an array element */
  lua_Integer index; /* 1-based element number when key is 0 */
} path_step;

/* State of one json.encode call. Lives on the C stack and owns nothing:
** everything it points to belongs to Lua (the writer sits in its box), so
** raising from anywhere in the walk leaks nothing. */
typedef struct encoder {
  lua_State *L;   /* state holding the value */
  json_writer *w; /* output, inside the writer box */
  int seen;       /* stack index of {table = true} for tables being encoded */
  int nsteps;     /* length of path: how deep the current value is */
  path_step path[PW_JSON_MAX_DEPTH + 1]; /* how the current value was reached from $ */
} encoder;

/* A string key copied into the sort array; the string itself is anchored in
** a Lua table for the whole encode_object call. */
typedef struct sorted_key {
  const char *s;    /* key bytes (owned by Lua) */
  size_t len;       /* their number */
  lua_Integer slot; /* index of the key in the anchoring table */
} sorted_key;

static int is_identifier(const char *s, size_t len) {
  if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
    return 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9')))
      return 0;
  }
  return 1;
}

/* Push the path of the current value, like "$.a[2]" or `$["a b"]`. A
** path of more than 16 steps keeps its first and last 8, joined by "...",
** so that a nesting error does not print a thousand steps. [-0, +1, m] */
static const char *push_path(encoder *e) {
  lua_State *L = e->L;
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_addchar(&b, '$');
  for (int i = 0; i < e->nsteps; i++) {
    if (e->nsteps > 16 && i == 8) {
      luaL_addstring(&b, "...");
      i = e->nsteps - 8;
    }
    if (e->path[i].key == 0) {
      lua_pushfstring(L, "[%I]", e->path[i].index);
      luaL_addvalue(&b);
      continue;
    }
    size_t len;
    const char *k = lua_tolstring(L, e->path[i].key, &len);
    if (is_identifier(k, len)) {
      luaL_addchar(&b, '.');
      luaL_addlstring(&b, k, len);
      continue;
    }
    luaL_addstring(&b, "[\"");
    for (size_t j = 0; j < len; j++) {
      unsigned char c = (unsigned char)k[j];
      if (c == '"' || c == '\\')
        luaL_addchar(&b, '\\');
      if (c < 0x20) {
        char esc[8];
        snprintf(esc, sizeof esc, "\\u%04x", c); /* as JSON would write it */
        luaL_addstring(&b, esc);
      } else {
        luaL_addchar(&b, (char)c);
      }
    }
    luaL_addstring(&b, "\"]");
  }
  luaL_pushresult(&b);
  return lua_tostring(L, -1);
}

/* Raise "json.encode: WHAT at PATH[AFTER]". [-0, +0, v] */
static int encode_fail(encoder *e, const char *what, const char *after) {
  const char *path = push_path(e);
  return luaL_error(e->L, "json.encode: %s at %s%s", what, path, after);
}

/* Raise for a failed writer call that is not about the value itself
** (in practice only "not enough memory"). [-0, +0, v] */
static void check_writer(encoder *e, int status) {
  if (status != JSON_OK)
    luaL_error(e->L, "json.encode: %s", e->w->errmsg);
}

static void encode_value(encoder *e, int idx);

/* Classification of a table by its marker and keys. */
enum table_kind {
  KIND_ARRAY, /* written as [...] from t[1..n] */
  KIND_OBJECT /* written as {...} from its string keys, sorted */
};

/* The `__jsontype` of the table at idx: 'a', 'o' or 0 when there is none.
** Raw access only, so no Lua code runs in the middle of encoding.
** [-0, +0, v] */
static int table_marker(encoder *e, int idx) {
  lua_State *L = e->L;
  if (!lua_getmetatable(L, idx))
    return 0;
  lua_pushliteral(L, "__jsontype");
  int t = lua_rawget(L, -2);
  const char *m = t == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  int marker = t == LUA_TNIL                   ? 0
               : m && strcmp(m, "array") == 0  ? 'a'
               : m && strcmp(m, "object") == 0 ? 'o'
                                               : -1;
  if (marker < 0)
    encode_fail(e, "__jsontype must be \"array\" or \"object\"", "");
  lua_pop(L, 2);
  return marker;
}

/* Decide how the table at idx is written (DESIGN: arrays are exactly the
** keys 1..n; objects have only string keys) and count its keys into *n.
** [-0, +0, v] */
static enum table_kind table_kind(encoder *e, int idx, size_t *n) {
  lua_State *L = e->L;
  int marker = table_marker(e, idx);
  size_t nstr = 0, nint = 0, nother = 0;
  lua_Integer max = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1); /* stack: ... key */
    if (lua_type(L, -1) == LUA_TSTRING) {
      nstr++;
    } else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
      nint++;
      if (lua_tointeger(L, -1) > max)
        max = lua_tointeger(L, -1);
    } else {
      nother++;
    }
  }
  int sequence = nstr == 0 && nother == 0 && (lua_Integer)nint == max;
  *n = nstr + nint + nother;
  if (marker == 'a') {
    if (!sequence)
      encode_fail(e, "array-marked table has keys other than 1..n", "");
    return KIND_ARRAY;
  }
  if (marker == 'o') {
    if (nint + nother > 0)
      encode_fail(e, "object-marked table has a non-string key", "");
    return KIND_OBJECT;
  }
  if (*n == 0 || nstr == *n)
    return KIND_OBJECT;
  if (!sequence)
    encode_fail(e, "mixed or sparse keys", " (keys must be 1..n or all strings)");
  return KIND_ARRAY;
}

/* [-0, +0, v] */
static void encode_array(encoder *e, int idx, size_t n) {
  lua_State *L = e->L;
  check_writer(e, json_begin_array(e->w));
  for (size_t i = 1; i <= n; i++) {
    e->path[e->nsteps++] = (path_step){0, (lua_Integer)i};
    lua_rawgeti(L, idx, (lua_Integer)i); /* stack: ... value */
    encode_value(e, lua_gettop(L));
    lua_pop(L, 1);
    e->nsteps--;
  }
  check_writer(e, json_end_array(e->w));
}

static int sorted_key_cmp(const void *a, const void *b) {
  const sorted_key *x = a, *y = b;
  int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
  return c != 0 ? c : x->len < y->len ? -1 : x->len > y->len;
}

/* Keys sorted bytewise, so equal tables always give equal text. The keys
** are copied into a Lua table first: a finalizer run by an allocation
** here could change the table being encoded, and the sort array's
** pointers must stay valid regardless. [-0, +0, v] */
static void encode_object(encoder *e, int idx, size_t n) {
  lua_State *L = e->L;
  if (n > (size_t)0x7FFFFFFF / sizeof(sorted_key))
    luaL_error(L, "json.encode: table too large");
  lua_createtable(L, (int)n, 0); /* stack: ... anchors */
  int anchors = lua_gettop(L);
  sorted_key *keys =
      lua_newuserdatauv(L, n * sizeof *keys + 1, 0); /* stack: ... anchors keys */
  size_t count = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING || count == n)
      continue;
    lua_pushvalue(L, -1);
    lua_rawseti(L, anchors, (lua_Integer)count + 1);
    keys[count].s = lua_tolstring(L, -1, &keys[count].len);
    keys[count].slot = (lua_Integer)count + 1;
    count++;
  }
  qsort(keys, count, sizeof *keys, sorted_key_cmp);
  check_writer(e, json_begin_object(e->w));
  for (size_t i = 0; i < count; i++) {
    lua_rawgeti(L, anchors, keys[i].slot); /* stack: ... key */
    /* json.decode could not read such a key back (docs/json.md) */
    if (memchr(keys[i].s, '\0', keys[i].len) != NULL)
      encode_fail(e, "key containing a NUL byte", " cannot be encoded");
    int status = json_write_key(e->w, keys[i].s, keys[i].len);
    if (status == JSON_EUTF8)
      encode_fail(e,
                  lua_pushfstring(L, "invalid UTF-8 at byte %I of a key",
                                  (lua_Integer)e->w->err_offset + 1),
                  "");
    check_writer(e, status);
    e->path[e->nsteps++] = (path_step){lua_gettop(L), 0};
    lua_pushvalue(L, -1);
    lua_rawget(L, idx); /* stack: ... key value */
    encode_value(e, lua_gettop(L));
    lua_pop(L, 2);
    e->nsteps--;
  }
  check_writer(e, json_end_object(e->w));
  lua_pop(L, 2);
}

/* [-0, +0, v] */
static void encode_table(encoder *e, int idx) {
  lua_State *L = e->L;
  luaL_checkstack(L, 8, "json.encode: nesting too deep");
  lua_pushvalue(L, idx);
  if (lua_rawget(L, e->seen) != LUA_TNIL)
    encode_fail(e, "table cycle", "");
  lua_pop(L, 1);
  if (e->nsteps >= PW_JSON_MAX_DEPTH)
    encode_fail(e, lua_pushfstring(L, "nesting deeper than %d", PW_JSON_MAX_DEPTH), "");
  size_t n;
  enum table_kind kind = table_kind(e, idx, &n);
  lua_pushvalue(L, idx);
  lua_pushboolean(L, 1);
  lua_rawset(L, e->seen);
  if (kind == KIND_ARRAY)
    encode_array(e, idx, n);
  else
    encode_object(e, idx, n);
  lua_pushvalue(L, idx);
  lua_pushnil(L);
  lua_rawset(L, e->seen); /* shared, non-cyclic references stay allowed */
}

/* Floats keep a ".0" or an exponent so that json.decode gives a float
** back: Lua's integer/float subtype survives the round trip. [-0, +0, v] */
static void encode_number(encoder *e, int idx) {
  lua_State *L = e->L;
  if (lua_isinteger(L, idx)) {
    check_writer(e, json_write_integer(e->w, (int64_t)lua_tointeger(L, idx)));
    return;
  }
  double d = (double)lua_tonumber(L, idx);
  if (isnan(d))
    encode_fail(e, "NaN", " cannot be encoded");
  if (isinf(d))
    encode_fail(e, d > 0 ? "inf" : "-inf", " cannot be encoded");
  check_writer(e, json_write_float(e->w, d));
}

/* Write the value at stack index idx. [-0, +0, v] */
static void encode_value(encoder *e, int idx) {
  lua_State *L = e->L;
  switch (lua_type(L, idx)) {
  case LUA_TNIL:
    check_writer(e, json_write_null(e->w));
    break;
  case LUA_TBOOLEAN:
    check_writer(e, json_write_boolean(e->w, lua_toboolean(L, idx)));
    break;
  case LUA_TNUMBER:
    encode_number(e, idx);
    break;
  case LUA_TSTRING: {
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    int status = json_write_string(e->w, s, len);
    if (status == JSON_EUTF8)
      encode_fail(e,
                  lua_pushfstring(L, "invalid UTF-8 at byte %I of string",
                                  (lua_Integer)e->w->err_offset + 1),
                  "");
    check_writer(e, status);
    break;
  }
  case LUA_TTABLE:
    if (lua_rawequal(L, idx, NULL_IDX))
      check_writer(e, json_write_null(e->w));
    else
      encode_table(e, idx);
    break;
  default: {
    const char *name = luaL_getmetafield(L, idx, "__name") == LUA_TSTRING
                           ? lua_tostring(L, -1)
                           : luaL_typename(L, idx);
    encode_fail(e, lua_pushfstring(L, "cannot encode a %s", name), "");
  }
  }
}

/* The indent width from json.encode's options table at arg (2 spaces when
** opts.indent is true). Unknown options are errors, so a misspelt one is
** not silently ignored. [-0, +0, v] */
static int encode_indent(lua_State *L, int arg) {
  int indent = 0;
  if (lua_isnoneornil(L, arg))
    return 0;
  luaL_checktype(L, arg, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, arg)) {
    const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
    if (k == NULL || strcmp(k, "indent") != 0)
      return luaL_argerror(
          L, arg, lua_pushfstring(L, "unknown option '%s'", luaL_tolstring(L, -2, NULL)));
    if (!lua_isboolean(L, -1))
      return luaL_argerror(L, arg, "option 'indent' must be a boolean");
    indent = lua_toboolean(L, -1) ? 2 : 0;
    lua_pop(L, 1);
  }
  return indent;
}

/* json.encode(v [, opts]) -> string. Raises on values JSON cannot hold. */
static int ljson_encode(lua_State *L) {
  luaL_checkany(L, 1);
  int indent = encode_indent(L, 2);
  lua_settop(L, 1);
  lua_newtable(L);                                     /* stack: v seen */
  json_writer *w = lua_newuserdatauv(L, sizeof *w, 0); /* stack: v seen box */
  void *ud;
  lua_Alloc alloc = lua_getallocf(L, &ud); /* output counts against --max-memory */
  json_writer_init(w, indent, alloc, ud);
  luaL_setmetatable(L, PW_JSON_WRITER_MT);
  lua_toclose(L, 3);
  encoder enc; /* ~16 KiB, less than the recursion itself may take at depth 1000 */
  encoder *e = &enc;
  e->L = L;
  e->w = w;
  e->seen = 2;
  e->nsteps = 0;
  encode_value(e, 1);
  const char *out;
  size_t len;
  check_writer(e, json_writer_finish(w, &out, &len));
  lua_pushlstring(L, out, len); /* stack: v seen box result */
  lua_closeslot(L, 3);
  return 1;
}

/* ------------------------------------------------------------- decode */

/* Push the Lua value of a json_parse tree node. Arrays get the array
** marker so that they encode as arrays again, even when empty.
** [-0, +1, m] */
static void push_item(lua_State *L, const cJSON *item) {
  luaL_checkstack(L, 4, "json.decode: nesting too deep");
  int count = 0;
  for (const cJSON *c = item->child; c != NULL && count < 0x7FFFFFFF; c = c->next)
    count++;
  switch (item->type & 0xFF) {
  case cJSON_False:
    lua_pushboolean(L, 0);
    break;
  case cJSON_True:
    lua_pushboolean(L, 1);
    break;
  case cJSON_Number: {
    int64_t i;
    if (json_number_integer(item, &i))
      lua_pushinteger(L, (lua_Integer)i);
    else
      lua_pushnumber(L, (lua_Number)item->valuedouble);
    break;
  }
  case cJSON_String: {
    size_t len;
    const char *s = json_string_value(item, &len);
    lua_pushlstring(L, s, len);
    break;
  }
  case cJSON_Array: {
    lua_createtable(L, count, 0);
    lua_Integer i = 1;
    for (const cJSON *c = item->child; c != NULL; c = c->next) {
      push_item(L, c);
      lua_rawseti(L, -2, i++);
    }
    lua_pushvalue(L, ARRAY_MT_IDX);
    lua_setmetatable(L, -2);
    break;
  }
  case cJSON_Object:
    lua_createtable(L, 0, count);
    for (const cJSON *c = item->child; c != NULL; c = c->next) {
      lua_pushstring(L, c->string);
      push_item(L, c);
      lua_rawset(L, -3);
    }
    break;
  default:
    lua_pushvalue(L, NULL_IDX);
    break;
  }
}

/* json.decode(s) -> value. Raises "json.decode: L:C: ..." on bad JSON. */
static int ljson_decode(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_settop(L, 1);
  cJSON **tree = lua_newuserdatauv(L, sizeof *tree, 0); /* stack: s box */
  *tree = NULL;
  luaL_setmetatable(L, PW_JSON_TREE_MT);
  lua_toclose(L, 2);
  char msg[JSON_ERRMSG_SIZE];
  if (json_parse(s, n, tree, msg, sizeof msg) != JSON_OK)
    return luaL_error(L, "json.decode: %s", msg);
  push_item(L, *tree); /* stack: s box value */
  lua_closeslot(L, 2);
  return 1;
}

/* ------------------------------------------------------ null, markers */

/* Set the marker metatable at mt on table argument 1 (or a new table).
** Refuses a table with some other metatable: replacing a class's
** metatable would break the object, and json.null must stay null.
** [-?, +1, v] */
static int mark_table(lua_State *L, int mt, int other_mt) {
  if (lua_isnoneornil(L, 1)) {
    lua_settop(L, 0);
    lua_newtable(L);
  } else {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    if (lua_getmetatable(L, 1)) {
      if (!lua_rawequal(L, -1, mt) && !lua_rawequal(L, -1, other_mt))
        return luaL_argerror(L, 1, "table already has a metatable");
      lua_pop(L, 1);
    }
  }
  lua_pushvalue(L, mt);
  lua_setmetatable(L, 1);
  return 1;
}

/* json.array([t]) -> t marked to encode as an array. */
static int ljson_array(lua_State *L) {
  return mark_table(L, ARRAY_MT_IDX, OBJECT_MT_IDX);
}

/* json.object([t]) -> t marked to encode as an object. */
static int ljson_object(lua_State *L) {
  return mark_table(L, OBJECT_MT_IDX, ARRAY_MT_IDX);
}

static int null_tostring(lua_State *L) {
  lua_pushliteral(L, "json.null");
  return 1;
}

static int null_newindex(lua_State *L) {
  return luaL_error(L, "json.null is read-only");
}

/* Push json.null, creating it on the first call in this state: an empty
** table whose protected metatable prints it and forbids writes. A table
** rather than a light userdata so that tostring and the REPL show
** "json.null"; the cost is that type(json.null) is "table". [-0, +1, m] */
static void push_null(lua_State *L) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, PW_JSON_NULL_KEY) == LUA_TTABLE)
    return;
  lua_pop(L, 1);
  lua_newtable(L);                             /* stack: null */
  if (luaL_newmetatable(L, PW_JSON_NULL_MT)) { /* stack: null mt */
    lua_pushcfunction(L, null_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushcfunction(L, null_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "json.null");
    lua_setfield(L, -2, "__metatable");
  }
  lua_setmetatable(L, -2);
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, PW_JSON_NULL_KEY);
}

/* Push marker metatable `name` ({__jsontype = type}), creating it on the
** first call in this state. [-0, +1, m] */
static void push_marker(lua_State *L, const char *name, const char *type) {
  if (luaL_newmetatable(L, name)) {
    lua_pushstring(L, type);
    lua_setfield(L, -2, "__jsontype");
  }
}

static const luaL_Reg json_funcs[] = {{"array", ljson_array},
                                      {"decode", ljson_decode},
                                      {"encode", ljson_encode},
                                      {"object", ljson_object},
                                      {NULL, NULL}};

/* [-0, +1, m] */
int luaopen_pathway_json(lua_State *L) {
  box_metatable(L, PW_JSON_WRITER_MT, writer_box_free);
  box_metatable(L, PW_JSON_TREE_MT, tree_box_free);
  luaL_newlibtable(L, json_funcs);
  push_null(L);
  push_marker(L, PW_JSON_ARRAY_MT, "array");
  push_marker(L, PW_JSON_OBJECT_MT, "object");
  luaL_setfuncs(L, json_funcs, 3); /* upvalues: null, array mt, object mt */
  push_null(L);
  lua_setfield(L, -2, "null");
  return 1;
}
