/* l_stats_post.c: bindings of p_adjust and the conjugate posteriors
** (beta_binomial, gamma_poisson) with their methods. */
#include <math.h>
#include <string.h>

#include "stats/l_stats_test_priv.h"

/* stats.p_adjust(p [, method = "holm"]) -> adjusted p-values; NA entries
** (nil from a column, or NaN) come back as NaN and are not counted. */
int pw_stats_lp_adjust(lua_State *L) {
  static const char *const methods[] = {"holm", "hochberg", "hommel", "bonferroni",
                                        "BH", "BY", "none", "fdr", NULL};
  size_t n;
  luaL_checkany(L, 1);
  int m = luaL_checkoption(L, 2, "holm", methods);
  lua_settop(L, 2);
  double *p = lst_vector(L, 1, NULL, 1, &n); /* stack: p method buf */
  if (m == 7)
    m = PADJ_BH; /* "fdr" is R's alias of "BH" */
  if (padjust(p, n, (padj_method)m, p) != 0)
    return luaL_error(L, "stats.p_adjust: out of memory");
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_pushnumber(L, p[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* Push the posterior object p. [-0, +1, m] */
static void push_posterior(lua_State *L, const posterior *p) {
  lua_createtable(L, 0, 5);
  lua_pushstring(L, p->gamma ? "gamma" : "beta");
  lua_setfield(L, -2, "family");
  lua_pushnumber(L, p->a);
  lua_setfield(L, -2, p->gamma ? "shape" : "a");
  lua_pushnumber(L, p->b);
  lua_setfield(L, -2, p->gamma ? "rate" : "b");
  lua_pushnumber(L, posterior_mean(p));
  lua_setfield(L, -2, "mean");
  luaL_setmetatable(L, PW_POSTERIOR_MT);
}

/* The prior {a, b} of args into ab[2]. */
static void prior_arg(lua_State *L, const char *what, double ab[2]) {
  if (lua_getfield(L, 1, "prior") == LUA_TNIL) {
    ab[0] = ab[1] = NAN;
  } else {
    int ok = lua_istable(L, -1);
    for (int i = 0; ok && i < 2; i++) {
      ok = lua_rawgeti(L, -1, i + 1) == LUA_TNUMBER;
      ab[i] = lua_tonumber(L, -1);
      lua_pop(L, 1);
    }
    if (!ok)
      luaL_error(L, "bad argument #1 (prior: %s expected)", what);
  }
  lua_pop(L, 1);
}

/* stats.beta_binomial{successes =, n =, prior = {a, b}} -> Beta posterior. */
int pw_stats_lbeta_binomial(lua_State *L) {
  static const char *const keys[] = {"successes", "n", "prior", NULL};
  lst_check_args(L, keys);
  double ab[2];
  prior_arg(L, "{a, b}", ab);
  posterior p;
  const char *err = posterior_beta_binomial(lst_number(L, "successes", NAN),
                                            lst_number(L, "n", NAN), ab[0], ab[1], &p);
  if (err)
    return lst_error(L, "beta_binomial", err);
  push_posterior(L, &p);
  return 1;
}

/* stats.gamma_poisson{events =, exposure =, prior = {shape, rate}}. */
int pw_stats_lgamma_poisson(lua_State *L) {
  static const char *const keys[] = {"events", "exposure", "prior", NULL};
  lst_check_args(L, keys);
  double sr[2];
  prior_arg(L, "{shape, rate}", sr);
  posterior p;
  const char *err = posterior_gamma_poisson(lst_number(L, "events", NAN),
                                            lst_number(L, "exposure", NAN), sr[0], sr[1], &p);
  if (err)
    return lst_error(L, "gamma_poisson", err);
  push_posterior(L, &p);
  return 1;
}

/* The posterior of self (argument 1), read back from its fields. */
static posterior check_posterior(lua_State *L) {
  posterior p;
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_getfield(L, 1, "family");
  p.gamma = strcmp(luaL_optstring(L, -1, "beta"), "gamma") == 0;
  lua_getfield(L, 1, p.gamma ? "shape" : "a");
  lua_getfield(L, 1, p.gamma ? "rate" : "b");
  p.a = luaL_checknumber(L, -2);
  p.b = luaL_checknumber(L, -1);
  lua_pop(L, 3);
  return p;
}

/* posterior:prob_greater(x) -> P(theta > x). */
static int post_prob_greater(lua_State *L) {
  posterior p = check_posterior(L);
  lua_pushnumber(L, posterior_prob_greater(&p, luaL_checknumber(L, 2)));
  return 1;
}

/* posterior:interval([level = 0.95]) -> {lo, hi, level = level}, equal-tailed. */
static int post_interval(lua_State *L) {
  posterior p = check_posterior(L);
  double level = luaL_optnumber(L, 2, 0.95), lohi[2];
  luaL_argcheck(L, level > 0 && level < 1, 2, "level must be between 0 and 1");
  posterior_interval(&p, level, lohi);
  lua_createtable(L, 2, 1);
  for (int i = 0; i < 2; i++) {
    lua_pushnumber(L, lohi[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_pushnumber(L, level);
  lua_setfield(L, -2, "level");
  return 1;
}

/* tostring(posterior) -> "Beta(12, 4) posterior, mean 0.75". */
static int post_tostring(lua_State *L) {
  posterior p = check_posterior(L);
  lua_pushfstring(L, "%s(%f, %f) posterior, mean %f", p.gamma ? "Gamma" : "Beta", p.a, p.b,
                  posterior_mean(&p));
  return 1;
}

static const luaL_Reg posterior_methods[] = {
  {"interval", post_interval},
  {"prob_greater", post_prob_greater},
  {NULL, NULL}
};

void pw_stats_posterior_meta(lua_State *L) {
  luaL_newlib(L, posterior_methods);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, post_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pushstring(L, "pathway.posterior");   /* as every other class: pathway.* */
  lua_setfield(L, -2, "__name");
}
