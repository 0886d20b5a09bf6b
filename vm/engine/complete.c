/* complete.c: pw_complete, the glue to lang/complete.lua. The policy (what
** completes where) is in the Lua module; this file runs it under the
** engine's limits, gives it a reader of frames' column names, and keeps the
** candidates alive until the next call. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine.h"
#include "frame/l_frame.h"

/* Registry key of the last result: a table {candidates, pointer array}.
** The candidate strings are anchored by the candidates table and the array
** of pointers into them is a full userdata, so both stay where they are
** (Lua's collector does not move objects) until the next call replaces
** the table. The key's address is unique per process; the value is per
** engine, in its own registry. */
static const char key_result;

/* What pw_complete passes into and gets out of the protected call. */
typedef struct complete_job {
  const char *line;            /* the line being edited */
  size_t cursor;               /* byte offset of the end of the word */
  size_t start;                /* out: where the word begins */
  size_t n;                    /* out: how many candidates */
  const char *const *items;    /* out: the candidates, sorted */
} complete_job;

/* columns(v) -> names, "frame" | "grouped", or nil when v is neither a
** frame nor a grouped frame. Reads the C struct: nothing a user wrote can
** run (a frame's `names` method could have been replaced by the user).
** Raises, like pw_frame_check, for a closed frame. [-0, +(1|2), v] */
static int frame_columns(lua_State *L) {
  frame *f = NULL;
  const char *kind;
  if (luaL_testudata(L, 1, PW_FRAME_MT)) {
    f = pw_frame_check(L, 1);
    kind = "frame";
  } else if (luaL_testudata(L, 1, PW_GROUPED_MT)) {
    pw_grouped_check(L, 1, &f);
    kind = "grouped";
  } else {
    lua_pushnil(L);
    return 1;
  }
  lua_createtable(L, (int)f->ncol, 0);
  for (size_t j = 0; j < f->ncol; j++) {
    lua_pushstring(L, f->names[j]);
    lua_rawseti(L, -2, (lua_Integer)j + 1);
  }
  lua_pushstring(L, kind);
  return 2;
}

static int compare_items(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Run complete.complete(line, cursor, base, columns) and keep its result
** in the registry. [-0, +0, e] */
static int do_complete(lua_State *L) {
  complete_job *job = lua_touserdata(L, 1);
  pw_require_lang(L, "pathway.complete");
  lua_getfield(L, -1, "complete");                 /* stack: job mod fn */
  lua_pushstring(L, job->line);
  lua_pushinteger(L, (lua_Integer)job->cursor);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_base);
  lua_pushcfunction(L, frame_columns);
  lua_call(L, 4, 2);                               /* stack: job mod start cands */
  int isnum;
  lua_Integer start = lua_tointegerx(L, -2, &isnum);
  if (!isnum || start < 0 || (lua_Unsigned)start > job->cursor || !lua_istable(L, -1))
    return luaL_error(L, "completion returned a bad result");
  int cands = lua_gettop(L);
  size_t n = lua_rawlen(L, cands);
  lua_createtable(L, 2, 0);                        /* stack: ... cands result */
  lua_pushvalue(L, cands);
  lua_rawseti(L, -2, 1);
  const char **items = lua_newuserdatauv(L, (n + 1) * sizeof *items, 0);
  lua_rawseti(L, -2, 2);                           /* anchored by result[2] */
  for (size_t i = 0; i < n; i++) {
    if (lua_rawgeti(L, cands, (lua_Integer)i + 1) != LUA_TSTRING)
      return luaL_error(L, "completion returned a candidate that is not a string");
    items[i] = lua_tostring(L, -1);                /* anchored by cands */
    lua_pop(L, 1);
  }
  /* Sorted by bytes here rather than by Lua's `<`, which follows the locale. */
  qsort(items, n, sizeof *items, compare_items);
  size_t kept = 0;
  for (size_t i = 0; i < n; i++)
    if (kept == 0 || strcmp(items[kept - 1], items[i]) != 0)
      items[kept++] = items[i];
  items[kept] = NULL;
  lua_rawsetp(L, LUA_REGISTRYINDEX, &key_result); /* replaces the last result */
  job->start = (size_t)start;
  job->n = kept;
  job->items = items;
  return 0;
}

pw_status pw_complete(pw_engine *e, const char *line, size_t cursor, size_t *start,
                      size_t *n, const char *const **items) {
  if (e == NULL || e->L == NULL)
    return PW_EINVAL;
  if (start)
    *start = 0;
  if (n)
    *n = 0;
  if (items)
    *items = NULL;
  if (line == NULL || start == NULL || n == NULL || items == NULL) {
    pw_set_error(e, "pw_complete: line and outputs must not be NULL");
    return PW_EINVAL;
  }
  if (cursor > strlen(line)) {
    pw_set_errorf(e, "pw_complete: cursor %zu is past the end of the line (%zu bytes)",
                  cursor, strlen(line));
    return PW_EINVAL;
  }
  complete_job job = {line, cursor, cursor, 0, NULL};
  lua_pushcfunction(e->L, do_complete);
  lua_pushlightuserdata(e->L, &job);
  pw_status s = pw_pcall(e, 1, 0);
  if (s != PW_OK)
    return s;
  *start = job.start;
  *n = job.n;
  *items = job.items;
  return PW_OK;
}
