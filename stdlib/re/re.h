/* re.h: regular expressions over PCRE2 (DESIGN.md §4.2, the `re` module):
** compile a pattern (UTF-8, Unicode properties, JIT when available), match
** it at a byte offset, walk successive matches, expand "$1" replacement
** templates. Pure C, no Lua: l_re.c is the binding. docs/re.md.
**
** Ownership: a re_regex is a plain value; re_compile fills it, re_close
** frees what it holds (through the allocator given to re_compile, of which
** it keeps a copy in a block of its own, so the struct may be copied or
** moved). A zeroed struct is "closed": re_close on it does nothing. */
#ifndef PW_STDLIB_RE_H
#define PW_STDLIB_RE_H

#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Same signature as lua_Alloc, so the binding passes lua_getallocf() and the
** compiled code counts against the engine's --max-memory. `nsize` 0 frees.
** NULL alloc: realloc/free. */
typedef void *(*re_alloc_fn)(void *ud, void *ptr, size_t osize, size_t nsize);

typedef struct re_mem {
  re_alloc_fn alloc; /* NULL: realloc/free */
  void *ud;          /* first argument of alloc */
} re_mem;

/* Compile flags: the letters of re.compile's flags string. */
enum {
  RE_CASELESS = 1,  /* "i" */
  RE_MULTILINE = 2, /* "m": ^ and $ at line breaks */
  RE_DOTALL = 4,    /* "s": . matches a newline */
  RE_EXTENDED = 8,  /* "x": whitespace and # comments ignored */
  RE_NOJIT = 16     /* never JIT-compile (tests compare both engines) */
};

#define RE_ERRMSG_SIZE 192

typedef struct re_regex {
  pcre2_code *code;     /* NULL: closed */
  pcre2_match_data *md; /* ovector of code's size; reused by every match */
  re_mem *mem;          /* a copy of re_compile's allocator, allocated
                           by itself: PCRE2 keeps its address */
  uint32_t ncap;        /* capture groups, not counting group 0 */
  unsigned flags;       /* RE_* it was compiled with */
  int jit;              /* pcre2_jit_compile succeeded */
} re_regex;

/* Results of re_exec and re_next. */
enum { RE_ERROR = -1, RE_NOMATCH = 0, RE_MATCH = 1 };

/* The flag letters s[0..n) as RE_* bits. Returns 0, or -1 with *bad set to
** the first letter that is not one of "imsx". */
int re_parse_flags(const char *s, size_t n, unsigned *flags, char *bad);

/* Writes the letters of flags (without RE_NOJIT) into out (at least 5
** bytes), NUL-terminated, in the order "imsx". */
void re_flags_string(unsigned flags, char out[5]);

/* Compile pat[0..n) (may hold NUL bytes) into *re with PCRE2_UTF, PCRE2_UCP
** and PCRE2_MATCH_INVALID_UTF, then JIT-compile it unless RE_NOJIT. mem
** NULL: malloc. Returns 0; or -1 with PCRE2's message in msg and the byte
** offset of the error in *erroffset (out of memory: "out of memory",
** *erroffset 0, *nomem 1 when nomem is not NULL). On failure *re stays
** closed. */
int re_compile(re_regex *re, const re_mem *mem, const char *pat, size_t n, unsigned flags,
               char *msg, size_t msgsize, size_t *erroffset, int *nomem);

/* Free what *re holds and leave it closed (zeroed). Safe on a closed one. */
void re_close(re_regex *re);

/* Match subject s[0..n) from byte offset start (<= n) with extra PCRE2 match
** options (PCRE2_NOTEMPTY_ATSTART, PCRE2_ANCHORED, ...). RE_MATCH: the
** spans are in re_span. RE_NOMATCH. RE_ERROR: PCRE2's message in msg (match
** limit, out of memory). */
int re_exec(re_regex *re, const char *s, size_t n, size_t start, uint32_t options,
            char *msg, size_t msgsize);

/* The span of group i (0 = the whole match) of the last RE_MATCH: returns 1
** and [*start, *end), or 0 when the group did not take part. */
int re_span(const re_regex *re, uint32_t i, size_t *start, size_t *end);

/* The iteration of gmatch, gsub and split, with Lua 5.4's rule for empty
** matches: a match may not be empty at the offset where the previous match
** ended (so \w* on "abc" matches "abc" once, and "" on "abc" matches at 0,
** 1, 2 and 3). *pos is where to search next: start with the first offset
** wanted and *after 0; each RE_MATCH moves *pos to the end of the match and
** sets *after. RE_NOMATCH: no more matches. */
int re_next(re_regex *re, const char *s, size_t n, size_t *pos, int *after, char *msg,
            size_t msgsize);

/* Named groups: how many, and the i-th (0-based) name and its group. */
uint32_t re_name_count(const re_regex *re);
const char *re_name_at(const re_regex *re, uint32_t i, uint32_t *group);

/* Expansion of a replacement template t[0..tn) after a match of re on
** subject s: "$0".."$9" a group, "${N}" group N (any digits), "${name}" a
** named group, "$$" a dollar sign; every other byte is itself. A group that
** did not take part expands to nothing. Pieces go to emit(ud, p, len), which
** may longjmp (the function holds no memory). s NULL: only check the
** template (emit not called). Returns 0, or -1 with "bad replacement at
** offset K: why" in msg (a '$' not followed by a digit, '{' or '$', an
** unclosed "${", a group the pattern does not have). */
typedef void (*re_emit_fn)(void *ud, const char *p, size_t len);
int re_expand(const re_regex *re, const char *s, const char *t, size_t tn,
              re_emit_fn emit, void *ud, char *msg, size_t msgsize);

#endif
