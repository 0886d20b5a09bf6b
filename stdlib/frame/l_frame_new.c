/* l_frame_new.c: frames and columns from Lua values: frame.new and the builders. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "l_frame_priv.h"

static const char *const type_names[] = {"int", "num", "bool", "date", "str", NULL};

frame_type lf_check_type(lua_State *L, int idx, int arg) {
  idx = lua_absindex(L, idx);
  const char *s = lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : NULL;
  for (int i = 0; s && type_names[i]; i++)
    if (strcmp(s, type_names[i]) == 0)
      return (frame_type)i;
  return (frame_type)luaL_argerror(
      L, arg,
      lua_pushfstring(L, "unknown type '%s' (int, num, bool, date or str)",
                      luaL_tolstring(L, idx, NULL)));
}

frame_builder *lf_push_builder(lua_State *L, int type, size_t hint) {
  frame_builder *b = lua_newuserdatauv(L, sizeof *b, 0);
  memset(b, 0, sizeof *b);
  luaL_setmetatable(L, LF_BUILDER_MT);
  frame_mem m = pw_frame_mem(L);
  int status, tried = 0;
  do
    status = frame_builder_init(b, &m, type, hint);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    lf_status_error(L, "frame", status);
  return b;
}

/* "got string 'abc'", "got number 2.5" for a value that does not fit. */
static const char *show_value(lua_State *L, int idx) {
  if (lua_type(L, idx) == LUA_TSTRING)
    return lua_pushfstring(L, "string '%s'", lua_tostring(L, idx));
  return lua_pushfstring(L, "%s %s", luaL_typename(L, idx), luaL_tolstring(L, idx, NULL));
}

void lf_builder_add(lua_State *L, frame_builder *b, int idx, const char *what,
                    const char *name, const char *unit, size_t row) {
  int status = FRAME_OK, tried = 0;
  idx = lua_absindex(L, idx);
  do {
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
      status = frame_builder_na(b);
      break;
    case LUA_TBOOLEAN:
      status = frame_builder_bool(b, lua_toboolean(L, idx));
      break;
    case LUA_TNUMBER:
      status = lua_isinteger(L, idx)
                   ? frame_builder_int(b, (int64_t)lua_tointeger(L, idx))
                   : frame_builder_num(b, (double)lua_tonumber(L, idx));
      break;
    case LUA_TSTRING: {
      size_t len;
      const char *s = lua_tolstring(L, idx, &len);
      int32_t days;
      if (!b->typed || b->type != FRAME_DATE)
        status = frame_builder_str(b, s, len);
      else if (frame_date_parse(s, len, &days) == 0)
        status = frame_builder_date(b, days);
      else
        luaL_error(L, "%s: column '%s', %s %I: '%s' is not a date (YYYY-MM-DD)", what,
                   name, unit, (lua_Integer)row, s);
      break;
    }
    default:
      luaL_error(L,
                 "%s: column '%s', %s %I: a %s is not a cell value (number, string, "
                 "boolean or nil)",
                 what, name, unit, (lua_Integer)row, luaL_typename(L, idx));
      return;
    }
  } while (lf_retry(L, status, &tried));
  if (status == FRAME_ETYPE)
    luaL_error(L, "%s: column '%s', %s %I: got %s in a%s %s column", what, name, unit,
               (lua_Integer)row, show_value(L, idx), b->type == FRAME_INT ? "n" : "",
               frame_type_name(b->type));
  if (status != FRAME_OK)
    lf_status_error(L, what, status);
}

frame_column *lf_builder_finish(lua_State *L, frame_builder *b, int fallback,
                                const char *what, const char *name) {
  int status, tried = 0;
  if (!b->typed) { /* all NA: the fallback type, or an error */
    if (fallback < 0)
      luaL_error(L,
                 "%s: column '%s' has no non-NA value to infer a type from (give it: "
                 "{types = {%s = \"int\"}} or another type)",
                 what, name, name);
    size_t n = b->n;
    frame_mem m = b->mem;
    frame_builder_free(b);
    do
      status = frame_builder_init(b, &m, fallback, n);
    while (lf_retry(L, status, &tried));
    for (size_t i = 0; i < n && status == FRAME_OK; i++)
      status = frame_builder_na(b);
    if (status != FRAME_OK)
      lf_status_error(L, what, status);
  }
  frame_column *c;
  tried = 0;
  do
    status = frame_builder_finish(b, &c);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    lf_status_error(L, what, status);
  return c;
}

/* ----------------------------------------------------------- frame.new */

