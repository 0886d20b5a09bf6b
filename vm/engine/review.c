/* review.c: the calls of pathway.h that run a review and pre-specify it.
** The policy (verdicts, the document, its renderings, the lock) is in
** lang/report*.lua; this file calls it in protected mode and copies the
** outcome into C memory the host owns, so a pw_review_result outlives nothing. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>

#include "engine.h"

#define NFORMATS 5   /* the members of pw_format */

struct pw_review_result {
  char *report[NFORMATS];    /* each format's text (malloc'd) */
  size_t len[NFORMATS];      /* and its length */
  pw_review_info info;       /* counts; its strings point into `strings` below */
  char *summary;             /* info.summary */
  char *prespec_line;        /* info.prespec_line */
  pw_criterion *criteria;    /* info.criteria entries; strings malloc'd */
};

/* What the protected part works on. */
typedef struct review_job {
  pw_engine *e;              /* the engine */
  pw_review_result *r;              /* filled in */
} review_job;

static const char *const format_names[NFORMATS] = {"text", "text", "md", "json", "html"};

pw_status pw_set_provenance(pw_engine *e, const char *command, int64_t utc_time) {
  if (e == NULL || e->L == NULL)
    return PW_EINVAL;
  char *copy = NULL;
  if (command && (copy = strdup(command)) == NULL)
    return PW_EINTERNAL;
  free(e->command);
  e->command = copy;
  e->utc_time = utc_time;
  return PW_OK;
}

/* A copy of the string at idx in C memory, or NULL for nil; raises when
** memory runs out (the job's pw_review is freed by the caller). */
static char *copy_string(lua_State *L, int idx) {
  size_t n;
  const char *s = lua_tolstring(L, idx, &n);
  if (s == NULL)
    return NULL;
  char *c = malloc(n + 1);
  if (c == NULL)
    luaL_error(L, "not enough memory for the report");
  memcpy(c, s, n + 1);
  return c;
}

/* Push the options of report.document and report.lock. [-0, +1, m] */
static void push_options(lua_State *L, pw_engine *e) {
  lua_createtable(L, 0, 6);
  lua_pushstring(L, e->script);
  lua_setfield(L, -2, "script");
  lua_pushstring(L, e->command ? e->command : "");
  lua_setfield(L, -2, "command");
  lua_pushinteger(L, e->utc_time >= 0 ? (lua_Integer)e->utc_time : (lua_Integer)time(NULL));
  lua_setfield(L, -2, "time");
  lua_pushinteger(L, (lua_Integer)e->seed);
  lua_setfield(L, -2, "seed");
  lua_pushstring(L, pw_version());
  lua_setfield(L, -2, "version");
  lua_pushstring(L, LUA_RELEASE);
  lua_setfield(L, -2, "lua_version");
}

static size_t count_field(lua_State *L, int t, const char *k) {
  lua_getfield(L, t, k);
  size_t n = (size_t)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return n;
}

/* The review's counts and lines from the document at `doc`. */
static void copy_info(lua_State *L, int doc, pw_review_result *r) {
  lua_getfield(L, doc, "summary");                      /* stack: ... summary */
  int sum = lua_gettop(L);
  r->info.met = count_field(L, sum, "met");
  r->info.not_met = count_field(L, sum, "not_met");
  r->info.insufficient = count_field(L, sum, "insufficient");
  r->info.errors = count_field(L, sum, "error");
  r->info.not_addressed = count_field(L, sum, "not_addressed");
  lua_getfield(L, sum, "line");
  r->info.summary = r->summary = copy_string(L, -1);
  lua_pop(L, 2);
  lua_getfield(L, doc, "passed");
  r->info.passed = lua_toboolean(L, -1);
  lua_getfield(L, doc, "prespecified");                 /* stack: ... passed pre */
  lua_getfield(L, -1, "line");
  r->info.prespec_line = r->prespec_line = copy_string(L, -1);
  lua_getfield(L, -2, "status");
  const char *st = lua_tostring(L, -1);
  r->info.prespecified = st && strcmp(st, "yes") == 0 ? PW_PRESPEC_YES
                       : st && strcmp(st, "no") == 0  ? PW_PRESPEC_NO : PW_PRESPEC_UNLOCKED;
  lua_pop(L, 4);
}

