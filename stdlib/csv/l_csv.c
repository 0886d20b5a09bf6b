/* l_csv.c: the csv module for scripts (csv.read, csv.parse, csv.write, frame:write_csv),
 * a thin binding over csv_read.c and csv_write.c. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#include "csv.h"
#include "frame/l_frame.h"
#include "host.h"
#include "l_csv.h"

#define PW_CSV_RESULT_MT "pathway.csv.result" /* box owning a csv_result */
#define PW_MAY_WRITE "pathway.may_write"      /* registry: the engine's write policy */

/* Files larger than this get a progress bar when stderr is a terminal. */
#define PROGRESS_MIN_BYTES ((uint64_t)100 * 1000 * 1000)

/* ------------------------------------------------------------ C boxes */

/* A load's result is C memory (the frame, the summary) until it is pushed;
** it lives in this box, to-be-closed, so an error on the way frees it
** (STYLE.md practice 3). The box never reaches scripts. */
static int result_box_free(lua_State *L) {
  csv_result_free(lua_touserdata(L, 1));
  return 0;
}

/* --------------------------------------------------------- read options */

static const char *const read_keys[] = {"columns", "comment", "encoding", "header",
                                        "na",      "ragged",  "sep",      "skip",
                                        "threads", "types",   NULL};

/* Refuse unknown keys, so a misspelt option is not silently ignored.
** [-0, +0, v] */
static void check_keys(lua_State *L, int arg, const char *const *keys) {
  lua_pushnil(L);
  while (lua_next(L, arg)) {
    lua_pop(L, 1);
    const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    int i = 0;
    while (k && keys[i] && strcmp(keys[i], k) != 0)
      i++;
    if (k == NULL || keys[i] == NULL)
      luaL_argerror(
          L, arg, lua_pushfstring(L, "unknown option '%s'", luaL_tolstring(L, -1, NULL)));
  }
}

/* opts[key] pushed if present and of type t (else an error); 0 if absent.
** [-0, +(0|1), v] */
static int get_opt(lua_State *L, int arg, const char *key, int t) {
  int got = lua_getfield(L, arg, key);
  if (got == LUA_TNIL) {
    lua_pop(L, 1);
    return 0;
  }
  if (got != t)
    luaL_argerror(L, arg,
                  lua_pushfstring(L, "option '%s' must be a %s, got %s", key,
                                  lua_typename(L, t), luaL_typename(L, -1)));
  return 1;
}

/* The strings of array option `key` in a userdata (left on the stack, so
** the pointers live as long as the call): *n of them. [-0, +(0|2), v] */
static const char **string_list(lua_State *L, int arg, const char *key, size_t *n) {
  if (!get_opt(L, arg, key, LUA_TTABLE))
    return NULL;
  int t = lua_gettop(L);
  *n = (size_t)luaL_len(L, t);
  const char **v = lua_newuserdatauv(L, (*n + 1) * sizeof *v, 0);
  for (size_t i = 0; i < *n; i++) {
    if (lua_rawgeti(L, t, (lua_Integer)i + 1) != LUA_TSTRING)
      luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must hold strings", key));
    v[i] = lua_tostring(L, -1); /* anchored by the options table */
    lua_pop(L, 1);
  }
  return v;
}

static const char *const type_names[] = {"int", "num", "bool", "date", "str", NULL};

