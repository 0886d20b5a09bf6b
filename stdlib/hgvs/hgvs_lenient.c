/* hgvs_lenient.c: the common author mistakes (docs/hgvs.md § Author
** mistakes): after a strict parse fails, rewrite the text in a fixed order
** and parse again. Strict mode turns a success into a hint; lenient mode
** keeps it and says in r->correction what was changed. */
#include <stdio.h>
#include <string.h>

#include "hgvs_internal.h"

/* The rewrites, tried in this order after whitespace removal. */
typedef enum rewrite {
  RW_NONE = 0, /* the text as it is (lower-case bases may still be fixed) */
  RW_LEGACY,   /* C1003T -> c.1003C>T */
  RW_COORD,    /* NM_000277.3:1222C>T -> NM_000277.3:c.1222C>T */
  RW_CDOT,     /* 1003C>T -> c.1003C>T */
  RW_PDOT,     /* Q335X -> p.Q335X */
  RW_COUNT
} rewrite;

static const char *const rewrite_words[RW_COUNT] = {
    NULL, "legacy notation", "missing coordinate letter", "missing 'c.'",
    "protein without 'p.'"};

/* Room for a rewritten text: the input plus a few inserted letters. */
#define REWRITE_SIZE (PW_HGVS_MAX_INPUT + 8)

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int is_acgt(char c) {
  return c == 'A' || c == 'C' || c == 'G' || c == 'T';
}

static int starts(const char *s, size_t n, const char *prefix) {
  size_t k = strlen(prefix);
  return n >= k && memcmp(s, prefix, k) == 0;
}

/* Length of the reference before ':' at the start of t, or 0. */
static size_t reference_len(const char *t, size_t m) {
  hgvs_parser q;
  memset(&q, 0, sizeof q);
  q.s = t;
  q.n = m;
  size_t k = hgvs_reference_len(&q);
  return k > 0 && k < m && t[k] == ':' ? k : 0;
}

/* The coordinate an accession implies (docs/hgvs.md), or 0. */
static char accession_coord(const char *a, size_t k) {
  static const char *const c_pre[] = {"NM_", "XM_", "ENST", NULL};
  static const char *const n_pre[] = {"NR_", "XR_", NULL};
  static const char *const p_pre[] = {"NP_", "XP_", "YP_", "ENSP", NULL};
  static const char *const g_pre[] = {"NC_", "NG_", "NT_", "NW_", "AC_", NULL};
  if (starts(a, k, "NC_012920"))
    return 'm'; /* the mitochondrial genome */
  if (starts(a, k, "LRG_")) {
    size_t j = 4;
    while (j < k && a[j] >= '0' && a[j] <= '9')
      j++;
    return j < k && a[j] == 't' ? 'c' : j < k && a[j] == 'p' ? 'p' : 'g';
  }
  for (int i = 0; c_pre[i]; i++)
    if (starts(a, k, c_pre[i]))
      return 'c';
  for (int i = 0; n_pre[i]; i++)
    if (starts(a, k, n_pre[i]))
      return 'n';
  for (int i = 0; p_pre[i]; i++)
    if (starts(a, k, p_pre[i]))
      return 'p';
  for (int i = 0; g_pre[i]; i++)
    if (starts(a, k, g_pre[i]))
      return 'g';
  return 0;
}

/* The coordinate a reference of k bytes implies: a transcript selector
** wins over a genomic accession ("NG_012232.1(NM_004006.1)" is c.). */
static char reference_coord(const char *t, size_t k) {
  const char *paren = memchr(t, '(', k);
  size_t acc = paren ? (size_t)(paren - t) : k;
  char c = accession_coord(t, acc);
  if (paren != NULL && (c == 'g' || c == 0)) {
    char sel = accession_coord(paren + 1, k - acc - 2);
    if (sel != 0)
      c = sel;
  }
  return c;
}

