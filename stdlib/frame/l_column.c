/* l_column.c: column userdata: c[i], #c, statistics and conversions. */
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "l_frame_priv.h"

void lf_push_column(lua_State *L, frame_column *c, const char *name) {
  lf_column_box *box = lua_newuserdatauv(L, sizeof *box, 1);
  box->c = NULL;
  luaL_setmetatable(L, PW_COLUMN_MT);
  lua_pushstring(L, name);
  lua_setiuservalue(L, -2, 1);
  frame_column_ref(c); /* nothing can raise after this */
  box->c = c;
}

frame_column *lf_test_column(lua_State *L, int idx) {
  lf_column_box *box = luaL_testudata(L, idx, PW_COLUMN_MT);
  return box ? box->c : NULL;
}

static frame_column *check_column(lua_State *L, int idx) {
  lf_column_box *box = luaL_checkudata(L, idx, PW_COLUMN_MT);
  if (box->c == NULL)
    luaL_argerror(L, idx, "column is closed");
  return box->c;
}

/* An empty column box on the stack, to own a kernel's result column
** while it is read into Lua values. [-0, +1, m] */
static lf_column_box *push_holder(lua_State *L) {
  lf_column_box *box = lua_newuserdatauv(L, sizeof *box, 1);
  box->c = NULL;
  luaL_setmetatable(L, PW_COLUMN_MT);
  return box;
}

/* Push aggregate a of c (p for quantile) as one Lua value. */
static void push_aggregate(lua_State *L, const frame_column *c, frame_agg a, double p) {
  lf_column_box *holder = push_holder(L); /* stack: ... holder */
  int status, tried = 0;
  do
    status = frame_aggregate(c, NULL, a, p, &holder->c);
  while (lf_retry(L, status, &tried));
  if (status == FRAME_ETYPE)
    luaL_error(L, "%s: not defined for a %s column", frame_agg_name(a),
               frame_type_name(c->type));
  if (status == FRAME_EARG)
    luaL_error(L, "quantile: p must be between 0 and 1");
  if (status != FRAME_OK)
    lf_status_error(L, frame_agg_name(a), status);
  lf_push_cell(L, holder->c, 0);
  lua_remove(L, -2);
}

static int aggregate(lua_State *L, frame_agg a) {
  push_aggregate(L, check_column(L, 1), a, 0);
  return 1;
}

static int lcol_sum(lua_State *L) {
  return aggregate(L, FRAME_AGG_SUM);
}
static int lcol_mean(lua_State *L) {
  return aggregate(L, FRAME_AGG_MEAN);
}
static int lcol_median(lua_State *L) {
  return aggregate(L, FRAME_AGG_MEDIAN);
}
static int lcol_var(lua_State *L) {
  return aggregate(L, FRAME_AGG_VAR);
}
static int lcol_sd(lua_State *L) {
  return aggregate(L, FRAME_AGG_SD);
}
static int lcol_min(lua_State *L) {
  return aggregate(L, FRAME_AGG_MIN);
}
static int lcol_max(lua_State *L) {
  return aggregate(L, FRAME_AGG_MAX);
}
static int lcol_n_distinct(lua_State *L) {
  return aggregate(L, FRAME_AGG_N_DISTINCT);
}

/* c:quantile(p) -> number; c:quantile({p1, p2, ...}) -> array (R's type 7). */
static int lcol_quantile(lua_State *L) {
  frame_column *c = check_column(L, 1);
  if (!lua_istable(L, 2)) {
    double p = (double)luaL_checknumber(L, 2);
    if (!(p >= 0 && p <= 1))
      return luaL_argerror(L, 2, "p must be between 0 and 1");
    push_aggregate(L, c, FRAME_AGG_QUANTILE, p);
    return 1;
  }
  size_t n = (size_t)lua_rawlen(L, 2);
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, 2, (lua_Integer)i);
    double p = lua_isnumber(L, -1) ? (double)lua_tonumber(L, -1) : -1;
    if (!(p >= 0 && p <= 1))
      return luaL_argerror(L, 2, "probabilities between 0 and 1 expected");
    lua_pop(L, 1);
  }
  lua_createtable(L, (int)n, 0);
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, 2, (lua_Integer)i);
    double p = (double)lua_tonumber(L, -1);
    lua_pop(L, 1);
    push_aggregate(L, c, FRAME_AGG_QUANTILE, p);
    lua_rawseti(L, -2, (lua_Integer)i);
  }
  return 1;
}