static pw_verdict verdict_of(const char *v) {
  if (v && strcmp(v, "met") == 0) return PW_VERDICT_MET;
  if (v && strcmp(v, "not_met") == 0) return PW_VERDICT_NOT_MET;
  if (v && strcmp(v, "insufficient") == 0) return PW_VERDICT_INSUFFICIENT;
  return PW_VERDICT_ERROR;
}

/* Each criterion's fields, its evidence as JSON from report.evidence_json.
** Stack: report module at `mod`, document at `doc`. */
static void copy_criteria(lua_State *L, int mod, int doc, pw_review_result *r) {
  lua_getfield(L, doc, "criteria");                     /* stack: ... criteria */
  size_t n = (size_t)luaL_len(L, -1);
  r->criteria = calloc(n ? n : 1, sizeof *r->criteria);
  if (r->criteria == NULL)
    luaL_error(L, "not enough memory for the report");
  r->info.criteria = n;
  for (size_t i = 0; i < n; i++) {
    pw_criterion *c = &r->criteria[i];
    lua_rawgeti(L, -1, (lua_Integer)i + 1);              /* stack: ... criteria c */
    lua_getfield(L, -1, "name");
    c->name = copy_string(L, -1);
    lua_getfield(L, -2, "element");
    c->element = copy_string(L, -1);
    lua_getfield(L, -3, "verdict");
    c->verdict = verdict_of(lua_tostring(L, -1));
    lua_getfield(L, -4, "reason");
    c->reason = copy_string(L, -1);
    lua_pop(L, 4);
    lua_getfield(L, mod, "evidence_json");
    lua_pushvalue(L, -2);
    lua_call(L, 1, 1);
    c->evidence_json = copy_string(L, -1);
    lua_pop(L, 2);
  }
  lua_pop(L, 1);
}

/* report.document(opts), then every rendering. [-0, +0, e] */
static int do_review(lua_State *L) {
  review_job *job = lua_touserdata(L, 1);
  pw_require_lang(L, "pathway.report");                 /* stack: job report */
  int mod = lua_gettop(L);
  lua_getfield(L, mod, "document");
  push_options(L, job->e);
  lua_call(L, 1, 1);                                    /* stack: job report doc */
  int doc = lua_gettop(L);
  for (int f = 0; f < NFORMATS; f++) {
    lua_getfield(L, mod, "render");
    lua_pushvalue(L, doc);
    lua_pushstring(L, format_names[f]);
    lua_createtable(L, 0, 1);
    lua_pushboolean(L, f == PW_FORMAT_TEXT_COLOR);
    lua_setfield(L, -2, "color");
    lua_call(L, 3, 1);
    job->r->report[f] = copy_string(L, -1);
    job->r->len[f] = lua_rawlen(L, -1);
    lua_pop(L, 1);
  }
  copy_info(L, doc, job->r);
  copy_criteria(L, mod, doc, job->r);
  return 0;
}

pw_status pw_review(pw_engine *e, pw_review_result **out) {
  if (e == NULL || e->L == NULL || out == NULL)
    return PW_EINVAL;
  *out = NULL;
  pw_review_result *r = calloc(1, sizeof *r);
  if (r == NULL)
    return PW_EINTERNAL;
  review_job job = {e, r};
  int top = lua_gettop(e->L);
  lua_pushcfunction(e->L, do_review);
  lua_pushlightuserdata(e->L, &job);
  pw_status s = pw_pcall(e, 1, 0);
  lua_settop(e->L, top);
  if (s != PW_OK) {
    pw_review_free(&r);
    return s;
  }
  *out = r;
  return PW_OK;
}

pw_status pw_review_info_get(const pw_review_result *r, pw_review_info *info) {
  if (r == NULL || info == NULL)
    return PW_EINVAL;
  *info = r->info;
  return PW_OK;
}

pw_status pw_review_criterion(const pw_review_result *r, size_t i, pw_criterion *out) {
  if (r == NULL || out == NULL || i >= r->info.criteria)
    return PW_EINVAL;
  *out = r->criteria[i];
  return PW_OK;
}

pw_status pw_review_report(const pw_review_result *r, pw_format format, const char **text,
                           size_t *len) {
  if (r == NULL || text == NULL || (unsigned)format >= NFORMATS || r->report[format] == NULL)
    return PW_EINVAL;
  *text = r->report[format];
  if (len)
    *len = r->len[format];
  return PW_OK;
}

