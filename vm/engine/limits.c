/* limits.c: the time limit and interruption, enforced by a VM hook. */
#include <lauxlib.h>

#include "engine.h"

static double seconds_until(const struct timespec *t) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(t->tv_sec - now.tv_sec) + (double)(t->tv_nsec - now.tv_nsec) / 1e9;
}

/* Runs every PW_HOOK_COUNT instructions, or on every one once a stop is
** due. Once the deadline has passed or pw_interrupt asked, it fires on
** every instruction, so that a script's pcall cannot swallow the stop: the
** error is raised again as soon as the handler returns. */
static void stop_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  pw_engine *e = pw_engine_of(L);
  if (e->interrupt)
    luaL_error(L, "interrupted");
  if (e->clock.timeout <= 0)
    return;
  if (!e->clock.time_hit) {
    if (seconds_until(&e->clock.deadline) > 0)
      return;
    e->clock.time_hit = 1;
    lua_sethook(L, stop_hook, LUA_MASKCOUNT, 1);
  }
  luaL_error(L, "time limit of %g s exceeded", e->clock.timeout);
}

/* Start the budget of one call: reset the flags, arm the hook. A request
** to interrupt made before this call began is dropped. A call that begins
** with the heap within PW_MEMORY_GRACE of the limit (a script's globals
** hold it all) may use that much more, so that `t = nil` can still be
** compiled and run: the engine stays usable. The heap never grows past
** limit + grace. */
void pw_limits_begin(pw_engine *e) {
  e->mem.limit_hit = 0;
  e->mem.grace = e->mem.used + PW_MEMORY_GRACE > e->mem.limit ? PW_MEMORY_GRACE : 0;
  e->clock.time_hit = 0;
  e->interrupt = 0;
  if (e->clock.timeout <= 0) {
    lua_sethook(e->L, NULL, 0, 0);
  } else {
    struct timespec *d = &e->clock.deadline;
    clock_gettime(CLOCK_MONOTONIC, d);
    double whole = (double)(time_t)e->clock.timeout;
    d->tv_sec += (time_t)whole;
    d->tv_nsec += (long)((e->clock.timeout - whole) * 1e9);
    if (d->tv_nsec >= 1000000000L) {
      d->tv_sec++;
      d->tv_nsec -= 1000000000L;
    }
    lua_sethook(e->L, stop_hook, LUA_MASKCOUNT, PW_HOOK_COUNT);
  }
  if (e->interrupt)   /* a signal between the reset and the hook above */
    lua_sethook(e->L, stop_hook, LUA_MASKCOUNT, 1);
}

/* pw_host_stop.requested (host.h): whether the running call must stop, for
** C kernels that look between batches. A deadline that has passed counts
** as hit, so the call then fails with the time limit as the hook would. */
int pw_stop_requested(void *ud) {
  pw_engine *e = ud;
  if (e->interrupt)
    return 1;
  if (e->clock.timeout > 0 && !e->clock.time_hit && seconds_until(&e->clock.deadline) <= 0)
    e->clock.time_hit = 1;
  return e->clock.time_hit;
}

void pw_limits_end(pw_engine *e) {
  lua_sethook(e->L, NULL, 0, 0);
}

/* As lua.c's laction: setting a hook is the one thing a signal handler may
** do to a running lua_State. */
pw_status pw_interrupt(pw_engine *e) {
  if (e == NULL || e->L == NULL)
    return PW_EINVAL;
  e->interrupt = 1;
  lua_sethook(e->L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
  return PW_OK;
}
