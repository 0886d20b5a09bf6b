/* sandbox.c: the curated library of scripts (DESIGN.md §7): what a script
** may call without --unsafe, what was removed on purpose, and why. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine.h"

#define DENIED "%s is not available in the sandbox (run with --unsafe to allow it)"

/* Base functions kept as Lua defines them. */
static const char *const base_allowed[] = {
  "assert", "collectgarbage", "error", "getmetatable", "ipairs", "next",
  "pairs", "pcall", "rawequal", "rawget", "rawlen", "rawset", "select",
  "setmetatable", "tonumber", "tostring", "type", "warn", "xpcall", "_VERSION",
  NULL
};

/* Libraries with no access to the world: copied whole. */
static const char *const libs_allowed[] = {
  "coroutine", "math", "string", "table", "utf8", NULL
};

/* os: time is harmless; the rest runs programs, touches files, reads the
** environment or changes process-wide state (setlocale). */
static const char *const os_allowed[] = {"clock", "date", "difftime", "time", NULL};
static const char *const os_denied[] = {
  "execute", "exit", "getenv", "remove", "rename", "setlocale", "tmpname", NULL
};

/* io: reading files and stdin is allowed; writes only to declared outputs
** (io.open checks), standard output through the host (output.c). */
static const char *const io_allowed[] = {"lines", "read", "type", NULL};
static const char *const io_denied[] = {
  "close", "input", "output", "popen", "tmpfile", NULL
};

/* debug: everything but traceback can break the sandbox or the VM. */
static const char *const debug_denied[] = {
  "debug", "gethook", "getinfo", "getlocal", "getmetatable", "getregistry",
  "getupvalue", "getuservalue", "sethook", "setlocal", "setmetatable",
  "setupvalue", "setuservalue", "upvalueid", "upvaluejoin", "setcstacklimit",
  NULL
};

/* package: no C modules, ever. */
static const char *const package_denied[] = {
  "cpath", "loadlib", "searchers", "searchpath", "preload", NULL
};

/* Copy fields `names` from the table at `from` into the table at `to`. */
static void copy_fields(lua_State *L, int from, int to, const char *const *names) {
  for (; *names; names++) {
    lua_getfield(L, from, *names);
    lua_setfield(L, to, *names);
  }
}

/* __index for a library table: a denied name raises, naming --unsafe.
** Upvalue 1: the library's name; upvalue 2: the set of denied names. */
static int denied_index(lua_State *L) {
  lua_pushvalue(L, 2);
  if (lua_rawget(L, lua_upvalueindex(2)) == LUA_TNIL)
    return 0;
  const char *lib = lua_tostring(L, lua_upvalueindex(1));
  const char *name = lua_tostring(L, 2);
  lua_pushfstring(L, "%s.%s", lib, name);
  return luaL_error(L, DENIED, lua_tostring(L, -1));
}

/* Push a new library table whose denied names raise. [-0, +1, m] */
static void new_lib(lua_State *L, const char *lib, const char *const *denied) {
  lua_newtable(L);                      /* stack: lib */
  lua_createtable(L, 0, 1);             /* stack: lib mt */
  lua_pushstring(L, lib);
  lua_newtable(L);                      /* stack: lib mt name set */
  for (; *denied; denied++) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, *denied);
  }
  lua_pushcclosure(L, denied_index, 2);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
}

/* Refuse binary chunks: malformed bytecode can crash the VM. */
static const char *text_mode(lua_State *L, int arg) {
  const char *mode = luaL_optstring(L, arg, "t");
  if (strchr(mode, 'b'))
    luaL_error(L, "binary chunks are not allowed in the sandbox "
                  "(run with --unsafe to allow them)");
  return "t";
}