/* Build the rewritten text of `rw` from t into out; 0 if it does not apply. */
static size_t apply(rewrite rw, const char *t, size_t m, char *out) {
  size_t k = reference_len(t, m), pre = k > 0 ? k + 1 : 0;
  const char *rest = t + pre;
  size_t rn = m - pre;
  if (rn == 0 || rest[0] == 0)
    return 0;
  memcpy(out, t, pre);
  char *o = out + pre;
  switch (rw) {
  case RW_LEGACY: { /* [ACGT] digits [ACGT], exactly */
    size_t d = 1;
    while (d < rn && rest[d] >= '0' && rest[d] <= '9')
      d++;
    if (rn < 3 || d != rn - 1 || !is_acgt(rest[0]) || !is_acgt(rest[rn - 1]))
      return 0;
    memcpy(o, "c.", 2);
    memcpy(o + 2, rest + 1, d - 1);
    o += 2 + d - 1;
    *o++ = rest[0];
    *o++ = '>';
    *o++ = rest[rn - 1];
    return (size_t)(o - out);
  }
  case RW_COORD: {
    char c = k > 0 ? reference_coord(t, k) : 0;
    int located = strchr("0123456789-*([?=", rest[0]) != NULL;
    if (c == 0 || !(located || (c == 'p' && hgvs_is_upper(rest[0]))))
      return 0;
    *o++ = c;
    *o++ = '.';
    break;
  }
  case RW_CDOT:
    if (k > 0 || strchr("0123456789-*([", rest[0]) == NULL)
      return 0;
    *o++ = 'c';
    *o++ = '.';
    break;
  case RW_PDOT:
    if (k > 0 ||
        !(hgvs_is_upper(rest[0]) || (rest[0] == '(' && rn > 1 && hgvs_is_upper(rest[1]))))
      return 0;
    *o++ = 'p';
    *o++ = '.';
    break;
  default:
    break;
  }
  memcpy(o, rest, rn);
  return (size_t)(o - out) + rn;
}

/* r->correction: "WHAT ORIGINAL written as NORMAL". */
static void describe(hgvs_result *r, const char *s, size_t n, int ws, rewrite rw,
                     int lower) {
  char what[96] = "";
  const char *parts[3] = {ws ? "whitespace" : NULL, rewrite_words[rw],
                          lower ? "lower-case bases" : NULL};
  for (int i = 0; i < 3; i++) {
    if (parts[i] == NULL)
      continue;
    if (what[0] != 0)
      strcat(what, " and ");
    strcat(what, parts[i]);
  }
  char shown[128];
  hgvs_escape(shown, sizeof shown, s, n);
  const char *q = ws ? "'" : "";
  snprintf(r->correction, HGVS_MSG_SIZE, "%s %s%s%s written as %s", what, q, shown, q,
           hgvs_str(r, r->hgvs));
}

int hgvs_try_corrections(const char *s, size_t n, hgvs_result *r) {
  char t[REWRITE_SIZE], buf[REWRITE_SIZE];
  size_t m = 0;
  for (size_t k = 0; k < n; k++)
    if (!is_space(s[k]))
      t[m++] = s[k];
  if (m == 0)
    return 0;
  int ws = m != n;
  for (int rw = RW_NONE; rw < RW_COUNT; rw++) {
    const char *text = t;
    size_t len = m;
    if (rw != RW_NONE) {
      len = apply((rewrite)rw, t, m, buf);
      text = buf;
      if (len == 0)
        continue;
    }
    hgvs_parser p;
    hgvs_parser_init(&p, r, text, len);
    p.lower_ok = 1;
    if (!hgvs_parse_text(&p))
      continue;
    if (!ws && rw == RW_NONE && !p.saw_lower)
      return 0; /* nothing was corrected: cannot happen */
    describe(r, s, n, ws, (rewrite)rw, p.saw_lower);
    return 1;
  }
  return 0;
}
