/* l_frame_fn.c: the Lua-function forms: rows, to_rows, filter, mutate, summarise. */
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "l_frame_priv.h"

/* A script's function may close the frame it is given (a <close> variable,
** or frame:__close()); every loop below looks at the box again after each
** call, so a closed frame is an error and never a dangling pointer. */

void lf_push_names(lua_State *L, const frame *f) {
  lua_createtable(L, (int)f->ncol, 0);
  for (size_t j = 0; j < f->ncol; j++) {
    lua_pushstring(L, f->names[j]);
    lua_rawseti(L, -2, (lua_Integer)j + 1);
  }
}

void lf_push_row(lua_State *L, const frame *f, int names, size_t row) {
  names = lua_absindex(L, names);
  lua_createtable(L, 0, (int)f->ncol);
  for (size_t j = 0; j < f->ncol; j++) {
    if (frame_is_na(f->cols[j], row))
      continue; /* NA is nil: the key is absent */
    lua_rawgeti(L, names, (lua_Integer)j + 1);
    lf_push_cell(L, f->cols[j], row);
    lua_rawset(L, -3);
  }
}

static frame *check_open(lua_State *L, const lf_frame_box *box, const frame *f,
                         const char *what) {
  if (box->f != f)
    luaL_error(L, "%s: the frame was closed while it was being read", what);
  return box->f;
}

/* Upvalues: 1 the frame userdata, 2 its names, 3 the rows done. */
static int rows_next(lua_State *L) {
  lf_frame_box *box = lua_touserdata(L, lua_upvalueindex(1));
  if (box->f == NULL)
    return luaL_error(L, "rows: the frame was closed");
  lua_Integer i = lua_tointeger(L, lua_upvalueindex(3));
  if ((size_t)i >= box->f->nrow)
    return 0;
  lf_push_row(L, box->f, lua_upvalueindex(2), (size_t)i);
  lua_pushinteger(L, i + 1);
  lua_pushvalue(L, -1);
  lua_replace(L, lua_upvalueindex(3));
  return 2;
}

/* frame:rows() -> iterator of (row, i): a fresh table for every row, so a
** script may keep rows it is given. */
int lf_rows(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  lua_settop(L, 1);
  lf_push_names(L, f);
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, rows_next, 3);
  return 1;
}

