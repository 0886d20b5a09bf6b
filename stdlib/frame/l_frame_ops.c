/* l_frame_ops.c: frame methods over key columns: sort, distinct, count, group_by, join.
 */
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "host.h"
#include "l_frame_priv.h"

/* Row order arrays live in userdata (STYLE.md practice 3): an error
** between their allocation and their last use frees them with the rest. */
static frame_row *push_rows(lua_State *L, size_t n) {
  if (n > PW_FRAME_MAX_ROWS)
    luaL_error(L, "frame of %I rows is too large", (lua_Integer)n);
  return lua_newuserdatauv(L, n * sizeof(frame_row), 0);
}

/* sort's {desc = true | false | {col = true, ...}} into desc[0..n). */
static void sort_options(lua_State *L, const frame *f, int opts, const size_t *keys,
                         size_t n, uint8_t *desc) {
  lua_pushnil(L);
  while (lua_next(L, opts)) {
    const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
    if (k == NULL || strcmp(k, "desc") != 0)
      luaL_argerror(
          L, opts,
          lua_pushfstring(L, "unknown option '%s'", luaL_tolstring(L, -2, NULL)));
    if (lua_isboolean(L, -1)) {
      memset(desc, lua_toboolean(L, -1), n);
    } else if (lua_istable(L, -1)) {
      int t = lua_gettop(L);
      lua_pushnil(L);
      while (lua_next(L, t)) {
        if (lua_type(L, -2) != LUA_TSTRING || !lua_isboolean(L, -1))
          luaL_argerror(L, opts, "desc must be a boolean or a table of column = boolean");
        size_t j = lf_find_column(L, f, opts, lua_tostring(L, -2)), i = 0;
        while (i < n && keys[i] != j)
          i++;
        if (i == n)
          luaL_argerror(L, opts,
                        lua_pushfstring(L, "desc names '%s', which is not a sort key",
                                        lua_tostring(L, -2)));
        desc[i] = (uint8_t)lua_toboolean(L, -1);
        lua_pop(L, 1);
      }
    } else {
      luaL_argerror(L, opts, "desc must be a boolean or a table of column = boolean");
    }
    lua_pop(L, 1);
  }
}

/* frame:sort(col, ... [, {desc = ...}]) -> frame, stable; NA last. */
int lf_sort(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  pw_host_count_rows(L, f->nrow);
  int top = lua_gettop(L), opts = 0;
  if (top >= 2 && lua_type(L, top) == LUA_TTABLE)
    opts = top--;
  if (top < 2)
    return luaL_argerror(L, 2, "column name expected");
  size_t n;
  size_t *keys = lf_check_names(L, f, 2, top, 0, &n);
  uint8_t *desc = lua_newuserdatauv(L, n, 0);
  memset(desc, 0, n);
  if (opts)
    sort_options(L, f, opts, keys, n, desc);
  frame_row *order = push_rows(L, f->nrow);
  int status, tried = 0;
  do
    status = frame_order(f, keys, desc, n, order);
  while (lf_retry(L, status, &tried));
  size_t moved = 0;
  for (size_t i = 0; i < f->nrow && status == FRAME_OK; i++)
    moved += order[i] != i;
  frame *r;
  tried = 0;
  if (status == FRAME_OK) {
    do /* already in order: share every column */
      status = moved ? frame_take(f, order, f->nrow, &r) : frame_copy(f, &r);
    while (lf_retry(L, status, &tried));
  }
  if (status != FRAME_OK)
    return lf_status_error(L, "sort", status);
  pw_frame_push(L, r);
  return 1;
}

/* frame:distinct(col, ...) -> frame of those columns (all when none). */
int lf_distinct(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  pw_host_count_rows(L, f->nrow);
  size_t n;
  size_t *cols = lf_check_names(L, f, 2, lua_gettop(L), 1, &n);
  frame *r;
  int status, tried = 0;
  do
    status = frame_distinct(f, cols, n, &r);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, "distinct", status);
  pw_frame_push(L, r);
  return 1;
}

