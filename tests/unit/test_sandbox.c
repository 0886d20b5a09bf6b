/* test_sandbox.c: what a script may and may not do (vm/engine/sandbox.c). */
#include <stdio.h>
#include <unistd.h>

#include <lua.h>

#include "engine.h"
#include "helpers.h"

static captured c;

/* Run `code` sandboxed; expect a script error whose message has `needle`. */
static void denied(const char *code, const char *needle) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  pw_status s = pw_load_string(e, code, "=t");
  cr_expect_eq(s, PW_ESCRIPT, "%s: status %d", code, s);
  cr_expect(strstr(pw_errmsg(e), needle) != NULL, "%s: message '%s' lacks '%s'",
            code, pw_errmsg(e), needle);
  pw_close(&e);
}

Test(sandbox, os_execute_names_unsafe) {
  denied("os.execute('true')",
         "t:1: os.execute is not available in the sandbox (run with --unsafe to allow it)");
}

Test(sandbox, process_and_environment_are_denied) {
  denied("io.popen('ls')", "io.popen is not available in the sandbox");
  denied("os.exit(3)", "os.exit is not available in the sandbox");
  denied("os.getenv('HOME')", "os.getenv is not available in the sandbox");
  denied("os.remove('x')", "os.remove is not available in the sandbox");
  denied("os.rename('x', 'y')", "os.rename is not available in the sandbox");
  denied("os.tmpname()", "os.tmpname is not available in the sandbox");
}

Test(sandbox, c_modules_and_debug_are_denied) {
  denied("package.loadlib('libc.so.6', 'puts')", "package.loadlib is not available in the sandbox");
  denied("debug.getinfo(1)", "debug.getinfo is not available in the sandbox");
  denied("debug.sethook()", "debug.sethook is not available in the sandbox");
  denied("debug.getregistry()", "debug.getregistry is not available in the sandbox");
  denied("require 'socket'", "module 'socket' not found");
}

Test(sandbox, binary_chunks_are_denied) {
  denied("load(string.dump(function() end), 'x', 'b')", "binary chunks are not allowed in the sandbox");
  denied("assert(load(string.dump(function() end)))", "attempt to load a binary chunk");
}

Test(sandbox, writes_need_a_declared_output) {
  denied("io.open('/tmp/pathway-sandbox-test', 'w')",
         "io.open: writing '/tmp/pathway-sandbox-test' is not allowed in the sandbox");
  denied("io.open('/tmp/pathway-sandbox-test', 'a+')", "is not allowed in the sandbox");
  denied("io.output('/tmp/x')", "io.output is not available in the sandbox");
}

Test(sandbox, declared_output_may_be_written) {
  char path[] = "/tmp/pathway-sandbox-XXXXXX";
  int fd = mkstemp(path);
  cr_assert(fd >= 0);
  close(fd);
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_allow_write(e, path), PW_OK);
  char code[256];
  snprintf(code, sizeof code, "local f = assert(io.open('%s', 'w')) f:write('ok') f:close()", path);
  cr_expect_eq(pw_load_string(e, code, "=t"), PW_OK, "%s", pw_errmsg(e));
  FILE *f = fopen(path, "r");
  char buf[8] = {0};
  cr_assert_not_null(f);
  cr_expect_eq(fread(buf, 1, 2, f), 2u);
  fclose(f);
  cr_expect_str_eq(buf, "ok");
  unlink(path);
  pw_close(&e);
}

Test(sandbox, reading_files_is_allowed) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_load_string(e, "for l in io.lines('/etc/hostname') do end "
                                 "local f = assert(io.open('/etc/hostname')) f:close()", "=t"),
               PW_OK, "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(sandbox, unsafe_restores_the_standard_library) {
  pw_engine *e = open_engine(&c, 1, 0, 0);
  cr_expect_eq(pw_load_string(e, "assert(type(os.execute) == 'function') "
                                 "assert(type(io.popen) == 'function') "
                                 "assert(type(debug.getinfo) == 'function') "
                                 "assert(type(package.loadlib) == 'function') "
                                 "assert(json and test and expect)", "=t"),
               PW_OK, "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(sandbox, curated_library_is_there) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_load_string(e,
    "assert(string.format and table.concat and math.floor and utf8.char)\n"
    "assert(coroutine.wrap and os.time and os.clock and io.read)\n"
    "assert(debug.traceback and json.encode and require('os') == os)\n"
    "assert(_G == _ENV and _G.print == print)\n", "=t"), PW_OK, "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(sandbox, print_and_io_write_go_through_the_callback) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_assert_eq(pw_load_string(e, "print(1, 'a', nil) io.write('x', 2) "
                                 "io.stderr:write('warned\\n') io.stdout:write('y\\n')", "=t"),
               PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.out, "1\ta\tnil\nx2y\n");
  cr_expect_str_eq(c.err, "warned\n");
  pw_close(&e);
}

Test(sandbox, undefined_global_is_an_error_with_a_suggestion) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_load_string(e, "patients = 1\nreturn pateints + 1", "=t"), PW_ESCRIPT);
  cr_expect(strstr(pw_errmsg(e), "t:2: undefined global 'pateints' (did you mean 'patients'?)"),
            "%s", pw_errmsg(e));
  cr_expect_eq(pw_load_string(e, "return zzzqqq", "=t"), PW_ESCRIPT);
  cr_expect(strstr(pw_errmsg(e), "t:1: undefined global 'zzzqqq'\n"), "%s", pw_errmsg(e));
  cr_expect_eq(pw_load_string(e, "return rawget(_G, 'nothing') == nil", "=t"), PW_OK);
  pw_close(&e);
}

Test(sandbox, unsafe_mode_is_strict_too) {
  pw_engine *e = open_engine(&c, 1, 0, 0);
  cr_expect_eq(pw_load_string(e, "return prnit", "=t"), PW_ESCRIPT);
  cr_expect(strstr(pw_errmsg(e), "undefined global 'prnit' (did you mean 'print'?)"),
            "%s", pw_errmsg(e));
  pw_close(&e);
}

/* The policy C modules see: registry["pathway.may_write"](path). */
static int may_write(pw_engine *e, const char *path) {
  lua_State *L = e->L;
  lua_getfield(L, LUA_REGISTRYINDEX, PW_MAY_WRITE_KEY);
  lua_pushstring(L, path);
  lua_call(L, 1, 1);
  int ok = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return ok;
}

Test(sandbox, write_policy_for_c_modules) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect(!may_write(e, "out.csv"));
  cr_assert_eq(pw_allow_write(e, "out.csv"), PW_OK);
  cr_expect(may_write(e, "out.csv"));
  cr_expect(may_write(e, "./out.csv"), "the same file by another name");
  cr_expect(!may_write(e, "other.csv"));
  pw_close(&e);
  e = open_engine(&c, 1, 0, 0);
  cr_expect(may_write(e, "anything.csv"), "--unsafe lifts the policy");
  pw_close(&e);
}
