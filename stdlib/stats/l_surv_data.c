/* l_surv_data.c: the survival bindings' formula parser and the frame's
** columns as the cores' arrays: rows without NA, event coding, factor
** levels in R's order with R's labels, strata combined as strata() does. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "frame/frame_ops.h"
#include "stats/l_surv.h"
#include "stats/surv.h"

void *pw_surv_buffer(lua_State *L, size_t n, size_t size) {
  if (size != 0 && n > (SIZE_MAX - 64) / size)
    luaL_error(L, "not enough memory");
  return lua_newuserdatauv(L, n * size + 1, 0);
}

void pw_surv_push_array(lua_State *L, const double *v, size_t n, int na_nil) {
  lua_createtable(L, n > 0x7fffffff ? 0x7fffffff : (int)n, 1);
  for (size_t i = 0; i < n; i++) {
    if (na_nil && isnan(v[i]))
      continue;
    lua_pushnumber(L, v[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_pushinteger(L, (lua_Integer)n);
  lua_setfield(L, -2, "n");
}

/* ------------------------------------------------------------ formula */

/* The formula's text and a cursor in it. */
typedef struct cursor {
  const char *s;   /* the whole formula */
  size_t i;        /* next byte */
} cursor;

static void skip_space(cursor *c) {
  while (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n')
    c->i++;
}

/* Consume `tok` (after spaces) when it is next; 1 if it was. */
static int accept(cursor *c, const char *tok) {
  skip_space(c);
  size_t len = strlen(tok);
  if (strncmp(c->s + c->i, tok, len) != 0)
    return 0;
  c->i += len;
  return 1;
}

static int name_char(char ch, int first) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || ch == '.' ||
         (!first && ch >= '0' && ch <= '9');
}

/* A name (R's syntax, or `backquoted`) into buf; 0 when none is next. */
static int read_name(cursor *c, char *buf, size_t size) {
  skip_space(c);
  size_t len = 0;
  if (c->s[c->i] == '`') {
    const char *end = strchr(c->s + c->i + 1, '`');
    if (end == NULL)
      return 0;
    len = (size_t)(end - (c->s + c->i + 1));
    if (len == 0 || len >= size)
      return 0;
    memcpy(buf, c->s + c->i + 1, len);
    c->i += len + 2;
  } else {
    while (name_char(c->s[c->i + len], len == 0) && len + 1 < size)
      len++;
    if (len == 0)
      return 0;
    memcpy(buf, c->s + c->i, len);
    c->i += len;
  }
  buf[len] = '\0';
  return 1;
}

static void formula_error(lua_State *L, int arg, const char *fname, const char *what) {
  lua_pushfstring(L, "%s: formula: %s; the form is 'Surv(time, event) ~ x + strata(s)' or "
                  "'Surv(time, event) ~ 1'", fname, what);
  luaL_argerror(L, arg, lua_tostring(L, -1));
}

static size_t find_column(lua_State *L, int arg, const frame *f, const char *fname,
                          const char *name) {
  long col = frame_find(f, name);
  if (col < 0) {
    lua_pushfstring(L, "%s: no column '%s' in the frame", fname, name);
    luaL_argerror(L, arg, lua_tostring(L, -1));
  }
  return (size_t)col;
}

/* One right-hand-side term at the cursor. */
static void read_term(lua_State *L, int arg, const frame *f, const char *fname, cursor *c,
                      surv_term *t) {
  char name[256], inner[256];
  if (!read_name(c, name, sizeof name))
    formula_error(L, arg, fname, "a column name expected after '~' or '+'");
  t->kind = SURV_TERM_PLAIN;
  if (accept(c, "(")) {
    if (strcmp(name, "strata") == 0)
      t->kind = SURV_TERM_STRATA;
    else if (strcmp(name, "factor") == 0)
      t->kind = SURV_TERM_FACTOR;
    else {
      lua_pushfstring(L, "unsupported term '%s(...)' (terms are columns, factor(x) and "
                      "strata(x))", name);
      formula_error(L, arg, fname, lua_tostring(L, -1));
    }
    if (!read_name(c, inner, sizeof inner) || !accept(c, ")"))
      formula_error(L, arg, fname, "one column name expected inside strata() or factor()");
    memcpy(name, inner, sizeof name);
  }
  t->col = find_column(L, arg, f, fname, name);
  t->name = f->names[t->col];
}

