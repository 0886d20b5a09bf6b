/* l_stats_model_methods.c: the methods of lm and glm results: summary()
** (text laid out as R's print.summary.lm / print.summary.glm), fitted(),
** residuals(type), predict(frame, opts) and tostring. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "frame/l_frame.h"
#include "stats/l_stats_model.h"

/* Push x[0..n) as a Lua array. [-0, +1, m] */
static void push_array(lua_State *L, const double *x, size_t n) {
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_pushnumber(L, x[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

/* r:fitted() -> array of fitted values (the rows used, in order). */
static int lmodel_fitted(lua_State *L) {
  model_box *b = pw_model_check(L, 1);
  push_array(L, b->fit.fitted, b->fit.n);
  return 1;
}

/* r:residuals([type]) -> array; type "deviance" (glm default), "pearson",
** "working", "response" (lm default), as R's residuals(). */
static int lmodel_residuals(lua_State *L) {
  static const char *const types[] = {"deviance", "pearson", "working", "response", NULL};
  model_box *b = pw_model_check(L, 1);
  int def = b->fit.glm ? MODEL_RESID_DEVIANCE : MODEL_RESID_RESPONSE;
  model_resid t = (model_resid)luaL_checkoption(L, 2, types[def], types);
  double *r = lua_newuserdatauv(L, (b->fit.n > 0 ? b->fit.n : 1) * sizeof *r, 0);
  model_residuals(&b->mf, &b->fit, t, r);
  push_array(L, r, b->fit.n);
  return 1;
}

/* r:predict(frame [, {type = "link" | "response"}]) -> array of one value
** per row of frame (nil where a variable is NA, and field n). */
static int lmodel_predict(lua_State *L) {
  static const char *const types[] = {"link", "response", NULL};
  model_box *b = pw_model_check(L, 1);
  frame *fr = pw_frame_check(L, 2);
  int response = 0;
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_getfield(L, 3, "type");
    response = luaL_checkoption(L, -1, "link", types);
    lua_pop(L, 1);
  }
  model_box *nb = lua_newuserdatauv(L, sizeof *nb, 0);   /* owns the new design */
  memset(nb, 0, sizeof *nb);
  luaL_setmetatable(L, PW_MODEL_BOX_MT);
  model_error err;
  if (model_frame_build(&b->f, fr, NULL, &b->mf, 0, &nb->mf, &err) != 0)
    return pw_model_raise(L, "predict", b->f.src, err.msg, err.pos);
  const model_frame *m = &nb->mf;
  lua_createtable(L, (int)fr->nrow, 1);
  for (size_t i = 0; i < m->n; i++) {
    double eta = m->offset ? m->offset[i] : 0;
    for (size_t j = 0; j < m->p; j++)
      if (!isnan(b->fit.coef[j]))
        eta += m->X[j * m->n + i] * b->fit.coef[j];
    if (response && b->fit.glm)
      eta = model_linkinv(b->fit.family, eta);
    lua_pushnumber(L, eta);
    lua_rawseti(L, -2, (lua_Integer)m->rows[i] + 1);
  }
  lua_pushinteger(L, (lua_Integer)fr->nrow);
  lua_setfield(L, -2, "n");
  return 1;
}

/* ------------------------------------------------------------- summary */

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Min, quartiles and max of r (sorted in place), R's quantile type 7. */
static void add_quantiles(luaL_Buffer *B, const char *title, double *r, size_t n) {
  qsort(r, n, sizeof *r, cmp_double);
  char line[160];
  luaL_addstring(B, title);
  luaL_addstring(B, "\n       Min         1Q     Median         3Q        Max\n");
  for (int k = 0; k <= 4; k++) {
    double h = (double)(n - 1) * k / 4, lo = floor(h);
    size_t i = (size_t)lo;
    double q = i + 1 < n ? r[i] + (h - lo) * (r[i + 1] - r[i]) : r[i];
    snprintf(line, sizeof line, "%11.5g", q);
    luaL_addstring(B, line);
  }
  luaL_addstring(B, "\n\n");
}

static const char *stars(double p) {
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
}

static void add_pvalue(char *buf, size_t size, double p) {
  if (p < 2.2e-16)
    snprintf(buf, size, "< 2e-16");
  else
    snprintf(buf, size, "%.3g", p);
}

/* The coefficient table with significance stars. */
static void add_coefs(luaL_Buffer *B, const model_box *b, const model_coef *c, int z) {
  size_t width = 11;
  for (size_t j = 0; j < b->mf.p; j++)
    if (strlen(b->mf.colnames[j]) > width)
      width = strlen(b->mf.colnames[j]);
  char line[1200], pv[32];
  snprintf(line, sizeof line, "Coefficients:\n%-*s %11s %11s %8s %9s\n", (int)width, "",
           "Estimate", "Std. Error", z ? "z value" : "t value", z ? "Pr(>|z|)" : "Pr(>|t|)");
  luaL_addstring(B, line);
  for (size_t j = 0; j < b->mf.p; j++) {
    if (isnan(c[j].estimate)) {
      snprintf(line, sizeof line, "%-*s %11s %11s %8s %9s\n", (int)width, b->mf.colnames[j],
               "NA", "NA", "NA", "NA");
    } else {
      add_pvalue(pv, sizeof pv, c[j].p_value);
      snprintf(line, sizeof line, "%-*s %11.5g %11.5g %8.3f %9s %s\n", (int)width,
               b->mf.colnames[j], c[j].estimate, c[j].std_err, c[j].statistic, pv,
               stars(c[j].p_value));
    }
    luaL_addstring(B, line);
  }
  luaL_addstring(B, "---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n\n");
  if (b->fit.rank < b->mf.p) {
    snprintf(line, sizeof line, "(%zu not defined because of singularities)\n",
             b->mf.p - b->fit.rank);
    luaL_addstring(B, line);
  }
}

static void add_lm_footer(luaL_Buffer *B, const model_box *b, const model_summary *s) {
  char line[300], pv[32];
  snprintf(line, sizeof line, "Residual standard error: %.4g on %.0f degrees of freedom\n",
           s->sigma, s->df_residual);
  luaL_addstring(B, line);
  if (b->mf.n_dropped > 0) {
    snprintf(line, sizeof line, "  (%zu observations deleted due to missingness)\n",
             b->mf.n_dropped);
    luaL_addstring(B, line);
  }
  snprintf(line, sizeof line, "Multiple R-squared:  %.4g,\tAdjusted R-squared:  %.4g\n",
           s->r_squared, s->adj_r_squared);
  luaL_addstring(B, line);
  if (!isnan(s->fstatistic)) {
    add_pvalue(pv, sizeof pv, s->f_p_value);
    snprintf(line, sizeof line, "F-statistic: %.4g on %.0f and %.0f DF,  p-value: %s\n",
             s->fstatistic, s->numdf, s->dendf, pv);
    luaL_addstring(B, line);
  }
}

static void add_glm_footer(luaL_Buffer *B, const model_box *b, const model_summary *s) {
  static const char *const fam[] = {"gaussian", "binomial", "poisson"};
  char line[400];
  snprintf(line, sizeof line,
           "(Dispersion parameter for %s family taken to be %.7g)\n\n"
           "    Null deviance: %.5g  on %.0f  degrees of freedom\n"
           "Residual deviance: %.5g  on %.0f  degrees of freedom\n",
           fam[b->fit.family], s->dispersion, b->fit.null_deviance, s->df_null, b->fit.rss,
           s->df_residual);
  luaL_addstring(B, line);
  if (b->mf.n_dropped > 0) {
    snprintf(line, sizeof line, "  (%zu observations deleted due to missingness)\n",
             b->mf.n_dropped);
    luaL_addstring(B, line);
  }
  snprintf(line, sizeof line, "AIC: %.5g\n\nNumber of Fisher Scoring iterations: %d\n", s->aic,
           b->fit.iterations);
  luaL_addstring(B, line);
}

/* r:summary() -> text laid out as R's summary() prints it. */
static int lmodel_summary(lua_State *L) {
  static const char *const fam[] = {"gaussian", "binomial", "poisson"};
  model_box *b = pw_model_check(L, 1);
  size_t p = b->mf.p, n = b->fit.n;
  model_coef *c = lua_newuserdatauv(L, (p > 0 ? p : 1) * sizeof *c, 0);
  double *r = lua_newuserdatauv(L, (n > 0 ? n : 1) * sizeof *r, 0);
  model_summary s;
  model_summarise(&b->mf, &b->fit, b->level, c, &s);
  luaL_Buffer B;
  luaL_buffinit(L, &B);
  if (b->fit.glm)
    lua_pushfstring(L, "Call:\nglm(formula = %s, family = %s)\n\n", b->f.src, fam[b->fit.family]);
  else
    lua_pushfstring(L, "Call:\nlm(formula = %s)\n\n", b->f.src);
  luaL_addvalue(&B);
  model_residuals(&b->mf, &b->fit, b->fit.glm ? MODEL_RESID_DEVIANCE : MODEL_RESID_PEARSON, r);
  if (n > 5)
    add_quantiles(&B, b->fit.glm ? "Deviance Residuals:" : "Residuals:", r, n);
  add_coefs(&B, b, c, b->fit.glm && b->fit.family != MODEL_GAUSSIAN);
  if (b->fit.glm)
    add_glm_footer(&B, b, &s);
  else
    add_lm_footer(&B, b, &s);
  luaL_pushresult(&B);
  return 1;
}

/* tostring(r): one line. */
static int lmodel_tostring(lua_State *L) {
  model_box *b = pw_model_check(L, 1);
  char line[200];
  if (b->fit.glm)
    snprintf(line, sizeof line, "glm %s (%zu rows, %zu coefficients): deviance %.6g on %zu df",
             b->fit.family == MODEL_BINOMIAL ? "binomial" : b->fit.family == MODEL_POISSON
             ? "poisson" : "gaussian", b->fit.n, b->mf.p, b->fit.rss,
             b->fit.n_ok - b->fit.rank);
  else
    snprintf(line, sizeof line, "lm (%zu rows, %zu coefficients): residual SE %.6g on %zu df",
             b->fit.n, b->mf.p, sqrt(b->fit.rss / (double)(b->fit.n_ok - b->fit.rank)),
             b->fit.n_ok - b->fit.rank);
  lua_pushfstring(L, "%s: %s", line, b->f.src);
  return 1;
}

static const luaL_Reg methods[] = {
  {"fitted", lmodel_fitted},
  {"predict", lmodel_predict},
  {"residuals", lmodel_residuals},
  {"summary", lmodel_summary},
  {NULL, NULL}
};

void pw_model_methods_open(lua_State *L) {
  const char *const names[] = {PW_LM_MT, PW_GLM_MT};
  for (int i = 0; i < 2; i++) {
    luaL_newmetatable(L, names[i]);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, lmodel_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
  }
}
