/* classify.c: variant classification by a script's group set (pathway.h
** "variant groups"), cached in C per engine and per group set. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine.h"

#if !defined(PW_CLASSIFY_BLOCK)
#define PW_CLASSIFY_BLOCK 65536   /* bytes per arena block of cached strings */
#endif

#define GROUPSET_NAME "pathway.groupset"   /* __name of lang/variants.lua's GroupSet */

typedef struct pw_classify_cache pw_classify_cache;

/* Registry key of a table {[set] = true}: every group set the cache has
** answers for is kept alive by it, so that its address cannot be reused by
** another table while the engine lives, and the address is its identity. */
static const char anchor_key = 0;

/* A block of the arena that owns every cached string (variants and group
** names): one malloc per 64 KiB instead of one per string, freed at once. */
typedef struct arena_block {
  struct arena_block *next;   /* the block filled before this one */
  size_t used;                /* bytes of data[] handed out */
  size_t size;                /* bytes of data[] */
  char data[];                /* the strings, NUL-terminated */
} arena_block;

/* One slot of an open-addressing string map; empty when key is NULL. */
typedef struct slot {
  const char *key;     /* the string (arena-owned, or borrowed for scratch maps) */
  size_t len;          /* its length */
  uint64_t hash;       /* its hash, compared before the bytes */
  const char *value;   /* what the key maps to */
} slot;

/* A map from strings to strings, linear probing, at most half full. */
typedef struct strmap {
  slot *slots;         /* cap slots, or NULL while empty */
  size_t cap;          /* a power of two, or 0 */
  size_t count;        /* keys present */
} strmap;

/* The answers of one group set: variant string -> interned group name. */
typedef struct set_cache {
  const void *set;     /* the set's address (lua_topointer), anchored */
  strmap groups;       /* keys and values in the arena */
} set_cache;

/* A global name the host classifies with, and what it was bound to when
** last looked at. */
typedef struct binding {
  char *name;          /* the global's name (malloc'd) */
  int name_ref;        /* registry ref to the name as a Lua string, or LUA_NOREF */
  const void *set;     /* the group set it held last time, or NULL */
  set_cache *cache;    /* that set's answers, or NULL */
} binding;

/* Everything classify.c keeps for one engine (engine.h: e->classify). */
struct pw_classify_cache {
  arena_block *arena;  /* the block being filled, then the older ones */
  strmap names;        /* interned group names: name -> itself */
  set_cache **sets;    /* every group set seen, by address */
  size_t nsets;        /* entries of sets */
  size_t capsets;      /* allocated entries of sets */
  binding *bindings;   /* every global name asked about */
  size_t nbindings;    /* entries of bindings */
  size_t capbindings;  /* allocated entries of bindings */
  size_t last;         /* the binding used last, checked first */
};

/* ---------------------------------------------------------------- C memory */

/* FNV-1a, 64 bits; also measures the string. */
static uint64_t hash_string(const char *s, size_t *len) {
  uint64_t h = 14695981039346656037u;
  const unsigned char *p = (const unsigned char *)s;
  for (; *p; p++)
    h = (h ^ *p) * 1099511628211u;
  *len = (size_t)(p - (const unsigned char *)s);
  return h;
}

/* A copy of s[0..len) with a NUL, owned by the arena; NULL when out of memory. */
static const char *arena_copy(pw_classify_cache *c, const char *s, size_t len) {
  arena_block *b = c->arena;
  if (b == NULL || b->size - b->used < len + 1) {
    size_t size = len + 1 > PW_CLASSIFY_BLOCK ? len + 1 : PW_CLASSIFY_BLOCK;
    b = malloc(sizeof *b + size);
    if (b == NULL)
      return NULL;
    b->next = c->arena;
    b->used = 0;
    b->size = size;
    c->arena = b;
  }
  char *out = b->data + b->used;
  memcpy(out, s, len);
  out[len] = '\0';
  b->used += len + 1;
  return out;
}

/* The slot holding `key`, or the empty slot where it would go. The map
** must have room (cap > 0). */
static slot *map_slot(const strmap *m, const char *key, size_t len, uint64_t h) {
  size_t mask = m->cap - 1;
  for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
    slot *s = &m->slots[i];
    if (s->key == NULL || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
      return s;
  }
}

/* The value of `key`, or NULL. */
static const char *map_get(const strmap *m, const char *key, size_t len, uint64_t h) {
  return m->cap ? map_slot(m, key, len, h)->value : NULL;
}

