/* l_stats_surv.c: the Lua binding of stats.km (with the curve's methods at,
** rmst and summary) and stats.logrank; stats.cox is in l_stats_cox.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame/l_frame.h"
#include "stats/dist.h"
#include "stats/l_stats.h"
#include "stats/l_surv.h"
#include "stats/surv.h"

#define PW_KM_MT "pathway.km"   /* metatable of stats.km results */
#define PW_LOGRANK_MT "pathway.logrank"   /* metatable of stats.logrank results */

static const char *const ci_names[] = {"log", "log-log", "plain", NULL};

/* The options table at idx: conf_type and conf_level. */
static void km_options(lua_State *L, int idx, surv_ci *type, double *level) {
  *type = SURV_CI_LOG;
  *level = 0.95;
  if (lua_isnoneornil(L, idx))
    return;
  luaL_checktype(L, idx, LUA_TTABLE);
  if (lua_getfield(L, idx, "conf_type") != LUA_TNIL)
    *type = (surv_ci)luaL_checkoption(L, -1, NULL, ci_names);
  lua_pop(L, 1);
  *level = pw_surv_conf_level(L, idx);
}

static void set_num(lua_State *L, const char *k, double v) {
  if (isnan(v))
    return;   /* NA: absent, as a row table leaves it */
  lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

static void set_int(lua_State *L, const char *k, size_t v) {
  lua_pushinteger(L, (lua_Integer)v);
  lua_setfield(L, -2, k);
}

/* Push the table of one curve: its arrays, counts, median and interval. */
static void push_curve(lua_State *L, const surv_curve *c, const double *lower,
                       const double *upper, size_t n) {
  lua_createtable(L, 0, 13);
  pw_surv_push_array(L, c->time, c->m, 0);
  lua_setfield(L, -2, "time");
  pw_surv_push_array(L, c->n_risk, c->m, 0);
  lua_setfield(L, -2, "n_risk");
  pw_surv_push_array(L, c->n_event, c->m, 0);
  lua_setfield(L, -2, "n_event");
  pw_surv_push_array(L, c->n_censor, c->m, 0);
  lua_setfield(L, -2, "n_censor");
  pw_surv_push_array(L, c->surv, c->m, 0);
  lua_setfield(L, -2, "surv");
  lua_createtable(L, (int)c->m, 1);   /* std_err of S: S * sqrt(Greenwood) */
  double events = 0;
  for (size_t i = 0; i < c->m; i++) {
    lua_pushnumber(L, c->surv[i] * sqrt(c->varh[i]));
    lua_rawseti(L, -2, (lua_Integer)i + 1);
    events += c->n_event[i];
  }
  set_int(L, "n", c->m);
  lua_setfield(L, -2, "std_err");
  pw_surv_push_array(L, lower, c->m, 1);
  lua_setfield(L, -2, "lower");
  pw_surv_push_array(L, upper, c->m, 1);
  lua_setfield(L, -2, "upper");
  set_int(L, "n", n);
  set_int(L, "events", (size_t)events);
  set_num(L, "median", surv_median(c->m, c->time, c->surv));
  set_num(L, "median_lower", surv_median(c->m, c->time, lower));
  set_num(L, "median_upper", surv_median(c->m, c->time, upper));
}

/* The curve arrays, 8 of n doubles in one userdata: time n_risk n_event
** n_censor surv varh lower upper. [-0, +1, m] */
static double *push_curve_buffer(lua_State *L, size_t n, surv_curve *c) {
  double *b = pw_surv_buffer(L, 8 * n, sizeof(double));
  c->time = b;
  c->n_risk = b + n;
  c->n_event = b + 2 * n;
  c->n_censor = b + 3 * n;
  c->surv = b + 4 * n;
  c->varh = b + 5 * n;
  return b + 6 * n;
}

/* stats.km(frame, formula [, {conf_type, conf_level}]) -> curves. */
static int lkm(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  surv_formula fm;
  pw_surv_formula(L, 2, f, "km", &fm);
  surv_ci type;
  double level;
  km_options(L, 3, &type, &level);
  lua_settop(L, 3);
  surv_rows r;
  pw_surv_rows(L, f, &fm, "km", &r);                      /* 4: rows */
  size_t n = r.n, which[PW_SURV_MAX_TERMS];
  for (size_t t = 0; t < fm.nterms; t++)
    which[t] = t;
  uint32_t *g = pw_surv_buffer(L, 3 * n, sizeof(uint32_t));  /* 5: group, order, scratch */
  uint32_t ng = pw_surv_groups(L, f, &fm, which, fm.nterms, &r, g);   /* 6: labels */
  uint32_t *order = g + n;
  size_t *start = pw_surv_buffer(L, (size_t)ng + 1, sizeof(size_t));   /* 7 */
  uint64_t *keys = pw_surv_buffer(L, 2 * n + 2, sizeof(uint64_t));   /* 8 */
  surv_order(n, r.time, g, ng, order, start, g + 2 * n, keys);
  lua_pop(L, 1);
  surv_curve c;
  double *lim = push_curve_buffer(L, n, &c);              /* 8: curves */
  double z = stats_qnorm(1 - (1 - level) / 2, 0, 1, 1, 0);
  lua_createtable(L, 0, (int)ng + 8);                     /* 9: result */
  double events = 0;
  for (uint32_t s = 0; s < ng; s++) {
    size_t k = start[s + 1] - start[s];
    surv_km(k, order + start[s], r.time, r.dead, &c);
    surv_confint(&c, type, z, lim, lim + n);
    lua_rawgeti(L, 6, (lua_Integer)s + 1);                /* 10: label */
    push_curve(L, &c, lim, lim + n, k);                   /* 11: curve */
    for (size_t i = 0; i < c.m; i++)
      events += c.n_event[i];
    lua_rawset(L, 9);
  }
  lua_pushvalue(L, 6);
  lua_setfield(L, 9, "strata");
  set_int(L, "n", n);
  set_int(L, "events", (size_t)events);
  set_int(L, "n_dropped", r.dropped);
  lua_pushstring(L, ci_names[type]);
  lua_setfield(L, -2, "conf_type");
  lua_pushnumber(L, level);
  lua_setfield(L, -2, "conf_level");
  luaL_setmetatable(L, PW_KM_MT);
  return 1;
}

/* ---------------------------------------------------------- km methods */

/* Field k of the table at idx as doubles into v[0..m) (nil as NaN). */
static void read_array(lua_State *L, int idx, const char *k, double *v, size_t m) {
  if (lua_getfield(L, idx, k) != LUA_TTABLE)
    luaL_error(L, "km result: curve field '%s' is missing", k);
  for (size_t i = 0; i < m; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i + 1);
    v[i] = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : NAN;
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

/* Read the curve table at idx into a buffer pushed on the stack; lower
** and upper go to *lim (2 m doubles). [-0, +1, v] */
static void read_curve(lua_State *L, int idx, surv_curve *c, double **lim) {
  if (lua_getfield(L, idx, "time") != LUA_TTABLE)
    luaL_error(L, "km result: a curve has no 'time'");
  size_t m = (size_t)luaL_len(L, -1);
  lua_pop(L, 1);
  *lim = push_curve_buffer(L, m, c);
  c->m = m;
  read_array(L, idx, "time", c->time, m);
  read_array(L, idx, "n_risk", c->n_risk, m);
  read_array(L, idx, "n_event", c->n_event, m);
  read_array(L, idx, "surv", c->surv, m);
  read_array(L, idx, "std_err", c->varh, m);   /* holds std_err here */
  read_array(L, idx, "lower", *lim, m);
  read_array(L, idx, "upper", *lim + m, m);
}

/* Push the curve of stratum i (1-based) of the km result at 1; its label
** at the top - 1; pushes nothing and returns 0 past the last. [-0, +2|0, v] */
static int push_stratum(lua_State *L, lua_Integer i) {
  if (lua_getfield(L, 1, "strata") != LUA_TTABLE)
    luaL_argerror(L, 1, "a stats.km result expected");
  lua_rawgeti(L, -1, i);
  lua_remove(L, -2);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return 0;
  }
  lua_pushvalue(L, -1);
  lua_gettable(L, 1);
  return 1;
}

/* fit:at(t [, {extend = false}]) -> {[stratum] = {time, surv, std_err,
** lower, upper, n_risk, n_event}}; a stratum is absent when t is after
** its last time and extend is false (where R's summary stops). */
static int lkm_at(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  double t = luaL_checknumber(L, 2);
  int extend = 0;
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_getfield(L, 3, "extend");
    extend = lua_toboolean(L, -1);
  }
  lua_settop(L, 3);
  lua_newtable(L);                                        /* 4: result */
  for (lua_Integer i = 1; push_stratum(L, i); i++) {      /* 5: label, 6: curve */
    surv_curve c;
    double *lim;
    read_curve(L, 6, &c, &lim);                           /* 7: buffer */
    surv_point p = surv_at(&c, t, extend);
    if (p.present) {
      int before = p.row == SIZE_MAX;
      lua_createtable(L, 0, 7);
      set_num(L, "time", t);
      set_num(L, "surv", p.surv);
      lua_pushnumber(L, before ? 0 : c.varh[p.row]);      /* std_err, NaN kept */
      lua_setfield(L, -2, "std_err");
      set_num(L, "lower", before ? 1 : lim[p.row]);
      set_num(L, "upper", before ? 1 : lim[c.m + p.row]);
      set_num(L, "n_risk", p.n_risk);
      set_num(L, "n_event", p.n_event);
      lua_setfield(L, 4, lua_tostring(L, 5));
    }
    lua_settop(L, 4);
  }
  return 1;
}

