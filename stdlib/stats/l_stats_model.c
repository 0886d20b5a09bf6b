/* l_stats_model.c: the Lua binding of stats.lm and stats.glm: arguments
** in, the C cores (formula.c, model_matrix.c, lm.c, glm.c, model_stats.c)
** called, a result table with R's field names out. */
#include <math.h>
#include <string.h>

#include "frame/l_frame.h"
#include "stats/l_stats.h"
#include "stats/l_stats_model.h"

/* ---------------------------------------------------------------- boxes */

static int lbox_gc(lua_State *L) {
  model_box *b = luaL_checkudata(L, 1, PW_MODEL_BOX_MT);
  if (b->fit.coef)
    model_fit_free(&b->fit, &b->mf.mem);
  if (b->mf.X || b->mf.y || b->mf.rows)
    model_frame_free(&b->mf);
  if (b->parsed)
    formula_free(&b->f);
  b->parsed = 0;
  return 0;
}

/* A new, empty box; it frees whatever is put in it. [-0, +1, m] */
static model_box *push_box(lua_State *L) {
  model_box *b = lua_newuserdatauv(L, sizeof *b, 0);
  memset(b, 0, sizeof *b);
  luaL_setmetatable(L, PW_MODEL_BOX_MT);
  return b;
}

/* The box behind the result table at idx, or an argument error. */
model_box *pw_model_check(lua_State *L, int idx) {
  luaL_checktype(L, idx, LUA_TTABLE);
  lua_getfield(L, LUA_REGISTRYINDEX, PW_MODEL_FITS);
  lua_pushvalue(L, idx);
  lua_rawget(L, -2);
  model_box *b = luaL_testudata(L, -1, PW_MODEL_BOX_MT);
  lua_pop(L, 2);
  if (b == NULL || !b->parsed)
    luaL_argerror(L, idx, "a result of stats.lm or stats.glm expected");
  return b;
}

/* ---------------------------------------------------------------- errors */

/* Raise "stats.lm: formula:1:COL: msg", the formula and a caret; or
** "stats.lm: msg" when the error is not about a place. [-0, +0, v] */
int pw_model_raise(lua_State *L, const char *fname, const char *src, const char *msg, long pos) {
  if (pos < 0 || src == NULL)
    return luaL_error(L, "%s: %s", fname, msg);
  size_t len = strlen(src), at = (size_t)pos < len ? (size_t)pos : len;
  int col = 1;
  for (size_t i = 0; i < at; i++)
    col += ((unsigned char)src[i] & 0xC0) != 0x80;
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_where(L, 1);
  luaL_addvalue(&b);
  lua_pushfstring(L, "%s: formula:1:%d: %s\n    ", fname, col, msg);
  luaL_addvalue(&b);
  luaL_addstring(&b, src);
  luaL_addstring(&b, "\n    ");
  for (int i = 1; i < col; i++)
    luaL_addchar(&b, ' ');
  luaL_addchar(&b, '^');
  luaL_pushresult(&b);
  return lua_error(L);
}

/* ------------------------------------------------------------- options */

/* Arguments of lm and glm, read before any C memory is taken. */
typedef struct model_args {
  const char *formula;   /* the formula text */
  const char *weights;   /* weights column, NULL: none */
  double level;          /* confidence level */
  int family;            /* model_family (glm) */
} model_args;

static void check_options(lua_State *L, int idx, int glm, model_args *a) {
  static const char *const families[] = {"gaussian", "binomial", "poisson", NULL};
  a->weights = NULL;
  a->level = 0.95;
  a->family = MODEL_GAUSSIAN;
  if (lua_isnoneornil(L, idx))
    return;
  luaL_checktype(L, idx, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, idx)) {   /* stack: key value */
    const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
    if (strcmp(k, "weights") == 0) {
      if (lua_type(L, -1) != LUA_TSTRING)
        luaL_argerror(L, idx, "weights = column name (a string) expected");
      a->weights = lua_tostring(L, -1);   /* kept alive by the options table */
    } else if (strcmp(k, "level") == 0) {
      a->level = lua_isnumber(L, -1) ? (double)lua_tonumber(L, -1) : -1;
      if (!(a->level > 0 && a->level < 1))
        luaL_argerror(L, idx, "level must be a number between 0 and 1");
    } else if (glm && strcmp(k, "family") == 0) {
      const char *fam = lua_tostring(L, -1);
      int i = 0;
      while (fam && families[i] && strcmp(families[i], fam) != 0)
        i++;
      if (fam == NULL || families[i] == NULL)
        luaL_argerror(L, idx, lua_pushfstring(L, "unknown family '%s' (known: gaussian, "
                      "binomial, poisson)", fam ? fam : luaL_typename(L, -1)));
      a->family = i;
    } else {
      luaL_argerror(L, idx, lua_pushfstring(L, "unknown option '%s'", k));
    }
    lua_pop(L, 1);
  }
}