/* Make room for one more key; 0 when out of memory. */
static int map_reserve(strmap *m) {
  if (2 * (m->count + 1) <= m->cap)
    return 1;
  size_t cap = m->cap ? 2 * m->cap : 64;
  slot *slots = calloc(cap, sizeof *slots);
  if (slots == NULL)
    return 0;
  strmap grown = {slots, cap, m->count};
  for (size_t i = 0; i < m->cap; i++)
    if (m->slots[i].key)
      *map_slot(&grown, m->slots[i].key, m->slots[i].len, m->slots[i].hash) = m->slots[i];
  free(m->slots);
  *m = grown;
  return 1;
}

/* Add a key that is not present; the key's memory is the caller's to keep. */
static int map_add(strmap *m, const char *key, size_t len, uint64_t h, const char *value) {
  if (!map_reserve(m))
    return 0;
  slot *s = map_slot(m, key, len, h);
  *s = (slot){key, len, h, value};
  m->count++;
  return 1;
}

/* The engine-wide copy of group name `s`, or NULL when out of memory. */
static const char *intern(pw_classify_cache *c, const char *s, size_t len) {
  uint64_t h = 14695981039346656037u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  const char *found = map_get(&c->names, s, len, h);
  if (found)
    return found;
  const char *copy = arena_copy(c, s, len);
  if (copy == NULL || !map_add(&c->names, copy, len, h, copy))
    return NULL;
  return copy;
}

/* Remember that `variant` is in group `name` under `sc`; 0 when out of memory. */
static int remember(pw_classify_cache *c, set_cache *sc, const char *variant,
                    const char *name, size_t name_len) {
  size_t len;
  uint64_t h = hash_string(variant, &len);
  if (map_get(&sc->groups, variant, len, h))
    return 1;
  const char *group = intern(c, name, name_len);
  const char *key = group ? arena_copy(c, variant, len) : NULL;
  return key != NULL && map_add(&sc->groups, key, len, h, group);
}

/* The cached group of `variant` under `sc`, or NULL. */
static const char *lookup(const set_cache *sc, const char *variant) {
  size_t len;
  uint64_t h = hash_string(variant, &len);
  return map_get(&sc->groups, variant, len, h);
}

void pw_classify_free(pw_classify_cache *c) {
  if (c == NULL)
    return;
  while (c->arena) {
    arena_block *next = c->arena->next;
    free(c->arena);
    c->arena = next;
  }
  free(c->names.slots);
  for (size_t i = 0; i < c->nsets; i++) {
    free(c->sets[i]->groups.slots);
    free(c->sets[i]);
  }
  free(c->sets);
  for (size_t i = 0; i < c->nbindings; i++)
    free(c->bindings[i].name);
  free(c->bindings);
  free(c);
}

/* Grow an array of `size`-byte entries to hold one more; 0 when out of memory. */
static int grow(void **items, size_t n, size_t *cap, size_t size) {
  if (n < *cap)
    return 1;
  size_t ncap = *cap ? 2 * *cap : 8;
  void *p = realloc(*items, ncap * size);
  if (p == NULL)
    return 0;
  *items = p;
  *cap = ncap;
  return 1;
}

/* The binding of global `name`, created (not yet bound) when new; NULL
** when out of memory. */
static binding *get_binding(pw_classify_cache *c, const char *name) {
  if (c->last < c->nbindings && strcmp(c->bindings[c->last].name, name) == 0)
    return &c->bindings[c->last];
  for (size_t i = 0; i < c->nbindings; i++)
    if (strcmp(c->bindings[i].name, name) == 0) {
      c->last = i;
      return &c->bindings[i];
    }
  void *items = c->bindings;
  char *copy = strdup(name);
  if (copy == NULL || !grow(&items, c->nbindings, &c->capbindings, sizeof *c->bindings)) {
    free(copy);
    return NULL;
  }
  c->bindings = items;
  c->last = c->nbindings++;
  c->bindings[c->last] = (binding){copy, LUA_NOREF, NULL, NULL};
  return &c->bindings[c->last];
}

/* The answers of the group set at address `set`, created when new. */
static set_cache *get_set_cache(pw_classify_cache *c, const void *set) {
  for (size_t i = 0; i < c->nsets; i++)
    if (c->sets[i]->set == set)
      return c->sets[i];
  void *items = c->sets;
  set_cache *sc = calloc(1, sizeof *sc);
  if (sc == NULL || !grow(&items, c->nsets, &c->capsets, sizeof *c->sets)) {
    free(sc);
    return NULL;
  }
  c->sets = items;
  sc->set = set;
  c->sets[c->nsets++] = sc;
  return sc;
}

/* ---------------------------------------------------------------- Lua side */

