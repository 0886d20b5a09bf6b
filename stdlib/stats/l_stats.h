/* l_stats.h: the Lua binding of the stats module, assembled from one
** function table per part so each part's binding file stands alone. */
#ifndef PW_STDLIB_L_STATS_H
#define PW_STDLIB_L_STATS_H

#include <lauxlib.h>
#include <lua.h>

/* Registry field holding the engine's seed (an integer), which the
** randomized methods (permutation_test, bootstrap) start from. */
#define PW_SEED_KEY "pathway.seed"

/* The parts' functions; each table ends with {NULL, NULL}. */
extern const luaL_Reg pw_stats_dist_funcs[];   /* l_stats_dist.c: d/p/q* */
extern const luaL_Reg pw_stats_model_funcs[];  /* l_stats_model.c: lm, glm */
extern const luaL_Reg pw_stats_surv_funcs[];   /* l_stats_surv.c: km, logrank, cox */
extern const luaL_Reg pw_stats_test_funcs[];   /* l_stats_test.c: *_test, p_adjust, ... */
extern const luaL_Reg pw_stats_maxsprt_funcs[]; /* l_stats_maxsprt.c: maxsprt_* */

/* Each part's metatables, created once per state (may be empty). */
void pw_stats_model_open(lua_State *L);
void pw_stats_surv_open(lua_State *L);
void pw_stats_test_open(lua_State *L);

/* Open the module: one table of every part's functions. [-0, +1, m] */
int luaopen_pathway_stats(lua_State *L);

#endif
