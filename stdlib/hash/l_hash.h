/* l_hash.h: the Lua binding of the SHA-256 core. */
#ifndef PW_STDLIB_L_HASH_H
#define PW_STDLIB_L_HASH_H

#include <lua.h>

/* [-0, +1, m] the module table: sha256(s), sha256_file(path) */
int luaopen_pathway_hash(lua_State *L);

#endif
