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
  PW_EINTERNAL,     /* a bug or a failure of the system (out of real memory) */
  PW_EINTERRUPTED,  /* pw_interrupt stopped the call */
  PW_QUIT           /* pw_eval: the line was .quit; the session should end */
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

/* ---------------------------------------------------------------- sessions
** An interactive session (pathway's REPL, or a host's own console) passes
** each input to pw_eval and shows what comes back through pw_config.write
** (docs/repl.md). */

/* Evaluate one input of an interactive session. Lua code is tried first as
** an expression, whose values are shown (frames as box tables fitted to
** the display, tables pretty-printed, statistical results summarised), then
** as statements. An input that starts with '.' and a letter is a
** dot-command (`.help`, `.load`, `.schema`, ...; pathway help repl).
** Returns PW_EINCOMPLETE, with no message, when `code` is an unfinished
** chunk that more lines may complete (pass the lines joined by '\n'), and
** PW_QUIT for `.quit`. A failed input ends that input, not the session:
** globals it assigned before the failure keep their values. */
PW_API pw_status pw_eval(pw_engine *e, const char *code);

/* How pw_eval shows values. */
typedef struct pw_display {
  int width;           /* columns of the terminal; <= 0: 80 */
  int height;          /* rows of the terminal; <= 0: 24 */
  int color;           /* nonzero: ANSI colours for verdicts, NA and types */
} pw_display;

/* Set how pw_eval shows values. May be called at any time (on SIGWINCH,
** say); applies to later calls. */
PW_API pw_status pw_set_display(pw_engine *e, const pw_display *d);

/* Complete the word that ends at byte `cursor` of `line` (the line being
** edited): globals, module members (`stats.p`), methods (`trial:fi`),
** column names inside the strings passed to a frame's methods, file paths
** inside `csv.read("` and after `.load`, dot-commands. On success *start
** is the byte offset where the word begins and items[0 .. *n - 1] are its
** candidates, sorted, each a replacement for line[*start, cursor); they
** stay valid until the next call on `e`. Completion reads values without
** calling functions or metamethods, so it runs no user code. */
PW_API pw_status pw_complete(pw_engine *e, const char *line, size_t cursor,
                             size_t *start, size_t *n,
                             const char *const **items);

/* Ask the call running on `e` to stop: it returns PW_EINTERRUPTED with the
** message "interrupted" at the next instruction of the Lua VM (a C kernel
** running at that moment finishes first). The engine stays usable. Safe
** to call from a signal handler; a request made while no call runs is
** dropped when the next call starts. */
PW_API pw_status pw_interrupt(pw_engine *e);

/* Run the *_test.lua files named, or found below named directories; print
** per-test results and a last line "N passed, N failed[, N skipped]".
** Returns PW_OK when none failed, PW_ETESTS when some did. */
PW_API pw_status pw_run_tests(pw_engine *e, int npaths,
                              const char *const *paths,
                              pw_test_summary *summary);

/* Print the reference entry for `topic`, or the index when it is NULL. */
PW_API pw_status pw_help(pw_engine *e, const char *topic);

/* ---------------------------------------------------------------- reviews
** A review script declares `pathway "..." {...}` and its criteria; pw_review
** runs them and returns the outcome with the report rendered in every
** format (docs/review.md, docs/report-schema.md). */

/* The verdict of one criterion. */
typedef enum pw_verdict {
  PW_VERDICT_MET = 0,        /* the evidence shows it */
  PW_VERDICT_NOT_MET,        /* the evidence shows it does not hold */
  PW_VERDICT_INSUFFICIENT,   /* too little evidence, or a requirement not met */
  PW_VERDICT_ERROR           /* the check raised an error */
} pw_verdict;

/* Whether the script is the one locked by pw_lock (pre-specification). */
typedef enum pw_prespec {
  PW_PRESPEC_UNLOCKED = 0,   /* no lock file beside the script */
  PW_PRESPEC_YES,            /* the script matches its lock */
  PW_PRESPEC_NO              /* the script changed after the lock */
} pw_prespec;

