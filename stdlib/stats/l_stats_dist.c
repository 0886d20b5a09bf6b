/* l_stats_dist.c: the Lua binding of the stats d/p/q distribution functions.
** R's names, parameter order and defaults, positional; the last argument may
** be a table of named options with R's names ('.' written '_'); the first
** argument may be an array (then an array is returned). Wrong types raise
** `bad argument`; invalid parameter values return NaN, as R (which also
** warns). Cores: stats/dist.h; docs: docs/methods.md (Distributions). */
#include <math.h>
#include <string.h>

#include "stats/dist.h"
#include "stats/l_stats.h"

/* Parametrization quirks of a few laws. */
enum {
  SP_NONE,  /* the parameters are the C core's */
  SP_GAMMA, /* (shape, rate) positionally, or scale = ...; the core takes scale */
  SP_NBINOM /* (size, prob) positionally, or mu = ... (the *_mu cores) */
};

/* One R function: how to read its arguments and which core to call. */
typedef struct {
  const char *name;  /* R's name, for messages */
  int is_d;          /* a density: one flag, log; else lower_tail, log_p */
  int np;            /* parameters after the first argument (1..3) */
  const char *pn[3]; /* their R names, in R's positional order */
  double def[3];     /* their defaults; NaN: required */
  int special;       /* SP_* */
  double (*d1)(double, double, int);
  double (*p1)(double, double, int, int);
  double (*d2)(double, double, double, int);
  double (*p2)(double, double, double, int, int);
  double (*d3)(double, double, double, double, int);
  double (*p3)(double, double, double, double, int, int);
} dist_spec;

/* The arguments once read: parameters and flags. */
typedef struct {
  double par[3]; /* parameters in the spec's order */
  int flag[2];   /* log (d), or lower_tail and log_p (p, q) */
  int use_mu;    /* nbinom: par[1] is mu, not prob */
} dist_args;

/* Evaluate the core at x. */
static double dist_eval(const dist_spec *s, const dist_args *a, double x) {
  const double *p = a->par;
  if (s->special == SP_GAMMA) {
    double scale = 1 / p[1];
    return s->is_d ? s->d2(x, p[0], scale, a->flag[0])
                   : s->p2(x, p[0], scale, a->flag[0], a->flag[1]);
  }
  if (s->special == SP_NBINOM && a->use_mu) {
    if (s->d2 == stats_dnbinom)
      return stats_dnbinom_mu(x, p[0], p[1], a->flag[0]);
    if (s->p2 == stats_pnbinom)
      return stats_pnbinom_mu(x, p[0], p[1], a->flag[0], a->flag[1]);
    return stats_qnbinom_mu(x, p[0], p[1], a->flag[0], a->flag[1]);
  }
  switch (s->np) {
  case 1:
    return s->is_d ? s->d1(x, p[0], a->flag[0]) : s->p1(x, p[0], a->flag[0], a->flag[1]);
  case 2:
    return s->is_d ? s->d2(x, p[0], p[1], a->flag[0])
                   : s->p2(x, p[0], p[1], a->flag[0], a->flag[1]);
  default:
    return s->is_d ? s->d3(x, p[0], p[1], p[2], a->flag[0])
                   : s->p3(x, p[0], p[1], p[2], a->flag[0], a->flag[1]);
  }
}

