/* hgvs_parse.c: parsing throughput of the hgvs core on distinct strings
** (issue 4: >= 1M/s). Reads one description per line from each FILE (TSV
** files: every tab-separated cell that looks like HGVS, i.e. holds ':' or
** starts with "c."/"g."/"p."), parses each once per pass with no cache, and
** prints the best of 5 passes. Never run by `make test`; `make bench` runs it.
** Usage: hgvs_parse FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hgvs/hgvs.h"

typedef struct corpus {
  char **s;      /* the strings */
  size_t *len;   /* their lengths */
  size_t n, cap; /* used, allocated */
} corpus;

static int looks_hgvs(const char *s, size_t n) {
  return n > 2 && (memchr(s, ':', n) || ((s[0] == 'c' || s[0] == 'g' || s[0] == 'p') && s[1] == '.'));
}

static void add(corpus *c, const char *s, size_t n) {
  if (c->n == c->cap) {
    c->cap = c->cap ? 2 * c->cap : 1024;
    c->s = realloc(c->s, c->cap * sizeof *c->s);
    c->len = realloc(c->len, c->cap * sizeof *c->len);
    if (!c->s || !c->len) { perror("hgvs_parse"); exit(1); }
  }
  c->s[c->n] = malloc(n + 1);
  if (!c->s[c->n]) { perror("hgvs_parse"); exit(1); }
  memcpy(c->s[c->n], s, n);
  c->s[c->n][n] = 0;
  c->len[c->n++] = n;
}

static void read_file(corpus *c, const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) { perror(path); exit(1); }
  char line[4096];
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#')
      continue;
    char *p = line;
    for (;;) {
      size_t n = strcspn(p, "\t\r\n|");
      if (looks_hgvs(p, n))
        add(c, p, n);
      if (p[n] != '\t' && p[n] != '|')
        break;
      p += n + 1;
    }
  }
  fclose(f);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  corpus c = {0};
  for (int i = 1; i < argc; i++)
    read_file(&c, argv[i]);
  if (c.n == 0) { fprintf(stderr, "usage: hgvs_parse FILE...\n"); return 2; }
  static hgvs_result r;
  hgvs_options opt = {0};
  double best = 1e30;
  size_t ok = 0;
  for (int pass = 0; pass < 5; pass++) {
    ok = 0;
    double t0 = now();
    for (size_t i = 0; i < c.n; i++)
      ok += (size_t)hgvs_parse(c.s[i], c.len[i], &opt, &r);
    double dt = now() - t0;
    if (dt < best) best = dt;
  }
  printf("strings %zu\nvalid %zu\nseconds %.4f\nper_second %.0f\n", c.n, ok, best, (double)c.n / best);
  for (size_t i = 0; i < c.n; i++) free(c.s[i]);
  free(c.s);
  free(c.len);
  return 0;
}
