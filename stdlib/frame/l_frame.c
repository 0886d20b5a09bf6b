/* l_frame.c: the frame module and frame userdata: creation, checks, basic methods. */
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "host.h"
#include "l_frame_priv.h"

/* ------------------------------------------------------------ helpers */

/* The engine's allocator (the memory account) and its stop hook. */
frame_mem pw_frame_mem(lua_State *L) {
  frame_mem m;
  m.alloc = lua_getallocf(L, &m.ud);
  const pw_host_stop *s = pw_host_stop_of(L);
  m.stop = s ? s->requested : NULL;
  m.stop_ud = s ? s->ud : NULL;
  return m;
}

lf_frame_box *lf_check_box(lua_State *L, int idx) {
  lf_frame_box *box = luaL_checkudata(L, idx, PW_FRAME_MT);
  if (box->f == NULL)
    luaL_argerror(L, idx, "frame is closed");
  return box;
}

frame *pw_frame_check(lua_State *L, int idx) {
  return lf_check_box(L, idx)->f;
}

/* Run by pw_frame_push under lua_pcall: the only step that can fail. */
static int push_box(lua_State *L) {
  frame *f = lua_touserdata(L, 1);
  if (luaL_getmetatable(L, PW_FRAME_MT) == LUA_TNIL)
    lf_create_metatables(L); /* pw_frame_push may come before luaopen */
  lua_pop(L, 1);
  lf_frame_box *box = lua_newuserdatauv(L, sizeof *box, PW_FRAME_NUV);
  box->f = NULL;
  luaL_setmetatable(L, PW_FRAME_MT);
  box->f = f; /* from here on __gc owns it */
  return 1;
}

void pw_frame_push(lua_State *L, frame *f) {
  lua_pushcfunction(L, push_box);
  lua_pushlightuserdata(L, f);
  if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
    frame_free(f);
    lua_error(L);
  }
}

static int scratch_free(lua_State *L) {
  lf_scratch *s = lua_touserdata(L, 1);
  frame_mem_free(&s->mem, s->p, s->size);
  s->p = NULL;
  return 0;
}

lf_scratch *lf_push_scratch(lua_State *L) {
  lf_scratch *s = lua_newuserdatauv(L, sizeof *s, 0);
  memset(s, 0, sizeof *s);
  luaL_setmetatable(L, LF_SCRATCH_MT);
  return s;
}

static int builder_free(lua_State *L) {
  frame_builder_free(lua_touserdata(L, 1));
  return 0;
}

int lf_status_error(lua_State *L, const char *name, int status) {
  if (status == FRAME_ETOOBIG)
    return luaL_error(L, "%s: the result would have more than %I rows", name,
                      (lua_Integer)PW_FRAME_MAX_ROWS);
  return luaL_error(L, "%s: %s", name, frame_strerror(status));
}

/* Does nothing; called once so that a spare CallInfo exists (lf_retry). */
static int noop(lua_State *L) {
  (void)L;
  return 0;
}

int lf_retry(lua_State *L, int status, int *tried) {
  if (status != FRAME_ENOMEM || *tried)
    return 0;
  *tried = 1;
  /* The full collection runs the finalizers of dead frames, which is what
     frees their C memory. A finalizer that cannot be called for want of
     memory is dropped for good (Lua warns "error in __gc"), and its frame
     leaks; so first make sure a call needs no allocation: stack room, and
     a spare CallInfo left behind by one protected call. Never raises. */
  if (!lua_checkstack(L, 2 * LUA_MINSTACK))
    return 0;
  lua_pushcfunction(L, noop);
  if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
    lua_pop(L, 1);
    return 0;
  }
  lua_gc(L, LUA_GCCOLLECT);
  return 1;
}

/* Raise "no column 'x'" with the nearest name, if one is near. */
static int no_column(lua_State *L, const frame *f, int arg, const char *name) {
  const char *near = frame_suggest_column(f, name);
  if (near != NULL)
    return luaL_argerror(L, arg,
                         lua_pushfstring(L, "no column '%s' (did you mean '%s'?)", name, near));
  return luaL_argerror(L, arg, lua_pushfstring(L, "no column '%s'", name));
}