/* ---------------------------------------------------------------- fits */

static void set_num(lua_State *L, const char *k, double v) {
  if (isnan(v))
    return;   /* NA: the field is absent, as a frame's NA is nil */
  if (v == floor(v) && fabs(v) < 9e15 && strcmp(k, "statistic") != 0)
    lua_pushinteger(L, (lua_Integer)v);
  else
    lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

/* Push one coefficient's table. [-0, +1, m] */
static void push_coef(lua_State *L, const char *term, const model_coef *c) {
  lua_createtable(L, 0, 7);
  lua_pushstring(L, term);
  lua_setfield(L, -2, "term");
  if (isnan(c->estimate)) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "aliased");
    return;
  }
  lua_pushnumber(L, c->estimate);
  lua_setfield(L, -2, "coef");
  lua_pushnumber(L, c->std_err);
  lua_setfield(L, -2, "std_err");
  lua_pushnumber(L, c->statistic);
  lua_setfield(L, -2, "statistic");
  lua_pushnumber(L, c->p_value);
  lua_setfield(L, -2, "p_value");
  lua_createtable(L, 2, 0);
  lua_pushnumber(L, c->lo);
  lua_rawseti(L, -2, 1);
  lua_pushnumber(L, c->hi);
  lua_rawseti(L, -2, 2);
  lua_setfield(L, -2, "conf_int");
}

/* terms and coefficients (by position and by name). [-0, +0, m] */
static void set_coefs(lua_State *L, const model_box *b, const model_coef *c) {
  size_t p = b->mf.p;
  lua_createtable(L, (int)p, 0);
  for (size_t j = 0; j < p; j++) {
    lua_pushstring(L, b->mf.colnames[j]);
    lua_rawseti(L, -2, (lua_Integer)j + 1);
  }
  lua_setfield(L, -2, "terms");
  lua_createtable(L, (int)p, (int)p);
  for (size_t j = 0; j < p; j++) {
    push_coef(L, b->mf.colnames[j], &c[j]);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, b->mf.colnames[j]);
    lua_rawseti(L, -2, (lua_Integer)j + 1);
  }
  lua_setfield(L, -2, "coefficients");
}

static void set_pair(lua_State *L, const char *k, const char *k1, double v1, const char *k2,
                     double v2, const char *k3, double v3) {
  if (isnan(v1))
    return;
  lua_createtable(L, 0, 3);
  set_num(L, k1, v1);
  set_num(L, k2, v2);
  if (k3)
    set_num(L, k3, v3);
  lua_setfield(L, -2, k);
}

/* The model-level fields of an lm. [-0, +0, m] */
static void set_lm_fields(lua_State *L, const model_box *b, const model_summary *s) {
  set_num(L, "r_squared", s->r_squared);
  set_num(L, "adj_r_squared", s->adj_r_squared);
  set_num(L, "sigma", s->sigma);
  set_num(L, "df_residual", s->df_residual);
  lua_createtable(L, 3, 0);   /* R's summary.lm()$df: rank, residual df, columns */
  lua_pushinteger(L, (lua_Integer)b->fit.rank);
  lua_rawseti(L, -2, 1);
  lua_pushinteger(L, (lua_Integer)s->df_residual);
  lua_rawseti(L, -2, 2);
  lua_pushinteger(L, (lua_Integer)b->mf.p);
  lua_rawseti(L, -2, 3);
  lua_setfield(L, -2, "df");
  set_pair(L, "fstatistic", "value", s->fstatistic, "numdf", s->numdf, "dendf", s->dendf);
  set_num(L, "f_p_value", s->f_p_value);
}

static const char *const family_names[] = {"gaussian", "binomial", "poisson"};
static const char *const link_names[] = {"identity", "logit", "log"};

/* The model-level fields of a glm and its warnings. [-0, +0, m] */
static void set_glm_fields(lua_State *L, const model_box *b, const model_summary *s) {
  const model_fit *fit = &b->fit;
  lua_pushstring(L, family_names[fit->family]);
  lua_setfield(L, -2, "family");
  lua_pushstring(L, link_names[fit->family]);
  lua_setfield(L, -2, "link");
  set_num(L, "deviance", fit->rss);
  set_num(L, "null_deviance", fit->null_deviance);
  set_num(L, "df_residual", s->df_residual);
  set_num(L, "df_null", s->df_null);
  set_num(L, "dispersion", s->dispersion);
  lua_pushinteger(L, fit->iterations);
  lua_setfield(L, -2, "iterations");
  lua_pushboolean(L, fit->converged);
  lua_setfield(L, -2, "converged");
  lua_pushboolean(L, fit->boundary);
  lua_setfield(L, -2, "boundary");
}

