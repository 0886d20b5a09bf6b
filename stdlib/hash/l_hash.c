/* l_hash.c: the `pathway.hash` module for the DSL's own code (provenance,
** pre-specification locks): a thin binding over sha256.c. */
#include <lauxlib.h>
#include <lua.h>

#include "l_hash.h"
#include "sha256.h"

/* hash.sha256(s) -> hex */
static int lhash_sha256(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  char hex[SHA256_HEX_SIZE];
  if (sha256_hex(s, n, hex) != 0)
    return luaL_error(L, "sha256: libcrypto failed");
  lua_pushstring(L, hex);
  return 1;
}

/* hash.sha256_file(path) -> hex | nil, msg */
static int lhash_sha256_file(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  char hex[SHA256_HEX_SIZE], msg[512];
  if (sha256_file_hex(path, hex, msg, sizeof msg) != 0) {
    luaL_pushfail(L);
    lua_pushstring(L, msg);
    return 2;
  }
  lua_pushstring(L, hex);
  return 1;
}

int luaopen_pathway_hash(lua_State *L) {
  static const luaL_Reg funcs[] = {
      {"sha256", lhash_sha256}, {"sha256_file", lhash_sha256_file}, {NULL, NULL}};
  luaL_newlib(L, funcs);
  return 1;
}