/* The formats of the report. */
typedef enum pw_format {
  PW_FORMAT_TEXT = 0,        /* plain text for a terminal or a file */
  PW_FORMAT_TEXT_COLOR,      /* the same with ANSI colours */
  PW_FORMAT_MD,              /* Markdown */
  PW_FORMAT_JSON,            /* the document, "pathway-review/1" */
  PW_FORMAT_HTML             /* one self-contained HTML page with SVG figures */
} pw_format;

/* The outcome of pw_review; owned by the caller, released by
** pw_review_free. It does not refer to the engine. */
typedef struct pw_review_result pw_review_result;

/* The whole review at a glance. Strings live as long as the pw_review_result. */
typedef struct pw_review_info {
  size_t criteria;           /* criteria declared */
  size_t met, not_met, insufficient, errors; /* criteria by verdict */
  size_t not_addressed;      /* core elements with no criterion */
  int passed;                /* every criterion met, every element addressed */
  pw_prespec prespecified;   /* the lock check */
  const char *summary;       /* "5 met, 1 not met, 0 insufficient, 0 error; ..." */
  const char *prespec_line;  /* "pre-specified: yes (locked ...)" or the NO/no-lock line */
} pw_review_info;

/* One criterion. Strings live as long as the pw_review_result. */
typedef struct pw_criterion {
  const char *name;          /* as declared */
  const char *element;       /* the element id (DESIGN.md §1) */
  pw_verdict verdict;        /* the outcome */
  const char *reason;        /* why it is not met, insufficient or an error; NULL when met */
  const char *evidence_json; /* the evidence items as a JSON array (docs/report-schema.md) */
} pw_criterion;

/* Record what the report's provenance says about the run: the command line
** and the UTC time (seconds since 1970; negative: the time of pw_review).
** May be called at any time before pw_review; `command` is copied. */
PW_API pw_status pw_set_provenance(pw_engine *e, const char *command,
                                   int64_t utc_time);

/* Run every declared criterion and render the report. The script of the
** provenance and of the lock check is the last file run by pw_load_file.
** A criterion that raises is an error verdict, not a failure of the call;
** the call fails (PW_ESCRIPT, PW_EIO, ...) when the report cannot be made,
** e.g. a requirement cycle or an unreadable lock file. */
PW_API pw_status pw_review(pw_engine *e, pw_review_result **out);

/* The counts, pass/fail and pre-specification of a review into *info. */
PW_API pw_status pw_review_info_get(const pw_review_result *r, pw_review_info *info);

/* Criterion i, 0-based, in declaration order; PW_EINVAL when out of range. */
PW_API pw_status pw_review_criterion(const pw_review_result *r, size_t i,
                                     pw_criterion *out);

/* The report in `format`: *text (NUL-terminated, owned by r) and *len. */
PW_API pw_status pw_review_report(const pw_review_result *r, pw_format format,
                                  const char **text, size_t *len);

/* Write the report in `format` to `path` atomically (a temporary file in
** the same directory, renamed into place). PW_EIO with pw_errmsg(e). */
PW_API pw_status pw_review_write(pw_engine *e, const pw_review_result *r,
                                 pw_format format, const char *path);

/* Release a review and set *r to NULL; PW_EINVAL when r or *r is NULL. */
PW_API pw_status pw_review_free(pw_review_result **r);

/* Pre-specify the review of the last file run by pw_load_file: write
** FILE.lock beside FILE.lua (atomically) with the script's SHA-256 and a
** fingerprint of each criterion. *lock_path (may be NULL) receives the
** path written, valid until the next call on e; *ncriteria (may be NULL)
** the criteria locked. */
PW_API pw_status pw_lock(pw_engine *e, const char **lock_path,
                         size_t *ncriteria);

/* The message of the last failure on `e` ("" when there was none):
** "FILE:LINE: message" and, for script errors, a traceback of user frames. */
PW_API const char *pw_errmsg(const pw_engine *e);

#ifdef __cplusplus
}
#endif

#endif /* PATHWAY_H */
