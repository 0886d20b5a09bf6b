/* l_expr.c: expression strings in frame:filter/mutate/summarise, and the
** `expr` module (expr.compile, expr.functions); a thin binding over
** lang/expr and vm/exec. */
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "exec.h"
#include "host.h"
#include "frame/l_frame.h"
#include "l_expr.h"

#define PW_EXPR_MT "pathway.expr"          /* metatable of compiled expressions */
#define PW_EXPR_BOX_MT "pathway.expr.box"  /* metatable of C arrays held by Lua */

/* A compiled expression as a Lua value. Created empty before compiling, so
** the plan belongs to Lua from the moment it exists (STYLE.md practice 3). */
typedef struct plan_box {
  expr_plan *p;   /* the plan, or NULL once closed */
} plan_box;

static int box_close(lua_State *L) {
  plan_box *b = luaL_checkudata(L, 1, PW_EXPR_MT);
  expr_plan_free(b->p);
  b->p = NULL;
  return 0;
}

static expr_plan *check_plan(lua_State *L, int idx) {
  plan_box *b = luaL_checkudata(L, idx, PW_EXPR_MT);
  if (b->p == NULL)
    luaL_argerror(L, idx, "compiled expression is closed");
  return b->p;
}

/* A C array that exec allocates (group first rows), owned by a userdata
** made before the allocation, like lauxlib's UBox. */
typedef struct array_box {
  void *p;        /* the array, or NULL */
  size_t size;    /* its size in bytes */
  frame_mem mem;  /* what allocated it */
} array_box;

static int array_box_free(lua_State *L) {
  array_box *b = lua_touserdata(L, 1);
  frame_mem_free(&b->mem, b->p, b->size);
  b->p = NULL;
  return 0;
}

/* ------------------------------------------------------------ errors */

/* Raise a compile error: the message, then the offending line of the
** expression with a caret under the column (after `label = ` for an entry
** of mutate or summarise). [-0, +0, v] */
static int raise_compile(lua_State *L, const char *src, size_t len, const expr_error *e,
                         const char *label) {
  size_t at = 0;
  for (int line = 1; line < e->line && at < len; at++)
    line += src[at] == '\n';
  size_t end = at;
  while (end < len && src[end] != '\n')
    end++;
  if (e->line == 0 || end - at > 200)   /* no caret under a line nobody reads */
    return luaL_error(L, "%s", e->msg);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_where(L, 1);   /* the script's file:line:, as luaL_error gives */
  luaL_addvalue(&b);
  luaL_addstring(&b, e->msg);
  luaL_addstring(&b, "\n    ");
  size_t pad = 4;
  if (label) {
    luaL_addstring(&b, label);
    luaL_addstring(&b, " = ");
    pad += strlen(label) + 3;
  }
  luaL_addlstring(&b, src + at, end - at);
  luaL_addchar(&b, '\n');
  for (size_t i = 0; i < pad; i++)
    luaL_addchar(&b, ' ');
  int col = 1;   /* columns count characters; a tab stays a tab to line up */
  for (size_t i = at; i < end && col < e->col; i++) {
    if (((unsigned char)src[i] & 0xC0) == 0x80)
      continue;
    luaL_addchar(&b, src[i] == '\t' ? '\t' : ' ');
    col++;
  }
  luaL_addchar(&b, '^');
  luaL_pushresult(&b);
  return lua_error(L);
}

/* Values made NA during a run become one warning each. [-0, +0, -] */
static void warn_report(lua_State *L, const exec_report *rep, const char *label) {
  char msg[160];
  if (rep->overflow) {
    snprintf(msg, sizeof msg, "expression%s%s: %zu integer or date result%s out of range, "
             "made NA", label ? " " : "", label ? label : "", rep->overflow,
             rep->overflow == 1 ? "" : "s");
    lua_warning(L, msg, 0);
  }
  if (rep->nan) {
    snprintf(msg, sizeof msg, "expression%s%s: %zu result%s not a number (0/0, log(-1), ...), "
             "made NA", label ? " " : "", label ? label : "", rep->nan, rep->nan == 1 ? "" : "s");
    lua_warning(L, msg, 0);
  }
}