size_t lf_array_length(lua_State *L, int t, const char *what, const char *name) {
  if (lua_getfield(L, t, "n") != LUA_TNIL) {
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 0)
      luaL_error(L, "%s: column '%s': field n must be a count", what, name);
    size_t n = (size_t)lua_tointeger(L, -1);
    lua_pop(L, 1);
    return n;
  }
  lua_pop(L, 1);
  lua_Integer max = 0;
  lua_pushnil(L);
  while (lua_next(L, t)) {
    lua_pop(L, 1);
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1)
      luaL_error(L, "%s: column '%s' must be an array of values", what, name);
    if (lua_tointeger(L, -1) > max)
      max = lua_tointeger(L, -1);
  }
  return (size_t)max;
}

static int name_cmp(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **lf_sorted_keys(lua_State *L, int t, int arg, size_t *n) {
  size_t count = 0;
  lua_pushnil(L);
  while (lua_next(L, t)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, arg, "column names (string keys) expected");
    count++;
  }
  const char **names = lua_newuserdatauv(L, count * sizeof *names, 0);
  size_t i = 0;
  lua_pushnil(L);
  while (lua_next(L, t)) { /* no code runs between the loops: same keys */
    lua_pop(L, 1);
    names[i++] = lua_tostring(L, -1);
  }
  qsort(names, count, sizeof *names, name_cmp);
  *n = count;
  return names;
}

/* The column names in their order: opts.order, else sorted. The strings
** stay alive in the columns table or the order table. [-0, +1, v] */
static const char **column_order(lua_State *L, int cols, int order, size_t *n) {
  if (order == 0)
    return lf_sorted_keys(L, cols, 1, n);
  size_t count = 0;
  lua_pushnil(L);
  while (lua_next(L, cols)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, 1, "column names (string keys) expected");
    count++;
  }
  const char **names = lua_newuserdatauv(L, count * sizeof *names, 0);
  if ((size_t)lua_rawlen(L, order) != count)
    luaL_argerror(L, 2, "order must name every column once");
  for (size_t i = 0; i < count; i++) {
    if (lua_rawgeti(L, order, (lua_Integer)i + 1) != LUA_TSTRING)
      luaL_argerror(L, 2, "order must name every column once");
    names[i] = lua_tostring(L, -1);
    if (lua_rawget(L, cols) == LUA_TNIL) /* pops the name */
      luaL_argerror(L, 2, "order must name every column once");
    lua_pop(L, 1);
    for (size_t k = 0; k < i; k++)
      if (strcmp(names[k], names[i]) == 0)
        luaL_argerror(L, 2, "order must name every column once");
  }
  *n = count;
  return names;
}

/* opts.types[name] as a type, or -1. */
static int given_type(lua_State *L, int types, const char *name) {
  if (types == 0)
    return -1;
  int t = lua_getfield(L, types, name) == LUA_TNIL ? -1 : (int)lf_check_type(L, -1, 2);
  lua_pop(L, 1);
  return t;
}

/* Check the options of frame.new: only types and order, types naming columns. */
static void new_options(lua_State *L, int *types, int *order) {
  *types = *order = 0;
  if (lua_isnoneornil(L, 2))
    return;
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, 2)) {
    const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
    if (strcmp(k, "types") && strcmp(k, "order"))
      luaL_argerror(
          L, 2, lua_pushfstring(L, "unknown option '%s'", luaL_tolstring(L, -2, NULL)));
    if (!lua_istable(L, -1))
      luaL_argerror(L, 2, lua_pushfstring(L, "%s must be a table", k));
    lua_pop(L, 1);
  }
  if (lua_getfield(L, 2, "types") == LUA_TTABLE) {
    *types = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, *types)) {
      lua_pop(L, 1); /* stack: ... key */
      int known = 0;
      if (lua_type(L, -1) == LUA_TSTRING) {
        lua_pushvalue(L, -1);
        known = lua_rawget(L, 1) != LUA_TNIL;
        lua_pop(L, 1);
      }
      if (!known)
        luaL_argerror(L, 2,
                      lua_pushfstring(L, "types names '%s', which is not a column",
                                      luaL_tolstring(L, -1, NULL)));
    }
  }
  if (lua_getfield(L, 2, "order") == LUA_TTABLE)
    *order = lua_gettop(L);
}

/* One column of frame.new from the value at v (an array or a column). The
** new column is owned by the caller. */
static frame_column *new_column(lua_State *L, int v, const char *name, int type,
                                size_t nrow) {
  frame_column *c = lf_test_column(L, v);
  if (c != NULL) {
    if (type >= 0 && (frame_type)type != c->type)
      luaL_error(L, "frame.new: column '%s' is a %s column, not %s", name,
                 frame_type_name(c->type), frame_type_name((frame_type)type));
    frame_column_ref(c);
    return c;
  }
  frame_builder *b = lf_push_builder(L, type, nrow); /* stack: ... builder */
  for (size_t i = 1; i <= nrow; i++) {
    lua_rawgeti(L, v, (lua_Integer)i);
    lf_builder_add(L, b, -1, "frame.new", name, "row", i);
    lua_pop(L, 1);
  }
  c = lf_builder_finish(L, b, type, "frame.new", name);
  lua_pop(L, 1);
  return c;
}

