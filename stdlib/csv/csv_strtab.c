/* csv_strtab.c: the distinct strings of a column while loading, behind a hash index. */
#include <string.h>

#include "csv_internal.h"

int csv_resize(const frame_mem *m, void *pp, size_t old, size_t new) {
  void **p = pp;
  void *q = frame_mem_realloc(m, *p, *p ? (old ? old : 1) : 0, new ? new : 1);
  if (q == NULL)
    return -1;
  *p = q;
  return 0;
}

/* A multiply-xorshift hash over 8-byte words: most column values are
** short, and byte-at-a-time hashes cost more than the probe. */
static uint64_t hash_str(const char *s, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xD6E8FEB86659FD93ull);
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    s += 8;
    n -= 8;
  }
  uint64_t w = 0;
  for (size_t i = 0; i < n; i++)
    w |= (uint64_t)(unsigned char)s[i] << (8 * i);
  h = (h ^ w) * 0x94D049BB133111EBull;
  return h ^ (h >> 29);
}

void csv_strtab_free(csv_strtab *t, const frame_mem *m) {
  frame_mem_free(m, t->offsets, t->offsets ? ((size_t)t->ocap + 1) * 8 : 0);
  frame_mem_free(m, t->bytes, t->bcap);
  frame_mem_free(m, t->slots, (size_t)t->nslots * 8);
  memset(t, 0, sizeof *t);
}

int csv_strtab_init(csv_strtab *t, const frame_mem *m) {
  memset(t, 0, sizeof *t);
  t->ocap = 64;
  t->bcap = 1024;
  t->nslots = 128;
  t->offsets = frame_mem_alloc(m, ((size_t)t->ocap + 1) * 8);
  t->bytes = frame_mem_alloc(m, t->bcap);
  t->slots = frame_mem_alloc(m, (size_t)t->nslots * 8);
  if (!t->offsets || !t->bytes || !t->slots) {
    csv_strtab_free(t, m);
    return -1;
  }
  memset(t->slots, 0, (size_t)t->nslots * 8);
  t->offsets[0] = 0;
  return 0;
}

/* Double the index and put every code back. */
static int strtab_rehash(csv_strtab *t, const frame_mem *m) {
  uint32_t nslots = t->nslots * 2, mask = nslots - 1;
  uint64_t *slots = frame_mem_alloc(m, (size_t)nslots * 8);
  if (slots == NULL)
    return -1;
  memset(slots, 0, (size_t)nslots * 8);
  for (uint32_t i = 0; i < t->nslots; i++) {
    uint64_t e = t->slots[i];
    if (e == 0)
      continue;
    size_t len;
    const char *s = csv_strtab_str(t, (uint32_t)e - 1, &len);
    uint32_t k = (uint32_t)hash_str(s, len) & mask;
    while (slots[k])
      k = (k + 1) & mask;
    slots[k] = e;
  }
  frame_mem_free(m, t->slots, (size_t)t->nslots * 8);
  t->slots = slots;
  t->nslots = nslots;
  return 0;
}

int64_t csv_strtab_intern(csv_strtab *t, const char *s, size_t len, const frame_mem *m,
                          int *is_new) {
  uint64_t h = hash_str(s, len), tag = h & 0xFFFFFFFF00000000ull;
  uint32_t mask = t->nslots - 1, i = (uint32_t)h & mask;
  *is_new = 0;
  for (;; i = (i + 1) & mask) {
    uint64_t e = t->slots[i];
    if (e == 0)
      break;
    if ((e & 0xFFFFFFFF00000000ull) != tag)
      continue;
    size_t l;
    const char *u = csv_strtab_str(t, (uint32_t)e - 1, &l);
    if (l == len && memcmp(u, s, len) == 0)
      return (int64_t)(uint32_t)e - 1;
  }
  if (t->n >= UINT32_MAX - 2)
    return -1;
  if (t->n + 1 > t->ocap) {
    if (csv_resize(m, &t->offsets, ((size_t)t->ocap + 1) * 8, ((size_t)t->ocap * 2 + 1) * 8))
      return -1;
    t->ocap *= 2;
  }
  if (t->nbytes + len + 1 > t->bcap) {
    size_t cap = t->bcap * 2;
    while (cap < t->nbytes + len + 1)
      cap *= 2;
    if (csv_resize(m, &t->bytes, t->bcap, cap))
      return -1;
    t->bcap = cap;
  }
  if ((size_t)(t->n + 1) * 2 > t->nslots) {
    if (strtab_rehash(t, m))
      return -1;
    mask = t->nslots - 1;
    for (i = (uint32_t)h & mask; t->slots[i]; i = (i + 1) & mask) {
    }
  }
  memcpy(t->bytes + t->nbytes, s, len);
  t->bytes[t->nbytes + len] = '\0';
  t->nbytes += len + 1;
  t->offsets[t->n + 1] = t->nbytes;
  t->slots[i] = tag | ((uint64_t)t->n + 1);
  *is_new = 1;
  return t->n++;
}