void pw_surv_formula(lua_State *L, int arg, const frame *f, const char *fname,
                     surv_formula *fm) {
  cursor c = {luaL_checkstring(L, arg), 0};
  char name[256];
  if (!accept(&c, "Surv") || !accept(&c, "("))
    formula_error(L, arg, fname, "it must start with Surv(");
  if (!read_name(&c, name, sizeof name) || !accept(&c, ","))
    formula_error(L, arg, fname, "Surv(time, event) expected");
  fm->time_col = find_column(L, arg, f, fname, name);
  if (!read_name(&c, name, sizeof name) || !accept(&c, ")"))
    formula_error(L, arg, fname, "Surv(time, event) expected");
  fm->event_col = find_column(L, arg, f, fname, name);
  if (!accept(&c, "~"))
    formula_error(L, arg, fname, "'~' expected after Surv(time, event)");
  fm->nterms = 0;
  if (accept(&c, "1")) {
    skip_space(&c);
    if (c.s[c.i] != '\0')
      formula_error(L, arg, fname, "nothing may follow '~ 1'");
    return;
  }
  do {
    if (fm->nterms == PW_SURV_MAX_TERMS)
      formula_error(L, arg, fname, "too many terms");
    read_term(L, arg, f, fname, &c, &fm->terms[fm->nterms++]);
  } while (accept(&c, "+"));
  skip_space(&c);
  if (c.s[c.i] != '\0') {
    lua_pushfstring(L, "unexpected '%s'", c.s + c.i);
    formula_error(L, arg, fname, lua_tostring(L, -1));
  }
}

/* --------------------------------------------------------------- rows */

/* Value of a numeric or bool column as a double (NaN for NA). */
static double num_at(const frame_column *c, size_t i) {
  if (frame_is_na(c, i))
    return NAN;
  switch (c->type) {
    case FRAME_INT: return (double)((const int64_t *)c->data)[i];
    case FRAME_NUM: return ((const double *)c->data)[i];
    case FRAME_BOOL: return ((const uint8_t *)c->data)[i];
    case FRAME_DATE: return ((const int32_t *)c->data)[i];
    default: return NAN;
  }
}

static int row_complete(const frame *f, const surv_formula *fm, size_t i) {
  if (isnan(num_at(f->cols[fm->time_col], i)) || isnan(num_at(f->cols[fm->event_col], i)))
    return 0;
  for (size_t t = 0; t < fm->nterms; t++) {
    const frame_column *c = f->cols[fm->terms[t].col];
    if (frame_is_na(c, i) || (c->type == FRAME_NUM && isnan(((const double *)c->data)[i])))
      return 0;
  }
  return 1;
}

/* R's Surv(): 0/1 or logical; when the largest value is 2, 1/2 with 2 =
** dead. Anything else is an error here (R turns it into NA with a
** warning, which would drop rows silently). */
static void code_events(lua_State *L, const frame *f, const surv_formula *fm,
                        const char *fname, surv_rows *r) {
  const frame_column *ev = f->cols[fm->event_col];
  double max = 0;
  for (size_t i = 0; i < r->n; i++) {
    double v = num_at(ev, r->row[i]);
    if (v > max)
      max = v;
  }
  double shift = max == 2 ? 1 : 0;
  for (size_t i = 0; i < r->n; i++) {
    double v = num_at(ev, r->row[i]) - shift;
    if (v != 0 && v != 1)
      luaL_error(L, "%s: event column '%s' must be 0/1, true/false or 1/2 (1 = censored, "
                 "2 = dead); row %d has %f", fname, f->names[fm->event_col],
                 (int)r->row[i] + 1, num_at(ev, r->row[i]));
    r->dead[i] = (uint8_t)v;
  }
}

void pw_surv_rows(lua_State *L, const frame *f, const surv_formula *fm, const char *fname,
                  surv_rows *r) {
  const frame_column *tc = f->cols[fm->time_col], *ec = f->cols[fm->event_col];
  if (tc->type != FRAME_INT && tc->type != FRAME_NUM)
    luaL_error(L, "%s: time column '%s' must be int or num, not %s", fname,
               f->names[fm->time_col], frame_type_name(tc->type));
  if (ec->type != FRAME_INT && ec->type != FRAME_NUM && ec->type != FRAME_BOOL)
    luaL_error(L, "%s: event column '%s' must be int, num or bool, not %s", fname,
               f->names[fm->event_col], frame_type_name(ec->type));
  size_t n = 0;
  for (size_t i = 0; i < f->nrow; i++)
    n += (size_t)row_complete(f, fm, i);
  r->n = n;
  r->dropped = f->nrow - n;
  if (n == 0)
    luaL_error(L, "%s: no rows to use (%d of %d have an NA in the formula's columns)", fname,
               (int)r->dropped, (int)f->nrow);
  char *buf = pw_surv_buffer(L, n, sizeof(double) + sizeof(uint32_t) + 1);
  r->time = (double *)(void *)buf;
  r->row = (uint32_t *)(void *)(buf + n * sizeof(double));
  r->dead = (uint8_t *)(buf + n * (sizeof(double) + sizeof(uint32_t)));
  for (size_t i = 0, k = 0; i < f->nrow; i++) {
    if (!row_complete(f, fm, i))
      continue;
    r->row[k] = (uint32_t)i;
    r->time[k++] = num_at(tc, i);
  }
  code_events(L, f, fm, fname, r);
}

