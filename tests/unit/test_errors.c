/* test_errors.c: messages name the user's file and line, and tracebacks
** show the user's frames only (vm/engine/errors.c). */
#include "helpers.h"

static captured c;

Test(errors, runtime_error_has_file_line_and_user_traceback) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  pw_status s = pw_load_string(e,
    "local function inner()\n"
    "  error('boom')\n"
    "end\n"
    "local function outer() inner() end\n"
    "outer()\n", "@review.lua");
  cr_expect_eq(s, PW_ESCRIPT);
  cr_expect_str_eq(pw_errmsg(e),
    "review.lua:2: boom\n"
    "stack traceback:\n"
    "\treview.lua:2: in upvalue 'inner'\n"
    "\treview.lua:4: in local 'outer'\n"
    "\treview.lua:5: in main chunk");
  pw_close(&e);
}

Test(errors, no_engine_frames_in_traceback) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  /* the error passes through C (pcall, json) and lang/ code */
  cr_expect_eq(pw_load_string(e, "expect(1):equals(2)", "@t.lua"), PW_ESCRIPT);
  const char *m = pw_errmsg(e);
  cr_expect(strstr(m, "t.lua:1: expected 2, got 1") == m, "%s", m);
  cr_expect(strstr(m, "[C]") == NULL, "%s", m);
  cr_expect(strstr(m, "[pathway]") == NULL, "%s", m);
  pw_close(&e);
}

Test(errors, syntax_error) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_load_string(e, "x = = 1", "@bad.lua"), PW_ESYNTAX);
  cr_expect_str_eq(pw_errmsg(e), "bad.lua:1: unexpected symbol near '='");
  pw_close(&e);
}

Test(errors, non_string_error_objects) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_load_string(e, "error({})", "=t"), PW_ESCRIPT);
  cr_expect(strstr(pw_errmsg(e), "(error object is a table value)") == pw_errmsg(e), "%s",
            pw_errmsg(e));
  cr_expect_eq(pw_load_string(e, "error(setmetatable({}, {__tostring = function() "
                                 "return 'custom' end}))", "=t"), PW_ESCRIPT);
  cr_expect(strstr(pw_errmsg(e), "custom") == pw_errmsg(e), "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(errors, missing_file) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_load_file(e, "no/such/file.lua"), PW_EIO);
  cr_expect_str_eq(pw_errmsg(e), "cannot open no/such/file.lua: No such file or directory");
  pw_close(&e);
}

Test(errors, long_tracebacks_are_cut) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_load_string(e, "local function f(n) if n == 0 then error('deep') end "
                                 "return 1 + f(n - 1) end f(100)", "=t"), PW_ESCRIPT);
  cr_expect(strstr(pw_errmsg(e), "(...82 more frames)") != NULL, "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(errors, warnings_go_to_stderr) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_load_string(e, "warn('@on') warn('low ', 'protein') warn('@off') warn('x')",
                              "=t"), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.err, "pathway: warning: low protein\n");
  pw_close(&e);
}