/* Compile the string at `idx` against f into a new plan box, pushed.
** [-0, +1, v] */
static expr_plan *push_plan(lua_State *L, int idx, const frame *f, expr_mode mode,
                            const char *label) {
  size_t len;
  const char *src = lua_tolstring(L, idx, &len);
  plan_box *b = lua_newuserdatauv(L, sizeof *b, 0);
  b->p = NULL;
  luaL_setmetatable(L, PW_EXPR_MT);
  frame_mem m = pw_frame_mem(L);
  expr_error e;
  b->p = expr_compile(src, len, f, mode, &m, &e);
  if (b->p == NULL)
    raise_compile(L, src, len, &e, label);
  return b->p;
}

/* Push the frame method this one wraps (upvalue 1). [-0, +1, v] */
static void push_original(lua_State *L, const char *name) {
  if (lua_isnil(L, lua_upvalueindex(1)))
    luaL_error(L, "frame:%s: the Lua-function form is not available", name);
  lua_pushvalue(L, lua_upvalueindex(1));
}

/* Call the wrapped method with the arguments as given. [-0, +r, e] */
static int delegate(lua_State *L, const char *name) {
  int n = lua_gettop(L);
  push_original(L, name);
  lua_insert(L, 1);
  lua_call(L, n, LUA_MULTRET);
  return lua_gettop(L);
}

/* ------------------------------------------------------------ filter */

/* frame:filter(expr): the rows where expr is true (not false, not NA). */
static int lexpr_filter(lua_State *L) {
  pw_host_count_rows(L, pw_frame_check(L, 1)->nrow);
  if (lua_type(L, 2) != LUA_TSTRING) {
    luaL_argexpected(L, lua_isfunction(L, 2), 2, "expression string or function");
    return delegate(L, "filter");
  }
  frame *f = pw_frame_check(L, 1);
  expr_plan *p = push_plan(L, 2, f, EXPR_FILTER, NULL);          /* stack: f s box */
  uint8_t *mask = lua_newuserdatauv(L, f->nrow ? f->nrow : 1, 0); /* stack: f s box mask */
  frame_mem m = pw_frame_mem(L);
  exec_report rep;
  if (exec_filter(p, f, &m, mask, &rep) != EXEC_OK)
    return luaL_error(L, "%s", rep.msg);
  warn_report(L, &rep, NULL);
  frame *out;
  if (frame_filter(f, mask, &out) != FRAME_OK)
    return luaL_error(L, "not enough memory");
  pw_frame_push(L, out);   /* owns out from here, even if it raises */
  return 1;
}

/* ------------------------------------------------------------ tables */

/* The entries of the table at `idx` (mutate and summarise): the names of
** the string-valued ones, sorted, pushed as an array; whether any value is
** something else (a function, or for mutate an array or a column), which
** the wrapped method handles. Keys must be non-empty strings. [-0, +1, v] */
static int push_string_entries(lua_State *L, int idx, const char *method, int *has_other) {
  lua_newtable(L);                                 /* stack: names */
  int names = lua_gettop(L), n = 0;
  *has_other = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {                       /* stack: names k v */
    if (lua_type(L, -2) != LUA_TSTRING || lua_rawlen(L, -2) == 0)
      return luaL_error(L, "frame:%s: every key must be a column name (a non-empty string)",
                        method);
    if (lua_type(L, -1) == LUA_TSTRING) {
      lua_pushvalue(L, -2);
      lua_rawseti(L, names, ++n);
    } else {
      *has_other = 1;
    }
    lua_pop(L, 1);
  }
  /* stack: names; sort with table.sort's order, in C: names are few */
  for (int i = 2; i <= n; i++) {
    for (int j = i; j > 1; j--) {
      lua_rawgeti(L, names, j - 1);
      lua_rawgeti(L, names, j);
      if (strcmp(lua_tostring(L, -2), lua_tostring(L, -1)) <= 0) {
        lua_pop(L, 2);
        break;
      }
      lua_rawseti(L, names, j - 1);
      lua_rawseti(L, names, j);
    }
  }
  return n;
}

/* A copy of the table at `idx` without its string values. [-0, +1, m] */
static void push_other_entries(lua_State *L, int idx) {
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    if (lua_type(L, -1) != LUA_TSTRING) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_settable(L, -4);
    } else {
      lua_pop(L, 1);
    }
  }
}

