/* test_loader.c: lang/ modules are embedded and found by require
** (vm/engine/loader.c); user scripts cannot reach the trusted world. */
#include "helpers.h"
#include "lang_modules.h"

static captured c;

Test(loader, every_lang_module_is_embedded) {
  int n = 0, prelude = 0, test = 0;
  for (const pw_lang_module *m = pw_lang_modules; m->name; m++, n++) {
    cr_expect(strncmp(m->name, "pathway.", 8) == 0, "%s", m->name);
    cr_expect_eq(strlen(m->source), m->len, "%s", m->name);
    prelude |= strcmp(m->name, "pathway.prelude") == 0;
    test |= strcmp(m->name, "pathway.test") == 0;
  }
  cr_expect(n >= 3 && prelude && test);
}

Test(loader, lang_modules_are_not_user_modules) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_load_string(e, "require 'pathway.core'", "=t"), PW_ESCRIPT);
  cr_expect(strstr(pw_errmsg(e), "module 'pathway.core' not found") != NULL, "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(loader, standard_names_give_the_curated_tables) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  cr_expect_eq(pw_load_string(e, "assert(require('json') == json) "
                                 "assert(require('string') == string) "
                                 "assert(require('io') == io) "
                                 "require('os').execute('x')", "=t"), PW_ESCRIPT);
  cr_expect(strstr(pw_errmsg(e), "os.execute is not available in the sandbox") != NULL,
            "%s", pw_errmsg(e));
  pw_close(&e);
}

Test(loader, user_globals_do_not_leak_into_lang) {
  pw_engine *e = open_engine(&c, 0, 0, 0);
  /* replacing a global the DSL also uses must not change the DSL */
  cr_expect_eq(pw_load_string(e, "tostring = nil; error = nil; "
                                 "test 'still works' (function() expect(1):equals(1) end)", "=t"),
               PW_OK, "%s", pw_errmsg(e));
  cr_expect_str_eq(c.out, "ok    still works\n");
  pw_close(&e);
}