/* ------------------------------------------------------------- levels */

/* R's as.character of a double: 15 significant digits, fixed or
** scientific notation, whichever is narrower (fixed on a tie). */
static void format_num(double v, char *buf, size_t size) {
  char sci[64], fix[400];
  int digits = 15;
  for (int d = 1; d <= 15; d++) {   /* the fewest digits that keep the value */
    snprintf(sci, sizeof sci, "%.*e", d - 1, v);
    char full[64];
    snprintf(full, sizeof full, "%.14e", v);
    if (strtod(sci, NULL) == strtod(full, NULL)) {
      digits = d;
      break;
    }
  }
  snprintf(sci, sizeof sci, "%.*e", digits - 1, v);
  int exp10 = v == 0 ? 0 : (int)floor(log10(fabs(strtod(sci, NULL))));
  int decimals = digits - 1 - exp10 > 0 ? digits - 1 - exp10 : 0;
  snprintf(fix, sizeof fix, "%.*f", decimals, v);
  /* R writes exponents with at least two digits, as C does */
  snprintf(buf, size, "%s", strlen(fix) <= strlen(sci) ? fix : sci);
}

/* Push the label of row i of column c. */
static void push_label(lua_State *L, const frame_column *c, size_t i) {
  char buf[400];
  switch (c->type) {
    case FRAME_INT: lua_pushfstring(L, "%I", (lua_Integer)((const int64_t *)c->data)[i]); return;
    case FRAME_BOOL: lua_pushstring(L, ((const uint8_t *)c->data)[i] ? "TRUE" : "FALSE"); return;
    case FRAME_DATE: {
      char d[FRAME_DATE_BUFSIZE];
      size_t len = frame_date_format(((const int32_t *)c->data)[i], d);
      lua_pushlstring(L, d, len);
      return;
    }
    case FRAME_NUM: format_num(((const double *)c->data)[i], buf, sizeof buf);
      lua_pushstring(L, buf);
      return;
    case FRAME_STR: {
      size_t len;
      const char *s = frame_str(c, i, &len);
      lua_pushlstring(L, s, len);
      return;
    }
  }
}

/* Compare the values of rows a and b of c (not NA): <0, 0, >0. */
static int cmp_rows(const frame_column *c, uint32_t a, uint32_t b) {
  if (c->type == FRAME_STR) {
    size_t la, lb;
    const char *sa = frame_str(c, a, &la), *sb = frame_str(c, b, &lb);
    int r = memcmp(sa, sb, la < lb ? la : lb);
    return r != 0 ? r : (la > lb) - (la < lb);
  }
  double x = num_at(c, a), y = num_at(c, b);
  return (x > y) - (x < y);
}

/* Stable merge sort of kept-row positions by their values in c. */
static void sort_positions(const frame_column *c, const uint32_t *row, uint32_t *pos,
                           uint32_t *tmp, size_t n) {
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t a = lo, b = mid, k = lo;
      while (a < mid && b < hi)
        tmp[k++] = cmp_rows(c, row[pos[b]], row[pos[a]]) < 0 ? pos[b++] : pos[a++];
      while (a < mid)
        tmp[k++] = pos[a++];
      while (b < hi)
        tmp[k++] = pos[b++];
    }
    memcpy(pos, tmp, n * sizeof *pos);
  }
}

