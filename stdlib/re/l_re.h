/* l_re.h: luaopen_pathway_re, the Lua binding of the re module (docs/re.md). */
#ifndef PW_STDLIB_L_RE_H
#define PW_STDLIB_L_RE_H

#include <lua.h>

#define PW_REGEX_MT "pathway.regex"

/* Open the module: returns its table. Each call makes a fresh pattern
** cache (an upvalue of the module's functions). */
int luaopen_pathway_re(lua_State *L);

#endif