/* Put column c (whose reference passes to the frame) under `name`:
** replacing a column of that name in place, or appended. */
static int set_column(frame *f, const char *name, frame_column *c) {
  long at = frame_find(f, name);
  if (at >= 0) {
    frame_column_unref(f->cols[at]);
    f->cols[at] = c;
    return 0;
  }
  int rc = frame_add(f, name, c);
  frame_column_unref(c);
  return rc;
}

/* A new frame sharing every column of f, pushed. [-0, +1, v] */
static frame *push_copy(lua_State *L, const frame *f) {
  frame_mem m = pw_frame_mem(L);
  frame *out = frame_new(&m, f->nrow);
  if (out == NULL)
    luaL_error(L, "not enough memory");
  pw_frame_push(L, out);
  for (size_t i = 0; i < f->ncol; i++)
    if (frame_add(out, f->names[i], f->cols[i]) != 0)
      luaL_error(L, "not enough memory");
  return out;
}

/* ------------------------------------------------------------ mutate */

/* frame:mutate({name = expr | function | ..., ...} [, opts]): every entry
** sees the input frame; a new name is appended (in name order, after the
** columns of the other entries, which the wrapped method computes with
** opts), an existing one replaced in place. */
static int lexpr_mutate(lua_State *L) {
  luaL_checktype(L, 2, LUA_TTABLE);   /* {name = expression | fn | array | column} */
  frame *f = pw_frame_check(L, 1);
  pw_host_count_rows(L, f->nrow);
  lua_settop(L, 3);
  int has_other;
  int n = push_string_entries(L, 2, "mutate", &has_other);         /* stack: f t o names */
  if (n == 0)
    return lua_settop(L, 3), delegate(L, "mutate");
  const frame *base = f;
  if (has_other) {
    push_original(L, "mutate");
    lua_pushvalue(L, 1);
    push_other_entries(L, 2);
    lua_pushvalue(L, 3);
    lua_call(L, 3, 1);                                             /* stack: f t o names f2 */
    base = pw_frame_check(L, 5);
    if (base->nrow != f->nrow)
      return luaL_error(L, "frame:mutate: the other entries changed the number of rows");
  }
  frame *out = push_copy(L, base);                                 /* stack: ... out */
  frame_mem m = pw_frame_mem(L);
  for (int i = 1; i <= n; i++) {
    lua_rawgeti(L, 4, i);                                          /* stack: ... out name */
    const char *name = lua_tostring(L, -1);
    lua_getfield(L, 2, name);                                      /* stack: ... name src */
    expr_plan *p = push_plan(L, lua_gettop(L), f, EXPR_MUTATE, name);
    frame_column *c;
    exec_report rep;
    if (exec_mutate(p, f, &m, &c, &rep) != EXEC_OK)
      return luaL_error(L, "%s", rep.msg);
    if (set_column(out, name, c) != 0)
      return luaL_error(L, "not enough memory");
    warn_report(L, &rep, name);
    lua_pop(L, 3);
  }
  return 1;
}

/* ------------------------------------------------------------ summarise */

/* Check summarise's options at `idx`: `by` (not on a grouped frame) and
** `types` (for the function entries; expressions know their types).
** [-0, +0, v] */
static void check_options(lua_State *L, int idx, int grouped) {
  if (lua_isnoneornil(L, idx))
    return;
  luaL_checktype(L, idx, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, idx)) {   /* a misspelt option fails instead of being ignored */
    lua_pop(L, 1);
    const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    if (grouped && strcmp(k, "by") == 0)
      luaL_argerror(L, idx, "by: the frame is grouped already");
    if (strcmp(k, "by") != 0 && strcmp(k, "types") != 0)
      luaL_argerror(L, idx, lua_pushfstring(L, "unknown option '%s'", luaL_tolstring(L, -1, NULL)));
  }
}