pw_status pw_review_free(pw_review_result **rp) {
  if (rp == NULL || *rp == NULL)
    return PW_EINVAL;
  pw_review_result *r = *rp;
  for (int f = 0; f < NFORMATS; f++)
    free(r->report[f]);
  for (size_t i = 0; r->criteria && i < r->info.criteria; i++) {
    free((char *)(uintptr_t)r->criteria[i].name);
    free((char *)(uintptr_t)r->criteria[i].element);
    free((char *)(uintptr_t)r->criteria[i].reason);
    free((char *)(uintptr_t)r->criteria[i].evidence_json);
  }
  free(r->criteria);
  free(r->summary);
  free(r->prespec_line);
  free(r);
  *rp = NULL;
  return PW_OK;
}

/* Create path.tmp-PID-N exclusively, mode 0666 less the umask (as any
** new file); returns the descriptor or -1 with errno. */
static int open_temp(const char *path, char *tmp, size_t size) {
  for (unsigned i = 0; i < 100; i++) {
    snprintf(tmp, size, "%s.tmp-%ld-%u", path, (long)getpid(), i);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST)
      return fd;
  }
  return -1;
}

/* Write data to path through a temporary file in the same directory and a
** rename, so a reader never sees half a report. */
static pw_status write_atomic(pw_engine *e, const char *path, const char *data, size_t len) {
  size_t size = strlen(path) + 48;
  char *tmp = malloc(size);
  if (tmp == NULL)
    return PW_EINTERNAL;
  int fd = open_temp(path, tmp, size);
  int err = fd < 0 ? errno : 0;
  for (size_t done = 0; err == 0 && done < len;) {
    ssize_t w = write(fd, data + done, len - done);
    if (w < 0 && errno != EINTR)
      err = errno;
    else if (w > 0)
      done += (size_t)w;
  }
  if (fd >= 0 && err == 0 && fsync(fd) != 0)
    err = errno;
  if (fd >= 0 && close(fd) != 0 && err == 0)
    err = errno;
  if (err == 0 && rename(tmp, path) != 0)
    err = errno;
  if (err != 0 && fd >= 0)
    unlink(tmp);
  free(tmp);
  if (err != 0) {
    pw_set_errorf(e, "cannot write %s: %s", path, strerror(err));
    return PW_EIO;
  }
  return PW_OK;
}

pw_status pw_review_write(pw_engine *e, const pw_review_result *r, pw_format format,
                          const char *path) {
  const char *text;
  size_t len;
  if (e == NULL || e->L == NULL || path == NULL || pw_review_report(r, format, &text, &len) != PW_OK)
    return PW_EINVAL;
  return write_atomic(e, path, text, len);
}

/* What pw_lock's protected part returns: the lock text, its path, and the
** number of criteria. */
typedef struct lock_job {
  pw_engine *e;              /* the engine */
  char *text;                /* out: the lock file's text (malloc'd) */
  char *path;                /* out: where it goes (malloc'd) */
  size_t n;                  /* out: criteria locked */
} lock_job;

static int do_lock(lua_State *L) {
  lock_job *job = lua_touserdata(L, 1);
  pw_require_lang(L, "pathway.report");                 /* stack: job report */
  lua_getfield(L, -1, "lock");
  push_options(L, job->e);
  lua_call(L, 1, 2);                                    /* stack: job report text n */
  job->n = (size_t)lua_tointeger(L, -1);
  job->text = copy_string(L, -2);
  lua_getfield(L, 2, "lock_path");
  lua_pushstring(L, job->e->script);
  lua_call(L, 1, 1);
  job->path = copy_string(L, -1);
  return 0;
}

pw_status pw_lock(pw_engine *e, const char **lock_path, size_t *ncriteria) {
  if (e == NULL || e->L == NULL)
    return PW_EINVAL;
  if (e->script == NULL) {
    pw_set_error(e, "lock: no script has been run (pw_load_file)");
    return PW_EINVAL;
  }
  lock_job job = {e, NULL, NULL, 0};
  int top = lua_gettop(e->L);
  lua_pushcfunction(e->L, do_lock);
  lua_pushlightuserdata(e->L, &job);
  pw_status s = pw_pcall(e, 1, 0);
  lua_settop(e->L, top);
  if (s == PW_OK)
    s = write_atomic(e, job.path, job.text, strlen(job.text));
  free(job.text);
  if (s != PW_OK) {
    free(job.path);
    return s;
  }
  free(e->lock_path);
  e->lock_path = job.path;
  if (lock_path)
    *lock_path = job.path;
  if (ncriteria)
    *ncriteria = job.n;
  return PW_OK;
}
