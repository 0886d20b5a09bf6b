/* l_stats_cox.c: the Lua binding of stats.cox: the design matrix from the
** formula (numbers as they are, text and bool as treatment contrasts with
** R's term names), the fit, and summary(coxph)'s tables. */
#include <math.h>
#include <string.h>

#include <lauxlib.h>

#include "frame/l_frame.h"
#include "stats/dist.h"
#include "stats/l_surv.h"
#include "stats/surv.h"

#if !defined(PW_COX_MAX_COEF)
#define PW_COX_MAX_COEF 200   /* coefficients (factor levels count one each) */
#endif

/* Result fields a term's name may not take. */
static const char *const reserved[] = {"terms", "loglik", "lr_test", "wald_test", "score_test",
                                       "concordance", "n", "events", "n_dropped", "iterations",
                                       "var", "ties", "warnings", "conf_level", NULL};

/* One column of the design matrix. */
typedef struct cox_coef {
  size_t term;     /* its term in the formula */
  int level;       /* -1: the column's value; else code of the level it flags */
} cox_coef;

/* The design of a formula. */
typedef struct cox_design {
  size_t p;                        /* coefficients */
  cox_coef coef[PW_COX_MAX_COEF];  /* what each is */
  uint32_t *codes[PW_SURV_MAX_TERMS];   /* per factor term: level code per kept row */
} cox_design;

static int is_factor(const surv_term *t, const frame *f) {
  frame_type ty = f->cols[t->col]->type;
  return t->kind == SURV_TERM_FACTOR || ty == FRAME_STR || ty == FRAME_BOOL;
}

/* Lay out the coefficients and push their names as the `terms` array
** (stack +1, plus one userdata per factor term below it). */
static void design(lua_State *L, const frame *f, const surv_formula *fm, const surv_rows *r,
                   cox_design *d) {
  d->p = 0;
  int names = lua_gettop(L) + 1;
  lua_newtable(L);                                     /* names */
  for (size_t t = 0; t < fm->nterms; t++) {
    const surv_term *term = &fm->terms[t];
    if (term->kind == SURV_TERM_STRATA)
      continue;
    if (!is_factor(term, f)) {
      if (d->p == PW_COX_MAX_COEF)
        luaL_error(L, "cox: more than %d coefficients", PW_COX_MAX_COEF);
      d->coef[d->p++] = (cox_coef){t, -1};
      lua_pushstring(L, term->name);
      lua_rawseti(L, names, (lua_Integer)d->p);
      continue;
    }
    d->codes[t] = pw_surv_buffer(L, r->n, sizeof(uint32_t));   /* kept alive below names */
    lua_insert(L, names);
    names++;
    uint32_t nlev = pw_surv_levels(L, f->cols[term->col], r, d->codes[t]);   /* levels */
    if (nlev < 2)
      luaL_error(L, "cox: '%s' has one value only; a factor needs two levels", term->name);
    for (uint32_t lev = 1; lev < nlev; lev++) {   /* level 0 is the reference */
      if (d->p == PW_COX_MAX_COEF)
        luaL_error(L, "cox: more than %d coefficients", PW_COX_MAX_COEF);
      d->coef[d->p++] = (cox_coef){t, (int)lev};
      lua_pushstring(L, term->kind == SURV_TERM_FACTOR ? "factor(" : "");
      lua_pushstring(L, term->name);
      lua_pushstring(L, term->kind == SURV_TERM_FACTOR ? ")" : "");
      lua_rawgeti(L, -4, (lua_Integer)lev + 1);
      lua_concat(L, 4);
      lua_rawseti(L, names, (lua_Integer)d->p);
    }
    lua_pop(L, 1);
  }
  if (d->p == 0)
    luaL_error(L, "cox: the formula needs a covariate: 'Surv(time, event) ~ x'");
  for (size_t j = 1; j <= d->p; j++) {
    lua_rawgeti(L, names, (lua_Integer)j);
    for (int k = 0; reserved[k]; k++)
      if (strcmp(lua_tostring(L, -1), reserved[k]) == 0)
        luaL_error(L, "cox: term '%s' would hide the result field of that name; rename the "
                   "column", reserved[k]);
    lua_pop(L, 1);
  }
}