/* fit:rmst(tau) -> {tau, [stratum] = {rmean, std_err}}, as print(fit,
** rmean = tau) (survival:::survmean). */
static int lkm_rmst(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  double tau = luaL_checknumber(L, 2);
  lua_settop(L, 2);
  double start = 0;   /* min(0, every time of the fit) */
  for (lua_Integer i = 1; push_stratum(L, i); i++) {
    lua_getfield(L, -1, "time");
    lua_rawgeti(L, -1, 1);
    if (lua_isnumber(L, -1) && lua_tonumber(L, -1) < start)
      start = lua_tonumber(L, -1);
    lua_settop(L, 2);
  }
  luaL_argcheck(L, isfinite(tau) && tau >= start, 2, "tau must be at or after time 0");
  lua_createtable(L, 0, 4);                               /* 3: result */
  set_num(L, "tau", tau);
  for (lua_Integer i = 1; push_stratum(L, i); i++) {      /* 4: label, 5: curve */
    surv_curve c;
    double *lim, mean, se;
    read_curve(L, 5, &c, &lim);
    surv_rmst(&c, start, tau, &mean, &se);
    lua_createtable(L, 0, 2);
    set_num(L, "rmean", mean);
    set_num(L, "std_err", se);
    lua_setfield(L, 3, lua_tostring(L, 4));
    lua_settop(L, 3);
  }
  return 1;
}

