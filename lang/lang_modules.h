/* lang_modules.h: the DSL's Lua sources, compiled into the binary. */
#ifndef PW_LANG_MODULES_H
#define PW_LANG_MODULES_H

#include <stddef.h>

typedef struct pw_lang_module {
  const char *name;    /* module name for require, e.g. "pathway.test" */
  const char *path;    /* source path in the repository, e.g. "lang/test.lua" */
  const char *source;  /* the Lua text (NUL-terminated) */
  size_t len;          /* its length in bytes, without the NUL */
} pw_lang_module;

/* Sorted by name; ends with an entry whose name is NULL. */
extern const pw_lang_module pw_lang_modules[];

#endif
