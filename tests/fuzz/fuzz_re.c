/* fuzz_re.c: libFuzzer harness for the regular-expression core
** (stdlib/re/re.c). Input: byte 0 the flags (its low 4 bits), byte 1 the
** pattern's length k, then k bytes of pattern and the rest the subject.
** Properties: re_compile never crashes; a failure has a NUL-terminated
** message and an offset inside the pattern; on success every match of
** the iteration (re_next) lies inside the subject, starts no earlier than
** the previous one and the iteration ends; on a UTF-8 subject the JIT and
** the interpreter agree on every match; "$0" expands to the match; re_close frees
** everything (no leak). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "re/re.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Is s[0..n) UTF-8 (RFC 3629: no overlongs, surrogates or > U+10FFFF)? */
static int utf8_valid(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i], len = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3
                                     : c >= 0xF0 && c < 0xF5 ? 4 : 0;
    if (len == 0 || i + len > n)
      return 0;
    for (unsigned j = 1; j < len; j++)
      if ((s[i + j] & 0xC0) != 0x80)
        return 0;
    if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0) ||
        (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90))
      return 0;
    i += len;
  }
  return 1;
}

/* An re_emit_fn that counts the bytes. */
static void count_bytes(void *ud, const char *p, size_t len) {
  (void)p;
  *(size_t *)ud += len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2)
    return 0;
  unsigned flags = data[0] & 0x0F;
  size_t k = data[1];
  if (k > size - 2)
    k = size - 2;
  const char *pat = (const char *)data + 2, *s = pat + k;
  size_t n = size - 2 - k;

  char msg[RE_ERRMSG_SIZE];
  size_t off;
  re_regex jit, interp;
  if (re_compile(&jit, NULL, pat, k, flags, msg, sizeof msg, &off, NULL) != 0) {
    if (off > k || memchr(msg, '\0', sizeof msg) == NULL)
      abort();   /* the error is outside the pattern, or unterminated */
    return 0;
  }
  if (re_compile(&interp, NULL, pat, k, flags | RE_NOJIT, msg, sizeof msg, &off, NULL) != 0)
    abort();   /* compiled once, must compile again */

  int utf8 = utf8_valid((const unsigned char *)s, n);
  size_t pos = 0, last_start = 0;
  int after = 0, steps = 0;
  for (;;) {
    size_t ipos = pos;
    int iafter = after;
    int a = re_next(&jit, s, n, &pos, &after, msg, sizeof msg);
    int b = re_next(&interp, s, n, &ipos, &iafter, msg, sizeof msg);
    if (a == RE_ERROR || b == RE_ERROR)
      break;   /* a match limit: both engines need not hit it alike */
    /* PCRE2's JIT and interpreter differ on empty matches next to bytes
    ** that are not UTF-8 (docs/re.md): compare them on UTF-8 subjects */
    if (utf8 && (a != b || pos != ipos))
      abort();   /* the engines disagree */
    if (a != RE_MATCH)
      break;
    size_t ms, me;
    if (!re_span(&jit, 0, &ms, &me) || ms > me || me > n || (steps > 0 && ms < last_start))
      abort();   /* a span outside the subject, or going backwards */
    for (uint32_t g = 1; g <= jit.ncap; g++) {
      size_t gs, ge;
      if (re_span(&jit, g, &gs, &ge) && (gs > ge || ge > n))
        abort();
    }
    static const char tpl[] = "$0";
    size_t len = 0;
    if (re_expand(&jit, s, tpl, sizeof tpl - 1, count_bytes, &len, msg, sizeof msg) != 0 || len != me - ms)
      abort();   /* $0 always exists and is the match */
    last_start = ms;
    if (++steps > (int)n + 2)
      abort();   /* the iteration does not end */
  }
  re_close(&jit);
  re_close(&interp);
  return 0;
}
