/* engine.c: pw_engine's life cycle and the calls of pathway.h that run Lua. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "engine.h"
#include "csv/l_csv.h"
#include "frame/l_frame.h"
#include "hgvs/l_hgvs.h"
#include "stats/l_stats.h"
#include "json/l_json.h"
#include "hash/l_hash.h"
#include "re/l_re.h"
#include "l_expr.h"

const char pw_key_private_g = 0;
const char pw_key_base = 0;
const char pw_key_writable = 0;
const char pw_key_loaded = 0;

const char *pw_version(void) { return PW_VERSION_STRING; }
const char *pw_lua_release(void) { return LUA_RELEASE; }
int pw_version_number(void) { return PW_VERSION_NUMBER; }

pw_status pw_check_version(int major, int minor) {
  return major == PW_VERSION_MAJOR && minor <= PW_VERSION_MINOR ? PW_OK : PW_EINVAL;
}

void pw_config_init(pw_config *cfg) {
  if (cfg == NULL)
    return;
  memset(cfg, 0, sizeof *cfg);
  cfg->max_memory = PW_DEFAULT_MAX_MEMORY;
  cfg->seed = PW_DEFAULT_SEED;
}

/* lua_WarnFunction: "pathway: warning: " and the pieces, through the host.
** Lua's control messages "@on" and "@off" switch warnings; unlike lua.c,
** they start on, because a review's warnings are meant to be read. */
static void warnf(void *ud, const char *msg, int tocont) {
  pw_engine *e = ud;
  static const char prefix[] = "pathway: warning: ";
  if (!e->warn_midline && !tocont && *msg == '@') {
    if (strcmp(msg, "@off") == 0) e->warn_off = 1;
    if (strcmp(msg, "@on") == 0) e->warn_off = 0;
    return;
  }
  if (e->warn_off)
    return;
  if (!e->warn_midline)
    pw_write(e, PW_STDERR, prefix, sizeof prefix - 1);
  e->warn_midline = tocont;  /* Lua sends a long message in pieces */
  pw_write(e, PW_STDERR, msg, strlen(msg));
  if (!tocont)
    pw_write(e, PW_STDERR, "\n", 1);
}

/* pw_host_output.write: C modules' output, through the host callback. */
static void host_write(void *ud, int stream, const char *s, size_t n) {
  pw_write(ud, stream == 2 ? PW_STDERR : PW_STDOUT, s, n);
}

/* Copy every field of the table at `from` into the table at `to`. */
static void merge(lua_State *L, int from, int to) {
  lua_pushnil(L);
  while (lua_next(L, from)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_settable(L, to);
  }
}

