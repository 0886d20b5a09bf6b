/* engine.h: the engine's internal structure, shared by the files of vm/engine. */
#ifndef PW_VM_ENGINE_H
#define PW_VM_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <time.h>

#include <lua.h>

#include "host.h"
#include "pathway.h"

#if !defined(PW_DEFAULT_MAX_MEMORY)
#define PW_DEFAULT_MAX_MEMORY ((size_t)4 << 30)   /* 4 GiB */
#endif

#if !defined(PW_DEFAULT_SEED)
#define PW_DEFAULT_SEED 1   /* reports are reproducible unless --seed says otherwise */
#endif

#if !defined(PW_MEMORY_GRACE)
#define PW_MEMORY_GRACE ((size_t)1 << 20)  /* 1 MiB past the limit, see limits.c */
#endif

#if !defined(PW_HOOK_COUNT)
#define PW_HOOK_COUNT 1000  /* VM instructions between two looks at the clock */
#endif

/* Registry keys (addresses are unique per process, the values per engine). */
extern const char pw_key_private_g;   /* the full standard library's _G */
extern const char pw_key_base;        /* the curated globals behind user _ENV */
extern const char pw_key_writable;    /* set of paths the script may write */
extern const char pw_key_loaded;      /* modules required by user scripts */

/* The memory account of one engine's Lua heap (alloc.c). */
typedef struct pw_memory {
  size_t used;         /* bytes currently allocated by Lua */
  size_t peak;         /* the most `used` has been */
  size_t limit;        /* refuse growth beyond this many bytes */
  size_t grace;        /* more bytes the running call may use: see pw_limits_begin */
  int limit_hit;       /* an allocation was refused for the limit */
  long fail_after;     /* tests: refuse the allocation after this many; -1 off */
} pw_memory;

/* The wall-clock budget of the running call (limits.c). */
typedef struct pw_clock {
  double timeout;            /* seconds per call; 0 = none */
  struct timespec deadline;  /* when the running call must stop */
  int time_hit;              /* the deadline passed; the hook is raising */
} pw_clock;

struct pw_engine {
  lua_State *L;        /* the Lua state; its allocator's ud is this engine */
  pw_memory mem;       /* heap account and limit */
  pw_clock clock;      /* time limit of the running call */
  volatile sig_atomic_t interrupt; /* pw_interrupt asked the running call to stop */
  uint64_t rows_read;  /* rows read by frame operations (host.h PW_HOST_ROWS) */
  int unsafe;          /* full standard library, no sandbox */
  int64_t seed;        /* seed of math.random */
  pw_write_fn write;   /* where output goes */
  void *write_ud;      /* passed to `write` */
  char *errmsg;        /* message of the last failure (malloc'd), or NULL */
  int warn_midline;    /* a warning is being written in pieces */
  int warn_off;        /* warn("@off") was called */
  pw_host_output host_out; /* `write` for C modules, registry PW_HOST_OUTPUT */
  pw_host_stop host_stop;  /* stop hook for C kernels, registry PW_HOST_STOP */
  char *script;        /* the last file run by pw_load_file (malloc'd), or NULL */
  char *command;       /* the command line for the provenance (malloc'd), or NULL */
  int64_t utc_time;    /* the provenance's time; negative: now */
  char *lock_path;     /* the path pw_lock wrote last (malloc'd), or NULL */
  struct pw_host_data *host_data; /* borrowed host buffers and live predicates
                                     (host_data.h); freed after lua_close */
  struct pw_classify_cache *classify; /* pw_group_set_classify's answers (classify.c), or NULL */
};

/* alloc.c */
void *pw_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
pw_engine *pw_engine_of(lua_State *L);
void pw_alloc_fail_after(pw_engine *e, long n);

/* limits.c: arm and disarm the time limit around one protected call. */
void pw_limits_begin(pw_engine *e);
void pw_limits_end(pw_engine *e);
int pw_stop_requested(void *ud);   /* pw_host_stop.requested: nonzero to stop */

/* output.c */
void pw_write(pw_engine *e, pw_stream stream, const char *s, size_t n);
void pw_writef(pw_engine *e, pw_stream stream, const char *fmt, ...);
void pw_open_output(lua_State *L, int libtable);
int pw_print(lua_State *L);

/* env.c: the strict global environment of user scripts. */
void pw_env_make_strict(lua_State *L, int env, int base);

/* sandbox.c: fill the table at `base` with the curated library. */
void pw_sandbox_fill(lua_State *L, int base);
int pw_may_write(lua_State *L, const char *path);
void pw_sandbox_allow(lua_State *L, const char *path);
int pw_may_write_lua(lua_State *L);
#define PW_MAY_WRITE_KEY "pathway.may_write"   /* registry field, see sandbox.c */

/* inputs.c: the data files read, for the provenance. */
void pw_inputs_install(lua_State *L);              /* [-0, +0, m] */
void pw_inputs_record(lua_State *L, const char *path);   /* a text file; [-0, +0, m] */
int pw_inputs_push(lua_State *L);                  /* a copy of the list; [-0, +1, m] */

/* core.c: primitives for lang/ modules. */
int luaopen_pathway_core(lua_State *L);

/* loader.c: embedded lang/ modules and the require functions. */
void pw_loader_install(lua_State *L);
int pw_require_lang(lua_State *L, const char *name);

/* run.c: compile a chunk in protected mode. */
typedef struct load_job {
  const char *path;       /* file to load (NULL: stdin), if code is NULL */
  const char *code;       /* source text, or NULL */
  size_t len;             /* its length */
  const char *chunkname;  /* for code */
  int as_expression;      /* compile as an expression whose values are returned */
  int status;             /* out: lua_load's status */
} load_job;
/* Push the compiled function, or fail with the load's status (message in
** pw_errmsg, nothing pushed). [-0, +(0|1), -] */
pw_status pw_load_job(pw_engine *e, load_job *job);
/* Let the sandboxed script `path` require the Lua files beside it. [-0, +0, m] */
void pw_set_script_dir(lua_State *L, const char *path);

/* errors.c: protected calls with a user-frame traceback. */
int pw_msghandler(lua_State *L);
pw_status pw_pcall(pw_engine *e, int nargs, int nresults);
pw_status pw_status_of_load(pw_engine *e, int lstatus);
void pw_set_error(pw_engine *e, const char *msg);
void pw_set_errorf(pw_engine *e, const char *fmt, ...);

/* classify.c: release the classification cache (pw_close). */
void pw_classify_free(struct pw_classify_cache *c);

/* bind.c: free e->host_data, orphaning the live predicates; after lua_close. */
void pw_host_data_close(pw_engine *e);

#endif
