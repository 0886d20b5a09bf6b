/* session.c: the calls of pathway.h behind an interactive session: pw_eval,
** pw_set_display. The policy (how values are shown, the dot-commands,
** .timer, .save) is in lang/repl.lua; this file runs the user's input under
** the engine's limits and hands the rest to it. */
#include <string.h>
#include <time.h>

#include <lauxlib.h>

#include "engine.h"

#define CHECK_ENGINE(e) do { if ((e) == NULL || (e)->L == NULL) return PW_EINVAL; } while (0)

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Push lang/repl.lua's function `name`. [-0, +1, e] */
static void push_repl(lua_State *L, const char *name) {
  pw_require_lang(L, "pathway.repl");
  lua_getfield(L, -1, name);
  lua_remove(L, -2);
}

/* Call the compiled input at 1 and show what it returns (repl.show). */
static int call_and_show(lua_State *L) {
  lua_call(L, 0, LUA_MULTRET);
  int n = lua_gettop(L);
  if (n == 0)
    return 0;
  push_repl(L, "show");
  lua_insert(L, 1);
  lua_call(L, n, 0);
  lua_pushinteger(L, n);
  return 1;
}

/* Whether an input is a dot-command: '.' and a letter (".5" and "..." are Lua). */
static int is_command(const char *code) {
  code += strspn(code, " \t");
  return code[0] == '.' && ((code[1] | 0x20) >= 'a' && (code[1] | 0x20) <= 'z');
}

/* What repl.after learns about an input that ran. */
typedef struct after_job {
  const char *code;     /* the input */
  int as_expression;    /* it was compiled as "return <code>" */
  int shown;            /* values it showed */
  double seconds;       /* wall time */
  uint64_t rows;        /* rows frame operations read meanwhile */
} after_job;

static int do_after(lua_State *L) {
  const after_job *job = lua_touserdata(L, 1);
  push_repl(L, "after");
  lua_pushstring(L, job->code);
  lua_pushstring(L, is_command(job->code) ? "command"
                   : job->as_expression ? (job->shown ? "shown" : "expression")
                   : "statements");
  lua_pushnumber(L, job->seconds);
  lua_pushinteger(L, (lua_Integer)job->rows);
  lua_call(L, 4, 0);
  return 0;
}

/* repl.command(line) runs a dot-command; it returns true for .quit. */
static int do_command(lua_State *L) {
  const char *code = lua_touserdata(L, 1);
  push_repl(L, "command");
  lua_pushstring(L, code);
  lua_call(L, 1, 1);
  return 1;
}

static pw_status run_command(pw_engine *e, const char *code) {
  lua_State *L = e->L;
  after_job after = {code, 0, 0, now(), e->rows_read};
  lua_pushcfunction(L, do_command);
  lua_pushlightuserdata(L, (void *)(uintptr_t)code);
  pw_status s = pw_pcall(e, 1, 1);
  if (s != PW_OK)
    return s;
  int quit = lua_toboolean(L, -1);
  lua_pop(L, 1);
  if (quit)
    return PW_QUIT;
  after.seconds = now() - after.seconds;
  after.rows = e->rows_read - after.rows;
  lua_pushcfunction(L, do_after);
  lua_pushlightuserdata(L, &after);
  return pw_pcall(e, 1, 0);
}

/* Whether a syntax error says the chunk ended too soon (lua.c's test). */
static int ends_at_eof(const char *msg) {
  static const char mark[] = "<eof>";
  size_t len = strlen(msg);
  return len >= sizeof mark - 1 &&
         strcmp(msg + len - (sizeof mark - 1), mark) == 0;
}

/* Compile an input as lua.c does: as an expression if it is one, else as
** statements; an error at <eof> means more lines may complete it. */
static pw_status compile(pw_engine *e, load_job *job) {
  pw_status s = pw_load_job(e, job);
  if (s != PW_OK && job->status == LUA_ERRSYNTAX) {
    job->as_expression = 0;
    s = pw_load_job(e, job);
    if (s == PW_ESYNTAX && ends_at_eof(pw_errmsg(e))) {
      pw_set_error(e, NULL);
      s = PW_EINCOMPLETE;
    }
  }
  return s;
}

pw_status pw_eval(pw_engine *e, const char *code) {
  CHECK_ENGINE(e);
  if (code == NULL)
    return PW_EINVAL;
  if (is_command(code))
    return run_command(e, code);
  lua_State *L = e->L;
  int top = lua_gettop(L);
  lua_pushcfunction(L, call_and_show);
  load_job job = {NULL, code, strlen(code), "=stdin", 1, 0};
  pw_status s = compile(e, &job);
  if (s != PW_OK) {
    lua_settop(L, top);
    return s;
  }
  after_job after = {code, job.as_expression, 0, now(), e->rows_read};
  s = pw_pcall(e, 1, 1);
  if (s != PW_OK) {
    lua_settop(L, top);
    return s;
  }
  after.shown = (int)lua_tointeger(L, -1);
  after.seconds = now() - after.seconds;
  after.rows = e->rows_read - after.rows;
  lua_settop(L, top);
  lua_pushcfunction(L, do_after);
  lua_pushlightuserdata(L, &after);
  return pw_pcall(e, 1, 0);
}

static int do_set_display(lua_State *L) {
  const pw_display *d = lua_touserdata(L, 1);
  push_repl(L, "set_display");
  lua_pushinteger(L, d->width > 0 ? d->width : 80);
  lua_pushinteger(L, d->height > 0 ? d->height : 24);
  lua_pushboolean(L, d->color);
  lua_call(L, 3, 0);
  return 0;
}

pw_status pw_set_display(pw_engine *e, const pw_display *d) {
  CHECK_ENGINE(e);
  if (d == NULL)
    return PW_EINVAL;
  lua_pushcfunction(e->L, do_set_display);
  lua_pushlightuserdata(e->L, (void *)(uintptr_t)d);
  return pw_pcall(e, 1, 0);
}