/* load(chunk [, name [, mode [, env]]]) in text mode; upvalue 1: Lua's load. */
static int sandbox_load(lua_State *L) {
  int n = lua_gettop(L);
  text_mode(L, 3);
  if (n < 3)
    lua_settop(L, 3);
  lua_pushliteral(L, "t");
  lua_replace(L, 3);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

/* loadfile([filename [, mode [, env]]]) in text mode. */
static int sandbox_loadfile(lua_State *L) {
  const char *fname = luaL_optstring(L, 1, NULL);
  const char *mode = text_mode(L, 2);
  int env = !lua_isnone(L, 3) ? 3 : 0;
  if (luaL_loadfilex(L, fname, mode) != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
  }
  if (env) {
    lua_pushvalue(L, env);
    if (!lua_setupvalue(L, -2, 1))
      lua_pop(L, 1);
  }
  return 1;
}

/* dofile([filename]) in text mode. */
static int sandbox_dofile(lua_State *L) {
  const char *fname = luaL_optstring(L, 1, NULL);
  lua_settop(L, 1);
  if (luaL_loadfilex(L, fname, "t") != LUA_OK)
    return lua_error(L);
  lua_call(L, 0, LUA_MULTRET);
  return lua_gettop(L) - 1;
}

/* io.open(path [, mode]): writing needs the path to be a declared output;
** a file opened for reading is recorded for the provenance (inputs.c).
** Upvalue 1: Lua's io.open. */
static int sandbox_open(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  const char *mode = luaL_optstring(L, 2, "r");
  if (strpbrk(mode, "wa+") && !pw_may_write(L, path))
    return luaL_error(L, "io.open: writing '%s' is not allowed in the sandbox "
                         "(only declared outputs may be written; run with "
                         "--unsafe to allow it)", path);
  int reading = strpbrk(mode, "wa+") == NULL;
  int n = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  for (int i = 1; i <= n; i++)
    lua_pushvalue(L, i);                   /* the arguments stay below, anchoring path */
  lua_call(L, n, LUA_MULTRET);
  if (reading && lua_toboolean(L, n + 1))
    pw_inputs_record(L, path);             /* a data file read: provenance */
  return lua_gettop(L) - n;
}

/* Canonical form of a path that may not exist yet: the real path of its
** directory joined with its last component. [-0, +1, m] */
static void push_canonical(lua_State *L, const char *path) {
  const char *slash = strrchr(path, '/');
  char resolved[PATH_MAX];
  if (slash == NULL) {
    if (realpath(".", resolved))
      lua_pushfstring(L, "%s/%s", resolved, path);
    else
      lua_pushstring(L, path);
    return;
  }
  lua_pushlstring(L, path, (size_t)(slash - path) + (slash == path));
  if (realpath(lua_tostring(L, -1), resolved))
    lua_pushfstring(L, "%s/%s", resolved, slash + 1);
  else
    lua_pushstring(L, path);
  lua_remove(L, -2);
}

/* Whether the script may write `path`: in --unsafe mode always; otherwise
** only paths the host declared with pw_allow_write. */
int pw_may_write(lua_State *L, const char *path) {
  if (pw_engine_of(L)->unsafe)
    return 1;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_writable);   /* stack: set */
  push_canonical(L, path);
  int ok = lua_rawget(L, -2) != LUA_TNIL;
  lua_pop(L, 2);
  return ok;
}

/* registry["pathway.may_write"](path) -> boolean: the write policy, for C
** modules that write files (csv.write), which must not include engine
** headers (DESIGN.md §2). */
int pw_may_write_lua(lua_State *L) {
  lua_pushboolean(L, pw_may_write(L, luaL_checkstring(L, 1)));
  return 1;
}

/* Record `path` as writable (pw_allow_write). [-0, +0, m] */
void pw_sandbox_allow(lua_State *L, const char *path) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_writable);
  push_canonical(L, path);
  lua_pushboolean(L, 1);
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

/* A library from the full _G, copied whole into a new table. */
static void copy_lib(lua_State *L, int g, int base, const char *name) {
  lua_getfield(L, g, name);
  int lib = lua_gettop(L);
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, lib)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, -4);
  }
  lua_setfield(L, base, name);
  lua_pop(L, 1);
}

/* Fill the table at `base` with the curated library, taken from the full
** _G kept in the registry. */
void pw_sandbox_fill(lua_State *L, int base) {
  base = lua_absindex(L, base);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_private_g);
  int g = lua_gettop(L);
  copy_fields(L, g, base, base_allowed);
  for (const char *const *lib = libs_allowed; *lib; lib++)
    copy_lib(L, g, base, *lib);
  lua_pushcfunction(L, pw_print);
  lua_setfield(L, base, "print");
  lua_getfield(L, g, "load");
  lua_pushcclosure(L, sandbox_load, 1);
  lua_setfield(L, base, "load");
  lua_pushcfunction(L, sandbox_loadfile);
  lua_setfield(L, base, "loadfile");
  lua_pushcfunction(L, sandbox_dofile);
  lua_setfield(L, base, "dofile");

  lua_getfield(L, g, "os");                          /* stack: g os */
  new_lib(L, "os", os_denied);
  copy_fields(L, -2, lua_gettop(L), os_allowed);
  lua_setfield(L, base, "os");
  lua_pop(L, 1);

  lua_getfield(L, g, "io");                          /* stack: g io */
  new_lib(L, "io", io_denied);
  copy_fields(L, -2, lua_gettop(L), io_allowed);
  lua_getfield(L, -2, "open");
  lua_pushcclosure(L, sandbox_open, 1);
  lua_setfield(L, -2, "open");
  pw_open_output(L, -1);
  lua_setfield(L, base, "io");
  lua_pop(L, 1);

  new_lib(L, "debug", debug_denied);
  lua_getfield(L, g, "debug");
  lua_getfield(L, -1, "traceback");
  lua_setfield(L, -3, "traceback");
  lua_pop(L, 1);
  lua_setfield(L, base, "debug");

  new_lib(L, "package", package_denied);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_loaded);
  lua_setfield(L, -2, "loaded");
  lua_pushliteral(L, "./?.lua;./?/init.lua");   /* run.c adds the script's dir */
  lua_setfield(L, -2, "path");
  lua_setfield(L, base, "package");
  lua_pop(L, 1);  /* g */
}
