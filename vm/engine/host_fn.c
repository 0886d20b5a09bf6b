/* host_fn.c: C functions of the host that scripts call (pathway.h "host
** functions"): a trampoline C closure per function, and the pw_call handle. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine.h"

#define CHECK_ENGINE(e) do { if ((e) == NULL || (e)->L == NULL) return PW_EINVAL; } while (0)

#if !defined(PW_MAX_RESULTS)
#define PW_MAX_RESULTS 16   /* results one host function may return (pathway.h) */
#endif

#if !defined(PW_CALL_INLINE)
#define PW_CALL_INLINE 256  /* bytes of result strings kept on the C stack */
#endif

/* The upvalue of a trampoline. A plain userdata with no metatable: it owns
** no C memory, so it needs no __gc, and scripts never see it (only
** debug.getupvalue could, and then it is an inert value). */
typedef struct host_fn {
  pw_function fn;      /* the host's function */
  void *ud;            /* passed to every call */
  char name[];         /* the global's name, for error messages */
} host_fn;

/* One recorded result. */
typedef struct result {
  pw_value_type type;  /* NIL, BOOL, INT, NUMBER or STRING */
  union {
    int b;             /* BOOL */
    lua_Integer i;     /* INT */
    double d;          /* NUMBER */
    struct {
      size_t off;      /* STRING: its bytes start at buf + off */
      size_t len;      /* STRING: its length */
    } s;
  } v;                 /* the value, by type */
} result;

/* The handle a host function gets, on the trampoline's C stack. String
** results are copied into `inline_buf` and, when that is full, into `heap`
** (malloc'd, never through Lua, so recording a result cannot raise). */
struct pw_call {
  lua_State *L;        /* the calling state: arguments at 1 .. argc */
  size_t argc;         /* arguments passed */
  result results[PW_MAX_RESULTS]; /* recorded results, in order */
  size_t nresults;     /* entries of results */
  int failed;          /* pw_call_error was called */
  size_t msg_off;      /* its message: buf + msg_off ... */
  size_t msg_len;      /* ... and its length */
  char *heap;          /* the strings once inline_buf overflowed, or NULL */
  size_t used;         /* bytes of the buffer in use */
  size_t cap;          /* bytes of the buffer */
  char inline_buf[PW_CALL_INLINE]; /* the strings while they fit */
};

/* What finish_protected needs. */
typedef struct finish_job {
  const host_fn *h;    /* the function called */
  pw_call *c;          /* its handle */
  pw_status status;    /* what it returned */
  int level;           /* stack level of the script's calling function */
  int raise;           /* out: the values pushed are an error to raise */
} finish_job;

/* ------------------------------------------------------------ the trampoline */

static const char *buffer(const pw_call *c) {
  return c->heap ? c->heap : c->inline_buf;
}

/* Room for `len` more bytes of strings; their offset in *off. 0 when out
** of memory (nothing changes then). */
static int reserve(pw_call *c, size_t len, size_t *off) {
  if (len > SIZE_MAX / 2 - c->used)
    return 0;
  size_t need = c->used + len;
  if (need > c->cap) {
    size_t cap = 2 * c->cap;
    while (cap < need)
      cap *= 2;
    char *p = realloc(c->heap, cap);
    if (p == NULL)
      return 0;
    if (c->heap == NULL)
      memcpy(p, c->inline_buf, c->used);
    c->heap = p;
    c->cap = cap;
  }
  *off = c->used;
  c->used = need;
  return 1;
}

/* Push the outcome of a call: its results (returns how many) or, when it
** failed, the message "where: name: msg" (returns 1, job->raise set). The
** pushes may raise (memory); the caller makes sure nothing leaks then. */
static int push_outcome(lua_State *L, finish_job *job) {
  const pw_call *c = job->c;
  if (c->failed || job->status != PW_OK) {
    job->raise = 1;
    luaL_where(L, job->level);
    lua_pushstring(L, job->h->name);
    if (c->failed) {
      lua_pushliteral(L, ": ");
      lua_pushlstring(L, buffer(c) + c->msg_off, c->msg_len);
    } else {
      lua_pushfstring(L, ": failed (status %d)", (int)job->status);
      lua_pushliteral(L, "");
    }
    lua_concat(L, 4);
    return 1;
  }
  for (size_t i = 0; i < c->nresults; i++) {
    const result *r = &c->results[i];
    switch (r->type) {
    case PW_VALUE_BOOL:   lua_pushboolean(L, r->v.b); break;
    case PW_VALUE_INT:    lua_pushinteger(L, r->v.i); break;
    case PW_VALUE_NUMBER: lua_pushnumber(L, r->v.d); break;
    case PW_VALUE_STRING: lua_pushlstring(L, buffer(c) + r->v.s.off, r->v.s.len); break;
    default:              lua_pushnil(L); break;
    }
  }
  return (int)c->nresults;
}

