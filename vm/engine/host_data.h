/* host_data.h: what an engine keeps about the host's data: the buffers its
** frames use in place (bind.c) and its live predicates (predicate.c). */
#ifndef PW_VM_HOST_DATA_H
#define PW_VM_HOST_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "frame/frame.h"

/* One per engine, made on first use and freed by pw_close after lua_close
** (pw_host_data_close), because frames freed by lua_close still ask it
** whether a buffer is the host's. */
typedef struct pw_host_data {
  struct pw_predicate *predicates; /* live predicates, linked through their
                                      prev/next; orphaned by pw_close */
  const void **borrowed;           /* host buffers that columns use in place:
                                      one entry per column that will free it */
  size_t nborrowed;                /* entries in borrowed */
  size_t cap;                      /* capacity of borrowed */
} pw_host_data;

/* Whether row i of a host bitmap (pathway.h: bit i % 64 of word i / 64)
** has a value; a NULL bitmap has no missing rows. */
static inline int pw_host_present(const uint64_t *valid, size_t i) {
  return valid == NULL || ((valid[i >> 6] >> (i & 63)) & 1);
}

/* Missing rows among the first n of a host bitmap (NULL: none). */
static inline size_t pw_host_count_na(const uint64_t *valid, size_t n) {
  if (valid == NULL)
    return 0;
  size_t present = 0, full = n / 64;
  for (size_t k = 0; k < full; k++)
    present += (size_t)__builtin_popcountll(valid[k]);
  if (n % 64)
    present += (size_t)__builtin_popcountll(valid[full] & (((uint64_t)1 << (n % 64)) - 1));
  return n - present;
}

/* The engine's host data, made when missing; NULL when memory runs out. */
pw_host_data *pw_host_data_of(pw_engine *e);

/* Record that one more column will "free" the host buffer p (0), or -1
** when memory runs out. bind.c */
int pw_host_borrow(pw_host_data *h, const void *p);

/* The allocator of columns that hold host buffers: everything goes through
** the engine's Lua allocator (so it counts against --max-memory), except
** that freeing a registered host buffer only drops its registration. Kernels
** copy a column's frame_mem into the columns they derive from it, so it must
** be a complete allocator, not just a free that does nothing. bind.c */
frame_mem pw_borrow_mem(pw_engine *e);

/* Set the engine pointer of every live predicate to NULL, so that they can
** still be freed after pw_close. predicate.c */
void pw_predicates_orphan(pw_host_data *h);

#endif