/* types = "infer" | "str" | {column = type}. [-0, +(1|2), v] */
static void types_opt(lua_State *L, int arg, csv_read_opts *o) {
  if (lua_getfield(L, arg, "types") == LUA_TSTRING) {
    const char *s = lua_tostring(L, -1);
    if (strcmp(s, "str") != 0 && strcmp(s, "infer") != 0)
      luaL_argerror(L, arg, "option 'types' must be \"infer\", \"str\" or a table");
    o->all_str = strcmp(s, "str") == 0;
    return;
  }
  if (lua_isnil(L, -1))
    return;
  if (!lua_istable(L, -1))
    luaL_argerror(L, arg, "option 'types' must be \"infer\", \"str\" or a table");
  int t = lua_gettop(L);
  size_t n = 0;
  for (lua_pushnil(L); lua_next(L, t); lua_pop(L, 1))
    n++;
  csv_type_spec *v = lua_newuserdatauv(L, (n + 1) * sizeof *v, 0);
  o->types = v;
  for (lua_pushnil(L); lua_next(L, t); lua_pop(L, 1)) {
    const char *ty = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    int k = 0;
    while (type_names[k] && strcmp(type_names[k], ty) != 0)
      k++;
    if (lua_type(L, -2) != LUA_TSTRING || type_names[k] == NULL)
      luaL_argerror(L, arg,
                    "option 'types' maps column names to \"int\", \"num\", "
                    "\"bool\", \"date\" or \"str\"");
    v[o->n_types].name = lua_tostring(L, -2);
    v[o->n_types++].type = (frame_type)k;
  }
}

/* One of `choices` for string option `key` (absent: the first).
** [-0, +(0|1), v] */
static int choice_opt(lua_State *L, int arg, const char *key,
                      const char *const *choices) {
  if (!get_opt(L, arg, key, LUA_TSTRING))
    return 0;
  const char *s = lua_tostring(L, -1);
  for (int i = 0; choices[i]; i++)
    if (strcmp(choices[i], s) == 0)
      return i;
  return luaL_argerror(L, arg,
                       lua_pushfstring(L, "bad value '%s' for option '%s'", s, key));
}

/* Integer option `key` within [lo, hi], or dflt. [-0, +(0|1), v] */
static lua_Integer int_opt(lua_State *L, int arg, const char *key, lua_Integer lo,
                           lua_Integer hi, lua_Integer dflt) {
  if (!get_opt(L, arg, key, LUA_TNUMBER))
    return dflt;
  lua_Integer v = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : lo - 1;
  if (v < lo || v > hi)
    luaL_argerror(
        L, arg,
        lua_pushfstring(L, "option '%s' must be an integer from %I to %I", key, lo, hi));
  return v;
}

/* csv.read's options table at `arg` into o. Raises on any misuse; what
** it allocates is Lua's (userdata left on the stack). [-0, +?, v] */
static void read_opts(lua_State *L, int arg, csv_read_opts *o) {
  static const char *const seps[] = {",", ";", "\t", "|", "auto", NULL};
  static const char *const ragged[] = {"error", "pad", NULL};
  static const char *const enc[] = {"utf8",    "utf-8",      "latin1",
                                    "latin-1", "iso-8859-1", NULL};
  if (lua_isnoneornil(L, arg))
    return;
  luaL_checktype(L, arg, LUA_TTABLE);
  check_keys(L, arg, read_keys);
  o->sep = ",;\t|"[choice_opt(L, arg, "sep", seps)]; /* "auto" indexes the NUL */
  if (get_opt(L, arg, "header", LUA_TBOOLEAN))
    o->header = lua_toboolean(L, -1);
  o->ragged_pad = choice_opt(L, arg, "ragged", ragged) == 1;
  o->latin1 = choice_opt(L, arg, "encoding", enc) >= 2;
  o->skip = (size_t)int_opt(L, arg, "skip", 0, LUA_MAXINTEGER, 0);
  o->threads = (int)int_opt(L, arg, "threads", 1, 2, 0);
  if (get_opt(L, arg, "comment", LUA_TSTRING)) {
    if (lua_rawlen(L, -1) != 1)
      luaL_argerror(L, arg, "option 'comment' must be one character");
    o->comment = lua_tostring(L, -1)[0];
  }
  if (lua_getfield(L, arg, "na") == LUA_TSTRING) { /* na = "NA": one string */
    const char **v = lua_newuserdatauv(L, sizeof *v, 0);
    v[0] = lua_tostring(L, -2);
    o->na = v;
    o->n_na = 1;
  } else {
    lua_pop(L, 1);
    o->na = string_list(L, arg, "na", &o->n_na);
    if (o->na && o->n_na > PW_CSV_MAX_NA)
      luaL_argerror(
          L, arg,
          lua_pushfstring(L, "option 'na' holds more than %d strings", PW_CSV_MAX_NA));
  }
  o->columns = string_list(L, arg, "columns", &o->n_columns);
  types_opt(L, arg, o);
}