static int lcol_n_na(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)check_column(L, 1)->n_na);
  return 1;
}

static int lcol_type(lua_State *L) {
  lua_pushstring(L, frame_type_name(check_column(L, 1)->type));
  return 1;
}

/* The values of c as a Lua array; NA leaves a hole, so n is set too (as
** table.pack does) and frame.new reads the length back from it. */
static void push_values(lua_State *L, const frame_column *c) {
  lua_createtable(L, c->n > 0x7fffffff ? 0x7fffffff : (int)c->n, 1);
  for (size_t i = 0; i < c->n; i++) {
    lf_push_cell(L, c, i);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_pushinteger(L, (lua_Integer)c->n);
  lua_setfield(L, -2, "n");
}

static int lcol_to_table(lua_State *L) {
  push_values(L, check_column(L, 1));
  return 1;
}

/* c:unique() -> array of the distinct non-NA values, first seen first. */
static int lcol_unique(lua_State *L) {
  frame_column *c = check_column(L, 1);
  lf_column_box *holder = push_holder(L);
  int status, tried = 0;
  do
    status = frame_column_unique(c, &holder->c);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, "unique", status);
  lua_createtable(L, (int)holder->c->n, 0);
  for (size_t i = 0; i < holder->c->n; i++) {
    lf_push_cell(L, holder->c, i);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* ------------------------------------------------------- metamethods */

static int lcol_free(lua_State *L) {
  lf_column_box *box = luaL_checkudata(L, 1, PW_COLUMN_MT);
  frame_column_unref(box->c);
  box->c = NULL;
  return 0;
}

static int lcol_len(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)check_column(L, 1)->n);
  return 1;
}

/* c[i] (1-based; out of range: nil, as for tables), c.name, methods.
** Upvalue 1: the methods table. */
static int lcol_index(lua_State *L) {
  frame_column *c = check_column(L, 1);
  if (lua_isinteger(L, 2)) {
    lua_Integer i = lua_tointeger(L, 2);
    if (i >= 1 && (lua_Unsigned)i <= c->n)
      lf_push_cell(L, c, (size_t)i - 1);
    else
      lua_pushnil(L);
    return 1;
  }
  if (lua_type(L, 2) == LUA_TSTRING && strcmp(lua_tostring(L, 2), "name") == 0) {
    lua_getiuservalue(L, 1, 1);
    return 1;
  }
  lua_pushvalue(L, 2);
  lua_rawget(L, lua_upvalueindex(1));
  return 1;
}

