/* l_stats_maxsprt.c: bindings of the Poisson MaxSPRT (maxsprt.h):
** stats.maxsprt_cv, stats.maxsprt_alpha, stats.maxsprt_llr. */
#include <math.h>
#include <stdio.h>

#include "stats/l_stats.h"
#include "stats/maxsprt.h"

/* x as %g into buf[32], for messages (lua_pushfstring has no %g). */
static const char *number_text(double x, char *buf) {
  snprintf(buf, 32, "%g", x);
  return buf;
}

/* The upper limit T at arg: positive, finite, within the limit. */
static double check_length(lua_State *L, int arg) {
  double T = luaL_checknumber(L, arg);
  if (!(T > 0 && T <= PW_MAX_MAXSPRT_LENGTH))
    luaL_argerror(L, arg, lua_pushfstring(L, "length must be positive and at most %d",
                                          (int)PW_MAX_MAXSPRT_LENGTH));
  return T;
}

/* The minimum number of events M at arg (default def when def > 0). */
static int check_min(lua_State *L, int arg, lua_Integer def) {
  lua_Integer M = def > 0 ? luaL_optinteger(L, arg, def) : luaL_checkinteger(L, arg);
  if (M < 1 || M > PW_MAX_MAXSPRT_MIN_EVENTS)
    luaL_argerror(L, arg, lua_pushfstring(L, "minimum events must be in [1, %d]",
                                          PW_MAX_MAXSPRT_MIN_EVENTS));
  return (int)M;
}

/* stats.maxsprt_cv(T [, M = 1 [, alpha = 0.05]]) -> critical value.
** Raises on bad arguments, and when alpha cannot be reached. */
static int lmaxsprt_cv(lua_State *L) {
  double T = check_length(L, 1);
  int M = check_min(L, 2, 1);
  double alpha = luaL_optnumber(L, 3, 0.05), cv = NAN;
  char a[32], t[32];
  if (!(alpha > 0 && alpha < 1))
    return luaL_argerror(L, 3, "alpha must be in (0, 1)");
  int status = maxsprt_cv(T, M, alpha, &cv);
  if (status == MAXSPRT_UNREACHABLE)
    return luaL_argerror(L, 3, lua_pushfstring(L,
      "alpha %s cannot be reached with length %s and %d minimum events",
      number_text(alpha, a), number_text(T, t), M));
  if (status == MAXSPRT_BAD_ALPHA)
    return luaL_argerror(L, 3, lua_pushfstring(L, "alpha must be at least %s",
                                               number_text(PW_MIN_MAXSPRT_ALPHA, a)));
  if (status != MAXSPRT_OK)
    return luaL_error(L, "stats.maxsprt_cv: %s", maxsprt_strerror(status));
  lua_pushnumber(L, cv);
  return 1;
}

/* stats.maxsprt_alpha(T, M, cv) -> the exact type I error of cv. */
static int lmaxsprt_alpha(lua_State *L) {
  double T = check_length(L, 1);
  int M = check_min(L, 2, 0);
  double cv = luaL_checknumber(L, 3);
  if (!(cv > 0 && cv < HUGE_VAL))
    return luaL_argerror(L, 3, "critical value must be positive and finite");
  double a = maxsprt_alpha(T, M, cv);
  if (isnan(a))
    return luaL_error(L, "stats.maxsprt_alpha: out of memory");
  lua_pushnumber(L, a);
  return 1;
}

/* stats.maxsprt_llr(observed, expected) -> the maximized log-likelihood ratio. */
static int lmaxsprt_llr(lua_State *L) {
  double c = luaL_checknumber(L, 1), mu = luaL_checknumber(L, 2);
  if (!(c >= 0))
    return luaL_argerror(L, 1, "observed must be non-negative");
  if (!(mu > 0))
    return luaL_argerror(L, 2, "expected must be positive");
  lua_pushnumber(L, maxsprt_llr(c, mu));
  return 1;
}

const luaL_Reg pw_stats_maxsprt_funcs[] = {
  {"maxsprt_alpha", lmaxsprt_alpha},
  {"maxsprt_cv", lmaxsprt_cv},
  {"maxsprt_llr", lmaxsprt_llr},
  {NULL, NULL}
};
