/* re.c: regular expressions over PCRE2, without Lua (re.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "re.h"

/* ------------------------------------------------------------ memory */

/* PCRE2 frees without a size, and lua_Alloc needs one: each block carries
** its size in a 16-byte header (which keeps the alignment), as in
** lang/expr/expr.c. */
static void *re_pmalloc(PCRE2_SIZE n, void *ud) {
  const re_mem *m = ud;
  size_t total = n + 16;
  size_t *p = m->alloc ? m->alloc(m->ud, NULL, 0, total) : malloc(total);
  if (p == NULL)
    return NULL;
  p[0] = total;
  return (char *)p + 16;
}

static void re_pfree(void *p, void *ud) {
  const re_mem *m = ud;
  if (p == NULL)
    return;
  size_t *h = (size_t *)(void *)((char *)p - 16);
  if (m->alloc)
    m->alloc(m->ud, h, h[0], 0);
  else
    free(h);
}

/* ------------------------------------------------------------ flags */

int re_parse_flags(const char *s, size_t n, unsigned *flags, char *bad) {
  unsigned f = 0;
  for (size_t i = 0; i < n; i++) {
    switch (s[i]) {
    case 'i':
      f |= RE_CASELESS;
      break;
    case 'm':
      f |= RE_MULTILINE;
      break;
    case 's':
      f |= RE_DOTALL;
      break;
    case 'x':
      f |= RE_EXTENDED;
      break;
    default:
      *bad = s[i];
      return -1;
    }
  }
  *flags = f;
  return 0;
}

void re_flags_string(unsigned flags, char out[5]) {
  size_t k = 0;
  if (flags & RE_CASELESS)
    out[k++] = 'i';
  if (flags & RE_MULTILINE)
    out[k++] = 'm';
  if (flags & RE_DOTALL)
    out[k++] = 's';
  if (flags & RE_EXTENDED)
    out[k++] = 'x';
  out[k] = '\0';
}

/* ------------------------------------------------------------ compile */

static void error_message(int code, char *msg, size_t msgsize) {
  if (msgsize == 0)
    return;
  if (pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, msgsize) < 0)
    snprintf(msg, msgsize, "PCRE2 error %d", code);
}

int re_compile(re_regex *re, const re_mem *mem, const char *pat, size_t n, unsigned flags,
               char *msg, size_t msgsize, size_t *erroffset, int *nomem) {
  memset(re, 0, sizeof *re);
  *erroffset = 0;
  if (nomem)
    *nomem = 0;
  re_mem m = {NULL, NULL};
  if (mem)
    m = *mem;
  /* PCRE2's contexts keep the address of their data: give them a copy of
  ** the allocator that lives as long as the code does */
  re->mem = m.alloc ? m.alloc(m.ud, NULL, 0, sizeof m) : malloc(sizeof m);
  if (re->mem == NULL)
    goto nomemory;
  *re->mem = m;
  uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
  if (flags & RE_CASELESS)
    opts |= PCRE2_CASELESS;
  if (flags & RE_MULTILINE)
    opts |= PCRE2_MULTILINE;
  if (flags & RE_DOTALL)
    opts |= PCRE2_DOTALL;
  if (flags & RE_EXTENDED)
    opts |= PCRE2_EXTENDED;
  pcre2_general_context *gc = pcre2_general_context_create(re_pmalloc, re_pfree, re->mem);
  pcre2_compile_context *cc = gc ? pcre2_compile_context_create(gc) : NULL;
  if (cc == NULL)
    goto nomemory_gc;
  int code;
  PCRE2_SIZE off = 0;
  static const char empty[1] = "";
  re->code = pcre2_compile((PCRE2_SPTR)(n ? pat : empty), n, opts, &code, &off, cc);
  pcre2_compile_context_free(cc);
  cc = NULL;
  if (re->code == NULL) {
    if (code == PCRE2_ERROR_HEAP_FAILED || code == PCRE2_ERROR_NOMEMORY)
      goto nomemory_gc;
    error_message(code, msg, msgsize);
    *erroffset = off;
    pcre2_general_context_free(gc);
    re_close(re);
    return -1;
  }
  re->md = pcre2_match_data_create_from_pattern(re->code, gc);
  if (re->md == NULL)
    goto nomemory_gc;
  pcre2_general_context_free(gc);
  uint32_t ncap = 0;
  pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &ncap);
  re->ncap = ncap;
  re->flags = flags;
  re->jit = !(flags & RE_NOJIT) && pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
  return 0;

nomemory_gc:
  pcre2_compile_context_free(cc);
  pcre2_general_context_free(gc);
nomemory:
  re_close(re);
  snprintf(msg, msgsize, "out of memory");
  if (nomem)
    *nomem = 1;
  return -1;
}

void re_close(re_regex *re) {
  pcre2_match_data_free(re->md); /* both accept NULL */
  pcre2_code_free(re->code);
  if (re->mem) {
    re_mem m = *re->mem;
    if (m.alloc)
      m.alloc(m.ud, re->mem, sizeof m, 0);
    else
      free(re->mem);
  }
  memset(re, 0, sizeof *re);
}

/* ------------------------------------------------------------ match */

int re_exec(re_regex *re, const char *s, size_t n, size_t start, uint32_t options,
            char *msg, size_t msgsize) {
  static const char empty[1] = "";
  if (!re->jit)
    options |= PCRE2_NO_JIT;
  int rc =
      pcre2_match(re->code, (PCRE2_SPTR)(n ? s : empty), n, start, options, re->md, NULL);
  if (rc > 0)
    return RE_MATCH;
  if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
    return RE_NOMATCH;
  error_message(rc, msg, msgsize);
  return RE_ERROR;
}