int lf_to_rows(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  lua_settop(L, 1);
  lf_push_names(L, f); /* stack: frame names */
  lua_createtable(L, f->nrow > 0x7fffffff ? 0x7fffffff : (int)f->nrow, 0);
  for (size_t i = 0; i < f->nrow; i++) {
    lf_push_row(L, f, 2, i);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* ------------------------------------------------------------- filter */

int pw_frame_filter_fn(lua_State *L) {
  lf_frame_box *box = lf_check_box(L, 1);
  if (lua_type(L, 2) == LUA_TSTRING)
    return luaL_argerror(L, 2, LF_NO_EXPR);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_settop(L, 2);
  frame *f = box->f;
  uint8_t *mask = lua_newuserdatauv(L, f->nrow, 0); /* stack: frame fn mask */
  lf_push_names(L, f);                              /* stack: frame fn mask names */
  for (size_t i = 0; i < f->nrow; i++) {
    lua_pushvalue(L, 2);
    lf_push_row(L, f, 4, i);
    lua_call(L, 1, 1);
    mask[i] = (uint8_t)lua_toboolean(L, -1); /* nil (an NA result) drops the row */
    lua_pop(L, 1);
    f = check_open(L, box, f, "filter");
  }
  frame *r;
  int status, tried = 0;
  do
    status = frame_filter(f, mask, &r);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, "filter", status);
  pw_frame_push(L, r);
  return 1;
}

/* ------------------------------------------------------------- mutate */

/* Check a spec table (mutate's or summarise's) and the types option;
** returns the stack index of opts.types or 0. Functions always pass; with
** `arrays`, tables and columns too. */
static int check_spec(lua_State *L, int spec, int opts, int arrays, const char *kinds,
                      int allow_by) {
  lua_pushnil(L);
  while (lua_next(L, spec)) {
    int t = lua_type(L, -1);
    if (t == LUA_TSTRING)
      luaL_argerror(L, spec, LF_NO_EXPR);
    if (lua_type(L, -2) != LUA_TSTRING ||
        !(t == LUA_TFUNCTION || (arrays && (t == LUA_TTABLE || lf_test_column(L, -1)))))
      luaL_argerror(L, spec, lua_pushfstring(L, "table of name = %s expected", kinds));
    lua_pop(L, 1);
  }
  if (lua_isnoneornil(L, opts))
    return 0;
  luaL_checktype(L, opts, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, opts)) {
    const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
    if (allow_by && strcmp(k, "by") == 0) {
      lua_pop(L, 1);
      continue;
    }
    if (strcmp(k, "types") != 0 || !lua_istable(L, -1))
      luaL_argerror(L, opts,
                    allow_by ? "options: types = {name = \"int\" | ...}, by = {col, ...}"
                             : "only option: types = {name = \"int\" | \"num\" | ...}");
    lua_pop(L, 1);
  }
  if (lua_getfield(L, opts, "types") != LUA_TTABLE) {
    lua_pop(L, 1);
    return 0;
  }
  lua_pushnil(L); /* every typed name must be computed here */
  while (lua_next(L, -2)) {
    lua_pop(L, 1);
    int known = 0;
    if (lua_type(L, -1) == LUA_TSTRING) {
      lua_pushvalue(L, -1);
      known = lua_rawget(L, spec) != LUA_TNIL;
      lua_pop(L, 1);
    }
    if (!known)
      luaL_argerror(L, opts,
                    lua_pushfstring(L, "types names '%s', which is not in the spec",
                                    luaL_tolstring(L, -1, NULL)));
  }
  return lua_gettop(L);
}

/* opts.types[name] as a type, or -1. */
static int spec_type(lua_State *L, int types, int opts, const char *name) {
  if (types == 0)
    return -1;
  int t = lua_getfield(L, types, name) == LUA_TNIL ? -1 : (int)lf_check_type(L, -1, opts);
  lua_pop(L, 1);
  return t;
}

/* A mutate column computed by fn(row) for each row of the input frame. */
static void mutate_by_function(lua_State *L, lf_frame_box *box, int fn, int names,
                               frame_builder *b, const char *name) {
  frame *f = box->f;
  for (size_t i = 0; i < f->nrow; i++) {
    lua_pushvalue(L, fn);
    lf_push_row(L, f, names, i);
    lua_call(L, 1, 1);
    f = check_open(L, box, f, "mutate");
    lf_builder_add(L, b, -1, "mutate", name, "row", i + 1);
    lua_pop(L, 1);
  }
}

/* A mutate column from a Lua array of exactly nrow values. */
static void mutate_by_array(lua_State *L, int t, size_t nrow, frame_builder *b,
                            const char *name) {
  size_t len = lf_array_length(L, t, "mutate", name);
  if (len != nrow)
    luaL_error(L, "mutate: column '%s' has %I values for %I rows", name, (lua_Integer)len,
               (lua_Integer)nrow);
  for (size_t i = 1; i <= nrow; i++) {
    lua_rawgeti(L, t, (lua_Integer)i);
    lf_builder_add(L, b, -1, "mutate", name, "row", i);
    lua_pop(L, 1);
  }
}