/* Column indices of the `by` option at `idx` (a name or an array of
** names) as a userdata array pushed; NULL (nil pushed) without it.
** [-0, +1, v] */
static size_t *push_keys(lua_State *L, int idx, const frame *f, size_t *nkeys) {
  *nkeys = 0;
  if (lua_isnoneornil(L, idx)) {
    lua_pushnil(L);
    return NULL;
  }
  int t = lua_getfield(L, idx, "by");
  if (t == LUA_TNIL)
    return NULL;   /* the nil pushed stands for the keys */
  if (t == LUA_TSTRING) {
    lua_createtable(L, 1, 0);
    lua_insert(L, -2);
    lua_rawseti(L, -2, 1);
  } else if (t != LUA_TTABLE) {
    luaL_argerror(L, idx, "option 'by' must be a column name or a list of names");
  }
  int by = lua_gettop(L);
  size_t n = lua_rawlen(L, by);
  size_t *keys = lua_newuserdatauv(L, (n ? n : 1) * sizeof *keys, 0);
  for (size_t i = 0; i < n; i++) {
    lua_rawgeti(L, by, (lua_Integer)i + 1);
    const char *name = lua_tostring(L, -1);
    long at = name ? frame_find(f, name) : -1;
    if (at < 0)
      luaL_argerror(L, idx, lua_pushfstring(L, "unknown column '%s' in 'by'", name ? name : "?"));
    keys[i] = (size_t)at;
    lua_pop(L, 1);
  }
  lua_remove(L, by);
  *nkeys = n;
  return keys;
}

/* A frame without groups is one group of all rows: no ids, and a key
** frame with one row and no columns (summarise's `by` goes through
** group_by, see summarise_by). Pushes the key frame. [-0, +1, m] */
static frame *push_one_group(lua_State *L, const uint32_t **gid, size_t *ngroups) {
  frame_mem m = pw_frame_mem(L);
  frame *kf = frame_new(&m, 1);
  if (kf == NULL)
    luaL_error(L, "not enough memory");
  pw_frame_push(L, kf);
  *gid = NULL;
  *ngroups = 1;
  return kf;
}

/* One row per group: the columns of the key frame, then one column per
** expression (in name order). This is all a grouping needs to provide:
** ids per row, their number, and the keys. [-0, +1, v] */
static frame *push_summary(lua_State *L, const frame *f, int exprs, int names, int n,
                           const uint32_t *gid, size_t ngroups, const frame *keys) {
  frame *out = push_copy(L, keys);                                 /* stack: ... out */
  frame_mem m = pw_frame_mem(L);
  for (int i = 1; i <= n; i++) {
    lua_rawgeti(L, names, i);                                      /* stack: ... out name */
    const char *name = lua_tostring(L, -1);
    if (frame_find(out, name) >= 0)
      luaL_error(L, "frame:summarise: '%s' is a grouping column", name);
    lua_getfield(L, exprs, name);                                  /* stack: ... name src */
    expr_plan *p = push_plan(L, lua_gettop(L), f, EXPR_SUMMARISE, name);
    frame_column *c;
    exec_report rep;
    if (exec_summarise(p, f, gid, ngroups, &m, &c, &rep) != EXEC_OK)
      luaL_error(L, "%s", rep.msg);
    if (set_column(out, name, c) != 0)
      luaL_error(L, "not enough memory");
    warn_report(L, &rep, name);
    lua_pop(L, 3);
  }
  return out;
}

/* Whether columns a and b hold the same values (NA where NA). */
static int same_column(const frame_column *a, const frame_column *b) {
  if (a->type != b->type || a->n != b->n)
    return 0;
  for (size_t i = 0; i < a->n; i++) {
    int na = frame_is_na(a, i);
    if (na != frame_is_na(b, i))
      return 0;
    if (na)
      continue;
    if (a->type == FRAME_STR) {
      size_t la, lb;
      const char *sa = frame_str(a, i, &la), *sb = frame_str(b, i, &lb);
      if (la != lb || memcmp(sa, sb, la) != 0)
        return 0;
    } else {
      size_t w = a->type == FRAME_BOOL ? 1 : a->type == FRAME_DATE ? 4 : 8;
      if (memcmp((const char *)a->data + i * w, (const char *)b->data + i * w, w) != 0)
        return 0;
    }
  }
  return 1;
}

/* The other entries go to the wrapped summarise; its result must have our
** groups in our order (checked on the key columns) to be joined by row.
** [-0, +1, v] */
static void merge_others(lua_State *L, int theirs_idx, frame *mine, size_t nkeys) {
  const frame *theirs = pw_frame_check(L, theirs_idx);
  int ok = theirs->nrow == mine->nrow;
  for (size_t k = 0; ok && k < nkeys; k++) {
    long at = frame_find(theirs, mine->names[k]);
    ok = at >= 0 && same_column(theirs->cols[at], mine->cols[k]);
  }
  if (!ok)
    luaL_error(L, "frame:summarise: the groups of the function entries do not line up "
               "with those of the expression entries; call summarise twice and join");
  frame *out = push_copy(L, theirs);
  for (size_t i = nkeys; i < mine->ncol; i++) {
    frame_column_ref(mine->cols[i]);
    if (set_column(out, mine->names[i], mine->cols[i]) != 0)
      luaL_error(L, "not enough memory");
  }
}

