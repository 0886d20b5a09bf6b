/* host.h: what the host (the engine) offers C modules that must not call
** Lua at the moment they need it, such as from inside a parser's callback.
** Found in the registry; absent when a module runs in a bare lua_State. */
#ifndef PW_STDLIB_HOST_H
#define PW_STDLIB_HOST_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>

/* registry[PW_HOST_OUTPUT]: a light userdata pointing to a pw_host_output
** that lives as long as the lua_State. */
#define PW_HOST_OUTPUT "pathway.output"

typedef struct pw_host_output {
  /* write n bytes of s to stream 1 (stdout) or 2 (stderr) of the host */
  void (*write)(void *ud, int stream, const char *s, size_t n);
  void *ud;   /* first argument of write */
} pw_host_output;

/* registry[PW_HOST_INPUTS]: a function(path, rows, columns) that records
** a data file the script read, for the review's provenance (DESIGN.md §8).
** Modules that read data files call it after a successful read; rows and
** columns may be nil for files that are not tables. */
#define PW_HOST_INPUTS "pathway.record_input"

/* registry[PW_HOST_STOP]: a light userdata pointing to a pw_host_stop that
** lives as long as the lua_State. Long C kernels (the expression engine,
** the CSV reader) call `requested` between batches and give up when it
** returns nonzero; the engine then reports the time limit or the
** interrupt that is due, as it would have at the next VM instruction. */
#define PW_HOST_STOP "pathway.stop"

typedef struct pw_host_stop {
  int (*requested)(void *ud);   /* nonzero: stop now; cheap, async-safe reads */
  void *ud;                     /* its argument */
} pw_host_stop;

/* The host's stop hook, or NULL in a bare lua_State. [-0, +0, -] */
static inline const pw_host_stop *pw_host_stop_of(lua_State *L) {
  const pw_host_stop *s = NULL;
  if (lua_getfield(L, LUA_REGISTRYINDEX, PW_HOST_STOP) == LUA_TLIGHTUSERDATA)
    s = lua_touserdata(L, -1);
  lua_pop(L, 1);
  return s;
}

/* registry[PW_HOST_ROWS]: a light userdata pointing to the host's uint64_t
** count of the rows frame operations have read (the REPL's .timer shows
** rows per second). Each operation that scans its input adds the input's
** rows once, through pw_host_count_rows. */
#define PW_HOST_ROWS "pathway.rows_read"

/* Add n to the host's count of rows read; nothing in a bare lua_State.
** [-0, +0, -] */
static inline void pw_host_count_rows(lua_State *L, size_t n) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, PW_HOST_ROWS) == LUA_TLIGHTUSERDATA)
    *(uint64_t *)lua_touserdata(L, -1) += n;
  lua_pop(L, 1);
}

#endif
