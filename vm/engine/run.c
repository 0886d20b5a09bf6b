/* run.c: the calls of pathway.h that load and run code. Each one does its
** Lua work inside a protected call, so that no error, not even running out
** of memory, can escape to the host. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine.h"

#define CHECK_ENGINE(e) do { if ((e) == NULL || (e)->L == NULL) return PW_EINVAL; } while (0)

/* Compile the job's chunk. Returns the function, or the error message with
** job->status set; it never raises for a bad chunk. */
static int do_load(lua_State *L) {
  load_job *job = lua_touserdata(L, 1);
  const char *mode = pw_engine_of(L)->unsafe ? "bt" : "t";
  if (job->code && job->as_expression) {
    /* not "return <code>": a call there would be a tail call, which
       leaves no frame of the input for debug.getinfo (criterion uses it
       to name where it was declared) or for tracebacks. A comment would
       swallow the ')', so then it goes on a line of its own. */
    lua_pushliteral(L, "return (function(...) return ... end)(");
    lua_pushlstring(L, job->code, job->len);
    if (strstr(job->code, "--"))
      lua_pushliteral(L, "\n);");
    else
      lua_pushliteral(L, ");");
    lua_concat(L, 3);
    size_t len;
    const char *code = lua_tolstring(L, -1, &len);
    job->status = luaL_loadbufferx(L, code, len, job->chunkname, mode);
  } else if (job->code)
    job->status = luaL_loadbufferx(L, job->code, job->len, job->chunkname, mode);
  else
    job->status = luaL_loadfilex(L, job->path, mode);
  return 1;
}

/* Compile into a function on the stack, or fail with the load's status. */
pw_status pw_load_job(pw_engine *e, load_job *job) {
  lua_State *L = e->L;
  lua_pushcfunction(L, do_load);
  lua_pushlightuserdata(L, job);
  pw_status s = pw_pcall(e, 1, 1);
  if (s != PW_OK)
    return s;
  if (job->status != LUA_OK)
    return pw_status_of_load(e, job->status);
  return PW_OK;
}

/* Push the script arguments arg[1..#arg]; returns how many. */
static int push_script_args(lua_State *L) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pushliteral(L, "arg");
  if (lua_rawget(L, -2) != LUA_TTABLE) {
    lua_pop(L, 2);
    return 0;
  }
  int n = (int)luaL_len(L, -1);
  luaL_checkstack(L, n + 3, "too many arguments to script");
  for (int i = 1; i <= n; i++)
    lua_rawgeti(L, -i, i);
  lua_remove(L, -n - 1);
  lua_remove(L, -n - 1);
  return n;
}

/* Put `dir/?.lua;dir/?/init.lua` in front of the sandbox's package.path so a
** script can require the Lua files beside it. [-0, +0, m] */
void pw_set_script_dir(lua_State *L, const char *path) {
  const char *slash = strrchr(path, '/');
  lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_base);
  if (lua_getfield(L, -1, "package") != LUA_TTABLE) {
    lua_pop(L, 2);
    return;
  }
  if (slash)
    lua_pushlstring(L, path, (size_t)(slash - path));
  else
    lua_pushliteral(L, ".");
  const char *dir = lua_tostring(L, -1);
  lua_pushfstring(L, "%s/?.lua;%s/?/init.lua;./?.lua;./?/init.lua", dir, dir);
  lua_setfield(L, -3, "path");
  lua_pop(L, 3);
}

static int add_script_dir(lua_State *L) {
  pw_set_script_dir(L, lua_touserdata(L, 1));
  return 0;
}

static pw_status run_loaded(pw_engine *e, int with_args) {
  lua_State *L = e->L;
  int n = 0;
  if (with_args) {
    int before = lua_gettop(L);   /* the chunk is on top */
    lua_pushcfunction(L, push_script_args);
    if (lua_pcall(L, 0, LUA_MULTRET, 0) != LUA_OK) {
      lua_pop(L, 2);
      pw_set_error(e, "not enough memory for the script arguments");
      return PW_EINTERNAL;
    }
    n = lua_gettop(L) - before;
  }
  return pw_pcall(e, n, 0);
}

pw_status pw_load_file(pw_engine *e, const char *path) {
  CHECK_ENGINE(e);
  if (path == NULL)
    return PW_EINVAL;
  int stdin_ = strcmp(path, "-") == 0;
  if (!e->unsafe && !stdin_) {
    lua_pushcfunction(e->L, add_script_dir);
    lua_pushlightuserdata(e->L, (void *)(uintptr_t)path);
    pw_status s = pw_pcall(e, 1, 0);
    if (s != PW_OK)
      return s;
  }
  if (!stdin_) {   /* the review's script (pw_review, pw_lock) */
    char *copy = strdup(path);
    if (copy == NULL)
      return PW_EINTERNAL;
    free(e->script);
    e->script = copy;
  }
  load_job job = {stdin_ ? NULL : path, NULL, 0, NULL, 0, 0};
  int top = lua_gettop(e->L);
  pw_status s = pw_load_job(e, &job);
  if (s != PW_OK)
    return s;
  s = run_loaded(e, 1);
  lua_settop(e->L, top);
  return s;
}