/* The named options of the table at index t: parameters, flags, and the
** rate/scale and prob/mu alternatives. set[] marks what position gave. */
static void read_options(lua_State *L, int t, const dist_spec *s, dist_args *a,
                         int set[5]) {
  static const char *const flags_d[] = {"log"}, *const flags_p[] = {"lower_tail",
                                                                    "log_p"};
  const char *const *fl = s->is_d ? flags_d : flags_p;
  int nfl = s->is_d ? 1 : 2;
  lua_pushnil(L);               /* stack: ..., nil */
  while (lua_next(L, t) != 0) { /* stack: ..., key, value */
    if (lua_type(L, -2) != LUA_TSTRING)
      luaL_argerror(L, t, "option names must be strings");
    const char *k = lua_tostring(L, -2);
    int slot = -1;
    for (int i = 0; i < s->np; i++)
      if (strcmp(k, s->pn[i]) == 0)
        slot = i;
    for (int i = 0; i < nfl; i++)
      if (strcmp(k, fl[i]) == 0)
        slot = 3 + i;
    int alt = (s->special == SP_GAMMA && strcmp(k, "scale") == 0) ||
              (s->special == SP_NBINOM && strcmp(k, "mu") == 0);
    if (alt)
      slot = 1;
    if (slot < 0) {
      luaL_argerror(L, t, lua_pushfstring(L, "unknown option '%s'", k));
      return; /* not reached: luaL_argerror raises */
    }
    if (set[slot])
      luaL_argerror(
          L, t,
          lua_pushfstring(L, "'%s' given twice (as R: %s)", k,
                          s->special == SP_GAMMA
                              ? "specify 'rate' or 'scale' but not both"
                              : "formal argument matched by multiple actual arguments"));
    set[slot] = 1;
    if (slot < 3) {
      if (lua_type(L, -1) != LUA_TNUMBER)
        luaL_argerror(L, t,
                      lua_pushfstring(L, "option '%s': number expected, got %s", k,
                                      luaL_typename(L, -1)));
      double v = lua_tonumber(L, -1);
      if (alt && s->special == SP_GAMMA)
        v = 1 / v; /* scale given: the rate */
      if (alt && s->special == SP_NBINOM)
        a->use_mu = 1;
      a->par[slot] = v;
    } else {
      if (lua_type(L, -1) != LUA_TBOOLEAN)
        luaL_argerror(L, t,
                      lua_pushfstring(L, "option '%s': boolean expected, got %s", k,
                                      luaL_typename(L, -1)));
      a->flag[slot - 3] = lua_toboolean(L, -1);
    }
    lua_pop(L, 1); /* stack: ..., key */
  }
}

/* Read everything after the first argument into a. Raises on misuse. */
static void read_args(lua_State *L, const dist_spec *s, dist_args *a) {
  int n = lua_gettop(L), opt = 0, nfl = s->is_d ? 1 : 2;
  int set[5] = {0, 0, 0, 0, 0}; /* parameters 0..2, flags 3..4 */
  if (n >= 2 && lua_type(L, n) == LUA_TTABLE)
    opt = n--;
  if (n > 1 + s->np + nfl)
    luaL_argerror(L, 2 + s->np + nfl, "too many arguments");
  a->use_mu = 0;
  a->flag[0] = s->is_d ? 0 : 1;
  a->flag[1] = 0;
  for (int i = 0; i < s->np; i++) {
    a->par[i] = s->def[i];
    if (2 + i <= n && !lua_isnoneornil(L, 2 + i)) {
      a->par[i] = luaL_checknumber(L, 2 + i);
      set[i] = 1;
    }
  }
  for (int i = 0; i < nfl; i++) {
    int idx = 2 + s->np + i;
    if (idx <= n && !lua_isnoneornil(L, idx)) {
      luaL_checktype(L, idx, LUA_TBOOLEAN);
      a->flag[i] = lua_toboolean(L, idx);
      set[3 + i] = 1;
    }
  }
  if (opt)
    read_options(L, opt, s, a, set);
  for (int i = 0; i < s->np; i++)
    if (isnan(a->par[i]) && !set[i])
      luaL_argerror(L, 2 + i, lua_pushfstring(L, "%s (a number) expected", s->pn[i]));
}