/* ------------------------------------------------------------ progress */

/* The progress bar's state; lives on the C stack of csv.read. */
typedef struct progress {
  const char *name; /* file name shown */
  const pw_host_output *out; /* the host's stderr, or NULL: the process's */
  const pw_host_stop *stop;  /* the host's stop hook, or NULL */
  int draw;         /* draw the bar (stderr is a terminal, the file is big) */
  double start;     /* when the load began */
  double last;      /* when the bar was last drawn */
  int shown;        /* something was drawn: clear it at the end */
} progress;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Write to the host's stderr (registry PW_HOST_OUTPUT, a plain C call,
** since this runs inside the parser) or, in a bare lua_State, stderr. */
static void put_err(const progress *p, const char *s, size_t n) {
  if (p->out) {
    p->out->write(p->out->ud, 2, s, n);
  } else {
    fwrite(s, 1, n, stderr);
    fflush(stderr);
  }
}

/* The parser's progress callback: stop when the host asks (a time limit,
** Ctrl-C), else draw "name [#####     ]  45%  210 MB/s" over the previous
** bar, at most ten times a second, when p->draw. */
static int on_progress(void *ud, uint64_t done, uint64_t total) {
  progress *p = ud;
  if (p->stop && p->stop->requested(p->stop->ud))
    return 1;
  if (!p->draw)
    return 0;
  double t = now();
  if (t - p->last < 0.1 || total == 0)
    return 0;
  p->last = t;
  p->shown = 1;
  int width = 30, fill = (int)((double)width * (double)done / (double)total);
  static const char bar[] = "##############################";
  double rate = (double)done / 1e6 / (t - p->start > 1e-9 ? t - p->start : 1e-9);
  char line[512];
  int n = snprintf(line, sizeof line, "\r%s [%.*s%*s] %3d%% %4.0f MB/s", p->name, fill, bar,
                   width - fill, "", (int)(100.0 * (double)done / (double)total), rate);
  if (n > 0)
    put_err(p, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
  return 0;
}

/* ---------------------------------------------------------- load info */

/* The load summary (frame:load_info()) of a result. [-0, +1, m] */
static void push_info(lua_State *L, const csv_result *r, const char *path,
                      int encoding_latin1, int header) {
  const csv_summary *s = &r->info;
  lua_createtable(L, 0, 20);
  lua_pushstring(L, path);
  lua_setfield(L, -2, "file");
  static const char *const keys[] = {"rows",          "columns",     "bytes",
                                     "padded_rows",   "blank_lines", "comment_lines",
                                     "skipped_lines", "passes",      "threads"};
  const lua_Integer vals[] = {(lua_Integer)s->rows,
                              (lua_Integer)s->columns,
                              (lua_Integer)s->bytes,
                              (lua_Integer)s->padded_rows,
                              (lua_Integer)s->blank_lines,
                              (lua_Integer)s->comment_lines,
                              (lua_Integer)s->skipped_lines,
                              s->passes,
                              s->threads};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
    lua_pushinteger(L, vals[i]);
    lua_setfield(L, -2, keys[i]);
  }
  lua_pushnumber(L, s->seconds);
  lua_setfield(L, -2, "seconds");
  lua_pushlstring(L, &s->sep, 1);
  lua_setfield(L, -2, "sep");
  lua_pushboolean(L, header);
  lua_setfield(L, -2, "header");
  lua_pushstring(L, encoding_latin1 ? "latin1" : "utf8");
  lua_setfield(L, -2, "encoding");
  lua_createtable(L, (int)s->n_renames, 0); /* stack: info renamed */
  for (size_t i = 0; i < s->n_renames; i++) {
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, (lua_Integer)s->renames[i].column);
    lua_setfield(L, -2, "column");
    lua_pushstring(L, s->renames[i].from);
    lua_setfield(L, -2, "from");
    lua_pushstring(L, s->renames[i].to);
    lua_setfield(L, -2, "to");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "renamed");
  lua_createtable(L, (int)s->n_warnings, 0); /* stack: info warnings */
  for (size_t i = 0; i < s->n_warnings; i++) {
    lua_pushstring(L, s->warnings[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "warnings");
}

/* The NA count of every column, into info.na (the table at `info`).
** [-0, +0, m] */
static void add_na_counts(lua_State *L, int info, const frame *f) {
  lua_createtable(L, 0, (int)f->ncol);
  for (size_t j = 0; j < f->ncol; j++) {
    lua_pushinteger(L, (lua_Integer)f->cols[j]->n_na);
    lua_setfield(L, -2, f->names[j]);
  }
  lua_setfield(L, info, "na");
}

/* ---------------------------------------------------------------- read */

/* The string csv.parse calls its text in messages. */
#define STRING_NAME "(string)"

/* csv.read(path [, opts]) and csv.parse(text [, opts]) -> frame. Raises
** "file:line:col: what" on bad data (without the script's position: the
** data is where to look) and "cannot open file: why" when the file cannot
** be read. */
static int read_frame(lua_State *L, int from_string) {
  size_t len;
  const char *arg1 = luaL_checklstring(L, 1, &len);
  const char *path = from_string ? STRING_NAME : arg1;
  csv_read_opts o;
  csv_read_opts_init(&o);
  read_opts(L, 2, &o);
  o.mem = pw_frame_mem(L);
  progress bar = {path, NULL, pw_host_stop_of(L), 0, now(), 0, 0};
  if (lua_getfield(L, LUA_REGISTRYINDEX, PW_HOST_OUTPUT) == LUA_TLIGHTUSERDATA)
    bar.out = lua_touserdata(L, -1);
  lua_pop(L, 1);
  struct stat st;
  bar.draw = !from_string && isatty(STDERR_FILENO) && stat(path, &st) == 0 &&
             (uint64_t)st.st_size > PROGRESS_MIN_BYTES;
  if (bar.draw || bar.stop) {
    o.progress = on_progress;
    o.progress_ud = &bar;
  }
  csv_result *r = lua_newuserdatauv(L, sizeof *r, 0); /* stack: ... box */
  memset(r, 0, sizeof *r);
  luaL_setmetatable(L, PW_CSV_RESULT_MT);
  int box = lua_gettop(L);
  lua_toclose(L, box);
  int status = from_string ? csv_read_buffer(arg1, len, path, &o, r)
                           : csv_read_file(path, path, &o, r);
  if (bar.shown)
    put_err(&bar, "\r\033[K", 4); /* clear the bar's line */
  if (status == CSV_EDATA) {
    lua_pushstring(L, r->msg);
    return lua_error(L);
  }
  if (status == CSV_EUSAGE)
    return luaL_error(L, "%s: %s", from_string ? "csv.parse" : "csv.read", r->msg);
  if (status != CSV_OK)
    return luaL_error(L, "%s", r->msg);
  frame *f = r->frame;
  r->frame = NULL;
  pw_frame_push(L, f); /* stack: ... box frame; the userdata owns f */
  push_info(L, r, path, o.latin1, o.header); /* stack: ... box frame info */
  add_na_counts(L, lua_gettop(L), f);
  lua_setiuservalue(L, -2, PW_FRAME_UV_INFO);
  for (size_t i = 0; i < r->info.n_warnings; i++)
    lua_warning(L, r->info.warnings[i], 0);
  lua_closeslot(L, box);
  return 1;
}

/* Tell the host which data file was read (host.h); absent in a bare
** lua_State. [-0, +0, e] */
static void record_input(lua_State *L, const char *path, const frame *f) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, PW_HOST_INPUTS) != LUA_TFUNCTION) {
    lua_pop(L, 1);
    return;
  }
  lua_pushstring(L, path);
  lua_pushinteger(L, (lua_Integer)f->nrow);
  lua_pushinteger(L, (lua_Integer)f->ncol);
  lua_call(L, 3, 0);
}