/* frame:count(col, ...) -> frame of the keys and n, in key order. */
int lf_count(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  pw_host_count_rows(L, f->nrow);
  size_t n;
  size_t *keys = lf_check_names(L, f, 2, lua_gettop(L), 1, &n);
  frame *r;
  int status, tried = 0;
  do
    status = frame_count(f, keys, n, &r);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, "count", status);
  pw_frame_push(L, r);
  return 1;
}

/* frame:group_by(col, ...) -> grouped frame; the groups are computed now. */
int lf_group_by(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  pw_host_count_rows(L, f->nrow);
  size_t n;
  size_t *keys = lf_check_names(L, f, 2, lua_gettop(L), 1, &n);
  if (n == 0)
    return luaL_argerror(L, 2, "column name expected");
  lf_grouped_box *box = lua_newuserdatauv(L, sizeof *box, 1); /* stack: ... keys box */
  box->g = NULL;
  luaL_setmetatable(L, PW_GROUPED_MT);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1); /* the grouped frame keeps its frame alive */
  frame_groups *g;
  int status, tried = 0;
  do
    status = frame_group(f, keys, n, &g);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, "group_by", status);
  box->g = g;
  return 1;
}

/* ------------------------------------------------------------- join */

/* The key pairs of join's `on` into xk, yk (userdata of room for all).
** Array entries name a column of both frames; name = other entries pair
** x's column with y's, in name order. Returns the number of pairs. */
static size_t join_keys(lua_State *L, const frame *x, const frame *y, int opts, int on,
                        size_t *xk, size_t *yk) {
  if (lua_type(L, on) == LUA_TSTRING) {
    xk[0] = lf_find_column(L, x, 1, lua_tostring(L, on));
    yk[0] = lf_find_column(L, y, 2, lua_tostring(L, on));
    return 1;
  }
  size_t n = 0, narray = (size_t)lua_rawlen(L, on);
  for (size_t i = 1; i <= narray; i++) {
    if (lua_rawgeti(L, on, (lua_Integer)i) != LUA_TSTRING)
      luaL_argerror(L, opts, "on: column names expected");
    xk[n] = lf_find_column(L, x, 1, lua_tostring(L, -1));
    yk[n++] = lf_find_column(L, y, 2, lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  size_t first_named = n;
  lua_pushnil(L);
  while (lua_next(L, on)) {
    if (lua_type(L, -2) == LUA_TSTRING) {
      if (lua_type(L, -1) != LUA_TSTRING)
        luaL_argerror(L, opts, "on: x_column = y_column expected");
      size_t xj = lf_find_column(L, x, 1, lua_tostring(L, -2));
      size_t yj = lf_find_column(L, y, 2, lua_tostring(L, -1));
      size_t at = n++; /* insertion by x's name: pairs() has no order */
      while (at > first_named && strcmp(x->names[xk[at - 1]], x->names[xj]) > 0) {
        xk[at] = xk[at - 1];
        yk[at] = yk[at - 1];
        at--;
      }
      xk[at] = xj;
      yk[at] = yj;
    } else if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1 ||
               (size_t)lua_tointeger(L, -2) > narray) {
      luaL_argerror(L, opts, "on: column names expected");
    }
    lua_pop(L, 1);
  }
  return n;
}

/* Check the pairs: keys present once, of types that can be equal. */
static void check_join_keys(lua_State *L, const frame *x, const frame *y, int opts,
                            const size_t *xk, const size_t *yk, size_t n) {
  if (n == 0)
    luaL_argerror(L, opts, "on: at least one key column expected");
  for (size_t i = 0; i < n; i++) {
    frame_type tx = x->cols[xk[i]]->type, ty = y->cols[yk[i]]->type;
    int numeric =
        (tx == FRAME_INT || tx == FRAME_NUM) && (ty == FRAME_INT || ty == FRAME_NUM);
    if (tx != ty && !numeric)
      luaL_argerror(L, opts,
                    lua_pushfstring(L, "key '%s' is %s in x but '%s' is %s in y",
                                    x->names[xk[i]], frame_type_name(tx), y->names[yk[i]],
                                    frame_type_name(ty)));
    for (size_t k = 0; k < i; k++)
      if (xk[k] == xk[i] || yk[k] == yk[i])
        luaL_argerror(L, opts,
                      lua_pushfstring(L, "key '%s' given twice", x->names[xk[i]]));
  }
}

/* join's suffix = {"_x", "_y"}. */
static void join_suffix(lua_State *L, int opts, frame_join_spec *spec) {
  spec->suffix_x = "_x";
  spec->suffix_y = "_y";
  int t = lua_getfield(L, opts, "suffix");
  if (t != LUA_TNIL) {
    if (t != LUA_TTABLE || lua_rawgeti(L, -1, 1) != LUA_TSTRING ||
        lua_rawgeti(L, -2, 2) != LUA_TSTRING || lua_rawlen(L, -3) != 2)
      luaL_argerror(L, opts, "suffix must be two strings, like {\"_x\", \"_y\"}");
    spec->suffix_x = lua_tostring(L, -2); /* alive in the options table */
    spec->suffix_y = lua_tostring(L, -1);
    if (*spec->suffix_x == '\0' || *spec->suffix_y == '\0' ||
        strcmp(spec->suffix_x, spec->suffix_y) == 0)
      luaL_argerror(L, opts, "suffix must be two different, non-empty strings");
    lua_pop(L, 2);
  }
  lua_pop(L, 1);
}

/* frame:join(other, {on = ..., how = "inner" | "left" | "right" | "full",
** suffix = {"_x", "_y"}}) -> frame */
int lf_join(lua_State *L) {
  static const char *const hows[] = {"inner", "left", "right", "full", NULL};
  frame *x = pw_frame_check(L, 1), *y = pw_frame_check(L, 2);
  pw_host_count_rows(L, x->nrow + y->nrow);
  luaL_checktype(L, 3, LUA_TTABLE);
  lua_settop(L, 3);
  lua_pushnil(L);
  while (lua_next(L, 3)) {
    const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
    if (strcmp(k, "on") && strcmp(k, "how") && strcmp(k, "suffix"))
      return luaL_argerror(
          L, 3, lua_pushfstring(L, "unknown option '%s'", luaL_tolstring(L, -2, NULL)));
    lua_pop(L, 1);
  }
  frame_join_spec spec;
  spec.how = FRAME_JOIN_INNER;
  if (lua_getfield(L, 3, "how") != LUA_TNIL) { /* stack: x y opts how */
    const char *how = lua_tostring(L, 4);
    int i = 0;
    while (hows[i] && (how == NULL || strcmp(hows[i], how) != 0))
      i++;
    if (hows[i] == NULL)
      return luaL_argerror(L, 3,
                           "how must be \"inner\", \"left\", \"right\" or \"full\"");
    spec.how = (frame_join_how)i;
  }
  int on_type = lua_getfield(L, 3, "on"); /* stack: x y opts how on */
  if (on_type != LUA_TSTRING && on_type != LUA_TTABLE)
    return luaL_argerror(L, 3, "on: the key column(s) expected, as on = \"id\" or {...}");
  size_t room = on_type == LUA_TSTRING ? 1 : 0;
  if (on_type == LUA_TTABLE) {
    lua_pushnil(L);
    while (lua_next(L, 5)) {
      room++;
      lua_pop(L, 1);
    }
  }
  size_t *xk = lua_newuserdatauv(L, room * sizeof *xk, 0);
  size_t *yk = lua_newuserdatauv(L, room * sizeof *yk, 0);
  spec.nkeys = join_keys(L, x, y, 3, 5, xk, yk);
  check_join_keys(L, x, y, 3, xk, yk, spec.nkeys);
  spec.xkeys = xk;
  spec.ykeys = yk;
  join_suffix(L, 3, &spec);
  frame *r;
  int status, tried = 0;
  do
    status = frame_join(x, y, &spec, &r);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, "join", status);
  pw_frame_push(L, r);
  return 1;
}
