/* l_stats_test_priv.h: what the stats tests' binding files share: the
** argument readers and the htest result object. */
#ifndef PW_STDLIB_L_STATS_TEST_PRIV_H
#define PW_STDLIB_L_STATS_TEST_PRIV_H

#include <lauxlib.h>
#include <lua.h>

#include "stats/htest.h"

#define PW_HTEST_MT "pathway.htest"         /* metatable of test results */
#define PW_POSTERIOR_MT "pathway.posterior" /* metatable of posteriors */

/* Check that argument 1 is a table whose string keys are all in `keys`
** (NULL-terminated), so a misspelt argument is an error. [-0, +0, v] */
void lst_check_args(lua_State *L, const char *const keys[]);
/* args[key] as a number, or def when absent. [-0, +0, v] */
double lst_number(lua_State *L, const char *key, double def);
/* args[key] as an integer >= lo, or def when absent. [-0, +0, v] */
lua_Integer lst_integer(lua_State *L, const char *key, lua_Integer def, lua_Integer lo);
/* args[key] as a boolean, or def (which may be -1) when absent. [-0, +0, v] */
int lst_boolean(lua_State *L, const char *key, int def);
/* args.alternative: "two.sided" (default), "less" or "greater". [-0, +0, v] */
ht_alternative lst_alternative(lua_State *L);
/* args[key] (or the value at stack index idx when key is NULL) as numbers:
** an array of numbers, or anything with # and [i] such as a frame column.
** nil or NaN entries are NA (NaN). The array lives in a userdata pushed on
** the stack; returns NULL (pushing nil) when absent and not required.
** [-0, +1, v] */
double *lst_vector(lua_State *L, int idx, const char *key, int required, size_t *n);
/* Raise "stats.<fname>: <err>". [-0, +0, v] */
int lst_error(lua_State *L, const char *fname, const char *err);
/* Push r as a result table with the htest metatable. [-0, +1, m] */
void lst_push_htest(lua_State *L, const htest *r);
/* The generator for a randomized call: the engine's seed (registry field
** PW_SEED_KEY) with args.seed. Sets *seed_used to args.seed (0 when
** absent). [-0, +0, v] */
void lst_rng(lua_State *L, pw_rng *g, lua_Integer *seed_used);

/* The bindings, by file. */
int pw_stats_lbinom_test(lua_State *L);       /* l_stats_htest.c */
int pw_stats_lfisher_test(lua_State *L);      /* l_stats_htest.c */
int pw_stats_lpoisson_test(lua_State *L);     /* l_stats_htest.c */
int pw_stats_lt_test(lua_State *L);           /* l_stats_htest.c */
int pw_stats_lwilcox_test(lua_State *L);      /* l_stats_htest.c */
int pw_stats_lbootstrap(lua_State *L);        /* l_stats_resample.c */
int pw_stats_lpermutation_test(lua_State *L); /* l_stats_resample.c */
int pw_stats_lp_adjust(lua_State *L);         /* l_stats_post.c */
int pw_stats_lbeta_binomial(lua_State *L);    /* l_stats_post.c */
int pw_stats_lgamma_poisson(lua_State *L);    /* l_stats_post.c */
/* The posterior metatable's contents. [-0, +1, m] */
void pw_stats_posterior_meta(lua_State *L);

#endif