pw_status pw_load_string(pw_engine *e, const char *code, const char *chunkname) {
  CHECK_ENGINE(e);
  if (code == NULL)
    return PW_EINVAL;
  load_job job = {NULL, code, strlen(code), chunkname ? chunkname : "=(string)", 0, 0};
  int top = lua_gettop(e->L);
  pw_status s = pw_load_job(e, &job);
  if (s != PW_OK)
    return s;
  s = run_loaded(e, 0);
  lua_settop(e->L, top);
  return s;
}

/* What pw_set_args passes to its protected half. */
typedef struct args_job {
  int argc;                 /* entries in argv */
  const char *const *argv;  /* the process's arguments */
  int script;               /* index of the script name in argv */
} args_job;

static int do_set_args(lua_State *L) {
  const args_job *job = lua_touserdata(L, 1);
  lua_createtable(L, job->argc - job->script, job->script + 1);
  for (int i = 0; i < job->argc; i++) {
    lua_pushstring(L, job->argv[i]);
    lua_rawseti(L, -2, i - job->script);
  }
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_insert(L, -2);
  lua_setfield(L, -2, "arg");
  return 0;
}

pw_status pw_set_args(pw_engine *e, int argc, const char *const *argv, int script) {
  CHECK_ENGINE(e);
  if (argc < 0 || (argc > 0 && argv == NULL) || script < 0 || script > argc)
    return PW_EINVAL;
  for (int i = 0; i < argc; i++)
    if (argv[i] == NULL)
      return PW_EINVAL;
  args_job job = {argc, argv, script};
  lua_pushcfunction(e->L, do_set_args);
  lua_pushlightuserdata(e->L, &job);
  return pw_pcall(e, 1, 0);
}

static int do_allow_write(lua_State *L) {
  pw_sandbox_allow(L, lua_touserdata(L, 1));
  return 0;
}

pw_status pw_allow_write(pw_engine *e, const char *path) {
  CHECK_ENGINE(e);
  if (path == NULL || *path == '\0')
    return PW_EINVAL;
  lua_pushcfunction(e->L, do_allow_write);
  lua_pushlightuserdata(e->L, (void *)(uintptr_t)path);
  return pw_pcall(e, 1, 0);
}

/* What pw_run_tests passes to its protected half. */
typedef struct tests_job {
  int npaths;                /* entries in paths */
  const char *const *paths;  /* files and directories to run */
  pw_test_summary *summary;  /* out */
} tests_job;

/* pathway.test's run(paths) does the work; C only moves the counts. */
static int do_run_tests(lua_State *L) {
  tests_job *job = lua_touserdata(L, 1);
  pw_require_lang(L, "pathway.test");
  lua_getfield(L, -1, "run");
  lua_createtable(L, job->npaths, 0);
  for (int i = 0; i < job->npaths; i++) {
    lua_pushstring(L, job->paths[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_call(L, 1, 3);
  job->summary->passed = (int)lua_tointeger(L, -3);
  job->summary->failed = (int)lua_tointeger(L, -2);
  job->summary->skipped = (int)lua_tointeger(L, -1);
  return 0;
}

pw_status pw_run_tests(pw_engine *e, int npaths, const char *const *paths,
                       pw_test_summary *summary) {
  CHECK_ENGINE(e);
  pw_test_summary local = {0, 0, 0};
  if (summary == NULL)
    summary = &local;
  if (npaths < 0 || (npaths > 0 && paths == NULL))
    return PW_EINVAL;
  for (int i = 0; i < npaths; i++)
    if (paths[i] == NULL)
      return PW_EINVAL;
  tests_job job = {npaths, paths, summary};
  lua_pushcfunction(e->L, do_run_tests);
  lua_pushlightuserdata(e->L, &job);
  pw_status s = pw_pcall(e, 1, 0);
  if (s != PW_OK)
    return s;
  return summary->failed > 0 ? PW_ETESTS : PW_OK;
}

/* pathway.help's show(topic) prints, or returns false and a message. */
static int do_help(lua_State *L) {
  const char *topic = lua_touserdata(L, 1);
  pw_require_lang(L, "pathway.help");
  lua_getfield(L, -1, "show");
  if (topic)
    lua_pushstring(L, topic);
  else
    lua_pushnil(L);
  lua_call(L, 1, 2);
  if (!lua_toboolean(L, -2))
    return lua_error(L);
  return 0;
}

pw_status pw_help(pw_engine *e, const char *topic) {
  CHECK_ENGINE(e);
  lua_pushcfunction(e->L, do_help);
  lua_pushlightuserdata(e->L, (void *)(uintptr_t)topic);
  pw_status s = pw_pcall(e, 1, 0);
  return s == PW_ESCRIPT ? PW_EINVAL : s;
}