static int lexpr_summarise(lua_State *L);

/* frame:summarise(spec, {by = keys, ...}) is frame:group_by(keys...):
** summarise(spec, {...}): one grouping, so one order of groups (key order,
** NA last) whichever way it is written. Stack: f spec opts by. */
static int summarise_by(lua_State *L) {
  int by = lua_gettop(L);
  const frame *f = pw_frame_check(L, 1);
  size_t nkeys;
  push_keys(L, 3, f, &nkeys);   /* checks the names: unknown column '...' in 'by' */
  lua_settop(L, by);
  lua_getfield(L, 1, "group_by");                                 /* stack: ... by group_by */
  lua_pushvalue(L, 1);
  int nargs = 1;
  if (lua_type(L, by) == LUA_TSTRING) {
    lua_pushvalue(L, by);
    nargs++;
  } else if (lua_type(L, by) == LUA_TTABLE) {
    lua_Integer n = (lua_Integer)lua_rawlen(L, by);
    luaL_checkstack(L, (int)n, "too many keys in 'by'");
    for (lua_Integer i = 1; i <= n; i++, nargs++)
      lua_rawgeti(L, by, i);
  } else {
    return luaL_argerror(L, 3, "option 'by' must be a column name or a list of names");
  }
  lua_call(L, nargs, 1);                                          /* stack: f spec opts by grouped */
  lua_replace(L, 1);
  lua_newtable(L);                                                /* the options less `by` */
  lua_pushnil(L);
  while (lua_next(L, 3)) {
    if (lua_type(L, -2) == LUA_TSTRING && strcmp(lua_tostring(L, -2), "by") == 0) {
      lua_pop(L, 1);
      continue;
    }
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, -4);
  }
  lua_replace(L, 3);
  lua_settop(L, 3);                                               /* stack: grouped spec opts */
  return lexpr_summarise(L);
}

/* frame:summarise({name = expr | function, ...} [, {by = keys}]) and
** grouped:summarise({...}): one row per group (in key order, NA last,
** as group_by makes them), or one row for a whole frame without `by`. */
static int lexpr_summarise(lua_State *L) {
  luaL_checktype(L, 2, LUA_TTABLE);   /* {name = expression | fn} */
  frame *f;
  const frame_groups *g = NULL;
  if (luaL_testudata(L, 1, PW_GROUPED_MT))
    g = pw_grouped_check(L, 1, &f);
  else
    f = pw_frame_check(L, 1);
  pw_host_count_rows(L, f->nrow);
  check_options(L, 3, g != NULL);
  lua_settop(L, 3);
  if (g == NULL && lua_istable(L, 3) && lua_getfield(L, 3, "by") != LUA_TNIL)
    return summarise_by(L);
  lua_settop(L, 3);
  int has_other;
  int n = push_string_entries(L, 2, "summarise", &has_other);     /* stack: f t o names */
  if (n == 0)
    return lua_settop(L, 3), delegate(L, "summarise");
  const uint32_t *gid;
  size_t ngroups;
  const frame *keys;
  if (g) {
    frame *kf;
    if (frame_group_keys(f, g, &kf) != FRAME_OK)
      return luaL_error(L, "not enough memory");
    pw_frame_push(L, kf);                                          /* stack: ... kf */
    keys = kf;
    gid = g->gid;
    ngroups = g->ngroups;
  } else {
    keys = push_one_group(L, &gid, &ngroups);
  }
  frame *mine = push_summary(L, f, 2, 4, n, gid, ngroups, keys);
  if (!has_other)
    return 1;
  push_original(L, "summarise");
  lua_pushvalue(L, 1);
  push_other_entries(L, 2);
  lua_pushvalue(L, 3);
  lua_call(L, 3, 1);
  merge_others(L, lua_gettop(L), mine, keys->ncol);
  return 1;
}