size_t lf_find_column(lua_State *L, const frame *f, int arg, const char *name) {
  long j = frame_find(f, name);
  if (j < 0)
    no_column(L, f, arg, name);
  return (size_t)j;
}

size_t lf_check_column(lua_State *L, const frame *f, int arg) {
  return lf_find_column(L, f, arg, luaL_checkstring(L, arg));
}

size_t *lf_check_names(lua_State *L, const frame *f, int first, int last, int unique,
                       size_t *n) {
  int table = first == last && lua_type(L, first) == LUA_TTABLE;
  size_t count = table ? (size_t)lua_rawlen(L, first)
                       : (last >= first ? (size_t)(last - first + 1) : 0);
  size_t *idx = lua_newuserdatauv(L, count * sizeof *idx, 0);
  for (size_t i = 0; i < count; i++) {
    if (!table) {
      idx[i] = lf_check_column(L, f, first + (int)i);
      continue;
    }
    if (lua_rawgeti(L, first, (lua_Integer)i + 1) != LUA_TSTRING)
      luaL_argerror(L, first, "array of column names expected");
    idx[i] = lf_find_column(L, f, first, lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  for (size_t i = 0; i < count && unique; i++)
    for (size_t k = 0; k < i; k++)
      if (idx[k] == idx[i])
        luaL_argerror(L, table ? first : first + (int)i,
                      lua_pushfstring(L, "column '%s' given twice", f->names[idx[i]]));
  *n = count;
  return idx;
}

void lf_push_cell(lua_State *L, const frame_column *c, size_t row) {
  if (frame_is_na(c, row)) {
    lua_pushnil(L);
    return;
  }
  switch (c->type) {
  case FRAME_INT:
    lua_pushinteger(L, (lua_Integer)((const int64_t *)c->data)[row]);
    break;
  case FRAME_NUM:
    lua_pushnumber(L, (lua_Number)((const double *)c->data)[row]);
    break;
  case FRAME_BOOL:
    lua_pushboolean(L, ((const uint8_t *)c->data)[row]);
    break;
  case FRAME_DATE: {
    char buf[FRAME_DATE_BUFSIZE];
    size_t len = frame_date_format(((const int32_t *)c->data)[row], buf);
    lua_pushlstring(L, buf, len);
    break;
  }
  case FRAME_STR: {
    size_t len;
    const char *s = frame_str(c, row, &len);
    lua_pushlstring(L, s, len);
    break;
  }
  }
}

void pw_frame_pushformat(lua_State *L, int idx, const frame_format_opts *o) {
  frame *f = pw_frame_check(L, idx);
  lf_scratch *s = lf_push_scratch(L); /* stack: ... box */
  s->mem = f->mem;
  char *out;
  size_t len;
  int status, tried = 0;
  do
    status = frame_format(f, o, &out, &len);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    lf_status_error(L, "tostring", status);
  s->p = out;
  s->size = len + 1;
  lua_pushlstring(L, out, len); /* stack: ... box text */
  frame_mem_free(&s->mem, s->p, s->size);
  s->p = NULL;
  lua_remove(L, -2);
}

/* ------------------------------------------------------- metamethods */

static int lframe_free(lua_State *L) {
  lf_frame_box *box = luaL_checkudata(L, 1, PW_FRAME_MT);
  frame_free(box->f);
  box->f = NULL;
  return 0;
}

/* The box table at a width that suits a terminal and a report alike. */
static int lframe_tostring(lua_State *L) {
  lf_frame_box *box = luaL_checkudata(L, 1, PW_FRAME_MT);
  if (box->f == NULL) {
    lua_pushliteral(L, "frame (closed)");
    return 1;
  }
  const frame_format_opts o = {PW_FRAME_TOSTRING_WIDTH, PW_FRAME_TOSTRING_ROWS, 0};
  pw_frame_pushformat(L, 1, &o);
  return 1;
}

/* ----------------------------------------------------------- methods */

static int lframe_nrow(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)pw_frame_check(L, 1)->nrow);
  return 1;
}