/* R's print of one column of numbers with `digits` significant digits: the
** fewest decimals that show every value to that many digits, NA as "NA". */
static void format_column_digits(const double *v, size_t n, int digits, char (*out)[32]) {
  int decimals = 0;
  for (size_t i = 0; i < n; i++) {
    if (isnan(v[i]) || v[i] == 0)
      continue;
    char want[64], have[64];
    snprintf(want, sizeof want, "%.*e", digits - 1, v[i]);
    int e = (int)floor(log10(fabs(strtod(want, NULL))));
    for (int d = 0; d <= 15; d++) {
      snprintf(have, sizeof have, "%.*f", d, strtod(want, NULL));
      if (d >= digits - 1 - e ||
          fabs(strtod(have, NULL) - strtod(want, NULL)) < 1e-12 * fabs(v[i])) {
        if (d > decimals)
          decimals = d;
        break;
      }
    }
  }
  for (size_t i = 0; i < n; i++) {
    if (isnan(v[i]))
      snprintf(out[i], 32, "NA");
    else
      snprintf(out[i], 32, "%.*f", decimals, v[i]);
  }
}

/* km's columns: 4 significant digits, as print.survfit. */
static void format_column(const double *v, size_t n, char (*out)[32]) {
  format_column_digits(v, n, 4, out);
}

