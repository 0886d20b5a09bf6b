/* env.c: the strict global environment: reading an undefined global is an
** error naming it and, when one is close, the name that was probably meant. */
#include <string.h>

#include <lauxlib.h>

#include "engine.h"

#define MAX_NAME 64   /* names longer than this get no suggestion */

/* Levenshtein distance, capped: returns MAX_NAME when either is too long. */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb) {
  size_t row[MAX_NAME + 1];
  if (la > MAX_NAME || lb > MAX_NAME)
    return MAX_NAME;
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      size_t best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[lb];
}

/* Look through the string keys of the table at `t` for the one nearest
** `name`; keep it in *best if it beats *dist. [-0, +0, -] */
static void nearest_key(lua_State *L, int t, const char *name, size_t len,
                        const char **best, size_t *dist) {
  lua_pushnil(L);
  while (lua_next(L, t)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      continue;
    size_t kl;
    const char *k = lua_tolstring(L, -1, &kl);
    size_t d = edit_distance(name, len, k, kl);
    if (d < *dist) {
      *dist = d;
      *best = k;  /* stays valid: the key is held by the table */
    }
  }
}

/* __index of a user environment: upvalue 1 is the base table (or nil). */
static int strict_index(lua_State *L) {
  if (!lua_isnil(L, lua_upvalueindex(1))) {
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
      return 1;
    lua_pop(L, 1);
  }
  if (lua_type(L, 2) != LUA_TSTRING)
    return 0;
  size_t len;
  const char *name = lua_tolstring(L, 2, &len);
  const char *best = NULL;
  size_t dist = (len < 4 ? 1 : 2) + 1;  /* a suggestion must be closer */
  nearest_key(L, 1, name, len, &best, &dist);
  if (!lua_isnil(L, lua_upvalueindex(1)))
    nearest_key(L, lua_upvalueindex(1), name, len, &best, &dist);
  if (best)
    return luaL_error(L, "undefined global '%s' (did you mean '%s'?)", name, best);
  return luaL_error(L, "undefined global '%s'", name);
}

/* Give the table at `env` a metatable that reads missing names from the
** table at `base` (0: none) and raises for names neither has. */
void pw_env_make_strict(lua_State *L, int env, int base) {
  env = lua_absindex(L, env);
  if (base)
    base = lua_absindex(L, base);
  lua_createtable(L, 0, 1);                   /* stack: mt */
  if (base)
    lua_pushvalue(L, base);
  else
    lua_pushnil(L);
  lua_pushcclosure(L, strict_index, 1);       /* stack: mt __index */
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, env);
}