/* stats.<f>(x, ...) for the spec s: a number, or an array for an array. */
static int dist_call(lua_State *L, const dist_spec *s) {
  int t = lua_type(L, 1);
  if (t != LUA_TNUMBER && t != LUA_TTABLE)
    luaL_typeerror(L, 1, "number or array of numbers");
  dist_args a;
  read_args(L, s, &a);
  if (t == LUA_TNUMBER) {
    lua_pushnumber(L, dist_eval(s, &a, lua_tonumber(L, 1)));
    return 1;
  }
  lua_Integer len = luaL_len(L, 1);
  lua_createtable(L, len > 0 && len < 1 << 24 ? (int)len : 0, 0); /* stack: ..., out */
  for (lua_Integer i = 1; i <= len; i++) {
    if (lua_geti(L, 1, i) != LUA_TNUMBER)
      luaL_argerror(L, 1,
                    lua_pushfstring(L, "array of numbers expected, got %s at [%I]",
                                    luaL_typename(L, -1), (LUA_INTEGER)i));
    double x = lua_tonumber(L, -1);
    lua_pop(L, 1);
    lua_pushnumber(L, dist_eval(s, &a, x));
    lua_seti(L, -2, i);
  }
  return 1;
}

/* ------------------------------------------------------- the specs */

#define NO NAN /* a required parameter */
#define F1(d, p) d, p, NULL, NULL, NULL, NULL
#define F2(d, p) NULL, NULL, d, p, NULL, NULL
#define F3(d, p) NULL, NULL, NULL, NULL, d, p

/* One binding per R function: `static int ldist_NAME`, thin over dist_call. */
#define DIST_FN(NAME, ISD, NP, PN, DEF, SP, FNS)                                         \
  static int ldist_##NAME(lua_State *L) {                                                \
    static const dist_spec s = {#NAME, ISD, NP, PN, DEF, SP, FNS};                       \
    return dist_call(L, &s);                                                             \
  }
#define P_(...)                                                                          \
  { __VA_ARGS__ }