/* push_outcome in a protected call, for when c->heap must be freed after
** the pushes whatever happens. */
static int finish_protected(lua_State *L) {
  finish_job *job = lua_touserdata(L, 1);
  lua_pop(L, 1);
  return push_outcome(L, job);
}

/* The C closure behind every host function: upvalue 1 is its host_fn.
** Stack space is made before the host function runs, so that nothing can
** raise while it runs or while it owns memory; the outcome is pushed
** directly when the strings fit on the C stack, else in a protected call
** after which the heap buffer is freed and only then an error raised. */
static int trampoline(lua_State *L) {
  const host_fn *h = lua_touserdata(L, lua_upvalueindex(1));
  luaL_checkstack(L, PW_MAX_RESULTS + 8, h->name);
  pw_call c;
  c.L = L;
  c.argc = (size_t)lua_gettop(L);
  c.nresults = 0;
  c.failed = 0;
  c.msg_off = c.msg_len = 0;
  c.heap = NULL;
  c.used = 0;
  c.cap = sizeof c.inline_buf;
  finish_job job = {h, &c, PW_OK, 1, 0};
  job.status = h->fn(&c, h->ud);
  if (c.heap == NULL) {
    int n = push_outcome(L, &job);   /* level 1: the script calling us */
    return job.raise ? lua_error(L) : n;
  }
  int top = lua_gettop(L);
  job.level = 2;   /* one more frame: finish_protected */
  lua_pushcfunction(L, finish_protected);
  lua_pushlightuserdata(L, &job);
  int status = lua_pcall(L, 1, LUA_MULTRET, 0);
  free(c.heap);
  if (status != LUA_OK || job.raise)
    return lua_error(L);   /* the message is on top */
  return lua_gettop(L) - top;
}

/* ------------------------------------------------------------ registration */

/* What pw_register_function passes to its protected half. */
typedef struct register_job {
  const char *name;    /* the global */
  pw_function fn;      /* the host's function */
  void *ud;            /* its data */
} register_job;

/* user_env[name] = trampoline closure (raw, so it replaces any global of
** that name and shadows the curated library's). */
static int do_register(lua_State *L) {
  const register_job *job = lua_touserdata(L, 1);
  size_t len = strlen(job->name);
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);   /* stack: job env */
  lua_pushlstring(L, job->name, len);                    /* stack: job env name */
  host_fn *h = lua_newuserdatauv(L, sizeof *h + len + 1, 0);
  h->fn = job->fn;
  h->ud = job->ud;
  memcpy(h->name, job->name, len + 1);
  lua_pushcclosure(L, trampoline, 1);                    /* stack: job env name fn */
  lua_rawset(L, 2);
  return 0;
}

pw_status pw_register_function(pw_engine *e, const char *name, pw_function fn, void *ud) {
  CHECK_ENGINE(e);
  if (name == NULL || *name == '\0' || fn == NULL)
    return PW_EINVAL;
  register_job job = {name, fn, ud};
  lua_pushcfunction(e->L, do_register);
  lua_pushlightuserdata(e->L, &job);
  return pw_pcall(e, 1, 0);
}

/* ------------------------------------------------------------ arguments */

/* The Lua type of argument i, or LUA_TNONE when absent. Reads only. */
static int arg_type(const pw_call *c, size_t i) {
  if (c == NULL || i >= c->argc)
    return LUA_TNONE;
  return lua_type(c->L, (int)i + 1);
}

size_t pw_call_argc(const pw_call *c) {
  return c ? c->argc : 0;
}

