/* alloc.c: the Lua allocator that keeps each engine within --max-memory. */
#include <stdlib.h>

#include "engine.h"

/* lua_Alloc. `used` counts the bytes Lua holds; growth past `limit` is
** refused, which Lua turns into a memory error after an emergency
** collection (so the limit applies to live data, not garbage). In test
** builds `fail_after` refuses one chosen allocation, as lua:ltests.c does. */
void *pw_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  pw_memory *m = &((pw_engine *)ud)->mem;
  if (ptr == NULL)
    osize = 0;  /* for a new block, Lua passes the object type in osize */
  if (nsize == 0) {
    free(ptr);
    m->used -= osize;
    return NULL;
  }
  if (nsize > osize) {
    if (m->fail_after >= 0 && m->fail_after-- == 0)
      return NULL;
    if (m->used - osize + nsize > m->limit + m->grace) {
      m->limit_hit = 1;
      return NULL;
    }
  }
  void *block = realloc(ptr, nsize);
  if (block == NULL)
    return NULL;
  m->used = m->used - osize + nsize;
  if (m->used > m->peak)
    m->peak = m->used;
  return block;
}

/* The engine that owns `L` (any of its threads): the allocator's ud. */
pw_engine *pw_engine_of(lua_State *L) {
  void *ud;
  lua_getallocf(L, &ud);
  return ud;
}

/* Refuse the allocation that comes after `n` more (0: the next one); -1 turns
** the switch off. For allocation-failure tests. */
void pw_alloc_fail_after(pw_engine *e, long n) {
  e->mem.fail_after = n;
}
