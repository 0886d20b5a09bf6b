/* core.c: `pathway.core`, the primitives the lang/ modules are built on (output,
** directory walking, the user environment). Visible to lang/ only. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "engine.h"

/* core.write(stream, s): stream is "stdout" or "stderr". */
static int core_write(lua_State *L) {
  static const char *const streams[] = {"stdout", "stderr", NULL};
  int which = luaL_checkoption(L, 1, NULL, streams);
  size_t len;
  const char *s = luaL_checklstring(L, 2, &len);
  pw_write(pw_engine_of(L), which ? PW_STDERR : PW_STDOUT, s, len);
  return 0;
}

/* core.isdir(path) -> boolean */
static int core_isdir(lua_State *L) {
  struct stat st;
  const char *path = luaL_checkstring(L, 1);
  lua_pushboolean(L, stat(path, &st) == 0 && S_ISDIR(st.st_mode));
  return 1;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The open directory lives in a userdata so that an error raised while
** reading it (out of memory) cannot leak it: __gc closes it. */
typedef struct dirbox {
  DIR *d;   /* the open directory, or NULL once closed */
} dirbox;

static int dirbox_gc(lua_State *L) {
  dirbox *b = lua_touserdata(L, 1);
  if (b->d) {
    closedir(b->d);
    b->d = NULL;
  }
  return 0;
}

/* core.listdir(path) -> array of entry names (no . and ..) sorted in byte
** order, or nil, message. */
static int core_listdir(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  dirbox *b = lua_newuserdatauv(L, sizeof *b, 0);   /* stack: path box */
  b->d = NULL;
  if (luaL_newmetatable(L, "pathway.dirbox")) {
    lua_pushcfunction(L, dirbox_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  b->d = opendir(path);
  if (b->d == NULL)
    return luaL_fileresult(L, 0, path);
  lua_newtable(L);                                  /* stack: path box names */
  lua_Integer n = 0;
  struct dirent *ent;
  while ((ent = readdir(b->d)) != NULL) {
    if (strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0) {
      lua_pushstring(L, ent->d_name);
      lua_rawseti(L, -2, ++n);
    }
  }
  closedir(b->d);
  b->d = NULL;
  const char **names = lua_newuserdatauv(L, (size_t)n * sizeof *names + 1, 0);
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, -2, i);
    names[i - 1] = lua_tostring(L, -1);  /* anchored by the names table */
    lua_pop(L, 1);
  }
  qsort(names, (size_t)n, sizeof *names, compare_names);
  lua_createtable(L, (int)n, 0);
  for (lua_Integer i = 1; i <= n; i++) {
    lua_pushstring(L, names[i - 1]);
    lua_rawseti(L, -2, i);
  }
  return 1;
}

/* core.user_env() -> the table user scripts see as _ENV */
static int core_user_env(lua_State *L) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  return 1;
}

/* core.script_dir(path): a script run from now on is `path`: it may
** require the Lua files beside it (as pw_load_file arranges). */
static int core_script_dir(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  if (!pw_engine_of(L)->unsafe)
    pw_set_script_dir(L, path);
  return 0;
}

/* core.unsafe() -> whether the sandbox is off */
static int core_unsafe(lua_State *L) {
  lua_pushboolean(L, pw_engine_of(L)->unsafe);
  return 1;
}

/* core.inputs() -> { {path=, rows=, columns=}, ... }: the data files read */
static int core_inputs(lua_State *L) {
  return pw_inputs_push(L);
}

int luaopen_pathway_core(lua_State *L) {
  static const luaL_Reg funcs[] = {
    {"inputs", core_inputs},
    {"isdir", core_isdir},
    {"listdir", core_listdir},
    {"msghandler", pw_msghandler},
    {"script_dir", core_script_dir},
    {"unsafe", core_unsafe},
    {"user_env", core_user_env},
    {"write", core_write},
    {NULL, NULL}
  };
  luaL_newlib(L, funcs);
  return 1;
}