static int lcsv_read(lua_State *L) {
  read_frame(L, 0);
  record_input(L, lua_tostring(L, 1), pw_frame_check(L, -1));
  pw_host_count_rows(L, pw_frame_check(L, -1)->nrow);
  return 1;
}

/* csv.parse(text [, opts]): CSV held in a string (tests, downloads). */
static int lcsv_parse(lua_State *L) {
  return read_frame(L, 1);
}

/* --------------------------------------------------------------- write */

static const char *const write_keys[] = {"eol", "header", "na", "sep", NULL};

/* csv.write's options table at `arg` into o. [-0, +?, v] */
static void write_opts(lua_State *L, int arg, csv_write_opts *o) {
  static const char *const seps[] = {",", ";", "\t", "|", NULL};
  static const char *const eols[] = {"\n", "\r\n", NULL};
  if (lua_isnoneornil(L, arg))
    return;
  luaL_checktype(L, arg, LUA_TTABLE);
  check_keys(L, arg, write_keys);
  o->sep = ",;\t|"[choice_opt(L, arg, "sep", seps)];
  o->crlf = choice_opt(L, arg, "eol", eols) == 1;
  if (get_opt(L, arg, "header", LUA_TBOOLEAN))
    o->header = lua_toboolean(L, -1);
  if (get_opt(L, arg, "na", LUA_TSTRING)) {
    o->na = lua_tostring(L, -1); /* anchored by the options table */
    if (strchr(o->na, '"') || strchr(o->na, o->sep) || strpbrk(o->na, "\r\n"))
      luaL_argerror(L, arg,
                    "option 'na' must not hold a quote, the separator or a line end");
  }
}