/* fit:summary() -> the table R's print(fit) shows: n, events, median and
** its interval per stratum ("[1,]" for `~ 1`, as R), after R's line on
** dropped rows; not R's "Call:" line (the data's name is not known). */
static int lkm_summary(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_getfield(L, 1, "conf_level");
  char lcl[48], ucl[48];
  snprintf(lcl, sizeof lcl, "%.15gLCL", lua_tonumber(L, -1));
  snprintf(ucl, sizeof ucl, "%.15gUCL", lua_tonumber(L, -1));
  lua_pop(L, 1);
  lua_getfield(L, 1, "strata");
  size_t ns = (size_t)luaL_len(L, -1);
  lua_pop(L, 1);
  const char *heads[5] = {"n", "events", "median", lcl, ucl};
  const char *fields[5] = {"n", "events", "median", "median_lower", "median_upper"};
  double *v = pw_surv_buffer(L, 5 * ns, sizeof(double));   /* 2 */
  char (*cell)[32] = pw_surv_buffer(L, 5 * ns, 32);        /* 3 */
  size_t namew = 0;
  for (size_t i = 0; i < ns && push_stratum(L, (lua_Integer)i + 1); i++) {
    size_t len = lua_rawlen(L, -2);
    namew = len > namew ? len : namew;
    for (int j = 0; j < 5; j++) {
      lua_getfield(L, -1, fields[j]);
      v[j * ns + i] = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : NAN;
      lua_pop(L, 1);
    }
    lua_pop(L, 2);
  }
  int one = ns == 1 && lua_getfield(L, 1, "all") == LUA_TTABLE;
  lua_settop(L, 3);
  if (one)
    namew = 4;
  size_t width[5];
  for (int j = 0; j < 5; j++) {
    format_column(v + j * ns, ns, cell + j * ns);
    width[j] = strlen(heads[j]);
    for (size_t i = 0; i < ns; i++)
      width[j] = strlen(cell[j * ns + i]) > width[j] ? strlen(cell[j * ns + i]) : width[j];
  }
  lua_getfield(L, 1, "n_dropped");
  lua_Integer dropped = lua_tointeger(L, -1);
  lua_pop(L, 1);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  char field[128];
  if (dropped > 0) {   /* R's naprint line */
    snprintf(field, sizeof field, "   %d observation%s deleted due to missingness \n",
             (int)dropped, dropped > 1 ? "s" : "");
    luaL_addstring(&b, field);
  }
  snprintf(field, sizeof field, "%*s", (int)namew, "");
  luaL_addstring(&b, field);
  for (int j = 0; j < 5; j++) {
    snprintf(field, sizeof field, " %*s", (int)width[j], heads[j]);
    luaL_addstring(&b, field);
  }
  for (size_t i = 0; i < ns; i++) {
    luaL_addchar(&b, '\n');
    lua_getfield(L, 1, "strata");
    lua_rawgeti(L, -1, (lua_Integer)i + 1);
    snprintf(field, sizeof field, "%-*s", (int)namew, one ? "[1,]" : lua_tostring(L, -1));
    lua_pop(L, 2);
    luaL_addstring(&b, field);
    for (int j = 0; j < 5; j++) {
      snprintf(field, sizeof field, " %*s", (int)width[j], cell[j * ns + i]);
      luaL_addstring(&b, field);
    }
  }
  luaL_pushresult(&b);
  return 1;
}

/* ------------------------------------------------------------ logrank */

