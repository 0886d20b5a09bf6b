/* test_frame_lua.c: Criterion tests of the frame binding (l_frame*.c) in a bare Lua
 * state. */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "frame/l_frame.h"
#include "test_frame_helpers.h"

/* A state whose allocator is the tracker, with the base libraries and
** the module as the global `frame`. */
static lua_State *open_state(tracker *t) {
  lua_State *L = lua_newstate(track_alloc, t);
  cr_assert_not_null(L);
  luaL_openlibs(L);
  luaL_requiref(L, "frame", luaopen_pathway_frame, 1);
  lua_pop(L, 1);
  return L;
}

/* Run chunk; NULL when it succeeds, else its error message (static copy). */
static const char *run(lua_State *L, const char *chunk) {
  static char msg[512];
  if (luaL_loadstring(L, chunk) == LUA_OK && lua_pcall(L, 0, 0, 0) == LUA_OK)
    return NULL;
  snprintf(msg, sizeof msg, "%s", lua_tostring(L, -1) ? lua_tostring(L, -1) : "?");
  lua_pop(L, 1);
  return msg;
}

Test(frame_lua, push_check_and_load_info_from_c) {
  tracker t;
  frame_mem unused = track_init(&t);
  (void)unused;
  lua_State *L = open_state(&t);
  frame_mem m = pw_frame_mem(L);
  static const int64_t v[] = {4, 5};
  frame *f = frame_new(&m, 2);
  add(f, "x", col_int(&m, 2, v, NULL));
  pw_frame_push(L, f); /* what csv.read does */
  lua_newtable(L);
  lua_pushinteger(L, 7);
  lua_setfield(L, -2, "rows_read");
  lua_setiuservalue(L, -2, PW_FRAME_UV_INFO);
  cr_assert_eq(pw_frame_check(L, -1), f);
  lua_setglobal(L, "f");
  const char *err = run(L, "assert(f:load_info().rows_read == 7)\n"
                           "assert(next(f:head(1):load_info()) == nil)\n"
                           "assert(f:col('x'):sum() == 9)");
  cr_assert_null(err, "%s", err);
  lua_close(L);
  track_done(&t);
}

Test(frame_lua, closed_frames_and_grouped_frames_are_checked) {
  tracker t;
  track_init(&t);
  lua_State *L = open_state(&t);
  const char *err = run(L, "f = frame.new{g = {'a', 'b', 'a'}, x = {1, 2, 3}}\n"
                           "g = f:group_by('g')\n"
                           "assert(g:ngroups() == 2)\n"
                           "getmetatable(f).__close(f)\n"
                           "assert(tostring(f) == 'frame (closed)')");
  cr_assert_null(err, "%s", err);
  err = run(L, "return f:nrow()");
  cr_assert_not_null(err);
  cr_assert(strstr(err, "frame is closed"), "%s", err);
  err = run(L, "return g:ngroups()");
  cr_assert_not_null(err);
  cr_assert(strstr(err, "frame is closed"), "%s", err);
  lua_getglobal(L, "g");
  frame *f;
  cr_assert_neq(lua_pcall(L, 0, 0, 0), LUA_OK, "calling a grouped frame is an error");
  lua_pop(L, 1);
  (void)f;
  lua_close(L);
  track_done(&t);
}

Test(frame_lua, a_predicate_that_closes_its_frame_is_an_error) {
  tracker t;
  track_init(&t);
  lua_State *L = open_state(&t);
  const char *err =
      run(L, "local f = frame.new{x = {1, 2, 3}}\n"
             "f:filter(function(r) getmetatable(f).__close(f) return true end)");
  cr_assert_not_null(err);
  cr_assert(strstr(err, "closed while it was being read"), "%s", err);
  lua_close(L);
  track_done(&t);
}

Test(frame_lua, pushformat_and_grouped_check_for_other_modules) {
  tracker t;
  track_init(&t);
  lua_State *L = open_state(&t);
  cr_assert_null(run(L, "f = frame.new{x = {1, 2}}; g = f:group_by('x')"));
  lua_getglobal(L, "f");
  frame_format_opts o = {20, 1, 0};
  pw_frame_pushformat(L, -1, &o);
  cr_assert(strstr(lua_tostring(L, -1), "1 more row"), "%s", lua_tostring(L, -1));
  lua_pop(L, 2);
  lua_getglobal(L, "g");
  pw_grouped_pushformat(L, -1, &o);
  cr_assert(strncmp(lua_tostring(L, -1), "grouped by x: 2 groups\n", 23) == 0, "%s",
            lua_tostring(L, -1));
  lua_pop(L, 1);
  frame *f;
  const frame_groups *g = pw_grouped_check(L, -1, &f);
  cr_assert_eq(g->ngroups, 2);
  cr_assert_eq(f->nrow, 2);
  lua_pop(L, 1);
  lua_close(L);
  track_done(&t);
}

/* Every method once; under allocation failures each run must end in an
** error (never a crash), and closing the state must free everything. */
static const char *const workout =
    "local f = frame.new({g = {'a', 'b', 'a', 'c'}, x = {1, 2, 3, nil, n = 4},\n"
    "  d = {'2024-01-01', nil, '2024-01-03', '2024-01-04'}}, {types = {d = 'date'}})\n"
    "local s = tostring(f)\n"
    "local g = f:group_by('g'):summarise{m = function(t) return t:col('x'):sum() end}\n"
    "local j = f:join(g, {on = 'g', how = 'full'})\n"
    "local k = j:sort('g', 'x', {desc = {x = true}})\n"
    "k = k:filter(function(r) return r.x ~= nil end)\n"
    "k = k:mutate{y = function(r) return r.x * 2 end, z = {1, 2, 3}}\n"
    "local c = k:count('g')\n"
    "local d = f:distinct('g')\n"
    "local rows = f:to_rows()\n"
    "local col = f:col('x')\n"
    "local v = {col:mean(), col:median(), col:quantile{0.25, 0.5}, col:unique(),\n"
    "  col:to_table(), tostring(col), tostring(c), tostring(f:group_by('g'))}\n"
    "for r in f:rows() do end\n"
    "f:head(2); f:tail(-1); f:select('g'); f:rename{g = 'G'}; f:group_by('g'):count()\n";

Test(frame_lua, allocation_failures_end_in_errors_and_leak_nothing) {
  tracker t;
  track_init(&t);
  t.sticky = 1;
  for (long k = 0;; k++) {
    lua_State *L = open_state(&t);
    t.count = 0;
    t.fail_at = k;
    const char *err = run(L, workout);
    t.fail_at = -1;
    lua_close(L);
    cr_assert_eq(t.live, 0, "allocation %ld: %zu blocks leaked", k, t.live);
    if (err == NULL) {
      cr_assert_gt(k, 500, "the workout allocates more than that");
      break;
    }
    cr_assert(strstr(err, "memory"), "allocation %ld: %s", k, err);
    cr_assert_lt(k, 20000, "no end to the failures");
  }
  track_done(&t);
}
