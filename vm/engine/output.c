/* output.c: every byte a script prints goes through the host's callback. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "engine.h"

/* The default when the host sets no callback. */
static void write_stdio(void *ud, pw_stream stream, const char *s, size_t n) {
  (void)ud;
  FILE *f = stream == PW_STDERR ? stderr : stdout;
  fwrite(s, 1, n, f);
  if (stream == PW_STDERR)
    fflush(stderr);
}

void pw_write(pw_engine *e, pw_stream stream, const char *s, size_t n) {
  if (n == 0)
    return;
  if (e->write)
    e->write(e->write_ud, stream, s, n);
  else
    write_stdio(NULL, stream, s, n);
}

void pw_writef(pw_engine *e, pw_stream stream, const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  pw_write(e, stream, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* print(...): as Lua's, through the callback. */
int pw_print(lua_State *L) {
  pw_engine *e = pw_engine_of(L);
  int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= n; i++) {
    if (i > 1)
      luaL_addchar(&b, '\t');
    luaL_tolstring(L, i, NULL);
    luaL_addvalue(&b);
  }
  luaL_addchar(&b, '\n');
  luaL_pushresult(&b);
  size_t len;
  const char *s = lua_tolstring(L, -1, &len);
  pw_write(e, PW_STDOUT, s, len);
  return 0;
}

/* Write the string or number arguments from `first` on to `stream`. */
static void write_args(lua_State *L, int first, pw_stream stream) {
  pw_engine *e = pw_engine_of(L);
  int n = lua_gettop(L);
  for (int i = first; i <= n; i++) {
    size_t len;
    const char *s = luaL_checklstring(L, i, &len);
    pw_write(e, stream, s, len);
  }
}

/* io.write(...) */
static int io_write(lua_State *L) {
  write_args(L, 1, PW_STDOUT);
  lua_settop(L, 0);
  lua_getfield(L, lua_upvalueindex(1), "stdout");
  return 1;
}

/* stream:write(...) on io.stdout or io.stderr; returns the stream. */
static int stream_write(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_getfield(L, 1, "_stream");
  pw_stream stream = lua_tointeger(L, -1) == PW_STDERR ? PW_STDERR : PW_STDOUT;
  lua_pop(L, 1);
  write_args(L, 2, stream);
  lua_settop(L, 1);
  return 1;
}

/* Lua files' flush and setvbuf: output is the host's business, no-ops. */
static int stream_noop(lua_State *L) {
  lua_settop(L, 1);
  return 1;
}

static int stream_tostring(lua_State *L) {
  lua_getfield(L, 1, "_stream");
  lua_pushstring(L, lua_tointeger(L, -1) == PW_STDERR ? "stream (stderr)"
                                                       : "stream (stdout)");
  return 1;
}

static void new_stream(lua_State *L, pw_stream stream) {
  static const luaL_Reg methods[] = {
    {"flush", stream_noop},
    {"setvbuf", stream_noop},
    {"write", stream_write},
    {NULL, NULL}
  };
  lua_createtable(L, 0, 4);            /* stack: stream */
  luaL_setfuncs(L, methods, 0);
  lua_pushinteger(L, stream);
  lua_setfield(L, -2, "_stream");
  lua_createtable(L, 0, 1);            /* stack: stream mt */
  lua_pushcfunction(L, stream_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_setmetatable(L, -2);
}

/* Put write, stdout and stderr into the io-like table at `libtable`: the
** script's standard output and error are the host's callback, not FILE*s. */
void pw_open_output(lua_State *L, int libtable) {
  libtable = lua_absindex(L, libtable);
  new_stream(L, PW_STDOUT);
  lua_setfield(L, libtable, "stdout");
  new_stream(L, PW_STDERR);
  lua_setfield(L, libtable, "stderr");
  lua_pushvalue(L, libtable);
  lua_pushcclosure(L, io_write, 1);
  lua_setfield(L, libtable, "write");
}
