/* embed_predicate.c: records/s of pw_predicate_eval over 10M in-memory
** records in batches of 65,536, with the variant column as PW_DICT (the
** fast path) and as PW_STRING (a per-call copy, then a regex per row). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pathway.h"

#define NREC 10000000   /* records */
#define BATCH 65536     /* records per pw_predicate_eval (a multiple of 64) */
#define NVARIANT 5000   /* distinct variant strings */
#define RUNS 5          /* timed runs; the median is reported */

static const char *const genes[] = {"CPS1", "OTC", "ASS1", "ASL", "ARG1", "NAGS", "SLC25A15"};
#define NGENE (sizeof genes / sizeof *genes)

static const char expr[] =
    "gene == 'CPS1' and variant ~ '^c\\.[0-9]+C>T$' and ammonia > 100 and treated";

/* The records, column by column, as a host holds them. */
typedef struct records {
  uint32_t *gene;          /* codes into genes */
  uint32_t *variant;       /* codes into vdict */
  const char **vtext;      /* the same variants as strings (PW_STRING) */
  char **vdict;            /* NVARIANT distinct "c.<pos><ref>><alt>" */
  double *ammonia;         /* µmol/L */
  uint64_t *ammonia_ok;    /* validity: ~4% missing */
  uint8_t *treated;        /* 0 or 1 */
} records;

/* xorshift64*: a fixed seed, so the count of matches is always the same. */
static uint64_t rng_state = 20261124;
static uint64_t rng(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ull;
}

static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (p == NULL) {
    fprintf(stderr, "embed_predicate: out of memory\n");
    exit(1);
  }
  return p;
}

static void generate(records *r) {
  static const char bases[] = "ACGT";
  r->vdict = xmalloc(NVARIANT * sizeof *r->vdict);
  for (int k = 0; k < NVARIANT; k++) {   /* distinct: the position is unique */
    char ref = bases[rng() % 4], alt = bases[rng() % 4];
    if (alt == ref)
      alt = bases[(strchr(bases, ref) - bases + 1) % 4];
    r->vdict[k] = xmalloc(32);
    snprintf(r->vdict[k], 32, "c.%d%c>%c", 100 + k * 3, ref, alt);
  }
  r->gene = xmalloc(NREC * sizeof *r->gene);
  r->variant = xmalloc(NREC * sizeof *r->variant);
  r->vtext = xmalloc(NREC * sizeof *r->vtext);
  r->ammonia = xmalloc(NREC * sizeof *r->ammonia);
  r->ammonia_ok = xmalloc((NREC + 63) / 64 * sizeof *r->ammonia_ok);
  r->treated = xmalloc(NREC);
  memset(r->ammonia_ok, 0xff, (NREC + 63) / 64 * sizeof *r->ammonia_ok);
  for (size_t i = 0; i < NREC; i++) {
    r->gene[i] = (uint32_t)(rng() % NGENE);
    r->variant[i] = (uint32_t)(rng() % NVARIANT);
    r->vtext[i] = r->vdict[r->variant[i]];
    r->ammonia[i] = 20.0 + (double)(rng() % 30000) / 100.0;
    if (rng() % 100 < 4) {
      r->ammonia[i] = 0;   /* what a host leaves under a missing value */
      r->ammonia_ok[i / 64] &= ~((uint64_t)1 << (i % 64));
    }
    r->treated[i] = (uint8_t)(rng() % 2);
  }
}

