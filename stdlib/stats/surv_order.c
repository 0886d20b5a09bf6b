/* surv_order.c: subjects ordered once by stratum and time (an LSD radix
** sort on the bits of the times, then a stable counting pass by stratum). */
#include <string.h>

#include "stats/surv.h"

/* An unsigned key that sorts as the double does (-0 as 0, NaN last). */
static uint64_t time_key(double t) {
  uint64_t b;
  t += 0.0;   /* -0 + 0 is +0 */
  memcpy(&b, &t, sizeof b);
  return (b >> 63) ? ~b : b | (UINT64_C(1) << 63);
}

/* Sort idx[0..n) by key[idx] with 8-bit LSD passes, skipping the bytes on
** which every key agrees. tmp: n indices. */
static void radix_sort(size_t n, const uint64_t *key, uint32_t *idx, uint32_t *tmp) {
  uint64_t all_or = 0, all_and = ~UINT64_C(0);
  for (size_t i = 0; i < n; i++) {
    all_or |= key[i];
    all_and &= key[i];
  }
  uint64_t varies = all_or ^ all_and;
  for (unsigned shift = 0; shift < 64; shift += 8) {
    if (((varies >> shift) & 0xff) == 0)
      continue;
    size_t count[257] = {0};
    for (size_t i = 0; i < n; i++)
      count[((key[idx[i]] >> shift) & 0xff) + 1]++;
    for (int b = 0; b < 256; b++)
      count[b + 1] += count[b];
    for (size_t i = 0; i < n; i++)
      tmp[count[(key[idx[i]] >> shift) & 0xff]++] = idx[i];
    memcpy(idx, tmp, n * sizeof *idx);
  }
}

void surv_order(size_t n, const double *time, const uint32_t *stratum, uint32_t nstrata,
                uint32_t *order, size_t *start, uint32_t *scratch, uint64_t *keys) {
  for (size_t i = 0; i < n; i++) {
    keys[i] = time_key(time[i]);
    scratch[i] = (uint32_t)i;
  }
  radix_sort(n, keys, scratch, order);
  if (stratum == NULL || nstrata <= 1) {
    memcpy(order, scratch, n * sizeof *order);
    start[0] = 0;
    start[1] = n;
    return;
  }
  /* stable counting pass by stratum; keys + n holds the counts */
  uint64_t *count = keys + n;
  memset(count, 0, ((size_t)nstrata + 1) * sizeof *count);
  for (size_t i = 0; i < n; i++)
    count[stratum[i] + 1]++;
  for (uint32_t s = 0; s < nstrata; s++)
    count[s + 1] += count[s];
  for (uint32_t s = 0; s <= nstrata; s++)
    start[s] = (size_t)count[s];
  for (size_t i = 0; i < n; i++)
    order[count[stratum[scratch[i]]]++] = scratch[i];
}