/* Value of coefficient j at kept row i. */
static double coef_value(const frame *f, const surv_formula *fm, const cox_design *d,
                         const surv_rows *r, size_t j, size_t i) {
  const cox_coef *c = &d->coef[j];
  if (c->level >= 0)
    return d->codes[c->term][i] == (uint32_t)c->level;
  const frame_column *col = f->cols[fm->terms[c->term].col];
  size_t row = r->row[i];
  switch (col->type) {
    case FRAME_INT: return (double)((const int64_t *)col->data)[row];
    case FRAME_DATE: return ((const int32_t *)col->data)[row];
    default: return ((const double *)col->data)[row];
  }
}

static void cox_options(lua_State *L, int idx, surv_ties *ties, double *level) {
  static const char *const names[] = {"efron", "breslow", NULL};
  *ties = SURV_EFRON;
  *level = 0.95;
  if (lua_isnoneornil(L, idx))
    return;
  luaL_checktype(L, idx, LUA_TTABLE);
  if (lua_getfield(L, idx, "ties") != LUA_TNIL)
    *ties = (surv_ties)luaL_checkoption(L, -1, NULL, names);
  lua_pop(L, 1);
  *level = pw_surv_conf_level(L, idx);
}

static void set_num(lua_State *L, const char *k, double v) {
  lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

/* Push {statistic, df, p_value} of a chi-squared test. */
static void push_test(lua_State *L, const char *k, double stat, size_t df) {
  lua_createtable(L, 0, 3);
  set_num(L, "statistic", stat);
  lua_pushinteger(L, (lua_Integer)df);
  lua_setfield(L, -2, "df");
  set_num(L, "p_value", stats_pchisq(stat, (double)df, 0, 0));
  lua_setfield(L, -2, k);
}

/* The per-term table of coefficient j. */
static void push_coef(lua_State *L, const surv_cox_out *o, size_t p, size_t j, double z) {
  double b = o->beta[j], se = sqrt(o->var[j * p + j]);
  lua_createtable(L, 0, 8);
  set_num(L, "coef", b);
  set_num(L, "hr", exp(b));
  set_num(L, "std_err", se);
  set_num(L, "statistic", b / se);
  set_num(L, "p_value", stats_pchisq((b / se) * (b / se), 1, 0, 0));
  set_num(L, "hr_lower", exp(b - z * se));
  set_num(L, "hr_upper", exp(b + z * se));
  lua_createtable(L, 2, 0);
  lua_pushnumber(L, b - z * se);
  lua_rawseti(L, -2, 1);
  lua_pushnumber(L, b + z * se);
  lua_rawseti(L, -2, 2);
  lua_setfield(L, -2, "conf_int");
}

/* R's warnings after the fit (coxph.fit): not converged, or a score left
** where the coefficient stopped moving (an infinite coefficient). */
static void push_warnings(lua_State *L, const surv_cox_out *o, size_t p, double eps) {
  lua_newtable(L);
  int nw = 0;
  if (!o->converged) {
    lua_pushliteral(L, "Ran out of iterations and did not converge");
    lua_rawseti(L, -2, ++nw);
  } else {
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    int any = 0;
    for (size_t j = 0; j < p; j++) {
      double inf = 0;
      for (size_t i = 0; i < p; i++)
        inf += o->u[i] * o->var[i * p + j];
      inf = fabs(inf);
      if (!isfinite(o->u[j]) || (inf > eps && inf > sqrt(eps) * fabs(o->beta[j]))) {
        lua_pushfstring(L, "%s%d", any++ ? "," : "", (int)j + 1);
        luaL_addvalue(&b);
      }
    }
    luaL_pushresult(&b);
    if (any) {
      lua_pushfstring(L, "Loglik converged before variable %s; coefficient may be infinite.",
                      lua_tostring(L, -1));
      lua_rawseti(L, -3, ++nw);
    }
    lua_pop(L, 1);
  }
  if (nw)
    lua_setfield(L, -2, "warnings");
  else
    lua_pop(L, 1);
}

/* Push the result table of a fit. Stack at entry: ... names. */
static void push_fit(lua_State *L, int names, const surv_cox_out *o, size_t p, double level,
                     double conc, const surv_rows *r, size_t events, surv_ties ties) {
  double z = stats_qnorm(1 - (1 - level) / 2, 0, 1, 1, 0);
  lua_createtable(L, 0, (int)p + 14);
  lua_pushvalue(L, names);
  lua_setfield(L, -2, "terms");
  for (size_t j = 0; j < p; j++) {
    lua_rawgeti(L, names, (lua_Integer)j + 1);
    push_coef(L, o, p, j, z);
    lua_rawset(L, -3);
  }
  lua_createtable(L, 2, 0);
  lua_pushnumber(L, o->loglik[0]);
  lua_rawseti(L, -2, 1);
  lua_pushnumber(L, o->loglik[1]);
  lua_rawseti(L, -2, 2);
  lua_setfield(L, -2, "loglik");
  push_test(L, "lr_test", 2 * (o->loglik[1] - o->loglik[0]), p);
  double *work = pw_surv_buffer(L, p * p + p, sizeof(double));
  double wald = surv_wald(p, o->beta, o->var, work);
  lua_pop(L, 1);
  push_test(L, "wald_test", wald, p);
  push_test(L, "score_test", o->score, p);
  set_num(L, "concordance", conc);
  lua_createtable(L, (int)p, 0);
  for (size_t i = 0; i < p; i++) {
    pw_surv_push_array(L, o->var + i * p, p, 0);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "var");
  lua_pushinteger(L, (lua_Integer)r->n);
  lua_setfield(L, -2, "n");
  lua_pushinteger(L, (lua_Integer)events);
  lua_setfield(L, -2, "events");
  lua_pushinteger(L, (lua_Integer)r->dropped);
  lua_setfield(L, -2, "n_dropped");
  lua_pushinteger(L, o->iter);
  lua_setfield(L, -2, "iterations");
  lua_pushstring(L, ties == SURV_EFRON ? "efron" : "breslow");
  lua_setfield(L, -2, "ties");
  set_num(L, "conf_level", level);
  push_warnings(L, o, p, 1e-9);
}

/* ---------------------------------------------------------- fit:zph() */

/* What fit:zph() needs of a fit, kept in the userdata upvalue of its
** closure; the user value is the array of term labels. */
typedef struct cox_keep {
  size_t n, p, nstrata, nterms;
  surv_ties ties;
  double *time, *x, *beta;   /* n, p * n (original scale), p: the fit's order */
  size_t *start, *term;      /* nstrata + 1, p (term of each coefficient) */
  uint8_t *dead;             /* n */
} cox_keep;

/* Result fields a term label may not take. */
static const char *const zph_reserved[] = {"terms", "global", "transform", NULL};

/* fit:zph([{transform = "km"|"rank"|"identity"|"log"}]): cox.zph(fit)$table. */
static int lcox_zph(lua_State *L) {
  static const char *const kinds[] = {"km", "rank", "identity", "log", NULL};
  const cox_keep *k = lua_touserdata(L, lua_upvalueindex(1));
  luaL_checktype(L, 1, LUA_TTABLE);
  surv_zph_transform kind = SURV_ZPH_KM;
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    if (lua_getfield(L, 2, "transform") != LUA_TNIL)
      kind = (surv_zph_transform)luaL_checkoption(L, -1, NULL, kinds);
    lua_pop(L, 1);
  }
  lua_settop(L, 2);
  size_t n = k->n, p = k->p, nt = k->nterms;
  uint32_t *u32 = pw_surv_buffer(L, 2 * n, sizeof(uint32_t));                   /* 3 */
  uint64_t *keys = pw_surv_buffer(L, 2 * n + 2, sizeof(uint64_t));               /* 4 */
  double *dbl = pw_surv_buffer(L, n + 9 * p * p + 7 * p + nt + 1, sizeof(double));   /* 5 */
  size_t *df = pw_surv_buffer(L, nt + 1, sizeof(size_t));                       /* 6 */
  size_t bounds[2];
  surv_order(n, k->time, NULL, 1, u32, bounds, u32 + n, keys);
  double *g = dbl, *chisq = g + n, *work = chisq + nt + 1;
  surv_zph_g(n, k->time, k->dead, u32, kind, g);
  surv_zph_in in = {n, p, k->time, k->dead, k->start, k->nstrata, k->x, k->beta, g, k->ties,
                    nt, k->term};
  surv_zph(&in, chisq, df, work);
  lua_getiuservalue(L, lua_upvalueindex(1), 1);                                  /* 7 */
  lua_createtable(L, 0, (int)nt + 3);                                            /* 8 */
  lua_pushvalue(L, 7);
  lua_setfield(L, -2, "terms");
  for (size_t t = 0; t <= nt; t++) {
    if (t < nt) {
      lua_rawgeti(L, 7, (lua_Integer)t + 1);
      for (int r = 0; zph_reserved[r]; r++)
        if (strcmp(lua_tostring(L, -1), zph_reserved[r]) == 0)
          return luaL_error(L, "zph: term '%s' would hide the result field of that name; "
                            "rename the column", zph_reserved[r]);
    } else {
      lua_pushliteral(L, "global");
    }
    lua_createtable(L, 0, 3);
    set_num(L, "chisq", chisq[t]);
    lua_pushinteger(L, (lua_Integer)df[t]);
    lua_setfield(L, -2, "df");
    set_num(L, "p_value", stats_pchisq(chisq[t], (double)df[t], 0, 0));
    lua_rawset(L, 8);
  }
  lua_pushstring(L, kinds[kind]);
  lua_setfield(L, -2, "transform");
  return 1;
}