/* An integer-valued float is reported as a float (PW_VALUE_NUMBER), its
** Lua subtype; pw_call_arg_int accepts it all the same. */
pw_value_type pw_call_arg_type(const pw_call *c, size_t i) {
  switch (arg_type(c, i)) {
  case LUA_TNONE:
  case LUA_TNIL:     return PW_VALUE_NIL;
  case LUA_TBOOLEAN: return PW_VALUE_BOOL;
  case LUA_TNUMBER:  return lua_isinteger(c->L, (int)i + 1) ? PW_VALUE_INT : PW_VALUE_NUMBER;
  case LUA_TSTRING:  return PW_VALUE_STRING;
  default:           return PW_VALUE_OTHER;
  }
}

pw_status pw_call_arg_int(const pw_call *c, size_t i, int64_t *out) {
  if (out == NULL || arg_type(c, i) != LUA_TNUMBER)
    return PW_EINVAL;
  int exact;
  lua_Integer v = lua_tointegerx(c->L, (int)i + 1, &exact);   /* a number: no conversion of strings */
  if (!exact)
    return PW_EINVAL;
  *out = (int64_t)v;
  return PW_OK;
}

pw_status pw_call_arg_double(const pw_call *c, size_t i, double *out) {
  if (out == NULL || arg_type(c, i) != LUA_TNUMBER)
    return PW_EINVAL;
  *out = (double)lua_tonumber(c->L, (int)i + 1);
  return PW_OK;
}

pw_status pw_call_arg_bool(const pw_call *c, size_t i, int *out) {
  if (out == NULL || arg_type(c, i) != LUA_TBOOLEAN)
    return PW_EINVAL;
  *out = lua_toboolean(c->L, (int)i + 1);
  return PW_OK;
}

/* Only an actual string: lua_tolstring on a number would convert it in
** place, which allocates and so could raise. `len` may be NULL. */
pw_status pw_call_arg_string(const pw_call *c, size_t i, const char **s, size_t *len) {
  if (s == NULL || arg_type(c, i) != LUA_TSTRING)
    return PW_EINVAL;
  size_t n;
  *s = lua_tolstring(c->L, (int)i + 1, &n);
  if (len)
    *len = n;
  return PW_OK;
}

/* ------------------------------------------------------------ results */

/* The next result slot, or NULL when c is NULL or all 16 are used. */
static result *next_result(pw_call *c) {
  if (c == NULL || c->nresults >= PW_MAX_RESULTS)
    return NULL;
  return &c->results[c->nresults];
}

pw_status pw_call_return_nil(pw_call *c) {
  result *r = next_result(c);
  if (r == NULL)
    return PW_EINVAL;
  r->type = PW_VALUE_NIL;
  c->nresults++;
  return PW_OK;
}

pw_status pw_call_return_bool(pw_call *c, int v) {
  result *r = next_result(c);
  if (r == NULL)
    return PW_EINVAL;
  r->type = PW_VALUE_BOOL;
  r->v.b = v != 0;
  c->nresults++;
  return PW_OK;
}

pw_status pw_call_return_int(pw_call *c, int64_t v) {
  result *r = next_result(c);
  if (r == NULL)
    return PW_EINVAL;
  r->type = PW_VALUE_INT;
  r->v.i = (lua_Integer)v;
  c->nresults++;
  return PW_OK;
}

pw_status pw_call_return_double(pw_call *c, double v) {
  result *r = next_result(c);
  if (r == NULL)
    return PW_EINVAL;
  r->type = PW_VALUE_NUMBER;
  r->v.d = v;
  c->nresults++;
  return PW_OK;
}

pw_status pw_call_return_string(pw_call *c, const char *s, size_t len) {
  result *r = next_result(c);
  size_t off;
  if (r == NULL || s == NULL)
    return PW_EINVAL;
  if (!reserve(c, len, &off))
    return PW_EINTERNAL;
  memcpy(c->heap ? c->heap + off : c->inline_buf + off, s, len);
  r->type = PW_VALUE_STRING;
  r->v.s.off = off;
  r->v.s.len = len;
  c->nresults++;
  return PW_OK;
}

/* Once called, the call fails with this message whatever the function
** returns (a later call replaces the message). */
pw_status pw_call_error(pw_call *c, const char *msg) {
  if (c == NULL || msg == NULL)
    return PW_EINVAL;
  size_t len = strlen(msg), off;
  if (!reserve(c, len, &off))
    return PW_EINTERNAL;
  memcpy(c->heap ? c->heap + off : c->inline_buf + off, msg, len);
  c->failed = 1;
  c->msg_off = off;
  c->msg_len = len;
  return PW_OK;
}