/* stats.logrank(frame, "Surv(t, d) ~ g [+ strata(s)]") -> survdiff's test. */
static int llogrank(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  surv_formula fm;
  pw_surv_formula(L, 2, f, "logrank", &fm);
  lua_settop(L, 2);
  size_t which[PW_SURV_MAX_TERMS], nw = 0, strata[PW_SURV_MAX_TERMS], nst = 0;
  for (size_t t = 0; t < fm.nterms; t++) {
    if (fm.terms[t].kind == SURV_TERM_STRATA)
      strata[nst++] = t;
    else
      which[nw++] = t;
  }
  if (nw == 0)
    return luaL_argerror(L, 2, "logrank: the formula needs a group: 'Surv(time, event) ~ group'");
  surv_rows r;
  pw_surv_rows(L, f, &fm, "logrank", &r);                 /* 3 */
  size_t n = r.n;
  uint32_t *g = pw_surv_buffer(L, 4 * n, sizeof(uint32_t));   /* 4: group stratum order scratch */
  uint32_t k = pw_surv_groups(L, f, &fm, which, nw, &r, g);   /* 5: group labels */
  uint32_t ns = pw_surv_groups(L, f, &fm, strata, nst, &r, g + n);   /* 6 */
  if (k < 2)
    return luaL_error(L, "logrank: there is only 1 group");
  size_t *start = pw_surv_buffer(L, (size_t)ns + 1, sizeof(size_t));    /* 7 */
  uint64_t *keys = pw_surv_buffer(L, 2 * n + 2, sizeof(uint64_t));      /* 8 */
  surv_order(n, r.time, g + n, ns, g + 2 * n, start, g + 3 * n, keys);
  double *w = pw_surv_buffer(L, (size_t)k * k * 2 + 6 * (size_t)k, sizeof(double));  /* 9 */
  double *obs = w, *ex = w + k, *var = w + 2 * k, *cnt = var + (size_t)k * k;
  double *work = cnt + k;
  memset(w, 0, (2 * (size_t)k + (size_t)k * k + k) * sizeof *w);
  surv_logrank(r.time, r.dead, g, k, g + 2 * n, start, ns, obs, ex, var, work);
  double deaths = 0;
  for (size_t i = 0; i < n; i++) {
    cnt[g[i]]++;
    deaths += r.dead[i];
  }
  if (deaths == 0)
    return luaL_error(L, "logrank: no deaths among the %d subjects: the test is undefined",
                      (int)n);
  int df;
  double chisq = surv_logrank_chisq(k, obs, ex, var, &df, work);
  if (chisq < 0)
    return luaL_error(L, "logrank: the variance matrix is singular");
  lua_createtable(L, 0, 10);                              /* 10: result */
  lua_pushvalue(L, 5);
  lua_setfield(L, -2, "groups");
  pw_surv_push_array(L, cnt, k, 0);
  lua_setfield(L, -2, "n");
  pw_surv_push_array(L, obs, k, 0);
  lua_setfield(L, -2, "observed");
  pw_surv_push_array(L, ex, k, 0);
  lua_setfield(L, -2, "expected");
  lua_createtable(L, (int)k, 0);
  for (uint32_t i = 0; i < k; i++) {
    pw_surv_push_array(L, var + (size_t)i * k, k, 0);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "var");
  set_num(L, "chisq", chisq);
  set_int(L, "df", (size_t)df);
  set_num(L, "p_value", stats_pchisq(chisq, df, 0, 0));
  set_int(L, "n_dropped", r.dropped);
  luaL_setmetatable(L, PW_LOGRANK_MT);
  return 1;
}

/* format.pval(p, digits = 1), as print.survdiff calls it: "<2e-16" below
** machine epsilon, else one significant digit, fixed or scientific,
** whichever is shorter (R's rule; a tie goes to fixed). */
static void format_pval(double p, char *out, size_t size) {
  if (isnan(p)) {
    snprintf(out, size, "NA");
    return;
  }
  if (p < 2.220446049250313e-16) {
    snprintf(out, size, "<2e-16");
    return;
  }
  char sci[32], fixed[32];
  snprintf(sci, sizeof sci, "%.0e", p);   /* "9e-01"; R writes the same */
  double r = strtod(sci, NULL);
  int decimals = r >= 1 ? 0 : (int)-floor(log10(r) + 1e-12);
  snprintf(fixed, sizeof fixed, "%.*f", decimals, r);
  snprintf(out, size, "%s", strlen(fixed) <= strlen(sci) ? fixed : sci);
}