static int lframe_ncol(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)pw_frame_check(L, 1)->ncol);
  return 1;
}

static int lframe_names(lua_State *L) {
  lf_push_names(L, pw_frame_check(L, 1));
  return 1;
}

/* An array parallel to names(): the printed order, one way to ask. */
static int lframe_types(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  lua_createtable(L, (int)f->ncol, 0);
  for (size_t j = 0; j < f->ncol; j++) {
    lua_pushstring(L, frame_type_name(f->cols[j]->type));
    lua_rawseti(L, -2, (lua_Integer)j + 1);
  }
  return 1;
}

static int lframe_col(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  size_t j = lf_check_column(L, f, 2);
  lf_push_column(L, f->cols[j], f->names[j]);
  return 1;
}

static int lframe_load_info(lua_State *L) {
  pw_frame_check(L, 1);
  if (lua_getiuservalue(L, 1, PW_FRAME_UV_INFO) != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_newtable(L);
  }
  return 1;
}

static int lframe_select(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  size_t n;
  size_t *idx = lf_check_names(L, f, 2, lua_gettop(L), 1, &n);
  frame *r;
  int status, tried = 0;
  do
    status = frame_select(f, idx, NULL, n, &r);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, "select", status);
  pw_frame_push(L, r);
  return 1;
}

static int lframe_rename(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  const char **names = lua_newuserdatauv(L, f->ncol * sizeof *names, 0);
  size_t *all = lua_newuserdatauv(L, f->ncol * sizeof *all, 0);
  for (size_t j = 0; j < f->ncol; j++) {
    names[j] = f->names[j];
    all[j] = j;
  }
  lua_pushnil(L);
  while (lua_next(L, 2)) { /* the new names stay alive in the argument table */
    if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
      return luaL_argerror(L, 2, "table of old name = new name expected");
    names[lf_find_column(L, f, 2, lua_tostring(L, -2))] = lua_tostring(L, -1);
    lua_pop(L, 1);
  }
  for (size_t j = 0; j < f->ncol; j++)
    for (size_t k = 0; k < j; k++)
      if (strcmp(names[j], names[k]) == 0)
        return luaL_argerror(
            L, 2, lua_pushfstring(L, "column name '%s' would appear twice", names[j]));
  frame *r;
  int status, tried = 0;
  do
    status = frame_select(f, all, names, f->ncol, &r);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, "rename", status);
  pw_frame_push(L, r);
  return 1;
}

/* head and tail: n >= 0 rows, or with n < 0 all but |n| rows (as R's head). */
static int slice(lua_State *L, int from_end, const char *name) {
  frame *f = pw_frame_check(L, 1);
  lua_Integer n = luaL_optinteger(L, 2, 6);
  size_t count;
  if (n >= 0) {
    count = (lua_Unsigned)n < f->nrow ? (size_t)n : f->nrow;
  } else {
    lua_Unsigned drop = (lua_Unsigned)0 - (lua_Unsigned)n;
    count = drop < f->nrow ? f->nrow - (size_t)drop : 0;
  }
  frame *r;
  int status, tried = 0;
  do
    status = frame_slice(f, from_end ? f->nrow - count : 0, count, &r);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, name, status);
  pw_frame_push(L, r);
  return 1;
}

static int lframe_head(lua_State *L) {
  return slice(L, 0, "head");
}

static int lframe_tail(lua_State *L) {
  return slice(L, 1, "tail");
}

/* ------------------------------------------------------------ module */

