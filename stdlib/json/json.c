/* json.c: JSON core: the UTF-8 check and the streaming writer (the parser
** is json_parse.c). */
#include "json.h"
#include "json_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- UTF-8 */

int json_utf8_check(const char *str, size_t n, size_t *bad) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    /* The second byte's range excludes overlongs (E0, F0), surrogates
    ** (ED) and code points above U+10FFFF (F4), as in Unicode table 3-7. */
    unsigned lo = 0x80, hi = 0xBF;
    size_t len;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0)
        lo = 0xA0;
      if (c == 0xED)
        hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0)
        lo = 0x90;
      if (c == 0xF4)
        hi = 0x8F;
    } else {
      goto invalid; /* continuation byte, C0/C1 overlong lead, F5..FF */
    }
    if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
      goto invalid;
    for (size_t k = 2; k < len; k++)
      if (s[i + k] < 0x80 || s[i + k] > 0xBF)
        goto invalid;
    i += len;
  }
  return 1;
invalid:
  if (bad != NULL)
    *bad = i;
  return 0;
}

/* --------------------------------------------------------------- writer */

static void *default_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  (void)osize;
  if (nsize == 0) {
    free(ptr);
    return NULL;
  }
  return realloc(ptr, nsize);
}

void json_writer_init(json_writer *w, int indent, json_alloc_fn alloc, void *ud) {
  memset(w, 0, sizeof *w);
  w->indent = indent < 0 ? 0 : indent > 16 ? 16 : indent;
  w->alloc = alloc != NULL ? alloc : default_alloc;
  w->alloc_ud = ud;
}

void json_writer_free(json_writer *w) {
  if (w->buf != NULL)
    w->alloc(w->alloc_ud, w->buf, w->cap, 0);
  w->buf = NULL;
  w->len = w->cap = 0;
}

/* Record the first failure; later ones keep the first message. */
JSON_PRINTF(3, 4)
static int w_fail(json_writer *w, int status, const char *fmt, ...) {
  if (w->status == JSON_OK) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->errmsg, sizeof w->errmsg, fmt, ap);
    va_end(ap);
    w->status = status;
  }
  return w->status;
}

/* Room for `extra` more bytes plus the NUL json_writer_finish adds. */
static int w_reserve(json_writer *w, size_t extra) {
  if (w->cap - w->len > extra)
    return JSON_OK;
  if (extra > (size_t)-1 - w->len - 1)
    return w_fail(w, JSON_ENOMEM, "not enough memory");
  size_t need = w->len + extra + 1;
  size_t cap = w->cap != 0 ? w->cap : 256;
  while (cap < need)
    cap = cap > (size_t)-1 / 2 ? need : cap * 2;
  char *p = w->alloc(w->alloc_ud, w->buf, w->buf != NULL ? w->cap : 0, cap);
  if (p == NULL)
    return w_fail(w, JSON_ENOMEM, "not enough memory");
  w->buf = p;
  w->cap = cap;
  return JSON_OK;
}

static int w_put(json_writer *w, const char *p, size_t n) {
  if (w_reserve(w, n) != JSON_OK)
    return w->status;
  memcpy(w->buf + w->len, p, n);
  w->len += n;
  return JSON_OK;
}

/* A newline and the indentation of the current depth. */
static int w_newline(json_writer *w) {
  size_t n = 1 + (size_t)w->indent * (size_t)w->depth;
  if (w_reserve(w, n) != JSON_OK)
    return w->status;
  w->buf[w->len] = '\n';
  memset(w->buf + w->len + 1, ' ', n - 1);
  w->len += n;
  return JSON_OK;
}

static int w_in_object(const json_writer *w) {
  int d = w->depth - 1;
  return w->depth > 0 && (w->is_object[d / 8] >> (d % 8) & 1);
}

/* The separator before a value, and the checks that a value may go here. */
static int w_before_value(json_writer *w) {
  if (w->status != JSON_OK)
    return w->status;
  if (w->done)
    return w_fail(w, JSON_EUSAGE, "a complete value was already written");
  if (w->depth == 0)
    return JSON_OK;
  if (w->after_key) {
    w->after_key = 0; /* the key wrote ":" already */
    return JSON_OK;
  }
  if (w_in_object(w))
    return w_fail(w, JSON_EUSAGE, "a value in an object needs a key first");
  if (w->has_items && w_put(w, ",", 1) != JSON_OK)
    return w->status;
  return w->indent > 0 ? w_newline(w) : JSON_OK;
}

static int w_after_value(json_writer *w) {
  if (w->depth == 0)
    w->done = 1;
  else
    w->has_items = 1;
  return w->status;
}

static int w_begin(json_writer *w, int is_object, char open) {
  if (w_before_value(w) != JSON_OK)
    return w->status;
  if (w->depth >= PW_JSON_MAX_DEPTH)
    return w_fail(w, JSON_EDEPTH, "nesting deeper than %d", PW_JSON_MAX_DEPTH);
  if (w_put(w, &open, 1) != JSON_OK)
    return w->status;
  int d = w->depth++;
  if (is_object)
    w->is_object[d / 8] = (unsigned char)(w->is_object[d / 8] | 1u << (d % 8));
  else
    w->is_object[d / 8] = (unsigned char)(w->is_object[d / 8] & ~(1u << (d % 8)));
  w->has_items = 0;
  return JSON_OK;
}