/* Build the world a script runs in (sandbox.c, loader.c), in protected
** mode: the full library for lang/, the curated one for user scripts. */
static int init_state(lua_State *L) {
  pw_engine *e = pw_engine_of(L);
  luaL_openlibs(L);
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);      /* stack: G */
  int g = lua_gettop(L);
  lua_pushvalue(L, g);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &pw_key_private_g);
  lua_pushcfunction(L, pw_print);
  lua_setfield(L, g, "print");
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  lua_pushcfunction(L, luaopen_pathway_json);
  lua_setfield(L, -2, "json");
  lua_pushcfunction(L, luaopen_pathway_frame);
  lua_setfield(L, -2, "frame");
  lua_pushcfunction(L, luaopen_pathway_csv);
  lua_setfield(L, -2, "csv");
  lua_pushcfunction(L, luaopen_pathway_hgvs);
  lua_setfield(L, -2, "hgvs");
  lua_pushcfunction(L, luaopen_pathway_re);
  lua_setfield(L, -2, "re");
  lua_pushcfunction(L, luaopen_pathway_editing);
  lua_setfield(L, -2, "editing");
  lua_pushcfunction(L, luaopen_pathway_stats);
  lua_setfield(L, -2, "stats");
  lua_pushcfunction(L, luaopen_pathway_expr);
  lua_setfield(L, -2, "expr");
  lua_pushcfunction(L, luaopen_pathway_core);
  lua_setfield(L, -2, "pathway.core");
  lua_pushcfunction(L, luaopen_pathway_hash);
  lua_setfield(L, -2, "pathway.hash");
  lua_pop(L, 1);
  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &pw_key_writable);
  pw_inputs_install(L);
  lua_pushcfunction(L, pw_may_write_lua);
  lua_setfield(L, LUA_REGISTRYINDEX, PW_MAY_WRITE_KEY);
  e->host_out.write = host_write;
  e->host_out.ud = e;
  lua_pushlightuserdata(L, &e->host_out);
  lua_setfield(L, LUA_REGISTRYINDEX, PW_HOST_OUTPUT);
  e->host_stop.requested = pw_stop_requested;
  e->host_stop.ud = e;
  lua_pushlightuserdata(L, &e->host_stop);
  lua_setfield(L, LUA_REGISTRYINDEX, PW_HOST_STOP);
  lua_pushlightuserdata(L, &e->rows_read);
  lua_setfield(L, LUA_REGISTRYINDEX, PW_HOST_ROWS);
  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &pw_key_loaded);
  pw_loader_install(L);                                    /* stack: G require */
  int require = lua_gettop(L);
  pw_require_lang(L, "pathway.prelude");                   /* stack: G require prelude */
  int prelude = lua_gettop(L);
  pw_expr_install(L);   /* the prelude loaded frame: expression strings in its methods */

  if (e->unsafe) {
    merge(L, prelude, g);
    lua_pushvalue(L, g);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &pw_key_base);
    pw_env_make_strict(L, g, 0);
  } else {
    lua_newtable(L);                                       /* stack: ... base */
    int base = lua_gettop(L);
    pw_sandbox_fill(L, base);
    merge(L, prelude, base);
    lua_pushvalue(L, require);
    lua_setfield(L, base, "require");
    lua_newtable(L);                                       /* stack: ... base env */
    pw_env_make_strict(L, -1, base);
    lua_pushvalue(L, -1);
    lua_setfield(L, base, "_G");
    lua_pushvalue(L, -1);
    lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);  /* scripts' globals */
    lua_pushvalue(L, base);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &pw_key_base);
    /* require "os" and friends give the curated tables */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &pw_key_loaded);
    merge(L, base, lua_gettop(L));
  }
  lua_pushinteger(L, (lua_Integer)e->seed);   /* for the randomized stats methods */
  lua_setfield(L, LUA_REGISTRYINDEX, PW_SEED_KEY);
  lua_getfield(L, g, "math");
  lua_getfield(L, -1, "randomseed");
  lua_pushinteger(L, (lua_Integer)e->seed);
  lua_call(L, 1, 0);
  return 0;
}

pw_status pw_open(const pw_config *cfg, pw_engine **out) {
  if (out == NULL)
    return PW_EINVAL;
  *out = NULL;
  pw_config defaults;
  if (cfg == NULL) {
    pw_config_init(&defaults);
    cfg = &defaults;
  }
  if (cfg->timeout < 0)
    return PW_EINVAL;
  pw_engine *e = calloc(1, sizeof *e);
  if (e == NULL)
    return PW_EINTERNAL;
  e->mem.limit = cfg->max_memory ? cfg->max_memory : PW_DEFAULT_MAX_MEMORY;
  e->mem.fail_after = -1;
  e->clock.timeout = cfg->timeout;
  e->unsafe = cfg->unsafe != 0;
  e->seed = cfg->seed;
  e->write = cfg->write;
  e->write_ud = cfg->write_ud;
  e->utc_time = -1;
  e->L = lua_newstate(pw_alloc, e);
  if (e->L == NULL) {
    free(e);
    return PW_EINTERNAL;
  }
  lua_setwarnf(e->L, warnf, e);
  lua_pushcfunction(e->L, init_state);
  pw_status s = pw_pcall(e, 0, 0);
  if (s != PW_OK) {
    pw_close(&e);
    return s == PW_EMEMORY ? PW_EMEMORY : PW_EINTERNAL;
  }
  *out = e;
  return PW_OK;
}

pw_status pw_close(pw_engine **engine) {
  if (engine == NULL || *engine == NULL)
    return PW_EINVAL;
  pw_engine *e = *engine;
  lua_close(e->L);
  pw_host_data_close(e);   /* after lua_close: its frames ask it what to free */
  pw_classify_free(e->classify);
  free(e->errmsg);
  free(e->script);
  free(e->command);
  free(e->lock_path);
  free(e);
  *engine = NULL;
  return PW_OK;
}

const char *pw_errmsg(const pw_engine *e) {
  if (e == NULL)
    return "no engine (NULL)";
  return e->errmsg ? e->errmsg : "";
}
