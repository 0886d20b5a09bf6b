/* l_stats_htest.c: bindings of the classical tests: binom_test,
** poisson_test, fisher_test, t_test and wilcox_test. Arguments in, core
** call, htest result out. */
#include <math.h>

#include "stats/l_stats_test_priv.h"

/* Raise err when set, else push the result. */
static int finish(lua_State *L, const char *fname, const char *err, const htest *r) {
  if (err)
    return lst_error(L, fname, err);
  lst_push_htest(L, r);
  return 1;
}

/* stats.binom_test{x =, n =, p = 0.5, alternative =, conf_level = 0.95};
** x may be {successes, failures} as R's binom.test(c(s, f)). */
int pw_stats_lbinom_test(lua_State *L) {
  static const char *const keys[] = {"x", "n", "p", "alternative", "conf_level", NULL};
  lst_check_args(L, keys);
  size_t k;
  double *x = lst_vector(L, 0, "x", 1, &k);
  double n = lst_number(L, "n", NAN);
  if (k == 2)
    n = x[0] + x[1];
  else if (k != 1)
    return lst_error(L, "binom_test", "incorrect length of 'x'");
  double p = lst_number(L, "p", 0.5), level = lst_number(L, "conf_level", 0.95);
  htest r;
  return finish(L, "binom_test", ht_binom(x[0], n, p, lst_alternative(L), level, &r), &r);
}

/* stats.poisson_test{x =, T = 1, r = 1, alternative =, conf_level = 0.95};
** x and T are numbers, or {x1, x2} and {T1, T2} to compare two rates. */
int pw_stats_lpoisson_test(lua_State *L) {
  static const char *const keys[] = {"x", "T", "r", "alternative", "conf_level", NULL};
  lst_check_args(L, keys);
  size_t k, kt;
  double *x = lst_vector(L, 0, "x", 1, &k);
  double *t = lst_vector(L, 0, "T", 0, &kt), one[2] = {1, 1};
  if (t == NULL)
    t = one, kt = 1;
  if (kt != k && kt != 1)
    return lst_error(L, "poisson_test", "'x' and 'T' have incompatible length");
  double tt[2] = {t[0], kt == 2 ? t[1] : t[0]};
  double rr = lst_number(L, "r", 1), level = lst_number(L, "conf_level", 0.95);
  htest r;
  const char *err = ht_poisson(x, tt, (int)(k > 2 ? 3 : k), rr, lst_alternative(L), level, &r);
  return finish(L, "poisson_test", err, &r);
}

/* stats.fisher_test{table = {{a, b}, {c, d}}, alternative =, conf_level =,
** or = 1}. */
int pw_stats_lfisher_test(lua_State *L) {
  static const char *const keys[] = {"table", "alternative", "conf_level", "or", NULL};
  lst_check_args(L, keys);
  double tab[4];
  if (lua_getfield(L, 1, "table") != LUA_TTABLE)
    luaL_error(L, "bad argument #1 (table: {{a, b}, {c, d}} expected, got %s)",
               luaL_typename(L, -1));
  if (luaL_len(L, -1) != 2)
    return lst_error(L, "fisher_test", "table must be {{a, b}, {c, d}} (2 x 2 counts)");
  for (int i = 0; i < 2; i++) {
    int ok = lua_rawgeti(L, -1, i + 1) == LUA_TTABLE && luaL_len(L, -1) == 2;
    for (int j = 0; ok && j < 2; j++) {
      ok = lua_rawgeti(L, -1, j + 1) == LUA_TNUMBER;
      tab[2 * i + j] = lua_tonumber(L, -1);
      lua_pop(L, 1);
    }
    if (!ok)
      return lst_error(L, "fisher_test", "table must be {{a, b}, {c, d}} (2 x 2 counts)");
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  double level = lst_number(L, "conf_level", 0.95), or = lst_number(L, "or", 1);
  htest r;
  return finish(L, "fisher_test", ht_fisher2x2(tab, or, lst_alternative(L), level, &r), &r);
}

/* stats.t_test{x =, y =, paired = false, var_equal = false, mu = 0,
** alternative =, conf_level = 0.95}. */
int pw_stats_lt_test(lua_State *L) {
  static const char *const keys[] = {"x", "y", "paired", "var_equal", "mu",
                                     "alternative", "conf_level", NULL};
  lst_check_args(L, keys);
  size_t nx, ny;
  double *x = lst_vector(L, 0, "x", 1, &nx);
  double *y = lst_vector(L, 0, "y", 0, &ny);
  int paired = lst_boolean(L, "paired", 0), var_equal = lst_boolean(L, "var_equal", 0);
  double mu = lst_number(L, "mu", 0), level = lst_number(L, "conf_level", 0.95);
  htest r;
  const char *err =
      ht_t(x, nx, y, ny, paired, var_equal, mu, lst_alternative(L), level, &r);
  return finish(L, "t_test", err, &r);
}

/* stats.wilcox_test{x =, y =, paired = false, exact = (R's rule), correct =
** true, mu = 0, conf_int = false, alternative =, conf_level = 0.95}. */
int pw_stats_lwilcox_test(lua_State *L) {
  static const char *const keys[] = {"x", "y", "paired", "exact", "correct", "mu",
                                     "conf_int", "alternative", "conf_level", NULL};
  lst_check_args(L, keys);
  size_t nx, ny;
  double *x = lst_vector(L, 0, "x", 1, &nx);
  double *y = lst_vector(L, 0, "y", 0, &ny);
  int paired = lst_boolean(L, "paired", 0), exact = lst_boolean(L, "exact", -1);
  int correct = lst_boolean(L, "correct", 1), conf_int = lst_boolean(L, "conf_int", 0);
  double mu = lst_number(L, "mu", 0), level = lst_number(L, "conf_level", 0.95);
  htest r;
  const char *err = ht_wilcox(x, nx, y, ny, paired, exact, correct, mu, conf_int,
                              lst_alternative(L), level, &r);
  return finish(L, "wilcox_test", err, &r);
}
