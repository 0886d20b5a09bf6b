/* test_limits.c: --max-memory and --timeout end scripts cleanly (alloc.c,
** limits.c), and every allocation failure comes back as a status. */
#include "engine.h"
#include "helpers.h"

static captured c;

Test(limits, memory_limit_ends_the_script) {
  pw_engine *e = open_engine(&c, 0, (size_t)16 << 20, 0);
  pw_status s = pw_load_string(e, "local t = {} for i = 1, 1e9 do t[i] = i end", "=t");
  cr_expect_eq(s, PW_EMEMORY);
  cr_expect_str_eq(pw_errmsg(e), "memory limit of 16 MiB exceeded");
  /* the engine stays usable */
  cr_expect_eq(pw_load_string(e, "x = 1", "=t"), PW_OK, "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(limits, memory_limit_in_a_string_builder) {
  pw_engine *e = open_engine(&c, 0, (size_t)8 << 20, 0);
  cr_expect_eq(pw_load_string(e, "return string.rep('x', 1 << 30)", "=t"), PW_EMEMORY);
  cr_expect_str_eq(pw_errmsg(e), "memory limit of 8 MiB exceeded");
  pw_close(&e);
}

Test(limits, timeout_ends_a_loop) {
  pw_engine *e = open_engine(&c, 0, 0, 0.2);
  cr_expect_eq(pw_load_string(e, "while true do end", "=t"), PW_ETIMEOUT);
  cr_expect_str_eq(pw_errmsg(e), "time limit of 0.2 s exceeded");
  cr_expect_eq(pw_load_string(e, "x = 1", "=t"), PW_OK, "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(limits, pcall_cannot_swallow_the_timeout) {
  pw_engine *e = open_engine(&c, 0, 0, 0.2);
  cr_expect_eq(pw_load_string(e,
    "while true do pcall(function() while true do end end) end", "=t"), PW_ETIMEOUT);
  cr_expect_eq(pw_load_string(e,
    "local co = coroutine.wrap(function() while true do end end) "
    "while true do pcall(co) end", "=t"), PW_ETIMEOUT);
  pw_close(&e);
}

/* Three runs of 0.6 s of wall time each fit a 1 s limit each, not together.
** The runs sleep in a child process (hence --unsafe), so the test does not
** depend on how much CPU a loaded machine gives it. */
Test(limits, timeout_is_per_call) {
  pw_engine *e = open_engine(&c, 1, 0, 1.0);
  for (int i = 0; i < 3; i++)
    cr_expect_eq(pw_load_string(e, "os.execute('sleep 0.6')", "=t"), PW_OK, "%s", pw_errmsg(e));
  pw_close(&e);
}

/* Fail the n-th allocation of a script for every n: each run must end in a
** status, never a crash, and leave nothing leaked (ASan's leak checker). */
Test(limits, every_allocation_failure_is_a_status) {
  const char *code = "local t = {} for i = 1, 200 do t[i] = {tostring(i)} end "
                     "return json.encode({a = t[1], b = 'x' .. #t})";
  int ok_seen = 0;
  for (long n = 0; n < 400; n++) {
    pw_engine *e = open_engine(&c, 0, 0, 0);
    pw_alloc_fail_after(e, n);
    pw_status s = pw_load_string(e, code, "=t");
    cr_expect(s == PW_OK || s == PW_EINTERNAL || s == PW_ESCRIPT,
              "n=%ld: status %d (%s)", n, s, pw_errmsg(e));
    ok_seen |= s == PW_OK;
    pw_alloc_fail_after(e, -1);
    cr_expect_eq(pw_load_string(e, "x = 1", "=t"), PW_OK, "n=%ld: %s", n, pw_errmsg(e));
    pw_close(&e);
  }
  cr_expect(ok_seen, "some run must have room to finish");
}

/* The stop hook C kernels ask (host.h PW_HOST_STOP): yes once an interrupt
** is asked or the deadline has passed, which then counts as the time limit
** hit, so the call fails with the time limit's message. */
Test(limits, the_kernels_stop_hook_sees_interrupts_and_deadlines) {
  pw_engine *e = open_engine(&c, 0, 0, 0.05);
  pw_limits_begin(e);
  cr_expect_eq(pw_stop_requested(e), 0);
  pw_interrupt(e);
  cr_expect_eq(pw_stop_requested(e), 1);
  pw_limits_end(e);
  pw_limits_begin(e);   /* a new call: the old request is dropped */
  cr_expect_eq(pw_stop_requested(e), 0);
  struct timespec pause = {0, 80 * 1000 * 1000};
  nanosleep(&pause, NULL);   /* past the 0.05 s deadline; not a timing assertion */
  cr_expect_eq(pw_stop_requested(e), 1);
  cr_expect(e->clock.time_hit);
  pw_limits_end(e);
  pw_close(&e);
}
