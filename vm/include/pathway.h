/* pathway.h: the public embedding API of libpathway (the only public header).
**
** Ownership, stated once:
**   - A pw_engine is created by pw_open and destroyed by pw_close, which takes
**     the address of the caller's pointer and sets it to NULL.
**   - Strings passed in are copied or used only during the call; the library
**     keeps no pointer to caller memory after a call returns. The one
**     exception is pw_bind_columns, which uses the host's fixed-width
**     arrays in place until pw_close (zero copy; see there).
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
/* MAJOR * 10000 + MINOR * 100 + PATCH, as pw_version_number() returns */
#define PW_VERSION_NUMBER (PW_VERSION_MAJOR * 10000 + PW_VERSION_MINOR * 100 + PW_VERSION_PATCH)

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

/* The library's PW_VERSION_NUMBER, to compare with the header's. */
PW_API int pw_version_number(void);

/* Whether the library serves a host compiled against header `major`.`minor`:
** PW_OK when the library has the same major version and at least that
** minor one, else PW_EINVAL. Call it first:
**   if (pw_check_version(PW_VERSION_MAJOR, PW_VERSION_MINOR) != PW_OK) ... */
PW_API pw_status pw_check_version(int major, int minor);

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
** message "interrupted" at the next instruction of the Lua VM, or between
** two batches of a script's filter/mutate/summarise or csv.read (another
** C call running at that moment, a sort say, finishes first; so does
** pw_predicate_eval, which the host itself calls). The engine stays
** usable. Safe
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

/* ------------------------------------------------------ data from the host
** Columns the host already holds, for pw_bind_columns and for the batches
** of pw_predicate_eval (docs/embedding.md). */

/* The type of a host column (DESIGN.md §6). */
typedef enum pw_type {
  PW_INT64 = 0,        /* data: int64_t[nrows] */
  PW_DOUBLE,           /* data: double[nrows] */
  PW_BOOL,             /* data: uint8_t[nrows], 0 or 1 */
  PW_DATE,             /* data: int32_t[nrows], days since 1970-01-01 */
  PW_STRING,           /* data: const char *[nrows], UTF-8, NUL-terminated */
  PW_DICT              /* data: uint32_t[nrows], indexes into dict (strings) */
} pw_type;

/* One column. `validity` marks missing values (NA): bit i of validity[i / 64]
** (least significant bit first) is set when row i has a value; NULL when
** no row is missing. On a little-endian machine this is Arrow's validity
** bitmap, provided its length is padded to 8 bytes. */
typedef struct pw_column {
  const char *name;           /* the column's name */
  pw_type type;               /* what `data` holds */
  const void *data;           /* the values (NULL in a schema) */
  const uint64_t *validity;   /* NULL: no missing values */
  const char *const *dict;    /* PW_DICT: the distinct strings; else NULL */
  size_t ndict;               /* PW_DICT: entries in dict */
} pw_column;

/* Bind the CSV file `path` to the script global `name`, as
** `name = csv.read(path, options)` would. `options` is NULL or a JSON
** object of csv.read's options (docs/csv.md), e.g. "{\"na\": [\"\", \"NA\"]}". */
PW_API pw_status pw_bind_csv(pw_engine *e, const char *name, const char *path,
                             const char *options);

/* Bind the host's columns, nrows rows each, to the script global `name` as
** a frame. Ownership: the values of PW_INT64, PW_DOUBLE, PW_BOOL, PW_DATE
** and PW_DICT columns and every validity bitmap are used in place (zero
** copy): the host keeps them alive and unchanged until pw_close(e), since
** frames derived by the script may share them. PW_STRING values and PW_DICT
** dictionaries are copied during the call. Column names must be distinct
** and PW_DICT codes below ndict (PW_EINVAL otherwise, naming the column). */
PW_API pw_status pw_bind_columns(pw_engine *e, const char *name,
                                 const pw_column *columns, size_t ncols,
                                 size_t nrows);

/* ---------------------------------------------------------------- predicates
** A rule per record, compiled once and evaluated in C over batches of the
** host's columns, never calling Lua (docs/expressions.md for the language). */

typedef struct pw_predicate pw_predicate;

/* The columns a predicate sees: names and types (data ignored). */
typedef struct pw_schema {
  const pw_column *columns;   /* ncols columns */
  size_t ncols;
} pw_schema;

/* Records to evaluate: the schema's columns, in the schema's order, with data. */
typedef struct pw_batch {
  const pw_column *columns;   /* ncols columns */
  size_t ncols;
  size_t nrows;               /* rows in every column */
} pw_batch;

