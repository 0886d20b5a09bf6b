/* errors.c: protected calls, and messages that show the user's frames only. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine.h"

#define MAX_FRAMES 20   /* a traceback longer than this is cut in the middle */

/* Whether a frame belongs to the user's code: a Lua function from a file,
** the command line or stdin, not C and not the engine's embedded lang/. */
static int is_user_frame(const lua_Debug *ar) {
  if (strcmp(ar->what, "C") == 0)
    return 0;
  return strncmp(ar->source, "=[pathway]", 10) != 0;
}

/* Append one traceback line for the frame `ar` to the buffer. */
static void add_frame(luaL_Buffer *b, lua_State *L, const lua_Debug *ar) {
  lua_pushfstring(L, "\n\t%s:", ar->short_src);
  luaL_addvalue(b);
  if (ar->currentline > 0) {
    lua_pushfstring(L, "%d:", ar->currentline);
    luaL_addvalue(b);
  }
  if (*ar->what == 'm')
    lua_pushliteral(L, " in main chunk");
  else if (*ar->namewhat == 'g' || (*ar->namewhat && ar->name == NULL))
    lua_pushfstring(L, " in function '%s'", ar->name ? ar->name : "?");
  else if (*ar->namewhat)
    lua_pushfstring(L, " in %s '%s'", ar->namewhat, ar->name);
  else
    lua_pushfstring(L, " in function <%s:%d>", ar->short_src, ar->linedefined);
  luaL_addvalue(b);
}

/* Push a traceback of the user's frames from `level` up. [-0, +1, m] */
static void push_user_traceback(lua_State *L, int level) {
  luaL_Buffer b;
  lua_Debug ar;
  int shown = 0, skipped = 0;
  luaL_buffinit(L, &b);
  for (; lua_getstack(L, level, &ar); level++) {
    lua_getinfo(L, "Slnt", &ar);
    if (!is_user_frame(&ar))
      continue;
    if (shown >= MAX_FRAMES) {
      skipped++;
      continue;
    }
    if (shown == 0)
      luaL_addstring(&b, "\nstack traceback:");
    add_frame(&b, L, &ar);
    shown++;
  }
  if (skipped) {
    lua_pushfstring(L, "\n\t(...%d more frames)", skipped);
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
}

/* Message handler of every protected call: the message (objects with
** __tostring are converted) followed by the user-frame traceback. */
int pw_msghandler(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
      msg = lua_tostring(L, -1);
    else
      msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  lua_settop(L, 1);
  lua_pushstring(L, msg);
  push_user_traceback(L, 1);
  lua_concat(L, 2);
  return 1;
}

void pw_set_error(pw_engine *e, const char *msg) {
  free(e->errmsg);
  e->errmsg = NULL;
  if (msg) {
    size_t n = strlen(msg);
    e->errmsg = malloc(n + 1);
    if (e->errmsg)
      memcpy(e->errmsg, msg, n + 1);
  }
}

void pw_set_errorf(pw_engine *e, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  pw_set_error(e, buf);
}

/* The status and message of a failed call or load: the limits first,
** because once one is hit, whatever error surfaced is its consequence. */
static pw_status classify(pw_engine *e, int lstatus) {
  lua_State *L = e->L;
  if (e->interrupt) {
    pw_set_error(e, "interrupted");
    return PW_EINTERRUPTED;
  }
  if (e->clock.time_hit) {
    pw_set_errorf(e, "time limit of %g s exceeded", e->clock.timeout);
    return PW_ETIMEOUT;
  }
  /* C modules that find the allocator refusing raise an ordinary error, so
     the flag decides, not the status */
  if (e->mem.limit_hit) {
    pw_set_errorf(e, "memory limit of %g MiB exceeded",
                  (double)e->mem.limit / (1024.0 * 1024.0));
    return PW_EMEMORY;
  }
  const char *msg = lua_tostring(L, -1);
  pw_set_error(e, msg ? msg : "(error object is not a string)");
  switch (lstatus) {
  case LUA_ERRSYNTAX: return PW_ESYNTAX;
  case LUA_ERRFILE:   return PW_EIO;
  case LUA_ERRRUN:    return PW_ESCRIPT;
  default:            return PW_EINTERNAL;   /* LUA_ERRMEM, LUA_ERRERR */
  }
}

/* lua_pcall under the engine's limits and message handler. On failure the
** error is in pw_errmsg and the stack holds nothing of the call. */
pw_status pw_pcall(pw_engine *e, int nargs, int nresults) {
  lua_State *L = e->L;
  int base = lua_gettop(L) - nargs;   /* the function's index */
  lua_pushcfunction(L, pw_msghandler);
  lua_insert(L, base);
  pw_limits_begin(e);
  int status = lua_pcall(L, nargs, nresults, base);
  pw_limits_end(e);
  lua_remove(L, base);
  if (status == LUA_OK)
    return PW_OK;
  pw_status s = classify(e, status);
  lua_pop(L, 1);
  return s;
}

/* The status of a failed lua_load: pops the message. */
pw_status pw_status_of_load(pw_engine *e, int lstatus) {
  pw_status s = classify(e, lstatus);
  lua_pop(e->L, 1);
  return s;
}