/* The answers for `b` if its global still holds the set it held last time.
** Touches Lua without allocating and without raising: both keys are
** already on hand (LUA_RIDX_GLOBALS, the anchored name string), lua_rawget
** runs no metamethod, and the two slots pushed are within the LUA_MINSTACK
** every caller of the C API is guaranteed. The set is anchored, so an
** equal address of a table is the same set. [-0, +0, -] */
static set_cache *current_cache(lua_State *L, const binding *b) {
  if (b->cache == NULL)
    return NULL;
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);   /* stack: env */
  lua_rawgeti(L, LUA_REGISTRYINDEX, b->name_ref);        /* stack: env name */
  int is_table = lua_rawget(L, -2) == LUA_TTABLE;        /* stack: env value */
  const void *p = lua_topointer(L, -1);
  lua_pop(L, 2);
  return is_table && p == b->set ? b->cache : NULL;
}

/* Whether the value at `idx` is a group set: a table whose metatable is
** named "pathway.groupset" (lang/variants.lua). [-0, +0, m] */
static int is_group_set(lua_State *L, int idx) {
  if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
    return 0;
  lua_pushliteral(L, "__name");
  lua_rawget(L, -2);
  const char *name = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  int yes = name != NULL && strcmp(name, GROUPSET_NAME) == 0;
  lua_pop(L, 2);
  return yes;
}

/* What resolve() passes to its protected half. */
typedef struct resolve_job {
  const char *name;    /* the global */
  int name_ref;        /* in/out: the name's registry ref, made when LUA_NOREF */
  const void *set;     /* out: the set's address, NULL when not a group set */
  const char *got;     /* out: the global's type name, for the message */
} resolve_job;

/* Read the global `name` (raw: the user environment raises on undefined
** names), anchor it when it is a group set. */
static int do_resolve(lua_State *L) {
  resolve_job *job = lua_touserdata(L, 1);
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);   /* stack: job env */
  lua_pushstring(L, job->name);                          /* stack: job env name */
  if (job->name_ref == LUA_NOREF) {
    lua_pushvalue(L, -1);
    job->name_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  }
  lua_rawget(L, 2);                                      /* stack: job env set */
  job->got = luaL_typename(L, 3);
  if (!is_group_set(L, 3))
    return 0;
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &anchor_key) != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &anchor_key);
  }                                                      /* stack: job env set anchors */
  lua_pushvalue(L, 3);
  lua_pushboolean(L, 1);
  lua_rawset(L, 4);
  job->set = lua_topointer(L, 3);
  return 0;
}

/* The answers of the group set in global `name`: from the binding when the
** global still holds the same set, else by reading and checking it. */
static pw_status resolve(pw_engine *e, const char *name, binding **bout, set_cache **out) {
  if (e->classify == NULL && (e->classify = calloc(1, sizeof *e->classify)) == NULL)
    return PW_EINTERNAL;
  binding *b = get_binding(e->classify, name);
  if (b == NULL) {
    pw_set_error(e, "out of memory for the classification cache");
    return PW_EINTERNAL;
  }
  *bout = b;
  if ((*out = current_cache(e->L, b)) != NULL)
    return PW_OK;
  resolve_job job = {name, b->name_ref, NULL, "no value"};
  lua_pushcfunction(e->L, do_resolve);
  lua_pushlightuserdata(e->L, &job);
  pw_status s = pw_pcall(e, 1, 0);
  b->name_ref = job.name_ref;   /* made even when a later step failed */
  if (s != PW_OK)
    return s;
  if (job.set == NULL) {
    pw_set_errorf(e, "'%s' is not a variant group set (variants.group {...}); it is %s",
                  name, job.got);
    return PW_EINVAL;
  }
  set_cache *sc = get_set_cache(e->classify, job.set);
  if (sc == NULL) {
    pw_set_error(e, "out of memory for the classification cache");
    return PW_EINTERNAL;
  }
  b->set = job.set;
  b->cache = sc;
  *out = sc;
  return PW_OK;
}

/* What classify_misses passes to its protected half. */
typedef struct classify_job {
  pw_classify_cache *cache;     /* where answers go */
  set_cache *sc;                /* the set's answers */
  int name_ref;                 /* the global holding the set */
  const char *const *pending;   /* distinct strings not yet cached */
  size_t n;                     /* entries of pending */
  int out_of_memory;            /* out: the C cache could not grow */
} classify_job;

/* stack: job env set classes; push class i, its groups and its first
** group's name, and return the name; raise when the set's classify_values
** gave something else. [-0, +3, v] */
static const char *group_of(lua_State *L, size_t i, size_t *len) {
  if (lua_rawgeti(L, 4, (lua_Integer)i + 1) == LUA_TTABLE) {  /* stack: ... class */
    lua_pushliteral(L, "groups");
    if (lua_rawget(L, -2) == LUA_TTABLE && lua_rawgeti(L, -1, 1) == LUA_TSTRING)
      return lua_tolstring(L, -1, len);                  /* stack: ... class groups name */
  }
  luaL_error(L, "classify_values gave no group for variant %d", (int)(i + 1));
  return NULL;
}