/* The column `name` of mutate from the spec's value at v. The result is
** owned by the caller. */
static frame_column *mutate_column(lua_State *L, lf_frame_box *box, int v, int names,
                                   int given, const char *name) {
  frame *f = box->f;
  frame_column *c = lf_test_column(L, v);
  if (c != NULL) {
    if (c->n != f->nrow)
      luaL_error(L, "mutate: column '%s' has %I rows, the frame %I", name,
                 (lua_Integer)c->n, (lua_Integer)f->nrow);
    frame_column_ref(c);
    return c;
  }
  /* Replacing a column: its type is the fallback of an all-NA result, and
     a date column keeps reading strings as dates. */
  long old = frame_find(f, name);
  int fallback = given >= 0 ? given : old >= 0 ? (int)f->cols[old]->type : -1;
  int type = given >= 0 ? given : fallback == FRAME_DATE ? FRAME_DATE : -1;
  frame_builder *b = lf_push_builder(L, type, f->nrow); /* stack: ... builder */
  if (lua_isfunction(L, v))
    mutate_by_function(L, box, v, names, b, name);
  else
    mutate_by_array(L, v, f->nrow, b, name);
  c = lf_builder_finish(L, b, fallback, "mutate", name);
  lua_pop(L, 1);
  return c;
}

int pw_frame_mutate_fn(lua_State *L) {
  lf_frame_box *box = lf_check_box(L, 1);
  if (lua_type(L, 2) == LUA_TSTRING)
    return luaL_argerror(L, 2, LF_NO_EXPR);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 3);
  int types = check_spec(L, 2, 3, 1, "function, array or column", 0);
  size_t n;
  const char **keys = lf_sorted_keys(L, 2, 2, &n);
  lf_push_names(L, box->f);
  int names = lua_gettop(L);
  frame *r;
  int status, tried = 0;
  do
    status = frame_copy(box->f, &r);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, "mutate", status);
  pw_frame_push(L, r); /* stack: ... result */
  for (size_t k = 0; k < n; k++) {
    int given = spec_type(L, types, 3, keys[k]);
    lua_getfield(L, 2, keys[k]);
    frame_column *c = mutate_column(L, box, lua_gettop(L), names, given, keys[k]);
    tried = 0;
    do
      status = frame_set(r, keys[k], c);
    while (lf_retry(L, status, &tried));
    frame_column_unref(c);
    if (status != FRAME_OK)
      return lf_status_error(L, "mutate", status);
    lua_pop(L, 1);
  }
  return 1;
}

/* ---------------------------------------------------------- summarise */

/* The key columns of summarise's option by = "col" | {"col", ...}, as a
** userdata array pushed; none: NULL and nothing pushed. */
static size_t *by_keys(lua_State *L, const frame *f, size_t *n) {
  *n = 0;
  if (!lua_istable(L, 3))
    return NULL;
  int t = lua_getfield(L, 3, "by");
  if (t == LUA_TNIL) {
    lua_pop(L, 1);
    return NULL;
  }
  int by = lua_gettop(L);
  size_t count = t == LUA_TSTRING ? 1 : t == LUA_TTABLE ? (size_t)lua_rawlen(L, by) : 0;
  if (count == 0)
    luaL_argerror(L, 3, "by must be a column name or an array of names");
  size_t *keys = lua_newuserdatauv(L, count * sizeof *keys, 0);
  for (size_t i = 0; i < count; i++) {
    if (t == LUA_TTABLE && lua_rawgeti(L, by, (lua_Integer)i + 1) != LUA_TSTRING)
      luaL_argerror(L, 3, "by must be a column name or an array of names");
    keys[i] = lf_find_column(L, f, 3, lua_tostring(L, t == LUA_TTABLE ? -1 : by));
    if (t == LUA_TTABLE)
      lua_pop(L, 1);
    for (size_t k = 0; k < i; k++)
      if (keys[k] == keys[i])
        luaL_argerror(L, 3,
                      lua_pushfstring(L, "column '%s' given twice", f->names[keys[i]]));
  }
  lua_remove(L, by);
  *n = count;
  return keys;
}