/* "column age <int> [5]: 12, 3, NA, 4, 5"; at most 10 values. */
static int lcol_tostring(lua_State *L) {
  lf_column_box *box = luaL_checkudata(L, 1, PW_COLUMN_MT);
  if (box->c == NULL) {
    lua_pushliteral(L, "column (closed)");
    return 1;
  }
  const frame_column *c = box->c;
  luaL_Buffer b;
  lua_getiuservalue(L, 1, 1); /* stack: col name */
  luaL_buffinit(L, &b);
  lua_pushfstring(L,
                  "column %s <%s> [%I]:", lua_isstring(L, 2) ? lua_tostring(L, 2) : "?",
                  frame_type_name(c->type), (lua_Integer)c->n);
  luaL_addvalue(&b);
  for (size_t i = 0; i < c->n && i < 10; i++) {
    luaL_addstring(&b, i ? ", " : " ");
    if (frame_is_na(c, i)) {
      luaL_addstring(&b, "NA");
      continue;
    }
    lf_push_cell(L, c, i);
    if (c->type == FRAME_STR)
      lua_pushfstring(L, "\"%s\"", lua_tostring(L, -1));
    else
      luaL_tolstring(L, -1, NULL);
    lua_remove(L, -2);
    luaL_addvalue(&b);
  }
  if (c->n > 10) {
    lua_pushfstring(L, ", \xe2\x80\xa6 (%I more)", (lua_Integer)(c->n - 10));
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  return 1;
}

/* Look up every distinct value of c (every row of a plain column) in the
** table at index 2: idx[k] is the output's number (0-based) in the array
** at index `outs`, or FRAME_RECODE_NA. Only Lua memory is held, so a
** raise leaks nothing. Returns the number of distinct outputs. [-0, +0, m] */
static uint32_t map_lookup(lua_State *L, const frame_column *c, uint32_t *idx, int outs) {
  size_t nkeys = c->dict ? c->dict->n : c->n;
  lua_newtable(L); /* stack: ... seen (output -> number) */
  int seen = lua_gettop(L);
  uint32_t nout = 0;
  for (size_t k = 0; k < nkeys; k++) {
    size_t len;
    const char *s = c->dict ? frame_dict_str(c->dict, (uint32_t)k, &len) : frame_str(c, k, &len);
    idx[k] = FRAME_RECODE_NA;
    if (s == NULL)
      continue;
    lua_pushlstring(L, s, len);
    if (lua_rawget(L, 2) != LUA_TSTRING) { /* stack: ... seen out */
      lua_pop(L, 1);
      continue;
    }
    lua_pushvalue(L, -1);
    if (lua_rawget(L, seen) == LUA_TNUMBER) { /* stack: ... seen out n */
      idx[k] = (uint32_t)lua_tointeger(L, -1);
      lua_pop(L, 2);
      continue;
    }
    lua_pop(L, 1);
    idx[k] = nout++;
    lua_pushvalue(L, -1);
    lua_rawseti(L, outs, nout);
    lua_pushinteger(L, idx[k]);
    lua_rawset(L, seen);
  }
  lua_pop(L, 1);
  return nout;
}

/* c:map(t [, na]) -> a str column of t[v] for each value v, NA where t[v]
** is not a string; where v is NA, the string na (default NA). A dictionary
** column looks each distinct string up once, so recoding ten million rows
** costs one pass over their codes. */
static int lcol_map(lua_State *L) {
  frame_column *c = check_column(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  luaL_optstring(L, 3, NULL);
  lua_settop(L, 3);
  if (c->type != FRAME_STR)
    return luaL_error(L, "map: not defined for a %s column", frame_type_name(c->type));
  size_t nkeys = c->dict ? c->dict->n : c->n;
  uint32_t *idx = lua_newuserdatauv(L, (nkeys ? nkeys : 1) * sizeof *idx, 0);
  lua_newtable(L); /* stack: col t na idx outs */
  uint32_t nout = map_lookup(L, c, idx, 5);
  uint32_t na_code = FRAME_RECODE_NA;
  if (lua_isstring(L, 3)) { /* the NA rows' value joins the outputs */
    na_code = nout++;
    lua_pushvalue(L, 3);
    lua_rawseti(L, 5, nout);
  }
  lf_column_box *holder = push_holder(L); /* stack: col t na idx outs holder */
  lua_getiuservalue(L, 1, 1);
  lua_setiuservalue(L, -2, 1);
  int status = FRAME_ENOMEM;
  frame_dict *d = frame_dict_new(&c->mem);
  for (uint32_t k = 0; d != NULL && k < nout; k++) {
    lua_rawgeti(L, 5, (lua_Integer)k + 1); /* a string: no metamethod, no raise */
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    lua_pop(L, 1); /* still referenced by outs */
    int64_t code = frame_dict_intern(d, s, len);
    if (code < 0) {
      frame_dict_unref(d);
      d = NULL;
    } else if ((uint32_t)code != k) {
      na_code = (uint32_t)code; /* only na can repeat an output */
    }
  }
  if (d != NULL) {
    status = frame_column_recode(c, idx, na_code, d, &holder->c);
    frame_dict_unref(d); /* the column holds its own reference */
  }
  if (status != FRAME_OK)
    return lf_status_error(L, "map", status);
  return 1;
}

static const luaL_Reg column_methods[] = {{"max", lcol_max},
                                          {"map", lcol_map},
                                          {"mean", lcol_mean},
                                          {"median", lcol_median},
                                          {"min", lcol_min},
                                          {"n_distinct", lcol_n_distinct},
                                          {"n_na", lcol_n_na},
                                          {"quantile", lcol_quantile},
                                          {"sd", lcol_sd},
                                          {"sum", lcol_sum},
                                          {"to_table", lcol_to_table},
                                          {"type", lcol_type},
                                          {"unique", lcol_unique},
                                          {"var", lcol_var},
                                          {NULL, NULL}};

static const luaL_Reg column_meta[] = {{"__close", lcol_free},
                                       {"__gc", lcol_free},
                                       {"__len", lcol_len},
                                       {"__tostring", lcol_tostring},
                                       {NULL, NULL}};

void lf_column_metatable(lua_State *L) {
  if (luaL_newmetatable(L, PW_COLUMN_MT)) { /* stack: mt */
    luaL_setfuncs(L, column_meta, 0);
    luaL_newlib(L, column_methods); /* stack: mt methods */
    lua_pushcclosure(L, lcol_index, 1);
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
}
