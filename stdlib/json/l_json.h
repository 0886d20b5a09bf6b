/* l_json.h: luaopen_pathway_json, the Lua binding of the json module. */
#ifndef PW_STDLIB_L_JSON_H
#define PW_STDLIB_L_JSON_H

#include <lua.h>

/* Open the module: returns its table. Safe to call more than once per
** state: json.null and the array/object marker metatables are kept in the
** registry, so every copy of the module shares them. */
int luaopen_pathway_json(lua_State *L);

#endif