static const luaL_Reg frame_methods[] = {{"col", lframe_col},
                                         {"count", lf_count},
                                         {"distinct", lf_distinct},
                                         {"filter", pw_frame_filter_fn},
                                         {"group_by", lf_group_by},
                                         {"head", lframe_head},
                                         {"join", lf_join},
                                         {"load_info", lframe_load_info},
                                         {"mutate", pw_frame_mutate_fn},
                                         {"names", lframe_names},
                                         {"ncol", lframe_ncol},
                                         {"nrow", lframe_nrow},
                                         {"rename", lframe_rename},
                                         {"rows", lf_rows},
                                         {"select", lframe_select},
                                         {"sort", lf_sort},
                                         {"summarise", pw_frame_summarise_fn},
                                         {"tail", lframe_tail},
                                         {"to_rows", lf_to_rows},
                                         {"types", lframe_types},
                                         {NULL, NULL}};

static const luaL_Reg frame_meta[] = {{"__close", lframe_free},
                                      {"__gc", lframe_free},
                                      {"__tostring", lframe_tostring},
                                      {NULL, NULL}};

/* A metatable `name` with __gc and __close set to f, for scratch boxes. */
static void box_metatable(lua_State *L, const char *name, lua_CFunction f) {
  if (luaL_newmetatable(L, name)) {
    lua_pushcfunction(L, f);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, f);
    lua_setfield(L, -2, "__close");
  }
  lua_pop(L, 1);
}

void lf_create_metatables(lua_State *L) {
  if (luaL_newmetatable(L, PW_FRAME_MT)) { /* stack: mt */
    luaL_setfuncs(L, frame_meta, 0);
    luaL_newlib(L, frame_methods); /* stack: mt methods */
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
  lf_column_metatable(L);
  lf_grouped_metatable(L);
  box_metatable(L, LF_SCRATCH_MT, scratch_free);
  box_metatable(L, LF_BUILDER_MT, builder_free);
}

/* A whole-number field of frame.format's options, at least `min`. */
static size_t format_size(lua_State *L, const char *key, lua_Integer min) {
  int ok;
  lua_Integer v = lua_tointegerx(L, -1, &ok);
  if (!ok || lua_type(L, -1) != LUA_TNUMBER || v < min)
    luaL_argerror(L, 2,
                  lua_pushfstring(L, "%s must be an integer >= %I, not %s", key, min,
                                  luaL_tolstring(L, -1, NULL)));
  return (size_t)v;
}

/* frame.format's {width =, rows =, color =} into *o. */
static void format_options(lua_State *L, frame_format_opts *o) {
  lua_pushnil(L);
  while (lua_next(L, 2)) { /* stack: ... key value */
    const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
    if (strcmp(k, "width") == 0) {
      o->width = format_size(L, "width", 1);
    } else if (strcmp(k, "rows") == 0) {
      o->max_rows = format_size(L, "rows", 0);
    } else if (strcmp(k, "color") == 0) {
      if (!lua_isboolean(L, -1))
        luaL_argerror(L, 2, "color must be a boolean");
      o->color = lua_toboolean(L, -1);
    } else {
      luaL_argerror(L, 2,
                    lua_pushfstring(L, "unknown option '%s' (width, rows, color)",
                                    luaL_tolstring(L, -2, NULL)));
    }
    lua_pop(L, 1);
  }
}

/* frame.format(f | grouped [, {width = 80, rows = 10, color = false}])
** -> the box table as text (docs/frames.md, Printing). */
static int lframe_format(lua_State *L) {
  int grouped = luaL_testudata(L, 1, PW_GROUPED_MT) != NULL;
  if (!grouped && luaL_testudata(L, 1, PW_FRAME_MT) == NULL)
    return luaL_typeerror(L, 1, "frame or grouped frame");
  frame_format_opts o = {80, 10, 0};
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    format_options(L, &o);
  }
  lua_settop(L, 1);
  if (grouped)
    pw_grouped_pushformat(L, 1, &o);
  else
    pw_frame_pushformat(L, 1, &o);
  return 1;
}

static const luaL_Reg frame_funcs[] = {
    {"format", lframe_format}, {"new", lf_new}, {NULL, NULL}};

/* [-0, +1, m] */
int luaopen_pathway_frame(lua_State *L) {
  lf_create_metatables(L);
  luaL_newlib(L, frame_funcs);
  return 1;
}