DIST_FN(dnorm, 1, 2, P_("mean", "sd"), P_(0, 1), SP_NONE, F2(stats_dnorm, NULL))
DIST_FN(pnorm, 0, 2, P_("mean", "sd"), P_(0, 1), SP_NONE, F2(NULL, stats_pnorm))
DIST_FN(qnorm, 0, 2, P_("mean", "sd"), P_(0, 1), SP_NONE, F2(NULL, stats_qnorm))
DIST_FN(dt, 1, 1, P_("df"), P_(NO), SP_NONE, F1(stats_dt, NULL))
DIST_FN(pt, 0, 1, P_("df"), P_(NO), SP_NONE, F1(NULL, stats_pt))
DIST_FN(qt, 0, 1, P_("df"), P_(NO), SP_NONE, F1(NULL, stats_qt))
DIST_FN(dchisq, 1, 1, P_("df"), P_(NO), SP_NONE, F1(stats_dchisq, NULL))
DIST_FN(pchisq, 0, 1, P_("df"), P_(NO), SP_NONE, F1(NULL, stats_pchisq))
DIST_FN(qchisq, 0, 1, P_("df"), P_(NO), SP_NONE, F1(NULL, stats_qchisq))
DIST_FN(df, 1, 2, P_("df1", "df2"), P_(NO, NO), SP_NONE, F2(stats_df, NULL))
DIST_FN(pf, 0, 2, P_("df1", "df2"), P_(NO, NO), SP_NONE, F2(NULL, stats_pf))
DIST_FN(qf, 0, 2, P_("df1", "df2"), P_(NO, NO), SP_NONE, F2(NULL, stats_qf))
DIST_FN(dbeta, 1, 2, P_("shape1", "shape2"), P_(NO, NO), SP_NONE, F2(stats_dbeta, NULL))
DIST_FN(pbeta, 0, 2, P_("shape1", "shape2"), P_(NO, NO), SP_NONE, F2(NULL, stats_pbeta))
DIST_FN(qbeta, 0, 2, P_("shape1", "shape2"), P_(NO, NO), SP_NONE, F2(NULL, stats_qbeta))
DIST_FN(dgamma, 1, 2, P_("shape", "rate"), P_(NO, 1), SP_GAMMA, F2(stats_dgamma, NULL))
DIST_FN(pgamma, 0, 2, P_("shape", "rate"), P_(NO, 1), SP_GAMMA, F2(NULL, stats_pgamma))
DIST_FN(qgamma, 0, 2, P_("shape", "rate"), P_(NO, 1), SP_GAMMA, F2(NULL, stats_qgamma))
DIST_FN(dexp, 1, 1, P_("rate"), P_(1), SP_NONE, F1(stats_dexp, NULL))
DIST_FN(pexp, 0, 1, P_("rate"), P_(1), SP_NONE, F1(NULL, stats_pexp))
DIST_FN(qexp, 0, 1, P_("rate"), P_(1), SP_NONE, F1(NULL, stats_qexp))
DIST_FN(dbinom, 1, 2, P_("size", "prob"), P_(NO, NO), SP_NONE, F2(stats_dbinom, NULL))
DIST_FN(pbinom, 0, 2, P_("size", "prob"), P_(NO, NO), SP_NONE, F2(NULL, stats_pbinom))
DIST_FN(qbinom, 0, 2, P_("size", "prob"), P_(NO, NO), SP_NONE, F2(NULL, stats_qbinom))
DIST_FN(dpois, 1, 1, P_("lambda"), P_(NO), SP_NONE, F1(stats_dpois, NULL))
DIST_FN(ppois, 0, 1, P_("lambda"), P_(NO), SP_NONE, F1(NULL, stats_ppois))
DIST_FN(qpois, 0, 1, P_("lambda"), P_(NO), SP_NONE, F1(NULL, stats_qpois))
DIST_FN(dnbinom, 1, 2, P_("size", "prob"), P_(NO, NO), SP_NBINOM, F2(stats_dnbinom, NULL))
DIST_FN(pnbinom, 0, 2, P_("size", "prob"), P_(NO, NO), SP_NBINOM, F2(NULL, stats_pnbinom))
DIST_FN(qnbinom, 0, 2, P_("size", "prob"), P_(NO, NO), SP_NBINOM, F2(NULL, stats_qnbinom))
DIST_FN(dhyper, 1, 3, P_("m", "n", "k"), P_(NO, NO, NO), SP_NONE, F3(stats_dhyper, NULL))
DIST_FN(phyper, 0, 3, P_("m", "n", "k"), P_(NO, NO, NO), SP_NONE, F3(NULL, stats_phyper))
DIST_FN(qhyper, 0, 3, P_("m", "n", "k"), P_(NO, NO, NO), SP_NONE, F3(NULL, stats_qhyper))

const luaL_Reg pw_stats_dist_funcs[] = {
    {"dbeta", ldist_dbeta},     {"dbinom", ldist_dbinom},
    {"dchisq", ldist_dchisq},   {"dexp", ldist_dexp},
    {"df", ldist_df},           {"dgamma", ldist_dgamma},
    {"dhyper", ldist_dhyper},   {"dnbinom", ldist_dnbinom},
    {"dnorm", ldist_dnorm},     {"dpois", ldist_dpois},
    {"dt", ldist_dt},           {"pbeta", ldist_pbeta},
    {"pbinom", ldist_pbinom},   {"pchisq", ldist_pchisq},
    {"pexp", ldist_pexp},       {"pf", ldist_pf},
    {"pgamma", ldist_pgamma},   {"phyper", ldist_phyper},
    {"pnbinom", ldist_pnbinom}, {"pnorm", ldist_pnorm},
    {"ppois", ldist_ppois},     {"pt", ldist_pt},
    {"qbeta", ldist_qbeta},     {"qbinom", ldist_qbinom},
    {"qchisq", ldist_qchisq},   {"qexp", ldist_qexp},
    {"qf", ldist_qf},           {"qgamma", ldist_qgamma},
    {"qhyper", ldist_qhyper},   {"qnbinom", ldist_qnbinom},
    {"qnorm", ldist_qnorm},     {"qpois", ldist_qpois},
    {"qt", ldist_qt},           {NULL, NULL}};