int re_span(const re_regex *re, uint32_t i, size_t *start, size_t *end) {
  const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
  if (i > re->ncap || ov[2 * i] == PCRE2_UNSET)
    return 0;
  *start = ov[2 * i];
  *end = ov[2 * i + 1];
  if (*end < *start) /* \K in a lookahead can end a match before its start */
    *end = *start;
  return 1;
}

/* The next UTF-8 character's start after s[pos] (a byte that is not a
** character's start counts as one). */
static size_t next_char(const char *s, size_t n, size_t pos) {
  pos++;
  while (pos < n && ((unsigned char)s[pos] & 0xC0) == 0x80)
    pos++;
  return pos;
}

int re_next(re_regex *re, const char *s, size_t n, size_t *pos, int *after, char *msg,
            size_t msgsize) {
  while (*pos <= n) {
    size_t from = *pos;
    int rc = re_exec(re, s, n, from, *after ? PCRE2_NOTEMPTY_ATSTART : 0, msg, msgsize);
    if (rc != RE_MATCH)
      return rc;
    size_t ms = 0, me = 0;
    re_span(re, 0, &ms, &me);
    if (*after && me <= from) {
      /* only \K tricks end a match at or before where the search began:
      ** step over a character so the iteration always advances */
      if (from >= n)
        return RE_NOMATCH;
      *pos = next_char(s, n, from);
      *after = 0;
      continue;
    }
    *pos = me;
    *after = 1;
    return RE_MATCH;
  }
  return RE_NOMATCH;
}

/* ------------------------------------------------------------ names */

uint32_t re_name_count(const re_regex *re) {
  uint32_t k = 0;
  if (re->code)
    pcre2_pattern_info(re->code, PCRE2_INFO_NAMECOUNT, &k);
  return k;
}

const char *re_name_at(const re_regex *re, uint32_t i, uint32_t *group) {
  uint32_t size = 0;
  PCRE2_SPTR table = NULL;
  pcre2_pattern_info(re->code, PCRE2_INFO_NAMEENTRYSIZE, &size);
  pcre2_pattern_info(re->code, PCRE2_INFO_NAMETABLE, &table);
  const unsigned char *e = (const unsigned char *)table + (size_t)i * size;
  *group = (uint32_t)e[0] << 8 | e[1];
  return (const char *)e + 2;
}

/* ------------------------------------------------------------ expand */

static int bad(char *msg, size_t msgsize, size_t off, const char *why) {
  snprintf(msg, msgsize, "bad replacement at offset %zu: %s", off, why);
  return -1;
}

/* Group number of name[0..len), or -1. */
static long group_of_name(const re_regex *re, const char *name, size_t len) {
  uint32_t k = re_name_count(re);
  for (uint32_t i = 0; i < k; i++) {
    uint32_t g;
    const char *nm = re_name_at(re, i, &g);
    if (strlen(nm) == len && memcmp(nm, name, len) == 0)
      return (long)g;
  }
  return -1;
}

int re_expand(const re_regex *re, const char *s, const char *t, size_t tn,
              re_emit_fn emit, void *ud, char *msg, size_t msgsize) {
  size_t i = 0, lit = 0; /* t[lit..i) is literal text not yet emitted */
  while (i < tn) {
    if (t[i] != '$') {
      i++;
      continue;
    }
    if (s && i > lit)
      emit(ud, t + lit, i - lit);
    size_t at = i++;
    long g = -1;
    const char *num = t + i; /* the group number as written */
    size_t numlen = 1;
    if (i >= tn)
      return bad(msg, msgsize, at, "'$' at the end (write $$ for a dollar sign)");
    if (t[i] == '$') {
      if (s)
        emit(ud, "$", 1);
      lit = ++i;
      continue;
    } else if (t[i] >= '0' && t[i] <= '9') {
      g = t[i++] - '0';
    } else if (t[i] == '{') {
      size_t b = ++i;
      while (i < tn && t[i] != '}')
        i++;
      if (i >= tn)
        return bad(msg, msgsize, at, "'${' without '}'");
      size_t len = i - b;
      i++;
      if (len == 0)
        return bad(msg, msgsize, at, "empty '${}'");
      size_t d = 0;
      while (d < len && t[b + d] >= '0' && t[b + d] <= '9')
        d++;
      if (d == len) {
        num = t + b;
        numlen = len;
        g = 0;
        for (d = 0; d < len; d++) /* saturates: any big number is too big */
          g = g < 100000 ? g * 10 + (t[b + d] - '0') : g;
      } else {
        g = group_of_name(re, t + b, len);
        if (g < 0) {
          char why[96];
          snprintf(why, sizeof why, "no group named '%.*s'", (int)(len > 40 ? 40 : len),
                   t + b);
          return bad(msg, msgsize, at, why);
        }
      }
    } else {
      return bad(msg, msgsize, at, "'$' must be followed by a digit, '{' or '$'");
    }
    if (g > (long)re->ncap) {
      char why[96];
      snprintf(why, sizeof why, "no group %.*s (the pattern has %u)",
               (int)(numlen > 20 ? 20 : numlen), num, (unsigned)re->ncap);
      return bad(msg, msgsize, at, why);
    }
    size_t gs, ge;
    if (s && re_span(re, (uint32_t)g, &gs, &ge) && ge > gs)
      emit(ud, s + gs, ge - gs);
    lit = i;
  }
  if (s && tn > lit)
    emit(ud, t + lit, tn - lit);
  return 0;
}