/* ------------------------------------------------------------ module */

/* expr.compile(s, frame) -> a compiled expression, for :type() and
** :explain() in the REPL; per row, or per group when it aggregates. */
static int lexpr_compile(lua_State *L) {
  luaL_checkstring(L, 1);
  frame *f = pw_frame_check(L, 2);
  push_plan(L, 1, f, EXPR_INSPECT, NULL);
  return 1;
}

static int lexpr_type(lua_State *L) {
  lua_pushstring(L, expr_type_name(check_plan(L, 1)->type));
  return 1;
}

static void add_piece(void *ud, const char *s, size_t n) { luaL_addlstring(ud, s, n); }

static int lexpr_explain(lua_State *L) {
  expr_plan *p = check_plan(L, 1);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  expr_explain(p, add_piece, &b);
  luaL_pushresult(&b);
  return 1;
}

static int lexpr_tostring(lua_State *L) {
  plan_box *b = luaL_checkudata(L, 1, PW_EXPR_MT);
  if (b->p == NULL)
    lua_pushliteral(L, "expression (closed)");
  else
    lua_pushfstring(L, "expression (%s): %s", expr_type_name(b->p->type),
                    b->p->pool + b->p->source);
  return 1;
}

static const luaL_Reg expr_methods[] = {
  {"explain", lexpr_explain},
  {"type", lexpr_type},
  {NULL, NULL}
};

static const luaL_Reg expr_meta[] = {
  {"__close", box_close},
  {"__gc", box_close},
  {"__index", NULL},   /* the methods table */
  {"__tostring", lexpr_tostring},
  {NULL, NULL}
};

/* expr.functions() -> {{name =, kind = "expression"|"aggregate"}, ...}:
** the functions of the language, in the table's order. */
static int lexpr_functions(lua_State *L) {
  lua_newtable(L);
  int aggregate = 0;
  const char *name;
  for (int i = 0; (name = expr_function_name(i, &aggregate)) != NULL; i++) {
    lua_createtable(L, 0, 2);
    lua_pushstring(L, name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, aggregate ? "aggregate" : "expression");
    lua_setfield(L, -2, "kind");
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

static const luaL_Reg expr_funcs[] = {
  {"compile", lexpr_compile},
  {"functions", lexpr_functions},
  {NULL, NULL}
};

/* The metatables of compiled expressions and of array boxes, once per
** state. Boxes never reach scripts, so they carry only __gc and __close.
** [-0, +0, m] */
static void create_meta(lua_State *L) {
  if (luaL_newmetatable(L, PW_EXPR_MT)) {
    luaL_setfuncs(L, expr_meta, 0);
    luaL_newlib(L, expr_methods);
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
  if (luaL_newmetatable(L, PW_EXPR_BOX_MT)) {
    lua_pushcfunction(L, array_box_free);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, array_box_free);
    lua_setfield(L, -2, "__close");
  }
  lua_pop(L, 1);
}

int luaopen_pathway_expr(lua_State *L) {
  create_meta(L);
  luaL_newlib(L, expr_funcs);
  return 1;
}

/* Replace method `name` of the methods of metatable `mt` by the closure
** of f over the original. [-0, +0, e] */
static void wrap_method(lua_State *L, const char *mt, const char *name, lua_CFunction f) {
  if (luaL_getmetatable(L, mt) != LUA_TTABLE)                      /* stack: mt */
    luaL_error(L, "pw_expr_install: the frame module is not loaded (no %s)", mt);
  if (lua_getfield(L, -1, "__index") != LUA_TTABLE)                /* stack: mt methods */
    luaL_error(L, "pw_expr_install: the methods of %s are not a table", mt);
  lua_getfield(L, -1, name);                                       /* stack: mt methods orig */
  lua_pushcclosure(L, f, 1);
  lua_setfield(L, -2, name);
  lua_pop(L, 2);
}

void pw_expr_install(lua_State *L) {
  create_meta(L);
  wrap_method(L, PW_FRAME_MT, "filter", lexpr_filter);
  wrap_method(L, PW_FRAME_MT, "mutate", lexpr_mutate);
  wrap_method(L, PW_FRAME_MT, "summarise", lexpr_summarise);
  wrap_method(L, PW_GROUPED_MT, "summarise", lexpr_summarise);
}