static int w_end(json_writer *w, int is_object, char close) {
  if (w->status != JSON_OK)
    return w->status;
  if (w->depth == 0 || w_in_object(w) != is_object)
    return w_fail(w, JSON_EUSAGE, "no open %s to end", is_object ? "object" : "array");
  if (w->after_key)
    return w_fail(w, JSON_EUSAGE, "a key has no value");
  w->depth--;
  if (w->has_items && w->indent > 0 && w_newline(w) != JSON_OK)
    return w->status;
  if (w_put(w, &close, 1) != JSON_OK)
    return w->status;
  return w_after_value(w);
}

int json_begin_object(json_writer *w) {
  return w_begin(w, 1, '{');
}
int json_end_object(json_writer *w) {
  return w_end(w, 1, '}');
}
int json_begin_array(json_writer *w) {
  return w_begin(w, 0, '[');
}
int json_end_array(json_writer *w) {
  return w_end(w, 0, ']');
}

/* The two-character escapes JSON defines for control characters; the
** others are written as \u00XX. */
static const char short_escape[0x20] = {
    ['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', ['\f'] = 'f', ['\r'] = 'r'};

/* The quoted, escaped form of s. Runs of plain bytes are copied at once. */
static int w_quoted(json_writer *w, const char *s, size_t n) {
  size_t bad;
  if (!json_utf8_check(s, n, &bad)) {
    w->err_offset = bad;
    return w_fail(w, JSON_EUTF8, "invalid UTF-8 at byte %zu", bad + 1);
  }
  if (w_put(w, "\"", 1) != JSON_OK)
    return w->status;
  size_t run = 0; /* start of the pending plain run */
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    char esc[8] = {'\\', c >= 0x20 ? (char)c : short_escape[c]};
    size_t elen = 2;
    if (esc[1] == 0)
      elen = (size_t)snprintf(esc, sizeof esc, "\\u%04x", c);
    if (w_put(w, s + run, i - run) != JSON_OK || w_put(w, esc, elen) != JSON_OK)
      return w->status;
    run = i + 1;
  }
  if (w_put(w, s + run, n - run) != JSON_OK)
    return w->status;
  return w_put(w, "\"", 1);
}

int json_write_key(json_writer *w, const char *s, size_t n) {
  if (w->status != JSON_OK)
    return w->status;
  if (!w_in_object(w) || w->after_key)
    return w_fail(w, JSON_EUSAGE, "a key must be written in an object, before its value");
  if (w->has_items && w_put(w, ",", 1) != JSON_OK)
    return w->status;
  if (w->indent > 0 && w_newline(w) != JSON_OK)
    return w->status;
  if (w_quoted(w, s, n) != JSON_OK)
    return w->status;
  if (w_put(w, ": ", w->indent > 0 ? 2 : 1) != JSON_OK)
    return w->status;
  w->after_key = 1;
  return JSON_OK;
}

int json_write_string(json_writer *w, const char *s, size_t n) {
  if (w_before_value(w) != JSON_OK || w_quoted(w, s, n) != JSON_OK)
    return w->status;
  return w_after_value(w);
}

int json_write_raw(json_writer *w, const char *s, size_t n) {
  if (w_before_value(w) != JSON_OK || w_put(w, s, n) != JSON_OK)
    return w->status;
  return w_after_value(w);
}

int json_write_integer(json_writer *w, int64_t v) {
  char buf[24];
  int len = snprintf(buf, sizeof buf, "%lld", (long long)v);
  return json_write_raw(w, buf, (size_t)len);
}

int json_write_boolean(json_writer *w, int b) {
  return b ? json_write_raw(w, "true", 4) : json_write_raw(w, "false", 5);
}

int json_write_null(json_writer *w) {
  return json_write_raw(w, "null", 4);
}

size_t json_format_number(double d, int mark_float, char out[JSON_NUMBER_BUFSIZE]) {
  if (!isfinite(d))
    return 0;
  int len = 0;
  for (int prec = 15; prec <= 17; prec++) {
    len = snprintf(out, JSON_NUMBER_BUFSIZE, "%.*g", prec, d);
    if (strtod(out, NULL) == d)
      break; /* 17 digits always read back, so the loop ends here at the latest */
  }
  /* printf and strtod agree on the locale's decimal point; JSON wants '.'.
  ** (A multi-byte decimal point would come out as several dots; the C
  ** locale that pathway runs scripts under has a one-byte '.'.) */
  int plain_integer = 1;
  for (int i = 0; i < len; i++) {
    char c = out[i];
    if (c == 'e') {
      plain_integer = 0;
    } else if ((c < '0' || c > '9') && c != '-' && c != '+') {
      out[i] = '.';
      plain_integer = 0;
    }
  }
  if (mark_float && plain_integer) {
    memcpy(out + len, ".0", 3);
    len += 2;
  }
  return (size_t)len;
}

static int w_double(json_writer *w, double d, int mark_float) {
  char buf[JSON_NUMBER_BUFSIZE];
  size_t len = json_format_number(d, mark_float, buf);
  if (len == 0) {
    if (w->status != JSON_OK)
      return w->status;
    return w_fail(w, JSON_ENUMBER, "%s cannot be encoded",
                  isnan(d) ? "NaN"
                  : d > 0  ? "inf"
                           : "-inf");
  }
  return json_write_raw(w, buf, len);
}

int json_write_number(json_writer *w, double d) {
  return w_double(w, d, 0);
}
int json_write_float(json_writer *w, double d) {
  return w_double(w, d, 1);
}

int json_writer_finish(json_writer *w, const char **out, size_t *len) {
  *out = NULL;
  *len = 0;
  if (w->status != JSON_OK)
    return w->status;
  if (!w->done)
    return w_fail(w, JSON_EUSAGE, "the JSON value is incomplete");
  w->buf[w->len] = '\0'; /* w_reserve always leaves this byte */
  *out = w->buf;
  *len = w->len;
  return JSON_OK;
}
