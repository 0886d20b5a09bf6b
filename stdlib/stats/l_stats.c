/* l_stats.c: luaopen_pathway_stats, the stats module's table from its parts. */
#include "stats/l_stats.h"

int luaopen_pathway_stats(lua_State *L) {
  lua_newtable(L);
  luaL_setfuncs(L, pw_stats_dist_funcs, 0);
  luaL_setfuncs(L, pw_stats_model_funcs, 0);
  luaL_setfuncs(L, pw_stats_surv_funcs, 0);
  luaL_setfuncs(L, pw_stats_test_funcs, 0);
  luaL_setfuncs(L, pw_stats_maxsprt_funcs, 0);
  pw_stats_model_open(L);
  pw_stats_surv_open(L);
  pw_stats_test_open(L);
  return 1;
}
