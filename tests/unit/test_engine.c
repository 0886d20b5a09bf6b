/* test_engine.c: the calls of pathway.h (vm/engine/engine.c, run.c). */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static captured c;

Test(engine, versions) {
  cr_expect_str_eq(pw_version(), "0.1.0");
  cr_expect(strncmp(pw_lua_release(), "Lua 5.4.", 8) == 0, "%s", pw_lua_release());
}

Test(engine, open_and_close) {
  pw_engine *e = NULL;
  cr_assert_eq(pw_open(NULL, &e), PW_OK);
  cr_expect_eq(pw_close(&e), PW_OK);
  cr_expect_null(e);
  cr_expect_eq(pw_close(&e), PW_EINVAL, "double close is an error, not a crash");
  cr_expect_eq(pw_close(NULL), PW_EINVAL);
  cr_expect_eq(pw_open(NULL, NULL), PW_EINVAL);
}

Test(engine, misuse_is_a_status) {
  cr_expect_eq(pw_load_string(NULL, "x = 1", "=t"), PW_EINVAL);
  cr_expect_eq(pw_load_file(NULL, "x.lua"), PW_EINVAL);
  cr_expect_eq(pw_eval(NULL, "1"), PW_EINVAL);
  cr_expect_str_eq(pw_errmsg(NULL), "no engine (NULL)");
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_load_string(e, NULL, "=t"), PW_EINVAL);
  cr_expect_eq(pw_load_file(e, NULL), PW_EINVAL);
  cr_expect_eq(pw_set_args(e, 1, NULL, 0), PW_EINVAL);
  cr_expect_eq(pw_allow_write(e, ""), PW_EINVAL);
  cr_expect_eq(pw_run_tests(e, 1, NULL, NULL), PW_EINVAL);
  pw_config cfg;
  pw_config_init(&cfg);
  cfg.timeout = -1;
  pw_engine *bad = NULL;
  cr_expect_eq(pw_open(&cfg, &bad), PW_EINVAL);
  cr_expect_null(bad);
  pw_close(&e);
}

Test(engine, script_arguments) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  const char *argv[] = {"pathway", "--seed", "3", "s.lua", "a", "b"};
  cr_assert_eq(pw_set_args(e, 6, argv, 3), PW_OK);
  cr_expect_eq(pw_load_string(e, "print(arg[-3], arg[-1], arg[0], arg[1], arg[2], #arg)", "=t"),
               PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.out, "pathway\t3\ts.lua\ta\tb\t2\n");
  pw_close(&e);
}

Test(engine, script_file_gets_args_and_requires_neighbours) {
  char dir[] = "/tmp/pathway-engine-XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  char script[128], module[128];
  snprintf(script, sizeof script, "%s/main.lua", dir);
  snprintf(module, sizeof module, "%s/helper.lua", dir);
  FILE *f = fopen(module, "w");
  fputs("return { twice = function(x) return 2 * x end }\n", f);
  fclose(f);
  f = fopen(script, "w");
  fputs("local a, b = ...\nlocal h = require 'helper'\nprint(a, b, h.twice(21), require('helper') == h)\n", f);
  fclose(f);
  pw_engine *e = open_engine(&c, 0, 0, 0);
  const char *argv[] = {"pathway", script, "x", "y"};
  cr_assert_eq(pw_set_args(e, 4, argv, 1), PW_OK);
  cr_expect_eq(pw_load_file(e, script), PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.out, "x\ty\t42\ttrue\n");
  pw_close(&e);
  unlink(script);
  unlink(module);
  rmdir(dir);
}

Test(engine, eval_prints_expressions_and_detects_incomplete_chunks) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_eval(e, "1 + 1"), PW_OK);
  cr_expect_eq(pw_eval(e, "x = 5"), PW_OK);
  cr_expect_eq(pw_eval(e, "x, 'a'"), PW_OK);
  cr_expect_eq(pw_eval(e, "for i = 1, 2 do"), PW_EINCOMPLETE);
  cr_expect_str_eq(pw_errmsg(e), "");
  cr_expect_eq(pw_eval(e, "for i = 1, 2 do\nprint(i)\nend"), PW_OK);
  cr_expect_eq(pw_eval(e, "x = = 2"), PW_ESYNTAX);
  cr_expect_str_eq(pw_errmsg(e), "stdin:1: unexpected symbol near '='");
  cr_expect_eq(pw_eval(e, "error('e')"), PW_ESCRIPT);
  cr_expect_str_eq(c.out, "2\n5\ta\n1\n2\n");
  pw_close(&e);
}

Test(engine, seed_makes_random_reproducible) {
  char first[64];
  pw_config cfg;
  for (int round = 0; round < 3; round++) {
    pw_config_init(&cfg);
    cfg.seed = round < 2 ? 42 : 43;
    cfg.write = capture;
    cfg.write_ud = &c;
    memset(&c, 0, sizeof c);
    pw_engine *e = NULL;
    cr_assert_eq(pw_open(&cfg, &e), PW_OK);
    cr_assert_eq(pw_load_string(e, "print(math.random(1, 1000000), math.random())", "=t"), PW_OK);
    if (round == 0)
      strcpy(first, c.out);
    else if (round == 1)
      cr_expect_str_eq(c.out, first);
    else
      cr_expect_str_neq(c.out, first);
    pw_close(&e);
  }
}

Test(engine, engines_are_independent) {
  captured c2;
  pw_engine *a = open_engine(&c, 0, 0, 0);
  pw_engine *b = open_engine(&c2, 0, 0, 0);
  cr_expect_eq(pw_load_string(a, "shared = 1 string.extra = 1", "=t"), PW_OK);
  cr_expect_eq(pw_load_string(b, "return shared", "=t"), PW_ESCRIPT);
  cr_expect_eq(pw_load_string(b, "assert(string.extra == nil)", "=t"), PW_OK, "%s", pw_errmsg(b));
  pw_close(&a);
  pw_close(&b);
}

Test(engine, help) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_help(e, NULL), PW_OK, "%s", pw_errmsg(e));
  cr_expect(strstr(c.out, "json.encode") != NULL, "%s", c.out);
  memset(&c, 0, sizeof c);
  cr_expect_eq(pw_help(e, "near"), PW_OK, "%s", pw_errmsg(e));
  cr_expect(strncmp(c.out, "near(a, b [, tol])\n", 19) == 0, "%s", c.out);
  cr_expect_eq(pw_help(e, "nothing"), PW_EINVAL);
  cr_expect_str_eq(pw_errmsg(e), "no help for 'nothing' (pathway help lists the topics)");
  pw_close(&e);
}