/* The array form, frame.new{{name, [type,] values}, ...}: columns in
** order with their types, rewritten as the named form with options. */
static void array_form(lua_State *L) {
  if (!lua_isnoneornil(L, 2))
    luaL_argerror(L, 2, "no options with columns given as {name, type, values}");
  lua_settop(L, 1);
  size_t n = (size_t)lua_rawlen(L, 1);
  lua_newtable(L);          /* stack: spec cols */
  lua_createtable(L, 0, 2); /* stack: spec cols opts */
  lua_createtable(L, (int)n, 0);
  lua_setfield(L, 3, "order");
  lua_newtable(L);
  lua_setfield(L, 3, "types");
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1 ||
        (size_t)lua_tointeger(L, -2) > n || !lua_istable(L, -1))
      luaL_argerror(L, 1,
                    "columns as {name = values, ...} or {{name, type, values}, ...}");
    lua_pop(L, 1);
  }
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, 1, (lua_Integer)i); /* stack: spec cols opts entry */
    int e = lua_gettop(L), three = lua_rawlen(L, e) >= 3;
    if (lua_rawgeti(L, e, 1) != LUA_TSTRING ||          /* stack: ... entry name */
        lua_rawgeti(L, e, three ? 3 : 2) != LUA_TTABLE) /* stack: ... entry name values */
      luaL_argerror(
          L, 1,
          lua_pushfstring(L, "column %I: {name, type, values} expected", (lua_Integer)i));
    lua_pushvalue(L, -2);
    if (lua_rawget(L, 2) != LUA_TNIL)
      luaL_argerror(L, 1,
                    lua_pushfstring(L, "column '%s' given twice", lua_tostring(L, -3)));
    lua_pop(L, 1);
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, 2); /* cols[name] = values; stack: ... entry name */
    lua_getfield(L, 3, "order");
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, (lua_Integer)i);
    lua_pop(L, 1);
    if (three && lua_rawgeti(L, e, 2) != LUA_TNIL) { /* stack: ... entry name type */
      lua_getfield(L, 3, "types");
      lua_pushvalue(L, -3);
      lua_pushvalue(L, -3);
      lua_rawset(L, -3);
      lua_pop(L, 1);
    }
    lua_settop(L, 3);
  }
  lua_copy(L, 2, 1); /* stack: cols cols opts */
  lua_replace(L, 2); /* stack: cols opts */
}

/* frame.new({name = {values...} | column, ...} [, {types = {...}, order = {...}}])
** or frame.new{{name, type, {values...}}, ...} */
int lf_new(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  if (lua_rawlen(L, 1) > 0)
    array_form(L);
  int types, order;
  new_options(L, &types, &order);
  size_t n;
  const char **names = column_order(L, 1, order, &n);
  size_t nrow = 0;
  for (size_t j = 0; j < n; j++) {
    lua_getfield(L, 1, names[j]);
    frame_column *c = lf_test_column(L, -1);
    if (c == NULL && !lua_istable(L, -1))
      luaL_argerror(
          L, 1, lua_pushfstring(L, "column '%s' must be an array or a column", names[j]));
    size_t len = c ? c->n : lf_array_length(L, lua_gettop(L), "frame.new", names[j]);
    if (j > 0 && len != nrow)
      luaL_error(L,
                 "frame.new: column '%s' has %I values but column '%s' has %I (a column "
                 "ending in nil needs its length: {..., n = N})",
                 names[j], (lua_Integer)len, names[0], (lua_Integer)nrow);
    nrow = len;
    lua_pop(L, 1);
  }
  if (nrow > PW_FRAME_MAX_ROWS)
    luaL_error(L, "frame.new: too many rows");
  frame_mem m = pw_frame_mem(L);
  frame *f;
  int tried = 0;
  while ((f = frame_new(&m, nrow)) == NULL)
    if (!lf_retry(L, FRAME_ENOMEM, &tried))
      return lf_status_error(L, "frame.new", FRAME_ENOMEM);
  pw_frame_push(L, f); /* stack: ... frame; owned by Lua from here */
  for (size_t j = 0; j < n; j++) {
    lua_getfield(L, 1, names[j]);
    frame_column *c =
        new_column(L, lua_gettop(L), names[j], given_type(L, types, names[j]), nrow);
    int status;
    tried = 0;
    do
      status = frame_add(f, names[j], c);
    while (lf_retry(L, status, &tried));
    frame_column_unref(c); /* the frame's reference, or none on failure */
    if (status != FRAME_OK)
      return lf_status_error(L, "frame.new", status);
    lua_pop(L, 1);
  }
  return 1;
}
