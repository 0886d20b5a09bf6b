/* resample.c: the seeded generator (xoshiro256** by splitmix64) and the
** permutation and bootstrap kernels that run on it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/htest.h"

/* ------------------------------------------------------------ generator */

/* splitmix64 (Steele, Lea & Flood 2014), the seeding generator Blackman and
** Vigna recommend for xoshiro: advance *x by the golden gamma and mix. */
static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

void rng_seed(pw_rng *g, uint64_t engine_seed, uint64_t seed) {
  uint64_t x = engine_seed ^ (seed * UINT64_C(0x9E3779B97F4A7C15));
  for (int i = 0; i < 4; i++)
    g->s[i] = splitmix64(&x);
  /* splitmix64 is a bijection of its counter, so four consecutive outputs
  ** are never all zero: xoshiro's one forbidden state cannot occur */
}

static uint64_t rotl(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(pw_rng *g) {
  uint64_t *s = g->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

/* Lemire (2019), "Fast random integer generation in an interval", on the
** high 32 bits of each output: m = r * n; accept when the low half is at
** least 2^32 mod n, which makes every value in [0, n) equally likely. */
uint32_t rng_below(pw_rng *g, uint32_t n) {
  uint64_t m = (rng_next(g) >> 32) * (uint64_t)n;
  uint32_t low = (uint32_t)m;
  if (low < n) {
    uint32_t threshold = (uint32_t)(-n) % n;
    while (low < threshold) {
      m = (rng_next(g) >> 32) * (uint64_t)n;
      low = (uint32_t)m;
    }
  }
  return (uint32_t)(m >> 32);
}

void rng_partial_shuffle(pw_rng *g, double *z, size_t n, size_t k) {
  for (size_t i = 0; i < k && i + 1 < n; i++) {
    size_t j = i + rng_below(g, (uint32_t)(n - i));
    double t = z[i];
    z[i] = z[j];
    z[j] = t;
  }
}

/* ---------------------------------------------------------- permutation */

static double sum_of(const double *x, size_t n) {
  long double s = 0;
  for (size_t i = 0; i < n; i++)
    s += x[i];
  return (double)s;
}

/* The relabelling is a partial shuffle of the current arrangement of the
** pooled data (not of the original order): from any arrangement, the first
** nx after the shuffle are a uniform random nx-subset. */
int resample_perm_mean(const double *x, size_t nx, const double *y, size_t ny,
                       long n_perm, ht_alternative alt, pw_rng *g, double *t0,
                       long *count) {
  size_t n = nx + ny;
  double *z = malloc((n ? n : 1) * sizeof *z);
  if (z == NULL)
    return -1;
  memcpy(z, x, nx * sizeof *z);
  memcpy(z + nx, y, ny * sizeof *z);
  double total = sum_of(z, n), fx = (double)nx, fy = (double)ny;
  double obs = sum_of(x, nx) / fx - sum_of(y, ny) / fy;
  double tol = 1e-10 * fabs(obs);
  long c = 0;
  for (long b = 0; b < n_perm; b++) {
    rng_partial_shuffle(g, z, n, nx);
    double sx = sum_of(z, nx), t = sx / fx - (total - sx) / fy;
    if (alt == HT_GREATER)
      c += t >= obs - tol;
    else if (alt == HT_LESS)
      c += t <= obs + tol;
    else
      c += fabs(t) >= fabs(obs) - tol;
  }
  free(z);
  *t0 = obs;
  *count = c;
  return 0;
}

/* ------------------------------------------------------------ bootstrap */

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

double boot_statistic(boot_stat s, double *x, size_t n) {
  if (n == 0)
    return NAN;
  if (s == BOOT_MEAN)
    return sum_of(x, n) / (double)n;
  qsort(x, n, sizeof *x, cmp_double);
  return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

/* Each replicate draws n indices with rng_below(n), in order. */
int resample_bootstrap(const double *x, size_t n, boot_stat s, long n_boot, pw_rng *g,
                       double *reps) {
  double *w = malloc((n ? n : 1) * sizeof *w);
  if (w == NULL)
    return -1;
  for (long b = 0; b < n_boot; b++) {
    for (size_t i = 0; i < n; i++)
      w[i] = x[rng_below(g, (uint32_t)n)];
    reps[b] = boot_statistic(s, w, n);
  }
  free(w);
  return 0;
}

double quantile7(const double *sorted, size_t n, double p) {
  if (n == 0)
    return NAN;
  double h = (double)(n - 1) * p, lo = floor(h);
  size_t i = (size_t)lo;
  if (i + 1 >= n)
    return sorted[n - 1];
  return sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i]);
}
