/* pathway.h: the public embedding API of libpathway (the only public header).
**
** Ownership, stated once:
**   - A pw_engine is created by pw_open and destroyed by pw_close, which takes
**     the address of the caller's pointer and sets it to NULL.
**   - Strings passed in are copied or used only during the call; the library
**     keeps no pointer to caller memory after a call returns.
**   - A `const char *` returned by the library (pw_errmsg, pw_version, ...)
**     belongs to the library. pw_errmsg's result stays valid until the next
**     call on the same engine; the others are static.
**
** Output: the library never writes to stdout or stderr on its own. What a
** script prints and every diagnostic go through the pw_config.write callback;
** when it is NULL the default writes to the process's stdout and stderr.
** The library never calls exit() or abort() on behalf of a sandboxed script.
**
** Threads: engines share nothing mutable. Use one engine per thread, or
** serialize calls on an engine yourself.
*/
#ifndef PATHWAY_H
#define PATHWAY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(PW_BUILDING_LIBRARY) && defined(__GNUC__)
#define PW_API __attribute__((visibility("default")))
#else
#define PW_API
#endif

#define PW_VERSION_MAJOR 0
#define PW_VERSION_MINOR 1
#define PW_VERSION_PATCH 0

/* Every call returns one of these. */
typedef enum pw_status {
  PW_OK = 0,        /* success */
  PW_ESCRIPT,       /* the script raised an error at run time */
  PW_ESYNTAX,       /* the script does not compile */
  PW_EMEMORY,       /* the memory limit (pw_config.max_memory) was exceeded */
  PW_ETIMEOUT,      /* the time limit (pw_config.timeout) was exceeded */
  PW_EIO,           /* a file could not be read or written */
  PW_EINVAL,        /* misuse of the API: NULL argument, bad value */
  PW_EINCOMPLETE,   /* pw_eval: the chunk is unfinished; more input needed */
  PW_ETESTS,        /* pw_run_tests: some test failed */
  PW_EINTERNAL      /* a bug or a failure of the system (out of real memory) */
} pw_status;

/* Where a piece of output goes. */
typedef enum pw_stream {
  PW_STDOUT = 1,    /* what the script prints */
  PW_STDERR = 2     /* warnings and diagnostics */
} pw_stream;

/* Receives every byte the engine outputs. `data` is valid during the call. */
typedef void (*pw_write_fn)(void *ud, pw_stream stream, const char *data,
                            size_t len);

/* Engine settings. Fill with pw_config_init, then change what you need;
** they are read once, by pw_open. */
typedef struct pw_config {
  size_t max_memory;   /* bytes the Lua heap may use; 0 = no limit (4 GiB) */
  double timeout;      /* seconds of wall time per call; 0 = no limit */
  int unsafe;          /* nonzero: full Lua standard library, no sandbox */
  int64_t seed;        /* seed of math.random and of randomized methods */
  pw_write_fn write;   /* output callback; NULL: stdout and stderr */
  void *write_ud;      /* passed to `write` */
} pw_config;

/* The engine is opaque. */
typedef struct pw_engine pw_engine;

/* Tallies of pw_run_tests. */
typedef struct pw_test_summary {
  int passed;          /* tests whose every expectation held */
  int failed;          /* tests with a failed expectation or an error */
  int skipped;         /* tests that called skip(reason) */
} pw_test_summary;

/* The library's version, "X.Y.Z", and the embedded Lua's, "Lua 5.4.N". */
PW_API const char *pw_version(void);
PW_API const char *pw_lua_release(void);

/* Set `cfg` to the defaults: 4 GiB, no time limit, sandboxed, seed 1,
** default output. */
PW_API void pw_config_init(pw_config *cfg);

/* Create an engine. `cfg` may be NULL for the defaults. On failure *out is
** NULL and the status says why (PW_EINTERNAL when memory ran out). */
PW_API pw_status pw_open(const pw_config *cfg, pw_engine **out);

/* Destroy an engine and set *engine to NULL. Returns PW_EINVAL, and does
** nothing, when `engine` or *engine is NULL (so a double close is caught). */
PW_API pw_status pw_close(pw_engine **engine);

/* Set the script arguments seen as the global `arg`: arg[i - script] =
** argv[i], so arg[0] is the script name and arg[1..] its arguments. Call
** before pw_load_file; the arguments are also passed to the chunk as `...`. */
PW_API pw_status pw_set_args(pw_engine *e, int argc, const char *const *argv,
                             int script);

/* Permit the sandboxed script to write `path` (an output the user named).
** May be called at any time; applies to later calls. */
PW_API pw_status pw_allow_write(pw_engine *e, const char *path);

/* Compile and run a script file ("-" for standard input). */
PW_API pw_status pw_load_file(pw_engine *e, const char *path);

/* Compile and run `code`; `chunkname` names it in messages (e.g. "=stdin"
** or "@file.lua", following lua_load). */
PW_API pw_status pw_load_string(pw_engine *e, const char *code,
                                const char *chunkname);

/* Evaluate a line of an interactive session: first as an expression whose
** values are printed, then as statements. Returns PW_EINCOMPLETE, with no
** message, when `code` is an unfinished chunk that more lines may complete. */
PW_API pw_status pw_eval(pw_engine *e, const char *code);

/* Run the *_test.lua files named, or found below named directories; print
** per-test results and a last line "N passed, N failed[, N skipped]".
** Returns PW_OK when none failed, PW_ETESTS when some did. */
PW_API pw_status pw_run_tests(pw_engine *e, int npaths,
                              const char *const *paths,
                              pw_test_summary *summary);

/* Print the reference entry for `topic`, or the index when it is NULL. */
PW_API pw_status pw_help(pw_engine *e, const char *topic);

/* The message of the last failure on `e` ("" when there was none):
** "FILE:LINE: message" and, for script errors, a traceback of user frames. */
PW_API const char *pw_errmsg(const pw_engine *e);

#ifdef __cplusplus
}
#endif

#endif /* PATHWAY_H */