/* set:classify_values(pending, n), one Lua call for all of them; then the
** first group of each into the C cache. With `multiple = true` the first is
** the first matching rule in declared order (docs/embedding.md). */
static int do_classify(lua_State *L) {
  classify_job *job = lua_touserdata(L, 1);
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);   /* stack: job env */
  lua_rawgeti(L, LUA_REGISTRYINDEX, job->name_ref);
  lua_rawget(L, 2);                                      /* stack: job env set */
  if (!is_group_set(L, 3))   /* checked by resolve(); no Lua code ran since */
    return luaL_error(L, "not a variant group set");
  lua_getfield(L, 3, "classify_values");
  lua_pushvalue(L, 3);
  lua_createtable(L, job->n < INT_MAX ? (int)job->n : INT_MAX, 0);
  for (size_t i = 0; i < job->n; i++) {
    lua_pushstring(L, job->pending[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_pushinteger(L, (lua_Integer)job->n);
  lua_call(L, 3, 1);                                     /* stack: job env set classes */
  if (lua_type(L, 4) != LUA_TTABLE)
    return luaL_error(L, "classify_values did not return a table");
  for (size_t i = 0; i < job->n; i++) {
    size_t len;
    const char *name = group_of(L, i, &len);            /* stack: ... class groups name */
    int ok = remember(job->cache, job->sc, job->pending[i], name, len);
    lua_pop(L, 3);
    if (!ok) {
      job->out_of_memory = 1;
      return 0;
    }
  }
  return 0;
}

/* Classify the distinct strings among variants[i] whose groups[i] is NULL,
** in one protected Lua call. */
static pw_status classify_misses(pw_engine *e, const binding *b, set_cache *sc,
                                 const char *const *variants, size_t n,
                                 const char **groups, size_t misses) {
  const char **pending = malloc(misses * sizeof *pending);
  strmap seen = {NULL, 0, 0};   /* borrowed keys: dedups the batch */
  size_t m = 0;
  int oom = pending == NULL;
  for (size_t i = 0; i < n && !oom; i++) {
    if (groups[i])
      continue;
    size_t len;
    uint64_t h = hash_string(variants[i], &len);
    if (map_get(&seen, variants[i], len, h))
      continue;
    oom = !map_add(&seen, variants[i], len, h, variants[i]);
    pending[m++] = variants[i];
  }
  pw_status s = PW_OK;
  if (!oom) {
    classify_job job = {e->classify, sc, b->name_ref, pending, m, 0};
    lua_pushcfunction(e->L, do_classify);
    lua_pushlightuserdata(e->L, &job);
    s = pw_pcall(e, 1, 0);
    oom = s == PW_OK && job.out_of_memory;
  }
  free(pending);
  free(seen.slots);
  if (oom) {
    pw_set_error(e, "out of memory for the classification cache");
    return PW_EINTERNAL;
  }
  return s;
}

pw_status pw_group_set_classify_batch(pw_engine *e, const char *set,
                                      const char *const *variants, size_t n,
                                      const char **groups) {
  if (e == NULL || e->L == NULL || set == NULL || (n > 0 && (variants == NULL || groups == NULL)))
    return PW_EINVAL;
  for (size_t i = 0; i < n; i++)
    if (variants[i] == NULL) {
      pw_set_errorf(e, "variants[%zu] is NULL", i);
      return PW_EINVAL;
    }
  binding *b;
  set_cache *sc;
  pw_status s = resolve(e, set, &b, &sc);
  if (s != PW_OK)
    return s;
  size_t misses = 0;
  for (size_t i = 0; i < n; i++)
    if ((groups[i] = lookup(sc, variants[i])) == NULL)
      misses++;
  if (misses == 0)
    return PW_OK;
  s = classify_misses(e, b, sc, variants, n, groups, misses);
  for (size_t i = 0; i < n && s == PW_OK; i++)
    if (groups[i] == NULL && (groups[i] = lookup(sc, variants[i])) == NULL)
      s = PW_EINTERNAL;   /* unreachable: every miss was just cached */
  return s;
}

/* The hot path: a hit costs a strcmp of the global's name, a raw read of
** the global (no allocation, no Lua code) and a hash lookup. */
pw_status pw_group_set_classify(pw_engine *e, const char *set, const char *variant,
                                const char **group) {
  if (e == NULL || e->L == NULL || set == NULL || variant == NULL || group == NULL)
    return PW_EINVAL;
  if (e->classify) {
    binding *b = get_binding(e->classify, set);
    set_cache *sc = b ? current_cache(e->L, b) : NULL;
    const char *g = sc ? lookup(sc, variant) : NULL;
    if (g) {
      *group = g;
      return PW_OK;
    }
  }
  return pw_group_set_classify_batch(e, set, &variant, 1, group);
}
