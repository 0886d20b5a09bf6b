/* l_stats_test.c: the Lua binding of the stats tests, intervals, p_adjust, resampling and conjugate posteriors. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stats/l_stats.h"
#include "stats/l_stats_test_priv.h"

/* ------------------------------------------------------------ arguments */

void lst_check_args(lua_State *L, const char *const keys[]) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    lua_pop(L, 1); /* stack: args key */
    int known = 0;
    if (lua_type(L, -1) == LUA_TSTRING)
      for (int i = 0; keys[i] && !known; i++)
        known = strcmp(lua_tostring(L, -1), keys[i]) == 0;
    if (!known) {
      lua_pushfstring(L, "unknown argument '%s'", luaL_tolstring(L, -1, NULL));
      luaL_argerror(L, 1, lua_tostring(L, -1));
    }
  }
}

double lst_number(lua_State *L, const char *key, double def) {
  int t = lua_getfield(L, 1, key);
  double v = def;
  if (t != LUA_TNIL) {
    if (t != LUA_TNUMBER)
      luaL_error(L, "bad argument #1 (%s: number expected, got %s)", key,
                 luaL_typename(L, -1));
    v = lua_tonumber(L, -1);
  }
  lua_pop(L, 1);
  return v;
}

lua_Integer lst_integer(lua_State *L, const char *key, lua_Integer def, lua_Integer lo) {
  int t = lua_getfield(L, 1, key);
  lua_Integer v = def;
  if (t != LUA_TNIL) {
    int ok;
    v = lua_tointegerx(L, -1, &ok);
    if (!ok || v < lo)
      luaL_error(L, "bad argument #1 (%s: integer >= %I expected)", key, lo);
  }
  lua_pop(L, 1);
  return v;
}

int lst_boolean(lua_State *L, const char *key, int def) {
  int t = lua_getfield(L, 1, key), v = def;
  if (t != LUA_TNIL) {
    if (t != LUA_TBOOLEAN)
      luaL_error(L, "bad argument #1 (%s: boolean expected, got %s)", key,
                 luaL_typename(L, -1));
    v = lua_toboolean(L, -1);
  }
  lua_pop(L, 1);
  return v;
}

ht_alternative lst_alternative(lua_State *L) {
  static const char *const names[] = {"two.sided", "less", "greater", NULL};
  int v = HT_TWO_SIDED;
  if (lua_getfield(L, 1, "alternative") != LUA_TNIL) {
    const char *s = lua_tostring(L, -1);
    for (v = 0; s && names[v] && strcmp(s, names[v]) != 0; v++) {
    }
    if (s == NULL || names[v] == NULL)
      luaL_error(L, "bad argument #1 (alternative: \"two.sided\", \"less\" or "
                    "\"greater\" expected)");
  }
  lua_pop(L, 1);
  return (ht_alternative)v;
}

double *lst_vector(lua_State *L, int idx, const char *key, int required, size_t *n) {
  const char *name = key ? key : "p";
  if (key)
    lua_getfield(L, 1, key);
  else
    lua_pushvalue(L, idx); /* stack: ... v */
  if (lua_isnil(L, -1)) {
    if (required)
      luaL_error(L, "bad argument #1 (%s: numbers expected, got nil)", name);
    *n = 0;
    return NULL;
  }
  if (lua_type(L, -1) == LUA_TNUMBER) { /* one number: a vector of one */
    double *one = lua_newuserdatauv(L, sizeof *one, 0);
    *one = lua_tonumber(L, -2);
    lua_remove(L, -2);
    *n = 1;
    return one;
  }
  if (!lua_istable(L, -1) && !luaL_getmetafield(L, -1, "__index"))
    luaL_error(L, "bad argument #%d (%s: numbers expected, got %s)", key ? 1 : idx, name,
               luaL_typename(L, -1));
  else if (!lua_istable(L, -1))
    lua_pop(L, 1); /* the __index */
  lua_Integer len = luaL_len(L, -1);
  double *v = lua_newuserdatauv(L, (size_t)(len > 0 ? len : 1) * sizeof *v, 0);
  for (lua_Integer i = 1; i <= len; i++) { /* stack: ... v buf */
    int t = lua_geti(L, -2, i);
    if (t == LUA_TNUMBER)
      v[i - 1] = lua_tonumber(L, -1);
    else if (t == LUA_TNIL)
      v[i - 1] = NAN;
    else
      luaL_error(L, "bad argument #%d (%s[%I]: number expected, got %s)", key ? 1 : idx,
                 name, i, luaL_typename(L, -1));
    lua_pop(L, 1);
  }
  lua_remove(L, -2); /* stack: ... buf */
  *n = (size_t)len;
  return v;
}

int lst_error(lua_State *L, const char *fname, const char *err) {
  return luaL_error(L, "stats.%s: %s", fname, err);
}

void lst_rng(lua_State *L, pw_rng *g, lua_Integer *seed_used) {
  lua_Integer seed = lst_integer(L, "seed", 0, LUA_MININTEGER);
  lua_getfield(L, LUA_REGISTRYINDEX, PW_SEED_KEY);
  lua_Integer engine = lua_tointeger(L, -1); /* 0 when unset */
  lua_pop(L, 1);
  rng_seed(g, (uint64_t)engine, (uint64_t)seed);
  *seed_used = seed;
}