/* Give the fit at the top its zph method: a metatable whose __index holds
** a closure over a copy of the fit's data. */
static void keep_fit(lua_State *L, const surv_formula *fm, const cox_design *d,
                     const surv_cox_in *in, const double *x0, const double *beta) {
  size_t n = in->n, p = in->p, ns = in->nstrata;
  size_t bytes = sizeof(cox_keep) + (n + p * n + p) * sizeof(double) +
                 (ns + 1 + p) * sizeof(size_t) + n;
  cox_keep *k = lua_newuserdatauv(L, bytes, 1);
  k->n = n;
  k->p = p;
  k->nstrata = ns;
  k->ties = in->ties;
  k->time = (double *)(void *)(k + 1);
  k->x = k->time + n;
  k->beta = k->x + p * n;
  k->start = (size_t *)(void *)(k->beta + p);
  k->term = k->start + ns + 1;
  k->dead = (uint8_t *)(void *)(k->term + p);
  memcpy(k->time, in->time, n * sizeof *k->time);
  memcpy(k->x, x0, p * n * sizeof *k->x);
  memcpy(k->beta, beta, p * sizeof *k->beta);
  memcpy(k->start, in->start, (ns + 1) * sizeof *k->start);
  memcpy(k->dead, in->dead, n);
  lua_newtable(L);   /* term labels, as cox.zph's rows */
  k->nterms = 0;
  for (size_t j = 0; j < p; j++) {
    if (j > 0 && d->coef[j].term != d->coef[j - 1].term)
      k->nterms++;
    k->term[j] = k->nterms;
    if (j == 0 || d->coef[j].term != d->coef[j - 1].term) {
      const surv_term *t = &fm->terms[d->coef[j].term];
      if (t->kind == SURV_TERM_FACTOR)
        lua_pushfstring(L, "factor(%s)", t->name);
      else
        lua_pushstring(L, t->name);
      lua_rawseti(L, -2, (lua_Integer)k->nterms + 1);
    }
  }
  k->nterms++;
  lua_setiuservalue(L, -2, 1);
  lua_createtable(L, 0, 2);                 /* metatable */
  lua_pushliteral(L, "pathway.cox");
  lua_setfield(L, -2, "__name");
  lua_createtable(L, 0, 1);                 /* methods */
  lua_pushvalue(L, -3);
  lua_pushcclosure(L, lcox_zph, 1);
  lua_setfield(L, -2, "zph");
  lua_setfield(L, -2, "__index");
  lua_remove(L, -2);                        /* the userdata: the closure keeps it */
  lua_setmetatable(L, -2);
}