/* Ask the engine's write policy (registry "pathway.may_write", a function
** of the path returning a boolean); absent means no sandbox. [-0, +0, e] */
static int may_write(lua_State *L, const char *path) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, PW_MAY_WRITE) != LUA_TFUNCTION) {
    lua_pop(L, 1);
    return 1;
  }
  lua_pushstring(L, path);
  lua_call(L, 1, 1);
  int ok = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return ok;
}

/* Shared by csv.write(frame, path [, opts]) and frame:write_csv(path
** [, opts]); `fname` names the caller in messages. */
static int write_frame(lua_State *L, const char *fname) {
  const frame *f = pw_frame_check(L, 1);
  const char *path = luaL_checkstring(L, 2);
  csv_write_opts o;
  csv_write_opts_init(&o);
  write_opts(L, 3, &o);
  if (!may_write(L, path))
    return luaL_error(L,
                      "%s: writing '%s' is not allowed in the sandbox (only declared "
                      "outputs may be written; run with --unsafe to allow it)",
                      fname, path);
  char msg[CSV_MSG_SIZE];
  if (csv_write_file(f, path, path, &o, msg, sizeof msg) != CSV_OK)
    return luaL_error(L, "%s: %s", fname, msg);
  return 0;
}

/* csv.write(frame, path [, opts]) */
static int lcsv_write(lua_State *L) {
  return write_frame(L, "csv.write");
}

int pw_csv_frame_write(lua_State *L) {
  return write_frame(L, "write_csv");
}

static const luaL_Reg csv_funcs[] = {
    {"parse", lcsv_parse}, {"read", lcsv_read}, {"write", lcsv_write}, {NULL, NULL}};

int luaopen_pathway_csv(lua_State *L) {
  if (luaL_newmetatable(L, PW_CSV_RESULT_MT)) {
    lua_pushcfunction(L, result_box_free);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, result_box_free);
    lua_setfield(L, -2, "__close");
  }
  lua_pop(L, 1);
  /* frame:write_csv is csv's method: the frame module does not depend on
     csv, so csv adds it to the frame methods when both are loaded */
  luaL_getmetatable(L, PW_FRAME_MT);
  if (lua_istable(L, -1) && lua_getfield(L, -1, "__index") == LUA_TTABLE) {
    lua_pushcfunction(L, pw_csv_frame_write);
    lua_setfield(L, -2, "write_csv");
  }
  lua_settop(L, 0);
  luaL_newlib(L, csv_funcs);
  return 1;
}
