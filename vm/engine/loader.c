/* loader.c: how `require` finds modules. The DSL modules in lang/ are compiled
** into the binary and load in the trusted world; user scripts get a require
** that sees only the curated library and Lua source files. */
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "engine.h"
#include "lang_modules.h"

#define LANG_CHUNK_PREFIX "=[pathway] "

static const pw_lang_module *find_lang(const char *name) {
  for (const pw_lang_module *m = pw_lang_modules; m->name; m++)
    if (strcmp(m->name, name) == 0)
      return m;
  return NULL;
}

/* Compile an embedded module with the full _G as its environment. Its
** chunk name marks it as the engine's own, so tracebacks leave it out.
** [-0, +1, -] */
static int load_lang(lua_State *L, const pw_lang_module *m) {
  lua_pushfstring(L, LANG_CHUNK_PREFIX "%s", m->path);
  int status = luaL_loadbufferx(L, m->source, m->len, lua_tostring(L, -1), "t");
  lua_remove(L, -2);
  if (status != LUA_OK)
    return status;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_private_g);
  lua_setupvalue(L, -2, 1);
  return LUA_OK;
}

/* A package.searchers entry of the trusted world: embedded modules. */
static int lang_searcher(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  const pw_lang_module *m = find_lang(name);
  if (m == NULL) {
    lua_pushfstring(L, "no embedded module '%s'", name);
    return 1;
  }
  if (load_lang(L, m) != LUA_OK)
    return lua_error(L);
  lua_pushstring(L, m->path);
  return 2;
}

/* require(name) for lang modules from C: package.loaded first, then the
** embedded source. Leaves the module on the stack. [-0, +1, e] */
int pw_require_lang(lua_State *L, const char *name) {
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  if (lua_getfield(L, -1, name) != LUA_TNIL) {
    lua_remove(L, -2);
    return 1;
  }
  lua_pop(L, 1);
  const pw_lang_module *m = find_lang(name);
  if (m == NULL)
    return luaL_error(L, "no embedded module '%s'", name);
  if (load_lang(L, m) != LUA_OK)
    return lua_error(L);
  lua_pushstring(L, name);
  lua_call(L, 1, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, name);      /* stack: loaded module */
  lua_remove(L, -2);
  return 1;
}

/* Search the sandbox's package.path for `name`'s file. Pushes the path
** found and returns 1, or pushes the list of paths tried and returns 0.
** [-0, +1, m] */
static int search_path(lua_State *L, const char *name, const char *path) {
  const char *file = luaL_gsub(L, name, ".", "/");
  lua_pushliteral(L, "");                           /* stack: file tried */
  while (*path) {
    const char *end = strchr(path, ';');
    size_t len = end ? (size_t)(end - path) : strlen(path);
    lua_pushlstring(L, path, len);
    const char *candidate = luaL_gsub(L, lua_tostring(L, -1), "?", file);
    lua_remove(L, -2);                              /* stack: file tried candidate */
    FILE *f = fopen(candidate, "r");
    if (f) {
      fclose(f);
      lua_insert(L, -3);
      lua_pop(L, 2);                                /* stack: candidate */
      return 1;
    }
    lua_pushfstring(L, "\n\tno file '%s'", candidate);
    lua_remove(L, -2);
    lua_concat(L, 2);                               /* stack: file tried */
    path += len + (end != NULL);
  }
  lua_remove(L, -2);                                /* stack: tried */
  return 0;
}

/* The sandbox's require(name): the curated libraries (already in the
** sandbox's package.loaded) or a Lua source file on package.path, loaded
** in text mode into the user environment. Never a C module. */
static int sandbox_require(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  lua_settop(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_loaded);     /* stack: name loaded */
  if (lua_getfield(L, 2, name) != LUA_TNIL)
    return 1;
  lua_pop(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_base);
  lua_getfield(L, -1, "package");
  lua_getfield(L, -1, "path");
  const char *path = lua_tostring(L, -1);
  if (path == NULL)
    return luaL_error(L, "package.path must be a string");
  lua_pop(L, 3);
  if (!search_path(L, name, path))
    return luaL_error(L, "module '%s' not found:%s", name, lua_tostring(L, -1));
  const char *file = lua_tostring(L, -1);                 /* stack: name loaded file */
  if (luaL_loadfilex(L, file, "t") != LUA_OK)
    return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s",
                      name, file, lua_tostring(L, -1));
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 3);
  lua_call(L, 2, 1);                                      /* stack: name loaded file mod */
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  lua_pushvalue(L, -1);
  lua_setfield(L, 2, name);
  return 1;
}

/* Add the embedded searcher to the trusted package.searchers (after
** preload) and push the sandbox's require. [-0, +1, m] */
void pw_loader_install(lua_State *L) {
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, -1, "package");
  lua_getfield(L, -1, "searchers");                       /* stack: loaded package searchers */
  for (lua_Integer i = (lua_Integer)luaL_len(L, -1); i >= 2; i--) {
    lua_rawgeti(L, -1, i);
    lua_rawseti(L, -2, i + 1);
  }
  lua_pushcfunction(L, lang_searcher);
  lua_rawseti(L, -2, 2);
  lua_pop(L, 3);
  lua_pushcfunction(L, sandbox_require);
}
