/* l_grouped.c: grouped frames (frame:group_by): summarise, count, ungroup. */
#include <lauxlib.h>
#include <lua.h>

#include "l_frame_priv.h"

/* A grouped frame is its own userdata rather than a flagged frame: the
** methods that make sense on groups (summarise, count) are the only ones
** it has, so filter or join on groups cannot mean something unexpected.
** It keeps the frame alive in its user value and its groups, computed once
** by group_by, in C memory freed by __gc or __close. */

const frame_groups *pw_grouped_check(lua_State *L, int idx, frame **f) {
  lf_grouped_box *box = luaL_checkudata(L, idx, PW_GROUPED_MT);
  if (box->g == NULL)
    luaL_argerror(L, idx, "grouped frame is closed");
  lua_getiuservalue(L, idx, 1);
  lf_frame_box *fbox = luaL_testudata(L, -1, PW_FRAME_MT);
  if (fbox == NULL || fbox->f == NULL)
    luaL_argerror(L, idx, "the grouped frame's frame is closed");
  lua_pop(L, 1);
  *f = fbox->f;
  return box->g;
}

static int lgrouped_free(lua_State *L) {
  lf_grouped_box *box = luaL_checkudata(L, 1, PW_GROUPED_MT);
  frame_groups_free(box->g);
  box->g = NULL;
  return 0;
}

/* grouped:count() -> the keys and n, one row per group. */
static int lgrouped_count(lua_State *L) {
  frame *f;
  const frame_groups *g = pw_grouped_check(L, 1, &f);
  frame *r;
  int status, tried = 0;
  do
    status = frame_count(f, g->keys, g->nkeys, &r);
  while (lf_retry(L, status, &tried));
  if (status != FRAME_OK)
    return lf_status_error(L, "count", status);
  pw_frame_push(L, r);
  return 1;
}

static int lgrouped_keys(lua_State *L) {
  frame *f;
  const frame_groups *g = pw_grouped_check(L, 1, &f);
  lua_createtable(L, (int)g->nkeys, 0);
  for (size_t k = 0; k < g->nkeys; k++) {
    lua_pushstring(L, f->names[g->keys[k]]);
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  return 1;
}

static int lgrouped_ngroups(lua_State *L) {
  frame *f;
  lua_pushinteger(L, (lua_Integer)pw_grouped_check(L, 1, &f)->ngroups);
  return 1;
}

/* grouped:ungroup() -> the frame that was grouped. */
static int lgrouped_ungroup(lua_State *L) {
  frame *f;
  pw_grouped_check(L, 1, &f);
  lua_getiuservalue(L, 1, 1);
  return 1;
}

/* "grouped by gene, arm: 3 groups" and the frame's box table. */
void pw_grouped_pushformat(lua_State *L, int idx, const frame_format_opts *o) {
  frame *f;
  const frame_groups *g = pw_grouped_check(L, idx, &f);
  idx = lua_absindex(L, idx);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_addstring(&b, "grouped by ");
  for (size_t k = 0; k < g->nkeys; k++) {
    if (k)
      luaL_addstring(&b, ", ");
    luaL_addstring(&b, f->names[g->keys[k]]);
  }
  lua_pushfstring(L, ": %I group%s\n", (lua_Integer)g->ngroups,
                  g->ngroups == 1 ? "" : "s");
  luaL_addvalue(&b);
  lua_getiuservalue(L, idx, 1);  /* stack: ... buffer frame */
  pw_frame_pushformat(L, -1, o); /* stack: ... buffer frame text */
  lua_remove(L, -2);
  luaL_addvalue(&b);
  luaL_pushresult(&b);
}

static int lgrouped_tostring(lua_State *L) {
  lf_grouped_box *box = luaL_checkudata(L, 1, PW_GROUPED_MT);
  lua_getiuservalue(L, 1, 1); /* stack: grouped frame */
  lf_frame_box *fbox = luaL_testudata(L, 2, PW_FRAME_MT);
  if (box->g == NULL || fbox == NULL || fbox->f == NULL) {
    lua_pushliteral(L, "grouped frame (closed)");
    return 1;
  }
  const frame_format_opts o = {PW_FRAME_TOSTRING_WIDTH, PW_FRAME_TOSTRING_ROWS, 0};
  pw_grouped_pushformat(L, 1, &o);
  return 1;
}

static const luaL_Reg grouped_methods[] = {
    {"count", lgrouped_count},     {"keys", lgrouped_keys},
    {"ngroups", lgrouped_ngroups}, {"summarise", pw_frame_summarise_fn},
    {"ungroup", lgrouped_ungroup}, {NULL, NULL}};

static const luaL_Reg grouped_meta[] = {{"__close", lgrouped_free},
                                        {"__gc", lgrouped_free},
                                        {"__tostring", lgrouped_tostring},
                                        {NULL, NULL}};

void lf_grouped_metatable(lua_State *L) {
  if (luaL_newmetatable(L, PW_GROUPED_MT)) { /* stack: mt */
    luaL_setfuncs(L, grouped_meta, 0);
    luaL_newlib(L, grouped_methods); /* stack: mt methods */
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
}