/* stats.cox(frame, "Surv(t, d) ~ x + f [+ strata(s)]" [, {ties, conf_level}]). */
int pw_surv_lcox(lua_State *L) {
  frame *f = pw_frame_check(L, 1);
  surv_formula fm;
  pw_surv_formula(L, 2, f, "cox", &fm);
  surv_ties ties;
  double level;
  cox_options(L, 3, &ties, &level);
  lua_settop(L, 3);
  surv_rows r;
  pw_surv_rows(L, f, &fm, "cox", &r);                     /* 4 */
  size_t n = r.n, strata[PW_SURV_MAX_TERMS], nst = 0, events = 0;
  for (size_t i = 0; i < n; i++)
    events += r.dead[i];
  if (events == 0)
    return luaL_error(L, "cox: no events (all %d subjects censored): the model cannot be fit",
                      (int)n);
  for (size_t t = 0; t < fm.nterms; t++)
    if (fm.terms[t].kind == SURV_TERM_STRATA)
      strata[nst++] = t;
  cox_design d;
  memset(&d, 0, sizeof d);
  design(L, f, &fm, &r, &d);                              /* ... names */
  int names = lua_gettop(L);
  size_t p = d.p;
  uint32_t *u32 = pw_surv_buffer(L, 6 * n, sizeof(uint32_t));   /* stratum order scratch +3 */
  uint32_t ns = pw_surv_groups(L, f, &fm, strata, nst, &r, u32);   /* strata labels */
  size_t *start = pw_surv_buffer(L, (size_t)ns + 1, sizeof(size_t));
  double *dbl = pw_surv_buffer(L, (2 * p + 4) * n + 2 + 6 * p + 3 * p * p + 2 * p + p * p,
                               sizeof(double));
  uint32_t *order = u32 + n;
  surv_order(n, r.time, u32, ns, order, start, u32 + 2 * n, (uint64_t *)(void *)dbl);
  double *x = dbl, *x0 = dbl + p * n, *time = x0 + p * n, *lp = time + n;
  double *work = lp + n, *out_mem = work + 6 * p + 3 * p * p;
  uint8_t *dead = (uint8_t *)(void *)(u32 + 5 * n);   /* n bytes in the last n uint32 */
  for (size_t k = 0; k < n; k++) {
    uint32_t i = order[k];
    time[k] = r.time[i];
    dead[k] = r.dead[i];
    for (size_t j = 0; j < p; j++)
      x[j * n + k] = x0[j * n + k] = coef_value(f, &fm, &d, &r, j, i);
  }
  surv_cox_in in = {n, p, time, dead, start, ns, x, ties, 20, 1e-9, 1.8189894035458617e-12};
  surv_cox_out o = {out_mem, out_mem + p, out_mem + p + p * p, {0, 0}, 0, 0, 0, 0};
  if (surv_cox(&in, &o, work) != 0) {
    lua_rawgeti(L, names, o.singular);
    return luaL_error(L, "cox: '%s' is a linear combination of the other covariates (or "
                      "constant): its coefficient is not identifiable", lua_tostring(L, -1));
  }
  for (size_t k = 0; k < n; k++) {
    lp[k] = 0;
    for (size_t j = 0; j < p; j++)
      lp[k] += o.beta[j] * x0[j * n + k];
  }
  double *cwork = pw_surv_buffer(L, 3 * n, sizeof(double));
  double conc = surv_concordance(n, time, dead, lp, start, ns, cwork, order);
  lua_pop(L, 1);   /* order and its scratch are free now: iwork */
  push_fit(L, names, &o, p, level, conc, &r, events, ties);
  keep_fit(L, &fm, &d, &in, x0, o.beta);
  return 1;
}