/* The groups summarise works on: the grouped frame's, or (for a plain
** frame) those of its option `by` (one group of all rows without it),
** held by a temporary grouped box. */
static const frame_groups *summarise_groups(lua_State *L, frame **f, int *frame_idx,
                                            lf_grouped_box **gbox) {
  if (luaL_testudata(L, 1, PW_GROUPED_MT)) {
    const frame_groups *g = pw_grouped_check(L, 1, f);
    if (lua_istable(L, 3) && lua_getfield(L, 3, "by") != LUA_TNIL)
      luaL_argerror(L, 3, "by: the frame is grouped already");
    lua_settop(L, 3);
    *gbox = lua_touserdata(L, 1);
    lua_getiuservalue(L, 1, 1);
    *frame_idx = lua_gettop(L);
    return g;
  }
  *f = pw_frame_check(L, 1);
  *frame_idx = 1;
  size_t nkeys;
  size_t *keys = by_keys(L, *f, &nkeys);
  lf_grouped_box *box = lua_newuserdatauv(L, sizeof *box, 1);
  box->g = NULL;
  *gbox = box;
  luaL_setmetatable(L, PW_GROUPED_MT);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  int status, tried = 0;
  do
    status = frame_group(*f, keys, nkeys, &box->g);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    lf_status_error(L, "summarise", status);
  return box->g;
}

/* Call each fn with the frame of group gi and add its result. */
static void summarise_group(lua_State *L, const frame *f, const frame_groups *g,
                            size_t gi, const char **keys, size_t n, int builders) {
  frame *sub;
  int status, tried = 0;
  do
    status = frame_take(f, g->rows + g->start[gi], g->start[gi + 1] - g->start[gi], &sub);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    lf_status_error(L, "summarise", status);
  pw_frame_push(L, sub); /* stack: ... group */
  for (size_t k = 0; k < n; k++) {
    lua_getfield(L, 2, keys[k]);
    lua_pushvalue(L, -2);
    lua_call(L, 1, 1);
    frame_builder *b = lua_touserdata(L, builders + (int)k);
    lf_builder_add(L, b, -1, "summarise", keys[k], "group", gi + 1);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

int pw_frame_summarise_fn(lua_State *L) {
  if (lua_type(L, 2) == LUA_TSTRING)
    return luaL_argerror(L, 2, LF_NO_EXPR);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 3);
  frame *f;
  int frame_idx;
  lf_grouped_box *gbox;
  const frame_groups *g = summarise_groups(L, &f, &frame_idx, &gbox);
  lf_frame_box *fbox = lua_touserdata(L, frame_idx);
  int types = check_spec(L, 2, 3, 0, "function", 1);
  size_t n;
  const char **keys = lf_sorted_keys(L, 2, 2, &n);
  for (size_t k = 0; k < n; k++)
    for (size_t j = 0; j < g->nkeys; j++)
      if (strcmp(keys[k], f->names[g->keys[j]]) == 0)
        return luaL_argerror(L, 2, lua_pushfstring(L, "'%s' is a group key", keys[k]));
  frame *r;
  int status, tried = 0;
  do
    status = frame_group_keys(f, g, &r);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, "summarise", status);
  pw_frame_push(L, r); /* stack: ... result */
  int result = lua_gettop(L);
  luaL_checkstack(L, (int)n + 8, "summarise: too many columns");
  for (size_t k = 0; k < n; k++)
    lf_push_builder(L, spec_type(L, types, 3, keys[k]), g->ngroups);
  for (size_t gi = 0; gi < g->ngroups; gi++) {
    summarise_group(L, f, g, gi, keys, n, result + 1);
    f = check_open(L, fbox, f, "summarise");
    if (gbox->g != g)
      return luaL_error(L, "summarise: the grouped frame was closed while it was read");
  }
  for (size_t k = 0; k < n; k++) {
    frame_builder *b = lua_touserdata(L, result + 1 + (int)k);
    frame_column *c =
        lf_builder_finish(L, b, spec_type(L, types, 3, keys[k]), "summarise", keys[k]);
    tried = 0;
    do
      status = frame_add(r, keys[k], c);
    while (lf_retry(L, status, &tried));
    frame_column_unref(c);
    if (status != FRAME_OK)
      return lf_status_error(L, "summarise", status);
  }
  lua_settop(L, result);
  return 1;
}
