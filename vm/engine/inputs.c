/* inputs.c: the data files a script read, in the order first read, for the
** provenance of its review (DESIGN.md §8). C modules report a read through
** the registry function of host.h; the DSL reads the list with
** core.inputs(). */
#include <lauxlib.h>

#include "engine.h"

const char pw_key_inputs = 0;   /* registry: { {path=, rows=, columns=}, ..., [path] = entry } */

/* record_input(path, rows, columns): add the file, or update the shape of
** one read before (the latest read is the one the review used). */
static int record_input(lua_State *L) {
  luaL_checkstring(L, 1);
  lua_settop(L, 3);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_inputs);     /* stack: path rows cols list */
  if (lua_getfield(L, 4, lua_tostring(L, 1)) != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_createtable(L, 0, 3);                               /* stack: ... list entry */
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "path");
    lua_pushvalue(L, -1);
    lua_rawseti(L, 4, (lua_Integer)lua_rawlen(L, 4) + 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, 4, lua_tostring(L, 1));
  }
  if (!lua_isnil(L, 2) || lua_isnil(L, -1)) {  /* a text read does not erase a table's shape */
    lua_pushvalue(L, 2);
    lua_setfield(L, -2, "rows");
    lua_pushvalue(L, 3);
    lua_setfield(L, -2, "columns");
  }
  return 0;
}

void pw_inputs_install(lua_State *L) {
  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &pw_key_inputs);
  lua_pushcfunction(L, record_input);
  lua_setfield(L, LUA_REGISTRYINDEX, PW_HOST_INPUTS);
}

void pw_inputs_record(lua_State *L, const char *path) {
  lua_pushcfunction(L, record_input);
  lua_pushstring(L, path);
  lua_call(L, 1, 0);
}

int pw_inputs_push(lua_State *L) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_inputs);
  lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
  lua_createtable(L, (int)n, 0);                           /* stack: list copy */
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, -2, i);
    lua_createtable(L, 0, 3);                               /* stack: list copy entry new */
    for (int k = 0; k < 3; k++) {
      static const char *const keys[] = {"path", "rows", "columns"};
      lua_getfield(L, -2, keys[k]);
      lua_setfield(L, -2, keys[k]);
    }
    lua_rawseti(L, -3, i);
    lua_pop(L, 1);
  }
  lua_remove(L, -2);
  return 1;
}