/* Compile `expr` (e.g. "gene == 'CPS1' and variant ~ '^c\\.[0-9]+C>T$'")
** against `schema`. A bad expression is PW_ESYNTAX with the position and
** a caret in pw_errmsg(e). The predicate belongs to the engine's thread
** and must be freed with pw_predicate_free; after pw_close(e) it can only
** be freed (other calls return PW_EINVAL). */
PW_API pw_status pw_predicate_compile(pw_engine *e, const char *expr,
                                      const pw_schema *schema,
                                      pw_predicate **out);

/* out[i] = 1 when the predicate holds for record i, 0 when it does not or
** is NA (SQL's three-valued logic, as frame:filter; a NaN is NA). The
** batch's columns must match the schema's names and types (PW_EINVAL, with
** pw_errmsg). It runs no Lua, but it sets pw_errmsg(e): it is a call on the
** engine, so evaluate on the engine's thread. PW_DICT is the fast path for
** strings (a regex runs once per dictionary entry, not per record). */
PW_API pw_status pw_predicate_eval(pw_predicate *p, const pw_batch *batch,
                                   uint8_t *out);

/* Release a predicate and set *p to NULL; PW_EINVAL when p or *p is NULL. */
PW_API pw_status pw_predicate_free(pw_predicate **p);

/* ---------------------------------------------------------- variant groups
** Classify variants with a group set the script defined
** (`groups = variants.group { rule "..." {...}, ... }`, docs/variants.md). */

/* The group of one variant string under the group set in global `set`.
** *group is the group's name, "unassigned" when no rule matched, or
** "invalid" when the string is not a valid HGVS variant; it stays valid
** until pw_close(e). For a set declared with `multiple = true` it is the
** first matching group in rule order. Results are cached by distinct
** string per group set, so repeated values cost a hash lookup; the cache
** lives until pw_close and assumes a set is not changed after it is
** declared (declare a new set instead). */
PW_API pw_status pw_group_set_classify(pw_engine *e, const char *set,
                                       const char *variant, const char **group);

/* The same for n variants: groups[i] for variants[i]. */
PW_API pw_status pw_group_set_classify_batch(pw_engine *e, const char *set,
                                             const char *const *variants,
                                             size_t n, const char **groups);

/* ---------------------------------------------------------- host functions
** C functions scripts can call. The function reads its arguments and sets
** its results through the pw_call handle, which is valid only during the
** call; it never sees Lua. */

typedef struct pw_call pw_call;

/* The kind of an argument. */
typedef enum pw_value_type {
  PW_VALUE_NIL = 0,    /* nil or absent */
  PW_VALUE_BOOL,       /* true or false */
  PW_VALUE_INT,        /* an integer */
  PW_VALUE_NUMBER,     /* a float */
  PW_VALUE_STRING,     /* a string */
  PW_VALUE_OTHER       /* a table, function, frame, ... */
} pw_value_type;

/* A host function: return PW_OK, or fail (after pw_call_error for the
** message the script sees; any other status raises a generic one). */
typedef pw_status (*pw_function)(pw_call *call, void *ud);

/* Make `fn` the script global `name`; `ud` is passed to every call. May be
** called at any time; a later registration of the same name replaces it. */
PW_API pw_status pw_register_function(pw_engine *e, const char *name,
                                      pw_function fn, void *ud);

/* Arguments, 0-based. pw_call_arg_type reports Lua's subtype (3.0 is
** PW_VALUE_NUMBER). A getter returns PW_EINVAL when the argument is absent
** or of another kind; pw_call_arg_int accepts an integer-valued float and
** pw_call_arg_double any number. The string stays valid during the call.
** A host function must not call back into its own engine. */
PW_API size_t pw_call_argc(const pw_call *c);
PW_API pw_value_type pw_call_arg_type(const pw_call *c, size_t i);
PW_API pw_status pw_call_arg_int(const pw_call *c, size_t i, int64_t *out);
PW_API pw_status pw_call_arg_double(const pw_call *c, size_t i, double *out);
PW_API pw_status pw_call_arg_bool(const pw_call *c, size_t i, int *out);
PW_API pw_status pw_call_arg_string(const pw_call *c, size_t i, const char **s,
                                    size_t *len);

/* Results, in order (at most 16); strings are copied. */
PW_API pw_status pw_call_return_nil(pw_call *c);
PW_API pw_status pw_call_return_bool(pw_call *c, int v);
PW_API pw_status pw_call_return_int(pw_call *c, int64_t v);
PW_API pw_status pw_call_return_double(pw_call *c, double v);
PW_API pw_status pw_call_return_string(pw_call *c, const char *s, size_t len);

/* The error the script sees when the function fails ("name: msg"); once
** set, the call fails even if the function returns PW_OK. */
PW_API pw_status pw_call_error(pw_call *c, const char *msg);

/* The message of the last failure on `e` ("" when there was none):
** "FILE:LINE: message" and, for script errors, a traceback of user frames. */
PW_API const char *pw_errmsg(const pw_engine *e);

#ifdef __cplusplus
}
#endif

#endif /* PATHWAY_H */
