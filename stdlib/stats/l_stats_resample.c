/* l_stats_resample.c: bindings of permutation_test and bootstrap: named
** statistics run in C (resample.c), a Lua function statistic is called. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/dist.h"
#include "stats/l_stats_test_priv.h"

/* Most resamples a call may ask for. */
#if !defined(PW_MAX_RESAMPLES)
#define PW_MAX_RESAMPLES 100000000
#endif

/* args.n: the number of resamples, def when absent. */
static long resamples(lua_State *L, long def) {
  lua_Integer n = lst_integer(L, "n", def, 1);
  if (n > PW_MAX_RESAMPLES)
    luaL_error(L, "bad argument #1 (n: at most %d resamples)", PW_MAX_RESAMPLES);
  return (long)n;
}

/* Push {v[0..n)} as a Lua array. [-0, +1, m] */
static void push_array(lua_State *L, const double *v, size_t n) {
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_pushnumber(L, v[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

/* Call the statistic at stack index f on (z[0..nx), z[nx..nx+ny)) (ny 0:
** one argument); its result must be a number. [-0, +0, e] */
static double call_statistic(lua_State *L, int f, const double *z, size_t nx, size_t ny,
                             int two) {
  lua_pushvalue(L, f);
  push_array(L, z, nx);
  if (two)
    push_array(L, z + nx, ny);
  lua_call(L, two ? 2 : 1, 1);
  int ok;
  double v = lua_tonumberx(L, -1, &ok);
  if (!ok)
    luaL_error(L, "statistic: number expected, got %s", luaL_typename(L, -1));
  lua_pop(L, 1);
  return v;
}

/* The copy of v without NA entries, in place; returns the new length. */
static size_t drop_na(double *v, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (!isnan(v[i]))
      v[k++] = v[i];
  return k;
}

/* Permutations with a Lua statistic: the same relabelling stream as the C
** kernel (a partial shuffle of the pooled data per permutation). */
static long perm_lua(lua_State *L, int f, double *z, size_t nx, size_t ny, long n,
                     ht_alternative alt, pw_rng *g, double obs) {
  long c = 0;
  double tol = 1e-10 * fabs(obs);
  for (long b = 0; b < n; b++) {
    rng_partial_shuffle(g, z, nx + ny, nx);
    double t = call_statistic(L, f, z, nx, ny, 1);
    c += alt == HT_GREATER ? t >= obs - tol
         : alt == HT_LESS  ? t <= obs + tol
                           : fabs(t) >= fabs(obs) - tol;
  }
  return c;
}

/* stats.permutation_test{x =, y =, statistic = "mean_difference" | function(x, y),
** n = 10000, alternative =, seed =} -> {statistic, p_value, ...}. */
int pw_stats_lpermutation_test(lua_State *L) {
  static const char *const keys[] = {"x", "y", "statistic", "n", "alternative", "seed", NULL};
  lst_check_args(L, keys);
  size_t nx, ny;
  double *x = lst_vector(L, 0, "x", 1, &nx);
  double *y = lst_vector(L, 0, "y", 1, &ny);
  long n = resamples(L, 10000);
  ht_alternative alt = lst_alternative(L);
  pw_rng g;
  lua_Integer seed;
  lst_rng(L, &g, &seed);
  int st = lua_getfield(L, 1, "statistic"), f = lua_gettop(L);
  if (st != LUA_TNIL && st != LUA_TFUNCTION &&
      !(st == LUA_TSTRING && strcmp(lua_tostring(L, -1), "mean_difference") == 0))
    return luaL_error(L, "bad argument #1 (statistic: \"mean_difference\" or a function "
                         "expected)");
  nx = drop_na(x, nx);
  ny = drop_na(y, ny);
  if (nx < 1 || ny < 1)
    return lst_error(L, "permutation_test", "x and y need at least one value each");
  double *z = lua_newuserdatauv(L, (nx + ny) * sizeof *z, 0);
  memcpy(z, x, nx * sizeof *z);
  memcpy(z + nx, y, ny * sizeof *z);
  double obs;
  long count;
  if (st == LUA_TFUNCTION) {
    obs = call_statistic(L, f, z, nx, ny, 1);
    count = perm_lua(L, f, z, nx, ny, n, alt, &g, obs);
  } else if (resample_perm_mean(x, nx, y, ny, n, alt, &g, &obs, &count) != 0)
    return luaL_error(L, "stats.permutation_test: out of memory");
  htest r;
  ht_clear(&r, alt, NAN);
  r.statistic = obs;
  r.parameter = (double)n;
  r.p_value = ((double)count + 1) / ((double)n + 1); /* Phipson & Smyth (2010) */
  r.null_value = 0;
  r.method = "Permutation test";
  r.statistic_name = st == LUA_TFUNCTION ? "statistic" : "mean difference";
  r.parameter_name = "permutations";
  r.null_name = "difference";
  lst_push_htest(L, &r);
  lua_pushinteger(L, count);
  lua_setfield(L, -2, "exceed");
  lua_pushinteger(L, seed);
  lua_setfield(L, -2, "seed");
  return 1;
}

/* The bootstrap's data and statistic (C named, or the Lua function at f). */
typedef struct {
  const double *x; /* the data, without NA */
  size_t n;        /* its length */
  boot_stat stat;  /* the named statistic when f == 0 */
  int f;           /* stack index of the Lua statistic, or 0 */
  double *w;       /* scratch: n values */
} boot_data;

/* The statistic of w[0..m) (w may be reordered). */
static double boot_eval(lua_State *L, const boot_data *d, double *w, size_t m) {
  return d->f ? call_statistic(L, d->f, w, m, 0, 0) : boot_statistic(d->stat, w, m);
}

/* BCa's acceleration from the jackknife (Efron & Tibshirani 1993, 14.15). */
static double acceleration(lua_State *L, const boot_data *d, double *jack) {
  long double mean = 0, s2 = 0, s3 = 0;
  for (size_t i = 0; i < d->n; i++) {
    size_t k = 0;
    for (size_t j = 0; j < d->n; j++)
      if (j != i)
        d->w[k++] = d->x[j];
    jack[i] = boot_eval(L, d, d->w, k);
    mean += jack[i];
  }
  mean /= (long double)d->n;
  for (size_t i = 0; i < d->n; i++) {
    long double l = mean - jack[i];
    s2 += l * l;
    s3 += l * l * l;
  }
  return s2 > 0 ? (double)(s3 / (6 * powl(s2, 1.5L))) : 0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The interval of `type` (0 percentile, 1 basic, 2 BCa) from the sorted
** replicates. */
static void boot_interval(lua_State *L, const boot_data *d, int type, const double *reps,
                          long nb, double t0, double level, double ci[2]) {
  double alpha = (1 - level) / 2, p[2] = {alpha, 1 - alpha};
  if (type == 2) {
    long below = 0;
    for (long b = 0; b < nb; b++)
      below += reps[b] < t0;
    double z0 = stats_qnorm((double)below / (double)nb, 0, 1, 1, 0);
    double *jack = lua_newuserdatauv(L, d->n * sizeof *jack, 0);
    double a = acceleration(L, d, jack);
    lua_pop(L, 1);
    for (int i = 0; i < 2; i++) {
      double z = z0 + stats_qnorm(p[i], 0, 1, 1, 0);
      p[i] = stats_pnorm(z0 + z / (1 - a * z), 0, 1, 1, 0);
    }
  }
  for (int i = 0; i < 2; i++)
    ci[i] = quantile7(reps, (size_t)nb, p[i]);
  if (type == 1) {
    double lo = 2 * t0 - ci[1];
    ci[1] = 2 * t0 - ci[0];
    ci[0] = lo;
  }
}

/* Push the bootstrap result (an htest without p-value or null). */
static void push_boot(lua_State *L, double t0, const double *reps, long nb, double ci[2],
                      double level, const char *method, lua_Integer seed) {
  long double m = 0, ss = 0;
  for (long b = 0; b < nb; b++)
    m += reps[b];
  m /= nb;
  for (long b = 0; b < nb; b++)
    ss += (reps[b] - m) * (reps[b] - m);
  htest r;
  ht_clear(&r, HT_TWO_SIDED, level);
  r.statistic = r.estimate[0] = t0;
  r.n_estimate = 1;
  r.parameter = (double)nb;
  r.conf_int[0] = ci[0];
  r.conf_int[1] = ci[1];
  r.method = method;
  r.statistic_name = r.estimate_name[0] = "statistic";
  r.parameter_name = "replicates";
  lst_push_htest(L, &r);
  lua_pushnil(L);
  lua_setfield(L, -2, "p_value");
  lua_pushnil(L);
  lua_setfield(L, -2, "null_value");
  lua_pushnil(L);
  lua_setfield(L, -2, "alternative");
  lua_pushnumber(L, (double)m - t0);
  lua_setfield(L, -2, "bias");
  lua_pushnumber(L, nb > 1 ? sqrt((double)(ss / (nb - 1))) : NAN);
  lua_setfield(L, -2, "std_error");
  lua_pushinteger(L, seed);
  lua_setfield(L, -2, "seed");
}

/* stats.bootstrap{x =, statistic = "mean" | "median" | function(x), n = 2000,
** conf_level = 0.95, type = "percentile" | "basic" | "bca", seed =}. */
int pw_stats_lbootstrap(lua_State *L) {
  static const char *const keys[] = {"x", "statistic", "n", "conf_level", "type", "seed", NULL};
  static const char *const types[] = {"percentile", "basic", "bca", NULL};
  static const char *const methods[] = {"Bootstrap percentile interval",
                                        "Bootstrap basic interval", "Bootstrap BCa interval"};
  lst_check_args(L, keys);
  size_t n;
  double *x = lst_vector(L, 0, "x", 1, &n);
  long nb = resamples(L, 2000);
  double level = lst_number(L, "conf_level", 0.95);
  if (!(level > 0 && level < 1))
    return luaL_error(L, "bad argument #1 (conf_level: a number between 0 and 1 expected)");
  lua_getfield(L, 1, "type");
  int type = luaL_checkoption(L, -1, "percentile", types);
  pw_rng g;
  lua_Integer seed;
  lst_rng(L, &g, &seed);
  boot_data d = {x, drop_na(x, n), BOOT_MEAN, 0, NULL};
  int st = lua_getfield(L, 1, "statistic");
  if (st == LUA_TFUNCTION)
    d.f = lua_gettop(L);
  else if (st == LUA_TSTRING && strcmp(lua_tostring(L, -1), "median") == 0)
    d.stat = BOOT_MEDIAN;
  else if (st != LUA_TNIL && !(st == LUA_TSTRING && strcmp(lua_tostring(L, -1), "mean") == 0))
    return luaL_error(L, "bad argument #1 (statistic: \"mean\", \"median\" or a function "
                         "expected)");
  if (d.n < 1 || d.n > UINT32_MAX)
    return lst_error(L, "bootstrap", "x needs at least one value");
  d.w = lua_newuserdatauv(L, d.n * sizeof *d.w, 0);
  double *reps = lua_newuserdatauv(L, (size_t)nb * sizeof *reps, 0);
  memcpy(d.w, x, d.n * sizeof *d.w);
  double t0 = boot_eval(L, &d, d.w, d.n), ci[2];
  if (d.f == 0 && resample_bootstrap(x, d.n, d.stat, nb, &g, reps) != 0)
    return luaL_error(L, "stats.bootstrap: out of memory");
  for (long b = 0; d.f && b < nb; b++) {
    for (size_t i = 0; i < d.n; i++)
      d.w[i] = x[rng_below(&g, (uint32_t)d.n)];
    reps[b] = boot_eval(L, &d, d.w, d.n);
  }
  qsort(reps, (size_t)nb, sizeof *reps, cmp_double);
  boot_interval(L, &d, type, reps, nb, t0, level, ci);
  push_boot(L, t0, reps, nb, ci, level, methods[type], seed);
  return 1;
}