/* Warnings as R gives them, in result.warnings and through lua_warning. */
static void set_warnings(lua_State *L, const model_box *b, const char *fname) {
  const model_fit *fit = &b->fit;
  const char *w[5];
  int k = 0;
  if (fit->glm && fit->warn_nonint)
    w[k++] = "non-integer #successes in a binomial glm";
  if (fit->glm && !fit->converged)
    w[k++] = "algorithm did not converge";
  if (fit->glm && fit->boundary)
    w[k++] = "algorithm stopped at boundary value";
  if (fit->glm && fit->warn_fitted01)
    w[k++] = fit->family == MODEL_BINOMIAL
           ? "fitted probabilities numerically 0 or 1 occurred (perfect or quasi-perfect "
             "separation: estimates and Wald tests are unreliable)"
           : "fitted rates numerically 0 occurred";
  int warned = k;   /* R warns about these; aliasing it only notes in summary() */
  if (fit->rank < b->mf.p)
    w[k++] = "coefficients not defined because of singularities (aliased terms)";
  lua_createtable(L, k, 0);
  for (int i = 0; i < k; i++) {
    lua_pushfstring(L, "%s: %s", fname, w[i]);
    if (i < warned)
      lua_warning(L, lua_tostring(L, -1), 0);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setfield(L, -2, "warnings");
}

/* Build the result table for the fitted box at index -1. [-0, +1, m] */
static void push_result(lua_State *L, model_box *b, const char *fname) {
  int box = lua_gettop(L);
  size_t p = b->mf.p;
  model_coef *c = lua_newuserdatauv(L, (p > 0 ? p : 1) * sizeof *c, 0);   /* scratch */
  model_summary s;
  model_summarise(&b->mf, &b->fit, b->level, c, &s);
  lua_createtable(L, 0, 24);   /* stack: box scratch result */
  luaL_setmetatable(L, b->fit.glm ? PW_GLM_MT : PW_LM_MT);
  lua_pushstring(L, b->f.src);
  lua_setfield(L, -2, "formula");
  set_num(L, "n", (double)b->mf.n);
  set_num(L, "n_dropped", (double)b->mf.n_dropped);
  set_num(L, "rank", (double)b->fit.rank);
  set_num(L, "conf_level", b->level);
  lua_pushstring(L, b->fit.glm && b->fit.family != MODEL_GAUSSIAN ? "z" : "t");
  lua_setfield(L, -2, "test");
  set_coefs(L, b, c);
  if (b->fit.glm)
    set_glm_fields(L, b, &s);
  else
    set_lm_fields(L, b, &s);
  set_num(L, "loglik", s.loglik);
  set_num(L, "aic", s.aic);
  set_num(L, "bic", s.bic);
  set_warnings(L, b, fname);
  lua_getfield(L, LUA_REGISTRYINDEX, PW_MODEL_FITS);   /* stack: box scratch result fits */
  lua_pushvalue(L, -2);
  lua_pushvalue(L, box);
  lua_rawset(L, -3);   /* fits[result] = box: the box lives as long as the result */
  lua_pop(L, 1);
  lua_replace(L, box);
  lua_settop(L, box);
}

/* stats.lm(frame, formula [, opts]) and stats.glm(frame, formula [, opts]). */
static int fit_model(lua_State *L, int glm) {
  const char *fname = glm ? "stats.glm" : "stats.lm";
  frame *fr = pw_frame_check(L, 1);
  model_args a;
  a.formula = luaL_checkstring(L, 2);
  check_options(L, 3, glm, &a);
  model_box *b = push_box(L);   /* owns all C memory from here: errors may raise */
  b->level = a.level;
  b->parsed = 1;
  if (formula_parse(a.formula, strlen(a.formula), &b->f) != 0)
    return pw_model_raise(L, fname, a.formula, b->f.error, (long)b->f.error_pos);
  model_error err;
  if (model_frame_build(&b->f, fr, a.weights, NULL, 1, &b->mf, &err) != 0)
    return pw_model_raise(L, fname, a.formula, err.msg, err.pos);
  int status = glm ? model_glm(&b->mf, (model_family)a.family, &b->fit, &err)
                   : model_lm(&b->mf, &b->fit, &err);
  if (status != 0)
    return pw_model_raise(L, fname, a.formula, err.msg, err.pos);
  push_result(L, b, fname);
  return 1;
}

static int lstats_glm(lua_State *L) {
  return fit_model(L, 1);
}

static int lstats_lm(lua_State *L) {
  return fit_model(L, 0);
}

const luaL_Reg pw_stats_model_funcs[] = {
  {"glm", lstats_glm},
  {"lm", lstats_lm},
  {NULL, NULL}
};

void pw_stats_model_open(lua_State *L) {
  luaL_newmetatable(L, PW_MODEL_BOX_MT);
  lua_pushcfunction(L, lbox_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  lua_newtable(L);   /* result -> box, weak keys (an ephemeron table) */
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_setfield(L, LUA_REGISTRYINDEX, PW_MODEL_FITS);
  pw_model_methods_open(L);
}
