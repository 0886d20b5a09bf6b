/* embed_classify.c: throughput of pw_group_set_classify (issue: >= 2M
** single-record calls/s when values repeat), through pathway.h only.
** A group set like examples/ucd-platform's (ABE / CBE platform rules, plus
** a canonical-splice pattern), 2,000 distinct variant strings (coding and
** intronic substitutions, deletions, a few invalid), then:
**   cold     the first single-record pass over the 2,000 (every call a miss)
**            and, in a fresh engine, the same 2,000 as one batch;
**   single   10M single-record calls cycling through them (all hits);
**   batch    the same 10M values in batches of 1,000.
** Warm rates are the median of 5 runs (CLOCK_MONOTONIC). Not a test: never
** run by ctest. Usage: bench_embed_classify [CALLS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pathway.h"

#define DISTINCT 2000
#define RUNS 5
#define BATCH 1000

static const char *const GROUPS =
  "groups = variants.group {\n"
  "  rule 'ABE: coding G>A or C>T' {\n"
  "    where = \"type == 'substitution' and start_offset == 0 and abe_correctable\" },\n"
  "  rule 'CBE: coding A>G or T>C' {\n"
  "    where = \"type == 'substitution' and start_offset == 0 and cbe_correctable\" },\n"
  "  rule 'canonical splice' { pattern = [[^c\\.\\d+[+-][12][ACGT]>[ACGT]$]] },\n"
  "}\n";

static void discard(void *ud, pw_stream stream, const char *data, size_t len) {
  (void)ud, (void)stream, (void)data, (void)len;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v) {
  qsort(v, RUNS, sizeof *v, by_value);
  return v[RUNS / 2];
}

static void die(pw_engine *e, const char *what) {
  fprintf(stderr, "bench_embed_classify: %s: %s\n", what, pw_errmsg(e));
  exit(1);
}

/* An engine with the group set loaded. */
static pw_engine *engine(void) {
  pw_config cfg;
  pw_config_init(&cfg);
  cfg.write = discard;
  pw_engine *e = NULL;
  if (pw_open(&cfg, &e) != PW_OK)
    die(e, "pw_open");
  if (pw_load_string(e, GROUPS, "=groups") != PW_OK)
    die(e, "group set");
  return e;
}

/* Variant i of the 2,000: five shapes, one in 100 invalid. */
static void variant(char *buf, size_t size, int i) {
  static const char *const subs[] = {"C>T", "G>A", "A>G", "T>C", "G>T", "C>A"};
  int pos = 100 + 7 * i;
  if (i % 100 == 99)
    snprintf(buf, size, "c.%d %s", pos, subs[i % 6]);       /* invalid: a space */
  else if (i % 5 == 3)
    snprintf(buf, size, "c.%d+%d%s", pos, 1 + i % 3, subs[i % 6]);  /* intronic */
  else if (i % 5 == 4)
    snprintf(buf, size, "c.%ddel", pos);
  else
    snprintf(buf, size, "c.%d%s", pos, subs[i % 6]);
}

int main(int argc, char **argv) {
  long calls = argc > 1 ? atol(argv[1]) : 10000000L;
  static char storage[DISTINCT][32];
  const char *vs[DISTINCT];
  for (int i = 0; i < DISTINCT; i++) {
    variant(storage[i], sizeof storage[i], i);
    vs[i] = storage[i];
  }
  const char *g = NULL;
  const char *out[BATCH];

  pw_engine *e = engine();
  double t0 = now();
  for (int i = 0; i < DISTINCT; i++)
    if (pw_group_set_classify(e, "groups", vs[i], &g) != PW_OK)
      die(e, "cold single");
  double cold_single = now() - t0;

  pw_engine *f = engine();
  const char **all = malloc(DISTINCT * sizeof *all);
  t0 = now();
  if (pw_group_set_classify_batch(f, "groups", vs, DISTINCT, all) != PW_OK)
    die(f, "cold batch");
  double cold_batch = now() - t0;
  size_t counts[4] = {0, 0, 0, 0};   /* ABE, CBE, splice or other, unassigned+invalid */
  for (int i = 0; i < DISTINCT; i++)
    counts[all[i][0] == 'A' ? 0 : all[i][0] == 'C' ? 1 : all[i][0] == 'c' ? 2 : 3]++;
  free(all);
  pw_close(&f);

  double single[RUNS], batch[RUNS];
  size_t check = 0;
  for (int r = 0; r < RUNS; r++) {
    t0 = now();
    for (long i = 0, k = 0; i < calls; i++, k = k + 1 == DISTINCT ? 0 : k + 1) {
      if (pw_group_set_classify(e, "groups", vs[k], &g) != PW_OK)
        die(e, "single");
      check += (size_t)g[0];
    }
    single[r] = (double)calls / (now() - t0);
    t0 = now();
    for (long i = 0; i < calls; i += BATCH) {
      size_t n = (size_t)(calls - i < BATCH ? calls - i : BATCH);
      if (pw_group_set_classify_batch(e, "groups", vs + (i % DISTINCT), n, out) != PW_OK)
        die(e, "batch");
      check += (size_t)out[0][0];
    }
    batch[r] = (double)calls / (now() - t0);
  }
  pw_close(&e);

  printf("group set: 3 rules (ucd-platform's ABE/CBE rules + canonical splice); "
         "%d distinct variants: %zu ABE, %zu CBE, %zu splice, %zu unassigned or invalid\n",
         DISTINCT, counts[0], counts[1], counts[2], counts[3]);
  printf("cold, single-record: %d misses in %.1f ms (%.1f us each, one Lua call each)\n",
         DISTINCT, cold_single * 1e3, cold_single * 1e6 / DISTINCT);
  printf("cold, one batch:     %d misses in %.1f ms (%.2f us each, one Lua call)\n",
         DISTINCT, cold_batch * 1e3, cold_batch * 1e6 / DISTINCT);
  printf("warm, single-record: %.2fM calls/s (median of %d x %ld calls)\n",
         median(single) / 1e6, RUNS, calls);
  printf("warm, batch of %d: %.2fM values/s (median of %d x %ld values)\n",
         BATCH, median(batch) / 1e6, RUNS, calls);
  printf("(checksum %zu)\n", check);
  return 0;
}