/* Seconds on `clock`: MONOTONIC for the rate, PROCESS_CPUTIME_ID beside
** it, because on a shared VM the wall time also counts other tenants. */
static double now(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* One pass over every record; returns the matches, or -1 on failure. */
static int64_t pass(pw_engine *e, pw_predicate *p, const records *r, pw_type vtype,
                    uint8_t *out) {
  int64_t matches = 0;
  for (size_t at = 0; at < NREC; at += BATCH) {
    size_t n = NREC - at < BATCH ? NREC - at : BATCH;
    pw_column cols[] = {
        {"gene", PW_DICT, r->gene + at, NULL, genes, NGENE},
        {"variant", vtype, vtype == PW_DICT ? (const void *)(r->variant + at)
                                            : (const void *)(r->vtext + at), NULL,
         vtype == PW_DICT ? (const char *const *)r->vdict : NULL,
         vtype == PW_DICT ? NVARIANT : 0},
        {"ammonia", PW_DOUBLE, r->ammonia + at, r->ammonia_ok + at / 64, NULL, 0},
        {"treated", PW_BOOL, r->treated + at, NULL, NULL, 0},
    };
    pw_batch b = {cols, 4, n};
    if (pw_predicate_eval(p, &b, out) != PW_OK) {
      fprintf(stderr, "embed_predicate: %s\n", pw_errmsg(e));
      return -1;
    }
    for (size_t i = 0; i < n; i++)
      matches += out[i];
  }
  return matches;
}

/* Compile, run RUNS passes, print the median rate and the matches. */
static int measure(pw_engine *e, const records *r, pw_type vtype, const char *label) {
  pw_column schema[] = {{"gene", PW_DICT, NULL, NULL, NULL, 0},
                        {"variant", vtype, NULL, NULL, NULL, 0},
                        {"ammonia", PW_DOUBLE, NULL, NULL, NULL, 0},
                        {"treated", PW_BOOL, NULL, NULL, NULL, 0}};
  pw_predicate *p = NULL;
  if (pw_predicate_compile(e, expr, &(pw_schema){schema, 4}, &p) != PW_OK) {
    fprintf(stderr, "embed_predicate: %s\n", pw_errmsg(e));
    return 1;
  }
  static uint8_t out[BATCH];
  double secs[RUNS], cpu[RUNS];
  int64_t matches = 0;
  for (int k = 0; k < RUNS; k++) {
    double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    matches = pass(e, p, r, vtype, out);
    secs[k] = now(CLOCK_MONOTONIC) - t0;
    cpu[k] = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (matches < 0)
      return 1;
  }
  qsort(secs, RUNS, sizeof *secs, cmp_double);
  qsort(cpu, RUNS, sizeof *cpu, cmp_double);
  double med = secs[RUNS / 2];
  printf("%-9s %7.1f M records/s  (median of %d: %.1f ms wall per %d records, min %.1f, "
         "max %.1f; CPU time median %.1f ms = %.1f M records/s)  matches %" PRId64 "\n",
         label, NREC / med / 1e6, RUNS, med * 1e3, NREC, secs[0] * 1e3, secs[RUNS - 1] * 1e3,
         cpu[RUNS / 2] * 1e3, NREC / cpu[RUNS / 2] / 1e6, matches);
  pw_predicate_free(&p);
  return 0;
}

int main(void) {
  records r;
  generate(&r);
  pw_engine *e = NULL;
  if (pw_open(NULL, &e) != PW_OK) {
    fprintf(stderr, "embed_predicate: pw_open failed\n");
    return 1;
  }
  printf("predicate  %s\nrecords    %d in batches of %d, one core\n", expr, NREC, BATCH);
  /* PW_BENCH_ONLY=dict or =string runs one of the two, for a profiler */
  const char *only = getenv("PW_BENCH_ONLY");
  int rc = 0;
  if (only == NULL || strcmp(only, "dict") == 0)
    rc = measure(e, &r, PW_DICT, "PW_DICT");
  if (rc == 0 && (only == NULL || strcmp(only, "string") == 0))
    rc = measure(e, &r, PW_STRING, "PW_STRING");
  pw_close(&e);
  for (int k = 0; k < NVARIANT; k++)
    free(r.vdict[k]);
  free(r.vdict);
  free(r.gene);
  free(r.variant);
  free(r.vtext);
  free(r.ammonia);
  free(r.ammonia_ok);
  free(r.treated);
  return rc;
}