uint32_t pw_surv_levels(lua_State *L, const frame_column *c, const surv_rows *r,
                        uint32_t *codes) {
  size_t n = r->n;
  uint32_t *pos = pw_surv_buffer(L, 2 * n, sizeof *pos);   /* stack: buf */
  uint32_t *tmp = pos + n;
  if (c->type == FRAME_STR || c->type == FRAME_BOOL) {
    for (size_t i = 0; i < n; i++)
      pos[i] = (uint32_t)i;
    sort_positions(c, r->row, pos, tmp, n);
  } else {   /* numbers: radix order of their values */
    double *v = pw_surv_buffer(L, 3 * n, sizeof(double));  /* stack: buf vals */
    for (size_t i = 0; i < n; i++)
      v[i] = num_at(c, r->row[i]);
    size_t start[2];
    surv_order(n, v, NULL, 1, pos, start, tmp, (uint64_t *)(void *)(v + n));
    lua_pop(L, 1);
  }
  lua_newtable(L);   /* stack: buf labels */
  uint32_t nlev = 0;
  for (size_t k = 0; k < n; k++) {
    if (k == 0 || cmp_rows(c, r->row[pos[k]], r->row[pos[k - 1]]) != 0) {
      push_label(L, c, r->row[pos[k]]);
      lua_rawseti(L, -2, (lua_Integer)++nlev);
    }
    codes[pos[k]] = nlev - 1;
  }
  lua_remove(L, -2);
  return nlev;
}

uint32_t pw_surv_groups(lua_State *L, const frame *f, const surv_formula *fm,
                        const size_t *which, size_t k, const surv_rows *r, uint32_t *codes) {
  size_t n = r->n;
  if (k == 0) {
    memset(codes, 0, n * sizeof *codes);
    lua_createtable(L, 1, 0);
    lua_pushliteral(L, "all");
    lua_rawseti(L, -2, 1);
    return 1;
  }
  int base = lua_gettop(L);
  double *combined = pw_surv_buffer(L, n, sizeof(double));   /* base+1 */
  uint32_t *tc = pw_surv_buffer(L, n, sizeof(uint32_t));     /* base+2 */
  uint32_t nlev[PW_SURV_MAX_TERMS];
  double total = 1;
  memset(combined, 0, n * sizeof *combined);
  for (size_t t = 0; t < k; t++) {   /* stack: base+3+t: labels of term t */
    nlev[t] = pw_surv_levels(L, f->cols[fm->terms[which[t]].col], r, tc);
    total *= nlev[t];
    if (total > 9007199254740992.0)
      luaL_error(L, "too many combinations of strata");
    for (size_t i = 0; i < n; i++)
      combined[i] = combined[i] * nlev[t] + tc[i];
  }
  /* dense codes of the combinations present, in ascending order */
  uint32_t *pos = pw_surv_buffer(L, 2 * n, sizeof(uint32_t));
  uint64_t *keys = pw_surv_buffer(L, 2 * n, sizeof(uint64_t));
  size_t start[2];
  surv_order(n, combined, NULL, 1, pos, start, pos + n, keys);
  lua_pop(L, 2);
  lua_newtable(L);   /* stack: ... termlabels... labels */
  uint32_t ng = 0;
  for (size_t j = 0; j < n; j++) {
    uint32_t i = pos[j];
    if (j == 0 || combined[i] != combined[pos[j - 1]]) {
      luaL_Buffer b;
      luaL_buffinit(L, &b);
      double rest = combined[i];
      uint32_t lev[PW_SURV_MAX_TERMS];
      for (size_t t = k; t-- > 0;) {
        lev[t] = (uint32_t)fmod(rest, nlev[t]);
        rest = floor(rest / nlev[t]);
      }
      for (size_t t = 0; t < k; t++) {
        const surv_term *term = &fm->terms[which[t]];
        if (t > 0)
          luaL_addstring(&b, ", ");
        luaL_addstring(&b, term->kind == SURV_TERM_FACTOR ? "factor(" : "");
        luaL_addstring(&b, term->name);
        luaL_addstring(&b, term->kind == SURV_TERM_FACTOR ? ")=" : "=");
        lua_rawgeti(L, base + 3 + (int)t, (lua_Integer)lev[t] + 1);
        luaL_addvalue(&b);
      }
      luaL_pushresult(&b);
      lua_rawseti(L, -2, (lua_Integer)++ng);
    }
    codes[i] = ng - 1;
  }
  lua_replace(L, base + 1);
  lua_settop(L, base + 1);
  return ng;
}

double pw_surv_conf_level(lua_State *L, int idx) {
  double level = 0.95;
  if (lua_getfield(L, idx, "conf_level") != LUA_TNIL) {
    level = lua_tonumber(L, -1);
    luaL_argcheck(L, lua_isnumber(L, -1) && level > 0 && level < 1, idx,
                  "conf_level must be a number between 0 and 1");
  }
  lua_pop(L, 1);
  return level;
}