/* ------------------------------------------------------------ htest */

static void set_number(lua_State *L, const char *k, double v) {
  lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

static void set_string(lua_State *L, const char *k, const char *v) {
  if (v == NULL)
    return;
  lua_pushstring(L, v);
  lua_setfield(L, -2, k);
}

/* r->names: statistic, parameter, estimate (string or array), null_value. */
static void push_names(lua_State *L, const htest *r) {
  lua_createtable(L, 0, 4);
  set_string(L, "statistic", r->statistic_name);
  set_string(L, "parameter", r->parameter_name);
  set_string(L, "null_value", r->null_name);
  if (r->n_estimate == 1)
    set_string(L, "estimate", r->estimate_name[0]);
  else if (r->n_estimate == 2) {
    lua_createtable(L, 2, 0);
    for (int i = 0; i < 2; i++) {
      lua_pushstring(L, r->estimate_name[i]);
      lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "estimate");
  }
  lua_setfield(L, -2, "names");
}

void lst_push_htest(lua_State *L, const htest *r) {
  static const char *const alts[] = {"two.sided", "less", "greater"};
  lua_createtable(L, 0, 14);
  if (r->statistic_name)
    set_number(L, "statistic", r->statistic);
  if (r->parameter_name)
    set_number(L, "parameter", r->parameter);
  set_number(L, "p_value", r->p_value);
  if (!isnan(r->conf_level)) {
    lua_createtable(L, 2, 1);
    for (int i = 0; i < 2; i++) {
      lua_pushnumber(L, r->conf_int[i]);
      lua_rawseti(L, -2, i + 1);
    }
    set_number(L, "level", r->conf_level);
    lua_setfield(L, -2, "conf_int");
  }
  if (r->n_estimate == 1)
    set_number(L, "estimate", r->estimate[0]);
  else if (r->n_estimate == 2) {
    lua_createtable(L, 2, 0);
    for (int i = 0; i < 2; i++) {
      lua_pushnumber(L, r->estimate[i]);
      lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "estimate");
  }
  set_number(L, "null_value", r->null_value);
  if (!isnan(r->stderr_))
    set_number(L, "stderr", r->stderr_);
  set_string(L, "alternative", alts[r->alternative]);
  set_string(L, "method", r->method);
  set_string(L, "warning", r->warning);
  push_names(L, r);
  luaL_setmetatable(L, PW_HTEST_MT);
}

/* self[k] as a number, or NAN. */
static double get_number(lua_State *L, int idx, const char *k) {
  lua_getfield(L, idx, k);
  double v = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : NAN;
  lua_pop(L, 1);
  return v;
}

/* R's format.pval(p, digits = 4): "< 2.2e-16" below machine epsilon. */
static void add_pvalue(luaL_Buffer *b, double p) {
  char s[64];
  if (isnan(p))
    snprintf(s, sizeof s, "p-value = NA");
  else if (p < 2.220446049250313e-16)
    snprintf(s, sizeof s, "p-value < 2.2e-16");
  else
    snprintf(s, sizeof s, "p-value = %.4g", p);
  luaL_addstring(b, s);
}

/* "t = -1.8608, df = 17.776, p-value = 0.07939" (R: 5 digits, p 4). */
static void add_statistics_line(lua_State *L, int self, luaL_Buffer *b) {
  char s[128];
  const char *keys[] = {"statistic", "parameter"};
  lua_getfield(L, self, "names"); /* stack: ... names */
  for (int i = 0; i < 2; i++) {
    double v = get_number(L, self, keys[i]);
    lua_getfield(L, -1, keys[i]);
    if (lua_isstring(L, -1) && !isnan(v)) {
      snprintf(s, sizeof s, "%s = %.5g, ", lua_tostring(L, -1), v);
      luaL_addstring(b, s);
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (lua_getfield(L, self, "p_value") == LUA_TNUMBER)
    add_pvalue(b, lua_tonumber(L, -1));
  else
    luaL_buffsub(b, 2); /* no p-value (bootstrap): drop the last ", " */
  lua_pop(L, 1);
}

/* summary's hypothesis line (none for a bootstrap, which has no null). */
static void add_hypothesis(lua_State *L, int self, luaL_Buffer *b) {
  static const char *const words[] = {"not equal to", "less than", "greater than"};
  char s[256];
  double null = get_number(L, self, "null_value");
  if (isnan(null)) {
    luaL_addchar(b, '\n');
    return;
  }
  lua_getfield(L, self, "names");
  lua_getfield(L, -1, "null_value");
  lua_getfield(L, self, "alternative"); /* stack: ... names null_name alternative */
  const char *alt = lua_tostring(L, -1);
  int w = alt && strcmp(alt, "less") == 0 ? 1 : alt && strcmp(alt, "greater") == 0 ? 2 : 0;
  snprintf(s, sizeof s, "\nalternative hypothesis: true %s is %s %.7g\n",
           lua_isstring(L, -2) ? lua_tostring(L, -2) : "value", words[w], null);
  luaL_addstring(b, s);
  lua_pop(L, 3);
}

/* summary's confidence interval lines, when there is one. */
static void add_interval(lua_State *L, int self, luaL_Buffer *b) {
  char s[256];
  if (lua_getfield(L, self, "conf_int") == LUA_TTABLE) {
    lua_rawgeti(L, -1, 1);
    lua_rawgeti(L, -2, 2); /* stack: ... conf_int lo hi */
    snprintf(s, sizeof s, "%.7g percent confidence interval:\n %.7g %.7g\n",
             100 * get_number(L, -3, "level"), lua_tonumber(L, -2), lua_tonumber(L, -1));
    lua_pop(L, 2);
    luaL_addstring(b, s);
  }
  lua_pop(L, 1);
}

/* The estimates as R prints a named vector: names over right-aligned values. */
static void add_estimates(lua_State *L, int self, luaL_Buffer *b) {
  double v[2];
  const char *nm[2];
  int k = 0, et = lua_getfield(L, self, "estimate");
  lua_getfield(L, self, "names");
  lua_getfield(L, -1, "estimate"); /* stack: ... est names enames (kept: nm[] point in) */
  for (int i = 0; i < 2; i++) {
    if (et == LUA_TNUMBER && i == 0)
      v[k] = lua_tonumber(L, -3);
    else if (et != LUA_TTABLE || lua_rawgeti(L, -3, i + 1) != LUA_TNUMBER) {
      if (et == LUA_TTABLE)
        lua_pop(L, 1);
      break;
    } else {
      v[k] = lua_tonumber(L, -1);
      lua_pop(L, 1);
    }
    nm[k] = lua_isstring(L, -1) ? lua_tostring(L, -1) : "";
    if (lua_istable(L, -1)) {
      lua_rawgeti(L, -1, i + 1);
      nm[k] = lua_isstring(L, -1) ? lua_tostring(L, -1) : "";
      lua_pop(L, 1); /* the string stays alive in enames */
    }
    k++;
  }
  if (k > 0) {
    char line[2][256] = {"", ""}, val[48];
    luaL_addstring(b, "sample estimates:\n");
    for (int i = 0; i < k; i++) {
      snprintf(val, sizeof val, "%.7g", v[i]);
      int wd = (int)(strlen(nm[i]) > strlen(val) ? strlen(nm[i]) : strlen(val));
      size_t l0 = strlen(line[0]), l1 = strlen(line[1]);
      snprintf(line[0] + l0, sizeof line[0] - l0, "%*s ", wd, nm[i]);
      snprintf(line[1] + l1, sizeof line[1] - l1, "%*s ", wd, val);
    }
    luaL_addstring(b, line[0]);
    luaL_addchar(b, '\n');
    luaL_addstring(b, line[1]);
    luaL_addchar(b, '\n');
  }
  lua_pop(L, 3);
}

/* result:summary() -> R's print of the htest, without the data line. */
static int htest_summary(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  lua_getfield(L, 1, "method");
  lua_pushfstring(L, "\n\t%s\n\n", luaL_optstring(L, -1, "test"));
  lua_remove(L, -2);
  luaL_addvalue(&b);
  add_statistics_line(L, 1, &b);
  add_hypothesis(L, 1, &b);
  add_interval(L, 1, &b);
  add_estimates(L, 1, &b);
  luaL_pushresult(&b);
  return 1;
}

/* tostring(result) -> "Welch Two Sample t-test: t = -1.8608, df = 17.776, p-value = 0.07939" */
static int htest_tostring(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  lua_getfield(L, 1, "method");
  lua_pushfstring(L, "%s: ", luaL_optstring(L, -1, "test"));
  lua_remove(L, -2);
  luaL_addvalue(&b);
  add_statistics_line(L, 1, &b);
  luaL_pushresult(&b);
  return 1;
}

/* --------------------------------------------------------- registration */

const luaL_Reg pw_stats_test_funcs[] = {
  {"beta_binomial", pw_stats_lbeta_binomial},
  {"binom_test", pw_stats_lbinom_test},
  {"bootstrap", pw_stats_lbootstrap},
  {"fisher_test", pw_stats_lfisher_test},
  {"gamma_poisson", pw_stats_lgamma_poisson},
  {"p_adjust", pw_stats_lp_adjust},
  {"permutation_test", pw_stats_lpermutation_test},
  {"poisson_test", pw_stats_lpoisson_test},
  {"t_test", pw_stats_lt_test},
  {"wilcox_test", pw_stats_lwilcox_test},
  {NULL, NULL}
};

static const luaL_Reg htest_methods[] = {
  {"summary", htest_summary},
  {NULL, NULL}
};

void pw_stats_test_open(lua_State *L) {
  luaL_newmetatable(L, PW_HTEST_MT);
  luaL_newlib(L, htest_methods);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, htest_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pop(L, 1);
  luaL_newmetatable(L, PW_POSTERIOR_MT);
  pw_stats_posterior_meta(L);
  lua_pop(L, 1);
}