/* result:summary() -> survdiff's print without its "Call:" line: per group
** N, Observed, Expected, (O-E)^2/E and (O-E)^2/V with 3 significant
** digits, then the chi-square line. [-0, +1, m] */
static int llogrank_summary(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_getfield(L, 1, "groups");                          /* 2 */
  size_t k = (size_t)luaL_len(L, 2);
  double *v = pw_surv_buffer(L, 5 * k, sizeof(double));   /* 3 */
  char (*cell)[32] = pw_surv_buffer(L, 5 * k, 32);        /* 4 */
  static const char *const fields[3] = {"n", "observed", "expected"};
  for (int j = 0; j < 3; j++) {
    lua_getfield(L, 1, fields[j]);
    for (size_t i = 0; i < k; i++) {
      lua_rawgeti(L, -1, (lua_Integer)i + 1);
      v[(size_t)j * k + i] = lua_tonumber(L, -1);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_getfield(L, 1, "var");
  for (size_t i = 0; i < k; i++) {
    double o = v[k + i], e = v[2 * k + i];
    lua_rawgeti(L, -1, (lua_Integer)i + 1);
    lua_rawgeti(L, -1, (lua_Integer)i + 1);
    v[3 * k + i] = (o - e) * (o - e) / e;
    v[4 * k + i] = (o - e) * (o - e) / lua_tonumber(L, -1);
    lua_pop(L, 2);
  }
  lua_settop(L, 4);
  static const char *const heads[5] = {"N", "Observed", "Expected", "(O-E)^2/E", "(O-E)^2/V"};
  size_t width[5], namew = 0;
  for (size_t i = 0; i < k; i++) {
    lua_rawgeti(L, 2, (lua_Integer)i + 1);
    namew = lua_rawlen(L, -1) > namew ? lua_rawlen(L, -1) : namew;
    lua_pop(L, 1);
  }
  for (int j = 0; j < 5; j++) {
    format_column_digits(v + (size_t)j * k, k, 3, cell + (size_t)j * k);
    width[j] = strlen(heads[j]);
    for (size_t i = 0; i < k; i++)
      width[j] = strlen(cell[(size_t)j * k + i]) > width[j] ? strlen(cell[(size_t)j * k + i]) : width[j];
  }
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  char field[160];
  snprintf(field, sizeof field, "%*s", (int)namew, "");
  luaL_addstring(&b, field);
  for (int j = 0; j < 5; j++) {
    snprintf(field, sizeof field, " %*s", (int)width[j], heads[j]);
    luaL_addstring(&b, field);
  }
  for (size_t i = 0; i < k; i++) {
    lua_rawgeti(L, 2, (lua_Integer)i + 1);
    snprintf(field, sizeof field, "\n%-*s", (int)namew, lua_tostring(L, -1));
    lua_pop(L, 1);
    luaL_addstring(&b, field);
    for (int j = 0; j < 5; j++) {
      snprintf(field, sizeof field, " %*s", (int)width[j], cell[(size_t)j * k + i]);
      luaL_addstring(&b, field);
    }
  }
  lua_getfield(L, 1, "chisq");
  lua_getfield(L, 1, "df");
  lua_getfield(L, 1, "p_value");
  char chisq[32], p[32];
  snprintf(chisq, sizeof chisq, "%.1f", lua_tonumber(L, -3));
  size_t len = strlen(chisq);
  if (len > 2 && strcmp(chisq + len - 2, ".0") == 0)   /* format(round(x, 1)) */
    chisq[len - 2] = '\0';
  format_pval(lua_tonumber(L, -1), p, sizeof p);
  snprintf(field, sizeof field, "\n\n Chisq= %s  on %d degrees of freedom, p= %s ", chisq,
           (int)lua_tointeger(L, -2), p);
  lua_pop(L, 3);
  luaL_addstring(&b, field);
  luaL_pushresult(&b);
  return 1;
}

/* ------------------------------------------------------------- module */

const luaL_Reg pw_stats_surv_funcs[] = {
  {"cox", pw_surv_lcox},
  {"km", lkm},
  {"logrank", llogrank},
  {NULL, NULL}
};

static const luaL_Reg km_methods[] = {
  {"at", lkm_at},
  {"rmst", lkm_rmst},
  {"summary", lkm_summary},
  {NULL, NULL}
};

void pw_stats_surv_open(lua_State *L) {
  if (luaL_newmetatable(L, PW_KM_MT)) {
    luaL_newlib(L, km_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, lkm_summary);
    lua_setfield(L, -2, "__tostring");
  }
  lua_pop(L, 1);
  if (luaL_newmetatable(L, PW_LOGRANK_MT)) {
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, llogrank_summary);
    lua_setfield(L, -2, "summary");
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, llogrank_summary);
    lua_setfield(L, -2, "__tostring");
  }
  lua_pop(L, 1);
}
