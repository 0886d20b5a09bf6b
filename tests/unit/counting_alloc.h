/* counting_alloc.h: a frame_mem allocator for allocation-failure tests:
** counts live bytes and refuses every allocation after `budget` of them. */
#ifndef PW_TEST_COUNTING_ALLOC_H
#define PW_TEST_COUNTING_ALLOC_H

#include <stdlib.h>

typedef struct counting {
  long budget;   /* allocations left; < 0: unlimited */
  long live;     /* bytes allocated and not freed */
} counting;

static inline void *counting_alloc(void *ud, void *p, size_t osize, size_t nsize) {
  counting *c = ud;
  if (nsize == 0) {
    c->live -= (long)osize;
    free(p);
    return NULL;
  }
  if (c->budget == 0)
    return NULL;
  if (c->budget > 0)
    c->budget--;
  void *q = realloc(p, nsize);
  if (q)
    c->live += (long)nsize - (long)osize;
  return q;
}

#endif
